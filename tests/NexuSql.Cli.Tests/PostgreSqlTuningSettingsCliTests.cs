namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue #12 L15: PostgreSQL tuning settings a table keeps — a column's <c>SET COMPRESSION lz4</c> and attribute options
/// (<c>SET (n_distinct = 100)</c>), and the table's <c>CLUSTER ON</c> index — were lost by PG → PG copy and
/// backup/restore, and verify said OK (STORAGE, STATISTICS and the table's <c>WITH (fillfactor=70)</c> were already
/// carried: checked here too). Now they arrive, verify and schema diff see a change, and into another engine they are
/// named as not carried. Targets are read with psql.
/// </summary>
public sealed class PostgreSqlTuningSettingsCliTests() : SchemaFidelityCliTestBase("pg-tuning")
{
    private const string Settings =
        "SELECT (SELECT string_agg(attname::text || ':' || attstorage::text || ':' || attcompression::text || ':' || coalesce(array_to_string(attoptions, ';'), '') || ':' || attstattarget, ' ' ORDER BY attnum) " +
        "  FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0) || ' | ' || array_to_string((SELECT reloptions FROM pg_class WHERE oid = 't'::regclass), ',') || ' | ' || " +
        "  (SELECT string_agg(indexrelid::regclass::text, ',') FROM pg_index WHERE indrelid = 't'::regclass AND indisclustered)";

    [Fact]
    public async Task Compression_attribute_options_and_cluster_on_arrive_and_verify_and_diff_see_them()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE t (id int PRIMARY KEY, a int, b text, c text, d int) WITH (fillfactor = 70);
                CREATE INDEX t_d ON t (d);
                ALTER TABLE t ALTER COLUMN b SET STORAGE EXTERNAL;
                ALTER TABLE t ALTER COLUMN c SET COMPRESSION pglz;
                ALTER TABLE t ALTER COLUMN a SET (n_distinct = 100);
                ALTER TABLE t ALTER COLUMN d SET STATISTICS 500;
                ALTER TABLE t CLUSTER ON t_d;
                INSERT INTO t VALUES (1, 1, 'x', 'y', 1);
                """);
            var expected = await EngineClient.RunAsync(source, Settings);
            Assert.Equal("id:p:::-1 a:p::n_distinct=100:-1 b:e:::-1 c:x:p::-1 d:p:::500 | fillfactor=70 | t_d", expected);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            Assert.Equal(expected, await EngineClient.RunAsync(copied, Settings));
            Assert.Equal(expected, await EngineClient.RunAsync(restored, Settings));
            await Ok("--url", source, "verify", "--against", restored);
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // changed behind the tool's back: verify names each, schema apply puts them back
            await EngineClient.RunScriptAsync(copied, "ALTER TABLE t SET WITHOUT CLUSTER; ALTER TABLE t ALTER c SET COMPRESSION DEFAULT; ALTER TABLE t ALTER a RESET (n_distinct);");
            var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", copied);
            Assert.True(verify.ExitCode == 3, verify.All);
            Assert.Contains("table t: cluster on: 't_d' in the first database, none in the second", verify.All, StringComparison.Ordinal);
            Assert.Contains("table t: column c: compression: 'pglz' in the first database, none in the second", verify.All, StringComparison.Ordinal);
            Assert.Contains("table t: column a: attribute options: [\"n_distinct=100\"] in the first database, none in the second", verify.All, StringComparison.Ordinal);
            var file = await WriteAsync(await DumpAsync(source));
            await Ok("--url", copied, "schema", "apply", file, "--yes");
            Assert.Equal(expected, await EngineClient.RunAsync(copied, Settings));
            await Ok("--url", source, "verify", "--against", copied);

            // into another engine: named, not dropped silently
            var sqlite = await Db.NewAsync("sqlite");
            var intoSqlite = await Ok("--json", "copy", "--from", source, "--to", sqlite);
            Assert.Contains(Skipped(intoSqlite), s => s == "CLUSTER ON t_d of table t: SQLite has none");
            Assert.Contains(Skipped(intoSqlite), s => s == "COMPRESSION pglz of column t.c: SQLite has no such column settings");
            Assert.Contains(Skipped(intoSqlite), s => s == "(n_distinct=100) of column t.a: SQLite has no such column settings");
        });
    }
}
