namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F19: SQLite FTS5 (and other virtual) tables were copied as plain tables, their shadow tables beside
/// them as user tables — "verified", and MATCH gone. Now SQLite→SQLite copy and restore create each from its CREATE
/// VIRTUAL TABLE statement and load its rows with their rowids (the module builds its shadow tables again): a MATCH
/// returns the same rows on both sides (read with sqlite3). Into another engine they are refused by name; a contentless
/// FTS5 table, whose text cannot be read back, is created empty and its rows named as left out.
/// </summary>
public sealed class SqliteVirtualTableCliTests() : ValueFidelityCliTestBase("sqlite-virtual")
{
    private const string Script = """
        CREATE TABLE doc (id integer PRIMARY KEY, body text);
        INSERT INTO doc VALUES (1, 'hello world'), (2, 'bye'), (5, 'hello again');
        CREATE VIRTUAL TABLE doc_fts USING fts5(body, content='doc', content_rowid='id');
        INSERT INTO doc_fts(doc_fts) VALUES ('rebuild');
        CREATE VIRTUAL TABLE plain_fts USING fts5(title);
        INSERT INTO plain_fts (rowid, title) VALUES (7, 'alpha beta'), (9, 'gamma alpha'), (11, 'delta');
        CREATE VIRTUAL TABLE rt USING rtree(id, minx, maxx);
        INSERT INTO rt VALUES (1, 0.5, 2.5);
        CREATE VIRTUAL TABLE cl USING fts5(x, content='');
        INSERT INTO cl (rowid, x) VALUES (1, 'zzz');
        """;

    private const string Shape = "SELECT group_concat(type || ' ' || name, ',') FROM (SELECT type, name FROM sqlite_master WHERE type = 'table' ORDER BY name)";

    [Fact]
    public async Task Copy_and_restore_sqlite_to_sqlite_recreate_virtual_tables_and_their_index()
    {
        var source = "sqlite:///" + Db.File("fts.db");
        await EngineClient.RunScriptAsync(source, Script);
        var target = await Db.NewAsync("sqlite");
        var copy = await Ok("--json", "copy", "--from", source, "--to", target);
        Assert.Equal(["doc", "doc_fts", "plain_fts", "rt"], copy.Json.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray());
        Assert.Contains("rows of virtual table cl (a contentless fts5 full-text table", copy.Json.GetProperty("leftOut")[0].GetString(), StringComparison.Ordinal);
        var file = Db.File("fts.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var restored = await Db.NewAsync("sqlite");
        await Ok("--url", restored, "restore", file);
        foreach (var other in new[] { target, restored })
        {
            foreach (var sql in new[]
                     {
                         "SELECT group_concat(rowid || ':' || title, ',') FROM (SELECT rowid, title FROM plain_fts WHERE plain_fts MATCH 'alpha' ORDER BY rowid)",
                         "SELECT group_concat(rowid, ',') FROM (SELECT rowid FROM doc_fts WHERE doc_fts MATCH 'hello' ORDER BY rowid)",
                         "SELECT group_concat(id, ',') FROM rt WHERE minx <= 1 AND maxx >= 1",
                     })
                Assert.Equal(await EngineClient.RunAsync(source, sql), await EngineClient.RunAsync(other, sql));
            Assert.Equal("7:alpha beta,9:gamma alpha", await EngineClient.RunAsync(other,
                "SELECT group_concat(rowid || ':' || title, ',') FROM (SELECT rowid, title FROM plain_fts WHERE plain_fts MATCH 'alpha' ORDER BY rowid)"));
            // the virtual tables are virtual again, their shadow tables the module's own (no doubled plain copies)
            Assert.StartsWith("CREATE VIRTUAL TABLE plain_fts", await EngineClient.RunAsync(other, "SELECT sql FROM sqlite_master WHERE name = 'plain_fts'"), StringComparison.Ordinal);
            Assert.Equal("ok", await EngineClient.RunAsync(other, "SELECT 'ok' FROM (SELECT 1) WHERE (SELECT count(*) FROM sqlite_master WHERE name LIKE '%_data') = 3"));
            await EngineClient.RunAsync(other, "INSERT INTO plain_fts(plain_fts) VALUES ('integrity-check')");
            await EngineClient.RunAsync(other, "INSERT INTO doc_fts(doc_fts) VALUES ('integrity-check')");
            // the contentless table is there, empty (its text cannot be read back: break test 25 F6)
            Assert.Equal("0", await EngineClient.RunAsync(other, "SELECT count(*) FROM cl WHERE cl MATCH 'zzz'"));
        }
        // the contentless table's rows were not carried: verify says so, and nothing else differs
        var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", target, "--checks", "data");
        Assert.True(verify.ExitCode == 3, verify.All);
        Assert.Equal(["cl"], verify.All.Split('\n').Where(l => l.StartsWith("[data] ", StringComparison.Ordinal)).Select(l => l[7..].Split(':')[0]).Distinct().ToArray());
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task Copy_and_restore_sqlite_virtual_tables_into_another_engine_are_refused_by_name(string engine)
    {
        try
        {
            var source = "sqlite:///" + Db.File("fts.db");
            await EngineClient.RunScriptAsync(source, Script);
            var copied = await Db.NewAsync(engine);
            var copy = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", copied);
            var file = Db.File("fts.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restored = await Db.NewAsync(engine);
            var restore = await CliRunner.RunAsync("--url", restored, "--json", "restore", file);
            foreach (var r in new[] { copy, restore })
            {
                Assert.True(r.ExitCode == 4, r.All);
                var message = r.Json.GetProperty("error").GetProperty("message").GetString()!;
                foreach (var name in new[] { "doc_fts (CREATE VIRTUAL TABLE doc_fts USING fts5", "plain_fts (CREATE VIRTUAL TABLE", "rt (CREATE VIRTUAL TABLE rt USING rtree" })
                    Assert.Contains(name, message, StringComparison.Ordinal);
                Assert.DoesNotContain("_data", message, StringComparison.Ordinal);
            }
            var tables = engine == "postgresql" ? "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" : "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()";
            Assert.Equal("0", await EngineClient.RunAsync(copied, tables));
            Assert.Equal("0", await EngineClient.RunAsync(restored, tables));
            // the content table alone goes, and no shadow table with it
            await Ok("copy", "--from", source, "--to", copied, "--tables", "doc");
            Assert.Equal("1", await EngineClient.RunAsync(copied, tables));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
