namespace NexuSql.Migrations;

/// <summary>Migrations from the database object, for applications that migrate at start-up.</summary>
public static class NexuSqlMigrationExtensions
{
    /// <summary>
    /// Applies pending migrations. Safe when several instances start at once: they wait for each other's lock and
    /// each migration runs exactly once.
    /// </summary>
    /// <example><code>await db.MigrateAsync(new MigrationOptions { Locations = ["db/migrations"] });</code></example>
    /// <remarks>Throws as <see cref="Migrator.MigrateAsync"/> does.</remarks>
    public static Task<MigrationResult> MigrateAsync(this NexuSqlDatabase database, MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        new Migrator(database, options).MigrateAsync(false, cancellationToken);
}
