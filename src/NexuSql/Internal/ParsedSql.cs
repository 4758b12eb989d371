using System.Collections.Concurrent;
using System.Text;
using NexuSql.Dialects;

namespace NexuSql.Internal;

/// <summary>One <c>:name</c> placeholder found in SQL text.</summary>
/// <param name="Start">Index of the ':'.</param>
/// <param name="Length">Length including the ':'.</param>
/// <param name="NameIndex">Index into <see cref="ParsedSql.Names"/>.</param>
internal readonly record struct Placeholder(int Start, int Length, int NameIndex);

/// <summary>
/// SQL text with its <c>:name</c> placeholders located for one dialect. Parsed once per (dialect, text) and
/// cached; the text is then rewritten to the driver's native placeholders by substitution only, so every
/// character outside a placeholder stays byte-identical.
/// </summary>
internal sealed class ParsedSql
{
    private const int MaxCacheEntries = 20_000;
    private static readonly ConcurrentDictionary<(SqlDialect, SqlLexicalRules, string), ParsedSql> Cache = new();

    private ParsedSql(string sql, SqlDialect dialect, Placeholder[] placeholders, string[] names)
    {
        Sql = sql;
        Dialect = dialect;
        Placeholders = placeholders;
        Names = names;
        Rewritten = placeholders.Length == 0 ? sql : Build(null);
    }

    /// <summary>The original text.</summary>
    public string Sql { get; }

    /// <summary>The dialect the text was scanned for.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Every placeholder occurrence, in text order.</summary>
    public Placeholder[] Placeholders { get; }

    /// <summary>Distinct names (as written, without ':'), in order of first appearance.</summary>
    public string[] Names { get; }

    /// <summary>The mapper this statement used last (see <see cref="RowMapper"/>).</summary>
    public MapperSlot? LastMapper;

    /// <summary>The text with each distinct name bound to one driver parameter (no list expansion).</summary>
    public string Rewritten { get; }

    /// <summary>
    /// Returns the cached parse of <paramref name="sql"/> for <paramref name="dialect"/>, lexed with
    /// <paramref name="rules"/> (default: the dialect's; a MySQL session's declared <c>sql_mode</c> changes them).
    /// </summary>
    public static ParsedSql Get(string sql, SqlDialect dialect, SqlLexicalRules? rules = null)
    {
        rules ??= dialect.Lexical;
        if (Cache.TryGetValue((dialect, rules, sql), out var parsed)) return parsed;
        parsed = Parse(sql, dialect, rules);
        if (Cache.Count >= MaxCacheEntries) Cache.Clear(); // generated SQL must not grow the cache without bound
        Cache[(dialect, rules, sql)] = parsed;
        return parsed;
    }

    /// <summary>Scans <paramref name="sql"/> without caching.</summary>
    /// <remarks>
    /// A <c>SET sql_mode = '...'</c> statement inside the text (MySQL) changes the rules from the next ';' on, as
    /// the server will when it runs the statements in turn.
    /// </remarks>
    public static ParsedSql Parse(string sql, SqlDialect dialect, SqlLexicalRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        rules ??= dialect.Lexical;
        SqlLexicalRules? nextRules = null;
        List<Placeholder>? found = null;
        List<string>? names = null;
        var i = 0;
        while (i < sql.Length)
        {
            var end = SqlScanner.SkipInert(sql, i, rules);
            if (end >= 0) { i = end; continue; }
            var c = sql[i];
            if (c == ';' && nextRules is not null) (rules, nextRules) = (nextRules, null);
            if (rules.FollowsSqlMode && SqlScanner.IsNameStart(c)) nextRules = SqlModeChange.At(sql, i, rules, dialect.Lexical) ?? nextRules;
            if (c == ':')
            {
                var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
                if (next == ':' || next == '=') { i += 2; continue; }             // ::cast, :=assignment
                if (i > 0 && (SqlScanner.IsIdentifierChar(sql[i - 1]) || sql[i - 1] == ':'))
                {
                    i++; continue;                                                // a[lo:hi], 12:30, x:y
                }
                if (SqlScanner.IsNameStart(next))
                {
                    var j = i + 2;
                    while (j < sql.Length && SqlScanner.IsNameChar(sql[j])) j++;
                    var name = sql.Substring(i + 1, j - i - 1);
                    names ??= [];
                    var index = names.FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
                    if (index < 0) { index = names.Count; names.Add(name); }
                    (found ??= []).Add(new Placeholder(i, j - i, index));
                    i = j;
                    continue;
                }
                i++;
                continue;
            }
            if (SqlScanner.IsIdentifierChar(c))
            {
                // Skip a whole word so that "a$b$" or "x:" inside names are never taken for quotes or placeholders.
                i++;
                while (i < sql.Length && SqlScanner.IsIdentifierChar(sql[i])) i++;
                continue;
            }
            i++;
        }
        return new ParsedSql(sql, dialect, found?.ToArray() ?? [], names?.ToArray() ?? []);
    }

    /// <summary>
    /// For a placeholder that is all of an IN list (<c>x IN (:ids)</c>, <c>x NOT IN ( :ids )</c>): where the
    /// <c>[NOT] IN (...)</c> text starts, the index after its ')', and whether it is NOT IN; null otherwise.
    /// </summary>
    private (int Start, int End, bool Negated)? EmptyInList(Placeholder p, int notBefore)
    {
        var i = SkipBack(p.Start - 1, notBefore);
        if (i < notBefore || Sql[i] != '(') return null;
        i = SkipBack(i - 1, notBefore);
        if (!WordEndsAt(i, "IN", notBefore)) return null;
        var start = i - 1;
        var j = SkipBack(start - 1, notBefore);
        var negated = WordEndsAt(j, "NOT", notBefore);
        if (negated) start = j - 2;
        var k = p.Start + p.Length;
        while (k < Sql.Length && char.IsWhiteSpace(Sql[k])) k++;
        return k < Sql.Length && Sql[k] == ')' ? (start, k + 1, negated) : null;
    }

    /// <summary>
    /// From <paramref name="i"/> backwards over white space and <c>/* */</c> comments (<c>x NOT /* why */ IN</c>: a NOT
    /// left behind would make PostgreSQL's <c>NOT = ANY</c>). A nested comment is stepped into, not over: the word
    /// then found is not NOT, which leaves the text as it was.
    /// </summary>
    private int SkipBack(int i, int notBefore)
    {
        while (true)
        {
            while (i >= notBefore && char.IsWhiteSpace(Sql[i])) i--;
            if (i - 1 < notBefore || Sql[i] != '/' || Sql[i - 1] != '*') return i;
            var open = i - 2 < notBefore ? -1 : Sql.LastIndexOf("/*", i - 2, i - 1 - notBefore, StringComparison.Ordinal);
            if (open < notBefore) return i;
            i = open - 1;
        }
    }

    private bool WordEndsAt(int end, string word, int notBefore)
    {
        var start = end - word.Length + 1;
        return start >= notBefore && string.Compare(Sql, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0 &&
               (start == 0 || !(SqlScanner.IsIdentifierChar(Sql[start - 1]) || Sql[start - 1] is '"' or '`' or ']'));
    }

    /// <summary>
    /// Writes the driver text. <paramref name="listCounts"/> gives, per name, how many values a list expands to
    /// (-1 for a single value); <see langword="null"/> means no lists. Returns the text; parameter indexes are
    /// assigned in <see cref="Names"/> order, list elements consecutively.
    /// </summary>
    public string Build(int[]? listCounts)
    {
        var firstIndex = new int[Names.Length];
        var next = 0;
        for (var n = 0; n < Names.Length; n++)
        {
            firstIndex[n] = next;
            var count = listCounts?[n] ?? -1;
            next += count < 0 ? 1 : count;
        }
        var sb = new StringBuilder(Sql.Length + Placeholders.Length * 4);
        var last = 0;
        foreach (var p in Placeholders)
        {
            sb.Append(Sql, last, p.Start - last);
            var count = listCounts?[p.NameIndex] ?? -1;
            if (count < 0) sb.Append(Dialect.Placeholder(firstIndex[p.NameIndex]));
            else if (count == 0 && EmptyInList(p, last) is var (start, end, negated))
            {
                // [NOT] IN (:ids) with no ids: no value is in an empty list, every value is not (SQL's rule for an empty subquery)
                sb.Length -= p.Start - start;
                sb.Append(Dialect.EmptyInListSql(negated));
                last = end;
                continue;
            }
            else if (count == 0) sb.Append("NULL"); // elsewhere an empty list is NULL
            else
            {
                for (var k = 0; k < count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    sb.Append(Dialect.Placeholder(firstIndex[p.NameIndex] + k));
                }
            }
            last = p.Start + p.Length;
        }
        sb.Append(Sql, last, Sql.Length - last);
        return sb.ToString();
    }
}
