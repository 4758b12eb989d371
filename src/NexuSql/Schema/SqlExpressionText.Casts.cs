using System.Globalization;

namespace NexuSql.Schema;

public static partial class SqlExpressionText
{
    /// <summary>What a PostgreSQL cast turns its operand into, as far as dropping the cast is concerned.</summary>
    private enum CastFamily { Text, LimitedText, Integer, Numeric, LimitedNumeric, Float, Array, Other }

    /// <summary>
    /// Why dropping a PostgreSQL cast (<c>x::type</c>) would change what the expression computes on another engine, or
    /// null when every cast in <paramref name="tokens"/> only spells a value's own type. The translator drops casts:
    /// PostgreSQL writes them everywhere (<c>(status)::text</c> for a varchar column, <c>(0)::numeric</c>,
    /// <c>'2020-01-01'::date</c>), and the other engines compare those values the same way without them. A cast that
    /// changes the value — rounds (<c>x::integer</c>, <c>x::numeric(10,1)</c>), cuts (<c>s::varchar(3)</c>), reads a number
    /// from text (<c>s::integer</c>), turns a number into text, or makes <c>/</c> divide as floats (<c>a::double
    /// precision / b</c>) — means something else once dropped, and is refused by name instead (before: a check
    /// <c>s::int &gt; 5</c> arrived in SQLite as <c>s &gt; 5</c>, which compares text).
    /// </summary>
    /// <param name="tokens">The expression's tokens, casts still in them.</param>
    /// <param name="kinds">The table's columns by name, when known; a column of unknown type is judged leniently (only casts that change any value are refused).</param>
    /// <param name="booleansAreIntegers">The target keeps a boolean as the integer 0 or 1 (<see cref="Dialects.SqlDialect.BooleansAreIntegers"/>): a boolean's integer cast changes nothing there.</param>
    private static string? CastProblem(List<Token> tokens, IReadOnlyDictionary<string, ColumnType>? kinds, bool booleansAreIntegers)
    {
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i] is not { Kind: Kind.Op, Text: "::" } || i + 1 >= tokens.Count || tokens[i + 1].Kind != Kind.Word) continue;
            var j = i + 1;
            var name = tokens[j++].Text;
            while (j + 1 < tokens.Count && tokens[j] is { Kind: Kind.Op, Text: "." } && tokens[j + 1].Kind == Kind.Word) { name += "." + tokens[j + 1].Text; j += 2; }
            while (j < tokens.Count && tokens[j].Kind == Kind.Word && TypeWordsAfterFirst.Contains(tokens[j].Text)) name += " " + tokens[j++].Text;
            var modifiers = new List<int>();
            if (j < tokens.Count && tokens[j].Kind == Kind.Open)
            {
                for (j++; j < tokens.Count && tokens[j].Kind != Kind.Close; j++)
                    if (tokens[j].Kind == Kind.Number && int.TryParse(tokens[j].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var m)) modifiers.Add(m);
                j++;
            }
            var array = j + 1 < tokens.Count && tokens[j].Kind == Kind.OpenBracket && tokens[j + 1].Kind == Kind.CloseBracket;
            var family = array ? CastFamily.Array : Family(name, modifiers);
            var (start, operand) = CastOperand(tokens, i - 1, kinds);
            // PostgreSQL's own cast of a number beside a float column ((i)::double precision * f): every engine computes
            // that in floating point without it
            if (family == CastFamily.Float && BesideFloat(tokens, kinds, start, j)) continue;
            // and of an integer column beside a decimal column ((qty)::numeric * price, written qty * price): the sum,
            // difference or product of an integer and an exact number is that exact number on every engine that keeps
            // decimals (SQLite's decimal-column arithmetic is refused on its own: DecimalTextProblem) (break test 30 F11)
            if (family == CastFamily.Numeric && operand is ColumnInput { Type.Kind: PortableType.Int16 or PortableType.Int32 or PortableType.Int64 }
                && BesideDecimalColumn(tokens, kinds, start, j)) continue;
            if (CastChanges(family, name, modifiers, operand, booleansAreIntegers) is { } why)
                return $"the cast {Join(tokens[start..i])}::{name}{(modifiers.Count > 0 ? $"({string.Join(",", modifiers)})" : "")}{(array ? "[]" : "")} {why}; dropped, as the other engine needs, the expression would compute something else " +
                       "(write the check without it, or over a column of the type it casts to)";
        }
        return null;
    }

    /// <summary>The tokens [<paramref name="start"/>, <paramref name="end"/>) are an operand of an operator whose other operand is a float column.</summary>
    private static bool BesideFloat(List<Token> tokens, IReadOnlyDictionary<string, ColumnType>? kinds, int start, int end)
    {
        var operands = new Operands(tokens, kinds);
        return (start >= 2 && tokens[start - 1] is { Kind: Kind.Op, Text: not "::" } && operands.Backward(start - 2) == Operand.Float)
            || (end + 1 < tokens.Count && tokens[end] is { Kind: Kind.Op, Text: not "::" } && operands.Forward(end + 1) == Operand.Float);
    }

    /// <summary>
    /// The tokens [<paramref name="start"/>, <paramref name="end"/>) are an operand of <c>+</c>, <c>-</c> or <c>*</c>
    /// whose other operand is a decimal column (not a literal: SQLite would compute with it in floating point).
    /// </summary>
    private static bool BesideDecimalColumn(List<Token> tokens, IReadOnlyDictionary<string, ColumnType>? kinds, int start, int end)
    {
        bool DecimalColumn(int at) => at >= 0 && at < tokens.Count && tokens[at].Kind == Kind.Word && !(at + 1 < tokens.Count && tokens[at + 1].Kind == Kind.Open)
            && kinds is not null && kinds.TryGetValue(tokens[at].Text, out var type) && type.Kind == PortableType.Decimal;
        static bool Exact(Token t) => t is { Kind: Kind.Op, Text: "+" or "-" or "*" };
        // the operator must not bind less tightly than its neighbours: a / or % beside it groups otherwise
        static bool NotDivided(List<Token> tokens, int at) => at < 0 || at >= tokens.Count || tokens[at] is not { Kind: Kind.Op, Text: "/" or "%" or "::" };
        return (start >= 2 && Exact(tokens[start - 1]) && DecimalColumn(start - 2) && NotDivided(tokens, start - 3) && NotDivided(tokens, end))
            || (end + 1 < tokens.Count && Exact(tokens[end]) && DecimalColumn(end + 1) && NotDivided(tokens, end + 2) && NotDivided(tokens, start - 1));
    }

    private static CastFamily Family(string name, List<int> modifiers) => name switch
    {
        "text" or "name" or "citext" => CastFamily.Text,
        "character varying" or "varchar" or "bpchar" => modifiers.Count == 0 ? CastFamily.Text : CastFamily.LimitedText,
        "character" or "char" => CastFamily.LimitedText, // character without a length is character(1)
        "smallint" or "integer" or "int" or "bigint" or "int2" or "int4" or "int8" => CastFamily.Integer,
        "numeric" or "decimal" => modifiers.Count == 0 ? CastFamily.Numeric : CastFamily.LimitedNumeric,
        "real" or "double precision" or "float4" or "float8" or "float" => CastFamily.Float,
        _ => CastFamily.Other,
    };

    /// <summary>The operand a cast applies to: a literal, a column (with its type, when known), or any other expression.</summary>
    private abstract record CastInput;

    private sealed record StringInput(string Value) : CastInput;

    private sealed record NumberInput(string Value) : CastInput;

    private sealed record ColumnInput(ColumnType? Type) : CastInput;

    private sealed record OtherInput : CastInput;

    private sealed record NullInput : CastInput;

    /// <summary>A parenthesized truth value (<c>(n &gt; 5)</c>).</summary>
    private sealed record TruthInput : CastInput;

    /// <summary>The operand ending at <paramref name="end"/>, and where it starts.</summary>
    private static (int Start, CastInput Input) CastOperand(List<Token> tokens, int end, IReadOnlyDictionary<string, ColumnType>? kinds)
    {
        var start = end;
        if (tokens[end].Kind == Kind.Close)
        {
            for (int depth = 0, k = end; k >= 0; k--)
            {
                if (tokens[k].Kind == Kind.Close) depth++;
                else if (tokens[k].Kind == Kind.Open && --depth == 0) { start = k; break; }
            }
            // a function call's name belongs to the operand: lower(x)::text
            if (start > 0 && tokens[start - 1].Kind == Kind.Word && !PortableKeywords.Contains(tokens[start - 1].Text)) return (start - 1, new OtherInput());
            // (x) is x; anything else in parentheses is an expression, a truth value or another
            if (end - start != 2) return (start, IsTruthValue(Join(tokens[(start + 1)..end])) ? new TruthInput() : new OtherInput());
            return (start, Single(tokens[start + 1], kinds));
        }
        return (start, tokens[end].Kind == Kind.CloseBracket ? new OtherInput() : Single(tokens[end], kinds));
    }

    private static CastInput Single(Token t, IReadOnlyDictionary<string, ColumnType>? kinds) => t.Kind switch
    {
        Kind.String => new StringInput(t.Text),
        Kind.Number => new NumberInput(t.Text),
        Kind.Word when t.Text == "null" => new NullInput(),
        Kind.Word when kinds is null => new ColumnInput(null),
        Kind.Word when kinds.TryGetValue(t.Text, out var type) => new ColumnInput(type),
        _ => new OtherInput(),
    };

    /// <summary>How the cast changes <paramref name="operand"/>'s value, or null when it only spells its type.</summary>
    private static string? CastChanges(CastFamily family, string name, List<int> modifiers, CastInput operand, bool booleansAreIntegers)
    {
        if (operand is NullInput) return null; // NULL::integer is NULL on every engine
        var kind = (operand as ColumnInput)?.Type?.Kind;
        var isText = kind is PortableType.String or PortableType.Text;
        var isInteger = kind is PortableType.Int16 or PortableType.Int32 or PortableType.Int64;
        var isDecimal = kind is PortableType.Decimal || (kind is PortableType.Native && string.Equals((operand as ColumnInput)!.Type!.Native, "numeric", StringComparison.OrdinalIgnoreCase));
        var isFloat = kind is PortableType.Float32 or PortableType.Float64;
        var unknownColumn = operand is ColumnInput { Type: null };
        var number = operand switch
        {
            NumberInput n => n.Value,
            StringInput s when decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => s.Value.Trim(),
            _ => null,
        };
        switch (family)
        {
            case CastFamily.Array:
                return null; // ARRAY[...]::text[] and '{...}'::int[] (read as IN lists, or refused there)
            case CastFamily.Text:
                return operand is StringInput or OtherInput || isText || unknownColumn ? null : "turns a number or other value into its text (compared as text: '10' < '9')";
            case CastFamily.LimitedText:
            {
                var n = modifiers.Count > 0 ? modifiers[0] : 1;
                if (operand is StringInput s && s.Value.TrimEnd(' ').Length <= n) return null;
                if (isText && operand is ColumnInput { Type.Length: { } length } && length <= n) return null;
                return $"cuts the text to {n} character{(n == 1 ? "" : "s")}";
            }
            case CastFamily.Integer:
                if (number is not null && long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return null;
                if (isInteger || unknownColumn) return null;
                // (active)::integer, as a copy from MariaDB or SQLite writes their booleans' integer use (bt51 F8: refused on its way back)
                if ((kind is PortableType.Boolean || operand is TruthInput) && booleansAreIntegers) return null;
                return number is not null || isDecimal || isFloat ? "rounds to a whole number (2.5::integer = 3)" : "reads a whole number from the value";
            case CastFamily.Numeric:
                // an integer column made numeric divides as a decimal (a::numeric / 2 = 59.5), where the other engine
                // would divide the column's own type (SQLite: 119 / 2 = 59; break test 28 L6)
                if (isInteger) return "makes PostgreSQL compute with a decimal number (a::numeric / 2 divides as decimals, 7 / 2 = 3.5; the other engine would divide the column's own type)";
                return number is not null || isDecimal || isFloat || unknownColumn || operand is OtherInput ? null : "reads a number from the value";
            case CastFamily.LimitedNumeric:
            {
                var scale = modifiers.Count > 1 ? modifiers[1] : 0;
                if (number is not null && decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d.Scale <= scale
                    && (modifiers.Count == 0 || Math.Abs(d) < (decimal)Math.Pow(10, modifiers[0] - scale))) return null;
                if (isDecimal && (operand as ColumnInput)!.Type is { Scale: { } s, Precision: { } p } && s <= scale && p - s <= modifiers[0] - scale) return null;
                return $"rounds to {scale} decimal place{(scale == 1 ? "" : "s")} (or fails past {modifiers[0]} digits)";
            }
            case CastFamily.Float:
                if (number is not null || isFloat || unknownColumn) return null;
                return "makes PostgreSQL compute with a floating-point number (a::double precision / b divides as floats; the other engine would divide the column's own type)";
            default:
                // an interval ('1 day'::interval) is PostgreSQL's: the other engines add a number or a text (break test 29 M15)
                if (name == "interval") return "is a PostgreSQL interval, which the other engines do not have (they would add the text '1 day' as a number)";
                // a literal of the type ('2020-01-01'::date), or a column of that very type ((d)::date on a date column)
                if (operand is StringInput or NumberInput) return null;
                if (kind is { } k && SameKind(name, k)) return null;
                return $"converts the value to {name}";
        }
    }

    private static bool SameKind(string name, PortableType kind) => (name, kind) switch
    {
        ("date", PortableType.Date) => true,
        ("timestamp" or "timestamp without time zone", PortableType.Timestamp) => true,
        ("timestamptz" or "timestamp with time zone", PortableType.TimestampTz) => true,
        ("time" or "time without time zone", PortableType.Time) => true,
        ("boolean" or "bool", PortableType.Boolean) => true,
        ("uuid", PortableType.Uuid) => true,
        ("json" or "jsonb", PortableType.Json) => true,
        ("bytea", PortableType.Binary) => true,
        _ => false,
    };

    /// <summary>
    /// Whether a cast to <paramref name="type"/> (<see cref="CanonicalTypeName"/>) of <paramref name="operand"/> can
    /// change its value, so that comparing expressions must keep it. PostgreSQL writes its implicit casts out when it
    /// stores an expression — a literal's type (<c>'-1'::integer</c>), a varchar column made text, an integer made
    /// numeric or double precision beside one, bigint, timestamp with time zone (pg_cast's implicit casts) — and those
    /// are not: the same expression written without them reads back with them. A cast to integer or smallint, to a
    /// type with a modifier (<c>numeric(6,1)</c>, <c>varchar(3)</c>), to character, date, boolean, JSON or any other type is.
    /// </summary>
    private static bool MeaningfulCast(string type, bool hasModifiers, CastInput operand) =>
        operand is not (StringInput or NumberInput or NullInput) && type switch
        {
            "text" or "name" or "bpchar" or "character varying" or "numeric" or "timestamp without time zone" or "timestamp with time zone" => hasModifiers,
            "double precision" or "real" or "bigint" => false,
            _ => true,
        };

    /// <summary>PostgreSQL's spelling of a type name as it writes casts back (<c>int</c> → <c>integer</c>, <c>varchar</c> → <c>character varying</c>).</summary>
    private static string CanonicalTypeName(string name) => name switch
    {
        "int" or "int4" => "integer",
        "int2" => "smallint",
        "int8" => "bigint",
        "varchar" => "character varying",
        "char" => "character",
        "decimal" => "numeric",
        "float8" or "float" => "double precision",
        "float4" => "real",
        "bool" => "boolean",
        "timestamptz" => "timestamp with time zone",
        "timestamp" => "timestamp without time zone",
        "timetz" => "time with time zone",
        "time" => "time without time zone",
        _ => name,
    };

    /// <summary><c>CAST(x AS type)</c> → <c>(x)::type</c>, inner casts first, so both spellings of a cast compare alike.</summary>
    private static List<Token> RewriteCastCalls(List<Token> tokens)
    {
        var result = new List<Token>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is { Kind: Kind.Word, Text: "cast" } && i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Open
                && Matching(tokens, i + 1) is var close and > 0)
            {
                var depth = 0;
                var asAt = -1;
                for (var k = i + 1; k < close && asAt < 0; k++)
                {
                    if (tokens[k].Kind is Kind.Open or Kind.OpenBracket) depth++;
                    else if (tokens[k].Kind is Kind.Close or Kind.CloseBracket) depth--;
                    else if (depth == 1 && tokens[k] is { Kind: Kind.Word, Text: "as" }) asAt = k;
                }
                if (asAt > 0 && asAt + 1 < close && tokens[asAt + 1].Kind == Kind.Word)
                {
                    result.Add(new Token(Kind.Open, "("));
                    result.AddRange(RewriteCastCalls(tokens[(i + 2)..asAt]));
                    result.Add(new Token(Kind.Close, ")"));
                    result.Add(new Token(Kind.Op, "::"));
                    result.AddRange(tokens[(asAt + 1)..close]);
                    i = close;
                    continue;
                }
            }
            result.Add(tokens[i]);
        }
        return result;
    }
}
