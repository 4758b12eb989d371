using System.Text.Json.Serialization;

namespace NexuSql.Schema;

/// <summary>
/// A trigger, kept as the engine's own <c>CREATE TRIGGER</c> statement (PostgreSQL <c>pg_get_triggerdef</c>, MariaDB
/// built from <c>information_schema.TRIGGERS</c> without its DEFINER, SQLite the text in <c>sqlite_master</c>).
/// </summary>
/// <param name="Name">The trigger's name.</param>
/// <param name="Table">The table it fires on.</param>
/// <param name="Sql">The complete CREATE TRIGGER statement.</param>
public sealed record TriggerModel(string Name, string Table, string Sql)
{
    /// <summary>The engine whose SQL <see cref="Sql"/> is (set when read from a database); null for "the target's".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(JsonStringEnumConverter<NexuSqlEngine>))]
    public NexuSqlEngine? Engine { get; init; }
}
