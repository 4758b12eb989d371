namespace NexuSql;

/// <summary>A throw-away database for checks (drift, verification); disposing it drops it.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    /// <summary>Creates the handle.</summary>
    public ScratchDatabase(NexuSqlDatabase database, Func<Task> drop)
    {
        Database = database;
        _drop = drop;
    }

    /// <summary>The scratch database.</summary>
    public NexuSqlDatabase Database { get; }

    /// <summary>CREATE DATABASE next to <paramref name="source"/> (needs the privilege); DROP DATABASE on dispose.</summary>
    public static async Task<ScratchDatabase> OnSameServerAsync(NexuSqlDatabase source, CancellationToken ct)
    {
        var url = source.Url ?? throw new InvalidOperationException("A scratch database needs the source opened from a URL.");
        var name = "nexusql_scratch_" + Guid.NewGuid().ToString("N")[..12];
        var quoted = source.Dialect.QuoteIdentifier(name);
        await source.ExecuteRawAsync($"CREATE DATABASE {quoted}", ct).ConfigureAwait(false);
        var scratch = NexuSqlDatabase.Open(url.WithDatabase(name), source.Options);
        return new ScratchDatabase(scratch, async () =>
        {
            await scratch.DisposeAsync().ConfigureAwait(false);
            await source.ExecuteRawAsync(source.Dialect.DropDatabaseSql(quoted)).ConfigureAwait(false);
        });
    }

    /// <summary>Drops the scratch database.</summary>
    public async ValueTask DisposeAsync() => await _drop().ConfigureAwait(false);
}
