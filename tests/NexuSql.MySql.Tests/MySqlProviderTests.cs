namespace NexuSql.MySql.Tests;

public sealed class MySqlProviderTests(MySqlFixture fixture) : IClassFixture<MySqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("treat_tiny_as_boolean=true", "treat_tiny_as_boolean", "2 and -1 become 1")]
    [InlineData("TreatTinyAsBoolean=true", "TreatTinyAsBoolean", "2 and -1 become 1")]
    [InlineData("guid_format=Char36", "guid_format", "upper-case text becomes lower case")]
    [InlineData("old_guids=true", "old_guids", "read as GUIDs")]
    [InlineData("convert_zero_datetime=true", "convert_zero_datetime", "0001-01-01")]
    [InlineData("allow_zero_datetime=false", "allow_zero_datetime", "can no longer be read")]
    [InlineData("charset=latin1", "charset", "become '?'")]
    [InlineData("no_backslash_escapes=true", "no_backslash_escapes", "backslash")]
    public void CreateDataSource_refuses_an_option_that_changes_values_by_name(string option, string key, string harm)
    {
        var e = Assert.Throws<ArgumentException>(() => new MySqlProvider().CreateDataSource(DatabaseUrl.Parse("mysql://u@db.example/app?" + option)));
        Assert.Contains($"URL option {option} ", e.Message, StringComparison.Ordinal);
        Assert.Contains(harm, e.Message, StringComparison.Ordinal);
        Assert.Contains($"remove {key} from the URL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateDataSource_accepts_the_values_nexusql_uses_and_options_that_change_no_value()
    {
        using var source = new MySqlProvider().CreateDataSource(DatabaseUrl.Parse(
            "mysql://u@db.example/app?treat_tiny_as_boolean=false&guid_format=None&convert_zero_datetime=false&allow_zero_datetime=true&charset=UTF8MB4" +
            "&allow_load_local_infile=false&connect_timeout=5"));
        Assert.Contains("Allow Load Local Infile=False", source.ConnectionString, StringComparison.OrdinalIgnoreCase);
    }

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
        // 3 s: the first attempt must reach its UPDATE and give up (1 s) before the release, also on a loaded machine (1.5 s was too tight)
        var release = Task.Delay(3_000, Ct).ContinueWith(_ => blocker.Dispose(), Ct);
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
    public async Task A_unit_whose_pooled_connection_was_killed_runs_on_a_new_one_but_a_loss_after_its_first_statement_is_not_retried()
    {
        await using var db = NexuSqlDatabase.Open(fixture.Url);
        await using var admin = NexuSqlDatabase.Open(fixture.Url);
        async Task KillAsync(long id)
        {
            await admin.ExecuteAsync("KILL CONNECTION :id", new { id }, Ct);
            await Task.Delay(200, Ct);
        }
        var settings = new TransactionOptions { Settings = new Dictionary<string, string?> { ["app.user"] = "7" } };

        foreach (var options in new[] { (TransactionOptions?)null, settings })
        {
            var id = await db.ExecuteScalarAsync<long>("SELECT CONNECTION_ID()", cancellationToken: Ct); // now idle in the pool
            await KillAsync(id);
            var runs = 0;
            var newId = await db.TransactionAsync(async tx => { runs++; return await tx.ExecuteScalarAsync<long>("SELECT CONNECTION_ID()", cancellationToken: Ct); }, options, Ct);
            Assert.NotEqual(id, newId);
            Assert.InRange(runs, 1, 2); // the dead connection met at BEGIN (or by the first statement) is replaced, once
        }

        var syncId = db.ExecuteScalar<long>("SELECT CONNECTION_ID()");
        await KillAsync(syncId);
        Assert.NotEqual(syncId, db.Transaction(tx => tx.ExecuteScalar<long>("SELECT CONNECTION_ID()")));

        var lostRuns = 0;
        var e = await Assert.ThrowsAsync<NexuSqlConnectionException>(() => db.TransactionAsync(async tx =>
        {
            lostRuns++;
            await KillAsync(await tx.ExecuteScalarAsync<long>("SELECT CONNECTION_ID()", cancellationToken: Ct));
            await tx.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct); // lost after a statement ran: not retried
        }, cancellationToken: Ct));
        Assert.Equal(1, lostRuns);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task A_deadlock_inside_a_nested_unit_re_runs_the_whole_unit_even_when_the_work_catches_it()
    {
        var db = fixture.Database;
        var table = fixture.NewTable("nested_deadlock");
        var log = fixture.NewTable("nested_log");
        var ballast = fixture.NewTable("nested_ballast");
        await db.ExecuteAsync($"CREATE TABLE {table} (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB", cancellationToken: Ct);
        await db.ExecuteAsync($"CREATE TABLE {log} (run INT NOT NULL) ENGINE=InnoDB", cancellationToken: Ct);
        await db.ExecuteAsync($"CREATE TABLE {ballast} (v INT NOT NULL) ENGINE=InnoDB", cancellationToken: Ct);
        await db.ExecuteAsync($"INSERT INTO {table} VALUES (1, 0), (2, 0)", cancellationToken: Ct);

        var runs = 0;
        Task? other = null;
        NexuSqlTransientException? caught = null;
        await db.TransactionAsync(async tx =>
        {
            runs++;
            await tx.ExecuteAsync($"UPDATE {table} SET n = n + 1 WHERE id = 1", cancellationToken: Ct);
            try
            {
                await tx.TransactionAsync(async inner =>
                {
                    if (runs == 1)
                    {
                        // another transaction, made the heavier one so that InnoDB picks this unit as the victim, takes
                        // row 2 and waits for row 1; this unit then waits for row 2: a deadlock (1213)
                        var blocker = await db.BeginTransactionAsync(cancellationToken: Ct);
                        await blocker.ExecuteAsync($"INSERT INTO {ballast} (v) SELECT seq FROM seq_1_to_200", cancellationToken: Ct);
                        await blocker.ExecuteAsync($"UPDATE {table} SET n = n + 10 WHERE id = 2", cancellationToken: Ct);
                        other = Task.Run(async () =>
                        {
                            await using (blocker) await blocker.ExecuteAsync($"UPDATE {table} SET n = n + 10 WHERE id = 1", cancellationToken: Ct);
                        }, Ct);
                        await Task.Delay(500, Ct);
                    }
                    await inner.ExecuteAsync($"UPDATE {table} SET n = n + 1 WHERE id = 2", cancellationToken: Ct);
                }, Ct);
            }
            catch (NexuSqlTransientException e) when (e.EngineCode == "1213")
            {
                caught = e; // the work decides to carry on without the nested unit
            }
            // MySQL rolled the whole transaction back: this statement must not run in autocommit mode
            await tx.ExecuteAsync($"INSERT INTO {log} (run) VALUES (:runs)", new { runs }, Ct);
        }, new TransactionOptions { BaseDelay = TimeSpan.FromMilliseconds(1) }, Ct);
        await other!;

        Assert.NotNull(caught);
        Assert.Equal(2, runs);
        Assert.Equal([2], await db.QueryAsync<int>($"SELECT run FROM {log}", cancellationToken: Ct));
        Assert.Equal([1, 1], await db.QueryAsync<int>($"SELECT n FROM {table} ORDER BY id", cancellationToken: Ct)); // the other one was rolled back
    }

    [Fact]
    public async Task A_statement_bigger_than_max_allowed_packet_is_a_limit_error_and_the_pool_stays_usable()
    {
        await using var db = NexuSqlDatabase.Open(fixture.Url);
        var packet = await db.ExecuteScalarAsync<long>("SELECT @@max_allowed_packet", cancellationToken: Ct);
        var big = new string('x', (int)packet + 1);
        var runs = 0;
        var e = await Assert.ThrowsAsync<NexuSqlLimitException>(() => db.TransactionAsync(tx =>
        {
            runs++;
            return tx.ExecuteScalarAsync<long>("SELECT LENGTH(:big)", new { big }, Ct);
        }, cancellationToken: Ct));
        Assert.Equal(1, runs); // not taken for a dead connection and re-run
        Assert.Equal("1153", e.EngineCode);
        Assert.False(e.IsTransient);
        Assert.Contains("max_allowed_packet", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct));
    }

    /// <summary>
    /// bt29 M13: a full table (error 1114, here a MEMORY table at max_heap_table_size; the same error InnoDB gives when
    /// its tablespace cannot grow) is a storage error that says what to do, not an unexplained database error.
    /// </summary>
    [Fact]
    public async Task A_full_table_is_a_storage_error()
    {
        await using var db = NexuSqlDatabase.Open(fixture.Url);
        var table = "full_" + Guid.NewGuid().ToString("N")[..8];
        var e = await Assert.ThrowsAsync<NexuSqlStorageFullException>(() => db.TransactionAsync(async tx =>
        {
            await tx.ExecuteAsync("SET SESSION max_heap_table_size = 16384", cancellationToken: Ct);
            await tx.ExecuteAsync($"CREATE TABLE {table} (v varchar(1000)) ENGINE=MEMORY", cancellationToken: Ct);
            for (var i = 0; i < 10_000; i++) await tx.ExecuteAsync($"INSERT INTO {table} VALUES (repeat('x', 1000))", cancellationToken: Ct);
        }, cancellationToken: Ct));
        try
        {
            Assert.Equal("1114", e.EngineCode);
            Assert.Contains("max_heap_table_size", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            await db.ExecuteAsync($"DROP TABLE IF EXISTS {table}", cancellationToken: Ct);
        }
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
