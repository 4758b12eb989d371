namespace NexuSql.Cli.Tests;

/// <summary>
/// SQLite columns declared ANY: in a table that is not STRICT they have NUMERIC affinity, so import refuses by key text
/// SQLite would store as a number ('007' → 7); in a STRICT table ANY keeps text as given. Copy and restore keep each
/// value's storage class SQLite → SQLite, and refuse the column by name into engines without such a type.
/// </summary>
public sealed class SqliteAnyColumnCliTests() : ValueFidelityCliTestBase("sqlite-any")
{
    private const string Rows = "SELECT id, typeof(v), quote(v) FROM a ORDER BY id";

    private string Folder(string csv)
    {
        var dir = Directory.CreateDirectory(Db.File(Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(dir, "a.csv"), csv);
        return dir;
    }

    [Fact]
    public async Task Import_into_any_of_a_table_that_is_not_strict_refuses_text_that_would_become_a_number()
    {
        var loose = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(loose, "CREATE TABLE a (id INTEGER PRIMARY KEY, v ANY)");
        var strict = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(strict, "CREATE TABLE a (id INTEGER PRIMARY KEY, v ANY) STRICT");
        var dir = Folder("id,v\n1,007\n2,abc\n3,1e3\n4,42\n5,\"\"\n");

        var r = await CliRunner.RunAsync("--url", loose, "import", dir);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("2 inserted, 0 skipped (already there), 3 rejected", r.All, StringComparison.Ordinal);
        Assert.Contains("column v, row id=1: the column is declared ANY in a table that is not STRICT, where its NUMERIC affinity would store the text '007' as the integer 7",
            r.All, StringComparison.Ordinal);
        Assert.Contains("column v, row id=3: ", r.All, StringComparison.Ordinal);
        Assert.Contains("column v, row id=4: ", r.All, StringComparison.Ordinal);
        Assert.Equal("2|text|'abc'\n5|text|''", await EngineClient.RunAsync(loose, Rows));

        await Ok("--url", strict, "import", dir);
        Assert.Equal("1|text|'007'\n2|text|'abc'\n3|text|'1e3'\n4|text|'42'\n5|text|''", await EngineClient.RunAsync(strict, Rows));
    }

    [Fact]
    public async Task Mixed_storage_classes_in_any_move_sqlite_to_sqlite_and_are_refused_by_name_elsewhere()
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(source, "CREATE TABLE a (id INTEGER PRIMARY KEY, v ANY); " +
                "INSERT INTO a VALUES (1, 1), (2, 1.5), (3, 'text'), (4, x'00ff'), (5, NULL), (6, '12'), (7, '7a')");
            var expected = await EngineClient.RunAsync(source, Rows);
            Assert.Equal("1|integer|1\n2|real|1.5\n3|text|'text'\n4|blob|X'00FF'\n5|null|NULL\n6|integer|12\n7|text|'7a'", expected);
            var (copied, restored) = await MoveAsync(source, "sqlite");
            await AssertSameAsync(Rows, source, copied, restored);
            foreach (var engine in new[] { "postgresql", "mysql" })
            {
                var target = await Db.NewAsync(engine);
                var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
                Assert.True(r.ExitCode == 4, r.All);
                Assert.Contains("a.v (ANY)", r.All, StringComparison.Ordinal);
                Assert.Equal(engine == "mysql" ? "" : "0", await EngineClient.RunAsync(target, engine == "mysql" ? "SHOW TABLES" : "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"));
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
