namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 44: a secret placeholder's pieces in an engine's error text (H3), a SQLite script's own BEGIN ... COMMIT
/// without NexuSQL's transaction (M1), PostgreSQL's ABORT (M2), a data file two tables could be meant by (M3), the
/// script's own ROLLBACK (L2) and a START TRANSACTION split over lines (L4). Each result is read with the engine's own client.
/// </summary>
public sealed class BreakTest44ScriptCliTests() : ValueFidelityCliTestBase("bt44sc")
{
    private const string Secret = "Pa'ssSecretTail9";

    private static async Task<CliRunner.Result> Fails(int exitCode, IDictionary<string, string>? environment, params string[] args)
    {
        var r = await CliRunner.RunAsync(args, environment);
        Assert.True(r.ExitCode == exitCode, $"nexusql {string.Join(' ', args)} → {r.ExitCode}, expected {exitCode}\n{r.All}");
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    private static Task<CliRunner.Result> Fails(int exitCode, params string[] args) => Fails(exitCode, null, args);

    /// <summary>No piece of the secret of 6 characters or more, in any case.</summary>
    private static void AssertNoSecret(string text)
    {
        for (var i = 0; i + 6 <= Secret.Length; i++)
            Assert.DoesNotContain(Secret.Substring(i, 6), text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// H3: the password broke the statement's quoting, and the engine quoted the rest of it — PostgreSQL lower-cased
    /// (<c>unrecognized role option "sssecrettail9"</c>), MariaDB as is (<c>near 'ssSecretTail9''</c>) — in the CLI's error
    /// (text and --json) and the audit row's error column. Both hidden as <c>${APP_PW}</c>.
    /// </summary>
    [Fact]
    public Task A_secret_placeholder_is_hidden_in_any_case_and_in_pieces() => LiveAsync(async () =>
    {
        var environment = new Dictionary<string, string> { ["NEXUSQL_AUDIT"] = "1", ["NEXUSQL_PLACEHOLDERS_APP_PW"] = Secret };
        foreach (var (engine, script) in new[]
        {
            ("postgresql", "create role bt44sc_r2 login password '${app_pw}';\n"),
            ("mysql", "create user bt44sc_r2 identified by '${app_pw}';\n"),
        })
        {
            var db = await Db.NewAsync(engine);
            var folder = Migrations("sec-" + engine, ("V1__role.sql", script));
            var r = await Fails(1, environment, "--url", db, "migrate", "--locations", folder);
            Assert.Contains("${APP_PW}", r.All, StringComparison.Ordinal);
            Assert.Contains(engine == "postgresql" ? "unrecognized role option \"${APP_PW}\"" : "near ${APP_PW}''", r.All, StringComparison.Ordinal);
            AssertNoSecret(r.All);
            // --json, on a database of its own (MariaDB's failed migration is recorded, and a second run says only that)
            var other = await Db.NewAsync(engine);
            var json = await Fails(1, environment, "--url", other, "--json", "migrate", "--locations", folder);
            Assert.Contains("${APP_PW}", json.Stdout, StringComparison.Ordinal);
            AssertNoSecret(json.All);
            foreach (var url in new[] { db, other })
            {
                var audit = await EngineClient.RunAsync(url, "SELECT error FROM nexusql_audit WHERE error IS NOT NULL ORDER BY 1");
                Assert.Contains("${APP_PW}", audit, StringComparison.Ordinal);
                AssertNoSecret(audit);
            }
        }
    });

    /// <summary>
    /// M1: a SQLite migration run without a transaction (PRAGMA foreign_keys) holding its own correct BEGIN ... COMMIT
    /// failed "database is locked": NexuSQL's history connection wrote the progress while the script's session held the
    /// write lock. Runs as sqlite3 runs it; a failure inside the block is said by what stayed.
    /// </summary>
    [Fact]
    public Task A_sqlite_migration_without_a_transaction_runs_its_own_begin_commit() => LiveAsync(async () =>
    {
        var db = await Db.NewAsync("sqlite");
        var folder = Migrations("own-s", ("V1__a.sql", "create table a (id int primary key);\n"),
            ("V2__own.sql", "pragma foreign_keys=off;\ninsert into a values (3);\nBEGIN;\ninsert into a values (4);\nCOMMIT;\ninsert into a values (5);\n"));
        var r = await Ok("--url", db, "migrate", "--locations", folder);
        Assert.DoesNotContain("locked", r.All, StringComparison.Ordinal);
        Assert.Equal("3\n4\n5", await EngineClient.RunAsync(db, "SELECT id FROM a ORDER BY id"));
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(db, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));

        var failing = await Db.NewAsync("sqlite");
        var block = Migrations("fail-s", ("V1__a.sql", "create table a (id int primary key);\n"),
            ("V2__own.sql", "pragma foreign_keys=off;\ninsert into a values (3);\nBEGIN;\ninsert into a values (4);\ninsert into nosuch values (1);\nCOMMIT;\ninsert into a values (5);\n"));
        r = await Fails(1, "--url", failing, "migrate", "--locations", block);
        Assert.DoesNotContain("locked", r.All, StringComparison.Ordinal);
        Assert.Contains("Migration V2__own.sql failed at statement 5 of 7 (line 5)", r.All, StringComparison.Ordinal);
        Assert.Contains("Statements 3 to 4 — the script's own transaction from its BEGIN (line 3), never committed — were rolled back; statements 1 to 2 stayed applied", r.All, StringComparison.Ordinal);
        Assert.Equal("3", await EngineClient.RunAsync(failing, "SELECT id FROM a ORDER BY id"));
        Assert.Equal("1|1|\n2|0|3", await EngineClient.RunAsync(failing, "SELECT version, success, failed_statement FROM nexusql_schema_history ORDER BY installed_rank"));

        // the same as a seed file
        var seeded = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(seeded, "create table a (id int primary key)");
        await Ok("--url", seeded, "seed", "--folder", Migrations("seed-s", ("01_own.sql", "pragma foreign_keys=off;\ninsert into a values (3);\nBEGIN;\ninsert into a values (4);\nCOMMIT;\ninsert into a values (5);\n")));
        Assert.Equal("3\n4\n5", await EngineClient.RunAsync(seeded, "SELECT id FROM a ORDER BY id"));
        r = await Fails(1, "--url", seeded, "seed", "--folder", Migrations("seed-sf", ("01_own.sql", "pragma foreign_keys=off;\ninsert into a values (6);\nBEGIN;\ninsert into a values (7);\ninsert into nosuch values (1);\nCOMMIT;\n")));
        Assert.Contains("01_own.sql failed at statement 5 of 6 (line 5)", r.All, StringComparison.Ordinal);
        Assert.Contains("Statements 3 to 4 — the script's own transaction from its BEGIN (line 3), never committed — were rolled back; statements 1 to 2 stayed applied", r.All, StringComparison.Ordinal);
        Assert.Equal("3\n4\n5\n6", await EngineClient.RunAsync(seeded, "SELECT id FROM a ORDER BY id"));
    });

    /// <summary>M2: PostgreSQL's ABORT (ROLLBACK's synonym) ended NexuSQL's transaction: "Transaction is already completed", no file named. Refused by statement before anything runs.</summary>
    [Fact]
    public Task A_postgresql_abort_is_refused_as_transaction_control() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        var r = await Fails(1, "--url", pg, "migrate", "--locations",
            Migrations("abort-m", ("V1__abort.sql", "create table a (id int primary key);\ninsert into a values (1);\nabort;\ninsert into a values (2);\n")));
        Assert.Contains("Migration V1__abort.sql failed at statement 3 of 4 (line 3): the script controls its own transaction (abort)", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("already completed", r.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(pg, "SELECT table_name FROM information_schema.tables WHERE table_name = 'a'"));

        await EngineClient.RunAsync(pg, "create table b (id int primary key)");
        r = await Fails(2, "--url", pg, "seed", "--folder", Migrations("abort-s", ("01_x.sql", "insert into b values (1);\nABORT WORK;\ninsert into b values (2);\n")));
        Assert.Contains("01_x.sql: statement 2 of 3 (line 2): the script controls its own transaction (ABORT WORK)", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("already completed", r.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(pg, "SELECT count(*) FROM b"));
    });

    /// <summary>
    /// M3: tables "Data" and 02_data, file 02_Data.csv: loaded into 02_data silently (its whole name regardless of case
    /// beat the exact name after the prefix). Refused naming both, nothing written; an exact whole name still wins.
    /// </summary>
    [Fact]
    public Task A_data_file_two_tables_could_mean_is_refused_naming_both() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunAsync(pg, "create table \"Data\" (id int primary key, v text); create table \"02_data\" (id int primary key, v text)");
        var folder = await FolderAsync("amb", "02_Data", "id,v\n1,x\n");
        foreach (var command in new[] { "seed", "import" })
        {
            var r = await Fails(2, command == "seed" ? ["--url", pg, command, "--folder", folder] : ["--url", pg, command, folder]);
            Assert.Contains("02_Data.csv: tables Data and 02_data could each be the one the file's name means", r.All, StringComparison.Ordinal);
            Assert.Equal("0|0", await EngineClient.RunAsync(pg, "SELECT (SELECT count(*) FROM \"Data\"), (SELECT count(*) FROM \"02_data\")"));
        }

        // spelled exactly as a whole name: that table
        var exact = await FolderAsync("exact", "02_data", "id,v\n1,x\n");
        await Ok("--url", pg, "seed", "--folder", exact);
        Assert.Equal("0|1", await EngineClient.RunAsync(pg, "SELECT (SELECT count(*) FROM \"Data\"), (SELECT count(*) FROM \"02_data\")"));
        // the stripped name exactly, with no other table its whole name could mean: that table
        var stripped = await FolderAsync("stripped", "03_Data", "id,v\n1,x\n");
        await Ok("--url", pg, "seed", "--folder", stripped);
        Assert.Equal("1|1", await EngineClient.RunAsync(pg, "SELECT (SELECT count(*) FROM \"Data\"), (SELECT count(*) FROM \"02_data\")"));
    });

    /// <summary>
    /// L2 (MariaDB): the script's own ROLLBACK undid its insert, yet a later failure said "Statements 1 to 5 stayed
    /// applied". Said as the engine kept it.
    /// </summary>
    [Fact]
    public Task A_mariadb_failure_after_the_scripts_own_rollback_says_what_it_undid() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        var folder = Migrations("rb-m", ("V1__rb.sql",
            "create table a (id int primary key);\nstart transaction;\ninsert into a values (1);\nrollback;\ninsert into a values (2);\ninsert into nosuch values (1);\n"));
        var r = await Fails(1, "--url", maria, "migrate", "--locations", folder);
        Assert.Contains("failed at statement 6 of 6 (line 6)", r.All, StringComparison.Ordinal);
        Assert.Contains("Statements 2 to 4 — the script's own transaction from its start transaction (line 2) to its rollback (line 4) — were undone by that rollback; " +
                        "statements 1 and 5 stayed applied", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Statements 1 to 5 stayed applied", r.All, StringComparison.Ordinal);
        Assert.Equal("2", await EngineClient.RunAsync(maria, "SELECT id FROM a"));
        Assert.Equal("1|0|6", await EngineClient.RunAsync(maria, "SELECT version, success, failed_statement FROM nexusql_schema_history"));
    });

    /// <summary>L4: <c>start</c> / <c>transaction;</c> on two lines was named "the script's start": the statement's words, whitespace collapsed.</summary>
    [Fact]
    public Task A_transaction_control_split_over_lines_is_named_whole() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        var r = await Fails(1, "--url", pg, "migrate", "--locations", Migrations("split-p", ("V1__split.sql",
            "-- nexusql:no-transaction\ncreate table a (id int primary key);\ninsert into a values (1);\nstart\n   transaction;\ninsert into a values (2);\n")));
        Assert.Contains("the script's start transaction (statement 3, line 4) has no COMMIT after it", r.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(pg, "SELECT table_name FROM information_schema.tables WHERE table_name = 'a'"));

        var maria = await Db.NewAsync("mysql");
        r = await Fails(1, "--url", maria, "migrate", "--locations", Migrations("split-m", ("V1__split.sql",
            "create table a (id int primary key);\ninsert into a values (1);\nstart\n transaction;\ninsert into a values (2);\n")));
        Assert.Contains("Statements 3 to 4 — the script's own transaction from its start transaction (line 3), never committed — were rolled back; statements 1 to 2 stayed applied", r.All, StringComparison.Ordinal);
        Assert.Equal("1", await EngineClient.RunAsync(maria, "SELECT id FROM a"));
    });
}
