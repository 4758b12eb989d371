namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 12: routines that depend on tables or that tables depend on. A PostgreSQL function with a SQL-standard body
/// (BEGIN ATOMIC) is created after the tables by restore, copy and apply, and the view calling it comes along; a
/// changed return type is planned as drop + create with its trigger; a default or check calling a user function is
/// refused by name before another engine's database is touched. Checked with psql, mysql and sqlite3.
/// </summary>
public sealed class RoutineDependencyCliTests : IDisposable
{
    private readonly LiveDatabases _db = new("routine-deps");

    public void Dispose() => _db.Dispose();

    private static Task<CliRunner.Result> Ok(params string[] args) => CliRunner.OkAsync(args);

    private const string ItemsWithTrigger = """
        CREATE TABLE items (id int PRIMARY KEY, code text);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.code := upper(NEW.code); RETURN NEW; END $$;
        CREATE TRIGGER items_touch BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch();
        """;

    /// <summary>The schema of <paramref name="url"/> as a file in which every function returning integer returns bigint.</summary>
    private async Task<string> DumpReturningBigintAsync(string url)
    {
        var file = _db.File($"{Guid.NewGuid():N}.json");
        await Ok("--url", url, "schema", "dump", "-o", file);
        var text = await System.IO.File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        await System.IO.File.WriteAllTextAsync(file, text.Replace("RETURNS integer", "RETURNS bigint", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        return file;
    }

    private const string Functions = "SELECT string_agg(proname || ' ' || pg_get_function_result(oid), ',' ORDER BY proname) FROM pg_proc WHERE pronamespace = 'public'::regnamespace";

    [Fact]
    public async Task A_begin_atomic_function_and_the_view_calling_it_are_recreated_by_restore_copy_and_apply()
    {
        try
        {
            var source = await _db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE orders (id int PRIMARY KEY, total numeric(10,2));
                INSERT INTO orders VALUES (1, 5), (2, 7);
                CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM orders; END;
                CREATE FUNCTION order_sum() RETURNS numeric LANGUAGE sql RETURN (SELECT sum(total) FROM orders);
                CREATE VIEW order_stats AS SELECT order_count() AS n, order_sum() AS s;
                -- break test 26 G9: a function of the table's row type, with a string body, needs the table too
                CREATE FUNCTION all_orders() RETURNS SETOF orders LANGUAGE sql STABLE AS $$ SELECT * FROM orders $$;
                CREATE FUNCTION doubled(o orders) RETURNS numeric LANGUAGE sql AS $$ SELECT o.total * 2 $$;
                CREATE VIEW big_orders AS SELECT id, doubled(o) AS d FROM all_orders() o;
                """);
            var copied = await _db.NewAsync("postgresql");
            var copy = await Ok("copy", "--from", source, "--to", copied);
            var file = _db.File("b.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restored = await _db.NewAsync("postgresql");
            var restore = await Ok("--url", restored, "restore", file);
            var schemaOnly = await _db.NewAsync("postgresql");
            await Ok("copy", "--from", source, "--to", schemaOnly, "--schema-only");
            var dump = _db.File("s.json");
            await Ok("--url", source, "schema", "dump", "-o", dump);
            var applied = await _db.NewAsync("postgresql");
            await Ok("--url", applied, "schema", "apply", dump);
            foreach (var r in new[] { copy, restore }) Assert.DoesNotContain("not recreated", r.All, StringComparison.OrdinalIgnoreCase);
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("2|12.00", await EngineClient.RunAsync(target, "SELECT n, s FROM order_stats"));
                Assert.Equal("1|10.00\n2|14.00", await EngineClient.RunAsync(target, "SELECT id, d FROM big_orders ORDER BY id"));
            }
            foreach (var target in new[] { copied, restored, schemaOnly, applied })
            {
                Assert.Equal("all_orders SETOF orders,doubled numeric,order_count bigint,order_sum numeric", await EngineClient.RunAsync(target, Functions));
                Assert.Equal("2", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_views WHERE viewname IN ('order_stats', 'big_orders')"));
            }
            Assert.Contains("order_count", await EngineClient.RunAsync(restored, "\\df"), StringComparison.Ordinal);
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_function_whose_return_type_changed_is_dropped_and_created_only_with_allow_drop_and_its_trigger_stays()
    {
        try
        {
            var url = await _db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(url, ItemsWithTrigger + "\nCREATE FUNCTION code_length(t text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT length(t) $$;");
            // the file says code_length returns bigint: PostgreSQL cannot CREATE OR REPLACE that (42P13)
            var file = await DumpReturningBigintAsync(url);

            var refused = await CliRunner.RunAsync("--url", url, "schema", "apply", file);
            Assert.True(refused.ExitCode == 4, refused.All);
            Assert.Contains("replace function code_length(t text) (its return type changes (integer → bigint), which CREATE OR REPLACE cannot do: drop and create) (destructive: needs --allow-drop)",
                refused.All, StringComparison.Ordinal);
            Assert.Equal("code_length integer,touch trigger", await EngineClient.RunAsync(url, Functions));

            await Ok("--url", url, "schema", "apply", file, "--allow-drop", "--yes");
            Assert.Equal("code_length bigint,touch trigger", await EngineClient.RunAsync(url, Functions));
            Assert.Contains("No differences", (await Ok("--url", url, "schema", "apply", file)).All, StringComparison.Ordinal);
            Assert.Equal("items_touch", await EngineClient.RunAsync(url, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"));
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_trigger_function_recreated_behind_the_tools_back_comes_back_with_its_trigger_and_a_default_calling_it_blocks_a_drop_by_name()
    {
        try
        {
            var url = await _db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(url, ItemsWithTrigger);
            var before = _db.File("before.json");
            await Ok("--url", url, "schema", "dump", "-o", before);
            // behind the tool's back: the function is recreated with another return type, the trigger goes with it
            await EngineClient.RunScriptAsync(url, """
                DROP FUNCTION touch() CASCADE;
                CREATE FUNCTION touch() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;
                """);
            var apply = await Ok("--url", url, "schema", "apply", before, "--allow-drop", "--yes");
            Assert.Contains("replace function touch()", apply.All, StringComparison.Ordinal);
            Assert.Equal("touch trigger", await EngineClient.RunAsync(url, Functions));
            await EngineClient.RunAsync(url, "INSERT INTO items VALUES (1, 'abc')");
            Assert.Equal("ABC", await EngineClient.RunAsync(url, "SELECT code FROM items"));

            // a default calls the function: dropping it would fail (2BP01), so the change is refused naming the column
            var file = _db.File("text.json");
            await Ok("--url", url, "schema", "dump", "-o", file);
            await EngineClient.RunScriptAsync(url, """
                DROP FUNCTION touch() CASCADE;
                CREATE FUNCTION touch() RETURNS text LANGUAGE sql AS $$ SELECT 'y' $$;
                CREATE TABLE log (id int PRIMARY KEY, c text DEFAULT touch());
                """);
            var blocked = await CliRunner.RunAsync("--url", url, "schema", "apply", file, "--allow-drop", "--yes");
            Assert.True(blocked.ExitCode == 4, blocked.All);
            Assert.Contains("default of column log.c calls it", blocked.All, StringComparison.Ordinal);
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    public async Task A_default_or_check_calling_a_user_function_is_refused_by_name_before_another_engine_is_touched(string engine)
    {
        try
        {
            var source = await _db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE SEQUENCE codes;
                CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'C' || nextval('codes') $$;
                CREATE FUNCTION is_valid(x int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x > 0 $$;
                CREATE TABLE tickets (id int PRIMARY KEY, code text DEFAULT next_code(), qty int CONSTRAINT qty_valid CHECK (is_valid(qty)));
                """);
            var target = await _db.NewAsync(engine);
            var file = _db.File("b.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restoreTarget = await _db.NewAsync(engine);
            foreach (var r in new[] { await CliRunner.RunAsync("copy", "--from", source, "--to", target), await CliRunner.RunAsync("--url", restoreTarget, "restore", file) })
            {
                Assert.True(r.ExitCode == 4, r.All);
                Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
                Assert.Contains("column tickets.code (default next_code() calls function next_code())", r.All, StringComparison.Ordinal);
                Assert.Contains("check qty_valid on tickets (calls function is_valid())", r.All, StringComparison.Ordinal);
            }
            foreach (var t in new[] { target, restoreTarget })
                Assert.Equal("", await EngineClient.RunAsync(t, engine == "sqlite" ? "SELECT name FROM sqlite_master" : "SHOW TABLES"));
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_function_a_policy_calls_is_dropped_and_created_with_the_policy_when_its_return_type_changes()
    {
        try
        {
            var url = await _db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(url, """
                CREATE TABLE docs (id int PRIMARY KEY, owner bigint);
                CREATE FUNCTION me() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT 1 $$;
                CREATE POLICY mine ON docs USING (owner = me());
                """);
            var file = await DumpReturningBigintAsync(url);
            var apply = await Ok("--url", url, "schema", "apply", file, "--allow-drop", "--yes");
            Assert.Contains("replace function me() (its return type changes (integer → bigint), which CREATE OR REPLACE cannot do: drop and create, with policy mine on docs)", apply.All, StringComparison.Ordinal);
            Assert.Equal("me bigint", await EngineClient.RunAsync(url, Functions));
            Assert.Equal("mine|(owner = me())", await EngineClient.RunAsync(url, "SELECT polname, pg_get_expr(polqual, polrelid) FROM pg_policy"));
            Assert.Contains("No differences", (await Ok("--url", url, "schema", "apply", file)).All, StringComparison.Ordinal);
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }
}
