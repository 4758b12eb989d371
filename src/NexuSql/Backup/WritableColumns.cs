using NexuSql.Schema;

namespace NexuSql.Backup;

/// <summary>
/// The columns a load writes: every column but the generated ones, whose values the target computes (a backup or a
/// source still holds them, and the read-back check compares what the target computed with them); none of a table
/// whose rows are not its own (<see cref="Dialects.SqlDialect.LoadsRowsOf"/>), which the check reads back the same way.
/// </summary>
internal static class WritableColumns
{
    /// <summary>Loads <paramref name="rows"/> (values for every column of <paramref name="table"/>) through the provider's bulk path, leaving generated columns to the engine.</summary>
    public static async Task<long> BulkLoadAsync(NexuSqlConnection session, System.Data.Common.DbTransaction tx, TableModel table, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var d = session.Database.Dialect;
        // MariaDB's ROW START / ROW END: written as the source holds them (break test 25 F10)
        if (table.Columns.Any(d.WritesGeneratedColumn) && d.WriteGeneratedColumnsSql is { } allow)
            await BackupRestorer.Raw(session, tx, allow, null, ct).ConfigureAwait(false);
        // the target's own triggers on the table are off while its rows go in, and given back their state after, in the
        // load's transaction (a failed load rolls both back): rows arrive as they were read (break test 25 F16)
        var firing = await FiringTriggersAsync(session, tx, table, ct).ConfigureAwait(false);
        foreach (var (relation, trigger, _) in firing) await BackupRestorer.Raw(session, tx, d.SetTriggerStateSql(relation, trigger, null), null, ct).ConfigureAwait(false);
        var written = await LoadAsync(session, tx, table, rows, ct).ConfigureAwait(false);
        foreach (var (relation, trigger, state) in firing) await BackupRestorer.Raw(session, tx, d.SetTriggerStateSql(relation, trigger, state), null, ct).ConfigureAwait(false);
        return written;
    }

    /// <summary>The triggers <see cref="Dialects.SqlDialect.FiringTriggersSql"/> names for <paramref name="table"/>; none where it is null.</summary>
    internal static async Task<List<(string Relation, string Trigger, string State)>> FiringTriggersAsync(NexuSqlConnection session, System.Data.Common.DbTransaction tx, TableModel table,
        CancellationToken ct)
    {
        var firing = new List<(string, string, string)>();
        if (session.Database.Dialect.FiringTriggersSql(table) is not { } sql || !session.Database.Dialect.LoadsRowsOf(table)) return firing;
        await session.TranslatingAsync(async () =>
        {
            await using var command = session.DbConnection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) firing.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            return 0;
        }).ConfigureAwait(false);
        return firing;
    }

    private static Task<long> LoadAsync(NexuSqlConnection session, System.Data.Common.DbTransaction tx, TableModel table, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var d = session.Database.Dialect;
        // a table whose rows are another's (an external-content full-text table's are its content table's): they are
        // counted, not written; the index is built from the other table once its rows are in (RebuildVirtualTablesAsync)
        if (!d.LoadsRowsOf(table)) return Task.FromResult(rows.LongCount());
        if (table.Columns.All(c => c.Generated is null || d.WritesGeneratedColumn(c)))
            return session.Database.Provider.BulkLoadAsync(session.DbConnection, tx, table, rows, ct);
        var keep = table.Columns.Select((c, i) => (c, i)).Where(x => x.c.Generated is null || d.WritesGeneratedColumn(x.c)).Select(x => x.i).ToArray();
        var writable = table with { Columns = [.. keep.Select(i => table.Columns[i])] };
        return session.Database.Provider.BulkLoadAsync(session.DbConnection, tx, writable, rows.Select(row => Array.ConvertAll(keep, i => row[i])), ct);
    }
}
