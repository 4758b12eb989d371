using System.Globalization;
using System.Text.RegularExpressions;
using NexuSql.Data;

namespace NexuSql.PostgreSql;

/// <summary>
/// PostgreSQL's own encoding of date (days since 2000-01-01, int32) and timestamp/timestamptz (microseconds since
/// 2000-01-01 00:00, int64), with infinity and -infinity as the type's maximum and minimum. Reading and writing this raw
/// form (Npgsql supports int and long for these types) keeps every value: year 1 stays year 1 (Npgsql's DateTime
/// mapping would turn DateTime.MinValue into -infinity), and values .NET cannot hold travel as
/// <see cref="SpecialTemporal"/> text in PostgreSQL's own spelling (<c>0044-03-15 BC</c>, <c>infinity</c>).
/// </summary>
internal static partial class PostgreSqlTemporal
{
    private const int EpochDayNumber = 730119;                   // DateOnly(2000, 1, 1).DayNumber
    private const long EpochTicks = 630822816000000000;          // DateTime(2000, 1, 1).Ticks
    private const long MicrosPerDay = 86_400_000_000;
    private const long DaysFrom1970To2000 = 10957;

    public static object FromDate(int raw) => raw switch
    {
        int.MaxValue => new SpecialTemporal("infinity"),
        int.MinValue => new SpecialTemporal("-infinity"),
        _ when (long)raw + EpochDayNumber is >= 0 and <= 3652058 => DateOnly.FromDayNumber(raw + EpochDayNumber),
        _ => new SpecialTemporal(Text(raw, null, withZone: false)),
    };

    public static object FromTimestamp(long raw, bool withZone)
    {
        if (raw == long.MaxValue) return new SpecialTemporal("infinity");
        if (raw == long.MinValue) return new SpecialTemporal("-infinity");
        var ticks = (Int128)raw * 10 + EpochTicks;
        if (ticks >= 0 && ticks <= DateTime.MaxValue.Ticks)
        {
            var dt = new DateTime((long)ticks, withZone ? DateTimeKind.Utc : DateTimeKind.Unspecified);
            // (object) first: the conditional's type would otherwise be DateTimeOffset, converting the plain DateTime
            return withZone ? new DateTimeOffset(dt) : (object)dt;
        }
        var days = Math.DivRem(raw, MicrosPerDay, out var micros);
        if (micros < 0)
        {
            days--;
            micros += MicrosPerDay;
        }
        return new SpecialTemporal(Text(days, micros, withZone));
    }

    public static int ToDate(object value) => value switch
    {
        DateOnly d => d.DayNumber - EpochDayNumber,
        SpecialTemporal { Text: "infinity" } => int.MaxValue,
        SpecialTemporal { Text: "-infinity" } => int.MinValue,
        SpecialTemporal s => checked((int)Parse(s.Text).Days),
        _ => throw new InvalidCastException($"A {value.GetType().Name} is not a date."),
    };

    public static long ToTimestamp(object value) => value switch
    {
        DateTime dt => (dt.Ticks - EpochTicks) / 10,
        DateTimeOffset dto => (dto.UtcTicks - EpochTicks) / 10,
        SpecialTemporal { Text: "infinity" } => long.MaxValue,
        SpecialTemporal { Text: "-infinity" } => long.MinValue,
        SpecialTemporal s => Parse(s.Text) is var (days, micros) ? checked(days * MicrosPerDay + micros) : 0,
        _ => throw new InvalidCastException($"A {value.GetType().Name} is not a timestamp."),
    };

    /// <summary>PostgreSQL's text: <c>YYYY-MM-DD[ HH:MM:SS[.ffffff]][+00][ BC]</c> (astronomical year 0 is 1 BC).</summary>
    private static string Text(long days, long? micros, bool withZone)
    {
        var (year, month, day) = CivilFromDays(days + DaysFrom1970To2000);
        var bc = year <= 0;
        var text = string.Create(CultureInfo.InvariantCulture, $"{(bc ? 1 - year : year):D4}-{month:D2}-{day:D2}");
        if (micros is { } us)
        {
            var time = TimeSpan.FromTicks(us * 10);
            text += time.ToString(@"\ hh\:mm\:ss", CultureInfo.InvariantCulture);
            if (us % 1_000_000 != 0) text += "." + (us % 1_000_000).ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
            if (withZone) text += "+00";
        }
        return bc ? text + " BC" : text;
    }

    [GeneratedRegex(@"^(\d{4,})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?(?:\+00)?( BC)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>Days since 2000-01-01 and microseconds into the day, from <see cref="Text"/>'s spelling.</summary>
    private static (long Days, long Micros) Parse(string text)
    {
        var m = Shape().Match(text);
        if (!m.Success) throw new InvalidCastException($"'{text}' is not a PostgreSQL date or timestamp.");
        long Int(int group) => m.Groups[group].Success ? long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var year = Int(1);
        if (m.Groups[8].Success) year = 1 - year;
        var micros = ((Int(4) * 60 + Int(5)) * 60 + Int(6)) * 1_000_000 +
            (m.Groups[7].Success ? long.Parse(m.Groups[7].Value.PadRight(6, '0'), CultureInfo.InvariantCulture) : 0);
        return (DaysFromCivil(year, (int)Int(2), (int)Int(3)) - DaysFrom1970To2000, micros);
    }

    // Howard Hinnant's civil calendar algorithms (proleptic Gregorian, any year), days counted from 1970-01-01.
    private static (long Year, int Month, int Day) CivilFromDays(long z)
    {
        z += 719468;
        var era = (z >= 0 ? z : z - 146096) / 146097;
        var doe = z - era * 146097;
        var yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        var doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        var mp = (5 * doy + 2) / 153;
        var day = (int)(doy - (153 * mp + 2) / 5 + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
    }

    private static long DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yoe = year - era * 400;
        var doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
