namespace NexuSql.Schema;

/// <summary>
/// <c>nexusql schema apply</c> as a library call: plan what turns a live database into a desired
/// <see cref="SchemaModel"/> (<see cref="SchemaModel.FromJson"/> reads the CLI's schema file), then run the plan.
/// NexuSQL's own tables (migration history, lock, audit log, copy and restore markers) are never planned. Tables and
/// views in schemas other than the current one (PostgreSQL) are planned where the file names their schema
/// (<see cref="TableModel.Schema"/>); schemas the file does not name are left as they are.
/// </summary>
public static class SchemaApplier
{
    /// <summary>The changes that bring <paramref name="database"/> to <paramref name="desired"/>.</summary>
    /// <param name="database">The live database.</param>
    /// <param name="desired">The schema it should have.</param>
    /// <param name="allowDrop">Plan destructive changes (drops, narrowing types) instead of listing them in <see cref="SchemaPlan.Refused"/>.</param>
    /// <param name="cancellationToken">Cancels the schema read.</param>
    /// <returns>The plan; <see cref="SchemaPlan.IsEmpty"/> when the database already has the desired schema.</returns>
    /// <exception cref="NotSupportedException">The engine's schema cannot be read (SQL Server, for now).</exception>
    /// <exception cref="NexuSqlException">The schema could not be read.</exception>
    public static async Task<SchemaPlan> PlanAsync(NexuSqlDatabase database, SchemaModel desired, bool allowDrop = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(desired);
        if (!database.Provider.SupportsSchemaReading) throw new NotSupportedException($"Reading the schema of a {database.Engine} database is not supported yet.");
        var own = SchemaModel.OwnTables();
        // every schema of the database, compared only where the file names it: a file without schemas leaves the others alone
        var live = (await database.Provider.ReadSchemaAsync(database, allSchemas: true, cancellationToken)).WithoutTables(own).WithinSchemasOf(desired);
        var plan = SchemaDiff.Plan(live, desired.WithoutTables(own), database.Dialect, allowDrop);
        // a type or collation the schema uses but neither holds nor creates (a composite type, CREATE COLLATION): refused
        // by name here instead of the engine's raw "does not exist" half-way through the plan
        // (another engine's file asked as the plan makes it here, as a copy does: a key's collation made this engine's own)
        var wanted = CrossEngineSchema.ForFile(desired.WithoutTables(own), database.Dialect, _ => { }, []);
        var missing = plan.Changes.Count == 0 ? [] : await SchemaPrerequisites.MissingAsync(database, wanted.Tables, wanted, cancellationToken).ConfigureAwait(false);
        return missing.Count == 0 ? plan : plan with
        {
            Refused = [.. plan.Refused, .. missing.Select(m => new SchemaChange($"{m}: the database has no such type or collation, and NexuSQL does not create it from the schema " +
                "file; create it first (CREATE TYPE for a composite type, CREATE COLLATION, CREATE EXTENSION), for example in a migration",
                [], false))],
        };
    }

    /// <summary>
    /// Runs <paramref name="plan"/> on <paramref name="database"/>: in one transaction where the engine's DDL is
    /// transactional (PostgreSQL, SQLite: a failure changes nothing), else statement by statement (MariaDB/MySQL commit
    /// each DDL statement; a failure names how many changes were made before it).
    /// </summary>
    /// <param name="database">The database the plan was made for (<see cref="PlanAsync"/>).</param>
    /// <param name="plan">The plan; it must have no refused changes.</param>
    /// <param name="cancellationToken">Cancels between and during statements.</param>
    /// <exception cref="NexuSqlRefusedException">The plan has refused changes: nothing was run. Plan again with
    /// <c>allowDrop</c> for destructive ones, or write a migration for the rest.</exception>
    /// <exception cref="NexuSqlException">A statement failed: the message names the change, and says that nothing was applied (transactional DDL) or how many changes before it were made.</exception>
    public static async Task ApplyAsync(NexuSqlDatabase database, SchemaPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Refused.Count > 0)
            throw new NexuSqlRefusedException($"Nothing was applied: the plan has {plan.Refused.Count} refused change(s), first: {plan.Refused[0].Description}. " +
                                              (plan.Refused.Any(c => c.Destructive) ? "Plan with allowDrop (--allow-drop) for destructive ones, or write a migration for them by hand."
                                                  : "Write a migration for them by hand."));
        if (database.Dialect.Capabilities.TransactionalDdl)
        {
            await using var tx = await database.BeginTransactionAsync(cancellationToken: cancellationToken);
            for (var i = 0; i < plan.Changes.Count; i++)
            {
                try
                {
                    foreach (var statement in plan.Changes[i].Sql) await tx.ExecuteRawAsync(statement, cancellationToken);
                }
                catch (NexuSqlException e) when (e is not NexuSqlConnectionException && !cancellationToken.IsCancellationRequested)
                {
                    // the change that failed and what stayed (bt46 F5: only the engine's "function if(...) does not exist")
                    throw new NexuSqlException($"{e.Message} ('{plan.Changes[i].Description}', change {i + 1} of {plan.Changes.Count}, failed; the plan ran in one " +
                                               "transaction, rolled back: nothing of it was applied.)", e.Engine, e.EngineCode, e);
                }
            }
            await tx.CommitAsync(cancellationToken);
            return;
        }
        // one session for all: a change may set the session up for its statement (MySQL's sql_mode around a trigger or
        // routine, break test 25 F27), which a statement on another pooled connection would not see
        await using var session = await database.OpenSessionAsync(cancellationToken);
        for (var i = 0; i < plan.Changes.Count; i++)
        {
            try
            {
                foreach (var statement in plan.Changes[i].Sql) await session.ExecuteRawAsync(statement, cancellationToken);
            }
            catch (NexuSqlException e) when (i > 0)
            {
                throw new NexuSqlException($"{e.Message} ({database.Engine} commits each schema change: {i} of {plan.Changes.Count} change(s) were applied before " +
                                           $"'{plan.Changes[i].Description}' failed; plan again to see what is left.)", e.Engine, e.EngineCode, e);
            }
        }
    }
}
