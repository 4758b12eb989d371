using System.Text.RegularExpressions;
using NexuSql.Internal;

namespace NexuSql.Tests;

public class ParameterBinderTests
{
    private sealed record User(int UserId, string UserName);

    /// <summary>12 ordering patterns × 4 placeholder styles = 48 cases. "#k" in the template is driver parameter k.</summary>
    public static TheoryData<char, int> OrderCases()
    {
        var data = new TheoryData<char, int>();
        foreach (var d in "SPMQ")
            for (var i = 0; i < OrderPatterns.Length; i++) data.Add(d, i);
        return data;
    }

    private static readonly (string Sql, object Args, string Template, object?[] Values)[] OrderPatterns =
    [
        ("SELECT :a, :b", new { a = 1, b = 2 }, "SELECT #0, #1", [1, 2]),
        ("SELECT :b, :a", new { a = 1, b = 2 }, "SELECT #0, #1", [2, 1]),
        ("SELECT :a, :a", new { a = 1 }, "SELECT #0, #0", [1]),
        ("SELECT :a, :b, :a", new { b = 2, a = 1 }, "SELECT #0, #1, #0", [1, 2]),
        ("WHERE x = :x AND id IN (:ids)", new { ids = new[] { 10, 20, 30 }, x = 5 }, "WHERE x = #0 AND id IN (#1, #2, #3)", [5, 10, 20, 30]),
        ("WHERE id IN (:ids) AND x = :x", new { x = 5, ids = new List<int> { 10, 20, 30 } }, "WHERE id IN (#0, #1, #2) AND x = #3", [10, 20, 30, 5]),
        ("WHERE a IN (:ids) OR b IN (:ids)", new { ids = new[] { 1, 2 } }, "WHERE a IN (#0, #1) OR b IN (#0, #1)", [1, 2]),
        ("WHERE a IN (:ids) AND b = :b", new { ids = Array.Empty<int>(), b = 7 }, "WHERE a {IN} AND b = #0", [7]),
        ("WHERE a not  in ( :ids ) OR b = :b", new { ids = Array.Empty<int>(), b = 7 }, "WHERE a {NOT IN} OR b = #0", [7]),
        ("WHERE a NOT /* why */ IN /**/ (:ids) OR b = :b", new { ids = Array.Empty<int>(), b = 7 }, "WHERE a {NOT IN} OR b = #0", [7]),
        ("WHERE a /* NOT */ IN (:ids)", new { ids = Array.Empty<int>() }, "WHERE a /* NOT */ {IN}", []),
        ("WHERE a IN (:ids, 5)", new { ids = Array.Empty<int>() }, "WHERE a IN (NULL, 5)", []),
        ("WHERE join_in (:ids)", new { ids = Array.Empty<int>() }, "WHERE join_in (NULL)", []),
        ("SELECT :A, :a", new { a = 1 }, "SELECT #0, #0", [1]),
        ("SELECT :user_id, :UserName", new User(1, "x"), "SELECT #0, #1", [1, "x"]),
        ("SELECT :a1, :a10, :a2", new Dictionary<string, object?> { ["a2"] = 2, ["a10"] = 10, ["a1"] = 1 }, "SELECT #0, #1, #2", [1, 10, 2]),
        ("SELECT " + string.Join(", ", Enumerable.Range(0, 12).Reverse().Select(i => ":p" + i)),
            Enumerable.Range(0, 12).ToDictionary(i => "p" + i, i => (object?)i),
            "SELECT " + string.Join(", ", Enumerable.Range(0, 12).Select(i => "#" + i)),
            Enumerable.Range(0, 12).Reverse().Cast<object?>().ToArray()),
    ];

    [Theory]
    [MemberData(nameof(OrderCases))]
    public void Bind_assigns_values_in_placeholder_order(char dialectCode, int pattern)
    {
        var dialect = DialectCodes.Get(dialectCode);
        var (sql, args, template, expectedValues) = OrderPatterns[pattern];
        var text = ParameterBinder.Bind(ParsedSql.Parse(sql, dialect), args, out var values);
        var expectedText = Regex.Replace(template, @"#(\d+)", m => dialect.Placeholder(int.Parse(m.Groups[1].Value)))
            .Replace("{IN}", dialect.EmptyInListSql(negated: false), StringComparison.Ordinal)
            .Replace("{NOT IN}", dialect.EmptyInListSql(negated: true), StringComparison.Ordinal);
        Assert.Equal(expectedText, text);
        Assert.Equal(expectedValues, values);
    }

    [Fact]
    public void Bind_missing_name_throws_naming_it_and_what_was_given()
    {
        var parsed = ParsedSql.Parse("SELECT :email, :id", SqliteDialectInstance);
        var e = Assert.Throws<ArgumentException>(() => ParameterBinder.Bind(parsed, new { id = 1 }, out _));
        Assert.Contains("':email'", e.Message);
        Assert.Contains("id", e.Message);
    }

    [Fact]
    public void Bind_without_args_throws_naming_the_first_parameter()
    {
        var parsed = ParsedSql.Parse("SELECT :email", SqliteDialectInstance);
        var e = Assert.Throws<ArgumentException>(() => ParameterBinder.Bind(parsed, null, out _));
        Assert.Contains(":email", e.Message);
    }

    [Fact]
    public void Bind_scalar_args_throws_with_an_example()
    {
        var parsed = ParsedSql.Parse("SELECT :id", SqliteDialectInstance);
        var e = Assert.Throws<ArgumentException>(() => ParameterBinder.Bind(parsed, 42, out _));
        Assert.Contains("new { id = value }", e.Message);
    }

    [Fact]
    public void Bind_strings_and_byte_arrays_are_single_values_not_lists()
    {
        var parsed = ParsedSql.Parse("SELECT :s, :b", SqliteDialectInstance);
        var bytes = new byte[] { 1, 2, 3 };
        var text = ParameterBinder.Bind(parsed, new { s = "abc", b = bytes }, out var values);
        Assert.Equal("SELECT @p0, @p1", text);
        Assert.Equal(new object?[] { "abc", bytes }, values);
    }

    [Fact]
    public void Bind_injection_payloads_stay_values_never_text()
    {
        var payloads = new object?[] { "-1", "x'; DROP TABLE users; --", "a\0b", "1 OR 1=1", new string('x', 1 << 20), null };
        var parsed = ParsedSql.Parse("SELECT * FROM t WHERE a = -:v", Dialects.PostgreSqlDialect.Instance);
        foreach (var payload in payloads)
        {
            var text = ParameterBinder.Bind(parsed, new Dictionary<string, object?> { ["v"] = payload }, out var values);
            Assert.Equal("SELECT * FROM t WHERE a = -$1", text);
            Assert.Same(payload, values[0]);
        }
    }

    [Fact]
    public void Bind_dictionary_matches_snake_case_to_pascal_case()
    {
        var parsed = ParsedSql.Parse("SELECT :user_id", SqliteDialectInstance);
        ParameterBinder.Bind(parsed, new Dictionary<string, object?> { ["UserId"] = 9 }, out var values);
        Assert.Equal(new object?[] { 9 }, values);
    }

    private static Dialects.SqlDialect SqliteDialectInstance => Dialects.SqliteDialect.Instance;
}
