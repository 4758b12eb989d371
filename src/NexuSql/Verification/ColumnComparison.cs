using NexuSql.Schema;

namespace NexuSql.Verification;

/// <summary>
/// How verify compares a column that two databases of one engine declare with different types (varchar and char(n),
/// json and jsonb, date and timestamp): both sides' values are read with their own column's type and brought into one
/// common type, then compared in the canonical form the cross-engine comparison uses — equal meaning compares equal,
/// any other value still differs. Types of different kinds of data (a number and a text, a timestamp and an instant)
/// have no common type: the column is reported and left out.
/// </summary>
internal static class ColumnComparison
{
    /// <summary>The type both sides of a column are compared in; null when <paramref name="first"/> and <paramref name="second"/> cannot be compared.</summary>
    public static ColumnType? CommonType(ColumnType first, ColumnType second)
    {
        var family = Family(first);
        if (family != Family(second)) return null;
        return family switch
        {
            // numbers by value: 5 = 5.00 = 5.0e0 (an unconstrained numeric hashes by value), floats of both widths as float64
            "number" => IsFloat(first) && IsFloat(second) ? new ColumnType(PortableType.Float64) : new ColumnType(PortableType.Native, Native: "numeric"),
            // char(n) values arrive without the padding the engine adds (as their own column reads them)
            "text" => new ColumnType(PortableType.Text),
            "json" => new ColumnType(PortableType.Json),
            // a date equals the timestamp at its midnight (as PostgreSQL and MariaDB compare them); any other time differs
            "date" => first.Kind == second.Kind ? first with { Precision = null } : new ColumnType(PortableType.Date),
            _ => first,
        };
    }

    /// <summary>
    /// Across engines (both sides read with the first's column types): the type a column is compared in. A column that
    /// is text in the first database and JSON in the second (PostgreSQL jsonb, MariaDB JSON) is compared as JSON, by
    /// meaning, as it is the other way round — JSON travels as its text, and jsonb spells that text its own way (key
    /// order, spaces), so comparing the texts would report the same documents as different in one direction only.
    /// </summary>
    public static ColumnType AcrossEngines(ColumnType first, ColumnType second) =>
        first.Kind is PortableType.String or PortableType.Text && second.Kind == PortableType.Json ? new ColumnType(PortableType.Json) : first;

    private static bool IsFloat(ColumnType t) => t.Kind is PortableType.Float32 or PortableType.Float64;

    private static string Family(ColumnType t) => t.Kind switch
    {
        PortableType.Int16 or PortableType.Int32 or PortableType.Int64 or PortableType.Decimal or PortableType.Float32 or PortableType.Float64 => "number",
        PortableType.Native when string.Equals(t.Native, "numeric", StringComparison.OrdinalIgnoreCase) => "number",
        PortableType.String or PortableType.Text => "text",
        PortableType.Json => "json",
        PortableType.Native when string.Equals(t.Native, "json", StringComparison.OrdinalIgnoreCase) => "json",
        PortableType.Date or PortableType.Timestamp => "date",
        PortableType.Native => "native:" + t.Native?.ToLowerInvariant(),
        _ => t.Kind.ToString(),
    };
}
