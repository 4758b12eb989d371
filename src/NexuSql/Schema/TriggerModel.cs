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
    /// <summary>
    /// The schema of <see cref="Table"/> (and of the trigger) when it is not the connection's current one (see
    /// <see cref="TableModel.Schema"/>); null otherwise.
    /// </summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; init; }

    /// <summary>
    /// A PostgreSQL rule (<c>CREATE RULE ... AS ON DELETE TO t DO INSTEAD NOTHING</c>, <c>pg_get_ruledef</c>) rather than a
    /// trigger: it rewrites the statements on its table or view. Carried like a trigger: created after the rows, on the
    /// engine it was read from only; <see cref="State"/> is its <c>ALTER TABLE ... DISABLE RULE</c> state.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Rule { get; init; }

    /// <summary>What plans and messages call it: <c>trigger</c> or <c>rule</c>.</summary>
    [JsonIgnore]
    public string Kind => Rule ? "rule" : "trigger";

    /// <summary>The table as plans and messages name it: <c>table</c> or <c>schema.table</c>.</summary>
    [JsonIgnore]
    public string QualifiedTable => SchemaModel.Qualify(Schema, Table);

    /// <summary>The engine whose SQL <see cref="Sql"/> is (set when read from a database); null for "the target's".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(JsonStringEnumConverter<NexuSqlEngine>))]
    public NexuSqlEngine? Engine { get; init; }

    /// <summary>
    /// PostgreSQL's firing state when it is not the default (<c>ALTER TABLE ... DISABLE TRIGGER</c>): <c>"disabled"</c>,
    /// <c>"replica"</c> (fires only in replica sessions) or <c>"always"</c>; null for an enabled trigger.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? State { get; init; }

    /// <summary>
    /// MariaDB/MySQL: the trigger of the same table, timing and event it fires after (its <c>FOLLOWS</c>, kept in
    /// <see cref="Sql"/> too); it is created after that one. Null for the first, and on other engines.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Follows { get; init; }

    /// <summary>
    /// MariaDB/MySQL: the <c>sql_mode</c> it was created under (information_schema's <c>SQL_MODE</c>), which decides how its
    /// body reads and runs (<c>||</c> is concatenation under PIPES_AS_CONCAT, <c>"</c> quotes names under ANSI_QUOTES);
    /// it is created under that mode again. Null on other engines.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SqlMode { get; init; }

    /// <summary>
    /// PostgreSQL: a row trigger of a partitioned table is cloned on each partition by its CREATE TRIGGER, and a clone can
    /// be disabled (or enabled) on its own (<c>ALTER TABLE partition DISABLE TRIGGER name</c>). When a clone's state is not
    /// the trigger's, every clone's state, parents before their partitions, set after the trigger is created; null when
    /// every clone fires as the trigger does.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TriggerPartitionState>? PartitionStates { get; init; }

    /// <summary>PostgreSQL <c>COMMENT ON TRIGGER</c> (a trigger's, not a rule's), set after the trigger is created; null when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Comment { get; init; }

    /// <summary>The triggers with each one after the trigger it <see cref="Follows"/> (otherwise in the given order).</summary>
    public static IReadOnlyList<TriggerModel> InCreationOrder(IEnumerable<TriggerModel> triggers)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        var pending = triggers.ToList();
        var ordered = new List<TriggerModel>();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(t => t.Follows is not { } f
                || !pending.Any(p => string.Equals(p.Name, f, StringComparison.OrdinalIgnoreCase) && string.Equals(p.Table, t.Table, StringComparison.OrdinalIgnoreCase))) ?? pending[0];
            ordered.Add(ready);
            pending.Remove(ready);
        }
        return ordered;
    }
}

/// <summary>The firing state of a partition's clone of a partitioned table's trigger (<see cref="TriggerModel.PartitionStates"/>).</summary>
/// <param name="Table">The partition.</param>
/// <param name="State"><c>"enabled"</c>, <c>"disabled"</c>, <c>"replica"</c> or <c>"always"</c>.</param>
public sealed record TriggerPartitionState(string Table, string State);
