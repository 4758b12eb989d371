namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue #12 L15: a PostgreSQL primary key or unique constraint with included columns (<c>UNIQUE (a) INCLUDE (b)</c>,
/// <c>PRIMARY KEY (id) INCLUDE (x)</c>) arrived without them by PG → PG copy and backup/restore — index-only scans gone —
/// and verify said OK. Now the key keeps them (<c>"include"</c>), verify and schema diff see a difference, and into
/// another engine the key is created without them and named. Targets are read with psql.
/// </summary>
public sealed class PostgreSqlKeyIncludeCliTests() : SchemaFidelityCliTestBase("pg-key-include")
{
    private const string Keys = "SELECT string_agg(c.conname || ' ' || pg_get_indexdef(c.conindid), ',' ORDER BY c.conname) FROM pg_constraint c WHERE c.contype IN ('p', 'u') AND c.conrelid = 't'::regclass";

    [Fact]
    public async Task Key_include_columns_arrive_and_verify_and_diff_see_them()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE t (id int, a int, b text, x int, CONSTRAINT t_pk PRIMARY KEY (id) INCLUDE (x));
                ALTER TABLE t ADD CONSTRAINT u UNIQUE (a) INCLUDE (b);
                INSERT INTO t VALUES (1, 1, 'one', 10), (2, 2, 'two', 20);
                """);
            var expected = await EngineClient.RunAsync(source, Keys);
            Assert.Equal("t_pk CREATE UNIQUE INDEX t_pk ON public.t USING btree (id) INCLUDE (x),u CREATE UNIQUE INDEX u ON public.t USING btree (a) INCLUDE (b)", expected);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            Assert.Equal(expected, await EngineClient.RunAsync(copied, Keys));
            Assert.Equal(expected, await EngineClient.RunAsync(restored, Keys));
            await Ok("--url", source, "verify", "--against", restored);
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // changed behind the tool's back: verify names it, schema diff puts it back
            await EngineClient.RunScriptAsync(copied, "ALTER TABLE t DROP CONSTRAINT u; ALTER TABLE t ADD CONSTRAINT u UNIQUE (a);");
            var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", copied);
            Assert.True(verify.ExitCode == 3, verify.All);
            Assert.Contains("table t: unique key u: include: [\"b\"] in the first database, none in the second", verify.All, StringComparison.Ordinal);
            var file = await WriteAsync(await DumpAsync(source));
            await Ok("--url", copied, "schema", "apply", file, "--yes", "--allow-drop");
            Assert.Equal(expected, await EngineClient.RunAsync(copied, Keys));

            // into another engine: created without, and named
            var sqlite = await Db.NewAsync("sqlite");
            var intoSqlite = await Ok("--json", "copy", "--from", source, "--to", sqlite);
            Assert.Contains(Skipped(intoSqlite), s => s == "unique key u of t (INCLUDE (b): created without; SQLite's keys take no included columns)");
            Assert.Contains(Skipped(intoSqlite), s => s == "primary key of t (INCLUDE (x): created without; SQLite's keys take no included columns)");
        });
    }
}
