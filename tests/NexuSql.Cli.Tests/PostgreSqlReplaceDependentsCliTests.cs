namespace NexuSql.Cli.Tests;

/// <summary>
/// <c>restore --tables log --replace</c> on PostgreSQL drops log with CASCADE: what else that would take — a rule, a
/// policy or a column default of a table that stays, a view over a function that reads log — refuses the replace before
/// anything changes, each object named (break test 24 B11: they vanished and the run said "counts and hashes match").
/// Objects of tables that are replaced too are restored with them. The target is read with psql.
/// </summary>
public sealed class PostgreSqlReplaceDependentsCliTests() : SchemaFidelityCliTestBase("replacedeps")
{
    private const string Objects =
        "SELECT 'rule ' || rulename FROM pg_rules WHERE schemaname = 'public' UNION ALL SELECT 'policy ' || policyname FROM pg_policies WHERE schemaname = 'public' " +
        "UNION ALL SELECT 'view ' || viewname FROM pg_views WHERE schemaname = 'public' UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace " +
        "UNION ALL SELECT 'default ' || table_name || '.' || column_name || ' ' || column_default FROM information_schema.columns WHERE table_schema = 'public' AND column_default IS NOT NULL " +
        "ORDER BY 1";

    [Fact]
    public async Task Replace_is_refused_by_each_object_of_what_stays_that_drop_cascade_would_take()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE log (id serial PRIMARY KEY, msg text);
                CREATE TABLE t (id int PRIMARY KEY, v int, lid int DEFAULT nextval('log_id_seq'));
                CREATE RULE t_upd_log AS ON UPDATE TO t DO ALSO INSERT INTO log (msg) VALUES ('upd');
                CREATE POLICY pt ON t USING (EXISTS (SELECT 1 FROM log WHERE log.id = t.id));
                ALTER TABLE t ENABLE ROW LEVEL SECURITY;
                CREATE FUNCTION cnt() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM log; END;
                CREATE VIEW vv AS SELECT cnt() AS c;
                CREATE RULE log_del AS ON DELETE TO log DO ALSO DELETE FROM t WHERE id = old.id;
                INSERT INTO log (msg) VALUES ('a');
                INSERT INTO t (id, v) VALUES (1, 1);
                """);
            var target = await Db.NewAsync("postgresql");
            var file = Db.File("replacedeps.nxb");
            await Ok("--url", source, "backup", "-o", file);
            await Ok("--url", target, "restore", file);
            var objects = await EngineClient.RunAsync(target, Objects);
            Assert.Equal(await EngineClient.RunAsync(source, Objects), objects);
            await EngineClient.RunAsync(target, "INSERT INTO log (msg) VALUES ('after the backup')");

            var refused = await CliRunner.RunAsync("--json", "--url", target, "restore", file, "--tables", "log", "--replace", "--yes");
            Assert.Equal(4, refused.ExitCode);
            Assert.DoesNotContain("   at ", refused.All, StringComparison.Ordinal);
            var error = refused.Json.GetProperty("error");
            Assert.Equal("refused", error.GetProperty("kind").GetString());
            var message = error.GetProperty("message").GetString()!;
            foreach (var named in new[] { "rule t_upd_log on table t", "policy pt on table t", "default value for column lid of table t", "function cnt()", "view vv", "--tables" })
                Assert.Contains(named, message, StringComparison.Ordinal);
            // log's own rule goes and comes back with log: not a reason to refuse
            Assert.DoesNotContain("log_del", message, StringComparison.Ordinal);
            Assert.Equal(objects, await EngineClient.RunAsync(target, Objects));
            Assert.Equal("2", await EngineClient.RunAsync(target, "SELECT count(*) FROM log"));

            // t replaced too: its rule, policy and default come back with it; the function cnt() and the view over it still stay
            refused = await CliRunner.RunAsync("--json", "--url", target, "restore", file, "--tables", "log,t", "--replace", "--yes");
            Assert.Equal(4, refused.ExitCode);
            message = refused.Json.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains("function cnt()", message, StringComparison.Ordinal);
            Assert.Contains("view vv", message, StringComparison.Ordinal);
            Assert.DoesNotContain("t_upd_log", message, StringComparison.Ordinal);
            Assert.DoesNotContain("policy pt", message, StringComparison.Ordinal);

            await EngineClient.RunAsync(target, "DROP VIEW vv; DROP FUNCTION cnt()");
            await Ok("--url", target, "restore", file, "--tables", "log,t", "--replace", "--yes");
            // the backup's function and view that the target lacks are created again
            Assert.Equal(objects, await EngineClient.RunAsync(target, Objects));
            Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM log"));
            Assert.Equal("t", await EngineClient.RunAsync(target, "SELECT relrowsecurity FROM pg_class WHERE oid = 't'::regclass"));
        });
    }

    [Fact]
    public async Task Replace_is_refused_by_a_constraint_trigger_of_another_table_declared_from_a_replaced_one()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE a (id int PRIMARY KEY, v int);
                CREATE TABLE b (id int PRIMARY KEY);
                CREATE FUNCTION cf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
                CREATE CONSTRAINT TRIGGER a_fk_ct AFTER INSERT ON a FROM b FOR EACH ROW EXECUTE FUNCTION cf();
                CREATE CONSTRAINT TRIGGER b_own AFTER INSERT ON b FROM a FOR EACH ROW EXECUTE FUNCTION cf();
                INSERT INTO b VALUES (1);
                """);
            var target = await Db.NewAsync("postgresql");
            var file = Db.File("constrainttrigger.nxb");
            await Ok("--url", source, "backup", "-o", file);
            await Ok("--url", target, "restore", file);
            const string Triggers = "SELECT tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1";
            var triggers = await EngineClient.RunAsync(target, Triggers);
            Assert.Equal("a a_fk_ct\nb b_own", triggers);

            // break test 25 F29: a_fk_ct went with b, and the run said "Restored 1 table"
            var refused = await CliRunner.RunAsync("--json", "--url", target, "restore", file, "--tables", "b", "--replace", "--yes");
            Assert.Equal(4, refused.ExitCode);
            var message = refused.Json.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains("trigger a_fk_ct on table a (FROM b)", message, StringComparison.Ordinal);
            // b's own trigger (FROM a) goes and comes back with b: not a reason to refuse
            Assert.DoesNotContain("b_own", message, StringComparison.Ordinal);
            Assert.Equal(triggers, await EngineClient.RunAsync(target, Triggers));

            // both replaced: their triggers come back with them
            await Ok("--url", target, "restore", file, "--tables", "a,b", "--replace", "--yes");
            Assert.Equal(triggers, await EngineClient.RunAsync(target, Triggers));
        });
    }
}
