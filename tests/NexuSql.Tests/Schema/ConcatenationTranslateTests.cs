using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// Break test 30 F11: PostgreSQL's and SQLite's <c>||</c> of text is CONCAT on MariaDB/MySQL (where <c>||</c> is OR),
/// only where every operand is text and nothing beside the chain binds more tightly.
/// </summary>
public class ConcatenationTranslateTests
{
    private static readonly ColumnModel[] Columns =
    [
        new("fn", new ColumnType(PortableType.Text)),
        new("ln", new ColumnType(PortableType.String, Length: 20)),
        new("code", new ColumnType(PortableType.String, Length: 3, Fixed: true)),
        new("qty", new ColumnType(PortableType.Int32)),
    ];

    private static string? Translate(string expression, SqlDialect from, out string? problem) =>
        SqlExpressionText.Translate(expression, Columns, from, MySqlDialect.Instance, SqlExpressionText.Use.Exact, out problem);

    [Theory]
    // PostgreSQL's generation_expression
    [InlineData("((fn || ' '::text) || (ln)::text)", "CONCAT(`fn`, ' ', `ln`)")]
    [InlineData("fn || (ln || fn)", "CONCAT(`fn`, `ln`, `fn`)")]
    [InlineData("fn || ' ' || ln", "CONCAT(`fn`, ' ', `ln`)")]
    [InlineData("replace(fn, 'a', 'b') || '-' || trim(ln)", "CONCAT(replace(`fn`, 'a', 'b'), '-', trim(`ln`))")]
    [InlineData("CASE WHEN fn IS NULL THEN ln ELSE fn || ln END", "CASE WHEN `fn` IS NULL THEN `ln` ELSE CONCAT(`fn`, `ln`) END")]
    [InlineData("(fn || ln) IS NOT NULL", "CONCAT(`fn`, `ln`) IS NOT NULL")]
    public void Text_concatenation_is_concat_on_mariadb(string expression, string mysql)
    {
        Assert.Equal(mysql, Translate(expression, PostgreSqlDialect.Instance, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    // a number (PostgreSQL converts it to text, MariaDB too, but not provably alike), a blank-padded char(n), an
    // unknown function, arithmetic beside the chain (grouped otherwise by SQLite), PostgreSQL's concat() (skips NULLs)
    [InlineData("fn || qty")]
    [InlineData("fn || code")]
    [InlineData("md5(fn) || ln")]
    [InlineData("upper(fn) || ln")]
    [InlineData("fn || ln || qty + 1")]
    [InlineData("concat(fn, ln)")]
    public void Other_concatenations_are_refused(string expression)
    {
        Assert.Null(Translate(expression, PostgreSqlDialect.Instance, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Sqlite_concatenation_is_concat_on_mariadb_and_stays_as_it_is_elsewhere()
    {
        Assert.Equal("CONCAT(`fn`, ' ', `ln`)", Translate("fn || ' ' || ln", SqliteDialect.Instance, out _));
        Assert.Equal("\"fn\" || ' ' || \"ln\"",
            SqlExpressionText.Translate("fn || ' ' || ln", Columns, PostgreSqlDialect.Instance, SqliteDialect.Instance, SqlExpressionText.Use.Exact, out _));
    }
}

/// <summary>
/// Break test 37 M7: MariaDB's CONCAT of text is <c>||</c> on PostgreSQL and SQLite (NULL when an argument is, as ||
/// is; not PostgreSQL's concat(), which skips NULLs), only where every argument is text; a character count of a
/// collated column is no comparison.
/// </summary>
public class ConcatCallTranslateTests
{
    private static readonly ColumnModel[] Columns =
    [
        new("fn", new ColumnType(PortableType.Text)) { Collation = "utf8mb4_general_ci" },
        new("ln", new ColumnType(PortableType.String, Length: 20)),
        new("code", new ColumnType(PortableType.String, Length: 3, Fixed: true)),
        new("qty", new ColumnType(PortableType.Int32)),
    ];

    private static string? Translate(string expression, SqlDialect to, out string? problem) =>
        SqlExpressionText.Translate(expression, Columns, MySqlDialect.Instance, to, SqlExpressionText.Use.Exact, out problem);

    [Theory]
    [InlineData("concat(`fn`,' <',`ln`,'>')", "(\"fn\" || ' <' || \"ln\" || '>')")]
    [InlineData("concat(`fn`,concat('-',`ln`))", "(\"fn\" || ('-' || \"ln\"))")]
    [InlineData("concat(trim(`fn`),'x') is not null", "(trim(\"fn\") || 'x') IS NOT NULL")]
    public void Text_concat_is_double_pipe_on_postgresql_and_sqlite(string expression, string translated)
    {
        foreach (var to in new SqlDialect[] { PostgreSqlDialect.Instance, SqliteDialect.Instance })
        {
            Assert.Equal(translated, Translate(expression, to, out var problem));
            Assert.Null(problem);
        }
    }

    [Theory]
    [InlineData("concat(`fn`,`qty`)")]
    [InlineData("concat(`fn`,`code`)")]
    [InlineData("concat(md5(`fn`),`ln`)")]
    public void Other_concat_calls_are_refused(string expression)
    {
        Assert.Null(Translate(expression, PostgreSqlDialect.Instance, out var problem));
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData("char_length(`fn`)", false)]
    [InlineData("concat(`fn`,'x')", false)]
    [InlineData("substr(`fn`,1,2)", false)]
    [InlineData("`fn` = 'a'", true)]
    [InlineData("`fn` in ('a','b')", true)]
    [InlineData("case `fn` when 'a' then 1 end", true)]
    [InlineData("locate('a',`fn`)", true)]
    [InlineData("`fn` <= 'b'", true)]
    public void Only_an_expression_that_compares_text_may_depend_on_a_collation(string expression, bool compares) =>
        Assert.Equal(compares, SqlExpressionText.MayCompareText(expression));
}
