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

    /// <summary>CockroachDB has no large objects.</summary>
    public override Data.OutsideContent? OutsideContent => null;

    /// <summary>CockroachDB has no advisory locks: migrations use the lease-based <see cref="Migrations.LeaseMigrationLock"/>.</summary>
    public override bool SupportsMigrationLock => true;

    /// <inheritdoc/>
    public override async Task<IAsyncDisposable> AcquireMigrationLockAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken cancellationToken) =>
        await Migrations.LeaseMigrationLock.AcquireAsync(database, scope, timeout, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>Null, as before advisory locks held snapshots off on PostgreSQL: CockroachDB has none to hold.</remarks>
    public override Task<IAsyncDisposable?> HoldMigrationsAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(null);

    /// <inheritdoc/>
    public override Task<string?> MigrationLockHolderAsync(NexuSqlDatabase database, string scope, CancellationToken cancellationToken) =>
        Migrations.LeaseMigrationLock.HolderAsync(database, scope, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The lease of <paramref name="scope"/>: CockroachDB has no advisory locks.</remarks>
    public override Task<string?> RunningMigratorAsync(NexuSqlDatabase database, string scope, CancellationToken cancellationToken) =>
        Migrations.LeaseMigrationLock.HolderAsync(database, scope, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Null: CockroachDB's pg_depend does not record what a drop would take (only the model's foreign keys and views are checked).</remarks>
    public override Task<IReadOnlyList<string>?> ObjectsDroppedWithAsync(NexuSqlDatabase database, IReadOnlyList<Schema.TableModel> tables, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>?>(null);
}
