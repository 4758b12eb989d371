namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 44: a PostgreSQL migration's ABORT was refused with "remove the script's BEGIN and COMMIT", which it did not
/// have; a MariaDB migration's ROLLBACK after a CREATE TABLE was said to have undone the statements before it, which
/// MariaDB had committed at the DDL. Each is said as the engine's own client shows it.
/// </summary>
public sealed class ScriptRollbackWordingCliTests() : ValueFidelityCliTestBase("bt44rb")
{
    [Fact]
    public Task A_postgresql_abort_is_refused_with_advice_for_an_abort() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        var r = await CliRunner.RunAsync("--url", pg, "migrate", "--locations",
            Migrations("abort", ("V1__abort.sql", "create table a (id int primary key);\ninsert into a values (1);\nabort;\n")));
        Assert.True(r.ExitCode == 1, r.All);
        Assert.Contains("the script controls its own transaction (abort), and NexuSQL runs each migration on PostgreSQL in a transaction of its own, recorded with it; " +
                        "remove the abort: inside that transaction it would undo the script's statements before it", r.All, StringComparison.Ordinal);
        Assert.Contains("or make its first line -- nexusql:no-transaction", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN and COMMIT", r.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(pg, "SELECT table_name FROM information_schema.tables WHERE table_name = 'a'"));
    });

    [Fact]
    public Task A_mariadb_rollback_after_ddl_is_said_to_have_undone_nothing() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        var folder = Migrations("ddl", ("V1__a.sql", "create table a (id int primary key);\n"),
            ("V2__b.sql", "start transaction;\ninsert into a values (1);\ncreate table z (i int);\nrollback;\ninsert into nosuch values (1);\n"));
        var r = await CliRunner.RunAsync("--url", maria, "migrate", "--locations", folder);
        Assert.True(r.ExitCode == 1, r.All);
        Assert.Contains("failed at statement 5 of 5 (line 5)", r.All, StringComparison.Ordinal);
        Assert.Contains("The script's rollback (statement 4, line 4) undid nothing: its create table z (i int) (statement 3, line 3) committed the transaction " +
                        "from its start transaction (line 1) before it ran", r.All, StringComparison.Ordinal);
        Assert.Contains("statements 1 to 4 stayed applied", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("were undone", r.All, StringComparison.Ordinal);
        // as MariaDB shows it: the insert and the table stayed
        Assert.Equal("1", await EngineClient.RunAsync(maria, "SELECT id FROM a"));
        Assert.Equal("z", await EngineClient.RunAsync(maria, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'z'"));
    });
}
