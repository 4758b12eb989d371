namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 25: SQLite full-text tables the pipelines carried wrongly. An FTS5 table whose external content is a view
/// had its index built before the view existed (F31: "verified", every MATCH empty). A contentless FTS5 table was left
/// out after writing (F6) and kept its rows through reset (F7); a contentless FTS4 one failed with a bare "SQL logic
/// error" (F30): both are now created empty, their rows named under left out, and emptied or dropped by reset and
/// restore --clean. Each result is read with sqlite3.
/// </summary>
public sealed class SqliteFullTextCliTests() : ValueFidelityCliTestBase("sqlite-fulltext")
{
    private const string ViewContent = """
        CREATE TABLE docs (id integer PRIMARY KEY, t text, hidden int);
        INSERT INTO docs VALUES (1, 'hello world', 0), (2, 'secret fox', 1), (3, 'hello fox', 0);
        CREATE VIEW dv AS SELECT id, t FROM docs WHERE hidden = 0;
        CREATE VIRTUAL TABLE vf USING fts5(t, content='dv', content_rowid='id');
        INSERT INTO vf(vf) VALUES ('rebuild');
        """;

    private const string Match = "SELECT group_concat(rowid, ',') FROM (SELECT rowid FROM vf WHERE vf MATCH 'hello OR fox' ORDER BY rowid)";

    private const string Check = "INSERT INTO vf(vf, rank) VALUES ('integrity-check', 1); SELECT 'ok'";

    [Fact]
    public async Task Copy_and_restore_build_a_full_text_index_whose_content_is_a_view_after_the_view()
    {
        var source = "sqlite:///" + Db.File("ev.db");
        await EngineClient.RunScriptAsync(source, ViewContent);
        Assert.Equal("1,3", await EngineClient.RunAsync(source, Match));
        var (copied, restored) = await MoveAsync(source, "sqlite");
        foreach (var other in new[] { copied, restored })
        {
            Assert.Equal("1,3", await EngineClient.RunAsync(other, Match));
            Assert.Equal("ok", await EngineClient.RunAsync(other, Check));
        }
        // into the target's own tables and view: the index is built from the view once the rows are in
        var schemaOnly = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", schemaOnly, "--schema-only");
        await Ok("copy", "--from", source, "--to", schemaOnly, "--data-only");
        Assert.Equal("1,3", await EngineClient.RunAsync(schemaOnly, Match));
        Assert.Equal("ok", await EngineClient.RunAsync(schemaOnly, Check));
    }

    private const string Contentless = """
        CREATE TABLE plain (id integer PRIMARY KEY, v text);
        INSERT INTO plain VALUES (1, 'x');
        CREATE VIRTUAL TABLE cl USING fts5(a, content='');
        INSERT INTO cl(rowid, a) VALUES (1, 'alpha beta'), (2, 'gamma');
        CREATE VIRTUAL TABLE c4 USING fts4(a, content='');
        INSERT INTO c4(docid, a) VALUES (1, 'alpha');
        """;

    private const string Hits = "SELECT (SELECT count(*) FROM cl WHERE cl MATCH 'alpha OR gamma') || '|' || (SELECT count(*) FROM c4 WHERE c4 MATCH 'alpha')";

    [Fact]
    public async Task Contentless_full_text_tables_are_created_empty_and_named_and_reset_empties_them()
    {
        var source = "sqlite:///" + Db.File("cl.db");
        await EngineClient.RunScriptAsync(source, Contentless);
        Assert.Equal("2|1", await EngineClient.RunAsync(source, Hits));
        var copied = await Db.NewAsync("sqlite");
        var copy = await Ok("--json", "copy", "--from", source, "--to", copied);
        var file = Db.File("cl.nxb");
        var backup = await Ok("--json", "--url", source, "backup", "-o", file);
        var restored = await Db.NewAsync("sqlite");
        await Ok("--url", restored, "restore", file);
        foreach (var r in new[] { copy, backup })
        {
            var leftOut = r.Json.GetProperty("leftOut").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Contains(leftOut, x => x.StartsWith("rows of virtual table cl (a contentless fts5 full-text table", StringComparison.Ordinal));
            Assert.Contains(leftOut, x => x.StartsWith("rows of virtual table c4 (a contentless fts4 full-text table", StringComparison.Ordinal));
        }
        foreach (var other in new[] { copied, restored })
        {
            Assert.Equal("0|0", await EngineClient.RunAsync(other, Hits));
            Assert.StartsWith("CREATE VIRTUAL TABLE c4 USING fts4(a, content='')", await EngineClient.RunAsync(other, "SELECT sql FROM sqlite_master WHERE name = 'c4'"), StringComparison.Ordinal);
            Assert.Equal("x", await EngineClient.RunAsync(other, "SELECT v FROM plain"));
        }
        await Ok("--url", copied, "verify", "--against", source, "--checks", "schema");

        // reset --data-only empties them (their index), reset drops them with their shadow tables
        var emptied = "sqlite:///" + Db.File("cl-empty.db");
        await EngineClient.RunScriptAsync(emptied, Contentless);
        await Ok("--url", emptied, "reset", "--data-only", "--yes");
        Assert.Equal("0|0", await EngineClient.RunAsync(emptied, Hits));
        Assert.Equal("0", await EngineClient.RunAsync(emptied, "SELECT count(*) FROM plain"));
        var dropped = "sqlite:///" + Db.File("cl-drop.db");
        await EngineClient.RunScriptAsync(dropped, Contentless);
        await Ok("--url", dropped, "reset", "--yes");
        Assert.Equal("0", await EngineClient.RunAsync(dropped, "SELECT count(*) FROM sqlite_master"));
        // restore --clean over a database holding them: the target's old index rows are gone
        var over = "sqlite:///" + Db.File("cl-over.db");
        await EngineClient.RunScriptAsync(over, Contentless);
        await Ok("--url", over, "restore", file, "--clean", "--yes");
        Assert.Equal("0|0", await EngineClient.RunAsync(over, Hits));
    }

    /// <summary>
    /// Break test 26 G35: an FTS4 table's languageid column is hidden (not among its visible columns); its values were
    /// neither copied (all became 0) nor compared.
    /// </summary>
    [Fact]
    public async Task Copy_and_restore_keep_the_languageid_of_an_fts4_table_and_verify_compares_it()
    {
        var source = "sqlite:///" + Db.File("lid.db");
        await EngineClient.RunScriptAsync(source, """
            CREATE VIRTUAL TABLE c4 USING fts4(x, languageid="lid");
            INSERT INTO c4(x, lid) VALUES ('alpha', 5), ('beta', 0), ('alpha beta', 7);
            DELETE FROM c4 WHERE x = 'beta';
            """);
        const string Rows = "SELECT group_concat(rowid || ':' || x || ':' || lid, ',') FROM (SELECT rowid, x, lid FROM c4 ORDER BY rowid)";
        const string Found = "SELECT group_concat(rowid, ',') FROM (SELECT rowid FROM c4 WHERE c4 MATCH 'alpha' AND lid = 5)";
        Assert.Equal("1:alpha:5,3:alpha beta:7", await EngineClient.RunAsync(source, Rows));
        var (copied, restored) = await MoveAsync(source, "sqlite");
        await AssertSameAsync(Rows, source, copied, restored);
        await AssertSameAsync(Found, source, copied, restored);
        await Ok("--url", copied, "verify", "--against", source);
        await EngineClient.RunAsync(restored, "UPDATE c4 SET lid = 6 WHERE rowid = 1");
        var r = await CliRunner.RunAsync("--url", restored, "verify", "--against", source, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("lid=6", r.All, StringComparison.Ordinal);
    }

    /// <summary>
    /// Break test 26 G22: rowids that are not a column are numbered again by a load, so an external-content full-text
    /// table over such a table would find other rows: copy failed after writing with a message blaming --tables no one
    /// gave, and the "verified" backup could not be restored. Now copy, backup and restore refuse it by name before
    /// anything is written; with the full-text table left out the content table is copied.
    /// </summary>
    [Fact]
    public async Task An_external_content_table_over_implicit_rowids_is_refused_before_anything_is_written()
    {
        var source = "sqlite:///" + Db.File("rw.db");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE docs (title text, body text);
            INSERT INTO docs VALUES ('a', 'hello world'), ('b', 'other'), ('c', 'third doc');
            DELETE FROM docs WHERE title = 'a';
            INSERT INTO docs VALUES ('d', 'hello again');
            CREATE VIRTUAL TABLE dfts USING fts5(title, body, content='docs');
            INSERT INTO dfts(dfts) VALUES ('rebuild');
            """);
        var target = Db.File("rw-copy.db");
        var copy = await CliRunner.RunAsync("copy", "--from", source, "--to", "sqlite:///" + target);
        var file = Db.File("rw.nxb");
        var backup = await CliRunner.RunAsync("--url", source, "backup", "-o", file);
        foreach (var r in new[] { copy, backup })
        {
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("dfts is an external-content full-text table of docs that finds its rows by the rowid of docs, which has no INTEGER PRIMARY KEY", r.All, StringComparison.Ordinal);
            Assert.Contains("Nothing was written", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(target) && new FileInfo(target).Length > 0, "the copy wrote into the target");
        Assert.False(File.Exists(file), "the backup was written");
        // leaving the full-text table out, as the message says
        var docsOnly = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", docsOnly, "--tables", "docs");
        Assert.Equal("b,c,d", await EngineClient.RunAsync(docsOnly, "SELECT group_concat(title, ',') FROM (SELECT title FROM docs ORDER BY rowid)"));
    }
}
