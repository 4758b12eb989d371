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
}
