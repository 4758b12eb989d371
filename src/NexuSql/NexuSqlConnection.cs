using System.Data.Common;

namespace NexuSql;

/// <summary>
/// One connection held for several calls, outside any transaction: for session state such as advisory locks,
/// temporary tables or <c>SET</c> variables. Same query methods as <see cref="NexuSqlDatabase"/>. Dispose it to give
/// the connection back to the pool.
/// </summary>
public sealed class NexuSqlConnection : NexuSqlSession, IDisposable, IAsyncDisposable
{
    private readonly DbConnection _connection;
    private bool _disposed;

    internal NexuSqlConnection(NexuSqlDatabase database, DbConnection connection)
        : base(database.Provider, database.Options)
    {
        Database = database;
        _connection = connection;
    }

    /// <summary>The database this connection belongs to.</summary>
    public NexuSqlDatabase Database { get; }

    /// <inheritdoc/>
    private protected override NexuSqlDatabase Owner => Database;

    /// <summary>The driver connection, for work NexuSQL does not cover.</summary>
    public DbConnection DbConnection => _connection;

    /// <inheritdoc/>
    private protected override DbTransaction? CurrentTransaction => null;

    /// <inheritdoc/>
    private protected override ValueTask<DbConnection> AcquireAsync(bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ValueTask<DbConnection>(_connection);
    }

    /// <inheritdoc/>
    private protected override ValueTask ReleaseAsync(DbConnection connection, bool async) => default;

    /// <summary>Gives the connection back to the pool.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Database.ReturnAsync(_connection, false).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        if (_disposed) return default;
        _disposed = true;
        return Database.ReturnAsync(_connection, true);
    }

    /// <summary>Describes the connection's database (never the password).</summary>
    public override string ToString() => $"NexuSqlConnection to {Database}";

    /// <summary>
    /// Runs statements that put the session back as it was (settings after a data load or a snapshot), from a
    /// <c>finally</c> block: on a connection that broke (server restart, lost network) they are skipped — the pool
    /// discards it with its settings — so that the error that broke it is the one the caller sees, not "Connection is
    /// not open".
    /// </summary>
    internal async Task RestoreSessionAsync(IEnumerable<string> statements)
    {
        try
        {
            foreach (var sql in statements)
            {
                if (_connection.State != System.Data.ConnectionState.Open) return;
                await ExecuteRawAsync(sql, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NexuSqlException or InvalidOperationException)
        {
            // broken while resetting (MySqlConnector: "Connection must be Open; current state is Broken", with State
            // still Open): the pool discards it
        }
    }
}
