using NexuSql.Migrations;

namespace NexuSql.Tests.Migrations;

public class MigrationChecksumTests
{
    private const string Script = "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n";

    [Theory]
    [InlineData("CREATE TABLE t (id int);\r\nINSERT INTO t VALUES (1);\r\n")]
    [InlineData("\uFEFFCREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n")]
    [InlineData("CREATE TABLE t (id int);   \nINSERT INTO t VALUES (1);\t\n\n\n")]
    [InlineData("CREATE TABLE t (id int);\rINSERT INTO t VALUES (1);")]
    public void Compute_ignores_line_endings_bom_and_trailing_whitespace(string variant)
    {
        Assert.Equal(MigrationChecksum.Compute(Script), MigrationChecksum.Compute(variant));
    }

    [Theory]
    [InlineData("CREATE TABLE t (id int);\nINSERT INTO t VALUES (2);\n")]
    [InlineData("CREATE TABLE t (id  int);\nINSERT INTO t VALUES (1);\n")]
    [InlineData("  CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n")]
    public void Compute_detects_a_real_edit(string edited)
    {
        Assert.NotEqual(MigrationChecksum.Compute(Script), MigrationChecksum.Compute(edited));
    }

    [Fact]
    public void Compute_is_pinned_so_upgrades_never_re_checksum()
    {
        // CRC-32 (IEEE) of the normalized UTF-8 text; changing this breaks every existing history table.
        Assert.Equal(unchecked((int)0xCBF43926), MigrationChecksum.Compute("123456789"));
        Assert.Equal(MigrationChecksum.Compute("123456789"), MigrationChecksum.Compute("123456789\r\n"));
    }

    [Theory]
    // the test vectors, computed with Flyway's ChecksumCalculator algorithm
    [InlineData("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n", -279898995)]
    [InlineData("CREATE TABLE a (id int);\r\nINSERT INTO a VALUES (1);\r\n", -279898995)]
    [InlineData("\uFEFFCREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n", -279898995)]
    [InlineData("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);", -279898995)]
    [InlineData("CREATE TABLE a (id int);\rINSERT INTO a VALUES (1);\r", -279898995)]
    [InlineData("SELECT 1;  \n\n-- note\n", 347163264)]
    [InlineData("CREATE TABLE café (nom text);\n", 1249010804)]
    public void ComputeFlyway_matches_flyways_values(string text, int expected)
    {
        Assert.Equal(expected, MigrationChecksum.ComputeFlyway(text));
    }

    [Fact]
    public void ComputeFlyway_counts_trailing_spaces_unlike_nexusqls_own_checksum()
    {
        Assert.NotEqual(MigrationChecksum.ComputeFlyway("SELECT 1;\n"), MigrationChecksum.ComputeFlyway("SELECT 1;  \n"));
        Assert.Equal(MigrationChecksum.Compute("SELECT 1;\n"), MigrationChecksum.Compute("SELECT 1;  \n"));
    }
}
