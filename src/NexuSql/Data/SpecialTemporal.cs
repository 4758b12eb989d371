namespace NexuSql.Data;

/// <summary>
/// A date or timestamp that .NET's <see cref="DateOnly"/> and <see cref="DateTime"/> cannot hold, carried as its text
/// so it moves unchanged: PostgreSQL's <c>infinity</c> and <c>-infinity</c>, dates before year 1
/// (<c>0044-03-15 BC</c>) or after 9999 (<c>10000-01-01</c>); MySQL's zero dates (<c>0000-00-00</c>,
/// <c>2020-05-00</c>, <c>0000-00-00 00:00:00</c>) and invalid dates (<c>2020-02-30</c>). An engine that has the same value takes it back
/// (<see cref="Dialects.SqlDialect.AcceptsSpecialTemporal"/>); any other refuses it by name instead of turning it
/// into year 1 or 9999.
/// </summary>
/// <param name="Text">
/// The value as PostgreSQL and MySQL print it: <c>infinity</c>, <c>-infinity</c>, <c>YYYY-MM-DD[ HH:MM:SS[.ffffff]][ BC]</c>
/// (a timestamp with time zone in UTC, with a <c>+00</c> suffix), or a MySQL zero date.
/// </param>
public sealed record SpecialTemporal(string Text)
{
    /// <summary>PostgreSQL's <c>infinity</c> or <c>-infinity</c>.</summary>
    public bool IsInfinity => Text is "infinity" or "-infinity";

    /// <summary>A MySQL date with a zero year, month or day (<c>0000-00-00</c>, <c>2020-05-00</c>).</summary>
    public bool IsZeroDate => Text.Length >= 10 && !Text.EndsWith(" BC", StringComparison.Ordinal) && Text[4] == '-' &&
        (Text.StartsWith("0000", StringComparison.Ordinal) || Text.AsSpan(5, 2) is "00" || Text.AsSpan(8, 2) is "00");

    /// <summary>
    /// A MySQL date whose day its month does not have (<c>2020-02-30</c>, <c>2021-04-31 10:00:00</c>): MySQL keeps them in
    /// DATE and DATETIME under sql_mode <c>ALLOW_INVALID_DATES</c> (month 1–12, day 1–31); no other engine has them.
    /// </summary>
    public bool IsInvalidDate
    {
        get
        {
            var t = Text.AsSpan();
            if (t.Length < 10 || t[4] != '-' || t[7] != '-' || (t.Length > 10 && t[10] != ' ') || t.EndsWith(" BC", StringComparison.Ordinal)) return false;
            if (!int.TryParse(t[..4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
                || !int.TryParse(t[5..7], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var month)
                || !int.TryParse(t[8..10], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day))
                return false;
            return year >= 1 && month is >= 1 and <= 12 && day is >= 29 and <= 31 && day > DateTime.DaysInMonth(year, month);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
