namespace NexuSql;

/// <summary>
/// A lock held by one database session (PostgreSQL advisory lock, MySQL GET_LOCK, SQL Server sp_getapplock): the
/// connection stays open while the lock is held, and the server drops the lock when the session ends, even if the
/// process is killed. Disposing runs the release statement and closes the session.
/// </summary>
public sealed class SessionLock : IAsyncDisposable
{
    private readonly NexuSqlConnection _session;
    private readonly string _releaseSql;
    private readonly object _releaseArgs;

    private SessionLock(NexuSqlConnection session, string releaseSql, object releaseArgs)
    {
        _session = session;
        _releaseSql = releaseSql;
        _releaseArgs = releaseArgs;
    }

    /// <summary>
    /// Opens a session and runs <paramref name="acquire"/> on it; <paramref name="acquire"/> returns the statement (with
    /// its arguments) that releases the lock, or throws (the session is then closed).
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireAsync(NexuSqlDatabase database,
        Func<NexuSqlConnection, Task<(string ReleaseSql, object ReleaseArgs)>> acquire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(acquire);
        var session = await database.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (sql, args) = await acquire(session).ConfigureAwait(false);
            return new SessionLock(session, sql, args);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Releases the lock and closes the session.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.ExecuteAsync(_releaseSql, _releaseArgs).ConfigureAwait(false);
        }
        finally
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }
    }
}
