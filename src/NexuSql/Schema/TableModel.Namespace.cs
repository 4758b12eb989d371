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

    /// <summary>
    /// The column spelled <paramref name="name"/>, else the only one whose name is it regardless of case (a folding
    /// engine's <c>qty</c> for <c>Qty</c>); null when none is, or two differ from it by case alone (<c>"A"</c> and <c>a</c>
    /// of one PostgreSQL table: bt41 F15, a data-only copy wrote a source's a into the target's "A").
    /// </summary>
    internal ColumnModel? ColumnNamed(string name) => NamePairing.Find(Columns, c => c.Name, name);
}
