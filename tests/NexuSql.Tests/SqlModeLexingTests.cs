using NexuSql.Dialects;
using NexuSql.Internal;
using NexuSql.Migrations;

namespace NexuSql.Tests;

/// <summary>The MySQL lexer follows sql_mode: NO_BACKSLASH_ESCAPES and ANSI_QUOTES (issue 13, input 6).</summary>
public class SqlModeLexingTests
{
    private static string Render(string sql, SqlLexicalRules? rules = null) =>
        NamedParameterParserTests.Render(ParsedSql.Parse(sql, MySqlDialect.Instance, rules));

    [Theory]
    // the reported input: under NO_BACKSLASH_ESCAPES 'C:\' ends at its second quote, so ':x lit' is a literal
    [InlineData("SET SESSION sql_mode='NO_BACKSLASH_ESCAPES'; SELECT :x AS v, 'C:\\' AS p, ':x lit' AS c",
                "SET SESSION sql_mode='NO_BACKSLASH_ESCAPES'; SELECT {x} AS v, 'C:\\' AS p, ':x lit' AS c")]
    [InlineData("SET @@session.sql_mode = \"ANSI_QUOTES,NO_BACKSLASH_ESCAPES\"; SELECT \"a:b\", 'C:\\', :y",
                "SET @@session.sql_mode = \"ANSI_QUOTES,NO_BACKSLASH_ESCAPES\"; SELECT \"a:b\", 'C:\\', {y}")]
    // ANSI_QUOTES: "..." is an identifier, so a backslash inside it escapes nothing
    [InlineData("SET sql_mode = 'ANSI'; SELECT \"col\\\" FROM t WHERE a = :a",
                "SET sql_mode = 'ANSI'; SELECT \"col\\\" FROM t WHERE a = {a}")]
    // back to the default: backslashes escape again
    [InlineData("SET sql_mode='NO_BACKSLASH_ESCAPES'; SET sql_mode=DEFAULT; SELECT 'it\\'s :z', :w",
                "SET sql_mode='NO_BACKSLASH_ESCAPES'; SET sql_mode=DEFAULT; SELECT 'it\\'s :z', {w}")]
    // without a SET the default rules hold: \' is an escaped quote, so the literal runs on to ', ' (as the server reads it)
    [InlineData("SELECT 'C:\\', ':x lit', :q", "SELECT 'C:\\', '{x} lit', :q")]
    // GLOBAL does not change this session; a variable named like the mode is not the mode
    [InlineData("SET GLOBAL sql_mode='NO_BACKSLASH_ESCAPES'; SELECT 'C:\\', ':x', :q", "SET GLOBAL sql_mode='NO_BACKSLASH_ESCAPES'; SELECT 'C:\\', '{x}', :q")]
    public void Parse_follows_a_set_sql_mode_for_the_rest_of_the_text(string sql, string expected)
    {
        Assert.Equal(expected, Render(sql));
    }

    [Fact]
    public void Parse_with_declared_sql_mode_reads_backslash_as_a_plain_character()
    {
        var rules = MySqlDialect.Instance.Lexical.WithSqlMode("STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES");
        Assert.Equal("SELECT 'C:\\', ':x', {y}", Render("SELECT 'C:\\', ':x', :y", rules));
        Assert.Equal("SELECT 'C:\\', '{x}', :y", Render("SELECT 'C:\\', ':x', :y"));
    }

    [Fact]
    public void WithSqlMode_sets_both_flags_from_the_mode_and_leaves_other_engines_alone()
    {
        var ansi = MySqlDialect.Instance.Lexical.WithSqlMode("ansi_quotes");
        Assert.False(ansi.DoubleQuotedStrings);
        Assert.True(ansi.BackslashEscapesInStrings);
        var none = ansi.WithSqlMode("");
        Assert.True(none.DoubleQuotedStrings);
        Assert.Same(PostgreSqlDialect.Instance.Lexical, PostgreSqlDialect.Instance.Lexical.WithSqlMode("ANSI_QUOTES"));
    }

    [Fact]
    public void Split_follows_a_set_sql_mode_in_a_script_including_mysqldump_executable_comments()
    {
        var script = "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES';\nINSERT INTO t VALUES ('C:\\');\nINSERT INTO t VALUES ('x;y');\n" +
                     "/*!40101 SET SQL_MODE='' */;\nINSERT INTO t VALUES ('it\\'s;');\n";
        var statements = StatementSplitter.Split(script, MySqlDialect.Instance).Select(s => s.Text).ToArray();
        Assert.Equal(["SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'", "INSERT INTO t VALUES ('C:\\')", "INSERT INTO t VALUES ('x;y')",
                      "/*!40101 SET SQL_MODE='' */", "INSERT INTO t VALUES ('it\\'s;')"], statements);
    }
}
