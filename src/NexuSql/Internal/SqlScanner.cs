using NexuSql.Dialects;

namespace NexuSql.Internal;

/// <summary>
/// Finds the lexical regions of SQL text that must never be touched: string literals, quoted identifiers and
/// comments, following a dialect's <see cref="SqlLexicalRules"/>. Shared by the parameter parser and, later,
/// statement splitters, so that every part of NexuSQL agrees on what is code and what is text.
/// </summary>
internal static class SqlScanner
{
    /// <summary>
    /// When an inert region (string, quoted identifier, comment) starts at <paramref name="i"/>, returns the index
    /// just past it (the text length when unterminated); otherwise -1.
    /// </summary>
    public static int SkipInert(string s, int i, SqlLexicalRules rules)
    {
        var c = s[i];
        switch (c)
        {
            case '\'':
                var backslash = rules.BackslashEscapesInStrings || (rules.EscapeStringPrefix && IsEscapePrefix(s, i));
                return SkipQuoted(s, i, '\'', backslash);
            case '"':
                return SkipQuoted(s, i, '"', rules.DoubleQuotedStrings && rules.BackslashEscapesInStrings);
            case '`' when rules.BacktickIdentifiers:
                return SkipQuoted(s, i, '`', false);
            case '[' when rules.BracketIdentifiers:
                return SkipBracket(s, i);
            case '$' when rules.DollarQuotedStrings:
                return SkipDollarQuoted(s, i);
            case '-' when i + 1 < s.Length && s[i + 1] == '-':
                if (rules.DashDashNeedsWhitespace && i + 2 < s.Length && !char.IsWhiteSpace(s[i + 2]) && !char.IsControl(s[i + 2]))
                    return -1;
                return LineEnd(s, i);
            case '#' when rules.HashComments:
                return LineEnd(s, i);
            case '/' when i + 1 < s.Length && s[i + 1] == '*':
                return SkipBlockComment(s, i, rules.NestedBlockComments);
            default:
                return -1;
        }
    }

    /// <summary>Letters, digits, '_' and '$' (PostgreSQL and MySQL allow '$' inside identifiers).</summary>
    public static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

    /// <summary>A parameter name starts with a letter or '_'.</summary>
    public static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    /// <summary>A parameter name continues with letters, digits or '_'.</summary>
    public static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsEscapePrefix(string s, int quote) =>
        quote > 0 && (s[quote - 1] == 'E' || s[quote - 1] == 'e') && (quote == 1 || !IsIdentifierChar(s[quote - 2]));

    private static int SkipQuoted(string s, int i, char quote, bool backslashEscapes)
    {
        var j = i + 1;
        while (j < s.Length)
        {
            var c = s[j];
            if (backslashEscapes && c == '\\') { j += 2; continue; }
            if (c == quote)
            {
                if (j + 1 < s.Length && s[j + 1] == quote) { j += 2; continue; }
                return j + 1;
            }
            j++;
        }
        return s.Length;
    }

    private static int SkipBracket(string s, int i)
    {
        var j = i + 1;
        while (j < s.Length)
        {
            if (s[j] == ']')
            {
                if (j + 1 < s.Length && s[j + 1] == ']') { j += 2; continue; }
                return j + 1;
            }
            j++;
        }
        return s.Length;
    }

    private static int SkipDollarQuoted(string s, int i)
    {
        // $$...$$ or $tag$...$tag$; "$1" is a positional parameter and "a$b" part of an identifier.
        if (i > 0 && IsIdentifierChar(s[i - 1])) return -1;
        var j = i + 1;
        if (j < s.Length && s[j] != '$')
        {
            if (!IsNameStart(s[j])) return -1;
            while (j < s.Length && IsNameChar(s[j])) j++;
            if (j >= s.Length || s[j] != '$') return -1;
        }
        if (j >= s.Length) return -1;
        var tag = s.AsSpan(i, j - i + 1);
        var close = s.AsSpan(j + 1).IndexOf(tag, StringComparison.Ordinal);
        return close < 0 ? s.Length : j + 1 + close + tag.Length;
    }

    private static int LineEnd(string s, int i)
    {
        var nl = s.IndexOf('\n', i);
        return nl < 0 ? s.Length : nl;
    }

    private static int SkipBlockComment(string s, int i, bool nested)
    {
        var depth = 1;
        var j = i + 2;
        while (j < s.Length)
        {
            if (s[j] == '*' && j + 1 < s.Length && s[j + 1] == '/')
            {
                j += 2;
                if (--depth == 0) return j;
                continue;
            }
            if (nested && s[j] == '/' && j + 1 < s.Length && s[j + 1] == '*') { depth++; j += 2; continue; }
            j++;
        }
        return s.Length;
    }
}
