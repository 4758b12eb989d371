namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 11 break test F17: a MariaDB ENUM column holding the error value '' (index 0: what a lax sql_mode stores for a
/// value that is not a label) stopped MariaDB → MariaDB copy and restore ("a load refuses it"). The server takes it back
/// under a mode without STRICT_*, so the rows holding it are loaded that way and arrive as themselves: <c>col+0</c> is 0
/// on both sides, read with the mariadb client.
/// </summary>
public sealed class MariaDbEnumErrorValueCliTests() : ValueFidelityCliTestBase("enum-error-value")
{
    [Fact]
    public async Task Copy_and_backup_restore_between_mariadb_databases_carry_the_enum_error_value()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE e (id int PRIMARY KEY, c enum('a','b') NULL, n enum('x','y') NOT NULL, v varchar(5) NOT NULL); " +
                "SET SESSION sql_mode = ''; INSERT INTO e VALUES (1, 'a', 'x', 'p'), (2, 'zzz', 'nope', 'q'), (3, NULL, 'y', 'r'), (4, 'b', '', '');");
            const string read = "SELECT id, c, c+0, n, n+0, v FROM e ORDER BY id";
            Assert.Equal("1|a|1|x|1|p\n2||0||0|q\n3|NULL|NULL|y|2|r\n4|b|2||0|", await EngineClient.RunAsync(source, read));
            var (copied, restored) = await MoveAsync(source, "mysql");
            await AssertSameAsync(read, source, copied, restored);
            await Ok("--url", source, "verify", "--against", copied, "--checks", "data");
            await Ok("--url", restored, "verify", "--against", source, "--checks", "data");
            // only the load's own statements run without STRICT_*: an INSERT of '' is still refused
            var strict = await CliRunner.RunAsync("--url", copied, "exec", "INSERT INTO e VALUES (9, '', 'x', 's')");
            Assert.NotEqual(0, strict.ExitCode);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
