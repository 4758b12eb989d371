using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// Break test of issue 11/12 (session 19: F20, F21, F4, F7, F8): what the translator decides once it knows the
/// columns' types — substr's start, division by zero, narrow integer overflow, text compared under MariaDB's
/// case-insensitive collation, float against integer and exact division, numeric against float round().
/// </summary>
public class ExpressionMeaningTypedTests
{
    private static readonly ColumnModel[] Columns =
    [
        new("s", new ColumnType(PortableType.Text)),
        new("i", new ColumnType(PortableType.Int32)),
        new("big", new ColumnType(PortableType.Int64)),
        new("x", new ColumnType(PortableType.Decimal)),
        new("f", new ColumnType(PortableType.Float64)),
        new("price", new ColumnType(PortableType.Decimal, Precision: 10, Scale: 2)),
        new("d", new ColumnType(PortableType.Date)),
        new("t", new ColumnType(PortableType.Timestamp)),
    ];

    private static string? Translate(string expression, SqlDialect from, SqlDialect to, out string? problem) =>
        SqlExpressionText.Translate(expression, Columns, from, to, SqlExpressionText.Use.Exact, out problem);

    [Theory]
    [InlineData("substr(s, '-1'::integer, 3) = 'a'")]
    [InlineData("substr(s, 0, 2) = 'a'")]
    [InlineData("substr(s, i, 2) = 'a'")]
    [InlineData("substr(s, 2, -1) = ''")]
    public void Substr_from_a_start_below_1_or_a_negative_count_is_refused(string expression)
    {
        Assert.Null(Translate(expression, PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.StartsWith("substr() with a ", problem, StringComparison.Ordinal);
        Assert.Null(Translate(expression, PostgreSqlDialect.Instance, MySqlDialect.Instance, out _));
    }

    [Fact]
    public void Substr_from_a_positive_literal_start_translates()
    {
        Assert.Equal("substr(\"s\", 2, 3) = 'ab'", Translate("substr(s, 2, 3) = 'ab'", PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Division_by_a_column_into_sqlite_is_refused_by_a_nonzero_number_is_not()
    {
        Assert.Null(Translate("(i / big) >= 1", PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.Equal("division by zero is an error on PostgreSQL but NULL on SQLite (a check over a / b that PostgreSQL refuses for b = 0 lets the row in on SQLite)", problem);
        Assert.Null(Translate("big / i > 1", SqliteDialect.Instance, PostgreSqlDialect.Instance, out problem));
        Assert.StartsWith("division by zero is an error on PostgreSQL but NULL on SQLite", problem, StringComparison.Ordinal);
        Assert.Equal("\"big\" / 2 >= 1", Translate("big / 2 >= 1", PostgreSqlDialect.Instance, SqliteDialect.Instance, out _));
    }

    [Fact]
    public void Arithmetic_on_a_32_bit_integer_column_is_refused_where_the_other_engine_computes_in_64_bits()
    {
        Assert.Null(Translate("i * 2 > 0", PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.StartsWith("the operator * on the integer column i fails past the column type's range on PostgreSQL", problem, StringComparison.Ordinal);
        Assert.Null(Translate("`i` + 1 > 0", MySqlDialect.Instance, PostgreSqlDialect.Instance, out problem));
        Assert.Contains("computed in 64 bits on MySQL/MariaDB", problem, StringComparison.Ordinal);
        Assert.Equal("\"big\" * 2 > 0", Translate("big * 2 > 0", PostgreSqlDialect.Instance, SqliteDialect.Instance, out _));
        // beside an exact, float or 64-bit operand PostgreSQL computes in that type
        Assert.Equal("\"f\" * \"i\" > 0", Translate("f * (i)::double precision > 0", PostgreSqlDialect.Instance, SqliteDialect.Instance, out _));
        Assert.Equal("\"i\" + \"big\" > 0", Translate("i + big > 0", PostgreSqlDialect.Instance, SqliteDialect.Instance, out _));
        Assert.Equal("`i` * 2 > 0", Translate("i * 2 > 0", SqliteDialect.Instance, MySqlDialect.Instance, out _));
    }

    [Theory]
    [InlineData("s >= 'a'::text", "CAST(`s` AS BINARY) >= 'a'")]
    [InlineData("trim(s) = s", "CAST(trim(`s`) AS BINARY) = `s`")]
    [InlineData("(s = ANY (ARRAY['a'::text, 'b'::text]))", "CAST(`s` AS BINARY) IN ('a', 'b')")]
    [InlineData("s NOT BETWEEN 'a' AND 'c'", "CAST(`s` AS BINARY) NOT BETWEEN 'a' AND 'c'")]
    [InlineData("'a' < s AND (s <> '')", "'a' < CAST(`s` AS BINARY) AND CAST(`s` AS BINARY) <> ''")]
    [InlineData("CASE WHEN s = 'x' THEN 1 ELSE 0 END = 1", "CASE WHEN CAST(`s` AS BINARY) = 'x' THEN 1 ELSE 0 END = 1")]
    public void Text_comparisons_into_mariadb_compare_the_text_exactly_there(string expression, string translated)
    {
        // MariaDB's default collation compares without case and trailing spaces ('abc' = 'ABC '): cast to binary, the
        // comparison is by code point there as on PostgreSQL and SQLite (break test F4)
        Assert.Equal(translated, Translate(expression, PostgreSqlDialect.Instance, MySqlDialect.Instance, out var problem));
        Assert.Null(problem);
        Assert.Equal(translated, Translate(expression, SqliteDialect.Instance, MySqlDialect.Instance, out _));
    }

    [Fact]
    public void PostgreSqls_trim_spellings_read_as_the_portable_trim()
    {
        // PostgreSQL writes trim(t) back as TRIM(BOTH FROM t), which no other engine reads
        Assert.Equal("trim(`s`) <> ''", Translate("(TRIM(BOTH FROM s) <> ''::text)", PostgreSqlDialect.Instance, SqliteDialect.Instance, out _)?.Replace('"', '`'));
        Assert.Equal("ltrim(\"s\") = rtrim(\"s\")", Translate("TRIM(LEADING FROM s) = TRIM(TRAILING FROM s)", PostgreSqlDialect.Instance, SqliteDialect.Instance, out _));
        Assert.True(SqlExpressionText.SameMeaning("trim(s) <> ''", "(TRIM(BOTH FROM s) <> ''::text)"));
        Assert.True(SqlExpressionText.SameMeaning("trim(s) <> ''", "btrim(s) <> ''"));
    }

    /// <summary>bt48 M1: MariaDB stores a plan's <c>%</c> as MOD and CAST(x AS BINARY) as cast(x as char charset binary).</summary>
    [Fact]
    public void MariaDbs_stored_spellings_mean_what_the_plan_wrote()
    {
        Assert.True(SqlExpressionText.SameMeaning("(`r` % 2 = 0)", "(`r` MOD 2 = 0)"));
        Assert.True(SqlExpressionText.SameMeaning("(CAST(`s` AS BINARY) IN ('a', 'b'))", "(cast(`s` as char charset binary) in ('a','b'))"));
        Assert.False(SqlExpressionText.SameMeaning("(`r` % 2 = 0)", "(`r` MOD 3 = 0)"));
        Assert.False(SqlExpressionText.SameMeaning("(CAST(`s` AS BINARY) IN ('a', 'b'))", "(`s` in ('a','b'))"));
        // bt48 M2: PostgreSQL's ~~ is LIKE
        Assert.True(SqlExpressionText.SameMeaning("\"email\" LIKE '%@%'", "(email ~~ '%@%'::text)"));
        Assert.True(SqlExpressionText.SameMeaning("email NOT LIKE 'x%'", "(email !~~ 'x%'::text)"));
        Assert.True(SqlExpressionText.SameMeaning("email ILIKE 'x%'", "(email ~~* 'x%'::text)"));
        Assert.False(SqlExpressionText.SameMeaning("email LIKE 'x%'", "(email !~~ 'x%'::text)"));
    }

    [Theory]
    [InlineData("`s` >= 'a'", ">=")]
    [InlineData("`s` in ('a','b')", "IN")]
    [InlineData("trim(`s`) = `s`", "=")]
    // break test 23 F3: LIKE without letters, nullif() and the simple CASE compare text too
    [InlineData("`s` like '%1%'", "LIKE")]
    [InlineData("`s` like '1_2'", "LIKE", true)]
    [InlineData("nullif(`s`, 'admin') is not null", "nullif()", true)]
    [InlineData("case `s` when 'abc' then 1 else 0 end = 1", "CASE ... WHEN", true)]
    public void Text_comparisons_out_of_mariadbs_default_collation_are_refused(string expression, string word, bool intoMariaDbToo = false)
    {
        const string Wording = "which MySQL/MariaDB compares under its default collation, without case and trailing spaces and taking other forms of a character as it " +
            "('abc' = 'ABC ', fullwidth '１' LIKE '1'), and PostgreSQL character by character";
        Assert.Null(Translate(expression, MySqlDialect.Instance, PostgreSqlDialect.Instance, out var problem));
        Assert.Equal($"it compares text ({word}), {Wording}", problem);
        // and into MariaDB, where its collation takes more rows than the source's check or expression does (=, IN and
        // BETWEEN are written with a binary operand there instead)
        if (!intoMariaDbToo) return;
        Assert.Null(Translate(expression.Replace('`', '"'), PostgreSqlDialect.Instance, MySqlDialect.Instance, out var into));
        Assert.Equal($"it compares text ({word}), {Wording}", into);
    }

    [Theory]
    [InlineData("\"s\" like '%1%'")]
    [InlineData("nullif(\"s\", 'admin') is not null")]
    [InlineData("case \"s\" when 'abc' then 1 else 0 end = 1")]
    [InlineData("nullif(\"i\", 0) is not null")]
    public void Text_comparisons_between_engines_comparing_text_alike_translate(string expression) =>
        Assert.NotNull(Translate(expression, PostgreSqlDialect.Instance, SqliteDialect.Instance, out _));

    [Fact]
    public void Like_without_underscore_arrives_in_mariadb_compared_as_binary()
    {
        // break test 23 F3: MariaDB's collation takes fullwidth '１' LIKE '%1%'; binary text compares it byte by byte, as
        // PostgreSQL does character by character (a pattern with _ would match one byte there: refused above)
        Assert.Equal("CAST(`s` AS BINARY) NOT LIKE '%1%'", Translate("(s !~~ '%1%'::text)", PostgreSqlDialect.Instance, MySqlDialect.Instance, out var problem), ignoreCase: true);
        Assert.Null(problem);
    }

    [Fact]
    public void Text_comparisons_mariadb_makes_exact_by_a_binary_cast_come_back_as_plain_comparisons()
    {
        // what MariaDB reads back of a check NexuSQL wrote there
        Assert.Equal("\"s\" IN ('a', 'b')", Translate("cast(`s` as char charset binary) in ('a','b')", MySqlDialect.Instance, PostgreSqlDialect.Instance, out _));
        Assert.Equal("trim(\"s\") = \"s\"", Translate("cast(trim(`s`) as char charset binary) = `s`", MySqlDialect.Instance, PostgreSqlDialect.Instance, out _));
        Assert.Equal("\"s\" >= 'a'", Translate("cast(`s` as binary) >= 'a'", MySqlDialect.Instance, SqliteDialect.Instance, out _));
        // a literal against a literal has no operand to make exact
        Assert.Null(Translate("'a' = 'A'", PostgreSqlDialect.Instance, MySqlDialect.Instance, out var problem));
        Assert.StartsWith("it compares text (=)", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("price < 100", "CAST(\"price\" AS REAL) < 100")]
    [InlineData("(price > (0)::numeric) AND price IS NOT NULL", "CAST(\"price\" AS REAL) > 0 AND \"price\" IS NOT NULL")]
    [InlineData("price BETWEEN 1 AND 10 OR 5 <= price", "CAST(\"price\" AS REAL) BETWEEN 1 AND 10 OR 5 <= CAST(\"price\" AS REAL)")]
    public void A_decimal_column_compared_with_a_number_is_compared_as_a_number_in_sqlite(string expression, string translated)
    {
        // SQLite holds a decimal column as DECIMAL_TEXT (TEXT affinity): "price" < 100 compared '20.00' with '100' (break test F9)
        Assert.Equal(translated, Translate(expression, PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.Null(problem);
        Assert.Equal(translated.Replace('"', '`').Replace("CAST(`price` AS REAL)", "`price`", StringComparison.Ordinal),
            Translate(expression, PostgreSqlDialect.Instance, MySqlDialect.Instance, out _));
    }

    /// <summary>
    /// Break test 31 B9: the check NexuSQL wrote into SQLite for a decimal column comes back as the column itself, so a
    /// database copied PostgreSQL → SQLite can go back; arithmetic on the cast, or a column wider than a float, is refused.
    /// </summary>
    [Theory]
    [InlineData("CAST(\"price\" AS REAL) >= 0", "\"price\" >= 0")]
    [InlineData("CAST(\"price\" AS REAL) BETWEEN 1 AND 10 OR 5 <= CAST(\"price\" AS REAL)", "\"price\" BETWEEN 1 AND 10 OR 5 <= \"price\"")]
    [InlineData("CAST(price AS real) > 0 AND \"price\" IS NOT NULL", "\"price\" > 0 AND \"price\" IS NOT NULL")]
    public void Sqlites_decimal_comparison_cast_comes_back_as_the_column(string sqlite, string postgresql)
    {
        Assert.Equal(postgresql, Translate(sqlite, SqliteDialect.Instance, PostgreSqlDialect.Instance, out var problem));
        Assert.Null(problem);
        Assert.Equal(postgresql.Replace('"', '`'), Translate(sqlite, SqliteDialect.Instance, MySqlDialect.Instance, out _));
        // and there and back again is the same check
        Assert.True(SqlExpressionText.SameMeaning(Translate(postgresql, PostgreSqlDialect.Instance, SqliteDialect.Instance, out _)!, sqlite));
    }

    [Theory]
    [InlineData("CAST(\"price\" AS REAL) * 2 > 1", "computes with the decimal column price in floating point on SQLite and exactly on PostgreSQL")]
    [InlineData("CAST(x AS REAL) > 1", "compares the decimal column x as a float on SQLite, which holds 15 significant digits")]
    public void Sqlites_decimal_comparison_cast_that_means_otherwise_is_refused(string sqlite, string why)
    {
        Assert.Null(Translate(sqlite, SqliteDialect.Instance, PostgreSqlDialect.Instance, out var problem));
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("price + price <= 0.3", "computes with it in floating point")]
    [InlineData("price / 3.0 > 1", "computes with it in floating point")]
    [InlineData("coalesce(price, 0) > 5", "computes with it in floating point")]
    [InlineData("x > 0", "the column has no limit")]
    public void Decimal_arithmetic_or_a_decimal_wider_than_a_float_into_sqlite_is_refused(string expression, string why)
    {
        Assert.Null(Translate(expression, PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.Contains(why, problem, StringComparison.Ordinal);
        Assert.StartsWith("SQLite holds the decimal column", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Number_comparisons_into_mariadb_and_text_comparisons_into_sqlite_translate()
    {
        Assert.Equal("`i` >= 1 AND `x` < 2.5", Translate("i >= 1 and x < 2.5", PostgreSqlDialect.Instance, MySqlDialect.Instance, out _));
        Assert.Equal("\"s\" >= 'a'", Translate("s >= 'a'::text", PostgreSqlDialect.Instance, SqliteDialect.Instance, out _));
    }

    [Fact]
    public void Division_into_mariadb_is_told_apart_by_its_operands()
    {
        // a float operand: a float division on both (break test F7)
        Assert.Equal("`f` / 3", Translate("f / (3)::double precision", PostgreSqlDialect.Instance, MySqlDialect.Instance, out _));
        Assert.Null(Translate("x / 3 > 1", PostgreSqlDialect.Instance, MySqlDialect.Instance, out var problem));
        Assert.StartsWith("the operator / gives an exact number's quotient with other decimal places", problem, StringComparison.Ordinal);
        Assert.Null(Translate("i / 2 > 1", PostgreSqlDialect.Instance, MySqlDialect.Instance, out problem));
        Assert.Equal("the operator / divides integers differently (PostgreSQL: 7 / 2 = 3; MySQL/MariaDB: 3.5)", problem);
    }

    [Fact]
    public void Round_of_an_exact_number_is_not_called_a_floating_point_half()
    {
        Assert.Null(Translate("round(x, 1)", PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.DoesNotContain("floating-point half", problem, StringComparison.Ordinal);
        Assert.Null(Translate("round(f)", PostgreSqlDialect.Instance, SqliteDialect.Instance, out problem));
        Assert.StartsWith("round() of a floating-point half rounds to even on PostgreSQL (round(2.5::double precision) = 2)", problem, StringComparison.Ordinal);
        Assert.Equal("round(`x`, 1)", Translate("round(x, 1)", PostgreSqlDialect.Instance, MySqlDialect.Instance, out _));
    }

    [Theory]
    [InlineData("'abc'", false)]
    [InlineData("-1.5", false)]
    [InlineData("true", false)]
    [InlineData("CURRENT_DATE", false)]
    [InlineData("'it''s'", false)]
    [InlineData("now()", false)]
    [InlineData("lower('ABC'::text)", true)]
    [InlineData("abs(-3)", true)]
    [InlineData("1 + 2", true)]
    public void A_default_is_an_expression_unless_it_is_a_literal_or_a_keyword(string value, bool expression)
    {
        Assert.Equal(expression, ColumnDefault.IsExpression(value));
        if (value != "now()") Assert.Equal(expression ? "(" + value + ")" : value, SqliteDialect.Instance.DefaultSql(value));
    }

    /// <summary>
    /// Casts that change the value mean something else once dropped (session 22: <c>s::int &gt; 5</c> arrived in SQLite
    /// as <c>s &gt; 5</c>, a text comparison; <c>x::numeric(10,1) = 2.4</c> as <c>x = 2.4</c>, which refuses 2.44;
    /// session 21 F7: <c>a::double precision / b</c> was refused as an integer division): refused by name.
    /// </summary>
    [Theory]
    [InlineData("(s)::integer > 5", "the cast (s)::integer reads a whole number")]
    [InlineData("(f)::integer = 2", "the cast (f)::integer rounds to a whole number")]
    [InlineData("(f)::numeric(10,1) = 2.4", "the cast (f)::numeric(10,1) rounds to 1 decimal place")]
    [InlineData("length((s)::character varying(3)) = 3", "the cast (s)::character varying(3) cuts the text to 3 characters")]
    [InlineData("(i)::text = '05'", "the cast (i)::text turns a number")]
    [InlineData("((i)::double precision / (big)::double precision) > 0.5", "the cast (i)::double precision makes PostgreSQL compute with a floating-point number")]
    [InlineData("(big)::date > '2020-01-01'", "the cast (big)::date converts the value to date")]
    public void A_cast_that_changes_the_value_is_refused_by_name(string expression, string reason)
    {
        foreach (var to in new SqlDialect[] { SqliteDialect.Instance, MySqlDialect.Instance })
        {
            Assert.Null(Translate(expression, PostgreSqlDialect.Instance, to, out var problem));
            Assert.True(problem?.StartsWith(reason, StringComparison.Ordinal) == true, problem);
        }
    }

    /// <summary>The casts PostgreSQL writes by itself, which only spell a value's own type, are still dropped.</summary>
    [Theory]
    [InlineData("(s)::text = ANY (ARRAY['a'::character varying, 'b'::character varying]::text[])", "\"s\" IN ('a', 'b')")]
    [InlineData("price > (0)::numeric", "CAST(\"price\" AS REAL) > 0")]
    [InlineData("(i)::bigint > big", "\"i\" > \"big\"")]
    [InlineData("length((s)::text) > 0", "length(\"s\") > 0")]
    [InlineData("(big)::bigint > NULL::integer", "\"big\" > NULL")]
    [InlineData("f > (0.5)::double precision", "\"f\" > 0.5")]
    [InlineData("(price)::numeric(12,2) > 1.25", "CAST(\"price\" AS REAL) > 1.25")]
    public void A_cast_that_only_spells_the_values_type_is_dropped(string expression, string sqlite)
    {
        var written = Translate(expression, PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem);
        Assert.True(problem is null, problem);
        Assert.Equal(sqlite, written);
    }

    [Theory]
    [InlineData("(d + 7)", "the operator + on the date/time column d")]
    [InlineData("((d + 1) > '2020-01-01'::date)", "the operator + on the date/time column d")]
    [InlineData("(7 + (d))", "the operator + on the date/time column d")]
    [InlineData("(t + '1 day'::interval)", "is a PostgreSQL interval")]
    [InlineData("(d - d) > 0", "the operator - on the date/time column d")]
    public void Date_arithmetic_is_refused_across_engines(string expression, string reason)
    {
        // break test 29 M15: into SQLite '2024-02-26' + 7 is 2031, into MariaDB 20240233
        foreach (var target in new SqlDialect[] { SqliteDialect.Instance, MySqlDialect.Instance })
        {
            Assert.Null(Translate(expression, PostgreSqlDialect.Instance, target, out var problem));
            Assert.Contains(reason, problem, StringComparison.Ordinal);
        }
        Assert.NotNull(Translate(expression, PostgreSqlDialect.Instance, PostgreSqlDialect.Instance, out _));
    }

    [Fact]
    public void A_number_computed_from_a_date_by_a_call_is_not_date_arithmetic() =>
        Assert.NotNull(Translate("length(s) + 1 > i", PostgreSqlDialect.Instance, SqliteDialect.Instance, out _));

    [Fact]
    public void A_shift_is_refused_by_name_not_written_as_two_comparisons()
    {
        Assert.Null(Translate("(i << 2)", PostgreSqlDialect.Instance, MySqlDialect.Instance, out var problem));
        Assert.Contains("the operator <<", problem, StringComparison.Ordinal);
        Assert.NotEqual(SqlExpressionText.Normalize("i << 2"), SqlExpressionText.Normalize("i < 2"));
    }

    [Fact]
    public void A_lone_backslash_in_a_postgresql_string_ends_there()
    {
        // break test 29: replace(s, '\', '/') was refused as a division
        Assert.Equal(@"replace(""s"", '\', '/')", Translate(@"replace(s, '\', '/')", PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.Null(Translate(@"replace(s, '\', '/')", PostgreSqlDialect.Instance, MySqlDialect.Instance, out problem));
        Assert.Contains("backslash", problem, StringComparison.Ordinal);
    }
}
