namespace NexuSql.Cli.Tests;

/// <summary>
/// bt45 M3: <c>exec</c> with several statements kept the earlier ones on SQLite and MariaDB when a later one failed,
/// without a word, while PostgreSQL rolled them all back. Now one transaction wherever the engine can hold the
/// statements in one; where it cannot (MariaDB DDL, SQLite VACUUM, the SQL's own BEGIN ... COMMIT), the failure names
/// what stayed. Each result is read with the engine's own client.
/// </summary>
public sealed class ExecScriptCliTests() : ValueFidelityCliTestBase("execs")
{
    private static async Task<CliRunner.Result> Fails(params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.True(r.ExitCode == 1, $"nexusql {string.Join(' ', args)} → {r.ExitCode}, expected 1\n{r.All}");
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    [InlineData("postgresql")]
    public Task A_failing_statement_rolls_back_the_ones_before_it(string engine) => LiveAsync(async () =>
    {
        var db = await Db.NewAsync(engine);
        await EngineClient.RunScriptAsync(db, "CREATE TABLE t (id int PRIMARY KEY, v varchar(10)); INSERT INTO t VALUES (1, 'a');");
        var r = await Fails("--url", db, "exec", "UPDATE t SET v = 'b';\nINSERT INTO t VALUES (2, 'c');\nINSERT INTO nosuch VALUES (1)");
        Assert.Contains("The SQL failed at statement 3 of 3 (line 3)", r.All, StringComparison.Ordinal);
        Assert.Contains("The SQL ran in one transaction, rolled back: nothing of it was written.", r.All, StringComparison.Ordinal);
        Assert.Equal("1|a", (await EngineClient.RunAsync(db, "SELECT id, v FROM t ORDER BY id")).Trim());

        // parameters reach every statement that uses them; the counts add up
        var ok = await CliRunner.RunAsync("--url", db, "exec", "INSERT INTO t VALUES (:id, :v); UPDATE t SET v = :v WHERE id = 1", "-p", "id=2", "-p", "v=z");
        Assert.True(ok.ExitCode == 0, ok.All);
        Assert.Contains("2 rows affected", ok.All, StringComparison.Ordinal);
        Assert.Equal("1|z\n2|z", (await EngineClient.RunAsync(db, "SELECT id, v FROM t ORDER BY id")).Trim());
    });

    /// <summary>MariaDB commits DDL by itself: one transaction cannot hold the statements, so the failure says which stayed.</summary>
    [Fact]
    public Task Mariadb_ddl_keeps_what_ran_and_says_so() => LiveAsync(async () =>
    {
        var db = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(db, "CREATE TABLE t (id int PRIMARY KEY);");
        var r = await Fails("--url", db, "exec", "INSERT INTO t VALUES (1); CREATE TABLE z (id int); INSERT INTO nosuch VALUES (1)");
        Assert.Contains("The SQL failed at statement 3 of 3", r.All, StringComparison.Ordinal);
        Assert.Contains("Statements 1 to 2 stayed applied (the SQL ran without a transaction: MySQL/MariaDB commits DDL by itself", r.All, StringComparison.Ordinal);
        Assert.Equal("1", (await EngineClient.RunAsync(db, "SELECT id FROM t")).Trim());
        Assert.Equal("z", (await EngineClient.RunAsync(db, "SHOW TABLES LIKE 'z'")).Trim());
    });

    /// <summary>The SQL's own BEGIN ... COMMIT is its own: what it committed stays, and the failure says so.</summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public Task Its_own_transaction_is_kept_and_said(string engine) => LiveAsync(async () =>
    {
        var db = await Db.NewAsync(engine);
        await EngineClient.RunScriptAsync(db, "CREATE TABLE t (id int PRIMARY KEY);");
        var r = await Fails("--url", db, "exec", "BEGIN; INSERT INTO t VALUES (7); COMMIT; INSERT INTO nosuch VALUES (1)");
        Assert.Contains("Statements 1 to 3 stayed applied (the SQL ran without a transaction: it holds its own transaction control)", r.All, StringComparison.Ordinal);
        Assert.Equal("7", (await EngineClient.RunAsync(db, "SELECT id FROM t")).Trim());
    });
}
