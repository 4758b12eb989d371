namespace NexuSql.Schema;

public static partial class SqlExpressionText
{
    private static readonly HashSet<string> TruthOperators = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "is", "in", "like", "glob", "regexp", "match", "between", "exists",
    };

    /// <summary>
    /// Whether the value of <paramref name="expression"/> is a truth value: a comparison, IS, IN, LIKE, BETWEEN, NOT, AND
    /// or OR outside parentheses and CASE (they bind looser than arithmetic and concatenation, so one there is the whole
    /// expression's operator), or TRUE / FALSE alone. SQLite and MySQL/MariaDB keep such a value as the integer 1 or 0
    /// (NULL where an operand is), so <c>g INT AS (s = 'abc')</c> is an integer column there; PostgreSQL's is a boolean
    /// (42804 for an integer column: break test 34 F4).
    /// </summary>
    internal static bool IsTruthValue(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var tokens = Tokenize(expression);
        // one parenthesised whole: its inside
        while (tokens.Count >= 2 && tokens[0].Kind == Kind.Open && Matching(tokens, 0) == tokens.Count - 1) tokens = tokens[1..^1];
        if (tokens is [{ Kind: Kind.Word, Text: "true" or "false" }]) return true;
        var depth = 0;
        var cases = 0;
        foreach (var t in tokens)
        {
            if (t.Kind is Kind.Open or Kind.OpenBracket) depth++;
            else if (t.Kind is Kind.Close or Kind.CloseBracket) depth--;
            else if (depth > 0) continue;
            else if (t is { Kind: Kind.Word, Text: "case" }) cases++;
            else if (t is { Kind: Kind.Word, Text: "end" } && cases > 0) cases--;
            else if (cases > 0) continue;
            else if ((t.Kind == Kind.Op && t.Text is "=" or "<>" or "<" or ">" or "<=" or ">=") || (t.Kind == Kind.Word && TruthOperators.Contains(t.Text))) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether the operand <paramref name="from"/>..<paramref name="to"/> is taken as a truth value: the whole
    /// expression, an operand of AND, OR or NOT, a CASE's WHEN, either side of IS (<c>f IS FALSE</c>), or a CASE arm or parenthesised whole that
    /// is itself so. Anywhere else (beside a comparison or arithmetic, in IN, in a call) a MySQL/MariaDB or SQLite
    /// boolean is read as the integer it is there (<see cref="Dialects.SqlDialect.BooleansAreIntegers"/>).
    /// </summary>
    /// <param name="tokens">The expression.</param>
    /// <param name="from">The operand's first token.</param>
    /// <param name="to">Its last token.</param>
    /// <param name="wholeIsTruth">Whether the whole expression is a truth value (a check, a boolean generated column) or a number (an integer one).</param>
    private static bool InTruthPosition(List<Token> tokens, int from, int to, bool wholeIsTruth = true)
    {
        var before = from - 1;
        var after = to + 1;
        if (before < 0 && after >= tokens.Count) return wholeIsTruth;
        if (before >= 0 && tokens[before].Kind == Kind.Open && !IsCall(tokens, before) && after < tokens.Count && Matching(tokens, before) == after)
            return InTruthPosition(tokens, before, after, wholeIsTruth);
        if (before >= 0 && tokens[before] is { Kind: Kind.Word, Text: "then" or "else" })
        {
            var (start, end) = (CaseStart(tokens, before), CaseEnd(tokens, before));
            return start >= 0 && end >= 0 && InTruthPosition(tokens, start, end, wholeIsTruth);
        }
        var truthBefore = before < 0 || tokens[before].Kind == Kind.Open && !IsCall(tokens, before)
            || tokens[before] is { Kind: Kind.Word, Text: "and" or "or" or "not" or "when" or "is" };
        var truthAfter = after >= tokens.Count || tokens[after].Kind == Kind.Close
            || tokens[after] is { Kind: Kind.Word, Text: "and" or "or" or "then" or "is" };
        return truthBefore && truthAfter;
    }

    /// <summary>The parenthesis at <paramref name="open"/> opens a call's arguments (a name that is no keyword is before it).</summary>
    private static bool IsCall(List<Token> tokens, int open) =>
        open > 0 && tokens[open - 1].Kind == Kind.Word && !TruthOperators.Contains(tokens[open - 1].Text) && !PortableKeywords.Contains(tokens[open - 1].Text);

    /// <summary>The CASE whose WHEN, THEN or ELSE is at <paramref name="at"/>, or -1.</summary>
    private static int CaseStart(List<Token> tokens, int at)
    {
        var ends = 0;
        for (var i = at - 1; i >= 0; i--)
        {
            if (tokens[i] is { Kind: Kind.Word, Text: "end" }) ends++;
            else if (tokens[i] is { Kind: Kind.Word, Text: "case" } && ends-- == 0) return i;
        }
        return -1;
    }

    /// <summary>The END of the CASE whose WHEN, THEN or ELSE is at <paramref name="at"/>, or -1.</summary>
    private static int CaseEnd(List<Token> tokens, int at)
    {
        var cases = 0;
        for (var i = at + 1; i < tokens.Count; i++)
        {
            if (tokens[i] is { Kind: Kind.Word, Text: "case" }) cases++;
            else if (tokens[i] is { Kind: Kind.Word, Text: "end" } && cases-- == 0) return i;
        }
        return -1;
    }

    private static readonly HashSet<string> ComparisonOperators = new(StringComparer.Ordinal) { "=", "<>", "<", ">", "<=", ">=", "<=>" };

    /// <summary>
    /// The first place where a comparison or IS compares the result of another one at the same level, with nothing
    /// (AND, OR, NOT, a parenthesis, a CASE keyword, a comma) between them (<c>a = f = 1</c>, <c>a IS NOT TRUE = 1</c>), or null.
    /// </summary>
    private static string? ChainedComparison(List<Token> tokens)
    {
        var seen = new Stack<(int Count, int Start)>();
        var (count, start) = (0, 0);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind is Kind.Open or Kind.OpenBracket) { seen.Push((count, start)); (count, start) = (0, i + 1); continue; }
            if (t.Kind is Kind.Close or Kind.CloseBracket) { (count, start) = seen.Count > 0 ? seen.Pop() : (0, i + 1); continue; }
            if (t.Kind == Kind.Comma || t is { Kind: Kind.Word, Text: "and" or "or" or "not" or "case" or "when" or "then" or "else" or "end" or "between" })
            {
                // BETWEEN's AND is its own: the comparison it makes counts once
                if (t.Text == "not" && i > 0 && tokens[i - 1] is { Kind: Kind.Word, Text: "is" }) continue;
                if (t.Text != "between") { (count, start) = (0, i + 1); continue; }
                if (++count == 2) return Join(tokens[start..Math.Min(tokens.Count, i + 2)]);
                i = SkipBetweenBounds(tokens, i);
                continue;
            }
            if ((t.Kind == Kind.Op && ComparisonOperators.Contains(t.Text)) || t is { Kind: Kind.Word, Text: "is" or "in" or "like" })
                if (++count == 2) return Join(tokens[start..Math.Min(tokens.Count, i + 2)]);
        }
        return null;
    }

    /// <summary>The index of the AND that closes BETWEEN's bounds (at <paramref name="between"/>), or <paramref name="between"/>.</summary>
    private static int SkipBetweenBounds(List<Token> tokens, int between)
    {
        var depth = 0;
        for (var i = between + 1; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == Kind.Open) depth++;
            else if (tokens[i].Kind == Kind.Close) depth--;
            else if (depth == 0 && tokens[i] is { Kind: Kind.Word, Text: "and" }) return i;
        }
        return between;
    }

    /// <summary>
    /// The parenthesized truth values used where a number is (<c>a = (n &gt; 5)</c>, <c>(x &gt; 0) + (y &gt; 0)</c>): the index
    /// of each opening parenthesis, and minus the index of its closing one.
    /// </summary>
    private static HashSet<int> TruthGroupsUsedAsNumbers(List<Token> tokens, bool wholeIsTruth)
    {
        var result = new HashSet<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != Kind.Open || IsCall(tokens, i)) continue;
            var close = Matching(tokens, i);
            if (close <= i + 1 || InTruthPosition(tokens, i, close, wholeIsTruth)) continue;
            if (IsTruthValue(Join(tokens[(i + 1)..close]))) { result.Add(i); result.Add(-close); }
        }
        return result;
    }

    private static readonly Dictionary<string, string> NegatedComparison = new(StringComparer.Ordinal)
        { ["="] = "<>", ["<>"] = "=", ["<"] = ">=", [">="] = "<", [">"] = "<=", ["<="] = ">" };

    /// <summary>
    /// For comparing only (<see cref="Normalize(string)"/>): the truth values as MariaDB stores what a plan wrote (bt51 F6, F7:
    /// every apply of a PostgreSQL file with boolean checks changed them again): TRUE and FALSE as 1 and 0 (but after
    /// IS), a name that is a truth value of its own as <c>name &lt;&gt; 0</c>, <c>NOT a &lt;&gt; b</c> as <c>a = b</c>.
    /// PostgreSQL refuses the integer spellings on a boolean and a bare integer as a truth value, so no two checks one
    /// engine takes alike are taken for one.
    /// </summary>
    private static List<Token> RewriteTruthSpellings(List<Token> tokens)
    {
        var result = new List<Token>(tokens.Count + 8);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var afterIs = i > 0 && tokens[i - 1] is { Kind: Kind.Word, Text: "is" } || i > 1 && tokens[i - 1] is { Kind: Kind.Word, Text: "not" } && tokens[i - 2] is { Kind: Kind.Word, Text: "is" };
            if (t is { Kind: Kind.Word, Text: "true" or "false" } && !afterIs)
                result.Add(new Token(Kind.Number, t.Text == "true" ? "1" : "0"));
            else if (t.Kind is Kind.Word or Kind.QuotedName && !afterIs && (t.Kind == Kind.QuotedName || !IsKeyword(t.Text))
                && !(i + 1 < tokens.Count && tokens[i + 1].Kind is Kind.Open or Kind.Op) && !(i > 0 && tokens[i - 1].Kind == Kind.Op) && InTruthPosition(tokens, i, i))
                result.AddRange([t, new Token(Kind.Op, "<>"), new Token(Kind.Number, "0")]);
            else if (t is { Kind: Kind.Word, Text: "not" } && !afterIs && NegatedOperand(tokens, i + 1) is { } negated)
            {
                result.AddRange(negated.Tokens);
                i = negated.End - 1;
            }
            else result.Add(t);
        }
        return result;
    }

    private static bool IsKeyword(string word) => PortableKeywords.Contains(word) || TruthOperators.Contains(word) || word is "unknown" or "distinct" or "from";

    /// <summary>
    /// The operand of a NOT at <paramref name="from"/> (parenthesized or not) when it is one comparison, written with
    /// the opposite operator, and where it ends (exclusive); else null.
    /// </summary>
    private static (List<Token> Tokens, int End)? NegatedOperand(List<Token> tokens, int from)
    {
        if (from >= tokens.Count) return null;
        int start = from, end;
        if (tokens[from].Kind == Kind.Open && !IsCall(tokens, from))
        {
            end = Matching(tokens, from);
            if (end < 0) return null;
            start = from + 1;
        }
        else
        {
            end = from;
            var depth = 0;
            for (; end < tokens.Count; end++)
            {
                var t = tokens[end];
                if (t.Kind == Kind.Open) depth++;
                else if (t.Kind == Kind.Close && --depth < 0) break;
                else if (depth == 0 && (t.Kind == Kind.Comma || t is { Kind: Kind.Word, Text: "and" or "or" or "then" or "else" or "when" or "end" })) break;
            }
        }
        var comparison = -1;
        for (int i = start, depth = 0; i < end; i++)
        {
            var t = tokens[i];
            if (t.Kind is Kind.Open or Kind.OpenBracket) depth++;
            else if (t.Kind is Kind.Close or Kind.CloseBracket) depth--;
            else if (depth > 0) continue;
            else if (t.Kind == Kind.Op && NegatedComparison.ContainsKey(t.Text)) { if (comparison >= 0) return null; comparison = i; }
            else if (t.Kind == Kind.Word && (TruthOperators.Contains(t.Text) || t.Text is "case" or "when")) return null;
        }
        if (comparison < 0) return null;
        var negated = tokens[start..end];
        negated[comparison - start] = new Token(Kind.Op, NegatedComparison[tokens[comparison].Text]);
        return (negated, tokens[from].Kind == Kind.Open && start == from + 1 ? end + 1 : end);
    }

    /// <summary>
    /// Where a MariaDB or SQLite boolean column is used as PostgreSQL uses a boolean: compared with 0, 1, TRUE, FALSE or
    /// another boolean column (<c>active = 1</c>), in an IN or BETWEEN of those, or with them in a coalesce() that is a
    /// truth value (<c>coalesce(active, 0) OR ...</c>): those columns (kept as booleans) and those literals (written as
    /// TRUE or FALSE), so that what MariaDB stores comes back to PostgreSQL as PostgreSQL wrote it (bt51 F6).
    /// </summary>
    private static (HashSet<int> Kept, Dictionary<int, string> Literals) BooleanUses(List<Token> tokens, IReadOnlyDictionary<string, ColumnType> kinds, bool wholeIsTruth)
    {
        var kept = new HashSet<int>();
        var literals = new Dictionary<int, string>();
        bool IsBoolean(int i) => i >= 0 && i < tokens.Count && tokens[i].Kind is Kind.Word or Kind.QuotedName && !(i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open)
            && kinds.TryGetValue(tokens[i].Text, out var type) && type.Kind == PortableType.Boolean;
        string? Truth(int i) => i < 0 || i >= tokens.Count ? null : tokens[i] switch
        {
            { Kind: Kind.Number, Text: "0" } or { Kind: Kind.Word, Text: "false" } => "FALSE",
            { Kind: Kind.Number, Text: "1" } or { Kind: Kind.Word, Text: "true" } => "TRUE",
            _ => null,
        };
        // an operand ends at i: nothing arithmetic binds it on the side away from the comparison
        bool Alone(int before, int after) => !(before >= 0 && tokens[before].Kind == Kind.Op && tokens[before].Text is "+" or "-" or "*" or "/" or "%" or "||" or "::")
            && !(after < tokens.Count && tokens[after].Kind == Kind.Op && tokens[after].Text is "+" or "-" or "*" or "/" or "%" or "||" or "::");
        bool Comparison(int i) => i >= 0 && i < tokens.Count && tokens[i].Kind == Kind.Op && tokens[i].Text is "=" or "<>" or "<" or ">" or "<=" or ">=";
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!IsBoolean(i) || !Alone(i - 1, i + 1)) continue;
            // active = 1, 1 = active, active = flag
            foreach (var (op, other) in new[] { (i + 1, i + 2), (i - 1, i - 2) })
            {
                if (!Comparison(op) || !Alone(other - 1, other + 1) && !Alone(other + 1, other - 1)) continue;
                var beyond = other > i ? other + 1 : other - 1;
                if (beyond >= 0 && beyond < tokens.Count && tokens[beyond].Kind == Kind.Op && !Comparison(beyond)) continue;
                if (Truth(other) is { } truth) { kept.Add(i); literals[other] = truth; }
                else if (IsBoolean(other)) { kept.Add(i); kept.Add(other); }
            }
            // active [NOT] IN (0, 1), active [NOT] BETWEEN 0 AND 1
            var next = i + 1 < tokens.Count && tokens[i + 1] is { Kind: Kind.Word, Text: "not" } ? i + 2 : i + 1;
            if (next < tokens.Count && tokens[next] is { Kind: Kind.Word, Text: "in" } && next + 1 < tokens.Count && tokens[next + 1].Kind == Kind.Open
                && Matching(tokens, next + 1) is var close && close > next + 1)
            {
                var items = Enumerable.Range(next + 2, close - next - 2).Where(k => tokens[k].Kind != Kind.Comma).ToList();
                if (items.All(k => Truth(k) is not null)) { kept.Add(i); foreach (var k in items) literals[k] = Truth(k)!; }
            }
            if (next + 3 < tokens.Count && tokens[next] is { Kind: Kind.Word, Text: "between" } && Truth(next + 1) is { } low
                && tokens[next + 2] is { Kind: Kind.Word, Text: "and" } && Truth(next + 3) is { } high && Alone(next + 2, next + 4))
            {
                kept.Add(i);
                (literals[next + 1], literals[next + 3]) = (low, high);
            }
        }
        // coalesce(active, 0) as a truth value
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i] is not { Kind: Kind.Word, Text: "coalesce" } || tokens[i + 1].Kind != Kind.Open || Matching(tokens, i + 1) is not (var close and > 0)) continue;
            var items = Enumerable.Range(i + 2, close - i - 2).Where(k => tokens[k].Kind != Kind.Comma).ToList();
            if (items.Count != (close - i - 1) / 2 || !items.Any(IsBoolean) || !items.All(k => IsBoolean(k) || Truth(k) is not null) || !InTruthPosition(tokens, i, close, wholeIsTruth)) continue;
            foreach (var k in items)
                if (IsBoolean(k)) kept.Add(k);
                else literals[k] = Truth(k)!;
        }
        return (kept, literals);
    }

    /// <summary>
    /// Whether the whole of a MariaDB or SQLite expression is a number where a truth value is wanted (<c>CHECK (n)</c>,
    /// <c>g BOOLEAN AS (a + 0)</c>): a number, a column that is no boolean, arithmetic outside parentheses, or a call of
    /// abs, round or the character count, or a coalesce() whose arguments are not all booleans, 0 and 1. PostgreSQL takes no
    /// number there (42804); it is written <c>(...) &lt;&gt; 0</c>, what those engines read it as (bt51 F3).
    /// </summary>
    private static bool NumberWhereTruthIsWanted(List<Token> tokens, IReadOnlyDictionary<string, ColumnType> kinds, HashSet<int> keptBooleans)
    {
        var (from, to) = (0, tokens.Count - 1);
        while (to > from && tokens[from].Kind == Kind.Open && Matching(tokens, from) == to) (from, to) = (from + 1, to - 1);
        if (to < from || IsTruthValue(Join(tokens[from..(to + 1)]))) return false;
        if (from == to)
            return tokens[from].Kind == Kind.Number || tokens[from].Kind is Kind.Word or Kind.QuotedName && kinds.TryGetValue(tokens[from].Text, out var type)
                && type.Kind is PortableType.Int16 or PortableType.Int32 or PortableType.Int64 or PortableType.Decimal or PortableType.Float32 or PortableType.Float64;
        if (tokens[from].Kind == Kind.Word && from + 1 <= to && tokens[from + 1].Kind == Kind.Open && Matching(tokens, from + 1) == to)
            return tokens[from].Text is "abs" or "round" or "length" or "char_length" or "character_length"
                || tokens[from].Text == "coalesce" && !Enumerable.Range(from + 2, to - from - 2).Any(keptBooleans.Contains);
        for (int i = from, depth = 0, cases = 0; i <= to; i++)
        {
            var t = tokens[i];
            if (t.Kind is Kind.Open or Kind.OpenBracket) depth++;
            else if (t.Kind is Kind.Close or Kind.CloseBracket) depth--;
            else if (t is { Kind: Kind.Word, Text: "case" }) cases++;
            else if (t is { Kind: Kind.Word, Text: "end" }) cases--;
            else if (depth == 0 && cases == 0 && t.Kind == Kind.Op && t.Text is "+" or "-" or "*" or "/" or "%" && i > from) return true;
        }
        return false;
    }
}
