namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 15), M2: a MariaDB table whose collation is its database's default
/// (utf8mb4_general_ci) took the target database's default (utf8mb4_unicode_ci) through copy and restore — its text
/// then compared otherwise, and keys 'ß' and 'ss', distinct under general_ci, collided. The table's collation now
/// travels whatever the target's default; read back with mariadb.
/// </summary>
public sealed class MariaDbCollationCliTests() : ValueFidelityCliTestBase("mariadb-collation")
{
    [Fact]
    public async Task A_table_keeps_its_collation_when_the_target_database_has_another_default()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            var name = (await EngineClient.RunAsync(source, "SELECT DATABASE()")).Trim();
            await EngineClient.RunScriptAsync(source, $"ALTER DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci; " +
                "CREATE TABLE k (k VARCHAR(10) PRIMARY KEY, v INT); INSERT INTO k VALUES ('ß', 1), ('ss', 2)");
            const string Collation = "SELECT table_collation FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'k'";
            Assert.Equal("utf8mb4_general_ci", await EngineClient.RunAsync(source, Collation));
            var (copied, restored) = await MoveAsync(source, "mysql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("utf8mb4_unicode_ci", await EngineClient.RunAsync(target,
                    "SELECT default_collation_name FROM information_schema.schemata WHERE schema_name = DATABASE()"));
                Assert.Equal("utf8mb4_general_ci", await EngineClient.RunAsync(target, Collation));
                Assert.Equal("1|ß\n2|ss", await EngineClient.RunAsync(target, "SELECT v, k FROM k ORDER BY v"));
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
