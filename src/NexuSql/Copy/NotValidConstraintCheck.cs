using NexuSql.Backup;
using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.Copy;

/// <summary>
/// A PostgreSQL check or foreign key added NOT VALID holds for new rows only: rows older than it may break it. An engine
/// without NOT VALID (<see cref="Dialects.SqlDialect.NotValidConstraints"/>) creates it as a plain, valid one, which
/// refuses those rows — after the tables before them were written. The source is asked for such a row (the
/// constraint's own expression, or its key looked up in the parent table, in the source's dialect): copy asks before
/// the target is touched, backup asks inside its snapshot and keeps the answer in the manifest for restore
/// (<see cref="BackupManifest.NotValidBreaks"/>); the first one is refused by table, column, key and constraint.
/// </summary>
internal static class NotValidConstraintCheck
{
    /// <summary>
    /// Asks the source for rows breaking constraints of <paramref name="schema"/> (the source's tables, as the source
    /// declares them) and gives <paramref name="schema"/> with those <paramref name="target"/> carries marked NOT VALID
    /// (<see cref="Carry"/>); the first row it cannot carry is refused.
    /// </summary>
    /// <exception cref="NexuSqlValueException">Such a row; names table, column, key and constraint, and says nothing was written.</exception>
    internal static async Task<SchemaModel> CarryOrRefuseAsync(NexuSqlDatabase source, SchemaModel schema, Dialects.SqlDialect target, ICollection<string> warnings, CancellationToken ct)
    {
        if (target.NotValidConstraints && !source.Dialect.ConstraintsMayBeBypassed) return schema;
        return Carry(schema, await FindAsync(source, schema, ct).ConfigureAwait(false), target, warnings,
            "Fix the row at the source (on PostgreSQL, VALIDATE CONSTRAINT shows them all), drop the constraint, or leave the table out (--tables).",
            "Nothing was written to the target; run the copy again once this is fixed.");
    }

    /// <summary>
    /// Whether <paramref name="target"/> refuses <paramref name="broken"/>. A row the source's engine let in with its checks
    /// off is carried as the source holds it where the target can hold it: PostgreSQL adds the constraint NOT VALID (it
    /// checks new rows only), SQLite and MariaDB load it with their checks off, as the source did (mariadb-dump's
    /// <c>FOREIGN_KEY_CHECKS=0</c>). A NOT VALID row is carried where NOT VALID is only: elsewhere the constraint would
    /// claim to hold for every row.
    /// </summary>
    internal static bool Refuses(Dialects.SqlDialect target, BackupNotValidBreak broken) =>
        !target.NotValidConstraints && !(broken.Unchecked && target.ConstraintsMayBeBypassed);

    /// <summary>
    /// <paramref name="schema"/> with each constraint one of <paramref name="breaks"/> breaks (of a table it holds) marked
    /// NOT VALID, each carried row named in <paramref name="warnings"/>: PostgreSQL creates those constraints NOT VALID,
    /// engines without NOT VALID load their tables with checks off and leave them out of the check after the load.
    /// </summary>
    /// <exception cref="NexuSqlValueException">The first break <paramref name="target"/> refuses (<see cref="Refuses"/>), with <paramref name="advice"/> and <paramref name="note"/>.</exception>
    internal static SchemaModel Carry(SchemaModel schema, IEnumerable<BackupNotValidBreak> breaks, Dialects.SqlDialect target, ICollection<string> warnings, string advice, string note)
    {
        var carried = breaks.Where(b => schema.Table(b.Schema, b.Table) is not null).ToList();
        if (carried.FirstOrDefault(b => Refuses(target, b)) is { } refused) throw Refusal(refused, target, advice, note);
        carried.RemoveAll(b => !b.Unchecked);
        if (carried.Count == 0) return schema;
        foreach (var b in carried)
            warnings.Add($"table {SchemaModel.Qualify(b.Schema, b.Table)}, column {b.Columns}, row {b.Key}: breaks {b.Constraint}, which the source let in with its checks off: " +
                (target.NotValidConstraints
                    ? $"carried as it is, the constraint created NOT VALID ({target.Engine.DisplayName()} checks it on new rows only; VALIDATE CONSTRAINT once the rows are fixed)"
                    : $"carried as the source holds it ({target.Engine.DisplayName()} loaded the table with its checks off, and does not check rows already there)"));
        return schema with { Tables = [.. schema.Tables.Select(t => Mark(t, [.. carried.Where(b => b.Schema == t.Schema && b.Table == t.Name)], target))] };
    }

    /// <summary>
    /// <paramref name="table"/> with the constraints <paramref name="carried"/> breaks marked NOT VALID; a column's own
    /// check (MariaDB's) becomes a table check where the target has NOT VALID, which a column's check cannot be.
    /// </summary>
    private static TableModel Mark(TableModel table, IReadOnlyList<BackupNotValidBreak> carried, Dialects.SqlDialect target)
    {
        if (carried.Count == 0) return table;
        bool Broken(CheckModel c) => carried.Any(b => b.ReferencedTable is null && b.Constraint == Describe(c));
        var moved = target.NotValidConstraints ? table.Columns.Select(c => c.Check).OfType<CheckModel>().Where(Broken).ToList() : [];
        return table with
        {
            Checks = [.. table.Checks.Select(c => Broken(c) ? c with { NotValid = true } : c), .. moved.Select(c => c with { NotValid = true })],
            Columns = [.. table.Columns.Select(c => c.Check is not { } k || !Broken(k) ? c : moved.Contains(k) ? c with { Check = null } : c with { Check = k with { NotValid = true } })],
            ForeignKeys = [.. table.ForeignKeys.Select(f => carried.Any(b => b.ReferencedTable is not null && b.Constraint == Describe(f)) ? f with { NotValid = true } : f)],
        };
    }

    /// <summary>Whether loading <paramref name="schema"/> into <paramref name="target"/> needs its checks off: a check carried as NOT VALID where NOT VALID is not (<see cref="Carry"/>).</summary>
    internal static bool NeedsChecksOff(SchemaModel schema, Dialects.SqlDialect target) =>
        !target.NotValidConstraints && schema.Tables.Any(t => t.Checks.Any(c => c.NotValid) || t.Columns.Any(c => c.Check is { NotValid: true }));

    /// <summary>A check as messages name it: <c>check constraint q_pos (CHECK q &gt; 0)</c>, <c>an unnamed check (CHECK q &gt; 0)</c>.</summary>
    private static string Describe(CheckModel check) =>
        check.Name is null ? $"an unnamed check (CHECK {check.Expression})" : $"check constraint {check.Name} (CHECK {check.Expression})";

    /// <summary>A foreign key as messages name it: <c>foreign key c_fk (pid) → p (id)</c>.</summary>
    private static string Describe(ForeignKeyModel fk) =>
        $"foreign key {(fk.Name is null ? "" : fk.Name + " ")}({string.Join(", ", fk.Columns)}) → {fk.ReferencedTable} ({string.Join(", ", fk.ReferencedColumns)})";

    /// <summary>
    /// The first row breaking each NOT VALID constraint of <paramref name="schema"/>, and each check and foreign key where
    /// the source's engine may hold rows that break it (<see cref="Dialects.SqlDialect.ConstraintsMayBeBypassed"/>), asked of
    /// <paramref name="source"/> (inside the caller's snapshot, if any).
    /// </summary>
    internal static async Task<IReadOnlyList<BackupNotValidBreak>> FindAsync(NexuSqlSession source, SchemaModel schema, CancellationToken ct)
    {
        var d = source.Dialect;
        var found = new List<BackupNotValidBreak>();
        foreach (var t in schema.Tables)
        {
            var names = t.Columns.Select(c => c.Name).ToList();
            var columns = string.Join(", ", names.Select(n => "c." + d.QuoteIdentifier(n)));
            var from = $"FROM {d.QuoteName(t.Schema, t.Name)} c";
            // (a column's own check — MariaDB's CHECK written on the column — is never NOT VALID)
            foreach (var check in t.Checks.Where(c => c.NotValid || d.ConstraintsMayBeBypassed)
                         .Concat(d.ConstraintsMayBeBypassed ? t.Columns.Where(c => c.Check is not null).Select(c => c.Check!) : []))
            {
                // the check's expression names the columns unqualified: no other table is in the query
                var rows = await source.QueryAsync($"SELECT {columns} {from} WHERE NOT ({check.Expression}) LIMIT 1", cancellationToken: ct).ConfigureAwait(false);
                if (rows.Count > 0)
                    found.Add(new BackupNotValidBreak(t.Name, string.Join(", ", SqlExpressionText.ColumnsIn(check.Expression, names)), TableReader.DescribeKey(t, Row(rows[0], names.Count)),
                        Describe(check)) { Schema = t.Schema, Unchecked = !check.NotValid });
            }
            // (a foreign key whose parent table is not moved is not created in the target: its rows are not asked for)
            foreach (var fk in t.ForeignKeys.Where(f => (f.NotValid || (d.ConstraintsMayBeBypassed && schema.Table(f.ReferencedTable) is not null))
                         && f.ReferencedColumns.Count == f.Columns.Count && f.Columns.Count > 0))
            {
                var match = string.Join(" AND ", fk.Columns.Zip(fk.ReferencedColumns, (c, p) => $"p.{d.QuoteIdentifier(p)} = c.{d.QuoteIdentifier(c)}"));
                var present = string.Join(" AND ", fk.Columns.Select(c => $"c.{d.QuoteIdentifier(c)} IS NOT NULL"));
                var rows = await source.QueryAsync($"SELECT {columns} {from} WHERE {present} AND NOT EXISTS (SELECT 1 FROM {d.QuoteName(t.Schema, fk.ReferencedTable)} p WHERE {match}) LIMIT 1",
                    cancellationToken: ct).ConfigureAwait(false);
                if (rows.Count > 0)
                    found.Add(new BackupNotValidBreak(t.Name, string.Join(", ", fk.Columns), TableReader.DescribeKey(t, Row(rows[0], names.Count)),
                        Describe(fk))
                    { Schema = t.Schema, ReferencedTable = fk.ReferencedTable, Unchecked = !fk.NotValid });
            }
        }
        return found;
    }

    /// <summary>The refusal of <paramref name="broken"/> for <paramref name="target"/>, by table, column, key and constraint.</summary>
    internal static NexuSqlValueException Refusal(BackupNotValidBreak broken, Dialects.SqlDialect target, string advice, string note) =>
        new NexuSqlValueException(SchemaModel.Qualify(broken.Schema, broken.Table), broken.Columns, broken.Key, broken.Unchecked
                ? broken.ReferencedTable is { } referenced
                    ? $"the row breaks {broken.Constraint}, no row of {referenced} holding its key: the source let it in with its foreign keys " +
                      $"switched off (MariaDB's foreign_key_checks = 0, SQLite's foreign_keys, off by default), and {target.Engine.DisplayName()} refuses it"
                    : $"the row breaks {broken.Constraint}: the source let it in with its checks switched off (MariaDB's " +
                      $"check_constraint_checks = 0, SQLite's ignore_check_constraints), and {target.Engine.DisplayName()} refuses it"
                : $"{broken.Constraint} is NOT VALID at the source, whose older rows were never checked against it, and {target.Engine.DisplayName()} would create it as a valid one" +
                (broken.ReferencedTable is { } parent ? $"; no row of {parent} holds this row's key" : ", which refuses this row"), target.Engine, advice: advice)
            .WithNote(note);

    private static object?[] Row(Row row, int count) => [.. Enumerable.Range(0, count).Select(i => row[i])];
}
