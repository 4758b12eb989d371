using System.Text.Json.Serialization;

namespace NexuSql.Schema;

/// <summary>
/// A PostgreSQL composite type (<c>CREATE TYPE name AS (attribute type [COLLATE c], ...)</c>): a row type that columns,
/// domains and other composite types may use. PostgreSQL → PostgreSQL recreates it before the tables; other engines
/// have no composite types, so a column of one is refused by name there.
/// </summary>
/// <param name="Name">The type's name (pg_type.typname, as written: <c>pair</c>, <c>Outer</c>).</param>
/// <param name="Attributes">The attributes in their order (pg_attribute.attnum).</param>
public sealed record CompositeTypeModel(string Name, IReadOnlyList<CompositeAttribute> Attributes)
{
    /// <summary>The type's schema when it is not the connection's current one (see <see cref="TableModel.Schema"/>); null otherwise.</summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; init; }

    /// <summary>The type as columns, plans and messages name it: <c>name</c> or <c>schema.name</c> (unquoted).</summary>
    [JsonIgnore]
    public string QualifiedName => SchemaModel.Qualify(Schema, Name);

    /// <summary>The same type: the same schema and name and the same attributes in the same order (name, type, collation).</summary>
    public bool Same(CompositeTypeModel? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Schema, other.Schema, StringComparison.Ordinal) && Attributes.SequenceEqual(other.Attributes);

    /// <summary>The attributes as a message shows them: <c>a integer, b text COLLATE C</c>.</summary>
    internal string AttributeList => string.Join(", ", Attributes.Select(a => $"{a.Name} {a.Type}" + (a.Collation is { } c ? " COLLATE " + c : "")));

    /// <summary>The names of the types the attributes use, without quotes and array brackets (<c>pair</c> for <c>"pair"[]</c>, <c>Geo.pt</c> for <c>"Geo".pt</c>).</summary>
    internal IEnumerable<string> UsedTypes => Attributes.Select(a => UserTypes.Element(a.Type));
}

/// <summary>One attribute of a <see cref="CompositeTypeModel"/>.</summary>
/// <param name="Name">The attribute's name.</param>
/// <param name="Type">Its type as PostgreSQL's format_type prints it (<c>integer</c>, <c>character varying(20)[]</c>, <c>pair</c>).</param>
public sealed record CompositeAttribute(string Name, string Type)
{
    /// <summary>A collation other than the type's default (<c>C</c>, a user collation), or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Collation { get; init; }
}
