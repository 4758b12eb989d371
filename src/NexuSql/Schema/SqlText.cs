using System.Text;

namespace NexuSql.Schema;

/// <summary>
/// Compares engine SQL text (routines, triggers, policies) by a normalised form: runs of whitespace count as one
/// space (none next to punctuation), letters outside quoted literals and quoted identifiers are compared without case,
/// comments and a trailing semicolon are left out. Quoted text — '...' strings, "..." and `...` identifiers — is kept
/// exactly, so a changed literal is a change.
/// </summary>
internal static class SqlText
{
    /// <summary>The statement without surrounding whitespace and trailing semicolons.</summary>
    public static string Trimmed(string sql) => sql.Trim().TrimEnd(';').TrimEnd();

    /// <summary><paramref name="name"/> appears in <paramref name="sql"/> as a word of its own (quoted or not), in any case.</summary>
    public static bool Mentions(string sql, string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(sql, $@"(?<![\w$]){System.Text.RegularExpressions.Regex.Escape(name)}(?![\w$])", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>True when both statements say the same thing up to whitespace, case outside quotes and comments.</summary>
    public static bool Same(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    /// <summary>The normalised form <see cref="Same"/> compares.</summary>
    public static string Normalize(string sql)
    {
        var s = Trimmed(sql);
        var sb = new StringBuilder(s.Length);
        var pendingSpace = false;
        void Emit(char c)
        {
            if (pendingSpace && sb.Length > 0 && IsWord(sb[^1]) && IsWord(c)) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }
            if (c == '-' && i + 1 < s.Length && s[i + 1] == '-')
            {
                while (i < s.Length && s[i] != '\n') i++;
                pendingSpace = true;
                continue;
            }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + 1;
                pendingSpace = true;
                continue;
            }
            if (c is '\'' or '"' or '`')
            {
                // a quoted literal or identifier, kept as it is ('' and "" inside are doubled quotes)
                Emit(c);
                var j = i + 1;
                for (; j < s.Length; j++)
                {
                    sb.Append(s[j]);
                    if (s[j] == c)
                    {
                        if (j + 1 < s.Length && s[j + 1] == c)
                        {
                            sb.Append(s[++j]);
                            continue;
                        }
                        break;
                    }
                }
                i = j;
                continue;
            }
            Emit(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '\'' or '"' or '`';
}
