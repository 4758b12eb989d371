namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 12, items 12–13: functions, procedures, triggers and row-level-security policies come along through backup →
/// restore and copy on the same engine (checked with psql, mysql and sqlite3, not through NexuSQL), are listed as
/// skipped across engines, and a change made behind the tool's back is drift.
/// </summary>
public sealed class RoutinesCliTests : IDisposable
{
    private readonly LiveDatabases _db = new("routines");
    private readonly string _migrations = Directory.CreateTempSubdirectory("nexusql-routines-migrations-").FullName;

    public void Dispose()
    {
        _db.CleanupAsync().GetAwaiter().GetResult();
        _db.Dispose();
        Directory.Delete(_migrations, recursive: true);
    }

    private static async Task<CliRunner.Result> Ok(params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"nexusql {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    private const string PostgresTables = """
        CREATE TABLE orders (id serial PRIMARY KEY, user_id int NOT NULL, total numeric(10,2) NOT NULL, updated_at timestamptz);
        CREATE TABLE audit_log (id serial PRIMARY KEY, table_name text NOT NULL, op text NOT NULL);
        """;

    private const string PostgresTriggers = """
        CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.updated_at := now();
          RETURN NEW;
        END
        $$;
        CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO audit_log (table_name, op) VALUES (TG_TABLE_NAME, TG_OP);
          RETURN NULL;
        END
        $$;
        DROP TRIGGER IF EXISTS orders_updated_at ON orders;
        CREATE TRIGGER orders_updated_at BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION set_updated_at();
        DROP TRIGGER IF EXISTS orders_audit ON orders;
        CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION audit_row();
        ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
        ALTER TABLE orders FORCE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS tenant_isolation ON orders;
        CREATE POLICY tenant_isolation ON orders USING (user_id = current_setting('app.user_id')::int);
        """;

    // what psql shows of the objects: names, tables, definitions, row-level security flags
    private const string PostgresObjects =
        "SELECT string_agg(x, E'\\n' ORDER BY x) FROM (" +
        "SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(pg_get_functiondef(p.oid)) AS x FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' " +
        "UNION ALL SELECT 'trigger ' || tgname || ' ' || pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT tgisinternal " +
        "UNION ALL SELECT 'policy ' || policyname || ' ' || tablename || ' ' || cmd || ' ' || roles::text || ' ' || coalesce(qual, '') FROM pg_policies " +
        "UNION ALL SELECT 'rls ' || relname || ' ' || relrowsecurity || ' ' || relforcerowsecurity FROM pg_class WHERE relname IN ('orders', 'audit_log')) s";

    /// <summary>The database: tables from V1, trigger functions, triggers and a policy from R__triggers.sql.</summary>
    private async Task<string> PostgresSourceAsync()
    {
        var url = await _db.NewAsync("postgresql");
        File.WriteAllText(Path.Combine(_migrations, "V1__tables.sql"), PostgresTables);
        File.WriteAllText(Path.Combine(_migrations, "R__triggers.sql"), PostgresTriggers);
        await Ok("--url", url, "migrate", "--locations", _migrations);
        await Ok("--url", url, "exec", "INSERT INTO orders (user_id, total) VALUES (1, 10), (2, 20), (2, 30)");
        await Ok("--url", url, "exec", "UPDATE orders SET total = total + 1 WHERE id = 1");
        return url;
    }

    [Fact]
    public async Task Postgresql_functions_triggers_and_policies_survive_backup_restore_and_copy_and_triggers_do_not_fire_during_the_load()
    {
        var source = await PostgresSourceAsync();
        var expected = await EngineClient.RunAsync(source, PostgresObjects);
        Assert.Contains("trigger orders_audit", expected, StringComparison.Ordinal);
        Assert.Contains("policy tenant_isolation orders ALL {public} (user_id = (current_setting('app.user_id'::text))::integer)", expected, StringComparison.Ordinal);
        Assert.Contains("rls orders true true", expected, StringComparison.Ordinal);
        Assert.Equal("4", await EngineClient.RunAsync(source, "SELECT count(*) FROM audit_log"));

        var file = _db.File("pg.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var restored = await _db.NewAsync("postgresql");
        var restore = await Ok("--url", restored, "--json", "restore", file);
        Assert.Equal(0, restore.Json.GetProperty("skippedObjects").GetArrayLength());
        var copied = await _db.NewAsync("postgresql");
        var copy = await Ok("--json", "copy", "--from", source, "--to", copied);
        Assert.Equal(0, copy.Json.GetProperty("skippedObjects").GetArrayLength());

        foreach (var target in new[] { restored, copied })
        {
            Assert.Equal(expected, await EngineClient.RunAsync(target, PostgresObjects));
            // the audit trigger did not fire while rows were loaded: the same 4 audit rows, not 4 + 3
            Assert.Equal("4", await EngineClient.RunAsync(target, "SELECT count(*) FROM audit_log"));
            // and fires now
            await EngineClient.RunAsync(target, "UPDATE orders SET total = total + 1 WHERE id = 2");
            Assert.Equal("5|t", await EngineClient.RunAsync(target, "SELECT (SELECT count(*) FROM audit_log), (SELECT updated_at IS NOT NULL FROM orders WHERE id = 2)"));
            await Ok("schema", "diff", "--from", source, "--to", target);
        }
        // the migration history says R__triggers.sql ran, and the target agrees: no drift
        await Ok("--url", restored, "verify", "--checks", "drift", "--locations", _migrations);
    }

    [Fact]
    public async Task Postgresql_trigger_dropped_or_function_replaced_behind_the_tools_back_is_drift_naming_it()
    {
        var url = await PostgresSourceAsync();
        await Ok("--url", url, "verify", "--checks", "drift", "--locations", _migrations);

        await EngineClient.RunAsync(url, "DROP TRIGGER orders_audit ON orders");
        var drift = await CliRunner.RunAsync("--url", url, "--json", "verify", "--checks", "drift", "--locations", _migrations);
        Assert.True(drift.ExitCode == 3, drift.All);
        Assert.Contains("trigger orders_audit on orders", drift.Stdout, StringComparison.Ordinal);
        Assert.False(drift.Json.GetProperty("ok").GetBoolean());
        var plain = await CliRunner.RunAsync("--url", url, "verify", "--locations", _migrations); // the default checks include drift
        Assert.True(plain.ExitCode == 3, plain.All);
        Assert.Contains("drop trigger orders_audit on orders", plain.Stdout, StringComparison.Ordinal);

        await EngineClient.RunScriptAsync(url, PostgresTriggers); // put back
        await Ok("--url", url, "verify", "--checks", "drift", "--locations", _migrations);
        await EngineClient.RunScriptAsync(url, "CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;");
        drift = await CliRunner.RunAsync("--url", url, "verify", "--checks", "drift", "--locations", _migrations);
        Assert.True(drift.ExitCode == 3, drift.All);
        Assert.Contains("function set_updated_at()", drift.Stdout, StringComparison.Ordinal);

        await EngineClient.RunScriptAsync(url, PostgresTriggers);
        await EngineClient.RunAsync(url, "DROP POLICY tenant_isolation ON orders");
        await EngineClient.RunAsync(url, "ALTER TABLE orders NO FORCE ROW LEVEL SECURITY");
        drift = await CliRunner.RunAsync("--url", url, "verify", "--checks", "drift", "--locations", _migrations);
        Assert.True(drift.ExitCode == 3, drift.All);
        Assert.Contains("policy tenant_isolation on orders", drift.Stdout, StringComparison.Ordinal);
        Assert.Contains("force row level security on orders (it stays enabled)", drift.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("enable row level security on orders", drift.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgresql_schema_dump_applied_to_an_empty_database_recreates_them_and_a_drop_needs_allow_drop()
    {
        var source = await PostgresSourceAsync();
        var dump = _db.File("schema.json");
        await Ok("--url", source, "schema", "dump", "-o", dump);
        var json = File.ReadAllText(dump);
        Assert.Contains("\"routines\"", json, StringComparison.Ordinal);
        Assert.Contains("\"engine\": \"PostgreSql\"", json, StringComparison.Ordinal);
        var target = await _db.NewAsync("postgresql");
        await Ok("--url", target, "schema", "apply", dump);
        await Ok("schema", "diff", "--from", target, "--to", dump);
        await Ok("schema", "diff", "--from", source, "--to", target);
        Assert.Equal(await EngineClient.RunAsync(source, PostgresObjects), await EngineClient.RunAsync(target, PostgresObjects));

        // a file without the audit trigger: dropping it is refused without --allow-drop, done with it
        var without = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var triggers = without["triggers"]!.AsArray();
        triggers.Remove(triggers.First(t => (string?)t!["name"] == "orders_audit"));
        File.WriteAllText(dump, without.ToJsonString());
        var refused = await CliRunner.RunAsync("--url", target, "schema", "apply", dump);
        Assert.True(refused.ExitCode == 4, refused.All);
        Assert.Contains("drop trigger orders_audit on orders", refused.All, StringComparison.Ordinal);
        await Ok("--url", target, "schema", "apply", dump, "--allow-drop", "--yes");
        Assert.Equal("orders_updated_at", await EngineClient.RunAsync(target, "SELECT string_agg(tgname, ',') FROM pg_trigger WHERE NOT tgisinternal"));
    }

    [Fact]
    public async Task Postgresql_objects_into_sqlite_and_mariadb_are_listed_as_skipped_and_the_history_is_called_out()
    {
        var source = await PostgresSourceAsync();
        var file = _db.File("cross.nxb");
        await Ok("--url", source, "backup", "-o", file);
        foreach (var engine in new[] { "sqlite", "mysql" })
        {
            var copied = await _db.NewAsync(engine);
            var copy = await Ok("--json", "copy", "--from", source, "--to", copied);
            var skipped = copy.Json.GetProperty("skippedObjects").EnumerateArray().Select(s => s.GetString()!).ToList();
            Assert.Contains(skipped, s => s.StartsWith("trigger orders_audit on orders: PostgreSQL SQL", StringComparison.Ordinal));
            Assert.Contains(skipped, s => s.StartsWith("function set_updated_at(): PostgreSQL SQL", StringComparison.Ordinal));
            Assert.Contains(skipped, s => s.StartsWith("policy tenant_isolation on orders: PostgreSQL SQL", StringComparison.Ordinal));
            Assert.Contains(skipped, s => s.StartsWith("row level security on orders: PostgreSQL SQL", StringComparison.Ordinal));

            var restored = await _db.NewAsync(engine);
            var restore = await Ok("--url", restored, "--json", "restore", file);
            Assert.Equal(skipped.Count, restore.Json.GetProperty("skippedObjects").GetArrayLength());
            Assert.Contains("migration history", restore.Json.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
            var text = await Ok("--url", await _db.NewAsync(engine), "restore", file);
            Assert.Contains("Not recreated", text.Stdout, StringComparison.Ordinal);
            Assert.Contains("warning: The migration history", text.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Mariadb_trigger_and_procedure_survive_backup_restore_and_copy()
    {
        var source = await _db.NewAsync("mysql");
        await Ok("--url", source, "exec", "CREATE TABLE items (id INT PRIMARY KEY AUTO_INCREMENT, label VARCHAR(40) NOT NULL, qty INT NOT NULL DEFAULT 0)");
        await Ok("--url", source, "exec", "CREATE TABLE item_log (id INT PRIMARY KEY AUTO_INCREMENT, item_id INT NOT NULL, note VARCHAR(40))");
        await Ok("--url", source, "exec", "CREATE TRIGGER items_upper BEFORE INSERT ON items FOR EACH ROW SET NEW.label = UPPER(NEW.label)");
        await Ok("--url", source, "exec", "CREATE TRIGGER items_log AFTER INSERT ON items FOR EACH ROW BEGIN INSERT INTO item_log (item_id, note) VALUES (NEW.id, 'added'); END");
        await Ok("--url", source, "exec", "CREATE PROCEDURE add_qty(IN delta INT) BEGIN UPDATE items SET qty = qty + delta; SELECT COUNT(*) FROM items; END");
        await Ok("--url", source, "exec", "CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2");
        await Ok("--url", source, "exec", "INSERT INTO items (label) VALUES ('a'), ('b')");
        const string objects =
            "SELECT CONCAT('trigger ', trigger_name, ' ', action_timing, ' ', event_manipulation, ' ', event_object_table, ' ', action_statement) FROM information_schema.triggers WHERE trigger_schema = DATABASE() " +
            "UNION ALL SELECT CONCAT(routine_type, ' ', routine_name, ' ', routine_definition) FROM information_schema.routines WHERE routine_schema = DATABASE() ORDER BY 1";
        var expected = await EngineClient.RunAsync(source, objects);
        Assert.Contains("trigger items_log AFTER INSERT items BEGIN INSERT INTO item_log", expected, StringComparison.Ordinal);
        Assert.Contains("PROCEDURE add_qty", expected, StringComparison.Ordinal);

        var file = _db.File("maria.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var restored = await _db.NewAsync("mysql");
        await Ok("--url", restored, "restore", file);
        var copied = await _db.NewAsync("mysql");
        await Ok("copy", "--from", source, "--to", copied);
        foreach (var target in new[] { restored, copied })
        {
            Assert.Equal(expected, await EngineClient.RunAsync(target, objects));
            Assert.Equal("2", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM item_log")); // not fired by the load
            await EngineClient.RunAsync(target, "INSERT INTO items (label) VALUES ('c')");
            Assert.Equal("C|3|6", await EngineClient.RunAsync(target, "SELECT label, (SELECT COUNT(*) FROM item_log), twice(3) FROM items WHERE id = 3"));
            await Ok("schema", "diff", "--from", source, "--to", target);
        }
        await EngineClient.RunAsync(restored, "DROP TRIGGER items_log");
        var diff = await CliRunner.RunAsync("schema", "diff", "--from", source, "--to", restored);
        Assert.True(diff.ExitCode == 3, diff.All);
        Assert.Contains("drop trigger items_log on items", diff.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_trigger_survives_backup_restore_and_copy()
    {
        var source = await _db.NewAsync("sqlite");
        await Ok("--url", source, "exec", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, changed_at TEXT)");
        await Ok("--url", source, "exec", "CREATE TABLE note_log (id INTEGER PRIMARY KEY, note_id INTEGER NOT NULL)");
        await Ok("--url", source, "exec", "CREATE TRIGGER notes_log AFTER INSERT ON notes BEGIN INSERT INTO note_log (note_id) VALUES (NEW.id); END");
        await Ok("--url", source, "exec", "INSERT INTO notes (body) VALUES ('one'), ('two')");
        const string objects = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name";
        var expected = await EngineClient.RunAsync(source, objects);
        Assert.StartsWith("notes_log|notes|CREATE TRIGGER notes_log AFTER INSERT ON notes", expected, StringComparison.Ordinal);

        var file = _db.File("lite.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var restored = await _db.NewAsync("sqlite");
        await Ok("--url", restored, "restore", file);
        var copied = await _db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", copied);
        foreach (var target in new[] { restored, copied })
        {
            Assert.Equal(expected, await EngineClient.RunAsync(target, objects));
            Assert.Equal("2", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM note_log"));
            await EngineClient.RunAsync(target, "INSERT INTO notes (body) VALUES ('three')");
            Assert.Equal("3", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM note_log"));
        }
        var mysql = await _db.NewAsync("mysql");
        var cross = await Ok("--json", "copy", "--from", source, "--to", mysql);
        Assert.Equal("trigger notes_log on notes: SQLite SQL; triggers are not translated between engines (not created on MySQL/MariaDB)",
            Assert.Single(cross.Json.GetProperty("skippedObjects").EnumerateArray()).GetString());
    }
}
