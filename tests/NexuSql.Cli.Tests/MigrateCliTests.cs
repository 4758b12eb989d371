using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>`nexusql migrate` as a user runs it, including eight processes started at the same moment.</summary>
public sealed class MigrateCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-cli-mig-").FullName;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Migrations => Path.Combine(_dir, "migrations");

    private void Write(string name, string text)
    {
        Directory.CreateDirectory(Migrations);
        File.WriteAllText(Path.Combine(Migrations, name), text);
    }

    public static TheoryData<string> Engines => ["sqlite", "postgresql", "mysql"];

    private async Task<string> UrlAsync(string engine)
    {
        if (engine == "sqlite") return "sqlite:///" + Path.Combine(_dir, "app.db");
        var (url, kind) = engine == "postgresql" ? (LiveServers.PostgreSql, NexuSqlEngine.PostgreSql) : (LiveServers.MySql, NexuSqlEngine.MySql);
        var check = await CliRunner.RunAsync(["--json", "check"], new Dictionary<string, string> { ["DATABASE_URL"] = url.ToSecretString() });
        if (check.ExitCode != 0) return LiveServers.Unavailable<string>(kind, check.All.Trim());
        if (kind == NexuSqlEngine.MySql)
        {
            // MariaDB: migrate inside a database of this test's own
            var create = await CliRunner.RunAsync(["exec", $"CREATE DATABASE IF NOT EXISTS cli_mig_{_suffix}"], new Dictionary<string, string> { ["DATABASE_URL"] = url.ToSecretString() });
            Assert.Equal(0, create.ExitCode);
            return url.WithDatabase($"cli_mig_{_suffix}").ToSecretString();
        }
        return url.ToSecretString();
    }

    private Task<CliRunner.Result> Run(string url, params string[] args) =>
        CliRunner.RunAsync(args[0] is "migrate" || args.Contains("migrate") ? [.. args, "--locations", Migrations, "--table", $"hist_{_suffix}"] : args,
            new Dictionary<string, string> { ["DATABASE_URL"] = url });

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Migrate_eight_processes_at_once_apply_each_version_exactly_once(string engine)
    {
        var url = await UrlAsync(engine);
        Write("V1__table.sql", $"CREATE TABLE cli_t_{_suffix} (id INT PRIMARY KEY);");
        for (var v = 2; v <= 5; v++) Write($"V{v}__row.sql", $"INSERT INTO cli_t_{_suffix} (id) VALUES ({v});");
        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Run(url, "--json", "migrate")));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.All));
        Assert.Equal(5, runs.Sum(r => r.Json.GetProperty("applied").GetArrayLength()));
        var history = await Run(url, "--json", "query", $"SELECT version FROM hist_{_suffix} ORDER BY installed_rank");
        Assert.Equal(["1", "2", "3", "4", "5"], history.Json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("version").GetString()));
        var rows = await Run(url, "--json", "query", $"SELECT COUNT(*) AS n FROM cli_t_{_suffix}");
        Assert.Equal(4, rows.Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
        await Run(url, "exec", $"DROP TABLE cli_t_{_suffix}");
        await Run(url, "exec", $"DROP TABLE hist_{_suffix}");
        if (engine == "mysql") await Run(url, "exec", $"DROP DATABASE cli_mig_{_suffix}");
    }

    [Fact]
    public async Task Baseline_says_its_result_once_and_a_sqlite_database_in_a_missing_folder_fails_at_once()
    {
        Write("V3__a.sql", "CREATE TABLE a (id INT);");
        var url = "sqlite:///" + Path.Combine(_dir, "app.db");
        var baseline = await Run(url, "migrate", "baseline", "--version", "2");
        Assert.True(baseline.ExitCode == 0, baseline.All);
        Assert.Equal("Baselined at version 2.", baseline.Stdout.Trim());
        Assert.DoesNotContain("Baselined", baseline.Stderr, StringComparison.Ordinal);
        Assert.Equal("BASELINE|2", await EngineClient.RunAsync(url, $"SELECT type, version FROM hist_{_suffix}"));

        // the lock file could not be made (no such folder): this waited 120 s and said another migrator held the lock;
        // a database file whose folder does not exist is bad input, named by path before anything is opened (bt41 F32)
        var missing = "sqlite:///" + Path.Combine(_dir, "no", "such", "app.db");
        var run = await Run(missing, "--json", "migrate");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("usage", run.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains($"The folder of the database file '{Path.Combine(_dir, "no", "such", "app.db")}' does not exist", run.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "no")));
    }

    [Fact]
    public async Task Migrate_dry_run_validate_repair_and_new_behave_as_documented()
    {
        var url = await UrlAsync("sqlite");
        Write("V1__table.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);");
        var dry = await Run(url, "migrate", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("CREATE TABLE t (id INTEGER PRIMARY KEY);", dry.Stdout);
        Assert.Contains("'V1__table.sql'", dry.Stdout);
        Assert.False(File.Exists(Path.Combine(_dir, "app.db")) && new FileInfo(Path.Combine(_dir, "app.db")).Length > 0, "a dry run must not create tables");

        Assert.Equal(0, (await Run(url, "migrate")).ExitCode);
        Write("V1__table.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, edited INTEGER);");
        var validate = await Run(url, "--json", "migrate", "validate");
        Assert.Equal(3, validate.ExitCode);
        Assert.False(validate.Json.GetProperty("valid").GetBoolean());
        var refused = await Run(url, "--json", "migrate");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("validation", refused.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(4, (await Run(url, "migrate", "repair")).ExitCode);
        Assert.Equal(0, (await Run(url, "migrate", "repair", "--yes")).ExitCode);
        Assert.Equal(0, (await Run(url, "migrate", "validate")).ExitCode);

        var notCreated = await Run(url, "migrate", "new", "add orders", "--dry-run");
        Assert.Equal(0, notCreated.ExitCode);
        Assert.Contains("V2__add_orders.sql", notCreated.Stdout);
        Assert.False(File.Exists(Path.Combine(Migrations, "V2__add_orders.sql")), "migrate new --dry-run must create nothing");
        var created = await Run(url, "migrate", "new", "add orders");
        Assert.Equal(0, created.ExitCode);
        Assert.True(File.Exists(Path.Combine(Migrations, "V2__add_orders.sql")));
        Assert.True(File.Exists(Path.Combine(Migrations, "U2__add_orders.sql")));
        var info = await Run(url, "--json", "migrate", "info");
        var states = info.Json.GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("state").GetString()).ToList();
        Assert.Equal(["Applied", "Pending"], states);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Migrate_dry_run_prints_a_script_the_engines_own_client_runs(string engine)
    {
        // issue 13, input 8 (and cases/library/09): literal values, every statement terminated, no lock chatter
        var url = await UrlAsync(engine);
        Write("V1__table.sql", $"-- c\nCREATE TABLE dry_a_{_suffix} (id INT PRIMARY KEY); -- trailing note\nCREATE TABLE dry_c_{_suffix} (id INT);\n");
        Write("V2__it's \\ quoted.sql", engine switch
        {
            "mysql" => $"CREATE PROCEDURE dry_p_{_suffix}() BEGIN INSERT INTO dry_c_{_suffix} VALUES (1); INSERT INTO dry_c_{_suffix} VALUES (2); END;\nCALL dry_p_{_suffix}();",
            "postgresql" => $"CREATE FUNCTION dry_f_{_suffix}() RETURNS int LANGUAGE plpgsql AS $$ BEGIN INSERT INTO dry_c_{_suffix} VALUES (1); RETURN 1; END; $$;\n" +
                            $"SELECT dry_f_{_suffix}();\nINSERT INTO dry_c_{_suffix} VALUES (2);",
            _ => $"INSERT INTO dry_c_{_suffix} VALUES (1);\nINSERT INTO dry_c_{_suffix} VALUES (2); -- two",
        });
        var dry = await Run(url, "migrate", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.All);
        Assert.DoesNotContain(":installed_rank", dry.Stdout);
        Assert.DoesNotContain("waiting", dry.Stderr, StringComparison.OrdinalIgnoreCase);
        await EngineClient.RunScriptAsync(url, dry.Stdout);
        Assert.Equal("3", await EngineClient.RunAsync(url, $"SELECT SUM(id) FROM dry_c_{_suffix}"));
        var validate = await Run(url, "migrate", "validate");
        Assert.True(validate.ExitCode == 0, validate.All);
        var info = await Run(url, "--json", "migrate", "info");
        Assert.Equal(["Applied", "Applied"], info.Json.GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("state").GetString()));
        var again = await Run(url, "migrate");
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("0 migration(s) applied", again.Stdout);
        Assert.DoesNotContain("waiting", again.Stderr, StringComparison.OrdinalIgnoreCase);
        if (engine == "mysql") await Run(url, "exec", $"DROP DATABASE cli_mig_{_suffix}");
        else
        {
            foreach (var t in new[] { $"dry_a_{_suffix}", $"dry_c_{_suffix}", $"hist_{_suffix}" }) await Run(url, "exec", $"DROP TABLE {t}");
            if (engine == "postgresql") await Run(url, "exec", $"DROP FUNCTION dry_f_{_suffix}");
        }
    }

    [Fact]
    public async Task Migrate_reads_settings_from_nexusql_json_variables_and_options_in_that_order()
    {
        var config = Path.Combine(_dir, "nexusql.json");
        File.WriteAllText(config, """
            {
              "migrations": { "locations": ["db/{engine}"], "table": "project_history", "placeholders": { "who": "file", "what": "file" } },
              "environments": {
                "dev": { "url": "sqlite:///dev.db", "migrations": { "table": "dev_history", "placeholders": { "what": "env-section" } } }
              }
            }
            """);
        var folder = Path.Combine(_dir, "db", "sqlite");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "V1__t.sql"), "CREATE TABLE s (who TEXT, what TEXT, how TEXT);\nINSERT INTO s VALUES ('${who}', '${what}', '${how}');");
        var variables = new Dictionary<string, string> { ["NEXUSQL_PLACEHOLDERS_HOW"] = "variable", ["NEXUSQL_PLACEHOLDERS_WHO"] = "variable" };
        var run = await CliRunner.RunAsync(["--config", config, "--env", "dev", "migrate", "--placeholder", "who=option"], variables);
        Assert.True(run.ExitCode == 0, run.All);
        var db = "sqlite:///" + Path.Combine(_dir, "dev.db");
        Assert.Equal("option|env-section|variable", await EngineClient.RunAsync(db, "SELECT who, what, how FROM s"));
        Assert.Equal("1", await EngineClient.RunAsync(db, "SELECT COUNT(*) FROM dev_history"));
    }

    [Theory]
    [InlineData("""{ "environments": { "prod": { "url": "sqlite:///p.db", "protect": true } } }""", "'protect' (did you mean 'protected'?)")]
    [InlineData("""{ "migration": ["db"] }""", "'migration' (did you mean 'migrations'?)")]
    [InlineData("""{ "migrations": { "locations": ["db"], "tabel": "h" } }""", "unknown setting 'tabel'")]
    public async Task Config_with_an_unknown_key_is_refused_naming_the_key(string json, string expected)
    {
        var config = Path.Combine(_dir, "nexusql.json");
        File.WriteAllText(config, json);
        var run = await CliRunner.RunAsync("--config", config, "--url", "sqlite:///" + Path.Combine(_dir, "x.db"), "migrate", "info");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.All);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Fact]
    public async Task Migrate_reads_a_flyway_conf_for_postgresql()
    {
        var url = DatabaseUrl.Parse(await UrlAsync("postgresql"));
        var sql = Path.Combine(_dir, "sql");
        Directory.CreateDirectory(sql);
        File.WriteAllText(Path.Combine(sql, "V1__t.sql"), $"CREATE TABLE fwc_{_suffix} (v text);\nINSERT INTO fwc_{_suffix} VALUES ('${{greeting}}');\n");
        var conf = Path.Combine(_dir, "flyway.conf");
        File.WriteAllText(conf, $"""
            # a flyway.conf as Flyway reads it
            flyway.url=jdbc:postgresql://{url.Host!.Name}:{url.Host.Port}/{url.Database}
            flyway.user={url.UserName}
            flyway.locations=filesystem:sql
            flyway.table=fwc_history_{_suffix}
            flyway.placeholders.greeting=hello
            flyway.cleanDisabled=true
            """);
        var run = await CliRunner.RunAsync(["migrate", "--flyway-config", conf], new Dictionary<string, string>());
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("not applied by NexuSQL: flyway.cleanDisabled", run.Stderr);
        Assert.Equal("hello", await EngineClient.RunAsync(url.ToSecretString(), $"SELECT v FROM fwc_{_suffix}"));
        Assert.Equal("1", await EngineClient.RunAsync(url.ToSecretString(), $"SELECT COUNT(*) FROM fwc_history_{_suffix}"));
        await EngineClient.RunAsync(url.ToSecretString(), $"DROP TABLE fwc_{_suffix}; DROP TABLE fwc_history_{_suffix}");
    }

    [Fact]
    public async Task A_flyway_conf_naming_no_table_or_locations_continues_flyways_history_from_the_sql_folder()
    {
        var pg = DatabaseUrl.Parse(await UrlAsync("postgresql"));
        var db = $"fwd_{_suffix}";
        await EngineClient.RunAsync(pg.ToSecretString(), $"CREATE DATABASE {db}");
        var url = pg.WithDatabase(db).ToSecretString();
        try
        {
            var sql = Path.Combine(_dir, "sql"); // Flyway's CLI default location
            Directory.CreateDirectory(sql);
            var v1 = "CREATE TABLE t (id int);\n";
            File.WriteAllText(Path.Combine(sql, "V1__t.sql"), v1);
            File.WriteAllText(Path.Combine(sql, "V2__row.sql"), "INSERT INTO t VALUES (2);\n");
            // the database as Flyway left it: V1 applied, in Flyway's own table
            await EngineClient.RunAsync(url, $"""
                CREATE TABLE t (id int);
                CREATE TABLE flyway_schema_history (installed_rank int NOT NULL PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL,
                  type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL,
                  installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL);
                INSERT INTO flyway_schema_history VALUES (1, '1', 't', 'SQL', 'V1__t.sql', {NexuSql.Migrations.MigrationChecksum.ComputeFlyway(v1)}, 'postgres', now(), 3, true);
                """);
            var conf = Path.Combine(_dir, "flyway.conf");
            File.WriteAllText(conf, $"flyway.url=jdbc:postgresql://{pg.Host!.Name}:{pg.Host.Port}/{db}?user={pg.UserName}\n");
            var run = await CliRunner.RunAsync(["--json", "migrate", "--flyway-config", conf], new Dictionary<string, string>());
            Assert.True(run.ExitCode == 0, run.All);
            Assert.Equal(["V2__row.sql"], run.Json.GetProperty("applied").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal("2|V2__row.sql|" + pg.UserName, await EngineClient.RunAsync(url, "SELECT installed_rank, script, installed_by FROM flyway_schema_history WHERE version = '2'"));
            Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'nexusql_schema_history'"));
        }
        finally
        {
            await EngineClient.RunAsync(pg.ToSecretString(), $"DROP DATABASE IF EXISTS {db} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Migrate_takes_flyways_schemas_and_default_schema_from_a_flyway_conf_and_nexusql_json()
    {
        // PostgreSQL through flyway.conf: both schemas created, history and table in the default one (checked with psql)
        var pg = DatabaseUrl.Parse(await UrlAsync("postgresql"));
        var sql = Path.Combine(_dir, "sql");
        Directory.CreateDirectory(sql);
        File.WriteAllText(Path.Combine(sql, "V1__t.sql"), "CREATE TABLE t (v text);\nINSERT INTO t VALUES ('${flyway:defaultSchema}');\n");
        var conf = Path.Combine(_dir, "flyway.conf");
        File.WriteAllText(conf, $"""
            flyway.url=jdbc:postgresql://{pg.Host!.Name}:{pg.Host.Port}/{pg.Database}
            flyway.user={pg.UserName}
            flyway.locations=filesystem:sql
            flyway.schemas=fws_a_{_suffix},fws_b_{_suffix}
            flyway.defaultSchema=fws_b_{_suffix}
            """);
        var run = await CliRunner.RunAsync(["migrate", "--flyway-config", conf], new Dictionary<string, string>());
        Assert.True(run.ExitCode == 0, run.All);
        Assert.DoesNotContain("not applied by NexuSQL", run.Stderr);
        Assert.Equal($"fws_b_{_suffix}", await EngineClient.RunAsync(pg.ToSecretString(), $"SELECT v FROM fws_b_{_suffix}.t"));
        Assert.Equal($"SCHEMA|\"fws_a_{_suffix}\",\"fws_b_{_suffix}\"\nSQL|V1__t.sql",
            await EngineClient.RunAsync(pg.ToSecretString(), $"SELECT type, script FROM fws_b_{_suffix}.flyway_schema_history ORDER BY installed_rank"));
        Assert.Equal("1", await EngineClient.RunAsync(pg.ToSecretString(), $"SELECT COUNT(*) FROM pg_namespace WHERE nspname = 'fws_a_{_suffix}'"));
        await EngineClient.RunAsync(pg.ToSecretString(), $"DROP SCHEMA fws_a_{_suffix} CASCADE; DROP SCHEMA fws_b_{_suffix} CASCADE");

        // MariaDB through nexusql.json: the schema is a database, created and USEd (checked with mysql)
        var my = await UrlAsync("mysql");
        Write("V1__t.sql", "CREATE TABLE t (v VARCHAR(20));\nINSERT INTO t VALUES ('in ${flyway:defaultSchema}');\n");
        var config = Path.Combine(_dir, "nexusql.json");
        File.WriteAllText(config, $$"""{ "migrations": { "schemas": ["app_{{_suffix}}"] } }""");
        run = await CliRunner.RunAsync(["--config", config, "migrate", "--locations", Migrations], new Dictionary<string, string> { ["DATABASE_URL"] = my });
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal($"in app_{_suffix}", await EngineClient.RunAsync(my, $"SELECT v FROM app_{_suffix}.t"));
        Assert.Equal("0", await EngineClient.RunAsync(my, $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'cli_mig_{_suffix}'"));
        await EngineClient.RunAsync(my, $"DROP DATABASE app_{_suffix}; DROP DATABASE cli_mig_{_suffix}");
    }

    [Fact]
    public async Task Migrate_reads_a_flyway_toml_for_sqlite()
    {
        var sql = Path.Combine(_dir, "db", "migration");
        Directory.CreateDirectory(sql);
        File.WriteAllText(Path.Combine(sql, "V1__t.sql"), "CREATE TABLE t (v TEXT);\nINSERT INTO t VALUES ('${Who}');\n");
        var toml = Path.Combine(_dir, "flyway.toml");
        File.WriteAllText(toml, """
            [environments.default]
            url = "jdbc:sqlite:toml.db"

            [flyway]
            locations = ["filesystem:db/migration"]
            table = "flyway_schema_history"

            [flyway.placeholders]
            who = "toml"
            """);
        var run = await CliRunner.RunAsync(["migrate", "--flyway-config", toml], new Dictionary<string, string>());
        Assert.True(run.ExitCode == 0, run.All);
        var db = "sqlite:///" + Path.Combine(_dir, "toml.db");
        Assert.Equal("toml", await EngineClient.RunAsync(db, "SELECT v FROM t"));
        Assert.Equal("1", await EngineClient.RunAsync(db, "SELECT COUNT(*) FROM flyway_schema_history"));
    }

    [Fact]
    public async Task Verify_reports_pending_migrations_and_drift_with_exit_code_3()
    {
        var url = await UrlAsync("sqlite");
        File.WriteAllBytes(DatabaseUrl.Parse(url).FilePath!, []); // an existing, empty database (verify refuses a missing file)
        Write("V1__table.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);");
        string[] verify = ["verify", "--locations", Migrations, "--table", $"hist_{_suffix}"];
        var pending = await CliRunner.RunAsync([.. verify], new Dictionary<string, string> { ["DATABASE_URL"] = url });
        Assert.Equal(3, pending.ExitCode);
        Assert.Contains("[migrations] V1__table.sql is pending.", pending.Stdout);
        Assert.Equal(0, (await Run(url, "migrate")).ExitCode);
        var clean = await CliRunner.RunAsync([.. verify], new Dictionary<string, string> { ["DATABASE_URL"] = url });
        Assert.True(clean.ExitCode == 0, clean.All);
        Assert.Equal(0, (await Run(url, "exec", "ALTER TABLE t ADD COLUMN sneaky INTEGER")).ExitCode);
        var drift = await CliRunner.RunAsync(["--json", .. verify, "--checks", "drift"], new Dictionary<string, string> { ["DATABASE_URL"] = url });
        Assert.Equal(3, drift.ExitCode);
        Assert.Contains("add column t.sneaky", drift.Json.GetProperty("findings")[0].GetProperty("finding").GetString());
        Assert.Equal(2, (await CliRunner.RunAsync(["verify", "--checks", "data"], new Dictionary<string, string> { ["DATABASE_URL"] = url })).ExitCode);
    }

    [Fact]
    public async Task Migrate_failing_script_exits_1_naming_script_statement_and_line()
    {
        var url = await UrlAsync("sqlite");
        Write("V1__bad.sql", "CREATE TABLE ok_table (id INTEGER);\n\nCREATE TABLE broken (;\n");
        var r = await Run(url, "--json", "migrate");
        Assert.Equal(1, r.ExitCode);
        var error = r.Json.GetProperty("error");
        Assert.Equal("migration", error.GetProperty("kind").GetString());
        Assert.Equal("V1__bad.sql", error.GetProperty("script").GetString());
        Assert.Equal(2, error.GetProperty("statement").GetInt32());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("rolledBack").GetBoolean());
    }
}
