namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 25 F16: rows were loaded through the target's own triggers — a partition's clone of its parent's row
/// trigger in <c>restore --tables partition --replace</c>, a table's trigger in <c>copy --data-only</c> — so a BEFORE
/// INSERT trigger rewrote them, the read-back check failed after the old rows were dropped, and running again could
/// never succeed. A load now turns the table's (and its partitions') firing triggers off in its transaction and gives
/// each back its own state after, as <c>pg_restore --disable-triggers</c> does.
/// </summary>
public sealed class PostgreSqlLoadTriggersCliTests() : SchemaFidelityCliTestBase("pg-load-triggers")
{
    private const string States = "SELECT string_agg(tgrelid::regclass::text || ':' || tgname || '=' || tgenabled::text, ',' ORDER BY tgrelid::regclass::text, tgname) FROM pg_trigger WHERE NOT tgisinternal";

    private const string Rows = "SELECT (SELECT string_agg(id || '/' || k || '/' || upd, ',' ORDER BY id) FROM ev) || ';' || (SELECT string_agg(id || '/' || upd, ',' ORDER BY id) FROM plain)";

    [Fact]
    public Task Rows_are_loaded_as_read_and_every_trigger_keeps_its_state() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE ev (id int, k int, upd timestamptz, PRIMARY KEY (id, k)) PARTITION BY LIST (k);
            CREATE TABLE ev1 PARTITION OF ev FOR VALUES IN (1);
            CREATE TABLE ev2 PARTITION OF ev FOR VALUES IN (2);
            CREATE TABLE plain (id int PRIMARY KEY, upd timestamptz);
            INSERT INTO ev VALUES (1, 1, '2020-01-01 00:00+00'), (2, 2, '2020-01-02 00:00+00');
            INSERT INTO plain VALUES (1, '2021-01-01 00:00+00');
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN new.upd := clock_timestamp(); RETURN new; END $$;
            CREATE TRIGGER ev_touch BEFORE INSERT OR UPDATE ON ev FOR EACH ROW EXECUTE FUNCTION touch();
            ALTER TABLE ev1 DISABLE TRIGGER ev_touch;
            CREATE TRIGGER plain_touch BEFORE INSERT ON plain FOR EACH ROW EXECUTE FUNCTION touch();
            ALTER TABLE plain ENABLE ALWAYS TRIGGER plain_touch;
            """);
        var rows = await EngineClient.RunAsync(source, Rows);
        var states = await EngineClient.RunAsync(source, States);
        Assert.Equal("ev:ev_touch=O,ev1:ev_touch=D,ev2:ev_touch=O,plain:plain_touch=A", states);

        // copy --data-only into tables whose triggers are there already
        var target = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", target, "--schema-only");
        await Ok("copy", "--from", source, "--to", target, "--data-only");
        Assert.Equal(rows, await EngineClient.RunAsync(target, Rows));
        Assert.Equal(states, await EngineClient.RunAsync(target, States));

        // restore --tables of a partition with --replace: recreated as a partition, it gets the parent's trigger clone
        var file = Db.File("ev.nxb");
        await Ok("--url", source, "backup", "-o", file);
        await EngineClient.RunAsync(target, "UPDATE ev SET upd = NULL WHERE id = 2");
        await Ok("--url", target, "restore", file, "--tables", "ev2", "--replace", "--yes");
        Assert.Equal(rows, await EngineClient.RunAsync(target, Rows));
        Assert.Equal(states, await EngineClient.RunAsync(target, States));
        await Ok("--url", target, "verify", "--against", source);

        // the triggers fire again once the load is over
        await EngineClient.RunAsync(target, "INSERT INTO plain VALUES (2, '1999-01-01 00:00+00')");
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM plain WHERE upd = '1999-01-01 00:00+00'"));
    });
}
