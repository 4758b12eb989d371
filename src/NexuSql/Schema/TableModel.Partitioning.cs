using System.Text.Json.Serialization;

namespace NexuSql.Schema;

public sealed partial record TableModel
{
    /// <summary>
    /// A partitioned table's partition key as PostgreSQL prints it (<c>pg_get_partkeydef</c>: <c>RANGE (logdate)</c>,
    /// <c>LIST (lower(region))</c>, <c>HASH (id)</c>): the table holds no rows of its own, its partitions do. Null for
    /// a table that is not partitioned. PostgreSQL's own SQL; other engines get a plain table (named as not recreated).
    /// </summary>
    public string? PartitionBy { get; init; }

    /// <summary>
    /// The partitioned table this table is a partition of (<c>CREATE TABLE t PARTITION OF parent ...</c>), with its
    /// <see cref="PartitionBound"/>; null otherwise. Its columns and the keys, indexes and checks declared on the
    /// parent come from the parent (<see cref="ColumnModel.Inherited"/> and the others' <c>Inherited</c>).
    /// </summary>
    public string? PartitionOf { get; init; }

    /// <summary>
    /// A partition's bound as PostgreSQL prints it (<c>pg_get_expr(relpartbound)</c>: <c>FOR VALUES FROM ('2024-01-01')
    /// TO ('2025-01-01')</c>, <c>FOR VALUES IN ('a', 'b')</c>, <c>FOR VALUES WITH (modulus 4, remainder 0)</c>, or
    /// <c>DEFAULT</c>); null unless <see cref="PartitionOf"/> is set.
    /// </summary>
    public string? PartitionBound { get; init; }

    /// <summary>
    /// The tables this one inherits from (PostgreSQL <c>INHERITS (parent)</c>), in their declared order; null when none.
    /// Inherited columns and checks are marked <c>Inherited</c> and are not declared again by the child.
    /// </summary>
    public IReadOnlyList<string>? Inherits { get; init; }

    /// <summary>
    /// The partitions (names, in this table's schema) whose rows this plain table holds on an engine without
    /// partitioning (<see cref="CrossEngineSchema.WithPartitionsInRoots"/>): read from PostgreSQL with theirs
    /// (<see cref="Dialects.SqlDialect.RowsSql"/>), restored from their backup entries. Null otherwise. Not part of the schema's JSON.
    /// </summary>
    [JsonIgnore]
    internal IReadOnlyList<string>? PartitionsFolded { get; init; }

    /// <summary>
    /// PostgreSQL: the partitions and inheritance children of this table that lie in another schema (<c>archive.ev_old</c>),
    /// which the model does not hold as its children (each is read as a plain table): backup and copy refuse the table,
    /// which would arrive without their rows (break test 32 F19). Null when none. Not part of the schema's JSON.
    /// </summary>
    [JsonIgnore]
    internal IReadOnlyList<string>? ChildrenInOtherSchemas { get; init; }

    /// <summary>
    /// A partitioned table read with its partitions' rows (plain <c>t</c>, not <c>ONLY t</c>, <see cref="Dialects.SqlDialect.RowsSql"/>):
    /// where rows are written into it and its partitions are not moved as tables of their own (import and seed look its
    /// rows up, a <c>--data-only</c> copy from a table that is not partitioned reads back what it loaded), the rows it
    /// took are in its partitions. False otherwise. Not part of the schema's JSON.
    /// </summary>
    [JsonIgnore]
    internal bool ReadWithPartitions { get; init; }

    /// <summary>The table read with its partitions' rows (<see cref="ReadWithPartitions"/>) where it is partitioned; itself otherwise.</summary>
    internal TableModel WithPartitionRows() => PartitionBy is null ? this : this with { ReadWithPartitions = true };

    /// <summary>PostgreSQL <c>UNLOGGED</c>: not written to the write-ahead log (emptied after a crash, not replicated). Other engines' tables are always logged.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Unlogged { get; init; }

    /// <summary>The tables this one is created after: its partition parent, or the tables it inherits from.</summary>
    [JsonIgnore]
    public IEnumerable<string> Parents => PartitionOf is { } of ? [of] : Inherits ?? [];

    /// <summary>
    /// The table without what it takes from a parent (<c>Inherited</c> keys, unique constraints, foreign keys, checks
    /// and indexes): what its own DDL creates; the parent's creates the rest on it. Columns stay (the DDL writer leaves
    /// out the inherited ones).
    /// </summary>
    internal TableModel WithoutInherited() => !HasInherited ? this : this with
    {
        PrimaryKey = PrimaryKey is { Inherited: true } ? null : PrimaryKey,
        Uniques = [.. Uniques.Where(u => !u.Inherited)],
        ForeignKeys = [.. ForeignKeys.Where(f => !f.Inherited)],
        Checks = [.. Checks.Where(c => !c.Inherited)],
        Indexes = [.. Indexes.Where(i => !i.Inherited)],
    };

    /// <summary>
    /// The table with its columns' column-level checks (<see cref="ColumnModel.Check"/>) as table checks of the same
    /// name: what an engine whose catalog keeps no column level (PostgreSQL, SQLite) creates and reads back.
    /// </summary>
    internal TableModel WithColumnChecksAsTableChecks() => Columns.All(c => c.Check is null) ? this : this with
    {
        Columns = [.. Columns.Select(c => c.Check is null ? c : c with { Check = null })],
        Checks = [.. Checks, .. Columns.Where(c => c.Check is not null).Select(c => c.Check!)],
    };

    /// <summary>The table as a plain one (another engine's): nothing inherited, not partitioned, logged; what it was, for <paramref name="notes"/>.</summary>
    internal TableModel AsPlainTable(List<string> notes)
    {
        var what = new List<string>();
        if (PartitionBy is not null) what.Add("partitioned: recreated as a plain table, its partitions as tables of their own");
        if (PartitionOf is not null) what.Add($"a partition of {PartitionOf}: recreated as a plain table");
        else if (Inherits is { Count: > 0 } parents) what.Add($"INHERITS {string.Join(", ", parents)}: recreated as a plain table holding its own rows, which {string.Join(", ", parents)} there does not give as PostgreSQL does");
        if (Unlogged) what.Add("UNLOGGED: recreated as a logged table");
        if (what.Count == 0 && !HasInherited && !Columns.Any(c => c.Inherited)) return this;
        if (what.Count > 0) notes.Add($"table {Name} ({string.Join("; ", what)})");
        return WithoutParents() with { PartitionBy = null, Unlogged = false };
    }

    /// <summary>The table on its own (its parent left out): neither a partition nor a child, what it inherited its own.</summary>
    internal TableModel WithoutParents() => !Parents.Any() && !HasInherited && !Columns.Any(c => c.Inherited) ? this : this with
        {
            PartitionOf = null, PartitionBound = null, Inherits = null,
            Columns = [.. Columns.Select(c => c.Inherited ? c with { Inherited = false } : c)],
            PrimaryKey = PrimaryKey is { Inherited: true } pk ? pk with { Inherited = false } : PrimaryKey,
            Uniques = [.. Uniques.Select(u => u with { Inherited = false })],
            ForeignKeys = [.. ForeignKeys.Select(f => f with { Inherited = false })],
            Checks = [.. Checks.Select(c => c with { Inherited = false })],
            Indexes = [.. Indexes.Select(i => i with { Inherited = false })],
        };

    private bool HasInherited => PrimaryKey is { Inherited: true } || Uniques.Any(u => u.Inherited) || ForeignKeys.Any(f => f.Inherited)
        || Checks.Any(c => c.Inherited) || Indexes.Any(i => i.Inherited);
}
