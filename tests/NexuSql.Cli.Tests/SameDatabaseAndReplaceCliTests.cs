namespace NexuSql.Cli.Tests;

/// <summary>
/// A copy whose target is its own source spelled another way is refused before anything is dropped (the #11 break
/// test: <c>copy --clean</c> emptied the source, and on MariaDB said "counts and hashes match"); a restore that replaces
/// some tables leaves every other table as it was.
/// </summary>
public sealed class SameDatabaseAndReplaceCliTests() : ValueFidelityCliTestBase("same-replace")
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task Copy_clean_into_the_source_spelled_another_way_is_refused_and_the_source_keeps_its_rows(string engine)
    {
        try
        {
            var source = await Db.NewAsync(engine);
            await EngineClient.RunAsync(source, "CREATE TABLE keep (id INT PRIMARY KEY, v VARCHAR(10)); INSERT INTO keep VALUES (1, 'a'), (2, 'b')");
            string same;
            if (engine == "sqlite")
            {
                // through a symbolic link to its folder and a ./
                var link = Db.File("link");
                Directory.CreateSymbolicLink(link, Path.GetDirectoryName(source["sqlite:///".Length..])!);
                same = "sqlite:///" + Path.Combine(link, ".", Path.GetFileName(source));
            }
            else
            {
                // localhost instead of 127.0.0.1, and an option that changes nothing
                same = source.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + (engine == "mysql" ? "?allow_load_local_infile=true" : "?application_name=x");
            }
            Assert.NotEqual(source, same);
            var copy = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", same, "--clean", "--yes");
            Assert.Equal(4, copy.ExitCode);
            Assert.Equal("refused", copy.Json.GetProperty("error").GetProperty("kind").GetString());
            Assert.Contains("same database", copy.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("1|a\n2|b", await EngineClient.RunAsync(source, "SELECT id, v FROM keep ORDER BY id"));
            Assert.Equal(engine == "sqlite" ? "keep" : "1", await EngineClient.RunAsync(source, engine switch
            {
                "sqlite" => "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'",
                "postgresql" => "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
                _ => "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()",
            }));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task Restore_tables_replace_restores_those_tables_and_leaves_the_others_as_they_are(string engine)
    {
        try
        {
            var db = await Db.NewAsync(engine);
            await EngineClient.RunAsync(db, "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20)); " +
                "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers (id), total DECIMAL(8,2)); " +
                "CREATE TABLE audit (id INT PRIMARY KEY, order_id INT REFERENCES orders (id)); " +
                "INSERT INTO customers VALUES (1, 'ann'), (2, 'bob'); INSERT INTO orders VALUES (10, 1, 5.50), (11, 2, 7.25)");
            var backup = Db.File($"replace-{engine}.nxb");
            await Ok("--url", db, "backup", "-o", backup);
            // after the backup: an order is lost, another changed, a customer added
            await EngineClient.RunAsync(db, "DELETE FROM orders WHERE id = 11; UPDATE orders SET total = 0 WHERE id = 10; INSERT INTO customers VALUES (3, 'cy')");

            // audit (which stays) references orders: refused, nothing changed
            var refused = await CliRunner.RunAsync("--json", "--url", db, "restore", backup, "--tables", "orders", "--replace", "--yes");
            Assert.Equal(4, refused.ExitCode);
            Assert.Contains("table audit has foreign key", refused.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(engine == "sqlite" ? "10|0" : "10|0.00", await EngineClient.RunAsync(db, "SELECT id, total FROM orders ORDER BY id"));

            await EngineClient.RunAsync(db, "DROP TABLE audit");
            var restore = await CliRunner.RunAsync("--json", "--url", db, "restore", backup, "--tables", "orders", "--replace", "--yes");
            Assert.True(restore.ExitCode == 0, restore.All);
            Assert.Equal(engine == "sqlite" ? "10|1|5.5\n11|2|7.25" : "10|1|5.50\n11|2|7.25", await EngineClient.RunAsync(db, "SELECT id, customer_id, total FROM orders ORDER BY id"));
            Assert.Equal("1|ann\n2|bob\n3|cy", await EngineClient.RunAsync(db, "SELECT id, name FROM customers ORDER BY id"));
            // the foreign key to the table that stayed is still there: an order of a customer that does not exist is refused
            var orphan = await CliRunner.RunAsync("--url", db, "exec", "INSERT INTO orders VALUES (12, 99, 1)");
            Assert.NotEqual(0, orphan.ExitCode);
            Assert.Equal("", await EngineClient.RunAsync(db, engine == "sqlite" ? "SELECT name FROM sqlite_master WHERE name LIKE 'nexusql%'"
                : engine == "postgresql" ? "SELECT tablename FROM pg_tables WHERE tablename LIKE 'nexusql%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'nexusql%'"));

            var usage = await CliRunner.RunAsync("--url", db, "restore", backup, "--replace", "--yes");
            Assert.Equal(2, usage.ExitCode);
            Assert.Contains("--tables", usage.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
