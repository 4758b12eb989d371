namespace NexuSql.Cli.Tests;

/// <summary>
/// PostgreSQL row triggers of a partitioned table are read once, on the table: the clones PostgreSQL keeps on each
/// partition (<c>pg_trigger.tgparentid</c>) are made again by it (break test 24 B5: read as triggers of their own,
/// <c>schema apply</c> failed with 42710 and copy reported a bogus skipped object). Event triggers and comments on
/// triggers, which are not carried, are named under leftOut (B4: they vanished silently); comments on triggers are now
/// carried. A clone disabled (or enabled) on its partition keeps that state (break test 25 F5: copy re-enabled it and
/// verify said OK). Targets are read with psql.
/// </summary>
public sealed class PostgreSqlTriggerClonesCliTests() : SchemaFidelityCliTestBase("trigclones")
{
    private const string Triggers =
        "SELECT tgrelid::regclass || ' ' || tgname || ' ' || (tgparentid <> 0) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1";

    [Fact]
    public async Task Partition_trigger_clones_are_not_read_and_event_triggers_and_trigger_comments_are_named()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE hits (n int);
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO hits VALUES (1); RETURN NEW; END$$;
                CREATE TABLE pt (id int, k int) PARTITION BY RANGE (k);
                CREATE TABLE pt1 PARTITION OF pt FOR VALUES FROM (0) TO (10);
                CREATE TABLE pt2 PARTITION OF pt FOR VALUES FROM (10) TO (20);
                CREATE TRIGGER tp AFTER INSERT ON pt FOR EACH ROW EXECUTE FUNCTION f();
                CREATE TABLE t (id int PRIMARY KEY, v int);
                CREATE TRIGGER tw BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();
                COMMENT ON TRIGGER tw ON t IS 'trigger comment';
                CREATE FUNCTION fe() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN RAISE NOTICE 'ddl'; END$$;
                CREATE EVENT TRIGGER et ON ddl_command_end EXECUTE FUNCTION fe();
                INSERT INTO pt VALUES (1, 1), (2, 15);
                """);
            var triggers = await EngineClient.RunAsync(source, Triggers);
            Assert.Equal("pt tp false\npt1 tp true\npt2 tp true\nt tw false", triggers);

            var (copied, restored, copy) = await MoveAsync(source, "postgresql");
            Assert.Empty(Skipped(copy));
            var leftOut = copy.Json.GetProperty("leftOut").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Contains(leftOut, l => l.StartsWith("event trigger et (CREATE EVENT TRIGGER", StringComparison.Ordinal));
            Assert.DoesNotContain(leftOut, l => l.StartsWith("comment on trigger tw on t (", StringComparison.Ordinal));
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(triggers, await EngineClient.RunAsync(target, Triggers));
                // the trigger's comment arrives (it was named as not carried before)
                Assert.Equal("trigger comment", await EngineClient.RunAsync(target, "SELECT obj_description(oid, 'pg_trigger') FROM pg_trigger WHERE tgname = 'tw'"));
                Assert.Equal("2", await EngineClient.RunAsync(target, "SELECT count(*) FROM hits"));
                await EngineClient.RunAsync(target, "INSERT INTO pt VALUES (3, 5)");
                Assert.Equal("3", await EngineClient.RunAsync(target, "SELECT count(*) FROM hits"));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");
            var dump = await CliRunner.RunAsync("--url", source, "schema", "dump");
            Assert.Contains("event trigger et", dump.Stderr, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_partition_clone_disabled_on_its_partition_stays_disabled_and_verify_sees_it_enabled()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE m (id int, k int, v text, PRIMARY KEY (id, k)) PARTITION BY RANGE (k);
                CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10);
                CREATE TABLE m2 PARTITION OF m FOR VALUES FROM (10) TO (20) PARTITION BY RANGE (k);
                CREATE TABLE m2a PARTITION OF m2 FOR VALUES FROM (10) TO (15);
                CREATE TABLE m2b PARTITION OF m2 FOR VALUES FROM (15) TO (20);
                CREATE FUNCTION mt() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.v := upper(NEW.v); RETURN NEW; END $$;
                CREATE TRIGGER m_trg BEFORE INSERT ON m FOR EACH ROW EXECUTE FUNCTION mt();
                CREATE TRIGGER m_off BEFORE INSERT ON m FOR EACH ROW EXECUTE FUNCTION mt();
                ALTER TABLE m1 DISABLE TRIGGER m_trg;
                ALTER TABLE m2b ENABLE REPLICA TRIGGER m_trg;
                ALTER TABLE m DISABLE TRIGGER m_off;
                ALTER TABLE m1 ENABLE TRIGGER m_off;
                INSERT INTO m VALUES (1, 1, 'a'), (2, 12, 'b');
                """);
            const string States = "SELECT tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger WHERE tgname IN ('m_trg', 'm_off') ORDER BY 1";
            var expected = await EngineClient.RunAsync(source, States);
            Assert.Contains("m1 m_trg D", expected, StringComparison.Ordinal);
            Assert.Contains("m2b m_trg R", expected, StringComparison.Ordinal);
            Assert.Contains("m1 m_off O", expected, StringComparison.Ordinal);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            // rows inserted afterwards are changed by the triggers as at the source: m1 by m_off only, m2a by m_trg only
            const string Insert = "INSERT INTO m VALUES (4, 2, 'd'), (5, 11, 'e'), (6, 16, 'f')";
            const string Rows = "SELECT id || v FROM m WHERE id >= 4 ORDER BY id";
            await EngineClient.RunAsync(source, Insert);
            var rows = await EngineClient.RunAsync(source, Rows);
            Assert.Equal("4D\n5E\n6f", rows);
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(expected, await EngineClient.RunAsync(target, States));
                await EngineClient.RunAsync(target, Insert);
                Assert.Equal(rows, await EngineClient.RunAsync(target, Rows));
            }
            await Ok("--url", copied, "verify", "--against", source);
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // re-enabled behind the tool's back: verify names the trigger
            await EngineClient.RunAsync(copied, "ALTER TABLE m1 ENABLE TRIGGER m_trg");
            var verify = await CliRunner.RunAsync("--url", copied, "verify", "--against", source);
            Assert.True(verify.ExitCode == 3, verify.All);
            Assert.Contains("trigger m_trg on m", verify.All, StringComparison.Ordinal);
        });
    }
}
