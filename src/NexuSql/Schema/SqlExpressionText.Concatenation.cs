namespace NexuSql.Schema;

public static partial class SqlExpressionText
{
    /// <summary>
    /// The token of a CONCAT call written for an engine whose <c>||</c> is OR (<see cref="RewriteConcatenation"/>): not
    /// the word <c>concat</c>, since PostgreSQL's own concat() skips NULLs, where MariaDB's CONCAT (and <c>||</c>) give NULL.
    /// </summary>
    private const string ConcatCall = "\u0001concat";

    private static readonly HashSet<string> TextFunctions = new(StringComparer.Ordinal)
    {
        "lower", "upper", "trim", "ltrim", "rtrim", "replace", "substr", ConcatCall,
    };

    // where a chain of || may start or end: operators and words that bind more loosely than || on PostgreSQL and SQLite
    // (comparisons, LIKE, IS, AND...), so the chain is one operand there and on the target alike
    private static readonly HashSet<string> LooserWords = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "is", "like", "in", "between", "when", "then", "else", "end",
    };

    /// <summary>
    /// <c>a || ' ' || b</c> as <c>CONCAT(a, ' ', b)</c> for an engine whose <c>||</c> is OR (MariaDB/MySQL), where every
    /// operand is text — a text column (not a blank-padded char(n)), a string literal, a call of a function returning
    /// text, or such an operand in parentheses — and nothing beside the chain binds more tightly than || (arithmetic: the
    /// engines group <c>a || b + c</c> otherwise). CONCAT is NULL when an argument is, as || is (break test 30 F11).
    /// Any other || is left as it is, and refused by the caller.
    /// </summary>
    private static List<Token> RewriteConcatenation(List<Token> tokens, IReadOnlyDictionary<string, ColumnType> kinds)
    {
        // the inside of every parenthesis first, so an operand may be a concatenation in parentheses
        var inner = new List<Token>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == Kind.Open && Matching(tokens, i) is var close && close > i)
            {
                inner.Add(tokens[i]);
                inner.AddRange(RewriteConcatenation(tokens[(i + 1)..close], kinds));
                inner.Add(tokens[close]);
                i = close;
                continue;
            }
            inner.Add(tokens[i]);
        }
        var result = new List<Token>();
        for (var i = 0; i < inner.Count; i++)
        {
            var operands = new List<(int From, int To)>();
            var at = i;
            while (TextOperandEnd(inner, at, kinds) is { } end)
            {
                operands.Add((at, end));
                if (end < inner.Count && inner[end] is { Kind: Kind.Op, Text: "||" }) at = end + 1;
                else break;
            }
            var last = operands.Count > 0 ? operands[^1].To : i;
            if (operands.Count >= 2 && (last == inner.Count || inner[last] is { Kind: Kind.Close or Kind.Comma } or { Kind: Kind.Op, Text: "=" or "<>" or "<" or ">" or "<=" or ">=" }
                    || inner[last] is { Kind: Kind.Word } w && LooserWords.Contains(w.Text))
                && (i == 0 || inner[i - 1] is { Kind: Kind.Open or Kind.Comma } or { Kind: Kind.Op, Text: "=" or "<>" or "<" or ">" or "<=" or ">=" }
                    || inner[i - 1] is { Kind: Kind.Word } v && LooserWords.Contains(v.Text)))
            {
                result.Add(new Token(Kind.Word, ConcatCall));
                result.Add(new Token(Kind.Open, "("));
                for (var n = 0; n < operands.Count; n++)
                {
                    if (n > 0) result.Add(new Token(Kind.Comma, ","));
                    var (from, to) = operands[n];
                    // (a || b) || c, as PostgreSQL writes a || b || c back: one CONCAT(a, b, c)
                    while (inner[from].Kind == Kind.Open && Matching(inner, from) == to - 1) { from++; to--; }
                    if (inner[from] is { Kind: Kind.Word, Text: ConcatCall } && Matching(inner, from + 1) == to - 1) { from += 2; to--; }
                    result.AddRange(inner[from..to]);
                }
                result.Add(new Token(Kind.Close, ")"));
                i = last - 1;
                continue;
            }
            // not a chain from here: the token, or the whole operand that starts here (a chain inside it was rewritten above)
            var skip = operands.Count > 0 ? operands[0].To : i + 1;
            result.AddRange(inner[i..skip]);
            i = skip - 1;
        }
        return result;
    }

    /// <summary>
    /// MariaDB's <c>CONCAT(a, ' ', b)</c> as <c>(a || ' ' || b)</c> for an engine whose <c>||</c> concatenates, where every
    /// argument is text as <see cref="RewriteConcatenation"/> asks (a text column, a string, a text function): CONCAT is
    /// NULL when an argument is, as || is — not PostgreSQL's concat(), which skips NULLs (bt37 M7: a MariaDB generated
    /// column of CONCAT was refused). Any other CONCAT is left as it is, and refused by the caller.
    /// </summary>
    private static List<Token> RewriteConcatCalls(List<Token> tokens, IReadOnlyDictionary<string, ColumnType> kinds)
    {
        var result = new List<Token>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is { Kind: Kind.Word, Text: "concat" } && i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open && Matching(tokens, i + 1) is var close && close > i + 2)
            {
                var inside = RewriteConcatCalls(tokens[(i + 2)..close], kinds);
                var arguments = new List<List<Token>> { new() };
                for (var n = 0; n < inside.Count; n++)
                {
                    if (inside[n].Kind == Kind.Comma) { arguments.Add([]); continue; }
                    var end = inside[n].Kind == Kind.Open && Matching(inside, n) is var m && m > n ? m : n;
                    arguments[^1].AddRange(inside[n..(end + 1)]);
                    n = end;
                }
                if (arguments.All(a => a.Count > 0 && TextOperandEnd(a, 0, kinds) == a.Count))
                {
                    result.Add(new Token(Kind.Open, "("));
                    for (var n = 0; n < arguments.Count; n++)
                    {
                        if (n > 0) result.Add(new Token(Kind.Op, "||"));
                        result.AddRange(arguments[n]);
                    }
                    result.Add(new Token(Kind.Close, ")"));
                    i = close;
                    continue;
                }
            }
            result.Add(tokens[i]);
        }
        return result;
    }

    /// <summary>Where the text operand starting at <paramref name="at"/> ends (exclusive), or null when none starts there.</summary>
    private static int? TextOperandEnd(List<Token> tokens, int at, IReadOnlyDictionary<string, ColumnType> kinds)
    {
        if (at >= tokens.Count) return null;
        var t = tokens[at];
        var call = at + 1 < tokens.Count && tokens[at + 1].Kind == Kind.Open;
        switch (t.Kind)
        {
            case Kind.String:
                return at + 1;
            case Kind.Word when call && TextFunctions.Contains(t.Text):
                return Matching(tokens, at + 1) is var close && close > at ? close + 1 : null;
            // char(n) is blank-padded: PostgreSQL drops the blanks when it concatenates, MariaDB keeps what it stored
            case Kind.Word when !call && kinds.TryGetValue(t.Text, out var type) && type.Kind is PortableType.String or PortableType.Text && !type.Fixed:
                return at + 1;
            // a text operand, or a chain of them joined by ||, in parentheses
            case Kind.Open:
                var end = Matching(tokens, at);
                for (var from = at + 1; end > at && TextOperandEnd(tokens, from, kinds) is { } next; from = next + 1)
                {
                    if (next == end) return end + 1;
                    if (tokens[next] is not { Kind: Kind.Op, Text: "||" }) return null;
                }
                return null;
            default:
                return null;
        }
    }
}
