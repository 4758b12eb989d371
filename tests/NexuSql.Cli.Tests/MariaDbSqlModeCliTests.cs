namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 25 F27: MariaDB triggers and routines were created again under the copying session's sql_mode, not their
/// own: a trigger using <c>||</c> under PIPES_AS_CONCAT computed OR instead of concatenating, and a function written
/// under ANSI_QUOTES failed with a raw 1064 while the copy exited 0. Each keeps its sql_mode now (read with mariadb).
/// </summary>
public sealed class MariaDbSqlModeCliTests() : SchemaFidelityCliTestBase("mariadb-sqlmode")
{
    private const string Modes =
        "SELECT concat(trigger_name, ':', sql_mode) FROM information_schema.triggers WHERE trigger_schema = DATABASE() " +
        "UNION ALL SELECT concat(routine_name, ':', sql_mode) FROM information_schema.routines WHERE routine_schema = DATABASE()";

    [Fact]
    public async Task Mariadb_triggers_and_routines_are_created_under_their_own_sql_mode_and_verify_compares_it()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                SET sql_mode = 'ANSI_QUOTES,PIPES_AS_CONCAT';
                CREATE TABLE t (id int PRIMARY KEY, v varchar(20));
                CREATE TRIGGER tt BEFORE INSERT ON t FOR EACH ROW SET NEW.v = NEW.v || 'x';
                CREATE FUNCTION ff(a varchar(10)) RETURNS varchar(20) DETERMINISTIC RETURN a || 'y';
                """);
            var modes = await EngineClient.RunAsync(source, Modes);
            Assert.Equal("tt:PIPES_AS_CONCAT,ANSI_QUOTES\nff:PIPES_AS_CONCAT,ANSI_QUOTES", modes);
            var (copied, restored, copy) = await MoveAsync(source, "mysql");
            Assert.Empty(Skipped(copy));
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(modes, await EngineClient.RunAsync(target, Modes));
                Assert.Equal("ax|by", await EngineClient.RunAsync(target, "INSERT INTO t VALUES (1, 'a'); SELECT v, ff('b') FROM t;"));
            }
            await Ok("--url", copied, "verify", "--against", source, "--checks", "schema");
            await AssertDumpApplyConvergesAsync(source, "mysql");
            // the same text under another mode is another trigger: verify names it
            await EngineClient.RunAsync(copied, "DROP TRIGGER tt; SET sql_mode = 'ANSI_QUOTES'; CREATE TRIGGER tt BEFORE INSERT ON t FOR EACH ROW SET NEW.v = NEW.v || 'x';");
            var verify = await CliRunner.RunAsync("--url", copied, "verify", "--against", source, "--checks", "schema");
            Assert.True(verify.ExitCode == 3, verify.All);
            Assert.Contains("tt", verify.All, StringComparison.Ordinal);
        });
    }
}
