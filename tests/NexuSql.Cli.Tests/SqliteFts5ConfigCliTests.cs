namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue #12 L12: an FTS5 table's persistent configuration (<c>INSERT INTO ft(ft, rank) VALUES('rank', 'bm25(10.0, 5.0)')</c>,
/// <c>'pgsz'</c>, <c>'automerge'</c>, ..., kept in its <c>ft_config</c> shadow table) was lost by SQLite → SQLite copy and
/// backup/restore — the table came back with the module's defaults, MATCH ranked rows otherwise — and verify said OK.
/// Now it is in the schema model (<c>"virtualConfig"</c>): set again after CREATE VIRTUAL TABLE, compared by verify and
/// diffed by schema diff. Both sides are read with sqlite3.
/// </summary>
public sealed class SqliteFts5ConfigCliTests() : SchemaFidelityCliTestBase("sqlite-fts5-config")
{
    private const string Config = "SELECT group_concat(k || '=' || v || ':' || typeof(v), ',') FROM (SELECT k, v FROM ft_config ORDER BY k)";

    [Fact]
    public async Task Copy_and_restore_keep_fts5_configuration_and_verify_names_a_difference()
    {
        var source = "sqlite:///" + Db.File("src.db");
        await EngineClient.RunScriptAsync(source, """
            CREATE VIRTUAL TABLE ft USING fts5(title, body);
            INSERT INTO ft(ft, rank) VALUES('rank', 'bm25(10.0, 5.0)');
            INSERT INTO ft(ft, rank) VALUES('pgsz', 8000);
            INSERT INTO ft(ft, rank) VALUES('automerge', 2);
            INSERT INTO ft(ft, rank) VALUES('crisismerge', 20);
            INSERT INTO ft(ft, rank) VALUES('usermerge', 5);
            INSERT INTO ft(title, body) VALUES('hello', 'world'), ('foo', 'bar hello');
            """);
        var expected = await EngineClient.RunAsync(source, Config);
        Assert.Equal("automerge=2:integer,crisismerge=20:integer,pgsz=8000:integer,rank=bm25(10.0, 5.0):text,usermerge=5:integer,version=4:integer", expected);
        var (copied, restored, _) = await MoveAsync(source, "sqlite");
        Assert.Equal(expected, await EngineClient.RunAsync(copied, Config));
        Assert.Equal(expected, await EngineClient.RunAsync(restored, Config));
        const string ranked = "SELECT group_concat(rowid, ',') FROM (SELECT rowid FROM ft WHERE ft MATCH 'hello' ORDER BY rank)";
        Assert.Equal(await EngineClient.RunAsync(source, ranked), await EngineClient.RunAsync(restored, ranked));
        await Ok("--url", source, "verify", "--against", restored);

        // changed behind the tool's back: verify names the option, schema diff sets it again
        await EngineClient.RunAsync(restored, "INSERT INTO ft(ft, rank) VALUES('pgsz', 4000)");
        var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", restored);
        Assert.True(verify.ExitCode == 3, verify.All);
        Assert.Contains("table ft: virtual config: pgsz: 8000 in the first database, 4000 in the second", verify.All, StringComparison.Ordinal);
        var file = await WriteAsync(await DumpAsync(source));
        await Ok("--url", restored, "schema", "apply", file, "--yes");
        Assert.Equal(expected, await EngineClient.RunAsync(restored, Config));
        await Ok("--url", source, "verify", "--against", restored);
    }
}
