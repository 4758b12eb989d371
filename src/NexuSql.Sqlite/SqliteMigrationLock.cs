using System.Collections.Concurrent;
using System.Diagnostics;

namespace NexuSql.Sqlite;

/// <summary>
/// The migration lock on SQLite: an exclusive OS lock on <c>&lt;database&gt;.nexusql-migrate.lock</c>, independent of
/// SQLite's own locks so that each migration keeps its own transaction. The kernel releases it when the process
/// ends, kill -9 included. Who holds it is written to a neighbouring <c>.info</c> file. An in-memory database is
/// private to one process, so an in-process semaphore serves.
/// </summary>
internal sealed class SqliteMigrationLock : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InProcess = new();

    private readonly FileStream? _file;
    private readonly SemaphoreSlim? _semaphore;
    private readonly string? _infoPath;

    private SqliteMigrationLock(FileStream? file, SemaphoreSlim? semaphore, string? infoPath)
    {
        _file = file;
        _semaphore = semaphore;
        _infoPath = infoPath;
    }

    public static async Task<IAsyncDisposable> AcquireAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken ct)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.DataSource.ConnectionString);
        if (builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            var semaphore = InProcess.GetOrAdd(builder.DataSource + "|" + scope, _ => new SemaphoreSlim(1, 1));
            if (!await semaphore.WaitAsync(timeout, ct).ConfigureAwait(false))
                throw new NexuSqlTimeoutException($"Another migration in this process holds the lock; gave up after {timeout.TotalSeconds:0.#} s.", NexuSqlEngine.Sqlite);
            return new SqliteMigrationLock(null, semaphore, null);
        }
        var path = Path.GetFullPath(builder.DataSource) + ".nexusql-migrate.lock";
        var infoPath = path + ".info";
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                await File.WriteAllTextAsync(infoPath,
                    $"pid {Environment.ProcessId} on {Environment.MachineName}, user {Environment.UserName}, since {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}", ct).ConfigureAwait(false);
                return new SqliteMigrationLock(file, null, infoPath);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException)
            {
                // not a lock someone holds: waiting would only end in a wrong "another migrator holds it"
                throw new NexuSqlConnectionException(
                    $"Cannot create the migration lock file {path}: {(e is DirectoryNotFoundException ? "its folder does not exist" : "its folder is not writable")}. " +
                    $"Check the database path (a sqlite:/// URL is relative to the current folder, sqlite://// is absolute).",
                    NexuSqlEngine.Sqlite, innerException: e, isTransient: false);
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 + Random.Shared.Next(100)), ct).ConfigureAwait(false);
            }
            catch (IOException)
            {
                var holder = File.Exists(infoPath) ? File.ReadAllText(infoPath) : "unknown holder";
                throw new NexuSqlTimeoutException(
                    $"Another migrator holds the migration lock {path} ({holder}); gave up after {timeout.TotalSeconds:0.#} s. " +
                    "Wait for it to finish, or raise --lock-timeout.", NexuSqlEngine.Sqlite);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _semaphore?.Release();
        if (_file is not null)
        {
            // The info file goes first: between its removal and the unlock nobody else can hold the lock.
            try { File.Delete(_infoPath!); } catch (IOException) { }
            _file.Dispose();
        }
        return default;
    }
}
