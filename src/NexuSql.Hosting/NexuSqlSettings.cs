using NexuSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A database's settings as configuration holds them (a section such as <c>"NexuSql": { "Url": "...", "MaxConnections": 20 }</c>),
/// bound with the options pattern by
/// <see cref="NexuSqlServiceCollectionExtensions.AddNexuSql(IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration, Func{NexuSqlOptions, NexuSqlOptions}?)"/>.
/// Durations are written as <c>TimeSpan</c> text (<c>"00:00:15"</c>).
/// </summary>
/// <remarks>
/// Which value wins, lowest first: NexuSQL's defaults, these settings, the code's <c>configure</c> function, and the
/// URL's own options (<c>pool_max</c>, <c>acquire_timeout</c>, <c>statement_timeout</c>, <c>sql_mode</c>), which
/// always override (<see cref="NexuSqlDatabase.Open(DatabaseUrl, NexuSqlOptions?)"/>): a URL is the most specific
/// thing an operator can change.
/// </remarks>
public sealed class NexuSqlSettings
{
    /// <summary>The database URL (<c>postgresql://app@db/app</c>). Required. Never logged with its password.</summary>
    public string? Url { get; set; }

    /// <summary><see cref="NexuSqlOptions.MaxConnections"/>: connections handed out at once.</summary>
    public int? MaxConnections { get; set; }

    /// <summary><see cref="NexuSqlOptions.CommandTimeout"/>.</summary>
    public TimeSpan? CommandTimeout { get; set; }

    /// <summary><see cref="NexuSqlOptions.AcquireTimeout"/>: how long a request waits for a connection.</summary>
    public TimeSpan? AcquireTimeout { get; set; }

    /// <summary><see cref="NexuSqlOptions.LogParameterValues"/>.</summary>
    public bool? LogParameterValues { get; set; }

    /// <summary><see cref="NexuSqlOptions.SqlMode"/> (MySQL).</summary>
    public string? SqlMode { get; set; }

    /// <summary>These settings over <paramref name="options"/>: each one given replaces the option's value.</summary>
    public NexuSqlOptions ApplyTo(NexuSqlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            MaxConnections = MaxConnections ?? options.MaxConnections,
            CommandTimeout = CommandTimeout ?? options.CommandTimeout,
            AcquireTimeout = AcquireTimeout ?? options.AcquireTimeout,
            LogParameterValues = LogParameterValues ?? options.LogParameterValues,
            SqlMode = SqlMode ?? options.SqlMode,
        };
    }
}
