using NexuSql.MySql;

namespace NexuSql.MySql.Tests;

/// <summary>MariaDB's own-database qualifier is left out of view text outside string literals only (break test 28 L13).</summary>
public class MySqlViewTextTests
{
    [Theory]
    [InlineData("select `shop`.`t`.`id` AS `id` from `shop`.`t`", "select `t`.`id` AS `id` from `t`")]
    [InlineData("select 'shop' AS `a`,'`shop`.' AS `q` from `shop`.`t`", "select 'shop' AS `a`,'`shop`.' AS `q` from `t`")]
    [InlineData("select concat('it''s `shop`.', \"`shop`.\", 'a\\'`shop`.') AS `c` from `shop`.`t`", "select concat('it''s `shop`.', \"`shop`.\", 'a\\'`shop`.') AS `c` from `t`")]
    [InlineData("select `other`.`t`.`id` AS `id` from `other`.`t` join `x``shop`.`u`", "select `other`.`t`.`id` AS `id` from `other`.`t` join `x``shop`.`u`")]
    [InlineData("select 1 AS `shop`", "select 1 AS `shop`")]
    public void WithoutOwnQualifier_leaves_literals_and_other_databases_alone(string stored, string expected) =>
        Assert.Equal(expected, MySqlSchemaReader.WithoutOwnQualifier(stored, "shop"));

    [Theory]
    [InlineData(@"'C:\\dir\\x'", @"'C:\dir\x'")]
    [InlineData(@"'a\nb'", "'a\nb'")]
    [InlineData(@"'it''s \\'", @"'it''s \'")]
    [InlineData(@"'it\'s'", @"'it''s'")]
    [InlineData("'plain'", "'plain'")]
    [InlineData("0", "0")]
    public void StandardLiteral_reads_mariadb_escapes(string stored, string standard) =>
        Assert.Equal(standard, MySqlSchemaReader.StandardLiteral(stored));

    [Theory]
    [InlineData(@"'C:\dir\x'", @"'C:\\dir\\x'")]
    [InlineData("'it''s'", "'it''s'")]
    [InlineData("now()", "CURRENT_TIMESTAMP(6)")]
    public void DefaultSql_escapes_backslashes_of_a_literal(string portable, string written) =>
        Assert.Equal(written, NexuSql.Dialects.MySqlDialect.Instance.DefaultSql(portable));
}
