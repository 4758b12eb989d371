using System.Globalization;
using System.Text.RegularExpressions;
using NexuSql.Schema;

namespace NexuSql.Data;

/// <summary>
/// PostgreSQL's text of dates and timestamps outside years 1–9999, as it prints them (<c>0044-03-15 BC</c>,
/// <c>10000-01-01 00:00:00</c>, <c>0044-03-15 12:00:00+00 BC</c>) and as a read of them gives them
/// (<see cref="SpecialTemporal"/>). In core because seed and import files spell them so (<see cref="PortableValues.FromText"/>):
/// what <c>copy</c> carries between PostgreSQL databases, a file carries too, and an engine without them refuses it by
/// name (<see cref="Dialects.SqlDialect.AcceptsSpecialTemporal"/>).
/// </summary>
internal static partial class PostgreSqlTemporalText
{
    [GeneratedRegex(@"^(\d{4,9})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?(?:([+-]\d\d(?::?\d\d)?(?::\d\d)?))?( BC)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>
    /// The <see cref="SpecialTemporal"/> <paramref name="text"/> means in a column of <paramref name="kind"/>, spelled as
    /// a read of the column gives it (four-digit year at least, the fraction without trailing zeros, <c>+00</c> for a
    /// timestamp with time zone, <c> BC</c>), so a seed file compares equal to the row; null when the text is not such a
    /// date (a year 1–9999 without BC is read as usual).
    /// </summary>
    /// <exception cref="FormatException">The shape of such a date with a field out of range, or a zone other than UTC.</exception>
    public static SpecialTemporal? Parse(string text, PortableType kind)
    {
        var m = Shape().Match(text);
        if (!m.Success) return null;
        var year = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var bc = m.Groups[9].Success;
        if (!bc && year <= 9999) return null;
        var hasTime = m.Groups[4].Success;
        if (kind == PortableType.Date && (hasTime || m.Groups[8].Success))
            throw new FormatException($"'{text}' is not a date (yyyy-MM-dd[ BC])");
        if (kind == PortableType.TimestampTz && !(hasTime && m.Groups[8].Value is "+00" or "+00:00" or "+0000"))
            throw new FormatException($"'{text}' is a timestamp with time zone outside years 1–9999 that is not in UTC: write it as PostgreSQL prints it with TimeZone UTC (yyyy-MM-dd HH:mm:ss[.ffffff]+00[ BC])");
        if (kind == PortableType.Timestamp && m.Groups[8].Success)
            throw new FormatException($"'{text}' carries a time zone, which a timestamp without time zone does not hold; write the time as the column should hold it, without the zone");
        int Field(int group) => m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var (month, day, hour, minute, second) = (Field(2), Field(3), Field(4), Field(5), Field(6));
        if (year == 0 || month is < 1 or > 12 || day < 1 || day > DaysInMonth(bc ? 1 - year : year, month) || hour > 23 || minute > 59 || second > 59)
            throw new FormatException($"'{text}' is not a {(kind == PortableType.Date ? "date" : "timestamp")}: a field is out of range");
        var spelled = string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}");
        if (kind != PortableType.Date)
        {
            spelled += string.Create(CultureInfo.InvariantCulture, $" {hour:D2}:{minute:D2}:{second:D2}");
            if (m.Groups[7].Value.TrimEnd('0') is { Length: > 0 } fraction) spelled += "." + fraction;
            if (kind == PortableType.TimestampTz) spelled += "+00";
        }
        return new SpecialTemporal(bc ? spelled + " BC" : spelled);
    }

    /// <summary>Days of <paramref name="month"/> in the proleptic Gregorian calendar, by astronomical year (1 BC is year 0, a leap year).</summary>
    private static int DaysInMonth(long year, int month) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>
    /// The astronomical year, month and day of a <see cref="SpecialTemporal"/> in PostgreSQL's spelling (1 BC is year 0);
    /// null for infinities, MySQL zero dates and any other text.
    /// </summary>
    public static (long Year, int Month, int Day)? CivilDate(SpecialTemporal value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var m = Shape().Match(value.Text);
        if (!m.Success) return null;
        var year = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var (month, day) = (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        if (year == 0 || month is < 1 or > 12 || day is < 1 or > 31) return null;
        return (m.Groups[9].Success ? 1 - year : year, month, day);
    }
}
