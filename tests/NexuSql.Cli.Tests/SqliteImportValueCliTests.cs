namespace NexuSql.Cli.Tests;

/// <summary>
/// import and seed into SQLite columns of the float, boolean and json kinds (break test 29): a number arrives as the
/// 8-byte REAL the file gives, also in a column NexuSQL reads as float32 (FLOAT4, and up to break test 30 F8 FLOAT and
/// FLOAT(53): M4); PostgreSQL's spellings FLOAT8 and FLOAT4 take numbers like REAL and FLOAT do (M5); a file's 2 or -1 is no boolean and text that is
/// no JSON no json value, refused by column and key as on the other engines, while a copy still carries such values
/// that a SQLite database stores (M3). Read back with sqlite3 and psql.
/// </summary>
public sealed class SqliteImportValueCliTests() : ValueFidelityCliTestBase("sqlite-import-value")
{
    private const string FloatTable = "CREATE TABLE f (id INTEGER PRIMARY KEY, a FLOAT, b FLOAT(53), c REAL, d DOUBLE, e FLOAT8, g FLOAT4)";

    // quote() spells a REAL with the digits that give back that double: 0.1 is the double 0.1, the float32 that FLOAT
    // stored before is 1.00000001490116119384e-01
    private const string FloatDigits = "SELECT id, typeof(a), quote(a), quote(b), quote(c), quote(d), typeof(e), quote(e), typeof(g), quote(g) FROM f ORDER BY id";

    private async Task<string> JsonFolderAsync(string name, string table, string json)
    {
        var dir = Directory.CreateDirectory(Db.File(name)).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, table + ".json"), json, TestContext.Current.CancellationToken);
        return dir;
    }

    [Fact]
    public async Task Import_into_sqlite_float_columns_stores_the_double_the_file_gives()
    {
        var url = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(url, FloatTable);
        var dir = await FolderAsync("imp", "f", "id,a,b,c,d,e,g\n1,0.1,0.1,0.1,0.1,0.1,0.1\n2,1e300,0.5,-2.5,1,1,3.4028236e38\n3,1e400,,,,,\n");
        var r = await CliRunner.RunAsync("--url", url, "import", dir);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        Assert.Contains("2 inserted, 0 skipped (already there), 1 rejected", r.All, StringComparison.Ordinal);
        // beyond the 8-byte REAL: refused by line, column and key, never stored as Infinity
        Assert.Contains("line 4: column a, row id=3: '1e400' is out of range", r.All, StringComparison.Ordinal);
        Assert.Equal("1|real|0.1|0.1|0.1|0.1|real|0.1|real|0.1\n2|real|1.0e+300|0.5|-2.5|1.0|real|1.0|real|3.4028236e+38",
            await EngineClient.RunAsync(url, FloatDigits));

        // a second run finds both rows as the file gives them
        r = await CliRunner.RunAsync("--url", url, "import", dir);
        Assert.Contains("0 inserted, 2 skipped (already there), 1 rejected", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_into_sqlite_float_columns_stores_the_double_and_a_second_run_changes_nothing()
    {
        var url = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(url, FloatTable);
        var dir = await JsonFolderAsync("seed", "f", """
            [{"id": 1, "a": 0.1, "b": 0.1, "c": 0.1, "d": 0.1, "e": 0.1, "g": 0.1},
             {"id": 2, "a": "1e300", "b": 0.5, "c": 7, "d": -0.25, "e": 1e-300, "g": 16777217}]
            """);
        await Ok("--url", url, "seed", "--folder", dir);
        var again = await Ok("--url", url, "seed", "--folder", dir);
        Assert.Contains("0 rows inserted, 0 updated", again.All, StringComparison.Ordinal);
        Assert.Equal("1|real|0.1|0.1|0.1|0.1|real|0.1|real|0.1\n2|real|1.0e+300|0.5|7.0|-0.25|real|1.0e-300|real|16777217.0",
            await EngineClient.RunAsync(url, FloatDigits));

        // a float32 that a FLOAT column held (PostgreSQL real copied in) is another number than the file's 0.1: updated
        await EngineClient.RunAsync(url, "UPDATE f SET a = CAST(0.100000001490116119384765625 AS REAL) WHERE id = 1");
        var update = await Ok("--url", url, "seed", "--folder", dir);
        Assert.Contains("0 rows inserted, 1 updated", update.All, StringComparison.Ordinal);
        Assert.Equal("0.1", await EngineClient.RunAsync(url, "SELECT quote(a) FROM f WHERE id = 1"));
    }

    [Fact]
    public async Task Sqlite_columns_declared_with_other_engines_number_names_take_numbers_by_their_affinity()
    {
        var url = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(url, "CREATE TABLE n (id INTEGER PRIMARY KEY, e FLOAT8, g FLOAT4, h INT8, i INT4, j INT2, k DOUBLE PRECISION, l NUMERIC(10,2))");
        var dir = await FolderAsync("imp", "n", "id,e,g,h,i,j,k,l\n1,0.1,0.5,9223372036854775807,2147483647,-7,2.5,1.25\n2,1,2,0,1,2,3,4\n");
        var r = await Ok("--url", url, "import", dir);
        Assert.Contains("2 inserted, 0 skipped (already there), 0 rejected", r.All, StringComparison.Ordinal);
        const string Stored = "SELECT id, typeof(e), quote(e), typeof(g), quote(g), typeof(h), quote(h), typeof(i), quote(i), typeof(j), quote(j), " +
            "typeof(k), quote(k), typeof(l), quote(l) FROM n ORDER BY id";
        // REAL affinity keeps every number a REAL; INTEGER affinity an integer; NUMERIC affinity 4 as the integer 4
        Assert.Equal("1|real|0.1|real|0.5|integer|9223372036854775807|integer|2147483647|integer|-7|real|2.5|real|1.25\n" +
            "2|real|1.0|real|2.0|integer|0|integer|1|integer|2|real|3.0|integer|4",
            await EngineClient.RunAsync(url, Stored));

        // seed takes them too, and a second run finds every row unchanged
        var seeded = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(seeded, "CREATE TABLE n (id INTEGER PRIMARY KEY, e FLOAT8, g FLOAT4, h INT8, i INT4, j INT2, k DOUBLE PRECISION, l NUMERIC(10,2))");
        await Ok("--url", seeded, "seed", "--folder", dir);
        Assert.Contains("0 rows inserted, 0 updated", (await Ok("--url", seeded, "seed", "--folder", dir)).All, StringComparison.Ordinal);
        await AssertSameAsync(Stored, url, seeded);

        // the schema reads FLOAT8 as float64, keeping the declared name, and FLOAT4 as float32, which NexuSQL declares so
        // itself (break test 30 F8: it kept sqlite:FLOAT4 while float32 was declared FLOAT)
        var dump = await Ok("--url", url, "--json", "schema", "dump");
        Assert.Contains("\"float64\"", dump.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"float32\"", dump.Stdout, StringComparison.Ordinal);
        Assert.Contains("sqlite:FLOAT8", dump.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("sqlite:FLOAT4", dump.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("native:FLOAT", dump.Stdout, StringComparison.OrdinalIgnoreCase);

        // copy into SQLite keeps the declared types and values; into PostgreSQL they are double precision and real
        var (copied, restored) = await MoveAsync(url, "sqlite");
        await AssertSameAsync(Stored, url, copied, restored);
        Assert.Contains("\"e\" FLOAT8", await EngineClient.RunAsync(copied, "SELECT sql FROM sqlite_master WHERE name = 'n'"), StringComparison.Ordinal);
        try
        {
            var pg = await Db.NewAsync("postgresql");
            await Ok("copy", "--from", url, "--to", pg);
            Assert.Equal("double precision|real|0.1|0.5\ndouble precision|real|1|2",
                await EngineClient.RunAsync(pg, "SELECT pg_typeof(e), pg_typeof(g), e, g FROM n ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// h82: a SQLite schema written for MySQL (<c>INT UNSIGNED</c>, <c>BIGINT UNSIGNED</c>, INTEGER affinity) refused every
    /// number in import and seed; now each is an integer, one beyond SQLite's int64 refused by line, column and key.
    /// </summary>
    [Fact]
    public async Task Sqlite_columns_declared_unsigned_take_integers_and_refuse_one_beyond_int64()
    {
        const string Create = "CREATE TABLE u (id INTEGER PRIMARY KEY, a INT UNSIGNED, b BIGINT UNSIGNED, c TINYINT UNSIGNED, d DOUBLE UNSIGNED)";
        var url = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(url, Create);
        var dir = await FolderAsync("uns", "u", "id,a,b,c,d\n1,4294967295,9223372036854775807,255,1.5\n2,0,18446744073709551615,0,2\n3,7,0,1,3\n");
        var r = await CliRunner.RunAsync("--url", url, "import", dir);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("2 inserted, 0 skipped (already there), 1 rejected", r.All, StringComparison.Ordinal);
        Assert.Contains("line 3: column b, row id=2", r.All, StringComparison.Ordinal);
        const string Stored = "SELECT id, typeof(a), a, typeof(b), b, typeof(c), c, typeof(d), quote(d) FROM u ORDER BY id";
        Assert.Equal("1|integer|4294967295|integer|9223372036854775807|integer|255|real|1.5\n3|integer|7|integer|0|integer|1|real|3.0",
            await EngineClient.RunAsync(url, Stored));

        var seeded = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(seeded, Create);
        await EngineClient.RunAsync(url, "INSERT INTO u VALUES (2, 0, 1, 0, 2)");
        var seedDir = await FolderAsync("unsseed", "u", "id,a,b,c,d\n1,4294967295,9223372036854775807,255,1.5\n2,0,1,0,2\n3,7,0,1,3\n");
        await Ok("--url", seeded, "seed", "--folder", seedDir);
        Assert.Contains("0 rows inserted, 0 updated", (await Ok("--url", seeded, "seed", "--folder", seedDir)).All, StringComparison.Ordinal);
        await AssertSameAsync(Stored, url, seeded);

        // SQLite to SQLite keeps the declared names and values
        var (copied, restored) = await MoveAsync(url, "sqlite");
        await AssertSameAsync(Stored, url, copied, restored);
        Assert.Contains("\"a\" INT UNSIGNED", await EngineClient.RunAsync(copied, "SELECT sql FROM sqlite_master WHERE name = 'u'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_into_sqlite_refuses_a_boolean_that_is_not_0_or_1_and_json_that_is_not_json_by_line_column_and_key()
    {
        var url = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(url, "CREATE TABLE bj (id INTEGER PRIMARY KEY, flag BOOLEAN, doc JSON, doc2 JSON_TEXT)");
        var dir = await FolderAsync("imp", "bj", "id,flag,doc,doc2\n1,2,{},[]\n2,-1,1,\"\"\"x\"\"\"\n3,t,{bad,[]\n4,f,[1],abc\n5,1,\"\",[]\n6,true,\"{\"\"a\"\":1}\",\"\"\"x\"\"\"\n");
        foreach (var dryRun in new[] { true, false })
        {
            var r = await CliRunner.RunAsync(["--url", url, "import", dir, .. dryRun ? new[] { "--dry-run" } : []]);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            Assert.Contains(dryRun ? "1 would be inserted, 0 skipped (already there), 5 rejected" : "1 inserted, 0 skipped (already there), 5 rejected", r.All, StringComparison.Ordinal);
            Assert.Contains("line 2: column flag, row id=1: '2' is not a boolean", r.All, StringComparison.Ordinal);
            Assert.Contains("line 3: column flag, row id=2: '-1' is not a boolean", r.All, StringComparison.Ordinal);
            Assert.Contains("line 4: column doc, row id=3: the text is not valid JSON", r.All, StringComparison.Ordinal);
            Assert.Contains("line 5: column doc2, row id=4: the text is not valid JSON", r.All, StringComparison.Ordinal);
            Assert.Contains("line 6: column doc, row id=5: the text is not valid JSON", r.All, StringComparison.Ordinal);
        }
        Assert.Equal("6|integer|1|{\"a\":1}|\"x\"", await EngineClient.RunAsync(url, "SELECT id, typeof(flag), flag, doc, doc2 FROM bj ORDER BY id"));
    }

    [Fact]
    public async Task Seed_into_sqlite_refuses_a_boolean_that_is_not_0_or_1_and_json_that_is_not_json_and_copy_still_carries_stored_ones()
    {
        var url = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(url, "CREATE TABLE bj (id INTEGER PRIMARY KEY, flag BOOLEAN, doc JSON)");
        var dir = await JsonFolderAsync("seed", "bj", """[{"id": 1, "flag": true, "doc": {"a": 1}}, {"id": 2, "flag": 2, "doc": "[]"}]""");
        AssertValueError(await CliRunner.RunAsync("--url", url, "--json", "seed", "--folder", dir), "bj", "flag", "id=2");
        await File.WriteAllTextAsync(Path.Combine(dir, "bj.json"), """[{"id": 1, "flag": true, "doc": {"a": 1}}, {"id": 2, "flag": -1, "doc": "[]"}]""",
            TestContext.Current.CancellationToken);
        AssertValueError(await CliRunner.RunAsync("--url", url, "--json", "seed", "--folder", dir), "bj", "flag", "id=2");
        await File.WriteAllTextAsync(Path.Combine(dir, "bj.json"), """[{"id": 1, "flag": true, "doc": {"a": 1}}, {"id": 2, "flag": 0, "doc": "{bad"}]""",
            TestContext.Current.CancellationToken);
        var error = AssertValueError(await CliRunner.RunAsync("--url", url, "--json", "seed", "--folder", dir), "bj", "doc", "id=2");
        Assert.Contains("not valid JSON", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT COUNT(*) FROM bj"));

        // what SQLite holds as a boolean and as JSON loads, and a second run changes nothing
        await File.WriteAllTextAsync(Path.Combine(dir, "bj.json"), """[{"id": 1, "flag": true, "doc": {"a": 1}}, {"id": 2, "flag": 0, "doc": "[]"}]""",
            TestContext.Current.CancellationToken);
        await Ok("--url", url, "seed", "--folder", dir);
        Assert.Contains("0 rows inserted, 0 updated", (await Ok("--url", url, "seed", "--folder", dir)).All, StringComparison.Ordinal);
        Assert.Equal("1|integer|1|{\"a\": 1}\n2|integer|0|[]", await EngineClient.RunAsync(url, "SELECT id, typeof(flag), flag, doc FROM bj ORDER BY id"));

        // values a SQLite database stores there are carried as they are by copy and restore into SQLite, as before
        await EngineClient.RunAsync(url, "INSERT INTO bj VALUES (3, 2, '{bad'), (4, -1, 'abc')");
        var (copied, restored) = await MoveAsync(url, "sqlite");
        await AssertSameAsync("SELECT id, typeof(flag), flag, typeof(doc), doc FROM bj ORDER BY id", url, copied, restored);
    }

    [Fact]
    public async Task Import_into_postgresql_real_still_takes_the_float32_and_refuses_what_real_cannot_hold()
    {
        try
        {
            var url = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(url, "CREATE TABLE f (id int PRIMARY KEY, a real)");
            var dir = await FolderAsync("imp", "f", "id,a\n1,0.1\n2,1e300\n");
            var r = await CliRunner.RunAsync("--url", url, "import", dir);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("line 3: column a, row id=2: '1e300' is out of range for float32", r.All, StringComparison.Ordinal);
            Assert.Equal("1|0.1|0.10000000149011612", await EngineClient.RunAsync(url, "SELECT id, a, a::float8 FROM f ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
