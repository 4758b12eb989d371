using NexuSql.Dialects;

namespace NexuSql.Schema;

/// <summary>
/// Column defaults and checks that call a function created after their table: PostgreSQL checks a SQL-standard body
/// (<c>RETURN (SELECT ... FROM seqs)</c>) against the tables it reads, so that function comes after them
/// (<see cref="RoutineStage.AfterTables"/>), and a table whose default or check calls it cannot be created first (bt50 M2,
/// bt51 F1: every PostgreSQL to PostgreSQL apply, copy and restore failed with 42883). The table is created without them,
/// and they are added by <c>ALTER TABLE</c> once the function exists, as pg_dump does. Restore, copy and
/// <c>schema apply</c> share it.
/// </summary>
internal static class LateCalls
{
    /// <summary>A column's default (<see cref="Check"/> null) or a table's check that waits for a function.</summary>
    public sealed record Late(TableModel Table, ColumnModel? Column, CheckModel? Check)
    {
        /// <summary>What it is, for a plan: "set default of column t.code", "add check t_ok on t".</summary>
        public string Description => Check is { } c ? $"add check {c.Name ?? c.Expression} on {Table.QualifiedName}" : $"set default of column {Table.QualifiedName}.{Column!.Name}";
    }

    /// <summary>
    /// The defaults and checks of <paramref name="schema"/> that call a function it creates at <paramref name="from"/> or
    /// later (up to the tables' stage: a function reading a view comes after the rows, its callers are created as they are).
    /// </summary>
    public static IReadOnlyList<Late> Of(SchemaModel schema, SqlDialect d, RoutineStage from)
    {
        var late = (schema.Routines ?? []).Where(r => !r.IsProcedure && d.StageOf(r, schema) is var s && s >= from && s <= RoutineStage.AfterTables).ToList();
        if (late.Count == 0) return [];
        bool Calls(string? sql) => late.Any(r => r.IsCalledBy(sql));
        return [.. schema.Tables.SelectMany(t => t.Columns.Where(c => Calls(c.Default)).Select(c => new Late(t, c, null))
            .Concat(t.WithoutInherited().Checks.Where(k => !k.NotValid && Calls(k.Expression)).Select(k => new Late(t, null, k))))];
    }

    /// <summary><paramref name="table"/> without the defaults and checks of <paramref name="late"/> (the table as it is created).</summary>
    public static TableModel Without(TableModel table, IReadOnlyList<Late> late)
    {
        var mine = late.Where(l => string.Equals(l.Table.QualifiedName, table.QualifiedName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (mine.Count == 0) return table;
        return table with
        {
            Columns = [.. table.Columns.Select(c => mine.Any(l => l.Column is { } x && string.Equals(x.Name, c.Name, StringComparison.OrdinalIgnoreCase)) ? c with { Default = null } : c)],
            Checks = [.. table.Checks.Where(k => !mine.Any(l => l.Check is { } x && x.Name == k.Name && x.Expression == k.Expression))],
        };
    }

    /// <summary>The statement that adds <paramref name="late"/>: <c>ALTER TABLE ... ALTER COLUMN ... SET DEFAULT</c> or <c>ALTER TABLE ... ADD CONSTRAINT ... CHECK</c>.</summary>
    public static string Sql(Late late, SqlDialect d)
    {
        ArgumentNullException.ThrowIfNull(late);
        var table = d.QuoteName(late.Table.Schema, late.Table.Name);
        return late.Check is { } check ? $"ALTER TABLE {table} ADD {SchemaScript.Check(check, d, late.Table)}"
            : $"ALTER TABLE {table} ALTER COLUMN {d.QuoteIdentifier(late.Column!.Name)} SET DEFAULT {d.ColumnDefaultSql(late.Column)}";
    }
}
