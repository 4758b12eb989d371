namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 31, the rest of its findings: a replace that dropped the target's tables before finding that the backup's
/// rows break a foreign key to a table that stays (B14). Each side is read with the engine's own client.
/// </summary>
public sealed class BreakTest31MoreCliTests() : ValueFidelityCliTestBase("bt31m")
{
    /// <summary>Runs a test body, dropping the server databases it made afterwards.</summary>
    private async Task LiveAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// B14: <c>restore --tables orders --replace</c> where a backup row's user is gone from the target's users (which
    /// stays) is refused by table, column, key and foreign key before anything is dropped; once the user is back it runs.
    /// </summary>
    [Fact]
    public Task A_replace_whose_rows_miss_a_parent_that_stays_is_refused_before_anything_is_dropped() => LiveAsync(async () =>
    {
        foreach (var engine in new[] { "postgresql", "mysql", "sqlite" })
        {
            var source = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE users (id int PRIMARY KEY, name varchar(20));
                CREATE TABLE orders (id int PRIMARY KEY, user_id int, note varchar(20), CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id));
                INSERT INTO users VALUES (1, 'ann'), (5, 'eve');
                INSERT INTO orders VALUES (1, 1, 'a'), (2, 5, 'b'), (3, NULL, 'c');
                """);
            var file = Db.File($"{engine}-replace.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var target = await Db.NewAsync(engine);
            await Ok("--url", target, "restore", file);
            await EngineClient.RunScriptAsync(target, """
                DELETE FROM orders WHERE user_id = 5;
                DELETE FROM users WHERE id = 5;
                INSERT INTO orders VALUES (4, 1, 'target only');
                """);
            const string orders = "SELECT id, user_id, note FROM orders ORDER BY id";
            var before = await EngineClient.RunAsync(target, orders);

            var r = await CliRunner.RunAsync("--json", "--yes", "--url", target, "restore", file, "--tables", "orders", "--replace");
            var error = AssertConstraintError(r, "orders", "user_id", "id=2");
            var message = error.GetProperty("message").GetString()!;
            Assert.Contains("Nothing was changed", message, StringComparison.Ordinal);
            // (SQLite reports no name for a foreign key)
            foreach (var named in new[] { "user_id=5", engine == "sqlite" ? "foreign key (user_id)" : "foreign key orders_user_fk (user_id)", "no row in users", "--tables" })
                Assert.Contains(named, message, StringComparison.Ordinal);
            // no advice that assumes tables were dropped, nor to run the same command again (refused the same way)
            foreach (var not in new[] { "were dropped", "may already have dropped", "same command again" })
                Assert.DoesNotContain(not, message, StringComparison.Ordinal);
            // the target's own rows are all there, and no restore is marked unfinished
            Assert.Equal(before, await EngineClient.RunAsync(target, orders));
            Assert.Equal("0", await EngineClient.RunAsync(target,
                "SELECT count(*) FROM " + (engine == "sqlite" ? "sqlite_master WHERE name" : "information_schema.tables WHERE table_name") + " = 'nexusql_restore_incomplete'"));

            // the parent row back: the replace runs and the target holds the backup's orders
            await EngineClient.RunScriptAsync(target, "INSERT INTO users VALUES (5, 'eve');");
            await Ok("--yes", "--url", target, "restore", file, "--tables", "orders", "--replace");
            Assert.Equal(await EngineClient.RunAsync(source, orders), await EngineClient.RunAsync(target, orders));
        }
    });
}
