using NexuSql.Migrations;

namespace NexuSql.Schema;

/// <summary>
/// Schema drift: differences between the live schema and the one its applied migrations produce. The expected schema
/// is built by applying the same scripts, up to the latest applied version, to a scratch database of the same engine.
/// NexuSQL's own tables (history, locks) are left out.
/// </summary>
public static class DriftCheck
{
    /// <summary>What would turn the migrations' schema into the live one; empty when there is no drift.</summary>
    /// <exception cref="NotSupportedException">The engine's schema cannot be read yet.</exception>
    public static async Task<SchemaPlan> CheckAsync(NexuSqlDatabase database, MigrationOptions options, CancellationToken cancellationToken = default)
    {
        var expected = await ExpectedSchemaAsync(database, options, cancellationToken).ConfigureAwait(false);
        var live = (await database.Provider.ReadSchemaAsync(database, cancellationToken).ConfigureAwait(false)).WithoutTables(SchemaModel.OwnTables(options.HistoryTable));
        return SchemaDiff.Plan(expected, live, database.Dialect, allowDrop: true, compareViewText: true);
    }

    /// <summary>The schema the applied migrations produce (up to the latest applied version), built on a scratch database.</summary>
    /// <exception cref="NotSupportedException">The engine's schema cannot be read yet.</exception>
    public static async Task<SchemaModel> ExpectedSchemaAsync(NexuSqlDatabase database, MigrationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        if (!database.Provider.SupportsSchemaReading) throw new NotSupportedException($"Reading the schema of a {database.Engine} database is not supported yet.");
        var info = await new Migrator(database, options).InfoAsync(cancellationToken).ConfigureAwait(false);
        var latest = info.Where(i => i.State == MigrationState.Applied && i.Version is not null).Select(i => i.Version).Max();
        await using var scratch = await database.Provider.CreateScratchDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
        if (latest is not null || info.Any(i => i.Kind == MigrationKind.Repeatable && i.State != MigrationState.Pending))
            await new Migrator(scratch.Database, options with { Target = latest, Log = null }).MigrateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return (await scratch.Database.Provider.ReadSchemaAsync(scratch.Database, cancellationToken).ConfigureAwait(false)).WithoutTables(SchemaModel.OwnTables(options.HistoryTable));
    }
}
