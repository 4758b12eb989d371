using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace NexuSql.Sqlite;

/// <summary>
/// A connection source for SQLite. For an in-memory database it keeps one connection open for its whole life, so
/// the shared-cache database is not destroyed when the last working connection closes.
/// </summary>
internal sealed class SqliteDataSource : DbDataSource
{
    private readonly string _connectionString;
    private SqliteConnection? _keepAlive;

    public SqliteDataSource(string connectionString, bool keepAlive)
    {
        _connectionString = connectionString;
        if (keepAlive)
        {
            _keepAlive = new SqliteConnection(connectionString);
            _keepAlive.Open();
        }
    }

    public override string ConnectionString => _connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(_connectionString);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _keepAlive?.Dispose();
            _keepAlive = null;
        }
        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        if (_keepAlive is not null) await _keepAlive.DisposeAsync().ConfigureAwait(false);
        _keepAlive = null;
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }
}
