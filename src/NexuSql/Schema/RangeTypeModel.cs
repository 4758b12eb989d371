using System.Text.Json.Serialization;

namespace NexuSql.Schema;

/// <summary>
/// A PostgreSQL range type (<c>CREATE TYPE name AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi)</c>): PostgreSQL →
/// PostgreSQL recreates it with the domains and composite types, before the tables (break test 30 F14); other engines
/// have no range types, so a column of one is refused by name there. Each option is kept only where it is not the
/// default PostgreSQL would choose.
/// </summary>
/// <param name="Name">The type's name (pg_type.typname, as written).</param>
/// <param name="Subtype">The element type as format_type prints it (<c>double precision</c>, <c>"Outer"</c>).</param>
public sealed record RangeTypeModel(string Name, string Subtype)
{
    /// <summary>The type's schema when it is not the connection's current one (see <see cref="TableModel.Schema"/>); null otherwise.</summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; init; }

    /// <summary>The B-tree operator class ordering the subtype, when it is not the subtype's default (qualified: <c>pg_catalog.text_pattern_ops</c>); else null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SubtypeOpClass { get; init; }

    /// <summary>The collation of a text subtype, when it is not the subtype's default; else null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Collation { get; init; }

    /// <summary>The canonical function (of a discrete range), qualified; null when there is none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Canonical { get; init; }

    /// <summary>The subtype difference function (used by GiST indexes), qualified; null when there is none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SubtypeDiff { get; init; }

    /// <summary>The multirange type's name (PostgreSQL 14+) when it is not the default one PostgreSQL derives from the range's name; else null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MultirangeTypeName { get; init; }

    /// <summary>The type as columns, plans and messages name it: <c>name</c> or <c>schema.name</c> (unquoted).</summary>
    [JsonIgnore]
    public string QualifiedName => SchemaModel.Qualify(Schema, Name);

    /// <summary>
    /// The multirange type PostgreSQL derives from a range's name: <c>range</c> in it (the first) replaced by
    /// <c>multirange</c>, else <c>_multirange</c> appended (CREATE TYPE, "Range Types").
    /// </summary>
    public static string DefaultMultirangeName(string rangeName)
    {
        ArgumentNullException.ThrowIfNull(rangeName);
        var at = rangeName.IndexOf("range", StringComparison.Ordinal);
        return at < 0 ? rangeName + "_multirange" : string.Concat(rangeName.AsSpan(0, at), "multirange", rangeName.AsSpan(at + 5));
    }

    /// <summary>The options as a message shows them: <c>subtype double precision, subtype_diff pg_catalog.float8mi</c>.</summary>
    internal string Definition => string.Join(", ", new[]
    {
        "subtype " + Subtype, SubtypeOpClass is null ? null : "subtype_opclass " + SubtypeOpClass, Collation is null ? null : "collation " + Collation,
        Canonical is null ? null : "canonical " + Canonical, SubtypeDiff is null ? null : "subtype_diff " + SubtypeDiff,
        MultirangeTypeName is null ? null : "multirange_type_name " + MultirangeTypeName,
    }.OfType<string>());

    /// <summary>The multirange type's name as columns use it (the default, or <see cref="MultirangeTypeName"/>), qualified like the range.</summary>
    internal string QualifiedMultirangeName => SchemaModel.Qualify(Schema, MultirangeTypeName ?? DefaultMultirangeName(Name));
}
