namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 12 items left by break test 53: <c>schema apply</c>, <c>schema diff</c> and <c>verify</c> said "No differences"
/// or "OK" over a changed schema, or reported success over a dropped function. Each result is read with the engine's own client.
/// </summary>
public sealed class BreakTest53CliTests() : ValueFidelityCliTestBase("bt53")
{
    /// <summary>Dumps <paramref name="source"/>, applies the file to <paramref name="target"/> with <c>--allow-drop</c>, and applies it again: "No differences".</summary>
    private async Task<string> ApplyTwiceAsync(string source, string target)
    {
        var file = Db.File(Guid.NewGuid().ToString("N")[..8] + ".json");
        await Ok("--url", source, "schema", "dump", "-o", file);
        var applied = await Ok("--url", target, "--yes", "schema", "apply", file, "--allow-drop");
        Assert.Contains("No differences", (await Ok("--url", target, "--yes", "schema", "apply", file, "--allow-drop")).Stdout, StringComparison.Ordinal);
        return applied.Stdout;
    }

    /// <summary>
    /// bt53 O16, O17: PostgreSQL knows a function by its name and input types. A renamed OUT parameter or a VARIADIC
    /// taken away was planned as "create f(x, OUT z)" — which replaced f in place — then "drop f(x, OUT y)", which dropped
    /// it: "Applied 2 change(s)" and no f. A parameter default taken away was a CREATE OR REPLACE that PostgreSQL refuses
    /// (42P13) on every apply. Each is now one drop-and-create, and f is there as the file has it.
    /// </summary>
    [Fact]
    public Task Changed_parameters_replace_a_function_instead_of_dropping_it() => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        await EngineClient.RunScriptAsync(target, """
            CREATE FUNCTION f(x int, OUT y int) LANGUAGE sql IMMUTABLE RETURN x + 1;
            CREATE FUNCTION g(VARIADIC x int[]) RETURNS int LANGUAGE sql IMMUTABLE RETURN 1;
            CREATE FUNCTION h(x int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE RETURN x + 1;
            """);
        await EngineClient.RunScriptAsync(source, """
            CREATE FUNCTION f(x int, OUT z int) LANGUAGE sql IMMUTABLE RETURN x + 1;
            CREATE FUNCTION g(x int[]) RETURNS int LANGUAGE sql IMMUTABLE RETURN 1;
            CREATE FUNCTION h(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x + 1;
            """);
        var plan = await ApplyTwiceAsync(source, target);
        Assert.Contains("which CREATE OR REPLACE cannot do", plan, StringComparison.Ordinal);
        const string Arguments = "SELECT string_agg(proname || '(' || pg_get_function_arguments(oid) || ')', ' ' ORDER BY proname) FROM pg_proc WHERE proname IN ('f', 'g', 'h')";
        Assert.Equal("f(x integer, OUT z integer) g(x integer[]) h(x integer)", await EngineClient.RunAsync(target, Arguments));
        Assert.Equal(await EngineClient.RunAsync(source, Arguments), await EngineClient.RunAsync(target, Arguments));
    });

    /// <summary>
    /// bt53 O13: PostgreSQL's <c>"N"</c> and <c>n</c> are two columns (and <c>"F"</c> and <c>f</c> two functions), but a
    /// check, a generated column, an index's column and a partial index's predicate moved from one to the other were "No
    /// differences" to apply and OK to verify, and f and "F" were paired so that every apply "replaced" f. Now verify names
    /// them, apply moves each, and a second apply has nothing to do.
    /// </summary>
    [Fact]
    public Task Names_that_differ_only_in_case_are_two_names_on_postgresql() => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        const string Functions = """
            CREATE FUNCTION f(x int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN x < 5;
            CREATE FUNCTION "F"(x int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN x < 100;
            """;
        await EngineClient.RunScriptAsync(target, Functions + """
            CREATE TABLE a (n int, "N" int, s text, CONSTRAINT k3 CHECK (n > 0), CONSTRAINT k4 CHECK (f(n)), g int GENERATED ALWAYS AS (n * 2) STORED);
            CREATE INDEX i1 ON a (n); CREATE UNIQUE INDEX i2 ON a (s) WHERE n > 0;
            """);
        await EngineClient.RunScriptAsync(source, Functions + """
            CREATE TABLE a (n int, "N" int, s text, CONSTRAINT k3 CHECK ("N" > 0), CONSTRAINT k4 CHECK ("F"(n)), g int GENERATED ALWAYS AS ("N" * 2) STORED);
            CREATE INDEX i1 ON a ("N"); CREATE UNIQUE INDEX i2 ON a (s) WHERE "N" > 0;
            """);
        var before = await CliRunner.RunAsync("--url", source, "verify", "--against", target, "--checks", "schema");
        Assert.True(before.ExitCode == 3, before.All);
        foreach (var name in new[] { "k3", "k4", "i2" })
            Assert.Contains(Lines(before, "schema"), l => l.Contains(name, StringComparison.Ordinal));
        await ApplyTwiceAsync(source, target);
        const string Definitions = """
            SELECT string_agg(d, ' | ' ORDER BY d) FROM (
              SELECT pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conrelid = 'a'::regclass
              UNION ALL SELECT indexdef FROM pg_indexes WHERE tablename = 'a'
              UNION ALL SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'a'::regclass) x
            """;
        Assert.Equal(await EngineClient.RunAsync(source, Definitions), await EngineClient.RunAsync(target, Definitions));
        Assert.Contains("\"N\" > 0", await EngineClient.RunAsync(target, Definitions), StringComparison.Ordinal);
        // the check calls "F": 50 is below 100; g is "N" * 2
        Assert.Equal("8", await EngineClient.RunAsync(target, "INSERT INTO a (n, \"N\", s) VALUES (50, 4, 'x') RETURNING g"));
        Assert.Contains("OK: integrity, schema", (await Ok("--url", source, "verify", "--against", target, "--checks", "integrity,schema")).All, StringComparison.Ordinal);
    });

    /// <summary>
    /// bt53 O12: a cast picks another division, overload or collation — PostgreSQL's <c>n::numeric / 2</c> and
    /// <c>7::numeric / 2</c>, SQLite's <c>cast(n as real) / 2</c>, MariaDB's <c>binary 'a'</c> — but checks, defaults,
    /// generated columns and partial indexes that differed only by one were "No differences" (and OK to PostgreSQL's
    /// verify). Between two models read from one engine every cast now counts.
    /// </summary>
    [Theory]
    [InlineData("postgresql")]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    public Task A_cast_that_changes_the_result_is_a_difference(string engine) => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync(engine), await Db.NewAsync(engine));
        var (was, now, accepted) = engine switch
        {
            "postgresql" => ("""
                CREATE TABLE a (id int PRIMARY KEY, n int, CONSTRAINT k CHECK (n / 2 > 0 OR n IS NULL), x numeric DEFAULT (7 / 2),
                  g numeric GENERATED ALWAYS AS (n / 2) STORED);
                CREATE UNIQUE INDEX u1 ON a (n) WHERE n / 2 > 0;
                """, """
                CREATE TABLE a (id int PRIMARY KEY, n int, CONSTRAINT k CHECK (n::numeric / 2 > 0 OR n IS NULL), x numeric DEFAULT (7::numeric / 2),
                  g numeric GENERATED ALWAYS AS (n::numeric / 2) STORED);
                CREATE UNIQUE INDEX u1 ON a (n) WHERE n::numeric / 2 > 0;
                """, "INSERT INTO a (id, n) VALUES (1, 1) RETURNING x, g"),
            "sqlite" => ("CREATE TABLE a (id integer PRIMARY KEY, n int, CONSTRAINT k CHECK (n / 2 > 0));",
                "CREATE TABLE a (id integer PRIMARY KEY, n int, CONSTRAINT k CHECK (cast(n as real) / 2 > 0));", "INSERT INTO a (id, n) VALUES (1, 1) RETURNING n"),
            _ => ("CREATE TABLE a (id int PRIMARY KEY, s varchar(10), CONSTRAINT k CHECK (s = 'a' OR s IS NULL));",
                "CREATE TABLE a (id int PRIMARY KEY, s varchar(10), CONSTRAINT k CHECK (s = binary 'a' OR s IS NULL));", "INSERT INTO a (id, s) VALUES (1, 'a')"),
        };
        await EngineClient.RunScriptAsync(target, was);
        await EngineClient.RunScriptAsync(source, now);
        var before = await CliRunner.RunAsync("--url", source, "verify", "--against", target, "--checks", "schema");
        Assert.True(before.ExitCode == 3, before.All);
        Assert.Contains(Lines(before, "schema"), l => l.Contains('k', StringComparison.Ordinal));
        await ApplyTwiceAsync(source, target);
        Assert.Contains("OK: integrity, schema", (await Ok("--url", source, "verify", "--against", target, "--checks", "integrity,schema")).All, StringComparison.Ordinal);
        // the target now decides as the source does, read with the engine's own client
        Assert.Equal(await EngineClient.RunAsync(source, accepted), await EngineClient.RunAsync(target, accepted));
        if (engine == "postgresql") Assert.Equal("3.5000000000000000|0.50000000000000000000", await EngineClient.RunAsync(target, "SELECT x, g FROM a"));
        if (engine == "mysql") await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO a (id, s) VALUES (2, 'A');"));
    });

    /// <summary>
    /// bt53 O1: a dump of a database whose search_path starts with app, applied to one whose current schema is public,
    /// wrote its checks, defaults and views unqualified: they bound to public.lim() instead of app.lim() ("Applied 5
    /// change(s)", the view gave 1 where the source gave 10). The file now keeps its current schema, and apply refuses
    /// such a target before writing anything, as copy and restore do; with app made the target's current schema first,
    /// the same file applies and the view gives 10.
    /// </summary>
    [Fact]
    public Task A_dump_of_another_current_schema_is_refused_until_the_target_has_it() => LiveAsync(async () =>
    {
        static string Name(string url) => url[(url.LastIndexOf('/') + 1)..];
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunAsync(source, $"ALTER DATABASE {Name(source)} SET search_path = app, public");
        await EngineClient.RunScriptAsync(source, """
            SET search_path = app, public;
            CREATE SCHEMA app;
            CREATE FUNCTION public.lim() RETURNS int LANGUAGE sql IMMUTABLE RETURN 1;
            CREATE FUNCTION app.lim() RETURNS int LANGUAGE sql IMMUTABLE RETURN 10;
            CREATE TABLE public.t (n int, CHECK (lim() > n), d int DEFAULT lim());
            CREATE VIEW public.v AS SELECT lim() AS a;
            """);
        var file = Db.File("o1.json");
        await Ok("--url", source, "schema", "dump", "-o", file);
        var target = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(target, "CREATE SCHEMA app;");
        var refused = await CliRunner.RunAsync("--url", target, "--yes", "schema", "apply", file);
        Assert.True(refused.ExitCode == 4, refused.All);
        Assert.Contains("current schema is app", refused.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_proc WHERE proname = 'lim'"));
        await EngineClient.RunAsync(target, $"ALTER DATABASE {Name(target)} SET search_path = app, public");
        await Ok("--url", target, "--yes", "schema", "apply", file);
        Assert.Equal("10", await EngineClient.RunAsync(target, "SELECT a FROM public.v"));
        Assert.Equal(await EngineClient.RunAsync(source, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 't_n_check'"),
            await EngineClient.RunAsync(target, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 't_n_check'"));
    });

    /// <summary>
    /// bt53 O2, O4: a plan that adds a function reading a table (or renames one) and changes a kept table's check (or adds
    /// one) to call it ran the check change first: 42883, rolled back, on every apply. The check now waits for the function.
    /// </summary>
    [Fact]
    public Task A_changed_check_waits_for_the_new_or_renamed_function_it_calls() => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        // and bt53 O4: f_old renamed f_new, used by a check, a view and another function
        static string Renamed(string name) => $"""
            CREATE FUNCTION {name}() RETURNS int LANGUAGE sql STABLE RETURN (SELECT max(v) FROM c);
            CREATE VIEW vv AS SELECT {name}() AS x;
            CREATE FUNCTION g() RETURNS int LANGUAGE sql STABLE BEGIN ATOMIC SELECT {name}(); END;
            CREATE TABLE b (n int CONSTRAINT kb CHECK (n < {name}()));
            """;
        await EngineClient.RunScriptAsync(target, "CREATE TABLE c (v int); CREATE TABLE a (n int, CONSTRAINT k CHECK (n < 5), d int DEFAULT 1);" + Renamed("f_old"));
        // and a changed default and a new column whose default and check call it
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE c (v int);
            CREATE FUNCTION lim() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) + 5 FROM c);
            CREATE TABLE a (n int, CONSTRAINT k CHECK (n < lim()), CONSTRAINT k2 CHECK (n < lim() + 1), d int DEFAULT lim(), m bigint DEFAULT lim() CHECK (m < lim() + 1));
            """ + Renamed("f_new"));
        Assert.Contains("(it calls a function created after the tables)", await ApplyTwiceAsync(source, target), StringComparison.Ordinal);
        const string Checks = "SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ' | ' ORDER BY conname) FROM pg_constraint WHERE contype = 'c'";
        Assert.Equal(await EngineClient.RunAsync(source, Checks), await EngineClient.RunAsync(target, Checks));
        Assert.Equal("f_new g lim", await EngineClient.RunAsync(target, "SELECT string_agg(proname, ' ' ORDER BY proname) FROM pg_proc WHERE pronamespace = 'public'::regnamespace"));
        await EngineClient.RunScriptAsync(target, "INSERT INTO c VALUES (1), (2);");
        Assert.Equal("6|7|7", await EngineClient.RunAsync(target, "INSERT INTO a (n) VALUES (6) RETURNING n, d, m"));
    });

    /// <summary>
    /// bt53 O5: with <c>--allow-drop</c>, "drop table c" ran before "drop function lim()", whose SQL-standard body reads c
    /// (2BP01, rolled back). The function now goes after the default that calls it and before the table.
    /// </summary>
    [Fact]
    public Task A_function_reading_a_dropped_table_is_dropped_before_it() => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        await EngineClient.RunScriptAsync(target, """
            CREATE TABLE c (v int);
            CREATE FUNCTION lim() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) + 5 FROM c);
            CREATE TABLE a (n int DEFAULT lim());
            """);
        await EngineClient.RunScriptAsync(source, "CREATE TABLE a (n int);");
        Assert.Contains("drop function lim() (it reads table c, dropped)", await ApplyTwiceAsync(source, target), StringComparison.Ordinal);
        Assert.Equal("0|0|", await EngineClient.RunAsync(target,
            "SELECT (SELECT count(*) FROM pg_proc WHERE proname = 'lim') || '|' || (SELECT count(*) FROM pg_class WHERE relname = 'c') || '|' || coalesce((SELECT column_default FROM information_schema.columns WHERE table_name = 'a' AND column_name = 'n'), '')"));
    });

    /// <summary>
    /// bt53 O3: f2 calls f1, whose return type changes; f2 was dropped to be created again, but a view, a check and a
    /// generated column that use it (or f1) blocked the drop: 2BP01 and a rollback. The plan now refuses by name, before
    /// anything runs, and the target is as it was.
    /// </summary>
    [Fact]
    public Task A_function_to_create_again_that_others_use_is_refused_by_name() => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        const string Users = "CREATE VIEW vv AS SELECT f2() AS x; CREATE TABLE a (n int CHECK (n < f2()), g bigint GENERATED ALWAYS AS (n + f3()) STORED);";
        await EngineClient.RunScriptAsync(target, """
            CREATE TABLE cfg (v int);
            CREATE FUNCTION f1() RETURNS int LANGUAGE sql STABLE RETURN (SELECT max(v) FROM cfg);
            CREATE FUNCTION f2() RETURNS int LANGUAGE sql STABLE BEGIN ATOMIC SELECT f1() + 1; END;
            CREATE FUNCTION f3() RETURNS int LANGUAGE sql IMMUTABLE RETURN 1;
            """ + Users);
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE cfg (v int);
            CREATE FUNCTION f1() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT max(v) FROM cfg);
            CREATE FUNCTION f2() RETURNS int LANGUAGE sql STABLE BEGIN ATOMIC SELECT (f1() + 1)::int; END;
            CREATE FUNCTION f3() RETURNS bigint LANGUAGE sql IMMUTABLE RETURN 1;
            """ + Users);
        var file = Db.File("o3.json");
        await Ok("--url", source, "schema", "dump", "-o", file);
        var r = await CliRunner.RunAsync("--url", target, "--yes", "schema", "apply", file, "--allow-drop");
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("check a_n_check on a, view vv call it", r.All, StringComparison.Ordinal);
        Assert.Contains("generated column a.g", r.All, StringComparison.Ordinal);
        Assert.Equal("integer", await EngineClient.RunAsync(target, "SELECT pg_get_function_result('f1'::regproc)"));
    });

    /// <summary>
    /// bt53 O6: a domain's default or check calling a function whose signature names an enum or another domain (created
    /// after the types, so after the domains): apply, copy and restore failed with 42883. The domain is created without
    /// them and completed by ALTER DOMAIN once the function exists, on every path.
    /// </summary>
    [Fact]
    public Task A_domain_waits_for_a_function_of_a_user_type() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE FUNCTION best() RETURNS mood LANGUAGE sql IMMUTABLE RETURN 'happy'::mood;
            CREATE DOMAIN dmood AS mood DEFAULT best();
            CREATE FUNCTION okm(x mood) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN x <> 'sad';
            CREATE DOMAIN dm2 AS mood CHECK (okm(VALUE));
            CREATE DOMAIN d0 AS int;
            CREATE FUNCTION hi(x d0) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN x < 100;
            CREATE DOMAIN d1 AS d0 CHECK (hi(VALUE));
            CREATE TABLE t (id int PRIMARY KEY, m dmood, a dm2, b d1);
            INSERT INTO t (id, a, b) VALUES (1, 'ok', 5);
            """);
        var (applied, schemaOnly, copied, restored) = await EveryPathAsync(pg, "postgresql");
        const string Domains = """
            SELECT string_agg(typname || ':' || coalesce(typdefault, '') || ':' || coalesce((SELECT string_agg(pg_get_constraintdef(c.oid), ',') FROM pg_constraint c WHERE c.contypid = t.oid), ''), ' ' ORDER BY typname)
            FROM pg_type t WHERE typtype = 'd' AND typnamespace = 'public'::regnamespace
            """;
        foreach (var target in new[] { applied, schemaOnly, copied, restored })
        {
            Assert.Equal(await EngineClient.RunAsync(pg, Domains), await EngineClient.RunAsync(target, Domains));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO t (id, a) VALUES (2, 'sad');"));
        }
        foreach (var target in new[] { copied, restored })
            Assert.Equal("1|happy|ok|5", await EngineClient.RunAsync(target, "SELECT id, m, a, b FROM t"));
    });

    /// <summary>
    /// bt53 O7: a SQL-standard function calling <c>nextval('t_id_seq')</c> of a serial (or identity) column's own sequence
    /// was created before the tables: apply failed with 42P01, copy and restore exited 0 without it. It now comes after
    /// the tables on every path, and a default calling it after it; the sequence keeps its position.
    /// </summary>
    [Fact]
    public Task A_function_drawing_from_a_serial_sequence_comes_after_its_table() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TABLE t (id serial PRIMARY KEY, x int);
            CREATE FUNCTION nid() RETURNS bigint LANGUAGE sql VOLATILE RETURN nextval('t_id_seq');
            CREATE TABLE u (k bigint DEFAULT nid(), z int);
            CREATE TABLE w (id int GENERATED BY DEFAULT AS IDENTITY, z int);
            CREATE FUNCTION wid() RETURNS bigint LANGUAGE sql VOLATILE RETURN nextval('w_id_seq');
            INSERT INTO t (x) VALUES (1);
            INSERT INTO u (z) VALUES (1);
            """);
        var (applied, schemaOnly, copied, restored) = await EveryPathAsync(pg, "postgresql");
        foreach (var target in new[] { applied, schemaOnly })
            Assert.Equal("1|1", await EngineClient.RunAsync(target, "SELECT nid(), wid()"));
        foreach (var target in new[] { copied, restored })
            Assert.Equal("3|1|2", await EngineClient.RunAsync(target, "SELECT nid(), wid(), (SELECT k FROM u)"));
    });

    /// <summary>
    /// bt53 O15: MariaDB commits each schema change, and a new UNIQUE key or check that the target's rows break failed
    /// half-way ("1 of 3 change(s) were applied before 'add unique x on b' failed"). The rows are now looked at first:
    /// the plan is refused naming the change and a duplicate value, nothing is applied, and once the rows are fixed it applies.
    /// </summary>
    [Fact]
    public Task A_new_key_or_check_the_rows_break_is_refused_before_anything_on_mariadb() => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync("mysql"), await Db.NewAsync("mysql"));
        await EngineClient.RunScriptAsync(source, "CREATE TABLE a (id int PRIMARY KEY, n int, m int, CONSTRAINT k CHECK (n < 10)); CREATE TABLE b (id int PRIMARY KEY, x int UNIQUE);");
        await EngineClient.RunScriptAsync(target, "CREATE TABLE a (id int PRIMARY KEY, n int); INSERT INTO a VALUES (1, 50); CREATE TABLE b (id int PRIMARY KEY, x int); INSERT INTO b VALUES (1, 5), (2, 5);");
        var file = Db.File("o15.json");
        await Ok("--url", source, "schema", "dump", "-o", file);
        const string Columns = "SELECT group_concat(concat(table_name, '.', column_name) ORDER BY table_name, column_name) FROM information_schema.columns WHERE table_schema = database()";
        var before = await EngineClient.RunAsync(target, Columns);
        var unique = await CliRunner.RunAsync("--url", target, "--yes", "schema", "apply", file);
        Assert.True(unique.ExitCode == 4, unique.All);
        Assert.Contains("'add unique x on b' would fail on the rows the table holds now (the value 5 is there more than once)", unique.All, StringComparison.Ordinal);
        Assert.Equal(before, await EngineClient.RunAsync(target, Columns));
        await EngineClient.RunScriptAsync(target, "DELETE FROM b WHERE id = 2;");
        var check = await CliRunner.RunAsync("--url", target, "--yes", "schema", "apply", file);
        Assert.True(check.ExitCode == 4, check.All);
        Assert.Contains("'add check k on a' would fail", check.All, StringComparison.Ordinal);
        Assert.Equal(before, await EngineClient.RunAsync(target, Columns));
        await EngineClient.RunScriptAsync(target, "UPDATE a SET n = 5;");
        await Ok("--url", target, "--yes", "schema", "apply", file);
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO b VALUES (3, 5);"));
    });

    /// <summary>
    /// bt54 F5: after the O13 fix a hand-written file's check on a mixed-case column (<c>Qty &gt; 0</c>) never converged on
    /// MariaDB and SQLite, which store it as <c>`Qty`</c> / as written and ignore the case of names: every apply dropped
    /// and added it. There a quoted name is the name in any case again.
    /// </summary>
    [Theory]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    public Task A_mixed_case_column_in_a_hand_written_check_converges_where_names_ignore_case(string engine) => LiveAsync(async () =>
    {
        var target = await Db.NewAsync(engine);
        var file = Db.File($"f5-{engine}.json");
        await File.WriteAllTextAsync(file, """
            { "tables": [ { "name": "t",
              "columns": [ {"name":"id","type":"int32","nullable":false}, {"name":"Qty","type":"int32","nullable":true} ],
              "primaryKey": {"columns":["id"]}, "checks": [ {"name":"ck_q","expression":"Qty > 0"} ] } ] }
            """);
        await Ok("--url", target, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("--url", target, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(target, "INSERT INTO t VALUES (1, 0);"));
    });
}
