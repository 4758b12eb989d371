namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F31: SQLite's <c>ON CONFLICT</c> clauses of PRIMARY KEY, UNIQUE and NOT NULL were dropped by
/// SQLite→SQLite copy and restore, so the application's INSERTs that REPLACE or IGNORE absorbed started failing. Now
/// carried (read back with sqlite3, and acted on); into another engine, which has no such clause, each is named as not carried.
/// </summary>
public sealed class SqliteConflictClauseCliTests() : ValueFidelityCliTestBase("sqlite-conflict")
{
    private const string Script = """
        CREATE TABLE p (id integer PRIMARY KEY ON CONFLICT REPLACE, email text UNIQUE ON CONFLICT IGNORE, n int NOT NULL ON CONFLICT FAIL DEFAULT 0);
        CREATE TABLE q (a int, b int, c text NOT NULL ON CONFLICT IGNORE, PRIMARY KEY (a, b) ON CONFLICT IGNORE, UNIQUE (b, c) ON CONFLICT REPLACE);
        CREATE TABLE s (id integer PRIMARY KEY ON CONFLICT REPLACE AUTOINCREMENT, v int NOT NULL ON CONFLICT REPLACE DEFAULT 5);
        CREATE TABLE k (k integer PRIMARY KEY DESC ON CONFLICT ROLLBACK, v int);
        INSERT INTO p (id, email) VALUES (1, 'a'); INSERT INTO q VALUES (1, 2, 'x'); INSERT INTO s (v) VALUES (1); INSERT INTO k VALUES (3, 4);
        """;

    [Fact]
    public async Task Copy_and_restore_sqlite_to_sqlite_keep_on_conflict_clauses()
    {
        var source = "sqlite:///" + Db.File("conflict.db");
        await EngineClient.RunScriptAsync(source, Script);
        var (copied, restored) = await MoveAsync(source, "sqlite");
        foreach (var target in new[] { copied, restored })
        {
            var schema = await EngineClient.RunAsync(target, "SELECT group_concat(sql, ' | ') FROM (SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ('p', 'q', 's', 'k') ORDER BY name)");
            foreach (var clause in new[] { "\"k\" INTEGER PRIMARY KEY DESC ON CONFLICT ROLLBACK", "\"id\" INTEGER PRIMARY KEY ON CONFLICT REPLACE,", "UNIQUE (\"email\") ON CONFLICT IGNORE",
                         "\"n\" INT NOT NULL ON CONFLICT FAIL DEFAULT 0", "PRIMARY KEY (\"a\", \"b\") ON CONFLICT IGNORE", "UNIQUE (\"b\", \"c\") ON CONFLICT REPLACE",
                         "\"c\" TEXT NOT NULL ON CONFLICT IGNORE", "PRIMARY KEY ON CONFLICT REPLACE AUTOINCREMENT", "\"v\" INT NOT NULL ON CONFLICT REPLACE DEFAULT 5" })
                Assert.Contains(clause, schema, StringComparison.Ordinal);
            // and they act: the duplicate id replaces the row, the duplicate email is skipped, NULL takes the default
            await EngineClient.RunScriptAsync(target, """
                INSERT INTO p (id, email) VALUES (1, 'b'); INSERT INTO p (id, email) VALUES (2, 'b');
                INSERT INTO q VALUES (1, 2, 'y'); INSERT INTO q VALUES (5, 6, NULL); INSERT INTO s (id, v) VALUES (1, NULL);
                """);
            Assert.Equal("1|b|0", await EngineClient.RunAsync(target, "SELECT id || '|' || email || '|' || n FROM p ORDER BY id"));
            Assert.Equal("1|2|x", await EngineClient.RunAsync(target, "SELECT group_concat(a || '|' || b || '|' || c, ',') FROM q"));
            Assert.Equal("1|5", await EngineClient.RunAsync(target, "SELECT id || '|' || v FROM s"));
        }
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task Copy_sqlite_on_conflict_clauses_into_another_engine_names_each_as_not_carried(string engine)
    {
        try
        {
            var source = "sqlite:///" + Db.File("conflict.db");
            await EngineClient.RunScriptAsync(source, Script);
            var target = await Db.NewAsync(engine);
            var copy = await Ok("--json", "copy", "--from", source, "--to", target);
            var skipped = string.Join("\n", copy.Json.GetProperty("skippedObjects").EnumerateArray().Select(x => x.GetString()));
            foreach (var note in new[] { "ON CONFLICT REPLACE of the primary key of p (id): not carried", "ON CONFLICT IGNORE of the unique key of p (email): not carried",
                         "ON CONFLICT FAIL of NOT NULL of p.n: not carried", "ON CONFLICT IGNORE of the primary key of q (a, b)", "ON CONFLICT REPLACE of the unique key of q (b, c)",
                         "ON CONFLICT IGNORE of NOT NULL of q.c", "ON CONFLICT REPLACE of NOT NULL of s.v", "instead of taking the column's default", "ON CONFLICT ROLLBACK of the primary key of k (k)" })
                Assert.Contains(note, skipped, StringComparison.Ordinal);
            Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM p"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Break test 24 B13: a UNIQUE constraint whose key part has a collation of its own reads as a unique index, which has
    /// no conflict clause: its ON CONFLICT IGNORE was lost with nothing named. Now named under leftOut.
    /// </summary>
    [Fact]
    public async Task Copy_names_the_on_conflict_clause_of_a_unique_constraint_read_as_an_index()
    {
        var source = "sqlite:///" + Db.File("collate.db");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE t (id integer PRIMARY KEY, code text COLLATE nocase UNIQUE ON CONFLICT REPLACE, e text, UNIQUE (e COLLATE nocase) ON CONFLICT IGNORE);
            INSERT INTO t VALUES (1, 'a', 'x');
            """);
        var target = await Db.NewAsync("sqlite");
        var copy = await Ok("--json", "copy", "--from", source, "--to", target);
        Assert.Equal(["ON CONFLICT IGNORE of the unique constraint on t (e COLLATE nocase): read as the unique index t_e_key, which has no conflict clause — " +
                      "a duplicate is refused instead of skipped"], copy.Json.GetProperty("leftOut").EnumerateArray().Select(e => e.GetString()!).ToArray());
        // the column's own collation keeps its constraint, and the clause with it
        Assert.Contains("UNIQUE (\"code\") ON CONFLICT REPLACE", await EngineClient.RunAsync(target, "SELECT sql FROM sqlite_master WHERE name = 't'"), StringComparison.Ordinal);
        Assert.Contains("ON CONFLICT IGNORE of the unique constraint on t (e COLLATE nocase)", (await Ok("--url", source, "schema", "dump")).All, StringComparison.Ordinal);
    }
}
