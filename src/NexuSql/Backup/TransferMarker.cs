using System.Data.Common;
using NexuSql.Schema;

namespace NexuSql.Backup;

/// <summary>
/// The table that marks a target as an unfinished restore or copy: created before the first object, one row per step
/// done (which backup, each table loaded in the same transaction as its rows), dropped as the last step — so a target
/// that still has it is never taken for a complete one, and <c>--resume</c> knows what to keep.
/// </summary>
internal sealed class TransferMarker(NexuSqlConnection session, string table)
{
    private readonly string _quoted = session.Database.Dialect.QuoteIdentifier(table);

    /// <summary>The marker table's name.</summary>
    public string Table => table;

    /// <summary>
    /// Refuses to read <paramref name="source"/> for a backup or copy while it holds a restore or copy that stopped
    /// half-way: its tables may be empty or partly loaded, and the result would look complete.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">The source holds <c>nexusql_restore_incomplete</c> or <c>nexusql_copy_incomplete</c>.</exception>
    public static void RefuseIncompleteSource(SchemaModel source, string work)
    {
        foreach (var (marker, what) in new[] { (BackupRestorer.MarkerTable, "restore"), (Copy.DatabaseCopier.MarkerTable, "copy") })
            if (source.Table(marker) is not null)
                throw new NexuSqlRefusedException(
                    $"The database to {work} holds an interrupted {what} ({marker}): its tables may be empty or half-loaded. Finish it first " +
                    $"({what} --resume, or --clean to start over); nothing was written.");
    }

    /// <summary>
    /// One line per interrupted restore or copy <paramref name="schema"/> holds (its marker table), saying that its data
    /// is not complete and how to finish it; empty when there is none. Verification reports these whatever else matches.
    /// </summary>
    public static IReadOnlyList<(string Marker, string Finding)> Incomplete(SchemaModel schema, string which = "the")
    {
        ArgumentNullException.ThrowIfNull(schema);
        return [.. new[] { (Copy.DatabaseCopier.MarkerTable, "copy"), (BackupRestorer.MarkerTable, "restore") }
            .Where(m => schema.Table(m.Item1) is not null)
            .Select(m => (m.Item1, $"{which} database holds an interrupted {m.Item2} ({m.Item1}): its data is not complete; " +
                                   $"finish it with {m.Item2} --resume, or start over with --clean"))];
    }

    /// <summary>Creates the marker (the target is unfinished from now on).</summary>
    public Task CreateAsync(CancellationToken ct)
    {
        var d = session.Database.Dialect;
        return session.ExecuteRawAsync($"CREATE TABLE {_quoted} ({d.QuoteIdentifier("step")} {d.ColumnTypeSql(new ColumnType(PortableType.Text))})", ct);
    }

    /// <summary>The steps recorded by the interrupted run.</summary>
    public Task<IReadOnlyList<string>> StepsAsync(CancellationToken ct) =>
        session.QueryAsync<string>($"SELECT {session.Database.Dialect.QuoteIdentifier("step")} FROM {_quoted}", cancellationToken: ct);

    /// <summary>Records a step, inside <paramref name="tx"/> when given (a table's load commits with its record).</summary>
    public Task RecordAsync(string step, DbTransaction? tx, CancellationToken ct) =>
        BackupRestorer.Raw(session, tx, $"INSERT INTO {_quoted} VALUES ({session.Database.Dialect.Placeholder(0)})", step, ct);

    /// <summary>Drops the marker: the target is complete.</summary>
    public Task DropAsync(CancellationToken ct) => session.ExecuteRawAsync($"DROP TABLE {_quoted}", ct);
}
