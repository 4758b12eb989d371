using System.Text;
using NexuSql.Dialects;
using NexuSql.Internal;

namespace NexuSql.Tests;

public class NamedParameterParserTests
{
    /// <summary>Every corpus case, once per dialect it names.</summary>
    public static TheoryData<char, string, string> EdgeCases()
    {
        var data = new TheoryData<char, string, string>();
        foreach (var (dialects, sql, expected) in ParameterCorpus.Cases)
            foreach (var d in dialects) data.Add(d, sql, expected);
        return data;
    }

    /// <summary>The placeholder spans shown as {name}; everything else copied from the input.</summary>
    internal static string Render(ParsedSql parsed)
    {
        var sb = new StringBuilder();
        var last = 0;
        foreach (var p in parsed.Placeholders)
        {
            sb.Append(parsed.Sql, last, p.Start - last).Append('{').Append(parsed.Sql, p.Start + 1, p.Length - 1).Append('}');
            last = p.Start + p.Length;
        }
        return sb.Append(parsed.Sql, last, parsed.Sql.Length - last).ToString();
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Parse_edge_case_finds_exactly_the_real_placeholders(char dialect, string sql, string expected)
    {
        var parsed = ParsedSql.Parse(sql, DialectCodes.Get(dialect));
        Assert.Equal(expected, Render(parsed));
    }

    [Fact]
    public void Corpus_has_at_least_176_edge_cases()
    {
        Assert.True(EdgeCases().Count >= 176, $"only {EdgeCases().Count} cases");
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Rewrite_changes_nothing_but_placeholders(char dialect, string sql, string expected)
    {
        _ = expected;
        var d = DialectCodes.Get(dialect);
        var parsed = ParsedSql.Parse(sql, d);
        var rewritten = parsed.Rewritten;
        // Undo the rewrite span by span: the remaining text must equal the input exactly.
        var sb = new StringBuilder();
        var last = 0;
        var offset = 0;
        foreach (var p in parsed.Placeholders)
        {
            sb.Append(sql, last, p.Start - last);
            var native = d.Placeholder(p.NameIndex);
            Assert.Equal(native, rewritten.Substring(p.Start + offset, native.Length));
            sb.Append(sql, p.Start, p.Length);
            offset += native.Length - p.Length;
            last = p.Start + p.Length;
        }
        sb.Append(sql, last, sql.Length - last);
        Assert.Equal(sql, sb.ToString());
        Assert.Equal(sql.Length + offset, rewritten.Length);
    }

    [Fact]
    public void Rewrite_postgresql_uses_positional_dollar_placeholders()
    {
        var parsed = ParsedSql.Parse("SELECT * FROM t WHERE a = :a AND b = :b AND c = :a", PostgreSqlDialect.Instance);
        Assert.Equal("SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $1", parsed.Rewritten);
    }

    [Fact]
    public void Rewrite_mysql_uses_at_names_and_leaves_user_variables()
    {
        var parsed = ParsedSql.Parse("SET @total := :start; SELECT @total + :step", MySqlDialect.Instance);
        Assert.Equal("SET @total := @p0; SELECT @total + @p1", parsed.Rewritten);
    }

    [Fact]
    public void Parse_text_without_placeholders_is_returned_as_is()
    {
        const string sql = "SELECT 'a:b' /* :c */";
        var parsed = ParsedSql.Parse(sql, SqliteDialect.Instance);
        Assert.Empty(parsed.Names);
        Assert.Same(sql, parsed.Rewritten);
    }

    [Fact]
    public void Get_caches_per_dialect_and_text()
    {
        var a = ParsedSql.Get("SELECT :cached_x", SqliteDialect.Instance);
        var b = ParsedSql.Get("SELECT :cached_x", SqliteDialect.Instance);
        var c = ParsedSql.Get("SELECT :cached_x", PostgreSqlDialect.Instance);
        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal("SELECT $1", c.Rewritten);
    }
}
