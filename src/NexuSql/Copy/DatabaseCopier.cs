using System.Diagnostics;
using NexuSql.Backup;
using NexuSql.Data;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Copy;

/// <summary>What to copy: the shared options plus schema-only or data-only.</summary>
public sealed record CopyOptions : TransferOptions
{
    /// <summary>Only the schema: tables, keys, indexes, foreign keys, sequences (and views between the same engine).</summary>
    public bool SchemaOnly { get; init; }

    /// <summary>Only rows, into tables that already exist in the target and are empty (<see cref="TransferOptions.Clean"/> empties them).</summary>
    public bool DataOnly { get; init; }

    /// <summary>
    /// Called with a line for the user while the copy waits: for a migration running at the source to finish before
    /// the source's schema is read ("waiting for the migration running on the source ...").
    /// </summary>
    public Action<string>? Notice { get; init; }
}

/// <summary>
/// Copies a database into another, of any engine: the source read inside one consistent snapshot, each table streamed
/// (a reader and a writer running at once, a bounded queue between them, so memory does not grow with the table)
/// into the target's bulk path in one transaction that also records the table in a marker table; keys, indexes and
/// foreign keys after the data; finally every copied table read back from the target and its count and content hash
/// compared with what was read from the source. A killed copy leaves the marker; <see cref="TransferOptions.Resume"/>
/// keeps the recorded tables and copies the rest.
/// </summary>
public static class DatabaseCopier
{
    /// <summary>The table marking a copy in progress (or interrupted) in the target.</summary>
    public const string MarkerTable = "nexusql_copy_incomplete";

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/>.</summary>
    /// <exception cref="NexuSqlRefusedException">The target is not empty (or its tables are not, for a data-only copy) without Clean or Resume; the source and the target are one database (<see cref="NexuSqlProvider.IsSameDatabaseAsync"/>), however their URLs are spelled (two hard links of one SQLite file too).</exception>
    /// <exception cref="NexuSqlValueException">A value the target cannot hold; the table being copied is rolled back.</exception>
    public static async Task<TransferResult> CopyAsync(NexuSqlDatabase source, NexuSqlDatabase target, CopyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new CopyOptions();
        if (options.SchemaOnly && options.DataOnly) throw new ArgumentException("Choose schema-only or data-only, not both.", nameof(options));
        // --clean drops the whole target: with a selection, everything else in it went without a word (break test 33 G1;
        // restore refuses the same, F27). A data-only copy's --clean empties only the tables it copies.
        if (options.Clean && !options.DataOnly && (options.Tables is { Count: > 0 } || options.Schemas is { Count: > 0 }))
            throw new ArgumentException("--clean drops every table, view and sequence of the target (of every schema), not only those --tables or --schemas copy. " +
                                        "To replace the rows of some tables, use --data-only --clean --tables ...; to start over with part of the source, " +
                                        "copy into an empty database (or drop those tables in the target first). Nothing was changed.", nameof(options));
        var d = target.Dialect;
        if (source.Engine == target.Engine && await source.Provider.IsSameDatabaseAsync(source, target, cancellationToken).ConfigureAwait(false))
            throw new NexuSqlRefusedException($"The source and the target are the same database ({source.Url} and {target.Url} reach one database): " +
                                              "a copy into it would drop or overwrite what it reads. Nothing was changed.");
        await source.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        // a migration running at the source is waited for before its schema is read, and the next one held off until the
        // rows' snapshot began: the tables created and the rows read are of one schema (bt37 M9: the tables were created
        // from a MariaDB migration's half-applied schema, then "the source's schema changed" left a marked target)
        var hold = await BackupCreator.HoldMigrationsAsync(source, new BackupOptions().HistoryTable, "copy", options.Notice, cancellationToken).ConfigureAwait(false);
        async Task ReleaseAsync()
        {
            if (hold is { } held)
            {
                hold = null;
                await held.DisposeAsync().ConfigureAwait(false);
            }
        }
        try
        {
            return await CopyHeldAsync(source, target, options, ReleaseAsync, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The copy, begun while migrations are held off at the source (<see cref="BackupCreator.HoldMigrationsAsync"/>);
    /// <paramref name="releaseMigrations"/> lets them run again once the rows' snapshot began (or, schema-only, once the
    /// schema was read).
    /// </summary>
    private static async Task<TransferResult> CopyHeldAsync(NexuSqlDatabase source, NexuSqlDatabase target, CopyOptions options, Func<Task> releaseMigrations, CancellationToken cancellationToken)
    {
        var d = target.Dialect;
        var read = await BackupCreator.ReadAsync(source, options.Schemas, cancellationToken).ConfigureAwait(false);
        if (options.SchemaOnly) await releaseMigrations().ConfigureAwait(false);
        await TransferMarker.RefuseIncompleteSourceAsync(source, "copy from", cancellationToken).ConfigureAwait(false);
        var all = read.WithoutTables([MarkerTable, BackupRestorer.MarkerTable, Audit.AuditLog.Table]);
        var chosen = BackupCreator.WithPartitions(all, options.Tables, d);
        var schema = BackupCreator.Select(all, chosen);
        schema.RefuseOtherSchemas(d, "copied",
            $"Copy the current schema only: --schemas {read.CurrentSchema ?? "public"}");
        SchemaScript.RefuseCaseClashes(schema);
        SchemaScript.RefuseUnnamedColumns(schema);
        if (!options.SchemaOnly) await BackupCreator.RefuseUnreadableAsync(source, schema.Tables, "written to the target", cancellationToken).ConfigureAwait(false);
        TableSelection.RefuseContentByImplicitRowid(schema);
        TableSelection.RefuseChildrenInOtherSchemas(schema);
        var sourceSchema = schema;
        var translationNotes = new List<string>();
        // what the source's topology makes of the copy (a Galera table that is not replicated: this node's rows only)
        var warnings = (await source.Provider.TopologyWarningsAsync(source, cancellationToken).ConfigureAwait(false)).Select(w => "source: " + w).ToList();
        // tables the snapshot does not cover (MariaDB MyISAM/Aria): read each at its own moment (break test 31 B12)
        if (!options.SchemaOnly) warnings.AddRange(BackupCreator.SnapshotWarnings(source.Dialect, schema).Select(w => "source: " + w));
        // data outside the tables (PostgreSQL large objects): copied with their ids into an engine that holds that kind,
        // when the whole database is copied (as pg_dump: --tables and --schemas choose part of it); otherwise said, not only listed under leftOut
        var outside = options.SchemaOnly || options.Tables is { Count: > 0 } || options.Schemas is { Count: > 0 } ? null : OutsideContentTransfer.Shared(source.Provider, target.Provider);
        var leftOut = outside is { } carried ? OutsideContentTransfer.WithoutLeftOut(schema.LeftOut, carried.To.Kind) : schema.LeftOut;
        if (outside is null)
        {
            var why = options.SchemaOnly ? "; --schema-only copies no data" : options.Tables is { Count: > 0 } || options.Schemas is { Count: > 0 } ? "; --tables and --schemas copy part of the database" : "";
            warnings.AddRange((await source.Provider.ContentOutsideTablesAsync(source, cancellationToken).ConfigureAwait(false)).Select(x => $"source: not copied: {x} (data outside the tables{why})"));
        }
        // rows the source holds against its own constraints: carried where the target can hold them, else refused by key
        if (!options.DataOnly && !options.SchemaOnly && (source.Engine != target.Engine || source.Dialect.ConstraintsMayBeBypassed))
            schema = await NotValidConstraintCheck.CarryOrRefuseAsync(source, schema, d, warnings, cancellationToken).ConfigureAwait(false);
        var checksOff = NotValidConstraintCheck.NeedsChecksOff(schema, d);
        if (source.Engine != target.Engine)
        {
            schema = CrossEngineSchema.Translate(schema, source.Engine, d, translationNotes, warnings, intoExistingTables: options.DataOnly);
            await RefuseNullKeysAsync(source, sourceSchema, d, cancellationToken).ConfigureAwait(false);
        }
        // within one engine too: identity columns the target cannot create as they are are named before anything is written, not a raw error 1075 half-way
        else CrossEngineSchema.RefuseIdentities(schema, source.Engine, d);
        // identity positions the target's counters cannot hold (a MariaDB BIGINT UNSIGNED AUTO_INCREMENT at or above 2^63
        // into PostgreSQL or SQLite): named before anything is written (bt29 M2)
        if (!options.SchemaOnly && source.Dialect.HighestIdentityNextValue > d.HighestIdentityNextValue)
        {
            await using var positions = await source.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
            CrossEngineSchema.RefusePositions(await BackupCreator.SequencesAsync(positions, sourceSchema, source.Dialect, cancellationToken).ConfigureAwait(false),
                schema, source.Engine, d);
        }
        var existing = (await target.Provider.ReadSchemaAsync(target, allSchemas: true, cancellationToken).ConfigureAwait(false)).WithoutTables([Audit.AuditLog.Table]);
        SchemaModel.RefuseOtherCurrentSchema(source.Engine, read.CurrentSchema, d, existing, "copied");
        await RoutineTransfer.RefuseReadOnlyAsync(target, cancellationToken).ConfigureAwait(false);
        if (source.Engine == target.Engine && !options.DataOnly) CrossEngineSchema.RefuseTextOrderOfOtherDefaultCollation(schema, existing, d, byteOrderKnown: true);
        if (source.Engine != target.Engine && !options.DataOnly) schema = CrossEngineSchema.InUnicodeTables(schema, d, existing);
        var interrupted = existing.Table(MarkerTable) is not null;
        var resume = options.Resume && interrupted;
        if (options.Resume && !interrupted) throw new NexuSqlRefusedException($"There is no interrupted copy to resume in the target ({MarkerTable} is not there).");
        var run = TransferMarker.RunOptions(options.Tables is { Count: > 0 } ? sourceSchema.Tables.Select(t => t.QualifiedName) : null,
            options.Schemas is { Count: > 0 } ? options.Schemas : null, options.DataOnly ? "--data-only" : "");
        IReadOnlyList<string> steps = [];
        if (resume)
        {
            steps = await MarkerStepsAsync(target, cancellationToken).ConfigureAwait(false);
            TransferMarker.RefuseOtherRun(steps, run, "copy");
            RefuseChangedSourceSchema(steps, sourceSchema);
            RefuseChangedTargetTables(steps, existing, schema.Tables, withChecks: !options.DataOnly);
        }
        if (options.DataOnly && schema.Tables.Where(t => existing.Table(t.Schema, t.Name) is null).Select(t => t.QualifiedName).ToList() is { Count: > 0 } missing)
            throw new NexuSqlRefusedException($"--data-only needs the tables in the target; missing: {string.Join(", ", missing)}. Copy the schema first (--schema-only) or migrate the target.");
        // a table the target spells otherwise by case alone is another table where names keep their case (bt41 F20: the
        // pre-check read "Users" for users, the write failed with a raw 42P01 and advice to run the same command again)
        if (options.DataOnly && !d.RelationNamesIgnoreCase && schema.Tables.Select(t => (Source: t, Target: existing.Table(t.Schema, t.Name)!))
                .Where(x => !string.Equals(x.Source.Name, x.Target.Name, StringComparison.Ordinal)).Select(x => $"{x.Source.QualifiedName} (the target has {x.Target.QualifiedName})").ToList() is { Count: > 0 } spelled)
            throw new NexuSqlRefusedException($"--data-only writes into the target's tables of the source's names, and {d.Engine.DisplayName()} tells names apart by case: " +
                $"{string.Join(", ", spelled)}. Nothing was written. Create the tables in the target as the source spells them (--schema-only, or a migration), " +
                "or leave these out (--tables).");
        // a target column the source has not, which takes no NULL and has no value of its own: every row is refused (F20:
        // 23502 after the read, with advice to run the same command again)
        if (options.DataOnly && schema.Tables.SelectMany(t => existing.Table(t.Schema, t.Name)!.Columns
                .Where(c => !c.Nullable && c.Default is null && !c.Identity && c.Generated is null && t.Columns.All(s => !string.Equals(s.Name, c.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(c => $"{t.QualifiedName}.{c.Name}")).ToList() is { Count: > 0 } unfilled)
            throw new NexuSqlRefusedException($"These target columns are NOT NULL without a default, and the source has no such column, so every row would be refused: " +
                $"{string.Join(", ", unfilled)}. Nothing was written. Give them a default in the target (ALTER TABLE ... ALTER COLUMN ... SET DEFAULT ...), make them nullable, " +
                "or leave their tables out (--tables).");
        // a standalone sequence's position is carried like the rows: one the target lacks failed the copy after the rows
        // were written (break test 27 K3)
        if (options.DataOnly && d.SupportsSequences && schema.Sequences.Where(q => !existing.Sequences.Any(e => e.Schema == q.Schema && string.Equals(e.Name, q.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(q => q.QualifiedName).ToList() is { Count: > 0 } missingSequences)
            throw new NexuSqlRefusedException($"--data-only carries the positions of sequences too, and the target lacks these: {string.Join(", ", missingSequences)}. " +
                "Nothing was written. Create them in the target (--schema-only, or migrate it), or choose the tables with --tables: a sequence no chosen table draws from is left out.");
        if (options.DataOnly)
        {
            RefuseGeneratedTargetColumns(schema, existing);
            RefuseIncomparableTargetColumns(schema, sourceSchema, existing, source, target);
            TableSelection.RefuseTriggersWritingElsewhere([.. schema.Tables.Select(t => existing.Table(t.Schema, t.Name)!)], existing, d, options.Clean);
        }
        if (!resume && !options.Clean) await RefuseNonEmptyAsync(target, existing, schema, options, interrupted, cancellationToken).ConfigureAwait(false);
        if (!options.DataOnly)
            await SchemaPrerequisites.RefuseMissingAsync(target, [.. schema.Tables.Where(t => options.Clean || existing.Table(t.Schema, t.Name) is null)], schema, options.Clean ? null : existing, cancellationToken).ConfigureAwait(false);
        if (!options.DataOnly) schema = await target.Provider.ForServerDefaultsAsync(target, schema, warnings, cancellationToken).ConfigureAwait(false);
        if (!options.DataOnly && !resume)
            await RoutineTransfer.RefuseMissingPrivilegesAsync(target, schema, source.Engine, options.Clean ? null : existing, createsTables: true, cancellationToken).ConfigureAwait(false);
        // every value the target may refuse is checked before the target is touched: a refusal half-way would leave
        // the tables before it written and the target marked as an unfinished copy
        if (!options.SchemaOnly)
            await CopyValueCheck.RefuseAsync(source, target, [.. schema.Tables.Where(source.Dialect.CarriesRowsOf).Select(t => (t, options.DataOnly ? Into(t, existing.Table(t.Schema, t.Name)!) : t))],
                options.Phase, cancellationToken, options.DataOnly ? existing.Enums : null).ConfigureAwait(false);
        if (options.DataOnly && options.Clean && !resume) await RefuseEmptyingBeyondTheCopyAsync(target, existing, schema, cancellationToken).ConfigureAwait(false);
        // --data-only into the target's own tables: its constraints (checks, domains, keys its types or collations join,
        // partitions, foreign keys) asked of the target itself, in a load that is rolled back (the tables emptied by
        // --clean are only emptied later: then asked only when they are empty already)
        if (options.DataOnly)
        {
            // (not the tables a resume keeps: their rows are in the target already, and loaded again each was "a duplicate")
            var kept = KeptTables(steps);
            var order = SchemaScript.InDependencyOrder([.. schema.Tables.Where(source.Dialect.CarriesRowsOf).Where(t => !kept.Contains(t.QualifiedName))
                    .Select(t => t with { ForeignKeys = existing.Table(t.Schema, t.Name)!.ForeignKeys })])
                .Select(t => schema.Table(t.Schema, t.Name)!).Select(t => (t, Into(t, existing.Table(t.Schema, t.Name)!), existing.Table(t.Schema, t.Name)!)).ToList();
            if (!options.Clean || await AllEmptyAsync(target, schema, existing, cancellationToken).ConfigureAwait(false))
                await TargetRowCheck.RefuseAsync(source, target, order, existing, options.Phase, cancellationToken).ConfigureAwait(false);
        }

        // the target's items under the source's ids: the same content is kept, other content refused (or replaced with --clean)
        var outsidePlan = outside is not { } both ? null : await OutsideContentTransfer.PlanAsync(target, both.To, async ids =>
        {
            await using var probe = await source.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
            var digests = new Dictionary<long, string>();
            foreach (var id in ids)
                if (await both.From.DigestAsync(probe, id, cancellationToken).ConfigureAwait(false) is { } digest) digests[id] = digest;
            return digests;
        }, options.Clean, cancellationToken).ConfigureAwait(false);

        await using var session = await target.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sql in target.DataSessionSql) await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        List<string> stillIncomplete = [];
        if (options.Clean && !resume)
        {
            options.Phase?.Invoke(options.DataOnly ? "emptying the target tables" : "dropping everything in the target");
            if (options.DataOnly)
            {
                await SchemaReset.EmptyTablesAsync(session, schema.Tables.Select(t => existing.Table(t.Schema, t.Name)).OfType<TableModel>().ToList(), cancellationToken).ConfigureAwait(false);
                // the marker of the unfinished copy --clean starts over from (break test M3: "relation already exists"),
                // unless it is about a table this run does not copy again: that one stays incomplete (session 19 F14)
                if (interrupted)
                {
                    var earlier = new TransferMarker(session, MarkerTable);
                    stillIncomplete = [.. (await earlier.StepsAsync(cancellationToken).ConfigureAwait(false)).Select(step => step.Split(' ', 4))
                        .Where(p => p is ["copied", _, _, _] && schema.TableNamed(p[3]) is null).Select(p => p[3]).Distinct(StringComparer.Ordinal)];
                    if (stillIncomplete.Count == 0) await earlier.DropAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await SchemaReset.DropAllAsync(session, existing, cancellationToken).ConfigureAwait(false);
                existing = new SchemaModel([]);
            }
        }
        var marker = new TransferMarker(session, MarkerTable);
        foreach (var sql in d.BulkLoadBeginSql.Concat(checksOff ? d.ChecksOffSql : [])) await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        try
        {
            if (options.SchemaOnly)
            {
                options.Phase?.Invoke("creating the schema");
                var skippedObjects = new List<string>(translationNotes);
                // the schemas views are in too (SchemaScript.Create below sees the tables only): a schema holding only
                // views or materialized views is created as by a full copy
                foreach (var sql in SchemaScript.SchemasOf(schema).Select(d.CreateSchemaSql).OfType<string>())
                    await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
                // the types and tables are made together (SchemaScript.Create): a routine whose header names a type comes after both
                await RoutineTransfer.CreateRoutinesAsync(session, schema, source.Engine, existing, skippedObjects, cancellationToken, RoutineStage.BeforeTypes).ConfigureAwait(false);
                // (so a default or check that calls a function of the later stages is added after it: LateCalls)
                var lateCalls = LateCalls.Of(schema, d, RoutineStage.BeforeTables);
                foreach (var sql in SchemaScript.Create(LateCalls.WithoutInDomains(schema, lateCalls) with { Views = [], Tables = [.. schema.Tables.Select(t => LateCalls.Without(t, lateCalls))] }, d))
                    await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
                await RoutineTransfer.CreateRoutinesAsync(session, schema, source.Engine, existing, skippedObjects, cancellationToken, RoutineStage.BeforeTables).ConfigureAwait(false);
                await RoutineTransfer.CreateRoutinesAsync(session, schema, source.Engine, existing, skippedObjects, cancellationToken, RoutineStage.AfterTables).ConfigureAwait(false);
                // (those that wait for the rows in a full copy are added with the triggers, as there: RoutineTransfer.CreateAfterDataAsync)
                // (a domain's check waits with them whatever its stage: LateCalls.Of gives it to both)
                foreach (var late in lateCalls.Where(l => (l.Stage < RoutineStage.AfterTables && l.Domain is null) || !LateCalls.AfterRows(l)))
                    await session.ExecuteRawAsync(LateCalls.Sql(late, d), cancellationToken).ConfigureAwait(false);
                foreach (var sql in BackupRestorer.DatabaseSettingsSql(schema, d)) await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
                var views = await BackupRestorer.FinishAsync(session, schema with { Tables = [], Sequences = [] }, [], source.Engine, existing, cancellationToken, warnings: warnings, skippedRoutines: skippedObjects).ConfigureAwait(false);
                await RoutineTransfer.CreateAfterDataAsync(session, schema, schema.Tables, source.Engine, existing, skippedObjects, cancellationToken).ConfigureAwait(false);
                warnings.AddRange(await target.Provider.TopologyWarningsAsync(target, cancellationToken).ConfigureAwait(false));
                return new TransferResult([], 0, views) { SkippedObjects = skippedObjects, Warnings = warnings, LeftOut = schema.LeftOut };
            }

            var done = new Dictionary<string, BackupTable>(StringComparer.Ordinal);
            if (resume)
            {
                foreach (var step in steps)
                    if (step.Split(' ', 4) is ["copied", var rows, var hash, var name] && schema.TableNamed(name) is { } t)
                        done[name] = new BackupTable(t.Name, "", long.Parse(rows, System.Globalization.CultureInfo.InvariantCulture), hash) { Schema = t.Schema };
                options.Phase?.Invoke($"resuming ({done.Count} of {schema.Tables.Count} tables were copied)");
            }
            else
            {
                options.Phase?.Invoke(options.DataOnly ? "copying rows" : "creating tables");
                if (stillIncomplete.Count == 0)
                {
                    await marker.CreateAsync(cancellationToken).ConfigureAwait(false);
                    await marker.RecordAsync(TransferMarker.RunStep(run), null, cancellationToken).ConfigureAwait(false);
                    await marker.RecordAsync(SchemaStep + System.Text.Json.Nodes.JsonNode.Parse(sourceSchema.ToJson())!.ToJsonString(), null, cancellationToken).ConfigureAwait(false);
                    // the target's own tables a data-only copy writes into, as they are now (a full copy records those it creates, once created)
                    if (options.DataOnly) await marker.RecordAsync(TargetStep + TablesWritten(existing, schema.Tables, withChecks: false), null, cancellationToken).ConfigureAwait(false);
                }
            }
            // a data-only copy writes nothing before its first table commits: a failure until then removes the marker
            // again, so the next copy is not refused as a resume of rows that were never written
            var marked = !options.DataOnly || resume || stillIncomplete.Count > 0;
            if (marked) options.Marked?.Invoke();
            var skipped = new List<string>(translationNotes);
            var copied = new List<BackupTable>();
            var sequences = new List<BackupSequence>();
            try
            {
                if (!options.DataOnly)
                {
                    await BackupRestorer.CreateBeforeDataAsync(session, schema, source.Engine, existing, skipped, cancellationToken).ConfigureAwait(false);
                    if (!resume)
                        await marker.RecordAsync(TargetStep + TablesWritten(await target.Provider.ReadSchemaAsync(target, allSchemas: true, cancellationToken).ConfigureAwait(false), schema.Tables, withChecks: true),
                            null, cancellationToken).ConfigureAwait(false);
                }
                var estimates = options.Progress is null ? null : await source.Provider.EstimateRowCountsAsync(source, cancellationToken).ConfigureAwait(false);
                await using (var reader = await source.OpenSessionAsync(cancellationToken).ConfigureAwait(false))
                {
                    foreach (var sql in source.DataSessionSql) await reader.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
                    await source.Provider.CatchUpAsync(reader, cancellationToken).ConfigureAwait(false);
                    // migrations at the source were held off since its schema was read (a migration running without a
                    // transaction, MariaDB, would be half-applied in the snapshot: bt36 M2): let them run once the snapshot began
                    foreach (var sql in source.Dialect.BeginSnapshotSql) await reader.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        try
                        {
                            await BackupCreator.LockForReadAsync(reader, sourceSchema.Tables, "copy", cancellationToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            await releaseMigrations().ConfigureAwait(false);
                        }
                        // a migration the hold could not wait for (an older NexuSQL's migrator), caught half-applied by the
                        // snapshot: refused before any row is copied, by backup's own check (bt39 H7)
                        var history = new BackupOptions().HistoryTable;
                        var migrations = await BackupCreator.MigrationsAsync(reader, read, history, source.Dialect, cancellationToken).ConfigureAwait(false);
                        if (await BackupCreator.RunningMigrationAsync(source, migrations, history, cancellationToken).ConfigureAwait(false) is { } running)
                            throw new NexuSqlRefusedException(
                                $"The source's snapshot holds migration {running} half-applied: it was running when the copy began, by a migrator the copy could not " +
                                "wait for (an older NexuSQL's?). No rows were copied. Run the copy again once the migration has finished" +
                                (resume ? ", with --resume." : options.DataOnly ? "." : $", with --clean: the tables were created in the target, which is marked as an unfinished copy ({MarkerTable})."));
                        if (schema.TableNamed(history) is not null)
                            warnings.AddRange(BackupCreator.FailedMigrationWarnings(migrations, "the copy", "source", "The target"));
                        // --data-only loads into the target's own tables, whose foreign keys are in force: parents first by those
                        // a table whose rows cannot be read back (a SQLite contentless full-text table) is created empty, named under left out
                        var order = options.DataOnly
                            ? SchemaScript.InDependencyOrder([.. schema.Tables.Where(source.Dialect.CarriesRowsOf).Select(t => t with { ForeignKeys = existing.Table(t.Schema, t.Name)!.ForeignKeys })])
                                .Select(t => schema.Table(t.Schema, t.Name)!)
                            : SchemaScript.InDependencyOrder([.. schema.Tables.Where(source.Dialect.CarriesRowsOf)]);
                        foreach (var table in order)
                        {
                            var into = options.DataOnly ? Into(table, existing.Table(table.Schema, table.Name)!) : table;
                            if (done.TryGetValue(table.QualifiedName, out var kept))
                            {
                                // the kept rows came from the interrupted run's snapshot: they must still be the source's
                                var now = await SourceHashAsync(reader, table, into, cancellationToken).ConfigureAwait(false);
                                if (now.Count != kept.Rows || now.Hash != kept.Hash)
                                    throw new NexuSqlRefusedException(
                                        $"Table {table.QualifiedName} changed at the source since the interrupted copy " +
                                        $"({(now.Count == kept.Rows ? $"the same number of rows ({now.Count}) but other values" : $"{kept.Rows} rows then, {now.Count} now")}). " +
                                        "The copy cannot be resumed from two moments; run it again with --clean.");
                                // and in the target as it was copied, before the rest is copied again
                                await BackupRestorer.RefuseChangedKeptTablesAsync(() => BackupRestorer.CheckTablesAsync(session, [(into, kept)], "copied", MarkerTable, null, cancellationToken),
                                    mismatch => NamingRowsAsync(source, target, mismatch, cancellationToken)).ConfigureAwait(false);
                                copied.Add(kept);
                                continue;
                            }
                            copied.Add(await LostConnection.NamedAsync(() => CopyTableAsync(reader, session, table, into, marker, resume, options.Progress, estimates?.TryGetValue(table.QualifiedName, out var e) == true ? e : null, cancellationToken),
                                table.QualifiedName, "copying", [("source", reader), ("target", session)], copied.Count).ConfigureAwait(false));
                            if (!marked)
                            {
                                marked = true;
                                options.Marked?.Invoke();
                            }
                        }
                        if (outside is { } pair && outsidePlan is not null)
                        {
                            options.Phase?.Invoke($"copying {pair.To.Kind}");
                            warnings.AddRange(await OutsideContentTransfer.CopyAsync(reader, pair.From, session, pair.To, outsidePlan, MarkerTable, cancellationToken).ConfigureAwait(false));
                        }
                        sequences.AddRange(await BackupCreator.SequencesAsync(reader, sourceSchema, source.Dialect, cancellationToken).ConfigureAwait(false));
                        var after = BackupCreator.Select((await BackupCreator.ReadAsync(source, options.Schemas, cancellationToken).ConfigureAwait(false))
                            .WithoutTables([MarkerTable, BackupRestorer.MarkerTable, Audit.AuditLog.Table]), chosen);
                        if (after.ToJson() != sourceSchema.ToJson())
                            throw new NexuSqlRefusedException(
                                "The source's schema changed while it was copied (a migration ran?): the rows may not match the tables. Run the copy again with --clean.");
                    }
                    finally
                    {
                        await BackupCreator.EndAsync(reader, source.Dialect).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (!marked)
            {
                var note = await UnmarkAsync(marker, options.Clean).ConfigureAwait(false);
                if (note.StillMarked) options.Marked?.Invoke();
                if (e is NexuSqlValueException value) throw value.WithNote(note.Text);
                throw;
            }
            catch (NexuSqlValueException value)
            {
                throw value.WithNote(
                    $"{copied.Count} of {schema.Tables.Count} tables were copied before it and are kept{(options.DataOnly ? "" : " (all tables were created)")}; the target is marked as an " +
                    $"unfinished copy ({MarkerTable}): fix the value, then finish with --resume, or start over with --clean.");
            }

            // a full-text index over a copied content table is built from its rows now (break test 24 B30, B31)
            await BackupRestorer.RebuildVirtualTablesAsync(session, [.. schema.Tables, .. existing.Tables], [.. copied.Select(t => t.QualifiedName)], cancellationToken, existing.Views).ConfigureAwait(false);
            var present = resume || options.DataOnly ? await target.Provider.ReadSchemaAsync(target, allSchemas: true, cancellationToken).ConfigureAwait(false) : new SchemaModel([]);
            IReadOnlyList<string> skippedViews;
            try
            {
                skippedViews = await LostConnection.FinishingAsync(() => BackupRestorer.FinishAndCheckAsync(session, options.DataOnly ? WithTargetConstraints(schema, present) : schema, sequences, source.Engine, present,
                    [.. copied.Select(t => (options.DataOnly ? Into(schema.Table(t.Schema, t.Name)!, existing.Table(t.Schema, t.Name)!) : schema.Table(t.Schema, t.Name)!, t))],
                    "copied", MarkerTable, options.Phase, options.Progress, cancellationToken, warnings: warnings,
                    skippedRoutines: options.DataOnly ? null : skipped), BackupRestorer.FinishingStep, session, copied.Count).ConfigureAwait(false);
            }
            catch (BackupRestorer.TableMismatchException mismatch)
            {
                var named = await NamingRowsAsync(source, target, mismatch, cancellationToken).ConfigureAwait(false);
                // the target's own trigger (or SQLite conflict clause) changed the rows: a --resume would load them through it
                // again (bt34 F6), so the advice is what helps (found before writing when the tables were empty: TargetRowCheck)
                if (options.DataOnly && existing.TableNamed(mismatch.Table) is { } own && TableSelection.RewritingOnLoad(own, existing, d, [.. copied.Select(t => existing.Table(t.Schema, t.Name)).OfType<TableModel>()]) is { Count: > 0 } rules)
                    throw new NexuSqlDataMismatchException(mismatch.Table, (named as NexuSqlDataMismatchException)?.Key,
                        $"{named.Message} {RewrittenBy(own, rules, d, written: true)}", d.Engine, mismatch) { Advised = true };
                throw named;
            }
            // the target's own materialized views were computed from the rows before the copy: computed again from the
            // rows copied, as pg_dump's data-only output does (one that fails keeps its rows, and is named)
            if (options.DataOnly && present.Views.Any(v => v.Materialized && !v.WithNoData))
            {
                options.Phase?.Invoke("refreshing materialized views");
                warnings.AddRange((await SchemaReset.RefreshMaterializedViewsAsync(session, present.Views, cancellationToken).ConfigureAwait(false))
                    .Select(v => $"materialized view {v} was not refreshed: it holds the rows computed before the copy; fix its query or the rows, then REFRESH MATERIALIZED VIEW"));
            }
            if (!options.DataOnly)
            {
                options.Phase?.Invoke("creating triggers and policies");
                await RoutineTransfer.CreateAfterDataAsync(session, schema, schema.Tables, source.Engine, present, skipped, cancellationToken).ConfigureAwait(false);
            }
            if (stillIncomplete.Count == 0) await marker.DropAsync(cancellationToken).ConfigureAwait(false);
            else
                warnings.Add($"the target stays marked as an unfinished copy ({MarkerTable}): table{(stillIncomplete.Count > 1 ? "s" : "")} {string.Join(", ", stillIncomplete)} " +
                             $"of the earlier, unfinished copy {(stillIncomplete.Count > 1 ? "were" : "was")} not copied again by this one; copy {(stillIncomplete.Count > 1 ? "them" : "it")} again with --clean");
            // what the target's topology cannot handle well (a Galera cluster: tables without a primary key)
            warnings.AddRange(await target.Provider.TopologyWarningsAsync(target, cancellationToken).ConfigureAwait(false));
            return new TransferResult(copied, copied.Sum(t => t.Rows), skippedViews) { SkippedObjects = skipped, Warnings = warnings, LeftOut = leftOut };
        }
        finally
        {
            await session.RestoreSessionAsync(d.BulkLoadEndSql.Concat(checksOff ? d.ChecksOnSql : []).Concat(target.DataSessionEndSql)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What changes the rows of the target's own <paramref name="table"/> as they are loaded (<see cref="TableSelection.RewritingOnLoad"/>)
    /// and what helps: not <c>--resume</c>, which would load them through it again (bt34 F6).
    /// </summary>
    /// <param name="table">The target's table.</param>
    /// <param name="rules">Its triggers and conflict clauses that change rows.</param>
    /// <param name="d">The target's dialect.</param>
    /// <param name="written">Whether the copy wrote the rows (then <c>--clean</c> empties them first), or found it before writing.</param>
    internal static string RewrittenBy(TableModel table, IReadOnlyList<string> rules, SqlDialect d, bool written)
    {
        var triggers = rules.Any(r => r.StartsWith("trigger ", StringComparison.Ordinal));
        var clauses = rules.Any(r => !r.StartsWith("trigger ", StringComparison.Ordinal));
        var why = string.Join("; ", new[]
        {
            triggers ? $"{d.Engine.DisplayName()} cannot turn a trigger off for a load" : null,
            clauses ? "a conflict clause drops or replaces a row whose key is taken, without an error" : null,
        }.OfType<string>());
        var fix = string.Join(", and ", new[]
        {
            triggers ? "drop the trigger for the copy (create it again afterwards)" : null,
            clauses ? "remove the ON CONFLICT clause (the copy then names a row the key refuses)" : null,
        }.OfType<string>());
        return $"The target's own {string.Join(", ", rules)} {(written ? "changed" : rules.Count == 1 ? "changes" : "change")} the rows of table {table.QualifiedName} as they {(written ? "were" : "are")} loaded ({why})" +
               (written ? ": --resume would load them through it again." : ".") +
               $" To copy the rows as the source holds them, {fix}, then copy again with --data-only{(written ? " --clean" : "")}; " +
               "or copy into an empty database without --data-only (the copy creates triggers after the rows).";
    }

    /// <summary>
    /// Drops the marker of a data-only copy that stopped before its first table committed (nothing was written), and
    /// says so; when the drop itself fails (the target's connection is gone) the marker stays and the text says that.
    /// </summary>
    private static async Task<(string Text, bool StillMarked)> UnmarkAsync(TransferMarker marker, bool emptied)
    {
        var what = emptied ? "No rows were written to the target (its copied tables were emptied first, by --clean)" : "Nothing was written to the target";
        try
        {
            await marker.DropAsync(CancellationToken.None).ConfigureAwait(false);
            return ($"{what}; run the copy again once this is fixed.", false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return ($"{what}, but the unfinished-copy marker ({MarkerTable}) could not be removed ({e.Message}); run the copy again with --clean.", true);
        }
    }

    /// <summary>
    /// The final check's mismatch with the rows that differ named by key and column: the table compared again between
    /// source and target (<see cref="Verification.DataComparer"/>; the source as it is now, not the copy's snapshot).
    /// </summary>
    private static async Task<NexuSqlException> NamingRowsAsync(NexuSqlDatabase source, NexuSqlDatabase target, BackupRestorer.TableMismatchException mismatch, CancellationToken ct)
    {
        List<Verification.DataDifference> differing;
        try
        {
            differing = (await Verification.DataComparer.CompareAsync(source, target, new Verification.DataCompareOptions { Tables = [mismatch.Table], MaxRowsPerTable = 3 }, ct)
                .ConfigureAwait(false)).Where(r => r.Key is not null).Take(3).ToList();
        }
        catch (NexuSqlRefusedException)
        {
            // the table cannot be compared alone (an external-content full-text table's rows are its content table's):
            // the mismatch as found, not a --tables refusal of a choice the user never made (break test 26 G22)
            return mismatch;
        }
        var rows = differing.Select(r => $"{r.Key}: {r.Detail}").ToList();
        return rows.Count == 0 ? mismatch
            : new NexuSqlDataMismatchException(mismatch.Table, differing[0].Key, $"{mismatch.Message} Rows that differ (compared with the source as it is now): {string.Join("; ", rows)}.",
                mismatch.Engine, mismatch);
    }

    /// <summary>
    /// SQLite lets NULL into a primary-key column of a rowid table (<see cref="KeyModel.NullsAllowed"/>); a target whose
    /// keys are NOT NULL would refuse those rows half-way: they are refused before anything is written, by table, column and key.
    /// </summary>
    private static async Task RefuseNullKeysAsync(NexuSqlDatabase source, SchemaModel schema, Dialects.SqlDialect target, CancellationToken ct)
    {
        if (target.NullablePrimaryKeyColumns) return;
        var q = source.Dialect.QuoteIdentifier;
        var found = new List<string>();
        foreach (var t in schema.Tables)
        {
            if (t.PrimaryKey is not { NullsAllowed: true } pk) continue;
            foreach (var c in pk.Columns)
                if (await source.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {source.Dialect.QuoteName(t.Schema, t.Name)} WHERE {q(c)} IS NULL", cancellationToken: ct).ConfigureAwait(false) is var n and > 0)
                    found.Add($"{t.QualifiedName}.{c} (NULL in {n} rows, in primary key ({string.Join(", ", pk.Columns)}))");
        }
        if (found.Count > 0)
            throw new NexuSqlRefusedException(
                $"These {source.Engine.DisplayName()} primary-key columns hold NULL, which {target.Engine.DisplayName()} refuses in a primary key: {string.Join("; ", found)}. " +
                $"Nothing was written. Give those rows a key (or delete them) in the source, leave their tables out (--tables), or copy to {source.Engine.DisplayName()}.");
    }

    /// <summary>
    /// A target column the target computes (GENERATED ... STORED, or a MariaDB/SQLite generated column) is not written by a
    /// load: the source's values would be replaced by the target's. Refused by table and column before anything is written,
    /// unless the source computes the column by the same expression (then it is left to the target and compared after).
    /// </summary>
    private static void RefuseGeneratedTargetColumns(SchemaModel schema, SchemaModel existing)
    {
        static string Bare(string e) => new([.. e.Where(ch => !char.IsWhiteSpace(ch) && ch is not ('(' or ')' or '`' or '"')).Select(char.ToLowerInvariant)]);
        var found = new List<string>();
        foreach (var t in schema.Tables)
            foreach (var c in existing.Table(t.Schema, t.Name)!.Columns.Where(c => c.Generated is not null))
                if (t.ColumnNamed(c.Name) is { } s
                    && (s.Generated is not { } g || Bare(g.Expression) != Bare(c.Generated!.Expression)))
                    found.Add($"table {t.QualifiedName}, column {c.Name} is generated in the target ({c.Generated!.Expression}); " +
                              (s.Generated is null ? "the source's values would be replaced" : $"the source computes it otherwise ({s.Generated.Expression})"));
        if (found.Count > 0)
            throw new NexuSqlRefusedException($"A data-only copy cannot write these columns: {string.Join("; ", found)}. Nothing was written to the target. " +
                                              "Make the target column a plain one, or leave the table out (--tables).");
    }

    /// <summary>
    /// A data-only copy into a column of another kind than the source's (a timestamp into an instant, a boolean into an
    /// integer): the target's conversion would change the values' meaning where neither the read-back check nor
    /// <c>verify --against</c> can see it, so it is refused by table and column before anything is written (break test
    /// 30 F12), by the rule verify uses to compare columns (<see cref="Verification.ColumnComparison.Plan"/>), within one
    /// engine. Text, uuids, bytes and engine types on either side, and moves across engines, are left to the value check,
    /// which refuses by key a value that does not read back as it was.
    /// </summary>
    private static void RefuseIncomparableTargetColumns(SchemaModel schema, SchemaModel sourceSchema, SchemaModel existing, NexuSqlDatabase source, NexuSqlDatabase target)
    {
        var found = new List<string>();
        foreach (var t in schema.Tables.Where(source.Dialect.CarriesRowsOf))
        {
            var into = existing.Table(t.Schema, t.Name)!;
            foreach (var c in t.Columns)
                if (into.ColumnNamed(c.Name) is { } x
                    && source.Engine == target.Engine && Verification.ColumnComparison.IsScalar(c.Type) && Verification.ColumnComparison.IsScalar(x.Type)
                    && Verification.ColumnComparison.Plan(c.Type, sourceSchema.Table(t.Schema, t.Name)?.Columns.FirstOrDefault(s => s.Name == c.Name)?.Type ?? c.Type,
                        source.Dialect, x.Type, target.Dialect, source.Engine == target.Engine) is null)
                    found.Add($"table {t.QualifiedName}, column {c.Name}: {c.EngineType?.For(source.Engine) ?? source.Dialect.ColumnTypeSql(c.Type)} in the source, " +
                              $"{x.EngineType?.For(target.Engine) ?? target.Dialect.ColumnTypeSql(x.Type)} in the target");
        }
        if (found.Count > 0)
            throw new NexuSqlRefusedException($"A data-only copy cannot write these columns: {string.Join("; ", found)} — the target would convert each value into " +
                "another kind of value (a timestamp into an instant, a boolean into a number) that neither the copy's check nor verify can " +
                "compare with the source's. Nothing was written to the target. Give the target column the source's type, or leave the table out (--tables).");
    }

    /// <summary>
    /// Refuses a <c>--data-only --clean</c> copy that would empty a table whose rows another table of the target, one the
    /// copy does not write, references by foreign key: those rows would point at rows the source may not hold (MariaDB,
    /// which empties with its checks off, kept them dangling and the copy said its hashes matched; SQLite deleted the
    /// parents and then failed; break test 33 G14) — or whose partitions or inheritance children the copy does not write,
    /// which PostgreSQL's TRUNCATE empties with it (bt34 F1). Checked before anything is emptied.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Each such table and foreign key, partition or child named.</exception>
    private static async Task RefuseEmptyingBeyondTheCopyAsync(NexuSqlDatabase target, SchemaModel existing, SchemaModel schema, CancellationToken ct)
    {
        var d = target.Dialect;
        // PostgreSQL's TRUNCATE empties a table's inheritance children and partitions with it, of any depth and schema:
        // those the copy does not write lost their rows, "counts and hashes match" (bt34 F1; restore --replace refuses the same)
        var reached = existing.Tables.Where(t => schema.Table(t.Schema, t.Name) is not null).ToList();
        var descendants = new List<string>();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var c in existing.Tables.Where(c => !reached.Contains(c) && c.Parents.Any(p => reached.Any(r => r.Schema == c.Schema && string.Equals(r.Name, p, StringComparison.OrdinalIgnoreCase)))).ToList())
            {
                reached.Add(c);
                grew = true;
                if (schema.Table(c.Schema, c.Name) is null)
                    descendants.Add($"table {c.QualifiedName} ({(c.PartitionOf is not null ? "a partition" : "an inheritance child")} of {string.Join(", ", c.Parents)})");
            }
        }
        descendants.AddRange(reached.SelectMany(t => (t.ChildrenInOtherSchemas ?? []).Where(c => schema.TableNamed(c) is null)
            .Select(c => $"table {c} (a partition or inheritance child of {t.QualifiedName}, in another schema)")));
        if (descendants.Count > 0)
            throw new NexuSqlRefusedException($"--clean would empty tables together with partitions or inheritance children of theirs that the copy does not write: " +
                $"{string.Join("; ", descendants)} ({d.Engine.DisplayName()} empties them with their parent). Their rows would be lost. Nothing was changed. " +
                "Add them to --tables, or empty the tables yourself (TRUNCATE ONLY).");
        var found = new List<string>();
        foreach (var t in existing.Tables.Where(t => schema.Table(t.Schema, t.Name) is null))
            foreach (var f in t.ForeignKeys.Where(f => schema.Table(f.ReferencedSchema, f.ReferencedTable) is not null))
            {
                var referencing = string.Join(" AND ", f.Columns.Select(c => d.QuoteIdentifier(c) + " IS NOT NULL"));
                if (await target.ExecuteScalarAsync<long>($"SELECT CASE WHEN EXISTS (SELECT 1 FROM {d.QuoteName(t.Schema, t.Name)} WHERE {referencing}) THEN 1 ELSE 0 END",
                        cancellationToken: ct).ConfigureAwait(false) == 1)
                    found.Add($"table {t.QualifiedName} (foreign key {f.Name ?? "(unnamed)"} ({string.Join(", ", f.Columns)}) to {f.QualifiedReferencedTable})");
            }
        if (found.Count > 0)
            throw new NexuSqlRefusedException($"--clean would empty tables whose rows other tables of the target reference, and the copy does not write those: " +
                $"{string.Join("; ", found)}. Their rows would be left pointing at rows the source may not hold. Nothing was changed. Add them to --tables, " +
                "or empty them first.");
    }

    /// <summary>
    /// What a data-only copy finishes its tables with: the target's own keys, indexes, foreign keys and checks — its
    /// schema is left as it is (docs/backup.md). The source's were added where the target lacked them, and a key the
    /// target never had failed the copy on rows it accepts (break test 33 G4). Identity positions stay the source's.
    /// </summary>
    private static SchemaModel WithTargetConstraints(SchemaModel schema, SchemaModel present) => schema with
    {
        Views = [],
        Tables = [.. schema.Tables.Select(t => present.Table(t.Schema, t.Name) is not { } own ? t : t with
        {
            PrimaryKey = own.PrimaryKey, Uniques = own.Uniques, Exclusions = own.Exclusions, Indexes = own.Indexes,
            ForeignKeys = own.ForeignKeys, Checks = own.Checks, ClusterOn = own.ClusterOn,
        })],
    };

    /// <summary>The steps the interrupted copy's marker records.</summary>
    private static async Task<IReadOnlyList<string>> MarkerStepsAsync(NexuSqlDatabase target, CancellationToken ct)
    {
        await using var session = await target.OpenSessionAsync(ct).ConfigureAwait(false);
        return await new TransferMarker(session, MarkerTable).StepsAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The tables (qualified names) the interrupted copy's marker records as copied: a resume keeps them.</summary>
    private static HashSet<string> KeptTables(IEnumerable<string> steps) =>
        [.. steps.Select(step => step.Split(' ', 4)).Where(p => p is ["copied", _, _, _]).Select(p => p[3])];

    /// <summary>The marker step that records the source's schema as the copy read it (<see cref="SchemaModel.ToJson"/> follows).</summary>
    private const string SchemaStep = "schema ";

    /// <summary>
    /// Refuses a resume when the source's schema is no longer the one the interrupted copy read and created in the target
    /// (a partition detached, a column added or retyped): the target's tables would not be the source's while the rows
    /// matched (break test 33 G8, G9). A marker from before the schema was recorded is not checked.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">The source's schema changed; what changed is named.</exception>
    private static void RefuseChangedSourceSchema(IEnumerable<string> steps, SchemaModel now)
    {
        if (steps.FirstOrDefault(s => s.StartsWith(SchemaStep, StringComparison.Ordinal)) is not { } step) return;
        var changes = Verification.SchemaComparer.Changes(step[SchemaStep.Length..], now.ToJson());
        if (changes.Count == 0) return;
        throw new NexuSqlRefusedException(
            $"The source's schema changed since the interrupted copy: {string.Join("; ", changes.Take(10))}{(changes.Count > 10 ? $"; and {changes.Count - 10} more" : "")}. " +
            "The target holds the schema and rows copied before the change; the copy cannot be resumed from two moments. Nothing was changed. " +
            "Run it again with --clean.");
    }

    /// <summary>
    /// The marker step that records the target's tables as the copy writes into them (<see cref="TablesWritten"/> follows):
    /// those a copy created, or the target's own ones a <c>--data-only</c> copy loads.
    /// </summary>
    private const string TargetStep = "target ";

    /// <summary>
    /// <paramref name="tables"/> as <paramref name="target"/> (the target's schema, read) holds them, as the marker records
    /// them: their columns and the checks made with the table — not what a copy adds once the rows are in (keys, indexes,
    /// foreign keys, NOT VALID checks, identity <c>ALWAYS</c>, comments and storage settings), which an interrupted run may
    /// or may not have reached. A table the target lacks is left out (a resume then names it as dropped).
    /// </summary>
    /// <param name="target">The target's schema, read.</param>
    /// <param name="tables">The tables the copy writes.</param>
    /// <param name="withChecks">
    /// Whether their checks are recorded: those a copy created, not a data-only copy's tables', whose rules are the target's
    /// own and asked of it as they are when the rest is loaded (<see cref="TargetRowCheck"/>): one dropped to let a resume
    /// through is no change.
    /// </param>
    private static string TablesWritten(SchemaModel target, IEnumerable<TableModel> tables, bool withChecks) =>
        System.Text.Json.Nodes.JsonNode.Parse(new SchemaModel([.. tables.Select(t => target.Table(t.Schema, t.Name)).OfType<TableModel>().Select(t => new TableModel(t.Name,
            [.. t.Columns.Select(c => c with { IdentityOptions = null, Comment = null, Statistics = null, Storage = null, Compression = null, AttributeOptions = null, Check = withChecks ? c.Check : null })])
        {
            Schema = t.Schema, Checks = withChecks ? [.. t.Checks.Where(c => !c.NotValid)] : [],
        })]) { Engine = target.Engine }.ToJson())!.ToJsonString();

    /// <summary>
    /// Refuses a resume when the target's tables the copy writes into are no longer as the interrupted run left them (or,
    /// for <c>--data-only</c>, found them): a column retyped, dropped or added, a check changed, a table dropped — the rows
    /// would go into tables other than those the copy made (a raw 22P03 of PostgreSQL's binary COPY, or a load the check
    /// then passed: bt34 F5). Checked before anything is written. A marker from before this step was recorded is not checked.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">A table changed; each change named, as a changed source schema is.</exception>
    private static void RefuseChangedTargetTables(IEnumerable<string> steps, SchemaModel existing, IEnumerable<TableModel> tables, bool withChecks)
    {
        if (steps.FirstOrDefault(s => s.StartsWith(TargetStep, StringComparison.Ordinal)) is not { } step) return;
        var changes = Verification.SchemaComparer.Changes(step[TargetStep.Length..], TablesWritten(existing, tables, withChecks));
        if (changes.Count == 0) return;
        throw new NexuSqlRefusedException(
            $"The target's tables changed since the interrupted copy: {string.Join("; ", changes.Take(10))}{(changes.Count > 10 ? $"; and {changes.Count - 10} more" : "")}. " +
            "The rows left would go into tables other than those the copy wrote into. Nothing was changed. Run it again with --clean.");
    }

    private static async Task<bool> AllEmptyAsync(NexuSqlDatabase target, SchemaModel schema, SchemaModel existing, CancellationToken ct)
    {
        foreach (var t in schema.Tables.Where(target.Dialect.CarriesRowsOf))
            if (await target.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {RowsWrittenInto(target.Dialect, existing.Table(t.Schema, t.Name) ?? t)}", cancellationToken: ct).ConfigureAwait(false) > 0)
                return false;
        return true;
    }

    /// <summary>
    /// The rows of a target table that a data-only copy writes among: its own (an inheritance parent's, not its
    /// children's: bt34 F1), or a partitioned table's with its partitions' (where the rows it takes go).
    /// </summary>
    private static string RowsWrittenInto(SqlDialect d, TableModel table) =>
        table.PartitionBy is not null ? d.QuoteName(table.Schema, table.Name) : d.OwnRowsSql(table.Name, table.Schema);

    private static async Task RefuseNonEmptyAsync(NexuSqlDatabase target, SchemaModel existing, SchemaModel schema, CopyOptions options, bool interrupted, CancellationToken ct)
    {
        if (interrupted)
            throw new NexuSqlRefusedException($"The target holds an interrupted copy ({MarkerTable}): add --resume to finish it, or --clean to start over.");
        if (!options.DataOnly)
        {
            if (existing.Tables.Count + existing.Views.Count + existing.Sequences.Count > 0)
                throw new NexuSqlRefusedException($"The target database is not empty ({existing.Tables.Count} tables, {existing.Views.Count} views). Copy into an empty database, use --data-only for existing tables, or add --clean to drop everything in it first.");
            return;
        }
        // an inheritance parent whose child holds rows is empty (bt34 F1: "add --clean" led to the loss above)
        foreach (var t in schema.Tables.Where(target.Dialect.CarriesRowsOf))
            if (await target.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {RowsWrittenInto(target.Dialect, existing.Table(t.Schema, t.Name) ?? t)}", cancellationToken: ct).ConfigureAwait(false) > 0)
                throw new NexuSqlRefusedException($"Table {t.QualifiedName} in the target is not empty. A data-only copy fills empty tables; add --clean to empty the copied tables first.");
    }

    /// <summary>The source table's columns with the target table's types (a data-only copy writes what the target declares).</summary>
    private static TableModel Into(TableModel source, TableModel target) => source with
    {
        // a partitioned target table the source's table is not (a MariaDB or SQLite table, a plain PostgreSQL one): its
        // partitions are not tables of the copy, the rows loaded into it are in them, and it is read back with them (bt32 F25)
        ReadWithPartitions = target.PartitionBy is not null && source.PartitionBy is null,
        // the collation the target's text columns take when they name none
        Collation = target.Collation,
        // (a MariaDB BIT or INET6 into PostgreSQL's bit(n) or inet: read back in MariaDB's value form, as the copy hashed it)
        Columns = [.. source.Columns.Select(c => MySqlTypesInPostgreSql.AsWrittenFrom(c, target.ColumnNamed(c.Name)
            ?? throw new NexuSqlRefusedException($"Column {source.QualifiedName}.{c.Name} does not exist in the target" +
                (target.Columns.Any(t => string.Equals(t.Name, c.Name, StringComparison.OrdinalIgnoreCase)) ? ", spelled so (its name matches two columns there by case alone)." : ".") +
                " Nothing was written.")))],
    };

    /// <summary>The count and content hash a copy of <paramref name="table"/> into <paramref name="into"/> records, read from the source now.</summary>
    private static async Task<(long Count, string Hash)> SourceHashAsync(NexuSqlConnection reader, TableModel table, TableModel into, CancellationToken ct)
    {
        var hasher = new TableHasher(into.Columns.Select(c => c.Type));
        var copy = new object?[table.Columns.Count];
        var pads = reader.Database.Dialect.PadsFixedStrings;
        await TableReader.ReadAsync(reader, null, table, row =>
        {
            for (var i = 0; i < row.Length; i++) copy[i] = PortableValues.Normalize(row[i], PortableValues.Receiving(into.Columns[i].Type, table.Columns[i].Type, pads));
            hasher.Add(copy);
        }, ct).ConfigureAwait(false);
        return (hasher.Count, hasher.Hash);
    }

    /// <summary>One table: the source read on one task, the target written on another, a bounded queue between them.</summary>
    private static async Task<BackupTable> CopyTableAsync(NexuSqlConnection reader, NexuSqlConnection writer, TableModel table, TableModel into, TransferMarker marker,
        bool resume, Action<TableProgress>? progress, long? estimate, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        progress?.Invoke(new TableProgress(table.QualifiedName, 0, estimate, TimeSpan.Zero, false));
        var d = writer.Database.Dialect;
        var admission = new CopyValueCheck(reader.Database, d, table, into);
        var hasher = new TableHasher(into.Columns.Select(c => c.Type));
        using var pipe = new RowPipe(5_000, ct);
        pipe.Start((add, token) => TableReader.ReadAsync(reader, null, table, row =>
        {
            var copy = admission.Admit(row);
            hasher.Add(copy);
            add(copy);
        }, token));

        long seen = 0;
        IEnumerable<object?[]> Rows()
        {
            foreach (var row in pipe.Rows)
            {
                yield return row;
                if (++seen % 50_000 == 0) progress?.Invoke(new TableProgress(table.QualifiedName, seen, estimate, clock.Elapsed, false));
            }
        }
        var written = await pipe.RunAsync(() => writer.TranslatingAsync(async () =>
        {
            await using var tx = await writer.DbConnection.BeginTransactionAsync(ct).ConfigureAwait(false);
            if (resume) await BackupRestorer.Raw(writer, tx, $"DELETE FROM {d.QuoteName(into.Schema, into.Name)}", null, ct).ConfigureAwait(false);
            var n = await WritableColumns.BulkLoadAsync(writer, tx, into, Rows(), ct).ConfigureAwait(false);
            await pipe.Completion.ConfigureAwait(false);
            await marker.RecordAsync($"copied {hasher.Count} {hasher.Hash} {table.QualifiedName}", tx, ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return n;
        })).ConfigureAwait(false);
        progress?.Invoke(new TableProgress(table.QualifiedName, written, written, clock.Elapsed, true));
        return new BackupTable(table.Name, "", hasher.Count, hasher.Hash) { Schema = table.Schema };
    }
}
