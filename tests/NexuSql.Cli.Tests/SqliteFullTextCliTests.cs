namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 25: SQLite full-text tables the pipelines carried wrongly. An FTS5 table whose external content is a view
/// had its index built before the view existed (F31: "verified", every MATCH empty). Each result is read with sqlite3.
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
}
