namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 43: keys, checks and definitions a copy or a schema apply made into something the target engine accepts
/// other rows with, or fails on half-way. Each case is shown with the engines' own clients.
/// </summary>
public sealed class BreakTest43KeyCliTests() : ValueFidelityCliTestBase("bt43k")
{
    /// <summary>
    /// N-new-8: a PostgreSQL <c>char(10)</c> unique key refuses 'a ' beside 'a' (bpchar pads); copied into SQLite, whose
    /// CHAR(10) is plain text, it took both, and verify said OK, also for two databases made apart. The copy's key now
    /// compares as the source's (SQLite <c>COLLATE RTRIM</c>, MariaDB CHAR under its byte-order collation), the way back
    /// gives PostgreSQL's plain char(10), and verify names a SQLite key that does not leave trailing blanks out.
    /// </summary>
    [Fact]
    public Task A_char_key_refuses_trailing_blanks_wherever_it_is_copied() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE c (id int PRIMARY KEY, e char(10) CONSTRAINT c_e_key UNIQUE, f char(3)); INSERT INTO c VALUES (1, 'a', 'x');");
        var (sqlite, _) = await MoveAsync(pg, "sqlite");
        var maria = await Db.NewAsync("mysql");
        await Ok("copy", "--from", pg, "--to", maria);
        // as in PostgreSQL: 'a ' is 'a'; 'A' is another key
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(pg, "INSERT INTO c (id, e) VALUES (2, 'a ')"));
        foreach (var target in new[] { sqlite, maria })
        {
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(target, "INSERT INTO c (id, e) VALUES (2, 'a ')"));
            await EngineClient.RunAsync(target, "INSERT INTO c (id, e) VALUES (3, 'A')");
            await EngineClient.RunAsync(target, "DELETE FROM c WHERE id = 3");
        }
        await EngineClient.RunScriptAsync(pg, "INSERT INTO c (id, e) VALUES (3, 'A'); DELETE FROM c WHERE id = 3;");
        foreach (var target in new[] { sqlite, maria })
            Assert.Contains("OK: schema, data.", (await Ok("verify", "--url", pg, "--against", target, "--checks", "schema,data")).Stdout, StringComparison.Ordinal);

        // back to PostgreSQL from SQLite: the plain char(10) key, no collation
        var back = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", sqlite, "--to", back);
        Assert.Equal("character|", (await EngineClient.RunAsync(back,
            "SELECT data_type || '|' || coalesce(collation_name, '') FROM information_schema.columns WHERE table_name = 'c' AND column_name = 'e'")).Trim());
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(back, "INSERT INTO c (id, e) VALUES (2, 'a ')"));

        // two databases made apart: SQLite's plain CHAR(10) key takes 'a' and 'a '
        var apart = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(apart, "CREATE TABLE c (id int PRIMARY KEY, e char(10) CONSTRAINT c_e_key UNIQUE, f char(3)); INSERT INTO c VALUES (1, 'a', 'x');");
        var r = await CliRunner.RunAsync("verify", "--url", pg, "--against", apart, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Equal(["[schema] table c: column e: unique c_e_key compares text as CHAR(10) in the first database (two different texts can be one key: 'a' and 'a '), " +
            "by its characters in the second: rows one database accepts the other refuses as duplicates"], Lines(r, "schema"));
        await EngineClient.RunAsync(apart, "INSERT INTO c (id, e) VALUES (2, 'a ')");
    });
}
