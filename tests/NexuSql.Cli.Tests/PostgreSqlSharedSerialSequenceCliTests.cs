namespace NexuSql.Cli.Tests;

/// <summary>
/// A PostgreSQL column whose default draws from a sequence another column owns — another table's serial
/// (<c>lid int DEFAULT nextval('log_id_seq')</c>, ids unique across both tables) or the same table's other serial column —
/// keeps that default and its nullability (break test 24 B10: it became an identity of its own with a new sequence,
/// NOT NULL, and a NULL in it stopped the copy half-way with a raw 23502). Targets are read with psql.
/// </summary>
public sealed class PostgreSqlSharedSerialSequenceCliTests() : SchemaFidelityCliTestBase("sharedserial")
{
    private const string Columns =
        "SELECT table_name || '.' || column_name || ' ' || is_nullable || ' ' || coalesce(column_default, '-') || ' ' || is_identity FROM information_schema.columns " +
        "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position";

    private const string Sequences = "SELECT string_agg(sequencename, ',' ORDER BY sequencename) FROM pg_sequences WHERE schemaname = 'public'";

    [Fact]
    public async Task Default_of_another_columns_serial_sequence_is_kept_with_its_nullability_and_the_sequence_arrives_once()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            // "a" sorts before log: its table must still be created after the sequence's
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE log (id serial PRIMARY KEY, msg text);
                CREATE TABLE t (id int PRIMARY KEY, v int, lid int DEFAULT nextval('log_id_seq'));
                CREATE TABLE a (id int PRIMARY KEY, lid int DEFAULT nextval('log_id_seq'));
                CREATE TABLE c (id serial PRIMARY KEY, alt int DEFAULT nextval('c_id_seq'));
                INSERT INTO t (id, v) VALUES (1, 1);
                INSERT INTO log (msg) VALUES ('a'), ('b');
                INSERT INTO t VALUES (2, 2, NULL);
                INSERT INTO a (id) VALUES (1);
                INSERT INTO c (alt) VALUES (NULL);
                """);
            var columns = await EngineClient.RunAsync(source, Columns);
            Assert.Contains("t.lid YES nextval('log_id_seq'::regclass) NO", columns, StringComparison.Ordinal);
            Assert.Contains("c.alt YES nextval('c_id_seq'::regclass) NO", columns, StringComparison.Ordinal);
            var sequences = await EngineClient.RunAsync(source, Sequences);
            Assert.Equal("c_id_seq,log_id_seq", sequences);

            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(columns, await EngineClient.RunAsync(target, Columns));
                Assert.Equal(sequences, await EngineClient.RunAsync(target, Sequences));
                // the shared sequence's position arrived: t's 1, log's 2 and 3, a's 4 were drawn from it
                Assert.Equal("5", await EngineClient.RunAsync(target, "INSERT INTO t (id) VALUES (3) RETURNING lid"));
                Assert.Equal("6", await EngineClient.RunAsync(target, "INSERT INTO log (msg) VALUES ('c') RETURNING id"));
                Assert.Equal("2", await EngineClient.RunAsync(target, "INSERT INTO c (alt) VALUES (NULL) RETURNING id"));
                Assert.Equal("", await EngineClient.RunAsync(target, "SELECT lid FROM t WHERE id = 2"));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // --tables t without log: the sequence is created with log only, so t.lid is created without the default, named
            var part = await Db.NewAsync("postgresql");
            var r = await Ok("--json", "copy", "--from", source, "--to", part, "--tables", "t");
            Assert.Contains(r.Json.GetProperty("leftOut").EnumerateArray(), e => e.GetString()!.Contains("column t.lid", StringComparison.Ordinal)
                && e.GetString()!.Contains("log", StringComparison.Ordinal));
            Assert.Equal("t.id NO - NO\nt.v YES - NO\nt.lid YES - NO", await EngineClient.RunAsync(part, Columns));
        });
    }
}
