namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 42: what an outside tester found on main 0a63663 — a placeholder's secret in a message, a SQLite script's
/// foreign keys turned off in vain, a script's own BEGIN and COMMIT, seed --tables loading a table not chosen. Each result is read
/// with the engine's own client.
/// </summary>
public sealed class BreakTest42CliTests() : ValueFidelityCliTestBase("bt42")
{
    /// <summary>
    /// N14: a password given as a placeholder (to keep it out of the scripts) was printed by <c>migrate validate</c> and
    /// the next <c>migrate</c>, text and --json, once a script run statement by statement failed at the statement using
    /// it: the statement was shown with the value put in. It is shown as the script spells it.
    /// </summary>
    [Fact]
    public Task A_placeholder_value_never_reaches_a_message() => LiveAsync(async () =>
    {
        const string Secret = "S3cretCanary42";
        var maria = await Db.NewAsync("mysql");
        var user = "bt42u" + Guid.NewGuid().ToString("N")[..8];
        await EngineClient.RunAsync(maria, $"CREATE USER '{user}'@'%' IDENTIFIED BY 'other'");
        try
        {
            var folder = Migrations("pw-migrations", ("V1__user.sql", $"CREATE TABLE a (id int);\nCREATE USER '{user}'@'%' IDENTIFIED BY '${{app_pw}}';\n"));
            var secret = new Dictionary<string, string> { ["NEXUSQL_PLACEHOLDERS_APP_PW"] = Secret };
            var runs = new List<CliRunner.Result>
            {
                await CliRunner.RunAsync(["--url", maria, "migrate", "--locations", folder], secret),
                await CliRunner.RunAsync(["--url", maria, "migrate", "validate", "--locations", folder], secret),
                await CliRunner.RunAsync(["--json", "--url", maria, "migrate", "validate", "--locations", folder], secret),
                await CliRunner.RunAsync(["--url", maria, "migrate", "--locations", folder], secret),
                await CliRunner.RunAsync(["--json", "--url", maria, "migrate", "info", "--locations", folder], secret),
            };
            foreach (var r in runs) Assert.DoesNotContain(Secret, r.All, StringComparison.Ordinal);
            Assert.All(runs.Take(4), r => Assert.NotEqual(0, r.ExitCode));
            Assert.Contains($"line 2: CREATE USER '{user}'@'%' IDENTIFIED BY '${{app_pw}}'", runs[1].All, StringComparison.Ordinal);
            // the table of statement 1 stayed, as the message says
            Assert.Equal("a", await EngineClient.RunAsync(maria, "SELECT table_name FROM information_schema.tables WHERE table_schema = database() AND table_name = 'a'"));

            // bt43: the engine's own error quoting the value (PostgreSQL 42601 'at or near "..."'), and the audit row of it
            var pg = await Db.NewAsync("postgresql");
            var quoted = Migrations("pw-pg", ("V1__role.sql", "CREATE TABLE a (id int);\nCREATE ROLE bt42r PASSWORD ${app_pw} LOGIN;\n"));
            var audited = new Dictionary<string, string>(secret) { ["NEXUSQL_AUDIT"] = "1" };
            foreach (var json in new[] { false, true })
            {
                var r = await CliRunner.RunAsync([.. json ? ["--json"] : Array.Empty<string>(), "--url", pg, "migrate", "--locations", quoted], audited);
                Assert.True(r.ExitCode == 1, r.All);
                Assert.Contains("syntax error at or near", r.All, StringComparison.Ordinal);
                Assert.Contains("${APP_PW}", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain(Secret, r.All, StringComparison.Ordinal);
            }
            var audit = await EngineClient.RunAsync(pg, "SELECT error FROM nexusql_audit");
            Assert.Contains("${APP_PW}", audit, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, audit, StringComparison.Ordinal);
        }
        finally
        {
            await EngineClient.RunAsync(maria, $"DROP USER IF EXISTS '{user}'@'%'");
        }
    });

    /// <summary>
    /// N7: SQLite's own recipe to change a table (PRAGMA foreign_keys=off, create, copy, drop, rename) in a migration:
    /// the pragma is a no-op in a transaction, so dropping the parent deleted its children by ON DELETE CASCADE, and
    /// migrate said applied. The script runs without one, as in sqlite3: the children stay, and foreign keys are on
    /// again for what follows (an orphan is refused). A seed script likewise.
    /// </summary>
    [Fact]
    public Task A_sqlite_script_turning_foreign_keys_off_keeps_the_children() => LiveAsync(async () =>
    {
        var db = await Db.NewAsync("sqlite");
        const string Rebuild = "PRAGMA foreign_keys=off;\ncreate table p_new (id integer primary key, name text not null default '');\n" +
            "insert into p_new (id, name) select id, name from p;\ndrop table p;\nalter table p_new rename to p;\nPRAGMA foreign_key_check;\nPRAGMA foreign_keys=on;\n";
        var folder = Migrations("fk-migrations",
            ("V1__init.sql", "create table p (id integer primary key, name text);\ncreate table c (id integer primary key, pid int references p(id) on delete cascade, v text);\n" +
                "insert into p values (1,'a'),(2,'b'); insert into c values (10,1,'child1'),(20,2,'child2');\n"),
            ("V2__rebuild_p.sql", Rebuild));
        await Ok("--url", db, "migrate", "--locations", folder);
        Assert.Equal("10|1|child1\n20|2|child2", await EngineClient.RunAsync(db, "SELECT * FROM c ORDER BY id"));
        Migrations("fk-migrations", ("V3__orphan.sql", "insert into c values (30, 99, 'orphan');\n"));
        var orphan = await CliRunner.RunAsync("--url", db, "migrate", "--locations", folder);
        Assert.True(orphan.ExitCode != 0, orphan.All);
        Assert.Contains("FOREIGN KEY constraint failed", orphan.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(db, "SELECT count(*) FROM c WHERE id = 30"));

        var seeded = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(seeded, "create table p (id integer primary key, name text); create table c (id integer primary key, pid int references p(id) on delete cascade, v text);" +
            "insert into p values (1,'a'); insert into c values (10,1,'child');");
        var seeds = Migrations("fk-seeds", ("01_fix.sql", "PRAGMA foreign_keys=off;\ndelete from p;\ninsert into p values (1,'a2');\nPRAGMA foreign_keys=on;\n"));
        await Ok("--url", seeded, "seed", "--folder", seeds);
        Assert.Equal("1|a2", await EngineClient.RunAsync(seeded, "SELECT * FROM p"));
        Assert.Equal("10|1|child", await EngineClient.RunAsync(seeded, "SELECT * FROM c"));
    });

    /// <summary>
    /// N10: <c>seed --tables Users</c> with "Users" and users in the database upserted users.csv into users too (and
    /// overwrote its row); a name no table has loaded nothing, silently (bt41 F14). Only the chosen table's file is
    /// loaded; an unknown name is a usage error.
    /// </summary>
    [Fact]
    public Task Seed_tables_chooses_the_table_spelled_so() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE \"Users\" (id int PRIMARY KEY, v text); CREATE TABLE users (id int PRIMARY KEY, v text); INSERT INTO users VALUES (1, 'a');");
        var seeds = Migrations("case-seeds", ("users.csv", "id,v\n1,CHANGED\n"), ("Users.csv", "id,v\n1,Ufile\n"));
        await Ok("--url", pg, "seed", "--folder", seeds, "--tables", "Users");
        Assert.Equal("1|Ufile", await EngineClient.RunAsync(pg, "SELECT * FROM \"Users\""));
        Assert.Equal("1|a", await EngineClient.RunAsync(pg, "SELECT * FROM users"));
        var unknown = await CliRunner.RunAsync("--url", pg, "seed", "--folder", seeds, "--tables", "nosuch");
        Assert.True(unknown.ExitCode == 2, unknown.All);
        Assert.Contains("No table named nosuch. Tables: ", unknown.Stderr, StringComparison.Ordinal);
        await Ok("--url", pg, "seed", "--folder", seeds, "--tables", "public.users");
        Assert.Equal("1|CHANGED", await EngineClient.RunAsync(pg, "SELECT * FROM users"));
    });

    /// <summary>
    /// N1: a migration wrapped in BEGIN; ... COMMIT;. On PostgreSQL its COMMIT ended NexuSQL's transaction: "Transaction
    /// is already completed", the table and row kept, no history row, every later migrate failing on "already exists";
    /// on SQLite a COMMIT mid-script gave an internal error while the history said applied. Refused by statement before
    /// anything runs, on both (run without NexuSQL's transaction, a BEGIN never committed was rolled back silently and
    /// recorded as applied: bt43).
    /// </summary>
    [Fact]
    public Task A_script_with_its_own_transaction_control_is_refused_whole() => LiveAsync(async () =>
    {
        foreach (var (engine, script, at) in new[]
                 {
                     ("postgresql", "BEGIN;\ncreate table b (id int primary key);\ninsert into b values (1);\nCOMMIT;\n", "statement 1 of 4 (line 1): the script controls its own transaction (BEGIN)"),
                     ("sqlite", "create table b (id int primary key);\ninsert into b values (1);\ncommit;\ninsert into b values (2);\n", "statement 3 of 4 (line 3): the script controls its own transaction (commit)"),
                 })
        {
            var db = await Db.NewAsync(engine);
            var folder = Migrations("tx-" + engine, ("V1__tx.sql", script));
            var r = await CliRunner.RunAsync("--json", "--url", db, "migrate", "--locations", folder);
            Assert.True(r.ExitCode == 1, r.All);
            Assert.NotEqual("internal", r.Json.GetProperty("error").GetProperty("kind").GetString());
            Assert.Contains($"failed at {at}", r.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(db, engine == "sqlite" ? "SELECT count(*) FROM sqlite_master WHERE name = 'b'"
                : "SELECT count(*) FROM information_schema.tables WHERE table_name = 'b'"));
            Assert.Equal("0", await EngineClient.RunAsync(db, "SELECT count(*) FROM nexusql_schema_history"));
        }
    });

    /// <summary>
    /// N2: with NexuSQL's own history table, a repeatable script was not run again when a placeholder's value changed
    /// ("Schema is up to date"; the view kept T1), where a Flyway table — and Flyway — run it again. Both do now.
    /// </summary>
    [Fact]
    public Task A_new_placeholder_value_runs_a_repeatable_script_again() => LiveAsync(async () =>
    {
        var folder = Migrations("tag-migrations", ("V1__a.sql", "create table a (id int primary key, v text);\n"),
            ("R__view.sql", "create or replace view va as select id, v, '${tag}' as tag from a;\n"));
        foreach (var table in new[] { "nexusql_schema_history", "flyway_schema_history" })
        {
            var db = await Db.NewAsync("postgresql");
            await Ok("--url", db, "migrate", "--locations", folder, "--table", table, "--placeholder", "tag=T1");
            await EngineClient.RunAsync(db, "INSERT INTO a VALUES (1, 'x')");
            Assert.Equal("T1", await EngineClient.RunAsync(db, "SELECT tag FROM va"));
            await Ok("--url", db, "migrate", "--locations", folder, "--table", table, "--placeholder", "tag=T2");
            Assert.Equal("T2", await EngineClient.RunAsync(db, "SELECT tag FROM va"));
            Assert.Equal("2", await EngineClient.RunAsync(db, $"SELECT count(*) FROM {table} WHERE script = 'R__view.sql' AND success"));
            // the same value again: nothing to do
            await Ok("--url", db, "migrate", "--locations", folder, "--table", table, "--placeholder", "tag=T2");
            Assert.Equal("2", await EngineClient.RunAsync(db, $"SELECT count(*) FROM {table} WHERE script = 'R__view.sql'"));
        }
    });

    /// <summary>
    /// bt41 F34 addendum: <c>reset</c> of a SQLite file that is not there (a slip: <c>sqlite:///prod.db#x</c>) created it
    /// and said it was emptied. Refused, nothing created.
    /// </summary>
    [Fact]
    public async Task Reset_of_a_missing_file_is_refused()
    {
        var missing = Db.File("prod.db#x");
        var r = await CliRunner.RunAsync("--url", "sqlite:///" + missing, "--yes", "reset", "--data-only");
        Assert.True(r.ExitCode == 2, r.All);
        Assert.Contains("does not exist: nothing to reset", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    /// <summary>
    /// bt43: <c>migrate undo</c> on a protected environment ran without --yes or --confirm and dropped the table with its
    /// rows. It needs both, as reset does; a dry run does not.
    /// </summary>
    [Fact]
    public Task Undo_on_a_protected_environment_needs_its_name() => LiveAsync(async () =>
    {
        var db = await Db.NewAsync("sqlite");
        var folder = Migrations("undo-migrations", ("V1__t.sql", "CREATE TABLE t (id integer PRIMARY KEY);\nINSERT INTO t VALUES (1);\n"), ("U1__t.sql", "DROP TABLE t;\n"));
        var config = Db.File("undo.json");
        await File.WriteAllTextAsync(config, "{\"environments\":{\"prod\":{\"url\":\"" + db + "\",\"protected\":true}}}", TestContext.Current.CancellationToken);
        await Ok("--config", config, "--env", "prod", "migrate", "--locations", folder);
        foreach (var args in new[] { new[] { "--env", "prod" }, ["--env", "prod", "--yes"], ["--env", "prod", "--yes", "--confirm", "dev"] })
        {
            var r = await CliRunner.RunAsync(["--json", "--config", config, .. args, "migrate", "undo", "--locations", folder]);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("prod is a protected environment", r.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        await Ok("--config", config, "--env", "prod", "migrate", "undo", "--locations", folder, "--dry-run");
        Assert.Equal("1", await EngineClient.RunAsync(db, "SELECT count(*) FROM t"));
        await Ok("--config", config, "--env", "prod", "--yes", "--confirm", "prod", "migrate", "undo", "--locations", folder);
        Assert.Equal("0", await EngineClient.RunAsync(db, "SELECT count(*) FROM sqlite_master WHERE name = 't'"));
    });

    /// <summary>
    /// bt43 (F24 sideways): an unnamed foreign key of a SQLite table with a 60-character name, copied into MariaDB, took
    /// InnoDB's name <c>table_ibfk_1</c> (67 characters): error 1059 after the rows, and --resume the same. It is named,
    /// fitted to 64 characters, and the copy says so.
    /// </summary>
    [Fact]
    public Task An_unnamed_foreign_key_of_a_long_table_is_named_to_fit_mariadb() => LiveAsync(async () =>
    {
        var table = new string('c', 60);
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, $"CREATE TABLE p (id integer PRIMARY KEY); CREATE TABLE {table} (id integer PRIMARY KEY, pid int REFERENCES p (id), qid int REFERENCES p (id));" +
            $"INSERT INTO p VALUES (1); INSERT INTO {table} VALUES (1, 1, 1);");
        var maria = await Db.NewAsync("mysql");
        var copy = await Ok("copy", "--from", source, "--to", maria);
        Assert.Contains($"foreign key {table}_ibfk_1 on {table} is named {table[..55]}_", copy.All, StringComparison.Ordinal);
        var names = (await EngineClient.RunAsync(maria, "SELECT constraint_name FROM information_schema.referential_constraints WHERE constraint_schema = database()")).Split('\n');
        Assert.Equal(2, names.Length);
        Assert.All(names, n => Assert.Equal(64, n.Length));
        Assert.Equal("1|1|1", await EngineClient.RunAsync(maria, $"SELECT * FROM {table}"));
    });

    /// <summary>
    /// bt43: the help's own example, <c>schema diff --from schema.json --to prod</c>, was refused ("'prod' is neither a
    /// database URL nor an existing schema file"). An environment's name is its database there, as in copy and verify.
    /// </summary>
    [Fact]
    public async Task Schema_diff_takes_an_environment()
    {
        var db = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(db, "CREATE TABLE t (id integer PRIMARY KEY);");
        var config = Db.File("diff.json");
        await File.WriteAllTextAsync(config, "{\"environments\":{\"prod\":{\"url\":\"" + db + "\",\"protected\":true}}}", TestContext.Current.CancellationToken);
        var file = Db.File("schema.json");
        await File.WriteAllTextAsync(file, """{"tables":[{"name":"t","columns":[{"name":"id","type":"int64","nullable":false}],"primaryKey":{"columns":["id"]}},{"name":"u","columns":[{"name":"id","type":"int64","nullable":false}]}]}""",
            TestContext.Current.CancellationToken);
        var r = await CliRunner.RunAsync("--config", config, "schema", "diff", "--from", "prod", "--to", file);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("-- create table u", r.Stdout, StringComparison.Ordinal);
        var unknown = await CliRunner.RunAsync("--config", config, "schema", "diff", "--from", "nosuch", "--to", file);
        Assert.True(unknown.ExitCode == 2, unknown.All);
        Assert.Contains("'nosuch' is neither a database URL, an environment nor an existing schema file", unknown.Stderr, StringComparison.Ordinal);
    }
}
