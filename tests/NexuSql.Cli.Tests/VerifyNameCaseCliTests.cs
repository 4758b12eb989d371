namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F7: verify --against matches tables and columns regardless of case (SQLite <c>orders.amount</c> and
/// PostgreSQL <c>"Orders"."Amount"</c>), but read the second database with the first one's spelling: PostgreSQL error
/// 42P01/42703 in one order, a comparison in the other. Each side is now read by its own names: both orders compare.
/// </summary>
public sealed class VerifyNameCaseCliTests() : ValueFidelityCliTestBase("verify-name-case")
{
    [Theory]
    [InlineData("postgresql", "CREATE TABLE \"Orders\" (id int PRIMARY KEY, \"Amount\" int, note text)", "\"Orders\"", "\"Amount\"")]
    [InlineData("mysql", "CREATE TABLE Orders (id int PRIMARY KEY, Amount int, note text)", "Orders", "Amount")]
    public async Task Tables_and_columns_spelled_in_another_case_are_compared_in_both_orders(string engine, string create, string table, string column)
    {
        try
        {
            var sqlite = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE orders (id INTEGER PRIMARY KEY, amount INT, note TEXT); INSERT INTO orders VALUES (1, 5, 'x'), (2, 7, 'y');");
            var other = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(other, $"{create}; INSERT INTO {table} VALUES (1, 5, 'x'), (2, 7, 'y');");
            foreach (var (first, second) in new[] { (sqlite, other), (other, sqlite) })
                await Ok("--url", first, "verify", "--against", second, "--checks", "data");
            await EngineClient.RunAsync(other, $"UPDATE {table} SET {column} = 8 WHERE id = 2");
            foreach (var (first, second) in new[] { (sqlite, other), (other, sqlite) })
            {
                var r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--checks", "data");
                Assert.True(r.ExitCode == 3, r.All);
                Assert.Contains("id=2: row differs in", r.All, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("error", r.All, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
