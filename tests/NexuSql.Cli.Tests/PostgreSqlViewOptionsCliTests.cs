namespace NexuSql.Cli.Tests;

/// <summary>
/// PostgreSQL view options kept in <c>pg_class.reloptions</c> — <c>WITH [CASCADED | LOCAL] CHECK OPTION</c>,
/// <c>security_barrier</c>, <c>security_invoker</c> — arrive as they were (break test 23 F30: <c>pg_get_viewdef</c>
/// leaves them out, and copies dropped them silently, so writes through the view passed that the source refuses). Targets
/// are read with psql.
/// </summary>
public sealed class PostgreSqlViewOptionsCliTests() : SchemaFidelityCliTestBase("viewopts")
{
    private const string Options =
        "SELECT c.relname || '=' || coalesce(array_to_string(c.reloptions, ','), '') FROM pg_class c WHERE c.relkind = 'v' AND c.relnamespace = 'public'::regnamespace ORDER BY 1";

    [Fact]
    public async Task Check_option_security_barrier_and_security_invoker_arrive_and_a_write_the_source_refuses_is_refused()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE t (id int PRIMARY KEY, v int);
                INSERT INTO t VALUES (1, 5);
                CREATE VIEW vpos AS SELECT * FROM t WHERE v > 0 WITH CASCADED CHECK OPTION;
                CREATE VIEW vloc AS SELECT * FROM vpos WHERE v < 100 WITH LOCAL CHECK OPTION;
                CREATE VIEW vsb WITH (security_barrier) AS SELECT * FROM t;
                CREATE VIEW vinv WITH (security_invoker = on) AS SELECT * FROM t;
                CREATE VIEW vplain AS SELECT * FROM t;
                """);
            var expected = await EngineClient.RunAsync(source, Options);
            Assert.Equal("vinv=security_invoker=on\nvloc=check_option=local\nvplain=\nvpos=check_option=cascaded\nvsb=security_barrier=true", expected);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(expected.Replace("security_invoker=on", "security_invoker=true", StringComparison.Ordinal), await EngineClient.RunAsync(target, Options));
                var refused = await CliRunner.RunAsync("--url", target, "exec", "INSERT INTO vpos VALUES (2, -1)");
                Assert.True(refused.ExitCode != 0, refused.All);
                Assert.Contains("check option", refused.All, StringComparison.OrdinalIgnoreCase);
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // a check option added behind the tool's back is a difference
            await EngineClient.RunAsync(copied, "CREATE OR REPLACE VIEW vplain WITH (check_option = cascaded) AS SELECT * FROM t");
            var file = await WriteAsync(await DumpAsync(source));
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", file);
            Assert.True(diff.ExitCode == 3, diff.All);
            Assert.Contains("vplain", diff.All, StringComparison.Ordinal);
        });
    }
}
