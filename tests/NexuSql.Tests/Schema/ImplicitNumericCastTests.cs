using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// Break test 30 F11: PostgreSQL writes <c>qty * price</c> (integer times numeric) back as <c>(qty)::numeric * price</c>;
/// the cast changes nothing where the other operand is a decimal column and the operator is +, - or *.
/// </summary>
public class ImplicitNumericCastTests
{
    private static readonly ColumnModel[] Columns =
    [
        new("qty", new ColumnType(PortableType.Int32)),
        new("n", new ColumnType(PortableType.Int64)),
        new("price", new ColumnType(PortableType.Decimal, Precision: 10, Scale: 2)),
    ];

    private static string? Translate(string expression, SqlDialect to, out string? problem) =>
        SqlExpressionText.Translate(expression, Columns, PostgreSqlDialect.Instance, to, SqlExpressionText.Use.Exact, out problem);

    [Theory]
    [InlineData("((qty)::numeric * price)", "`qty` * `price`")]
    [InlineData("(price - (n)::numeric)", "`price` - `n`")]
    public void An_integer_column_cast_to_numeric_beside_a_decimal_column_needs_no_cast_on_mariadb(string expression, string mysql)
    {
        Assert.Equal(mysql, Translate(expression, MySqlDialect.Instance, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("((qty)::numeric / price)")]
    [InlineData("((qty)::numeric * 1.5)")]
    [InlineData("(((qty)::numeric * price) / (3)::numeric)")]
    [InlineData("((qty)::numeric / (2)::numeric)")]
    public void Other_numeric_casts_stay_refused(string expression)
    {
        Assert.Null(Translate(expression, MySqlDialect.Instance, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Into_sqlite_the_decimal_arithmetic_is_refused_as_before()
    {
        Assert.Null(Translate("((qty)::numeric * price)", SqliteDialect.Instance, out var problem));
        Assert.Contains("decimal column price", problem, StringComparison.Ordinal);
    }
}
