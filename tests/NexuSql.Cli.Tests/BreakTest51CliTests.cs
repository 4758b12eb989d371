namespace NexuSql.Cli.Tests;

/// <summary>Issue 12 items left by break test 50 (the schema side). Each result is read with the engine's own client.</summary>
public sealed class BreakTest51CliTests() : ValueFidelityCliTestBase("bt51")
{
    /// <summary>
    /// bt50 M3: a MariaDB or SQLite boolean is an integer there, so its checks say <c>active = 0</c>, <c>flag IN (0, 1)</c>
    /// and mix it with integers in a CASE; PostgreSQL refused each (42883 boolean = integer) half-way through a copy. The
    /// column is read as the integer it was (<c>active::integer</c>): the copy, the restore and an apply of the dump hold
    /// the same rows as the source, and a second apply, diff and verify find nothing.
    /// </summary>
    [Theory]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    public Task Boolean_compared_with_integers_keeps_its_meaning_on_PostgreSql(string engine) => LiveAsync(async () =>
    {
        var source = await Db.NewAsync(engine);
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE t (id int NOT NULL PRIMARY KEY, active boolean NOT NULL DEFAULT 1, flag boolean, n int,
              CONSTRAINT ck_a CHECK (active = 0 OR flag IN (0, 1)),
              CONSTRAINT ck_b CHECK (CASE WHEN n > 0 THEN active ELSE 0 END = 0 OR n IS NULL),
              CONSTRAINT ck_c CHECK (active + coalesce(flag, 0) < 2 OR n IS NULL),
              CONSTRAINT ck_d CHECK (flag BETWEEN 0 AND 1),
              CONSTRAINT ck_e CHECK (active = (n > 5) OR n IS NULL OR n < 0));
            INSERT INTO t VALUES (1, 0, 1, NULL), (2, 1, 0, -3);
            """);
        var file = Db.File($"m3-{engine}.json");
        await Ok("--url", source, "schema", "dump", "-o", file);
        var applied = await Db.NewAsync("postgresql");
        await Ok("--url", applied, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("--url", applied, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        var (copied, restored) = await MoveAsync(source, "postgresql");
        await Ok("--url", source, "verify", "--against", copied);
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", copied, "--to", file)).Stdout, StringComparison.Ordinal);
        Assert.Equal("1|f|t|\n2|t|f|-3", await EngineClient.RunAsync(copied, "SELECT id, active, flag, n FROM t ORDER BY id"));
        foreach (var target in new[] { applied, copied, restored })
        {
            // ck_b: n > 0 with active 1; ck_c: both 1 and n set
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO t VALUES (11, true, true, 5);"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO t VALUES (12, true, true, -5);"));
            // ck_e: active is (n > 5)
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO t VALUES (15, false, NULL, 7);"));
            await EngineClient.RunScriptAsync(target, "INSERT INTO t VALUES (13, true, false, -5), (14, false, NULL, 3);");
        }
        // the source takes and refuses the same rows
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(source, "INSERT INTO t VALUES (12, 1, 1, -5);"));
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(source, "INSERT INTO t VALUES (15, 0, NULL, 7);"));
        await EngineClient.RunScriptAsync(source, "INSERT INTO t VALUES (13, 1, 0, -5), (14, 0, NULL, 3);");
        // and back (bt51 F8: the casts the copy wrote were refused on their way back): the same checks as the source's
        var back = await Db.NewAsync(engine);
        await Ok("copy", "--from", copied, "--to", back);
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", back, "--to", source)).Stdout, StringComparison.Ordinal);
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", source, "--to", copied)).Stdout, StringComparison.Ordinal);
    });

    /// <summary>
    /// bt50 M2: a column default that calls a function whose SQL-standard body reads a table (created after the tables, as
    /// PostgreSQL checks such a body), or, in a schema-only copy, one whose header names a domain: every PostgreSQL to
    /// PostgreSQL apply, copy and restore failed with 42883. The table is created without that default and it is set after
    /// the function, as pg_dump does; the default works in each.
    /// </summary>
    [Fact]
    public Task A_default_may_call_a_function_created_after_the_tables() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TABLE seqs (n int);
            INSERT INTO seqs VALUES (41);
            CREATE FUNCTION next_code() RETURNS int LANGUAGE sql STABLE RETURN (SELECT coalesce(max(n), 0) + 1 FROM seqs);
            CREATE DOMAIN pos AS int CHECK (VALUE > 0);
            CREATE FUNCTION dbl(x pos) RETURNS int LANGUAGE sql IMMUTABLE RETURN x * 2;
            CREATE TABLE t (id int PRIMARY KEY, code int DEFAULT next_code(), d int DEFAULT dbl(4));
            INSERT INTO t (id) VALUES (1);
            """);
        var file = Db.File("m2.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var applied = await Db.NewAsync("postgresql");
        await Ok("--url", applied, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("--url", applied, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        var schemaOnly = await Db.NewAsync("postgresql");
        await Ok("copy", "--schema-only", "--from", pg, "--to", schemaOnly);
        var (copied, restored) = await MoveAsync(pg, "postgresql");
        Assert.Equal("1|42|8", await EngineClient.RunAsync(copied, "SELECT id, code, d FROM t"));
        foreach (var target in new[] { applied, schemaOnly, copied, restored })
        {
            Assert.Contains("No differences", (await Ok("schema", "diff", "--from", target, "--to", pg)).Stdout, StringComparison.Ordinal);
            await EngineClient.RunScriptAsync(target, "INSERT INTO seqs VALUES (99); INSERT INTO t (id) VALUES (2);");
            Assert.Equal("100|8", await EngineClient.RunAsync(target, "SELECT code, d FROM t WHERE id = 2"));
        }
    });

    /// <summary>
    /// bt50 M7: after a copy of a table with PostgreSQL domain columns to MariaDB or SQLite, <c>verify --against</c> said
    /// "nullable: true in the first database, false in the second" for the NOT NULL domain's column; a check dropped, or
    /// one whose IN list grew, was "3 check constraint(s) ..., 2 in the second" or nothing at all. Now OK after the copy,
    /// and each change made with the engine's own client is named by its columns, values and name.
    /// </summary>
    [Theory]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    public Task Verify_after_a_copy_of_domain_columns_names_each_check(string engine) => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE DOMAIN posint AS int NOT NULL CHECK (VALUE > 0);
            CREATE DOMAIN code AS varchar(5) CHECK (VALUE IN ('a', 'b', 'c'));
            CREATE TABLE t (id int PRIMARY KEY, q posint, c code, r int CHECK (r BETWEEN 1 AND 3));
            INSERT INTO t VALUES (1, 5, 'a', 2);
            """);
        var target = await Db.NewAsync(engine);
        await Ok("copy", "--from", pg, "--to", target);
        Assert.Contains("OK: integrity, schema, data.", (await Ok("--url", pg, "verify", "--against", target)).All, StringComparison.Ordinal);
        Assert.Contains("OK: integrity, schema, data.", (await Ok("--url", target, "verify", "--against", pg)).All, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(pg, "ALTER TABLE t DROP CONSTRAINT t_r_check; ALTER TABLE t ADD CONSTRAINT t_r_check CHECK (r BETWEEN 1 AND 4); ALTER DOMAIN code DROP CONSTRAINT code_check; " +
            "ALTER DOMAIN code ADD CONSTRAINT code_check CHECK (VALUE IN ('a', 'b', 'c', 'd')); ALTER DOMAIN posint DROP CONSTRAINT posint_check;");
        var r = await CliRunner.RunAsync("--url", target, "verify", "--against", pg, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Equal([
            "[schema] table t: a check on (q) only in the first database (t_q_posint_check)",
            "[schema] table t: the check on (c) compares with ['a', 'b', 'c'] in the first database (t_c_code_check), ['a', 'b', 'c', 'd'] in the second (code_check of domain code)",
            "[schema] table t: the check on (r) compares with [1, 3] in the first database (t_r_check), [1, 4] in the second (t_r_check)"], Lines(r, "schema"));
    });

    /// <summary>
    /// bt51 F1, F2: a check that calls a function whose SQL-standard body reads a table; such a function called by another
    /// (<c>f2()</c> calls <c>f1()</c>); and one that reads a view. PostgreSQL checks those bodies when they are created: every
    /// PostgreSQL to PostgreSQL apply failed (42883, 42P01), and copy and restore said "copied" without f2 and wv. The
    /// check is added after its function, a caller comes after the function it calls, a reader of a view after the views.
    /// </summary>
    [Fact]
    public Task Functions_with_checked_bodies_come_after_what_they_read_and_call() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TABLE z (v int);
            INSERT INTO z VALUES (1);
            CREATE FUNCTION ok(x int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN x < (SELECT count(*) + 10 FROM z);
            CREATE TABLE a (id int PRIMARY KEY, s int CONSTRAINT a_ok CHECK (ok(s)));
            INSERT INTO a VALUES (1, 2);
            CREATE FUNCTION f1() RETURNS int LANGUAGE sql STABLE RETURN (SELECT max(v) FROM z);
            CREATE FUNCTION f2() RETURNS int LANGUAGE sql STABLE BEGIN ATOMIC SELECT f1() + 1; END;
            CREATE VIEW zv AS SELECT v FROM z;
            CREATE FUNCTION wv() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM zv);
            """);
        var file = Db.File("f1.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var applied = await Db.NewAsync("postgresql");
        await Ok("--url", applied, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("--url", applied, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        var schemaOnly = await Db.NewAsync("postgresql");
        await Ok("copy", "--schema-only", "--from", pg, "--to", schemaOnly);
        var (copied, restored) = await MoveAsync(pg, "postgresql");
        foreach (var target in new[] { applied, schemaOnly, copied, restored })
        {
            Assert.Contains("No differences", (await Ok("schema", "diff", "--from", target, "--to", pg)).Stdout, StringComparison.Ordinal);
            await EngineClient.RunScriptAsync(target, "INSERT INTO z VALUES (1);");
            Assert.Equal("2|1", await EngineClient.RunAsync(target, "SELECT f2(), wv() - (SELECT count(*) FROM z) + 1"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO a VALUES (2, 50);"));
            await EngineClient.RunScriptAsync(target, "INSERT INTO a VALUES (3, 5);");
        }
    });

    /// <summary>
    /// bt51 F6, F7: a PostgreSQL file whose checks and generated column use booleans (<c>a = true</c>, <c>NOT a OR f</c>,
    /// <c>coalesce(a, false)</c>, <c>NOT (s NOT IN ('q'))</c>) applied to MariaDB changed them again on every apply (MariaDB
    /// stores <c>a = 1</c>, <c>a = 0 or f &lt;&gt; 0</c>, ...), and a diff after a copy was never clean either way. Both
    /// converge, and MariaDB takes the rows PostgreSQL takes.
    /// </summary>
    [Fact]
    public Task PostgreSql_boolean_checks_converge_on_MariaDb() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TABLE t (id int PRIMARY KEY, a boolean, f boolean NOT NULL DEFAULT true, n int, s varchar(10),
              CONSTRAINT b1 CHECK (a = true OR n > 0), CONSTRAINT b3 CHECK (NOT a OR f), CONSTRAINT b6 CHECK (coalesce(a, false) OR n > -5),
              CONSTRAINT b7 CHECK (a IN (true) OR a IS NULL OR n > 1), CONSTRAINT k8 CHECK (NOT (s NOT IN ('q')) OR n > 0),
              g2 boolean GENERATED ALWAYS AS (a AND f) STORED);
            """);
        var file = Db.File("f6.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var applied = await Db.NewAsync("mysql");
        await Ok("--url", applied, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("--url", applied, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        var copied = await Db.NewAsync("mysql");
        await Ok("copy", "--from", pg, "--to", copied);
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", pg, "--to", copied)).Stdout, StringComparison.Ordinal);
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", copied, "--to", pg)).Stdout, StringComparison.Ordinal);
        foreach (var target in new[] { pg, applied, copied })
        {
            // b3: a and not f; k8: s other than 'q' with n <= 0
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO t (id, a, f, n) VALUES (1, true, false, 5);"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO t (id, a, n, s) VALUES (2, true, 0, 'x');"));
            await EngineClient.RunScriptAsync(target, "INSERT INTO t (id, a, f, n, s) VALUES (3, true, true, 0, 'q');");
        }
        await AssertSameAsync("SELECT id, n, s FROM t ORDER BY id", pg, applied, copied);
    });

    /// <summary>
    /// bt51 F3 (rest): MariaDB generated columns and checks whose whole is a number where PostgreSQL wants a truth value
    /// (<c>g1 BOOLEAN AS (a + 0)</c>, <c>CHECK (coalesce(f, 1))</c>), or a boolean where it wants a number
    /// (<c>g3 INT AS (a)</c>, a CASE arm): PostgreSQL refused the CREATE TABLE (42804) after the copy had begun. They are
    /// written as what MariaDB computes, and PostgreSQL holds the same values.
    /// </summary>
    [Fact]
    public Task Generated_columns_get_the_value_their_type_wants() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, """
            CREATE TABLE t (id int PRIMARY KEY, a boolean, f boolean, n int,
              g1 boolean AS (a + 0) STORED, g2 boolean AS (a * 1) STORED, g3 int AS (a) STORED, g4 int AS (CASE WHEN n > 0 THEN a ELSE 0 END) STORED,
              CONSTRAINT cf CHECK (coalesce(f, 1)));
            INSERT INTO t (id, a, f, n) VALUES (1, 1, 1, 5), (2, 0, NULL, 0), (3, 1, 1, -2);
            """);
        var (copied, restored) = await MoveAsync(maria, "postgresql");
        var applied = await Db.NewAsync("postgresql");
        var file = Db.File("f3.json");
        await Ok("--url", maria, "schema", "dump", "-o", file);
        await Ok("--url", applied, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("--url", applied, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(applied, "INSERT INTO t (id, a, f, n) VALUES (1, true, true, 5), (2, false, NULL, 0), (3, true, true, -2);");
        const string values = "1|1|1|1|1\n2|0|0|0|0\n3|1|1|1|0";
        Assert.Equal(values, await EngineClient.RunAsync(maria, "SELECT id, g1, g2, g3, g4 FROM t ORDER BY id"));
        foreach (var target in new[] { copied, restored, applied })
        {
            Assert.Equal(values, await EngineClient.RunAsync(target, "SELECT id, g1::int, g2::int, g3, g4 FROM t ORDER BY id"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO t (id, f) VALUES (9, false);"));
        }
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(maria, "INSERT INTO t (id, f) VALUES (9, 0);"));
    });
}
