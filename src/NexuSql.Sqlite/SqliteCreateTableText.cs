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

    [GeneratedRegex(@"\bON\s+CONFLICT\s+(?<a>ROLLBACK|ABORT|FAIL|IGNORE|REPLACE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OnConflict();

    [GeneratedRegex(@"^\s*(?:CONSTRAINT\s+(?:""(?:[^""]|"""")*""|`[^`]*`|\[[^\]]*\]|\S+)\s+)?(?<kind>PRIMARY\s+KEY|UNIQUE)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex KeyConstraint();

    [GeneratedRegex(@"\b(?<kind>PRIMARY\s+KEY(?:\s+(?:ASC|DESC))?|UNIQUE|NOT\s+NULL)\s+ON\s+CONFLICT\s+(?<a>ROLLBACK|ABORT|FAIL|IGNORE|REPLACE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ColumnConflict();

    /// <summary>
    /// The <c>ON CONFLICT</c> clauses of the statement (SQLite keeps them only in the CREATE text): the primary key's,
    /// each UNIQUE constraint's by its columns, and each column's NOT NULL's by column name.
    /// </summary>
    /// <exception cref="FormatException">Unbalanced parentheses.</exception>
    public static (string? Key, IReadOnlyList<(IReadOnlyList<string> Columns, string Algorithm)> Uniques, IReadOnlyDictionary<string, string> NotNull) Conflicts(string createTableSql)
    {
        ArgumentNullException.ThrowIfNull(createTableSql);
        var rules = SqliteDialect.Instance.Lexical;
        string? key = null;
        var uniques = new List<(IReadOnlyList<string>, string)>();
        var notNull = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!OnConflict().IsMatch(createTableSql)) return (key, uniques, notNull);
        foreach (var segment in Definitions(createTableSql, rules))
        {
            if (KeyConstraint().Match(segment) is { Success: true } constraint)
            {
                // PRIMARY KEY (a, b COLLATE x DESC) ON CONFLICT REPLACE: the key's columns are the first word of each part
                var open = constraint.Index + constraint.Length - 1;
                var close = CheckConstraintText.MatchingParen(segment, open, rules);
                if (OnConflict().Match(Outside(segment[(close + 1)..], rules)) is not { Success: true } clause) continue;
                var algorithm = clause.Groups["a"].Value.ToUpperInvariant();
                if (constraint.Groups["kind"].Value.StartsWith('P') || constraint.Groups["kind"].Value.StartsWith('p')) key = algorithm;
                else uniques.Add(([.. segment[(open + 1)..close].Split(',').Select(part => CheckConstraintText.Unquote(ColumnName().Match(part).Groups["col"].Value))], algorithm));
                continue;
            }
            if (TableConstraintStart().IsMatch(segment) || ColumnName().Match(segment) is not { Success: true } name) continue;
            var column = CheckConstraintText.Unquote(name.Groups["col"].Value);
            foreach (Match m in ColumnConflict().Matches(Outside(segment[(name.Index + name.Length)..], rules)))
            {
                var algorithm = m.Groups["a"].Value.ToUpperInvariant();
                var kind = m.Groups["kind"].Value.ToUpperInvariant();
                if (kind.StartsWith('P')) key = algorithm;
                else if (kind.StartsWith('U')) uniques.Add(([column], algorithm));
                else notNull[column] = algorithm;
            }
        }
        return (key, uniques, notNull);
    }

    /// <summary>
    /// The names of the statement's UNIQUE and FOREIGN KEY constraints, which SQLite keeps only in the CREATE text
    /// (pragma index_list calls a UNIQUE's index <c>sqlite_autoindex_t_1</c>, pragma foreign_key_list names no key):
    /// table-level (<c>CONSTRAINT "uq_a" UNIQUE (a)</c>, <c>CONSTRAINT fk FOREIGN KEY (a) REFERENCES t</c>) and
    /// column-level (<c>a int CONSTRAINT fk REFERENCES t</c>), each by its columns (a foreign key also by the table it
    /// references). Unnamed constraints are not listed (break test 33 G12).
    /// </summary>
    /// <exception cref="FormatException">Unbalanced parentheses.</exception>
    public static (IReadOnlyList<(IReadOnlyList<string> Columns, string Name)> Uniques, IReadOnlyList<(IReadOnlyList<string> Columns, string ReferencedTable, string Name)> ForeignKeys)
        ConstraintNames(string createTableSql)
    {
        ArgumentNullException.ThrowIfNull(createTableSql);
        var rules = SqliteDialect.Instance.Lexical;
        var uniques = new List<(IReadOnlyList<string>, string)>();
        var foreignKeys = new List<(IReadOnlyList<string>, string, string)>();
        if (createTableSql.IndexOf("CONSTRAINT", StringComparison.OrdinalIgnoreCase) < 0) return (uniques, foreignKeys);
        foreach (var segment in Definitions(createTableSql, rules))
        {
            var tokens = Tokens(segment, rules);
            var tableLevel = TableConstraintStart().IsMatch(segment);
            if (tokens.Count == 0) continue;
            IReadOnlyList<string>? column = tableLevel ? null : [tokens[0].Text];
            bool Is(int k, string word) => k < tokens.Count && !tokens[k].Quoted && tokens[k].Text.Equals(word, StringComparison.OrdinalIgnoreCase);
            IReadOnlyList<string>? ColumnsAt(int k) => k < tokens.Count && tokens[k].Open >= 0
                ? [.. segment[(tokens[k].Open + 1)..tokens[k].Close].Split(',').Select(part => CheckConstraintText.Unquote(ColumnName().Match(part).Groups["col"].Value))]
                : null;
            string? pending = null;
            for (var k = tableLevel ? 0 : 1; k < tokens.Count; k++)
            {
                if (Is(k, "CONSTRAINT") && k + 1 < tokens.Count)
                {
                    pending = tokens[++k].Text;
                    continue;
                }
                if (Is(k, "UNIQUE"))
                {
                    if (pending is not null && (tableLevel ? ColumnsAt(k + 1) : column) is { } columns) uniques.Add((columns, pending));
                    pending = null;
                    continue;
                }
                if (Is(k, "FOREIGN") && Is(k + 1, "KEY"))
                {
                    var columns = ColumnsAt(k + 2);
                    var references = k + 3;
                    while (references < tokens.Count && !Is(references, "REFERENCES")) references++;
                    if (pending is not null && columns is not null && references + 1 < tokens.Count)
                        foreignKeys.Add((columns, tokens[references + 1].Text, pending));
                    pending = null;
                    k = references + 1;
                    continue;
                }
                if (Is(k, "REFERENCES"))
                {
                    if (pending is not null && column is not null && k + 1 < tokens.Count) foreignKeys.Add((column, tokens[k + 1].Text, pending));
                    pending = null;
                    k++;
                    continue;
                }
                // the name belongs to another kind of constraint (PRIMARY KEY, NOT NULL, CHECK, DEFAULT, COLLATE, GENERATED)
                if (!tokens[k].Quoted && tokens[k].Open < 0 && ConstraintWord().IsMatch(tokens[k].Text)) pending = null;
            }
        }
        return (uniques, foreignKeys);
    }

    [GeneratedRegex(@"^(PRIMARY|NOT|NULL|CHECK|DEFAULT|COLLATE|GENERATED|AS)$", RegexOptions.IgnoreCase)]
    private static partial Regex ConstraintWord();

    // the words, quoted names (unquoted) and parenthesised groups (by position) of one definition; strings count as names
    // (SQLite takes CONSTRAINT 'x'), comments not at all
    private static List<(string Text, bool Quoted, int Open, int Close)> Tokens(string segment, SqlLexicalRules rules)
    {
        var tokens = new List<(string, bool, int, int)>();
        for (var i = 0; i < segment.Length;)
        {
            var end = SqlScanner.SkipInert(segment, i, rules);
            if (end >= 0)
            {
                if (segment[i] is '"' or '`' or '[' or '\'') tokens.Add((CheckConstraintText.Unquote(segment[i..end]), true, -1, -1));
                i = end;
                continue;
            }
            if (segment[i] == '(')
            {
                var close = CheckConstraintText.MatchingParen(segment, i, rules);
                tokens.Add(("(", false, i, close));
                i = close + 1;
                continue;
            }
            if (SqlScanner.IsNameStart(segment[i]))
            {
                var j = CheckConstraintText.WordEnd(segment, i);
                tokens.Add((segment[i..j], false, -1, -1));
                i = j;
                continue;
            }
            if (!char.IsWhiteSpace(segment[i])) tokens.Add((segment[i].ToString(), false, -1, -1));
            i++;
        }
        return tokens;
    }

    // the text outside strings, quoted names, comments and parentheses (a default's or check's expression)
    private static string Outside(string s, SqlLexicalRules rules)
    {
        var outside = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length;)
        {
            var end = SqlScanner.SkipInert(s, i, rules);
            if (end >= 0) { outside.Append(' '); i = end; continue; }
            if (s[i] == '(') { i = CheckConstraintText.MatchingParen(s, i, rules) + 1; outside.Append(' '); continue; }
            outside.Append(s[i++]);
        }
        return outside.ToString();
    }
}
