using Microsoft.Extensions.Logging;
using NexuSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="NexuSqlDatabase"/> for dependency injection.</summary>
public static class NexuSqlServiceCollectionExtensions
{
    /// <summary>
    /// Registers one shared <see cref="NexuSqlDatabase"/> (a singleton: it is thread-safe and owns the pool), logging
    /// through the container's <see cref="ILoggerFactory"/> when there is one. The container disposes it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="url">The database URL (e.g. from configuration). Never logged with its password.</param>
    /// <param name="configure">Adjusts the options (timeouts, connection limit, retries).</param>
    /// <example><code>builder.Services.AddNexuSql(builder.Configuration.GetConnectionString("Main")!);</code></example>
    public static IServiceCollection AddNexuSql(this IServiceCollection services, string url, Func<NexuSqlOptions, NexuSqlOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return services.AddNexuSql(_ => url, configure);
    }

    /// <summary>As <see cref="AddNexuSql(IServiceCollection, string, Func{NexuSqlOptions, NexuSqlOptions}?)"/>, with the URL read from the container on first use.</summary>
    public static IServiceCollection AddNexuSql(this IServiceCollection services, Func<IServiceProvider, string> url, Func<NexuSqlOptions, NexuSqlOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(url);
        services.AddSingleton(provider =>
        {
            var options = new NexuSqlOptions { LoggerFactory = provider.GetService<ILoggerFactory>() };
            return NexuSqlDatabase.Open(url(provider), configure?.Invoke(options) ?? options);
        });
        return services;
    }
}
