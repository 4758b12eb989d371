using System.Text;
using NexuSql.Dialects;

namespace NexuSql.Schema;

public static partial class SqlExpressionText
{
    // functions every engine NexuSQL writes to has, with the same meaning; lower, upper and round and the character
    // count are checked against the two engines below (not length: bytes on MySQL, characters elsewhere)
    private static readonly HashSet<string> PortableFunctions = new(StringComparer.Ordinal)
    {
        "abs", "round", "lower", "upper", "coalesce", "nullif", "trim", "ltrim", "rtrim", "replace", "substr",
    };

    private static readonly HashSet<string> PortableKeywords = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "null", "is", "in", "between", "like", "case", "when", "then", "else", "end", "true", "false",
    };

    /// <summary>What an expression is for, which decides how far two engines' functions may differ.</summary>
    internal enum Use
    {
        /// <summary>A check or generated column: every function must mean the same.</summary>
        Exact,

        /// <summary>
        /// A unique index: the target may take more keys for one (lower() of every letter, not only A–Z), never fewer;
        /// the rows are then checked against the target's own function before anything is written.
        /// </summary>
        UniqueKey,

        /// <summary>A plain index: it indexes what the target's functions give; only whether it can be written counts.</summary>
        Indexed,
    }

    /// <summary>
    /// A generated column's expression written for <paramref name="target"/>: the casts an engine adds dropped, column
    /// names quoted the target's way. Only column references, numbers, strings, arithmetic, comparisons, CASE, LIKE with a
    /// pattern that has no letters, and a few functions every engine has with the same meaning (abs, coalesce, nullif,
    /// trim, ltrim, rtrim, replace, substr; lower and upper where both engines map every letter; round where both round
    /// halves alike; the character count) translate; anything else is refused.
    /// </summary>
    /// <param name="expression">The expression as the source engine keeps it.</param>
    /// <param name="columns">The table's column names.</param>
    /// <param name="source">The engine the expression was read from (what its operators mean).</param>
    /// <param name="target">The engine it is for.</param>
    /// <param name="problem">Why it does not translate (null when it does).</param>
    /// <returns>The expression in the target's SQL, or null (see <paramref name="problem"/>).</returns>
    public static string? Translate(string expression, IReadOnlyCollection<string> columns, SqlDialect source, SqlDialect target, out string? problem) =>
        Translate(expression, columns, source, target, Use.Exact, out problem);

    /// <summary>The expression written for <paramref name="target"/>, for <paramref name="use"/> (see <see cref="Translate(string, IReadOnlyCollection{string}, SqlDialect, SqlDialect, out string?)"/>).</summary>
    internal static string? Translate(string expression, IReadOnlyCollection<string> columns, SqlDialect source, SqlDialect target, Use use, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(target);
        var tokens = RemoveRedundantParentheses(RewriteAnyArray(MergeSignedNumbers(RewriteTildeLike(RemoveCasts(Tokenize(expression))))));
        var from = source.Engine.DisplayName();
        var to = target.Engine.DisplayName();
        var sb = new StringBuilder();
        var afterCall = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            string text;
            var call = false;
            switch (t.Kind)
            {
                case Kind.Word when columns.FirstOrDefault(c => string.Equals(c, t.Text, StringComparison.OrdinalIgnoreCase)) is { } column:
                    text = target.QuoteIdentifier(column);
                    break;
                case Kind.Word when i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open && !PortableKeywords.Contains(t.Text) && t.Text != "like":
                    if (FunctionProblem(t.Text, source, target, use) is { } why) return Fail(why, out problem);
                    text = CountsCharacters(t.Text, source) ? target.CharacterLengthFunction! : t.Text;
                    call = true;
                    break;
                case Kind.Word when t.Text == "like":
                    if (use != Use.Indexed && LikeProblem(tokens, i + 1) is { } like) return Fail(like, out problem);
                    text = "LIKE";
                    break;
                case Kind.Word when PortableKeywords.Contains(t.Text):
                    text = t.Text.ToUpperInvariant();
                    break;
                case Kind.Word when t.Text is "ilike" or "similar":
                    return Fail($"{t.Text.ToUpperInvariant()} is {from}'s own; {to} does not have it", out problem);
                case Kind.Word:
                    return Fail($"{t.Text} is not a column of the table", out problem);
                case Kind.String when target.Lexical.BackslashEscapesInStrings && t.Text.Contains('\\', StringComparison.Ordinal):
                    return Fail($"a string with a backslash reads differently on {to}", out problem);
                case Kind.String:
                    text = "'" + t.Text.Replace("'", "''", StringComparison.Ordinal) + "'";
                    break;
                case Kind.Op when t.Text == "||" && target.DoublePipeIsOr:
                    return Fail($"|| is OR on {to} (string concatenation elsewhere)", out problem);
                case Kind.Op when t.Text == "/" && source.IntegerDivisionTruncates != target.IntegerDivisionTruncates:
                    return Fail($"the operator / divides integers differently ({(source.IntegerDivisionTruncates ? source : target).Engine.DisplayName()}: 7 / 2 = 3; " +
                        $"{(source.IntegerDivisionTruncates ? target : source).Engine.DisplayName()}: 3.5)", out problem);
                case Kind.Op when t.Text == "~" && source.SupportsPostgreSqlCasts:
                    return Fail($"it uses the {from} operator ~ (a regular-expression match), which {to} does not have", out problem);
                case Kind.Op when t.Text is "::" or "~" or "^" or "#" or "&" or "|" or "@" or "!":
                    return Fail($"the operator {t.Text} differs between engines ({from}'s is not {to}'s)", out problem);
                case Kind.OpenBracket or Kind.CloseBracket:
                    return Fail("arrays are PostgreSQL's own", out problem);
                default:
                    text = t.Text;
                    break;
            }
            if (sb.Length > 0 && t.Kind is not (Kind.Close or Kind.Comma) && sb[^1] != '(' && !(t.Kind == Kind.Open && afterCall))
                sb.Append(' ');
            afterCall = call;
            sb.Append(text);
        }
        problem = null;
        return sb.ToString();
    }

    /// <summary>The column names of <paramref name="columns"/> that <paramref name="expression"/> refers to, in the table's spelling.</summary>
    internal static IReadOnlyList<string> ColumnsIn(string expression, IReadOnlyCollection<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var tokens = Tokenize(expression);
        return [.. columns.Where(c => tokens.Where((t, i) => t.Kind == Kind.Word && string.Equals(c, t.Text, StringComparison.OrdinalIgnoreCase)
            && !(i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open)).Any())];
    }

    /// <summary>The function counts characters on <paramref name="source"/> (<c>length</c> there, or <c>char_length</c>).</summary>
    private static bool CountsCharacters(string function, SqlDialect source) =>
        function == source.CharacterLengthFunction || function is "char_length" or "character_length";

    /// <summary>Why a call of <paramref name="function"/> does not mean the same on both engines for <paramref name="use"/>, or null.</summary>
    private static string? FunctionProblem(string function, SqlDialect source, SqlDialect target, Use use)
    {
        var from = source.Engine.DisplayName();
        var to = target.Engine.DisplayName();
        if (CountsCharacters(function, source))
            return target.CharacterLengthFunction is null ? $"{to} has no function counting a string's characters as {function}() does on {from}" : null;
        if (function is "length" or "octet_length")
            return $"{function}() counts bytes on {from}, and the engines count bytes of a value differently";
        if (!PortableFunctions.Contains(function)) return $"the function {function}() is not one every engine has";
        if (use == Use.Indexed) return null;
        if (function is "lower" or "upper" && source.CaseMapsAsciiOnly != target.CaseMapsAsciiOnly
            && !(use == Use.UniqueKey && source.CaseMapsAsciiOnly))
            return $"{function}() changes only the letters A–Z on {(source.CaseMapsAsciiOnly ? from : to)} ({function}('{(function == "lower" ? "É" : "é")}') stays " +
                $"'{(function == "lower" ? "É" : "é")}') but every letter on {(source.CaseMapsAsciiOnly ? to : from)}";
        if (function == "round" && source.RoundsFloatHalvesToEven != target.RoundsFloatHalvesToEven)
            return $"round() of a floating-point half rounds to even on {(source.RoundsFloatHalvesToEven ? from : to)} (round(2.5e0) = 2) " +
                $"but away from zero on {(source.RoundsFloatHalvesToEven ? to : from)} (3)";
        return null;
    }

    /// <summary>
    /// The engines compare LIKE's letters differently (PostgreSQL by case, SQLite without the case of A–Z, MySQL by the
    /// column's collation) and read a backslash in the pattern differently: only a pattern written as a string without
    /// letters or backslashes means the same everywhere.
    /// </summary>
    private static string? LikeProblem(List<Token> tokens, int at) =>
        at < tokens.Count && tokens[at] is { Kind: Kind.String } pattern
            ? pattern.Text.Any(ch => char.ToUpperInvariant(ch) != char.ToLowerInvariant(ch)) || pattern.Text.Contains('\\', StringComparison.Ordinal)
                ? $"LIKE '{pattern.Text}' compares letters (or reads a backslash) differently between engines (PostgreSQL: by case; SQLite: without the case of A–Z; MySQL: by the collation)"
                : null
            : "LIKE with a pattern that is not a string compares letters differently between engines";

    /// <summary>PostgreSQL writes LIKE back as <c>~~</c>, NOT LIKE as <c>!~~</c> and ILIKE as <c>~~*</c> (refused by the caller).</summary>
    private static List<Token> RewriteTildeLike(List<Token> tokens)
    {
        var result = new List<Token>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is { Kind: Kind.Op, Text: "~" } && i + 1 < tokens.Count && tokens[i + 1] is { Kind: Kind.Op, Text: "~" })
            {
                if (result.Count > 0 && result[^1] is { Kind: Kind.Op, Text: "!" }) result[^1] = new Token(Kind.Word, "not");
                var insensitive = i + 2 < tokens.Count && tokens[i + 2] is { Kind: Kind.Op, Text: "*" };
                result.Add(new Token(Kind.Word, insensitive ? "ilike" : "like"));
                i += insensitive ? 2 : 1;
                continue;
            }
            result.Add(tokens[i]);
        }
        return result;
    }

    private static string? Fail(string why, out string? problem)
    {
        problem = why;
        return null;
    }
}
