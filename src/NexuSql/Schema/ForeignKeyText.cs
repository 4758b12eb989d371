using System.Text.RegularExpressions;
using NexuSql.Dialects;
using NexuSql.Internal;

namespace NexuSql.Schema;

/// <summary>
/// Finds <c>DEFERRABLE</c> on the foreign keys of CREATE TABLE text, for engines that keep it nowhere else (SQLite's
/// pragma foreign_key_list does not report it). Definitions are split with NexuSQL's lexer, so commas and parentheses
/// inside strings or comments do not count.
/// </summary>
public static partial class ForeignKeyText
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

    /// <summary>Each deferrable foreign key of the statement: its columns and <c>"deferred"</c> or <c>"immediate"</c>.</summary>
    /// <exception cref="FormatException">Unbalanced parentheses.</exception>
    public static IReadOnlyList<(IReadOnlyList<string> Columns, string Deferrable)> Deferrals(string createTableSql, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(createTableSql);
        ArgumentNullException.ThrowIfNull(dialect);
        var s = createTableSql;
        var rules = dialect.Lexical;
        var result = new List<(IReadOnlyList<string>, string)>();
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !Deferrable().IsMatch(s)) return result;
        var close = CheckConstraintText.MatchingParen(s, open, rules);
        var segments = new List<string>();
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
        foreach (var segment in segments)
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
}
