namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue #12 L15: a MariaDB 10.6+ <c>IGNORED</c> index (<c>ALTER TABLE t ALTER INDEX i IGNORED</c>: kept up to date, not
/// used by the optimizer) arrived as an ordinary index by MariaDB → MariaDB copy and backup/restore — plans changed — and
/// verify said OK. Now an index (a unique key too) keeps <c>"ignored": true</c>, verify and schema diff see a difference,
/// and into another engine it is created as an ordinary index and named. Targets are read with the mariadb client.
/// </summary>
public sealed class MariaDbIgnoredIndexCliTests() : SchemaFidelityCliTestBase("mariadb-ignored-index")
{
    private const string Indexes = "SELECT index_name, non_unique, ignored FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 't' ORDER BY index_name";

    [Fact]
    public async Task Ignored_indexes_arrive_ignored_and_verify_and_diff_see_them()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE t (id int PRIMARY KEY, a int, b int, c int, KEY i (a), KEY j (b), UNIQUE KEY uq (c));
                ALTER TABLE t ALTER INDEX i IGNORED;
                ALTER TABLE t ALTER INDEX uq IGNORED;
                INSERT INTO t VALUES (1, 1, 1, 1), (2, 2, 2, 2);
                """);
            var expected = await EngineClient.RunAsync(source, Indexes);
            Assert.Equal("i|1|YES\nj|1|NO\nPRIMARY|0|NO\nuq|0|YES", expected);
            var (copied, restored, _) = await MoveAsync(source, "mysql");
            Assert.Equal(expected, await EngineClient.RunAsync(copied, Indexes));
            Assert.Equal(expected, await EngineClient.RunAsync(restored, Indexes));
            await Ok("--url", source, "verify", "--against", restored);
            await AssertDumpApplyConvergesAsync(source, "mysql");

            // changed behind the tool's back: verify names it, schema diff puts it back
            await EngineClient.RunScriptAsync(copied, "ALTER TABLE t ALTER INDEX i NOT IGNORED;");
            var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", copied);
            Assert.True(verify.ExitCode == 3, verify.All);
            Assert.Contains("table t: index i: ignored: true in the first database, none in the second", verify.All, StringComparison.Ordinal);
            var file = await WriteAsync(await DumpAsync(source));
            await Ok("--url", copied, "schema", "apply", file, "--yes", "--allow-drop");
            Assert.Equal(expected, await EngineClient.RunAsync(copied, Indexes));

            // into another engine: an ordinary index, named
            var postgres = await Db.NewAsync("postgresql");
            var intoPostgres = await Ok("--json", "copy", "--from", source, "--to", postgres);
            Assert.Contains(Skipped(intoPostgres), s => s.StartsWith("index i on t (a) ignored: created as an ordinary index (", StringComparison.Ordinal));
            Assert.Contains(Skipped(intoPostgres), s => s.StartsWith("index uq on t unique (c) ignored: created as an ordinary index", StringComparison.Ordinal));
        });
    }
}
