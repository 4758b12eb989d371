namespace NexuSql.Cli.Tests;

public sealed class SqliteCliTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"nexusql-cli-{Guid.NewGuid():N}.db");

    private string Url => "sqlite:///" + _path;

    public void Dispose() => File.Delete(_path);

    private async Task SeedAsync()
    {
        var create = await CliRunner.RunAsync("--url", Url, "exec", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, note TEXT)");
        Assert.Equal(0, create.ExitCode);
        var insert = await CliRunner.RunAsync("--url", Url, "exec", "INSERT INTO users (email, note) VALUES (:email, ':not_a_param /* -- */')", "--param", "email=ann@example.com");
        Assert.Equal(0, insert.ExitCode);
        Assert.Contains("1 row affected", insert.Stdout);
    }

    [Fact]
    public async Task Exec_of_a_statement_without_a_row_count_says_so_and_an_engine_error_names_the_engine_once()
    {
        await SeedAsync();
        var select = await CliRunner.RunAsync("--url", Url, "exec", "SELECT 1");
        Assert.Equal(0, select.ExitCode);
        Assert.DoesNotContain("-1", select.Stdout, StringComparison.Ordinal);
        Assert.Contains("no row count", select.Stdout, StringComparison.Ordinal);
        var json = await CliRunner.RunAsync("--url", Url, "--json", "exec", "SELECT 1");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.Json.GetProperty("affected").ValueKind);

        var again = await CliRunner.RunAsync("--url", Url, "exec", "CREATE TABLE users (id INTEGER)");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("SQLite error 1: ", again.Stderr, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(again.Stderr, "SQLite error", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
    }

    [Fact]
    public async Task Query_json_returns_rows_with_parameter_like_text_untouched()
    {
        await SeedAsync();
        var r = await CliRunner.RunAsync("--url", Url, "--json", "query",
            "SELECT id, email, note, ':x' AS lit FROM users /* :y */ WHERE email = :email -- :z", "-p", "email=ann@example.com");
        Assert.Equal(0, r.ExitCode);
        var row = Assert.Single(r.Json.GetProperty("rows").EnumerateArray());
        Assert.Equal("ann@example.com", row.GetProperty("email").GetString());
        Assert.Equal(":not_a_param /* -- */", row.GetProperty("note").GetString());
        Assert.Equal(":x", row.GetProperty("lit").GetString());
        Assert.Equal(1, r.Json.GetProperty("rowCount").GetInt32());
    }

    [Fact]
    public async Task Query_table_output_shows_columns_and_values()
    {
        await SeedAsync();
        var r = await CliRunner.RunAsync("--url", Url, "query", "SELECT email, note FROM users WHERE id = :id", "-p", "id=1");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("email", r.Stdout);
        Assert.Contains("ann@example.com", r.Stdout);
        Assert.Contains("(1 row)", r.Stdout);
    }

    [Fact]
    public async Task Exec_unique_violation_exits_1_with_constraint_kind()
    {
        await SeedAsync();
        var r = await CliRunner.RunAsync("--url", Url, "--json", "exec", "INSERT INTO users (email) VALUES (:e)", "-p", "e=ann@example.com");
        Assert.Equal(1, r.ExitCode);
        var error = r.Json.GetProperty("error");
        Assert.Equal("constraint", error.GetProperty("kind").GetString());
        Assert.Equal("Unique", error.GetProperty("constraint").GetString());
        Assert.Equal("2067", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Query_missing_parameter_exits_2_naming_it()
    {
        await SeedAsync();
        var r = await CliRunner.RunAsync("--url", Url, "query", "SELECT * FROM users WHERE email = :email");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(":email", r.Stderr);
        Assert.DoesNotContain("(Parameter", r.Stderr);
    }

    [Theory]
    [InlineData("query", "SELECT 1")]
    [InlineData("bogus-command")]
    [InlineData("--url", "oracle://x/y", "query", "SELECT 1")]
    [InlineData("--url", "sqlite::memory:", "query", "SELECT :a", "-p", "no-equals-sign")]
    [InlineData("--url", "sqlite::memory:", "query", "SELECT :a", "-p", "a:weird=1")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.Stderr);
    }

    [Fact]
    public async Task Query_typed_parameters_bind_as_their_type()
    {
        var r = await CliRunner.RunAsync("--url", "sqlite::memory:", "--json", "query",
            "SELECT typeof(:n) AS n, typeof(:t) AS t, typeof(:d) AS d, :nothing IS NULL AS is_null", "-p", "n=42", "-p", "t=007", "-p", "d:double=1.5", "-p", "nothing:null=");
        Assert.Equal(0, r.ExitCode);
        var row = r.Json.GetProperty("rows")[0];
        Assert.Equal("integer", row.GetProperty("n").GetString());
        Assert.Equal("text", row.GetProperty("t").GetString());
        Assert.Equal("real", row.GetProperty("d").GetString());
        Assert.Equal(1, row.GetProperty("is_null").GetInt32());
    }

    [Fact]
    public async Task Schema_dump_writes_the_portable_model_atomically()
    {
        await SeedAsync();
        var file = Path.Combine(Path.GetTempPath(), $"nexusql-schema-{Guid.NewGuid():N}.json");
        try
        {
            var r = await CliRunner.RunAsync("--url", Url, "schema", "dump", "--output", file);
            Assert.Equal(0, r.ExitCode);
            var model = NexuSql.Schema.SchemaModel.FromJson(File.ReadAllText(file));
            var users = Assert.Single(model.Tables);
            Assert.Equal(["id", "email", "note"], users.Columns.Select(c => c.Name));
            Assert.Equal(["email"], Assert.Single(users.Uniques).Columns);
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + ".tmp-*"));
            var stdout = await CliRunner.RunAsync("--url", Url, "schema", "dump");
            Assert.Equal(File.ReadAllText(file), stdout.Stdout);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Check_reads_DATABASE_URL_and_reports_the_engine()
    {
        // check never creates a database: an existing (empty) file is one
        if (!File.Exists(_path)) await File.WriteAllBytesAsync(_path, [], TestContext.Current.CancellationToken);
        var r = await CliRunner.RunAsync(["--json", "check"], new Dictionary<string, string> { ["DATABASE_URL"] = Url });
        Assert.Equal(0, r.ExitCode);
        Assert.True(r.Json.GetProperty("ok").GetBoolean());
        Assert.Equal("Sqlite", r.Json.GetProperty("engine").GetString());
        Assert.StartsWith("3.", r.Json.GetProperty("serverVersion").GetString());
    }

    [Fact]
    public async Task Schema_apply_strict_table_stays_strict_through_dump_backup_restore_and_copy()
    {
        var dir = Directory.CreateTempSubdirectory("nexusql-cli-strict-").FullName;
        try
        {
            string Db(string name) => "sqlite:///" + Path.Combine(dir, name);
            File.WriteAllText(Path.Combine(dir, "schema.json"), """
                { "tables": [ { "name": "readings", "strict": true,
                    "columns": [ { "name": "id", "type": "int64", "nullable": false, "identity": true },
                                 { "name": "ok", "type": "boolean", "nullable": false },
                                 { "name": "value", "type": "decimal(10,3)" }, { "name": "day", "type": "date" } ],
                    "primaryKey": { "columns": [ "id" ] } } ] }
                """);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", Db("a.db"), "schema", "apply", Path.Combine(dir, "schema.json"))).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", Db("a.db"), "exec", "INSERT INTO readings (ok, value, day) VALUES (1, '1.250', '2026-11-29'), (0, NULL, NULL)")).ExitCode);
            var refused = await CliRunner.RunAsync("--url", Db("a.db"), "--json", "exec", "INSERT INTO readings (ok) VALUES ('yes')");
            Assert.Equal(1, refused.ExitCode);
            Assert.Equal("3091", refused.Json.GetProperty("error").GetProperty("code").GetString());

            var dump = await CliRunner.RunAsync("--url", Db("a.db"), "schema", "dump");
            Assert.Contains("\"strict\": true", dump.Stdout);
            Assert.Equal(0, (await CliRunner.RunAsync("schema", "diff", "--from", Db("a.db"), "--to", Path.Combine(dir, "schema.json"))).ExitCode);

            Assert.Equal(0, (await CliRunner.RunAsync("--url", Db("a.db"), "backup", "-o", Path.Combine(dir, "a.nxb"))).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", Db("restored.db"), "restore", Path.Combine(dir, "a.nxb"))).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("copy", "--from", Db("a.db"), "--to", Db("copied.db"))).ExitCode);
            foreach (var target in new[] { Db("restored.db"), Db("copied.db") })
            {
                var r = await CliRunner.RunAsync("--url", target, "--json", "query",
                    "SELECT l.strict, (SELECT COUNT(*) FROM readings) AS n FROM pragma_table_list l WHERE l.name = 'readings'");
                var row = Assert.Single(r.Json.GetProperty("rows").EnumerateArray());
                Assert.Equal(1, row.GetProperty("strict").GetInt32());
                Assert.Equal(2, row.GetProperty("n").GetInt32());
                Assert.Equal(0, (await CliRunner.RunAsync("schema", "diff", "--from", target, "--to", Db("a.db"))).ExitCode);
                Assert.Equal(0, (await CliRunner.RunAsync("--url", target, "verify", "--against", Db("a.db"), "--checks", "data")).ExitCode);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("query")]
    [InlineData("--bogus", "query", "SELECT 1")]
    public async Task A_mistyped_command_line_under_json_is_one_json_document(params string[] args)
    {
        var r = await CliRunner.RunAsync(["--json", "--url", "sqlite::memory:", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("usage", r.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(2, r.Json.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task A_migration_script_that_is_not_utf8_is_refused_with_its_line_and_byte_and_nothing_runs()
    {
        var dir = Directory.CreateTempSubdirectory("nexusql-utf8-").FullName;
        try
        {
            var scripts = Directory.CreateDirectory(Path.Combine(dir, "migrations")).FullName;
            await File.WriteAllBytesAsync(Path.Combine(scripts, "V1__names.sql"),
                [.. "CREATE TABLE n (name TEXT);\nINSERT INTO n VALUES ('Jos"u8, 0xE9, .. "');\n"u8], TestContext.Current.CancellationToken);
            var url = "sqlite:///" + Path.Combine(dir, "m.db");
            var r = await CliRunner.RunAsync("--url", url, "migrate", "--locations", scripts);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("V1__names.sql, line 2, byte 54: not valid UTF-8 (0xE9)", r.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'n'"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
