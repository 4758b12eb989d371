using System.Diagnostics;

namespace NexuSql.Migrations;

/// <summary>
/// Applies, inspects, validates, undoes and repairs Flyway-style migrations on one database. Every command that
/// changes something holds the engine's migration lock, so any number of processes may run it at once: each
/// migration is applied exactly once.
/// </summary>
/// <remarks>
/// Where DDL is transactional (PostgreSQL, SQLite, SQL Server) each migration and its history row commit together:
/// a failure rolls back and records nothing. Where it is not (MySQL/MariaDB), or when a script holds a statement the
/// engine refuses inside a transaction (<c>CREATE INDEX CONCURRENTLY</c>, <c>VACUUM</c>, ...) or starts with
/// <c>-- nexusql:no-transaction</c>, statements run one by one and a failure is recorded with the statement reached;
/// the next migrate refuses until <see cref="RepairAsync"/>.
/// </remarks>
public sealed class Migrator
{
    /// <summary>The first-line marker that makes a script run without a transaction.</summary>
    public const string NoTransactionMarker = "-- nexusql:no-transaction";

    private readonly NexuSqlDatabase _db;
    private readonly MigrationOptions _options;
    private readonly MigrationHistory _history;

    /// <summary>Creates a migrator.</summary>
    /// <exception cref="ArgumentException">The history table's name, with <c>_lock</c> added, is longer than the engine keeps.</exception>
    public Migrator(NexuSqlDatabase database, MigrationOptions? options = null)
    {
        _db = database ?? throw new ArgumentNullException(nameof(database));
        _options = options ?? new MigrationOptions();
        _schema = string.IsNullOrEmpty(_options.DefaultSchema) ? _options.Schemas.FirstOrDefault(s => s.Length > 0) : _options.DefaultSchema;
        // the lease lock's table is the history table's name plus "_lock": a name the engine would cut short would
        // make the two one table (PostgreSQL cuts silently at 63 bytes)
        var d = database.Dialect;
        if (d.IdentifierLength(_options.HistoryTable + "_lock") > d.MaxIdentifierLength)
        {
            var unit = d.IdentifierLengthInBytes ? "bytes" : "characters";
            throw new ArgumentException(
                $"The history table name '{_options.HistoryTable}' is too long for {database.Engine.DisplayName()}: NexuSQL also makes '{_options.HistoryTable}_lock', " +
                $"and {database.Engine.DisplayName()} keeps at most {d.MaxIdentifierLength} {unit} of a name. Use a name of at most {d.MaxIdentifierLength - 5} {unit}.",
                nameof(options));
        }
        _history = new MigrationHistory(database, _options.HistoryTable, _schema);
        _logger = _options.Logger ?? database.Options.LoggerFactory?.CreateLogger(typeof(Migrator).FullName!);
    }

    private readonly Microsoft.Extensions.Logging.ILogger? _logger;

    /// <summary>The default schema (Flyway's <c>defaultSchema</c>, else the first of <c>schemas</c>); null: the connection's own.</summary>
    private readonly string? _schema;

    /// <summary>The schemas found missing just before the lock was taken (see <see cref="LockAsync"/>).</summary>
    private List<string> _missingBeforeLock = [];

    private void Log(string message)
    {
        _options.Log?.Invoke(message);
        LogResult(message);
    }

    /// <summary>
    /// A line that is also the command's result (what repair changed, the baseline written): to the logger only, not to
    /// the <see cref="MigrationOptions.Log"/> progress callback, whose caller gets the result itself (the CLI printed
    /// "Baselined at version 2." twice).
    /// </summary>
    private void LogResult(string message)
    {
        if (_logger is not null) Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(_logger, "{Progress}", message);
    }

    /// <summary>Who the history says installed a script: the database user, as Flyway records it (else the OS user: SQLite has none).</summary>
    private string InstalledBy => _options.InstalledBy ?? (_db.Url?.UserName is { Length: > 0 } user ? user : Environment.UserName);

    /// <summary>Loads the scripts (checking names and duplicates).</summary>
    /// <exception cref="NotSupportedException">Schemas were given for an engine without them (SQLite, SQL Server).</exception>
    public MigrationSet LoadScripts()
    {
        if (_schema is not null && _db.Dialect.UseSchemaSql(_schema, untilTransactionEnds: false) is null)
            throw new NotSupportedException(
                $"{_db.Engine} has no schema NexuSQL can switch to: remove the migration setting schemas/defaultSchema ('{_schema}').");
        return MigrationSet.Load(_options.EffectiveSources);
    }

    /// <summary>Every script and history entry with its state.</summary>
    /// <remarks>Runs the <c>beforeInfo</c>, <c>afterInfo</c> and <c>afterInfoError</c> callbacks.</remarks>
    public async Task<IReadOnlyList<MigrationInfo>> InfoAsync(CancellationToken cancellationToken = default)
    {
        var set = LoadScripts();
        return await AroundAsync(set, "Info", async () =>
        {
            return BuildInfo(set, await ReadStateAsync(cancellationToken).ConfigureAwait(false));
        }, failed: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The problems that would stop a migrate: edited, missing or failed migrations, and out-of-order pending ones.</summary>
    /// <remarks>Runs the <c>beforeValidate</c> callbacks, then <c>afterValidate</c>, or <c>afterValidateError</c> when a problem was found.</remarks>
    public async Task<IReadOnlyList<string>> ValidateAsync(CancellationToken cancellationToken = default)
    {
        var set = LoadScripts();
        return await AroundAsync(set, "Validate", async () =>
        {
            return (IReadOnlyList<string>)Validate(set, await ReadStateAsync(cancellationToken).ConfigureAwait(false));
        }, failed: problems => problems.Count > 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The history, for info and validate (which take no lock). When its last row is a failed one and another process
    /// holds the migration lock, that row is a migration running without a transaction right now, not a failure.
    /// </summary>
    private async Task<HistoryState> ReadStateAsync(CancellationToken ct)
    {
        var state = new HistoryState(await _history.ReadAsync(ct).ConfigureAwait(false));
        if (state.LastRow is not { Success: false } last || !_db.Provider.SupportsMigrationLock) return state;
        try
        {
            if (await _db.Provider.MigrationLockHolderAsync(_db, LockScope, ct).ConfigureAwait(false) is { } holder)
                state.Running = (last.InstalledRank, holder);
        }
        catch (NexuSqlException)
        {
            // who holds the lock is not readable here (privileges, a node refusing): the row is reported as it reads
        }
        return state;
    }

    /// <summary>
    /// Runs <paramref name="body"/> between the <c>before&lt;command&gt;</c> and <c>after&lt;command&gt;</c> callbacks;
    /// <c>after&lt;command&gt;Error</c> instead when it throws or <paramref name="failed"/> says so (Flyway's order).
    /// </summary>
    private async Task<T> AroundAsync<T>(MigrationSet set, string command, Func<Task<T>> body, Func<T, bool>? failed, CancellationToken ct)
    {
        var done = new List<PlannedStatement>();
        await CallbacksAsync(set, "before" + command, done, ct).ConfigureAwait(false);
        T result;
        try
        {
            result = await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NexuSqlException or InvalidOperationException && e is not NexuSqlMigrationScriptException { IsCallback: true })
        {
            await CallbacksAsync(set, $"after{command}Error", done, ct).ConfigureAwait(false);
            throw;
        }
        await CallbacksAsync(set, failed?.Invoke(result) == true ? $"after{command}Error" : "after" + command, done, ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>Applies pending migrations (to <see cref="MigrationOptions.Target"/> or the latest), then changed repeatable ones.</summary>
    /// <param name="dryRun">Plan only: list every statement that would run, history writes included, and change nothing.</param>
    /// <param name="cancellationToken">Cancels between statements.</param>
    /// <exception cref="NexuSqlMigrationValidationException">Validation found problems; nothing ran.</exception>
    /// <exception cref="NexuSqlMigrationScriptException">A statement failed; says which, and what state the database is in.</exception>
    /// <exception cref="NexuSqlTimeoutException">Another migrator held the lock for longer than <see cref="MigrationOptions.LockTimeout"/>.</exception>
    /// <exception cref="NexuSqlRefusedException">The database takes no writes (a hot standby, sessions that begin read-only), or holds an unfinished copy's marker; nothing ran.</exception>
    public async Task<MigrationResult> MigrateAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var set = LoadScripts(); // bad names and duplicates fail before anything touches the database
        if (dryRun) return await PlanAsync(set, cancellationToken).ConfigureAwait(false) with { Elapsed = clock.Elapsed };
        await using var held = await LockAsync(cancellationToken, createsSchemas: true).ConfigureAwait(false);
        await RefuseUnfinishedTransferAsync(cancellationToken).ConfigureAwait(false);
        // a hot standby, or sessions that begin read-only: refused by name (bt42: a raw 25006 on the first CREATE TABLE,
        // then "run 'migrate' again to continue", which cannot help)
        await Backup.RoutineTransfer.RefuseReadOnlyAsync(_db, cancellationToken).ConfigureAwait(false);
        await EnsureSchemasAndHistoryAsync(set, cancellationToken).ConfigureAwait(false);
        var rows = await _history.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (rows.All(r => r.Type == MigrationHistory.Schema) && _options.BaselineOnMigrate && await HasOtherTablesAsync(cancellationToken).ConfigureAwait(false))
        {
            await _history.InsertAsync(_db, BaselineOnMigrateRow(), cancellationToken).ConfigureAwait(false);
            Log($"The database has tables but no migration history: baselined at version {_options.BaselineVersion} (baselineOnMigrate).");
            rows = await _history.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        var state = new HistoryState(rows);
        var problems = Validate(set, state);
        if (_options.ValidateOnMigrate && problems.Count > 0) throw new NexuSqlMigrationValidationException(problems);
        var plan = Plan(set, state);
        await ReadBuiltInsAsync([.. plan, .. set.Callbacks], ct: cancellationToken).ConfigureAwait(false);
        var statements = new List<PlannedStatement>();
        await CallbacksAsync(set, "beforeMigrate", statements, cancellationToken).ConfigureAwait(false);
        if (plan.Count == 0) Log($"Schema is up to date{(state.LatestVersion is { } v ? $" at version {v}" : "")}.");
        var versionedDone = false;
        foreach (var script in plan)
        {
            if (!versionedDone && script.Kind == MigrationKind.Repeatable)
            {
                versionedDone = true;
                await CallbacksAsync(set, "afterVersioned", statements, cancellationToken).ConfigureAwait(false);
            }
            StopIfLeaseLost(held, script);
            await RunWithCallbacksAsync(set, script, MigrationHistory.Sql, statements, cancellationToken).ConfigureAwait(false);
        }
        if (!versionedDone) await CallbacksAsync(set, "afterVersioned", statements, cancellationToken).ConfigureAwait(false);
        await CallbacksAsync(set, "afterMigrate", statements, cancellationToken).ConfigureAwait(false);
        if (plan.Count > 0) await CallbacksAsync(set, "afterMigrateApplied", statements, cancellationToken).ConfigureAwait(false);
        // what the topology cannot handle well (a Galera cluster: tables without a primary key), said while it is fresh
        var warnings = plan.Count > 0 ? await _db.Provider.TopologyWarningsAsync(_db, cancellationToken).ConfigureAwait(false) : [];
        foreach (var warning in warnings) Log("Warning: " + warning);
        return new MigrationResult { Scripts = plan.Select(s => s.Name).ToList(), Statements = statements, Elapsed = clock.Elapsed, Warnings = warnings };
    }

    /// <summary>
    /// A copy or restore that stopped half-way (its marker table) carried the history of one moment and maybe tables of
    /// another, or half of them: "Schema is up to date" would be a guess (bt37 M10). Refused before anything runs.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">The database holds a copy's or a restore's marker table; named.</exception>
    private Task RefuseUnfinishedTransferAsync(CancellationToken ct) =>
        Backup.TransferMarker.RefuseInterruptedAsync(_db,
            $", or of another moment than its migration history ({_options.HistoryTable}), so migrate cannot tell what is applied", "Nothing was run.", ct);

    /// <summary>Reverts the latest applied migrations with their U scripts: <paramref name="steps"/> of them, or all above <paramref name="target"/>.</summary>
    /// <exception cref="InvalidOperationException">An undo script is missing (nothing ran), or nothing is applied.</exception>
    public async Task<MigrationResult> UndoAsync(int steps = 1, MigrationVersion? target = null, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var clock = Stopwatch.StartNew();
        var set = LoadScripts();
        await using var _ = dryRun ? null : await LockAsync(cancellationToken).ConfigureAwait(false);
        var state = new HistoryState(await _history.ReadAsync(cancellationToken).ConfigureAwait(false));
        var applied = state.AppliedVersions.Where(v => state.Latest[v].Type == MigrationHistory.Sql).OrderDescending().ToList();
        var toUndo = target is null ? applied.Take(steps).ToList() : applied.Where(v => v > target).ToList();
        if (toUndo.Count == 0) throw new InvalidOperationException(target is null ? "Nothing to undo: no versioned migration is applied." : $"Nothing to undo above version {target}.");
        var missing = toUndo.Where(v => !set.Undo.ContainsKey(v)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"Cannot undo: no undo script for version{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}. " +
                $"Add U{missing[0]}__<description>.sql next to V{missing[0]}; nothing was undone.");
        var scripts = toUndo.Select(v => set.Undo[v]).ToList();
        await ReadBuiltInsAsync([.. scripts, .. set.Callbacks], cancellationToken).ConfigureAwait(false);
        if (dryRun)
        {
            var planned = DescribeCallbacks(set, "beforeUndo")
                .Concat(scripts.SelectMany((s, i) => DescribeCallbacks(set, "beforeEachUndo")
                    .Concat(Describe(set, s, MigrationHistory.UndoSql, state.MaxRank + 1 + i))
                    .Concat(DescribeCallbacks(set, "afterEachUndo"))))
                .Concat(DescribeCallbacks(set, "afterUndo")).ToList();
            return new MigrationResult { Scripts = scripts.Select(s => s.Name).ToList(), Statements = planned, DryRun = true, Elapsed = clock.Elapsed };
        }
        var statements = new List<PlannedStatement>();
        await CallbacksAsync(set, "beforeUndo", statements, cancellationToken).ConfigureAwait(false);
        foreach (var script in scripts) await RunWithCallbacksAsync(set, script, MigrationHistory.UndoSql, statements, cancellationToken).ConfigureAwait(false);
        await CallbacksAsync(set, "afterUndo", statements, cancellationToken).ConfigureAwait(false);
        return new MigrationResult { Scripts = scripts.Select(s => s.Name).ToList(), Statements = statements, Elapsed = clock.Elapsed };
    }

    /// <summary>
    /// One migration or undo script between its <c>beforeEach…</c> and <c>afterEach…</c> callbacks; when it fails, the
    /// per-script error callback, then the run's, in Flyway's order, and the original failure is what is thrown.
    /// </summary>
    private async Task RunWithCallbacksAsync(MigrationSet set, MigrationScript script, string type, List<PlannedStatement> statements, CancellationToken ct)
    {
        var command = type == MigrationHistory.UndoSql ? "Undo" : "Migrate";
        await CallbacksAsync(set, $"beforeEach{command}", statements, ct).ConfigureAwait(false);
        try
        {
            statements.AddRange(await RunAsync(set, script, type, ct).ConfigureAwait(false));
        }
        catch (NexuSqlMigrationScriptException e) when (!e.IsCallback)
        {
            await CallbacksAsync(set, $"afterEach{command}Error", statements, ct).ConfigureAwait(false);
            await CallbacksAsync(set, $"after{command}Error", statements, ct).ConfigureAwait(false);
            throw;
        }
        await CallbacksAsync(set, $"afterEach{command}", statements, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes failed entries, realigns the checksums of applied scripts with the files, and marks applied versioned
    /// migrations whose script is gone as deleted (a <c>DELETE</c> row, as <c>flyway repair</c> writes since Flyway 9):
    /// they are then neither reported missing nor run again.
    /// </summary>
    /// <remarks>Runs the <c>beforeRepair</c>, <c>afterRepair</c> and <c>afterRepairError</c> callbacks.</remarks>
    /// <returns>What was changed, one line each.</returns>
    public async Task<IReadOnlyList<string>> RepairAsync(CancellationToken cancellationToken = default)
    {
        var set = LoadScripts();
        await using var _ = await LockAsync(cancellationToken).ConfigureAwait(false);
        return await AroundAsync(set, "Repair", () => RepairLockedAsync(set, cancellationToken), failed: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> RepairLockedAsync(MigrationSet set, CancellationToken cancellationToken)
    {
        var rows = await _history.ReadAsync(cancellationToken).ConfigureAwait(false);
        var changes = new List<string>();
        foreach (var failed in rows.Where(r => !r.Success))
            changes.Add($"Removed failed entry {failed.Script} ({(failed.FailedStatement is { } k ? $"failed at statement {k}" : "failed part-way")}).");
        if (changes.Count > 0) await _history.DeleteFailedAsync(cancellationToken).ConfigureAwait(false);
        var byVersion = set.Versioned.ToDictionary(s => s.Version!);
        // what each version is now (the failed rows are gone): an applied version whose last row is an undo is not realigned
        var state = new HistoryState([.. rows.Where(r => r.Success)]);
        foreach (var row in state.Latest.Values.Where(r => r.Type == MigrationHistory.Sql))
        {
            if (byVersion.TryGetValue(row.ParsedVersion!, out var script) && Sum(script) != row.Checksum)
            {
                await _history.UpdateChecksumAsync(row.InstalledRank, Sum(script), cancellationToken).ConfigureAwait(false);
                changes.Add($"Realigned checksum of {row.Script} ({row.Checksum} → {Sum(script)}).");
            }
        }
        foreach (var (version, row) in state.Latest.Where(kv => kv.Value.Type == MigrationHistory.Sql && !byVersion.ContainsKey(kv.Key)))
        {
            await _history.InsertAsync(_db, NewRow(MigrationHistory.Delete, version.Text, row.Description, row.Script, row.Checksum, 0, true, null), cancellationToken).ConfigureAwait(false);
            changes.Add($"Marked {row.Script} (version {version}) as deleted: its script is gone from the sources.");
        }
        foreach (var c in changes) LogResult(c);
        return changes;
    }

    /// <summary>Flyway's baselineOnMigrate: an existing schema with no history is taken as being at BaselineVersion.</summary>
    private AppliedMigration BaselineOnMigrateRow() =>
        NewRow(MigrationHistory.Baseline, _options.BaselineVersion.Text, "<< Flyway Baseline >>", "<< Flyway Baseline >>", null, 0, true, null);

    /// <summary>True when the database holds tables other than NexuSQL's own (history, lock, audit).</summary>
    private async Task<bool> HasOtherTablesAsync(CancellationToken ct)
    {
        if (!_db.Provider.SupportsSchemaReading)
            throw new NotSupportedException($"baselineOnMigrate needs to read the schema, which the {_db.Engine} provider cannot do yet; run 'migrate baseline' instead.");
        var own = new[] { _options.HistoryTable, _options.HistoryTable + "_lock", Audit.AuditLog.Table };
        var tables = _schema is not null
            ? await _db.QueryAsync<string>(_db.Dialect.SchemaTablesSql, new { schema = _schema }, ct).ConfigureAwait(false)
            : (await _db.Provider.ReadSchemaAsync(_db, ct).ConfigureAwait(false)).Tables.Select(t => t.Name).ToList();
        return tables.Any(t => !own.Contains(t, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Marks an existing database as being at <paramref name="version"/>: scripts up to it will never run.</summary>
    /// <exception cref="InvalidOperationException">Migrations are already recorded.</exception>
    public async Task BaselineAsync(MigrationVersion version, string description = "<< Flyway Baseline >>", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var set = LoadScripts();
        await using var _ = await LockAsync(cancellationToken, createsSchemas: true).ConfigureAwait(false);
        await AroundAsync(set, "Baseline", async () =>
        {
            await EnsureSchemasAndHistoryAsync(set, cancellationToken).ConfigureAwait(false);
            var rows = (await _history.ReadAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.Type != MigrationHistory.Schema).ToList();
            if (rows.Count > 0)
                throw new InvalidOperationException($"Cannot baseline: the history table already holds {rows.Count} entr{(rows.Count == 1 ? "y" : "ies")}. Baseline is for a database that has never been migrated.");
            await _history.InsertAsync(_db, NewRow(MigrationHistory.Baseline, version.Text, description, description, null, 0, true, null), cancellationToken).ConfigureAwait(false);
            LogResult($"Baselined at version {version}.");
            return true;
        }, failed: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the missing <see cref="MigrationOptions.Schemas"/> (after the <c>createSchema</c> callbacks) and the
    /// history table; a new history table gets Flyway's <c>SCHEMA</c> row naming the schemas created.
    /// </summary>
    /// <exception cref="InvalidOperationException">A schema is missing and <see cref="MigrationOptions.CreateSchemas"/> is false.</exception>
    private async Task EnsureSchemasAndHistoryAsync(MigrationSet set, CancellationToken ct)
    {
        var missing = await MissingSchemasAsync(ct).ConfigureAwait(false);
        var created = _missingBeforeLock.Union(missing, StringComparer.Ordinal).ToList();
        if (created.Count > 0) await CallbacksAsync(set, "createSchema", [], ct).ConfigureAwait(false);
        foreach (var schema in missing)
        {
            await _db.ExecuteRawAsync(CreateSchemaSql(schema), ct).ConfigureAwait(false);
            Log($"Created schema {schema}."); // one a lease lock made is not announced by each migrator that saw it missing
        }
        if (await _history.ExistsAsync(ct).ConfigureAwait(false)) return;
        await _history.EnsureAsync(ct).ConfigureAwait(false);
        if (created.Count > 0) await _history.InsertAsync(_db, SchemaRow(created), ct).ConfigureAwait(false);
    }

    /// <summary>The schemas of <see cref="MigrationOptions.Schemas"/> (and the default schema) that do not exist.</summary>
    /// <exception cref="InvalidOperationException">Some are missing and <see cref="MigrationOptions.CreateSchemas"/> is false.</exception>
    private async Task<List<string>> MissingSchemasAsync(CancellationToken ct)
    {
        var missing = new List<string>();
        if (_schema is null) return missing;
        foreach (var schema in _options.Schemas.Append(_schema).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal))
            if (await _db.ExecuteScalarAsync<long>(_db.Dialect.SchemaExistsSql, new { schema }, ct).ConfigureAwait(false) == 0) missing.Add(schema);
        if (missing.Count > 0 && !_options.CreateSchemas)
            throw new InvalidOperationException($"Schema {string.Join(", ", missing)} does not exist and createSchemas is off: create it, or turn createSchemas on.");
        return missing;
    }

    private string CreateSchemaSql(string schema) => "CREATE SCHEMA " + _db.Dialect.QuoteIdentifier(schema);

    /// <summary>Flyway's <c>SCHEMA</c> row (Flyway 9+: no version): the schemas it created, quoted as the engine quotes them, comma-separated.</summary>
    private AppliedMigration SchemaRow(List<string> created) =>
        NewRow(MigrationHistory.Schema, null, "<< Flyway Schema Creation >>", string.Join(",", created.Select(_db.Dialect.QuoteIdentifier)), null, 0, true, null);

    /// <summary>
    /// Without <c>--schemas</c> the history table goes in the connection's current schema; a connection whose search path
    /// names only schemas that do not exist (yet) has none. Its lock could not be named after the schema the history will
    /// end up in (another migrator creating that schema meanwhile took another lock, and every version ran twice), and its
    /// CREATE TABLE would fail with 3F000: refuse before the lock.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">The engine has schemas and the connection has no current one.</exception>
    private async Task RefuseWithoutCurrentSchemaAsync(CancellationToken ct)
    {
        if (_schema is not null || _db.Dialect.UseSchemaSql(_options.HistoryTable, untilTransactionEnds: false) is null) return;
        if (await _db.ExecuteScalarAsync<string?>(_db.Dialect.CurrentSchemaSql, cancellationToken: ct).ConfigureAwait(false) is { Length: > 0 }) return;
        throw new NexuSqlRefusedException("The connection has no current schema (none of the schemas its search path names exists), so the " +
            "migration history has no place to go. Create the schema first, or name it with --schemas (migrate creates it).");
    }

    // the migration lock this migrator holds now (the last one taken): a lease is checked between statements
    private IAsyncDisposable? _held;

    /// <summary>
    /// Takes the migration lock. The schemas missing just before are remembered (<see cref="_missingBeforeLock"/>): a
    /// lease lock makes the history table's schema to hold its own table, and the <c>SCHEMA</c> row must still name it.
    /// </summary>
    /// <param name="ct">Cancels the wait.</param>
    /// <param name="createsSchemas">The command creates missing schemas (migrate, baseline): with
    /// <see cref="MigrationOptions.CreateSchemas"/> off, a missing one is refused before the lock could make it.</param>
    private async Task<IAsyncDisposable> LockAsync(CancellationToken ct, bool createsSchemas = false)
    {
        if (!_db.Provider.SupportsMigrationLock)
            throw new NotSupportedException($"{_db.Engine} has no migration lock in NexuSQL yet; migrations are refused rather than run unsafely.");
        _missingBeforeLock = createsSchemas ? await MissingSchemasAsync(ct).ConfigureAwait(false) : [];
        await RefuseWithoutCurrentSchemaAsync(ct).ConfigureAwait(false);
        // One immediate attempt first, so that "waiting" is said only when another migrator really holds the lock.
        try
        {
            return _held = await _db.Provider.AcquireMigrationLockAsync(_db, LockScope, LockSchemas, TimeSpan.Zero, ct).ConfigureAwait(false);
        }
        catch (NexuSqlTimeoutException) when (_options.LockTimeout > TimeSpan.Zero)
        {
            Log($"Another migrator holds the migration lock; waiting up to {_options.LockTimeout.TotalSeconds:0.#} s...");
        }
        return _held = await _db.Provider.AcquireMigrationLockAsync(_db, LockScope, LockSchemas, _options.LockTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A lease lock whose renewals failed for most of its length, or that another migrator took over after it expired,
    /// no longer keeps others out: stop before the next script rather than run it beside another migrator.
    /// </summary>
    /// <exception cref="NexuSqlException">The lease was lost.</exception>
    private static void StopIfLeaseLost(IAsyncDisposable held, MigrationScript next)
    {
        if (held is LeaseMigrationLock { Held: false })
            throw new NexuSqlException(
                $"The migration lock's lease was lost (it could not be renewed, or expired and was taken over) before {next.Name}: stopped so that two " +
                "migrators never run at once. The scripts before it are recorded; run migrate again.");
    }

    /// <summary>
    /// Within a script: a lease that ran out while it ran (the process was paused or cut off from the database for
    /// longer than the lease, so another migrator may have taken over and started the same script) stops it before its
    /// next statement or its history write. Renewals alone found this only after the paused process had run its next
    /// statement beside the new holder's and recorded the script as applied.
    /// </summary>
    /// <exception cref="NexuSqlMigrationScriptException">The lease ran out.</exception>
    private void StopIfLeaseRanOut(MigrationScript script, int ran, int count, bool transactional)
    {
        if (_held is not LeaseMigrationLock { Held: false }) return;
        throw new NexuSqlMigrationScriptException(script.Name, Math.Min(ran + 1, count), count,
            $"The migration lock's lease ran out while {script.Name} ran, after statement {ran} of {count}: this process was paused or cut off " +
            "from the database for longer than the lease, and another migrator may have taken over. Stopped so that two migrators never run " +
            "at once; " + (transactional
                ? "the script was rolled back and nothing was recorded. Run migrate again."
                : "this process wrote nothing to the history since (another migrator or a repair may have changed it). Check what ran " +
                  "('nexusql migrate info' and the database), then repair and migrate again."));
    }

    /// <summary>
    /// What the lock is taken for: the history table, in its schema when one is given. The providers qualify a bare
    /// table with the connection's current schema (or database), so that <c>--schemas app</c> and a URL whose current
    /// schema is <c>app</c> take one lock.
    /// </summary>
    private string LockScope => _schema is null ? _options.HistoryTable : _schema + "." + _options.HistoryTable;

    /// <summary>
    /// The schemas this migrator writes into (the default one and <see cref="MigrationOptions.Schemas"/>; empty: the
    /// connection's own): on MariaDB/MySQL each is a database, whose backup or copy must wait for it (bt39 H7).
    /// </summary>
    private IReadOnlyList<string> LockSchemas => _schema is null ? [] : [.. _options.Schemas.Prepend(_schema).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];

    private async Task<MigrationResult> PlanAsync(MigrationSet set, CancellationToken ct)
    {
        var missing = await MissingSchemasAsync(ct).ConfigureAwait(false);
        var exists = await _history.ExistsAsync(ct).ConfigureAwait(false);
        // what the real run would record first: the schemas it creates, then a baseline
        List<AppliedMigration> rows = exists ? [.. await _history.ReadAsync(ct).ConfigureAwait(false)] : missing.Count > 0 ? [SchemaRow(missing) with { InstalledRank = 1 }] : [];
        AppliedMigration? baseline = null;
        if (rows.All(r => r.Type == MigrationHistory.Schema) && _options.BaselineOnMigrate && await HasOtherTablesAsync(ct).ConfigureAwait(false))
            rows.Add(baseline = BaselineOnMigrateRow() with { InstalledRank = rows.Count + 1 });
        var state = new HistoryState(rows);
        var problems = Validate(set, state);
        if (_options.ValidateOnMigrate && problems.Count > 0) throw new NexuSqlMigrationValidationException(problems);
        var plan = Plan(set, state);
        await ReadBuiltInsAsync([.. plan, .. set.Callbacks], ct).ConfigureAwait(false);
        var statements = new List<PlannedStatement>();
        if (missing.Count > 0) statements.AddRange(DescribeCallbacks(set, "createSchema"));
        statements.AddRange(missing.Select(m => new PlannedStatement("schemas", CreateSchemaSql(m))));
        if (_schema is not null) statements.Add(new PlannedStatement("schemas", _db.Dialect.UseSchemaSql(_schema, untilTransactionEnds: false)!));
        if (!exists) statements.Add(new PlannedStatement("history", _history.CreateSql));
        if (!exists && missing.Count > 0) statements.Add(new PlannedStatement("history", _history.InsertSql, _history.Parameters(rows[0])));
        if (baseline is not null) statements.Add(new PlannedStatement("history", _history.InsertSql, _history.Parameters(baseline)));
        var rank = state.MaxRank;
        // the callbacks at the moments the real run would run them
        statements.AddRange(DescribeCallbacks(set, "beforeMigrate"));
        var versionedDone = false;
        foreach (var script in plan)
        {
            if (!versionedDone && script.Kind == MigrationKind.Repeatable)
            {
                versionedDone = true;
                statements.AddRange(DescribeCallbacks(set, "afterVersioned"));
            }
            statements.AddRange(DescribeCallbacks(set, "beforeEachMigrate"));
            statements.AddRange(Describe(set, script, MigrationHistory.Sql, ++rank));
            statements.AddRange(DescribeCallbacks(set, "afterEachMigrate"));
        }
        if (!versionedDone) statements.AddRange(DescribeCallbacks(set, "afterVersioned"));
        statements.AddRange(DescribeCallbacks(set, "afterMigrate"));
        if (plan.Count > 0) statements.AddRange(DescribeCallbacks(set, "afterMigrateApplied"));
        return new MigrationResult { Scripts = plan.Select(s => s.Name).ToList(), Statements = statements, DryRun = true };
    }

    /// <summary>The statements the callbacks of <paramref name="callbackEvent"/> would run, for a dry run.</summary>
    private IEnumerable<PlannedStatement> DescribeCallbacks(MigrationSet set, string callbackEvent) =>
        set.CallbacksFor(callbackEvent).SelectMany(c => Prepare(c).Statements.Select(s => new PlannedStatement(c.Name, s.Text)));

    private List<MigrationScript> Plan(MigrationSet set, HistoryState state)
    {
        var latest = state.LatestVersion;
        var pending = set.Versioned.Where(s =>
            !state.IsApplied(s.Version!) && !state.IsFailed(s.Version!) && !state.IsDeleted(s.Version!)
            && (state.BaselineVersion is null || s.Version! > state.BaselineVersion)
            && (_options.Target is null || s.Version! <= _options.Target)
            && (_options.OutOfOrder || latest is null || s.Version! > latest));
        var repeatable = set.Repeatable.Where(s => state.LastRepeatableRun(s.Description) is not { Success: false }
                                                    && state.RepeatableChecksum(s.Description) != Sum(s));
        return [.. pending, .. repeatable];
    }

    private List<string> Validate(MigrationSet set, HistoryState state)
    {
        var problems = new List<string>();
        var scripts = set.Versioned.ToDictionary(s => s.Version!);
        foreach (var (version, row) in state.Latest)
        {
            if (!row.Success)
            {
                problems.Add(state.Problem(row, scripts.TryGetValue(version, out var failed) ? StatementAt(failed, row.FailedStatement) : null));
                continue;
            }
            if (row.Type != MigrationHistory.Sql) continue;
            if (!scripts.TryGetValue(version, out var script))
                problems.Add($"Version {version} ({row.Script}) is applied but its script is missing from the sources.");
            else if (Sum(script) != row.Checksum)
                problems.Add($"{script.Name} was changed after it was applied (checksum {row.Checksum} in the history, {Sum(script)} now; {script.Location}). " +
                             "Revert the edit, or run 'nexusql migrate repair --yes' to accept it.");
        }
        foreach (var row in state.FailedRepeatables) problems.Add(state.Problem(row));
        if (!_options.OutOfOrder && state.LatestVersion is { } latest)
        {
            foreach (var s in set.Versioned.Where(s => s.Version! < latest && !state.IsApplied(s.Version!) && !state.IsFailed(s.Version!) && !state.IsDeleted(s.Version!)
                                                   && (state.BaselineVersion is null || s.Version! > state.BaselineVersion)))
                problems.Add($"{s.Name} is pending but version {latest} is already applied. Run with --out-of-order to apply it anyway.");
        }
        return problems;
    }

    /// <summary>Why a failed row stops a migrate; <paramref name="statement"/> names the statement it stopped at (line and first line of text).</summary>
    /// <remarks>
    /// The row says which statement was next, not whether it ran: a statement the server refused did not complete, but
    /// one running when migrate was killed or lost its connection may have (MariaDB commits each DDL on its own), so
    /// both are said, with the statement named to check (bt36 L4: "statements before it stayed applied" alone led to a
    /// repair, and the next migrate failed on the CREATE TABLE that had run).
    /// </remarks>
    internal static string FailedProblem(AppliedMigration row, string? statement = null) =>
        row.FailedStatement is { } k
            ? $"{row.Script} failed (or was interrupted) at statement {k}{(statement is null ? "" : $" ({statement})")}: the statements before it stayed applied. " +
              $"If statement {k} failed with an error, it did not complete; if migrate was interrupted (killed, or its connection lost), it may or may not " +
              $"have completed. Check the database for its change, fix the database by hand, then run 'nexusql migrate repair --yes'."
            // a Flyway history table has no column for the statement reached
            : $"{row.Script} failed (or was interrupted) part-way: statements before the failure may have stayed applied. " +
              "Fix the database by hand, then run 'nexusql migrate repair --yes'.";

    /// <summary>Statement <paramref name="k"/> of <paramref name="script"/> as "line L: its first line", or null when the script no longer has it.</summary>
    private string? StatementAt(MigrationScript script, int? k)
    {
        if (k is not { } n || n < 1) return null;
        try
        {
            var statements = Prepare(script).Statements;
            if (n > statements.Count) return null;
            // shown as the script spells it, before placeholders are replaced: a placeholder's value (a password given as
            // one to keep it out of the scripts) never reaches a message (bt42 N14: validate printed it); where a value
            // splits the script otherwise, by its line alone
            var written = StatementSplitter.Split(script.Text, _db.Dialect, _db.LexicalRules);
            if (written.Count != statements.Count) return $"line {statements[n - 1].Line}";
            var first = written[n - 1].Text.Trim().Split('\n', 2)[0].Trim();
            return $"line {written[n - 1].Line}: {(first.Length > 80 ? first[..77] + "..." : first)}";
        }
        catch (Exception e) when (e is NexuSqlException or InvalidOperationException or ArgumentException)
        {
            return null; // the script cannot be read as it is now: the statement is named by its number only
        }
    }

    /// <summary>
    /// The checksum the history table holds for <paramref name="script"/>: NexuSQL's own (unchanged since 1.0, so an
    /// upgrade never makes applied scripts look edited), or Flyway's in a Flyway table. A repeatable script's is taken
    /// after placeholder replacement, as Flyway takes it, so a changed placeholder value re-runs it — in NexuSQL's own
    /// table too (bt42 N2: a view's per-environment value was never applied there, and validate said all was well).
    /// A script without placeholders has the same checksum either way.
    /// </summary>
    private int Sum(MigrationScript script) => script.Kind == MigrationKind.Repeatable
        ? (_history.IsFlywayTable ? MigrationChecksum.ComputeFlyway(Replaced(script)) : MigrationChecksum.Compute(Replaced(script)))
        : _history.IsFlywayTable ? script.FlywayChecksum : script.Checksum;

    private string Replaced(MigrationScript script) => Placeholders.Replace(script.Text, PlaceholderValues(script), script.Name);

    private List<MigrationInfo> BuildInfo(MigrationSet set, HistoryState state)
    {
        var info = new List<MigrationInfo>();
        var latest = state.LatestVersion;
        foreach (var s in set.Versioned)
        {
            var row = state.Latest.GetValueOrDefault(s.Version!);
            var st = row switch
            {
                { Success: false } when state.IsRunning(row) => MigrationState.InProgress,
                { Success: false } => MigrationState.Failed,
                { Type: MigrationHistory.Sql } => MigrationState.Applied,
                { Type: MigrationHistory.UndoSql } => MigrationState.Undone,
                { Type: MigrationHistory.Delete } => MigrationState.Deleted,
                { } => MigrationState.Applied,
                _ when state.BaselineVersion is not null && s.Version! <= state.BaselineVersion => MigrationState.BelowBaseline,
                _ when latest is not null && s.Version! < latest && !_options.OutOfOrder => MigrationState.Ignored,
                _ => MigrationState.Pending,
            };
            info.Add(new MigrationInfo(MigrationKind.Versioned, s.Version, s.Description, s.Name, st, row?.InstalledOn, row?.ExecutionTime));
        }
        foreach (var (version, row) in state.Latest.Where(kv => set.Versioned.All(s => !s.Version!.Equals(kv.Key))))
        {
            var st = row switch
            {
                { Success: false } when state.IsRunning(row) => MigrationState.InProgress,
                { Success: false } => MigrationState.Failed,
                { Type: MigrationHistory.Delete } => MigrationState.Deleted,
                { Type: MigrationHistory.UndoSql } => MigrationState.Undone,
                { Type: MigrationHistory.Sql } => MigrationState.Missing,
                _ => MigrationState.Applied, // Flyway's JDBC/SCRIPT migrations: applied, not NexuSQL's to run
            };
            info.Add(new MigrationInfo(MigrationKind.Versioned, version, row.Description, row.Script, st, row.InstalledOn, row.ExecutionTime));
        }
        foreach (var s in set.Repeatable)
        {
            var row = state.LastRepeatableRun(s.Description);
            if (row is { Success: false })
            {
                info.Add(new MigrationInfo(MigrationKind.Repeatable, null, s.Description, s.Name,
                    state.IsRunning(row) ? MigrationState.InProgress : MigrationState.Failed, row.InstalledOn, row.ExecutionTime));
                continue;
            }
            var st = row is null ? MigrationState.Pending : row.Checksum == Sum(s) ? MigrationState.Applied : MigrationState.Outdated;
            info.Add(new MigrationInfo(MigrationKind.Repeatable, null, s.Description, s.Name, st, row?.InstalledOn, row?.ExecutionTime));
        }
        return [.. info.OrderBy(i => i.Kind).ThenBy(i => i.Version)];
    }

    private string? _defaultSchema;

    /// <summary>Reads what Flyway's built-in placeholders need from the server, when a script uses them.</summary>
    private async Task ReadBuiltInsAsync(IEnumerable<MigrationScript> scripts, CancellationToken ct)
    {
        if (_defaultSchema is not null || !scripts.Any(s => s.Text.Contains("${flyway:defaultSchema}", StringComparison.OrdinalIgnoreCase))) return;
        if (_schema is not null)
        {
            _defaultSchema = _schema;
            return;
        }
        _defaultSchema = await _db.ExecuteScalarAsync<string?>(_db.Dialect.CurrentSchemaSql, cancellationToken: ct).ConfigureAwait(false) ?? "";
    }

    /// <summary>The configured placeholders plus Flyway's built-in ones (configured values win, as in Flyway).</summary>
    private Dictionary<string, string> PlaceholderValues(MigrationScript script)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["flyway:user"] = _db.Url?.UserName ?? "",
            ["flyway:database"] = _db.Url?.Database ?? "",
            ["flyway:timestamp"] = DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["flyway:filename"] = script.Name,
            ["flyway:workingDirectory"] = Environment.CurrentDirectory,
            ["flyway:table"] = _options.HistoryTable,
            ["flyway:environment"] = _options.EnvironmentName ?? "default",
        };
        if (_defaultSchema is not null) values["flyway:defaultSchema"] = _defaultSchema;
        foreach (var (k, v) in _options.Placeholders) values[k] = v;
        return values;
    }

    /// <summary>The statements of a script after placeholder replacement, and whether they run in one transaction.</summary>
    private (IReadOnlyList<SqlStatement> Statements, bool Transactional) Prepare(MigrationScript script)
    {
        var text = Replaced(script);
        var statements = StatementSplitter.Split(text, _db.Dialect, _db.LexicalRules);
        for (var k = 0; k < statements.Count; k++)
        {
            var code = StatementSplitter.Code(statements[k].Text, _db.Dialect.Lexical);
            if (_db.Dialect.ClientOnlyProblem(code) is { } problem)
                throw new NexuSqlMigrationScriptException(script.Name, k + 1, statements.Count, statements[k].Line, rolledBack: true,
                    new NexuSqlException($"{problem}. Nothing of the script ran.", _db.Engine));
        }
        var optOut = text.TrimStart('\uFEFF').TrimStart().StartsWith(NoTransactionMarker, StringComparison.OrdinalIgnoreCase);
        var refused = statements.FirstOrDefault(s => _db.Dialect.RequiresNoTransaction(StatementSplitter.Code(s.Text, _db.Dialect.Lexical)));
        var transactional = _db.Dialect.Capabilities.TransactionalDdl && !optOut && refused is null
                            && (_schema is null || _db.Dialect.UseSchemaSql(_schema, untilTransactionEnds: true) is not null);
        // the script's own BEGIN or COMMIT inside NexuSQL's transaction ended it half-way (bt42 N1: PostgreSQL "Transaction
        // is already completed" with the rows kept and no history row; SQLite an internal error while the history said
        // applied): refused before anything runs, as is a BEGIN never committed where the session cannot be asked later
        if (ScriptTransaction.Refusal(statements, _db.Dialect, transactional,
                $"NexuSQL runs each migration on {_db.Engine.DisplayName()} in a transaction of its own, recorded with it",
                $"its first line {NoTransactionMarker}") is { } refusal)
            throw new NexuSqlMigrationScriptException(script.Name, refusal.Index + 1, statements.Count, statements[refusal.Index].Line, rolledBack: true,
                new NexuSqlException(refusal.Problem + ". Nothing of the script ran.", _db.Engine));
        return (statements, transactional);
    }

    private IEnumerable<PlannedStatement> Describe(MigrationSet set, MigrationScript script, string type, int rank)
    {
        var (statements, transactional) = Prepare(script);
        var each = type == MigrationHistory.UndoSql ? "EachUndoStatement" : "EachMigrateStatement";
        yield return new PlannedStatement(script.Name, transactional ? MigrationScriptWriter.TransactionalNote : MigrationScriptWriter.StatementByStatementNote);
        foreach (var s in statements)
        {
            foreach (var c in DescribeCallbacks(set, "before" + each)) yield return c;
            yield return new PlannedStatement(script.Name, s.Text);
            foreach (var c in DescribeCallbacks(set, "after" + each)) yield return c;
        }
        var row = NewRow(type, script.Version?.Text, script.Description, script.Name, Sum(script), 0, true, null) with { InstalledRank = rank };
        yield return new PlannedStatement("history", _history.InsertSql, _history.Parameters(row));
    }

    private AppliedMigration NewRow(string type, string? version, string description, string script, int? checksum, int ms, bool success, int? failedStatement) => new()
    {
        Version = version,
        Description = description,
        Type = type,
        Script = script,
        Checksum = checksum,
        InstalledBy = InstalledBy,
        InstalledOn = DateTime.UtcNow,
        ExecutionTime = ms,
        Success = success,
        FailedStatement = failedStatement,
    };

    /// <summary>
    /// Runs the SQL callbacks of one event, statement by statement on one connection (<paramref name="on"/>, the
    /// migration's own transaction or connection for the per-statement events, else a connection of their own); nothing
    /// is recorded.
    /// </summary>
    /// <exception cref="NexuSqlMigrationScriptException">A callback statement failed (never rolled back).</exception>
    private async Task CallbacksAsync(MigrationSet set, string callbackEvent, List<PlannedStatement> done, CancellationToken ct, NexuSqlSession? on = null)
    {
        var callbacks = set.CallbacksFor(callbackEvent).ToList();
        if (callbacks.Count == 0) return;
        await ReadBuiltInsAsync(callbacks, ct).ConfigureAwait(false);
        foreach (var callback in callbacks)
        {
            Log($"Callback {callback.Name}");
            var (statements, _) = Prepare(callback);
            // createSchema runs before the default schema exists
            await using var own = on is null ? await OpenScriptSessionAsync(useSchema: callbackEvent != "createSchema", ct).ConfigureAwait(false) : null;
            var session = on ?? own!.Session;
            for (var k = 0; k < statements.Count; k++)
            {
                try
                {
                    await session.ExecuteScriptStatementAsync(statements[k].Text, ct).ConfigureAwait(false);
                }
                catch (NexuSqlException e) when (e is not NexuSqlMigrationScriptException)
                {
                    throw new NexuSqlMigrationScriptException(callback.Name, k + 1, statements.Count, statements[k].Line, e);
                }
                done.Add(new PlannedStatement(callback.Name, statements[k].Text));
            }
        }
    }

    /// <summary>
    /// Runs one migration (or undo) script with the per-statement callbacks (<c>beforeEachMigrateStatement</c>, ...)
    /// on the script's own transaction or connection. In a transaction a failed statement has aborted it (PostgreSQL),
    /// so the <c>...StatementError</c> callbacks run after the rollback, on a connection of their own.
    /// </summary>
    private async Task<IReadOnlyList<PlannedStatement>> RunAsync(MigrationSet set, MigrationScript script, string type, CancellationToken ct)
    {
        var (statements, transactional) = Prepare(script);
        var each = type == MigrationHistory.UndoSql ? "EachUndoStatement" : "EachMigrateStatement";
        Log($"{(type == MigrationHistory.UndoSql ? "Undoing" : "Applying")} {script.Name}{(transactional ? "" : " (no transaction)")}");
        var clock = Stopwatch.StartNew();
        var done = new List<PlannedStatement>();
        if (transactional)
        {
            NexuSqlMigrationScriptException? failure = null;
            await using (var tx = await _db.BeginTransactionAsync(cancellationToken: ct).ConfigureAwait(false))
            {
                if (_schema is not null) await tx.ExecuteRawAsync(_db.Dialect.UseSchemaSql(_schema, untilTransactionEnds: true)!, ct).ConfigureAwait(false);
                for (var k = 0; k < statements.Count && failure is null; k++)
                {
                    await CallbacksAsync(set, "before" + each, done, ct, tx).ConfigureAwait(false);
                    try
                    {
                        await tx.ExecuteScriptStatementAsync(statements[k].Text, ct).ConfigureAwait(false);
                    }
                    catch (NexuSqlException e)
                    {
                        failure = new NexuSqlMigrationScriptException(script.Name, k + 1, statements.Count, statements[k].Line, rolledBack: true, e);
                        continue;
                    }
                    catch (OperationCanceledException e) when (ct.IsCancellationRequested)
                    {
                        throw new NexuSqlMigrationCancelledException(script.Name, k + 1, statements.Count, rolledBack: true, e, ct);
                    }
                    done.Add(new PlannedStatement(script.Name, statements[k].Text));
                    await CallbacksAsync(set, "after" + each, done, ct, tx).ConfigureAwait(false);
                }
                if (failure is null)
                {
                    StopIfLeaseRanOut(script, statements.Count, statements.Count, transactional: true);
                    var row = NewRow(type, script.Version?.Text, script.Description, script.Name, Sum(script), (int)clock.ElapsedMilliseconds, true, null);
                    await _history.InsertAsync(tx, row, ct).ConfigureAwait(false);
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                }
            }
            if (failure is not null)
            {
                await CallbacksAsync(set, $"after{each}Error", done, ct).ConfigureAwait(false);
                throw failure;
            }
        }
        else
        {
            // Recorded before it starts and advanced statement by statement: if this process dies half-way, the
            // history says where, and the next migrate refuses instead of guessing.
            // The script runs on one connection of its own, so that its session state (LOCK TABLES, SET sql_mode,
            // temporary tables) holds from one statement to the next; the history writes go through the pool on
            // another connection, which a mysqldump script's LOCK TABLES ... UNLOCK TABLES does not cover (error 1100).
            RefuseSchemaSessionBehindPooler(script.Name);
            var rank = await _history.InsertAsync(_db,
                NewRow(type, script.Version?.Text, script.Description, script.Name, Sum(script), 0, false, 1), ct).ConfigureAwait(false);
            await using var scriptSession = await OpenScriptSessionAsync(useSchema: true, ct).ConfigureAwait(false);
            var session = scriptSession.Session;
            var afterEach = set.CallbacksFor("after" + each).Any();
            for (var k = 0; k < statements.Count; k++)
            {
                StopIfLeaseRanOut(script, k, statements.Count, transactional: false);
                await CallbacksAsync(set, "before" + each, done, ct, session).ConfigureAwait(false);
                try
                {
                    await session.ExecuteScriptStatementAsync(statements[k].Text, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (ct.IsCancellationRequested)
                {
                    throw new NexuSqlMigrationCancelledException(script.Name, k + 1, statements.Count, rolledBack: false, e, ct);
                }
                catch (NexuSqlException e)
                {
                    // a failure inside the script's own transaction: the engine rolled it back (PostgreSQL) or would at
                    // the session's end (MariaDB, SQLite): rolled back now, and said so rather than "stayed applied" (bt43 N-new-7)
                    var settled = await ScriptTransaction.SettleAsync(session, statements, k, _db.Dialect, ct).ConfigureAwait(false);
                    if (settled.OpenedAt is { } opened) await _history.MarkProgressAsync(rank, opened + 1, ct).ConfigureAwait(false);
                    var failure = new NexuSqlMigrationScriptException(script.Name, k + 1, statements.Count, statements[k].Line, rolledBack: false, e,
                        settled.RolledBack || ScriptTransaction.RollsBack(statements, k, _db.Dialect) ? ScriptTransaction.Kept(k, settled, statements, _db.Dialect) : null);
                    await CallbacksAsync(set, $"after{each}Error", done, ct, session).ConfigureAwait(false);
                    throw failure;
                }
                done.Add(new PlannedStatement(script.Name, statements[k].Text));
                // a process paused during this statement must not write the history: after a repair its row's rank may
                // name the row of the migrator that took over
                StopIfLeaseRanOut(script, k + 1, statements.Count, transactional: false);
                // the history says which statement comes next, before a callback after this one can fail — but not from
                // inside the script's own transaction where the text tells it (PostgreSQL, SQLite): there the history's
                // connection would wait on the script's write lock (SQLite: "database is locked", bt44 M1), and a process
                // dying inside it leaves nothing of it applied, so the history keeps naming the BEGIN until its COMMIT ran
                var insideOwn = _db.Dialect.InTransactionSql is null && ScriptTransaction.OpenBefore(statements, k + 1, _db.Dialect) is not null;
                if (!insideOwn && (k + 1 < statements.Count || afterEach) && await _history.MarkProgressAsync(rank, k + 2, ct).ConfigureAwait(false) == 0)
                    await RefuseLostHistoryRowAsync(script, type, rank, k + 1, statements.Count, ct).ConfigureAwait(false);
                await CallbacksAsync(set, "after" + each, done, ct, session).ConfigureAwait(false);
            }
            StopIfLeaseRanOut(script, statements.Count, statements.Count, transactional: false);
            // a transaction the script opened and never committed would be rolled back silently as its session ends, the
            // migration recorded applied (bt43 N-new-12): rolled back now, and the migration failed
            var left = await ScriptTransaction.SettleAsync(session, statements, statements.Count, _db.Dialect, ct).ConfigureAwait(false);
            if (left.RolledBack) await RefuseOpenTransactionAsync(set, script, each, rank, statements, left, done, session, ct).ConfigureAwait(false);
            if (await _history.MarkSuccessAsync(rank, (int)clock.ElapsedMilliseconds, ct).ConfigureAwait(false) == 0)
                await RefuseLostHistoryRowAsync(script, type, rank, statements.Count, statements.Count, ct).ConfigureAwait(false);
        }
        Log($"  done in {clock.ElapsedMilliseconds} ms ({statements.Count} statement{(statements.Count == 1 ? "" : "s")})");
        return done;
    }

    /// <summary>
    /// A migration that ran without a transaction ended inside a transaction of its own, never committed, which
    /// <see cref="ScriptTransaction.SettleAsync"/> rolled back: recorded failed where what stayed ends, and said by statement.
    /// </summary>
    /// <exception cref="NexuSqlMigrationScriptException">Always.</exception>
    private async Task RefuseOpenTransactionAsync(MigrationSet set, MigrationScript script, string each, int rank, IReadOnlyList<SqlStatement> statements,
        ScriptTransaction.Settled left, List<PlannedStatement> done, NexuSqlConnection session, CancellationToken ct)
    {
        var at = (left.OpenedAt ?? statements.Count - 1) + 1;
        await _history.MarkProgressAsync(rank, at, ct).ConfigureAwait(false);
        var failure = new NexuSqlMigrationScriptException(script.Name, at, statements.Count,
            $"Migration {script.Name} failed: it ended with a transaction of its own still open, never committed, which NexuSQL rolled back " +
            $"(the session's end would have done so silently). {ScriptTransaction.Kept(statements.Count, left, statements, _db.Dialect)} " +
            "(the migration ran without a transaction); the failure is recorded in the history. Add the missing COMMIT to the script, undo by hand " +
            "what stayed applied, then run 'nexusql migrate repair --yes' and migrate again.", statements[at - 1].Line, _db.Engine);
        await CallbacksAsync(set, $"after{each}Error", done, ct, session).ConfigureAwait(false);
        throw failure;
    }

    /// <summary>
    /// The history row of a migration running without a transaction was gone when its progress was written: another
    /// process deleted it meanwhile (a <c>migrate repair</c> that did not see this migrator's lock — the lock does
    /// not hold behind a transaction-mode pooler without <c>?pooler=transaction</c>). The row is written again with
    /// what really ran, so the history does not lose statements that stayed applied, and the migration stops.
    /// </summary>
    /// <exception cref="NexuSqlMigrationScriptException">Always.</exception>
    private async Task RefuseLostHistoryRowAsync(MigrationScript script, string type, int rank, int ran, int count, CancellationToken ct)
    {
        var complete = ran == count;
        var newRank = await _history.InsertAsync(_db,
            NewRow(type, script.Version?.Text, script.Description, script.Name, Sum(script), 0, complete, complete ? null : ran + 1), ct).ConfigureAwait(false);
        throw new NexuSqlMigrationScriptException(script.Name, Math.Min(ran + 1, count), count,
            $"Migration {script.Name} ran without a transaction, and its history row (installed_rank {rank}) was deleted by another process " +
            $"while it ran, after statement {ran} of {count}: the migration lock did not keep others out (behind a transaction-mode connection " +
            "pooler such as PgBouncer add ?pooler=transaction to the URL; never run 'migrate repair' while a migration runs). " +
            $"Recorded it again as installed_rank {newRank}, {(complete ? "applied" : $"failed at statement {ran + 1}")}. " +
            "Check the database and the history ('nexusql migrate info') before migrating again.");
    }

    /// <summary>
    /// Behind a transaction-mode pooler the default schema cannot be set for a script that runs outside a transaction:
    /// the setting would land on some other client's server session. Refused before anything is recorded.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">A default schema is configured and the database does not keep session state.</exception>
    private void RefuseSchemaSessionBehindPooler(string what)
    {
        if (_schema is null || _db.KeepsSessionState) return;
        throw new NexuSqlRefusedException(
            $"{what} runs outside a transaction, so the default schema '{_schema}' would have to be a session setting, which a transaction-mode " +
            "connection pooler does not keep (and would hand to another client). Run this migration against the server directly, or drop " +
            "schemas/defaultSchema and qualify the names in the script.");
    }

    /// <summary>
    /// A connection of its own for a script or callback, with the default schema in use when one is given (Flyway's
    /// <c>defaultSchema</c>); the connection's own setting is put back before it returns to the pool.
    /// </summary>
    private async Task<ScriptSession> OpenScriptSessionAsync(bool useSchema, CancellationToken ct)
    {
        if (useSchema) RefuseSchemaSessionBehindPooler("a callback");
        var session = await _db.OpenSessionAsync(ct).ConfigureAwait(false);
        if (!useSchema || _schema is null) return new ScriptSession(session, null);
        try
        {
            var setting = _db.Dialect.SchemaSettingSql is { } read ? await session.ExecuteScalarAsync<string?>(read, cancellationToken: ct).ConfigureAwait(false) : null;
            await session.ExecuteRawAsync(_db.Dialect.UseSchemaSql(_schema, untilTransactionEnds: false)!, ct).ConfigureAwait(false);
            return new ScriptSession(session, setting is null ? null : _db.Dialect.RestoreSchemaSql(setting));
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class ScriptSession(NexuSqlConnection session, string? restore) : IAsyncDisposable
    {
        public NexuSqlConnection Session => session;

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (restore is not null) await session.ExecuteRawAsync(restore, CancellationToken.None).ConfigureAwait(false);
            }
            catch (NexuSqlException)
            {
                // the connection broke (the script's failure says why); a broken connection is not reused as it is
            }
            finally
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The history folded into the state of each version.</summary>
    private sealed class HistoryState
    {
        private readonly IReadOnlyList<AppliedMigration> _rows;

        public HistoryState(IReadOnlyList<AppliedMigration> rows)
        {
            _rows = rows;
            // Flyway's own markers ("<< Flyway Schema Creation >>", type SCHEMA, version 0) are not migrations.
            foreach (var row in rows.Where(r => r.Version is not null && r.Type is not (MigrationHistory.Baseline or MigrationHistory.Schema)))
                Latest[row.ParsedVersion!] = row;
            BaselineVersion = rows.LastOrDefault(r => r.Type == MigrationHistory.Baseline)?.ParsedVersion;
        }

        /// <summary>The last row per version (rows are in rank order).</summary>
        public Dictionary<MigrationVersion, AppliedMigration> Latest { get; } = [];

        public MigrationVersion? BaselineVersion { get; }

        public int MaxRank => _rows.Count == 0 ? 0 : _rows.Max(r => r.InstalledRank);

        public AppliedMigration? LastRow => _rows.Count == 0 ? null : _rows[^1];

        /// <summary>The rank of the row a migrator is applying now, and who holds the lock (see <see cref="ReadStateAsync"/>).</summary>
        public (int Rank, string Holder)? Running { get; set; }

        public bool IsRunning(AppliedMigration row) => Running?.Rank == row.InstalledRank;

        /// <summary>Why a failed row stops a migrate: a real failure, or a migration still running.</summary>
        public string Problem(AppliedMigration row, string? statement = null) => IsRunning(row)
            ? $"{row.Script} is being applied right now, without a transaction (at statement {row.FailedStatement?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}), " +
              $"by the migrator holding the migration lock ({Running!.Value.Holder}). Wait for it to finish, then check again."
            : FailedProblem(row, statement);

        public IEnumerable<MigrationVersion> AppliedVersions => Latest.Where(kv => kv.Value.Success && kv.Value.Type == MigrationHistory.Sql).Select(kv => kv.Key);

        public MigrationVersion? LatestVersion => Latest.Where(kv => IsApplied(kv.Key)).Select(kv => kv.Key).Append(BaselineVersion).Where(v => v is not null).Max();

        /// <summary>Applied and not undone or marked deleted (Flyway's JDBC/SCRIPT rows count as applied).</summary>
        public bool IsApplied(MigrationVersion v) =>
            Latest.TryGetValue(v, out var r) && r.Success && r.Type is not (MigrationHistory.UndoSql or MigrationHistory.Delete);

        public bool IsDeleted(MigrationVersion v) => Latest.TryGetValue(v, out var r) && r.Type == MigrationHistory.Delete;

        public bool IsFailed(MigrationVersion v) => Latest.TryGetValue(v, out var r) && !r.Success;

        /// <summary>The last successful run of a repeatable script.</summary>
        public AppliedMigration? LastRepeatable(string description) =>
            _rows.LastOrDefault(r => r.Success && IsRepeatableRow(r, description));

        /// <summary>The last run of a repeatable script, failed or not.</summary>
        public AppliedMigration? LastRepeatableRun(string description) => _rows.LastOrDefault(r => IsRepeatableRow(r, description));

        /// <summary>The last run of each repeatable script whose last run failed.</summary>
        public IEnumerable<AppliedMigration> FailedRepeatables =>
            _rows.Where(r => r.Version is null && r.Type == MigrationHistory.Sql)
                 .GroupBy(r => r.Description, StringComparer.OrdinalIgnoreCase)
                 .Select(g => g.Last()).Where(r => !r.Success);

        // The history keeps descriptions cut to the column's 200 characters: compare the script's the same way, or a
        // long description never matches and the script re-runs on every migrate.
        private static bool IsRepeatableRow(AppliedMigration r, string description) =>
            r.Version is null && r.Type == MigrationHistory.Sql
            && string.Equals(r.Description, MigrationHistory.StoredDescription(description), StringComparison.OrdinalIgnoreCase);

        public int? RepeatableChecksum(string description) => LastRepeatable(description)?.Checksum;
    }
}
