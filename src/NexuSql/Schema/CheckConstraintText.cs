using NexuSql.Dialects;
using NexuSql.Internal;

namespace NexuSql.Schema;

/// <summary>
/// Finds CHECK constraints in CREATE TABLE text, for engines that keep them nowhere else (SQLite). Uses the same
/// lexer as the rest of NexuSQL, so parentheses and the word CHECK inside strings or comments do not count.
/// </summary>
public static class CheckConstraintText
{
    /// <summary>Every <c>[CONSTRAINT name] CHECK (expression)</c>, column-level or table-level, in order.</summary>
    public static IReadOnlyList<CheckModel> Parse(string createTableSql, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(createTableSql);
        var s = createTableSql;
        var rules = dialect.Lexical;
        var result = new List<CheckModel>();
        var words = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            var end = SqlScanner.SkipInert(s, i, rules);
            if (end >= 0)
            {
                if (s[i] is '"' or '`' or '[') words.Add(Unquote(s[i..end]));
                i = end;
                continue;
            }
            if (SqlScanner.IsNameStart(s[i]))
            {
                var j = WordEnd(s, i);
                var word = s[i..j];
                if (word.Equals("CHECK", StringComparison.OrdinalIgnoreCase))
                {
                    var open = j;
                    while (open < s.Length && char.IsWhiteSpace(s[open])) open++;
                    if (open < s.Length && s[open] == '(')
                    {
                        var close = MatchingParen(s, open, rules);
                        var name = words.Count >= 2 && words[^2].Equals("CONSTRAINT", StringComparison.OrdinalIgnoreCase) ? words[^1] : null;
                        result.Add(new CheckModel(name, s[(open + 1)..close].Trim()));
                        i = close + 1;
                        words.Clear();
                        continue;
                    }
                }
                words.Add(word);
                i = j;
                continue;
            }
            if (s[i] is ',' or '(') words.Clear();
            i++;
        }
        return result;
    }

    /// <summary>The end of the unquoted name that starts at <paramref name="start"/>.</summary>
    internal static int WordEnd(string s, int start)
    {
        var j = start + 1;
        while (j < s.Length && SqlScanner.IsIdentifierChar(s[j])) j++;
        return j;
    }

    internal static int MatchingParen(string s, int open, SqlLexicalRules rules)
    {
        var depth = 0;
        var i = open;
        while (i < s.Length)
        {
            var end = SqlScanner.SkipInert(s, i, rules);
            if (end >= 0) { i = end; continue; }
            if (s[i] == '(') depth++;
            else if (s[i] == ')' && --depth == 0) return i;
            i++;
        }
        throw new FormatException("Unbalanced parentheses in a CREATE TABLE statement.");
    }

    internal static string Unquote(string quoted)
    {
        // only a quote opens a quoted name: "status" (s...s) or "level" were read as tatu and eve (bt48 H2: the
        // collation of a SQLite column named status was lost)
        if (quoted.Length < 2 || quoted[0] is not ('"' or '`' or '[' or '\'')) return quoted;
        var close = quoted[0] == '[' ? ']' : quoted[0];
        return quoted.Length >= 2 && quoted[^1] == close ? quoted[1..^1].Replace($"{close}{close}", close.ToString(), StringComparison.Ordinal) : quoted;
    }
}
