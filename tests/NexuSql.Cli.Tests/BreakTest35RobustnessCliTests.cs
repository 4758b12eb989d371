namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 35, the server's and the user's settings around NexuSQL's own work (M2–M6, L4, L8): a database's sql_mode,
/// timeouts, row format and privileges. Each side is read with its engine's client.
/// </summary>
public sealed class BreakTest35RobustnessCliTests() : ValueFidelityCliTestBase("bt35r")
{
    /// <summary>
    /// M5: a MariaDB session in sql_mode ORACLE (or ANSI_QUOTES, PIPES_AS_CONCAT, EMPTY_STRING_IS_NULL...) made NexuSQL's
    /// catalog query fail with a raw 1064, and its DDL and values mean something else (DATE as DATETIME, '' as NULL).
    /// The catalog and data sessions take those modes out of the session's own and keep the strict ones. The global
    /// sql_mode cannot be changed on the shared test server: the statement is run after SET SESSION sql_mode, and a
    /// copy then works in that database.
    /// </summary>
    [Fact]
    public Task Mariadb_sessions_take_out_the_sql_modes_that_change_nexusqls_statements() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        foreach (var mode in new[] { "ORACLE", "ANSI", "MSSQL,EMPTY_STRING_IS_NULL,NO_BACKSLASH_ESCAPES,STRICT_ALL_TABLES", "" })
        {
            var modes = await EngineClient.RunAsync(maria,
                $"SET SESSION sql_mode = '{mode}'; {Dialects.MySqlDialect.Instance.CatalogSessionSql[0]}; SELECT concat('[', @@SESSION.sql_mode, '] [', @nexusql_catalog_sql_mode, ']')");
            foreach (var changing in new[] { "ORACLE", "ANSI_QUOTES", "PIPES_AS_CONCAT", "IGNORE_SPACE", "EMPTY_STRING_IS_NULL", "NO_BACKSLASH_ESCAPES", "MSSQL", "NO_FIELD_OPTIONS", "REAL_AS_FLOAT" })
                Assert.DoesNotContain(changing, modes.Split(' ')[0], StringComparison.Ordinal);
            if (mode.Contains("STRICT_ALL_TABLES", StringComparison.Ordinal)) Assert.StartsWith("[STRICT_ALL_TABLES]", modes, StringComparison.Ordinal);
            Assert.EndsWith(mode == "" ? "[]" : "]", modes, StringComparison.Ordinal);
        }
        Assert.Equal(Dialects.MySqlDialect.Instance.CatalogSessionSql[0][(Dialects.MySqlDialect.Instance.CatalogSessionSql[0].IndexOf("sql_mode = ", StringComparison.Ordinal) + 11)..],
            Dialects.MySqlDialect.Instance.DataSessionSql[1][(Dialects.MySqlDialect.Instance.DataSessionSql[1].IndexOf("sql_mode = ", StringComparison.Ordinal) + 11)..]);
    });

    /// <summary>
    /// M6: a database's <c>lock_timeout</c> (or <c>statement_timeout</c>) cut NexuSQL's own catalog read short — here
    /// while another session holds a view's lock for a moment — with a raw 55P03 and "run the backup again"; the catalog
    /// session turns the database's timeouts off as the data sessions do (and pg_dump does), and waits.
    /// </summary>
    [Fact]
    public Task A_database_lock_timeout_does_not_cut_the_catalog_read_short() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        var name = source[(source.LastIndexOf('/') + 1)..];
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1); CREATE VIEW w AS SELECT id FROM t;" +
            $"ALTER DATABASE {name} SET lock_timeout = '100ms';");
        var hold = EngineClient.RunAsync(source, "BEGIN; LOCK TABLE w IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(1.5); COMMIT;");
        for (var i = 0; i < 100 && await EngineClient.RunAsync(source, "SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND relation = 'w'::regclass") == "0"; i++)
            await Task.Delay(20);
        var file = Db.File("locked.nxb");
        await Ok("--url", source, "backup", "-o", file);
        await hold;
        var restored = await Db.NewAsync("postgresql");
        await Ok("--url", restored, "restore", file);
        Assert.Equal("1|100ms", await EngineClient.RunAsync(source, "SELECT count(*), current_setting('lock_timeout') FROM w"));
        Assert.Equal("1", await EngineClient.RunAsync(restored, "SELECT count(*) FROM w"));
    });

    /// <summary>
    /// M4: a MariaDB target user without CREATE ROUTINE failed the copy half-way with a raw 1044 naming nothing; one
    /// without TRIGGER lost the same-engine trigger with exit 0. Both refused before anything is written (copy and
    /// restore), naming each object, the privilege and the GRANT; with the grants the trigger arrives.
    /// </summary>
    [Fact]
    public Task A_target_user_missing_a_privilege_is_refused_before_writing_naming_the_grant() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE ord (id int PRIMARY KEY, q int, total int); INSERT INTO ord VALUES (1, 2, 4);" +
            "CREATE PROCEDURE p1() SELECT 1; CREATE TRIGGER trg_bi BEFORE INSERT ON ord FOR EACH ROW SET NEW.total = NEW.q * 2;");
        var file = Db.File("shop.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var target = await Db.NewAsync("mysql");
        var database = target[(target.LastIndexOf('/') + 1)..];
        var user = "w" + database[^12..];
        await EngineClient.RunAsync(target, $"CREATE USER '{user}'@'%' IDENTIFIED BY 'pw'; GRANT CREATE, INSERT, SELECT, UPDATE, DELETE, ALTER, INDEX, DROP, REFERENCES, " +
            $"CREATE VIEW, SHOW VIEW, LOCK TABLES, CREATE TEMPORARY TABLES ON `{database}`.* TO '{user}'@'%'");
        try
        {
            var asUser = new UriBuilder(target) { UserName = user, Password = "pw" }.Uri.ToString();
            foreach (var run in new[] { new[] { "copy", "--from", source, "--to", asUser }, new[] { "--url", asUser, "restore", file } })
            {
                var r = await CliRunner.RunAsync(run);
                Assert.True(r.ExitCode == 4, r.All);
                Assert.Contains("procedure p1 (needs CREATE ROUTINE), trigger trg_bi on ord (needs TRIGGER); nothing was written", r.All, StringComparison.Ordinal);
                Assert.Contains($"GRANT CREATE ROUTINE, TRIGGER ON `{database}`.* TO '{user}'@'%'", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("--resume", r.All, StringComparison.Ordinal);
                Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM information_schema.tables WHERE table_schema = database()"));
            }
            await EngineClient.RunAsync(target, $"GRANT CREATE ROUTINE, TRIGGER ON `{database}`.* TO '{user}'@'%'");
            await Ok("copy", "--from", source, "--to", asUser);
            Assert.Equal("trg_bi\np1", await EngineClient.RunAsync(target,
                "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = database() UNION ALL SELECT routine_name FROM information_schema.routines WHERE routine_schema = database()"));
        }
        finally
        {
            await EngineClient.RunAsync(target, $"DROP USER '{user}'@'%'");
        }
    });

    /// <summary>
    /// M2: a PostgreSQL source user without SELECT on a table, or under a table's row-level security, failed a copy
    /// half-way (after the target was marked) with a raw 42501 and advice to --resume, and a backup and verify with the
    /// engine's text alone. Refused before anything is written, naming each table and the GRANT or role attribute that
    /// helps; the tables the user can read are copied.
    /// </summary>
    [Fact]
    public Task A_source_table_the_user_cannot_read_whole_is_refused_before_writing() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        var database = source[(source.LastIndexOf('/') + 1)..];
        var role = "r" + database[^12..];
        await EngineClient.RunScriptAsync(source, $"CREATE ROLE {role} LOGIN PASSWORD 'pw'; CREATE TABLE docs (id int PRIMARY KEY, owner text);" +
            $"INSERT INTO docs VALUES (1, '{role}'), (2, 'bob'); ALTER TABLE docs ENABLE ROW LEVEL SECURITY; CREATE POLICY own ON docs USING (owner = current_user);" +
            $"GRANT SELECT ON docs TO {role}; CREATE TABLE secret (id int PRIMARY KEY); CREATE TABLE pub (id int PRIMARY KEY); INSERT INTO pub VALUES (7); GRANT SELECT ON pub TO {role};");
        try
        {
            var asRole = new UriBuilder(source) { UserName = role, Password = "pw" }.Uri.ToString();
            var target = await Db.NewAsync("postgresql");
            var copy = await CliRunner.RunAsync("copy", "--from", asRole, "--to", target, "--tables", "pub,secret");
            Assert.True(copy.ExitCode == 4, copy.All);
            Assert.Contains($"secret (no SELECT privilege: GRANT SELECT ON \"secret\" TO \"{role}\")", copy.All, StringComparison.Ordinal);
            Assert.DoesNotContain("--resume", copy.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
            var file = Db.File("rls.nxb");
            var backup = await CliRunner.RunAsync("--url", asRole, "backup", "-o", file);
            Assert.True(backup.ExitCode == 4, backup.All);
            Assert.Contains($"docs (row-level security: NexuSQL reads every row with row_security = off, as pg_dump does, and PostgreSQL allows that only to a superuser, a role with BYPASSRLS — ALTER ROLE \"{role}\" BYPASSRLS", backup.All, StringComparison.Ordinal);
            Assert.Contains("; secret (no SELECT privilege", backup.All, StringComparison.Ordinal);
            Assert.False(File.Exists(file));
            await Ok("copy", "--from", asRole, "--to", target, "--tables", "pub");
            Assert.Equal("7", await EngineClient.RunAsync(target, "SELECT id FROM pub"));
        }
        finally
        {
            await EngineClient.RunScriptAsync(source, $"DROP OWNED BY {role}; DROP ROLE {role};");
        }
    });

    /// <summary>
    /// L8: a SQLite URL naming a file that is not a database said "Run the same command again" (copy, restore, backup);
    /// now it says what the file is and leaves it as it was. L4: a copy --clean that never reached its target said
    /// "--clean may already have dropped tables".
    /// </summary>
    [Fact]
    public Task A_file_that_is_not_a_database_and_an_unreached_clean_target_are_said_as_they_are() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id integer PRIMARY KEY); INSERT INTO t VALUES (1);");
        var file = Db.File("t.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var notDb = Db.File("notdb.db");
        await File.WriteAllTextAsync(notDb, "hello world, not a db\n", TestContext.Current.CancellationToken);
        var url = "sqlite:///" + notDb;
        foreach (var run in new[] { new[] { "copy", "--from", source, "--to", url }, ["--url", url, "restore", file], ["--url", url, "backup", "-o", Db.File("x.nxb")] })
        {
            var r = await CliRunner.RunAsync(run);
            Assert.True(r.ExitCode != 0, r.All);
            Assert.Contains("file is not a SQLite database (a wrong path, or an encrypted or damaged file), and it was left as it is", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("same command again", r.All, StringComparison.Ordinal);
        }
        Assert.Equal("hello world, not a db\n", await File.ReadAllTextAsync(notDb, TestContext.Current.CancellationToken));
        var unreached = await CliRunner.RunAsync("copy", "--from", source, "--to", "postgresql://nobody@127.0.0.1:1/none", "--clean", "--yes");
        Assert.True(unreached.ExitCode != 0, unreached.All);
        Assert.DoesNotContain("may already have dropped", unreached.All, StringComparison.Ordinal);
        Assert.Contains("Nothing was written to the target", unreached.All, StringComparison.Ordinal);
    });
}
