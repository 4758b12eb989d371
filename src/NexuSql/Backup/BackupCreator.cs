using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.Backup;

/// <summary>Progress of one table in a backup, restore or copy.</summary>
/// <param name="Table">The table.</param>
/// <param name="Rows">Rows done so far.</param>
/// <param name="TotalRows">Rows in all, when known: exact for a restore and for the final check, the catalog's estimate (<see cref="NexuSqlProvider.EstimateRowCountsAsync"/>) while a backup or copy reads, which <see cref="Rows"/> may pass.</param>
/// <param name="Elapsed">Time spent on this table.</param>
/// <param name="Done">The table is finished.</param>
public sealed record TableProgress(string Table, long Rows, long? TotalRows, TimeSpan Elapsed, bool Done)
{
    /// <summary>
    /// The table is being read back from the target for the final count and hash check (restore, copy), not loaded;
    /// <see cref="TotalRows"/> is then the number of rows written.
    /// </summary>
    public bool Checking { get; init; }

    /// <summary>Rows per second so far.</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}

/// <summary>Options of <see cref="BackupCreator.CreateAsync"/>.</summary>
public sealed record BackupOptions
{
    /// <summary>Back up only these tables (case-insensitive; <c>sales.t</c> for a table of another schema); null for all.</summary>
    public IReadOnlyList<string>? Tables { get; init; }

    /// <summary>
    /// PostgreSQL: back up only the tables and views of these schemas (the current one by its name, e.g. <c>public</c>);
    /// null for every non-system schema, as pg_dump takes them.
    /// </summary>
    /// <remarks>A name that is not a schema with tables or views throws <see cref="ArgumentException"/>, before anything is read.</remarks>
    public IReadOnlyList<string>? Schemas { get; init; }

    /// <summary>Compression of the table entries (default: fastest — pg_dump spends most of its time compressing).</summary>
    public CompressionLevel Compression { get; init; } = CompressionLevel.Fastest;

    /// <summary>Called as tables progress (every 50,000 rows and at the end of each table).</summary>
    public Action<TableProgress>? Progress { get; init; }

    /// <summary>
    /// Called with a line for the user, once each time the backup starts over and why ("the schema changed during the
    /// backup (a migration running?): starting over, attempt 2 of 3").
    /// </summary>
    public Action<string>? Notice { get; init; }

    /// <summary>The history table whose rows are listed in the manifest.</summary>
    public string HistoryTable { get; init; } = "nexusql_schema_history";

    /// <summary>The catalog's row estimates (<see cref="NexuSqlProvider.EstimateRowCountsAsync"/>), read when there is <see cref="Progress"/> to report.</summary>
    internal IReadOnlyDictionary<string, long>? EstimatedRows { get; init; }
}

/// <summary>
/// Writes a backup: every table read inside one consistent snapshot (<see cref="Dialects.SqlDialect.BeginSnapshotSql"/>),
/// streamed through the row encoding into a ZIP entry per table, with counts and hashes in the manifest. The file is
/// written under <c>NAME.RANDOM.partial</c>, sealed with a whole-file SHA-256 (<see cref="BackupSeal"/>), flushed to disk,
/// read back from disk and checked against that checksum, and only then renamed to NAME: a backup that was killed or failed never has the final name.
/// </summary>
public static class BackupCreator
{
    /// <summary>Backs up <paramref name="database"/> to <paramref name="path"/> and returns the manifest.</summary>
    /// <exception cref="IOException"><paramref name="path"/> already exists.</exception>
    /// <exception cref="NexuSqlStorageFullException">The disk is full: the unfinished file is removed.</exception>
    public static async Task<BackupManifest> CreateAsync(NexuSqlDatabase database, string path, BackupOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(path);
        options ??= new BackupOptions();
        if (File.Exists(path)) throw new IOException($"{path} already exists; choose another name (backups are never overwritten).");
        if (Directory.Exists(path)) throw new IOException($"{path} is a folder; give the backup file's name.");
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        // a file where a folder of the path should be: .NET's "The file '...' already exists" did not say a folder was wanted (break test 27 K20)
        for (var up = directory; !string.IsNullOrEmpty(up); up = System.IO.Path.GetDirectoryName(up))
            if (File.Exists(up)) throw new IOException($"Cannot create the folder for {path}: {up} is a file, not a folder. Nothing was written.");
        Directory.CreateDirectory(directory);

        // The schema is read through the catalog, outside the rows' snapshot (MySQL's snapshot does not cover it, and the
        // readers use connections of their own). A migration committed in between would give a backup whose history
        // names tables its schema lacks: read the schema again afterwards, and start over when it changed.
        // A snapshot aborted by concurrent work (a Galera node applying another node's DDL kills local readers: 1213) is
        // started over too; nothing was written.
        await database.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        if (options.Progress is not null)
            options = options with { EstimatedRows = await database.Provider.EstimateRowCountsAsync(database, cancellationToken).ConfigureAwait(false) };
        for (var attempt = 1; ; attempt++)
        {
            SchemaModel schema;
            (BackupManifest Manifest, string Partial)? manifest;
            // a migration running without a transaction (MariaDB: each DDL commits on its own) is waited for, and the
            // next one held off, from the schema read until the snapshot began (bt36 M2)
            IAsyncDisposable? hold = null;
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
                hold = await HoldMigrationsAsync(database, options.HistoryTable, "backup", options.Notice, cancellationToken).ConfigureAwait(false);
                schema = await SchemaAsync(database, options, cancellationToken).ConfigureAwait(false);
                manifest = await CreateOnceAsync(database, schema, path, options, ReleaseAsync, cancellationToken).ConfigureAwait(false);
            }
            catch (NexuSqlTransientException e)
            {
                if (attempt == SnapshotAttempts)
                    throw new NexuSqlTransientException($"No backup was written: the snapshot was aborted by concurrent work in each of {SnapshotAttempts} attempts " +
                        $"({e.Message}). Run the backup again when migrations or other schema changes have finished.", e.Engine, e.EngineCode, e);
                options.Notice?.Invoke($"the snapshot was aborted by concurrent work ({e.Message}): starting over, attempt {attempt + 1} of {SnapshotAttempts}");
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            finally
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
            var why = "the schema changed during the backup (a migration running?)";
            if (manifest is { } written)
            {
                try
                {
                    if ((await SchemaAsync(database, options, cancellationToken).ConfigureAwait(false)).ToJson() == schema.ToJson())
                    {
                        if (await RunningMigrationAsync(database, written.Manifest.Migrations, options.HistoryTable, cancellationToken).ConfigureAwait(false) is not { } running)
                        {
                            File.Move(written.Partial, path);
                            return written.Manifest;
                        }
                        why = $"the snapshot holds migration {running} half-applied (it was running)";
                    }
                }
                catch
                {
                    // an interruption while the schema is read again (Ctrl-C, SIGTERM: "Cancelled. No backup was written (its
                    // unfinished .partial file is removed)" left it), a file of that name appeared meanwhile: no stray .partial
                    TryDelete(written.Partial);
                    throw;
                }
                TryDelete(written.Partial);
            }
            if (attempt == SnapshotAttempts)
                throw new NexuSqlRefusedException(why.StartsWith("the snapshot holds", StringComparison.Ordinal)
                    ? $"The backup started over {SnapshotAttempts - 1} times; in its last attempt too, {why}, by a migrator the backup could not wait for (an older NexuSQL's?). " +
                      "No backup was written. Back up once the migration has finished."
                    : $"The schema changed during each of {SnapshotAttempts} attempts to back it up (migrations running?). Back up when they have finished.");
            options.Notice?.Invoke($"{why}: starting over, attempt {attempt + 1} of {SnapshotAttempts}");
        }
    }

    /// <summary>How long a backup or copy waits for a running migration to finish before its snapshot begins.</summary>
    internal static readonly TimeSpan MigrationWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Waits for a migration that runs without a transaction to finish, and holds the next one off until the handle is
    /// disposed (<see cref="NexuSqlProvider.HoldMigrationsAsync"/>): a snapshot begun meanwhile would hold it half-applied.
    /// </summary>
    /// <exception cref="NexuSqlTimeoutException">A migration still ran after <see cref="MigrationWait"/>; named.</exception>
    /// <param name="database">The database a snapshot is taken of.</param>
    /// <param name="historyTable">The default history table: named for the running script; where the engine's hold cannot cover every history table (a lease lock), it scopes the wait.</param>
    /// <param name="what">"backup" or "copy", for messages.</param>
    /// <param name="notice">Told, when a migration is running now, that the wait is for it (bt37 L2: seconds of silence).</param>
    /// <param name="ct">Cancels the wait.</param>
    internal static async Task<IAsyncDisposable?> HoldMigrationsAsync(NexuSqlDatabase database, string historyTable, string what, Action<string>? notice, CancellationToken ct)
    {
        if (!database.Provider.SupportsMigrationLock) return null;
        try
        {
            // any migrator of the database, whatever its history table (bt38 H2)
            if (notice is not null && await database.Provider.RunningMigratorAsync(database, historyTable, ct).ConfigureAwait(false) is { } holder)
            {
                var running = await LastFailedScriptAsync(database, historyTable, ct).ConfigureAwait(false);
                notice($"waiting for the migration running on the {(what == "copy" ? "source" : "database")} ({(running is null ? "" : running + "; ")}migration lock held by {holder}) " +
                       $"to finish before its schema is read, up to {MigrationWait.TotalSeconds:0} s ...");
            }
            return await database.Provider.HoldMigrationsAsync(database, historyTable, MigrationWait, ct).ConfigureAwait(false);
        }
        catch (NexuSqlTimeoutException e)
        {
            var running = await LastFailedScriptAsync(database, historyTable, ct).ConfigureAwait(false);
            throw new NexuSqlTimeoutException($"The {what} waited {MigrationWait.TotalSeconds:0} s for the migration that is running " +
                $"({(running is null ? "" : running + "; ")}{e.Message.TrimEnd('.')}) to finish, and it still runs: a snapshot begun now would hold it half-applied. " +
                $"Nothing was written. Run the {what} again once the migration has finished.", e.Engine, e.EngineCode, e);
        }
    }

    /// <summary>The script of the newest history row that is not a success (a migration running or failed), or null.</summary>
    private static async Task<string?> LastFailedScriptAsync(NexuSqlDatabase database, string historyTable, CancellationToken ct)
    {
        try
        {
            var rows = await database.QueryAsync($"SELECT script FROM {database.Dialect.QuoteIdentifier(historyTable)} WHERE success = :no ORDER BY installed_rank DESC",
                new { no = false }, ct).ConfigureAwait(false);
            return rows.Count > 0 ? rows[0].Get<string?>("script") : null;
        }
        catch (NexuSqlException)
        {
            return null; // no history table, or not readable: the lock's holder alone is named
        }
    }

    /// <summary>
    /// The migration a snapshot caught half-applied: its newest history row is not a success and a migrator holds the
    /// lock now (or the row has become a success since) — null when there is none, or the row is a real failure.
    /// Backup asks it of the history its snapshot read, copy of its source's (bt39 H7: a migrator the hold could not
    /// wait for, such as one of an older NexuSQL).
    /// </summary>
    /// <param name="database">The database the snapshot is of.</param>
    /// <param name="migrations">The history as the snapshot read it (<see cref="MigrationsAsync"/>).</param>
    /// <param name="historyTable">The history table.</param>
    /// <param name="ct">Cancels the check.</param>
    internal static async Task<string?> RunningMigrationAsync(NexuSqlDatabase database, IReadOnlyList<BackupMigration> migrations, string historyTable, CancellationToken ct)
    {
        if (migrations.Count == 0 || migrations[^1] is not { Success: false } last || !database.Provider.SupportsMigrationLock) return null;
        var name = last.Version is { } v ? $"V{v} ({last.Description})" : last.Description;
        try
        {
            if (await database.Provider.MigrationLockHolderAsync(database, historyTable, ct).ConfigureAwait(false) is not null) return name;
        }
        catch (NexuSqlException)
        {
            // who holds the lock is not readable: the history row decides
        }
        var rows = await database.QueryAsync($"SELECT success FROM {database.Dialect.QuoteIdentifier(historyTable)} ORDER BY installed_rank", cancellationToken: ct).ConfigureAwait(false);
        return rows.Count != migrations.Count || rows[^1].Get<bool>("success") ? name : null;
    }

    /// <summary>
    /// Warnings for the migrations a backup holds as failed (a history row with success false, which no migrator was
    /// running when the snapshot began): restored as they are, so the restored database needs the same repair.
    /// </summary>
    /// <param name="manifest">The backup's manifest.</param>
    public static IReadOnlyList<string> MigrationWarnings(BackupManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return FailedMigrationWarnings(manifest.Migrations, "the backup", "database backed up", "A database restored from it");
    }

    /// <summary>
    /// One warning per failed migration of <paramref name="migrations"/> that <paramref name="holder"/> ("the backup",
    /// "the copy") carries: its history row goes along as it is, so the database made from it needs the same repair (a
    /// copy said nothing of it: bt40 N-L1).
    /// </summary>
    internal static IReadOnlyList<string> FailedMigrationWarnings(IEnumerable<BackupMigration> migrations, string holder, string origin, string made) =>
        [.. migrations.Where(m => !m.Success).Select(m =>
            $"{holder} holds failed migration {(m.Version is { } v ? $"V{v} ({m.Description})" : m.Description)}: its history row says it failed part-way, as in the " +
            $"{origin}. {made} needs the same fix: check what the migration changed, fix it by hand, then 'nexusql migrate repair --yes'")];

    /// <summary>
    /// What the consistent snapshot of a backup or copy of <paramref name="schema"/>'s tables on an engine of
    /// <paramref name="dialect"/> does not cover, one warning naming each such table and its storage engine (MariaDB/MySQL
    /// MyISAM, Aria, MEMORY: no transactions, so each is read at its own moment and rows written to it meanwhile may
    /// not match the other tables — break test 31 B12); empty when the snapshot covers every table.
    /// </summary>
    public static IReadOnlyList<string> SnapshotWarnings(Dialects.SqlDialect dialect, SchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(schema);
        var outside = schema.Tables.Where(dialect.CarriesRowsOf).Select(t => (Table: t, Engine: dialect.OutsideSnapshotEngine(t))).Where(x => x.Engine is not null).ToList();
        if (outside.Count == 0) return [];
        var one = outside.Count == 1;
        return [$"{(one ? "table" : "tables")} {string.Join(", ", outside.Select(x => $"{x.Table.QualifiedName} ({x.Engine})"))} {(one ? "is" : "are")} not transactional: " +
                $"read outside the consistent snapshot, {(one ? "at the moment it is read" : "each at its own moment")}, so rows written to {(one ? "it" : "them")} meanwhile " +
                $"may not match the other tables. Back up or copy when nothing writes to {(one ? "it" : "them")}, or convert {(one ? "it" : "them")} to InnoDB " +
                $"(ALTER TABLE {dialect.QuoteName(outside[0].Table.Schema, outside[0].Table.Name)} ENGINE=InnoDB)."];
    }

    /// <summary>How often a backup or copy starts over when the schema changed under it.</summary>
    internal const int SnapshotAttempts = 3;

    /// <remarks>
    /// The catalog read waits for writers like any read; SQLite in rollback-journal mode can report "database is
    /// locked" to it while writers keep committing: such a transient failure is tried again (3 times in all).
    /// </remarks>
    private static async Task<SchemaModel> SchemaAsync(NexuSqlDatabase database, BackupOptions options, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var schema = await ReadAsync(database, options.Schemas, ct).ConfigureAwait(false);
                await TransferMarker.RefuseIncompleteSourceAsync(database, "back up", ct).ConfigureAwait(false);
                var selected = Select(schema.WithoutTables([Audit.AuditLog.Table]), options.Tables);
                // as copy and restore do: a file holding both "Users" and users could be restored nowhere (break test 24 B12)
                SchemaScript.RefuseCaseClashes(selected);
                SchemaScript.RefuseUnnamedColumns(selected);
                TableSelection.RefuseContentByImplicitRowid(selected);
                await RefuseUnreadableAsync(database, selected.Tables, "written", ct).ConfigureAwait(false);
                TableSelection.RefuseChildrenInOtherSchemas(selected);
                return selected;
            }
            catch (NexuSqlTransientException) when (attempt < SnapshotAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Refuses, before anything is read or written, tables the user cannot read whole (<see cref="NexuSqlProvider.UnreadableTablesAsync"/>):
    /// a raw "permission denied" (PostgreSQL 42501) half-way through a copy, after the target was marked, with advice to
    /// --resume that fails the same way (bt35 M2).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Names each table, why it cannot be read and what helps.</exception>
    internal static async Task RefuseUnreadableAsync(NexuSqlDatabase database, IReadOnlyList<TableModel> tables, string what, CancellationToken ct)
    {
        if (tables.Count == 0 || await database.Provider.UnreadableTablesAsync(database, tables, ct).ConfigureAwait(false) is not { Count: > 0 } unreadable) return;
        throw new NexuSqlRefusedException($"The user cannot read these tables of {database.Url?.Redacted ?? "the database"} whole: {string.Join("; ", unreadable)}. Nothing was {what}: " +
            "give the user what is missing, or connect as a user who can read every row (or leave those tables out with --tables).");
    }

    /// <summary>
    /// The schema a backup or copy moves: every non-system schema's tables and views (PostgreSQL; the others have one),
    /// or only those of <paramref name="schemas"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A name in <paramref name="schemas"/> is not a schema with tables or views, or the engine has no schemas.</exception>
    internal static async Task<SchemaModel> ReadAsync(NexuSqlDatabase database, IReadOnlyList<string>? schemas, CancellationToken ct)
    {
        var schema = await database.Provider.ReadSchemaAsync(database, allSchemas: true, ct).ConfigureAwait(false);
        if (schemas is not { Count: > 0 }) return schema;
        if (!database.Dialect.Capabilities.Schemas)
            throw new ArgumentException($"A {database.Engine.DisplayName()} database has no schemas inside it; leave out the schema list.", nameof(schemas));
        return schema.InSchemas(schemas);
    }

    /// <summary>
    /// One snapshot written to a sealed, checked <c>.partial</c> file; null when a table changed under the snapshot.
    /// <c>snapshotBegun</c> is called once the snapshot began and its tables are locked (it releases the migrations held off).
    /// </summary>
    private static async Task<(BackupManifest Manifest, string Partial)?> CreateOnceAsync(NexuSqlDatabase database, SchemaModel schema, string path,
        BackupOptions options, Func<Task> snapshotBegun, CancellationToken cancellationToken)
    {
        var d = database.Dialect;
        // unique per run: a partial file left by a killed backup never blocks or mixes with the next one
        var partial = $"{path}.{Guid.NewGuid().ToString("N")[..8]}.partial";
        BackupManifest manifest;
        try
        {
            await using (var session = await database.OpenSessionAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var sql in database.DataSessionSql) await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
                // on this very session: with several hosts in the URL, it may have reached another node than the schema read
                await database.Provider.CatchUpAsync(session, cancellationToken).ConfigureAwait(false);
                foreach (var sql in d.BeginSnapshotSql) await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
                try
                {
                    await LockForReadAsync(session, schema.Tables, "backup", cancellationToken).ConfigureAwait(false);
                    await snapshotBegun().ConfigureAwait(false);
                    manifest = await WriteAsync(database, session, schema, partial, options, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await EndAsync(session, d).ConfigureAwait(false);
                }
            }
            // read back from disk: the whole-file checksum and the manifest (backup verify also decodes every row)
            using (BackupArchive.OpenChecked(partial, checkSeal: true)) { }
            return (manifest, partial);
        }
        catch (NexuSqlException e) when (d.IsSchemaChangedUnderSnapshot(e))
        {
            TryDelete(partial);
            return null;
        }
        catch (IOException e) when (NexuSqlStorageFullException.IsDiskFull(e))
        {
            // the raw "No space left on device : '/b/x.nxb.1a2b3c4d.partial'" named a file that is gone, and no way on (break test 29 M13)
            TryDelete(partial);
            throw new NexuSqlStorageFullException($"Cannot write the backup to {Path.GetFullPath(path)}: the disk is full ({e.Message.Split(" : ", 2)[0].TrimEnd('.')}). " +
                "Free space there, or choose another folder (-o).", innerException: e);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
    }

    /// <summary>How long <see cref="LockForReadAsync"/> tries again while another session holds a lock on a table to read.</summary>
    internal static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After the snapshot began: the tables to read locked against changes of their definition
    /// (<see cref="Dialects.SqlDialect.LockForReadSql"/>), all at once or none: the lock does not wait (NOWAIT), and
    /// when a table is locked by another session (a migration altering it) the snapshot is ended, which releases the
    /// locks already taken, and begun again after a pause. A reader that held one table while it waited for another
    /// deadlocked a migration that altered the second and then the first, and PostgreSQL ended the migration (break
    /// test 32 F8); this way the migration never waits for the reader, which waits for it.
    /// </summary>
    /// <exception cref="NexuSqlTimeoutException">A table stayed locked by another session for <see cref="LockWait"/>.</exception>
    internal static async Task LockForReadAsync(NexuSqlConnection session, IReadOnlyList<TableModel> tables, string what, CancellationToken ct)
    {
        var d = session.Database.Dialect;
        if (d.LockForReadSql(tables) is not { } sql) return;
        var clock = Stopwatch.StartNew();
        for (var pause = 50; ; pause = Math.Min(pause * 2, 1000))
        {
            try
            {
                await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
                return;
            }
            catch (NexuSqlTimeoutException e)
            {
                if (clock.Elapsed >= LockWait)
                    throw new NexuSqlTimeoutException($"The {what} could not lock the source's tables for reading: another session held a lock on one of them " +
                        $"(a migration or a long transaction altering it?) for {LockWait.TotalSeconds:0} s. Run the {what} again once it has finished.",
                        e.Engine, e.EngineCode, e);
            }
            await session.ExecuteRawAsync("ROLLBACK", ct).ConfigureAwait(false);
            await Task.Delay(pause, ct).ConfigureAwait(false);
            foreach (var begin in d.BeginSnapshotSql) await session.ExecuteRawAsync(begin, ct).ConfigureAwait(false);
        }
    }

    internal static async Task EndAsync(NexuSqlConnection session, Dialects.SqlDialect d)
    {
        await session.RestoreSessionAsync(["COMMIT", .. session.Database.DataSessionEndSql]).ConfigureAwait(false);
    }

    private static async Task<BackupManifest> WriteAsync(NexuSqlDatabase database, NexuSqlConnection session, SchemaModel schema, string partial,
        BackupOptions options, CancellationToken ct)
    {
        var d = database.Dialect;
        var tables = new List<BackupTable>();
        FileStream Create()
        {
            try
            {
                return new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            }
            catch (Exception e) when (e is IOException io and not PathTooLongException && !NexuSqlStorageFullException.IsDiskFull(io) || e is UnauthorizedAccessException)
            {
                // /proc/x.nxb: "Could not find file '/proc/x.nxb.1a2b3c4d.partial'" names neither the file asked for nor the
                // cause (the folder is there, it takes no new files): the cause in words, not .NET's text of the .partial name
                var wanted = Path.GetFullPath(partial[..^".12345678.partial".Length]);
                var why = e switch
                {
                    UnauthorizedAccessException => "permission denied",
                    FileNotFoundException or DirectoryNotFoundException => $"no file can be created in {Path.GetDirectoryName(wanted)}",
                    _ => e.Message.Split(" : ", 2)[0].Replace(partial, wanted, StringComparison.Ordinal).TrimEnd('.'),
                };
                throw new IOException($"Cannot write the backup to {wanted}: {why}. Choose a folder you can write files in (-o); nothing was written.", e);
            }
        }
        await using (var file = Create())
        {
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                var index = 0;
                // a table whose rows cannot be read back (a SQLite contentless full-text table) is restored empty, named under left out
                foreach (var table in schema.Tables.Where(d.CarriesRowsOf))
                {
                    var entryName = $"tables/{++index:D4}.rows";
                    var entry = zip.CreateEntry(entryName, options.Compression);
                    await using var entryStream = entry.Open();
                    await using var pipe = new BackgroundWriteStream(entryStream, ct);
                    await using var writer = new BinaryWriter(pipe, Encoding.UTF8, leaveOpen: true);
                    var types = table.Columns.Select(c => c.Type).ToArray();
                    var hasher = new TableHasher(types);
                    var clock = Stopwatch.StartNew();
                    var once = hasher.SharesBackupEncoding;
                    long? estimate = options.EstimatedRows?.TryGetValue(table.QualifiedName, out var e) == true ? e : null;
                    options.Progress?.Invoke(new TableProgress(table.QualifiedName, 0, estimate, TimeSpan.Zero, false));
                    var count = await TableReader.ReadAsync(session, null, table, row =>
                    {
                        if (once) hasher.AddAndWrite(row, pipe); // encoded once, for the hash and the file
                        else
                        {
                            for (var i = 0; i < row.Length; i++)
                            {
                                if (types[i].Kind == PortableType.Decimal && row[i] is string exact) RowCodec.WriteDecimal(writer, exact);
                                else RowCodec.Write(writer, row[i]);
                            }
                            hasher.Add(row);
                        }
                        if (hasher.Count % 50_000 == 0) options.Progress?.Invoke(new TableProgress(table.QualifiedName, hasher.Count, estimate, clock.Elapsed, false));
                    }, ct).ConfigureAwait(false);
                    writer.Write(RowCodec.EndTag);
                    writer.Write7BitEncodedInt64(count);
                    writer.Flush();
                    await pipe.CompleteAsync().ConfigureAwait(false);
                    tables.Add(new BackupTable(table.Name, entryName, count, hasher.Hash) { Schema = table.Schema });
                    options.Progress?.Invoke(new TableProgress(table.QualifiedName, count, count, clock.Elapsed, true));
                }
                // data outside the tables (PostgreSQL large objects), inside the same snapshot; like pg_dump, only
                // when the whole database is backed up (--tables and --schemas choose part of it)
                var outside = new List<BackupOutsideContent>();
                var leftOut = schema.LeftOut;
                if (database.Provider.OutsideContent is { } content && options.Tables is not { Count: > 0 } && options.Schemas is not { Count: > 0 })
                {
                    leftOut = OutsideContentTransfer.WithoutLeftOut(leftOut, content.Kind);
                    if (await OutsideAsync(zip, session, content, $"outside/{outside.Count + 1:D4}.bin", options.Compression, ct).ConfigureAwait(false) is { } written)
                        outside.Add(written);
                }
                var manifest = new BackupManifest
                {
                    CreatedAt = DateTimeOffset.UtcNow,
                    NexuSqlVersion = typeof(BackupCreator).Assembly.GetName().Version?.ToString() ?? "",
                    Engine = database.Engine,
                    ServerVersion = await session.ExecuteScalarAsync<string>(d.ServerVersionSql, cancellationToken: ct).ConfigureAwait(false) ?? "",
                    Database = database.Url?.Database is { } db ? System.IO.Path.GetFileName(db) : null,
                    Location = database.Url is not { } url ? null
                        : url.FilePath is { } path ? System.IO.Path.GetFullPath(path)
                        : url.Hosts.Count > 0 ? string.Join(",", url.Hosts.Select(h => h.Port is { } port ? $"{h.Name}:{port}" : h.Name)) : null,
                    CurrentSchema = schema.CurrentSchema,
                    Schema = schema,
                    LeftOut = leftOut,
                    Migrations = await MigrationsAsync(session, schema, options.HistoryTable, d, ct).ConfigureAwait(false),
                    Tables = tables,
                    Sequences = await SequencesAsync(session, schema, d, ct).ConfigureAwait(false),
                    OutsideContent = outside,
                    NotValidBreaks = await Copy.NotValidConstraintCheck.FindAsync(session, schema, ct).ConfigureAwait(false),
                };
                var json = Encoding.UTF8.GetBytes(manifest.ToJson());
                await WriteEntryAsync(zip, BackupArchive.ManifestEntry, json, ct).ConfigureAwait(false);
                await WriteEntryAsync(zip, BackupArchive.ManifestHashEntry, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(json))), ct).ConfigureAwait(false);
                zip.Dispose();
                BackupSeal.Seal(file);
                file.Flush(flushToDisk: true);
                return manifest;
            }
        }
    }

    /// <summary>
    /// Writes every item of <paramref name="content"/> the snapshot sees into one entry, and checks what was written
    /// against the database's own count, bytes and hash; null when there is none.
    /// </summary>
    private static async Task<BackupOutsideContent?> OutsideAsync(ZipArchive zip, NexuSqlConnection session, OutsideContent content, string entryName,
        CompressionLevel compression, CancellationToken ct)
    {
        var items = await content.ListAsync(session, ct).ConfigureAwait(false);
        if (items.Count == 0) return null;
        var expected = await content.SummarizeAsync(session, null, ct).ConfigureAwait(false);
        OutsideContentSummary written;
        await using (var stream = zip.CreateEntry(entryName, compression).Open())
            written = await OutsideContentEntry.WriteAsync(stream, session, content, items, ct).ConfigureAwait(false);
        if (written != expected)
            throw new NexuSqlException($"The {content.Kind} read ({content.Describe(written)}) differ from what the database says it holds ({content.Describe(expected)}); " +
                                       "no backup was written. Run the backup again.", session.Database.Engine);
        return new BackupOutsideContent(content.Kind, entryName, written.Count, written.Bytes, written.Hash)
        {
            NotCarried = items.Where(i => i.NotCarried is not null).Select(i => $"{i.Id} ({i.NotCarried})").ToList() is { Count: > 0 } not ? not : null,
        };
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, byte[] content, CancellationToken ct)
    {
        await using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        await stream.WriteAsync(content, ct).ConfigureAwait(false);
    }

    /// <summary>The rows of the history table <paramref name="history"/> as <paramref name="session"/> reads them (in its snapshot); empty when <paramref name="schema"/> has no such table.</summary>
    internal static async Task<IReadOnlyList<BackupMigration>> MigrationsAsync(NexuSqlConnection session, SchemaModel schema, string history,
        Dialects.SqlDialect d, CancellationToken ct)
    {
        if (schema.Table(history) is null) return [];
        var rows = await session.QueryAsync(
            $"SELECT version, description, type, checksum, success FROM {d.QuoteIdentifier(history)} ORDER BY installed_rank", cancellationToken: ct).ConfigureAwait(false);
        return [.. rows.Select(r => new BackupMigration(r.Get<string?>("version"), r.Get<string>("description"), r.Get<string>("type"), r.Get<int?>("checksum"), r.Get<bool>("success")))];
    }

    /// <summary>The next value of every standalone sequence and of every identity column whose engine keeps a position.</summary>
    internal static async Task<IReadOnlyList<BackupSequence>> SequencesAsync(NexuSqlConnection session, SchemaModel schema, Dialects.SqlDialect d, CancellationToken ct)
    {
        var result = new List<BackupSequence>();
        foreach (var q in schema.Sequences)
            if (d.SequenceNextValueSql(q.Name, q.Schema) is { } sql)
                result.Add(new BackupSequence(q.Name, await session.ExecuteScalarAsync<long>(sql, cancellationToken: ct).ConfigureAwait(false)) { Schema = q.Schema });
        // a column drawing its default from a standalone sequence is an identity on another engine
        // (CrossEngineSchema.WithSequenceDefaultsAsIdentities): its position is the sequence's — without it the target's
        // counter went on after the largest id loaded and gave deleted ids again (bt35 H1)
        foreach (var t in schema.Tables)
            foreach (var c in t.Columns)
                if (schema.SequenceOfDefault(c, d) is { } q && result.FirstOrDefault(p => p.Column is null && p.Schema == q.Schema && p.Name == q.Name) is { } position)
                    result.Add(new BackupSequence(t.Name, position.Next, c.Name) { Schema = t.Schema });
        if (d.IdentityPositionsPresentSql is { } present && await session.ExecuteScalarAsync<long>(present, cancellationToken: ct).ConfigureAwait(false) == 0)
            return result;
        foreach (var t in schema.Tables)
            // a column that reuses ids (SQLite's plain INTEGER PRIMARY KEY) keeps no position: it goes on after its largest id
            foreach (var c in t.Columns.Where(c => c.Identity && c.IdentityOptions?.ReusesValues != true))
                // a MySQL BIGINT UNSIGNED counter goes past 9223372036854775807 (bt29 M2): held as decimal, refused by
                // copy and restore into an engine whose counter cannot hold it (SqlDialect.HighestIdentityNextValue). A
                // counter past what the source's own engine can give (SQLite's after 9223372036854775807) is exhausted:
                // left to the target, whose counter follows the largest id loaded (break test 27)
                if (d.IdentityNextValueSql(t.Name, c.Name, t.Schema) is { } sql && await session.ExecuteScalarAsync<decimal?>(sql, cancellationToken: ct).ConfigureAwait(false) is { } next
                    && next <= d.HighestIdentityNextValue)
                    result.Add(new BackupSequence(t.Name, next, c.Name) { Schema = t.Schema });
        return result;
    }

    /// <summary>
    /// <paramref name="tables"/> (<c>--tables</c>) for a target without partitioning: each chosen partitioned table with
    /// its partitions and theirs, whose rows it holds there (<see cref="CrossEngineSchema.WithPartitionsInRoots"/>); chosen
    /// alone, it arrived empty — a <c>restore --tables h --replace</c> emptied the table a full restore had filled
    /// (break test 32 F15, F2). As given where the target has partitioning (pg_dump's <c>-t</c>: the table alone).
    /// </summary>
    internal static IReadOnlyList<string>? WithPartitions(SchemaModel schema, IReadOnlyList<string>? tables, Dialects.SqlDialect target)
    {
        if (tables is not { Count: > 0 } || target.SupportsPartitioning) return tables;
        var all = new List<string>(tables);
        for (var parents = tables.Select(schema.TableNamed).OfType<TableModel>().ToList(); parents.Count > 0;)
        {
            parents = [.. schema.Tables.Where(t => t.PartitionOf is { } of && parents.Any(p => p.Schema == t.Schema && string.Equals(p.Name, of, StringComparison.OrdinalIgnoreCase)))];
            all.AddRange(parents.Select(p => p.QualifiedName));
        }
        return [.. all.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The schema restricted to <paramref name="tables"/>; views only when every table is kept.</summary>
    /// <param name="schema">The whole schema.</param>
    /// <param name="tables">The tables chosen; null or empty for all.</param>
    /// <param name="present">Tables that exist where the selection goes (a restore that replaces some tables): foreign
    /// keys to them are kept, not left out.</param>
    internal static SchemaModel Select(SchemaModel schema, IReadOnlyList<string>? tables, Func<string, bool>? present = null)
    {
        TableSelection.RefuseUnreadable(schema, tables);
        if (tables is null || tables.Count == 0) return schema;
        // by qualified name: sales.t for a table of another schema, t for the current schema's
        var keep = schema.TablesNamed(tables, nameof(tables)).Select(t => t.QualifiedName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kept = schema.Tables.Where(t => keep.Contains(t.QualifiedName)).ToList();
        bool Referable(string table) => keep.Contains(table) || present?.Invoke(table) == true;
        // SQLite virtual tables over another table's rows or index go with it (break test 24 B21, B8)
        TableSelection.RefuseContentLeftOut(kept, keep);
        var selectionNotes = new List<string>();
        TableSelection.RefuseOrphanIndexReaders(kept, Referable);
        // enum types the chosen tables' columns (or the routines, which are all kept) use: another engine refuses
        // enum types, so one the selection does not need must not stop the move
        var used = kept.SelectMany(t => t.Columns).Where(c => c.Type.Kind == PortableType.Native).Select(c => UserTypes.Element(c.Type.Native!))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var enums = schema.Enums?.Where(e => used.Contains(e.QualifiedName) || (schema.Routines ?? []).Any(r => r.Sql.Contains(e.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        // composite types likewise, with the composites a kept one is made of: one no chosen table uses was named as "not
        // recreated" by a copy --tables that never needed it (break test 27 K13)
        var composites = schema.Composites?.Where(c => used.Contains(c.QualifiedName) || (schema.Routines ?? []).Any(r => r.Sql.Contains(c.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        while (composites is not null && schema.Composites!.Where(c => !composites.Contains(c)
            && composites.Any(k => k.Attributes.Any(a => string.Equals(UserTypes.Element(a.Type), c.QualifiedName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(UserTypes.Element(a.Type), c.Name, StringComparison.OrdinalIgnoreCase)))).ToList() is { Count: > 0 } more)
            composites.AddRange(more);
        // what the selection cannot carry is named, like everything else left out: a foreign key to a table left out,
        // and views (a view may read any table; they are kept only when every table is)
        var everyTable = kept.Count == schema.Tables.Count;
        // a partition or child whose parent is left out is a table of its own; a partitioned table whose partitions are
        // left out keeps none of their rows (its own rows are only theirs): both named
        var parentsLeftOut = kept.Where(t => t.Parents.Any(p => !Referable(SchemaModel.Qualify(t.Schema, p)))).Select(t => t.PartitionOf is { } of
            ? $"table {t.Name} (a partition of {of}, which --tables leaves out: recreated as a table of its own)"
            : $"table {t.Name} (INHERITS {string.Join(", ", t.Parents)}; --tables leaves out {string.Join(", ", t.Parents.Where(p => !Referable(p)))}: recreated as a table of its own)").ToList();
        var partitionsLeftOut = kept.Where(t => t.PartitionBy is not null)
            .Select(t => (Name: t.QualifiedName, Left: schema.Tables.Where(p => p.Schema == t.Schema && string.Equals(p.PartitionOf, t.Name, StringComparison.OrdinalIgnoreCase)
                && !Referable(p.QualifiedName)).Select(p => p.QualifiedName).ToList()))
            .Where(x => x.Left.Count > 0)
            .Select(x => $"table {x.Name} (partitioned: its partitions {string.Join(", ", x.Left)} are left out by --tables, and the rows they hold with them)");
        kept = [.. kept.Select(t => t.Parents.All(p => Referable(SchemaModel.Qualify(t.Schema, p))) ? t : t.WithoutParents())];
        // a column default that draws from the serial sequence of a table left out (PostgreSQL DEFAULT nextval('log_id_seq'),
        // log.id a serial): that sequence is created with its table only, so the column is created without the default, named
        var sequenceLeftOut = kept.SelectMany(t => t.Columns.Select(c => (Table: t, Column: c,
                Owner: schema.Tables.FirstOrDefault(o => !Referable(o.QualifiedName) && SchemaScript.DrawsFromSequenceOf(c, o)))))
            .Where(x => x.Owner is not null).ToList();
        kept = [.. kept.Select(t => sequenceLeftOut.Any(x => x.Table == t)
            ? t with { Columns = [.. t.Columns.Select(c => sequenceLeftOut.Any(x => x.Table == t && x.Column == c) ? c with { Default = null } : c)] } : t)];
        // triggers whose body names a table left out would fail each time they fire (break test 24 B34)
        var triggers = TableSelection.WithoutTriggersIntoLeftOut(schema.Triggers?.Where(t => keep.Contains(t.QualifiedTable)
            || everyTable && schema.Views.Any(v => string.Equals(v.QualifiedName, t.QualifiedTable, StringComparison.OrdinalIgnoreCase))) ?? [],
            schema.Tables, Referable, selectionNotes);
        // standalone sequences go with the tables whose defaults, or the routines and triggers that go along, draw from
        // them; the others are no table's (verify leaves them out with --tables too): a copy --data-only --tables t failed
        // after writing t on a sequence the target did not have (break test 27 K3)
        bool Mentions(string? sql, SequenceModel q) => sql is not null && sql.Contains(q.Name, StringComparison.OrdinalIgnoreCase);
        var sequences = schema.Sequences.Where(q => kept.Any(t => t.Columns.Any(c => Mentions(c.Default, q) || Mentions(c.Generated?.Expression, q)))
            || (schema.Routines ?? []).Any(r => Mentions(r.Sql, q)) || triggers.Any(t => Mentions(t.Sql, q))).ToList();
        var leftOut = schema.LeftOut.Concat(selectionNotes).Concat(parentsLeftOut).Concat(partitionsLeftOut)
            .Concat(schema.Sequences.Except(sequences).Select(q => $"sequence {q.QualifiedName} (no table --tables keeps draws from it: left out)"))
            .Concat(sequenceLeftOut.Select(x => $"default {x.Column.Default} of column {x.Table.QualifiedName}.{x.Column.Name} (the sequence of {x.Owner!.QualifiedName}, " +
                "which --tables leaves out: created without the default)"))
            .Concat(kept.SelectMany(t => t.ForeignKeys.Where(f => !Referable(f.QualifiedReferencedTable)).Select(f =>
                $"foreign key {f.Name ?? "(unnamed)"} on {t.QualifiedName} ({string.Join(", ", f.Columns)}) references {f.QualifiedReferencedTable}, which --tables leaves out")))
            .Concat(everyTable ? [] : schema.Views.Select(v => $"{v.Kind} {v.QualifiedName} (--tables leaves tables out; views are kept only when every table is)"))
            .ToList();
        return new SchemaModel([.. kept.Select(t => t with
        {
            ForeignKeys = [.. t.ForeignKeys.Where(f => Referable(f.QualifiedReferencedTable))],
        })])
        {
            Views = everyTable ? schema.Views : [],
            Sequences = sequences, Enums = enums is { Count: > 0 } ? enums : null, Domains = schema.Domains, Composites = everyTable ? schema.Composites : composites is { Count: > 0 } ? composites : null, Ranges = schema.Ranges, Collations = schema.Collations, Routines = schema.Routines, LeftOut = leftOut, DefaultCollation = schema.DefaultCollation,
            // the database's own settings (SQLite user_version) go with the whole database only
            Settings = everyTable ? schema.Settings : null,
            CurrentSchema = schema.CurrentSchema,
            // triggers and rules of a view (INSTEAD OF, ON INSERT DO INSTEAD) go where the view goes
            Triggers = triggers.Count > 0 ? triggers : null,
            Policies = schema.Policies?.Where(p => keep.Contains(p.QualifiedTable)).ToList() is { Count: > 0 } policies ? policies : null,
        };
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
