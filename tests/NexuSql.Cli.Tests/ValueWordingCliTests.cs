namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 15), the LOW findings: a DOUBLE copied into a user-made PostgreSQL real column is
/// refused naming the target column's type (it blamed the source, L1); -129 into MariaDB's TINYINT(1) is out of
/// TINYINT range, not "not a boolean" (L3); verify tells an NFD key from its NFC twin (both printed k=é, L4); a
/// refused restore or copy into a SQLite file that was not there leaves no empty file (L6a); seed and import take
/// PostgreSQL's infinity and -infinity into its date and timestamp columns and refuse them by name elsewhere (L6b).
/// Targets are read with the engines' own clients.
/// </summary>
public sealed class ValueWordingCliTests() : ValueFidelityCliTestBase("value-wording")
{
    [Fact]
    public async Task A_double_into_a_user_made_real_column_is_refused_naming_the_target_column_type()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t_float (id int PRIMARY KEY, d DOUBLE); INSERT INTO t_float VALUES (1, 1.7976931348623157E+308)");
            var target = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(target, "CREATE TABLE t_float (id int PRIMARY KEY, d real)");
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target, "--data-only");
            Assert.True(r.ExitCode == 1, r.All);
            Assert.Contains("Table t_float, column d, row id=1: the floating-point number 1.7976931348623157E+308 is not a float32 value " +
                "(the target column is REAL (float32); the source column is float64)", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("the source stores it", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM t_float"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task An_integer_beyond_tinyint_into_a_mariadb_boolean_column_is_out_of_range_not_a_non_boolean()
    {
        try
        {
            var target = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(target, "CREATE TABLE m (id int PRIMARY KEY, t1 tinyint(1))");
            var dir = Directory.CreateDirectory(Db.File("imp")).FullName;
            await File.WriteAllTextAsync(Path.Combine(dir, "m.csv"), "id,t1\n1,-129\n2,-128\n3,127\n4,yes\n5,128\n", TestContext.Current.CancellationToken);
            var import = await CliRunner.RunAsync("--url", target, "import", dir);
            Assert.True(import.ExitCode == 3, import.All);
            Assert.Contains("column t1, row id=1: -129 is outside MySQL's TINYINT range (-128 to 127)", import.All, StringComparison.Ordinal);
            Assert.Contains("column t1, row id=5: 128 is outside MySQL's TINYINT range (-128 to 127)", import.All, StringComparison.Ordinal);
            Assert.DoesNotContain("is not a boolean", import.All, StringComparison.Ordinal);
            Assert.Equal("2|-128\n3|127\n4|1", await EngineClient.RunAsync(target, "SELECT id, t1 FROM m ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Verify_tells_a_decomposed_key_from_its_composed_twin()
    {
        try
        {
            var first = await Db.NewAsync("postgresql");
            var second = await Db.NewAsync("postgresql");
            foreach (var db in new[] { first, second })
                await EngineClient.RunScriptAsync(db, "CREATE TABLE t (k text PRIMARY KEY, v int); INSERT INTO t VALUES (U&'\\00E9', 1), (U&'e\\0301', 2), (U&'\\00E9e\\0301x', 3)");
            await EngineClient.RunAsync(second, "UPDATE t SET v = v + 10");
            Assert.Equal("233|1\n101,769|2", await EngineClient.RunAsync(second, "SELECT array_to_string(array(SELECT ascii(c) FROM regexp_split_to_table(k, '') c), ','), v - 10 FROM t WHERE v < 13 ORDER BY v"));
            var r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--tables", "t");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("t: k=\u00e9: row differs in v", r.All, StringComparison.Ordinal);
            Assert.Contains("t: k='e\\u0301': row differs in v", r.All, StringComparison.Ordinal);
            Assert.Contains("t: k='\u00e9e\\u0301x': row differs in v", r.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_refused_restore_or_copy_into_a_new_sqlite_file_leaves_no_file()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE n (id int PRIMARY KEY, i interval); INSERT INTO n VALUES (1, '1 day')");
            var backup = Db.File("pg.nxb");
            await Ok("--url", source, "backup", "-o", backup);
            var restored = Db.File("pgr.db");
            var restore = await CliRunner.RunAsync("--url", "sqlite:///" + restored, "restore", backup);
            Assert.True(restore.ExitCode == 4, restore.All);
            Assert.False(File.Exists(restored), "the refused restore left " + restored);
            var copied = Db.File("pgc.db");
            var copy = await CliRunner.RunAsync("copy", "--from", source, "--to", "sqlite:///" + copied);
            Assert.True(copy.ExitCode == 4, copy.All);
            Assert.False(File.Exists(copied), "the refused copy left " + copied);

            // a file that was there before stays
            var existing = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(existing, "CREATE TABLE keep (id INTEGER PRIMARY KEY)");
            Assert.Equal(4, (await CliRunner.RunAsync("--url", existing, "restore", backup)).ExitCode);
            Assert.Equal("keep", await EngineClient.RunAsync(existing, "SELECT group_concat(name) FROM sqlite_schema"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Seed_and_import_take_infinities_into_postgresql_dates_and_refuse_them_by_name_elsewhere()
    {
        try
        {
            foreach (var command in new[] { "seed", "import" })
            {
                var url = await Db.NewAsync("postgresql");
                await EngineClient.RunAsync(url, "CREATE TABLE d (id int PRIMARY KEY, d date, ts timestamp, tz timestamptz)");
                var dir = Directory.CreateDirectory(Db.File(command)).FullName;
                await File.WriteAllTextAsync(Path.Combine(dir, "d.csv"), "id,d,ts,tz\n1,infinity,-infinity,infinity\n2,-infinity,infinity,-infinity\n",
                    TestContext.Current.CancellationToken);
                string[] run = command == "seed" ? ["--url", url, "seed", "--folder", dir] : ["--url", url, "import", dir];
                await Ok(run);
                Assert.Equal("1|infinity|-infinity|infinity\n2|-infinity|infinity|-infinity", await EngineClient.RunAsync(url, "SELECT * FROM d ORDER BY id"));
                await Ok(run); // again: the rows read back equal the file's (seed: unchanged; import: skipped)
            }
            var maria = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(maria, "CREATE TABLE d (id int PRIMARY KEY, d date)");
            var mdir = Directory.CreateDirectory(Db.File("maria")).FullName;
            await File.WriteAllTextAsync(Path.Combine(mdir, "d.csv"), "id,d\n1,infinity\n2,2020-01-01\n", TestContext.Current.CancellationToken);
            var import = await CliRunner.RunAsync("--url", maria, "import", mdir);
            Assert.True(import.ExitCode == 3, import.All);
            Assert.Contains("column d, row id=1: 'infinity' has no equivalent in", import.All, StringComparison.Ordinal);
            Assert.Equal("2|2020-01-01", await EngineClient.RunAsync(maria, "SELECT id, d FROM d ORDER BY id"));
            var seed = await CliRunner.RunAsync("--url", maria, "--json", "seed", "--folder", mdir);
            AssertValueError(seed, "d", "d", "id=1");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
