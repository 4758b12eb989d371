using NexuSql.Dialects;

namespace NexuSql.Schema;

public static partial class SchemaDiff
{
    /// <summary>
    /// A kept table's partitioning, inheritance and UNLOGGED: a changed partition bound is a detach and an attach
    /// (PostgreSQL checks the partition's rows against the new bound), LOGGED/UNLOGGED an ALTER TABLE; a changed
    /// partition key, parent or inheritance is refused by name (it needs a new table and its rows moved).
    /// </summary>
    private static void PlanPartitioning(TableModel from, TableModel to, SqlDialect d, Action<SchemaChange> add, Action<string, string> refuse)
    {
        if (!d.SupportsPartitioning) return;
        if (!SameText(from.PartitionBy, to.PartitionBy))
            refuse($"change the partitioning of {to.Name}: {PartitioningOf(from)} → {PartitioningOf(to)}",
                "PostgreSQL cannot repartition a table in place; write a migration that creates the new table and moves the rows");
        if (!string.Equals(from.PartitionOf, to.PartitionOf, StringComparison.OrdinalIgnoreCase))
            refuse($"change {to.Name} from {ParentOf(from)} to {ParentOf(to)}", "not planned automatically; write a migration (ALTER TABLE ... DETACH / ATTACH PARTITION)");
        else if (to.PartitionOf is { } parent && !SameText(from.PartitionBound, to.PartitionBound))
            add(new SchemaChange($"change the bound of partition {to.Name} of {parent}: {from.PartitionBound} → {to.PartitionBound} (detach, then attach)",
                [$"ALTER TABLE {d.QuoteIdentifier(parent)} DETACH PARTITION {d.QuoteIdentifier(to.Name)}",
                 $"ALTER TABLE {d.QuoteIdentifier(parent)} ATTACH PARTITION {d.QuoteIdentifier(to.Name)} {to.PartitionBound}"]));
        var (was, now) = (from.Inherits ?? [], to.Inherits ?? []);
        if (!was.SequenceEqual(now, StringComparer.OrdinalIgnoreCase))
            refuse($"change what {to.Name} inherits: ({string.Join(", ", was)}) → ({string.Join(", ", now)})", "not planned automatically; write a migration (ALTER TABLE ... INHERIT / NO INHERIT)");
        if (from.Unlogged != to.Unlogged && d.SupportsUnloggedTables)
            add(new SchemaChange($"make {to.Name} {(to.Unlogged ? "UNLOGGED" : "LOGGED")}", [$"ALTER TABLE {d.QuoteIdentifier(to.Name)} SET {(to.Unlogged ? "UNLOGGED" : "LOGGED")}"]));
    }

    /// <summary>"PARTITION BY RANGE (d)", "PARTITION OF meas", "INHERITS (parent)", or "not partitioned".</summary>
    private static string PartitioningOf(TableModel t) => string.Join(", ", new[]
    {
        t.PartitionBy is { } by ? "PARTITION BY " + by : null,
        t.PartitionOf is { } of ? $"PARTITION OF {of} {t.PartitionBound}" : null,
        t.Inherits is { Count: > 0 } p ? $"INHERITS ({string.Join(", ", p)})" : null,
    }.OfType<string>()) is { Length: > 0 } s ? s : "not partitioned";

    private static string ParentOf(TableModel t) => t.PartitionOf is { } of ? $"a partition of {of}" : "no partition";

    /// <summary>The engine's SQL compared by meaning (casts, spacing and keyword case do not count; literals do).</summary>
    private static bool SameText(string? a, string? b) => a is null || b is null ? a == b : a == b || SqlExpressionText.SameMeaning(a, b);
}
