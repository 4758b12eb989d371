namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 35: what surrounds the values — foreign-key actions MariaDB keeps otherwise (H3). Each side is read with
/// its engine's client.
/// </summary>
public sealed class BreakTest35CliTests() : ValueFidelityCliTestBase("bt35")
{
    /// <summary>
    /// H3: a foreign key <c>ON DELETE SET DEFAULT</c> (PostgreSQL, SQLite) copied into MariaDB, where InnoDB takes the
    /// words and keeps NO ACTION — the parent's DELETE the source carries out was refused there, with "counts and hashes
    /// match" — is refused by name before anything is written; into SQLite it is kept.
    /// </summary>
    [Fact]
    public Task A_set_default_foreign_key_is_refused_into_mariadb_and_kept_elsewhere() => LiveAsync(async () =>
    {
        const string tables = "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, pid int DEFAULT 0 REFERENCES p (id) ON DELETE SET DEFAULT);" +
            "INSERT INTO p VALUES (0), (1); INSERT INTO c VALUES (1, 1);";
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, tables);
        var lite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(lite, tables);
        foreach (var source in new[] { pg, lite })
        {
            var maria = await Db.NewAsync("mysql");
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", maria);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("on c (pid) → p ON DELETE SET DEFAULT", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(maria, "SELECT count(*) FROM information_schema.tables WHERE table_schema = database()"));
        }
        var kept = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", pg, "--to", kept);
        Assert.Equal("0|1", await EngineClient.RunAsync(kept, "PRAGMA foreign_keys = ON; DELETE FROM p WHERE id = 1; SELECT pid, id FROM c;"));
    });

    /// <summary>
    /// M6: a target database whose own <c>statement_timeout</c> is shorter than a table's load (here a check that
    /// sleeps 10 ms a row, 400 rows, under 3 s) — common on production databases — cancelled the copy with a raw 57014
    /// and "--resume" advice that fails the same way; NexuSQL's data sessions turn the database's timeouts off, as
    /// pg_dump and pg_restore do.
    /// </summary>
    [Fact]
    public Task A_target_database_statement_timeout_does_not_cancel_a_load() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE FUNCTION slow(i int) RETURNS boolean LANGUAGE sql AS $$ SELECT pg_sleep(0.01) IS NOT NULL AND i > 0 $$;" +
            "CREATE TABLE t (id int PRIMARY KEY CHECK (slow(id))); INSERT INTO t SELECT generate_series(1, 400);");
        var target = await Db.NewAsync("postgresql");
        var name = target[(target.LastIndexOf('/') + 1)..];
        await EngineClient.RunScriptAsync(target, $"ALTER DATABASE {name} SET statement_timeout = '3s';");
        await Ok("copy", "--from", source, "--to", target);
        Assert.Equal("400|3s", await EngineClient.RunAsync(target, "SELECT count(*), current_setting('statement_timeout') FROM t"));
    });

    /// <summary>
    /// H1: columns drawing their defaults from one standalone PostgreSQL sequence (a "global id" shared by two tables),
    /// or from one that counts down, became per-table counters in MariaDB and SQLite — the next ids collided (a3 and b2
    /// both got 4) or counted up from 1 where the source gives -3 — with "counts and hashes match": refused by column and
    /// sequence before anything is written.
    /// </summary>
    [Fact]
    public Task Columns_sharing_a_sequence_or_drawing_from_a_descending_one_are_refused_across_engines() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE SEQUENCE gid; CREATE SEQUENCE down START -1 INCREMENT -1 MINVALUE -1000 MAXVALUE -1;" +
            "CREATE TABLE a (id bigint PRIMARY KEY DEFAULT nextval('gid'), v text); CREATE TABLE b (id bigint PRIMARY KEY DEFAULT nextval('gid'), v text);" +
            "CREATE TABLE t3 (id int PRIMARY KEY DEFAULT nextval('down'), v text);" +
            "INSERT INTO a (v) VALUES ('a1'); INSERT INTO b (v) VALUES ('b1'); INSERT INTO t3 (v) VALUES ('t');");
        foreach (var engine in new[] { "sqlite", "mysql" })
        {
            var target = await Db.NewAsync(engine);
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("a.id, b.id (sequence gid: shared", r.All, StringComparison.Ordinal);
            Assert.Contains("t3.id (sequence down: it counts down", r.All, StringComparison.Ordinal);
            Assert.Equal(engine == "sqlite" ? "" : "0", await EngineClient.RunAsync(target, engine == "sqlite" ? "SELECT name FROM sqlite_master"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = database()"));
        }
    });

    /// <summary>
    /// M1: a MariaDB sequence used since the server started reads its first value after the cache
    /// (<c>next_not_cached_value</c>, 1002 for a next value of 3 with CACHE 1000): verify reported every such sequence
    /// as differing from a copy that goes on alike. Equal within the cache now; a position outside it still differs.
    /// </summary>
    [Fact]
    public Task A_mariadb_sequence_within_its_cache_verifies_equal_and_a_moved_one_differs() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE SEQUENCE s1; CREATE TABLE t (id int PRIMARY KEY); SELECT nextval('s1');");
        var maria = await Db.NewAsync("mysql");
        await Ok("copy", "--from", pg, "--to", maria);
        Assert.Equal("2|2", await EngineClient.RunAsync(maria, "SELECT NEXTVAL(s1)") + "|" + await EngineClient.RunAsync(pg, "SELECT nextval('s1')"));
        // MariaDB has cached 1000 values since: it reads 1002 for a next value of 3
        Assert.Equal("1002", await EngineClient.RunAsync(maria, "SELECT next_not_cached_value FROM s1"));
        await Ok("--url", pg, "verify", "--against", maria, "--checks", "data");
        await EngineClient.RunAsync(pg, "SELECT setval('s1', 5000)");
        var r = await CliRunner.RunAsync("--url", pg, "verify", "--against", maria, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("s1: the sequence's next value is 5001 in the first database", r.All, StringComparison.Ordinal);
    });

    /// <summary>
    /// H1: a column drawing from a standalone sequence of its own becomes an AUTO_INCREMENT / AUTOINCREMENT column in
    /// MariaDB and SQLite; after the source's last rows were deleted it went on after the largest id loaded (4), giving
    /// deleted ids again, where the source gives 6: it goes on from the sequence's position, by copy and by restore.
    /// </summary>
    [Fact]
    public Task A_column_drawing_from_its_own_sequence_goes_on_from_its_position_in_another_engine() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE SEQUENCE s1; CREATE TABLE t (id int PRIMARY KEY DEFAULT nextval('s1'), v text);" +
            "INSERT INTO t (v) SELECT 'x' FROM generate_series(1, 5); DELETE FROM t WHERE id > 3;");
        foreach (var engine in new[] { "sqlite", "mysql" })
        {
            var (copied, restored) = await MoveAsync(source, engine);
            foreach (var target in new[] { copied, restored })
                Assert.Equal("6", await EngineClient.RunAsync(target, "INSERT INTO t (v) VALUES ('n'); SELECT max(id) FROM t;"));
        }
    });

    /// <summary>
    /// Issue 12: a MariaDB table whose UNIQUE key and foreign key share one name (MariaDB allows it; the FK uses the
    /// key's index) was read as one garbled constraint; both are read by kind and arrive as they were.
    /// </summary>
    [Fact]
    public Task A_mariadb_unique_key_and_foreign_key_of_one_name_both_arrive() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, pid int, CONSTRAINT k UNIQUE (pid), CONSTRAINT k FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE);" +
            "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1);");
        var target = await Db.NewAsync("mysql");
        await Ok("copy", "--from", source, "--to", target);
        const string constraints = "SELECT GROUP_CONCAT(constraint_name, ':', constraint_type ORDER BY constraint_type) FROM information_schema.table_constraints WHERE table_schema = database() AND table_name = 'c'";
        Assert.Equal("k:FOREIGN KEY,PRIMARY:PRIMARY KEY,k:UNIQUE", await EngineClient.RunAsync(target, constraints));
        await AssertSameAsync(constraints + " UNION ALL SELECT delete_rule FROM information_schema.referential_constraints WHERE constraint_schema = database()", source, target);
    });

    /// <summary>
    /// H2: MariaDB shows an account holding SELECT only no table constraints and no foreign-key rules in
    /// information_schema: its backup had no primary and no foreign keys, said "verified", and restored into MariaDB with a
    /// raw 1075. Keys are read from key_column_usage and the rules from SHOW CREATE TABLE; what the account cannot see is
    /// named: a view without SHOW VIEW and a table it may select some columns of are refused (the whole database),
    /// triggers without TRIGGER and others' routines are named as left out.
    /// </summary>
    [Fact]
    public Task A_select_only_mariadb_account_backs_up_the_keys_and_names_what_it_cannot_see() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        var database = source[(source.LastIndexOf('/') + 1)..];
        await EngineClient.RunScriptAsync(source, "CREATE TABLE cust (id int AUTO_INCREMENT PRIMARY KEY, email varchar(100) COLLATE utf8mb4_nopad_bin NOT NULL UNIQUE, age int CHECK (age >= 0));" +
            "CREATE TABLE ord (id int PRIMARY KEY, cust_id int, total decimal(10,2), secret int, CONSTRAINT ck_total CHECK (total >= 0 AND total < 1000)," +
            "  CONSTRAINT fk_c FOREIGN KEY (cust_id) REFERENCES cust (id) ON DELETE CASCADE ON UPDATE SET NULL, UNIQUE KEY uq_ord (cust_id, total));" +
            "INSERT INTO cust (email) VALUES ('a@x'), ('b@x'); INSERT INTO ord VALUES (1, 1, 9.99, 7), (2, 2, 5.00, 8);" +
            "CREATE TRIGGER trg_bi BEFORE INSERT ON ord FOR EACH ROW SET NEW.total = NEW.total; CREATE VIEW v_ord AS SELECT id, total FROM ord;");
        var (reader, columns, tablewise) = ($"ro_{database}", $"rc_{database}", $"rt_{database}");
        await EngineClient.RunScriptAsync(source, $"CREATE USER '{reader}'@'%'; GRANT SELECT ON `{database}`.* TO '{reader}'@'%';" +
            $"CREATE USER '{tablewise}'@'%'; GRANT SELECT ON `{database}`.cust TO '{tablewise}'@'%'; GRANT SELECT ON `{database}`.ord TO '{tablewise}'@'%';" +
            $"CREATE USER '{columns}'@'%'; GRANT SELECT ON `{database}`.cust TO '{columns}'@'%'; GRANT SELECT (id, cust_id, total) ON `{database}`.ord TO '{columns}'@'%';");
        try
        {
            string As(string user) => source.Replace("root@", user + "@", StringComparison.Ordinal);
            var file = Db.File("ro.nxb");
            var r = await CliRunner.RunAsync("--url", As(reader), "backup", "-o", file);
            Assert.True(r.ExitCode != 0 && r.All.Contains($"view v_ord (the account '{reader}'@'%' lacks the SHOW VIEW privilege", StringComparison.Ordinal), r.All);
            Assert.False(File.Exists(file));
            r = await CliRunner.RunAsync("--url", As(columns), "backup", "-o", file);
            Assert.True(r.ExitCode != 0 && r.All.Contains($"table ord (the account '{columns}'@'%' may select only some of its columns", StringComparison.Ordinal), r.All);
            r = await Ok("--url", As(reader), "backup", "-o", file, "--tables", "cust,ord");
            Assert.Contains($"triggers of every table (the account '{reader}'@'%' lacks the TRIGGER privilege", r.All, StringComparison.Ordinal);
            Assert.Contains($"functions and procedures the account '{reader}'@'%' did not create", r.All, StringComparison.Ordinal);
            var maria = await Db.NewAsync("mysql");
            await Ok("restore", file, "--url", maria);
            Assert.Equal("email:UNIQUE,PRIMARY:PRIMARY KEY,fk_c:FOREIGN KEY,PRIMARY:PRIMARY KEY,uq_ord:UNIQUE|fk_c:CASCADE:SET NULL", await EngineClient.RunAsync(maria,
                "SELECT (SELECT GROUP_CONCAT(constraint_name, ':', constraint_type ORDER BY table_name, constraint_name) FROM information_schema.table_constraints WHERE table_schema = database() AND constraint_type <> 'CHECK'), " +
                "(SELECT GROUP_CONCAT(constraint_name, ':', delete_rule, ':', update_rule) FROM information_schema.referential_constraints WHERE constraint_schema = database())"));
            // bt37 H1: an account holding privileges on single tables sees no CHECK in information_schema; read from SHOW CREATE TABLE
            var tablewiseFile = Db.File("rt.nxb");
            r = await Ok("--url", As(tablewise), "backup", "-o", tablewiseFile);
            Assert.Contains($"tables the account '{tablewise}'@'%' holds no privilege on", r.All, StringComparison.Ordinal);
            var withChecks = await Db.NewAsync("mysql");
            await Ok("restore", tablewiseFile, "--url", withChecks);
            const string checks = "SELECT GROUP_CONCAT(constraint_name, ':', check_clause ORDER BY constraint_name SEPARATOR '; ') FROM information_schema.check_constraints WHERE constraint_schema = database()";
            await AssertSameAsync(checks, source, withChecks);
            Assert.Contains("ck_total:", await EngineClient.RunAsync(withChecks, checks), StringComparison.Ordinal);
            var pg = await Db.NewAsync("postgresql");
            await Ok("restore", file, "--url", pg);
            Assert.Equal("ck_total:c,fk_c:f:c:n,ord_pkey:p,uq_ord:u", await EngineClient.RunAsync(pg,
                "SELECT string_agg(conname || ':' || contype::text || CASE contype WHEN 'f' THEN ':' || confdeltype::text || ':' || confupdtype::text ELSE '' END, ',' ORDER BY conname) FROM pg_constraint WHERE conrelid = 'ord'::regclass"));
        }
        finally
        {
            await EngineClient.RunScriptAsync(source, $"DROP USER IF EXISTS '{reader}'@'%'; DROP USER IF EXISTS '{columns}'@'%'; DROP USER IF EXISTS '{tablewise}'@'%';");
        }
    });

    /// <summary>
    /// L1: a PostgreSQL domain over an extension's type (<c>CREATE DOMAIN email AS citext</c>): the copy created hstore
    /// for a column of it but refused citext, used only through the domain; it creates both now, and the domain compares
    /// case-insensitively in the target.
    /// </summary>
    [Fact]
    public Task A_domain_over_an_extension_type_brings_its_extension() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE EXTENSION citext; CREATE DOMAIN email AS citext; CREATE TABLE e (id int PRIMARY KEY, em email); INSERT INTO e VALUES (1, 'Foo@Bar');");
        var target = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", target);
        Assert.Equal("Foo@Bar|t|citext", await EngineClient.RunAsync(target, "SELECT em, em = 'foo@bar', (SELECT extname FROM pg_extension WHERE extname = 'citext') FROM e"));
    });
}
