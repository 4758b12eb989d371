namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 44 L3: a SQLite check naming a column in SQLite's brackets (<c>[k]</c>) or backquotes, copied to
/// MariaDB, was refused as "arrays are PostgreSQL's own". The names are read as the columns they quote; the check is
/// written and MariaDB refuses what SQLite refuses.
/// </summary>
public sealed class BracketQuotedCheckCliTests() : ValueFidelityCliTestBase("bt44bq")
{
    [Fact]
    public Task A_sqlite_check_with_bracket_and_backquote_quoted_columns_copies_to_mariadb() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE t (id integer PRIMARY KEY, k int, v int, CHECK (v > 0 OR [k] > 0), CHECK (`v` < 100 AND [v] <> 5));");
        var maria = await Db.NewAsync("mysql");
        var r = await CliRunner.RunAsync("copy", "--from", sqlite, "--to", maria, "--yes");
        Assert.True(r.ExitCode == 0, r.All);
        Assert.DoesNotContain("arrays", r.All, StringComparison.Ordinal);
        var checks = await EngineClient.RunAsync(maria,
            "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 't' ORDER BY CHECK_CLAUSE");
        Assert.Contains("`k` > 0", checks, StringComparison.Ordinal);
        Assert.Contains("`v` <> 5", checks, StringComparison.Ordinal);
        // what SQLite refuses, MariaDB refuses; what it takes, MariaDB takes
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(sqlite, "INSERT INTO t VALUES (1, -1, -1)"));
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(maria, "INSERT INTO t VALUES (1, -1, -1)"));
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(maria, "INSERT INTO t VALUES (2, 1, 5)"));
        await EngineClient.RunAsync(maria, "INSERT INTO t VALUES (3, 1, -1)");
        Assert.Equal("3|1|-1", await EngineClient.RunAsync(maria, "SELECT id, k, v FROM t"));
    });
}
