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
}
