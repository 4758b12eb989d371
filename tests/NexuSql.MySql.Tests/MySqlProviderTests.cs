namespace NexuSql.MySql.Tests;

public sealed class MySqlProviderTests(MySqlFixture fixture) : IClassFixture<MySqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TopologyWarningsAsync_on_a_single_server_says_nothing_about_a_table_without_primary_key()
    {
        // the Galera warning must come from the server's wsrep_on, not from the table alone (the Galera side: ClusterCliTests)
        var db = fixture.Database;
        var table = fixture.NewTable("nopk");
        await db.ExecuteAsync($"CREATE TABLE {table} (v INT)", cancellationToken: Ct);
        Assert.Equal("OFF", (await db.QueryFirstAsync<Row>("SHOW SESSION VARIABLES LIKE 'wsrep_on'", cancellationToken: Ct))[1]);
        Assert.Empty(await db.Provider.TopologyWarningsAsync(db, Ct));
    }

    [Fact]
    public async Task TransactionAsync_lock_wait_timeout_reruns_the_whole_unit()
    {
        var db = fixture.Database;
        var table = fixture.NewTable("locked");
        await db.ExecuteAsync($"CREATE TABLE {table} (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB", cancellationToken: Ct);
        await db.ExecuteAsync($"INSERT INTO {table} VALUES (1, 0)", cancellationToken: Ct);
        var blocker = await db.BeginTransactionAsync(cancellationToken: Ct);
        await blocker.ExecuteAsync($"UPDATE {table} SET n = n WHERE id = 1", cancellationToken: Ct);
        var release = Task.Delay(1_500, Ct).ContinueWith(_ => blocker.Dispose(), Ct);
        var attempts = 0;
        await db.TransactionAsync(async tx =>
        {
            attempts++;
            // first attempt gives up on the lock after 1 s (error 1205); later ones wait long enough
            await tx.ExecuteAsync("SET SESSION innodb_lock_wait_timeout = :t", new { t = attempts == 1 ? 1 : 20 }, Ct);
            await tx.ExecuteAsync($"UPDATE {table} SET n = n + 1 WHERE id = 1", cancellationToken: Ct);
        }, cancellationToken: Ct);
        await release;
        Assert.True(attempts >= 2, $"expected a retry after error 1205, ran {attempts} time(s)");
        Assert.Equal(1, await db.ExecuteScalarAsync<int>($"SELECT n FROM {table}", cancellationToken: Ct));
    }

    [Fact]
    public async Task Query_user_variables_pass_through_next_to_parameters()
    {
        var db = fixture.Database;
        await using var tx = await db.BeginTransactionAsync(cancellationToken: Ct);
        await tx.ExecuteAsync("SET @nx_total := :start", new { start = 40 }, Ct);
        Assert.Equal(42L, await tx.ExecuteScalarAsync<long>("SELECT @nx_total + :step", new { step = 2 }, Ct));
    }

    [Fact]
    public async Task Open_unreachable_server_is_a_connection_error()
    {
        await using var db = NexuSqlDatabase.Open("mysql://root@127.0.0.1:1/mysql?connect_timeout=2");
        await Assert.ThrowsAsync<NexuSqlConnectionException>(() => db.ExecuteAsync("SELECT 1", cancellationToken: Ct));
    }

    [Fact]
    public void Provider_is_driver_agnostic_and_found_by_factory_type_name()
    {
        var provider = (MySqlProvider)NexuSqlProviders.Get(NexuSqlEngine.MySql);
        Assert.Equal("MySqlConnector.MySqlConnectorFactory", provider.Factory.GetType().FullName);
        Assert.DoesNotContain(typeof(MySqlProvider).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("MySql", StringComparison.Ordinal));
    }
}
