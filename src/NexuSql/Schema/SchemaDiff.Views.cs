using NexuSql.Dialects;

namespace NexuSql.Schema;

public static partial class SchemaDiff
{
    /// <summary>
    /// <paramref name="dropped"/> and the views of <paramref name="views"/> that read one of them, by name (as a word of
    /// their SQL), again and again: those must be dropped first and created again after.
    /// </summary>
    internal static IReadOnlyList<ViewModel> ViewsDroppedWithDependents(IReadOnlyList<ViewModel> views, IReadOnlyList<ViewModel> dropped)
    {
        var all = dropped.ToList();
        for (var grown = true; grown;)
        {
            var more = views.Where(v => !all.Contains(v) && all.Any(o => SqlText.Mentions(v.Sql, o.Name))).ToList();
            all.AddRange(more);
            grown = more.Count > 0;
        }
        return all;
    }

    /// <summary>The indexes of materialized views that stay (<paramref name="kept"/>: live, desired) and lose or change an index: dropped first.</summary>
    private static void PlanMaterializedViewIndexDrops(IReadOnlyList<(ViewModel From, ViewModel To)> kept, SqlDialect d, Action<SchemaChange> add)
    {
        foreach (var (from, to) in kept)
            foreach (var i in (from.Indexes ?? []).Where(i => !(to.Indexes ?? []).Contains(i, IndexComparer.For(d))))
                add(new SchemaChange(DropIndexDescription(from.QualifiedName, i, new TableModel(to.Name, []) { Indexes = to.Indexes ?? [] }),
                    [$"DROP INDEX {d.QuoteName(from.Schema, i.Name)}"], Destructive: true));
    }

    /// <summary>The indexes that materialized views that stay (<paramref name="kept"/>: live, desired) gain or change: created last.</summary>
    private static void PlanMaterializedViewIndexCreates(IReadOnlyList<(ViewModel From, ViewModel To)> kept, SqlDialect d, Action<SchemaChange> add)
    {
        foreach (var (from, to) in kept)
            foreach (var i in (to.Indexes ?? []).Where(i => !(from.Indexes ?? []).Contains(i, IndexComparer.For(d))))
                add(new SchemaChange($"create index {i.Name} on {to.QualifiedName}{(i.IsSpecial ? $" {IndexText.Describe(i)}" : "")}", [d.CreateIndexSql(to.Name, i, to.Schema)]));
    }
}
