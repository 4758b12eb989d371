using NexuSql.Dialects;

namespace NexuSql.Schema;

public static partial class SchemaDiff
{
    /// <summary>
    /// Indexes of the desired schema the engine cannot create as they are: refused by name, and taken out of both sides
    /// (the plan neither creates a weaker one nor drops a live index of that name).
    /// </summary>
    private static void RefuseUnsupportedIndexes(Dictionary<string, TableModel> cur, Dictionary<string, TableModel> des, SqlDialect d, Action<string, string> refuse)
    {
        foreach (var t in des.Values.ToList())
        {
            var unsupported = t.Indexes.Where(i => d.Indexes.Unsupported(i, d.Engine) is not null).ToList();
            if (unsupported.Count == 0) continue;
            foreach (var i in unsupported)
                refuse($"create index {i.Name} on {t.Name} {IndexText.Describe(i)}",
                    $"{d.Indexes.Unsupported(i, d.Engine)}; {(i.Unique ? "a weaker unique index would let rows in that the original refuses" : "create it in a migration for this engine")}");
            des[t.Name] = t with { Indexes = [.. t.Indexes.Except(unsupported)] };
            if (cur.TryGetValue(t.Name, out var now))
                cur[t.Name] = now with { Indexes = [.. now.Indexes.Where(i => !unsupported.Any(u => string.Equals(u.Name, i.Name, StringComparison.OrdinalIgnoreCase)))] };
        }
    }

    /// <summary>"drop index x on t", or "change index x on t: before → after" when the desired schema has it changed.</summary>
    private static string DropIndexDescription(string table, IndexModel index, TableModel to) =>
        to.Indexes.FirstOrDefault(i => string.Equals(i.Name, index.Name, StringComparison.OrdinalIgnoreCase)) is { } changed
            ? $"change index {index.Name} on {table}: {IndexText.Describe(index)} → {IndexText.Describe(changed)} (drop, then create)"
            : $"drop index {index.Name} on {table}";

    /// <summary>
    /// Indexes are the same when name, uniqueness, key parts, predicate, included columns and method agree;
    /// expressions and predicates are compared by meaning (<see cref="SqlExpressionText"/>: PostgreSQL's added casts
    /// and parentheses do not count), the default method (btree) equals none.
    /// </summary>
    /// <remarks>Key and included columns by their spelling where the engine tells column names apart by case (PostgreSQL: <c>a(n)</c> and <c>a("N")</c> are two indexes; bt53 O13).</remarks>
    private sealed class IndexComparer(StringComparison columns) : IEqualityComparer<IndexModel>
    {
        private static readonly IndexComparer Folded = new(StringComparison.OrdinalIgnoreCase), Exact = new(StringComparison.Ordinal);

        /// <summary>The comparer for <paramref name="d"/>'s column names.</summary>
        public static IndexComparer For(SqlDialect d) => d.ColumnNamesIgnoreCase ? Folded : Exact;

        public bool Equals(IndexModel? a, IndexModel? b) =>
            a is not null && b is not null && string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase) && a.Unique == b.Unique
            && a.Columns.Count == b.Columns.Count && a.Columns.Zip(b.Columns).All(p => SamePart(p.First, p.Second))
            && SameExpression(a.Where, b.Where) && a.NullsNotDistinct == b.NullsNotDistinct && a.Ignored == b.Ignored
            && (a.Include ?? []).SequenceEqual(b.Include ?? [], StringComparer.FromComparison(columns))
            && (a.StorageParameters ?? []).Order(StringComparer.Ordinal).SequenceEqual((b.StorageParameters ?? []).Order(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase)
            && (IndexModel.IsDefaultMethod(a.Method) ? IndexModel.IsDefaultMethod(b.Method) : string.Equals(a.Method, b.Method, StringComparison.OrdinalIgnoreCase));

        public int GetHashCode(IndexModel i) => StringComparer.OrdinalIgnoreCase.GetHashCode(i.Name);

        private bool SamePart(IndexColumn a, IndexColumn b) =>
            string.Equals(a.Name, b.Name, columns) && a.Descending == b.Descending
            && string.Equals(a.Collation, b.Collation, StringComparison.OrdinalIgnoreCase) && SameExpression(a.Expression, b.Expression)
            && a.Length == b.Length && string.Equals(a.OperatorClass, b.OperatorClass, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Nulls, b.Nulls, StringComparison.OrdinalIgnoreCase);

        private static bool SameExpression(string? a, string? b) => a is null ? b is null : b is not null && SqlExpressionText.SameMeaning(a, b);
    }
}
