using Microsoft.Extensions.Diagnostics.HealthChecks;
using NexuSql;
using NexuSql.Hosting;
using NexuSql.Migrations;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds NexuSQL's health check.</summary>
public static class NexuSqlHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the <see cref="NexuSqlDatabase"/> registered with <c>AddNexuSql</c>: it answers, and (with
    /// <paramref name="migrations"/>) nothing is pending or failed.
    /// </summary>
    public static IHealthChecksBuilder AddNexuSql(this IHealthChecksBuilder builder, string name = "nexusql", MigrationOptions? migrations = null,
        HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name,
            provider => new NexuSqlHealthCheck(provider.GetRequiredService<NexuSqlDatabase>(), migrations), failureStatus, tags, timeout));
    }
}
