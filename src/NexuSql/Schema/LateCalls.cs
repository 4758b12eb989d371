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
    /// <summary>
    /// A column's default (<see cref="Check"/> null) or a table's check that waits for a function, created at
    /// <paramref name="Stage"/> (the latest of those it calls): <see cref="RoutineStage.AfterTables"/> or
    /// <see cref="RoutineStage.AfterViews"/>.
    /// </summary>
    public sealed record Late(TableModel? Table, ColumnModel? Column, CheckModel? Check, RoutineStage Stage)
    {
        /// <summary>
        /// The domain whose default (<see cref="Check"/> null) or check waits, instead of a table's (<see cref="Table"/>
        /// null): a domain is created before the tables (bt52 N1: <c>CREATE DOMAIN d AS int CHECK (ok(VALUE))</c>, ok
        /// reading a table, failed apply, copy and restore with 42883); it is completed by <c>ALTER DOMAIN</c>.
        /// </summary>
        public DomainModel? Domain { get; init; }

        /// <summary>What it is, for a plan: "set default of column t.code", "add check t_ok on t", "add check d_ok on domain d".</summary>
        public string Description => (Domain, Check) switch
        {
            ({ } x, { } c) => $"add check {c.Name ?? c.Expression} on domain {x.QualifiedName}",
            ({ } x, null) => $"set default of domain {x.QualifiedName}",
            (null, { } c) => $"add check {c.Name ?? c.Expression} on {Table!.QualifiedName}",
            _ => $"set default of column {Table!.QualifiedName}.{Column!.Name}",
        };
    }

    /// <summary>
    /// The defaults and checks of <paramref name="schema"/> that call a function it creates at <paramref name="from"/> or
    /// later, each with the stage after which it is added: one reading a view comes after the views (bt52 N3: a default
    /// calling such a function failed apply and copy with 42883).
    /// </summary>
    /// <remarks>
    /// A domain waits for a function created after the types too (<see cref="RoutineStage.BeforeTables"/>: one whose
    /// signature names an enum or a domain), since the domains are created with the types (bt53 O6: <c>CREATE DOMAIN dmood
    /// AS mood DEFAULT best()</c>, best returning mood, failed apply, copy and restore with 42883).
    /// </remarks>
    public static IReadOnlyList<Late> Of(SchemaModel schema, SqlDialect d, RoutineStage from)
    {
        var domainsFrom = from < RoutineStage.BeforeTables ? from : RoutineStage.BeforeTables;
        var late = (schema.Routines ?? []).Where(r => !r.IsProcedure).Select(r => (Routine: r, Stage: d.StageOf(r, schema))).Where(x => x.Stage >= domainsFrom).ToList();
        if (late.Count == 0) return [];
        RoutineStage? Calls(string? sql, RoutineStage after) => late.Where(x => x.Stage >= after && x.Routine.IsCalledBy(sql)).Select(x => (RoutineStage?)x.Stage).Max();
        return [.. schema.Tables.SelectMany(t => t.Columns.Select(c => (c, Stage: Calls(c.Default, from))).Where(x => x.Stage is not null).Select(x => new Late(t, x.c, null, x.Stage!.Value))
            .Concat(t.WithoutInherited().Checks.Where(k => !k.NotValid).Select(k => (k, Stage: Calls(k.Expression, from))).Where(x => x.Stage is not null).Select(x => new Late(t, null, x.k, x.Stage!.Value)))),
            .. (schema.Domains ?? []).SelectMany(x => (Calls(x.Default, domainsFrom) is { } stage ? [new Late(null, null, null, stage) { Domain = x }] : Array.Empty<Late>())
                .Concat(x.Checks.Where(k => !k.NotValid).Select(k => (k, Stage: Calls(k.Expression, domainsFrom))).Where(y => y.Stage is not null).Select(y => new Late(null, null, y.k, y.Stage!.Value) { Domain = x })))];
    }

    /// <summary>
    /// The latest stage of the functions of <paramref name="schema"/> created at <see cref="RoutineStage.AfterTables"/> or
    /// later that <paramref name="sql"/> calls and <paramref name="pending"/> says a plan creates or replaces; null when none.
    /// </summary>
    public static RoutineStage? StageOfPendingCalls(SchemaModel schema, SqlDialect d, string sql, Func<RoutineModel, bool> pending) =>
        (schema.Routines ?? []).Where(r => !r.IsProcedure && r.IsCalledBy(sql) && pending(r)).Select(r => d.StageOf(r, schema))
            .Where(s => s >= RoutineStage.AfterTables).Select(s => (RoutineStage?)s).Max();

    /// <summary><paramref name="domain"/> without the default and checks of <paramref name="late"/> (the domain as it is created).</summary>
    public static DomainModel Without(DomainModel domain, IReadOnlyList<Late> late)
    {
        var mine = late.Where(l => l.Domain is { } x && string.Equals(x.QualifiedName, domain.QualifiedName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (mine.Count == 0) return domain;
        return domain with
        {
            Default = mine.Any(l => l.Check is null) ? null : domain.Default,
            Checks = [.. domain.Checks.Where(k => !mine.Any(l => l.Check is { } x && x.Name == k.Name && x.Expression == k.Expression))],
        };
    }

    /// <summary><paramref name="schema"/> with its domains as they are created (<see cref="Without(DomainModel, IReadOnlyList{Late})"/>).</summary>
    public static SchemaModel WithoutInDomains(SchemaModel schema, IReadOnlyList<Late> late) =>
        schema.Domains is { Count: > 0 } domains && late.Any(l => l.Domain is not null) ? schema with { Domains = [.. domains.Select(x => Without(x, late))] } : schema;

    /// <summary><paramref name="table"/> without the defaults and checks of <paramref name="late"/> (the table as it is created).</summary>
    public static TableModel Without(TableModel table, IReadOnlyList<Late> late)
    {
        var mine = late.Where(l => l.Table is { } t && string.Equals(t.QualifiedName, table.QualifiedName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (mine.Count == 0) return table;
        return table with
        {
            Columns = [.. table.Columns.Select(c => mine.Any(l => l.Column is { } x && string.Equals(x.Name, c.Name, StringComparison.OrdinalIgnoreCase)) ? c with { Default = null } : c)],
            Checks = [.. table.Checks.Where(k => !mine.Any(l => l.Check is { } x && x.Name == k.Name && x.Expression == k.Expression))],
        };
    }

    /// <summary>
    /// Restore and copy: those of <paramref name="late"/> that wait for the rows. A check calling a function that reads a
    /// table may read another table, loaded later (bt52 N5: a copy and a restore failed half-way with 23514 on rows the
    /// source holds), so every such check is added once the rows are in, as is a default calling a function created
    /// after the views (bt52 N3); a default calling one created with the tables is set before the rows.
    /// </summary>
    public static bool AfterRows(Late late) => late.Check is not null || late.Stage == RoutineStage.AfterViews;

    /// <summary>
    /// Runs the statements of <paramref name="late"/> (restore and copy), also for a table a resumed run had created: a
    /// default is set again, a check added where that table in <paramref name="existing"/> lacks it.
    /// </summary>
    public static async Task AddAsync(NexuSqlConnection session, IEnumerable<Late> late, SchemaModel existing, CancellationToken ct)
    {
        foreach (var l in late.Where(l => l.Check is not { } check || !(l.Domain is { } x
                     ? (existing.Domains ?? []).Any(e => string.Equals(e.QualifiedName, x.QualifiedName, StringComparison.OrdinalIgnoreCase) && e.Checks.Any(k => k.Name == check.Name))
                     : existing.Table(l.Table!.Schema, l.Table.Name) is { } e && e.Checks.Any(k => k.Name == check.Name))))
            await session.ExecuteRawAsync(Sql(l, session.Database.Dialect), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The statement that adds <paramref name="late"/>: <c>ALTER TABLE ... ALTER COLUMN ... SET DEFAULT</c>,
    /// <c>ALTER TABLE ... ADD CONSTRAINT ... CHECK</c>, <c>ALTER DOMAIN ... SET DEFAULT</c> or <c>ALTER DOMAIN ... ADD CONSTRAINT ... CHECK</c>.
    /// </summary>
    public static string Sql(Late late, SqlDialect d)
    {
        ArgumentNullException.ThrowIfNull(late);
        if (late.Domain is { } x)
            return $"ALTER DOMAIN {d.QuoteName(x.Schema, x.Name)} " + (late.Check is { } c ? $"ADD {SchemaScript.Check(c, d)}" : $"SET DEFAULT {x.Default}");
        var table = d.QuoteName(late.Table!.Schema, late.Table.Name);
        return late.Check is { } check ? $"ALTER TABLE {table} ADD {SchemaScript.Check(check, d, late.Table)}"
            : $"ALTER TABLE {table} ALTER COLUMN {d.QuoteIdentifier(late.Column!.Name)} SET DEFAULT {d.ColumnDefaultSql(late.Column)}";
    }
}
