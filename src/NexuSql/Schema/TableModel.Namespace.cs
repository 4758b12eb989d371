using System.Text.Json.Serialization;

namespace NexuSql.Schema;

public sealed partial record TableModel
{
    /// <summary>
    /// The schema (namespace inside the database, PostgreSQL's <c>CREATE SCHEMA</c>) the table is in when it is not
    /// the connection's current one; null for the current schema, so that a file without schemas means what it always did.
    /// </summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; init; }

    /// <summary>The table as plans and messages name it: <c>name</c>, or <c>schema.name</c> outside the current schema.</summary>
    [JsonIgnore]
    public string QualifiedName => SchemaModel.Qualify(Schema, Name);
}
