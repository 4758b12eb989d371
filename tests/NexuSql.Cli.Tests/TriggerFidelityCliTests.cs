namespace NexuSql.Cli.Tests;

/// <summary>
/// Triggers arrive as they fire: a PostgreSQL trigger disabled with <c>ALTER TABLE ... DISABLE TRIGGER</c> stays
/// disabled, and MariaDB triggers of one table, timing and event keep their firing order whatever their names. Targets
/// are read with the engine's own client. PostgreSQL rules (<c>CREATE RULE ... DO INSTEAD</c>) arrive as they rewrite
/// (break test 23 F28: they were only named under leftOut, and the copy then deleted rows the source protects).
/// </summary>
public sealed class TriggerFidelityCliTests() : SchemaFidelityCliTestBase("triggers")
{
    [Fact]
    public async Task Postgresql_disabled_trigger_stays_disabled_after_copy_restore_and_apply_and_enabling_it_is_a_difference()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE t (id int PRIMARY KEY, v int);
                CREATE FUNCTION set_v() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.v := 42; RETURN NEW; END $$;
                CREATE TRIGGER t_on BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION set_v();
                CREATE TRIGGER t_off BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION set_v();
                ALTER TABLE t DISABLE TRIGGER t_off;
                """);
            const string States = "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 't'::regclass AND NOT tgisinternal ORDER BY tgname";
            Assert.Equal("t_off|D\nt_on|O", await EngineClient.RunAsync(source, States));
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
                Assert.Equal("t_off|D\nt_on|O", await EngineClient.RunAsync(target, States));
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // enabling it behind the tool's back is drift; apply of the dump disables it again
            await EngineClient.RunAsync(copied, "ALTER TABLE t ENABLE TRIGGER t_off");
            var file = await WriteAsync(await DumpAsync(source));
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", file);
            Assert.True(diff.ExitCode == 3, diff.All);
            Assert.Contains("trigger t_off on t", diff.All, StringComparison.Ordinal);
            await Ok("--url", copied, "schema", "apply", file);
            Assert.Equal("t_off|D\nt_on|O", await EngineClient.RunAsync(copied, States));
        });
    }

    [Fact]
    public async Task Mariadb_triggers_of_one_table_timing_and_event_keep_their_firing_order_whatever_their_names()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            // z_first fires first, a_second after it: v = 1 * 10; the other order would give 1
            await EngineClient.RunAsync(source, """
                CREATE TABLE t (id int PRIMARY KEY, v int);
                CREATE TRIGGER z_first BEFORE INSERT ON t FOR EACH ROW SET NEW.v = 1;
                CREATE TRIGGER a_second BEFORE INSERT ON t FOR EACH ROW SET NEW.v = NEW.v * 10;
                INSERT INTO t (id) VALUES (1);
                """);
            const string Order = "SELECT trigger_name, action_order FROM information_schema.triggers WHERE trigger_schema = DATABASE() ORDER BY action_order";
            Assert.Equal("z_first|1\na_second|2", await EngineClient.RunAsync(source, Order));
            Assert.Equal("10", await EngineClient.RunAsync(source, "SELECT v FROM t"));
            var (copied, restored, _) = await MoveAsync(source, "mysql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("z_first|1\na_second|2", await EngineClient.RunAsync(target, Order));
                Assert.Equal("10\n10", await EngineClient.RunAsync(target, "INSERT INTO t (id) VALUES (2); SELECT v FROM t ORDER BY id;"));
            }
            await AssertDumpApplyConvergesAsync(source, "mysql");
        });
    }

    [Fact]
    public async Task Postgresql_rules_of_tables_and_views_arrive_with_their_state_and_rewrite_as_at_the_source()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE acc (id int PRIMARY KEY, bal int);
                CREATE RULE acc_nodelete AS ON DELETE TO acc DO INSTEAD NOTHING;
                CREATE RULE acc_noupdate AS ON UPDATE TO acc DO INSTEAD NOTHING;
                ALTER TABLE acc DISABLE RULE acc_noupdate;
                INSERT INTO acc VALUES (1, 5), (2, -5);
                CREATE VIEW acc_v AS SELECT id, bal FROM acc;
                CREATE RULE acc_v_ins AS ON INSERT TO acc_v DO INSTEAD INSERT INTO acc VALUES (NEW.id, NEW.bal * 10);
                """);
            const string Rules = "SELECT c.relname || '.' || r.rulename || '=' || r.ev_enabled::text FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class " +
                "WHERE c.relnamespace = 'public'::regnamespace AND r.rulename <> '_RETURN' ORDER BY 1";
            Assert.Equal("acc.acc_nodelete=O\nacc.acc_noupdate=D\nacc_v.acc_v_ins=O", await EngineClient.RunAsync(source, Rules));
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("acc.acc_nodelete=O\nacc.acc_noupdate=D\nacc_v.acc_v_ins=O", await EngineClient.RunAsync(target, Rules));
                // the delete is rewritten to nothing, the update (rule disabled) happens, the view's insert is rewritten
                Assert.Equal("1|6\n2|-4\n3|70", await EngineClient.RunScriptAsync(target, """
                    DELETE FROM acc; UPDATE acc SET bal = bal + 1; INSERT INTO acc_v VALUES (3, 7);
                    SELECT id, bal FROM acc ORDER BY id;
                    """));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // a rule dropped behind the tool's back is drift; apply of the dump creates it again
            await EngineClient.RunAsync(copied, "DROP RULE acc_nodelete ON acc");
            var file = await WriteAsync(await DumpAsync(source));
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", file);
            Assert.True(diff.ExitCode == 3, diff.All);
            Assert.Contains("rule acc_nodelete on acc", diff.All, StringComparison.Ordinal);
            await Ok("--url", copied, "schema", "apply", file);
            Assert.Equal("acc.acc_nodelete=O\nacc.acc_noupdate=D\nacc_v.acc_v_ins=O", await EngineClient.RunAsync(copied, Rules));

            // into another engine each rule is named as not created, never dropped without a word
            var sqlite = await Db.NewAsync("sqlite");
            var json = await CliRunner.RunAsync("copy", "--from", source, "--to", sqlite, "--json");
            Assert.True(json.ExitCode == 0, json.All);
            Assert.Contains("rule acc_nodelete on acc: PostgreSQL SQL; rules are not translated between engines", json.Stdout, StringComparison.Ordinal);
        });
    }
}
