namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F5/F6: a SQLite <c>INT PRIMARY KEY</c> (not the rowid) keeps 2.5, 'abc' or NULL as they are. verify
/// --against compared such a table by integer key ranges: rows whose key was no integer were in no range and never
/// compared ("OK: data." over a changed row), text keys failed with an internal InvalidCastException, and two NULL-key
/// rows were one key. Now such a table is compared row by row, NULL keys by content.
/// </summary>
public sealed class VerifyOffTypeKeyCliTests() : ValueFidelityCliTestBase("verify-offtype-key")
{
    private const string Table = "CREATE TABLE t (id INT PRIMARY KEY, v TEXT)";

    [Theory]
    [InlineData("(1, 'a'), (2, 'b'), (2.5, 'c')", "(1, 'a'), (2, 'b'), (2.5, 'DIFFERENT')", "sqlite", "id=2.5: row differs in v")]
    [InlineData("(1, 'a'), (2, 'b'), (2.5, 'c')", "(1, 'a'), (2, 'b'), (7.25, 'c')", "sqlite", "id=2.5: row only in the first database")]
    [InlineData("(1, 'a'), (2, 'b'), ('abc', 'c')", "(1, 'a'), (2, 'b')", "sqlite", "id=abc: row only in the first database")]
    [InlineData("(1, 'a'), (NULL, 'x'), (NULL, 'x2')", "(1, 'a'), (NULL, 'y'), (NULL, 'x2')", "sqlite", "id=NULL: row differs")]
    [InlineData("(1, 'a'), (2, 'b'), (2.5, 'c')", "(1, 'a'), (2, 'b')", "postgresql", "id=2.5: row only in the first database")]
    public async Task Rows_whose_integer_key_holds_another_value_are_compared_and_a_change_found(string firstRows, string secondRows, string secondEngine, string finding)
    {
        try
        {
            var first = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(first, $"{Table}; INSERT INTO t VALUES {firstRows};");
            // SQLite holds them as they are (read with sqlite3)
            Assert.NotEqual("0", await EngineClient.RunAsync(first, "SELECT count(*) FROM t WHERE typeof(id) <> 'integer'"));
            var second = await Db.NewAsync(secondEngine);
            await EngineClient.RunScriptAsync(second, $"{Table}; INSERT INTO t VALUES {secondRows};");
            var r = await CliRunner.RunAsync("--json", "--url", first, "verify", "--against", second, "--checks", "data");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains(finding, r.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("internal", r.Stdout, StringComparison.Ordinal);
            // and the same database against itself, in another file: no difference
            var same = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(same, $"{Table}; INSERT INTO t VALUES {firstRows};");
            await Ok("--url", first, "verify", "--against", same, "--checks", "data");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
