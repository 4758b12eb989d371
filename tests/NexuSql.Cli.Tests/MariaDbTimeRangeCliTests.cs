namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F32: MariaDB's TIME holds -838:59:59.999999 to 838:59:59.999999 (MySQL's ends at 838:59:59.000000);
/// values in between were refused as outside "MySQL/MariaDB's time range" by copy (where the value check ran, a table
/// with an ENUM column) and by import, though the server stores them. Read back with the mariadb client.
/// </summary>
public sealed class MariaDbTimeRangeCliTests() : ValueFidelityCliTestBase("mariadb-time-range")
{
    [Fact]
    public async Task Time_with_a_fraction_beyond_838_59_59_is_copied_restored_and_imported()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            // the ENUM column makes copy and restore check every value
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, tm time(6), e enum('x','y')); " +
                "INSERT INTO t (id, tm, e) VALUES (1, '-838:59:59.999999', 'x'), (2, '838:59:59.5', 'y'), (3, '838:59:59.999999', NULL);");
            const string read = "SELECT id, tm, e FROM t ORDER BY id";
            Assert.Equal("1|-838:59:59.999999|x\n2|838:59:59.500000|y\n3|838:59:59.999999|NULL", await EngineClient.RunAsync(source, read));
            var (copied, restored) = await MoveAsync(source, "mysql");
            await AssertSameAsync(read, source, copied, restored);
            var into = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(into, "CREATE TABLE tt (id int PRIMARY KEY, tm time(6));");
            var folder = await FolderAsync("imp", "tt", "id,tm\n1,838:59:59.5\n2,-838:59:59.999999\n");
            await Ok("--url", into, "import", folder);
            Assert.Equal("1|838:59:59.500000\n2|-838:59:59.999999", await EngineClient.RunAsync(into, "SELECT id, tm FROM tt ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
