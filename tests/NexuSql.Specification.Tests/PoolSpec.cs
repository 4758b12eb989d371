namespace NexuSql.Specification;

/// <summary>Connection limits on every engine (RELIABILITY.md #11): bounded waits, cancellation, no leaks.</summary>
public abstract class PoolSpec<TFixture>(TFixture fixture) : SpecBase<TFixture>(fixture) where TFixture : DatabaseFixture
{
    private NexuSqlDatabase OpenLimited(string options) => NexuSqlDatabase.Open(DatabaseUrl.Parse(Fixture.Url.ToSecretString() + options));

    [Fact]
    public async Task Pool_soak_1000_concurrent_calls_through_5_connections_complete_and_leak_nothing()
    {
        _ = Db;
        await using var db = OpenLimited("?pool_max=5&acquire_timeout=120");
        // Each call holds its connection across an await, as a request handler does, so 1,000 of them contend for 5.
        var results = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(n => Task.Run(async () =>
        {
            await using var session = await db.OpenSessionAsync(Ct);
            var value = await session.ExecuteScalarAsync<int>("SELECT :n", new { n }, Ct);
            await Task.Delay(1, Ct);
            return value;
        }, Ct)));
        Assert.Equal(Enumerable.Range(0, 1_000), results);
        var stats = db.PoolStatistics;
        Assert.Equal(0, stats.InUse);
        Assert.InRange(stats.Peak, 1, 5);
        Assert.Equal(1_000, stats.Acquired);
        Assert.True(stats.Waited > 0, "1,000 calls through 5 connections must have waited");
        Assert.Equal(0, stats.TimedOut);
        Assert.Equal(5, stats.MaxConnections);
    }

    [Fact]
    public async Task Pool_wait_is_bounded_and_says_how_many_connections_are_in_use()
    {
        _ = Db;
        await using var db = OpenLimited("?pool_max=1&acquire_timeout=1");
        await using (var tx = await db.BeginTransactionAsync(cancellationToken: Ct))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var e = await Assert.ThrowsAsync<NexuSqlTimeoutException>(() => db.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct));
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
            Assert.Contains("all 1 allowed connections are in use", e.Message);
            Assert.Equal(1, db.PoolStatistics.InUse);
            Assert.Throws<NexuSqlTimeoutException>(() => db.ExecuteScalar<int>("SELECT 1")); // the sync path waits the same way
        }
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct));
        Assert.Equal(0, db.PoolStatistics.InUse);
        Assert.Equal(2, db.PoolStatistics.TimedOut);
    }

    [Fact]
    public async Task Pool_cancellation_is_honoured_while_waiting_for_a_connection()
    {
        _ = Db;
        await using var db = OpenLimited("?pool_max=1&acquire_timeout=60");
        var session = await db.OpenSessionAsync(Ct);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.QueryAsync<int>("SELECT 1", cancellationToken: cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "cancellation was not honoured");
        Assert.Equal(1, db.PoolStatistics.InUse);
        await session.DisposeAsync();
        Assert.Equal(0, db.PoolStatistics.InUse);
    }

    [Fact]
    public async Task Open_url_pool_options_are_read_by_nexusql_not_passed_to_the_driver()
    {
        _ = Db;
        await using var db = OpenLimited("?pool_max=3&acquire_timeout=7&statement_timeout=9");
        Assert.Equal(3, db.Options.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(7), db.Options.AcquireTimeout);
        Assert.Equal(TimeSpan.FromSeconds(9), db.Options.CommandTimeout);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct));
        Assert.Throws<ArgumentException>(() => OpenLimited("?pool_max=zero"));
    }
}
