using System.Globalization;
using System.Text;

namespace NexuSql.Schema;

/// <summary>
/// Normalises SQL expression text (CHECK constraints, defaults) so that the rewriting engines do on the way in is not
/// a difference while a real change is: PostgreSQL's added casts (<c>'-1'::integer</c>, <c>(status)::text</c>),
/// identifier quoting (<c>"qty"</c>, <c>`qty`</c>, <c>[qty]</c>), redundant parentheses, keyword case, spacing, and
/// <c>= ANY (ARRAY[...])</c> for <c>IN (...)</c>. String literals keep their case; parentheses that change the
/// meaning (<c>(a OR b) AND c</c>) stay.
/// </summary>
public static partial class SqlExpressionText
{
    private enum Kind { Word, QuotedName, String, Number, Op, Open, Close, OpenBracket, CloseBracket, Comma }

    private readonly record struct Token(Kind Kind, string Text);

    private static readonly HashSet<string> TypeWordsAfterFirst = new(StringComparer.OrdinalIgnoreCase)
    {
        "varying", "precision", "with", "without", "time", "zone",
    };

    /// <summary>
    /// The expression in a canonical spelling; two expressions with the same canonical spelling mean the same. Casts
    /// PostgreSQL writes on its own are left out (on literals, to unbounded text, numeric, floating-point, bigint and
    /// timestamp types, on arrays); a cast that changes the value stays, with its type in PostgreSQL's spelling, so
    /// <c>v::int = v</c> and <c>v = v</c>, or <c>s::varchar(3)</c> and <c>s::varchar(4)</c>, differ (break test 28 L3).
    /// <c>CAST(x AS type)</c> is read as <c>(x)::type</c>.
    /// </summary>
    public static string Normalize(string expression) => Normalize(expression, exactCasts);

    /// <summary>
    /// <see cref="Normalize(string)"/>; with <paramref name="exactCasts"/>, every cast stays but one to unbounded text (or
    /// to an array): for two texts both read from one engine, which spells its own casts the same way each time, so that
    /// a cast that picks another division, overload or collation — <c>n::numeric / 2</c> against <c>n / 2</c>,
    /// <c>f(n::bigint)</c> against <c>f(n)</c>, MariaDB's <c>binary 'a'</c> against <c>'a'</c>, SQLite's
    /// <c>cast(n as real)</c> — is a difference (bt53 O12: each was "No differences").
    /// </summary>
    internal static string Normalize(string expression, bool exactCasts)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Canonical(RewriteNotOfName(RewriteCastCalls(RewriteStoredSpellings(Tokenize(expression, keepQuotedCase: !foldQuotedNames)))), keepMeaningfulCasts: true, exactCasts);
    }

    [ThreadStatic] private static bool exactCasts;

    // set by SchemaDiff.Plan for an engine whose column names ignore case (MariaDB, SQLite): a quoted `Qty` is qty there
    // (bt54 F5: a hand-written MariaDB file's check on Qty was dropped and added again on every apply)
    [ThreadStatic] private static bool foldQuotedNames;

    /// <summary>
    /// Until disposed, <see cref="Normalize(string)"/> (and <see cref="SameMeaning"/>) on this thread compare as a schema
    /// plan for one target needs (<see cref="SchemaDiff.Plan"/>, which runs on one thread): with <paramref name="exactCasts"/>,
    /// every cast counts as in <see cref="Normalize(string, bool)"/> (two models read from one engine); with
    /// <paramref name="foldQuotedNames"/>, a quoted name with capitals is that name in lower case (an engine whose names
    /// ignore case: MariaDB, SQLite).
    /// </summary>
    internal static ComparisonScope Comparing(bool exactCasts, bool foldQuotedNames)
    {
        var scope = new ComparisonScope(SqlExpressionText.exactCasts, SqlExpressionText.foldQuotedNames);
        (SqlExpressionText.exactCasts, SqlExpressionText.foldQuotedNames) = (exactCasts, foldQuotedNames);
        return scope;
    }

    /// <summary>Puts back the rules <see cref="Comparing"/> replaced.</summary>
    internal readonly struct ComparisonScope(bool exactCasts, bool foldQuotedNames) : IDisposable
    {
        public void Dispose() => (SqlExpressionText.exactCasts, SqlExpressionText.foldQuotedNames) = (exactCasts, foldQuotedNames);
    }

    private static readonly HashSet<string> NotFollowers = new(StringComparer.Ordinal)
        { "null", "true", "false", "unknown", "exists", "distinct", "in", "like", "ilike", "between", "similar", "regexp", "rlike", "not" };

    /// <summary>
    /// <c>NOT name</c>, where the name is all of NOT's operand, read as <c>name = 0</c>: MariaDB stores a check's
    /// <c>NOT paid</c> so (bt49 M5: every apply of a PostgreSQL file with such a check dropped and added it again). Only
    /// for comparing: <c>= 0</c> means NOT on MariaDB and SQLite, and PostgreSQL refuses either spelling on the other
    /// type, so no two checks of one engine that differ are taken for one.
    /// </summary>
    private static List<Token> RewriteNotOfName(List<Token> tokens)
    {
        var result = new List<Token>(tokens.Count + 4);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t is { Kind: Kind.Word, Text: "not" } && (i == 0 || tokens[i - 1] is not { Kind: Kind.Word, Text: "is" })
                && i + 1 < tokens.Count && tokens[i + 1] is { Kind: Kind.Word } name && !NotFollowers.Contains(name.Text)
                && (i + 2 == tokens.Count || tokens[i + 2] is { Kind: Kind.Close or Kind.Comma } or { Kind: Kind.Word, Text: "and" or "or" or "then" or "else" or "end" or "when" }))
            {
                result.Add(name);
                result.Add(new Token(Kind.Op, "="));
                result.Add(new Token(Kind.Number, "0"));
                i++;
            }
            else result.Add(t);
        }
        return result;
    }

    /// <summary>
    /// <see cref="Normalize(string)"/> with every <c>::</c> cast left out: the expression as written for an engine that reads
    /// no PostgreSQL casts (the translation has refused the casts that matter before it gets here).
    /// </summary>
    internal static string WithoutCasts(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Canonical(RewriteStoredSpellings(Tokenize(expression)), keepMeaningfulCasts: false);
    }

    private static string Canonical(List<Token> tokens, bool keepMeaningfulCasts, bool exactCasts = false)
    {
        tokens = RewriteTrim(RemoveCasts(tokens, keepMeaningfulCasts, exactCasts));
        tokens = MergeSignedNumbers(tokens);
        tokens = RewriteAnyArray(tokens);
        tokens = RewriteBetween(tokens);
        tokens = RemoveRedundantParentheses(tokens);
        if (keepMeaningfulCasts) tokens = RemoveRedundantParentheses(RewriteTruthSpellings(tokens));
        return Join(tokens);
    }

    /// <summary>
    /// What an engine stores for what a plan wrote, back in the plan's spelling: MariaDB's <c>a MOD b</c> for <c>a % b</c>
    /// and <c>cast(x as char charset binary)</c> for <c>CAST(x AS BINARY)</c> (bt48 M1: every apply of a PostgreSQL file
    /// with a text or <c>%</c> check to MariaDB dropped and added the check again), PostgreSQL's <c>~~</c> for LIKE.
    /// </summary>
    private static List<Token> RewriteStoredSpellings(List<Token> tokens)
    {
        var result = new List<Token>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (IsModOperator(tokens, i)) result.Add(new Token(Kind.Op, "%"));
            // MariaDB stores NOT (x IS FALSE) as !(x is false) (bt50 M6)
            else if (IsBangNot(tokens, i)) result.Add(new Token(Kind.Word, "not"));
            // PostgreSQL stores LIKE as ~~ (and NOT LIKE as !~~, ILIKE as ~~*; bt48 M2: a SQLite LIKE check never converged)
            else if (t is { Kind: Kind.Op, Text: "~" } && i + 1 < tokens.Count && tokens[i + 1] is { Kind: Kind.Op, Text: "~" })
            {
                var insensitive = i + 2 < tokens.Count && tokens[i + 2] is { Kind: Kind.Op, Text: "*" };
                if (result.Count > 0 && result[^1] is { Kind: Kind.Op, Text: "!" }) result[^1] = new Token(Kind.Word, "not");
                result.Add(new Token(Kind.Word, insensitive ? "ilike" : "like"));
                i += insensitive ? 2 : 1;
            }
            else if (t is { Kind: Kind.Word, Text: "char" } && i > 0 && tokens[i - 1] is { Kind: Kind.Word, Text: "as" }
                     && i + 2 < tokens.Count && tokens[i + 1] is { Kind: Kind.Word, Text: "charset" } && tokens[i + 2] is { Kind: Kind.Word, Text: "binary" })
            {
                result.Add(tokens[i + 2]);
                i += 2;
            }
            else result.Add(t);
        }
        return result;
    }

    // MariaDB's a MOD b (the infix operator, not the mod(a, b) call), as it stores a check's a % b
    private static bool IsModOperator(List<Token> tokens, int i) =>
        tokens[i] is { Kind: Kind.Word, Text: "mod" } && i > 0 && !(i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open);

    // MariaDB's ! before a parenthesized operand: logical NOT, as it stores NOT (x IS FALSE)
    private static bool IsBangNot(List<Token> tokens, int i) =>
        tokens[i] is { Kind: Kind.Op, Text: "!" } && i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open;

    /// <summary>MariaDB's stored <c>MOD</c> and <c>!(...)</c> as written (<c>%</c>, NOT), to translate them (bt50 M6: refused as operators without a translation).</summary>
    private static List<Token> RewriteMySqlOperators(List<Token> tokens) =>
        [.. tokens.Select((t, i) => IsModOperator(tokens, i) ? new Token(Kind.Op, "%") : IsBangNot(tokens, i) ? new Token(Kind.Word, "not") : t)];

    /// <summary>
    /// <c>x BETWEEN a AND b</c> → <c>(x &gt;= a AND x &lt;= b)</c> and <c>x NOT BETWEEN a AND b</c> → <c>(x &lt; a OR x &gt; b)</c>,
    /// as PostgreSQL stores a check written with BETWEEN (bt37 M5: <c>schema apply</c> of such a check never converged),
    /// where x, a and b are each one operand (a name, a number, a string, a call or a parenthesized group) and x
    /// starts an operand (nothing binds it to the left). SYMMETRIC is left as it is.
    /// </summary>
    private static List<Token> RewriteBetween(List<Token> tokens)
    {
        // the end (exclusive) of the one operand starting at i, with the casts after it ((f)::integer: bt51 F5), or -1
        int OperandEnd(int i)
        {
            var end = OperandOnlyEnd(i);
            while (end > 0 && end + 1 < tokens.Count && tokens[end] is { Kind: Kind.Op, Text: "::" } && tokens[end + 1].Kind == Kind.Word)
            {
                end += 2;
                while (end < tokens.Count && tokens[end].Kind == Kind.Word && TypeWordsAfterFirst.Contains(tokens[end].Text)) end++;
                if (end < tokens.Count && tokens[end].Kind == Kind.Open) end = Matching(tokens, end) is var c && c > end ? c + 1 : -1;
            }
            return end;
        }
        int OperandOnlyEnd(int i)
        {
            if (i >= tokens.Count) return -1;
            if (tokens[i].Kind == Kind.Open) return Matching(tokens, i) is var c && c > i ? c + 1 : -1;
            if (tokens[i].Kind is Kind.Number or Kind.String) return i + 1;
            if (tokens[i].Kind != Kind.Word || IsKeywordOperator(tokens[i].Text) || tokens[i].Text is "symmetric" or "asymmetric") return -1;
            return i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open ? (Matching(tokens, i + 1) is var e && e > i ? e + 1 : -1) : i + 1;
        }
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && !(tokens[i - 1].Kind is Kind.Open or Kind.Comma || tokens[i - 1] is { Kind: Kind.Word } w && w.Text is "and" or "or" or "not" or "when" or "then" or "else" or "case"))
                continue;
            var x = OperandEnd(i);
            if (x < 0 || x >= tokens.Count) continue;
            var not = tokens[x] is { Kind: Kind.Word, Text: "not" };
            var between = not ? x + 1 : x;
            if (between >= tokens.Count || tokens[between] is not { Kind: Kind.Word, Text: "between" }) continue;
            var a = OperandEnd(between + 1);
            if (a < 0 || a >= tokens.Count || tokens[a] is not { Kind: Kind.Word, Text: "and" }) continue;
            var b = OperandEnd(a + 1);
            if (b < 0 || b < tokens.Count && tokens[b].Kind is Kind.Op && tokens[b].Text is not ("=" or "<>" or "<" or ">" or "<=" or ">=")) continue;
            var (left, low, high) = (tokens[i..x], tokens[(between + 1)..a], tokens[(a + 1)..b]);
            var rewritten = new List<Token> { new(Kind.Open, "(") };
            rewritten.AddRange(left);
            rewritten.Add(new Token(Kind.Op, not ? "<" : ">="));
            rewritten.AddRange(low);
            rewritten.Add(new Token(Kind.Word, not ? "or" : "and"));
            rewritten.AddRange(left);
            rewritten.Add(new Token(Kind.Op, not ? ">" : "<="));
            rewritten.AddRange(high);
            rewritten.Add(new Token(Kind.Close, ")"));
            tokens = [.. tokens[..i], .. rewritten, .. tokens[b..]];
            i += rewritten.Count - 1;
        }
        return tokens;
    }

    // keywords after which an operand starts: a '[' there quotes a name
    private static readonly HashSet<string> OperandFollows = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "case", "when", "then", "else", "between", "like", "glob", "regexp", "escape", "in", "is", "distinct", "from",
    };

    /// <summary>True when the two expressions normalise to the same text.</summary>
    public static bool SameMeaning(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    /// <summary>
    /// The expression's tokens; <paramref name="backslashEscapes"/>: <c>\'</c> inside a string is a quote (MariaDB/MySQL),
    /// not the end of <c>'\'</c>. A quoted name is the same word as the name unquoted in lower case; with
    /// <paramref name="keepQuotedCase"/>, one with upper-case letters stays quoted and keeps its case, so that
    /// PostgreSQL's <c>"N"</c> and <c>n</c> — two columns, or two functions — are told apart (bt53 O13: a check moved
    /// from one to the other was "No differences").
    /// </summary>
    private static List<Token> Tokenize(string s, bool backslashEscapes = true, bool keepQuotedCase = false)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var ch = s[i];
            if (char.IsWhiteSpace(ch)) { i++; continue; }
            if (ch == '\'')
            {
                var sb = new StringBuilder();
                i++;
                while (i < s.Length)
                {
                    if (s[i] == '\'' && i + 1 < s.Length && s[i + 1] == '\'') { sb.Append('\''); i += 2; continue; }
                    if (backslashEscapes && s[i] == '\\' && i + 1 < s.Length && s[i + 1] == '\'') { sb.Append('\''); i += 2; continue; } // MySQL escape
                    if (s[i] == '\'') { i++; break; }
                    sb.Append(s[i++]);
                }
                tokens.Add(new Token(Kind.String, sb.ToString()));
                continue;
            }
            // '[' quotes a name (SQLite, SQL Server) where an operand starts, also after AND, OR, NOT, ... (bt44 L3: SQLite's
            // "v > 0 or [id] > 0" was refused as an array); after any other word it is ARRAY[...], text[] or x[1]
            if (ch is '"' or '`' || (ch == '[' && (tokens.Count == 0
                || tokens[^1] is { Kind: Kind.Word } word && OperandFollows.Contains(word.Text)
                || tokens[^1].Kind is not (Kind.Word or Kind.QuotedName or Kind.Close or Kind.CloseBracket))))
            {
                var close = ch == '[' ? ']' : ch;
                var end = s.IndexOf(close, i + 1);
                if (end < 0) end = s.Length;
                tokens.Add(new Token(Kind.QuotedName, s[(i + 1)..end]));
                i = end + 1;
                continue;
            }
            if (char.IsDigit(ch) || (ch == '.' && i + 1 < s.Length && char.IsDigit(s[i + 1])))
            {
                var j = i;
                while (j < s.Length && (char.IsDigit(s[j]) || s[j] == '.')) j++;
                if (j < s.Length && (s[j] is 'e' or 'E')) { j++; if (j < s.Length && s[j] is '+' or '-') j++; while (j < s.Length && char.IsDigit(s[j])) j++; }
                tokens.Add(new Token(Kind.Number, s[i..j]));
                i = j;
                continue;
            }
            if (char.IsLetter(ch) || ch == '_')
            {
                var j = i;
                while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] is '_' or '$')) j++;
                tokens.Add(new Token(Kind.Word, s[i..j].ToLowerInvariant()));
                i = j;
                continue;
            }
            switch (ch)
            {
                case '(': tokens.Add(new Token(Kind.Open, "(")); i++; continue;
                case ')': tokens.Add(new Token(Kind.Close, ")")); i++; continue;
                case '[': tokens.Add(new Token(Kind.OpenBracket, "[")); i++; continue;
                case ']': tokens.Add(new Token(Kind.CloseBracket, "]")); i++; continue;
                case ',': tokens.Add(new Token(Kind.Comma, ",")); i++; continue;
            }
            // MariaDB's NULL-safe equality, one operator (bt51 F4: written as <= >)
            if (i + 2 < s.Length && s.Substring(i, 3) == "<=>")
            {
                tokens.Add(new Token(Kind.Op, "<=>"));
                i += 3;
                continue;
            }
            var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
            if (two is "::" or ">=" or "<=" or "<>" or "!=" or "||" or "<<" or ">>")
            {
                tokens.Add(new Token(Kind.Op, two == "!=" ? "<>" : two));
                i += 2;
                continue;
            }
            tokens.Add(new Token(Kind.Op, ch == '=' && two == "==" ? "=" : ch.ToString()));
            i += two == "==" ? 2 : 1;
        }
        // quoted names and plain words are the same identifier
        return [.. tokens.Select(t => t.Kind != Kind.QuotedName ? t
            : new Token(Kind.Word, keepQuotedCase && t.Text != t.Text.ToLowerInvariant() ? $"\"{t.Text}\"" : t.Text.ToLowerInvariant()))];
    }

    /// <summary>
    /// Drops <c>::type</c> casts (PostgreSQL adds them to literals and columns); a cast string that holds a number becomes
    /// that number. With <paramref name="keepMeaningful"/>, a cast that changes its operand's value stays
    /// (<see cref="MeaningfulCast"/>), its type spelled one way (<c>int</c> → <c>integer</c>).
    /// </summary>
    private static List<Token> RemoveCasts(List<Token> tokens, bool keepMeaningful = false, bool exact = false)
    {
        var result = new List<Token>();
        var i = 0;
        while (i < tokens.Count)
        {
            var t = tokens[i];
            if (t is { Kind: Kind.Op, Text: "::" } && i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Word)
            {
                var typeName = tokens[i + 1].Text;
                i += 2;
                // a type of another schema: 'ok'::app.mood
                while (i + 1 < tokens.Count && tokens[i] is { Kind: Kind.Op, Text: "." } && tokens[i + 1].Kind == Kind.Word) { typeName += "." + tokens[i + 1].Text; i += 2; }
                while (i < tokens.Count && tokens[i].Kind == Kind.Word && TypeWordsAfterFirst.Contains(tokens[i].Text)) typeName += " " + tokens[i++].Text;
                var modifiersStart = i;
                if (i < tokens.Count && tokens[i].Kind == Kind.Open)
                {
                    var depth = 0;
                    do
                    {
                        if (tokens[i].Kind == Kind.Open) depth++;
                        else if (tokens[i].Kind == Kind.Close) depth--;
                        i++;
                    }
                    while (i < tokens.Count && depth > 0);
                }
                var modifiers = tokens[modifiersStart..i];
                var array = false;
                while (i + 1 < tokens.Count && tokens[i].Kind == Kind.OpenBracket && tokens[i + 1].Kind == Kind.CloseBracket) { i += 2; array = true; }
                if (keepMeaningful && result.Count > 0 && !array && CanonicalTypeName(typeName) is var canonical
                    && (exact ? canonical is not ("text" or "character varying" or "name" or "bpchar" or "citext") || modifiers.Count > 0 : MeaningfulCast(canonical, modifiers.Count > 0, CastOperand(result, result.Count - 1, null).Input)))
                {
                    result.Add(t);
                    result.Add(new Token(Kind.Word, canonical));
                    result.AddRange(modifiers);
                    continue;
                }
                if (result.Count > 0 && result[^1].Kind == Kind.String && !IsTextType(typeName)
                    && decimal.TryParse(result[^1].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    result[^1] = new Token(Kind.Number, result[^1].Text.Trim());
                continue;
            }
            result.Add(t);
            i++;
        }
        return result;
    }

    /// <summary>
    /// PostgreSQL's spellings of trim: <c>TRIM(BOTH FROM x)</c> (how it writes <c>trim(x)</c> back) → <c>trim(x)</c>,
    /// LEADING → <c>ltrim(x)</c>, TRAILING → <c>rtrim(x)</c>, <c>btrim(x)</c> (before PostgreSQL 14) → <c>trim(x)</c>.
    /// </summary>
    private static List<Token> RewriteTrim(List<Token> tokens)
    {
        var result = new List<Token>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var call = i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open;
            if (t is { Kind: Kind.Word, Text: "btrim" } && call)
            {
                result.Add(t with { Text = "trim" });
                continue;
            }
            if (t is { Kind: Kind.Word, Text: "trim" } && call && i + 3 < tokens.Count
                && tokens[i + 2] is { Kind: Kind.Word, Text: "both" or "leading" or "trailing" } side && tokens[i + 3] is { Kind: Kind.Word, Text: "from" })
            {
                result.Add(t with { Text = side.Text switch { "leading" => "ltrim", "trailing" => "rtrim", _ => "trim" } });
                result.Add(tokens[i + 1]);
                i += 3;
                continue;
            }
            result.Add(t);
        }
        return result;
    }

    private static bool IsTextType(string typeName) => typeName is "text" or "character" or "char" or "varchar" or "character varying" or "bpchar" or "name" or "citext";

    /// <summary>A minus sign where an operand is expected belongs to the number after it; numbers in canonical form (1.50 → 1.5).</summary>
    private static List<Token> MergeSignedNumbers(List<Token> tokens)
    {
        var result = new List<Token>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var operandExpected = result.Count == 0 || result[^1].Kind is Kind.Op or Kind.Open or Kind.Comma or Kind.OpenBracket
                || (result[^1].Kind == Kind.Word && IsKeywordOperator(result[^1].Text));
            if (t is { Kind: Kind.Op, Text: "-" or "+" } && operandExpected && i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Number)
            {
                result.Add(new Token(Kind.Number, Canonical((t.Text == "-" ? "-" : "") + tokens[i + 1].Text)));
                i++;
                continue;
            }
            result.Add(t.Kind == Kind.Number ? t with { Text = Canonical(t.Text) } : t);
        }
        return result;

        static string Canonical(string number) =>
            decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : number;
    }

    private static bool IsKeywordOperator(string word) => word is "and" or "or" or "not" or "in" or "is" or "like" or "between" or "when" or "then" or "else" or "case";

    /// <summary><c>x = ANY (ARRAY[a, b])</c> → <c>x IN (a, b)</c>; <c>x &lt;&gt; ALL (ARRAY[a, b])</c> → <c>x NOT IN (a, b)</c>.</summary>
    private static List<Token> RewriteAnyArray(List<Token> tokens)
    {
        var result = new List<Token>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (i + 2 < tokens.Count && tokens[i] is { Kind: Kind.Op, Text: "=" or "<>" } op
                && tokens[i + 1] is { Kind: Kind.Word, Text: "any" or "all" } quantifier
                && (op.Text == "=") == (quantifier.Text == "any") && tokens[i + 2].Kind == Kind.Open)
            {
                // skip '(' ... up to ARRAY [
                var j = i + 2;
                var opens = 0;
                while (j < tokens.Count && tokens[j].Kind == Kind.Open) { opens++; j++; }
                if (j + 1 < tokens.Count && tokens[j] is { Kind: Kind.Word, Text: "array" } && tokens[j + 1].Kind == Kind.OpenBracket)
                {
                    var k = j + 2;
                    var depth = 1;
                    var items = new List<Token>();
                    while (k < tokens.Count)
                    {
                        if (tokens[k].Kind == Kind.OpenBracket) depth++;
                        else if (tokens[k].Kind == Kind.CloseBracket && --depth == 0) break;
                        items.Add(tokens[k]);
                        k++;
                    }
                    k++;
                    var closes = 0;
                    while (k < tokens.Count && closes < opens && tokens[k].Kind == Kind.Close) { closes++; k++; }
                    if (closes == opens)
                    {
                        if (op.Text == "<>") result.Add(new Token(Kind.Word, "not"));
                        result.Add(new Token(Kind.Word, "in"));
                        result.Add(new Token(Kind.Open, "("));
                        result.AddRange(items);
                        result.Add(new Token(Kind.Close, ")"));
                        i = k;
                        continue;
                    }
                }
            }
            result.Add(tokens[i]);
            i++;
        }
        return result;
    }

    /// <summary>Binding strength of a binary operator token (higher binds tighter); 0 when the token is not one.</summary>
    private static int Rank(Token t) => t.Kind switch
    {
        Kind.Word => t.Text switch
        {
            "or" => 1,
            "and" => 2,
            "not" => 3,
            "is" or "like" or "between" or "in" or "ilike" => 4,
            _ => 0,
        },
        Kind.Op => t.Text switch
        {
            "=" or "<" or ">" or "<=" or ">=" or "<>" => 4,
            "+" or "-" or "||" => 5,
            "*" or "/" or "%" => 6,
            "::" => 8,
            _ => 0,
        },
        _ => 0,
    };

    /// <summary>Removes parentheses that only group what the operators around them would group anyway.</summary>
    private static List<Token> RemoveRedundantParentheses(List<Token> tokens)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var open = 0; open < tokens.Count; open++)
            {
                if (tokens[open].Kind != Kind.Open) continue;
                // a call's or an IN list's parentheses are not grouping (a CASE's WHEN (n > 0) THEN are: PostgreSQL adds them)
                if (open > 0 && tokens[open - 1] is { Kind: Kind.Word } before && Rank(before) is 0 or 4
                    && before.Text is not ("not" or "and" or "or" or "is" or "like" or "between" or "case" or "when" or "then" or "else"))
                    continue;
                var close = Matching(tokens, open);
                if (close < 0) continue;
                var inner = LowestRankInside(tokens, open + 1, close);
                if (inner < 0) continue; // a list (commas): a row value, keep
                var left = open > 0 ? Rank(tokens[open - 1]) : 0;
                var right = close + 1 < tokens.Count ? Rank(tokens[close + 1]) : 0;
                var outer = Math.Max(left, right);
                // arithmetic and || group from the left: (a || b) || c is a || b || c, as PostgreSQL stores a SQLite
                // generated column's a || ': ' || b (bt49 M6: every apply dropped and added the column again)
                // (not || beside + or -: SQLite binds || tighter than +, PostgreSQL looser)
                var removable = inner > outer || (inner == outer && inner is 1 or 2) || inner == 9
                    || (inner is 5 or 6 && right == inner && left < inner && (inner == 6 || OneAdditiveKind(tokens, open + 1, close, tokens[close + 1])));
                if (!removable) continue;
                tokens.RemoveAt(close);
                tokens.RemoveAt(open);
                changed = true;
                break;
            }
        }
        return tokens;
    }

    private static int Matching(List<Token> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == Kind.Open) depth++;
            else if (tokens[i].Kind == Kind.Close && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>The lowest binary-operator rank at the top level of a range (9 when none: a single operand; -1 for a comma list).</summary>
    /// <summary>Whether the top-level operators of rank 5 in a range are all <c>||</c> when <paramref name="next"/> is, or all <c>+</c>/<c>-</c> when it is one of those.</summary>
    private static bool OneAdditiveKind(List<Token> tokens, int from, int to, Token next)
    {
        var (depth, concatenates, adds) = (0, false, false);
        for (var i = from; i < to; i++)
        {
            var t = tokens[i];
            if (t.Kind is Kind.Open or Kind.OpenBracket) depth++;
            else if (t.Kind is Kind.Close or Kind.CloseBracket) depth--;
            else if (depth == 0 && t is { Kind: Kind.Op, Text: "||" }) concatenates = true;
            else if (depth == 0 && i > from && t is { Kind: Kind.Op, Text: "+" or "-" }) adds = true;
        }
        return next.Text == "||" ? concatenates && !adds : adds && !concatenates;
    }

    private static int LowestRankInside(List<Token> tokens, int from, int to)
    {
        var depth = 0;
        var lowest = 9;
        for (var i = from; i < to; i++)
        {
            var t = tokens[i];
            if (t.Kind is Kind.Open or Kind.OpenBracket) { depth++; continue; }
            if (t.Kind is Kind.Close or Kind.CloseBracket) { depth--; continue; }
            if (depth > 0) continue;
            if (t.Kind == Kind.Comma) return -1;
            // CASE ... END is one operand (bt50 M4: PostgreSQL keeps (CASE ... END = 0) OR ... with its own parentheses)
            if (t is { Kind: Kind.Word, Text: "case" })
            {
                var end = CaseEnd(tokens, i);
                if (end < 0 || end >= to) return 0;
                i = end;
                continue;
            }
            var rank = Rank(t);
            if (rank > 0 && i > from) lowest = Math.Min(lowest, rank);
            else if (t is { Kind: Kind.Word, Text: "not" }) lowest = Math.Min(lowest, 3);
        }
        return lowest;
    }

    private static string Join(List<Token> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens)
        {
            if (sb.Length > 0 && t.Kind is not (Kind.Close or Kind.CloseBracket or Kind.Comma) && sb[^1] is not ('(' or '['))
                sb.Append(' ');
            sb.Append(t.Kind == Kind.String ? "'" + t.Text.Replace("'", "''", StringComparison.Ordinal) + "'" : t.Text);
        }
        return sb.ToString();
    }
}
