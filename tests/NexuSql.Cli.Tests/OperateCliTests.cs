namespace NexuSql.Cli.Tests;

/// <summary>init, env, seed, import, reset, stats and the audit log, as a team uses them from a project folder.</summary>
public sealed class OperateCliTests : IDisposable
{
    private readonly LiveDatabases _db = new("operate");

    public void Dispose() => _db.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A project: nexusql.json with dev (the engine's scratch database) and a protected prod, a migration, seeds.</summary>
    private async Task<string> ProjectAsync(string engine, bool audit = false)
    {
        var dev = _dev = await _db.NewAsync(engine);
        var config = _db.File("nexusql.json");
        await File.WriteAllTextAsync(config, $$"""
            { "defaultEnvironment": "dev", "audit": {{(audit ? "true" : "false")}},
              "migrations": ["{{_db.File("migrations")}}"], "seeds": "{{_db.File("seeds")}}",
              "environments": { "dev": { "url": "{{dev}}" }, "prod": { "url": "{{dev}}", "protected": true } } }
            """, Ct);
        Directory.CreateDirectory(_db.File("migrations"));
        await File.WriteAllTextAsync(_db.File("migrations/V1__customers.sql"),
            "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE, name VARCHAR(100) NOT NULL, vip BOOLEAN NOT NULL DEFAULT FALSE);", Ct);
        Assert.Equal(0, (await Run("migrate")).ExitCode);
        return config;
    }

    private string _dev = "";

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync(["--config", _db.File("nexusql.json"), .. args]);

    public static TheoryData<string> Engines => ["sqlite", "postgresql", "mysql"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Seed_is_idempotent_by_key_counts_in_a_dry_run_and_updates_what_changed(string engine)
    {
        try
        {
            await ProjectAsync(engine);
            Directory.CreateDirectory(_db.File("seeds/common"));
            Directory.CreateDirectory(_db.File("seeds/dev"));
            await File.WriteAllTextAsync(_db.File("seeds/common/01_customers.csv"), "id,email,name,vip\n1,ann@example.com,Ann,true\n2,bob@example.com,\"Bob, \"\"B\"\"\",false\n", Ct);
            await File.WriteAllTextAsync(_db.File("seeds/dev/customers.json"), """[{"id": 3, "email": "dev@example.com", "name": "Dev"}]""", Ct);

            var dry = await Run("--json", "seed", "--dry-run");
            Assert.True(dry.ExitCode == 0, dry.All);
            Assert.Equal(3, dry.Json.GetProperty("inserted").GetInt32());
            Assert.Equal(0, (await Run("--json", "query", "SELECT COUNT(*) AS n FROM customers")).Json.GetProperty("rows")[0].GetProperty("n").GetInt32());

            Assert.Equal(3, (await Run("--json", "seed")).Json.GetProperty("inserted").GetInt32());
            var again = await Run("--json", "seed");
            Assert.Equal((0, 0), (again.Json.GetProperty("inserted").GetInt32(), again.Json.GetProperty("updated").GetInt32()));

            await File.WriteAllTextAsync(_db.File("seeds/common/01_customers.csv"), "id,email,name,vip\n1,ann@example.com,Ann Lee,true\n2,bob@example.com,\"Bob, \"\"B\"\"\",false\n", Ct);
            var changed = await Run("--json", "seed");
            Assert.Equal((0, 1), (changed.Json.GetProperty("inserted").GetInt32(), changed.Json.GetProperty("updated").GetInt32()));
            var bob = (await Run("--json", "query", "SELECT name FROM customers WHERE id = 2")).Json.GetProperty("rows")[0].GetProperty("name").GetString();
            Assert.Equal("Bob, \"B\"", bob);
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Seed_and_import_take_settings_for_row_level_security_and_seed_tables_limits_the_files()
    {
        try
        {
            await ProjectAsync("postgresql");
            // the owner comes from the transaction's setting, as a row-level-security policy would read it
            await EngineClient.RunAsync(_dev, "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL, owner int NOT NULL DEFAULT current_setting('app.user_id')::int)");
            Directory.CreateDirectory(_db.File("seeds/common"));
            await File.WriteAllTextAsync(_db.File("seeds/common/notes.csv"), "id,body\n1,first\n", Ct);
            await File.WriteAllTextAsync(_db.File("seeds/common/customers.csv"), "id,email,name\n1,a@example.com,A\n", Ct);
            await File.WriteAllTextAsync(_db.File("seeds/common/zz.sql"), "INSERT INTO customers (id, email, name) VALUES (2, 'b@example.com', 'B');", Ct);

            var seeded = await Run("--json", "seed", "--tables", "notes", "--setting", "app.user_id=42");
            Assert.True(seeded.ExitCode == 0, seeded.All);
            Assert.Equal(["notes"], seeded.Json.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("table").GetString()));
            Assert.Equal("1|first|42", await EngineClient.RunAsync(_dev, "SELECT id, body, owner FROM notes"));
            Assert.Equal("0", await EngineClient.RunAsync(_dev, "SELECT COUNT(*) FROM customers")); // neither its file nor the script ran

            var folder = _db.File("import");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "notes.json"), """[{"id": 2, "body": "second"}, {"id": 1, "body": "dup"}]""", Ct);
            var imported = await Run("--json", "import", folder, "--setting", "app.user_id=7");
            Assert.True(imported.ExitCode == 0, imported.All);
            Assert.Equal("1|42\n2|7", await EngineClient.RunAsync(_dev, "SELECT id, owner FROM notes ORDER BY id"));

            var bad = await Run("seed", "--setting", "=1");
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("--setting '=1' must look like name=value", bad.All, StringComparison.Ordinal);
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Import_twice_inserts_nothing_the_second_time_and_reports_rejections_with_reasons(string engine)
    {
        try
        {
            await ProjectAsync(engine);
            var import = _db.File("import");
            Directory.CreateDirectory(import);
            await File.WriteAllTextAsync(Path.Combine(import, "customers.json"), """
                [ {"id": 1, "email": "ann@example.com", "name": "Ann"},
                  {"id": 2, "email": "ann@example.com", "name": "Ann again"},
                  {"id": 3, "email": "cy@example.com"},
                  {"id": "x", "email": "dee@example.com", "name": "Dee"},
                  {"id": 5, "email": "eve@example.com", "name": "Eve", "vip": true} ]
                """, Ct);
            var dry = await Run("--json", "import", import, "--dry-run");
            Assert.Equal(2, dry.Json.GetProperty("inserted").GetInt32());
            Assert.Equal(0, (await Run("--json", "query", "SELECT COUNT(*) AS n FROM customers")).Json.GetProperty("rows")[0].GetProperty("n").GetInt32());

            var first = await Run("--json", "import", import);
            Assert.Equal(3, first.ExitCode); // rejections are reported with exit code 3
            Assert.Equal((2, 1, 2), (first.Json.GetProperty("inserted").GetInt32(), first.Json.GetProperty("skipped").GetInt32(), first.Json.GetProperty("rejected").GetInt32()));
            var reasons = first.Json.GetProperty("files")[0].GetProperty("rejections").EnumerateArray().Select(r => (r.GetProperty("position").GetInt32(), r.GetProperty("reason").GetString())).ToList();
            Assert.Contains((3, "the required column name is missing"), reasons);
            Assert.Contains(reasons, r => r.Item1 == 4 && r.Item2!.StartsWith("column id, row email=dee@example.com: 'x' is not an integer", StringComparison.Ordinal));

            var second = await Run("--json", "import", import);
            Assert.Equal((0, 3), (second.Json.GetProperty("inserted").GetInt32(), second.Json.GetProperty("skipped").GetInt32()));
            Assert.Equal(2, (await Run("--json", "query", "SELECT COUNT(*) AS n FROM customers")).Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Seed_and_import_type_every_value_by_its_column_and_reject_only_the_records_that_cannot_load(string engine)
    {
        try
        {
            await ProjectAsync(engine);
            var json = engine == "postgresql" ? "jsonb" : "JSON";
            await File.WriteAllTextAsync(_db.File("migrations/V2__items.sql"),
                $"CREATE TABLE items (id INT PRIMARY KEY, price DECIMAL(10,4), meta {json}, day DATE, customer_id INT REFERENCES customers (id));", Ct);
            Assert.Equal(0, (await Run("migrate")).ExitCode);
            Directory.CreateDirectory(_db.File("seeds/common"));
            // a seed script with two statements runs on every engine
            await File.WriteAllTextAsync(_db.File("seeds/common/00_customers.sql"),
                "INSERT INTO customers (id, email, name) VALUES (1, 'ann@example.com', 'Ann');\nINSERT INTO customers (id, email, name) VALUES (2, 'bob@example.com', 'Bob');\n", Ct);
            await File.WriteAllTextAsync(_db.File("seeds/common/01_items.csv"), "id,price,day\n1,78.1300,2024-02-29\n", Ct);
            await File.WriteAllTextAsync(_db.File("seeds/common/02_items.json"), """[{"id": 2, "meta": {"a": [1, 2]}, "price": 1.5}]""", Ct);
            var seed = await Run("--json", "seed");
            Assert.True(seed.ExitCode == 0, seed.All);
            Assert.Equal("2", await EngineClient.RunAsync(_dev, "SELECT COUNT(*) FROM customers"));
            // the script's rows are its own, not counted as inserted by the data files (bt35 L6)
            Assert.Equal((2, 1), (seed.Json.GetProperty("inserted").GetInt32(), seed.Json.GetProperty("scripts").GetInt32()));
            // SQLite's own DECIMAL(10,4) has NUMERIC affinity: it keeps '78.1300' as the REAL 78.13, as sqlite3 would
            Assert.Equal(engine == "sqlite" ? "1|78.13|2024-02-29" : "1|78.1300|2024-02-29", await EngineClient.RunAsync(_dev, "SELECT id, price, day FROM items WHERE id = 1"));
            Assert.Equal(engine == "sqlite" ? "2|1.5" : "2|1.5000", await EngineClient.RunAsync(_dev, "SELECT id, price FROM items WHERE id = 2"));
            Assert.Contains("[1, 2]", (await EngineClient.RunAsync(_dev, "SELECT meta FROM items WHERE id = 2")).Replace("[1,2]", "[1, 2]", StringComparison.Ordinal));

            var import = _db.File("import");
            Directory.CreateDirectory(import);
            await File.WriteAllTextAsync(Path.Combine(import, "items.json"), """
                [ {"id": 3, "price": "12.5", "customer_id": 1},
                  {"id": 4, "price": "twelve"},
                  {"id": 5, "price": 3, "customer_id": 99},
                  {"id": 6, "meta": {"ok": true}, "day": "2024-01-31"} ]
                """, Ct);
            var dry = await Run("--json", "import", import, "--dry-run");
            var real = await Run("--json", "import", import);
            foreach (var r in new[] { dry, real })
            {
                Assert.True(r.ExitCode == 3, r.All);
                Assert.Equal((2, 2), (r.Json.GetProperty("inserted").GetInt32(), r.Json.GetProperty("rejected").GetInt32()));
                var positions = r.Json.GetProperty("files")[0].GetProperty("rejections").EnumerateArray().Select(x => x.GetProperty("position").GetInt32()).ToList();
                Assert.Equal([2, 3], positions);
            }
            Assert.Equal(engine == "sqlite" ? "3|12.5" : "3|12.5000", await EngineClient.RunAsync(_dev, "SELECT id, price FROM items WHERE id IN (3, 4, 5)"));
            Assert.Equal("6", await EngineClient.RunAsync(_dev, "SELECT id FROM items WHERE id = 6 AND price IS NULL AND day IS NOT NULL"));
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    /// <summary>The reasons of a file's rejections by position.</summary>
    private static Dictionary<int, string> Reasons(CliRunner.Result r, int file = 0) =>
        r.Json.GetProperty("files")[file].GetProperty("rejections").EnumerateArray().ToDictionary(x => x.GetProperty("position").GetInt32(), x => x.GetProperty("reason").GetString()!);

    /// <summary>A <c>value</c> error naming table, column and key, exit 1, no stack trace.</summary>
    private static string AssertValueError(CliRunner.Result r, string table, string column, string key)
    {
        Assert.True(r.ExitCode == 1, r.All);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        var error = r.Json.GetProperty("error");
        Assert.Equal(("value", table, column, key), (error.GetProperty("kind").GetString(), error.GetProperty("table").GetString(),
            error.GetProperty("column").GetString(), error.GetProperty("key").GetString()));
        return error.GetProperty("message").GetString()!;
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Import_and_seed_refuse_floats_out_of_range_by_name_instead_of_storing_infinity_or_zero(string engine)
    {
        // the break test: 1e400 arrived as Infinity, 1e-400 as 0 and 3.4028236e38 in a real as Infinity, "0 rejected"
        try
        {
            var db = await _db.NewAsync(engine);
            var (f, r) = engine switch { "postgresql" => ("float8", "real"), "mysql" => ("DOUBLE", "FLOAT"), _ => ("REAL", "FLOAT") };
            await EngineClient.RunAsync(db, $"CREATE TABLE fl (id int PRIMARY KEY, f {f}, r {r})");
            var folder = _db.File("floats");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "01_fl.csv"),
                "id,f,r\n1,1e400,1\n2,1e-400,1\n3,-1E+400,1\n4,1,3.4028236e38\n5,1,1e-46\n6,0e10,3.4e38\n7,-1.5e308,-2.5\n", Ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "02_fl.json"), """[{"id": 8, "f": 1e400}, {"id": 9, "f": 2.5, "r": 0.0}]""", Ct);

            var import = await CliRunner.RunAsync("--url", db, "--json", "import", folder);
            Assert.True(import.ExitCode == 3, import.All);
            // SQLite's FLOAT holds an 8-byte REAL: 3.4028236e38 and 1e-46 are stored as the doubles they are (break test 29 M4)
            var wide = engine == "sqlite";
            Assert.Equal(wide ? (5, 4) : (3, 6), (import.Json.GetProperty("inserted").GetInt32(), import.Json.GetProperty("rejected").GetInt32()));
            var csv = Reasons(import);
            Assert.Equal(wide ? [2, 3, 4] : [2, 3, 4, 5, 6], csv.Keys.Order());
            Assert.Equal("column f, row id=1: '1e400' is out of range for float64 (double precision): it would be stored as Infinity", csv[2]);
            Assert.Equal("column f, row id=2: '1e-400' is out of range for float64 (double precision): it would be stored as 0", csv[3]);
            Assert.StartsWith("column f, row id=3: '-1E+400' is out of range for float64", csv[4], StringComparison.Ordinal);
            if (wide)
            {
                Assert.Equal("4|3.4028236e+38\n5|1.0e-46", await EngineClient.RunAsync(db, "SELECT id, quote(r) FROM fl WHERE id IN (4, 5) ORDER BY id"));
            }
            else
            {
                Assert.Equal("column r, row id=4: '3.4028236e38' is out of range for float32 (real): it would be stored as Infinity", csv[5]);
                Assert.Equal("column r, row id=5: '1e-46' is out of range for float32 (real): it would be stored as 0", csv[6]);
            }
            Assert.Equal("column f, row id=8: '1e400' is out of range for float64 (double precision): it would be stored as Infinity", Reasons(import, 1)[1]);
            Assert.Equal((wide ? "4|0\n5|0\n" : "") + "6|0\n7|1\n9|0", await EngineClient.RunAsync(db, "SELECT id, CASE WHEN f < 0 THEN 1 ELSE 0 END FROM fl ORDER BY id"));

            // seed stops at the first such record with a value error naming it; nothing of the file is written
            await EngineClient.RunAsync(db, "DELETE FROM fl");
            var seed = await CliRunner.RunAsync("--url", db, "--json", "seed", "--folder", folder);
            Assert.Contains("'1e400' is out of range for float64", AssertValueError(seed, "fl", "f", "id=1"), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(db, "SELECT COUNT(*) FROM fl"));

            // NaN: PostgreSQL keeps it; SQLite (it would store NULL) and MariaDB (invalid SQL: "Unknown column 'NaN'") refuse it by name
            var nan = _db.File("nan");
            Directory.CreateDirectory(nan);
            await File.WriteAllTextAsync(Path.Combine(nan, "fl.csv"), "id,f,r\n10,NaN,1\n", Ct);
            seed = await CliRunner.RunAsync("--url", db, "--json", "seed", "--folder", nan);
            if (engine == "postgresql")
            {
                Assert.True(seed.ExitCode == 0, seed.All);
                Assert.Equal("10|NaN", await EngineClient.RunAsync(db, "SELECT id, f FROM fl"));
            }
            else
            {
                Assert.Contains("NaN has no equivalent", AssertValueError(seed, "fl", "f", "id=10"), StringComparison.Ordinal);
                Assert.Equal("0", await EngineClient.RunAsync(db, "SELECT COUNT(*) FROM fl"));
            }
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Import_rejection_reasons_are_short_and_name_the_expected_form()
    {
        await ProjectAsync("sqlite");
        await EngineClient.RunAsync(_dev, "CREATE TABLE v (id INTEGER PRIMARY KEY, d DATE, u UUID, b BLOB, n BIGINT, t TIMESTAMP)");
        var folder = _db.File("reasons");
        Directory.CreateDirectory(folder);
        var big = new string('9', 400);
        await File.WriteAllTextAsync(Path.Combine(folder, "v.csv"),
            $"id,d,u,b,n,t\n1,2020-02-30,,,,\n2,,not-a-uuid,,,\n3,,,%%%,,\n4,,,,{big},\n5,,,,,2020-13-01 10:00:00\n6,2020-02-29,3f2504e0-4f89-11d3-9a0c-0305e82c3301,AAE=,5,2020-01-01 10:00:00\n", Ct);
        var import = await Run("--json", "import", folder);
        Assert.True(import.ExitCode == 3, import.All);
        var reasons = Reasons(import);
        Assert.Equal("column d, row id=1: '2020-02-30' is not a date (yyyy-MM-dd)", reasons[2]);
        Assert.Equal("column u, row id=2: 'not-a-uuid' is not a uuid", reasons[3]);
        Assert.Equal("column b, row id=3: '%%%' is not base64 (or hex after \\x)", reasons[4]);
        Assert.Equal($"column n, row id=4: '{big[..40]}…' is out of range for int64", reasons[5]);
        Assert.Equal("column t, row id=5: '2020-13-01 10:00:00' is not a timestamp (yyyy-MM-dd HH:mm:ss[.fffffff])", reasons[6]);
        Assert.Equal("6|2020-02-29|5", await EngineClient.RunAsync(_dev, "SELECT id, d, n FROM v"));
    }

    [Fact]
    public async Task A_data_file_that_is_not_utf8_is_refused_with_its_line_and_byte_and_nothing_is_loaded()
    {
        await ProjectAsync("sqlite");
        Directory.CreateDirectory(_db.File("seeds/common"));
        await File.WriteAllBytesAsync(_db.File("seeds/common/customers.csv"),
            [.. "id,email,name\n1,a@b.c,Ann\n2,j@b.c,Jos"u8, 0xE9, .. "\n"u8], Ct);
        var seed = await Run("--json", "seed");
        Assert.True(seed.ExitCode != 0, seed.All);
        Assert.DoesNotContain("   at ", seed.All, StringComparison.Ordinal);
        Assert.Contains("line 3, byte 37: not valid UTF-8 (0xE9)", seed.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(_dev, "SELECT COUNT(*) FROM customers"));
    }

    [Fact]
    public async Task Reset_is_refused_on_a_protected_environment_without_yes_and_its_name_and_data_only_keeps_the_history()
    {
        await ProjectAsync("sqlite", audit: true);
        Assert.Equal(0, (await Run("exec", "INSERT INTO customers (id, email, name) VALUES (1, 'a@b.c', 'A')")).ExitCode);

        var refused = await Run("--env", "prod", "--json", "reset");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("protected environment", refused.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(4, (await Run("--env", "prod", "--yes", "--confirm", "dev", "reset")).ExitCode);
        Assert.Equal(1, (await Run("--json", "query", "SELECT COUNT(*) AS n FROM customers")).Json.GetProperty("rows")[0].GetProperty("n").GetInt32());

        var emptied = await Run("--env", "prod", "--yes", "--confirm", "prod", "reset", "--data-only");
        Assert.True(emptied.ExitCode == 0, emptied.All);
        Assert.Equal(0, (await Run("--json", "query", "SELECT COUNT(*) AS n FROM customers")).Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
        var info = await Run("--json", "migrate", "info");
        Assert.True(info.ExitCode == 0, info.All);
        Assert.Contains("Applied", info.Stdout);

        var stats = await Run("--json", "stats");
        Assert.Contains(stats.Json.GetProperty("tables").EnumerateArray(), t => t.GetProperty("name").GetString() == "customers" && t.GetProperty("rows").GetInt32() == 0);

        Assert.Equal(4, (await Run("reset")).ExitCode); // no terminal to ask
        // dev's URL is prod's database here: dev is protected as prod (bt42 N13: DEV_DATABASE_URL set to prod's emptied it)
        var asProd = await Run("--json", "--yes", "reset");
        Assert.Equal(4, asProd.ExitCode);
        Assert.Contains("environment dev names the database of protected environment prod", asProd.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await Run("--yes", "--confirm", "prod", "reset")).ExitCode);
        var left = await Run("--json", "query", "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        Assert.Equal(["nexusql_audit"], left.Json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var audit = await Run("--json", "query", "SELECT operation, outcome, who FROM nexusql_audit ORDER BY id");
        var ops = audit.Json.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("operation").GetString(), r.GetProperty("outcome").GetString())).ToList();
        Assert.Equal([("migrate", "ok"), ("reset --data-only", "ok"), ("reset", "ok")], ops);
        Assert.Contains("@", audit.Json.GetProperty("rows")[0].GetProperty("who").GetString());
    }

    [Fact]
    public async Task Bash_completion_offers_commands_subcommands_options_and_choices()
    {
        // through a real bash, with the script the tool prints and a nexusql on PATH
        var bin = _db.File("bin");
        Directory.CreateDirectory(bin);
        var shim = Path.Combine(bin, "nexusql");
        File.WriteAllText(shim, $"#!/bin/sh\nexec dotnet '{CliRunner.DllPath}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = (await CliRunner.OkAsync("completion", "bash")).Stdout;
        File.WriteAllText(_db.File("completion.bash"), script);

        async Task<string[]> Complete(params string[] words)
        {
            var quoted = string.Join(' ', words.Select(w => $"'{w}'"));
            var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c",
                $"source '{_db.File("completion.bash")}'; COMP_WORDS=(nexusql {quoted}); COMP_CWORD={words.Length}; _nexusql_complete; printf '%s\\n' \"${{COMPREPLY[@]}}\""])
            { RedirectStandardOutput = true, UseShellExecute = false };
            start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
            using var bash = System.Diagnostics.Process.Start(start)!;
            var output = await bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        Assert.Equal(["migrate"], await Complete("mig"));
        Assert.Contains("info", await Complete("migrate", ""));
        Assert.Contains("--lock-timeout", await Complete("migrate", "--lo"));
        Assert.Equal(["bash", "fish", "zsh"], (await Complete("completion", "")).Where(w => !w.StartsWith('-')).Order());
        // an option's values, as they are typed, also when the word is begun
        Assert.Equal(["csv", "json", "jsonl", "table", "tsv"], (await Complete("query", "--format", "")).Order());
        Assert.Equal(["json", "jsonl"], (await Complete("query", "-f", "js")).Order());
    }

    [Fact]
    public async Task The_project_file_is_found_in_a_parent_folder_like_git_finds_its_repository()
    {
        var dir = _db.File("walk");
        var deeper = Path.Combine(dir, "src", "app");
        Directory.CreateDirectory(deeper);
        File.WriteAllText(Path.Combine(dir, "nexusql.json"), """{ "environments": { "dev": { "url": "sqlite:///data/dev.db" } }, "defaultEnvironment": "dev" }""");

        var current = await CliRunner.RunAsync(["--json", "env", "current"], null, deeper);
        var outside = await CliRunner.RunAsync(["--json", "env", "current"], null, _db.File(""));

        Assert.True(current.ExitCode == 0, current.All);
        Assert.Equal("dev", current.Json.GetProperty("environment").GetString());
        Assert.Equal(2, outside.ExitCode); // no project above the test's own folder
    }

    [Fact]
    public async Task Init_writes_a_project_and_env_use_switches_the_current_environment()
    {
        var dir = _db.File("project");
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "nexusql.json");
        Assert.Equal(0, (await CliRunner.RunAsync("--config", config, "init")).ExitCode);
        Assert.True(Directory.Exists(Path.Combine(dir, "migrations")));
        Assert.Equal(2, (await CliRunner.RunAsync("--config", config, "init")).ExitCode); // never overwritten silently
        var current = await CliRunner.RunAsync("--config", config, "--json", "env", "current");
        Assert.Equal("dev", current.Json.GetProperty("environment").GetString());
        Assert.Equal(0, (await CliRunner.RunAsync("--config", config, "env", "use", "test")).ExitCode);
        current = await CliRunner.RunAsync("--config", config, "--json", "env", "current");
        Assert.Equal(("test", false), (current.Json.GetProperty("environment").GetString(), current.Json.GetProperty("protected").GetBoolean()));
        Assert.EndsWith("test.db", current.Json.GetProperty("url").GetString());
        var overridden = await CliRunner.RunAsync(["--config", config, "--json", "env", "current"], new Dictionary<string, string> { ["NEXUSQL_ENV"] = "dev" });
        Assert.Equal("NEXUSQL_ENV", overridden.Json.GetProperty("source").GetString());
        var prod = await CliRunner.RunAsync(["--config", config, "--json", "--env", "prod", "env", "current"], new Dictionary<string, string> { ["PROD_DATABASE_URL"] = "postgresql://app:Canary-Secret-77@db.example/app" });
        Assert.True(prod.Json.GetProperty("protected").GetBoolean());
        Assert.DoesNotContain("Canary-Secret-77", prod.Stdout);
        var missing = await CliRunner.RunAsync("--config", config, "--env", "prod", "env", "current");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("PROD_DATABASE_URL", missing.Stderr);
    }
}
