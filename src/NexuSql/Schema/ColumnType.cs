using System.Globalization;
using System.Text.RegularExpressions;

namespace NexuSql.Schema;

/// <summary>
/// A portable column type, written in schema files as <c>int32</c>, <c>string(100)</c>, <c>char(10)</c>,
/// <c>decimal(12,2)</c>, <c>timestamptz</c>, <c>timestamp(3)</c> or <c>native:citext</c>.
/// </summary>
/// <param name="Kind">The portable kind.</param>
/// <param name="Length">The length of a string.</param>
/// <param name="Precision">
/// Digits of a decimal; fractional-second digits of a time, timestamp or timestamptz (null: the engine's finest,
/// microseconds on PostgreSQL and MySQL).
/// </param>
/// <param name="Scale">Digits after the point of a decimal.</param>
/// <param name="Native">The engine's own type of a native column.</param>
/// <param name="Fixed">A fixed-length string, <c>char(n)</c> (blank-padded), rather than <c>string(n)</c> (varchar).</param>
public sealed partial record ColumnType(PortableType Kind, int? Length = null, int? Precision = null, int? Scale = null, string? Native = null, bool Fixed = false)
{
    [GeneratedRegex(@"^(?<name>[a-z0-9]+)(\((?<a>\d+)(,\s*(?<b>\d+))?\))?$")]
    private static partial Regex Shape();

    private static readonly Dictionary<string, PortableType> Names = new()
    {
        ["boolean"] = PortableType.Boolean, ["int16"] = PortableType.Int16, ["int32"] = PortableType.Int32, ["int64"] = PortableType.Int64,
        ["decimal"] = PortableType.Decimal, ["float32"] = PortableType.Float32, ["float64"] = PortableType.Float64,
        ["string"] = PortableType.String, ["char"] = PortableType.String, ["text"] = PortableType.Text, ["binary"] = PortableType.Binary, ["uuid"] = PortableType.Uuid,
        ["date"] = PortableType.Date, ["time"] = PortableType.Time, ["timestamp"] = PortableType.Timestamp,
        ["timestamptz"] = PortableType.TimestampTz, ["json"] = PortableType.Json,
    };

    /// <summary>Parses the schema-file spelling.</summary>
    /// <exception cref="FormatException">Unknown type or missing size; the message lists the valid spellings.</exception>
    public static ColumnType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.StartsWith("native:", StringComparison.OrdinalIgnoreCase)) return new ColumnType(PortableType.Native, Native: t[7..].Trim());
        var m = Shape().Match(t.ToLowerInvariant().Replace(" ", ""));
        if (!m.Success || !Names.TryGetValue(m.Groups["name"].Value, out var kind))
            throw new FormatException($"'{text}' is not a column type. Use one of: {string.Join(", ", Names.Keys)}, string(n), char(n), decimal(p,s), time(p), timestamp(p), timestamptz(p), or native:<engine type>.");
        int? a = m.Groups["a"].Success ? int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture) : null;
        int? b = m.Groups["b"].Success ? int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture) : null;
        return kind switch
        {
            PortableType.String => new ColumnType(kind, Length: a ?? throw new FormatException($"'{text}': {m.Groups["name"].Value} needs a length, e.g. string(100); use text for unbounded."),
                Fixed: m.Groups["name"].Value == "char"),
            PortableType.Decimal => new ColumnType(kind, Precision: a ?? 18, Scale: b ?? 0),
            PortableType.Time or PortableType.Timestamp or PortableType.TimestampTz when b is null && a is > 6 =>
                throw new FormatException($"'{text}': at most 6 fractional-second digits (microseconds)."),
            PortableType.Time or PortableType.Timestamp or PortableType.TimestampTz when b is null => new ColumnType(kind, Precision: a),
            _ when a is not null => throw new FormatException($"'{text}': {m.Groups["name"].Value} takes no size."),
            _ => new ColumnType(kind),
        };
    }

    /// <summary>"an int32", "a string(10)": the type with its article, for messages.</summary>
    internal string WithArticle() => (ToString() is var text && text.Length > 0 && "aeioAEIO".Contains(text[0], StringComparison.Ordinal) ? "an " : "a ") + text;

    /// <summary>The schema-file spelling.</summary>
    public override string ToString() => Kind switch
    {
        PortableType.String => Fixed ? $"char({Length})" : $"string({Length})",
        PortableType.Time or PortableType.Timestamp or PortableType.TimestampTz when Precision is not null => $"{Kind.ToString().ToLowerInvariant()}({Precision})",
        PortableType.Decimal => $"decimal({Precision},{Scale})",
        PortableType.Native => "native:" + Native,
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
