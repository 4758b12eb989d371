namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 43 (N-new-1, N-new-6, N-new-7, N-new-12) and 42 (N12): a migration or seed script controlling its own
/// transaction. A transaction the script leaves open is rolled back and is a failure, said by statement; a failure inside
/// one says what the engine rolled back; a savepoint runs inside NexuSQL's transaction. Each result is read with the
/// engine's own client.
/// </summary>
public sealed class BreakTest43ScriptTransactionCliTests() : ValueFidelityCliTestBase("bt43st")
{
    private static async Task<CliRunner.Result> Fails(int exitCode, params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.True(r.ExitCode == exitCode, $"nexusql {string.Join(' ', args)} → {r.ExitCode}, expected {exitCode}\n{r.All}");
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    /// <summary>
    /// N-new-12 (MariaDB): <c>START TRANSACTION</c> never committed — "applied", history success, row 1 rolled back at the
    /// session's end and V2 applied after it. Now a failure: rolled back explicitly, recorded failed, V2 not run.
    /// </summary>
    [Fact]
    public Task A_mariadb_migration_leaving_its_transaction_open_fails() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        var folder = Migrations("open-m", ("V1__open.sql", "create table a (id int primary key);\nSTART TRANSACTION;\ninsert into a values (1);\n"),
            ("V2__next.sql", "insert into a values (2);\n"));
        var r = await Fails(1, "--url", maria, "migrate", "--locations", folder);
        Assert.Contains("Migration V1__open.sql failed: it ended with a transaction of its own still open, never committed", r.All, StringComparison.Ordinal);
        Assert.Contains("Statements 2 to 3 — the script's own transaction from its START TRANSACTION (line 2), never committed — were rolled back; statement 1 stayed applied", r.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(maria, "SELECT id FROM a"));
        Assert.Equal("1|0|2", await EngineClient.RunAsync(maria, "SELECT version, success, failed_statement FROM nexusql_schema_history ORDER BY installed_rank"));

        // the script's own START TRANSACTION ... COMMIT around DML is its own on MariaDB, and a DDL statement commits one by itself
        var fine = await Db.NewAsync("mysql");
        var own = Migrations("own-m", ("V1__own.sql", "create table a (id int primary key);\nSTART TRANSACTION;\ninsert into a values (1);\nCOMMIT;\n"),
            ("V2__implicit.sql", "START TRANSACTION;\ninsert into a values (2);\ncreate table b (id int);\n"));
        await Ok("--url", fine, "migrate", "--locations", own);
        Assert.Equal("1\n2", await EngineClient.RunAsync(fine, "SELECT id FROM a ORDER BY id"));
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(fine, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));
    });

    /// <summary>
    /// N-new-7 (MariaDB): failing inside its own START TRANSACTION ... COMMIT said "Statements 1 to 3 stayed applied",
    /// though the insert of statement 3 was rolled back. Said as the engine kept it.
    /// </summary>
    [Fact]
    public Task A_mariadb_migration_failing_inside_its_transaction_says_what_was_rolled_back() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        var folder = Migrations("fail-m", ("V1__m.sql", "create table a (id int primary key);\nSTART TRANSACTION;\ninsert into a values (1);\ninsert into nosuch values (1);\nCOMMIT;\n"));
        var r = await Fails(1, "--url", maria, "migrate", "--locations", folder);
        Assert.Contains("failed at statement 4 of 5 (line 4)", r.All, StringComparison.Ordinal);
        Assert.Contains("Statements 2 to 3 — the script's own transaction from its START TRANSACTION (line 2), never committed — were rolled back; statement 1 stayed applied", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Statements 1 to 3 stayed applied", r.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(maria, "SELECT id FROM a"));
        Assert.Equal("1|0|2", await EngineClient.RunAsync(maria, "SELECT version, success, failed_statement FROM nexusql_schema_history"));
    });

    /// <summary>
    /// A PostgreSQL script run without a transaction (the no-transaction marker): a BEGIN with no COMMIT is refused before
    /// anything runs; a failure inside its own BEGIN ... COMMIT says statements 2–4 were rolled back, not "stayed applied".
    /// </summary>
    [Fact]
    public Task A_postgresql_script_without_a_transaction_is_said_by_its_own_transaction() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        var open = Migrations("open-p", ("V1__open.sql", "-- nexusql:no-transaction\ncreate table a (id int primary key);\nBEGIN;\ninsert into a values (1);\n"));
        var r = await Fails(1, "--url", pg, "migrate", "--locations", open);
        Assert.Contains("the script's BEGIN (statement 2, line 3) has no COMMIT after it", r.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(pg, "SELECT table_name FROM information_schema.tables WHERE table_name = 'a'"));

        var failing = await Db.NewAsync("postgresql");
        var block = Migrations("fail-p", ("V1__w.sql", "-- nexusql:no-transaction\ncreate table pre (id int primary key);\nBEGIN;\ncreate table a (id int primary key);\n" +
            "insert into a values (1);\ninsert into nosuch values (1);\nCOMMIT;\n"));
        r = await Fails(1, "--url", failing, "migrate", "--locations", block);
        Assert.Contains("Statements 2 to 4 — the script's own transaction from its BEGIN (line 3), never committed — were rolled back; statement 1 stayed applied", r.All, StringComparison.Ordinal);
        Assert.Equal("pre", await EngineClient.RunAsync(failing, "SELECT table_name FROM information_schema.tables WHERE table_name IN ('a', 'pre')"));
        Assert.Equal("1|f|2", await EngineClient.RunAsync(failing, "SELECT version, success, failed_statement FROM nexusql_schema_history"));
    });

    /// <summary>N-new-1: SAVEPOINT / ROLLBACK TO / RELEASE run inside NexuSQL's transaction (PostgreSQL, SQLite), as Flyway runs them.</summary>
    [Fact]
    public Task A_migration_with_savepoints_runs_in_a_transaction() => LiveAsync(async () =>
    {
        const string Savepoints = "create table a (id int primary key);\nsavepoint s1;\ninsert into a values (1);\nrollback to savepoint s1;\nrelease savepoint s1;\ninsert into a values (2);\n";
        foreach (var engine in new[] { "postgresql", "sqlite" })
        {
            var db = await Db.NewAsync(engine);
            var r = await Ok("--url", db, "migrate", "--locations", Migrations("sp-" + engine, ("V1__sp.sql", Savepoints)));
            Assert.DoesNotContain("no transaction", r.All, StringComparison.Ordinal);
            Assert.Equal("2", await EngineClient.RunAsync(db, "SELECT id FROM a"));
        }
        var pg = await Db.NewAsync("postgresql");
        var r2 = await Fails(1, "--url", pg, "migrate", "--locations", Migrations("sp-fail", ("V1__sp.sql", Savepoints + "insert into nosuch values (1);\n")));
        Assert.Contains("The migration was rolled back", r2.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(pg, "SELECT table_name FROM information_schema.tables WHERE table_name = 'a'"));
    });

    /// <summary>
    /// N-new-12 (seed) and bt42 N12: a PostgreSQL seed file's BEGIN never committed "ran" with its row lost; SQLite's BEGIN
    /// ... COMMIT failed raw, no file named. Both refused by file, statement and line before anything runs.
    /// </summary>
    [Fact]
    public Task A_seed_script_with_its_own_transaction_is_refused_by_statement_where_seed_runs_one() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunAsync(pg, "create table a (id int primary key)");
        var seeds = Migrations("seed-p", ("01_x.sql", "BEGIN;\ninsert into a values (5);\n"));
        var r = await Fails(2, "--url", pg, "seed", "--folder", seeds);
        Assert.Contains("01_x.sql: statement 1 of 2 (line 1): the script controls its own transaction (BEGIN)", r.All, StringComparison.Ordinal);
        Assert.Contains("Nothing was seeded", r.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(pg, "SELECT count(*) FROM a"));

        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(sqlite, "create table a (id int primary key)");
        var lite = Migrations("seed-s", ("01_a.sql", "insert into a values (1);\n"), ("02_x.sql", "insert into a values (4);\nBEGIN;\ninsert into a values (5);\nCOMMIT;\n"));
        r = await Fails(2, "--url", sqlite, "seed", "--folder", lite);
        Assert.Contains("02_x.sql: statement 2 of 4 (line 2): the script controls its own transaction (BEGIN)", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot start a transaction within a transaction", r.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(sqlite, "SELECT count(*) FROM a"));

        // a failing statement: the file rolled back whole, named with statement and line
        var failing = Migrations("seed-pf", ("01_x.sql", "insert into a values (1);\ninsert into nosuch values (1);\n"));
        r = await Fails(1, "--url", pg, "seed", "--folder", failing);
        Assert.Contains("Seed file", r.All, StringComparison.Ordinal);
        Assert.Contains("01_x.sql failed at statement 2 of 2 (line 2)", r.All, StringComparison.Ordinal);
        Assert.Contains("nothing of it was written", r.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(pg, "SELECT count(*) FROM a"));
    });

    /// <summary>
    /// bt42 N12 and N-new-12 (MariaDB seed): a failing seed file said only the engine's message while its earlier
    /// statements stayed; a START TRANSACTION never committed lost its rows silently. Both said by statement.
    /// </summary>
    [Fact]
    public Task A_mariadb_seed_script_says_what_stayed() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunAsync(maria, "create table a (id int primary key)");
        var seeds = Migrations("seed-m", ("01_x.sql", "insert into a values (1);\ncreate table zz (id int);\ninsert into a values (2);\ninsert into nosuch values (1);\n"));
        var r = await Fails(1, "--url", maria, "seed", "--folder", seeds);
        Assert.Contains("01_x.sql failed at statement 4 of 4 (line 4)", r.All, StringComparison.Ordinal);
        Assert.Contains("Statements 1 to 3 stayed applied (the file ran without a transaction", r.All, StringComparison.Ordinal);
        Assert.Equal("1\n2", await EngineClient.RunAsync(maria, "SELECT id FROM a ORDER BY id"));

        var open = await Db.NewAsync("mysql");
        await EngineClient.RunAsync(open, "create table a (id int primary key)");
        r = await Fails(1, "--url", open, "seed", "--folder", Migrations("seed-mo", ("01_x.sql", "insert into a values (1);\nSTART TRANSACTION;\ninsert into a values (2);\n")));
        Assert.Contains("01_x.sql failed: it ended with a transaction of its own still open", r.All, StringComparison.Ordinal);
        Assert.Contains("Statements 2 to 3 — the script's own transaction from its START TRANSACTION (line 2), never committed — were rolled back; statement 1 stayed applied", r.All, StringComparison.Ordinal);
        Assert.Equal("1", await EngineClient.RunAsync(open, "SELECT id FROM a ORDER BY id"));

        // its own transaction, committed, is kept
        await Ok("--url", open, "seed", "--folder", Migrations("seed-mc", ("01_x.sql", "START TRANSACTION;\ninsert into a values (3);\nCOMMIT;\n")));
        Assert.Equal("1\n3", await EngineClient.RunAsync(open, "SELECT id FROM a ORDER BY id"));
    });

    /// <summary>
    /// N-new-6: a SQLite seed file with PRAGMA foreign_keys (run without a transaction) that fails: the error named no
    /// file or statement and hid that the delete and insert before it stayed.
    /// </summary>
    [Fact]
    public Task A_sqlite_seed_script_without_a_transaction_says_what_stayed() => LiveAsync(async () =>
    {
        var db = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(db, "create table p (id integer primary key, v text); create table c (id integer primary key, pid int references p(id) on delete cascade); " +
            "insert into p values (1,'a'),(2,'b'); insert into c values (10,1);");
        var seeds = Migrations("seed-fk", ("01_fix.sql", "pragma foreign_keys=off;\ndelete from p;\ninsert into p values (1,'a2');\ninsert into nosuch values (1);\npragma foreign_keys=on;\n"));
        var r = await Fails(1, "--url", db, "seed", "--folder", seeds);
        Assert.Contains("01_fix.sql failed at statement 4 of 5 (line 4)", r.All, StringComparison.Ordinal);
        Assert.Contains("Statements 1 to 3 stayed applied (the file ran without a transaction", r.All, StringComparison.Ordinal);
        Assert.Equal("1|a2", await EngineClient.RunAsync(db, "SELECT * FROM p"));
        Assert.Equal("10|1", await EngineClient.RunAsync(db, "SELECT * FROM c"));
    });
}
