using NexuSql.Audit;

namespace NexuSql.Cli;

/// <summary>Records CLI operations in the database's audit table when the project turns it on ("audit": true, or NEXUSQL_AUDIT=1).</summary>
internal static class Audit
{
    public static bool Enabled(CommandContext context) =>
        context.Config.Audit || Environment.GetEnvironmentVariable("NEXUSQL_AUDIT") is "1" or "true";

    /// <summary>Runs <paramref name="work"/> and records its outcome (ok, refused, failed) in <paramref name="database"/>.</summary>
    public static async Task<T> RunAsync<T>(CommandContext context, NexuSqlDatabase database, string operation, string details, Func<Task<T>> work, CancellationToken ct)
    {
        if (!Enabled(context)) return await work();
        var at = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var result = await work();
            await RecordAsync(database, new AuditEntry(operation, details, AuditLog.CurrentUser, at, clock.Elapsed, "ok"), ct);
            return result;
        }
        catch (Exception e) when (e is NexuSqlException or IOException or InvalidOperationException)
        {
            await RecordAsync(database, new AuditEntry(operation, details, AuditLog.CurrentUser, at, clock.Elapsed, e is NexuSqlRefusedException ? "refused" : "failed", context.Output.Concealed(e.Message)), CancellationToken.None);
            throw;
        }
    }

    private static async Task RecordAsync(NexuSqlDatabase database, AuditEntry entry, CancellationToken ct)
    {
        try
        {
            await AuditLog.RecordAsync(database, entry, ct);
        }
        catch (NexuSqlException e)
        {
            Console.Error.WriteLine($"warning: could not write the audit entry ({e.Message})");
        }
    }
}
