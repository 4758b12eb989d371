using NexuSql.Dialects;

namespace NexuSql.Schema;

public static partial class SqlExpressionText
{
    /// <summary>
    /// Operands compared exactly — by code point, with case and trailing spaces — on an engine whose text comparisons
    /// ignore case by default (<see cref="SqlDialect.TextComparisonIgnoresCase"/>): read from the source's own spelling
    /// (MySQL/MariaDB keep <c>CAST(x AS BINARY)</c> as <c>cast(x as char charset binary)</c>; the cast is dropped, the
    /// operand remembered), or wrapped for such a target (<see cref="SqlDialect.ExactTextOperand"/>) around the column,
    /// call or parenthesised operand compared. A comparison with such an operand means the same on both engines.
    /// </summary>
    private sealed class ExactText
    {
        private static readonly HashSet<string> LowerPrecedenceWords = new(StringComparer.Ordinal) { "and", "or", "not", "when", "then", "else", "case", "end" };

        private readonly Dictionary<int, string> _prefixes = [];
        private readonly Dictionary<int, string> _suffixes = [];

        private ExactText(List<Token> tokens) => Tokens = tokens;

        /// <summary>The expression's tokens, the source's exact-comparison casts dropped.</summary>
        public List<Token> Tokens { get; }

        /// <summary>Where an exactly compared operand starts.</summary>
        public HashSet<int> Starts { get; } = [];

        /// <summary>Where an exactly compared operand ends.</summary>
        public HashSet<int> Ends { get; } = [];

        /// <summary>What the target writes before the token at <paramref name="at"/> (the start of a wrapped operand), or null.</summary>
        public string? Prefix(int at) => _prefixes.GetValueOrDefault(at);

        /// <summary>What the target writes after the token at <paramref name="at"/> (the end of a wrapped operand), or null.</summary>
        public string? Suffix(int at) => _suffixes.GetValueOrDefault(at);

        /// <summary>The operands <paramref name="source"/> compares exactly, found by its cast to binary and dropped from the tokens.</summary>
        public static ExactText Read(List<Token> tokens, SqlDialect source)
        {
            if (source.ExactTextOperand("x") is null) return new ExactText(tokens);
            var result = new ExactText([]);
            var tails = new Dictionary<int, (int Close, int Start)>();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tails.Remove(i, out var tail))
                {
                    result.Starts.Add(tail.Start);
                    result.Ends.Add(result.Tokens.Count - 1);
                    i = tail.Close;
                    continue;
                }
                if (tokens[i] is { Kind: Kind.Word, Text: "cast" } && i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open
                    && Matching(tokens, i + 1) is { } close && BinaryCastTail(tokens, close) is { } tailStart && tailStart > i + 2)
                {
                    tails[tailStart] = (close, result.Tokens.Count);
                    i++;
                    continue;
                }
                result.Tokens.Add(tokens[i]);
            }
            return result;
        }

        /// <summary>
        /// Wraps (<paramref name="wrap"/>, the target's form with U+0001 for the operand) one text operand of every
        /// comparison: the column, call or parenthesised operand before it, or else the one after it; a comparison with
        /// neither (a literal against a literal, an operand inside arithmetic) is left as it is and then refused.
        /// </summary>
        public void WrapComparedText(Operands operands, string wrap)
        {
            var cut = wrap.IndexOf('\u0001', StringComparison.Ordinal);
            var (prefix, suffix) = (wrap[..cut], wrap[(cut + 1)..]);
            for (var at = 0; at < Tokens.Count; at++)
            {
                var t = Tokens[at];
                var list = t is { Kind: Kind.Word, Text: "in" or "between" };
                // LIKE with a pattern without _ (which matches one byte of binary text, one character otherwise)
                var like = t is { Kind: Kind.Word, Text: "like" } && at + 1 < Tokens.Count && Tokens[at + 1] is { Kind: Kind.String } pattern && !pattern.Text.Contains('_', StringComparison.Ordinal);
                if (!list && !like && !(t.Kind == Kind.Op && t.Text is "=" or "<>" or "<" or ">" or "<=" or ">=")) continue;
                var (before, after) = ComparedOperands(operands, at);
                if (operands.Backward(before) != Operand.Text && operands.Forward(after) != Operand.Text) continue;
                if ((SpanEndingAt(before) ?? (list ? null : SpanStartingAt(after))) is not var (from, to)) continue;
                Starts.Add(from);
                Ends.Add(to);
                _prefixes[from] = prefix + _prefixes.GetValueOrDefault(from);
                _suffixes[to] = _suffixes.GetValueOrDefault(to) + suffix;
            }
        }

        private bool IsOperandWord(int at) =>
            Tokens[at].Kind == Kind.Word && !PortableKeywords.Contains(Tokens[at].Text);

        // the column, call or parenthesised operand that ends at end, where nothing binding tighter comes before it
        private (int, int)? SpanEndingAt(int end)
        {
            if (end < 0 || end >= Tokens.Count) return null;
            int start;
            if (Tokens[end].Kind == Kind.Close && Opening(end) is { } open) start = open > 0 && IsOperandWord(open - 1) ? open - 1 : open;
            else if (IsOperandWord(end)) start = end;
            else return null;
            return start == 0 || Tokens[start - 1].Kind is Kind.Open or Kind.Comma
                || (Tokens[start - 1].Kind == Kind.Word && LowerPrecedenceWords.Contains(Tokens[start - 1].Text)) ? (start, end) : null;
        }

        // the column, call or parenthesised operand that starts at start, where nothing binding tighter comes after it
        private (int, int)? SpanStartingAt(int start)
        {
            if (start < 0 || start >= Tokens.Count) return null;
            int end;
            if (Tokens[start].Kind == Kind.Open && Matching(Tokens, start) is { } close) end = close;
            else if (IsOperandWord(start) && start + 1 < Tokens.Count && Tokens[start + 1].Kind == Kind.Open && Matching(Tokens, start + 1) is { } callClose) end = callClose;
            else if (IsOperandWord(start)) end = start;
            else return null;
            return end == Tokens.Count - 1 || Tokens[end + 1].Kind is Kind.Close or Kind.Comma
                || (Tokens[end + 1].Kind == Kind.Word && LowerPrecedenceWords.Contains(Tokens[end + 1].Text)) ? (start, end) : null;
        }

        private int? Opening(int close)
        {
            var depth = 0;
            for (var i = close; i >= 0; i--)
            {
                if (Tokens[i].Kind == Kind.Close) depth++;
                else if (Tokens[i].Kind == Kind.Open && --depth == 0) return i;
            }
            return null;
        }

        private static int? Matching(List<Token> tokens, int open)
        {
            var depth = 0;
            for (var i = open; i < tokens.Count; i++)
            {
                if (tokens[i].Kind == Kind.Open) depth++;
                else if (tokens[i].Kind == Kind.Close && --depth == 0) return i;
            }
            return null;
        }

        // cast(x as char charset binary) or cast(x as binary): where "as" starts, before the closing parenthesis
        private static int? BinaryCastTail(List<Token> tokens, int close)
        {
            bool Words(int from, params string[] words) =>
                from >= 0 && words.Select((w, k) => tokens[from + k] is { Kind: Kind.Word } t && t.Text == w).All(x => x);
            if (Words(close - 4, "as", "char", "charset", "binary")) return close - 4;
            if (Words(close - 2, "as", "binary")) return close - 2;
            return null;
        }
    }
}
