namespace NexuSql.Specification;

/// <summary>
/// A scratch database on a live server for one test class. When the server cannot be reached, tests skip with the
/// reason locally, and fail under <c>CI=true</c>: CI must never pass by skipping.
/// </summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private NexuSqlDatabase? _database;
    private string? _unavailable;
    private static int _counter;

    /// <summary>The engine under test.</summary>
    public abstract NexuSqlEngine Engine { get; }

    /// <summary>The scratch database.</summary>
    public NexuSqlDatabase Database => _database ?? Unavailable<NexuSqlDatabase>();

    /// <summary>The scratch database's URL.</summary>
    public DatabaseUrl Url => _url ?? Unavailable<DatabaseUrl>();

    private DatabaseUrl? _url;

    /// <summary>Spells a column type for this engine.</summary>
    public abstract string TypeName(SpecType type);

    /// <summary>An auto-numbered integer primary key column definition.</summary>
    public abstract string IdentityColumn(string name);

    /// <summary>The isolation level for the contention suite.</summary>
    public virtual System.Data.IsolationLevel? ContentionIsolation => null;

    /// <summary>A URL that must fail to connect because of its credentials or path; its password is <paramref name="password"/>.</summary>
    public abstract string BadCredentialsUrl(string password);

    /// <summary>A unique table name for one test.</summary>
    public string NewTable(string stem) => $"{stem}_{Interlocked.Increment(ref _counter)}";

    /// <summary>Creates the scratch database and returns its URL; throws when the server is unreachable.</summary>
    protected abstract Task<DatabaseUrl> CreateScratchAsync();

    /// <summary>Drops the scratch database.</summary>
    protected abstract Task DropScratchAsync(DatabaseUrl url);

    /// <summary>Skips locally, fails under CI.</summary>
    public T Unavailable<T>() => LiveServers.Unavailable<T>(Engine, _unavailable ?? "not initialized");

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        try
        {
            _url = await CreateScratchAsync();
            _database = NexuSqlDatabase.Open(_url);
        }
        catch (Exception e) when (e is NexuSqlException or InvalidOperationException or IOException)
        {
            _unavailable = e.Message;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
            await DropScratchAsync(_url!);
        }
        GC.SuppressFinalize(this);
    }
}
