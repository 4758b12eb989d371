using NexuSql.Migrations;

namespace NexuSql.Schema;

/// <summary>
/// Schema drift: differences between the live schema and the one its applied migrations produce. The expected schema
/// is built by applying the same scripts, up to the latest applied version, to a scratch database of the same engine.
/// NexuSQL's own tables (history, locks) are left out. Every schema is compared (PostgreSQL: a trigger dropped in
/// schema <c>app</c> behind the migrations' back is drift too).
/// </summary>
public static class DriftCheck
{
    /// <summary>What would turn the migrations' schema into the live one; empty when there is no drift.</summary>
    /// <exception cref="NotSupportedException">The engine's schema cannot be read yet.</exception>
    public static async Task<SchemaPlan> CheckAsync(NexuSqlDatabase database, MigrationOptions options, CancellationToken cancellationToken = default)
    {
        var expected = await ExpectedSchemaAsync(database, options, allSchemas: true, cancellationToken).ConfigureAwait(false);
        return await PlanAsync(database, expected, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What would turn <paramref name="expected"/> (read with every schema) into the live schema, every schema read.</summary>
    internal static async Task<SchemaPlan> PlanAsync(NexuSqlDatabase database, SchemaModel expected, MigrationOptions options, CancellationToken cancellationToken)
    {
        var live = (await database.Provider.ReadSchemaAsync(database, allSchemas: true, cancellationToken).ConfigureAwait(false)).WithoutTables(SchemaModel.OwnTables(options.HistoryTable));
        return SchemaDiff.Plan(expected, live, database.Dialect, allowDrop: true, compareViewText: true);
    }

    /// <summary>The schema the applied migrations produce (up to the latest applied version), built on a scratch database.</summary>
    /// <exception cref="NotSupportedException">The engine's schema cannot be read yet.</exception>
    /// <exception cref="NexuSqlException">The scratch database could not be created (the message says so, and what to grant), or a migration failed in it.</exception>
    public static Task<SchemaModel> ExpectedSchemaAsync(NexuSqlDatabase database, MigrationOptions options, CancellationToken cancellationToken = default) =>
        ExpectedSchemaAsync(database, options, allSchemas: false, cancellationToken);

    /// <summary>The schema the applied migrations produce, of the current schema only or (<paramref name="allSchemas"/>) of every one.</summary>
    internal static async Task<SchemaModel> ExpectedSchemaAsync(NexuSqlDatabase database, MigrationOptions options, bool allSchemas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        if (!database.Provider.SupportsSchemaReading) throw new NotSupportedException($"Reading the schema of a {database.Engine} database is not supported yet.");
        var info = await new Migrator(database, options).InfoAsync(cancellationToken).ConfigureAwait(false);
        var latest = info.Where(i => i.State == MigrationState.Applied && i.Version is not null).Select(i => i.Version).Max();
        ScratchDatabase created;
        try
        {
            created = await database.Provider.CreateScratchDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
        }
        catch (NexuSqlException e) when (e is not NexuSqlConnectionException)
        {
            // said as what it is for (bt44: a role without CREATEDB got a bare "42501: permission denied to create database")
            throw new ScratchDatabaseException(e);
        }
        await using var scratch = created;
        if (latest is not null || info.Any(i => i.Kind == MigrationKind.Repeatable && i.State != MigrationState.Pending))
            await new Migrator(scratch.Database, options with { Target = latest, Log = null }).MigrateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return (await scratch.Database.Provider.ReadSchemaAsync(scratch.Database, allSchemas, cancellationToken).ConfigureAwait(false)).WithoutTables(SchemaModel.OwnTables(options.HistoryTable));
    }
}
