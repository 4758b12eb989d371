using System.Data.Common;

namespace NexuSql;

/// <summary>
/// An open transaction on one connection. Every query through it runs inside the transaction. Dispose it to give
/// the connection back; a transaction neither committed nor rolled back is rolled back then.
/// </summary>
public sealed class NexuSqlTransaction : NexuSqlSession, IDisposable, IAsyncDisposable
{
    private readonly NexuSqlDatabase _database;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private bool _completed;
    private bool _disposed;

    internal NexuSqlTransaction(NexuSqlDatabase database, DbConnection connection, DbTransaction transaction)
        : base(database.Provider, database.Options)
    {
        _database = database;
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>The driver transaction, for work NexuSQL does not cover.</summary>
    public DbTransaction DbTransaction => _transaction;

    /// <summary>The connection the transaction runs on.</summary>
    public DbConnection Connection => _connection;

    /// <inheritdoc/>
    private protected override DbTransaction? CurrentTransaction => _transaction;

    /// <inheritdoc/>
    private protected override NexuSqlDatabase Owner => _database;

    /// <inheritdoc/>
    private protected override ValueTask<DbConnection> AcquireAsync(bool async, CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        if (_abortedBy is { } cause) throw Aborted(cause);
        return new ValueTask<DbConnection>(_connection);
    }

    private void ThrowIfCompleted()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException("The transaction has already been committed or rolled back.");
    }

    /// <summary>
    /// The failure of a nested unit after which the engine no longer had the transaction (MySQL rolls all of it back on
    /// a deadlock) or the connection was lost: every later statement and the COMMIT throw instead of running outside it.
    /// </summary>
    private NexuSqlException? _abortedBy;

    private NexuSqlException Aborted(NexuSqlException cause)
    {
        var message = $"The transaction is gone: {Engine.DisplayName()} rolled it back (or the connection was lost) when a nested unit " +
            "failed, so nothing more can run in it. A unit of work (db.TransactionAsync) re-runs as a whole on a transient error; " +
            $"start an explicit transaction again. The nested unit's error: {cause.Message}";
        return cause switch
        {
            NexuSqlTransientException => new NexuSqlTransientException(message, Engine, cause.EngineCode, cause),
            NexuSqlConnectionException => new NexuSqlConnectionException(message, Engine, cause.EngineCode, cause, cause.IsTransient),
            _ => new NexuSqlException(message, Engine, cause.EngineCode, cause, cause.IsTransient),
        };
    }

    /// <summary>After CockroachDB's <c>ROLLBACK TO SAVEPOINT cockroach_restart</c> the transaction is usable again.</summary>
    internal void Restarted() => _abortedBy = null;

    /// <inheritdoc/>
    private protected override ValueTask ReleaseAsync(DbConnection connection, bool async) => default;

    /// <summary>Commits.</summary>
    /// <exception cref="NexuSqlAmbiguousCommitException">The connection failed during COMMIT: the outcome is unknown.</exception>
    public void Commit() => CommitCoreAsync(false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Commit"/>
    public Task CommitAsync(CancellationToken cancellationToken = default) => CommitCoreAsync(true, cancellationToken).AsTask();

    internal async ValueTask CommitCoreAsync(bool async, CancellationToken ct)
    {
        await AcquireAsync(async, ct).ConfigureAwait(false);
        try
        {
            LogStatement("COMMIT");
            if (async) await _transaction.CommitAsync(ct).ConfigureAwait(false); else _transaction.Commit();
            _completed = true;
        }
        catch (DbException e) when (e is not NexuSqlException)
        {
            _completed = true;
            var translated = Translate(e);
            if (translated is NexuSqlConnectionException)
                throw new NexuSqlAmbiguousCommitException(
                    $"The connection failed while committing; the transaction may or may not have been committed. Check the data before retrying. {translated.Message}",
                    Engine, translated.EngineCode, e);
            throw translated;
        }
    }

    /// <summary>Rolls back.</summary>
    public void Rollback() => RollbackCoreAsync(false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Rollback"/>
    public Task RollbackAsync(CancellationToken cancellationToken = default) => RollbackCoreAsync(true, cancellationToken).AsTask();

    private async ValueTask RollbackCoreAsync(bool async, CancellationToken ct)
    {
        ThrowIfCompleted();
        _completed = true;
        LogStatement("ROLLBACK");
        try
        {
            if (async) await _transaction.RollbackAsync(ct).ConfigureAwait(false); else _transaction.Rollback();
        }
        catch (DbException e) when (e is not NexuSqlException)
        {
            throw Translate(e);
        }
    }

    /// <summary>Creates a savepoint named <paramref name="name"/> (quoted through the dialect).</summary>
    public void Save(string name) => Execute(Dialect.SavepointSql(name));

    /// <inheritdoc cref="Save"/>
    public Task SaveAsync(string name, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Dialect.SavepointSql(name), cancellationToken: cancellationToken);

    /// <summary>Rolls back to a savepoint; the transaction stays open.</summary>
    public void RollbackTo(string name) => Execute(Dialect.RollbackToSavepointSql(name));

    /// <inheritdoc cref="RollbackTo"/>
    public Task RollbackToAsync(string name, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Dialect.RollbackToSavepointSql(name), cancellationToken: cancellationToken);

    /// <summary>Releases a savepoint (a no-op where the engine has no RELEASE).</summary>
    public void Release(string name)
    {
        var sql = Dialect.ReleaseSavepointSql(name);
        if (sql.Length > 0) Execute(sql);
    }

    /// <inheritdoc cref="Release"/>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var sql = Dialect.ReleaseSavepointSql(name);
        if (sql.Length > 0) await ExecuteAsync(sql, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private int _units;

    /// <summary>Statements that undo the unit's settings (MySQL user variables), run before the connection returns to the pool.</summary>
    internal List<string> ResetOnReturn { get; } = [];

    private async ValueTask ResetSettingsAsync(bool async)
    {
        foreach (var sql in ResetOnReturn)
        {
            try
            {
                await using var command = _connection.CreateCommand();
                command.CommandText = sql;
                if (async) await command.ExecuteNonQueryAsync().ConfigureAwait(false); else command.ExecuteNonQuery();
            }
            catch (DbException)
            {
                // a broken connection is not handed out again as it is
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> as a nested unit of this transaction: a savepoint, released when the work returns,
    /// rolled back to (undoing only the nested unit's statements) when it throws; the exception is then thrown on, so the
    /// enclosing unit decides. It commits only with the enclosing transaction and rolls back with it.
    /// </summary>
    /// <remarks>
    /// Retries follow the enclosing unit: a serialization failure or deadlock inside the nested unit is thrown on, and
    /// <see cref="NexuSqlDatabase.TransactionAsync(Func{NexuSqlTransaction, Task}, TransactionOptions?, CancellationToken)"/>
    /// re-runs the whole unit, nested ones included (a nested unit never re-runs alone: the engine may have aborted the
    /// whole transaction, as MySQL does on a deadlock). When the engine no longer has the transaction after the nested
    /// unit failed (MySQL after a deadlock, a lost connection), every later statement and the COMMIT throw — a
    /// <see cref="NexuSqlTransientException"/> after a transient error, so the enclosing unit re-runs — instead of running
    /// outside it, even if the work catches the nested unit's error. Unlike this, <c>db.TransactionAsync</c> called
    /// inside a unit starts an independent transaction on another connection.
    /// </remarks>
    /// <exception cref="NotSupportedException">The engine has no savepoints.</exception>
    public Task TransactionAsync(Func<NexuSqlTransaction, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunNestedAsync<bool>(true, async tx => { await work(tx).ConfigureAwait(false); return true; }, cancellationToken).AsTask();
    }

    /// <inheritdoc cref="TransactionAsync(Func{NexuSqlTransaction, Task}, CancellationToken)"/>
    public Task<T> TransactionAsync<T>(Func<NexuSqlTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunNestedAsync(true, tx => new ValueTask<T>(work(tx)), cancellationToken).AsTask();
    }

    /// <inheritdoc cref="TransactionAsync(Func{NexuSqlTransaction, Task}, CancellationToken)"/>
    public void Transaction(Action<NexuSqlTransaction> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        RunNestedAsync(false, tx => { work(tx); return new ValueTask<bool>(true); }, default).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="TransactionAsync(Func{NexuSqlTransaction, Task}, CancellationToken)"/>
    public T Transaction<T>(Func<NexuSqlTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunNestedAsync(false, tx => new ValueTask<T>(work(tx)), default).GetAwaiter().GetResult();
    }

    private async ValueTask<T> RunNestedAsync<T>(bool async, Func<NexuSqlTransaction, ValueTask<T>> work, CancellationToken ct)
    {
        if (!Dialect.Capabilities.Savepoints) throw new NotSupportedException($"{Engine.DisplayName()} has no savepoints, so units cannot be nested.");
        var name = "nexusql_unit_" + (++_units).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ExecuteStatementAsync(async, Dialect.SavepointSql(name), ct).ConfigureAwait(false);
        T result;
        try
        {
            result = await work(this).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            try
            {
                await ExecuteStatementAsync(async, Dialect.RollbackToSavepointSql(name), CancellationToken.None).ConfigureAwait(false);
            }
            catch (NexuSqlException lost)
            {
                // the transaction itself is gone (connection lost, or the engine rolled it all back: MySQL on a
                // deadlock): the enclosing unit sees the nested unit's own error, thrown below, and nothing more runs
                // in the transaction — on MySQL it would run in autocommit mode, outside any unit
                _abortedBy ??= e as NexuSqlException ?? lost;
            }
            throw;
        }
        if (Dialect.ReleaseSavepointSql(name) is { Length: > 0 } release) await ExecuteStatementAsync(async, release, ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>Rolls back if still open, and gives the connection back.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            _transaction.Dispose();
            ResetSettingsAsync(false).GetAwaiter().GetResult();
        }
        catch (DbException) when (_connection.State != System.Data.ConnectionState.Open)
        {
            // the connection is gone (the server closed it: a statement beyond max_allowed_packet, a restart): the
            // server rolled the transaction back with it, and the error that broke it is the one the caller sees
        }
        finally
        {
            _database.ReturnAsync(_connection, false).GetAwaiter().GetResult();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            await _transaction.DisposeAsync().ConfigureAwait(false);
            await ResetSettingsAsync(true).ConfigureAwait(false);
        }
        catch (DbException) when (_connection.State != System.Data.ConnectionState.Open)
        {
            // see Dispose: the broken connection took the transaction with it
        }
        finally
        {
            await _database.ReturnAsync(_connection, true).ConfigureAwait(false);
        }
    }

    /// <summary>Describes the transaction's database (never the password).</summary>
    public override string ToString() => $"NexuSqlTransaction on {_database}";
}
