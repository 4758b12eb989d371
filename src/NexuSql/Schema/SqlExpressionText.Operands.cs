namespace NexuSql.Schema;

public static partial class SqlExpressionText
{
    /// <summary>What an operand is, as far as its tokens and the table's column types tell.</summary>
    private enum Operand { Unknown, Integer, Decimal, Float, Text }

    /// <summary>
    /// The operands next to an operator: the one that ends just before it and the one that starts just after it,
    /// judged by literals, column types (where known) and the functions whose result is text or a number.
    /// </summary>
    private sealed class Operands(List<Token> tokens, IReadOnlyDictionary<string, ColumnType>? kinds)
    {
        public int Count => tokens.Count;

        public Token this[int index] => tokens[index];

        /// <summary>The operand that starts at <paramref name="at"/>.</summary>
        public Operand Forward(int at)
        {
            if (at < 0 || at >= tokens.Count) return Operand.Unknown;
            var t = tokens[at];
            switch (t.Kind)
            {
                case Kind.String:
                    return Operand.Text;
                case Kind.Number:
                    return t.Text.Contains('.', StringComparison.Ordinal) || t.Text.Contains('e', StringComparison.OrdinalIgnoreCase) ? Operand.Decimal : Operand.Integer;
                case Kind.Open:
                    return Forward(at + 1);
                case Kind.Word when at + 1 < tokens.Count && tokens[at + 1].Kind == Kind.Open:
                    return t.Text switch
                    {
                        "lower" or "upper" or "trim" or "ltrim" or "rtrim" or "replace" or "substr" or ConcatCall => Operand.Text,
                        "length" or "char_length" or "character_length" => Operand.Integer,
                        "abs" or "round" or "coalesce" or "nullif" => Forward(at + 2),
                        _ => Operand.Unknown,
                    };
                case Kind.Word when kinds is not null && kinds.TryGetValue(t.Text, out var type):
                    return type.Kind switch
                    {
                        PortableType.Int16 or PortableType.Int32 or PortableType.Int64 => Operand.Integer,
                        PortableType.Decimal => Operand.Decimal,
                        PortableType.Float32 or PortableType.Float64 => Operand.Float,
                        PortableType.String or PortableType.Text => Operand.Text,
                        _ => Operand.Unknown,
                    };
                default:
                    return Operand.Unknown;
            }
        }

        /// <summary>The operand that ends at <paramref name="at"/>.</summary>
        public Operand Backward(int at)
        {
            if (at < 0 || at >= tokens.Count) return Operand.Unknown;
            if (tokens[at].Kind != Kind.Close) return Forward(at);
            var depth = 0;
            for (var i = at; i >= 0; i--)
            {
                if (tokens[i].Kind == Kind.Close) depth++;
                else if (tokens[i].Kind == Kind.Open && --depth == 0)
                    return i > 0 && tokens[i - 1].Kind == Kind.Word ? Forward(i - 1) : Forward(i + 1);
            }
            return Operand.Unknown;
        }

        /// <summary>The token at <paramref name="at"/> is a number other than 0.</summary>
        public bool NonZeroNumber(int at) =>
            at < tokens.Count && tokens[at] is { Kind: Kind.Number } n
            && decimal.TryParse(n.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v != 0;

        /// <summary>The token at <paramref name="at"/> is a 64-bit integer column.</summary>
        public bool IsWideIntegerColumn(int at) =>
            at >= 0 && at < tokens.Count && tokens[at].Kind == Kind.Word && kinds is not null && kinds.TryGetValue(tokens[at].Text, out var type) && type.Kind == PortableType.Int64;

        /// <summary>The column at <paramref name="at"/> (or in parentheses there) when it holds dates, times or timestamps.</summary>
        public string? TemporalColumn(int at)
        {
            if (at < 0 || at >= tokens.Count) return null;
            // (d), not f(d): a call's result is another value
            if (tokens[at].Kind == Kind.Close && at >= 2 && tokens[at - 2].Kind == Kind.Open && (at < 3 || tokens[at - 3].Kind != Kind.Word)) at--;
            else if (tokens[at].Kind == Kind.Open && at + 2 < tokens.Count && tokens[at + 2].Kind == Kind.Close) at++;
            return at >= 0 && at < tokens.Count && tokens[at].Kind == Kind.Word && !(at + 1 < tokens.Count && tokens[at + 1].Kind == Kind.Open)
                && kinds is not null && kinds.TryGetValue(tokens[at].Text, out var type)
                && type.Kind is PortableType.Date or PortableType.Timestamp or PortableType.TimestampTz or PortableType.Time ? tokens[at].Text : null;
        }

        /// <summary>The column at <paramref name="at"/> when it is an integer column narrower than 64 bits.</summary>
        public string? NarrowIntegerColumn(int at) =>
            at >= 0 && at < tokens.Count && tokens[at].Kind == Kind.Word && !(at + 1 < tokens.Count && tokens[at + 1].Kind == Kind.Open)
            && kinds is not null && kinds.TryGetValue(tokens[at].Text, out var type) && type.Kind is PortableType.Int16 or PortableType.Int32 ? tokens[at].Text : null;
    }
}
