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
        new("a_check", new ColumnType(PortableType.Int32)),
        new("s", new ColumnType(PortableType.String, Length: 10)),
    ];

    [Theory]
    [InlineData("active = 0", "\"active\" = FALSE")]
    [InlineData("1 <> active", "TRUE <> \"active\"")]
    [InlineData("active = flag OR active > 0", "\"active\" = \"flag\" OR \"active\" > FALSE")]
    [InlineData("flag IN (0, 1)", "\"flag\" IN (FALSE, TRUE)")]
    [InlineData("flag BETWEEN 0 AND 1", "\"flag\" BETWEEN FALSE AND TRUE")]
    [InlineData("coalesce(active, 0) OR n > 0", "coalesce(\"active\", FALSE) OR \"n\" > 0")]
    [InlineData("active + 0 = 1", "CAST(\"active\" AS INTEGER) + 0 = 1")]
    [InlineData("flag IN (0, 2)", "CAST(\"flag\" AS INTEGER) IN (0, 2)")]
    [InlineData("active + flag < 2", "CAST(\"active\" AS INTEGER) + CAST(\"flag\" AS INTEGER) < 2")]
    [InlineData("coalesce(flag, FALSE) = 0", "coalesce(CAST(\"flag\" AS INTEGER), 0) = 0")]
    [InlineData("CASE WHEN n > 0 THEN active ELSE 0 END = 0", "CASE WHEN \"n\" > 0 THEN CAST(\"active\" AS INTEGER) ELSE 0 END = 0")]
    [InlineData("active = TRUE", "\"active\" = TRUE")]
    // a truth value of its own stays one
    [InlineData("active", "\"active\"")]
    [InlineData("active OR n > 0", "\"active\" OR \"n\" > 0")]
    [InlineData("NOT (flag IS FALSE)", "NOT \"flag\" IS FALSE")]
    [InlineData("flag IS NOT TRUE AND (active)", "\"flag\" IS NOT TRUE AND \"active\"")]
    [InlineData("CASE WHEN active THEN n > 0 ELSE TRUE END", "CASE WHEN \"active\" THEN \"n\" > 0 ELSE TRUE END")]
    [InlineData("n > 0 AND CASE WHEN n > 5 THEN flag ELSE active END", "\"n\" > 0 AND CASE WHEN \"n\" > 5 THEN \"flag\" ELSE \"active\" END")]
    // bt51 F3, F4: a comparison's result used as a number; TRUE after IS
    [InlineData("a_check = (n > 5) OR n IS NULL", "\"a_check\" = CAST((\"n\" > 5) AS INTEGER) OR \"n\" IS NULL")]
    [InlineData("active = (n > 5)", "CAST(\"active\" AS INTEGER) = CAST((\"n\" > 5) AS INTEGER)")]
    [InlineData("(active IS TRUE) = (flag IS TRUE) OR n IS NULL", "CAST((\"active\" IS TRUE) AS INTEGER) = CAST((\"flag\" IS TRUE) AS INTEGER) OR \"n\" IS NULL")]
    public void Boolean_is_an_integer_where_it_is_used_as_one(string mariaDb, string postgreSql)
    {
        foreach (var source in new SqlDialect[] { MySqlDialect.Instance, SqliteDialect.Instance })
        {
            Assert.Equal(postgreSql, SqlExpressionText.Translate(mariaDb, Columns, source, PostgreSqlDialect.Instance, SqlExpressionText.Use.Exact, out var problem));
            Assert.Null(problem);
        }
    }

    // bt51 F3: a number where a truth value is wanted (a check, a boolean generated column), and a boolean alone for an integer column
    [Theory]
    [InlineData("n", true, "(\"n\") <> 0")]
    [InlineData("active + 0", true, "(CAST(\"active\" AS INTEGER) + 0) <> 0")]
    [InlineData("coalesce(flag, 0)", true, "coalesce(\"flag\", FALSE)")]
    [InlineData("coalesce(n, 1)", true, "(coalesce(\"n\", 1)) <> 0")]
    [InlineData("active", true, "\"active\"")]
    [InlineData("active", false, "CAST(\"active\" AS INTEGER)")]
    [InlineData("coalesce(flag, 0)", false, "coalesce(CAST(\"flag\" AS INTEGER), 0)")]
    [InlineData("CASE WHEN n > 0 THEN active ELSE 0 END", false, "CASE WHEN \"n\" > 0 THEN CAST(\"active\" AS INTEGER) ELSE 0 END")]
    [InlineData("active AND n > 0", false, "\"active\" AND \"n\" > 0")]
    public void The_whole_is_the_value_the_column_or_check_wants(string mariaDb, bool wholeIsTruth, string postgreSql)
    {
        var translated = SqlExpressionText.Translate(mariaDb, Columns, MySqlDialect.Instance, PostgreSqlDialect.Instance, SqlExpressionText.Use.Exact, out var problem, wholeIsTruth);
        Assert.True(problem is null, problem);
        Assert.Equal(postgreSql, translated);
    }

    // MariaDB's exact-text cast is dropped from the tokens before the booleans are placed (their positions are the written ones)
    [Fact]
    public void A_binary_cast_beside_a_boolean_keeps_each_in_its_place()
    {
        var translated = SqlExpressionText.Translate("cast(`s` as char charset binary) = 'q' or `active` = 0 or `flag` + 1 > 1", Columns, MySqlDialect.Instance,
            PostgreSqlDialect.Instance, SqlExpressionText.Use.Exact, out var problem);
        Assert.True(problem is null, problem);
        Assert.Equal("\"s\" = 'q' OR \"active\" = FALSE OR CAST(\"flag\" AS INTEGER) + 1 > 1", translated);
    }

    [Theory]
    [InlineData("active = flag = 1 OR n > 2", "comparison")]
    [InlineData("active IS NOT TRUE = 1 OR n > 2", "comparison")]
    [InlineData("flag <=> 1 OR n > 0", "NULL-safe")]
    public void What_PostgreSql_reads_otherwise_is_refused_by_name(string mariaDb, string reason)
    {
        Assert.Null(SqlExpressionText.Translate(mariaDb, Columns, MySqlDialect.Instance, PostgreSqlDialect.Instance, SqlExpressionText.Use.Exact, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql", "`active` = 0 OR `flag` + `active` < 2")]
    [InlineData("sqlite", "\"active\" = 0 OR \"flag\" + \"active\" < 2")]
    public void A_booleans_integer_cast_goes_back_as_the_column(string engine, string expected)
    {
        var target = engine == "mysql" ? (SqlDialect)MySqlDialect.Instance : SqliteDialect.Instance;
        var translated = SqlExpressionText.Translate("((active)::integer = 0) OR (((flag)::integer + (active)::integer) < 2)", Columns, PostgreSqlDialect.Instance, target, SqlExpressionText.Use.Exact, out var problem);
        Assert.True(problem is null, problem);
        Assert.Equal(expected, translated);
    }

    [Fact]
    public void PostgreSql_booleans_go_to_MariaDb_as_written()
    {
        Assert.Equal("`active` = FALSE OR `flag` IS TRUE",
            SqlExpressionText.Translate("active = false OR flag IS TRUE", Columns, PostgreSqlDialect.Instance, MySqlDialect.Instance, SqlExpressionText.Use.Exact, out _));
    }
}
