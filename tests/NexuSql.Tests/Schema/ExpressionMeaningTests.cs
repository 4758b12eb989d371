using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// Break test of issue 11 (session 18), H3 and M14: what the expression translator counts as meaning the same on two
/// engines. SQLite's lower()/upper() change only A–Z and its round() takes halves away from zero, so keys, checks and
/// generated columns over them are not the source's there; PostgreSQL's ~ and ILIKE are its own; LIKE compares letters
/// differently everywhere.
/// </summary>
public class ExpressionMeaningTests
{
    private static readonly string[] Columns = ["email", "f", "n", "st"];

    [Theory]
    [InlineData("lower(email) = email", "lower() changes only the letters A–Z on SQLite")]
    [InlineData("upper(email) <> email", "upper() changes only the letters A–Z on SQLite")]
    [InlineData("round(f) <> 3", "a floating-point half rounds to even on PostgreSQL")]
    [InlineData("(email ~ '^[a-z]+$'::text)", "it uses the PostgreSQL operator ~ (a regular-expression match), which SQLite does not have")]
    [InlineData("(email ~~* 'a%'::text)", "ILIKE")]
    [InlineData("(email ~~ 'A%'::text)", "LIKE 'A%' compares letters")]
    [InlineData("email ILIKE 'a%'", "ILIKE is PostgreSQL's own")]
    public void Translate_postgresql_to_sqlite_refuses_what_means_otherwise_there(string expression, string why)
    {
        Assert.Null(SqlExpressionText.Translate(expression, Columns, PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(email ~~ '%@%'::text)", "\"email\" LIKE '%@%'")]
    [InlineData("(email !~~ '%@%'::text)", "\"email\" NOT LIKE '%@%'")]
    [InlineData("(st = ANY (ARRAY['a'::text, 'b'::text]))", "\"st\" IN ('a', 'b')")]
    [InlineData("(length(n) <= 3)", "length(\"n\") <= 3")]
    public void Translate_postgresql_to_sqlite_writes_what_means_the_same(string expression, string sqlite)
    {
        Assert.Equal(sqlite, SqlExpressionText.Translate(expression, Columns, PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Translate_counts_characters_with_each_engines_function_and_refuses_mariadbs_byte_length()
    {
        Assert.Equal("char_length(`n`) <= 3", SqlExpressionText.Translate("length(n) <= 3", Columns, PostgreSqlDialect.Instance, MySqlDialect.Instance, out _));
        Assert.Equal("length(\"n\") <= 3", SqlExpressionText.Translate("char_length(`n`) <= 3", Columns, MySqlDialect.Instance, PostgreSqlDialect.Instance, out _));
        Assert.Null(SqlExpressionText.Translate("length(`n`) <= 3", Columns, MySqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.StartsWith("length() counts bytes on MySQL/MariaDB", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_means_the_same_between_postgresql_and_mariadb_lower_does_not()
    {
        // MariaDB maps case by an older Unicode table (lower('ẞ') stays 'ẞ'; PostgreSQL: 'ß'): break test F19
        Assert.Null(SqlExpressionText.Translate("lower(email) = 'x'", Columns, PostgreSqlDialect.Instance, MySqlDialect.Instance, out var problem));
        Assert.StartsWith("lower() maps some letters otherwise on MySQL/MariaDB", problem, StringComparison.Ordinal);
        Assert.Null(SqlExpressionText.Translate("upper(`email`)", Columns, MySqlDialect.Instance, PostgreSqlDialect.Instance, out _));
        Assert.Equal("round(\"f\") <> 3", SqlExpressionText.Translate("round(`f`) <> 3", Columns, MySqlDialect.Instance, PostgreSqlDialect.Instance, out _));
    }

    [Fact]
    public void A_unique_key_may_become_stricter_never_weaker_and_a_plain_index_either()
    {
        // SQLite → PostgreSQL: PostgreSQL's lower() takes more keys for one; the rows are checked before writing
        Assert.Equal("lower(\"email\")", SqlExpressionText.Translate("lower(email)", Columns, SqliteDialect.Instance, PostgreSqlDialect.Instance, SqlExpressionText.Use.UniqueKey, out _));
        Assert.Null(SqlExpressionText.Translate("lower(email)", Columns, SqliteDialect.Instance, PostgreSqlDialect.Instance, SqlExpressionText.Use.Exact, out _));
        // PostgreSQL → SQLite: a weaker key is refused; a plain index indexes what SQLite's lower() gives
        Assert.Null(SqlExpressionText.Translate("lower(email)", Columns, PostgreSqlDialect.Instance, SqliteDialect.Instance, SqlExpressionText.Use.UniqueKey, out _));
        Assert.Equal("lower(\"email\")", SqlExpressionText.Translate("lower(email)", Columns, PostgreSqlDialect.Instance, SqliteDialect.Instance, SqlExpressionText.Use.Indexed, out _));
        // round() of halves is neither stricter nor weaker: refused for a key either way
        Assert.Null(SqlExpressionText.Translate("round(f)", Columns, SqliteDialect.Instance, PostgreSqlDialect.Instance, SqlExpressionText.Use.UniqueKey, out _));
    }

    [Fact]
    public void Columns_in_an_expression_are_its_column_references_not_its_functions()
    {
        Assert.Equal(["email", "n"], SqlExpressionText.ColumnsIn("lower(\"email\") || coalesce(n, 'x')", ["email", "f", "n", "lower"]));
    }
}
