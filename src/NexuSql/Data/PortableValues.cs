using System.Globalization;
using System.Text;
using NexuSql.Schema;

namespace NexuSql.Data;

/// <summary>
/// The one CLR form each portable type has while data moves between engines (backup, restore, copy, compare):
/// boolean → bool, int16/32/64 → long, decimal → string (exact digits, padded to the column's scale), float32 → float,
/// float64 → double, string/text/json → string, binary → byte[], uuid → Guid, date → DateOnly, time → TimeSpan,
/// timestamp → DateTime (unspecified kind), timestamptz → DateTimeOffset. Drivers return other forms (SQLite keeps
/// uuids and dates as text, MySQL booleans as integers); <see cref="Normalize"/> turns each into this one.
/// </summary>
public static class PortableValues
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The portable form of a driver value for a column of type <paramref name="type"/>; null for NULL/DBNull.</summary>
    /// <exception cref="FormatException">The value cannot be read as the column's type (text that is not a date, ...).</exception>
    public static object? Normalize(object? value, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (value is null or DBNull) return null;
        return type.Kind switch
        {
            PortableType.Boolean => value switch
            {
                bool b => b,
                string s => s.Trim() is "1" or "t" or "true" or "TRUE" or "True",
                _ => Convert.ToInt64(value, Inv) != 0,
            },
            PortableType.Int16 or PortableType.Int32 or PortableType.Int64 => value switch
            {
                long l => l,
                string s => long.Parse(s, NumberStyles.Integer, Inv),
                bool b => b ? 1L : 0L,
                _ => Convert.ToInt64(value, Inv),
            },
            PortableType.Decimal => Decimal(value, type.Scale ?? 0),
            PortableType.Float32 => value is float f ? f : Convert.ToSingle(value, Inv),
            PortableType.Float64 => value is double d ? d : Convert.ToDouble(value, Inv),
            PortableType.String or PortableType.Text or PortableType.Json => value switch
            {
                string s => s,
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                char[] chars => new string(chars),
                _ when Internal.DriverValues.TryAdapt(value, out var plain) => Normalize(plain, type),
                _ => Convert.ToString(value, Inv)!,
            },
            PortableType.Binary => value switch
            {
                byte[] bytes => bytes,
                string s => Encoding.UTF8.GetBytes(s),
                _ => throw new FormatException($"A {value.GetType().Name} is not binary data."),
            },
            PortableType.Uuid => value switch
            {
                Guid g => g,
                string s => Guid.Parse(s),
                byte[] { Length: 16 } b => new Guid(b),
                _ => throw new FormatException($"A {value.GetType().Name} is not a UUID."),
            },
            PortableType.Date => value switch
            {
                DateOnly d => d,
                DateTime dt => DateOnly.FromDateTime(dt),
                string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", Inv, DateTimeStyles.None, out var d) => d,
                string s => DateOnly.FromDateTime(DateTime.Parse(s, Inv, DateTimeStyles.RoundtripKind)),
                _ when Internal.DriverValues.TryAdapt(value, out var plain) => Normalize(plain, type),
                _ => throw new FormatException($"A {value.GetType().Name} is not a date."),
            },
            PortableType.Time => value switch
            {
                TimeSpan t => t,
                TimeOnly t => t.ToTimeSpan(),
                DateTime dt => dt.TimeOfDay,
                string s => TimeSpan.Parse(s, Inv),
                _ when Internal.DriverValues.TryAdapt(value, out var plain) => Normalize(plain, type),
                _ => throw new FormatException($"A {value.GetType().Name} is not a time of day."),
            },
            PortableType.Timestamp => value switch
            {
                DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Unspecified),
                DateTimeOffset dto => dto.DateTime,
                string s when DateTime.TryParseExact(s, TimestampFormats, Inv, DateTimeStyles.None, out var dt) => dt,
                string s => DateTime.SpecifyKind(DateTime.Parse(s, Inv, DateTimeStyles.RoundtripKind), DateTimeKind.Unspecified),
                _ when Internal.DriverValues.TryAdapt(value, out var plain) => Normalize(plain, type),
                _ => throw new FormatException($"A {value.GetType().Name} is not a timestamp."),
            },
            PortableType.TimestampTz => value switch
            {
                DateTimeOffset dto => dto,
                // drivers hand instants back as UTC DateTime (Npgsql), or in the session zone NexuSQL sets to UTC (MySQL)
                DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
                string s => DateTimeOffset.Parse(s, Inv, DateTimeStyles.AssumeUniversal),
                _ when Internal.DriverValues.TryAdapt(value, out var plain) => Normalize(plain, type),
                _ => throw new FormatException($"A {value.GetType().Name} is not a timestamp with time zone."),
            },
            _ => value,
        };
    }

    /// <summary>How SQLite and ISO 8601 write timestamps (tried before the general parser, which is several times slower).</summary>
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];

    /// <summary>
    /// Exact decimal text: no exponent, no leading zeros, no '+', the fraction padded with zeros to
    /// <paramref name="scale"/> (never cut: a longer fraction is reported by <see cref="FitProblem"/>).
    /// </summary>
    public static string Decimal(object value, int scale)
    {
        if (value is string canonical && IsCanonicalDecimal(canonical, scale)) return canonical;
        var text = value switch
        {
            string s => s.Trim(),
            decimal m => m.ToString(Inv),
            double d => ((decimal)d).ToString(Inv),
            float f => ((decimal)f).ToString(Inv),
            _ => Convert.ToString(value, Inv)!,
        };
        if (text.Contains('E', StringComparison.OrdinalIgnoreCase))
            text = decimal.Parse(text, NumberStyles.Float, Inv).ToString(Inv);
        var negative = text.StartsWith('-');
        if (negative || text.StartsWith('+')) text = text[1..];
        var dot = text.IndexOf('.');
        var whole = (dot < 0 ? text : text[..dot]).TrimStart('0');
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length == 0) whole = "0";
        if (fraction.Length > scale) fraction = fraction.TrimEnd('0').PadRight(scale, '0');
        else fraction = fraction.PadRight(scale, '0');
        if (whole.Length + fraction.Length > 0 && !(whole + fraction).All(char.IsAsciiDigit))
            throw new FormatException($"'{value}' is not a decimal number.");
        var isZero = whole == "0" && fraction.All(c => c == '0');
        return (negative && !isZero ? "-" : "") + whole + (fraction.Length > 0 ? "." + fraction : "");
    }

    /// <summary>Already in the form <see cref="Decimal"/> returns: [-]digits[.exactly scale digits], no leading zero, not "-0".</summary>
    private static bool IsCanonicalDecimal(string s, int scale)
    {
        var i = s.StartsWith('-') ? 1 : 0;
        var wholeStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        var whole = i - wholeStart;
        if (whole == 0 || (whole > 1 && s[wholeStart] == '0')) return false;
        if (scale == 0) return i == s.Length && !(wholeStart == 1 && whole == 1 && s[1] == '0');
        if (i >= s.Length || s[i] != '.' || s.Length - i - 1 != scale) return false;
        var zero = whole == 1 && s[wholeStart] == '0';
        for (var j = i + 1; j < s.Length; j++)
        {
            if (!char.IsAsciiDigit(s[j])) return false;
            if (s[j] != '0') zero = false;
        }
        return !(zero && wholeStart == 1);
    }

    /// <summary>
    /// Why <paramref name="value"/> (in portable form) does not fit <paramref name="type"/>, or null when it fits:
    /// a string longer than the declared length (in characters), a decimal with more digits than the precision or
    /// scale allows, an integer out of range. Engines differ on what they do then (MariaDB outside strict mode
    /// truncates); NexuSQL stops instead.
    /// </summary>
    public static string? FitProblem(object? value, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        switch (type.Kind, value)
        {
            case (_, null):
                return null;
            case (PortableType.String, string s) when s.Length > type.Length:
                var characters = CountCharacters(s);
                return characters > type.Length ? $"{characters} characters do not fit {type}" : null;
            case (PortableType.Int16, long l) when l is < short.MinValue or > short.MaxValue:
            case (PortableType.Int32, long m) when m is < int.MinValue or > int.MaxValue:
                return $"{value} is out of range for {type}";
            case (PortableType.Decimal, string d):
                var digits = d.TrimStart('-');
                var dot = digits.IndexOf('.');
                var whole = dot < 0 ? digits.Length : dot;
                var fraction = dot < 0 ? 0 : digits.Length - dot - 1;
                if (fraction > (type.Scale ?? 0)) return $"{d} has more than {type.Scale} decimal places for {type}";
                if ((digits == "0" || digits.StartsWith("0.", StringComparison.Ordinal) ? 0 : whole) > (type.Precision ?? 18) - (type.Scale ?? 0))
                    return $"{d} has more digits before the point than {type} allows";
                return null;
            default:
                return null;
        }
    }

    private static int CountCharacters(string s)
    {
        var count = 0;
        foreach (var _ in s.EnumerateRunes()) count++;
        return count;
    }
}
