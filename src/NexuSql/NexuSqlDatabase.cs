using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace NexuSql;

/// <summary>
/// The entry point: a database reached through a pooled connection source. Each call borrows a connection and
/// gives it back; <see cref="BeginTransactionAsync(IsolationLevel?, CancellationToken)"/> and <see cref="TransactionAsync(Func{NexuSqlTransaction, Task}, TransactionOptions?, CancellationToken)"/>
/// hold one for a unit of work. Thread-safe; create one per database and share it.
/// </summary>
/// <example>
/// <code>
/// await using var db = NexuSqlDatabase.Open("sqlite:///app.db");
/// var users = await db.QueryAsync&lt;User&gt;("SELECT * FROM users WHERE email = :email", new { email });
/// </code>
/// </example>
public sealed class NexuSqlDatabase : NexuSqlSession, IDisposable, IAsyncDisposable
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name NexuSQL's command spans use (for OpenTelemetry's AddSource).</summary>
    public const string ActivitySourceName = "NexuSql";

    /// <summary>
    /// The <see cref="System.Diagnostics.Metrics.Meter"/> name of NexuSQL's metrics (for OpenTelemetry's AddMeter), with
    /// OpenTelemetry's database client conventions: <c>db.client.operation.duration</c> (s; <c>db.system.name</c>,
    /// <c>db.namespace</c>, <c>server.address</c>, <c>server.port</c>, <c>db.operation.name</c>, <c>error.type</c>),
    /// <c>db.client.connection.count</c> (connections in use), <c>db.client.connection.pending_requests</c> (waiting for
    /// one), <c>db.client.connection.wait_time</c> (s, to obtain an open connection) and
    /// <c>db.client.connection.timeouts</c>, each tagged <c>db.client.connection.pool.name</c> (the redacted URL).
    /// </summary>
    public const string MeterName = "NexuSql";

    /// <summary>URL options NexuSQL itself reads (the rest go to the driver).</summary>
    private static readonly string[] OwnOptions = ["pool_max", "acquire_timeout", "statement_timeout", "sql_mode"];

    private readonly bool _ownsDataSource;
    private readonly string _display;
    private readonly Internal.ConnectionGate _gate;
    private volatile bool _disposed;

    /// <summary>The tags of this database's spans and measurements.</summary>
    internal Internal.TelemetryTarget TelemetryTarget { get; }

    private NexuSqlDatabase(NexuSqlProvider provider, DbDataSource dataSource, bool ownsDataSource,
        DatabaseUrl? url, NexuSqlOptions options)
        : base(provider, options)
    {
        DataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        Url = url;
        _display = url?.Redacted ?? provider.RedactConnectionString(dataSource.ConnectionString);
        TelemetryTarget = new Internal.TelemetryTarget(provider.Engine, url, _display);
        _gate = new Internal.ConnectionGate(options.MaxConnections, options.AcquireTimeout, provider.Engine, TelemetryTarget);
    }

    /// <summary>Opens a database from a NexuSQL URL (<c>sqlite:///app.db</c>, <c>postgresql://...</c>, <c>mysql://...</c>).</summary>
    /// <exception cref="FormatException">The URL is malformed (the message never contains the password).</exception>
    /// <exception cref="InvalidOperationException">No provider for the URL's engine is referenced.</exception>
    public static NexuSqlDatabase Open(string url, NexuSqlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!DatabaseUrl.LooksLikeUrl(url))
            throw new FormatException(
                "Not a NexuSQL URL (expected e.g. 'postgresql://user@host/db' or 'sqlite:///app.db'). " +
                "For an ADO.NET connection string use NexuSqlDatabase.Open(engine, connectionString).");
        return Open(DatabaseUrl.Parse(url), options);
    }

    /// <summary>Opens a database from a parsed URL.</summary>
    /// <remarks>
    /// The URL options <c>pool_max</c>, <c>acquire_timeout</c> and <c>statement_timeout</c> (seconds) are read by
    /// NexuSQL on every engine and override <paramref name="options"/>, as does <c>sql_mode</c> (MySQL: see
    /// <see cref="NexuSqlOptions.SqlMode"/>); every other option goes to the driver.
    /// </remarks>
    public static NexuSqlDatabase Open(DatabaseUrl url, NexuSqlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var provider = NexuSqlProviders.Get(url.Engine);
        var effective = WithUrlOptions(options ?? NexuSqlOptions.Default, url);
        return new NexuSqlDatabase(provider, provider.CreateDataSource(url.WithoutOptions(OwnOptions)), true, url, effective);
    }

    private static NexuSqlOptions WithUrlOptions(NexuSqlOptions options, DatabaseUrl url)
    {
        int? Number(string key)
        {
            if (!url.Options.TryGetValue(key, out var text)) return null;
            return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"The URL option {key}={text} must be a whole number above 0.", nameof(url));
        }
        return options with
        {
            MaxConnections = Number("pool_max") ?? options.MaxConnections,
            AcquireTimeout = Number("acquire_timeout") is { } a ? TimeSpan.FromSeconds(a) : options.AcquireTimeout,
            CommandTimeout = Number("statement_timeout") is { } s ? TimeSpan.FromSeconds(s) : options.CommandTimeout,
            SqlMode = url.Options.TryGetValue("sql_mode", out var mode) ? mode : options.SqlMode,
        };
    }

    private NexuSqlDatabase? _reads;

    /// <summary>
    /// The same database for read-only work that may run on a replica: with a multi-host PostgreSQL URL, connections
    /// prefer a hot standby (falling back to the primary when none answers); elsewhere this database itself.
    /// Replicas lag: read your own writes from the database itself.
    /// </summary>
    public NexuSqlDatabase ForReads()
    {
        if (_reads is not null) return _reads;
        var source = Provider.CreateReadDataSource(DataSource);
        var reads = source is null ? this : new NexuSqlDatabase(Provider, source, false, Url, Options);
        return Interlocked.CompareExchange(ref _reads, reads, null) ?? reads;
    }

    /// <summary>How connections have been used (engine-independent counters).</summary>
    public PoolStatistics PoolStatistics => _gate.Snapshot();

    /// <summary>Opens a database from the driver's own ADO.NET connection string.</summary>
    public static NexuSqlDatabase Open(NexuSqlEngine engine, string connectionString, NexuSqlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var provider = NexuSqlProviders.Get(engine);
        return new NexuSqlDatabase(provider, provider.CreateDataSource(connectionString), true, null, options ?? NexuSqlOptions.Default);
    }

    /// <summary>Wraps a connection source the application already has (e.g. an <c>NpgsqlDataSource</c>). It is not disposed with the database.</summary>
    public static NexuSqlDatabase Create(DbDataSource dataSource, NexuSqlEngine engine, NexuSqlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return new NexuSqlDatabase(NexuSqlProviders.Get(engine), dataSource, false, null, options ?? NexuSqlOptions.Default);
    }

    /// <summary>The URL the database was opened from, if any.</summary>
    public DatabaseUrl? Url { get; }

    /// <summary>False behind a transaction-mode connection pooler (see <see cref="NexuSqlProvider.KeepsSessionState"/>).</summary>
    public bool KeepsSessionState => Provider.KeepsSessionState(Url);

    /// <summary>The dialect's session settings for moving data, or none where session state does not survive (they would leak to another client).</summary>
    internal IReadOnlyList<string> DataSessionSql => KeepsSessionState ? Dialect.DataSessionSql : [];

    /// <summary>Undoes <see cref="DataSessionSql"/>.</summary>
    internal IReadOnlyList<string> DataSessionEndSql => KeepsSessionState ? Dialect.DataSessionEndSql : [];

    /// <summary>
    /// Runs <paramref name="read"/> on one session of this database with the dialect's
    /// <see cref="Dialects.SqlDialect.CatalogSessionSql"/> (none where session state does not survive), undone after:
    /// the schema reads of the providers.
    /// </summary>
    internal async Task<T> InCatalogSessionAsync<T>(Func<NexuSqlSession, Task<T>> read, CancellationToken cancellationToken)
    {
        if (!KeepsSessionState || Dialect.CatalogSessionSql.Count == 0) return await read(this).ConfigureAwait(false);
        await using var session = await OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sql in Dialect.CatalogSessionSql) await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        try
        {
            return await read(session).ConfigureAwait(false);
        }
        finally
        {
            await session.RestoreSessionAsync(Dialect.CatalogSessionEndSql).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until the server this database reads from has applied everything its cluster had committed when the call
    /// began (<see cref="NexuSqlProvider.CatchUpAsync"/>: on a MariaDB Galera node a causal read; on a single server
    /// nothing). The server's state only moves forward, so every read begun afterwards on that server — the catalog, a
    /// snapshot — holds what other nodes had committed by then. Backup, copy, verify and the integrity check call it
    /// before they read; call it yourself to read, on one node, what was just written on another.
    /// </summary>
    /// <exception cref="NexuSqlTimeoutException">The node did not catch up within the cluster's causal read timeout (it is desynced or far behind).</exception>
    /// <exception cref="NexuSqlException">The server could not be reached.</exception>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await using var session = await OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        await Provider.CatchUpAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// This database with <paramref name="schema"/> as its current schema (<see cref="NexuSqlProvider.UrlInSchema"/>), with
    /// the same options and a pool of its own; null when it was opened from a connection string, not a URL. Dispose it.
    /// </summary>
    internal NexuSqlDatabase? OpenInSchema(string schema) =>
        Url is { } url ? Open(Provider.UrlInSchema(url, schema), Options) : null;

    /// <summary>The underlying pooled connection source.</summary>
    public DbDataSource DataSource { get; }

    /// <inheritdoc/>
    private protected override DbTransaction? CurrentTransaction => null;

    /// <inheritdoc/>
    private protected override async ValueTask<DbConnection> AcquireAsync(bool async, CancellationToken cancellationToken)
    {
        // every engine alike: SQLite's data source would otherwise go on opening connections after disposal
        ObjectDisposedException.ThrowIf(_disposed, this);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await _gate.EnterAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = async ? await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false) : DataSource.OpenConnection();
            _gate.Opened(start);
            return connection;
        }
        catch (DbException e) when (e is not NexuSqlException && Provider.TranslateException(e) is NexuSqlTimeoutException { EngineCode: not null } timeout)
        {
            // the server answered, and cancelled a statement the driver runs while connecting (bt37 M15: a database's
            // statement_timeout = '50ms' was said to be "no answer while connecting")
            _gate.Exit();
            throw new NexuSqlConnectionException(Provider.ServerTimeoutWhileConnecting(this, timeout) ??
                $"{timeout.Message} (while connecting). The server cancelled a statement run while connecting: check the timeouts set for the database or user.",
                Engine, timeout.EngineCode, e, isTransient: false);
        }
        catch (DbException e) when (e is not NexuSqlException && Provider.TranslateException(e) is NexuSqlTimeoutException)
        {
            // no statement ran: the server (or a pooler in front of it) did not finish the login in time
            _gate.Exit();
            throw new NexuSqlConnectionException($"{Engine.DisplayName()}: no answer while connecting, within the connection timeout " +
                "(the URL's connect_timeout, in seconds). Check that the server is up and reachable, and that the database and user exist.", Engine, null, e);
        }
        catch
        {
            _gate.Exit();
            throw;
        }
    }

    /// <inheritdoc/>
    private protected override async ValueTask ReleaseAsync(DbConnection connection, bool async)
    {
        try
        {
            if (async) await connection.DisposeAsync().ConfigureAwait(false); else connection.Dispose();
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Gives back a connection handed to a transaction or session.</summary>
    internal ValueTask ReturnAsync(DbConnection connection, bool async) => ReleaseAsync(connection, async);

    /// <summary>
    /// Opens a driver connection the caller owns and disposes, for work NexuSQL does not cover. It does not count
    /// against <see cref="NexuSqlOptions.MaxConnections"/>.
    /// </summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (e is not NexuSqlException)
        {
            throw Translate(e);
        }
    }

    /// <summary>Holds one pooled connection for several calls (session state: locks, temporary tables, SET).</summary>
    public async Task<NexuSqlConnection> OpenSessionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return new NexuSqlConnection(this, await AcquireAsync(true, cancellationToken).ConfigureAwait(false));
        }
        catch (DbException e) when (e is not NexuSqlException)
        {
            throw Translate(e);
        }
    }

    /// <summary>
    /// Runs SQL of one or more statements (split as migrations are: the dialect's quoting, comments, MySQL
    /// <c>DELIMITER</c>, SQLite trigger bodies) as one unit where the engine allows: in one transaction, committed when
    /// every statement ran and rolled back whole when one fails — where the engine can hold them all in one (PostgreSQL
    /// and SQLite always; MySQL/MariaDB when no statement commits by itself: DDL, GRANT, LOCK TABLES, ...) and no statement
    /// refuses one (VACUUM, CREATE INDEX CONCURRENTLY, SQLite's PRAGMA foreign_keys) and the SQL has no BEGIN ... COMMIT of
    /// its own. Otherwise statement by statement on one session, and a failure says which statements stayed applied
    /// (a transaction of the SQL's own left open is rolled back and is a failure). One statement runs as
    /// <see cref="NexuSqlSession.ExecuteAsync(string, object?, CancellationToken)"/> runs it.
    /// </summary>
    /// <param name="sql">The statements, with <c>:name</c> parameters (each statement takes the names it uses).</param>
    /// <param name="args">Parameter values, as for <see cref="NexuSqlSession.ExecuteAsync(string, object?, CancellationToken)"/>.</param>
    /// <param name="cancellationToken">Stops the running statement (rolled back by the engine) and the ones after it.</param>
    /// <returns>The rows the statements affected, summed; -1 when none reports a count (DDL on PostgreSQL, SELECT).</returns>
    /// <exception cref="NexuSqlException">A statement failed: its number and line, and what of the SQL stayed, are in the message.</exception>
    /// <exception cref="FormatException">The SQL leaves a BEGIN of its own open on an engine that cannot be asked whether it still is.</exception>
    /// <exception cref="NexuSqlScriptCancelledException">Cancelled while a statement ran: which, and what stayed.</exception>
    public async Task<int> ExecuteScriptAsync(string sql, object? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var script = Operations.SqlScript.Read(this, "The SQL", "the SQL", sql, null, "Undo by hand what stayed before running it again.");
        if (script.Statements.Count <= 1) return await ExecuteAsync(sql, args, cancellationToken).ConfigureAwait(false);
        return await script.RunAsync(this, new TransactionOptions(), args ?? new Dictionary<string, object?>(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts an explicit transaction on a dedicated connection. Dispose it to roll back if not committed.</summary>
    public NexuSqlTransaction BeginTransaction(IsolationLevel? isolationLevel = null) =>
        BeginCoreAsync(false, isolationLevel, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="BeginTransaction"/>
    public Task<NexuSqlTransaction> BeginTransactionAsync(IsolationLevel? isolationLevel = null, CancellationToken cancellationToken = default) =>
        BeginCoreAsync(true, isolationLevel, cancellationToken).AsTask();

    /// <summary>
    /// Starts an explicit transaction with <paramref name="options"/>' isolation level and <see cref="TransactionOptions.Settings"/>
    /// (set right after BEGIN, gone when it ends). Never retried: the retry options do not apply.
    /// </summary>
    /// <exception cref="NotSupportedException">Settings were given and the engine has none (SQLite).</exception>
    public Task<NexuSqlTransaction> BeginTransactionAsync(TransactionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckSettings(options);
        return BeginUnitAsync(true, options, cancellationToken).AsTask();
    }

    private void CheckSettings(TransactionOptions o)
    {
        if (o.Settings?.Keys.FirstOrDefault(k => Dialect.UnitSettingSql(k) is null) is { } unsupported)
            throw new NotSupportedException($"{Engine.DisplayName()} has no session settings: the unit's setting '{unsupported}' cannot be set.");
    }

    private async ValueTask<NexuSqlTransaction> BeginCoreAsync(bool async, IsolationLevel? level, CancellationToken ct)
    {
        DbConnection? connection = null;
        try
        {
            connection = await AcquireAsync(async, ct).ConfigureAwait(false);
            var tx = async
                ? await connection.BeginTransactionAsync(level ?? IsolationLevel.Unspecified, ct).ConfigureAwait(false)
                : connection.BeginTransaction(level ?? IsolationLevel.Unspecified);
            LogStatement("BEGIN");
            return new NexuSqlTransaction(this, connection, tx);
        }
        catch (Exception e)
        {
            if (connection is not null) await ReleaseAsync(connection, async).ConfigureAwait(false);
            if (e is DbException db and not NexuSqlException) throw Translate(db);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction: commits when it returns, rolls back when it throws, and re-runs
    /// the whole unit (never single statements) after a serialization failure or deadlock, with jittered
    /// exponential backoff up to <see cref="TransactionOptions.MaxAttempts"/>. A pooled connection found dead before
    /// any of the unit's work ran — at BEGIN, at its settings, or by its first statement (server restarted, backend
    /// terminated) — is replaced and the unit run once more; never after a later statement.
    /// </summary>
    /// <remarks>
    /// The work may run more than once: keep side effects outside the database out of it.
    /// When attempts run out, a <see cref="NexuSqlTransientException"/> says how many were made. A connection
    /// lost during COMMIT throws <see cref="NexuSqlAmbiguousCommitException"/> and is not retried.
    /// </remarks>
    public Task TransactionAsync(Func<NexuSqlTransaction, Task> work, TransactionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunUnitAsync<bool>(true, async tx => { await work(tx).ConfigureAwait(false); return true; }, options, cancellationToken).AsTask();
    }

    /// <inheritdoc cref="TransactionAsync(Func{NexuSqlTransaction, Task}, TransactionOptions?, CancellationToken)"/>
    public Task<T> TransactionAsync<T>(Func<NexuSqlTransaction, Task<T>> work, TransactionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunUnitAsync(true, tx => new ValueTask<T>(work(tx)), options, cancellationToken).AsTask();
    }

    /// <inheritdoc cref="TransactionAsync(Func{NexuSqlTransaction, Task}, TransactionOptions?, CancellationToken)"/>
    public void Transaction(Action<NexuSqlTransaction> work, TransactionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        RunUnitAsync(false, tx => { work(tx); return new ValueTask<bool>(true); }, options, default).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="TransactionAsync(Func{NexuSqlTransaction, Task}, TransactionOptions?, CancellationToken)"/>
    public T Transaction<T>(Func<NexuSqlTransaction, T> work, TransactionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunUnitAsync(false, tx => new ValueTask<T>(work(tx)), options, default).GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    private protected override NexuSqlDatabase Owner => this;

    /// <summary>The units of work running in this async flow, innermost first, with the transaction of their current attempt.</summary>
    private static readonly AsyncLocal<RunningUnit?> Running = new();

    private sealed class RunningUnit(DbDataSource source, RunningUnit? enclosing)
    {
        public DbDataSource Source { get; } = source;
        public RunningUnit? Enclosing { get; } = enclosing;
        public NexuSqlTransaction? Transaction { get; set; }
    }

    /// <summary>
    /// On an engine that lets one transaction write at a time (SQLite), a lock wait that ended in <paramref name="e"/>
    /// on a connection other than the one of a unit of work enclosing this call can never succeed: the enclosing unit
    /// waits for the call, which waits for the unit. Then the error that says so, not re-run (null otherwise).
    /// </summary>
    internal NexuSqlException? LockedByEnclosingUnit(NexuSqlSession session, NexuSqlTransientException e)
    {
        if (!Dialect.Capabilities.SingleWriter) return null;
        for (var unit = Running.Value; unit is not null; unit = unit.Enclosing)
        {
            if (unit.Source != DataSource || unit.Transaction is not { } held || ReferenceEquals(held, session)) continue;
            return new NexuSqlException(
                "The database is locked by the enclosing unit: this call runs on another connection than the unit of work it is made " +
                $"from (a db.TransactionAsync, db.ExecuteAsync, ... inside the unit), and {Engine.DisplayName()} lets one transaction " +
                "write at a time, so it waits for the enclosing unit, which waits for it. Use the unit's transaction instead: tx.ExecuteAsync(...), " +
                "or tx.TransactionAsync(...) for a nested unit (a savepoint of the enclosing one). " + e.Message,
                Engine, e.EngineCode, e);
        }
        return null;
    }

    private async ValueTask<T> RunUnitAsync<T>(bool async, Func<NexuSqlTransaction, ValueTask<T>> work, TransactionOptions? options, CancellationToken ct)
    {
        var o = options ?? Options.Transactions;
        if (o.MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts must be at least 1.");
        CheckSettings(o);
        var unit = new RunningUnit(DataSource, Running.Value);
        Running.Value = unit;
        try
        {
            return await RunUnitCoreAsync(async, work, o, unit, ct).ConfigureAwait(false);
        }
        finally
        {
            Running.Value = unit.Enclosing;
        }
    }

    /// <summary>BEGIN, then the unit's <see cref="TransactionOptions.Settings"/>; their reset (MySQL) runs when the transaction gives its connection back.</summary>
    private async ValueTask<NexuSqlTransaction> BeginUnitAsync(bool async, TransactionOptions o, CancellationToken ct)
    {
        var tx = await BeginCoreAsync(async, o.IsolationLevel, ct).ConfigureAwait(false);
        if (o.Settings is not { Count: > 0 } settings) return tx;
        try
        {
            foreach (var (name, value) in settings)
            {
                await tx.ExecuteCoreAsync(async, Dialect.UnitSettingSql(name)!, new Dictionary<string, object?> { ["value"] = value }, ct).ConfigureAwait(false);
                if (Dialect.UnitSettingResetSql(name) is { } reset) tx.ResetOnReturn.Add(reset);
            }
            return tx;
        }
        catch
        {
            if (async) await tx.DisposeAsync().ConfigureAwait(false); else tx.Dispose();
            throw;
        }
    }

    private async ValueTask<T> RunUnitCoreAsync<T>(bool async, Func<NexuSqlTransaction, ValueTask<T>> work, TransactionOptions o, RunningUnit unit, CancellationToken ct)
    {
        if (Dialect.Capabilities.RestartSavepoint is { } savepoint) return await RunWithRestartSavepointAsync(async, work, o, savepoint, ct).ConfigureAwait(false);
        var pinged = false;
        for (var attempt = 1; ; attempt++)
        {
            NexuSqlTransaction? tx = null;
            var beforeWork = 0;
            var committing = false;
            try
            {
                tx = unit.Transaction = await BeginUnitAsync(async, o, ct).ConfigureAwait(false);
                beforeWork = tx.CommandsStarted; // the unit's settings
                var result = await work(tx).ConfigureAwait(false);
                committing = true;
                await tx.CommitCoreAsync(async, ct).ConfigureAwait(false);
                return result;
            }
            // found at BEGIN, at the unit's settings (tx still null) or by the work's first statement (Npgsql sends
            // BEGIN with it): nothing of the work ran
            catch (NexuSqlConnectionException e) when (e.IsTransient && !pinged && !committing && (tx is null || tx.CommandsStarted <= beforeWork + 1))
            {
                ReplaceDeadConnection(e);
                pinged = true;
                attempt--;
                continue;
            }
            catch (NexuSqlTransientException e) when (attempt < o.MaxAttempts)
            {
                Logger?.LogWarning("Transaction attempt {Attempt} of {Max} aborted by {Engine} ({Code}); re-running the unit.",
                    attempt, o.MaxAttempts, Engine, e.EngineCode);
            }
            catch (NexuSqlTransientException e)
            {
                throw new NexuSqlTransientException(
                    $"The transaction was aborted by {Engine.DisplayName()} {attempt} time(s) in a row (code {e.EngineCode}); giving up. " +
                    $"Reduce contention or raise TransactionOptions.MaxAttempts. Last error: {e.Message}",
                    Engine, e.EngineCode, e) { Attempts = attempt };
            }
            finally
            {
                unit.Transaction = null;
                if (tx is not null)
                {
                    if (async) await tx.DisposeAsync().ConfigureAwait(false); else tx.Dispose();
                }
            }
            var delay = o.DelayAfter(attempt);
            if (async) await Task.Delay(delay, ct).ConfigureAwait(false);
            else Thread.Sleep(delay);
        }
    }

    /// <summary>
    /// Pre-ping semantics: a pooled connection found dead before any of the unit's work ran (a server restart,
    /// <c>pg_terminate_backend</c>: 57P01; MariaDB <c>KILL</c>) is replaced once, after the pool's other idle
    /// connections — dead too, most likely — are dropped.
    /// </summary>
    private void ReplaceDeadConnection(NexuSqlConnectionException e)
    {
        Provider.ClearPool(DataSource);
        Logger?.LogWarning("The pooled connection was dead at the start of a unit ({Code}); running the unit on a new connection.", e.EngineCode);
    }

    /// <summary>
    /// CockroachDB's client-side retry protocol: one transaction, <c>SAVEPOINT cockroach_restart</c> right after BEGIN,
    /// <c>ROLLBACK TO SAVEPOINT</c> and a re-run of the whole unit on a retryable error, <c>RELEASE SAVEPOINT</c> to commit.
    /// </summary>
    private async ValueTask<T> RunWithRestartSavepointAsync<T>(bool async, Func<NexuSqlTransaction, ValueTask<T>> work, TransactionOptions o, string savepoint, CancellationToken ct)
    {
        NexuSqlTransaction? tx = null;
        try
        {
            for (var pinged = false; ; pinged = true)
            {
                try
                {
                    tx = await BeginUnitAsync(async, o, ct).ConfigureAwait(false);
                    await tx.ExecuteStatementAsync(async, Dialect.SavepointSql(savepoint), ct).ConfigureAwait(false);
                    break;
                }
                catch (NexuSqlConnectionException e) when (e.IsTransient && !pinged)
                {
                    ReplaceDeadConnection(e);
                    if (tx is not null)
                    {
                        if (async) await tx.DisposeAsync().ConfigureAwait(false); else tx.Dispose();
                        tx = null;
                    }
                }
            }
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var result = await work(tx).ConfigureAwait(false);
                    await tx.ExecuteStatementAsync(async, Dialect.ReleaseSavepointSql(savepoint), ct).ConfigureAwait(false);
                    await tx.CommitCoreAsync(async, ct).ConfigureAwait(false);
                    return result;
                }
                catch (NexuSqlTransientException e) when (attempt < o.MaxAttempts)
                {
                    Logger?.LogWarning("Transaction attempt {Attempt} of {Max} must restart ({Code}); rolling back to {Savepoint}.", attempt, o.MaxAttempts, e.EngineCode, savepoint);
                    tx.Restarted();
                    await tx.ExecuteStatementAsync(async, Dialect.RollbackToSavepointSql(savepoint), ct).ConfigureAwait(false);
                }
                catch (NexuSqlTransientException e)
                {
                    throw new NexuSqlTransientException(
                        $"The transaction had to restart {attempt} time(s) in a row (code {e.EngineCode}); giving up. " +
                        $"Reduce contention or raise TransactionOptions.MaxAttempts. Last error: {e.Message}", Engine, e.EngineCode, e) { Attempts = attempt };
                }
                var delay = o.DelayAfter(attempt);
                if (async) await Task.Delay(delay, ct).ConfigureAwait(false);
                else Thread.Sleep(delay);
            }
        }
        finally
        {
            if (tx is not null)
            {
                if (async) await tx.DisposeAsync().ConfigureAwait(false); else tx.Dispose();
            }
        }
    }

    /// <summary>Disposes the connection source if the database created it.</summary>
    public void Dispose()
    {
        _disposed = true;
        if (_ownsDataSource) DataSource.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_ownsDataSource) await DataSource.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary><c>NexuSqlDatabase(PostgreSql, postgresql://app:***@host/db)</c>: never the password.</summary>
    public override string ToString() => $"NexuSqlDatabase({Engine}, {_display})";
}
