using System.Text.RegularExpressions;
using NexuSql.Dialects;
using NexuSql.Internal;
using NexuSql.Schema;

namespace NexuSql.Sqlite;

/// <summary>
/// Finds what SQLite keeps only in a table's CREATE text: <c>DEFERRABLE</c> on foreign keys (pragma foreign_key_list
/// does not report it) and column collations. Definitions are split with NexuSQL's lexer, so commas and parentheses
/// inside strings or comments do not count. SQLite-only, so it lives in the SQLite provider (it uses core's lexer
/// through InternalsVisibleTo).
/// </summary>
internal static partial class SqliteCreateTableText
{
    [GeneratedRegex(@"^\s*(?:CONSTRAINT\s+(?:""(?:[^""]|"""")*""|`[^`]*`|\[[^\]]*\]|\S+)\s+)?FOREIGN\s+KEY\s*\((?<cols>[^)]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex TableConstraint();

    [GeneratedRegex(@"^\s*(?<col>""(?:[^""]|"""")*""|`[^`]*`|\[[^\]]*\]|[^\s(,]+)")]
    private static partial Regex ColumnName();

    [GeneratedRegex(@"\bREFERENCES\b(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex References();

    [GeneratedRegex(@"\bNOT\s+DEFERRABLE\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotDeferrable();

    [GeneratedRegex(@"\bDEFERRABLE\s+INITIALLY\s+DEFERRED\b", RegexOptions.IgnoreCase)]
    private static partial Regex InitiallyDeferred();

    [GeneratedRegex(@"\bDEFERRABLE\b", RegexOptions.IgnoreCase)]
    private static partial Regex Deferrable();

    [GeneratedRegex(@"\bCOLLATE\s+(?<name>""(?:[^""]|"""")*""|`[^`]*`|\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_$]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Collate();

    [GeneratedRegex(@"^\s*(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TableConstraintStart();

    /// <summary>The column definitions and table constraints of CREATE TABLE text, split at the commas between them.</summary>
    internal static IReadOnlyList<string> Definitions(string s, SqlLexicalRules rules)
    {
        var segments = new List<string>();
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open < 0) return segments;
        var close = CheckConstraintText.MatchingParen(s, open, rules);
        var start = open + 1;
        var i = start;
        while (i < close)
        {
            var end = SqlScanner.SkipInert(s, i, rules);
            if (end >= 0) { i = end; continue; }
            if (s[i] == '(') { i = CheckConstraintText.MatchingParen(s, i, rules) + 1; continue; }
            if (s[i] == ',') { segments.Add(s[start..i]); start = i + 1; }
            i++;
        }
        segments.Add(s[start..close]);
        return segments;
    }

    /// <summary>
    /// Each column's declared collation (<c>name TEXT COLLATE NOCASE</c>) by column name, (SQLite keeps it only in the CREATE text). Collations inside parentheses (a generated column's expression, a check) are not the column's.
    /// </summary>
    /// <exception cref="FormatException">Unbalanced parentheses.</exception>
    public static IReadOnlyDictionary<string, string> ColumnCollations(string createTableSql)
    {
        ArgumentNullException.ThrowIfNull(createTableSql);
        var dialect = SqliteDialect.Instance;
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (createTableSql.IndexOf("COLLATE", StringComparison.OrdinalIgnoreCase) < 0) return result;
        foreach (var segment in Definitions(createTableSql, dialect.Lexical))
        {
            if (TableConstraintStart().IsMatch(segment) || ColumnName().Match(segment) is not { Success: true } name) continue;
            // leave out what is inside parentheses: a type's size, an expression
            var outside = new System.Text.StringBuilder();
            for (var i = 0; i < segment.Length; i++)
            {
                if (segment[i] == '(') { i = CheckConstraintText.MatchingParen(segment, i, dialect.Lexical); continue; }
                outside.Append(segment[i]);
            }
            if (Collate().Match(outside.ToString()) is { Success: true } collate)
                result[CheckConstraintText.Unquote(name.Groups["col"].Value)] = CheckConstraintText.Unquote(collate.Groups["name"].Value);
        }
        return result;
    }

    /// <summary>Each deferrable foreign key of the statement: its columns and <c>"deferred"</c> or <c>"immediate"</c>.</summary>
    /// <exception cref="FormatException">Unbalanced parentheses.</exception>
    public static IReadOnlyList<(IReadOnlyList<string> Columns, string Deferrable)> Deferrals(string createTableSql)
    {
        ArgumentNullException.ThrowIfNull(createTableSql);
        var dialect = SqliteDialect.Instance;
        var s = createTableSql;
        var rules = dialect.Lexical;
        var result = new List<(IReadOnlyList<string>, string)>();
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !Deferrable().IsMatch(s)) return result;
        foreach (var segment in Definitions(s, rules))
        {
            if (References().Match(segment) is not { Success: true } references) continue;
            var rest = references.Groups["rest"].Value;
            if (NotDeferrable().IsMatch(rest) || !Deferrable().IsMatch(rest)) continue;
            IReadOnlyList<string> columns = TableConstraint().Match(segment) is { Success: true } fk
                ? [.. fk.Groups["cols"].Value.Split(',').Select(c => CheckConstraintText.Unquote(c.Trim()))]
                : [CheckConstraintText.Unquote(ColumnName().Match(segment).Groups["col"].Value)];
            result.Add((columns, InitiallyDeferred().IsMatch(rest) ? "deferred" : "immediate"));
        }
        return result;
    }

    /// <summary>
    /// The statement declares a column <c>AUTOINCREMENT</c> (SQLite: its INTEGER PRIMARY KEY never reuses an id). Only the
    /// SQL outside strings, quoted names and comments counts, so <c>DEFAULT 'AUTOINCREMENT'</c> does not.
    /// </summary>
    public static bool HasAutoincrement(string createTableSql)
    {
        ArgumentNullException.ThrowIfNull(createTableSql);
        var dialect = SqliteDialect.Instance;
        var s = createTableSql;
        if (s.IndexOf("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) < 0) return false;
        var outside = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length;)
        {
            var end = SqlScanner.SkipInert(s, i, dialect.Lexical);
            if (end >= 0) { outside.Append(' '); i = end; continue; }
            outside.Append(s[i++]);
        }
        return Autoincrement().IsMatch(outside.ToString());
    }

    [GeneratedRegex(@"\bAUTOINCREMENT\b", RegexOptions.IgnoreCase)]
    private static partial Regex Autoincrement();
}
