using Microsoft.Extensions.Logging;

namespace NexuSql;

/// <summary>Options for a <see cref="NexuSqlDatabase"/>.</summary>
public sealed record NexuSqlOptions
{
    /// <summary>The default options.</summary>
    public static NexuSqlOptions Default { get; } = new();

    /// <summary>Where NexuSQL logs: SQL text at Debug, retries at Warning. Parameter values and passwords are never logged.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Also log parameter values (at Debug, next to the SQL). Off by default: values can be personal data or secrets.
    /// </summary>
    public bool LogParameterValues { get; init; }

    /// <summary>Command (statement) timeout; <see langword="null"/> keeps the driver's default. URL option: <c>statement_timeout</c> (seconds).</summary>
    public TimeSpan? CommandTimeout { get; init; }

    /// <summary>
    /// At most this many connections in use at once, on every engine; callers beyond it wait up to
    /// <see cref="AcquireTimeout"/>. <see langword="null"/> leaves it to the driver's pool. URL option: <c>pool_max</c>.
    /// </summary>
    public int? MaxConnections { get; init; }

    /// <summary>How long a call waits for a free connection when <see cref="MaxConnections"/> are in use (default 30 s). URL option: <c>acquire_timeout</c> (seconds).</summary>
    public TimeSpan AcquireTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// MySQL/MariaDB: the <c>sql_mode</c> the server's sessions run in, as far as reading SQL text is concerned
    /// (<c>NO_BACKSLASH_ESCAPES</c>, <c>ANSI_QUOTES</c>), when the server's global mode sets them; <see langword="null"/>
    /// assumes neither. It does not change the server's mode. URL option: <c>sql_mode</c> (comma-separated).
    /// A <c>SET sql_mode</c> inside a query or script is followed without this option.
    /// </summary>
    public string? SqlMode { get; init; }

    /// <summary>Retry behaviour of the <c>Transaction</c> methods.</summary>
    public TransactionOptions Transactions { get; init; } = TransactionOptions.Default;
}
