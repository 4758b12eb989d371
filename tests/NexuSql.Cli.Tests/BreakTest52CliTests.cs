namespace NexuSql.Cli.Tests;

/// <summary>Issue 12 items left by break test 52 (the schema side). Each result is read with the engine's own client.</summary>
public sealed class BreakTest52CliTests() : ValueFidelityCliTestBase("bt52")
{
    /// <summary>
    /// bt52 N12: right after a clean copy between engines, <c>verify --against</c> exited 3 on boolean checks each engine
    /// stores its own way (PostgreSQL <c>a BETWEEN false AND true</c> is MariaDB's <c>a between 0 and 1</c>, MariaDB's
    /// <c>(a or f) + 0</c> a cast on PostgreSQL, SQLite's <c>not f</c> MariaDB's <c>f = 0</c>): "compares with no number in
    /// the first database, [0, 1] in the second". Now OK both ways, and a number changed with the engine's own client
    /// is still named.
    /// </summary>
    [Theory]
    [InlineData("postgresql", "mysql")]
    [InlineData("mysql", "postgresql")]
    [InlineData("sqlite", "postgresql")]
    [InlineData("sqlite", "mysql")]
    public Task Verify_after_a_copy_of_boolean_checks_is_ok_and_still_sees_a_change(string from, string to) => LiveAsync(async () =>
    {
        var source = await Db.NewAsync(from);
        await EngineClient.RunScriptAsync(source, from switch
        {
            "postgresql" => """
                CREATE TABLE t (id int PRIMARY KEY, a boolean, f boolean, n int,
                  CONSTRAINT k6 CHECK (a OR n < 50), CONSTRAINT k7 CHECK (a BETWEEN false AND true),
                  CONSTRAINT k8 CHECK (a = true OR n IS NULL OR n > 0), CONSTRAINT k9 CHECK (coalesce(a, false) OR n < 60));
                INSERT INTO t VALUES (1, true, false, 10), (2, false, NULL, 3);
                """,
            "mysql" => """
                CREATE TABLE t (id int PRIMARY KEY, a boolean, f boolean, n int,
                  CONSTRAINT k6 CHECK (a OR n < 50), CONSTRAINT c8 CHECK ((a or f) + 0 >= 0), CONSTRAINT c9 CHECK (not f or n <> 6));
                INSERT INTO t VALUES (1, 1, 0, 10), (2, 0, NULL, 3);
                """,
            _ => """
                CREATE TABLE t (id integer PRIMARY KEY, a boolean, b boolean, f boolean, n int,
                  CONSTRAINT k6 CHECK (a OR n < 50), CONSTRAINT c3 CHECK (a between 0 and 1), CONSTRAINT c4 CHECK (b in (0, 1)),
                  CONSTRAINT c5 CHECK (not f or n <> 6));
                INSERT INTO t VALUES (1, 1, 0, 0, 10), (2, 0, 1, NULL, 3);
                """,
        });
        var target = await Db.NewAsync(to);
        await Ok("copy", "--from", source, "--to", target);
        Assert.Contains("OK: integrity, schema, data.", (await Ok("--url", source, "verify", "--against", target)).All, StringComparison.Ordinal);
        Assert.Contains("OK: integrity, schema, data.", (await Ok("--url", target, "verify", "--against", source)).All, StringComparison.Ordinal);
        // the copy holds the source's rows, read with each engine's own client
        Assert.Equal(await EngineClient.RunAsync(source, "SELECT id, n FROM t ORDER BY id"), await EngineClient.RunAsync(target, "SELECT id, n FROM t ORDER BY id"));
        await EngineClient.RunScriptAsync(target, "ALTER TABLE t DROP CONSTRAINT k6; ALTER TABLE t ADD CONSTRAINT k6 CHECK (a OR n < 51);");
        var r = await CliRunner.RunAsync("--url", source, "verify", "--against", target, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains(Lines(r, "schema"), l => l.Contains("k6", StringComparison.Ordinal) && l.Contains("50", StringComparison.Ordinal) && l.Contains("51", StringComparison.Ordinal));
    });

    /// <summary>
    /// bt52 N4, N2: a function whose SQL-standard body calls <c>nextval('sq')</c> of a standalone sequence (PostgreSQL
    /// resolves the sequence when it creates the function, which NexuSQL created before the sequences: apply failed with
    /// 42P01, copy and restore exited 0 without the function, a default calling it failed a copy half-way); and a check
    /// calling a table-reading function by its schema-qualified name <c>s2.ok(s)</c> (created with its table, before the
    /// function: 42883). Each now comes after what it needs.
    /// </summary>
    [Fact]
    public Task Functions_using_a_sequence_or_called_by_qualified_name_come_after_what_they_need() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE SEQUENCE sq;
            CREATE FUNCTION nx() RETURNS bigint LANGUAGE sql VOLATILE RETURN nextval('sq');
            CREATE TABLE u (id bigint PRIMARY KEY DEFAULT nx(), s text);
            INSERT INTO u (s) VALUES ('a');
            CREATE SCHEMA s2;
            CREATE TABLE s2.z (v int);
            INSERT INTO s2.z VALUES (1);
            CREATE FUNCTION s2.ok(x int) RETURNS boolean LANGUAGE sql STABLE RETURN x < (SELECT count(*) + 10 FROM s2.z);
            CREATE TABLE a (id int PRIMARY KEY, s int, CONSTRAINT c CHECK (s2.ok(s)));
            INSERT INTO a VALUES (1, 2);
            """);
        var file = Db.File("n4.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var applied = await Db.NewAsync("postgresql");
        await Ok("--url", applied, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("--url", applied, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        var (copied, restored) = await MoveAsync(pg, "postgresql");
        Assert.Equal("1", await EngineClient.RunAsync(applied, "INSERT INTO u (s) VALUES ('b') RETURNING id"));
        foreach (var target in new[] { copied, restored })
        {
            Assert.Equal("1|a", await EngineClient.RunAsync(target, "SELECT id, s FROM u"));
            Assert.Equal("2", await EngineClient.RunAsync(target, "INSERT INTO u (s) VALUES ('b') RETURNING id"));
            Assert.Equal("1|2", await EngineClient.RunAsync(target, "SELECT id, s FROM a"));
        }
        foreach (var target in new[] { applied, copied, restored })
        {
            Assert.Equal("nx|ok", await EngineClient.RunAsync(target, "SELECT string_agg(proname, '|' ORDER BY proname) FROM pg_proc WHERE proname IN ('nx', 'ok')"));
            // the check is there and calls the function: 50 is not below count(*) + 10
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO a VALUES (2, 50);"));
            await EngineClient.RunScriptAsync(target, "INSERT INTO a VALUES (3, 5);");
        }
    });

    /// <summary>
    /// bt52 N5, N3: a check calling a function that reads another table (copy and restore loaded the checked table first
    /// and failed half-way with 23514 on rows the source holds), and a default calling a function that reads a view (the
    /// table was created with it, before the function: 42883 in apply, copy and restore). The check is added once the
    /// rows are in, the default after the function; both work in each target.
    /// </summary>
    [Fact]
    public Task Checks_and_defaults_calling_functions_that_read_other_tables_or_views_wait_for_them() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TABLE z (v int PRIMARY KEY);
            CREATE FUNCTION ok(x int) RETURNS boolean LANGUAGE sql STABLE RETURN EXISTS (SELECT 1 FROM z WHERE v = x) OR x IS NULL;
            CREATE TABLE a (id int PRIMARY KEY, s int, CONSTRAINT a_ok CHECK (ok(s)));
            INSERT INTO z VALUES (2);
            INSERT INTO a VALUES (1, 2);
            CREATE TABLE t (x int);
            INSERT INTO t VALUES (1), (2);
            CREATE VIEW v AS SELECT x FROM t;
            CREATE FUNCTION fb() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM v);
            CREATE TABLE u (id bigint DEFAULT fb(), n int);
            INSERT INTO u (n) VALUES (7);
            """);
        var (applied, schemaOnly, copied, restored) = await EveryPathAsync(pg, "postgresql");
        Assert.Equal("0", await EngineClient.RunAsync(applied, "INSERT INTO u (n) VALUES (8) RETURNING id"));
        foreach (var target in new[] { copied, restored })
        {
            Assert.Equal("1|2", await EngineClient.RunAsync(target, "SELECT id, s FROM a"));
            Assert.Equal("2|7", await EngineClient.RunAsync(target, "SELECT id, n FROM u"));
            Assert.Equal("2", await EngineClient.RunAsync(target, "INSERT INTO u (n) VALUES (8) RETURNING id"));
        }
        foreach (var target in new[] { applied, schemaOnly, copied, restored })
        {
            Assert.Equal("a_ok", await EngineClient.RunAsync(target, "SELECT conname FROM pg_constraint WHERE conrelid = 'a'::regclass AND contype = 'c'"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO a VALUES (3, 5);"));
        }
    });
    [Fact]
    public Task A_view_calling_a_function_that_reads_another_view_comes_after_that_function() => LiveAsync(async () =>
    {
        // bt52 N3: v2 was created before fa (which reads v1): apply failed with 42883, copy and restore left v2 out, exit 0
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TABLE t (x int);
            INSERT INTO t VALUES (1), (2), (3);
            CREATE VIEW v1 AS SELECT x FROM t;
            CREATE FUNCTION fa() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM v1);
            CREATE FUNCTION fb() RETURNS bigint LANGUAGE sql STABLE RETURN fa() + 1;
            CREATE VIEW v2 AS SELECT fb() AS n;
            CREATE VIEW v3 AS SELECT n * 10 AS m FROM v2;
            """);
        var (applied, schemaOnly, copied, restored) = await EveryPathAsync(pg, "postgresql");
        foreach (var target in new[] { copied, restored })
            Assert.Equal("40", await EngineClient.RunAsync(target, "SELECT m FROM v3"));
        foreach (var target in new[] { applied, schemaOnly })
            Assert.Equal("10", await EngineClient.RunAsync(target, "SELECT m FROM v3"));
        foreach (var target in new[] { applied, schemaOnly, copied, restored })
            Assert.Equal("fa|fb", await EngineClient.RunAsync(target, "SELECT string_agg(proname, '|' ORDER BY proname) FROM pg_proc WHERE pronamespace = 'public'::regnamespace"));
        Assert.Equal(0, (await CliRunner.RunAsync("verify", "--url", copied, "--against", pg)).ExitCode);
    });
    [Fact]
    public Task Domain_checks_and_defaults_calling_functions_that_read_tables_or_views_wait_for_them() => LiveAsync(async () =>
    {
        // bt52 N1: CREATE DOMAIN came before ok() (which reads z) and fv() (which reads a view): 42883 in every path
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TABLE z (v int);
            INSERT INTO z VALUES (1), (2);
            CREATE FUNCTION ok(x int) RETURNS boolean LANGUAGE sql STABLE RETURN x < (SELECT count(*) + 10 FROM z);
            CREATE DOMAIN d AS int CONSTRAINT d_ok CHECK (ok(VALUE));
            CREATE VIEW v AS SELECT v AS x FROM z;
            CREATE FUNCTION fv() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM v);
            CREATE DOMAIN dd AS bigint DEFAULT fv();
            CREATE TABLE a (id int PRIMARY KEY, s d, n dd, k int);
            INSERT INTO a (id, s, k) VALUES (1, 11, 0);
            """);
        var (applied, schemaOnly, copied, restored) = await EveryPathAsync(pg, "postgresql");
        Assert.Equal(0, (await CliRunner.RunAsync("verify", "--url", restored, "--against", pg)).ExitCode);
        foreach (var target in new[] { copied, restored })
        {
            Assert.Equal("1|11|2", await EngineClient.RunAsync(target, "SELECT id, s, n FROM a"));
            Assert.Equal("2", await EngineClient.RunAsync(target, "INSERT INTO a (id, k) VALUES (2, 0) RETURNING n"));
            // 12 is not below count(z) + 10 = 12
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO a (id, s) VALUES (3, 12);"));
        }
        foreach (var target in new[] { applied, schemaOnly })
        {
            Assert.Equal("0", await EngineClient.RunAsync(target, "INSERT INTO a (id, k) VALUES (2, 0) RETURNING n"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO a (id, s) VALUES (3, 10);"));
        }
        foreach (var target in new[] { applied, schemaOnly, copied, restored })
            Assert.Equal("d_ok|CHECK (ok(VALUE))", await EngineClient.RunAsync(target, "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contypid = 'd'::regtype"));
    });
    [Fact]
    public Task Apply_drops_a_function_whose_body_names_a_view_or_function_it_drops_before_them() => LiveAsync(async () =>
    {
        // bt52 N6: f1 (return type changed) was dropped before f2, whose BEGIN ATOMIC body calls it, and view v before
        // wv, which reads it: 2BP01, rolled back
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE cfg (v int, w int);
            CREATE FUNCTION f1() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT max(v) FROM cfg);
            CREATE FUNCTION f2() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT f1() + 1; END;
            CREATE VIEW v AS SELECT w AS v FROM cfg;
            CREATE FUNCTION wv() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT sum(v) FROM v);
            """);
        var file = Db.File("n6.json");
        await Ok("--url", source, "schema", "dump", "-o", file);
        var target = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(target, """
            CREATE TABLE cfg (v int, w int);
            CREATE FUNCTION f1() RETURNS int LANGUAGE sql STABLE RETURN (SELECT max(v) FROM cfg);
            CREATE FUNCTION f2() RETURNS int LANGUAGE sql STABLE BEGIN ATOMIC SELECT f1() + 1; END;
            CREATE VIEW v AS SELECT v FROM cfg;
            CREATE FUNCTION wv() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT sum(v) FROM v);
            CREATE VIEW old AS SELECT v FROM cfg;
            CREATE FUNCTION wold() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM old);
            INSERT INTO cfg VALUES (1, NULL), (2, 5);
            """);
        var apply = await Ok("--url", target, "--yes", "schema", "apply", file, "--allow-drop");
        Assert.Contains("drop function (to create again) f2() (it calls function f1(), dropped)", apply.Stdout, StringComparison.Ordinal);
        Assert.Contains("drop function (to create again) wv() (it reads view v, dropped)", apply.Stdout, StringComparison.Ordinal);
        Assert.Contains("drop function wold() (it reads view old, dropped)", apply.Stdout, StringComparison.Ordinal);
        Assert.Contains("No differences", (await Ok("--url", target, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        Assert.Equal("f1|bigint|2\nf2|bigint|3\nwv|bigint|5", await EngineClient.RunAsync(target,
            "SELECT proname, prorettype::regtype, CASE proname WHEN 'f1' THEN f1() WHEN 'f2' THEN f2() ELSE wv() END FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1"));
    });
}
