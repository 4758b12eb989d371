using System.Text;
using NexuSql.Dialects;

namespace NexuSql.Internal;

/// <summary>
/// Spots <c>SET [SESSION|LOCAL] sql_mode = '...'</c> (also <c>@@sql_mode</c>, <c>@@session.sql_mode</c>, and as one
/// assignment of several) in MySQL text, so that scanners lex what follows the way the server will. Only a literal
/// value or <c>DEFAULT</c> can be followed; any other expression (<c>@OLD_SQL_MODE</c>, <c>CONCAT(...)</c>) leaves
/// the rules as they were.
/// </summary>
internal static class SqlModeChange
{
    /// <summary>
    /// When the word starting at <paramref name="i"/> is <c>sql_mode</c> assigned by a SET, returns the rules that
    /// hold once that statement has run; otherwise null.
    /// </summary>
    /// <param name="s">The text.</param>
    /// <param name="i">Index of an identifier's first character.</param>
    /// <param name="rules">The rules in force (used to read the value's literal).</param>
    /// <param name="defaults">The rules for <c>DEFAULT</c> (the dialect's own).</param>
    public static SqlLexicalRules? At(string s, int i, SqlLexicalRules rules, SqlLexicalRules defaults)
    {
        const string word = "sql_mode";
        if (!rules.FollowsSqlMode || i + word.Length > s.Length || string.Compare(s, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0)
            return null;
        var j = i + word.Length;
        if (j < s.Length && SqlScanner.IsIdentifierChar(s[j])) return null;
        if (!AssignedBySet(s, i)) return null;
        while (j < s.Length && char.IsWhiteSpace(s[j])) j++;
        if (j < s.Length && s[j] == ':') j++;
        if (j >= s.Length || s[j] != '=') return null;
        j++;
        while (j < s.Length && char.IsWhiteSpace(s[j])) j++;
        if (j >= s.Length) return null;
        if (s[j] == '\'' || (s[j] == '"' && rules.DoubleQuotedStrings))
        {
            var end = SqlScanner.SkipInert(s, j, rules);
            return end < 0 ? null : rules.WithSqlMode(Unquote(s, j, end, rules));
        }
        if (string.Compare(s, j, "DEFAULT", 0, 7, StringComparison.OrdinalIgnoreCase) == 0 && (j + 7 >= s.Length || !SqlScanner.IsIdentifierChar(s[j + 7])))
            return defaults;
        return null;
    }

    private static bool AssignedBySet(string s, int i)
    {
        var k = i;
        foreach (var prefix in new[] { "@@session.", "@@local.", "@@" })
        {
            if (k >= prefix.Length && string.Compare(s, k - prefix.Length, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                k -= prefix.Length;
                break;
            }
        }
        if (k > 0 && (s[k - 1] == '.' || s[k - 1] == '@')) return false; // @@global.sql_mode, @user_var
        k--;
        while (k >= 0 && char.IsWhiteSpace(s[k])) k--;
        if (k < 0) return false;
        if (s[k] == ',') return true;
        var end = k + 1;
        while (k >= 0 && SqlScanner.IsIdentifierChar(s[k])) k--;
        var previous = s[(k + 1)..end].ToUpperInvariant();
        return previous is "SET" or "SESSION" or "LOCAL";
    }

    private static string Unquote(string s, int start, int end, SqlLexicalRules rules)
    {
        var quote = s[start];
        var sb = new StringBuilder();
        var last = end - 1 > start && s[end - 1] == quote ? end - 1 : end;
        for (var k = start + 1; k < last; k++)
        {
            if (rules.BackslashEscapesInStrings && s[k] == '\\' && k + 1 < last) { sb.Append(s[++k]); continue; }
            if (s[k] == quote && k + 1 < last && s[k + 1] == quote) k++;
            sb.Append(s[k]);
        }
        return sb.ToString();
    }
}
