using NexuSql.Migrations;

namespace NexuSql.Tests.Migrations;

public class MigrationVersionTests
{
    [Theory]
    [InlineData("1.10", "1.9")]
    [InlineData("2", "1.99.99")]
    [InlineData("1_2", "1.1")]
    [InlineData("2024_05_02", "2024_05_01.9")]
    [InlineData("10", "9")]
    [InlineData("1.0.1", "1")]
    public void CompareTo_orders_numerically_by_parts(string larger, string smaller)
    {
        Assert.True(MigrationVersion.Parse(larger) > MigrationVersion.Parse(smaller));
        Assert.True(MigrationVersion.Parse(smaller) < MigrationVersion.Parse(larger));
    }

    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("001", "1")]
    [InlineData("1_2", "1.2")]
    public void Equals_ignores_zero_padding_and_trailing_zero_parts(string a, string b)
    {
        Assert.Equal(MigrationVersion.Parse(a), MigrationVersion.Parse(b));
        Assert.Equal(MigrationVersion.Parse(a).GetHashCode(), MigrationVersion.Parse(b).GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.a")]
    [InlineData("1..2")]
    [InlineData("v1")]
    public void Parse_rejects_what_is_not_a_version(string text)
    {
        Assert.False(MigrationVersion.TryParse(text, out _));
        Assert.Throws<FormatException>(() => MigrationVersion.Parse(text));
    }

    [Theory]
    [InlineData("7", "8")]
    [InlineData("007", "008")]
    [InlineData("3.2", "4")]
    [InlineData("99999999999999999999", "100000000000000000000")]
    public void NextMajor_increments_the_first_part_keeping_padding(string current, string next)
    {
        Assert.Equal(next, MigrationVersion.Parse(current).NextMajor().Text);
    }
}
