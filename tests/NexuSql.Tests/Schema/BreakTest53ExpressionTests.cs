using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>Break test 53: names that differ only in case, casts, and PostgreSQL's identity of a routine.</summary>
public class BreakTest53ExpressionTests
{
    /// <summary>O13: PostgreSQL's <c>"N"</c> and <c>n</c> are two columns; <c>"qty"</c> and <c>qty</c> one.</summary>
    [Theory]
    [InlineData("(\"N\" > 0)", "(n > 0)", false)]
    [InlineData("\"F\"(n)", "f(n)", false)]
    [InlineData("(\"qty\" > 0)", "qty > 0", true)]
    [InlineData("`Qty` > 0", "\"Qty\" > 0", true)]
    public void A_quoted_name_with_capitals_keeps_its_case(string a, string b, bool same) =>
        Assert.Equal(same, SqlExpressionText.SameMeaning(a, b));

    /// <summary>bt54 F5: for a plan on an engine whose column names ignore case (MariaDB, SQLite), a quoted <c>`Qty`</c> is <c>Qty</c>.</summary>
    [Fact]
    public void Quoted_case_folds_where_the_engine_folds_names()
    {
        Assert.False(SqlExpressionText.SameMeaning("(`Qty` > 0)", "Qty > 0"));
        using (SqlExpressionText.Comparing(exactCasts: false, foldQuotedNames: true)) Assert.True(SqlExpressionText.SameMeaning("(`Qty` > 0)", "Qty > 0"));
    }

    /// <summary>
    /// O12: read from one engine on both sides, a cast that picks another division, overload or collation counts; against a
    /// hand-written expression the casts PostgreSQL adds on its own still do not.
    /// </summary>
    [Theory]
    [InlineData("((((n)::numeric / (2)::numeric) > (0)::numeric))", "((n / 2) > 0)")]
    [InlineData("((7)::numeric / (2)::numeric)", "(7 / 2)")]
    [InlineData("f((n)::bigint)", "f(n)")]
    [InlineData("cast(n as real) / 2 > 0", "n / 2 > 0")]
    [InlineData("(`s` = cast('a' as char charset binary) or `s` is null)", "(`s` = 'a' or `s` is null)")]
    public void Casts_count_between_two_models_of_one_engine(string a, string b)
    {
        Assert.NotEqual(SqlExpressionText.Normalize(a, exactCasts: true), SqlExpressionText.Normalize(b, exactCasts: true));
        using (SqlExpressionText.Comparing(exactCasts: true, foldQuotedNames: false)) Assert.False(SqlExpressionText.SameMeaning(a, b));
        Assert.True(SqlExpressionText.SameMeaning(a, b)); // the scope is over
        // the same stored text is the same, casts and all
        Assert.Equal(SqlExpressionText.Normalize(a, exactCasts: true), SqlExpressionText.Normalize(a, exactCasts: true));
    }

    [Theory]
    [InlineData("((price * (qty)::numeric) > (0)::numeric)", "price * qty > 0")]
    [InlineData("((role)::text = ANY (ARRAY[('member'::character varying)::text]))", "role IN ('member')")]
    public void Against_a_hand_written_expression_the_added_casts_do_not_count(string stored, string written) =>
        Assert.True(SqlExpressionText.SameMeaning(stored, written));

    private static RoutineModel Function(string name, string arguments, string sql) => new(name, sql) { Arguments = arguments, Engine = NexuSqlEngine.PostgreSql };

    /// <summary>O16: one PostgreSQL routine is its name (case kept) and input types; OUT parameters, names and VARIADIC do not count.</summary>
    [Theory]
    [InlineData("f", "x integer, OUT y integer", "f", "x integer, OUT z integer", true)]
    [InlineData("f", "VARIADIC x integer[]", "f", "x integer[]", true)]
    [InlineData("p", "IN x integer, INOUT y integer", "p", "IN x integer, INOUT z integer", true)]
    [InlineData("f", "x character varying, d timestamp with time zone", "f", "character varying, timestamp with time zone", true)]
    [InlineData("f", "x integer", "f", "x bigint", false)]
    [InlineData("f", "x integer", "F", "x integer", false)]
    [InlineData("f", "\"Mood\" \"Mood\"", "f", "m \"Mood\"", true)]
    public void PostgreSQL_pairs_routines_by_name_and_input_types(string nameA, string argumentsA, string nameB, string argumentsB, bool same) =>
        Assert.Equal(same, PostgreSqlDialect.Instance.SameRoutine(Function(nameA, argumentsA, "x"), Function(nameB, argumentsB, "x")));

    /// <summary>O16, O17: what CREATE OR REPLACE cannot change is dropped and created; a changed default is replaced in place.</summary>
    [Theory]
    [InlineData("f(x integer, OUT y integer)", "f(x integer, OUT z integer)", "its parameters change")]
    [InlineData("f(x integer DEFAULT 1)", "f(x integer)", "loses a parameter default")]
    [InlineData("f(x integer DEFAULT 1)", "f(x integer DEFAULT 2)", null)]
    [InlineData("f(x integer)", "f(x integer DEFAULT 2)", null)]
    public void PostgreSQL_drops_a_function_whose_parameters_cannot_be_replaced(string before, string after, string? why)
    {
        static string Sql(string header) => $"CREATE OR REPLACE FUNCTION public.{header}\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nRETURN 1";
        var reason = PostgreSqlDialect.Instance.ReplaceDropsRoutine(Function("f", "", Sql(before)), Function("f", "", Sql(after)));
        if (why is null) Assert.Null(reason);
        else Assert.Contains(why, reason, StringComparison.Ordinal);
    }
}
