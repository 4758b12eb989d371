using NexuSql.Schema;

namespace NexuSql.Backup;

/// <summary>
/// A replace (<c>restore --tables T --replace</c>) drops the target's tables T and loads the backup's rows of T; a
/// foreign key of T to a table that stays then checks those rows against the target's rows, not the backup's (break
/// test 31 B14: the target's rows were gone before the load found a backup row whose parent the target lacks). Checked
/// before anything is dropped: each such key's values in the backup's rows are loaded into a TEMPORARY table of the
/// target (session-private, gone with the session), and the target's own comparison finds the first that has no row
/// in the table that stays — the engine decides, as its foreign key would.
/// </summary>
internal static class ReplaceForeignKeyCheck
{
    /// <summary>The temporary table the key values are loaded into.</summary>
    internal const string ProbeTable = "nexusql_parent_check";

    /// <summary>The probe's column holding each row's key as the backup spells it, for the message.</summary>
    private const string SourceRow = "nexusql_source_row";

    /// <summary>The probe's column numbering the rows as they are read (the first that fails is named).</summary>
    private const string RowNumber = "nexusql_row_number";

    /// <summary>
    /// Refuses the first row of a table to replace (in <paramref name="schema"/>, read from <paramref name="archive"/>)
    /// whose foreign key to a table that stays in <paramref name="existing"/> finds no row there.
    /// </summary>
    /// <exception cref="NexuSqlConstraintException">Names the table, the key's columns, the row's key and the foreign key, and says nothing was changed.</exception>
    internal static async Task RefuseAsync(BackupArchive archive, NexuSqlDatabase target, SchemaModel existing, SchemaModel schema, Action<string>? phase, CancellationToken ct)
    {
        static ColumnModel? Column(TableModel t, string name) => t.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        var checks = (from backed in archive.Manifest.Tables
                      let table = schema.Table(backed.Schema, backed.Name)
                      where table is not null
                      from fk in table.ForeignKeys
                      // a key the source held NOT VALID is carried as it was (NotValidConstraintCheck.Carry); one to a table
                      // replaced too checks the backup's rows against the backup's
                      where !fk.NotValid && schema.Table(fk.ReferencedSchema, fk.ReferencedTable) is null
                      let parent = existing.Table(fk.ReferencedSchema, fk.ReferencedTable)
                      where parent is not null && fk.Columns.Count == fk.ReferencedColumns.Count
                            && fk.Columns.All(c => Column(table, c) is not null) && fk.ReferencedColumns.All(c => Column(parent, c) is not null)
                      select (Backed: backed, Table: table, Fk: fk, Parent: parent)).ToList();
        if (checks.Count == 0) return;
        phase?.Invoke($"checking the backup's foreign keys to tables that stay ({string.Join(", ", checks.Select(c => c.Parent.QualifiedName).Distinct())})");
        var d = target.Dialect;
        var quoted = d.QuoteIdentifier(ProbeTable);
        await using var session = await Copy.KeyCollisionCheck.OpenSessionAsync(target, ct).ConfigureAwait(false);
        foreach (var (backed, table, fk, parent) in checks)
        {
            int[] from = [.. fk.Columns.Select(n => table.Columns.ToList().FindIndex(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase)))];
            var probe = new TableModel(ProbeTable, [.. from.Select(i => table.Columns[i] with
                {
                    Nullable = true, Default = null, Identity = false, IdentityOptions = null, Generated = null, Check = null, OnUpdate = null, Invisible = false,
                }), new ColumnModel(RowNumber, new ColumnType(PortableType.Int64)), new ColumnModel(SourceRow, new ColumnType(PortableType.Text))])
            { Collation = table.Collation };
            await session.ExecuteRawAsync(d.CreateTemporaryTableSql(SchemaScript.CreateTable(probe, d, inlineForeignKeys: false)), ct).ConfigureAwait(false);
            try
            {
                // MATCH SIMPLE: a row with a NULL in its key is not checked (MATCH FULL refuses a partly NULL key: the load names it)
                long n = 0;
                var rows = archive.ReadRows(backed).Where(row => from.All(i => row[i] is not null)).Select(row =>
                {
                    var key = new object?[from.Length + 2];
                    for (var i = 0; i < from.Length; i++) key[i] = d.Admit(row[from[i]], table.Columns[from[i]].Type);
                    key[^2] = ++n;
                    key[^1] = Data.TableReader.DescribeKey(table, row);
                    return key;
                });
                await target.Provider.BulkLoadAsync(session.DbConnection, null, probe, rows, ct).ConfigureAwait(false);
                var columns = string.Join(", ", fk.Columns.Select(c => "c." + d.QuoteIdentifier(c)));
                var match = string.Join(" AND ", fk.Columns.Zip(fk.ReferencedColumns, (c, r) => $"p.{d.QuoteIdentifier(r)} = c.{d.QuoteIdentifier(c)}"));
                var missing = await session.QueryAsync(d.Paginate($"SELECT c.{d.QuoteIdentifier(SourceRow)}, {columns} FROM {quoted} c " +
                    $"WHERE NOT EXISTS (SELECT 1 FROM {d.QuoteName(parent.Schema, parent.Name)} p WHERE {match}) ORDER BY c.{d.QuoteIdentifier(RowNumber)}", 1),
                    cancellationToken: ct).ConfigureAwait(false);
                if (missing.Count == 0) continue;
                var key = missing[0][0] as string ?? "?";
                var values = string.Join(", ", fk.Columns.Select((c, i) => Data.PortableValues.KeyPair(Column(table, c)!, missing[0][i + 1])));
                throw new NexuSqlConstraintException(ConstraintKind.ForeignKey,
                    $"Nothing was changed: the backup's row {key} of table {table.QualifiedName} has {values}, which has no row in {parent.QualifiedName} " +
                    $"({string.Join(", ", fk.ReferencedColumns)}) of the target, a table that stays: its foreign key {(fk.Name is { } name ? name + " " : "")}({string.Join(", ", fk.Columns)}) " +
                    $"would refuse it once {table.QualifiedName} was dropped. Add {parent.QualifiedName} to --tables to replace it too, add the missing row to {parent.QualifiedName} first, " +
                    "or restore everything with --clean.", d.Engine, null, null, fk.Name, table.QualifiedName, string.Join(", ", fk.Columns))
                { Key = key, BeforeWriting = true };
            }
            finally
            {
                // the temporary table hides any real one of its name: this drops it
                await session.ExecuteRawAsync($"DROP TABLE {quoted}", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
