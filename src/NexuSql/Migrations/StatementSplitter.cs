using System.Text.RegularExpressions;
using NexuSql.Dialects;
using NexuSql.Internal;

namespace NexuSql.Migrations;

/// <summary>
/// Splits a script into statements the way each engine's own client does, using the same lexical scanner as the
/// parameter rewriter (strings, quoted identifiers, comments, dollar quotes are never split):
/// <list type="bullet">
/// <item>';' ends a statement, except inside the body of CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT (BEGIN…END and
/// CASE…END are counted; MySQL's END IF/LOOP/WHILE/REPEAT and MariaDB's END FOR are not block ends) and PostgreSQL's
/// BEGIN ATOMIC…END;</item>
/// <item>PostgreSQL: ';' inside parentheses does not end a statement, as in psql (<c>CREATE RULE ... DO ALSO (a; b)</c>);</item>
/// <item>MySQL: <c>DELIMITER //</c> lines change the delimiter, as in the mysql client;</item>
/// <item>SQL Server: a line holding only <c>GO</c> (optionally <c>GO n</c>) ends a batch, which runs n times.</item>
/// </list>
/// </summary>
public static partial class StatementSplitter
{
    [GeneratedRegex(@"^[ \t]*GO(?:[ \t]+(?<count>\d+))?[ \t]*(?:--.*)?$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex GoLine();

    [GeneratedRegex(@"\G[ \t]*DELIMITER[ \t]+(?<delimiter>\S+)[ \t]*(?:\r?\n|$)", RegexOptions.IgnoreCase)]
    private static partial Regex DelimiterLine();

    /// <summary>Splits <paramref name="script"/> for <paramref name="dialect"/>. Statements holding only comments are dropped.</summary>
    /// <param name="script">The script text.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="rules">
    /// The lexical rules the script starts with (default: the dialect's). MySQL: a <c>SET sql_mode = '...'</c>
    /// statement in the script changes them for the statements after it (NO_BACKSLASH_ESCAPES, ANSI_QUOTES).
    /// </param>
    public static IReadOnlyList<SqlStatement> Split(string script, SqlDialect dialect, SqlLexicalRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(dialect);
        var lines = new LineIndex(script);
        return dialect.Scripts.BatchSeparator is not null
            ? SplitBatches(script, dialect, lines)
            : SplitStatements(script, dialect, rules ?? dialect.Lexical, lines);
    }

    private static List<SqlStatement> SplitBatches(string script, SqlDialect dialect, LineIndex lines)
    {
        var result = new List<SqlStatement>();
        var start = 0;
        var i = 0;
        while (i < script.Length)
        {
            var end = SqlScanner.SkipInert(script, i, dialect.Lexical);
            if (end >= 0) { i = end; continue; }
            if (i == 0 || script[i - 1] == '\n')
            {
                var go = GoLine().Match(script, i);
                if (go.Success && go.Index == i)
                {
                    var count = go.Groups["count"].Success ? int.Parse(go.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
                    for (var k = 0; k < count; k++) Add(result, script, start, i, dialect, lines);
                    i = start = go.Index + go.Length;
                    continue;
                }
            }
            i++;
        }
        Add(result, script, start, script.Length, dialect, lines);
        return result;
    }

    private static List<SqlStatement> SplitStatements(string script, SqlDialect dialect, SqlLexicalRules rules, LineIndex lines)
    {
        SqlLexicalRules? nextRules = null; // after a SET sql_mode, from the next statement on
        var syntax = dialect.Scripts;
        var result = new List<SqlStatement>();
        var delimiter = ";";
        var start = 0;
        var codeSeen = false;             // the current statement has more than whitespace and comments
        var words = new List<string>();   // its first words, to spot routine definitions
        var depth = 0;                    // open BEGIN/CASE blocks inside a routine body
        var parens = 0;                   // open '(' (PostgreSQL only: psql does not split inside them)
        string? previousWord = null;
        var i = 0;
        while (i < script.Length)
        {
            if (syntax.DelimiterCommand && !codeSeen && (i == 0 || script[i - 1] == '\n'))
            {
                var d = DelimiterLine().Match(script, i);
                if (d.Success)
                {
                    delimiter = d.Groups["delimiter"].Value;
                    i = start = d.Index + d.Length;
                    continue;
                }
            }
            var end = SqlScanner.SkipInert(script, i, rules);
            if (end >= 0)
            {
                if (rules.FollowsSqlMode && rules.ExecutableComments && script[i] == '/' && i + 2 < script.Length && script[i + 2] == '!')
                {
                    // mysqldump's /*!40101 SET SQL_MODE='...' */ runs on the server: follow it too
                    for (var k = i + 3; k < end; k++)
                        if (SqlScanner.IsNameStart(script[k]) && !SqlScanner.IsIdentifierChar(script[k - 1]))
                            nextRules = SqlModeChange.At(script, k, rules, dialect.Lexical) ?? nextRules;
                }
                codeSeen |= !IsCommentStart(script, i, rules);
                i = end;
                continue;
            }
            if (string.CompareOrdinal(script, i, delimiter, 0, delimiter.Length) == 0 && (depth == 0 || delimiter != ";") && (parens == 0 || delimiter != ";"))
            {
                Add(result, script, start, i, dialect, lines);
                i = start = i + delimiter.Length;
                (codeSeen, depth, parens, previousWord) = (false, 0, 0, null);
                if (nextRules is not null) (rules, nextRules) = (nextRules, null);
                words.Clear();
                continue;
            }
            var c = script[i];
            if (!char.IsWhiteSpace(c)) codeSeen = true;
            if (syntax.ParenthesesHoldStatements && c == '(') parens++;
            else if (syntax.ParenthesesHoldStatements && c == ')' && parens > 0) parens--;
            if (!SqlScanner.IsNameStart(c)) { i++; continue; }
            var j = i + 1;
            // a custom delimiter may follow a word directly: END$$, END//
            while (j < script.Length && SqlScanner.IsIdentifierChar(script[j])
                   && (delimiter == ";" || string.CompareOrdinal(script, j, delimiter, 0, delimiter.Length) != 0)) j++;
            var word = script[i..j].ToUpperInvariant();
            if (rules.FollowsSqlMode) nextRules = SqlModeChange.At(script, i, rules, dialect.Lexical) ?? nextRules;
            if (words.Count < 12) words.Add(word);
            if (delimiter == ";" && IsRoutine(words))
            {
                if ((word == "BEGIN" && syntax.BeginOpensBlock) || (word == "CASE" && previousWord != "END") || (word == "ATOMIC" && !syntax.BeginOpensBlock && previousWord == "BEGIN"))
                    depth++;
                else if (word == "END" && depth > 0 && !(syntax.EndClosesLoops && NextWord(script, j) is "IF" or "LOOP" or "WHILE" or "REPEAT" or "FOR"))
                    depth--;
            }
            previousWord = word;
            i = j;
        }
        Add(result, script, start, script.Length, dialect, lines);
        return result;
    }

    private static bool IsCommentStart(string s, int i, SqlLexicalRules rules) =>
        (s[i] == '-' && i + 1 < s.Length && s[i + 1] == '-')
        || (s[i] == '/' && i + 1 < s.Length && s[i + 1] == '*' && !(rules.ExecutableComments && i + 2 < s.Length && s[i + 2] == '!'))
        || (s[i] == '#' && rules.HashComments);

    private static string NextWord(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        var j = i;
        while (j < s.Length && SqlScanner.IsIdentifierChar(s[j])) j++;
        return s[i..j].ToUpperInvariant();
    }

    /// <summary>CREATE [OR REPLACE] [DEFINER=...] [TEMP] PROCEDURE|FUNCTION|TRIGGER|EVENT: bodies may hold ';'.</summary>
    private static bool IsRoutine(List<string> words) =>
        words.Count >= 2 && words[0] == "CREATE" && words.Take(10).Any(w => w is "PROCEDURE" or "FUNCTION" or "TRIGGER" or "EVENT");

    /// <summary><paramref name="text"/> from its first character of code on (leading whitespace and comments left out).</summary>
    internal static string Code(string text, SqlLexicalRules rules) => text[Math.Max(0, FirstCode(text, rules))..];

    /// <summary>Index of the first character that is neither whitespace nor inside a comment; -1 if none.</summary>
    internal static int FirstCode(string text, SqlLexicalRules rules)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            var end = IsCommentStart(text, i, rules) ? SqlScanner.SkipInert(text, i, rules) : -1;
            if (end < 0) return i;
            i = end;
        }
        return -1;
    }

    private static void Add(List<SqlStatement> result, string script, int start, int end, SqlDialect dialect, LineIndex lines)
    {
        var text = script[start..end];
        var first = FirstCode(text, dialect.Lexical);
        if (first < 0) return;
        result.Add(new SqlStatement(text.Trim(), lines.LineOf(start + first)));
    }

    /// <summary>Maps a character index to its 1-based line.</summary>
    private sealed class LineIndex
    {
        private readonly List<int> _starts = [0];

        public LineIndex(string text)
        {
            for (var i = 0; i < text.Length; i++) if (text[i] == '\n') _starts.Add(i + 1);
        }

        public int LineOf(int index)
        {
            var found = _starts.BinarySearch(index);
            return (found >= 0 ? found : ~found - 1) + 1;
        }
    }
}
