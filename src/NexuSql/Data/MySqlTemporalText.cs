using System.Globalization;
namespace NexuSql.Data;

/// <summary>
/// MySQL's text form of DATETIME and TIMESTAMP values (<c>YYYY-MM-DD HH:MM:SS[.ffffff]</c>), which moving data reads
/// instead of the driver's value (<see cref="Dialects.MySqlDialect.SelectDataSql"/>): MySqlConnector returns a zero
/// date ('0000-00-00 10:00:00.000001') as an all-zero MySqlDateTime, losing its time and fraction. In core because seed
/// and import files spell MySQL's zero dates the same way (<see cref="PortableValues.FromText"/>).
/// </summary>
internal static class MySqlTemporalText
{
    /// <summary>
    /// The value <paramref name="text"/> means: a <see cref="DateTime"/> when .NET can hold it, else (a zero or partial
    /// date, or a day its month does not have) a <see cref="SpecialTemporal"/> in the spelling <see cref="Spelling"/> gives; the text itself when it is
    /// not MySQL's spelling of a timestamp (read as an off-type value, refused by name where it cannot go).
    /// </summary>
    public static object Parse(string text)
    {
        var t = text.AsSpan();
        if (t.Length < 19 || t[4] != '-' || t[7] != '-' || t[10] != ' ' || t[13] != ':' || t[16] != ':') return text;
        if (!Digits(t[..4], out var year) || !Digits(t[5..7], out var month) || !Digits(t[8..10], out var day)
            || !Digits(t[11..13], out var hour) || !Digits(t[14..16], out var minute) || !Digits(t[17..19], out var second))
            return text;
        var micro = 0;
        if (t.Length > 19)
        {
            var fraction = t[20..];
            if (t[19] != '.' || fraction.Length is 0 or > 6 || !Digits(fraction, out micro)) return text;
            for (var i = fraction.Length; i < 6; i++) micro *= 10;
        }
        int[] fields = [year, month, day, hour, minute, second, micro];
        return Representable(fields) ? ToDateTime(fields) : new SpecialTemporal(Spelling(fields));
    }

    /// <summary>
    /// A MySQL zero date written as MySQL prints it ('0000-00-00 10:00:00', '2020-05-00') as the
    /// <see cref="SpecialTemporal"/> a read of it gives (same spelling, so a seed file compares equal to the row); null
    /// for any other text. Not an invalid date ('2024-02-30'): in a data file that is a typo, refused as before.
    /// </summary>
    public static SpecialTemporal? ZeroDate(string text) =>
        text.Length >= 10 && text[4] == '-' && Parse(text.Length == 10 ? text + " 00:00:00" : text) is SpecialTemporal { IsZeroDate: true } special ? special : null;

    /// <summary>
    /// Whether a DateTime holds the value of these fields (year, month, day, hour, minute, second, microsecond): not a
    /// zero or partial date ('2020-05-00'), nor a day its month does not have ('2020-02-30', which MySQL keeps under
    /// sql_mode ALLOW_INVALID_DATES).
    /// </summary>
    public static bool Representable(int[] f) =>
        f[0] >= 1 && f[1] is >= 1 and <= 12 && f[2] >= 1 && f[2] <= DateTime.DaysInMonth(f[0], f[1]) && f[3] < 24 && f[4] < 60 && f[5] < 60;

    /// <summary>The DateTime of <see cref="Representable"/> fields.</summary>
    public static DateTime ToDateTime(int[] f) => new DateTime(f[0], f[1], f[2], f[3], f[4], f[5]).AddTicks(f[6] * 10L);

    /// <summary>
    /// A date .NET cannot hold (zero, partial or invalid) as NexuSQL spells it (the drivers' MySqlDateTime fields: year, month, day, hour, minute,
    /// second, microsecond): the date alone at midnight, the fraction only when it is not zero ('2020-05-00',
    /// '0000-00-00 10:00:00', '0000-00-00 00:00:00.000001').
    /// </summary>
    public static string Spelling(int[] f)
    {
        var inv = CultureInfo.InvariantCulture;
        var date = string.Create(inv, $"{f[0]:0000}-{f[1]:00}-{f[2]:00}");
        if (f[3] == 0 && f[4] == 0 && f[5] == 0 && f[6] == 0) return date;
        var time = string.Create(inv, $" {f[3]:00}:{f[4]:00}:{f[5]:00}");
        return f[6] == 0 ? date + time : date + time + string.Create(inv, $".{f[6]:000000}");
    }

    /// <summary>
    /// A DATETIME or TIMESTAMP .NET cannot hold as a query prints it: with its time always, as the mysql client
    /// prints it ('0000-00-00 00:00:00', '0000-00-00 10:00:00.000001'), the fraction's trailing zeros left out as in
    /// every other timestamp a query prints ('2020-05-00 00:00:00' for MariaDB's '2020-05-00 00:00:00.000000').
    /// </summary>
    public static string TimestampText(int[] f)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = string.Create(inv, $"{f[0]:0000}-{f[1]:00}-{f[2]:00} {f[3]:00}:{f[4]:00}:{f[5]:00}");
        return f[6] == 0 ? text : text + string.Create(inv, $".{f[6]:000000}").TrimEnd('0');
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
