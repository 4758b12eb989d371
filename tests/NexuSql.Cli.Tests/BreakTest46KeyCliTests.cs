namespace NexuSql.Cli.Tests;

/// <summary>
/// Text keys moved into MariaDB from engines whose keys compare characters (bt41 F13, bt43 N-new-13): they took the
/// database's <c>_ci</c> default there, refusing 'A' beside 'a' (which the source accepts), and verify never named a
/// MariaDB key under its database's default collation. Each case is shown with the engines' own clients.
/// </summary>
public sealed class BreakTest46KeyCliTests() : ValueFidelityCliTestBase("bt46k")
{
    private const string Collations =
        "SELECT concat(table_name, '.', column_name, ' ', collation_name) FROM information_schema.columns " +
        "WHERE table_schema = DATABASE() AND collation_name IS NOT NULL ORDER BY table_name, column_name";

    /// <summary>
    /// A PostgreSQL varchar key, char(5) key and text key, and the columns of other tables referencing them: copied,
    /// restored and applied into MariaDB, the varchar and text keys and their referencing columns are
    /// <c>utf8mb4_nopad_bin</c>, the char(5) key and its referencing columns PAD SPACE <c>utf8mb4_bin</c> (the referencing
    /// char(5) column took the default before, and MariaDB refused the foreign key with error 1825 after the rows were
    /// loaded; bt45 H2: a varchar 'a  ' referencing 'a', valid in PostgreSQL, was refused under nopad_bin). The text key
    /// is a varchar MariaDB indexes also when applied (bt45 H1: LONGTEXT, error 1170 half-way). MariaDB then takes 'A'
    /// beside 'a' as PostgreSQL does, and verify says OK.
    /// </summary>
    [Fact]
    public Task PostgreSql_text_keys_compare_characters_in_mariadb_and_their_foreign_keys_follow() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE p (code char(5) PRIMARY KEY, e varchar(20) UNIQUE, note text);" +
            "CREATE TABLE c (id int PRIMARY KEY, pc char(5) REFERENCES p (code), pe varchar(20) REFERENCES p (e), pv varchar(10) REFERENCES p (code));" +
            "CREATE TABLE t (k text PRIMARY KEY); CREATE TABLE r (id int PRIMARY KEY, k text REFERENCES t);" +
            "INSERT INTO p VALUES ('a', 'x', 'n'); INSERT INTO c VALUES (1, 'a', 'x', 'a  '); INSERT INTO t VALUES ('k'); INSERT INTO r VALUES (1, 'k');");
        var copied = await Db.NewAsync("mysql");
        await Ok("copy", "--from", pg, "--to", copied);
        var restored = await Db.NewAsync("mysql");
        var file = Db.File("p.nxb");
        await Ok("--url", pg, "backup", "-o", file);
        await Ok("--url", restored, "restore", file);
        var applied = await Db.NewAsync("mysql");
        var schema = Db.File("p.json");
        await Ok("--url", pg, "schema", "dump", "-o", schema);
        await Ok("--url", applied, "--yes", "schema", "apply", schema);
        foreach (var maria in new[] { copied, restored, applied })
        {
            // the note column is no key: it keeps the database's default
            Assert.Equal("c.pc utf8mb4_bin\nc.pe utf8mb4_nopad_bin\nc.pv utf8mb4_bin\np.code utf8mb4_bin\np.e utf8mb4_nopad_bin\np.note utf8mb4_unicode_ci\n" +
                "r.k utf8mb4_nopad_bin\nt.k utf8mb4_nopad_bin",
                (await EngineClient.RunAsync(maria, Collations)).Trim().Replace("\r", "", StringComparison.Ordinal));
            await EngineClient.RunAsync(maria, "INSERT INTO p VALUES ('A', 'X', 'n')");
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(maria, "INSERT INTO c VALUES (2, 'b', NULL, NULL)"));
            await EngineClient.RunAsync(maria, "INSERT INTO c VALUES (3, NULL, NULL, 'A ')");
            await EngineClient.RunAsync(maria, "DELETE FROM c WHERE id = 3");
        }
        Assert.Equal("[a  ]", (await EngineClient.RunAsync(copied, "SELECT concat('[', pv, ']') FROM c")).Trim());
        await EngineClient.RunScriptAsync(pg, "INSERT INTO p VALUES ('A', 'X', 'n');");
        foreach (var maria in new[] { copied, restored })
            Assert.Contains("OK: schema, data.", (await Ok("verify", "--url", pg, "--against", maria, "--checks", "schema,data")).Stdout, StringComparison.Ordinal);
        Assert.Contains("OK: schema.", (await Ok("verify", "--url", pg, "--against", applied, "--checks", "schema")).Stdout, StringComparison.Ordinal);
        // the file applied again, and diffed: nothing to do
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", applied, "--to", schema)).Stdout, StringComparison.Ordinal);
    });

    /// <summary>A SQLite text primary key (BINARY) copied into MariaDB takes 'A' beside 'a' there too.</summary>
    [Fact]
    public Task A_sqlite_text_key_compares_characters_in_mariadb() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE k (name text PRIMARY KEY, v int); INSERT INTO k VALUES ('a', 1), ('A', 2);");
        var maria = await Db.NewAsync("mysql");
        await Ok("copy", "--from", sqlite, "--to", maria);
        Assert.Equal("k.name utf8mb4_nopad_bin", (await EngineClient.RunAsync(maria, Collations)).Trim());
        Assert.Equal("A|a", (await EngineClient.RunAsync(maria, "SELECT group_concat(name ORDER BY name SEPARATOR '|') FROM k")).Trim());
    });

    /// <summary>
    /// N-new-13: two databases made apart — a MariaDB key under its database's default collation (utf8mb4_bin pads,
    /// utf8mb4_unicode_ci folds case) against the same PostgreSQL key — were "OK"; MariaDB refused 'a ' (or 'A') beside
    /// 'a', PostgreSQL took both. Verify names the key and the default it compares by.
    /// </summary>
    [Fact]
    public Task Verify_names_a_mariadb_key_under_its_database_default_collation() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE w (id int PRIMARY KEY, e varchar(50) CONSTRAINT w_e UNIQUE);");
        foreach (var (options, folds) in new[] { ("COLLATE utf8mb4_bin", "'a' and 'a '"), ("COLLATE utf8mb4_unicode_ci", "'A' and 'a', 'é' and 'e', 'a' and 'a '") })
        {
            var maria = await Db.NewAsync("mysql", options);
            await EngineClient.RunScriptAsync(maria, "CREATE TABLE w (id int PRIMARY KEY, e varchar(50), CONSTRAINT w_e UNIQUE (e));");
            var r = await CliRunner.RunAsync("verify", "--url", pg, "--against", maria, "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Equal([$"[schema] table w: column e: unique w_e compares text under collation {options[8..]} (the database's default) in the second database " +
                $"(two different texts can be one key: {folds}), by its characters in the first: rows one database accepts the other refuses as duplicates"], Lines(r, "schema"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(maria, "INSERT INTO w VALUES (1, 'a'), (2, " + (folds.Contains('A', StringComparison.Ordinal) ? "'A'" : "'a '") + ");"));
            // a key under utf8mb4_nopad_bin is the same key as PostgreSQL's
            await EngineClient.RunAsync(maria, "ALTER TABLE w MODIFY e varchar(50) COLLATE utf8mb4_nopad_bin");
            Assert.Contains("OK: schema.", (await Ok("verify", "--url", pg, "--against", maria, "--checks", "schema")).Stdout, StringComparison.Ordinal);
        }
    });
}

/// <summary>bt42 N16: SIGTERM or Ctrl-C during a long SQLite statement stopped nothing until the process was killed, 30 s later, without a word.</summary>
public sealed class SqliteInterruptCliTests() : ValueFidelityCliTestBase("bt46i")
{
    /// <summary>
    /// A SQLite statement that runs for minutes is stopped by SIGTERM within seconds: exit 130, "Cancelled", and a
    /// write it was making is rolled back (sqlite3 reads the table unchanged).
    /// </summary>
    [Fact]
    public Task Sigterm_stops_a_long_sqlite_statement_and_rolls_it_back() => LiveAsync(async () =>
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(db, "CREATE TABLE t (x int); INSERT INTO t VALUES (1);");
        using var query = CliRunner.Start("--url", db, "exec",
            "INSERT INTO t WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c");
        var stdout = query.StandardOutput.ReadToEndAsync(ct);
        var stderr = query.StandardError.ReadToEndAsync(ct);
        // the INSERT holds SQLite's write lock from its start: another writer is refused while it runs
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await CanWriteAsync(db))
        {
            Assert.False(query.HasExited, "the statement ended before it was interrupted");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the statement did not start");
            await Task.Delay(200, ct);
        }
        var sent = System.Diagnostics.Stopwatch.StartNew();
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", query.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(ct);
        await query.WaitForExitAsync(ct);
        var message = await stdout + await stderr;
        // not the 143 of a process killed at the end of its shutdown time, with nothing said
        Assert.True(query.ExitCode == 130, $"exit {query.ExitCode} after {sent.Elapsed.TotalSeconds:F0} s: {message}");
        Assert.Contains("Cancelled", message, StringComparison.Ordinal);
        Assert.Equal("1|1", (await EngineClient.RunAsync(db, "SELECT count(*), sum(x) FROM t")).Trim());
    });

    /// <summary>
    /// bt45 M3: SIGTERM during the third statement of an <c>exec</c> kept the first two on SQLite while the message said
    /// only "the statement that was running is rolled back". The statements run in one transaction: all rolled back, said.
    /// </summary>
    [Fact]
    public Task Sigterm_during_a_multi_statement_exec_rolls_back_every_statement() => LiveAsync(async () =>
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(db, "CREATE TABLE t (x int); INSERT INTO t VALUES (1);");
        using var query = CliRunner.Start("--url", db, "exec",
            "DELETE FROM t; INSERT INTO t VALUES (5); INSERT INTO t WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c");
        var stdout = query.StandardOutput.ReadToEndAsync(ct);
        var stderr = query.StandardError.ReadToEndAsync(ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await CanWriteAsync(db))
        {
            Assert.False(query.HasExited, "the statements ended before they were interrupted");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the statements did not start");
            await Task.Delay(200, ct);
        }
        // the DELETE and first INSERT are quick: by now the third statement runs (or at worst an earlier one)
        await Task.Delay(500, ct);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", query.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(ct);
        await query.WaitForExitAsync(ct);
        var message = await stdout + await stderr;
        Assert.True(query.ExitCode == 130, $"exit {query.ExitCode}: {message}");
        Assert.Contains("The SQL was cancelled at statement 3 of 3: it ran in one transaction, rolled back: nothing of it was written.", message, StringComparison.Ordinal);
        Assert.Equal("1|1", (await EngineClient.RunAsync(db, "SELECT count(*), sum(x) FROM t")).Trim());
    });

    private static async Task<bool> CanWriteAsync(string db)
    {
        try
        {
            await EngineClient.RunScriptAsync(db, "BEGIN IMMEDIATE; ROLLBACK;");
            return true;
        }
        catch (Exception e) when (e.Message.Contains("locked", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
    }
}

/// <summary>
/// Generated columns of another engine's schema file: <c>schema apply</c> wrote them as they are, where they compute
/// something else (a PostgreSQL <c>a || b</c> is <c>a OR b</c> on MariaDB, <c>n / 2</c> of integers 1.5 rounded to 2).
/// They are translated as a copy translates them, or refused by name before anything runs.
/// </summary>
public sealed class BreakTest46SchemaCliTests() : ValueFidelityCliTestBase("bt46s")
{
    [Fact]
    public Task Another_engines_generated_columns_are_translated_or_refused_by_schema_apply() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE g (id int PRIMARY KEY, a text, b text, n int, ab text GENERATED ALWAYS AS (a || b) STORED, h int GENERATED ALWAYS AS (n / 2) STORED);");
        var file = Db.File("g.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var maria = await Db.NewAsync("mysql");
        var r = await CliRunner.RunAsync("--url", maria, "--yes", "schema", "apply", file);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("NOT INCLUDED: the file's schema, as MySQL/MariaDB would hold it: These PostgreSQL generated columns do not translate to MySQL/MariaDB: " +
                        "g.h (generated as (n / 2): the operator / divides integers differently", r.All, StringComparison.Ordinal);
        Assert.Equal("", (await EngineClient.RunAsync(maria, "SHOW TABLES")).Trim());

        // without the division: a || b is CONCAT there, and computes what PostgreSQL computes
        await EngineClient.RunScriptAsync(pg, "ALTER TABLE g DROP COLUMN h; INSERT INTO g (id, a, b, n) VALUES (1, 'foo', 'bar', 3);");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var sqlite = await Db.NewAsync("sqlite");
        foreach (var target in new[] { maria, sqlite })
        {
            await Ok("--url", target, "--yes", "schema", "apply", file);
            await EngineClient.RunScriptAsync(target, "INSERT INTO g (id, a, b, n) VALUES (1, 'foo', 'bar', 3);");
            Assert.Equal("foobar", (await EngineClient.RunAsync(target, "SELECT ab FROM g")).Trim());
            Assert.Contains("No differences", (await Ok("schema", "diff", "--from", target, "--to", file)).Stdout, StringComparison.Ordinal);
        }
        Assert.Equal("foobar", (await EngineClient.RunAsync(pg, "SELECT ab FROM g")).Trim());
    });
    /// <summary>
    /// bt45 M4: a SQLite dump's <c>COLLATE NOCASE</c> column applied to MariaDB failed with error 1273 after the tables
    /// before it were created; it is made as a copy makes it (MariaDB's default, named), and a NOCASE key is refused by
    /// name before anything runs, as copy refuses it. A hand-written file's <c>text</c> primary key
    /// (error 1170 on MariaDB) is a varchar MariaDB indexes, and a second diff finds nothing.
    /// </summary>
    [Fact]
    public Task A_collation_mariadb_lacks_is_refused_before_anything_and_a_text_key_is_indexable() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE a0 (id integer PRIMARY KEY); CREATE TABLE p (id integer PRIMARY KEY, code text COLLATE NOCASE UNIQUE);");
        var file = Db.File("nc.json");
        await Ok("--url", sqlite, "schema", "dump", "-o", file);
        var maria = await Db.NewAsync("mysql");
        var r = await CliRunner.RunAsync("--url", maria, "--yes", "schema", "apply", file);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("These SQLite key columns have a collation", r.All, StringComparison.Ordinal);
        Assert.Contains("p.code (collation NOCASE", r.All, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", (await EngineClient.RunAsync(maria, "SHOW TABLES")).Trim());
        // not a key: the column takes MariaDB's default, named, as a copy makes it
        await EngineClient.RunScriptAsync(sqlite, "DROP TABLE p; CREATE TABLE p (id integer PRIMARY KEY, code text COLLATE NOCASE);");
        await Ok("--url", sqlite, "schema", "dump", "-o", file);
        r = await Ok("--url", maria, "--yes", "schema", "apply", file);
        Assert.Contains("NOT AS IN THE FILE: collation NOCASE of p.code", r.All, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("a0\np", (await EngineClient.RunAsync(maria, "SHOW TABLES")).Trim());

        var handWritten = Db.File("hw.json");
        await File.WriteAllTextAsync(handWritten, """{"tables":[{"name":"hw","columns":[{"name":"k","type":"text","nullable":false}],"primaryKey":{"columns":["k"]}}]}""",
            TestContext.Current.CancellationToken);
        maria = await Db.NewAsync("mysql");
        await Ok("--url", maria, "--yes", "schema", "apply", handWritten);
        Assert.Equal("varchar(768)", (await EngineClient.RunAsync(maria, "SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'hw'")).Trim());
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", maria, "--to", handWritten)).Stdout, StringComparison.Ordinal);
    });
}


/// <summary>
/// bt46 F1–F3: <c>schema apply</c> of another engine's dump did not screen what copy screens. Another engine's file is
/// now made as a copy makes it (one pipeline): defaults that compute otherwise are refused by name before anything runs,
/// a <c>_ci</c> key's collation is refused as copy refuses it, and MariaDB's unsigned ranges arrive as checks, named.
/// </summary>
public sealed class BreakTest46ApplyCliTests() : ValueFidelityCliTestBase("bt46a")
{
    /// <summary>
    /// F1/F2: <c>7 / 2</c> gave 4 on MariaDB, <c>CURRENT_DATE + 1</c> the integer 2027 on SQLite — both "Applied" — and
    /// <c>clock_timestamp()</c> failed on MariaDB after the first table was created.
    /// </summary>
    [Fact]
    public Task Defaults_that_compute_otherwise_are_refused_before_anything_runs() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE a1 (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, d date DEFAULT current_date + 1, n int DEFAULT 7 / 2, " +
            "c timestamptz DEFAULT clock_timestamp(), s text DEFAULT 'a' || 'b');");
        var file = Db.File("pe.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var maria = await Db.NewAsync("mysql");
        var sqlite = await Db.NewAsync("sqlite");
        foreach (var target in new[] { maria, sqlite })
        {
            var r = await CliRunner.RunAsync("--url", target, "--yes", "schema", "apply", file);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("column defaults do not translate", r.All, StringComparison.Ordinal);
            Assert.Contains("column t.d (default CURRENT_DATE + 1", r.All, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("column t.c (default clock_timestamp()", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("(--tables)", r.All, StringComparison.Ordinal);
            Assert.Contains("Nothing was applied", r.All, StringComparison.Ordinal);
        }
        Assert.Contains("column t.n (default 7 / 2: the operator / divides integers differently", (await CliRunner.RunAsync("--url", maria, "--yes", "schema", "apply", file)).All, StringComparison.Ordinal);
        Assert.Equal("", (await EngineClient.RunAsync(maria, "SHOW TABLES")).Trim());
        Assert.Equal("", (await EngineClient.RunAsync(sqlite, "SELECT name FROM sqlite_master")).Trim());

        // literals and what computes alike are made, and a second apply finds nothing
        await EngineClient.RunScriptAsync(pg, "ALTER TABLE t ALTER d DROP DEFAULT, ALTER n SET DEFAULT 3, ALTER c SET DEFAULT now();");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        foreach (var target in new[] { maria, sqlite })
        {
            await Ok("--url", target, "--yes", "schema", "apply", file);
            Assert.Contains("No differences", (await Ok("--url", target, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
            await EngineClient.RunScriptAsync(target, "INSERT INTO t (id) VALUES (1);");
            Assert.Equal("3|ab", (await EngineClient.RunAsync(target, "SELECT n, s FROM t")).Trim());
        }
    });

    /// <summary>
    /// F3: a MariaDB key under the database's <c>utf8mb4_unicode_ci</c> applied to PostgreSQL took 'A' beside 'a', and
    /// diff said "No differences"; unsigned columns lost their range. Refused as copy refuses it; once the key compares
    /// characters, the unsigned range arrives as a check (named), and diff both ways finds nothing.
    /// </summary>
    [Fact]
    public Task A_ci_key_is_refused_and_unsigned_ranges_arrive_as_checks() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE p (id int unsigned PRIMARY KEY, name varchar(40) NOT NULL UNIQUE) COLLATE utf8mb4_unicode_ci; " +
            "CREATE TABLE c (id int PRIMARY KEY, pid int unsigned, FOREIGN KEY (pid) REFERENCES p (id));");
        var file = Db.File("ms.json");
        await Ok("--url", maria, "schema", "dump", "-o", file);
        var pg = await Db.NewAsync("postgresql");
        var r = await CliRunner.RunAsync("--url", pg, "--yes", "schema", "apply", file);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("key columns have a collation", r.All, StringComparison.Ordinal);
        Assert.Contains("p.name (collation utf8mb4_unicode_ci", r.All, StringComparison.Ordinal);
        Assert.Equal("0", (await EngineClient.RunAsync(pg, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).Trim());
        var diff = await CliRunner.RunAsync("schema", "diff", "--from", file, "--to", pg);
        Assert.True(diff.ExitCode == 3, diff.All);
        Assert.Contains("p.name (collation utf8mb4_unicode_ci", diff.All, StringComparison.Ordinal);

        await EngineClient.RunScriptAsync(maria, "ALTER TABLE p MODIFY name varchar(40) COLLATE utf8mb4_nopad_bin NOT NULL;");
        await Ok("--url", maria, "schema", "dump", "-o", file);
        r = await Ok("--url", pg, "--yes", "schema", "apply", file);
        Assert.Contains("NOT AS IN THE FILE: c.pid: int(10) unsigned created as BIGINT with the check c_pid_range", r.All, StringComparison.Ordinal);
        Assert.Contains("No differences", (await Ok("--url", pg, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", file, "--to", pg)).Stdout, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(pg, "INSERT INTO p VALUES (1, 'a'), (2, 'A');");
        Assert.Equal("c_pid_range", (await EngineClient.RunAsync(pg, "SELECT conname FROM pg_constraint WHERE contype = 'c' AND conrelid = 'c'::regclass")).Trim());
        Assert.Equal("2", (await EngineClient.RunAsync(pg, "SELECT count(*) FROM p")).Trim());
    });
    /// <summary>F5: a plan that failed on PostgreSQL said only the engine's error, neither the change nor that nothing stayed.</summary>
    [Fact]
    public Task A_failing_change_on_postgresql_is_named_with_the_rollback() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE p (id int PRIMARY KEY, qty int); CREATE TABLE newt (id int PRIMARY KEY); " +
            "CREATE VIEW veq AS SELECT id, if(qty > 1, 'big', 'small') AS sz FROM p;");
        var file = Db.File("m5.json");
        await Ok("--url", maria, "schema", "dump", "-o", file);
        var pg = await Db.NewAsync("postgresql");
        var r = await CliRunner.RunAsync("--url", pg, "--yes", "schema", "apply", file);
        Assert.True(r.ExitCode == 1, r.All);
        Assert.Contains("('create view veq', change 3 of 3, failed; the plan ran in one transaction, rolled back: nothing of it was applied.)", r.All, StringComparison.Ordinal);
        Assert.Equal("0", (await EngineClient.RunAsync(pg, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).Trim());
    });
}

/// <summary>
/// bt46 F4: cross-engine <c>verify --against</c> said "OK: schema" when a literal default or the numbers of a check
/// differed (<c>default 1</c> against 7, <c>'new'</c> against <c>'old'</c>, <c>qty &gt; 0</c> against <c>qty &gt; 2</c>):
/// the two databases store different rows for one INSERT. Both are named; an unchanged copy, negative numbers in its
/// checks included, stays OK on every pair of engines.
/// </summary>
public sealed class BreakTest46VerifyCliTests() : ValueFidelityCliTestBase("bt46v")
{
    [Fact]
    public Task A_changed_literal_default_or_check_number_is_a_difference() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE t (id integer PRIMARY KEY, qty int NOT NULL DEFAULT 1 CHECK (qty > 0), s text DEFAULT 'new', " +
            "b int DEFAULT -1 CHECK (b >= -1 AND b <= 100)); INSERT INTO t (qty) VALUES (3);");
        var pg = await Db.NewAsync("postgresql");
        var maria = await Db.NewAsync("mysql");
        foreach (var target in new[] { pg, maria })
        {
            await Ok("copy", "--from", sqlite, "--to", target, "--yes");
            Assert.Contains("OK: integrity, schema, data.", (await Ok("--url", target, "verify", "--against", sqlite)).All, StringComparison.Ordinal);
        }
        Assert.Contains("OK: integrity, schema, data.", (await Ok("--url", maria, "verify", "--against", pg)).All, StringComparison.Ordinal);

        var check = (await EngineClient.RunAsync(pg, "SELECT conname FROM pg_constraint WHERE conrelid = 't'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%qty%'")).Trim();
        await EngineClient.RunScriptAsync(pg, $"ALTER TABLE t ALTER qty SET DEFAULT 7, ALTER s SET DEFAULT 'old'; ALTER TABLE t DROP CONSTRAINT {check}; " +
            "ALTER TABLE t ADD CONSTRAINT t_qty_check CHECK (qty > 2);");
        var r = await CliRunner.RunAsync("--url", pg, "verify", "--against", sqlite);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("table t: the check on (qty) compares with [2] in the first database (t_qty_check), [0] in the second", r.All, StringComparison.Ordinal);
        Assert.Contains("table t: column qty: default 7 in the first database, 1 in the second", r.All, StringComparison.Ordinal);
        Assert.Contains("table t: column s: default 'old' in the first database, 'new' in the second", r.All, StringComparison.Ordinal);
    });
}
