using NexuSql.Dialects;
using NexuSql.Internal;

namespace NexuSql.Schema;

/// <summary>
/// Finds generated columns (<c>name type GENERATED ALWAYS AS (expression) STORED|VIRTUAL</c>, or the short
/// <c>name AS (expression)</c>) in CREATE TABLE text, for engines that keep the expression nowhere else (SQLite).
/// Uses NexuSQL's lexer, so parentheses, commas and the word AS inside strings or comments do not count.
/// </summary>
public static class GeneratedColumnText
{
    /// <summary>Each generated column of the statement by name (case-insensitive), with its expression and whether it is STORED (SQLite's default is VIRTUAL).</summary>
    /// <exception cref="FormatException">Unbalanced parentheses.</exception>
    public static IReadOnlyDictionary<string, GeneratedColumn> Parse(string createTableSql, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(createTableSql);
        ArgumentNullException.ThrowIfNull(dialect);
        var s = createTableSql;
        var rules = dialect.Lexical;
        var result = new Dictionary<string, GeneratedColumn>(StringComparer.OrdinalIgnoreCase);
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open < 0) return result;
        var close = CheckConstraintText.MatchingParen(s, open, rules);
        string? column = null;
        var afterAs = false;
        GeneratedColumn? pending = null;
        var i = open + 1;
        while (i < close)
        {
            var end = SqlScanner.SkipInert(s, i, rules);
            if (end >= 0)
            {
                // a quoted column name; strings and comments say nothing here
                if (column is null && s[i] is '"' or '`' or '[') column = CheckConstraintText.Unquote(s[i..end]);
                i = end;
                continue;
            }
            if (SqlScanner.IsNameStart(s[i]))
            {
                var j = CheckConstraintText.WordEnd(s, i);
                var word = s[i..j];
                if (column is null) column = word;
                else if (pending is not null && word.Equals("STORED", StringComparison.OrdinalIgnoreCase)) pending = pending with { Stored = true };
                afterAs = word.Equals("AS", StringComparison.OrdinalIgnoreCase);
                i = j;
                continue;
            }
            if (s[i] == '(')
            {
                var inner = CheckConstraintText.MatchingParen(s, i, rules);
                if (afterAs && column is not null && pending is null) pending = new GeneratedColumn(s[(i + 1)..inner].Trim(), Stored: false);
                afterAs = false;
                i = inner + 1;
                continue;
            }
            if (s[i] == ',')
            {
                if (column is not null && pending is not null) result[column] = pending;
                (column, pending, afterAs) = (null, null, false);
            }
            else if (!char.IsWhiteSpace(s[i])) afterAs = false;
            i++;
        }
        if (column is not null && pending is not null) result[column] = pending;
        return result;
    }
}
