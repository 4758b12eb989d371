using System.Globalization;
using System.Text.RegularExpressions;

namespace NexuSql.Schema;

/// <summary>
/// A portable column type, written in schema files as <c>int32</c>, <c>string(100)</c>, <c>decimal(12,2)</c>,
/// <c>timestamptz</c> or <c>native:citext</c>.
/// </summary>
public sealed partial record ColumnType(PortableType Kind, int? Length = null, int? Precision = null, int? Scale = null, string? Native = null)
{
    [GeneratedRegex(@"^(?<name>[a-z0-9]+)(\((?<a>\d+)(,\s*(?<b>\d+))?\))?$")]
    private static partial Regex Shape();

    private static readonly Dictionary<string, PortableType> Names = new()
    {
        ["boolean"] = PortableType.Boolean, ["int16"] = PortableType.Int16, ["int32"] = PortableType.Int32, ["int64"] = PortableType.Int64,
        ["decimal"] = PortableType.Decimal, ["float32"] = PortableType.Float32, ["float64"] = PortableType.Float64,
        ["string"] = PortableType.String, ["text"] = PortableType.Text, ["binary"] = PortableType.Binary, ["uuid"] = PortableType.Uuid,
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
            throw new FormatException($"'{text}' is not a column type. Use one of: {string.Join(", ", Names.Keys)}, string(n), decimal(p,s), or native:<engine type>.");
        int? a = m.Groups["a"].Success ? int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture) : null;
        int? b = m.Groups["b"].Success ? int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture) : null;
        return kind switch
        {
            PortableType.String => new ColumnType(kind, Length: a ?? throw new FormatException($"'{text}': string needs a length, e.g. string(100); use text for unbounded.")),
            PortableType.Decimal => new ColumnType(kind, Precision: a ?? 18, Scale: b ?? 0),
            _ when a is not null => throw new FormatException($"'{text}': {m.Groups["name"].Value} takes no size."),
            _ => new ColumnType(kind),
        };
    }

    /// <summary>The schema-file spelling.</summary>
    public override string ToString() => Kind switch
    {
        PortableType.String => $"string({Length})",
        PortableType.Decimal => $"decimal({Precision},{Scale})",
        PortableType.Native => "native:" + Native,
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
