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
    /// <summary>Refuses the first row of <paramref name="schema"/> (the source's tables, as the source declares them) that breaks a NOT VALID constraint.</summary>
    /// <exception cref="NexuSqlValueException">Such a row; names table, column, key and constraint, and says nothing was written.</exception>
    internal static async Task RefuseAsync(NexuSqlDatabase source, SchemaModel schema, Dialects.SqlDialect target, CancellationToken ct)
    {
        if (target.NotValidConstraints && !source.Dialect.ConstraintsMayBeBypassed) return;
        if ((await FindAsync(source, schema, ct).ConfigureAwait(false)).FirstOrDefault(b => Refuses(target, b)) is { } broken)
            throw Refusal(broken, target, "Fix the row at the source (on PostgreSQL, VALIDATE CONSTRAINT shows them all), drop the constraint, or leave the table out (--tables).",
                "Nothing was written to the target; run the copy again once this is fixed.");
    }

    /// <summary>Whether <paramref name="target"/> refuses <paramref name="broken"/>: an unchecked row everywhere, a NOT VALID one where NOT VALID is not.</summary>
    internal static bool Refuses(Dialects.SqlDialect target, BackupNotValidBreak broken) => broken.Unchecked || !target.NotValidConstraints;

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
                        check.Name is null ? $"an unnamed check (CHECK {check.Expression})" : $"check constraint {check.Name} (CHECK {check.Expression})") { Schema = t.Schema, Unchecked = !check.NotValid });
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
                        $"foreign key {(fk.Name is null ? "" : fk.Name + " ")}({string.Join(", ", fk.Columns)}) → {fk.ReferencedTable} ({string.Join(", ", fk.ReferencedColumns)})")
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
