namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 19), F9, F12 and F22. F9: a seed/import value whose escaped form exceeds MariaDB's
/// max_allowed_packet broke the connection (SocketException; import left earlier rows written). F12: a dry run missed
/// a DEFERRABLE INITIALLY DEFERRED constraint the real run met (import: 3 would be inserted, real run rejected one; seed
/// dry run did not write at all), and seed's constraint error named no table or file. F22: a seed file naming one row
/// twice let the last record win, "updated" on every run. Each target is read with the engine's own client.
/// </summary>
public sealed class SeedImportRunEqualityCliTests() : ValueFidelityCliTestBase("seed-import-equality")
{
    [Fact]
    public async Task A_value_over_max_allowed_packet_is_refused_by_key_in_seed_and_rejected_by_import()
    {
        try
        {
            var url = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(url, "CREATE TABLE x (id int PRIMARY KEY, v longtext)");
            // 9,000,000 quotes: 9 MB in the file, 18 MB escaped in the statement (the server allows 16 MiB)
            var dir = await FolderAsync("big", "x", "id,v\n1,a\n2,\"" + new string('\'', 9_000_000) + "\"\n3,c\n");
            var r = await CliRunner.RunAsync("--json", "--url", url, "seed", "--folder", dir);
            Assert.True(r.ExitCode == 1, r.All);
            var error = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error");
            Assert.Equal("value", error.GetProperty("kind").GetString());
            var message = error.GetProperty("message").GetString()!;
            Assert.StartsWith("Table x, column v, row id=2: the value takes 18,000,000 bytes in an INSERT, more than the server's max_allowed_packet", message, StringComparison.Ordinal);
            Assert.Contains("line 3", message, StringComparison.Ordinal);
            Assert.DoesNotContain("local_infile", message, StringComparison.Ordinal); // statements never use LOAD DATA
            Assert.Equal("", await EngineClient.RunAsync(url, "SELECT id FROM x"));

            r = await CliRunner.RunAsync("--json", "--url", url, "import", dir);
            Assert.True(r.ExitCode == 3, r.All);
            var file = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("files")[0];
            Assert.Equal(2, file.GetProperty("inserted").GetInt64());
            Assert.Equal(1, file.GetProperty("rejected").GetInt64());
            var rejection = file.GetProperty("rejections")[0];
            Assert.Equal(3, rejection.GetProperty("position").GetInt32());
            Assert.StartsWith("column v, row id=2: the value takes 18,000,000 bytes", rejection.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal("1|1\n3|1", await EngineClient.RunAsync(url, "SELECT id, length(v) FROM x ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>Session 21 break test F3: PostgreSQL's time 24:00:00 was stored as 00:00:00 by import and seed (bound as an interval).</summary>
    [Fact]
    public async Task Import_and_seed_store_postgresqls_time_24_00_as_itself_and_a_second_seed_finds_it_unchanged()
    {
        try
        {
            var url = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(url, "CREATE TABLE tt (id int PRIMARY KEY, t time)");
            await Ok("--url", url, "import", await FolderAsync("time-import", "tt", "id,t\n1,24:00:00\n2,24:00\n3,23:59:59.999999\n"));
            var seed = await FolderAsync("time-seed", "tt", "id,t\n5,24:00:00\n");
            await Ok("--url", url, "seed", "--folder", seed);
            var again = await CliRunner.RunAsync("--json", "--url", url, "seed", "--folder", seed);
            Assert.True(again.ExitCode == 0, again.All);
            Assert.Contains("\"unchanged\": 1", again.Stdout, StringComparison.Ordinal);
            Assert.Equal("1|24:00:00|t\n2|24:00:00|t\n3|23:59:59.999999|f\n5|24:00:00|t", await EngineClient.RunAsync(url, "SELECT id, t::text, t = '24:00'::time FROM tt ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>Session 21 break test F12: an import rejection for a constraint was the engine's raw text, naming neither key nor constraint.</summary>
    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    public async Task Import_names_the_row_and_the_constraint_of_a_record_a_constraint_rejects(string engine)
    {
        try
        {
            var url = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(url, "CREATE TABLE par (id int PRIMARY KEY); INSERT INTO par VALUES (1); " +
                "CREATE TABLE kid (id int PRIMARY KEY, pid int, n int, CONSTRAINT kid_p FOREIGN KEY (pid) REFERENCES par (id), CONSTRAINT kid_n CHECK (n > 0))");
            var r = await CliRunner.RunAsync("--json", "--url", url, "import", await FolderAsync("constraints", "kid", "id,pid,n\n1,1,1\n2,2,1\n3,1,0\n"));
            Assert.True(r.ExitCode == 3, r.All);
            var rejections = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("files")[0].GetProperty("rejections");
            Assert.Contains("row id=2: Foreign key constraint", rejections[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Contains("row id=3: Check constraint", rejections[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal("1", await EngineClient.RunAsync(url, "SELECT id FROM kid"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Session 21 break test F13: a seed record with an empty key was given a new id on every run (SQLite's INTEGER
    /// PRIMARY KEY, MariaDB's AUTO_INCREMENT), and on the first run the id a later record named.
    /// </summary>
    [Theory]
    [InlineData("sqlite", "CREATE TABLE s2 (id integer PRIMARY KEY, v text)")]
    [InlineData("mysql", "CREATE TABLE s2 (id int AUTO_INCREMENT PRIMARY KEY, v text)")]
    public async Task A_seed_record_without_its_key_is_refused_by_line_and_nothing_is_written(string engine, string table)
    {
        try
        {
            var url = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(url, table);
            var r = await CliRunner.RunAsync("--json", "--url", url, "seed", "--folder", await FolderAsync("empty-key", "s2", "id,v\n1,b\n,a\n"));
            Assert.True(r.ExitCode == 1, r.All);
            var error = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error");
            Assert.Equal(("value", "s2", "id"), (error.GetProperty("kind").GetString(), error.GetProperty("table").GetString(), error.GetProperty("column").GetString()));
            var message = error.GetProperty("message").GetString()!;
            Assert.Contains("the key column id is empty", message, StringComparison.Ordinal);
            Assert.Contains("line 3", message, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT COUNT(*) FROM s2"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Dry_runs_meet_the_deferred_constraints_the_real_runs_meet()
    {
        try
        {
            var url = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(url, "CREATE TABLE dd (id int PRIMARY KEY, r int, CONSTRAINT dd_r UNIQUE (r) DEFERRABLE INITIALLY DEFERRED, " +
                "p int REFERENCES dd (id) DEFERRABLE INITIALLY DEFERRED); INSERT INTO dd VALUES (1, 1, NULL)");
            var import = await FolderAsync("import", "dd", "id,r,p\n2,2,\n3,1,\n4,4,99\n5,5,1\n");
            var dry = await CliRunner.RunAsync("--json", "--url", url, "import", import, "--key", "id", "--dry-run");
            var real = await CliRunner.RunAsync("--json", "--url", url, "import", import, "--key", "id");
            Assert.True(dry.ExitCode == 3 && real.ExitCode == 3, dry.All + real.All);
            string Counts(CliRunner.Result run)
            {
                var f = System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement.GetProperty("files")[0];
                return $"{f.GetProperty("inserted").GetInt64()} {f.GetProperty("rejected").GetInt64()} " +
                    string.Join(",", f.GetProperty("rejections").EnumerateArray().Select(x => x.GetProperty("position").GetInt32()));
            }
            Assert.Equal("2 2 3,4", Counts(dry));
            Assert.Equal(Counts(dry), Counts(real));
            Assert.Contains("dd_r", dry.Stdout, StringComparison.Ordinal);
            Assert.Equal("1\n2\n5", await EngineClient.RunAsync(url, "SELECT id FROM dd ORDER BY id"));

            // seed: the deferred constraint is checked before COMMIT and named by table and file; nothing written
            // (a seed dry run writes nothing: a later file may need an earlier file's rows)
            var seed = await FolderAsync("seed", "dd", "id,r,p\n6,6,\n7,1,\n");
            foreach (var args in new[] { Array.Empty<string>() })
            {
                var r = await CliRunner.RunAsync((string[])["--json", "--url", url, "seed", "--folder", seed, .. args]);
                Assert.True(r.ExitCode != 0, r.All);
                var error = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error");
                Assert.Equal("constraint", error.GetProperty("kind").GetString());
                var message = error.GetProperty("message").GetString()!;
                Assert.Contains("Table dd", message, StringComparison.Ordinal);
                Assert.Contains("dd_r", message, StringComparison.Ordinal);
                Assert.Contains("dd.csv", message, StringComparison.Ordinal);
            }
            Assert.Equal("1\n2\n5", await EngineClient.RunAsync(url, "SELECT id FROM dd ORDER BY id"));

            // a seed that meets no constraint: the dry run counts and keeps nothing
            seed = await FolderAsync("seed-ok", "dd", "id,r,p\n6,6,1\n");
            Assert.Contains("1 rows would be inserted", (await Ok("--url", url, "seed", "--folder", seed, "--dry-run")).All, StringComparison.Ordinal);
            Assert.Equal("1\n2\n5", await EngineClient.RunAsync(url, "SELECT id FROM dd ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("sqlite", "CREATE TABLE k (id integer PRIMARY KEY, note text)", "id,note\n7,a\n7,b\n", "row id=7")]
    [InlineData("postgresql", "CREATE TABLE k (ip inet PRIMARY KEY, note text)", "ip,note\n10.0.0.1/32,a\n10.0.0.1,b\n", "row ip=10.0.0.1")]
    public async Task A_seed_file_naming_one_row_twice_is_refused(string engine, string ddl, string csv, string key)
    {
        try
        {
            var url = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(url, ddl);
            var dir = await FolderAsync("dup", "k", csv);
            var r = await CliRunner.RunAsync("--json", "--url", url, "seed", "--folder", dir);
            Assert.True(r.ExitCode == 1, r.All);
            var message = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains($"Table k, column {key.Split(' ')[1].Split('=')[0]}, {key}: an earlier record of this file names the same row", message, StringComparison.Ordinal);
            Assert.Contains("line 3", message, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(url, "SELECT note FROM k"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Two files of one folder for one table naming one row (<c>t.csv</c> and <c>t.json</c>): every seed reported
    /// <c>t.csv → t: 1 updated</c> then <c>t.json → t: 1 updated</c>, the row flip-flopping, never "unchanged". Refused
    /// as a file naming one row twice is (a <c>value</c> error, exit 1), naming table, key and both files, before any
    /// file loads — an earlier table's file too; the key compared as the table holds it (an inet /32 is the address).
    /// Two such files holding different rows still both load, and a later folder still overrides an earlier one.
    /// </summary>
    [Theory]
    [InlineData("sqlite", "CREATE TABLE k (id integer PRIMARY KEY, note text)", "id,note\n1,a\n7,csv\n", """[{"id": 7, "note": "json"}]""", "id=7", "[{\"id\": 8, \"note\": \"json\"}]")]
    [InlineData("postgresql", "CREATE TABLE k (ip inet PRIMARY KEY, note text)", "ip,note\n10.0.0.9,a\n10.0.0.1/32,csv\n", """[{"ip": "10.0.0.1", "note": "json"}]""", "ip=10.0.0.1",
        "[{\"ip\": \"10.0.0.2\", \"note\": \"json\"}]")]
    public async Task Two_files_of_one_folder_naming_one_row_are_refused_before_anything_loads(string engine, string ddl, string csv, string json, string key, string otherJson)
    {
        try
        {
            var url = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(url, ddl + "; CREATE TABLE a (id integer PRIMARY KEY)");
            var dir = Migrations($"two-files-{engine}", ("01_a.csv", "id\n1\n"), ("k.csv", csv), ("k.json", json));
            foreach (var dryRun in new[] { false, true })
            {
                var r = await CliRunner.RunAsync((string[])["--json", "--url", url, "seed", "--folder", dir, .. dryRun ? ["--dry-run"] : Array.Empty<string>()]);
                Assert.True(r.ExitCode == 1, r.All);
                var error = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error");
                Assert.Equal("value", error.GetProperty("kind").GetString());
                var message = error.GetProperty("message").GetString()!;
                Assert.Contains($"Table k, column {key.Split('=')[0]}, row {key}: {dir}/k.csv (line 3) and {dir}/k.json (item 1) both name this row", message, StringComparison.Ordinal);
                Assert.Contains("Nothing was seeded", message, StringComparison.Ordinal);
                Assert.Equal("0|0", await EngineClient.RunAsync(url, "SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM k)"));
            }

            // different rows in the two files: both load, and the next seed finds them unchanged
            File.WriteAllText(Path.Combine(dir, "k.json"), otherJson);
            var ok = await Ok("--url", url, "seed", "--folder", dir);
            Assert.Contains("k.csv → k: 2 inserted, 0 updated, 0 unchanged", ok.Stdout, StringComparison.Ordinal);
            Assert.Contains("k.json → k: 1 inserted, 0 updated, 0 unchanged", ok.Stdout, StringComparison.Ordinal);
            Assert.Equal("3", await EngineClient.RunAsync(url, "SELECT count(*) FROM k"));
            var again = await Ok("--url", url, "seed", "--folder", dir);
            Assert.Contains("k.csv → k: 0 inserted, 0 updated, 2 unchanged", again.Stdout, StringComparison.Ordinal);
            Assert.Contains("k.json → k: 0 inserted, 0 updated, 1 unchanged", again.Stdout, StringComparison.Ordinal);

            // the same row in an earlier and a later folder: layered, the later folder's values kept
            var later = Migrations($"two-files-{engine}-later", ("k.json", json));
            await Ok("--url", url, "seed", "--folder", dir, later);
            Assert.Equal("json", await EngineClient.RunAsync(url, $"SELECT note FROM k WHERE {key.Replace("=", " = '", StringComparison.Ordinal)}'"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Two files of one folder naming one row in two spellings its key takes for one (<c>Bob</c> and <c>bob</c> under a
    /// MariaDB <c>_ci</c> collation or SQLite <c>NOCASE</c>): compared as written, the first file loaded and committed,
    /// then the second failed on the key. Compared as the key compares them: refused before anything loads.
    /// </summary>
    [Theory]
    [InlineData("mysql", "CREATE TABLE k (code varchar(20) COLLATE utf8mb4_unicode_ci PRIMARY KEY, note text)")]
    [InlineData("sqlite", "CREATE TABLE k (code text COLLATE NOCASE PRIMARY KEY, note text)")]
    public async Task Two_files_naming_one_row_in_two_spellings_of_its_key_are_refused_before_anything_loads(string engine, string ddl)
    {
        try
        {
            var url = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(url, ddl + ";");
            var dir = Migrations($"two-spellings-{engine}", ("k.csv", "code,note\nx,a\nBob,csv\n"), ("k.json", """[{"code": "bob", "note": "json"}]"""));
            var r = await CliRunner.RunAsync("--json", "--url", url, "seed", "--folder", dir);
            Assert.True(r.ExitCode == 1, r.All);
            var message = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains($"Table k, column code, row code=bob: {dir}/k.csv (line 3) and {dir}/k.json (item 1) both name this row", message, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT count(*) FROM k"));

            File.WriteAllText(Path.Combine(dir, "k.json"), """[{"code": "carl", "note": "json"}]""");
            await Ok("--url", url, "seed", "--folder", dir);
            Assert.Equal("Bob|csv\ncarl|json\nx|a", await EngineClient.RunAsync(url, "SELECT code, note FROM k ORDER BY code"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
