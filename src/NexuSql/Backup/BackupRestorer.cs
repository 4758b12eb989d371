using System.Diagnostics;
using NexuSql.Copy;
using NexuSql.Data;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Backup;

/// <summary>Options of <see cref="BackupRestorer.RestoreAsync"/> (most shared with copy).</summary>
public sealed record RestoreOptions : TransferOptions
{
    /// <summary>
    /// Restore the tables named in <see cref="TransferOptions.Tables"/> into a database that holds others: those tables
    /// are dropped (when present) and restored, every other object is left as it is — foreign keys from the restored
    /// tables to tables already there are kept (and checked as they are created). Refused before anything changes
    /// when a table that stays, or a view, depends on a table to replace (the CLI's <c>restore --tables T --replace</c>).
    /// </summary>
    public bool Replace { get; init; }

    /// <summary>The most tables <see cref="Jobs"/> may load at once.</summary>
    public const int MaxJobs = 64;

    /// <summary>
    /// How many tables load at once, each on a connection of its own (1 to <see cref="MaxJobs"/>; default 1), as
    /// <c>pg_restore -j N</c> does: the tables are created first, then loaded by these workers, the largest first, each
    /// table in one transaction that records it in the marker table; keys, indexes and foreign keys follow once every
    /// table is loaded, then the same read-back check. The first table that fails stops the others (their loads roll
    /// back). An engine that lets one transaction write at a time (SQLite) loads one table after another whatever this
    /// says, and the result carries a warning that says so.
    /// </summary>
    public int Jobs { get; init; } = 1;
}

/// <summary>
/// Restores a backup into an empty database of any engine: check the whole-file checksum (and, for another engine,
/// read every row to check it fits the target's columns) before touching the target; create tables without foreign keys and secondary indexes; load each table in
/// one transaction through the provider's bulk path; then primary keys (PostgreSQL), unique constraints, indexes,
/// foreign keys, identity and sequence positions, views; finally read every table back and check counts and hashes.
/// While it runs the target holds a table named <see cref="MarkerTable"/> listing the backup and each table loaded (in
/// the same transaction as the table's rows); it is dropped only when everything is checked, so an interrupted restore
/// is never taken for a complete one, and <see cref="TransferOptions.Resume"/> continues where it stopped.
/// </summary>
public static class BackupRestorer
{
    /// <summary>The table that marks a restore in progress (or interrupted).</summary>
    public const string MarkerTable = "nexusql_restore_incomplete";

    /// <summary>Restores the backup at <paramref name="path"/> into <paramref name="target"/>.</summary>
    /// <exception cref="NexuSqlBackupException">The backup is damaged or incomplete (the target is untouched).</exception>
    /// <exception cref="NexuSqlValueException">A value the target cannot hold (the target is untouched).</exception>
    /// <exception cref="NexuSqlRefusedException">The target is not empty and neither <see cref="TransferOptions.Clean"/> nor
    /// <see cref="RestoreOptions.Replace"/> is set; with Replace, a table that stays or a view depends on a table to replace.</exception>
    /// <exception cref="ArgumentException">Replace without Tables, or with Clean or Resume; Clean with Tables or Schemas; a table the backup does not hold.</exception>
    public static async Task<TransferResult> RestoreAsync(string path, NexuSqlDatabase target, RestoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        options ??= new RestoreOptions();
        if (options.Replace && options.Tables is not { Count: > 0 })
            throw new ArgumentException("Replace restores the tables it is given and leaves the others: name them (--tables).", nameof(options));
        if (options.Jobs is < 1 or > RestoreOptions.MaxJobs)
            throw new ArgumentOutOfRangeException(nameof(options), options.Jobs, $"Jobs is how many tables load at once: 1 to {RestoreOptions.MaxJobs}.");
        if (options.Replace && (options.Clean || options.Resume))
            throw new ArgumentException("Replace cannot be combined with Clean (which drops everything) or Resume (run the same replace again instead).", nameof(options));
        // pg_restore --clean drops only what it restores; Clean drops the whole target: with a selection, everything
        // else in it went without a word (break test 32 F27)
        if (options.Clean && (options.Tables is { Count: > 0 } || options.Schemas is { Count: > 0 }))
            throw new ArgumentException("--clean drops every table, view and sequence of the target (of every schema), not only those --tables or --schemas restore. " +
                                        "To put back some tables over the target's own, use --tables ... --replace; to start over with part of the backup, " +
                                        "restore into an empty database. Nothing was changed.", nameof(options));
        using var archive = BackupArchive.Open(path);
        var d = target.Dialect;
        var manifest = archive.Manifest;
        // the audit trail belongs to the target database: never counted, dropped or restored over
        // every schema of the target (PostgreSQL): a backup of sales.t is restored into sales, which must be empty too
        var existing = (await target.Provider.ReadSchemaAsync(target, allSchemas: true, cancellationToken).ConfigureAwait(false)).WithoutTables([Audit.AuditLog.Table]);
        SchemaModel.RefuseOtherCurrentSchema(manifest.Engine, manifest.CurrentSchema, d, existing, "restored");
        await RoutineTransfer.RefuseReadOnlyAsync(target, cancellationToken).ConfigureAwait(false);
        var backedUp = options.Schemas is { Count: > 0 } schemas
            ? (manifest.Schema with { CurrentSchema = manifest.CurrentSchema ?? (SqlDialect.For(manifest.Engine).Capabilities.Schemas ? "public" : null) }).InSchemas(schemas)
            : manifest.Schema;
        var schema = BackupCreator.Select(backedUp, BackupCreator.WithPartitions(backedUp, options.Tables, d), options.Replace ? t => existing.TableNamed(t) is not null : null);
        schema.RefuseOtherSchemas(d, "restored",
            "Restore the current schema's tables only: add --schemas naming it (--schemas public)");
        SchemaScript.RefuseCaseClashes(schema);
        SchemaScript.RefuseUnnamedColumns(schema);
        TableSelection.RefuseContentByImplicitRowid(schema);

        // the whole-file checksum (checked by Open) covers every byte; another engine also needs every value checked
        // against its columns, which reads every row before anything is touched
        // (within one engine too where it may hold values it refuses to load back: MySQL's ENUM error value)
        var translationNotes = new List<string>();
        var warnings = new List<string>();
        // rows the source held against its own constraints: carried where the target can hold them, else refused by key
        schema = Copy.NotValidConstraintCheck.Carry(schema, manifest.NotValidBreaks, d, warnings, "Fix the row at the source and take a new backup (on PostgreSQL, " +
            "VALIDATE CONSTRAINT shows them all), drop the constraint there, or leave the table out (--tables).", "Nothing was written to the target.");
        var checksOff = Copy.NotValidConstraintCheck.NeedsChecksOff(schema, d);
        if (manifest.Engine != target.Engine)
        {
            schema = CrossEngineSchema.Translate(schema, manifest.Engine, d, translationNotes, warnings);
            schema = CrossEngineSchema.InUnicodeTables(schema, d, existing);
        }
        // within one engine too: identity columns the target cannot create as they are are named before anything is written, not a raw error 1075 half-way
        else
        {
            CrossEngineSchema.RefuseIdentities(schema, manifest.Engine, d);
            CrossEngineSchema.RefuseTextOrderOfOtherDefaultCollation(schema, existing, d, byteOrderKnown: false);
        }
        var tables = RestoredTables(archive, schema);
        // identity positions the target's counters cannot hold (bt29 M2), named before anything is written
        CrossEngineSchema.RefusePositions(manifest.Sequences, schema, manifest.Engine, d);
        // a target database whose encoding lacks characters (PostgreSQL LATIN1): every text value is checked, within one
        // engine too (break test 27 K8: a raw 22P05 after the table was created)
        var encoding = (await target.Provider.TextEncodingProblemAsync(target, cancellationToken).ConfigureAwait(false))?.Problem;
        if (manifest.Engine != target.Engine || schema.Tables.Any(t => t.Columns.Any(c => d.ChecksEveryValue(c.Type))))
        {
            options.Phase?.Invoke($"checking every value fits {target.Engine.DisplayName()}");
            // (and that the target's bulk load can carry each: MySQL without LOAD DATA LOCAL)
            var limit = await target.Provider.BulkLoadValueProblemAsync(target, cancellationToken).ConfigureAwait(false);
            try
            {
                archive.VerifyInto(d, schema, null, limit, encoding);
            }
            catch (NexuSqlValueException value)
            {
                // said as copy says it: with --clean, a user fears the drop already ran (bt47 F3)
                throw value.WithNote(NothingWritten);
            }
            await RefuseKeyCollisionsAsync(archive, target, schema, tables, cancellationToken).ConfigureAwait(false);
        }
        else if (encoding is not null)
        {
            options.Phase?.Invoke($"checking every value fits {target.Engine.DisplayName()}");
            try
            {
                archive.VerifyInto(null, schema, null, null, encoding, target.Engine);
            }
            catch (NexuSqlValueException value)
            {
                throw value.WithNote(NothingWritten);
            }
        }

        var backupId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"{manifest.CreatedAt:O} {string.Join(",", manifest.Tables.Select(t => t.QualifiedName + ":" + t.Hash))}")))[..16];
        var interrupted = existing.Table(MarkerTable) is not null;
        var replaceStep = $"replace {backupId} {string.Join(",", schema.Tables.Select(t => t.QualifiedName).Order(StringComparer.Ordinal))}";
        var replaced = options.Replace ? ReplacedTables(existing, schema, d) : [];
        if (options.Replace)
        {
            RefuseReplacingFoldedPartitions(backedUp, schema, existing, d);
            await RefuseReplaceAsync(target, existing, schema, interrupted, replaceStep, path, cancellationToken).ConfigureAwait(false);
            // the backup's rows against the tables that stay, before the tables to replace are dropped (break test 31 B14)
            await ReplaceForeignKeyCheck.RefuseAsync(archive, target, existing, schema, options.Phase, cancellationToken).ConfigureAwait(false);
        }
        var resume = options.Resume && interrupted && !options.Clean;
        if (options.Resume && !interrupted && !options.Clean)
            throw new NexuSqlRefusedException("There is no interrupted restore to resume in the target database (no nexusql_restore_incomplete table).");
        if (!resume && !options.Replace && existing.Tables.Count + existing.Views.Count + existing.Sequences.Count > 0 && !options.Clean)
        {
            var hint = interrupted ? " It holds an interrupted restore: add --resume to finish it, or --clean to start over." : " Restore into an empty database, or add --clean to drop everything in it first.";
            throw new NexuSqlRefusedException($"The target database is not empty ({existing.Tables.Count} tables, {existing.Views.Count} views).{hint}");
        }
        await Schema.SchemaPrerequisites.RefuseMissingAsync(target,
            [.. schema.Tables.Where(t => options.Clean || options.Replace || existing.Table(t.Schema, t.Name) is null)], schema, options.Clean ? null : existing, cancellationToken).ConfigureAwait(false);
        schema = await target.Provider.ForServerDefaultsAsync(target, schema, warnings, cancellationToken).ConfigureAwait(false);
        if (!resume)
            await RoutineTransfer.RefuseMissingPrivilegesAsync(target, schema, manifest.Engine, options.Clean ? null : existing, createsTables: true, cancellationToken).ConfigureAwait(false);
        // data held outside the tables (PostgreSQL large objects): into an engine that holds that kind, when the whole
        // backup is restored; its ids checked against the target's before anything is written
        var (outside, outsideNotes, leftOut) = OutsideContentOf(manifest, target, options);
        warnings.AddRange(outsideNotes);
        var outsidePlans = new List<OutsideContentTransfer.Plan>();
        foreach (var content in outside)
            outsidePlans.Add(await OutsideContentTransfer.PlanAsync(target, target.Provider.OutsideContent!,
                ids => Task.FromResult(archive.CheckOutsideContent(content, ids.ToHashSet())), options.Clean, cancellationToken).ConfigureAwait(false));

        await using var session = await target.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sql in target.DataSessionSql) await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        if (options.Clean)
        {
            options.Phase?.Invoke("dropping everything in the target");
            await SchemaReset.DropAllAsync(session, existing, cancellationToken).ConfigureAwait(false);
            existing = new SchemaModel([]);
        }
        var sequences = manifest.Sequences;
        if (options.Replace)
        {
            if (replaced.Count > 0) options.Phase?.Invoke($"dropping {string.Join(", ", replaced.Select(t => t.QualifiedName))} to replace them");
            await SchemaReset.DropAllAsync(session, new SchemaModel([.. replaced, .. interrupted ? [existing.Table(MarkerTable)!] : Array.Empty<TableModel>()]), cancellationToken).ConfigureAwait(false);
            // read again: a PostgreSQL serial's sequence went with its table
            var before = existing;
            existing = (await target.Provider.ReadSchemaAsync(target, allSchemas: true, cancellationToken).ConfigureAwait(false)).WithoutTables([Audit.AuditLog.Table]);
            // only the replaced tables' positions, and sequences that went with them: the others are the target's own
            sequences = [.. sequences.Where(q => q.Column is not null ? schema.Table(q.Schema, q.Name) is not null
                : before.Sequences.Any(e => e.Schema == q.Schema && string.Equals(e.Name, q.Name, StringComparison.OrdinalIgnoreCase))
                    && !existing.Sequences.Any(e => e.Schema == q.Schema && string.Equals(e.Name, q.Name, StringComparison.OrdinalIgnoreCase)))];
            interrupted = false;
        }
        var marker = new TransferMarker(session, MarkerTable);
        var run = TransferMarker.RunOptions(options.Tables is { Count: > 0 } ? schema.Tables.Select(t => t.QualifiedName) : null,
            options.Schemas is { Count: > 0 } ? options.Schemas : null, options.Replace ? "--replace" : "");
        var done = new HashSet<string>(StringComparer.Ordinal);
        if (resume)
        {
            done.UnionWith(await marker.StepsAsync(cancellationToken).ConfigureAwait(false));
            if (!done.Contains("backup " + backupId))
                throw new NexuSqlRefusedException($"The interrupted restore in the target is of another backup than {path}; add --clean to start over with this one.");
            TransferMarker.RefuseOtherRun(done, run, "restore",
                was => was.EndsWith("--replace", StringComparison.Ordinal) ? $"A replace is not resumed but run again: restore {path} {was} (it starts the replace over)" : null);
        }
        foreach (var sql in d.BulkLoadBeginSql.Concat(checksOff ? d.ChecksOffSql : [])) await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        try
        {
            options.Phase?.Invoke(resume ? $"resuming ({done.Count(x => x.StartsWith("loaded ", StringComparison.Ordinal))} of {tables.Count} tables were loaded)" : "creating tables");
            if (resume)
                await RefuseChangedKeptTablesAsync(() => CheckTablesAsync(session, [.. tables.Where(t => done.Contains("loaded " + t.QualifiedName))
                        .Select(t => (HashShape(schema.Table(t.Schema, t.Name)!, manifest.Schema.Table(t.Schema, t.Name), manifest.Engine, d), t))],
                    "the backup", MarkerTable, null, cancellationToken, manifest.JsonLastDuplicateWins, manifest.NumericAsText, manifest.NumericFloatAsText, manifest.FormatVersion)).ConfigureAwait(false);
            if (!resume)
            {
                await marker.CreateAsync(cancellationToken).ConfigureAwait(false);
                await marker.RecordAsync("backup " + backupId, null, cancellationToken).ConfigureAwait(false);
                await marker.RecordAsync(TransferMarker.RunStep(run), null, cancellationToken).ConfigureAwait(false);
                if (options.Replace) await marker.RecordAsync(replaceStep, null, cancellationToken).ConfigureAwait(false);
            }
            options.Marked?.Invoke();
            var skippedObjects = new List<string>(translationNotes);
            await CreateBeforeDataAsync(session, schema, manifest.Engine, existing, skippedObjects, cancellationToken).ConfigureAwait(false);

            long total = 0;
            var loaded = 0;
            var pending = tables.Where(t => !done.Contains("loaded " + t.QualifiedName)).ToList();
            var jobs = LoadJobs(options.Jobs, pending.Count, d, warnings);
            if (jobs > 1)
            {
                options.Phase?.Invoke($"loading {pending.Count} tables on {jobs} connections");
                total = tables.Where(t => done.Contains("loaded " + t.QualifiedName)).Sum(t => t.Rows)
                        + await LoadInParallelAsync(target, archive, pending, schema, resume, checksOff, jobs, tables.Count - pending.Count, options.Progress, cancellationToken).ConfigureAwait(false);
            }
            else
                foreach (var table in tables)
                {
                    total += done.Contains("loaded " + table.QualifiedName) ? table.Rows
                        : await LostConnection.NamedAsync(() => LoadAsync(session, archive, table, schema.Table(table.Schema, table.Name)!, marker, resume, options.Progress, cancellationToken),
                            table.QualifiedName, "restoring", [("target", session)], loaded).ConfigureAwait(false);
                    loaded++;
                }

            for (var i = 0; i < outside.Count; i++)
            {
                options.Phase?.Invoke($"restoring {outside[i].Count} {outside[i].Kind}");
                warnings.AddRange(await OutsideContentTransfer.RestoreAsync(archive, outside[i], session, target.Provider.OutsideContent!, outsidePlans[i], MarkerTable, cancellationToken)
                    .ConfigureAwait(false));
            }

            // a full-text index over a restored (or replaced) content table is built from its rows now (break test 24 B30)
            await RebuildVirtualTablesAsync(session, [.. schema.Tables, .. existing.Tables], [.. tables.Select(t => t.QualifiedName)], cancellationToken, existing.Views).ConfigureAwait(false);
            var now = resume ? await target.Provider.ReadSchemaAsync(target, allSchemas: true, cancellationToken).ConfigureAwait(false) : new SchemaModel([]);
            var skipped = await LostConnection.FinishingAsync(() => FinishAndCheckAsync(session, schema, sequences, manifest.Engine, now,
                tables.Select(t => (HashShape(schema.Table(t.Schema, t.Name)!, manifest.Schema.Table(t.Schema, t.Name), manifest.Engine, d), t)).ToList(),
                "the backup", MarkerTable, options.Phase, options.Progress, cancellationToken, manifest.JsonLastDuplicateWins, manifest.NumericAsText, manifest.NumericFloatAsText, manifest.FormatVersion,
                warnings, skippedObjects), FinishingStep, session, tables.Count).ConfigureAwait(false);
            options.Phase?.Invoke("creating triggers and policies");
            await RoutineTransfer.CreateAfterDataAsync(session, schema, schema.Tables, manifest.Engine, now, skippedObjects, cancellationToken).ConfigureAwait(false);
            await marker.DropAsync(cancellationToken).ConfigureAwait(false);
            warnings.AddRange(await target.Provider.TopologyWarningsAsync(target, cancellationToken).ConfigureAwait(false));
            return new TransferResult(tables, total, skipped)
            {
                SkippedObjects = skippedObjects,
                Warnings = [.. warnings, .. RoutineTransfer.Warnings(manifest, skippedObjects, d),
                    // the history as backed up, failed rows and all (bt36 M2): said again, when the restore carries it
                    .. schema.TableNamed(new BackupOptions().HistoryTable) is null ? [] : BackupCreator.MigrationWarnings(manifest)],
                LeftOut = leftOut,
            };
        }
        finally
        {
            await session.RestoreSessionAsync(d.BulkLoadEndSql.Concat(checksOff ? d.ChecksOnSql : []).Concat(target.DataSessionEndSql)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Of the backup's data held outside the tables, what this restore writes back: all of it into an engine that holds
    /// that kind when the whole backup is restored; otherwise nothing, said in a warning and under leftOut.
    /// </summary>
    private static (IReadOnlyList<BackupOutsideContent> Restored, IReadOnlyList<string> Warnings, IReadOnlyList<string> LeftOut) OutsideContentOf(BackupManifest manifest,
        NexuSqlDatabase target, RestoreOptions options)
    {
        if (manifest.OutsideContent.Count == 0) return ([], [], manifest.LeftOut);
        var part = options.Tables is { Count: > 0 } || options.Schemas is { Count: > 0 };
        var restored = new List<BackupOutsideContent>();
        var warnings = new List<string>();
        var leftOut = new List<string>(manifest.LeftOut);
        foreach (var c in manifest.OutsideContent)
        {
            if (!part && target.Provider.OutsideContent?.Kind == c.Kind)
            {
                restored.Add(c);
                continue;
            }
            var why = part ? "--tables and --schemas restore part of the backup" : $"{target.Engine.DisplayName()} has no {c.Kind}";
            warnings.Add($"not restored: {c.Count} {c.Kind}, {c.Bytes} bytes, hash {c.Hash} (data outside the tables; {why})");
            leftOut.Add($"{c.Kind} ({c.Count} in the backup): their content is not restored ({why}); a column that holds their ids keeps only the numbers");
        }
        return (restored, warnings, leftOut);
    }

    /// <summary>
    /// What a replace must not break, checked before anything changes: a table that stays with a foreign key to a table
    /// to replace (PostgreSQL would drop the constraint with CASCADE, MariaDB and SQLite would keep rows pointing at
    /// replaced ones), a view over one (dropped or broken with it), and an interrupted restore that is not an earlier
    /// run of this same replace (which is started over).
    /// </summary>
    /// <summary>
    /// Refuses to replace a partition of the backup that the target, an engine without partitioning, holds inside its
    /// partitioned table (restored as one plain table, <see cref="CrossEngineSchema.WithPartitionsInRoots"/>): it was
    /// created as a new table beside it, its rows held twice and the partitioned table's left as they were (break test 33 G3).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">A chosen partition's rows are in a table of the target that holds its partitioned table.</exception>
    private static void RefuseReplacingFoldedPartitions(SchemaModel backedUp, SchemaModel schema, SchemaModel existing, SqlDialect d)
    {
        if (d.SupportsPartitioning) return;
        TableModel? Root(TableModel t)
        {
            TableModel? root = null;
            for (var p = t.PartitionOf is { } of ? backedUp.Table(t.Schema, of) : null; p is not null; p = p.PartitionOf is { } up ? backedUp.Table(p.Schema, up) : null) root = p;
            return root;
        }
        var folded = schema.Tables.Where(t => existing.Table(t.Schema, t.Name) is null)
            .Select(t => (Table: t, Root: backedUp.Table(t.Schema, t.Name) is { } b ? Root(b) : null))
            .Where(x => x.Root is not null && existing.Table(x.Root.Schema, x.Root.Name) is not null).ToList();
        if (folded.Count > 0)
            throw new NexuSqlRefusedException($"Nothing was changed: {string.Join("; ", folded.Select(x => $"{x.Table.QualifiedName} is a partition of {x.Root!.QualifiedName}, " +
                $"whose rows the target holds in its table {x.Root.QualifiedName}"))} ({d.Engine.DisplayName()} has no partitioning: a partitioned table is " +
                "restored as one table holding its partitions' rows). Replacing the partition would create a second table holding those rows; " +
                $"replace the partitioned table instead: --tables {string.Join(",", folded.Select(x => x.Root!.QualifiedName).Distinct(StringComparer.Ordinal))} --replace.");
    }

    /// <summary>
    /// The target's tables a <c>--replace</c> restore drops: those the backup holds under the same schema and name,
    /// spelled the same way (or, where the engine tells names apart only regardless of case — SQLite —, the same name
    /// regardless of case).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">
    /// A target table whose name differs from a table to restore by case alone on an engine that holds the two as other
    /// tables (PostgreSQL <c>"Users"</c> and <c>users</c>): bt41 F22, <c>restore --tables Users --replace</c> dropped
    /// <c>users</c> too, and <c>--tables users</c> dropped <c>"Users"</c>. Nothing is dropped.
    /// </exception>
    internal static List<TableModel> ReplacedTables(SchemaModel existing, SchemaModel restored, Dialects.SqlDialect target)
    {
        static bool Same(TableModel a, TableModel b, StringComparison names) => string.Equals(a.Schema, b.Schema, StringComparison.Ordinal) && string.Equals(a.Name, b.Name, names);
        var replaced = existing.Tables.Where(t => restored.Tables.Any(b => Same(t, b, target.RelationNamesIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))).ToList();
        var clashes = existing.Tables.Except(replaced).Select(t => (Table: t, Restored: restored.Tables.FirstOrDefault(b => Same(t, b, StringComparison.OrdinalIgnoreCase))))
            .Where(x => x.Restored is not null).Select(x => $"{x.Table.QualifiedName} (to restore: {x.Restored!.QualifiedName})").ToList();
        if (clashes.Count > 0)
            throw new NexuSqlRefusedException(
                $"These tables of the target differ from tables to restore by case alone, which {target.Engine.DisplayName()} holds as other tables: {string.Join("; ", clashes)}. " +
                "--replace drops only the tables the backup holds, spelled as it spells them. Nothing was dropped. Rename them, or drop them yourself if they are to go.");
        return replaced;
    }

    private static async Task RefuseReplaceAsync(NexuSqlDatabase target, SchemaModel existing, SchemaModel schema, bool interrupted, string replaceStep, string path, CancellationToken ct)
    {
        if (interrupted)
        {
            await using var session = await target.OpenSessionAsync(ct).ConfigureAwait(false);
            var steps = await new TransferMarker(session, MarkerTable).StepsAsync(ct).ConfigureAwait(false);
            if (!steps.Contains(replaceStep))
                // an interrupted replace is not resumed but run again (break test 33 L12: "--resume" was advised, then refused)
                throw new NexuSqlRefusedException("The target database holds an interrupted restore: " +
                    (steps.FirstOrDefault(s => s.StartsWith("run ", StringComparison.Ordinal) && s.EndsWith("--replace", StringComparison.Ordinal)) is { } was
                        ? $"a replace, which is not resumed but run again: restore {path} {was[4..]}; or start over with --clean"
                        : "finish it with --resume, or start over with --clean") + ", before replacing tables in it.");
        }
        var stays = existing.Tables.Where(t => schema.Table(t.Schema, t.Name) is null && t.QualifiedName != MarkerTable).ToList();
        var dependents = stays
            .SelectMany(t => t.ForeignKeys.Where(f => schema.Table(f.ReferencedSchema, f.ReferencedTable) is not null)
                .Select(f => $"table {t.QualifiedName} has foreign key {f.Name ?? "(unnamed)"} ({string.Join(", ", f.Columns)}) to {f.QualifiedReferencedTable}"))
            // a foreign key to a partitioned table is one on each partition too: PostgreSQL drops it whole with one (break test 32 F9)
            .Concat(stays.SelectMany(t => t.ForeignKeys.Where(f => schema.Table(f.ReferencedSchema, f.ReferencedTable) is null)
                .SelectMany(f => PartitionsIn(existing, existing.Table(f.ReferencedSchema, f.ReferencedTable)).Where(p => schema.Table(p.Schema, p.Name) is not null)
                    .Select(p => $"table {t.QualifiedName} has foreign key {f.Name ?? "(unnamed)"} ({string.Join(", ", f.Columns)}) to {f.QualifiedReferencedTable}, " +
                                 $"whose partition {p.QualifiedName} is to be replaced (PostgreSQL drops the foreign key with it)"))))
            // PostgreSQL drops a partition or inheritance child with its parent (DROP TABLE ... CASCADE)
            .Concat(stays.SelectMany(t => t.Parents.Where(p => schema.Table(t.Schema, p) is not null)
                .Select(p => t.PartitionOf is not null ? $"table {t.QualifiedName} is a partition of {p}, which would be dropped with it" : $"table {t.QualifiedName} inherits from {p}, which would be dropped with it")))
            .ToList();
        // what the engine knows DROP ... CASCADE would take (PostgreSQL: rules, policies and column defaults of tables that
        // stay, views, functions whose bodies read a replaced table); where it cannot tell, the views whose text names one
        var replaced = ReplacedTables(existing, schema, target.Dialect);
        var replacedNames = string.Join(", ", replaced.Select(t => t.QualifiedName));
        if (await target.Provider.ObjectsDroppedWithAsync(target, replaced, ct).ConfigureAwait(false) is { } taken)
            dependents.AddRange(taken.Select(o => $"{o} would be dropped with {replacedNames}"));
        else
            dependents.AddRange(existing.Views.Where(v => schema.Tables.Any(t => System.Text.RegularExpressions.Regex.IsMatch(v.Sql,
                    $@"(?<![\w$]){System.Text.RegularExpressions.Regex.Escape(t.Name)}(?![\w$])", System.Text.RegularExpressions.RegexOptions.IgnoreCase)))
                .Select(v => $"{v.Kind} {v.QualifiedName} reads a table to replace"));
        if (dependents.Count > 0)
            throw new NexuSqlRefusedException($"Nothing was changed: replacing {string.Join(", ", schema.Tables.Select(t => t.QualifiedName))} would break what stays in the target: " +
                                              $"{string.Join("; ", dependents)}. Add the tables they belong to to --tables, drop those objects first (and create them again after), " +
                                              "or restore everything with --clean.");
    }

    /// <summary>The partitions of <paramref name="table"/> in <paramref name="schema"/>, and theirs; none for a table that is not partitioned (or null).</summary>
    private static IEnumerable<TableModel> PartitionsIn(SchemaModel schema, TableModel? table) => table is null ? [] :
        schema.Tables.Where(p => p.Schema == table.Schema && string.Equals(p.PartitionOf, table.Name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => PartitionsIn(schema, p).Prepend(p));

    /// <summary>
    /// The table as its read-back is hashed, the way the backup hashed it: JSON the backup hashed as JSON but the target
    /// holds in its text-keeping type (<see cref="SqlDialect.TextKeepingJsonType"/>: PostgreSQL json) is hashed as JSON
    /// again; JSON the backup hashed as the text it was written (PostgreSQL json) and the target holds in a JSON type
    /// that keeps the text too (<see cref="SqlDialect.JsonKeepsText"/>: SQLite, MariaDB) is hashed as that text again
    /// (unsorted keys and <c>1e2</c> arrive as written; hashed as JSON they were a false difference). A uuid column that
    /// the backup holds as an engine's own type (MariaDB's UUID) is read as its text, as the backup hashed it.
    /// </summary>
    private static TableModel HashShape(TableModel created, TableModel? backedUp, NexuSqlEngine backedUpEngine, SqlDialect target) => backedUp is null ? created : created with
    {
        Columns = [.. created.Columns.Select(c => backedUp.Columns.FirstOrDefault(b => b.Name == c.Name) is not { } b ? c
            : c.Type.Kind == PortableType.Native && b.Type.Kind == PortableType.Json ? c with { Type = b.Type }
            // MariaDB's UUID (native) restored into another engine's uuid: read as its text, as the backup hashed it
            : c.Type.Kind == PortableType.Uuid && b.Type.Kind == PortableType.Native ? c with { Type = b.Type }
            : c.Type.Kind == PortableType.Json && target.JsonKeepsText && b.Type == SqlDialect.For(backedUpEngine).TextKeepingJsonType ? c with { Type = b.Type }
            : c)],
    };

    /// <summary>
    /// Before the rows, what <paramref name="existing"/> lacks: extensions, collations, enum, domain and composite types, sequences, routines, then the tables in
    /// their load shape (<see cref="LoadShape"/>), then the routines that need the tables. Restore and copy share it.
    /// </summary>
    internal static async Task CreateBeforeDataAsync(NexuSqlConnection session, SchemaModel schema, NexuSqlEngine sourceEngine, SchemaModel existing,
        List<string> skippedObjects, CancellationToken ct)
    {
        var d = session.Database.Dialect;
        foreach (var sql in (schema.Extensions ?? []).Select(x => d.CreateExtensionSql(x.Name)).OfType<string>())
            await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        // the schemas other than the current one that hold tables or views (IF NOT EXISTS: a resume, a replace)
        foreach (var sql in SchemaScript.SchemasOf(schema).Select(d.CreateSchemaSql).OfType<string>())
            await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        await RoutineTransfer.CreateRoutinesAsync(session, schema, sourceEngine, existing, skippedObjects, ct, RoutineStage.BeforeTypes).ConfigureAwait(false);
        // a default or check (of a table or a domain) that calls a function created after the tables, after it
        var lateCalls = LateCalls.Of(schema, d, RoutineStage.AfterTables);
        foreach (var (_, sql) in SchemaScript.UserTypeStatements(LateCalls.WithoutInDomains(schema, lateCalls), d, existing))
            await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        foreach (var q in schema.Sequences.Where(q => d.SupportsSequences && existing.Sequences.All(e => e.Schema != q.Schema || !string.Equals(e.Name, q.Name, StringComparison.OrdinalIgnoreCase))))
            foreach (var sql in SchemaScript.CreateSequenceStatements(q, d)) await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        await RoutineTransfer.CreateRoutinesAsync(session, schema, sourceEngine, existing, skippedObjects, ct, RoutineStage.BeforeTables).ConfigureAwait(false);
        // partitions and inheritance children after their parents
        foreach (var t in SchemaScript.InCreationOrder(schema.Tables).Where(t => existing.Table(t.Schema, t.Name) is null))
            try
            {
                // (a partition replaced alone: its parent stays, and its column order decides whether it is attached: break test 32 F9)
                foreach (var sql in SchemaScript.CreateTableStatements(LoadShape(LateCalls.Without(t, lateCalls), d), d, inlineForeignKeys: !d.AlterTableAddsForeignKeys, n => schema.Table(n) ?? existing.Table(n)))
                    await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
            }
            // an engine's limit the table goes beyond (InnoDB's 8126-byte row, 64 keys, 1,017 columns; PostgreSQL's 1,600
            // columns) came back as the bare engine error, naming no table (break test 27 K5)
            catch (NexuSqlException e) when (e.GetType() == typeof(NexuSqlException) && !e.IsTransient)
            {
                throw new NexuSqlException($"{d.Engine.DisplayName()} could not create table {t.QualifiedName}: {e.Message.TrimEnd('.')}. No row was written; " +
                    "the target is marked as unfinished. Change the table in the source (or create it in the target yourself and move the rows with --data-only), " +
                    "then run again with --clean.", e.Engine, e.EngineCode, e);
            }
        await RoutineTransfer.CreateRoutinesAsync(session, schema, sourceEngine, existing, skippedObjects, ct, RoutineStage.AfterTables).ConfigureAwait(false);
        await LateCalls.AddAsync(session, lateCalls.Where(l => !LateCalls.AfterRows(l)), existing, ct).ConfigureAwait(false);
        foreach (var sql in DatabaseSettingsSql(schema, d)) await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The statements that give the target the source database's own settings (SQLite <c>user_version</c>); those it has
    /// no such setting for were named as not carried when the schema was prepared for it (<see cref="CrossEngineSchema.Prepare"/>).
    /// </summary>
    internal static IEnumerable<string> DatabaseSettingsSql(SchemaModel schema, Dialects.SqlDialect d) =>
        (schema.Settings ?? new Dictionary<string, long>()).Select(x => d.DatabaseSettingSql(x.Key, x.Value)).OfType<string>();

    /// <summary>
    /// After the rows: keys, indexes, foreign keys, identity and sequence positions (what <paramref name="present"/>
    /// lacks), views between the same engine, and on SQLite a foreign key check. Returns the views skipped. Without
    /// <paramref name="keys"/>, the primary keys and unique constraints are taken as added already (<see cref="KeySql"/>), and
    /// without <paramref name="indexes"/> the secondary indexes too (<see cref="IndexSql"/>). Triggers
    /// and policies come after the final check (<see cref="RoutineTransfer.CreateAfterDataAsync"/>). With
    /// <paramref name="skippedRoutines"/> (restore, copy but <c>--data-only</c>), the routines created after the views
    /// (<see cref="RoutineStage.AfterViews"/>) come with them, each view after those it calls; one that fails is added there.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> FinishAsync(NexuSqlConnection session, SchemaModel schema, IReadOnlyList<BackupSequence> sequences,
        NexuSqlEngine sourceEngine, SchemaModel present, CancellationToken ct, bool keys = true, ICollection<string>? warnings = null, bool indexes = true,
        List<string>? skippedRoutines = null)
    {
        var d = session.Database.Dialect;
        var statements = keys ? AfterLoadSql(schema, sequences, d, present) : indexes ? AfterKeysSql(schema, sequences, d, present) : AfterIndexesSql(schema, sequences, d, present);
        foreach (var sql in statements) await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        var skipped = new List<string>();
        // a materialized view is created here, after the rows: WITH DATA computes its rows from the loaded tables; the
        // routines whose bodies read a view come with the views, each view after those it calls (bt52 N3)
        var routines = skippedRoutines is not null && sourceEngine == d.Engine ? RoutineTransfer.RoutinesAt(d, schema, sourceEngine, present, skippedRoutines, RoutineStage.AfterViews) : [];
        foreach (var item in SchemaScript.InCreationOrder(schema.Views, routines))
        {
            if (item is RoutineModel r)
            {
                await RoutineTransfer.CreateAsync(session, r, skippedRoutines!, ct).ConfigureAwait(false);
                continue;
            }
            var v = (ViewModel)item;
            if (sourceEngine != d.Engine) skipped.Add(v.Materialized && !d.SupportsMaterializedViews ? $"{v.QualifiedName} (a materialized view: {d.Engine.DisplayName()} has none)" : v.QualifiedName);
            else if (present.Views.All(w => w.Schema != v.Schema || !string.Equals(w.Name, v.Name, StringComparison.OrdinalIgnoreCase)))
            {
                NexuSqlException? failed = null;
                try
                {
                    foreach (var sql in SchemaScript.CreateViewStatements(v, d)) await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
                }
                catch (NexuSqlException e) when (e is not NexuSqlConnectionException)
                {
                    failed = e;
                }
                if (failed is null) continue;
                // its query fails on the rows loaded (a division by zero the source's stale rows never met): kept
                // unpopulated, as pg_restore keeps the object and reports the refresh
                if (v.Materialized && !v.WithNoData && await CreatedWithNoDataAsync(session, v, ct).ConfigureAwait(false))
                    warnings?.Add($"materialized view {v.QualifiedName}: created WITH NO DATA, its query fails on the rows loaded ({failed.Message}); " +
                        $"fix the rows, then REFRESH MATERIALIZED VIEW {v.QualifiedName}");
                // a view can use functions the schema model does not carry (write those in migrations): the data is what matters here
                else skipped.Add($"{v.QualifiedName} ({failed.Message})");
            }
        }
        // a full-text index whose content is a view created just now is built from it now (break test 25 F31)
        var created = schema.Views.Where(v => !skipped.Any(x => x == v.QualifiedName || x.StartsWith(v.QualifiedName + " (", StringComparison.Ordinal))).ToList();
        if (created.Count > 0) await RebuildVirtualTablesAsync(session, schema.Tables, [], ct, created).ConfigureAwait(false);
        if (d.ForeignKeyCheckSql is { } check)
        {
            // (a key carried as the source held it, NOT VALID in the model, keeps the rows that break it: Copy.NotValidConstraintCheck.Carry)
            var violations = (await session.QueryAsync(check, cancellationToken: ct).ConfigureAwait(false)).Where(v => !schema.Tables.Any(t =>
                string.Equals(t.Name, v["table"] as string, StringComparison.OrdinalIgnoreCase)
                && t.ForeignKeys.Any(f => f.NotValid && string.Equals(f.ReferencedTable, v["parent"] as string, StringComparison.OrdinalIgnoreCase)))).ToList();
            if (violations.Count > 0)
            {
                // named by the table's key, as every other refusal, not by the engine's rowid
                var (table, rowid) = (violations[0]["table"] as string ?? "?", violations[0]["rowid"]);
                var key = $"rowid {rowid}";
                if (schema.Tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase)) is { PrimaryKey: { } pk } model && rowid is not null)
                {
                    var found = await session.QueryAsync($"SELECT {string.Join(", ", pk.Columns.Select(d.QuoteIdentifier))} FROM {d.QuoteName(model.Schema, model.Name)} WHERE rowid = :r",
                        new Dictionary<string, object?> { ["r"] = rowid }, ct).ConfigureAwait(false);
                    if (found.Count == 1) key = string.Join(", ", pk.Columns.Select((c, i) => $"{PortableValues.KeyName(c)}={PortableValues.KeyText(found[0][i])}"));
                }
                throw new NexuSqlException($"After loading, {violations.Count} rows break foreign keys (first: table {table}, row {key}, whose key has no row in {violations[0]["parent"]}).", d.Engine);
            }
        }
        if (d.AddsForeignKeysUnchecked) await RefuseOrphansAsync(session, schema, present, ct).ConfigureAwait(false);
        return skipped;
    }

    /// <summary>A populated materialized view whose query failed, created again WITH NO DATA (with its indexes); false when that fails too.</summary>
    private static async Task<bool> CreatedWithNoDataAsync(NexuSqlConnection session, ViewModel view, CancellationToken ct)
    {
        try
        {
            foreach (var sql in SchemaScript.CreateViewStatements(view with { WithNoData = true }, session.Database.Dialect))
                await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
            return true;
        }
        catch (NexuSqlException e) when (e is not NexuSqlConnectionException)
        {
            return false;
        }
    }

    /// <summary>
    /// Where foreign keys added after the load do not check the rows already there (MySQL with foreign_key_checks=0),
    /// the rows whose reference points nowhere, by query: refused as a foreign-key error naming the table, the key and
    /// the first rows, the target left marked incomplete. (PostgreSQL's ADD FOREIGN KEY checks the rows itself.)
    /// </summary>
    private static async Task RefuseOrphansAsync(NexuSqlConnection session, SchemaModel schema, SchemaModel present, CancellationToken ct)
    {
        var d = session.Database.Dialect;
        foreach (var t in schema.Tables)
            // the target's own foreign keys too: a data-only copy into tables made by hand loads under foreign_key_checks=0,
            // and keys the source never had would keep its orphans without a word (break test, session 20)
            // (but not a key carried as the source held it, NOT VALID in the model: Copy.NotValidConstraintCheck.Carry)
            foreach (var fk in t.ForeignKeys.Concat(present.Table(t.Schema, t.Name)?.ForeignKeys ?? []).DistinctBy(f => (f.Name, string.Join(",", f.Columns), f.ReferencedTable))
                         .Where(f => schema.Table(f.ReferencedTable) is not null || present.Table(f.ReferencedTable) is not null)
                         .Where(f => !t.ForeignKeys.Any(c => c.NotValid && c.Columns.SequenceEqual(f.Columns) && c.ReferencedTable == f.ReferencedTable)))
            {
                var keyColumns = t.PrimaryKey?.Columns ?? fk.Columns;
                var columns = string.Join(", ", keyColumns.Select(k => "c." + d.QuoteIdentifier(k)));
                var sample = await session.QueryAsync(d.Paginate($"SELECT {columns} {Verification.IntegrityCheck.OrphansFromSql(d, t, fk, schema.Table(fk.ReferencedTable) ?? present.Table(fk.ReferencedTable))} ORDER BY {columns}", 3),
                    cancellationToken: ct).ConfigureAwait(false);
                if (sample.Count == 0) continue;
                var keys = string.Join("; ", sample.Select(r => string.Join(", ", keyColumns.Select((k, i) => $"{k}={r[i] ?? "NULL"}"))));
                throw new NexuSqlConstraintException(ConstraintKind.ForeignKey,
                    $"Table {t.Name}: rows reference {fk.ReferencedTable}({string.Join(", ", fk.ReferencedColumns)}) rows that do not exist ({keys}" +
                    $"{(sample.Count == 3 ? "; ..." : "")}); {d.Engine.DisplayName()} would keep them under the foreign key without a word. " +
                    "Fix or remove those rows at the source, or leave the foreign key's table out (--tables).", d.Engine, null, null, fk.Name, t.Name)
                { Key = keys };
            }
    }

    /// <summary>
    /// Identity columns whose next value in the target is not the source's once the positions are set: MariaDB's
    /// AUTO_INCREMENT and SQLite's AUTOINCREMENT never hand out an id at or below the largest one in the table, so a
    /// PostgreSQL identity whose next value is below its rows' largest id (rows inserted with explicit ids) goes on
    /// after the largest there (break test 27 K19: copy and restore said nothing, verify right after reported the difference).
    /// </summary>
    private static async Task<IReadOnlyList<string>> PositionsNotKeptAsync(NexuSqlConnection session, SqlDialect d, NexuSqlEngine engine,
        IReadOnlyList<BackupSequence> sequences, CancellationToken ct)
    {
        var notes = new List<string>();
        // SQLite keeps positions in sqlite_sequence, which exists once a table has AUTOINCREMENT
        if (d.IdentityPositionsPresentSql is { } present && await session.ExecuteScalarAsync<long>(present, cancellationToken: ct).ConfigureAwait(false) == 0) return notes;
        foreach (var q in sequences.Where(q => q.Column is not null))
        {
            if (d.IdentityNextValueSql(q.Name, q.Column!, q.Schema) is not { } sql) continue;
            decimal? next;
            try
            {
                next = await session.ExecuteScalarAsync<decimal?>(sql, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (NexuSqlException)
            {
                continue; // a note, never a reason to fail what was written and checked
            }
            if (next is { } n && n != q.Next)
                notes.Add($"identity position of {SchemaModel.Qualify(q.Schema, q.Name)}.{q.Column}: the source's next value is {q.Next}, {engine.DisplayName()} gives {n} next " +
                    "(it hands out no value at or below the largest one in the table); verify reports this difference");
        }
        return notes;
    }

    /// <summary>
    /// <see cref="FinishAsync"/>, then <see cref="CheckTablesAsync"/> — where the engine lets other connections read a
    /// table while indexes are built on it (<see cref="SqlDialect.ReadsWhileBuildingIndexes"/>), the check runs on a
    /// second connection once the primary keys and unique constraints are in place (ADD PRIMARY KEY and ADD UNIQUE lock
    /// the table), at the same time as the secondary indexes and foreign keys are built: the server builds while the
    /// client reads and hashes. Where the engine builds a primary key's index under a lock that lets reads through
    /// (<see cref="SqlDialect.AddPrimaryKeyByIndexSql"/>: PostgreSQL), the check starts right after the load instead:
    /// the key indexes and the secondary indexes are built meanwhile, then the key indexes become the keys (each once
    /// the check has read its table), then the unique constraints and foreign keys follow. A failure of either stops
    /// the other; the check's verdict is always awaited. An index entry the engine cannot hold (a key value too long for
    /// PostgreSQL's btree) is refused by table, columns and the row's key (<see cref="SqlDialect.OversizedIndexEntry"/>).
    /// </summary>
    /// <summary>The step after the load, as a lost connection names it.</summary>
    internal const string FinishingStep = "adding keys, indexes and foreign keys and checking counts and hashes";

    internal static async Task<IReadOnlyList<string>> FinishAndCheckAsync(NexuSqlConnection session, SchemaModel schema, IReadOnlyList<BackupSequence> sequences,
        NexuSqlEngine sourceEngine, SchemaModel present, IReadOnlyList<(TableModel Model, BackupTable Expected)> check, string what, string marker,
        Action<string>? phase, Action<TableProgress>? progress, CancellationToken ct, bool jsonLastDuplicateWins = false, bool numericAsText = false, bool numericFloatAsText = false,
        int formatVersion = BackupManifest.CurrentFormatVersion, ICollection<string>? warnings = null, List<string>? skippedRoutines = null)
    {
        try
        {
            var skipped = await FinishAndCheckCoreAsync(session, schema, sequences, sourceEngine, present, check, what, marker, phase, progress, ct, jsonLastDuplicateWins,
                numericAsText, numericFloatAsText, formatVersion, warnings, skippedRoutines).ConfigureAwait(false);
            if (warnings is not null)
                foreach (var w in await PositionsNotKeptAsync(session, session.Database.Dialect, session.Database.Engine,
                    [.. sequences.Where(q => q.Column is not null && schema.Table(q.Schema, q.Name) is not null)], ct).ConfigureAwait(false)) warnings.Add(w);
            return skipped;
        }
        catch (NexuSqlException e) when (session.Database.Dialect.OversizedIndexEntry(e) is var (index, table, rowWhere, problem)
                                         && schema.Tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.Ordinal)) is { } model)
        {
            // an unnamed key has the name the engine gave it (PostgreSQL: t_pkey, t_a_b_key)
            var columns = model.PrimaryKey is { } pk && (pk.Name ?? $"{model.Name}_pkey") == index ? pk.Columns
                : model.Uniques.FirstOrDefault(u => (u.Name ?? $"{model.Name}_{string.Join("_", u.Columns)}_key") == index)?.Columns
                  ?? model.Indexes.FirstOrDefault(i => i.Name == index)?.Columns.Select(c => c.Name ?? "(an expression)").ToList() ?? [$"(index {index})"];
            var key = "(not found)";
            try
            {
                await TableReader.ReadAsync(session, null, model, rowWhere, [], row => key = TableReader.DescribeKey(model, row), ct).ConfigureAwait(false);
            }
            catch (NexuSqlException)
            {
                // the row cannot be read again (the connection went with the error): named by table and index only
            }
            throw new NexuSqlValueException(model.QualifiedName, string.Join(", ", columns), key, problem, session.Database.Engine, e,
                "Shorten the value at the source, index a hash of it instead (e.g. md5(col)), or leave the table out (--tables)")
                .WithNote($"The rows are written and the target is marked as unfinished ({marker}): run again with --clean once this is fixed.");
        }
    }

    private static async Task<IReadOnlyList<string>> FinishAndCheckCoreAsync(NexuSqlConnection session, SchemaModel schema, IReadOnlyList<BackupSequence> sequences,
        NexuSqlEngine sourceEngine, SchemaModel present, IReadOnlyList<(TableModel Model, BackupTable Expected)> check, string what, string marker,
        Action<string>? phase, Action<TableProgress>? progress, CancellationToken ct, bool jsonLastDuplicateWins, bool numericAsText, bool numericFloatAsText,
        int formatVersion, ICollection<string>? warnings, List<string>? skippedRoutines)
    {
        var d = session.Database.Dialect;
        if (!d.ReadsWhileBuildingIndexes || check.Count == 0)
        {
            phase?.Invoke("adding keys, indexes and foreign keys");
            var skipped = await FinishAsync(session, schema, sequences, sourceEngine, present, ct, warnings: warnings, skippedRoutines: skippedRoutines).ConfigureAwait(false);
            phase?.Invoke("checking counts and hashes");
            await CheckTablesAsync(session, check, what, marker, progress, ct, jsonLastDuplicateWins, numericAsText, numericFloatAsText, formatVersion).ConfigureAwait(false);
            return skipped;
        }
        // primary keys the engine builds as an index under a lock that lets reads through: the check starts right after
        // the load, while those indexes and the secondary ones are built; then the indexes become the keys
        var byIndex = KeysByIndex(schema, d, present);
        if (byIndex.Count == 0)
        {
            phase?.Invoke("adding keys");
            foreach (var sql in KeySql(schema, d, present)) await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        }
        phase?.Invoke(byIndex.Count == 0 ? "adding indexes and foreign keys, checking counts and hashes meanwhile" : "adding keys, indexes and foreign keys, checking counts and hashes meanwhile");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var checking = Task.Run(async () =>
        {
            await using var reader = await session.Database.OpenSessionAsync(stop.Token).ConfigureAwait(false);
            foreach (var sql in reader.Database.DataSessionSql) await reader.ExecuteRawAsync(sql, stop.Token).ConfigureAwait(false);
            try
            {
                await CheckTablesAsync(reader, check, what, marker, progress, stop.Token, jsonLastDuplicateWins, numericAsText, numericFloatAsText, formatVersion).ConfigureAwait(false);
            }
            finally
            {
                try
                {
                    foreach (var sql in reader.Database.DataSessionEndSql) await reader.ExecuteRawAsync(sql, CancellationToken.None).ConfigureAwait(false);
                }
                catch (NexuSqlException)
                {
                    // a broken connection: the pool discards it with its settings
                }
            }
        }, stop.Token);
        IReadOnlyList<string> result;
        try
        {
            if (byIndex.Count > 0)
            {
                foreach (var (_, build, _) in byIndex) await session.ExecuteRawAsync(build, ct).ConfigureAwait(false);
                foreach (var sql in IndexSql(schema, d, present)) await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
                // (each waits for the check to finish reading its table: a catalog change takes the table alone)
                foreach (var (_, _, attach) in byIndex) await session.ExecuteRawAsync(attach, ct).ConfigureAwait(false);
                foreach (var sql in KeySql(schema, d, present, [.. byIndex.Select(k => k.Table)])) await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
            }
            result = await FinishAsync(session, schema, sequences, sourceEngine, present, ct, keys: false, warnings: warnings, indexes: byIndex.Count == 0, skippedRoutines: skippedRoutines).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await checking.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or NexuSqlException)
            {
                // stopped (or failed) too: the first failure is the one reported
            }
            throw;
        }
        try
        {
            await checking.ConfigureAwait(false);
        }
        catch (NexuSqlTransientException)
        {
            // a Galera node building an index in total order aborts the local readers of that table (1213): the data is
            // all there and the builds are done now, so check again, alone
            phase?.Invoke("checking counts and hashes again (an index build aborted the first read)");
            await CheckTablesAsync(session, check, what, marker, progress, ct, jsonLastDuplicateWins, numericAsText, numericFloatAsText, formatVersion).ConfigureAwait(false);
        }
        return result;
    }

    /// <summary>Reads every table back from the target and compares its count and content hash with what was written.</summary>
    internal static async Task CheckTablesAsync(NexuSqlConnection session, IEnumerable<(TableModel Model, BackupTable Expected)> tables, string what, string marker,
        Action<TableProgress>? progress, CancellationToken ct, bool jsonLastDuplicateWins = false, bool numericAsText = false, bool numericFloatAsText = false, int formatVersion = BackupManifest.CurrentFormatVersion)
    {
        var d = session.Database.Dialect;
        foreach (var (model, expected) in tables)
        {
            var hasher = new TableHasher(model.Columns.Select(c => c.Type), jsonLastDuplicateWins, numericAsText, numericFloatAsText: numericFloatAsText,
                nonFiniteNumericAsFloat: formatVersion is >= 8 and < 16);
            var types = model.Columns.Select(c => c.Type).ToArray();
            var clock = Stopwatch.StartNew();
            progress?.Invoke(new TableProgress(expected.QualifiedName, 0, expected.Rows, TimeSpan.Zero, false) { Checking = true });
            await TableReader.ReadAsync(session, null, model, row =>
            {
                if (formatVersion < BackupManifest.CurrentFormatVersion)
                    for (var i = 0; i < row.Length; i++) row[i] = d.AsBackupFormatRead(model.Columns[i], row[i], formatVersion);
                hasher.Add(row);
                if (hasher.Count % 50_000 == 0) progress?.Invoke(new TableProgress(expected.QualifiedName, hasher.Count, expected.Rows, clock.Elapsed, false) { Checking = true });
            }, ct).ConfigureAwait(false);
            progress?.Invoke(new TableProgress(expected.QualifiedName, hasher.Count, expected.Rows, clock.Elapsed, true) { Checking = true });
            if (hasher.Count != expected.Rows || hasher.Hash != expected.Hash)
                throw new TableMismatchException(expected.QualifiedName, $"Table {expected.QualifiedName} in the target holds {hasher.Count} rows ({what}: {expected.Rows}) with hash {hasher.Hash} ({what}: {expected.Hash}). " +
                    $"The target changed the data; it stays marked incomplete ({marker}).", d.Engine);
            // rows read through a content table (or view) match whatever the index holds: the index is checked against them
            // itself, as verify does (an empty index passed: break test 25 F31)
            if (d.VirtualTableCheckSql(model) is { } indexCheck)
            {
                try
                {
                    await session.ExecuteRawAsync(indexCheck, ct).ConfigureAwait(false);
                }
                catch (NexuSqlException e) when (d.VirtualTableCheckFound(e.EngineCode))
                {
                    throw new TableMismatchException(expected.QualifiedName, $"Table {expected.QualifiedName} in the target: its full-text index does not match its content " +
                        $"{d.ContentTableOf(model)} ({e.Message}); build it again: {d.RebuildVirtualTableSql(model)}. It stays marked incomplete ({marker}).", d.Engine);
                }
            }
        }
    }

    /// <summary>
    /// Builds again the index of each table of <paramref name="tables"/> whose rows are a content table's
    /// (<see cref="SqlDialect.RebuildVirtualTableSql"/>: a SQLite external-content full-text table) when that content
    /// table is one of <paramref name="loaded"/>: a load wrote none of its rows, and a replaced content table left
    /// the index of the one that stays describing rows that are gone. Restore and copy share it; before the check.
    /// </summary>
    /// <remarks>
    /// A content that is a view (<c>content='dv'</c>, a view over loaded tables) is built from when <paramref name="views"/>
    /// holds it (views the target had before: a data-only copy); one created by this run is built from once the views
    /// are created (<see cref="FinishAsync"/>): built before it, the index stayed empty and every MATCH found nothing
    /// (break test 25 F31).
    /// </remarks>
    internal static async Task RebuildVirtualTablesAsync(NexuSqlConnection session, IEnumerable<TableModel> tables, IReadOnlyCollection<string> loaded, CancellationToken ct,
        IEnumerable<ViewModel>? views = null)
    {
        var d = session.Database.Dialect;
        var written = loaded.ToHashSet(StringComparer.OrdinalIgnoreCase);
        written.UnionWith((views ?? []).Select(v => v.QualifiedName));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in tables)
            if (seen.Add(t.QualifiedName) && d.ContentTableOf(t) is { } content && written.Contains(SchemaModel.Qualify(t.Schema, content))
                && d.RebuildVirtualTableSql(t) is { } sql)
                await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
    }

    /// <summary>The final check found a table whose count or content hash differs from what was written.</summary>
    internal sealed class TableMismatchException(string table, string message, NexuSqlEngine engine) : NexuSqlDataMismatchException(table, null, message, engine);

    /// <summary>
    /// A resume keeps the tables the interrupted run recorded as done; <paramref name="check"/> reads them back first
    /// (<see cref="CheckTablesAsync"/>): one changed in the target since could never pass the final check, and each
    /// <c>--resume</c> would copy the rest again and fail on it (break test 31 B15). Refused, with <c>--clean</c> as the way on.
    /// </summary>
    /// <param name="check">Reads the kept tables back; throws <see cref="TableMismatchException"/> for one that changed.</param>
    /// <param name="named">Turns the mismatch into the message said (the copy names the rows that differ); null: its own.</param>
    /// <exception cref="NexuSqlRefusedException">A kept table changed in the target.</exception>
    internal static async Task RefuseChangedKeptTablesAsync(Func<Task> check, Func<TableMismatchException, Task<NexuSqlException>>? named = null)
    {
        try
        {
            await check().ConfigureAwait(false);
        }
        catch (TableMismatchException mismatch)
        {
            var said = named is null ? mismatch : await named(mismatch).ConfigureAwait(false);
            throw new NexuSqlRefusedException($"{said.Message} Table {mismatch.Table} was done by the interrupted run and changed in the target since: --resume keeps " +
                "such a table as it is, so it cannot finish; nothing more was written. Start over with --clean.");
        }
    }

    /// <summary>
    /// How many connections load the <paramref name="pending"/> tables: the <paramref name="asked"/> jobs, no more than
    /// there are tables, and one on an engine that lets one transaction write at a time (said in <paramref name="warnings"/>).
    /// </summary>
    internal static int LoadJobs(int asked, int pending, SqlDialect d, ICollection<string> warnings)
    {
        if (asked > 1 && d.Capabilities.SingleWriter)
        {
            warnings.Add($"--jobs {asked} has no effect on {d.Engine.DisplayName()}, which lets one transaction write at a time: the tables were loaded one after another on one connection");
            return 1;
        }
        return Math.Max(1, Math.Min(asked, pending));
    }

    /// <summary>
    /// The tables in the order the workers of a parallel load take them: the most rows first (then by name, so a run is
    /// repeatable), so that the largest table is not the one left to load alone at the end.
    /// </summary>
    internal static IReadOnlyList<BackupTable> LoadOrder(IEnumerable<BackupTable> tables) =>
        [.. tables.OrderByDescending(t => t.Rows).ThenBy(t => t.QualifiedName, StringComparer.Ordinal)];

    /// <summary>
    /// <paramref name="pending"/> loaded by <paramref name="jobs"/> workers, each on a connection of its own (set up as
    /// the main one is: data session, bulk load, checks off) reading the backup through a reader of its own, taking
    /// the next table as it finishes one. Each table is one transaction that records it in the marker table, as
    /// with one job, so an interruption leaves tables either loaded and recorded or empty. The first failure cancels
    /// the other workers (their tables roll back, unrecorded) and is the one thrown. Returns the rows loaded.
    /// </summary>
    private static async Task<long> LoadInParallelAsync(NexuSqlDatabase target, BackupArchive archive, IReadOnlyList<BackupTable> pending, SchemaModel schema, bool resume,
        bool checksOff, int jobs, int kept, Action<TableProgress>? progress, CancellationToken ct)
    {
        var d = target.Dialect;
        var queue = new System.Collections.Concurrent.ConcurrentQueue<BackupTable>(LoadOrder(pending));
        // each worker holds two pool threads in blocking waits (the RowPipe's decoder and the writer that takes its rows):
        // with the pool's minimum (one per core) the others waited for the pool to add threads, about half a second each
        // (a second worker's 50,000-row table took 1 s instead of 0.1 s); the minimum is only ever raised
        ThreadPool.GetMinThreads(out var poolThreads, out var ioThreads);
        if (poolThreads < Environment.ProcessorCount + 2 * jobs + 2) ThreadPool.SetMinThreads(Environment.ProcessorCount + 2 * jobs + 2, ioThreads);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Exception? first = null;
        long total = 0;
        var loaded = kept;

        async Task WorkAsync()
        {
            Exception? failed = null;
            try
            {
                using var reader = archive.Reopen();
                await using var session = await target.OpenSessionAsync(stop.Token).ConfigureAwait(false);
                try
                {
                    foreach (var sql in target.DataSessionSql.Concat(d.BulkLoadBeginSql).Concat(checksOff ? d.ChecksOffSql : []))
                        await session.ExecuteRawAsync(sql, stop.Token).ConfigureAwait(false);
                    var marker = new TransferMarker(session, MarkerTable);
                    while (!stop.IsCancellationRequested && queue.TryDequeue(out var table))
                    {
                        var rows = await LostConnection.NamedAsync(() => LoadAsync(session, reader, table, schema.Table(table.Schema, table.Name)!, marker, resume, progress, stop.Token),
                            table.QualifiedName, "restoring", [("target", session)], Volatile.Read(ref loaded)).ConfigureAwait(false);
                        Interlocked.Add(ref total, rows);
                        Interlocked.Increment(ref loaded);
                    }
                }
                catch (Exception e)
                {
                    failed = e;
                }
                // a connection the failure broke cannot be reset (MySqlConnector: "current state is Broken"): the pool discards
                // it, and what is reported is the failure, not the reset
                try
                {
                    await session.RestoreSessionAsync(d.BulkLoadEndSql.Concat(checksOff ? d.ChecksOnSql : []).Concat(target.DataSessionEndSql)).ConfigureAwait(false);
                }
                catch (Exception e) when (failed is not null && e is InvalidOperationException or System.Data.Common.DbException)
                {
                }
            }
            catch (Exception e)
            {
                failed ??= e;
            }
            // the first failure is the cause; what the others throw once it cancelled them is not
            if (failed is not null && Interlocked.CompareExchange(ref first, failed, null) is null) await stop.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => Task.Run(WorkAsync, CancellationToken.None))).ConfigureAwait(false);
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        ct.ThrowIfCancellationRequested();
        return total;
    }

    /// <summary>One table in one transaction, which also records it as loaded in the marker table.</summary>
    private static Task<long> LoadAsync(NexuSqlConnection session, BackupArchive archive, BackupTable table, TableModel model, TransferMarker marker,
        bool resume, Action<TableProgress>? progress, CancellationToken ct) =>
        session.TranslatingAsync(() => LoadCoreAsync(session, archive, table, model, marker, resume, progress, ct));

    private static async Task<long> LoadCoreAsync(NexuSqlConnection session, BackupArchive archive, BackupTable table, TableModel model, TransferMarker marker,
        bool resume, Action<TableProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var d = session.Database.Dialect;
        // decompressing and decoding the backup runs on a second core while the driver encodes and sends (as in copy)
        using var pipe = new RowPipe(5_000, ct);
        pipe.Start((add, _) =>
        {
            foreach (var row in archive.ReadNewRows(table)) add(row);
            return Task.CompletedTask;
        });
        long seen = 0;
        var types = model.Columns.Select(c => c.Type).ToArray();
        IEnumerable<object?[]> Rows()
        {
            foreach (var row in pipe.Rows)
            {
                for (var i = 0; i < row.Length && i < types.Length; i++) row[i] = d.Admit(row[i], types[i]);
                yield return row;
                if (++seen % 50_000 == 0) progress?.Invoke(new TableProgress(table.QualifiedName, seen, table.Rows, clock.Elapsed, false));
            }
        }
        return await pipe.RunAsync(async () =>
        {
            await using var tx = await session.DbConnection.BeginTransactionAsync(ct).ConfigureAwait(false);
            if (resume) await Raw(session, tx, $"DELETE FROM {d.QuoteName(table.Schema, table.Name)}", null, ct).ConfigureAwait(false); // MySQL: a statement may have committed alone
            var written = await WritableColumns.BulkLoadAsync(session, tx, model, Rows(), ct).ConfigureAwait(false);
            await pipe.Completion.ConfigureAwait(false); // a damaged backup ends the rows early: never commit those
            await marker.RecordAsync("loaded " + table.QualifiedName, tx, ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            progress?.Invoke(new TableProgress(table.QualifiedName, written, table.Rows, clock.Elapsed, true));
            return written;
        }).ConfigureAwait(false);
    }

    internal static Task Raw(NexuSqlConnection session, System.Data.Common.DbTransaction? tx, string sql, string? value, CancellationToken ct) =>
        session.TranslatingAsync(() => RawCoreAsync(session, tx, sql, value, ct));

    private static async Task<int> RawCoreAsync(NexuSqlConnection session, System.Data.Common.DbTransaction? tx, string sql, string? value, CancellationToken ct)
    {
        await using var command = session.DbConnection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (value is not null)
        {
            var p = command.CreateParameter();
            p.ParameterName = session.Database.Dialect.ParameterName(0);
            p.Value = value;
            command.Parameters.Add(p);
        }
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The table as created before the load: no secondary indexes, no uniques, and no primary key where it is added afterwards.</summary>
    internal static TableModel LoadShape(TableModel t, SqlDialect d) => t with
    {
        // GENERATED ALWAYS refuses the kept ids on the INSERT path: made ALWAYS after the load (AfterLoadSql)
        Columns = [.. t.Columns.Select(c => c.IdentityOptions is { Always: true } o ? c with { IdentityOptions = o with { Always = false } } : c)],
        Indexes = [],
        // but the key an engine wants with the table (MariaDB's AUTO_INCREMENT column leads one), which KeySql then leaves out
        Uniques = !d.AlterTableAddsForeignKeys ? t.Uniques : d.KeyCreatedWithTable(t) is { } unique ? [unique] : [],
        Exclusions = d.AlterTableAddsForeignKeys ? null : t.Exclusions,
        PrimaryKey = d.AddsPrimaryKeyAfterLoad ? null : t.PrimaryKey,
    };

    /// <summary>
    /// Primary keys (where added late), unique constraints, indexes, foreign keys, identity and sequence positions —
    /// leaving out what <paramref name="present"/> (the target as an interrupted restore left it) already has.
    /// </summary>
    internal static IEnumerable<string> AfterLoadSql(SchemaModel schema, IReadOnlyList<BackupSequence> sequences, SqlDialect d, SchemaModel present) =>
        KeySql(schema, d, present).Concat(AfterKeysSql(schema, sequences, d, present));

    /// <summary>Keys of the backup that the target takes for one (text under its collation, dates SQLite spells two ways), refused before anything is written (<see cref="KeyCollisionCheck"/>).</summary>
    private static async Task RefuseKeyCollisionsAsync(BackupArchive archive, NexuSqlDatabase target, SchemaModel schema, IReadOnlyList<BackupTable> tables, CancellationToken ct)
    {
        var source = SqlDialect.For(archive.Manifest.Engine);
        var checks = tables.Select(t => (Table: t, Into: schema.Table(t.Schema, t.Name)))
            .Select(t => (t.Table, t.Into, Check: t.Into is null ? null : KeyCollisionCheck.For(source, target.Dialect, t.Into, t.Into)))
            .Where(t => t.Check is not null).ToList();
        if (checks.Count == 0) return;
        await using var probe = await KeyCollisionCheck.OpenSessionAsync(target, ct).ConfigureAwait(false);
        try
        {
            foreach (var (table, into, check) in checks)
                await check!.RefuseAsync(probe, (onRow, token) => Task.Run(() =>
                {
                    var admitted = new object?[into!.Columns.Count];
                    foreach (var row in archive.ReadRows(table))
                    {
                        for (var i = 0; i < admitted.Length; i++) admitted[i] = target.Dialect.Admit(row[i], into.Columns[i].Type);
                        onRow(row, admitted);
                    }
                }, token), true, ct).ConfigureAwait(false);
        }
        catch (NexuSqlValueException value)
        {
            throw value.WithNote(NothingWritten);
        }
    }

    /// <summary>What a refusal before the first write says: the target is as it was, --clean included.</summary>
    private const string NothingWritten = "Nothing was written to the target (and nothing of it dropped, --clean or not); run the restore again once this is fixed.";

    /// <summary>
    /// The backup's tables that <paramref name="schema"/> (prepared for the target) creates, each with its entry; a
    /// partitioned table that holds its partitions' rows there (<see cref="TableModel.PartitionsFolded"/>) with theirs
    /// too (<see cref="BackupArchive.Folded"/>), as <c>pg_dump --load-via-partition-root</c> loads them.
    /// </summary>
    private static List<BackupTable> RestoredTables(BackupArchive archive, SchemaModel schema) =>
        [.. archive.Manifest.Tables.Select(t => schema.Table(t.Schema, t.Name) is not { } model ? null : model.PartitionsFolded is not { } folded ? t
            : archive.Folded(t, [.. archive.Manifest.Tables.Where(p => p.Schema == t.Schema && folded.Contains(p.Name, StringComparer.OrdinalIgnoreCase))])).OfType<BackupTable>()];

    private static bool SameColumns(IEnumerable<string> a, IEnumerable<string> b) => a.SequenceEqual(b, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Primary keys (where added late) and unique constraints that <paramref name="present"/> lacks: the first statements
    /// after the load. The primary keys of <paramref name="byIndex"/> (<see cref="KeysByIndex"/>) are left out.
    /// </summary>
    internal static IEnumerable<string> KeySql(SchemaModel schema, SqlDialect d, SchemaModel present, IReadOnlyCollection<TableModel>? byIndex = null)
    {
        // what a partition takes from its partitioned table comes with the parent's key, index or foreign key
        foreach (var t in schema.Tables.Select(t => t.WithoutInherited()))
        {
            var now = present.Table(t.Schema, t.Name);
            if (d.AddsPrimaryKeyAfterLoad && t.PrimaryKey is { } pk && now?.PrimaryKey is null && byIndex?.Any(b => b.Schema == t.Schema && b.Name == t.Name) != true)
                yield return d.AddPrimaryKeySql(t.Name, pk, t.Schema);
            if (d.AlterTableAddsForeignKeys)
                foreach (var u in t.Uniques.Where(u => u != d.KeyCreatedWithTable(t)
                             && (now is null || !now.Uniques.Any(v => SameColumns(u.Columns, v.Columns)) && !now.Indexes.Any(i => i.Unique && !i.IsSpecial && SameColumns(u.Columns, i.Columns.Select(c => c.Name ?? ""))))))
                    yield return d.AddUniqueSql(t.Name, u, t.Schema);
            if (d.AlterTableAddsForeignKeys)
                foreach (var e in (t.Exclusions ?? []).Where(e => now?.Exclusions?.Any(x => string.Equals(x.Name, e.Name, StringComparison.OrdinalIgnoreCase)) != true))
                    yield return $"ALTER TABLE {d.QuoteName(t.Schema, t.Name)} ADD {SchemaScript.Exclusion(e, d)}";
        }
    }

    /// <summary>
    /// The primary keys <see cref="KeySql"/> would add that the engine builds as an index first, under a lock that lets
    /// the check read the table meanwhile (<see cref="SqlDialect.AddPrimaryKeyByIndexSql"/>): each table with the index
    /// build and the statement that makes the index its key. Not for a table others inherit from or are partitions of.
    /// </summary>
    private static List<(TableModel Table, string Build, string Attach)> KeysByIndex(SchemaModel schema, SqlDialect d, SchemaModel present)
    {
        var keys = new List<(TableModel, string, string)>();
        if (!d.AddsPrimaryKeyAfterLoad) return keys;
        foreach (var t in schema.Tables.Select(t => t.WithoutInherited()))
            if (t.PrimaryKey is not null && present.Table(t.Schema, t.Name)?.PrimaryKey is null
                && !schema.Tables.Any(c => c.Parents.Any(p => string.Equals(p, t.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(p, t.QualifiedName, StringComparison.OrdinalIgnoreCase)))
                && d.AddPrimaryKeyByIndexSql(t) is var (build, attach))
                keys.Add((t, build, attach));
        return keys;
    }

    /// <summary>What follows <see cref="KeySql"/>: indexes, foreign keys, identity and sequence positions.</summary>
    private static IEnumerable<string> AfterKeysSql(SchemaModel schema, IReadOnlyList<BackupSequence> sequences, SqlDialect d, SchemaModel present) =>
        IndexSql(schema, d, present).Concat(AfterIndexesSql(schema, sequences, d, present));

    /// <summary>The secondary indexes that <paramref name="present"/> lacks.</summary>
    private static IEnumerable<string> IndexSql(SchemaModel schema, SqlDialect d, SchemaModel present)
    {
        foreach (var t in schema.Tables.Select(t => t.WithoutInherited()))
        {
            var now = present.Table(t.Schema, t.Name);
            foreach (var i in t.Indexes.Where(i => now is null || !now.Indexes.Any(j => string.Equals(i.Name, j.Name, StringComparison.OrdinalIgnoreCase))))
                foreach (var sql in SchemaScript.CreateIndexStatements(t, i, d)) yield return sql;
        }
    }

    /// <summary>What follows <see cref="IndexSql"/>: foreign keys, NOT VALID checks, identity and sequence positions.</summary>
    private static IEnumerable<string> AfterIndexesSql(SchemaModel schema, IReadOnlyList<BackupSequence> sequences, SqlDialect d, SchemaModel present)
    {
        schema = schema with { Tables = [.. schema.Tables.Select(t => t.WithoutInherited())] };
        if (d.AlterTableAddsForeignKeys)
            foreach (var t in schema.Tables)
                foreach (var fk in t.ForeignKeys.Where(f => present.Table(t.Schema, t.Name) is not { } now || !now.ForeignKeys.Any(g => SameColumns(f.Columns, g.Columns)
                    && f.ReferencedSchema == g.ReferencedSchema && string.Equals(f.ReferencedTable, g.ReferencedTable, StringComparison.OrdinalIgnoreCase))))
                    yield return SchemaScript.AddForeignKey(t, fk, d);
        // CLUSTER ON once the index it names (a key's too) exists (issue #12 L15)
        foreach (var t in schema.Tables)
            if (t.ClusterOn is not null && d.ClusterOnSql(t, present.Table(t.Schema, t.Name)) is { } cluster) yield return cluster;
        // NOT VALID checks after the rows, as pg_dump adds them: rows the source holds that break them arrive too
        foreach (var t in schema.Tables)
            foreach (var sql in SchemaScript.AddNotValidChecks(t with { Checks = [.. t.Checks.Where(c => present.Table(t.Schema, t.Name)?.Checks
                .Any(k => string.Equals(k.Name, c.Name, StringComparison.OrdinalIgnoreCase)) != true)] }, d))
                yield return sql;
        // and NOT VALID domain checks (session 19 F11), which CREATE DOMAIN would have validated
        if (d.NotValidConstraints)
            foreach (var x in schema.Domains ?? [])
                foreach (var c in x.Checks.Where(c => c.NotValid && present.Domains?.FirstOrDefault(p => p.Schema == x.Schema && string.Equals(p.Name, x.Name, StringComparison.OrdinalIgnoreCase))?.Checks
                    .Any(k => string.Equals(k.Name, c.Name, StringComparison.OrdinalIgnoreCase)) != true))
                    yield return $"ALTER DOMAIN {d.QuoteName(x.Schema, x.Name)} ADD {SchemaScript.Check(c, d)}";
        foreach (var t in schema.Tables)
            foreach (var c in t.Columns.Where(c => c.Identity))
            {
                var position = sequences.FirstOrDefault(q => q.Column is not null && q.Schema == t.Schema &&
                    string.Equals(q.Name, t.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(q.Column, c.Name, StringComparison.OrdinalIgnoreCase));
                var statements = position is null ? null : d.SetIdentityNextValueSql(t.Name, c.Name, position.Next, t.Schema);
                foreach (var sql in statements ?? (d.ResetIdentitySql(t.Name, c.Name, t.Schema) is { } reset ? [reset] : [])) yield return sql;
                if (c.IdentityOptions is { Always: true } && d.IdentityAlwaysSql(t.Name, c.Name, t.Schema) is { } always) yield return always;
            }
        // the standalone sequences the restored schema holds (restore --tables from a whole backup: those its tables draw from)
        foreach (var q in sequences.Where(q => q.Column is null && schema.Sequences.Any(s => s.Schema == q.Schema && string.Equals(s.Name, q.Name, StringComparison.OrdinalIgnoreCase))))
            if (d.SetSequenceNextValueSql(q.Name, decimal.ToInt64(q.Next), q.Schema) is { } sql) yield return sql;
    }
}
