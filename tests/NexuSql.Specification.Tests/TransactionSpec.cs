namespace NexuSql.Specification;

/// <summary>Transactions: commit, rollback, savepoints, and re-running whole units on serialization failures.</summary>
public abstract class TransactionSpec<TFixture>(TFixture fixture) : SpecBase<TFixture>(fixture) where TFixture : DatabaseFixture
{
    private async Task<string> CreateAccountsAsync(int accounts, long balance)
    {
        var table = Fixture.NewTable("accounts");
        await Db.ExecuteAsync($"CREATE TABLE {table} (id {T(SpecType.Int32)} PRIMARY KEY, balance {T(SpecType.Int64)} NOT NULL)", cancellationToken: Ct);
        for (var i = 1; i <= accounts; i++)
            await Db.ExecuteAsync($"INSERT INTO {table} (id, balance) VALUES (:id, :balance)", new { id = i, balance }, Ct);
        return table;
    }

    [Fact]
    public async Task TransactionAsync_commits_on_success_and_rolls_back_on_exception()
    {
        var table = await CreateAccountsAsync(2, 100);
        await Db.TransactionAsync(async tx =>
        {
            await tx.ExecuteAsync($"UPDATE {table} SET balance = balance - 10 WHERE id = 1", cancellationToken: Ct);
            await tx.ExecuteAsync($"UPDATE {table} SET balance = balance + 10 WHERE id = 2", cancellationToken: Ct);
        }, cancellationToken: Ct);
        var boom = await Assert.ThrowsAsync<InvalidOperationException>(() => Db.TransactionAsync(async tx =>
        {
            await tx.ExecuteAsync($"UPDATE {table} SET balance = 0 WHERE id = 1", cancellationToken: Ct);
            throw new InvalidOperationException("boom");
        }, cancellationToken: Ct));
        Assert.Equal("boom", boom.Message);
        Assert.Equal([90L, 110L], await Db.QueryAsync<long>($"SELECT balance FROM {table} ORDER BY id", cancellationToken: Ct));
    }

    [Fact]
    public async Task Nested_units_are_savepoints_that_undo_only_themselves_and_commit_or_roll_back_with_the_enclosing_unit()
    {
        var table = await CreateAccountsAsync(0, 0);
        Task Insert(NexuSqlTransaction tx, int id) => tx.ExecuteAsync($"INSERT INTO {table} (id, balance) VALUES (:id, 0)", new { id }, Ct);
        await Db.TransactionAsync(async tx =>
        {
            await Insert(tx, 1);
            await tx.TransactionAsync(inner => Insert(inner, 2), Ct); // kept
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => tx.TransactionAsync(async inner =>
            {
                await Insert(inner, 3);
                await inner.TransactionAsync(deepest => Insert(deepest, 4), Ct);
                throw new InvalidOperationException("undo 3 and 4");
            }, Ct));
            Assert.Equal("undo 3 and 4", e.Message);
            // an engine error inside a nested unit leaves the enclosing transaction usable (PostgreSQL would otherwise be aborted)
            await Assert.ThrowsAsync<NexuSqlConstraintException>(() => tx.TransactionAsync(inner => Insert(inner, 1), Ct));
            Assert.Equal(7, await tx.TransactionAsync(async inner => { await Insert(inner, 5); return 7; }, Ct));
            tx.Transaction(inner => inner.Execute($"INSERT INTO {table} (id, balance) VALUES (6, 0)"));
        }, cancellationToken: Ct);
        Assert.Equal([1, 2, 5, 6], await Db.QueryAsync<int>($"SELECT id FROM {table} ORDER BY id", cancellationToken: Ct));

        // the enclosing unit's rollback takes the nested units' work with it
        await Assert.ThrowsAsync<InvalidOperationException>(() => Db.TransactionAsync(async tx =>
        {
            await tx.TransactionAsync(inner => Insert(inner, 10), Ct);
            throw new InvalidOperationException("roll everything back");
        }, cancellationToken: Ct));
        Assert.Equal(0L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE id = 10", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_db_TransactionAsync_inside_a_unit_is_an_independent_transaction_that_commits_on_its_own()
    {
        var table = await CreateAccountsAsync(0, 0);
        var singleWriter = Db.Dialect.Capabilities.SingleWriter;
        // SQLite: one busy wait of 1 s instead of the default 30 s
        await using var db = singleWriter ? NexuSqlDatabase.Open(Fixture.Url.ToSecretString() + "?default_timeout=1") : NexuSqlDatabase.Open(Fixture.Url);
        var boom = await Assert.ThrowsAnyAsync<Exception>(() => db.TransactionAsync(async tx =>
        {
            await tx.ExecuteAsync($"INSERT INTO {table} (id, balance) VALUES (1, 0)", cancellationToken: Ct);
            await db.TransactionAsync(other => other.ExecuteAsync($"INSERT INTO {table} (id, balance) VALUES (2, 0)", cancellationToken: Ct), cancellationToken: Ct);
            throw new InvalidOperationException("roll the enclosing unit back");
        }, cancellationToken: Ct));
        if (singleWriter)
        {
            // SQLite: the independent transaction waits for the enclosing unit's write lock, and says so
            Assert.Contains("locked by the enclosing unit", Assert.IsType<NexuSqlException>(boom).Message, StringComparison.Ordinal);
            Assert.Equal(0L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}", cancellationToken: Ct));
            return;
        }
        Assert.Equal("roll the enclosing unit back", Assert.IsType<InvalidOperationException>(boom).Message);
        Assert.Equal([2], await Db.QueryAsync<int>($"SELECT id FROM {table}", cancellationToken: Ct));
    }

    [Fact]
    public async Task Unit_settings_are_seen_inside_the_unit_only_and_never_reach_another_unit_on_the_same_connection()
    {
        var options = new TransactionOptions { Settings = new Dictionary<string, string?> { ["app.user_id"] = "42", ["app.tenant"] = "o'brien" } };
        var (read, connectionId) = Db.Engine switch
        {
            NexuSqlEngine.PostgreSql or NexuSqlEngine.CockroachDb => ("SELECT NULLIF(current_setting('app.user_id', true), '') || '/' || NULLIF(current_setting('app.tenant', true), '')",
                "SELECT pg_backend_pid()::text"),
            NexuSqlEngine.MySql => ("SELECT CONCAT(@app.user_id, '/', @app.tenant)", "SELECT CAST(CONNECTION_ID() AS CHAR)"),
            _ => ((string?)null, (string?)null),
        };
        if (read is null || connectionId is null)
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => Db.TransactionAsync(tx => tx.ExecuteAsync("SELECT 1", cancellationToken: Ct), options, Ct));
            return;
        }
        await using var db = NexuSqlDatabase.Open(Fixture.Url); // a pool of its own: one idle connection, handed out again each time
        var connections = new HashSet<string?>();
        Task<string?> Read(NexuSqlSession session) => session.ExecuteScalarAsync<string?>(read, cancellationToken: Ct);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("42/o'brien", await db.TransactionAsync(async tx =>
            {
                connections.Add(await tx.ExecuteScalarAsync<string>(connectionId, cancellationToken: Ct));
                return await Read(tx);
            }, options, Ct));
            Assert.True(string.IsNullOrEmpty(await db.TransactionAsync(tx => Read(tx), cancellationToken: Ct)));
            Assert.True(string.IsNullOrEmpty(await Read(db)));
            connections.Add(await db.ExecuteScalarAsync<string>(connectionId, cancellationToken: Ct));
        }
        Assert.Single(connections); // the settings were on the very connection the other units and statements ran on
        // a unit that fails takes its settings with it too
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.TransactionAsync<int>(_ => throw new InvalidOperationException("x"), options, Ct));
        Assert.True(string.IsNullOrEmpty(await Read(db)));
        Assert.Equal(connections.Single(), await db.ExecuteScalarAsync<string>(connectionId, cancellationToken: Ct));
    }

    [Fact]
    public async Task Transaction_sync_returns_a_value_and_rolls_back_on_exception()
    {
        var table = await CreateAccountsAsync(1, 50);
        var read = Db.Transaction(tx =>
        {
            tx.Execute($"UPDATE {table} SET balance = 60 WHERE id = 1");
            return tx.ExecuteScalar<long>($"SELECT balance FROM {table} WHERE id = 1");
        });
        Assert.Equal(60L, read);
        Assert.Throws<ArgumentException>(() => Db.Transaction(tx =>
        {
            tx.Execute($"UPDATE {table} SET balance = 70 WHERE id = 1");
            throw new ArgumentException("no");
        }));
        Assert.Equal(60L, Db.ExecuteScalar<long>($"SELECT balance FROM {table} WHERE id = 1"));
    }

    [Fact]
    public async Task BeginTransaction_disposed_without_commit_rolls_back()
    {
        var table = await CreateAccountsAsync(1, 5);
        await using (var tx = await Db.BeginTransactionAsync(cancellationToken: Ct))
        {
            await tx.ExecuteAsync($"UPDATE {table} SET balance = 6 WHERE id = 1", cancellationToken: Ct);
            Assert.Equal(6L, await tx.ExecuteScalarAsync<long>($"SELECT balance FROM {table}", cancellationToken: Ct));
        }
        Assert.Equal(5L, await Db.ExecuteScalarAsync<long>($"SELECT balance FROM {table}", cancellationToken: Ct));
        using (var tx = Db.BeginTransaction())
        {
            tx.Execute($"UPDATE {table} SET balance = 7 WHERE id = 1");
            tx.Commit();
            Assert.Throws<InvalidOperationException>(() => tx.Execute("SELECT 1"));
        }
        Assert.Equal(7L, await Db.ExecuteScalarAsync<long>($"SELECT balance FROM {table}", cancellationToken: Ct));
    }

    [Fact]
    public async Task Savepoints_roll_back_part_of_a_transaction()
    {
        var table = await CreateAccountsAsync(1, 1);
        await using var tx = await Db.BeginTransactionAsync(cancellationToken: Ct);
        await tx.ExecuteAsync($"UPDATE {table} SET balance = 2", cancellationToken: Ct);
        await tx.SaveAsync("before_three", Ct);
        await tx.ExecuteAsync($"UPDATE {table} SET balance = 3", cancellationToken: Ct);
        await tx.RollbackToAsync("before_three", Ct);
        await tx.ReleaseAsync("before_three", Ct);
        tx.Save("sync_point");
        tx.Execute($"UPDATE {table} SET balance = 4");
        tx.RollbackTo("sync_point");
        await tx.CommitAsync(Ct);
        Assert.Equal(2L, await Db.ExecuteScalarAsync<long>($"SELECT balance FROM {table}", cancellationToken: Ct));
    }

    [Fact]
    public async Task TransactionAsync_retry_limit_ends_in_a_clear_error_and_runs_the_unit_that_often()
    {
        var runs = 0;
        var options = new TransactionOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) };
        var e = await Assert.ThrowsAsync<NexuSqlTransientException>(() => Db.TransactionAsync(_ =>
        {
            runs++;
            throw new NexuSqlTransientException("simulated serialization failure", Fixture.Engine, "40001");
        }, options, Ct));
        Assert.Equal(3, runs);
        Assert.Equal(3, e.Attempts);
        Assert.Contains("3 time(s)", e.Message);
        Assert.Equal("40001", e.EngineCode);
    }

    [Fact]
    public async Task TransactionAsync_does_not_retry_non_transient_failures()
    {
        var (table, runs) = (await CreateAccountsAsync(1, 0), 0);
        await Assert.ThrowsAsync<NexuSqlConstraintException>(() => Db.TransactionAsync(async tx =>
        {
            runs++;
            await tx.ExecuteAsync($"INSERT INTO {table} (id, balance) VALUES (1, 0)", cancellationToken: Ct);
        }, cancellationToken: Ct));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task TransactionAsync_concurrent_transfers_keep_the_total_and_commit_each_once()
    {
        const int accounts = 4, workers = 8, transfersEach = 6;
        var table = await CreateAccountsAsync(accounts, 1_000);
        var log = Fixture.NewTable("transfers");
        await Db.ExecuteAsync($"CREATE TABLE {log} (worker {T(SpecType.Int32)} NOT NULL, seq {T(SpecType.Int32)} NOT NULL, PRIMARY KEY (worker, seq))", cancellationToken: Ct);
        var attempts = 0;
        var options = new TransactionOptions { IsolationLevel = Fixture.ContentionIsolation, MaxAttempts = 50, BaseDelay = TimeSpan.FromMilliseconds(5) };
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var s = 0; s < transfersEach; s++)
            {
                var from = random.Next(1, accounts + 1);
                var to = from % accounts + 1;
                await Db.TransactionAsync(async tx =>
                {
                    Interlocked.Increment(ref attempts);
                    var balance = await tx.ExecuteScalarAsync<long>($"SELECT balance FROM {table} WHERE id = :id", new { id = from }, Ct);
                    await tx.ExecuteAsync($"UPDATE {table} SET balance = :b WHERE id = :id", new { b = balance - 7, id = from }, Ct);
                    await tx.ExecuteAsync($"UPDATE {table} SET balance = balance + 7 WHERE id = :id", new { id = to }, Ct);
                    await tx.ExecuteAsync($"INSERT INTO {log} (worker, seq) VALUES (:w, :s)", new { w, s }, Ct);
                }, options, Ct);
            }
        }, Ct)).ToArray();
        await Task.WhenAll(tasks);
        Assert.Equal(accounts * 1_000L, await Db.ExecuteScalarAsync<long>($"SELECT SUM(balance) FROM {table}", cancellationToken: Ct));
        Assert.Equal(workers * transfersEach, await Db.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {log}", cancellationToken: Ct));
        Assert.True(attempts >= workers * transfersEach);
    }
}
