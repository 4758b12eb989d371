using NexuSql.Specification;

namespace NexuSql.PostgreSql.Tests;

/// <summary>
/// No CockroachDB server installs here. CockroachDB speaks PostgreSQL's protocol, so its client-side retry
/// protocol is checked statement by statement against the PostgreSQL server, through a cockroachdb:// URL.
/// </summary>
public sealed class CockroachDbProtocolTests(PostgreSqlFixture fixture) : IClassFixture<PostgreSqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private NexuSqlDatabase OpenAsCockroach(CollectingLoggerFactory log)
    {
        var url = fixture.Url;
        var cockroach = DatabaseUrl.Parse($"cockroachdb://{url.UserName}@{url.Host}/{url.Database}");
        return NexuSqlDatabase.Open(cockroach, new NexuSqlOptions { LoggerFactory = log });
    }

    private static List<string> Statements(CollectingLoggerFactory log) =>
        log.Messages.Where(m => m.StartsWith("Executing on CockroachDb: ", StringComparison.Ordinal))
            .Select(m => m["Executing on CockroachDb: ".Length..]).ToList();

    [Fact]
    public async Task TransactionAsync_follows_the_restart_savepoint_protocol_on_retry()
    {
        var table = fixture.NewTable("crdb");
        await fixture.Database.ExecuteAsync($"CREATE TABLE {table} (n int)", cancellationToken: Ct);
        var log = new CollectingLoggerFactory();
        await using var db = OpenAsCockroach(log);
        Assert.Equal(NexuSqlEngine.CockroachDb, db.Engine);
        var attempts = 0;
        await db.TransactionAsync(async tx =>
        {
            attempts++;
            await tx.ExecuteAsync($"INSERT INTO {table} (n) VALUES (:n)", new { n = attempts }, Ct);
            if (attempts == 1) throw new NexuSqlTransientException("restart transaction: TransactionRetryWithProtoRefreshError", NexuSqlEngine.CockroachDb, "40001");
        }, new TransactionOptions { BaseDelay = TimeSpan.FromMilliseconds(1) }, Ct);
        Assert.Equal(
        [
            "BEGIN",
            "SAVEPOINT \"cockroach_restart\"",
            $"INSERT INTO {table} (n) VALUES ($1)",
            "ROLLBACK TO SAVEPOINT \"cockroach_restart\"",
            $"INSERT INTO {table} (n) VALUES ($1)",
            "RELEASE SAVEPOINT \"cockroach_restart\"",
            "COMMIT",
        ], Statements(log));
        // the first attempt's insert was rolled back to the savepoint; only the second one committed
        Assert.Equal([2], await fixture.Database.QueryAsync<int>($"SELECT n FROM {table}", cancellationToken: Ct));
    }

    [Fact]
    public async Task TransactionAsync_restart_limit_ends_in_a_clear_error_and_rolls_back()
    {
        var table = fixture.NewTable("crdb_limit");
        await fixture.Database.ExecuteAsync($"CREATE TABLE {table} (n int)", cancellationToken: Ct);
        var log = new CollectingLoggerFactory();
        await using var db = OpenAsCockroach(log);
        var e = await Assert.ThrowsAsync<NexuSqlTransientException>(() => db.TransactionAsync(async tx =>
        {
            await tx.ExecuteAsync($"INSERT INTO {table} (n) VALUES (1)", cancellationToken: Ct);
            throw new NexuSqlTransientException("restart transaction", NexuSqlEngine.CockroachDb, "40001");
        }, new TransactionOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) }, Ct));
        Assert.Equal(3, e.Attempts);
        Assert.Equal(2, Statements(log).Count(s => s.StartsWith("ROLLBACK TO SAVEPOINT", StringComparison.Ordinal)));
        Assert.DoesNotContain("COMMIT", Statements(log));
        Assert.Equal(0L, await fixture.Database.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}", cancellationToken: Ct));
    }

    [Theory]
    [InlineData("40003", typeof(NexuSqlAmbiguousCommitException))]
    [InlineData("40001", typeof(NexuSqlTransientException))]
    [InlineData("40P01", typeof(NexuSqlTransientException))]
    [InlineData("57P01", typeof(NexuSqlConnectionException))]
    [InlineData("08006", typeof(NexuSqlConnectionException))]
    [InlineData("23505", typeof(NexuSqlConstraintException))]
    [InlineData("42601", typeof(NexuSqlSyntaxException))]
    [InlineData("42P01", typeof(NexuSqlUndefinedObjectException))]
    [InlineData("28P01", typeof(NexuSqlConnectionException))]
    [InlineData("3D000", typeof(NexuSqlConnectionException))]
    [InlineData("53100", typeof(NexuSqlStorageFullException))]
    public void TranslateException_maps_sqlstates_to_the_caller_s_next_step(string sqlState, Type expected)
    {
        var provider = NexuSqlProviders.Get(NexuSqlEngine.CockroachDb);
        var e = provider.TranslateException(new Npgsql.PostgresException("server message", "ERROR", "ERROR", sqlState));
        Assert.IsType(expected, e);
        Assert.Equal(sqlState, e.EngineCode);
        Assert.Equal(sqlState is "40001" or "40P01" or "57P01" or "08006", e.IsTransient);
    }

    [Fact]
    public async Task TransactionAsync_whose_pooled_connection_was_terminated_begins_again_on_a_new_one()
    {
        var log = new CollectingLoggerFactory();
        await using var db = OpenAsCockroach(log);
        var pid = await db.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", cancellationToken: Ct); // now idle in the pool
        Assert.True(await fixture.Database.ExecuteScalarAsync<bool>("SELECT pg_terminate_backend(:pid)", new { pid }, Ct));
        await Task.Delay(200, Ct);
        var runs = 0;
        Assert.NotEqual(pid, await db.TransactionAsync(tx => { runs++; return tx.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", cancellationToken: Ct); }, cancellationToken: Ct));
        Assert.Equal(1, runs); // met at the restart savepoint, before the work
        Assert.Equal(2, Statements(log).Count(s => s.StartsWith("SAVEPOINT", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TransactionAsync_sync_path_uses_the_same_protocol()
    {
        var log = new CollectingLoggerFactory();
        await using var db = OpenAsCockroach(log);
        Assert.Equal(7, db.Transaction(tx => tx.ExecuteScalar<int>("SELECT 7")));
        Assert.Equal(["BEGIN", "SAVEPOINT \"cockroach_restart\"", "SELECT 7", "RELEASE SAVEPOINT \"cockroach_restart\"", "COMMIT"], Statements(log));
    }
}
