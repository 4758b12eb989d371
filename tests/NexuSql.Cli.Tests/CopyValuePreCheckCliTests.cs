namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 11, F15: a copy into another engine refused a value the target cannot hold only when it reached that table,
/// after the tables before it were written (the target marked as an unfinished copy). Every value is now checked
/// before the target is touched — even with --clean, whose drop comes after the check — and the refusal names table,
/// column and key. The target is read with the engine's own client afterwards: exactly as it was.
/// </summary>
public sealed class CopyValuePreCheckCliTests() : ValueFidelityCliTestBase("copy-precheck")
{
    [Theory]
    // PostgreSQL double NaN: MariaDB DOUBLE holds no NaN
    [InlineData("postgresql", "CREATE TABLE z_bad (id int PRIMARY KEY, f double precision); INSERT INTO z_bad VALUES (1, 1.5), (2, 'NaN')",
        "mysql", "f", "id=2")]
    // PostgreSQL date infinity: SQLite has no date beyond 9999-12-31
    [InlineData("postgresql", "CREATE TABLE z_bad (id int PRIMARY KEY, d date); INSERT INTO z_bad VALUES (1, '2020-01-01'), (3, 'infinity')",
        "sqlite", "d", "id=3")]
    // a NUL character in SQLite text: PostgreSQL text cannot store it
    [InlineData("sqlite", "CREATE TABLE z_bad (id INTEGER PRIMARY KEY, s TEXT); INSERT INTO z_bad VALUES (1, 'ab'), (7, 'a' || char(0) || 'b')",
        "postgresql", "s", "id=7")]
    // a MariaDB zero date: no other engine has one
    [InlineData("mysql", "SET SESSION sql_mode = ''; CREATE TABLE z_bad (id INT PRIMARY KEY, d DATE); INSERT INTO z_bad VALUES (1, '2020-01-01'), (4, '0000-00-00')",
        "postgresql", "d", "id=4")]
    public async Task A_value_the_target_cannot_hold_is_refused_by_key_before_the_target_is_touched(string engine, string sql, string into, string column, string key)
    {
        try
        {
            var source = await Db.NewAsync(engine);
            // a table with good rows that the copy would write first
            await EngineClient.RunAsync(source, "CREATE TABLE a_good (id INT PRIMARY KEY, s VARCHAR(10))");
            await EngineClient.RunAsync(source, "INSERT INTO a_good VALUES (1, 'one')");
            await EngineClient.RunAsync(source, sql);
            var target = await Db.NewAsync(into);
            await EngineClient.RunAsync(target, "CREATE TABLE keep (id INT PRIMARY KEY, s VARCHAR(10))");
            await EngineClient.RunAsync(target, "INSERT INTO keep VALUES (1, 'kept')");
            var tables = into switch
            {
                "mysql" => "SELECT GROUP_CONCAT(table_name ORDER BY table_name) FROM information_schema.tables WHERE table_schema = DATABASE()",
                "postgresql" => "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'",
                _ => "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)",
            };

            var r = await CliRunner.RunAsync("--json", "copy", "--clean", "--yes", "--from", source, "--to", target);
            var error = AssertValueError(r, "z_bad", column, key);
            Assert.Contains("Nothing was written to the target", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("--resume", r.All, StringComparison.Ordinal);
            // the target as it was: its own table and row, no copied table, no unfinished-copy marker
            Assert.Equal("keep", await EngineClient.RunAsync(target, tables));
            Assert.Equal("1|kept", await EngineClient.RunAsync(target, "SELECT id, s FROM keep"));

            // the plain text output names the value too, with no stack trace
            var text = await CliRunner.RunAsync("copy", "--clean", "--yes", "--from", source, "--to", target);
            Assert.Equal(1, text.ExitCode);
            Assert.Contains("z_bad", text.All, StringComparison.Ordinal);
            Assert.Contains(key, text.All, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text.All, StringComparison.Ordinal);
            Assert.Equal("keep", await EngineClient.RunAsync(target, tables));

            // without the bad table the copy goes through, read back with the engine's client
            var good = await Db.NewAsync(into);
            await Ok("copy", "--tables", "a_good", "--from", source, "--to", good);
            Assert.Equal("1|one", await EngineClient.RunAsync(good, "SELECT id, s FROM a_good"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Break test of issue 11 (session 16), M2: without LOAD DATA LOCAL, rows go into MariaDB as INSERT statements, and a
    /// value larger than max_allowed_packet was found only while writing (target half-created and marked). The pre-check
    /// now asks the provider what the target's load can carry: refused by key with nothing written, copy and restore.
    /// </summary>
    [Fact]
    public async Task A_value_larger_than_max_allowed_packet_without_load_data_local_is_refused_before_writing()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE a_good (id int PRIMARY KEY); INSERT INTO a_good VALUES (1); " +
                "CREATE TABLE b (id int PRIMARY KEY, t text); INSERT INTO b VALUES (1, 'small'), (2, repeat('x', 17 * 1024 * 1024)); " +
                // session 18 break test M7: 9 MB of backslash-quote takes 18 MB escaped in an INSERT (was let through, then a raw 1153)
                "CREATE TABLE c (id int PRIMARY KEY, t text); INSERT INTO c VALUES (7, repeat(chr(92) || chr(39), 4500000))");
            var target = await Db.NewAsync("mysql");
            var insertsOnly = target + (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "allow_load_local_infile=false";
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", insertsOnly);
            var error = AssertValueError(r, "b", "t", "id=2");
            var message = error.GetProperty("message").GetString()!;
            Assert.Contains("more than the server's max_allowed_packet", message, StringComparison.Ordinal);
            Assert.Contains("local_infile=ON", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", message, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(target, "SHOW TABLES"));
            Assert.Contains("the value takes 18,000,000 bytes in an INSERT",
                AssertValueError(await CliRunner.RunAsync("--json", "copy", "--tables", "c", "--from", source, "--to", insertsOnly), "c", "t", "id=7").GetProperty("message").GetString(),
                StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(target, "SHOW TABLES"));

            var backup = Db.File("big.nxb");
            await Ok("--url", source, "backup", "-o", backup);
            r = await CliRunner.RunAsync("--json", "--url", insertsOnly, "restore", backup);
            AssertValueError(r, "b", "t", "id=2");
            Assert.Equal("", await EngineClient.RunAsync(target, "SHOW TABLES"));

            // with LOAD DATA LOCAL (the default) the value arrives whole
            await Ok("copy", "--from", source, "--to", target);
            Assert.Equal("17825792|" + await EngineClient.RunAsync(source, "SELECT md5(t) FROM b WHERE id = 2"),
                await EngineClient.RunAsync(target, "SELECT length(t), md5(t) FROM b WHERE id = 2"));
            Assert.Equal("9000000|" + await EngineClient.RunAsync(source, "SELECT md5(t) FROM c"), await EngineClient.RunAsync(target, "SELECT length(t), md5(t) FROM c"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
