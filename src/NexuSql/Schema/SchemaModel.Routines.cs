using System.Text.Json.Serialization;

namespace NexuSql.Schema;

public sealed partial record SchemaModel
{
    /// <summary>Stored functions and procedures, created before the tables (defaults and checks may call them).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<RoutineModel>? Routines { get; init; }

    /// <summary>Triggers, created after the tables (and, by restore and copy, after the rows: they do not fire during the load).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<TriggerModel>? Triggers { get; init; }

    /// <summary>Row-level-security policies (PostgreSQL), created after the tables.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<PolicyModel>? Policies { get; init; }

    /// <summary>True when the schema holds routines, triggers, policies or a table with row-level security.</summary>
    [JsonIgnore]
    public bool HasRoutines => Routines is { Count: > 0 } || Triggers is { Count: > 0 } || Policies is { Count: > 0 }
        || Tables.Any(t => t.RowLevelSecurity || t.ForceRowLevelSecurity);

    /// <summary>Routines, triggers and policies in name order, empty lists as none, SQL without a trailing semicolon.</summary>
    private SchemaModel WithCanonicalRoutines(SchemaModel source) => this with
    {
        Routines = source.Routines is { Count: > 0 } r
            ? [.. r.Select(x => x with { Sql = SqlText.Trimmed(x.Sql) }).OrderBy(x => x.Signature, StringComparer.Ordinal)] : null,
        Triggers = source.Triggers is { Count: > 0 } t
            ? [.. t.Select(x => x with { Sql = SqlText.Trimmed(x.Sql) }).OrderBy(x => x.Table, StringComparer.Ordinal).ThenBy(x => x.Schema, StringComparer.Ordinal).ThenBy(x => x.Name, StringComparer.Ordinal)] : null,
        Policies = source.Policies is { Count: > 0 } p
            ? [.. p.Select(x => x with { Sql = SqlText.Trimmed(x.Sql) }).OrderBy(x => x.Table, StringComparer.Ordinal).ThenBy(x => x.Schema, StringComparer.Ordinal).ThenBy(x => x.Name, StringComparer.Ordinal)] : null,
    };
}
