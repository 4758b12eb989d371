namespace NexuSql.Cli.Tests;

/// <summary>
/// A SQLite INTEGER PRIMARY KEY with or without AUTOINCREMENT arrives as it was (read back with sqlite3's
/// <c>.schema</c>): without it a deleted newest id is handed out again, with it never, and the two are a difference.
/// </summary>
public sealed class SqliteRowidCliTests : IDisposable
{
    private readonly LiveDatabases _db = new("rowid");

    public void Dispose() => _db.Dispose();

    private static async Task Ok(params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"nexusql {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
    }

    /// <summary>
    /// Break test 23 F4: an AUTOINCREMENT table whose sqlite_sequence counter is below its largest id (set by hand or by
    /// a tool) goes on after the largest id in SQLite; PostgreSQL's identity started after the counter and collided.
    /// </summary>
    [Fact]
    public async Task Autoincrement_whose_counter_is_below_the_largest_id_goes_on_after_that_id_in_postgresql()
    {
        var source = await _db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
            INSERT INTO t VALUES (10, 'a');
            UPDATE sqlite_sequence SET seq = 3 WHERE name = 't';
            """);
        var target = await _db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", target);
        Assert.Equal("11", await EngineClient.RunAsync(target, "INSERT INTO t (v) VALUES ('n') RETURNING id"));
        // SQLite itself: the same next id
        Assert.Equal("11", await EngineClient.RunAsync(source, "INSERT INTO t (v) VALUES ('n'); SELECT max(id) FROM t"));
    }

    [Fact]
    public async Task Copy_restore_and_apply_of_a_dump_keep_autoincrement_exactly_and_diff_reports_a_change()
    {
        var source = await _db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE ev (id INTEGER PRIMARY KEY, v TEXT);
            CREATE TABLE au (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
            INSERT INTO ev (v) VALUES ('a'), ('b'), ('c');
            INSERT INTO au (v) VALUES ('a'), ('b'), ('c');
            DELETE FROM ev WHERE id = 3;
            DELETE FROM au WHERE id = 3;
            """);
        var copied = await _db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", copied);
        var backup = _db.File("rowid.nxb");
        await Ok("--url", source, "backup", "-o", backup);
        var restored = await _db.NewAsync("sqlite");
        await Ok("--url", restored, "restore", backup);
        var dump = _db.File("rowid.json");
        await Ok("--url", source, "schema", "dump", "-o", dump);
        var applied = await _db.NewAsync("sqlite");
        await Ok("--url", applied, "schema", "apply", dump);

        foreach (var target in new[] { copied, restored, applied })
        {
            var ev = await EngineClient.RunAsync(target, ".schema ev");
            Assert.Contains("\"id\" INTEGER PRIMARY KEY,", ev, StringComparison.Ordinal);
            Assert.DoesNotContain("AUTOINCREMENT", ev, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\"id\" INTEGER PRIMARY KEY AUTOINCREMENT", await EngineClient.RunAsync(target, ".schema au"), StringComparison.Ordinal);
        }
        foreach (var target in new[] { copied, restored })
        {
            // the plain rowid takes the largest plus one again; AUTOINCREMENT continues after the deleted 3
            await EngineClient.RunAsync(target, "INSERT INTO ev (v) VALUES ('new'); INSERT INTO au (v) VALUES ('new')");
            Assert.Equal("3", await EngineClient.RunAsync(target, "SELECT MAX(id) FROM ev"));
            Assert.Equal("4", await EngineClient.RunAsync(target, "SELECT MAX(id) FROM au"));
        }

        var autoincremented = await _db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(autoincremented, """
            CREATE TABLE ev (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
            CREATE TABLE au (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
            """);
        var diff = await CliRunner.RunAsync("schema", "diff", "--from", autoincremented, "--to", source);
        Assert.True(diff.ExitCode == 3, diff.All);
        Assert.Contains("rebuild table ev", diff.All, StringComparison.Ordinal);
        Assert.Contains("reuses ids", diff.All, StringComparison.Ordinal);
        Assert.DoesNotContain("table au", diff.All, StringComparison.Ordinal);
    }

    /// <summary>
    /// bt29 M12: the rowids of a table without an INTEGER PRIMARY KEY are no column — copy and backup write the rows
    /// without them and the target numbers them from 1. Said by copy and backup for a table without a primary key (whose
    /// rows have no other name), and a difference to verify; rowids 1 to n (what the target makes of them too) are not mentioned.
    /// </summary>
    [Fact]
    public async Task Implicit_rowids_that_are_not_one_to_n_are_named_by_copy_backup_and_verify()
    {
        var source = await _db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE gaps (a TEXT, b INT);
            INSERT INTO gaps (rowid, a, b) VALUES (5, 'x', 1), (10, 'y', 2), (100, 'z', 3);
            CREATE TABLE dense (a TEXT);
            INSERT INTO dense VALUES ('p'), ('q');
            CREATE TABLE keyed (id INT PRIMARY KEY, a TEXT);
            INSERT INTO keyed VALUES (1, 'a'), (2, 'b'), (3, 'c');
            DELETE FROM keyed WHERE id = 1;
            """);
        var copied = await _db.NewAsync("sqlite");
        var copy = await CliRunner.RunAsync("copy", "--from", source, "--to", copied);
        Assert.True(copy.ExitCode == 0, copy.All);
        Assert.Contains("rowids of gaps: 3 rows numbered 5 to 100", copy.All, StringComparison.Ordinal);
        Assert.DoesNotContain("rowids of dense", copy.All, StringComparison.Ordinal);
        // with a declared key (not the rowid) the rowid is an internal detail: rows are found by the key
        Assert.DoesNotContain("rowids of keyed", copy.All, StringComparison.Ordinal);
        // what the target holds, read with sqlite3: the same rows, in the source's order, numbered from 1
        Assert.Equal("1|x|1\n2|y|2\n3|z|3", (await EngineClient.RunAsync(copied, "SELECT rowid, a, b FROM gaps ORDER BY rowid")).ReplaceLineEndings("\n"));

        var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", copied, "--checks", "data");
        Assert.True(verify.ExitCode == 3, verify.All);
        Assert.Contains("rowids of gaps: 3 rows numbered 5 to 100", verify.All, StringComparison.Ordinal);

        var backup = await CliRunner.RunAsync("--url", source, "backup", "-o", _db.File("gaps.nxb"));
        Assert.True(backup.ExitCode == 0, backup.All);
        Assert.Contains("not in the backup: rowids of gaps", backup.All, StringComparison.Ordinal);

        // renumbered in place, the two databases hold the same rowids again: no difference
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE g2 AS SELECT a, b FROM gaps ORDER BY rowid;
            DROP TABLE gaps;
            ALTER TABLE g2 RENAME TO gaps;
            """);
        var again = await CliRunner.RunAsync("--url", source, "verify", "--against", copied, "--checks", "data");
        Assert.True(again.ExitCode == 0, again.All);
    }

    [Fact]
    public async Task A_postgresql_identity_reaches_sqlite_as_autoincrement()
    {
        try
        {
            var source = await _db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, "CREATE TABLE ev (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text)");
            var copied = await _db.NewAsync("sqlite");
            await Ok("copy", "--from", source, "--to", copied);
            Assert.Contains("\"id\" INTEGER PRIMARY KEY AUTOINCREMENT", await EngineClient.RunAsync(copied, ".schema ev"), StringComparison.Ordinal);
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }
}
