using System.Text.Json.Serialization;

namespace NexuSql.Schema;

public sealed partial record TableModel
{
    /// <summary>
    /// PostgreSQL storage parameters, as <c>pg_class.reloptions</c> lists them (<c>["fillfactor=50", "autovacuum_enabled=false"]</c>):
    /// written as <c>WITH (...)</c> where the engine has them (<see cref="Dialects.SqlDialect.TableStorageSettings"/>); null when none.
    /// Into another engine they are named as not carried.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? StorageParameters { get; init; }

    /// <summary>
    /// PostgreSQL <c>REPLICA IDENTITY FULL</c> (<c>"full"</c>) or <c>NOTHING</c> (<c>"nothing"</c>): what logical replication
    /// logs of an updated or deleted row; null for the default (the primary key). Into another engine it is named as not carried.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReplicaIdentity { get; init; }

    /// <summary>
    /// PostgreSQL typed table (<c>CREATE TABLE t OF person</c>): the composite type whose columns it has, as
    /// <c>format_type</c> names it (schema-qualified when not on the search path); null for a table of its own. Created as
    /// a table of those columns, then <c>ALTER TABLE t OF person</c> (break test 26 G39); into another engine named as not carried.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OfType { get; init; }

    /// <summary>
    /// PostgreSQL <c>ALTER TABLE t CLUSTER ON i</c>: the index (or key constraint) a plain <c>CLUSTER t</c> orders the
    /// table by; null when none is marked. Set after the indexes are built; into another engine it is named as not carried.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClusterOn { get; init; }

    /// <summary>Whether a column has a PostgreSQL setting <see cref="WithoutStorageSettings"/> takes away.</summary>
    private static bool HasSettings(ColumnModel c) => c.Storage is not null || c.Statistics is not null || c.Compression is not null || c.AttributeOptions is not null;

    /// <summary>
    /// The table without its PostgreSQL storage settings, CLUSTER ON (and its columns' STORAGE, STATISTICS, COMPRESSION and
    /// attribute options), each named in <paramref name="notes"/>.
    /// </summary>
    internal TableModel WithoutStorageSettings(ICollection<string> notes, string engine)
    {
        if (StorageParameters is null && ReplicaIdentity is null && OfType is null && ClusterOn is null && !Columns.Any(HasSettings)) return this;
        if (ClusterOn is { } cluster) notes.Add($"CLUSTER ON {cluster} of table {QualifiedName}: {engine} has none");
        if (OfType is { } type) notes.Add($"table {QualifiedName} is a typed table (OF {type}): {engine} has none; created as a table of its columns");
        if (StorageParameters is { } parameters) notes.Add($"storage parameters of table {QualifiedName} ({string.Join(", ", parameters)}): {engine} has none");
        if (ReplicaIdentity is { } identity) notes.Add($"REPLICA IDENTITY {identity.ToUpperInvariant()} of table {QualifiedName}: {engine} has none");
        foreach (var c in Columns.Where(HasSettings))
            notes.Add($"{string.Join(" and ", new[]
                {
                    c.Storage is { } s ? "STORAGE " + s.ToUpperInvariant() : null, c.Statistics is { } n ? "STATISTICS " + n : null,
                    c.Compression is { } z ? "COMPRESSION " + z : null, c.AttributeOptions is { } o ? $"({string.Join(", ", o)})" : null,
                }.OfType<string>())} " +
                $"of column {QualifiedName}.{c.Name}: {engine} has no such column settings");
        return this with
        {
            StorageParameters = null, ReplicaIdentity = null, OfType = null, ClusterOn = null,
            Columns = [.. Columns.Select(c => !HasSettings(c) ? c : c with { Storage = null, Statistics = null, Compression = null, AttributeOptions = null })],
        };
    }
}
