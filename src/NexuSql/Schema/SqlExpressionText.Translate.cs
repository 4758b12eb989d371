using System.Globalization;
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
    internal static string? Translate(string expression, IReadOnlyCollection<string> columns, SqlDialect source, SqlDialect target, Use use, out string? problem) =>
        Translate(expression, columns, null, source, target, use, out problem);

    /// <summary>
    /// The expression written for <paramref name="target"/>, knowing the columns' types: a text comparison, an integer
    /// column's arithmetic, a float division are told apart (without them, what cannot be told apart is judged by its literals).
    /// </summary>
    /// <param name="expression">The expression as the source engine keeps it.</param>
    /// <param name="columns">The table's columns.</param>
    /// <param name="source">The engine the expression was read from.</param>
    /// <param name="target">The engine it is for.</param>
    /// <param name="use">What it is for.</param>
    /// <param name="problem">Why it does not translate (null when it does).</param>
    /// <param name="wholeIsTruth">
    /// The value the whole is: a truth value (a check, an index's WHERE, a boolean generated column) or not (another
    /// generated column). Where the source keeps booleans as integers and the target does not, it decides whether a boolean
    /// column alone is written as a boolean or as its integer, and a number alone where a truth value is wanted is
    /// written <c>(...) &lt;&gt; 0</c>.
    /// </param>
    internal static string? Translate(string expression, IReadOnlyCollection<ColumnModel> columns, SqlDialect source, SqlDialect target, Use use, out string? problem,
        bool wholeIsTruth = true)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var kinds = new Dictionary<string, ColumnType>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in columns) kinds.TryAdd(c.Name, c.Type);
        return Translate(expression, [.. columns.Select(c => c.Name)], kinds, source, target, use, out problem, wholeIsTruth);
    }

    private static string? Translate(string expression, IReadOnlyCollection<string> columns, IReadOnlyDictionary<string, ColumnType>? kinds, SqlDialect source,
        SqlDialect target, Use use, out string? problem, bool wholeIsTruth = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(target);
        // PostgreSQL's and SQLite's '\' is one backslash (break test 29 M17: replace(path, '\', '/') read on as MySQL's \')
        var raw = Tokenize(expression, source.Lexical.BackslashEscapesInStrings);
        if (source.StoresModAndBangOperators) raw = RewriteMySqlOperators(raw);
        if (kinds is not null && target.DecimalComparisonOperand("x") is null && source.DecimalComparisonOperand("x") is not null)
        {
            raw = WithoutDecimalComparisonCasts(raw, kinds, source, target, out var asFloat);
            if (asFloat is not null) return Fail(asFloat, out problem);
        }
        if (source.Engine != target.Engine && use != Use.Indexed && CastProblem(raw, kinds, target.BooleansAreIntegers) is { } cast) return Fail(cast, out problem);
        var tokens = RemoveRedundantParentheses(RewriteAnyArray(MergeSignedNumbers(RewriteTildeLike(RewriteTrim(RemoveCasts(raw))))));
        if (target.DoublePipeIsOr && !source.DoublePipeIsOr && kinds is not null) tokens = RewriteConcatenation(tokens, kinds);
        if (source.DoublePipeIsOr && !target.DoublePipeIsOr && kinds is not null) tokens = RewriteConcatCalls(tokens, kinds);
        var from = source.Engine.DisplayName();
        var to = target.Engine.DisplayName();
        var exact = use != Use.Indexed;
        var integerBooleans = kinds is not null && source.BooleansAreIntegers && !target.BooleansAreIntegers;
        // a comparison of a comparison's result (a = f = 1, a IS NOT TRUE = 1): MariaDB and SQLite read it left to right,
        // PostgreSQL refuses it (bt51 F4)
        if (source.BooleansAreIntegers && !target.BooleansAreIntegers && ChainedComparison(tokens) is { } chain)
            return Fail($"it compares the result of a comparison ({chain}), which {to} does not read as {from} does; put the inner comparison in parentheses", out problem);
        var exactText = ExactText.Read(tokens, source);
        tokens = exactText.Tokens;
        // (by the positions of the tokens written below: ExactText drops MariaDB's binary casts)
        // a parenthesized truth value used as a number (a = (n > 5)): the integer it is on the source (bt51 F3)
        var truthAsInteger = integerBooleans ? TruthGroupsUsedAsNumbers(tokens, wholeIsTruth) : [];
        // a boolean compared with 0 or 1 (or another boolean), in an IN or BETWEEN of them, or with them in a coalesce()
        // that is a truth value: the boolean stays one and 0 and 1 are FALSE and TRUE, as PostgreSQL writes it
        var (keptBooleans, truthLiterals) = integerBooleans ? BooleanUses(tokens, kinds!, wholeIsTruth) : ([], []);
        var numberAsTruth = integerBooleans && wholeIsTruth && NumberWhereTruthIsWanted(tokens, kinds!, keptBooleans);
        var operands = new Operands(tokens, kinds);
        if (exact && target.TextComparisonIgnoresCase && !source.TextComparisonIgnoresCase && target.ExactTextOperand("\u0001") is { } wrap)
            exactText.WrapComparedText(operands, wrap);
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
                    if (exact && kinds is not null && kinds.TryGetValue(column, out var type) && type.Kind == PortableType.Decimal
                        && source.DecimalComparisonOperand("x") is null && target.DecimalComparisonOperand(text) is { } asNumber)
                    {
                        if (DecimalTextProblem(tokens, i, column, type, to) is { } asText) return Fail(asText, out problem);
                        if (!(i + 1 < tokens.Count && tokens[i + 1] is { Kind: Kind.Word, Text: "is" })) text = asNumber;
                    }
                    // MariaDB's active = 0, flag IN (0, 1), active + flag: the boolean as the integer it is there (bt50 M3)
                    if (integerBooleans && kinds!.TryGetValue(column, out var boolean) && boolean.Kind == PortableType.Boolean && !InTruthPosition(tokens, i, i, wholeIsTruth) && !keptBooleans.Contains(i))
                        text = $"CAST({text} AS INTEGER)";
                    break;
                case Kind.Word when t.Text == ConcatCall:
                    text = "CONCAT";
                    call = true;
                    break;
                case Kind.Word when i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open && !PortableKeywords.Contains(t.Text) && t.Text != "like":
                    if (FunctionProblem(t.Text, source, target, use, operands.Forward(i + 2)) is { } why) return Fail(why, out problem);
                    if (t.Text == "substr" && exact && SubstrProblem(tokens, i + 1) is { } substr) return Fail(substr, out problem);
                    text = CountsCharacters(t.Text, source) ? target.CharacterLengthFunction! : t.Text;
                    call = true;
                    break;
                case Kind.Word when t.Text == "like":
                    if (exact && (LikeProblem(tokens, i + 1) ?? (exactText.Ends.Contains(ComparedOperands(operands, i).Before) ? null : ComparesTextProblem("LIKE", source, target))) is { } like)
                        return Fail(like, out problem);
                    text = "LIKE";
                    break;
                case Kind.Word when t.Text is "in" or "between" && exact && TextComparisonProblem(operands, i, source, target, exactText) is { } ci:
                    return Fail(ci, out problem);
                // CASE s WHEN 'abc': an equality of text, as = is (break test 23 F3)
                case Kind.Word when t.Text == "case" && exact && i + 1 < tokens.Count && tokens[i + 1] is not { Kind: Kind.Word, Text: "when" }
                    && operands.Forward(i + 1) is Operand.Text or Operand.Unknown && ComparesTextProblem("CASE ... WHEN", source, target) is { } simpleCase:
                    return Fail(simpleCase, out problem);
                // (IS TRUE, IS NOT FALSE: a truth value whatever the operand)
                case Kind.Word or Kind.Number when truthLiterals.TryGetValue(i, out var truth):
                    text = truth;
                    break;
                case Kind.Word when t.Text is "true" or "false" && integerBooleans && !InTruthPosition(tokens, i, i, wholeIsTruth)
                    && (i == 0 || tokens[i - 1] is not { Kind: Kind.Word, Text: "is" or "not" }):
                    text = t.Text == "true" ? "1" : "0";
                    break;
                case Kind.Word when PortableKeywords.Contains(t.Text):
                    text = t.Text.ToUpperInvariant();
                    break;
                case Kind.Word when t.Text is "ilike" or "similar":
                    return Fail($"{t.Text.ToUpperInvariant()} is {from}'s own; {to} does not have it", out problem);
                // MariaDB's a DIV b and a MOD b (break test 33 L13: refused as "div is not a column of the table")
                case Kind.Word when t.Text is "div" or "mod":
                    return Fail($"{t.Text.ToUpperInvariant()} is an operator of {from} that has no translation for {to}", out problem);
                // CURRENT_DATE + 1 (bt46: refused as "current_date is not a column of the table")
                case Kind.Word when t.Text is "current_date" or "current_time" or "current_timestamp" or "localtime" or "localtimestamp"
                    or "current_user" or "session_user" or "user" or "current_role" or "current_schema" or "current_catalog":
                    return Fail($"the keyword {t.Text.ToUpperInvariant()} is not translated for {to} within an expression", out problem);
                case Kind.Word:
                    return Fail($"{t.Text} is not a column of the table", out problem);
                case Kind.String when target.Lexical.BackslashEscapesInStrings && t.Text.Contains('\\', StringComparison.Ordinal):
                    return Fail($"a string with a backslash reads differently on {to}", out problem);
                case Kind.String:
                    text = "'" + t.Text.Replace("'", "''", StringComparison.Ordinal) + "'";
                    break;
                // a || whose operands are all text is CONCAT there (RewriteConcatenation); any other is refused
                case Kind.Op when t.Text == "||" && target.DoublePipeIsOr:
                    return Fail($"|| is OR on {to} (string concatenation elsewhere; it is written as CONCAT only where every operand is a text column, string or text function " +
                        "and no arithmetic is beside it)", out problem);
                // a float concatenated is spelled by each engine's own float-to-text (break test 33 G10: PostgreSQL 1e+20 and
                // 1, SQLite 1.0e+20 and 1.0): the copy wrote the rows and its read-back found them changed
                case Kind.Op when t.Text == "||" && exact && source.Engine != target.Engine && !source.DoublePipeIsOr
                    && (operands.Backward(i - 1) == Operand.Float || operands.Forward(i + 1) == Operand.Float):
                    return Fail($"|| with a floating-point (real, double precision) operand spells the number otherwise on {from} and {to} " +
                        "(PostgreSQL writes 1e20 as 1e+20 and 1 as 1, SQLite as 1.0e+20 and 1.0)", out problem);
                case Kind.Op when t.Text == "/" && DivisionProblem(operands, i, source, target, exact) is { } division:
                    return Fail(division, out problem);
                // a date or time plus or minus a number: PostgreSQL counts days (d + 7 is a week later), MariaDB makes the
                // date a number (20240226 + 7), SQLite adds to the year of its text (2024 + 7; break test 29 M15)
                case Kind.Op when t.Text is "+" or "-" && source.Engine != target.Engine && (operands.TemporalColumn(i - 1) ?? operands.TemporalColumn(i + 1)) is { } temporal:
                    return Fail($"the operator {t.Text} on the date/time column {temporal} computes otherwise on each engine ({from}: days or an interval; " +
                        "MariaDB: the date as a number; SQLite: the year of its text)", out problem);
                case Kind.Op when t.Text is "+" or "-" or "*" && exact && OverflowProblem(operands, i, source, target) is { } overflow:
                    return Fail(overflow, out problem);
                case Kind.Op when t.Text is "=" or "<>" or "<" or ">" or "<=" or ">=" && exact && TextComparisonProblem(operands, i, source, target, exactText) is { } compare:
                    return Fail(compare, out problem);
                case Kind.Op when t.Text == "~" && source.SupportsPostgreSqlCasts:
                    return Fail($"it uses the {from} operator ~ (a regular-expression match), which {to} does not have", out problem);
                // << and >> shift a signed 64-bit number on PostgreSQL and SQLite, an unsigned one on MariaDB (break test 29 M16: written as < <)
                case Kind.Op when t.Text == "<=>":
                    return Fail($"the operator <=> ({from}'s NULL-safe equality) is not translated for {to}; write it as (a = b OR a IS NULL AND b IS NULL)", out problem);
                case Kind.Op when t.Text is "::" or "~" or "^" or "#" or "&" or "|" or "@" or "!" or "<<" or ">>":
                    return Fail($"the operator {t.Text} differs between engines ({from}'s is not {to}'s)", out problem);
                case Kind.OpenBracket or Kind.CloseBracket:
                    return Fail("arrays are PostgreSQL's own", out problem);
                default:
                    text = t.Text;
                    break;
            }
            if (truthAsInteger.Contains(i)) text = "CAST(" + text;
            else if (t.Kind == Kind.Close && truthAsInteger.Contains(-i)) text += " AS INTEGER)";
            if (exactText.Prefix(i) is { } prefix) { text = prefix + text; call = call || t.Kind == Kind.Word; }
            if (exactText.Suffix(i) is { } suffix) text += suffix;
            if (sb.Length > 0 && t.Kind is not (Kind.Close or Kind.Comma) && sb[^1] != '(' && !(t.Kind == Kind.Open && afterCall))
                sb.Append(' ');
            afterCall = call;
            sb.Append(text);
        }
        problem = null;
        return numberAsTruth ? $"({sb}) <> 0" : sb.ToString();
    }

    /// <summary>The expression calls lower() or upper().</summary>
    internal static bool CallsCaseMapping(string expression)
    {
        var tokens = Tokenize(expression);
        return tokens.Where((t, i) => t is { Kind: Kind.Word, Text: "lower" or "upper" } && i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open).Any();
    }

    /// <summary>
    /// Whether <paramref name="expression"/> may compare or search text, the only things a collation decides: a
    /// comparison operator, IN, BETWEEN, a pattern match, a CASE, or a function that compares or searches its arguments
    /// (nullif, greatest, least, locate, instr, position, strpos, field, find_in_set). Concatenation, a character count,
    /// substr() or a case mapping give the same value under any collation (bt37 M7: concat() and char_length() of a
    /// <c>_ci</c> column were refused as letting in other rows).
    /// </summary>
    internal static bool MayCompareText(string expression)
    {
        var tokens = Tokenize(expression);
        return tokens.Where((t, i) => t is { Kind: Kind.Op, Text: "=" or "<" or ">" or "<=" or ">=" or "<>" or "~" }
            || t.Kind == Kind.Word && (t.Text is "in" or "between" or "like" or "ilike" or "regexp" or "rlike" or "glob" or "similar" or "case" or "distinct"
                || i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open
                   && t.Text is "nullif" or "greatest" or "least" or "locate" or "instr" or "position" or "strpos" or "field" or "find_in_set")).Any();
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

    /// <summary>
    /// Why a call of <paramref name="function"/> does not mean the same on both engines for <paramref name="use"/>, or
    /// null; <paramref name="argument"/> is what its first argument is, where that is known.
    /// </summary>
    private static string? FunctionProblem(string function, SqlDialect source, SqlDialect target, Use use, Operand argument)
    {
        var from = source.Engine.DisplayName();
        var to = target.Engine.DisplayName();
        if (CountsCharacters(function, source))
            return target.CharacterLengthFunction is null ? $"{to} has no function counting a string's characters as {function}() does on {from}" : null;
        if (function is "length" or "octet_length")
            return $"{function}() counts bytes on {from}, and the engines count bytes of a value differently";
        // a default of now() alone translates (ColumnDefault); inside an expression (now() AT TIME ZONE 'utc', now() + ...)
        // it does not: said so, not "not one every engine has" beside "now() translates" (bt32 F26)
        if (function is "now" or "clock_timestamp" or "statement_timestamp" or "transaction_timestamp" or "current_timestamp" or "localtimestamp")
            return $"the current time ({function}()) translates to {to} only as a default that is now() alone (not with AT TIME ZONE or arithmetic, nor clock_timestamp())";
        if (!PortableFunctions.Contains(function)) return $"the function {function}() is not one every engine has";
        if (use == Use.Indexed) return null;
        // nullif(s, 'admin') is NULL when s = 'admin': an equality of text, as = is (break test 23 F3)
        if (function == "nullif" && argument is Operand.Text or Operand.Unknown && ComparesTextProblem("nullif()", source, target) is { } nullif) return nullif;
        if (function is "lower" or "upper" && source.CaseMapsAsciiOnly != target.CaseMapsAsciiOnly
            && !(use == Use.UniqueKey && source.CaseMapsAsciiOnly))
            return $"{function}() changes only the letters A–Z on {(source.CaseMapsAsciiOnly ? from : to)} ({function}('{(function == "lower" ? "É" : "é")}') stays " +
                $"'{(function == "lower" ? "É" : "é")}') but every letter on {(source.CaseMapsAsciiOnly ? to : from)}";
        if (function is "lower" or "upper" && !source.CaseMapsAsciiOnly && !target.CaseMapsAsciiOnly && source.CaseMapsByOldUnicodeTables != target.CaseMapsByOldUnicodeTables)
        {
            var (old, current) = source.CaseMapsByOldUnicodeTables ? (from, to) : (to, from);
            return $"{function}() maps some letters otherwise on {old}, by an older Unicode table, than on {current} (lower('ẞ') stays 'ẞ' on {old}, 'ß' on {current})";
        }
        if (function == "round" && source.RoundsFloatHalvesToEven != target.RoundsFloatHalvesToEven)
        {
            var (even, away) = source.RoundsFloatHalvesToEven ? (from, to) : (to, from);
            return argument switch
            {
                Operand.Float => $"round() of a floating-point half rounds to even on {even} (round(2.5::double precision) = 2) but away from zero on {away} (3)",
                Operand.Decimal or Operand.Integer => $"round() of an exact number does not round alike: one of {from} and {to} rounds the exact decimal value, the other a floating-point approximation of it",
                _ => $"round() does not round alike on {from} and {to}: a floating-point half rounds to even on {even} (round(2.5::double precision) = 2) but away from zero on {away} (3), " +
                    "and an exact number is rounded as a decimal on one and as a floating-point approximation on the other",
            };
        }
        return null;
    }

    /// <summary>
    /// substr(s, start, count) agrees between engines only for a start of 1 or more and a count of 0 or more: below that
    /// PostgreSQL counts positions before the string (substr('abc', -1, 3) = 'a'), SQLite and MySQL count from its end
    /// ('c'), and MySQL gives '' for a start of 0. Only whole-number literals can be promised to stay in that range.
    /// </summary>
    private static string? SubstrProblem(List<Token> tokens, int open)
    {
        var arguments = Arguments(tokens, open);
        static bool Literal(List<Token> tokens, (int From, int To) a, long least) =>
            a.To - a.From == 1 && tokens[a.From] is { Kind: Kind.Number } n && long.TryParse(n.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= least;
        if (arguments.Count >= 2 && !Literal(tokens, arguments[1], 1))
            return "substr() with a start that is not a whole number of 1 or more means something else on each engine (substr('abc', -1, 3): 'a' on PostgreSQL, 'c' on SQLite and MySQL; " +
                "a start of 0 gives '' on MySQL)";
        if (arguments.Count >= 3 && !Literal(tokens, arguments[2], 0))
            return "substr() with a count that is not a whole number of 0 or more means something else on each engine (a negative count is an error on PostgreSQL, " +
                "counts backwards on SQLite and gives '' on MySQL)";
        return null;
    }

    /// <summary>The token ranges [From, To) of a call's top-level arguments, the call's parenthesis at <paramref name="open"/>.</summary>
    private static List<(int From, int To)> Arguments(List<Token> tokens, int open)
    {
        var result = new List<(int, int)>();
        var depth = 0;
        var start = open + 1;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Kind is Kind.Open or Kind.OpenBracket) depth++;
            else if (tokens[i].Kind is Kind.Close or Kind.CloseBracket && --depth == 0) { result.Add((start, i)); break; }
            else if (tokens[i].Kind == Kind.Comma && depth == 1) { result.Add((start, i)); start = i + 1; }
        }
        return result;
    }

    /// <summary>
    /// Why <c>/</c> at <paramref name="at"/> does not divide alike: by zero (an error on one engine, NULL on the other:
    /// only a divisor that is a number other than 0 is safe), or integers and exact numbers (a truncated quotient or one
    /// with other decimal places; a float operand makes it a float division on both). Only the latter counts for a plain index.
    /// </summary>
    private static string? DivisionProblem(Operands operands, int at, SqlDialect source, SqlDialect target, bool exact)
    {
        var from = source.Engine.DisplayName();
        var to = target.Engine.DisplayName();
        if (exact && source.DivisionByZeroIsNull != target.DivisionByZeroIsNull && !operands.NonZeroNumber(at + 1))
        {
            var (error, isNull) = source.DivisionByZeroIsNull ? (to, from) : (from, to);
            return $"division by zero is an error on {error} but NULL on {isNull} (a check over a / b that {error} refuses for b = 0 lets the row in on {isNull})";
        }
        if (source.IntegerDivisionTruncates == target.IntegerDivisionTruncates) return null;
        var (left, right) = (operands.Backward(at - 1), operands.Forward(at + 1));
        if (left == Operand.Float || right == Operand.Float) return null;
        var (truncates, exactQuotient) = source.IntegerDivisionTruncates ? (from, to) : (to, from);
        if (left == Operand.Decimal || right == Operand.Decimal)
            return $"the operator / gives an exact number's quotient with other decimal places on {from} and {to} (1.000 / 3: 0.33333333333333333333 on PostgreSQL, 0.3333333 on MariaDB)";
        if (left == Operand.Integer && right == Operand.Integer)
            return $"the operator / divides integers differently ({truncates}: 7 / 2 = 3; {exactQuotient}: 3.5)";
        return $"the operator / divides integers differently ({truncates}: 7 / 2 = 3; {exactQuotient}: 3.5), and exact numbers' quotients get other decimal places";
    }

    /// <summary>
    /// Why <c>+</c>, <c>-</c> or <c>*</c> at <paramref name="at"/> does not compute alike: an operand is an integer
    /// column narrower than 64 bits, which fails past its range on one engine and is computed in 64 bits on the other.
    /// </summary>
    private static string? OverflowProblem(Operands operands, int at, SqlDialect source, SqlDialect target)
    {
        if (source.IntegerArithmeticIn64Bits == target.IntegerArithmeticIn64Bits) return null;
        // with an exact, float or 64-bit operand beside it PostgreSQL computes in that type (price * (qty)::numeric)
        var (left, right) = (operands.NarrowIntegerColumn(at - 1), operands.NarrowIntegerColumn(at + 1));
        var column = left ?? right;
        if (column is null) return null;
        if (left is null || right is null)
        {
            var other = left is null ? at - 1 : at + 1;
            var kind = left is null ? operands.Backward(other) : operands.Forward(other);
            if (kind is Operand.Decimal or Operand.Float || operands.IsWideIntegerColumn(other)) return null;
        }
        var (narrow, wide) = source.IntegerArithmeticIn64Bits ? (target.Engine.DisplayName(), source.Engine.DisplayName()) : (source.Engine.DisplayName(), target.Engine.DisplayName());
        return $"the operator {operands[at].Text} on the integer column {column} fails past the column type's range on {narrow} (integer out of range, the row refused) " +
            $"but is computed in 64 bits on {wide} (the row accepted)";
    }

    /// <summary>
    /// Why a comparison (<c>=</c>, <c>&lt;</c>, IN, BETWEEN...) at <paramref name="at"/> of text does not compare alike,
    /// or null; one with an operand that compares exactly on both engines (<see cref="ExactText"/>) does.
    /// </summary>
    private static string? TextComparisonProblem(Operands operands, int at, SqlDialect source, SqlDialect target, ExactText exactText)
    {
        if (source.TextComparisonIgnoresCase == target.TextComparisonIgnoresCase) return null;
        var word = operands[at].Text;
        var (before, after) = ComparedOperands(operands, at);
        if (operands.Backward(before) != Operand.Text && operands.Forward(after) != Operand.Text) return null;
        if (exactText.Ends.Contains(before) || (word is not ("in" or "between") && exactText.Starts.Contains(after))) return null;
        return ComparesTextProblem(word.ToUpperInvariant(), source, target);
    }

    /// <summary>
    /// Why <paramref name="what"/>, which compares text, does not compare alike between the two engines, or null when
    /// both compare text the same way: one compares by its default collation, which takes case, trailing spaces and
    /// other forms of one character (fullwidth <c>１</c> for <c>1</c>, <c>¹</c>) as one, the other by code point.
    /// </summary>
    private static string? ComparesTextProblem(string what, SqlDialect source, SqlDialect target)
    {
        if (source.TextComparisonIgnoresCase == target.TextComparisonIgnoresCase) return null;
        var (ignores, cares) = source.TextComparisonIgnoresCase ? (source.Engine.DisplayName(), target.Engine.DisplayName()) : (target.Engine.DisplayName(), source.Engine.DisplayName());
        return $"it compares text ({what}), which {ignores} compares under its default collation, without case and trailing spaces and taking other forms of a character " +
            $"as it ('abc' = 'ABC ', fullwidth '１' LIKE '1'), and {cares} character by character";
    }

    /// <summary>
    /// Why a decimal column at <paramref name="at"/> does not translate into an engine that holds decimals as text
    /// (<see cref="SqlDialect.DecimalComparisonOperand"/>), or null: only the column itself compared with a number (or
    /// tested for NULL) does, cast to a float there, and only where the float holds all its digits (15); arithmetic on
    /// it would be floating-point there (0.10 + 0.20 = 0.30000000000000004) and anything else would compare text.
    /// </summary>
    private static string? DecimalTextProblem(List<Token> tokens, int at, string column, ColumnType type, string target)
    {
        if (!ComparedAlone(tokens, at))
            return $"{target} holds the decimal column {column} as text (every digit kept), so it computes with it in floating point (0.10 + 0.20 = 0.30000000000000004) " +
                "and compares it as text; only the column itself compared with a number translates";
        return type.Precision is null or > 15
            ? $"{target} holds the decimal column {column} as text and compares it as a float, which holds 15 significant digits; the column has {(type.Precision is { } p ? p.ToString(CultureInfo.InvariantCulture) : "no limit")}"
            : null;
    }

    /// <summary>The operand at <paramref name="at"/> is one side of a comparison (or IN, BETWEEN, IS), with no arithmetic on it.</summary>
    private static bool ComparedAlone(List<Token> tokens, int at)
    {
        static bool Comparison(Token t) => t is { Kind: Kind.Op, Text: "=" or "<>" or "<" or ">" or "<=" or ">=" } || t is { Kind: Kind.Word, Text: "in" or "between" or "not" or "is" };
        static bool Bounds(Token t) => t.Kind is Kind.Open or Kind.Comma or Kind.Close || t is { Kind: Kind.Word, Text: "and" or "or" or "not" or "when" or "then" or "else" or "case" or "end" };
        var before = at == 0 || Bounds(tokens[at - 1]);
        var after = at + 1 == tokens.Count || Bounds(tokens[at + 1]);
        return (before && at + 1 < tokens.Count && Comparison(tokens[at + 1])) || (after && at > 0 && tokens[at - 1] is { Kind: Kind.Op, Text: "=" or "<>" or "<" or ">" or "<=" or ">=" });
    }

    /// <summary>
    /// The source's own spelling of a decimal column compared as a number (<see cref="SqlDialect.DecimalComparisonOperand"/>:
    /// SQLite's <c>CAST("price" AS REAL)</c>, which NexuSQL writes for a check <c>price &gt;= 0</c> carried into SQLite)
    /// made the column itself again, for a target whose decimals are numbers: the same comparison where the float holds
    /// every digit of the column (15 significant digits: two such decimals are two floats in the same order), which is
    /// what the forward translation (<see cref="DecimalTextProblem"/>) allows (break test 31 B9: NexuSQL refused the check
    /// it wrote itself, so a database copied PostgreSQL → SQLite could not go back). Arithmetic on the cast, or a column
    /// of more digits, computes in floating point on the source and exactly on the target: <paramref name="problem"/>.
    /// </summary>
    private static List<Token> WithoutDecimalComparisonCasts(List<Token> tokens, IReadOnlyDictionary<string, ColumnType> kinds, SqlDialect source, SqlDialect target,
        out string? problem)
    {
        problem = null;
        var casts = kinds.Where(k => k.Value.Kind == PortableType.Decimal)
            .Select(k => (Column: k.Key, Type: k.Value, Tokens: Tokenize(source.DecimalComparisonOperand(source.QuoteIdentifier(k.Key))!, source.Lexical.BackslashEscapesInStrings)))
            .ToList();
        if (casts.Count == 0) return tokens;
        var result = new List<Token>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var found = casts.FirstOrDefault(c => i + c.Tokens.Count <= tokens.Count && tokens.Skip(i).Take(c.Tokens.Count).SequenceEqual(c.Tokens));
            if (found.Tokens is null)
            {
                result.Add(tokens[i]);
                continue;
            }
            var spelled = source.DecimalComparisonOperand(source.QuoteIdentifier(found.Column));
            var alone = new List<Token>(result) { new(Kind.Word, found.Column) };
            alone.AddRange(tokens.Skip(i + found.Tokens.Count));
            if (!ComparedAlone(alone, result.Count))
            {
                problem = $"{spelled} computes with the decimal column {found.Column} in floating point on {source.Engine.DisplayName()} and exactly on {target.Engine.DisplayName()}; " +
                    "only the cast column itself compared with a number translates (to the column)";
                return tokens;
            }
            if (found.Type.Precision is null or > 15)
            {
                problem = $"{spelled} compares the decimal column {found.Column} as a float on {source.Engine.DisplayName()}, which holds 15 significant digits, and " +
                    $"{target.Engine.DisplayName()} would compare every digit; the column has {(found.Type.Precision is { } p ? p.ToString(CultureInfo.InvariantCulture) : "no limit")}";
                return tokens;
            }
            result.Add(new Token(Kind.Word, found.Column));
            i += found.Tokens.Count - 1;
        }
        return result;
    }

    /// <summary>
    /// The first operator of <paramref name="expression"/> that orders text — <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>,
    /// <c>&gt;=</c> or BETWEEN with a text operand that is not compared byte by byte in the source's own spelling
    /// (<see cref="SqlDialect.ExactTextOperand"/>) — upper-cased, or null. Such a comparison depends on the collation's
    /// order, where an equality under a deterministic collation does not (PostgreSQL: equal only when the bytes are).
    /// </summary>
    internal static string? OrdersText(string expression, IReadOnlyCollection<ColumnModel> columns, SqlDialect source)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var kinds = new Dictionary<string, ColumnType>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in columns) kinds.TryAdd(c.Name, c.Type);
        var tokens = RemoveRedundantParentheses(RewriteAnyArray(MergeSignedNumbers(RewriteTildeLike(RewriteTrim(RemoveCasts(Tokenize(expression, source.Lexical.BackslashEscapesInStrings)))))));
        var exactText = ExactText.Read(tokens, source);
        var operands = new Operands(exactText.Tokens, kinds);
        for (var i = 0; i < operands.Count; i++)
        {
            if (operands[i] is not ({ Kind: Kind.Op, Text: "<" or ">" or "<=" or ">=" } or { Kind: Kind.Word, Text: "between" })) continue;
            var (before, after) = ComparedOperands(operands, i);
            if (operands.Backward(before) != Operand.Text && operands.Forward(after) != Operand.Text) continue;
            if (exactText.Ends.Contains(before) || (operands[i].Text != "between" && exactText.Starts.Contains(after))) continue;
            return operands[i].Text.ToUpperInvariant();
        }
        return null;
    }

    /// <summary>The tokens where the operand before a comparison at <paramref name="at"/> ends and the one after it starts (IN's first item).</summary>
    private static (int Before, int After) ComparedOperands(Operands operands, int at)
    {
        var before = at - 1 >= 0 && operands[at - 1] is { Kind: Kind.Word, Text: "not" } ? at - 2 : at - 1;
        var after = operands[at].Text == "in" && at + 1 < operands.Count && operands[at + 1].Kind == Kind.Open ? at + 2 : at + 1;
        return (before, after);
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
