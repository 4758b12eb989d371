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
        if (OtherCurrentSchema(desired, live, database.Dialect) is { } refusal) plan = plan with { Refused = [refusal, .. plan.Refused] };
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
    /// A file dumped from a database of this engine whose current schema (the first of its search_path) is not this
    /// database's: its unqualified names — tables, and the functions its checks, defaults, views and SQL-standard bodies
    /// call — would be created and resolved in this database's current schema instead, binding to another schema's function
    /// of the same name (bt53 O1: "Applied 5 change(s)", and a view gave 1 where the source gave 10). Refused as a
    /// copy or restore refuses it; null when the schemas agree or the file does not say (written by hand, or before it was recorded).
    /// </summary>
    private static SchemaChange? OtherCurrentSchema(SchemaModel desired, SchemaModel live, Dialects.SqlDialect d)
    {
        if (desired.Engine != d.Engine || desired.CurrentSchema is not { } fileCurrent || live.CurrentSchema is not { } current
            || string.Equals(fileCurrent, current, StringComparison.Ordinal)) return null;
        var quoted = d.QuoteIdentifier(fileCurrent);
        return new SchemaChange($"the file's schema: it was dumped from a database whose current schema is {fileCurrent} (the first schema of its search_path), " +
            $"and this database's is {current}, so its names without a schema would be created and resolved in {current}; make {fileCurrent} this database's " +
            $"current schema first (CREATE SCHEMA {quoted}; ALTER DATABASE ... SET search_path = {quoted}, public; then connect again)", []);
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
    /// <exception cref="NexuSqlRefusedException">Where schema changes commit one by one, a change written for another
    /// engine (its view) failed when tried first in a scratch database: nothing was applied.</exception>
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
        await RehearseForeignSqlAsync(database, plan, cancellationToken).ConfigureAwait(false);
        await RefuseChangesRowsBreakAsync(database, plan, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Where schema changes commit one by one (MariaDB/MySQL), a new UNIQUE key or check that the table's rows break
    /// (<see cref="SchemaChange.BrokenByRowsSql"/>) refuses the plan before its first change, naming the change and one
    /// such value (bt53 O15: the plan failed half-way, earlier changes committed). A query that cannot run yet (it names
    /// a column the plan adds first) concludes nothing: the engine decides when the change runs.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Rows break a change of the plan: nothing was applied.</exception>
    private static async Task RefuseChangesRowsBreakAsync(NexuSqlDatabase database, SchemaPlan plan, CancellationToken cancellationToken)
    {
        foreach (var change in plan.Changes.Where(c => c.BrokenByRowsSql is not null))
        {
            object? found;
            try
            {
                found = await database.ExecuteScalarAsync<object?>(change.BrokenByRowsSql!, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (NexuSqlException e) when (e is not NexuSqlConnectionException && !cancellationToken.IsCancellationRequested)
            {
                continue;
            }
            if (found is null or DBNull) continue;
            var unique = change.Description.StartsWith("add unique", StringComparison.Ordinal);
            throw new NexuSqlRefusedException($"Nothing was applied: '{change.Description}' would fail on the rows the table holds now " +
                (unique ? $"(the value {found} is there more than once)" : "(some rows break the check)") +
                $", and {database.Engine.DisplayName()} commits each schema change, so the changes before it would stay. Fix those rows first, then apply again. " +
                $"The rows: {change.BrokenByRowsSql}");
        }
    }

    /// <summary>
    /// Where schema changes commit one by one (MariaDB/MySQL), a plan with SQL written for another engine (its views:
    /// <see cref="SchemaChange.ForeignSql"/>) is run first in a scratch database on the same server holding the
    /// database's schema, so that a view the engine does not read (PostgreSQL's <c>IS DISTINCT FROM</c>, a function it
    /// lacks) refuses the plan before anything is applied — not after its tables were committed (session 48: "2 of 3
    /// change(s) were applied before 'create view u' failed"). Where no scratch database can be made (the account may
    /// not create databases), or the rehearsal fails on a change NexuSQL wrote, nothing is concluded and the plan runs
    /// as before.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Such a change failed in the scratch database: it names the change and the engine's reason.</exception>
    private static async Task RehearseForeignSqlAsync(NexuSqlDatabase database, SchemaPlan plan, CancellationToken cancellationToken)
    {
        if (!plan.Changes.Any(c => c.ForeignSql) || database.Url is null) return;
        var live = await database.Provider.ReadSchemaAsync(database, cancellationToken).ConfigureAwait(false);
        ScratchDatabase scratch;
        try
        {
            scratch = await database.Provider.CreateScratchDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
        }
        catch (NexuSqlException e) when (e is not NexuSqlConnectionException && !cancellationToken.IsCancellationRequested)
        {
            return;
        }
        await using (scratch.ConfigureAwait(false))
        {
            await using var session = await scratch.Database.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var statement in SchemaScript.Create(live.WithoutTables(SchemaModel.OwnTables()), database.Dialect))
                    await session.ExecuteRawAsync(statement, cancellationToken).ConfigureAwait(false);
            }
            catch (NexuSqlException e) when (e is not NexuSqlConnectionException && !cancellationToken.IsCancellationRequested)
            {
                return;
            }
            for (var i = 0; i < plan.Changes.Count; i++)
            {
                try
                {
                    foreach (var statement in plan.Changes[i].Sql) await session.ExecuteRawAsync(statement, cancellationToken).ConfigureAwait(false);
                }
                catch (NexuSqlException e) when (e is not NexuSqlConnectionException && !cancellationToken.IsCancellationRequested)
                {
                    if (!plan.Changes[i].ForeignSql) return;
                    var engine = database.Engine.DisplayName();
                    throw new NexuSqlRefusedException($"Nothing was applied: '{plan.Changes[i].Description}' (change {i + 1} of {plan.Changes.Count}) is written for another engine " +
                        $"and fails on {engine}: {e.Message.TrimEnd()} (The plan was tried first in a scratch database on the same server, as {engine} commits each schema " +
                        "change and a failure half-way would leave the changes before it applied.) Write the view for " +
                        $"{engine} in a migration, or leave it out of the file.");
                }
            }
        }
    }
}
