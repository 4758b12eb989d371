using System.Globalization;
using System.Text;
using NexuSql.Schema;

namespace NexuSql.Data;

/// <summary>
/// The one CLR form each portable type has while data moves between engines (backup, restore, copy, compare):
/// boolean → bool, int16/32/64 → long, decimal → string (exact digits, padded to the column's scale), float32 → float,
/// float64 → double, string/text/json → string, binary → byte[], uuid → Guid, date → DateOnly, time → TimeSpan,
/// timestamp → DateTime (unspecified kind), timestamptz → DateTimeOffset; dates and timestamps .NET cannot hold as
/// <see cref="SpecialTemporal"/>. Drivers return other forms (SQLite keeps uuids and dates as text, MySQL booleans as
/// integers); <see cref="Normalize"/> turns each into this one — but only when the value means exactly that.
/// </summary>
/// <remarks>
/// Nothing is rounded, truncated or re-encoded. A value that is not exactly a value of its column's type (SQLite keeps
/// any value in any column: 12.7 in an INTEGER column, <c>'yes'</c> in a BOOLEAN one, a BLOB in a TEXT one; MySQL's
/// TINYINT(1) "boolean" holds 2 or -1) stays in its own form, an off-type value: an engine that stores it as it is
/// (SQLite) takes it back unchanged, any other refuses it by name (<see cref="Dialects.SqlDialect.ValueProblem(object?, Schema.ColumnType)"/>),
/// and hashes and comparisons tell it apart from the value a lossy conversion would have made.
/// </remarks>
public static class PortableValues
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Any NaN as the one PostgreSQL spells <c>'NaN'</c>, the positive quiet NaN (<c>0x7ff8000000000000</c>, float32
    /// <c>0x7fc00000</c>); any other value as it is. .NET's <see cref="double.NaN"/> is the negative one
    /// (<c>0xfff8…</c>): bound as it is, it was stored with those bits (break test 33 G13). Every NaN is one value to
    /// PostgreSQL (<c>=</c> is true, each prints <c>NaN</c>), and so to a comparison of live data.
    /// </summary>
    internal static object? OneNaN(object? value) => value switch
    {
        double d when double.IsNaN(d) => BitConverter.Int64BitsToDouble(0x7ff8000000000000),
        float f when float.IsNaN(f) => BitConverter.Int32BitsToSingle(0x7fc00000),
        _ => value,
    };

    /// <summary>
    /// The type to normalize a value of <paramref name="source"/> with on its way into <paramref name="target"/>: a value
    /// that did not come from a padding <c>char(n)</c> keeps its trailing blanks (the target refuses them by name if it
    /// pads: <see cref="Dialects.SqlDialect.ValueProblem(object?, ColumnType)"/>), and a value read from an engine that
    /// does not pad (<see cref="Dialects.SqlDialect.PadsFixedStrings"/>: SQLite) keeps them too.
    /// </summary>
    public static ColumnType Receiving(ColumnType target, ColumnType source, bool sourcePads = true)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        return target.Fixed && (!source.Fixed || !sourcePads) ? target with { Fixed = false } : target;
    }

    /// <summary>
    /// The portable form of a driver value for a column of type <paramref name="type"/>; null for NULL/DBNull; the value
    /// itself (an off-type value) when it is not exactly a value of that type.
    /// </summary>
    public static object? Normalize(object? value, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (value is null or DBNull) return null;
        if (value is SpecialTemporal) return value;
        return type.Kind switch
        {
            PortableType.Boolean => value switch
            {
                bool b => b,
                _ when AsInteger(value) is { } n => n switch { 0 => false, 1 => true, _ => n },
                _ => value,
            },
            PortableType.Int16 or PortableType.Int32 or PortableType.Int64 => value switch
            {
                long l => l,
                bool b => b ? 1L : 0L,
                string s when long.TryParse(s, NumberStyles.AllowLeadingSign, Inv, out var parsed) && parsed.ToString(Inv) == s => parsed,
                _ => AsInteger(value) ?? value,
            },
            PortableType.Decimal => value switch
            {
                double d when !double.IsFinite(d) => d,
                float f when !float.IsFinite(f) => f,
                string s when !IsDecimalText(s) => s,
                bool or byte[] or Guid or DateTime or DateOnly or TimeSpan or DateTimeOffset => value,
                _ => Decimal(value, type.Scale ?? 0),
            },
            PortableType.Float32 => value switch
            {
                float f => f,
                double d when (double)(float)d == d || double.IsNaN(d) => (float)d,
                _ when AsInteger(value) is { } n && (long)(float)n == n && Math.Abs(n) < (1L << 24) => (float)n,
                // decimal text that is exactly a float32 (a decimal column compared with a float one: 1.50000 = 1.5)
                string s when ExactFloat(s, single: true) is { } exact => exact,
                decimal m when ExactFloat(m.ToString(Inv), single: true) is { } exact => exact,
                _ => value,
            },
            PortableType.Float64 => value switch
            {
                double d => d,
                float f => (double)f,
                decimal m when (decimal)(double)m == m => (double)m,
                _ when AsInteger(value) is { } n && Math.Abs(n) <= (1L << 53) => (double)n,
                string s when ExactFloat(s, single: false) is { } exact => exact,
                _ => value,
            },
            PortableType.String or PortableType.Text or PortableType.Json => value switch
            {
                // char(n) pads with blanks that mean nothing (PostgreSQL returns them, MySQL strips them)
                string s when type.Fixed => s.TrimEnd(' '),
                string s => s,
                char[] chars => new string(chars),
                _ => Adapted(value, type),
            },
            PortableType.Binary => value,
            PortableType.Uuid => value switch
            {
                Guid g => g,
                string s when Guid.TryParseExact(s, "D", out var g) && string.Equals(g.ToString("D"), s, StringComparison.Ordinal) => g,
                // a 16-byte BLOB (SQLite) stays bytes: which byte order it was written in (.NET's Guid.ToByteArray or
                // RFC 4122's) cannot be told, and either guess turns it into another uuid elsewhere
                _ => value,
            },
            PortableType.Date => value switch
            {
                DateOnly d => d,
                DateTime dt when dt.TimeOfDay == TimeSpan.Zero => DateOnly.FromDateTime(dt),
                string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", Inv, DateTimeStyles.None, out var d) => d,
                _ => Adapted(value, type),
            },
            PortableType.Time => value switch
            {
                TimeSpan t => t,
                TimeOnly t => t.ToTimeSpan(),
                string s when TimeSpan.TryParseExact(s, TimeFormats, Inv, out var t) && TimeText(t) == s => t,
                _ => value,
            },
            PortableType.Timestamp => value switch
            {
                DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Unspecified),
                string s when DateTime.TryParseExact(s, TimestampFormats, Inv, DateTimeStyles.None, out var dt) && TimestampText(dt) == s => dt,
                _ => Adapted(value, type),
            },
            PortableType.TimestampTz => value switch
            {
                DateTimeOffset dto => dto,
                // drivers hand instants back as UTC DateTime (Npgsql), or in the session zone NexuSQL sets to UTC (MySQL)
                DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
                string s when DateTimeOffset.TryParseExact(s, TimestampTzFormats, Inv, DateTimeStyles.None, out var dto) && TimestampTzText(dto) == s => dto,
                _ => Adapted(value, type),
            },
            // a float32 into an unconstrained numeric: its exact value, as into a decimal column (the engine's own cast
            // would take its shortest spelling, 1234567.1 for 1234567.125)
            PortableType.Native when value is float f && float.IsFinite(f) && string.Equals(type.Native, "numeric", StringComparison.OrdinalIgnoreCase) => ExactText(f),
            _ => value,
        };
    }

    /// <summary>
    /// The value another spelling of a date, time or timestamp in text means (SQLite keeps what the application wrote:
    /// <c>2020-01-01T10:00:00</c>, <c>10:00</c>, <c>10:00:00.500</c>), for an engine that stores typed values; null when
    /// <paramref name="text"/> is not one of those spellings. <see cref="Normalize"/> keeps such text as it is, so that
    /// SQLite gets it back unchanged.
    /// </summary>
    public static object? FromSpelling(string text, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            PortableType.Time when TimeSpan.TryParseExact(text, TimeFormats, Inv, out var t) => t,
            PortableType.Timestamp when DateTime.TryParseExact(text, TimestampFormats, Inv, DateTimeStyles.None, out var dt) => dt,
            PortableType.TimestampTz when DateTimeOffset.TryParseExact(text, TimestampTzFormats, Inv, DateTimeStyles.None, out var dto) => dto,
            _ => null,
        };
    }

    /// <summary>A timestamp as SQLite's driver writes it: <c>2020-01-01 10:00:00.5</c>.</summary>
    private static string TimestampText(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", Inv);

    /// <summary>A timestamp with its offset as NexuSQL writes it into SQLite: <c>2020-01-01 10:00:00.5+02:00</c>.</summary>
    private static string TimestampTzText(DateTimeOffset value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", Inv);

    /// <summary>
    /// A driver's own value type (MySQL's MySqlDateTime, registered by its provider) as its plain form; a zero date
    /// arrives as its text and becomes a <see cref="SpecialTemporal"/>. Anything else stays as it is (off-type).
    /// </summary>
    private static object Adapted(object value, ColumnType type) =>
        !Internal.DriverValues.TryAdapt(value, out var plain) ? value
        : plain is string text && type.Kind is PortableType.Date or PortableType.Timestamp or PortableType.TimestampTz ? new SpecialTemporal(text)
        : Normalize(plain, type)!;

    /// <summary>
    /// Whether <paramref name="value"/> (from <see cref="Normalize"/>) has the portable form of <paramref name="type"/>;
    /// false for an off-type value. NULL fits every type; engine-native columns take any value.
    /// </summary>
    public static bool IsPortable(object? value, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return value is null || type.Kind switch
        {
            PortableType.Boolean => value is bool,
            PortableType.Int16 or PortableType.Int32 or PortableType.Int64 => value is long,
            PortableType.Decimal => value is string s && IsDecimalText(s),
            PortableType.Float32 => value is float,
            PortableType.Float64 => value is double,
            PortableType.String or PortableType.Text or PortableType.Json => value is string,
            PortableType.Binary => value is byte[],
            PortableType.Uuid => value is Guid,
            PortableType.Date => value is DateOnly or SpecialTemporal,
            PortableType.Time => value is TimeSpan,
            PortableType.Timestamp => value is DateTime or SpecialTemporal,
            PortableType.TimestampTz => value is DateTimeOffset or SpecialTemporal,
            _ => true,
        };
    }

    /// <summary>A value as people name it in an error: <c>the REAL 12.7</c>, <c>the text 'yes'</c>, <c>a 3-byte BLOB</c>.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "NULL",
        string s => $"the text '{(s.Length > 40 ? s[..40] + "…" : s)}'",
        byte[] b => $"a {b.Length}-byte binary value",
        double or float => $"the floating-point number {Convert.ToString(value, Inv)}",
        bool b => $"the boolean {(b ? "true" : "false")}",
        long or int or short or sbyte or byte or ulong or uint or ushort => $"the integer {Convert.ToString(value, Inv)}",
        SpecialTemporal t => $"'{t.Text}'",
        DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan => $"'{SqlText(value)}'",
        Guid g => $"the uuid {g:D}",
        decimal m => $"the number {m.ToString(Inv)}",
        // never a .NET type name in a message
        _ => $"the value {Convert.ToString(value, Inv)}",
    };

    /// <summary>
    /// A value as SQL spells it, for messages: timestamps <c>2020-01-01 10:00:00.5</c> (offset <c>+02:00</c> kept), dates
    /// <c>2020-01-01</c>, times and durations <c>24:00:00</c> / <c>-838:59:59</c> (hours counted past 24, fraction
    /// digits only as needed), numbers in the invariant culture.
    /// </summary>
    public static string SqlText(object? value) => value switch
    {
        null => "NULL",
        // SQL's spelling, not .NET's True/False (bt29 M8: keys read k=True)
        bool b => b ? "true" : "false",
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", Inv),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", Inv),
        DateOnly d => d.ToString("yyyy-MM-dd", Inv),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", Inv),
        TimeSpan ts => TimeText(ts),
        SpecialTemporal t => t.Text,
        _ => Convert.ToString(value, Inv) ?? "",
    };

    /// <summary>
    /// A key column's name as messages name it: as it is, or in double quotes (doubled inside) when it holds anything but
    /// letters, digits, <c>_ $ . -</c> — a blank, a comma or an equals sign would read as part of the key (break test 27
    /// K17: <c>Key=K, a b=1</c> for the column "a b").
    /// </summary>
    /// <param name="name">The column's name.</param>
    public static string KeyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$' or '.' or '-') ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }


    /// <summary>
    /// One key column of a row as messages name it: <c>id=42</c>, <c>code='ab '</c> (<see cref="KeyName"/>,
    /// <see cref="KeyText"/>); text in a column of numbers or booleans (SQLite keeps 'x' in an INT key) always quoted,
    /// <c>id='x'</c>, where <c>id=x</c> would name a column (break test 30 F4).
    /// </summary>
    /// <param name="column">The key column.</param>
    /// <param name="value">Its value as read.</param>
    /// <param name="whole">Not cut (<see cref="KeyText"/>).</param>
    public static string KeyPair(ColumnModel column, object? value, bool whole = false)
    {
        ArgumentNullException.ThrowIfNull(column);
        // a DATE read as a DateTime (MySqlConnector reads MariaDB's DATE so) is a date: md=2024-01-16, not 2024-01-16 00:00:00 (bt33 L4)
        if (value is DateTime { TimeOfDay.Ticks: 0 } midnight && column.Type.Kind == PortableType.Date) value = DateOnly.FromDateTime(midnight);
        return $"{KeyName(column.Name)}={KeyText(value, whole, quoteText: value is string && column.Type.Kind
            is PortableType.Int16 or PortableType.Int32 or PortableType.Int64 or PortableType.Float32 or PortableType.Float64 or PortableType.Boolean)}";
    }

    /// <summary>
    /// A key value as messages name it (<c>id=42</c>, <c>code='ab '</c>, <c>hash=X'00FF41'</c>): numbers, dates and
    /// booleans as <see cref="SqlText"/> spells them; text as it is, or quoted as an SQL literal when it would read
    /// otherwise (empty, spaces at either end, a quote, a comma, an equals sign, a control character, the word NULL;
    /// control characters as <c>\u000a</c>); text not in Unicode normalization form C quoted with its combining marks
    /// and other characters NFC would change escaped (<c>k='e\u0301'</c>, so it does not read as the NFC <c>k=é</c>);
    /// bytes in hex; text that is not UTF-8 by its bytes (<c>k=CAST(X'4A6F73E9' AS TEXT)</c>, <see cref="UnreadableText"/>). Cut after 40
    /// characters (…) unless <paramref name="whole"/>.
    /// </summary>
    /// <param name="value">The key value as read.</param>
    /// <param name="whole">Not cut: the text tells every value apart (a key to match rows by).</param>
    /// <param name="quoteText">Text always quoted as an SQL literal: text in a column of numbers, where <c>id=x</c> would name a column.</param>
    public static string KeyText(object? value, bool whole = false, bool quoteText = false)
    {
        var text = value switch
        {
            null => "NULL",
            byte[] b when whole || b.Length <= 20 => "X'" + Convert.ToHexString(b) + "'",
            byte[] b => "X'" + Convert.ToHexString(b.AsSpan(0, 20)) + $"…' ({b.Length} bytes)",
            UnreadableText u => $"CAST({KeyText(u.Bytes, whole)} AS TEXT)",
            // not NFC: e + U+0301 would print as the é of U+00E9, another key
            string s when !IsNfc(s) => "'" + string.Concat(s.EnumerateRunes().Select(r =>
                r.Value == '\'' ? "''" : Rune.IsControl(r) || !r.ToString().IsNormalized(NormalizationForm.FormC)
                    || Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
                    ? Escape(r) : r.ToString())) + "'",
            // format characters (U+200B zero-width space, U+00AD soft hyphen, U+FEFF, bidi marks) print as nothing:
            // 'a\u200bb' and 'ab' are two keys (session 21 break test F16)
            string s when quoteText || s.Length == 0 || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]) || s.AsSpan().IndexOfAny("',=\"") >= 0
                || s.Any(Invisible) || s.Equals("NULL", StringComparison.OrdinalIgnoreCase)
                => "'" + string.Concat(s.Select(ch => ch == '\'' ? "''" : Invisible(ch) ? $"\\u{(int)ch:x4}" : ch.ToString())) + "'",
            _ => SqlText(value),
        };
        return text.Length > 40 && !whole && value is not (byte[] or UnreadableText) ? text[..40] + "…" : text;
    }

    // IsNormalized throws on a lone surrogate (read as U+FFFD by EnumerateRunes): such a key is left as it is
    private static bool IsNfc(string s)
    {
        if (s.All(char.IsAscii)) return true;
        foreach (var rune in s.EnumerateRunes())
            if (rune == Rune.ReplacementChar) return true;
        return s.IsNormalized(NormalizationForm.FormC);
    }

    private static bool Invisible(char ch) => char.IsControl(ch) || char.GetUnicodeCategory(ch) == UnicodeCategory.Format;

    private static string Escape(Rune rune) => rune.IsBmp ? $"\\u{rune.Value:x4}" : $"\\U{rune.Value:x8}";

    /// <summary>A time of day or a duration as <c>[-]HH:MM:SS[.fffffff]</c>, hours counted past 24 (MySQL's TIME spelling), trailing zeros of the fraction dropped.</summary>
    public static string TimeText(TimeSpan value)
    {
        var magnitude = value.Duration();
        var text = $"{(value < TimeSpan.Zero ? "-" : "")}{(long)magnitude.TotalHours:00}:{magnitude.Minutes:00}:{magnitude.Seconds:00}";
        var fraction = magnitude.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0 ? text : text + "." + fraction.ToString("0000000", Inv).TrimEnd('0');
    }

    /// <summary>
    /// A value of a file (CSV field, JSON string) as <paramref name="type"/>: text is parsed in the invariant culture
    /// (integers, decimals, floats, uuids, ISO dates and times, booleans as true/false/t/f/1/0/yes/no, JSON as one JSON
    /// value). A float that
    /// would be stored otherwise than written — Infinity from digits (<c>1e400</c>), 0 from a number that is not zero
    /// (<c>1e-400</c>), beyond float32 in a float32 column — is refused; NaN and Infinity spelled as such are values.
    /// </summary>
    /// <exception cref="FormatException">The text is not a value of the type; the message is short and names the expected form.</exception>
    public static object? FromText(string text, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(type);
        var s = text.Trim();
        try
        {
            return type.Kind switch
            {
                PortableType.Boolean => s.ToLowerInvariant() switch
                {
                    "true" or "t" or "1" or "yes" => true,
                    "false" or "f" or "0" or "no" => false,
                    _ => throw NotA(text, "a boolean (true/false, t/f, 1/0, yes/no)"),
                },
                PortableType.Int16 or PortableType.Int32 or PortableType.Int64 =>
                    long.TryParse(s, NumberStyles.AllowLeadingSign, Inv, out var l) ? l
                    : IsDigits(s.AsSpan().TrimStart("+-")) && s.Length > 1 ? throw new OverflowException() : throw NotA(text, "an integer"),
                PortableType.Decimal => IsDecimalText(s) ? Decimal(s, type.Scale ?? 0) : throw NotA(text, "a decimal number"),
                PortableType.Float32 => float.TryParse(s, NumberStyles.Float, Inv, out var f)
                    ? StoredAsWritten(s, f, float.IsInfinity(f), text, "float32 (real)") : throw NotA(text, "a number"),
                PortableType.Float64 => double.TryParse(s, NumberStyles.Float, Inv, out var d)
                    ? StoredAsWritten(s, d, double.IsInfinity(d), text, "float64 (double precision)") : throw NotA(text, "a number"),
                PortableType.String or PortableType.Text => text,
                // one JSON value, as a json column holds on every engine: SQLite keeps any text there, and a copy carries
                // what a SQLite database stores, but a file's text that is no JSON is refused (break test 29 M3)
                PortableType.Json => JsonText.SyntaxProblem(text) is { } problem ? throw new FormatException(problem) : text,
                PortableType.Binary => Base64(s, text),
                PortableType.Uuid => Guid.TryParse(s, out var g) ? g : throw NotA(text, "a uuid"),
                // MySQL's zero dates, as a read of them gives them (the server decides whether it takes them)
                PortableType.Date or PortableType.Timestamp or PortableType.TimestampTz when MySqlTemporalText.ZeroDate(s) is { } zero => zero,
                // PostgreSQL's infinities, as a read of them gives them: the target's dialect takes or refuses them by name
                // (AcceptsSpecialTemporal)
                PortableType.Date or PortableType.Timestamp or PortableType.TimestampTz when s.ToLowerInvariant() is "infinity" or "-infinity" or "+infinity" =>
                    new SpecialTemporal(s.ToLowerInvariant().TrimStart('+')),
                // PostgreSQL's BC dates and years past 9999, as it prints them and copy carries them (break test F5)
                PortableType.Date or PortableType.Timestamp or PortableType.TimestampTz when PostgreSqlTemporalText.Parse(s, type.Kind) is { } outside => outside,
                PortableType.Date => DateOnly.TryParseExact(s, "yyyy-MM-dd", Inv, DateTimeStyles.None, out var date) ? date : throw NotA(text, "a date (yyyy-MM-dd)"),
                PortableType.Time => Time(s) ?? throw NotA(text, "a time ([-]HH:mm[:ss[.fffffff]])"),
                // an offset or Z names an instant, which a column without a zone cannot hold: .NET turned it into the
                // machine's local time, PostgreSQL ignores it — either way not what the file says (session 21 break test F18)
                PortableType.Timestamp => DateTime.TryParse(s, Inv, DateTimeStyles.RoundtripKind, out var dt)
                    ? dt.Kind == DateTimeKind.Unspecified ? dt
                        : throw new FormatException($"{Quoted(text)} carries a time zone, which a timestamp without time zone does not hold; write the time as the column should hold it, without the zone")
                    : throw NotA(text, "a timestamp (yyyy-MM-dd HH:mm:ss[.fffffff])"),
                PortableType.TimestampTz => DateTimeOffset.TryParse(s, Inv, DateTimeStyles.AssumeUniversal, out var dto) ? dto
                    : throw NotA(text, "a timestamp with time zone (yyyy-MM-dd HH:mm:ss[.fffffff]+HH:mm)"),
                _ => text,
            };
        }
        catch (OverflowException)
        {
            throw new FormatException($"{Quoted(text)} is out of range for {type}");
        }
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Text quoted for a message, cut after 40 characters: a 400-digit number is not echoed back whole.</summary>
    private static string Quoted(string text) => $"'{(text.Length > 40 ? text[..40] + "…" : text)}'";

    private static FormatException NotA(string text, string what) => new($"{Quoted(text)} is not {what}");

    /// <summary>
    /// Bytes as base64, or as hex after <c>\x</c> (PostgreSQL's bytea text, which <c>query --format csv</c> prints for
    /// every engine's binary; a backslash is not a base64 character, so the two cannot be mistaken for each other).
    /// </summary>
    private static byte[] Base64(string s, string text)
    {
        if (s.StartsWith("\\x", StringComparison.OrdinalIgnoreCase))
            return s.Length % 2 == 0 && s.AsSpan(2).ContainsAnyExcept(HexDigits) is false
                ? Convert.FromHexString(s.AsSpan(2))
                : throw NotA(text, "hex bytes after \\x (an even number of the digits 0-9, a-f)");
        var bytes = new byte[s.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(s, bytes, out var n) ? bytes[..n] : throw NotA(text, "base64 (or hex after \\x)");
    }

    /// <summary>
    /// <paramref name="value"/> parsed from <paramref name="s"/>, unless the type turned it into something else: Infinity
    /// from digits, or 0 from a number with a non-zero digit (underflow).
    /// </summary>
    private static T StoredAsWritten<T>(string s, T value, bool infinite, string text, string typeName) where T : System.Numerics.IFloatingPoint<T>
    {
        var mantissa = s.AsSpan();
        if (mantissa.IndexOfAny('e', 'E') is var e and >= 0) mantissa = mantissa[..e];
        if (infinite && mantissa.IndexOfAnyInRange('0', '9') >= 0)
            throw new FormatException($"{Quoted(text)} is out of range for {typeName}: it would be stored as Infinity");
        if (T.IsZero(value) && mantissa.IndexOfAnyInRange('1', '9') >= 0)
            throw new FormatException($"{Quoted(text)} is out of range for {typeName}: it would be stored as 0");
        return value;
    }

    /// <summary>[-]H+:mm[:ss[.fffffff]] — hours past 24 too (MySQL's TIME is a duration); the engine's range is checked where it is written.</summary>
    private static TimeSpan? Time(string s)
    {
        var m = System.Text.RegularExpressions.Regex.Match(s, @"^(-)?(\d{1,9}):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,7}))?)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        if (!m.Success) return TimeSpan.TryParse(s, Inv, out var other) ? other : null;
        var ticks = long.Parse(m.Groups[2].Value, Inv) * TimeSpan.TicksPerHour + int.Parse(m.Groups[3].Value, Inv) * TimeSpan.TicksPerMinute
            + (m.Groups[4].Success ? int.Parse(m.Groups[4].Value, Inv) * TimeSpan.TicksPerSecond : 0)
            + (m.Groups[5].Success ? long.Parse(m.Groups[5].Value.PadRight(7, '0'), Inv) : 0);
        return TimeSpan.FromTicks(m.Groups[1].Success ? -ticks : ticks);
    }

    /// <summary>An integer CLR value as long; null for anything else (or an unsigned value above long's range).</summary>
    private static long? AsInteger(object value) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        sbyte sb => sb,
        byte b => b,
        ushort us => us,
        uint ui => ui,
        ulong ul when ul <= long.MaxValue => (long)ul,
        decimal m when m == decimal.Truncate(m) && m is >= long.MinValue and <= long.MaxValue => (long)m,
        _ => null,
    };

    /// <summary>[-+]digits[.digits] or [-+].digits, optionally with an exponent: text a decimal column holds exactly.</summary>
    internal static bool IsDecimalText(string s)
    {
        var t = s.AsSpan().Trim();
        if (t.Length > 0 && t[0] is '-' or '+') t = t[1..];
        var e = t.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            var exponent = t[(e + 1)..];
            if (exponent.Length > 0 && exponent[0] is '-' or '+') exponent = exponent[1..];
            if (exponent.Length is 0 or > 4 || !IsDigits(exponent)) return false;
            t = t[..e];
        }
        var dot = t.IndexOf('.');
        var whole = dot < 0 ? t : t[..dot];
        var fraction = dot < 0 ? [] : t[(dot + 1)..];
        return whole.Length + fraction.Length > 0 && IsDigits(whole) && IsDigits(fraction);
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static readonly string[] TimeFormats = [@"hh\:mm\:ss", @"hh\:mm\:ss\.FFFFFFF", @"hh\:mm"];

    private static readonly string[] TimestampTzFormats =
        ["yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ",
            // without seconds, as SQLite's date functions take them (bt32 F6: '2025-06-01 12:00+00:00' was "not a timestamptz value")
            "yyyy-MM-dd HH:mmzzz", "yyyy-MM-ddTHH:mmzzz", "yyyy-MM-dd HH:mmZ", "yyyy-MM-ddTHH:mmZ"];

    /// <summary>How SQLite and ISO 8601 write timestamps (tried before the general parser, which is several times slower).</summary>
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        // SQLite's shorter time values, which its date functions take (bt34 F8: "not a timestamp")
        "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd"];

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
            double d => d.ToString("R", Inv),
            // a float32 is exact in binary: its decimal expansion, not its shortest float32 spelling (1234567.125 is not 1234567.1)
            float f when float.IsFinite(f) => ExactText(f),
            float f => f.ToString("R", Inv),
            _ => Convert.ToString(value, Inv)!,
        };
        if (text.Contains('E', StringComparison.OrdinalIgnoreCase)) text = ExpandExponent(text);
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

    /// <summary>
    /// The exact decimal expansion of a finite binary floating-point number (every digit of its binary value: the
    /// float32 0.1 is 0.100000001490116119384765625), without trailing fractional zeros.
    /// </summary>
    internal static string ExactText(double value)
    {
        // .NET formats a double with as many exact digits as asked; 1074 fraction digits hold the smallest subnormal
        var text = value.ToString(value is > -1e-30 and < 1e-30 ? "F1100" : "F400", Inv);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    /// <summary>The float64 (or float32) that is exactly the decimal text <paramref name="text"/>, or null when none is.</summary>
    private static object? ExactFloat(string text, bool single)
    {
        if (!IsDecimalText(text) || !double.TryParse(text, NumberStyles.Float, Inv, out var d) || !double.IsFinite(d)) return null;
        if (single && (double)(float)d != d) return null;
        if (Decimal(ExactText(d), 0) != Decimal(text, 0)) return null;
        if (d == 0) d = 0; // the decimal -0 is 0
        return single ? (object)(float)d : d;
    }

    /// <summary>Decimal text with an exponent (1.5E+3, 2e-7) as plain digits, exactly (no rounding at 28 digits).</summary>
    private static string ExpandExponent(string text)
    {
        var e = text.IndexOfAny(['e', 'E']);
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, Inv);
        var mantissa = text[..e];
        var sign = mantissa.StartsWith('-') ? "-" : "";
        mantissa = mantissa.TrimStart('-', '+');
        var dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        if (point <= 0) return sign + "0." + new string('0', -point) + digits;
        if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length);
        return sign + digits[..point] + "." + digits[point..];
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
                return $"{value} is out of range for {type} ({short.MinValue} to {short.MaxValue})";
            case (PortableType.Int32, long m) when m is < int.MinValue or > int.MaxValue:
                // a SQLite INT column holds it (any 64-bit integer): the range says why another engine's does not
                return $"{value} is out of range for {type} ({int.MinValue} to {int.MaxValue})";
            case (PortableType.Time or PortableType.Timestamp or PortableType.TimestampTz, TimeSpan or DateTime or DateTimeOffset)
                when type.Precision is int places and < 7 && Ticks(value) % TicksPerDigits(places) != 0:
                return $"{SqlText(value)} has a finer fraction of a second than {type} keeps ({places} digits); it would be rounded";
            case (PortableType.Decimal, string d):
                var digits = d.TrimStart('-');
                var dot = digits.IndexOf('.');
                var whole = dot < 0 ? digits.Length : dot;
                var fraction = dot < 0 ? 0 : digits.Length - dot - 1;
                if (fraction > (type.Scale ?? 0)) return $"{ShortNumber(d)} has more than {type.Scale} decimal places for {type}";
                if ((digits == "0" || digits.StartsWith("0.", StringComparison.Ordinal) ? 0 : whole) > (type.Precision ?? 18) - (type.Scale ?? 0))
                    // the number as written, not padded to the scale (break test L8: the file's 1234.5 was named 1234.50)
                    return $"{ShortNumber(dot < 0 ? d : d.TrimEnd('0').TrimEnd('.'))} has more digits before the point than {type} allows" +
                           (whole > 40 ? $" ({whole} digits; it allows {(type.Precision ?? 18) - (type.Scale ?? 0)})" : "");
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// A decimal's text for a message: as it is up to 40 characters, else in exponent form with its first digits
    /// (<c>1e400</c>, <c>-1.2345678901234567…e-300</c>): a 400-digit number is not spelled out (break test 31 B13).
    /// </summary>
    internal static string ShortNumber(string d)
    {
        if (d.Length <= 40) return d;
        var sign = d.StartsWith('-') ? "-" : "";
        var digits = d.TrimStart('-');
        var dot = digits.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? digits.Length : dot;
        var all = dot < 0 ? digits : digits.Remove(dot, 1);
        var first = all.AsSpan().IndexOfAnyExcept('0');
        if (first < 0) return sign + "0";
        var mantissa = all[first..].TrimEnd('0');
        var shown = mantissa.Length > 17 ? mantissa[..17] + "…" : mantissa;
        return $"{sign}{shown[0]}{(shown.Length > 1 ? "." + shown[1..] : "")}e{whole - first - 1}";
    }

    private static long Ticks(object value) => value switch
    {
        TimeSpan t => t.Ticks,
        DateTime dt => dt.Ticks,
        DateTimeOffset dto => dto.UtcTicks,
        _ => 0,
    };

    /// <summary>Ticks (100 ns) in the last digit of a fraction of <paramref name="digits"/> digits: 10^(7 - digits).</summary>
    private static long TicksPerDigits(int digits)
    {
        var ticks = 1L;
        for (var i = Math.Max(digits, 0); i < 7; i++) ticks *= 10;
        return ticks;
    }

    private static int CountCharacters(string s)
    {
        var count = 0;
        foreach (var _ in s.EnumerateRunes()) count++;
        return count;
    }
}
