using NexuSql.Specification;

namespace NexuSql.MySql.Tests;

/// <summary>
/// <see cref="NexuSqlDatabase.CatchUpAsync"/> on a MariaDB Galera node (the cluster of
/// <c>NEXUSQL_CLUSTERS=1 scripts/test-servers.sh start</c>, always under CI); values read with the mysql client.
/// </summary>
public sealed class GaleraCatchUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Catch_up_on_a_desynced_node_waits_though_the_pool_has_reset_its_connections()
    {
        // MariaDB skips the causal wait (wsrep_sync_wait) on a connection reset by COM_RESET_CONNECTION, which
        // MySqlConnector sends when it reuses a pooled connection: a catch-up on a pooled session returned at once
        var nodes = LiveServers.GaleraNodes;
        Assert.Equal(3, nodes.Count);
        var name = $"catchup_{Guid.NewGuid():N}"[..24];
        await using var first = NexuSqlDatabase.Open(nodes[0].WithDatabase("mysql").ToSecretString());
        try
        {
            await first.ExecuteAsync($"CREATE DATABASE {name}", cancellationToken: Ct);
        }
        catch (NexuSqlException e)
        {
            LiveServers.Unavailable<int>(NexuSqlEngine.MySql, "Galera: " + e.Message);
        }
        await first.ExecuteAsync($"CREATE TABLE {name}.t (id INT PRIMARY KEY, v INT); INSERT INTO {name}.t VALUES (1, 1)", cancellationToken: Ct);
        try
        {
            await using var second = NexuSqlDatabase.Open(nodes[1].WithDatabase(name).ToSecretString());
            await second.CatchUpAsync(Ct);
            // the pool now holds used connections: the next session is a reset one
            Assert.Equal(1, await second.ExecuteScalarAsync<int>("SELECT v FROM t WHERE id = 1", cancellationToken: Ct));

            var held = MySqlClient.QueryAsync(nodes[1], name, "FLUSH TABLES WITH READ LOCK; SELECT SLEEP(8)");
            for (var i = 0; i < 100 && !(await MySqlClient.QueryAsync(nodes[1], name, "SHOW STATUS LIKE 'wsrep_local_state_comment'")).Contains("Desynced", StringComparison.Ordinal); i++)
                await Task.Delay(100, Ct);
            await first.ExecuteAsync($"UPDATE {name}.t SET v = 2 WHERE id = 1", cancellationToken: Ct);

            await second.CatchUpAsync(Ct);
            Assert.Equal("2", (await MySqlClient.QueryAsync(nodes[1], name, "SELECT v FROM t WHERE id = 1")).Trim());
            await held;
        }
        finally
        {
            await first.ExecuteAsync($"DROP DATABASE {name}", cancellationToken: CancellationToken.None);
        }
    }
}
