using Microsoft.Extensions.Logging;

namespace NexuSql;

/// <summary>Options for a <see cref="NexuSqlDatabase"/>.</summary>
public sealed record NexuSqlOptions
{
    /// <summary>The default options.</summary>
    public static NexuSqlOptions Default { get; } = new();

    /// <summary>Where NexuSQL logs: SQL text at Debug, retries at Warning. Parameter values and passwords are never logged.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Command timeout; <see langword="null"/> keeps the driver's default.</summary>
    public TimeSpan? CommandTimeout { get; init; }

    /// <summary>Retry behaviour of the <c>Transaction</c> methods.</summary>
    public TransactionOptions Transactions { get; init; } = TransactionOptions.Default;
}
