using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.Copy;

/// <summary>
/// A PostgreSQL check or foreign key added NOT VALID holds for new rows only: rows older than it may break it. An engine
/// without NOT VALID (<see cref="Dialects.SqlDialect.NotValidConstraints"/>) creates it as a plain, valid one, which
/// refuses those rows — after the tables before them were written. The source is asked for such a row before the
/// target is touched (the constraint's own expression, or its key looked up in the parent table, in the source's
/// dialect), and the first one is refused by table, column, key and constraint.
/// </summary>
internal static class NotValidConstraintCheck
{
    /// <summary>Refuses the first row of <paramref name="schema"/> (the source's tables, as the source declares them) that breaks a NOT VALID constraint.</summary>
    /// <exception cref="NexuSqlValueException">Such a row; names table, column, key and constraint, and says nothing was written.</exception>
    internal static async Task RefuseAsync(NexuSqlDatabase source, SchemaModel schema, Dialects.SqlDialect target, CancellationToken ct)
    {
        if (target.NotValidConstraints) return;
        var d = source.Dialect;
        foreach (var t in schema.Tables)
        {
            var names = t.Columns.Select(c => c.Name).ToList();
            var columns = string.Join(", ", names.Select(n => "c." + d.QuoteIdentifier(n)));
            var from = $"FROM {d.QuoteName(t.Schema, t.Name)} c";
            foreach (var check in t.Checks.Where(c => c.NotValid))
            {
                // the check's expression names the columns unqualified: no other table is in the query
                var rows = await source.QueryAsync($"SELECT {columns} {from} WHERE NOT ({check.Expression}) LIMIT 1", cancellationToken: ct).ConfigureAwait(false);
                if (rows.Count > 0)
                    throw Refusal(t, string.Join(", ", SqlExpressionText.ColumnsIn(check.Expression, names)), Row(rows[0], names.Count),
                        $"check constraint {check.Name} (CHECK {check.Expression}) is NOT VALID at the source, whose older rows were never checked against it, " +
                        $"and {target.Engine.DisplayName()} would create it as a valid one, which refuses this row", target.Engine);
            }
            foreach (var fk in t.ForeignKeys.Where(f => f.NotValid))
            {
                var match = string.Join(" AND ", fk.Columns.Zip(fk.ReferencedColumns, (c, p) => $"p.{d.QuoteIdentifier(p)} = c.{d.QuoteIdentifier(c)}"));
                var present = string.Join(" AND ", fk.Columns.Select(c => $"c.{d.QuoteIdentifier(c)} IS NOT NULL"));
                var rows = await source.QueryAsync($"SELECT {columns} {from} WHERE {present} AND NOT EXISTS (SELECT 1 FROM {d.QuoteName(t.Schema, fk.ReferencedTable)} p WHERE {match}) LIMIT 1",
                    cancellationToken: ct).ConfigureAwait(false);
                if (rows.Count > 0)
                    throw Refusal(t, string.Join(", ", fk.Columns), Row(rows[0], names.Count),
                        $"foreign key {fk.Name} ({string.Join(", ", fk.Columns)}) → {fk.ReferencedTable} ({string.Join(", ", fk.ReferencedColumns)}) is NOT VALID at the source, whose older rows " +
                        $"were never checked against it, and {target.Engine.DisplayName()} would create it as a valid one; no row of {fk.ReferencedTable} holds this row's key", target.Engine);
            }
        }
    }

    private static object?[] Row(Row row, int count) => [.. Enumerable.Range(0, count).Select(i => row[i])];

    private static NexuSqlValueException Refusal(TableModel t, string column, object?[] row, string problem, NexuSqlEngine engine) =>
        new NexuSqlValueException(t.QualifiedName, column, TableReader.DescribeKey(t, row), problem, engine,
                advice: "Fix the row at the source (or VALIDATE CONSTRAINT there to see them all), drop the constraint, or leave the table out (--tables).")
            .WithNote("Nothing was written to the target; run the copy again once this is fixed.");
}
