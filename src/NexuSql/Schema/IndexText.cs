using NexuSql.Dialects;
using NexuSql.Internal;

namespace NexuSql.Schema;

/// <summary>
/// Index text: the key parts and WHERE clause of a stored <c>CREATE INDEX</c> statement (for engines that keep indexes
/// only as text, SQLite), and a short description of an index for plans and messages. Uses NexuSQL's lexer, so commas,
/// parentheses and the word WHERE inside strings, quoted names or comments do not count.
/// </summary>
public static class IndexText
{
    /// <summary>The key parts (as written, without ASC/DESC and COLLATE) and the predicate of <c>CREATE INDEX ... (parts) [WHERE predicate]</c>.</summary>
    /// <exception cref="FormatException">The text has no key-part list.</exception>
    public static (IReadOnlyList<string> Parts, string? Where) Parse(string createIndexSql, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(createIndexSql);
        ArgumentNullException.ThrowIfNull(dialect);
        var s = createIndexSql;
        var rules = dialect.Lexical;
        var parts = new List<string>();
        int? open = null;
        var depth = 0;
        var start = 0;
        var i = 0;
        for (; i < s.Length; i++)
        {
            var end = SqlScanner.SkipInert(s, i, rules);
            if (end >= 0) { i = end - 1; continue; }
            if (s[i] == '(' && depth++ == 0) { open = i; start = i + 1; }
            else if (s[i] == ',' && depth == 1) { parts.Add(s[start..i]); start = i + 1; }
            else if (s[i] == ')' && --depth == 0) { parts.Add(s[start..i]); break; }
        }
        if (open is null || i >= s.Length) throw new FormatException($"No key parts in index text: {createIndexSql}");
        string? where = null;
        for (var j = i + 1; j < s.Length; j++)
        {
            var end = SqlScanner.SkipInert(s, j, rules);
            if (end >= 0) { j = end - 1; continue; }
            if (IsWord(s, j, "WHERE")) { where = s[(j + 5)..].Trim().TrimEnd(';').Trim(); break; }
        }
        return ([.. parts.Select(p => StripOrderAndCollation(p, rules))], where);
    }

    /// <summary>A short description: <c>unique (lower(email)) where deleted_at IS NULL</c>, <c>using gin (tags)</c>, <c>(name(10))</c>.</summary>
    public static string Describe(IndexModel index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var parts = index.Columns.Select(c => (c.Expression is { } e ? $"({e})" : c.Name)
            + (c.Length is { } n ? $"({n})" : "") + (c.Collation is { } k ? " collate " + k : "") + (c.OperatorClass is { } o ? " " + o : "") + (c.Descending ? " desc" : "") + (c.Nulls is { } nl ? " nulls " + nl : ""));
        return (index.Unique ? "unique " : "") + (IndexModel.IsDefaultMethod(index.Method) ? "" : $"using {index.Method} ")
            + $"({string.Join(", ", parts)})" + (index.Include is { Count: > 0 } inc ? $" include ({string.Join(", ", inc)})" : "")
            + (index.NullsNotDistinct ? " nulls not distinct" : "") + (index.StorageParameters is { Count: > 0 } p ? $" with ({string.Join(", ", p)})" : "")
            + (index.Where is { } w ? $" where {w}" : "") + (index.Ignored ? " ignored" : "");
    }

    /// <summary>An expression with one pair of parentheses around the whole of it removed: <c>(lower(email))</c> → <c>lower(email)</c>.</summary>
    public static string Unwrap(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var e = expression.Trim();
        if (e.Length < 2 || e[0] != '(' || e[^1] != ')') return e;
        var depth = 0;
        for (var i = 0; i < e.Length; i++)
        {
            if (e[i] == '(') depth++;
            else if (e[i] == ')' && --depth == 0 && i < e.Length - 1) return e; // (a) + (b)
        }
        return e[1..^1].Trim();
    }

    private static string StripOrderAndCollation(string part, SqlLexicalRules rules)
    {
        var p = part.Trim();
        // the last top-level COLLATE / ASC / DESC words belong to the key part, not to its expression
        foreach (var word in new[] { "ASC", "DESC" })
            if (p.EndsWith(word, StringComparison.OrdinalIgnoreCase) && p.Length > word.Length && char.IsWhiteSpace(p[^(word.Length + 1)])) { p = p[..^word.Length].TrimEnd(); break; }
        var collate = -1;
        var depth = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var end = SqlScanner.SkipInert(p, i, rules);
            if (end >= 0) { i = end - 1; continue; }
            if (p[i] == '(') depth++;
            else if (p[i] == ')') depth--;
            else if (depth == 0 && IsWord(p, i, "COLLATE")) collate = i;
        }
        return collate > 0 ? p[..collate].TrimEnd() : p;
    }

    private static bool IsWord(string s, int i, string word) =>
        string.Compare(s, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (i == 0 || !SqlScanner.IsIdentifierChar(s[i - 1])) && (i + word.Length >= s.Length || !SqlScanner.IsIdentifierChar(s[i + word.Length]));
}
