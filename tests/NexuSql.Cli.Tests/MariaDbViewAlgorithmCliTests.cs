namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 25 F17: a MariaDB view's ALGORITHM (TEMPTABLE, MERGE) was dropped by copy: a view the source refuses
/// INSERTs through took them on the copy. It is kept now, and a changed one is a difference (read with mariadb).
/// </summary>
public sealed class MariaDbViewAlgorithmCliTests() : SchemaFidelityCliTestBase("mariadb-view-algorithm")
{
    [Fact]
    public async Task Mariadb_view_algorithm_is_carried_and_compared()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE t (id int PRIMARY KEY);
                CREATE ALGORITHM=TEMPTABLE SQL SECURITY INVOKER VIEW vt AS SELECT id FROM t;
                CREATE ALGORITHM=MERGE VIEW vm AS SELECT id FROM t WHERE id > 0 WITH LOCAL CHECK OPTION;
                CREATE VIEW vu AS SELECT id FROM t;
                """);
            const string Algorithms = "SELECT group_concat(concat(table_name, ':', algorithm, ':', is_updatable) ORDER BY table_name) FROM information_schema.views WHERE table_schema = DATABASE()";
            var expected = await EngineClient.RunAsync(source, Algorithms);
            Assert.Equal("vm:MERGE:YES,vt:TEMPTABLE:NO,vu:UNDEFINED:YES", expected);
            var (copied, restored, _) = await MoveAsync(source, "mysql");
            foreach (var target in new[] { copied, restored })
                Assert.Equal(expected, await EngineClient.RunAsync(target, Algorithms));
            await Ok("--url", copied, "verify", "--against", source, "--checks", "schema");
            await AssertDumpApplyConvergesAsync(source, "mysql");
            await EngineClient.RunAsync(copied, "CREATE OR REPLACE ALGORITHM=UNDEFINED SQL SECURITY INVOKER VIEW vt AS SELECT id FROM t;");
            var verify = await CliRunner.RunAsync("--url", copied, "verify", "--against", source, "--checks", "schema");
            Assert.True(verify.ExitCode == 3, verify.All);
            Assert.Contains("vt", verify.All, StringComparison.Ordinal);
        });
    }
}
