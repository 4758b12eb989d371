namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 12: a MariaDB CHECK written in a column's definition (<c>a INT CHECK (a &gt; 0)</c>) is the column's own there
/// (information_schema LEVEL 'Column', named after the column, restated by MODIFY and gone with the column). It was read
/// back as a table CHECK named after the column, so MariaDB → MariaDB recreated it at table level (mysqldump differed)
/// and a change of it behind the tool's back was not named as the column's. Now it stays the column's on MariaDB and
/// becomes a table CHECK of that name on PostgreSQL and SQLite.
/// </summary>
public sealed class ColumnCheckCliTests() : SchemaFidelityCliTestBase("column-check")
{
    private const string Setup = "CREATE TABLE t (id INT PRIMARY KEY, a INT CHECK (a > 0), b INT, CONSTRAINT b_pos CHECK (b > 0)); INSERT INTO t VALUES (1, 5, 6)";

    private const string Create = "SELECT CONCAT(constraint_name, ':', level, ':', check_clause) FROM information_schema.check_constraints WHERE constraint_schema = DATABASE() ORDER BY 1";

    [Fact]
    public async Task A_mariadb_column_check_stays_the_columns_there_and_is_a_table_check_elsewhere()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, Setup);
            var expected = await EngineClient.RunAsync(source, Create);
            Assert.Equal("a:Column:`a` > 0\nb_pos:Table:`b` > 0", expected);
            var dump = await DumpAsync(source);
            Assert.Contains("\"check\": {", dump, StringComparison.Ordinal);

            var (copied, restored, _) = await MoveAsync(source, "mysql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(expected, await EngineClient.RunAsync(target, Create));
                Assert.Equal(await SchemaCorpusCliTests.CatalogAsync(source), await SchemaCorpusCliTests.CatalogAsync(target));
            }
            await AssertDumpApplyConvergesAsync(source, "mysql");

            // a change of it behind the tool's back is the column's, and apply restates the column with it
            await EngineClient.RunScriptAsync(copied, "ALTER TABLE t MODIFY a INT CHECK (a > 1)");
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", source);
            Assert.True(diff.ExitCode == 3, diff.All);
            Assert.Contains("change column t.a", diff.All, StringComparison.Ordinal);
            await Ok("--url", copied, "schema", "apply", await WriteAsync(dump));
            Assert.Equal(expected, await EngineClient.RunAsync(copied, Create));

            // PostgreSQL and SQLite keep it as a table check of that name, enforced
            var (pg, pgRestored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { pg, pgRestored })
                Assert.Equal("a|CHECK ((a > 0))\nb_pos|CHECK ((b > 0))", await EngineClient.RunAsync(target,
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 't'::regclass AND contype = 'c' ORDER BY 1"));
            var (sqlite, _, _) = await MoveAsync(source, "sqlite");
            var sql = await EngineClient.RunAsync(sqlite, "SELECT sql FROM sqlite_schema WHERE name = 't'");
            Assert.Contains("CONSTRAINT \"a\" CHECK", sql, StringComparison.Ordinal);
            Assert.Contains("CONSTRAINT \"b_pos\" CHECK", sql, StringComparison.Ordinal);
            Assert.Contains("1|5|6", await EngineClient.RunAsync(sqlite, "SELECT * FROM t"));
            await AssertDumpApplyConvergesAsync(pg, "postgresql");
        });
    }
}
