using System.Text;
using NexuSql.Dialects;

namespace NexuSql.Schema;

public static partial class SqlExpressionText
{
    // functions every engine NexuSQL writes to has, with the same meaning (not length: bytes on MySQL, characters elsewhere)
    private static readonly HashSet<string> PortableFunctions = new(StringComparer.Ordinal)
    {
        "abs", "round", "lower", "upper", "coalesce", "nullif", "trim", "ltrim", "rtrim", "replace", "substr",
    };

    private static readonly HashSet<string> PortableKeywords = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "null", "is", "in", "between", "like", "case", "when", "then", "else", "end", "true", "false",
    };

    /// <summary>
    /// A generated column's expression written for <paramref name="target"/>: the casts an engine adds dropped, column
    /// names quoted the target's way. Only column references, numbers, strings, arithmetic, comparisons, CASE and a few
    /// functions every engine has (abs, round, lower, upper, coalesce, nullif, trim, ltrim, rtrim, replace, substr)
    /// translate; anything else is refused.
    /// </summary>
    /// <param name="expression">The expression as the source engine keeps it.</param>
    /// <param name="columns">The table's column names.</param>
    /// <param name="source">The engine the expression was read from (what its operators mean).</param>
    /// <param name="target">The engine it is for.</param>
    /// <param name="problem">Why it does not translate (null when it does).</param>
    /// <returns>The expression in the target's SQL, or null (see <paramref name="problem"/>).</returns>
    public static string? Translate(string expression, IReadOnlyCollection<string> columns, SqlDialect source, SqlDialect target, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(target);
        var tokens = RemoveRedundantParentheses(MergeSignedNumbers(RemoveCasts(Tokenize(expression))));
        var sb = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            string text;
            switch (t.Kind)
            {
                case Kind.Word when columns.FirstOrDefault(c => string.Equals(c, t.Text, StringComparison.OrdinalIgnoreCase)) is { } column:
                    text = target.QuoteIdentifier(column);
                    break;
                case Kind.Word when i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open:
                    if (!PortableFunctions.Contains(t.Text)) return Fail($"the function {t.Text}() is not one every engine has", out problem);
                    text = t.Text;
                    break;
                case Kind.Word when PortableKeywords.Contains(t.Text):
                    text = t.Text.ToUpperInvariant();
                    break;
                case Kind.Word:
                    return Fail($"{t.Text} is not a column of the table", out problem);
                case Kind.String when target.Lexical.BackslashEscapesInStrings && t.Text.Contains('\\', StringComparison.Ordinal):
                    return Fail($"a string with a backslash reads differently on {target.Engine.DisplayName()}", out problem);
                case Kind.String:
                    text = "'" + t.Text.Replace("'", "''", StringComparison.Ordinal) + "'";
                    break;
                case Kind.Op when t.Text == "||" && target.DoublePipeIsOr:
                    return Fail($"|| is OR on {target.Engine.DisplayName()} (string concatenation elsewhere)", out problem);
                case Kind.Op when t.Text == "/" && source.IntegerDivisionTruncates != target.IntegerDivisionTruncates:
                    return Fail($"the operator / divides integers differently ({(source.IntegerDivisionTruncates ? source : target).Engine.DisplayName()}: 7 / 2 = 3; " +
                        $"{(source.IntegerDivisionTruncates ? target : source).Engine.DisplayName()}: 3.5)", out problem);
                case Kind.Op when t.Text is "::" or "~" or "^" or "#" or "&" or "|" or "@":
                    return Fail($"the operator {t.Text} differs between engines", out problem);
                case Kind.OpenBracket or Kind.CloseBracket:
                    return Fail("arrays are PostgreSQL's own", out problem);
                default:
                    text = t.Text;
                    break;
            }
            if (sb.Length > 0 && t.Kind is not (Kind.Close or Kind.Comma) && sb[^1] != '(' && !(t.Kind == Kind.Open && i > 0 && tokens[i - 1].Kind == Kind.Word && PortableFunctions.Contains(tokens[i - 1].Text)))
                sb.Append(' ');
            sb.Append(text);
        }
        problem = null;
        return sb.ToString();
    }

    private static string? Fail(string why, out string? problem)
    {
        problem = why;
        return null;
    }
}
