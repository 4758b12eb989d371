using NexuSql.Dialects;

namespace NexuSql.PostgreSql;

/// <summary>CockroachDB through Npgsql, with CockroachDB's dialect and default port 26257.</summary>
public sealed class CockroachDbProvider : PostgreSqlProvider
{
    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.CockroachDb;

    /// <inheritdoc/>
    public override SqlDialect Dialect => CockroachDbDialect.Instance;

    /// <inheritdoc/>
    protected override int DefaultPort => 26257;

    /// <summary>CockroachDB has no advisory locks; its lease-based migration lock is not built yet.</summary>
    public override bool SupportsMigrationLock => false;

    /// <inheritdoc/>
    public override Task<IAsyncDisposable> AcquireMigrationLockAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken cancellationToken) =>
        throw new NotSupportedException("CockroachDB has no advisory locks; NexuSQL's lease-based migration lock for it is not built yet.");
}
