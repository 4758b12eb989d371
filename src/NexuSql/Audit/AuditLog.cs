using NexuSql.Schema;

namespace NexuSql.Audit;

/// <summary>One operation NexuSQL performed on a database.</summary>
/// <param name="Operation">migrate, backup, restore, copy, seed, import, reset.</param>
/// <param name="Details">What exactly (files, environments, counts); never a password.</param>
/// <param name="Who">user@host that ran it.</param>
/// <param name="At">When it started (UTC).</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Outcome">ok, failed or refused.</param>
/// <param name="Error">The error message when it did not succeed.</param>
public sealed record AuditEntry(string Operation, string Details, string Who, DateTimeOffset At, TimeSpan Duration, string Outcome, string? Error = null);

/// <summary>
/// The opt-in audit trail: a table <see cref="Table"/> in the database worked on, one row per operation. Created on
/// first use. Restore, copy, reset and backup leave it alone (it is the trail of what happened to this database).
/// </summary>
public static class AuditLog
{
    /// <summary>The audit table's name.</summary>
    public const string Table = "nexusql_audit";

    private static TableModel Model { get; } = new(Table,
    [
        new("id", ColumnType.Parse("int64"), false, Identity: true), new("at", ColumnType.Parse("timestamptz"), false),
        new("operation", ColumnType.Parse("string(40)"), false), new("details", ColumnType.Parse("text"), false),
        new("who", ColumnType.Parse("string(200)"), false), new("duration_ms", ColumnType.Parse("int64"), false),
        new("outcome", ColumnType.Parse("string(20)"), false), new("error", ColumnType.Parse("text")),
    ]) { PrimaryKey = new KeyModel(null, ["id"]) };

    /// <summary>The person and machine running NexuSQL.</summary>
    public static string CurrentUser => $"{Environment.UserName}@{Environment.MachineName}";

    /// <summary>Appends <paramref name="entry"/>, creating the table when it is missing.</summary>
    public static async Task RecordAsync(NexuSqlDatabase database, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(entry);
        var d = database.Dialect;
        if (await database.ExecuteScalarAsync<long>(d.TableExistsSql, new { name = Table }, cancellationToken).ConfigureAwait(false) == 0)
        {
            try
            {
                await database.ExecuteRawAsync(SchemaScript.CreateTable(Model, d, inlineForeignKeys: false), cancellationToken).ConfigureAwait(false);
            }
            catch (NexuSqlException)
            {
                // another process may have created it meanwhile; otherwise the failure is real
                if (await database.ExecuteScalarAsync<long>(d.TableExistsSql, new { name = Table }, cancellationToken).ConfigureAwait(false) == 0) throw;
            }
        }
        await database.ExecuteAsync(
            $"INSERT INTO {d.QuoteIdentifier(Table)} ({d.QuoteIdentifier("at")}, operation, details, who, duration_ms, outcome, error) " +
            "VALUES (:at, :operation, :details, :who, :duration, :outcome, :error)",
            new { at = entry.At, operation = entry.Operation, details = entry.Details, who = entry.Who, duration = (long)entry.Duration.TotalMilliseconds, outcome = entry.Outcome, error = entry.Error },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest entries, newest first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> ReadAsync(NexuSqlDatabase database, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var d = database.Dialect;
        if (await database.ExecuteScalarAsync<long>(d.TableExistsSql, new { name = Table }, cancellationToken).ConfigureAwait(false) == 0) return [];
        var rows = await database.QueryAsync(d.Paginate($"SELECT * FROM {d.QuoteIdentifier(Table)} ORDER BY id DESC", limit), cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new AuditEntry(r.Get<string>("operation"), r.Get<string>("details"), r.Get<string>("who"), r.Get<DateTimeOffset>("at"),
            TimeSpan.FromMilliseconds(r.Get<long>("duration_ms")), r.Get<string>("outcome"), r.Get<string?>("error")))];
    }
}
