using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NexuSql.Migrations;

namespace NexuSql.Hosting;

/// <summary>
/// An ASP.NET Core health check: the database answers (server version, round-trip latency, pool use) and, when
/// migration options are given, no migration is pending (otherwise Degraded) or failed (Unhealthy).
/// Descriptions never contain a password.
/// </summary>
public sealed class NexuSqlHealthCheck(NexuSqlDatabase database, MigrationOptions? migrations = null) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failure = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        try
        {
            var clock = Stopwatch.StartNew();
            var version = await database.ExecuteScalarAsync<string>(database.Dialect.ServerVersionSql, cancellationToken: cancellationToken).ConfigureAwait(false);
            var latency = clock.Elapsed.TotalMilliseconds;
            var pool = database.PoolStatistics;
            var data = new Dictionary<string, object>
            {
                ["engine"] = database.Engine.ToString(),
                ["serverVersion"] = version,
                ["latencyMs"] = Math.Round(latency, 2),
                ["connectionsInUse"] = pool.InUse,
                ["connectionsPeak"] = pool.Peak,
            };
            if (migrations is null) return HealthCheckResult.Healthy($"{database.Engine} answered in {latency:0.#} ms.", data);
            var info = await new Migrator(database, migrations).InfoAsync(cancellationToken).ConfigureAwait(false);
            var failed = info.Where(i => i.State == MigrationState.Failed).Select(i => i.Script).ToList();
            var pending = info.Count(i => i.State is MigrationState.Pending or MigrationState.Outdated);
            data["pendingMigrations"] = pending;
            if (failed.Count > 0) return new HealthCheckResult(failure, $"Migration {failed[0]} failed; run 'nexusql migrate info'.", data: data);
            return pending > 0
                ? HealthCheckResult.Degraded($"{pending} migration(s) pending.", data: data)
                : HealthCheckResult.Healthy($"{database.Engine} answered in {latency:0.#} ms; migrations are up to date.", data);
        }
        catch (Exception e) when (e is NexuSqlException or TimeoutException or FormatException or IOException or ArgumentException)
        {
            return new HealthCheckResult(failure, $"{database}: {e.Message}", e);
        }
    }
}
