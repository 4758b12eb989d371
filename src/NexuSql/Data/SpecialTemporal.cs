namespace NexuSql.Data;

/// <summary>
/// A date or timestamp that .NET's <see cref="DateOnly"/> and <see cref="DateTime"/> cannot hold, carried as its text
/// so it moves unchanged: PostgreSQL's <c>infinity</c> and <c>-infinity</c>, dates before year 1
/// (<c>0044-03-15 BC</c>) or after 9999 (<c>10000-01-01</c>); MySQL's zero dates (<c>0000-00-00</c>,
/// <c>2020-05-00</c>, <c>0000-00-00 00:00:00</c>). An engine that has the same value takes it back
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

    /// <inheritdoc/>
    public override string ToString() => Text;
}
