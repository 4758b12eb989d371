using System.Globalization;

namespace NexuSql.Schema;

/// <summary>
/// Column defaults in their portable spelling, so that a default reads back the same from every engine and compares by
/// meaning: <c>'-1'</c> and <c>-1</c> on a number, <c>0</c>, <c>'f'</c> and <c>FALSE</c> on a boolean,
/// <c>NULL::character varying</c> (no default at all), <c>CURRENT_TIMESTAMP(6)</c> and <c>now()</c>, the current
/// UTC time of a timestamp column (<c>now() AT TIME ZONE 'utc'</c>, <c>UTC_TIMESTAMP(6)</c>) and <c>utc_timestamp()</c>,
/// <c>gen_random_uuid()</c> and <c>uuid()</c>.
/// </summary>
public static partial class ColumnDefault
{
    /// <summary>The portable spelling of a default for a column of <paramref name="type"/>; null for none (or DEFAULT NULL).</summary>
    public static string? Normalize(string? value, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (value is null) return null;
        var v = StripCasts(value.Trim());
        if (v.Length == 0 || v.Equals("NULL", StringComparison.OrdinalIgnoreCase)) return null;
        var lower = v.ToLowerInvariant();
        // the whole default only: `now() + interval '1 day'`, `now() AT TIME ZONE 'utc'` are other values (break test 28 L1),
        // and CURRENT_TIMESTAMP(n) rounds to n digits, which is now() only where the column keeps n digits itself. In a
        // text column the time is text in the engine's own format, not the portable now() (L11: SQLite's
        // '2026-12-03 21:35:51' became PostgreSQL's '2026-12-03 21:35:55.720608+00')
        if (type.Kind is not (PortableType.Text or PortableType.String) && IsCurrentTime(lower, type)) return "now()";
        if (type.Kind == PortableType.Timestamp && IsCurrentUtcTime(lower, type)) return "utc_timestamp()";
        if (lower is "uuid()" or "gen_random_uuid()" or "newid()" or "uuid_generate_v4()") return "uuid()";
        // MariaDB keeps CURRENT_DATE as curdate() (bt37 M6: a database a copy made from PostgreSQL could not be copied back)
        if (type.Kind == PortableType.Date && lower is "current_date" or "curdate()" or "current_date()") return "CURRENT_DATE";
        // a concatenation of literals is one literal: PostgreSQL's 'x' || 'y', which MariaDB keeps as concat('x','y') (M6)
        if (type.Kind is PortableType.Text or PortableType.String && ConcatenatedLiterals(v) is { } joined) return "'" + joined.Replace("'", "''", StringComparison.Ordinal) + "'";
        var unquoted = v.Length >= 2 && v[0] == '\'' && v[^1] == '\'' ? v[1..^1].Replace("''", "'", StringComparison.Ordinal) : null;
        switch (type.Kind)
        {
            case PortableType.Boolean:
                return (unquoted ?? v).ToLowerInvariant() switch
                {
                    "true" or "t" or "1" or "yes" or "y" or "on" or "b'1'" => "true",
                    "false" or "f" or "0" or "no" or "n" or "off" or "b'0'" => "false",
                    _ => v,
                };
            case PortableType.Int16 or PortableType.Int32 or PortableType.Int64 or PortableType.Decimal or PortableType.Float32 or PortableType.Float64:
                var number = unquoted ?? v;
                return decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? number.Trim() : v;
            default:
                return v;
        }
    }

    /// <summary>
    /// A literal default that is a value not every engine has, as the value model carries it: a float's <c>NaN</c>,
    /// <c>Infinity</c> and <c>-Infinity</c> (PostgreSQL also spells them <c>inf</c>; a number past the double range, as
    /// SQLite's <c>9e999</c>, is an infinity) as <see cref="double"/> or <see cref="float"/>; a decimal's <c>NaN</c> and
    /// infinities as their text (PostgreSQL's numeric); a date's or timestamp's <c>infinity</c>, <c>-infinity</c> and
    /// MySQL's zero and invalid dates as <see cref="Data.SpecialTemporal"/>. Null for any other default. Copy and restore
    /// ask the target's <see cref="Dialects.SqlDialect.ValueProblem(object?, ColumnType)"/> about it, as about a row's
    /// value (bt29 M19: such defaults were written as text the target stored or refused at CREATE TABLE).
    /// </summary>
    internal static object? SpecialValue(string? value, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (value is null) return null;
        var v = StripCasts(value.Trim());
        var text = v.Length >= 2 && v[0] == '\'' && v[^1] == '\'' ? v[1..^1].Trim() : v;
        var lower = text.ToLowerInvariant();
        double? special = lower switch
        {
            "nan" => double.NaN,
            "inf" or "+inf" or "infinity" or "+infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            _ => null,
        };
        switch (type.Kind)
        {
            case PortableType.Float32 or PortableType.Float64:
                if (special is null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsInfinity(d)) special = d;
                if (special is not { } f) return null;
                return type.Kind == PortableType.Float32 ? (object)(float)f : f;
            case PortableType.Decimal:
                return special is { } n ? (double.IsNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity") : null;
            case PortableType.Date or PortableType.Timestamp or PortableType.TimestampTz:
                if (lower is "infinity" or "+infinity" or "-infinity") return new Data.SpecialTemporal(lower.TrimStart('+'));
                var temporal = new Data.SpecialTemporal(text);
                return temporal.IsZeroDate || temporal.IsInvalidDate ? temporal : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The default is the current time, spelled as one of the engines does (<c>now()</c>, <c>CURRENT_TIMESTAMP</c>,
    /// <c>current_timestamp()</c>, ...; <c>CURRENT_TIMESTAMP(n)</c> where the column keeps n digits), in lower case.
    /// </summary>
    internal static bool IsCurrentTime(string lower, ColumnType type) =>
        lower is "now()" or "current_timestamp" or "current_timestamp()" or "localtimestamp" or "transaction_timestamp()" or "getdate()" or "sysdatetime()"
        || (CurrentTimestampDigits().Match(lower) is { Success: true } digits && int.Parse(digits.Groups[1].Value, CultureInfo.InvariantCulture) == (type.Precision ?? 6));

    /// <summary>
    /// The default of a timestamp column (without time zone) is the current time in UTC, spelled as one of the engines
    /// does: PostgreSQL's <c>now() AT TIME ZONE 'utc'</c> (read back as <c>(now() AT TIME ZONE 'utc'::text)</c> or
    /// <c>timezone('utc'::text, now())</c>; <c>CURRENT_TIMESTAMP</c> for now()), MariaDB/MySQL's <c>UTC_TIMESTAMP(n)</c>
    /// where the column keeps n digits, SQLite's <c>strftime('%Y-%m-%d %H:%M:%f', 'now')</c> (<c>%S</c> for fewer than
    /// three digits), or the portable <c>utc_timestamp()</c> (bt32 F26: such a default was refused between engines).
    /// </summary>
    internal static bool IsCurrentUtcTime(string lower, ColumnType type)
    {
        var v = lower.Replace("::text", "", StringComparison.Ordinal).Trim();
        while (v.Length > 1 && v[0] == '(' && v[^1] == ')' && Balanced(v[1..^1])) v = v[1..^1].Trim();
        if (v == "utc_timestamp()" || CurrentUtc().IsMatch(v)) return true;
        if (UtcTimestampDigits().Match(v) is { Success: true } digits) return int.Parse(digits.Groups[1].Value, CultureInfo.InvariantCulture) == (type.Precision ?? 6);
        return v == (type is { Precision: < 3 } ? "strftime('%y-%m-%d %h:%m:%s', 'now')" : "strftime('%y-%m-%d %h:%m:%f', 'now')");
    }

    /// <summary>
    /// A boolean column's default that is a quoted text other than a number (<c>'f'</c>, <c>'TRUE'</c>, <c>'yes'</c>): the
    /// same boolean on engines with a boolean type, a TEXT value in SQLite's NUMERIC affinity (where <c>'1'</c> is the integer 1).
    /// </summary>
    internal static bool IsBooleanText(string? value, ColumnType type)
    {
        if (type.Kind != PortableType.Boolean || value?.Trim() is not { Length: >= 2 } v || v[0] != '\'' || v[^1] != '\'') return false;
        return !decimal.TryParse(v[1..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>True when two defaults of a column of <paramref name="type"/> mean the same (numbers by value: 0 = 0.00 = '0').</summary>
    public static bool Same(string? a, string? b, ColumnType type)
    {
        var x = Normalize(a, type);
        var y = Normalize(b, type);
        if (x is null || y is null) return x == y;
        var style = NumberStyles.Float;
        var inv = CultureInfo.InvariantCulture;
        if (decimal.TryParse(x, style, inv, out var dx) && decimal.TryParse(y, style, inv, out var dy)) return dx == dy;
        // letter case outside literals only: 'ACTIVE' is not 'active' (break test 28 L4)
        if (SqlText.Same(x, y)) return true;
        return x[0] != '\'' && y[0] != '\'' && SqlExpressionText.SameMeaning(x, y);
    }

    /// <summary>
    /// True when a portable default is an expression (a call, an operator, a cast), not a string, a signed number, a
    /// bit string, one keyword (<c>true</c>, <c>CURRENT_DATE</c>) or the portable <c>now()</c> and <c>uuid()</c> (each
    /// engine spells those its own way): engines write an expression in parentheses.
    /// </summary>
    internal static bool IsExpression(string portable) =>
        portable.Trim().ToLowerInvariant() is not ("now()" or "uuid()" or "utc_timestamp()") && !Literal().IsMatch(portable.Trim());

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:'(?:[^']|'')*'|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|[bBxXnN]'(?:[^']|'')*')$")]
    private static partial System.Text.RegularExpressions.Regex Literal();

    /// <summary>
    /// The text of <c>concat('a', 'b')</c> or <c>'a' || 'b'</c> (each part a string literal, a PostgreSQL cast of one
    /// allowed), or null for anything else.
    /// </summary>
    private static string? ConcatenatedLiterals(string v)
    {
        string[] parts;
        if (v.StartsWith("concat(", StringComparison.OrdinalIgnoreCase) && v.EndsWith(')') && Balanced(v[7..^1])) parts = SplitOutsideQuotes(v[7..^1], ",");
        else if ((parts = SplitOutsideQuotes(v, "||")).Length < 2) return null;
        var text = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            var literal = StripCasts(part.Trim());
            if (literal.Length < 2 || literal[0] != '\'' || literal[^1] != '\'' || !Literal().IsMatch(literal) || literal.Contains('\\', StringComparison.Ordinal)) return null;
            text.Append(literal[1..^1].Replace("''", "'", StringComparison.Ordinal));
        }
        return text.ToString();
    }

    private static string[] SplitOutsideQuotes(string v, string separator)
    {
        var parts = new List<string>();
        var (inString, start) = (false, 0);
        for (var i = 0; i < v.Length; i++)
        {
            if (v[i] == '\'') inString = !inString;
            else if (!inString && string.CompareOrdinal(v, i, separator, 0, separator.Length) == 0)
            {
                parts.Add(v[start..i]);
                start = i + separator.Length;
                i += separator.Length - 1;
            }
        }
        parts.Add(v[start..]);
        return [.. parts];
    }

    /// <summary>PostgreSQL's <c>value::type</c> suffixes (<c>'a'::text</c>, <c>NULL::character varying</c>, <c>'{}'::integer[]</c>) removed.</summary>
    private static string StripCasts(string v)
    {
        while (true)
        {
            while (v.Length > 1 && v[0] == '(' && v[^1] == ')' && Balanced(v[1..^1])) v = v[1..^1].Trim();
            var cast = LastCastOutsideQuotes(v);
            if (cast < 0) return v;
            var type = v[(cast + 2)..];
            // only a trailing type name (words, a size, brackets; a schema's: 'sad'::app.mood), not an expression after the cast
            if (!type.All(ch => char.IsLetterOrDigit(ch) || ch is ' ' or '_' or '.' or '(' or ')' or ',' or '[' or ']' or '"') || !Balanced(type)) return v;
            // and only a literal's cast: in `now() - '00:05:00'::interval` it is the last operand's (break test 28 L1), in
            // `ARRAY['a'::text, 'b'::text]` an element's (L16)
            var operand = v[..cast].Trim();
            if (!SingleOperand(operand)) return v;
            v = operand;
        }
    }

    /// <summary>
    /// A literal or a word (in parentheses or not): what a trailing cast only spells the type of. The cast of an
    /// expression or a call changes its type (<c>md5(x)::uuid</c>, <c>('1' || '2')::int</c>) and stays (break test 28 L16).
    /// </summary>
    private static bool SingleOperand(string v)
    {
        while (v.Length > 1 && v[0] == '(' && v[^1] == ')' && Balanced(v[1..^1])) v = v[1..^1].Trim();
        return Literal().IsMatch(v);
    }

    private static int LastCastOutsideQuotes(string v)
    {
        var inString = false;
        var last = -1;
        for (var i = 0; i < v.Length; i++)
        {
            if (v[i] == '\'') inString = !inString;
            else if (!inString && v[i] == ':' && i + 1 < v.Length && v[i + 1] == ':') { last = i; i++; }
        }
        return last;
    }

    private static bool Balanced(string s)
    {
        var depth = 0;
        var inString = false;
        foreach (var ch in s)
        {
            if (ch == '\'') inString = !inString;
            if (inString) continue;
            if (ch == '(') depth++;
            else if (ch == ')' && --depth < 0) return false;
        }
        return depth == 0;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^current_timestamp\((\d)\)$")]
    private static partial System.Text.RegularExpressions.Regex CurrentTimestampDigits();

    [System.Text.RegularExpressions.GeneratedRegex(@"^utc_timestamp\((\d)\)$")]
    private static partial System.Text.RegularExpressions.Regex UtcTimestampDigits();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?:now\(\)|current_timestamp|transaction_timestamp\(\))\s+at\s+time\s+zone\s+'utc'|timezone\('utc',\s*(?:now\(\)|current_timestamp|transaction_timestamp\(\))\))$")]
    private static partial System.Text.RegularExpressions.Regex CurrentUtc();
}
