namespace NexuSql.Schema;

internal static partial class CrossEngineSchema
{
    /// <summary>
    /// For an engine without PostgreSQL's partitioning: each partitioned table whose partitions are in
    /// <paramref name="schema"/> becomes one plain table holding its partitions' rows (read with theirs:
    /// <see cref="TableModel.PartitionsFolded"/>), and its partitions are not created — as
    /// <c>pg_dump --load-via-partition-root</c> loads them. The application's queries name the partitioned table: a
    /// plain empty one beside a table per partition read as "no rows" (break test 31 B17). What the partitions had of
    /// their own (indexes, checks, keys, foreign keys declared on a partition alone) is named in <paramref name="notes"/>.
    /// </summary>
    /// <remarks>A partition whose partitioned table is not in <paramref name="schema"/> (<c>--tables</c> chose it alone) stays a table of its own.</remarks>
    /// <param name="schema">The schema read.</param>
    /// <param name="notes">Where what is not created is named.</param>
    /// <param name="roots">Which partitioned tables to fold; null for all.</param>
    internal static SchemaModel WithPartitionsInRoots(SchemaModel schema, List<string> notes, Func<TableModel, bool>? roots = null)
    {
        // (a partition whose parent is in another schema was read as a plain table: PostgreSqlSchemaReader)
        TableModel? Parent(TableModel t) => t.PartitionOf is { } of ? schema.Table(t.Schema, of) : null;
        // the farthest ancestor to fold (a partition of a partition goes into the root)
        TableModel? Into(TableModel t)
        {
            TableModel? into = null;
            for (var p = Parent(t); p is not null; p = Parent(p))
                if (roots?.Invoke(p) != false) into = p;
            return into;
        }
        var folded = schema.Tables.Select(t => (Table: t, Into: Into(t))).Where(x => x.Into is not null)
            .GroupBy(x => x.Into!, x => x.Table).ToDictionary(g => g.Key, g => g.ToList());
        if (folded.Count == 0) return schema;
        var gone = folded.Values.SelectMany(p => p).Select(p => p.QualifiedName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (root, parts) in folded)
        {
            notes.Add($"table {root.QualifiedName} (partitioned by {root.PartitionBy}): recreated as one plain table holding the rows of its partitions " +
                      $"{string.Join(", ", parts.Select(p => p.QualifiedName))}, which are not created");
            foreach (var p in parts)
            {
                var own = p.Indexes.Where(i => !i.Inherited).Select(i => $"index {i.Name}")
                    .Concat(p.Uniques.Where(u => !u.Inherited).Select(u => $"unique constraint {u.Name ?? "(unnamed)"}"))
                    .Concat(p.Checks.Where(c => !c.Inherited).Select(c => $"check {c.Name ?? "(unnamed)"}"))
                    .Concat(p.ForeignKeys.Where(f => !f.Inherited).Select(f => $"foreign key {f.Name ?? "(unnamed)"}"))
                    .Concat(p.PrimaryKey is { Inherited: false } pk ? [$"primary key {pk.Name ?? "(unnamed)"}"] : [])
                    .Concat(p.Comment is not null ? ["comment"] : [])
                    .Concat(p.Columns.Where(c => c.Comment is not null && c.Comment != root.Columns.FirstOrDefault(r => r.Name == c.Name)?.Comment).Select(c => $"comment on column {c.Name}")).ToList();
                if (own.Count > 0) notes.Add($"partition {p.QualifiedName}'s own {string.Join(", ", own)}: not created (its rows are in {root.QualifiedName})");
            }
        }
        return schema with
        {
            Tables = [.. schema.Tables.Where(t => !gone.Contains(t.QualifiedName)).Select(t =>
            {
                var table = folded.TryGetValue(t, out var parts) ? t with { PartitionBy = null, PartitionsFolded = [.. parts.Select(p => p.Name)] } : t;
                // a foreign key to one partition: its table is not created (the rows it allowed are in the partitioned table)
                return !table.ForeignKeys.Any(f => gone.Contains(f.QualifiedReferencedTable)) ? table : table with
                {
                    ForeignKeys = [.. table.ForeignKeys.Where(f =>
                    {
                        if (!gone.Contains(f.QualifiedReferencedTable)) return true;
                        notes.Add($"foreign key {f.Name ?? "(unnamed)"} on {table.QualifiedName} ({string.Join(", ", f.Columns)}) references {f.QualifiedReferencedTable}, " +
                                  "a partition whose rows are in its partitioned table: not created");
                        return false;
                    })],
                };
            })],
        };
    }

    /// <summary>
    /// <paramref name="schema"/> as verify compares it with a database of <paramref name="other"/>'s engine: where that
    /// one has no partitioning, each partitioned table with its partitions' rows, as copy and restore carry it.
    /// </summary>
    internal static SchemaModel ComparedWith(SchemaModel schema, Dialects.SqlDialect other) => other.SupportsPartitioning ? schema : WithPartitionsInRoots(schema, []);

    /// <summary>
    /// <paramref name="schema"/> as verify compares its rows with <paramref name="other"/>'s: a partitioned table whose
    /// table of the same name in the other database is plain (a copy through MariaDB made it so) is compared with its
    /// partitions' rows; and a table <c>--tables</c> (<paramref name="tables"/>) names without any of its partitions or
    /// inheritance children — also those in another schema, which the model does not hold as its children — is read as
    /// the application reads it, <c>SELECT ... FROM t</c> with theirs (<see cref="TableModel.ReadWithPartitions"/>). Read
    /// alone (<c>ONLY t</c>) it held no rows, or not those, and compared "OK" whatever they held (break test 32 F20, F10;
    /// break test 33 G11).
    /// </summary>
    internal static SchemaModel FoldedAgainst(SchemaModel schema, SchemaModel other, IReadOnlyCollection<string>? tables)
    {
        bool Named(TableModel t) => tables is { Count: > 0 } && tables.Any(n => string.Equals(n, t.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(n, t.QualifiedName, StringComparison.OrdinalIgnoreCase));
        IEnumerable<TableModel> Children(TableModel t) => schema.Tables.Where(c => c.Schema == t.Schema && c.Parents.Contains(t.Name, StringComparer.OrdinalIgnoreCase));
        bool AnyChildNamed(TableModel t) => Children(t).Any(c => Named(c) || AnyChildNamed(c));
        bool ReadWhole(TableModel t) => Named(t) && (t.PartitionBy is not null || t.ChildrenInOtherSchemas is { Count: > 0 } || Children(t).Any()) && !AnyChildNamed(t);
        bool PlainThere(TableModel t) => t.PartitionOf is null && other.Table(t.Schema, t.Name) is { PartitionBy: null, PartitionOf: null };
        var folded = WithPartitionsInRoots(schema, [], t => PlainThere(t) && !ReadWhole(t));
        return folded with { Tables = [.. folded.Tables.Select(t => ReadWhole(schema.Table(t.Schema, t.Name) ?? t) ? t with { ReadWithPartitions = true, PartitionsFolded = null } : t)] };
    }
}
