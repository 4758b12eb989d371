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
    private static bool InTruthPosition(List<Token> tokens, int from, int to)
    {
        var before = from - 1;
        var after = to + 1;
        if (before >= 0 && tokens[before].Kind == Kind.Open && !IsCall(tokens, before) && after < tokens.Count && Matching(tokens, before) == after)
            return InTruthPosition(tokens, before, after);
        if (before >= 0 && tokens[before] is { Kind: Kind.Word, Text: "then" or "else" })
        {
            var (start, end) = (CaseStart(tokens, before), CaseEnd(tokens, before));
            return start >= 0 && end >= 0 && InTruthPosition(tokens, start, end);
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
    private static HashSet<int> TruthGroupsUsedAsNumbers(List<Token> tokens)
    {
        var result = new HashSet<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != Kind.Open || IsCall(tokens, i)) continue;
            var close = Matching(tokens, i);
            if (close <= i + 1 || InTruthPosition(tokens, i, close)) continue;
            if (IsTruthValue(Join(tokens[(i + 1)..close]))) { result.Add(i); result.Add(-close); }
        }
        return result;
    }
}
