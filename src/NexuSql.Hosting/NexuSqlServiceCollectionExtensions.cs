using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NexuSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="NexuSqlDatabase"/> instances for dependency injection: one, or several by key.</summary>
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
        services.AddSingleton(provider => Open(provider, url(provider), null, configure));
        return services;
    }

    /// <summary>
    /// Registers one shared <see cref="NexuSqlDatabase"/> from a configuration section bound to <see cref="NexuSqlSettings"/>
    /// with the options pattern (<c>IOptions&lt;NexuSqlSettings&gt;</c>): <c>Url</c>, <c>MaxConnections</c>,
    /// <c>CommandTimeout</c>, ... Precedence, lowest first: defaults, the section, <paramref name="configure"/>, the URL's options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The section, e.g. <c>builder.Configuration.GetSection("NexuSql")</c>.</param>
    /// <param name="configure">Adjusts the options after the section's settings.</param>
    /// <exception cref="InvalidOperationException">When the database is first resolved: the section has no <c>Url</c> (the message names the section).</exception>
    /// <example><code>builder.Services.AddNexuSql(builder.Configuration.GetSection("NexuSql"));</code></example>
    public static IServiceCollection AddNexuSql(this IServiceCollection services, IConfiguration section, Func<NexuSqlOptions, NexuSqlOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<NexuSqlSettings>().Bind(section);
        services.AddSingleton(provider => FromSettings(provider, provider.GetRequiredService<IOptions<NexuSqlSettings>>().Value, section, configure));
        return services;
    }

    /// <summary>
    /// Registers a <see cref="NexuSqlDatabase"/> under <paramref name="serviceKey"/>, for an application with several
    /// databases: inject it with <c>[FromKeyedServices("reports")] NexuSqlDatabase db</c>, or resolve it with
    /// <c>GetRequiredKeyedService&lt;NexuSqlDatabase&gt;("reports")</c>. Each key has its own pool; the container disposes each.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key (a string such as <c>"reports"</c>, or any object).</param>
    /// <param name="url">The database URL. Never logged with its password.</param>
    /// <param name="configure">Adjusts the options.</param>
    public static IServiceCollection AddKeyedNexuSql(this IServiceCollection services, object serviceKey, string url, Func<NexuSqlOptions, NexuSqlOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentNullException.ThrowIfNull(url);
        services.AddKeyedSingleton(serviceKey, (provider, _) => Open(provider, url, null, configure));
        return services;
    }

    /// <summary>
    /// As <see cref="AddKeyedNexuSql(IServiceCollection, object, string, Func{NexuSqlOptions, NexuSqlOptions}?)"/>, from a
    /// configuration section bound to named <see cref="NexuSqlSettings"/> (the options name is the key's text:
    /// <c>IOptionsMonitor&lt;NexuSqlSettings&gt;.Get("reports")</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">When the database is first resolved: the section has no <c>Url</c>.</exception>
    /// <example><code>builder.Services.AddKeyedNexuSql("reports", builder.Configuration.GetSection("Databases:Reports"));</code></example>
    public static IServiceCollection AddKeyedNexuSql(this IServiceCollection services, object serviceKey, IConfiguration section, Func<NexuSqlOptions, NexuSqlOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentNullException.ThrowIfNull(section);
        var name = serviceKey.ToString() ?? "";
        services.AddOptions<NexuSqlSettings>(name).Bind(section);
        services.AddKeyedSingleton(serviceKey, (provider, _) =>
            FromSettings(provider, provider.GetRequiredService<IOptionsMonitor<NexuSqlSettings>>().Get(name), section, configure));
        return services;
    }

    private static NexuSqlDatabase FromSettings(IServiceProvider provider, NexuSqlSettings settings, IConfiguration section, Func<NexuSqlOptions, NexuSqlOptions>? configure)
    {
        if (string.IsNullOrWhiteSpace(settings.Url))
        {
            var path = (section as IConfigurationSection)?.Path;
            throw new InvalidOperationException(
                $"The configuration section '{path ?? "(root)"}' has no Url: set {(path is null ? "Url" : path + ":Url")} " +
                "to the database URL (postgresql://user@host/db, mysql://..., sqlite:///app.db).");
        }
        return Open(provider, settings.Url, settings, configure);
    }

    private static NexuSqlDatabase Open(IServiceProvider provider, string url, NexuSqlSettings? settings, Func<NexuSqlOptions, NexuSqlOptions>? configure)
    {
        var options = new NexuSqlOptions { LoggerFactory = provider.GetService<ILoggerFactory>() };
        if (settings is not null) options = settings.ApplyTo(options);
        return NexuSqlDatabase.Open(url, configure?.Invoke(options) ?? options);
    }
}
