using System.Diagnostics;
using NexuSql.Specification;

namespace NexuSql.PostgreSql.Tests;

/// <summary>
/// RELIABILITY.md #10 on a real primary + hot standby pair (scripts/test-servers.sh recreates it on every start):
/// reads reach the standby, writes the primary; when the primary stops, in-flight work fails clearly and reads go on;
/// once the standby is promoted, new writes reach it.
/// </summary>
public sealed class PostgreSqlReplicationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PairUrl => Environment.GetEnvironmentVariable("NEXUSQL_TEST_PG_PAIR_URL") is { Length: > 0 } u
        ? u : "postgresql://postgres@127.0.0.1:25434,127.0.0.1:25435/postgres";

    private static string PairDir => Environment.GetEnvironmentVariable("NEXUSQL_TEST_PG_PAIR_DIR") is { Length: > 0 } d ? d : "/tmp/nexusql-servers";

    [Fact]
    public async Task ForReads_uses_the_standby_and_writes_survive_a_failover()
    {
        // Npgsql re-checks a host's role after 1 s instead of 10, so the promoted standby is found quickly.
        await using var db = NexuSqlDatabase.Open(PairUrl + "?host_recheck_seconds=1");
        var reads = db.ForReads();
        string? notReady;
        try
        {
            var primaryIsPrimary = !await db.ExecuteScalarAsync<bool>("SELECT pg_is_in_recovery()", cancellationToken: Ct);
            var readsOnStandby = await reads.ExecuteScalarAsync<bool>("SELECT pg_is_in_recovery()", cancellationToken: Ct);
            notReady = primaryIsPrimary && readsOnStandby ? null : "no hot standby answers (an earlier run failed over)";
        }
        catch (NexuSqlException unavailable)
        {
            notReady = unavailable.Message;
        }
        if (notReady is not null)
            LiveServers.Unavailable<int>(NexuSqlEngine.PostgreSql, $"the primary + standby pair is not in its initial state ({notReady}); scripts/test-servers.sh start recreates it");
        Assert.Same(reads, db.ForReads());
        var table = "failover_" + Guid.NewGuid().ToString("N")[..8];
        var primaryPort = await db.ExecuteScalarAsync<int>("SELECT inet_server_port()", cancellationToken: Ct);
        var standbyPort = await reads.ExecuteScalarAsync<int>("SELECT inet_server_port()", cancellationToken: Ct);
        Assert.NotEqual(primaryPort, standbyPort);

        // writes on the primary stream to the standby
        await db.ExecuteAsync($"CREATE TABLE {table} (id int PRIMARY KEY, note text)", cancellationToken: Ct);
        await db.ExecuteAsync($"INSERT INTO {table} VALUES (1, :note)", new { note = "before failover" }, Ct);
        await Eventually(async () => await reads.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}", cancellationToken: Ct) == 1);
        // bt41 F30: the standby and its primary are one database (a copy from one into the other with --clean emptied both);
        // another database of the same pair is not
        var host = DatabaseUrl.Parse(PairUrl).Hosts[0].Name;
        await using (var standby = NexuSqlDatabase.Open($"postgresql://postgres@{host}:{standbyPort}/postgres"))
        await using (var primary = NexuSqlDatabase.Open($"postgresql://postgres@{host}:{primaryPort}/postgres"))
        await using (var template = NexuSqlDatabase.Open($"postgresql://postgres@{host}:{primaryPort}/template1"))
        {
            Assert.True(await standby.Provider.IsSameDatabaseAsync(standby, primary, Ct));
            Assert.True(await primary.Provider.IsSameDatabaseAsync(primary, standby, Ct));
            Assert.False(await standby.Provider.IsSameDatabaseAsync(standby, template, Ct));
            // bt41 F31: a standby's sequences read ahead of the primary's (WAL pre-logging): said on the standby only
            await db.ExecuteAsync($"CREATE SEQUENCE {table}_seq", cancellationToken: Ct);
            Assert.Equal(1L, await db.ExecuteScalarAsync<long>($"SELECT nextval('{table}_seq')", cancellationToken: Ct));
            await Eventually(async () => await standby.ExecuteScalarAsync<long>($"SELECT count(*) FROM pg_class WHERE relname = '{table}_seq'", cancellationToken: Ct) == 1);
            Assert.Contains(await standby.Provider.TopologyWarningsAsync(standby, Ct), w => w.Contains("hot standby: its sequences read as the positions the primary logged ahead", StringComparison.Ordinal));
            Assert.Empty(await primary.Provider.TopologyWarningsAsync(primary, Ct));
            await db.ExecuteAsync($"DROP SEQUENCE {table}_seq", cancellationToken: Ct);
        }
        var e = await Assert.ThrowsAsync<NexuSqlException>(() => reads.ExecuteAsync($"INSERT INTO {table} VALUES (99, 'x')", cancellationToken: Ct));
        Assert.Equal("25006", e.EngineCode); // read_only_sql_transaction: the standby refuses writes

        // the primary stops while a statement runs on it
        var inFlight = db.ExecuteAsync("SELECT pg_sleep(30)", cancellationToken: Ct);
        await Task.Delay(500, Ct);
        await PgCtlAsync("stop", "-D", Path.Combine(PairDir, "pg-primary"), "-m", "fast");
        var failed = await Assert.ThrowsAnyAsync<NexuSqlException>(() => inFlight.WaitAsync(TimeSpan.FromSeconds(20), Ct));
        Assert.True(failed is NexuSqlConnectionException, $"in-flight work should fail as a connection error, got {failed.GetType().Name}: {failed.Message}");

        // reads go on; writes fail clearly until a primary exists again
        Assert.Equal(1L, await reads.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}", cancellationToken: Ct));
        await Assert.ThrowsAsync<NexuSqlConnectionException>(() => db.ExecuteAsync($"INSERT INTO {table} VALUES (2, 'no primary')", cancellationToken: Ct));

        // promote the standby: new writes reach it
        Assert.True(await reads.ExecuteScalarAsync<bool>("SELECT pg_promote(true, 30)", cancellationToken: Ct));
        await Eventually(async () => await db.ExecuteAsync($"INSERT INTO {table} VALUES (2, :note)", new { note = "after failover" }, Ct) == 1);
        Assert.Equal(standbyPort, await db.ExecuteScalarAsync<int>("SELECT inet_server_port()", cancellationToken: Ct));
        Assert.Equal(["before failover", "after failover"], await db.QueryAsync<string>($"SELECT note FROM {table} ORDER BY id", cancellationToken: Ct));
    }

    /// <summary>Polls until the condition holds; an error counts as "not yet" (e.g. a table not replicated yet).</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await Holds(condition))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the condition did not hold within 30 s");
            await Task.Delay(200, Ct);
        }
    }

    private static async Task<bool> Holds(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (NexuSqlException)
        {
            return false;
        }
    }

    private static async Task PgCtlAsync(params string[] args)
    {
        var pgCtl = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", "pg_ctl")).First(File.Exists);
        var start = Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", pgCtl, .. args])
            : new ProcessStartInfo(pgCtl, args);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync(Ct));
    }
}
