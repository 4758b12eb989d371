namespace NexuSql.Cli.Tests;

/// <summary>Bad input is a usage error (exit 2, kind usage, one JSON document), never a stack trace, and changes nothing.</summary>
public sealed class BadInputCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-badinput-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Db => "sqlite:///" + Path.Combine(_dir, "a.db");

    private static string Message(CliRunner.Result r) => r.Json.GetProperty("error").GetProperty("message").GetString()!;

    private async Task<CliRunner.Result> UsageAsync(params string[] args)
    {
        var r = await CliRunner.RunAsync(["--json", .. args]);
        Assert.True(r.ExitCode == 2, $"nexusql {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
        Assert.Equal("usage", r.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    [Fact]
    public async Task Out_of_range_typed_param_negative_lock_timeout_and_empty_table_list_are_usage_errors()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Db, "exec", "CREATE TABLE t (id INTEGER PRIMARY KEY)")).ExitCode);
        Assert.Contains("not a valid int", (await UsageAsync("--url", Db, "query", "SELECT :a AS a", "--param", "a:int=99999999999")).Stdout, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(_dir, "migrations"));
        var lockTimeout = await CliRunner.RunAsync("--url", Db, "migrate", "--locations", Path.Combine(_dir, "migrations"), "--lock-timeout", "-1");
        Assert.Equal(2, lockTimeout.ExitCode);
        Assert.Contains("--lock-timeout takes a whole number of seconds, 0 or more (0: do not wait), not '-1'.", lockTimeout.All, StringComparison.Ordinal);
        await UsageAsync("--url", Db, "backup", "--tables", ",,,", "-o", Path.Combine(_dir, "x.nxb"));
        Assert.False(File.Exists(Path.Combine(_dir, "x.nxb")));
    }

    [Fact]
    public async Task Numbers_out_of_range_text_for_a_number_and_empty_lists_are_usage_errors_naming_the_option()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Db, "exec", "CREATE TABLE t (id INTEGER PRIMARY KEY)")).ExitCode);
        var migrations = Directory.CreateDirectory(Path.Combine(_dir, "migrations")).FullName;
        (string[] Args, string Expected)[] cases =
        [
            (["--url", Db, "migrate", "--locations", migrations, "--lock-timeout", "abc"], "--lock-timeout takes a whole number of seconds, 0 or more (0: do not wait), not 'abc'."),
            (["--url", Db, "migrate", "--locations", migrations, "--lock-timeout", "-1"], "--lock-timeout takes a whole number of seconds, 0 or more (0: do not wait), not '-1'."),
            (["--url", Db, "migrate", "undo", "--steps", "0"], "--steps takes a whole number, 1 or more, not '0'."),
            (["backup", "prune", "--keep", "0", "--dir", _dir], "--keep takes a whole number, 1 or more, not '0'."),
            (["--url", Db, "import", _dir, "--limit", "-5"], "--limit takes a whole number, 0 or more, not '-5'."),
            // break test 29 M18: the parser's own words named .NET types ('System.Nullable`1[System.Int64]', 'NexuSql.Cli.ResultFormat')
            (["--url", Db, "import", _dir, "--limit", "1.5"], "--limit takes a whole number, 0 or more, not '1.5'."),
            (["backup", "prune", "--keep", "x", "--dir", _dir], "--keep takes a whole number, 1 or more, not 'x'."),
            (["--url", Db, "query", "SELECT 1", "--format", "xml"], "--format takes table, csv, tsv, json or jsonl, not 'xml'."),
            (["--url", Db, "query", "SELECT 1", "--format", "csv,tsv"], "--format takes table, csv, tsv, json or jsonl, not 'csv,tsv'."),
            (["--url", Db, "verify", "--checks", ",,,"], "--checks ',,,' names no check"),
            (["--url", Db, "query", "SELECT :a AS a", "--param", "a:double=1e999"], "--param a: '1e999' is not a valid double"),
            // the #11 break test's F24: .NET's decimal would round the last digits without a word
            (["--url", Db, "query", "SELECT :n AS n", "--param", "n:decimal=12345678901234567890.123456789012"], "more significant digits than .NET's decimal keeps"),
        ];
        foreach (var (args, expected) in cases)
        {
            var message = Message(await UsageAsync(args));
            Assert.Contains(expected, message, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", message, StringComparison.Ordinal); // no .NET type names
            Assert.DoesNotContain("expected type", message, StringComparison.Ordinal);
        }
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Db, "--json", "query", "SELECT count(*) AS n FROM t")).Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
    }

    [Theory]
    [InlineData("postgresql://u:canary@127.0.0.1:1/{long}", "database name is 100000 characters long")]
    [InlineData("mysql://u:canary@127.0.0.1:1/{long}", "database name is 100000 characters long")]
    [InlineData("postgresql://u:canary@127.0.0.1:1/db%zz", "database name 'db%zz' has an invalid percent-escape")]
    [InlineData("postgresql://u:can%zzary@127.0.0.1:1/db", "password has an invalid percent-escape")]
    [InlineData("postgresql://u%zz:canary@127.0.0.1:1/db", "user name has an invalid percent-escape")]
    [InlineData("postgresql://u:canary@db%zz:1/db", "host 'db%zz' has an invalid percent-escape")]
    [InlineData("mysql://u:canary@127.0.0.1:1/db?ssl-mode=%zz", "option 'ssl-mode' has an invalid percent-escape")]
    public async Task A_url_with_an_overlong_name_or_a_bad_escape_is_a_usage_error_that_never_shows_the_password(string url, string expected)
    {
        var r = await UsageAsync("--url", url.Replace("{long}", new string('d', 100_000), StringComparison.Ordinal), "check");
        Assert.Contains(expected, Message(r), StringComparison.Ordinal);
        Assert.DoesNotContain("canary", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("can%zzary", r.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("V1__logo.sql", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D }, "V1__logo.sql, line 1, byte 0: not valid UTF-8 (0x89)")]
    [InlineData("V1__zeros.sql", new byte[] { 0x53, 0x45, 0x4C, 0x45, 0x43, 0x54, 0x20, 0x31, 0x3B, 0x0A, 0, 0, 0 }, "V1__zeros.sql, line 2, byte 10: a NUL byte (0x00); this is not a text file")]
    public async Task A_migration_file_that_is_not_text_is_refused_by_file_line_and_byte_before_anything_runs(string name, byte[] content, string expected)
    {
        // the second is valid UTF-8 ("SELECT 1;\n" and NULs): SQLite's driver looped forever on it
        var migrations = Directory.CreateDirectory(Path.Combine(_dir, "migrations")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(migrations, name), content, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Db, "exec", "CREATE TABLE t (id INTEGER PRIMARY KEY)")).ExitCode);
        foreach (var command in new[] { "migrate", "info", "validate" })
        {
            string[] args = command == "migrate" ? ["--url", Db, "migrate", "--locations", migrations] : ["--url", Db, "migrate", command, "--locations", migrations];
            Assert.Contains(expected, Message(await UsageAsync(args)), StringComparison.Ordinal);
        }
        var tables = await CliRunner.RunAsync("--url", Db, "--json", "query", "SELECT name FROM sqlite_master WHERE type = 'table'");
        Assert.Equal("t", Assert.Single(tables.Json.GetProperty("rows").EnumerateArray()).GetProperty("name").GetString()); // no history table
    }

    [Fact]
    public async Task A_param_given_twice_is_refused_and_schema_dump_writes_into_a_new_folder_but_not_onto_one()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Db, "exec", "CREATE TABLE t (id INTEGER PRIMARY KEY)")).ExitCode);
        Assert.Contains("given twice", (await UsageAsync("--url", Db, "query", "SELECT :x AS x", "--param", "x=1", "--param", "x=2")).Stdout, StringComparison.Ordinal);
        Assert.Contains("is a folder", (await UsageAsync("--url", Db, "schema", "dump", "-o", _dir)).Stdout, StringComparison.Ordinal);
        var nested = Path.Combine(_dir, "new", "folder", "schema.json");
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Db, "schema", "dump", "-o", nested)).ExitCode);
        // a device is written into, never replaced by a renamed file (as root, a rename would turn /dev/null into a file)
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Db, "schema", "dump", "-o", "/dev/null")).ExitCode);
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%F", "/dev/null"]) { RedirectStandardOutput = true })!;
        Assert.Equal("character special file", (await stat.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).Trim());
        Assert.True(File.Exists(nested));
    }

    [Fact]
    public async Task A_schema_file_with_an_unknown_key_or_null_columns_is_refused_by_path_and_nothing_is_applied()
    {
        var typo = Path.Combine(_dir, "typo.json");
        File.WriteAllText(typo, """{"tables":[{"name":"t","columns":[{"name":"id","type":"int32","nullable":false,"defualt":"1"}]}]}""");
        Assert.Contains("at $.tables[0].columns[0].defualt: unknown key 'defualt'", Message(await UsageAsync("--url", Db, "schema", "apply", typo)), StringComparison.Ordinal);
        var nulls = Path.Combine(_dir, "nulls.json");
        File.WriteAllText(nulls, """{"tables":[{"name":"t","columns":null}]}""");
        Assert.Contains("table t has no \"columns\"", Message(await UsageAsync("--url", Db, "schema", "apply", nulls)), StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Db, "--json", "schema", "dump")).Stdout.Split("\"name\": \"t\"").Length - 1);
    }

    [Theory]
    [InlineData("\"primaryKey\":{\"columns\":[\"id\",\"idd\"]}", "at $.tables[1].primaryKey.columns[1]: the primary key of table orders names column \"idd\"")]
    [InlineData("\"uniques\":[{\"columns\":[\"cod\"]}]", "at $.tables[1].uniques[0].columns[0]: a unique key of table orders names column \"cod\"")]
    [InlineData("\"indexes\":[{\"name\":\"orders_x\",\"columns\":[{\"name\":\"code\"},{\"name\":\"nope\"}]}]",
        "at $.tables[1].indexes[0].columns[1].name: index orders_x of table orders names column \"nope\"")]
    [InlineData("\"foreignKeys\":[{\"columns\":[\"cust\"],\"referencedTable\":\"customers\",\"referencedColumns\":[\"id\"]}]",
        "at $.tables[1].foreignKeys[0].columns[0]: a foreign key of table orders names column \"cust\"")]
    [InlineData("\"foreignKeys\":[{\"columns\":[\"code\"],\"referencedTable\":\"customers\",\"referencedColumns\":[\"ident\"]}]",
        "at $.tables[1].foreignKeys[0].referencedColumns[0]: a foreign key of table orders (to customers) names column \"ident\", which table customers does not have")]
    public async Task A_schema_file_key_or_index_naming_a_missing_column_is_refused_by_path_and_nothing_is_applied(string key, string expected)
    {
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Db, "exec", "CREATE TABLE keep (id INTEGER PRIMARY KEY)")).ExitCode);
        var file = Path.Combine(_dir, "missing-column.json");
        File.WriteAllText(file, """{"tables":[{"name":"customers","columns":[{"name":"id","type":"int32","nullable":false}]},""" +
            """{"name":"orders","columns":[{"name":"id","type":"int32","nullable":false},{"name":"code","type":"int32"}],""" + key + "}]}");
        foreach (var args in new[] { new[] { "schema", "apply", file }, ["schema", "diff", "--from", Db, "--to", file] })
            Assert.Contains(expected, Message(await UsageAsync(["--url", Db, .. args])), StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Db, "--json", "schema", "dump")).Stdout.Split("\"name\": \"customers\"").Length - 1);
    }

    [Fact]
    public async Task A_mistyped_sqlite_path_is_refused_by_reading_commands_and_no_empty_database_appears()
    {
        var typo = Path.Combine(_dir, "typo.db");
        var url = "sqlite:///" + typo;
        var backup = await UsageAsync("--url", url, "backup", "-o", Path.Combine(_dir, "t.nxb"));
        Assert.Contains("does not exist", backup.Stdout, StringComparison.Ordinal);
        await UsageAsync("--url", url, "verify");
        await UsageAsync("--url", url, "schema", "dump");
        await UsageAsync("--url", url, "stats");
        await UsageAsync("--url", url, "query", "SELECT 1");
        await UsageAsync("copy", "--from", url, "--to", "sqlite:///" + Path.Combine(_dir, "b.db"));
        Assert.False(File.Exists(typo));
        Assert.False(File.Exists(Path.Combine(_dir, "t.nxb")));
    }

    [Fact]
    public async Task Backup_list_of_a_file_and_a_url_with_a_bad_escape_are_usage_errors()
    {
        var file = Path.Combine(_dir, "plain.txt");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);
        Assert.Contains("is a file", (await UsageAsync("backup", "list", "--dir", file)).Stdout, StringComparison.Ordinal);
        var r = await UsageAsync("--url", "postgresql://u:secret%zz@127.0.0.1:1/db", "check");
        Assert.DoesNotContain("secret", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_into_an_existing_folder_writes_the_default_name_there_and_leaves_no_partial()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Db, "exec", "CREATE TABLE t (id INTEGER PRIMARY KEY)")).ExitCode);
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
        var r = await CliRunner.RunAsync("--url", Db, "--json", "backup", "-o", folder);
        Assert.True(r.ExitCode == 0, r.All);
        var written = Assert.Single(Directory.GetFiles(folder));
        Assert.EndsWith(".nxb", written, StringComparison.Ordinal);
        Assert.Equal(written, r.Json.GetProperty("path").GetString());
    }
}

/// <summary>Under --json every command prints exactly one JSON document on success too (scripts parse stdout whole).</summary>
public sealed class JsonEverywhereCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-json-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_command_prints_one_json_document()
    {
        var config = Path.Combine(_dir, "nexusql.json");
        var db = "sqlite:///" + Path.Combine(_dir, "j.db");
        var backup = Path.Combine(_dir, "j.nxb");
        string[][] commands =
        [
            ["--version"],
            ["--help"],
            ["--config", config, "init"],
            ["--config", config, "env", "use", "test"],
            ["--config", config, "env", "list"],
            ["--url", db, "exec", "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)"],
            ["--url", db, "query", "SELECT * FROM t"],
            ["--url", db, "check"],
            ["--url", db, "schema", "dump", "-o", Path.Combine(_dir, "schema.json")],
            ["--url", db, "backup", "-o", backup],
            ["backup", "list", "--dir", _dir],
            ["backup", "verify", backup],
            ["--url", db, "stats"],
            ["--url", db, "verify", "--checks", "integrity"],
            ["completion", "bash"],
        ];
        foreach (var args in commands)
        {
            var r = await CliRunner.RunAsync(["--json", .. args]);
            Assert.True(r.ExitCode == 0, $"nexusql --json {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
            using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout); // throws unless stdout is exactly one document
            Assert.Equal(System.Text.Json.JsonValueKind.Object, doc.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task Every_failure_prints_one_json_document_carrying_the_exit_code()
    {
        string Url(string name) => "sqlite:///" + Path.Combine(_dir, name);
        string In(string name) => Path.Combine(_dir, name);
        var (db, other, missing) = (Url("j.db"), Url("o.db"), Url("missing.db"));
        var config = In("nexusql.json");
        await File.WriteAllTextAsync(config, """{"environments":{"dev":{"url":"sqlite:///j.db"},"prod":{"url":"sqlite:///o.db","protected":true}}}""", Ct);
        await File.WriteAllTextAsync(In("other.json"), """{"tables":[{"name":"z","columns":[{"name":"id","type":"int32","nullable":false}]}]}""", Ct);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", db, "exec", "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", other, "exec", "CREATE TABLE u (id INTEGER PRIMARY KEY)")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", db, "backup", "-o", In("j.nxb"))).ExitCode);
        (int Exit, string[] Args)[] cases =
        [
            (2, ["--bogus"]),                                                   // parse errors: unknown option, command,
            (2, ["nosuch"]),                                                    // missing argument, option without value
            (2, ["query"]),
            (2, ["--url", db, "query", "SELECT 1", "--param"]),
            (2, ["--version", "--bogus"]),
            (2, ["--config", config, "init"]),                                  // the file exists
            (2, ["--config", config, "env", "use", "nosuch"]),
            (2, ["--url", missing, "check"]),
            (2, ["--url", missing, "schema", "dump", "-o", In("s.json")]),
            (2, ["--url", db, "schema", "apply", In("nope.json")]),
            (3, ["--url", db, "schema", "diff", "--from", db, "--to", In("other.json")]),
            (1, ["--url", db, "query", "SELECT * FROM nope"]),
            (1, ["--url", db, "exec", "INSERT INTO t (id) VALUES (1), (1)"]),
            (2, ["--url", db, "migrate", "--locations", In("nodir")]),
            (4, ["--url", db, "migrate", "repair"]),
            (2, ["backup", "verify", In("nope.nxb")]),                          // a backup path that is not there: bad input
            (2, ["--url", db, "restore", In("nope.nxb")]),
            (2, ["backup", "list", "--dir", In("j.nxb")]),
            (2, ["backup", "list", "--dir", In("no-such-folder")]),             // a typo in --dir is not "no backups"
            (2, ["backup", "prune", "--keep", "3", "--dir", In("no-such-folder")]),
            (2, ["backup", "prune", "--keep", "0", "--dir", _dir]),
            (4, ["--url", other, "restore", In("j.nxb")]),
            (4, ["copy", "--from", db, "--to", other]),
            (3, ["--url", db, "verify", "--against", other]),
            (2, ["--url", db, "seed", "--folder", In("nodir")]),
            (2, ["--url", db, "import", In("nodir")]),
            (2, ["--url", db, "import", In("other.json")]),                    // a file, not a folder of data files
            (4, ["--config", config, "--env", "prod", "reset"]),
        ];
        foreach (var (exit, args) in cases)
        {
            var r = await CliRunner.RunAsync(["--json", .. args]);
            var what = $"nexusql --json {string.Join(' ', args)} → {r.ExitCode}\n{r.All}";
            Assert.True(r.ExitCode == exit, what);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout); // throws unless stdout is exactly one document
            if (exit == 3) continue; // differences found: the result itself
            Assert.True(doc.RootElement.GetProperty("exitCode").GetInt32() == exit, what);
            Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("error").GetProperty("message").GetString()), what);
        }
        Assert.False(File.Exists(In("missing.db")), "a failed command created the database file");
        var left = await CliRunner.RunAsync("--url", other, "--json", "query", "SELECT name FROM sqlite_master");
        Assert.Equal("u", Assert.Single(left.Json.GetProperty("rows").EnumerateArray()).GetProperty("name").GetString()); // refused: nothing changed
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
