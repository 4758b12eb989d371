using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// bt50 M3: a MariaDB or SQLite boolean is an integer, and its checks use it so; on PostgreSQL it is read as the integer
/// it was wherever it is not a truth value of its own (42883 <c>boolean = integer</c> otherwise).
/// </summary>
public class BooleanIntegerTranslateTests
{
    private static readonly ColumnModel[] Columns =
    [
        new("active", new ColumnType(PortableType.Boolean)),
        new("flag", new ColumnType(PortableType.Boolean)),
        new("n", new ColumnType(PortableType.Int32)),
    ];

    [Theory]
    [InlineData("active = 0", "CAST(\"active\" AS INTEGER) = 0")]
    [InlineData("flag IN (0, 1)", "CAST(\"flag\" AS INTEGER) IN (0, 1)")]
    [InlineData("active + flag < 2", "CAST(\"active\" AS INTEGER) + CAST(\"flag\" AS INTEGER) < 2")]
    [InlineData("coalesce(flag, FALSE) = 0", "coalesce(CAST(\"flag\" AS INTEGER), 0) = 0")]
    [InlineData("CASE WHEN n > 0 THEN active ELSE 0 END = 0", "CASE WHEN \"n\" > 0 THEN CAST(\"active\" AS INTEGER) ELSE 0 END = 0")]
    [InlineData("active = TRUE", "CAST(\"active\" AS INTEGER) = 1")]
    // a truth value of its own stays one
    [InlineData("active", "\"active\"")]
    [InlineData("active OR n > 0", "\"active\" OR \"n\" > 0")]
    [InlineData("NOT (flag IS FALSE)", "NOT \"flag\" IS FALSE")]
    [InlineData("flag IS NOT TRUE AND (active)", "\"flag\" IS NOT TRUE AND \"active\"")]
    [InlineData("CASE WHEN active THEN n > 0 ELSE TRUE END", "CASE WHEN \"active\" THEN \"n\" > 0 ELSE TRUE END")]
    [InlineData("n > 0 AND CASE WHEN n > 5 THEN flag ELSE active END", "\"n\" > 0 AND CASE WHEN \"n\" > 5 THEN \"flag\" ELSE \"active\" END")]
    public void Boolean_is_an_integer_where_it_is_used_as_one(string mariaDb, string postgreSql)
    {
        foreach (var source in new SqlDialect[] { MySqlDialect.Instance, SqliteDialect.Instance })
        {
            Assert.Equal(postgreSql, SqlExpressionText.Translate(mariaDb, Columns, source, PostgreSqlDialect.Instance, SqlExpressionText.Use.Exact, out var problem));
            Assert.Null(problem);
        }
    }

    [Fact]
    public void PostgreSql_booleans_go_to_MariaDb_as_written()
    {
        Assert.Equal("`active` = FALSE OR `flag` IS TRUE",
            SqlExpressionText.Translate("active = false OR flag IS TRUE", Columns, PostgreSqlDialect.Instance, MySqlDialect.Instance, SqlExpressionText.Use.Exact, out _));
    }
}
