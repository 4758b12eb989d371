using System.Text.Json.Serialization;

namespace NexuSql.Schema;

/// <summary>
/// A row-level-security policy (PostgreSQL <c>CREATE POLICY</c>), kept as the statement that creates it, written from
/// <c>pg_policy</c>. It takes effect when its table has <see cref="TableModel.RowLevelSecurity"/> on.
/// </summary>
/// <param name="Name">The policy's name (unique per table).</param>
/// <param name="Table">The table it guards.</param>
/// <param name="Sql">The complete CREATE POLICY statement.</param>
public sealed record PolicyModel(string Name, string Table, string Sql)
{
    /// <summary>The schema of <see cref="Table"/> when it is not the connection's current one (see <see cref="TableModel.Schema"/>); null otherwise.</summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; init; }

    /// <summary>The table as plans and messages name it: <c>table</c> or <c>schema.table</c>.</summary>
    [JsonIgnore]
    public string QualifiedTable => SchemaModel.Qualify(Schema, Table);

    /// <summary>The engine whose SQL <see cref="Sql"/> is (set when read from a database); null for "the target's".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(JsonStringEnumConverter<NexuSqlEngine>))]
    public NexuSqlEngine? Engine { get; init; }
}
