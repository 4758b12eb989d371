namespace NexuSql.Cli.Tests;

/// <summary>
/// PostgreSQL row triggers of a partitioned table are read once, on the table: the clones PostgreSQL keeps on each
/// partition (<c>pg_trigger.tgparentid</c>) are made again by it (break test 24 B5: read as triggers of their own,
/// <c>schema apply</c> failed with 42710 and copy reported a bogus skipped object). Event triggers and comments on
/// triggers, which are not carried, are named under leftOut (B4: they vanished silently). Targets are read with psql.
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
            Assert.Contains(leftOut, l => l.StartsWith("comment on trigger tw on t (", StringComparison.Ordinal));
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(triggers, await EngineClient.RunAsync(target, Triggers));
                Assert.Equal("2", await EngineClient.RunAsync(target, "SELECT count(*) FROM hits"));
                await EngineClient.RunAsync(target, "INSERT INTO pt VALUES (3, 5)");
                Assert.Equal("3", await EngineClient.RunAsync(target, "SELECT count(*) FROM hits"));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");
            var dump = await CliRunner.RunAsync("--url", source, "schema", "dump");
            Assert.Contains("event trigger et", dump.Stderr, StringComparison.Ordinal);
        });
    }
}
