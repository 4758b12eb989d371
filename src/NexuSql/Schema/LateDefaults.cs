using NexuSql.Dialects;

namespace NexuSql.Schema;

/// <summary>
/// Column defaults that call a function created after their table: PostgreSQL checks a SQL-standard body
/// (<c>RETURN (SELECT ... FROM seqs)</c>) against the tables it reads, so that function comes after them
/// (<see cref="RoutineStage.AfterTables"/>), and a table whose default calls it cannot be created first (bt50 M2: every
/// PostgreSQL to PostgreSQL apply, copy and restore failed with 42883). The table is created without such a default, and
/// the default is set by <c>ALTER TABLE ... ALTER COLUMN ... SET DEFAULT</c> once the function exists, as pg_dump does.
/// Restore, copy and <c>schema apply</c> share it.
/// </summary>
internal static class LateDefaults
{
    /// <summary>The columns of <paramref name="schema"/> whose default calls a function it creates at <paramref name="from"/> or later.</summary>
    public static IReadOnlyList<(TableModel Table, ColumnModel Column)> Of(SchemaModel schema, SqlDialect d, RoutineStage from)
    {
        var late = (schema.Routines ?? []).Where(r => !r.IsProcedure && d.StageOf(r, schema) >= from).ToList();
        return late.Count == 0 ? [] : [.. schema.Tables.SelectMany(t => t.Columns.Where(c => late.Any(r => r.IsCalledBy(c.Default))).Select(c => (t, c)))];
    }

    /// <summary><paramref name="table"/> without the defaults of <paramref name="late"/> (the table as it is created).</summary>
    public static TableModel Without(TableModel table, IReadOnlyList<(TableModel Table, ColumnModel Column)> late) =>
        late.Any(l => Same(l.Table, table))
            ? table with { Columns = [.. table.Columns.Select(c => late.Any(l => Same(l.Table, table) && string.Equals(l.Column.Name, c.Name, StringComparison.OrdinalIgnoreCase)) ? c with { Default = null } : c)] }
            : table;

    /// <summary>The statement that sets the default of <paramref name="column"/> in <paramref name="table"/>.</summary>
    public static string SetDefaultSql(TableModel table, ColumnModel column, SqlDialect d) =>
        $"ALTER TABLE {d.QuoteName(table.Schema, table.Name)} ALTER COLUMN {d.QuoteIdentifier(column.Name)} SET DEFAULT {d.ColumnDefaultSql(column)}";

    private static bool Same(TableModel a, TableModel b) =>
        ReferenceEquals(a, b) || string.Equals(a.QualifiedName, b.QualifiedName, StringComparison.OrdinalIgnoreCase);
}
