namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 12 (item 7, the rest): a PostgreSQL table of schema <c>app</c> with an enum type, a domain and a sequence of
/// that schema, a trigger calling a function of that schema, row-level security and a policy. Backup → restore, copy
/// and schema dump → apply into an empty PostgreSQL database recreate every one of them in <c>app</c> (read back with
/// psql, not through NexuSQL): the enum's labels in order, the domain's check, the sequence's next value, the trigger
/// firing, the policy. Drift sees a trigger dropped in <c>app</c>; another engine still refuses the schema's table by name.
/// </summary>
public sealed class OtherSchemaObjectsCliTests() : ValueFidelityCliTestBase("otherschema")
{
    private const string Seed = """
        CREATE SCHEMA app;
        CREATE TYPE app.mood AS ENUM ('sad','ok','happy');
        CREATE DOMAIN app.posint AS int CHECK (VALUE > 0);
        CREATE SEQUENCE app.ticket_seq START 500;
        CREATE TABLE app.t (id int PRIMARY KEY DEFAULT nextval('app.ticket_seq'), m app.mood, p app.posint, updated timestamptz);
        CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated := now(); RETURN NEW; END$$;
        CREATE TRIGGER t_touch BEFORE UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION app.touch();
        ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
        CREATE POLICY p1 ON app.t USING (p > 0);
        CREATE VIEW app.v AS SELECT id, m FROM app.t;
        INSERT INTO app.t (m, p) VALUES ('ok', 3);
        """;

    /// <summary>What the schema app holds, as the catalogs say, one line per fact.</summary>
    private const string Catalog = """
        SELECT concat_ws(E'\n',
          (SELECT 'enum ' || string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'app.mood'::regtype),
          (SELECT 'domain ' || string_agg(pg_get_constraintdef(oid), ',') FROM pg_constraint WHERE contypid = 'app.posint'::regtype),
          (SELECT 'columns ' || string_agg(attname || ' ' || format_type(atttypid, atttypmod) || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY attnum)
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = 'app.t'::regclass AND a.attnum > 0 AND NOT a.attisdropped),
          (SELECT 'functions ' || string_agg(p.oid::regprocedure::text, ',') FROM pg_proc p WHERE p.pronamespace = 'app'::regnamespace),
          (SELECT 'triggers ' || string_agg(pg_get_triggerdef(oid), ',') FROM pg_trigger WHERE tgrelid = 'app.t'::regclass AND NOT tgisinternal),
          (SELECT 'policies ' || string_agg(polname || ' ' || pg_get_expr(polqual, polrelid), ',') FROM pg_policy WHERE polrelid = 'app.t'::regclass),
          (SELECT 'rls ' || relrowsecurity || ' ' || relforcerowsecurity FROM pg_class WHERE oid = 'app.t'::regclass),
          (SELECT 'sequences ' || string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_class c WHERE c.relnamespace = 'app'::regnamespace AND c.relkind = 'S'),
          (SELECT 'rows ' || string_agg(id || ' ' || m || ' ' || p, ',' ORDER BY id) FROM app.t))
        """;

    private static async Task<string> SeededAsync(LiveDatabases db)
    {
        var source = await db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, Seed);
        return source;
    }

    /// <summary>The target has what the source has, and it works: the sequence goes on, the trigger fires, the domain refuses.</summary>
    private static async Task AssertCarriedAsync(string source, string target)
    {
        var expected = await EngineClient.RunAsync(source, Catalog);
        Assert.Contains("enum sad,ok,happy", expected, StringComparison.Ordinal);
        Assert.Contains("columns id integer default nextval('app.ticket_seq'::regclass), m app.mood, p app.posint", expected, StringComparison.Ordinal);
        Assert.Equal(expected, await EngineClient.RunAsync(target, Catalog));
        Assert.Equal("501", await EngineClient.RunAsync(target, "SELECT nextval('app.ticket_seq')"));
        Assert.Equal("502|t", await EngineClient.RunAsync(target, "INSERT INTO app.t (m, p) VALUES ('happy', 1) RETURNING id, updated IS NULL"));
        Assert.Equal("f", await EngineClient.RunAsync(target, "UPDATE app.t SET m = 'sad' WHERE id = 500 RETURNING updated IS NULL"));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(target, "INSERT INTO app.t (m, p) VALUES ('ok', 0)"));
        Assert.Contains("posint", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgresql_backup_restore_recreates_another_schemas_types_sequence_trigger_and_policy()
    {
        try
        {
            var source = await SeededAsync(Db);
            var file = Db.File("app.nxb");
            var backup = await CliRunner.RunAsync("--url", source, "backup", "-o", file);
            Assert.True(backup.ExitCode == 0, backup.All);
            Assert.DoesNotContain("only the current schema", backup.All, StringComparison.Ordinal);
            var target = await Db.NewAsync("postgresql");
            var restore = await CliRunner.RunAsync("--url", target, "restore", file);
            Assert.True(restore.ExitCode == 0, restore.All);
            Assert.DoesNotContain("only the current schema", restore.All, StringComparison.Ordinal);
            await AssertCarriedAsync(source, target);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_copy_recreates_another_schemas_types_sequence_trigger_and_policy()
    {
        try
        {
            var source = await SeededAsync(Db);
            var target = await Db.NewAsync("postgresql");
            var copy = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
            Assert.True(copy.ExitCode == 0, copy.All);
            Assert.DoesNotContain("only the current schema", copy.All, StringComparison.Ordinal);
            await AssertCarriedAsync(source, target);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_schema_dump_applies_another_schemas_objects_and_converges()
    {
        try
        {
            var source = await SeededAsync(Db);
            var dump = await CliRunner.RunAsync("--url", source, "schema", "dump");
            Assert.True(dump.ExitCode == 0, dump.All);
            Assert.Contains("\"schema\": \"app\"", dump.Stdout, StringComparison.Ordinal);
            var file = Db.File("app.json");
            await File.WriteAllTextAsync(file, dump.Stdout, TestContext.Current.CancellationToken);
            var target = await Db.NewAsync("postgresql");
            await Ok("--url", target, "schema", "apply", file);
            var catalog = "SELECT concat_ws(E'\\n', " +
                "(SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'app.mood'::regtype), " +
                "(SELECT string_agg(pg_get_constraintdef(oid), ',') FROM pg_constraint WHERE contypid = 'app.posint'::regtype), " +
                "(SELECT string_agg(pg_get_triggerdef(oid), ',') FROM pg_trigger WHERE tgrelid = 'app.t'::regclass AND NOT tgisinternal), " +
                "(SELECT string_agg(polname, ',') FROM pg_policy WHERE polrelid = 'app.t'::regclass), " +
                "(SELECT relrowsecurity::text FROM pg_class WHERE oid = 'app.t'::regclass), " +
                "(SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'app.t'::regclass))";
            Assert.Equal(await EngineClient.RunAsync(source, catalog), await EngineClient.RunAsync(target, catalog));
            Assert.Equal("500", await EngineClient.RunAsync(target, "SELECT nextval('app.ticket_seq')"));
            // applied again: nothing to do
            var again = await CliRunner.RunAsync("--url", target, "schema", "apply", file, "--dry-run");
            Assert.True(again.ExitCode == 0, again.All);
            Assert.DoesNotContain("create ", again.All, StringComparison.Ordinal);
            Assert.DoesNotContain("drop ", again.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_drift_sees_a_trigger_dropped_in_another_schema()
    {
        try
        {
            var db = await Db.NewAsync("postgresql");
            var migrations = Db.File("app-migrations");
            Directory.CreateDirectory(migrations);
            await File.WriteAllTextAsync(Path.Combine(migrations, "V1__app.sql"), Seed, TestContext.Current.CancellationToken);
            await Ok("--url", db, "migrate", "--locations", migrations);
            await Ok("--url", db, "verify", "--checks", "drift", "--locations", migrations);
            await EngineClient.RunAsync(db, "DROP TRIGGER t_touch ON app.t");
            var trigger = await CliRunner.RunAsync("--url", db, "verify", "--checks", "drift", "--locations", migrations);
            Assert.True(trigger.ExitCode == 3, trigger.All);
            Assert.Contains("drop trigger t_touch on app.t", trigger.All, StringComparison.Ordinal);
            await EngineClient.RunAsync(db, "DROP POLICY p1 ON app.t");
            var policy = await CliRunner.RunAsync("--url", db, "verify", "--checks", "drift", "--locations", migrations);
            Assert.True(policy.ExitCode == 3, policy.All);
            Assert.Contains("drop policy p1 on app.t", policy.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// A schema whose name needs quotes ("Sales") with an enum type "Mood" and a composite type "Pt" (an enum attribute,
    /// a collation), arrays of both, and a composite type of a second schema: copy, backup → restore and schema apply
    /// recreate every type in its schema and carry the rows (was: the enum's column named <c>"Sales".Mood</c> did not
    /// match its type, and composite types of another schema were not read, so copy refused "no such type").
    /// </summary>
    [Fact]
    public async Task Postgresql_types_of_quoted_and_other_schemas_are_carried_by_copy_restore_and_apply()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE SCHEMA "Sales";
                CREATE TYPE "Sales"."Mood" AS ENUM ('ok', 'sad');
                CREATE TYPE "Sales"."Pt" AS (x int, m "Sales"."Mood", n text COLLATE "C");
                CREATE SCHEMA geo;
                CREATE TYPE geo.pair AS (a int, b "Sales"."Pt");
                CREATE TABLE "Sales"."Orders" ("Id" int PRIMARY KEY, mood "Sales"."Mood", p "Sales"."Pt", ps "Sales"."Pt"[], ms "Sales"."Mood"[], g geo.pair);
                INSERT INTO "Sales"."Orders" VALUES (1, 'sad', ROW(1, 'ok', 'a'), ARRAY[ROW(2, 'sad', 'b')::"Sales"."Pt"], '{ok,sad}', ROW(7, ROW(3, 'ok', 'c'))),
                  (2, NULL, NULL, NULL, NULL, NULL);
                """);
            const string Types = "SELECT string_agg(format_type(t.oid, NULL) || ' ' || coalesce((SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = t.oid), " +
                "(SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || coalesce(' ' || (SELECT collname FROM pg_collation WHERE oid = attcollation AND attcollation <> 100), ''), ',' ORDER BY attnum) " +
                "FROM pg_attribute WHERE attrelid = t.typrelid)), '; ' ORDER BY t.oid::regtype::text) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace " +
                "WHERE n.nspname IN ('Sales', 'geo') AND t.typtype IN ('e', 'c') AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')";
            const string Rows = "SELECT \"Id\", mood, p, ps, ms, g FROM \"Sales\".\"Orders\" ORDER BY 1";
            var types = await EngineClient.RunAsync(source, Types);
            Assert.Contains("\"Sales\".\"Mood\" ok,sad", types, StringComparison.Ordinal);
            Assert.Contains("geo.pair a integer,b \"Sales\".\"Pt\"", types, StringComparison.Ordinal);
            var rows = await EngineClient.RunAsync(source, Rows);

            var copied = await Db.NewAsync("postgresql");
            await Ok("copy", "--from", source, "--to", copied);
            var file = Db.File("sales.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restored = await Db.NewAsync("postgresql");
            await Ok("--url", restored, "restore", file);
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(types, await EngineClient.RunAsync(target, Types));
                Assert.Equal(rows, await EngineClient.RunAsync(target, Rows));
            }

            var dump = await CliRunner.RunAsync("--url", source, "schema", "dump");
            Assert.True(dump.ExitCode == 0, dump.All);
            var schemaFile = Db.File("sales.json");
            await File.WriteAllTextAsync(schemaFile, dump.Stdout, TestContext.Current.CancellationToken);
            var applied = await Db.NewAsync("postgresql");
            await Ok("--url", applied, "schema", "apply", schemaFile);
            Assert.Equal(types, await EngineClient.RunAsync(applied, Types));
            var again = await CliRunner.RunAsync("schema", "diff", "--from", applied, "--to", schemaFile);
            Assert.True(again.ExitCode == 0, again.All);
            Assert.Contains("No differences", again.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Break test 23 F2: a database whose search_path puts schema app first (its current schema) was copied and restored
    /// with app's tables created in the target's public ("verified"), or half-way onto public's same-named table with a raw
    /// 42P07; verify compared app's tables with public's. Now copy and restore refuse before writing, naming both schemas;
    /// into a target whose current schema is app too, restore carries app.orders into app; verify compares schemas by name.
    /// </summary>
    [Fact]
    public async Task Postgresql_database_whose_current_schema_is_not_the_targets_is_refused_and_verify_compares_schemas_by_name()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            var sourceName = new Uri(source).AbsolutePath.Trim('/');
            await EngineClient.RunScriptAsync(source, $"""
                CREATE SCHEMA app;
                CREATE TABLE app.orders (id int PRIMARY KEY, note text);
                INSERT INTO app.orders VALUES (1, 'app-order');
                CREATE TABLE public.orders (id int PRIMARY KEY, note text);
                INSERT INTO public.orders VALUES (1, 'public-order');
                ALTER DATABASE {sourceName} SET search_path = app, public;
                """);
            const string Tables = "SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY 1) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')";
            var target = await Db.NewAsync("postgresql");
            var copy = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target);
            Assert.Equal(4, copy.ExitCode);
            Assert.Contains("the source's current schema is app (the first schema of its search_path) and the target's is public", copy.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            var file = Db.File("app.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restore = await CliRunner.RunAsync("--url", target, "restore", file);
            Assert.True(restore.ExitCode == 4, restore.All);
            Assert.Contains("would be restored into public", restore.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(target, Tables));

            await EngineClient.RunScriptAsync(target, $"CREATE SCHEMA app; ALTER DATABASE {new Uri(target).AbsolutePath.Trim('/')} SET search_path = app, public;");
            await Ok("--url", target, "restore", file);
            Assert.Equal("app.orders,public.orders", await EngineClient.RunAsync(target, Tables));
            Assert.Equal("1|app-order", await EngineClient.RunAsync(target, "SELECT * FROM app.orders"));
            Assert.Equal("1|public-order", await EngineClient.RunAsync(target, "SELECT * FROM public.orders"));

            // verify against a database whose current schema is public compares app with app and public with public
            var plain = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(plain, """
                CREATE SCHEMA app;
                CREATE TABLE app.orders (id int PRIMARY KEY, note text);
                INSERT INTO app.orders VALUES (1, 'app-order');
                CREATE TABLE public.orders (id int PRIMARY KEY, note text);
                INSERT INTO public.orders VALUES (1, 'public-order');
                """);
            await Ok("--url", source, "verify", "--checks", "data", "--against", plain);
            await EngineClient.RunAsync(plain, "UPDATE app.orders SET note = 'changed'");
            var changed = await CliRunner.RunAsync("--url", source, "verify", "--checks", "data", "--against", plain);
            Assert.True(changed.ExitCode == 3, changed.All);
            Assert.Contains("app.orders: id=1: row differs in note", changed.All, StringComparison.Ordinal);
            Assert.DoesNotContain("public.orders", changed.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    public async Task Another_engine_still_refuses_the_other_schemas_table_by_name(string engine)
    {
        try
        {
            var source = await SeededAsync(Db);
            var target = await Db.NewAsync(engine);
            var refused = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
            Assert.True(refused.ExitCode == 4, refused.All);
            Assert.Contains("so these cannot be copied as they are: table app.t, view app.v", refused.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
