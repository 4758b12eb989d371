namespace NexuSql.Sqlite.Tests;

public sealed class SqliteProviderTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_memory_database_lives_as_long_as_the_database_object()
    {
        await using var db = NexuSqlDatabase.Open("sqlite::memory:");
        await db.ExecuteAsync("CREATE TABLE t (x INTEGER)", cancellationToken: Ct);
        await db.ExecuteAsync("INSERT INTO t VALUES (1), (2)", cancellationToken: Ct);
        // a different pooled connection sees the same in-memory database
        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM t", cancellationToken: Ct)));
        Assert.All(counts, c => Assert.Equal(2, c));
        await using var other = NexuSqlDatabase.Open("sqlite::memory:");
        await Assert.ThrowsAsync<NexuSqlUndefinedObjectException>(() => other.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM t", cancellationToken: Ct));
    }

    /// <summary>
    /// bt36 M1: a session whose connection broke (closed under it) gave the driver's bare InvalidOperationException
    /// ("Connection is not open"), which restore and copy reported as a failure with no --resume advice: it is a
    /// transient connection error, as the error that broke it would be.
    /// </summary>
    [Fact]
    public async Task A_statement_on_a_connection_that_broke_is_a_transient_connection_error()
    {
        await using var db = NexuSqlDatabase.Open("sqlite::memory:");
        await using var session = await db.OpenSessionAsync(Ct);
        await session.ExecuteAsync("CREATE TABLE t (x INTEGER)", cancellationToken: Ct);
        await session.DbConnection.CloseAsync();
        var e = await Assert.ThrowsAsync<NexuSqlConnectionException>(() => session.ExecuteAsync("INSERT INTO t VALUES (1)", cancellationToken: Ct));
        Assert.True(e.IsTransient);
        Assert.Contains("the connection to the server was lost", e.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(e.InnerException);
        // a query's own InvalidOperationException on an open connection stays what it is
        await using var open = await db.OpenSessionAsync(Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => open.QueryFirstAsync<int>("SELECT 1 WHERE 0", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_full_database_is_a_storage_full_error_and_the_statement_is_rolled_back()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nexusql-full-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = NexuSqlDatabase.Open("sqlite:///" + path))
            {
                await db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)", cancellationToken: Ct);
                // max_page_count holds on one connection: SQLite then says SQLITE_FULL (13) as for a full disk
                var e = await Assert.ThrowsAsync<NexuSqlStorageFullException>(() => db.TransactionAsync(async tx =>
                {
                    await tx.ExecuteAsync("PRAGMA max_page_count = 3", cancellationToken: Ct);
                    await tx.ExecuteAsync("INSERT INTO t VALUES (1, zeroblob(100000))", cancellationToken: Ct);
                }, cancellationToken: Ct));
                Assert.Equal("13", e.EngineCode);
                Assert.False(e.IsTransient);
                Assert.Contains("The disk holding the database file is full (or the database is at its max_page_count)", e.Message, StringComparison.Ordinal);
                Assert.Contains("Free space there, then run it again.", e.Message, StringComparison.Ordinal);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using var again = NexuSqlDatabase.Open("sqlite:///" + path);
            Assert.Equal(0L, await again.ExecuteScalarAsync<long>("SELECT count(*) FROM t", cancellationToken: Ct));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("sqlite::memory:", true)]
    [InlineData("sqlite:///:memory:", true)]
    [InlineData("sqlite:///x.db?mode=memory", true)]
    [InlineData("sqlite:///x.db?Mode=Memory&Cache=Shared", true)]
    [InlineData("sqlite:file::memory:", true)]
    [InlineData("sqlite:///x.db", false)]
    [InlineData("sqlite:///x.db?mode=ReadWriteCreate", false)]
    [InlineData("sqlite:///x.db?vfs=memdb", true)]
    [InlineData("sqlite:///x.db?vfs=unix-dotfile", false)]
    [InlineData("sqlite:///file:x.db%3Fvfs%3Dmemdb", true)]
    [InlineData("sqlite:///file:x.db%3Fcache=shared%26vfs=memdb", true)]
    public void IsInMemory_says_whether_the_database_outlives_the_process(string url, bool inMemory) =>
        Assert.Equal(inMemory, new SqliteProvider().IsInMemory(DatabaseUrl.Parse(url)));

    /// <summary>bt41 F6: foreign keys stay on; a URL option turning them off is refused by name (on is accepted).</summary>
    [Theory]
    [InlineData("sqlite:///x.db?foreign_keys=false", false)]
    [InlineData("sqlite:///x.db?Foreign%20Keys=False", false)]
    [InlineData("sqlite:///x.db?foreign_keys=true", true)]
    public void A_url_option_may_not_turn_foreign_keys_off(string url, bool accepted)
    {
        if (accepted)
        {
            using var source = new SqliteProvider().CreateDataSource(DatabaseUrl.Parse(url));
            return;
        }
        var e = Assert.Throws<ArgumentException>(() => new SqliteProvider().CreateDataSource(DatabaseUrl.Parse(url)));
        Assert.Contains("turns foreign keys off", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransactionAsync_started_inside_a_writing_unit_ends_with_a_clear_error_instead_of_waiting_forever()
    {
        await using var db = NexuSqlDatabase.Open(fixture.Url.ToSecretString() + "?default_timeout=1");
        var table = "enclosed_" + Guid.NewGuid().ToString("N")[..8];
        await db.ExecuteAsync($"CREATE TABLE {table} (id INTEGER PRIMARY KEY)", cancellationToken: Ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<NexuSqlException>(() => db.TransactionAsync(async outer =>
        {
            await outer.ExecuteAsync($"INSERT INTO {table} (id) VALUES (1)", cancellationToken: Ct);
            await db.TransactionAsync(inner => inner.ExecuteAsync($"INSERT INTO {table} (id) VALUES (2)", cancellationToken: Ct), cancellationToken: Ct);
        }, cancellationToken: Ct));
        Assert.Contains("locked by the enclosing unit", e.Message, StringComparison.Ordinal);
        Assert.Contains("tx.TransactionAsync", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}"); // one busy wait (1 s here), never re-run
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}", cancellationToken: Ct));

        // the same for a plain statement, an explicit transaction, and the sync path: never re-run, never waited on again
        foreach (var call in new Func<Task>[]
        {
            () => db.ExecuteAsync($"INSERT INTO {table} (id) VALUES (2)", cancellationToken: Ct),
            async () => { await using var other = await db.BeginTransactionAsync(cancellationToken: Ct); },
            () => Task.Run(() => db.Transaction(inner => inner.Execute($"INSERT INTO {table} (id) VALUES (2)")), Ct),
        })
        {
            var runs = 0;
            var locked = await Assert.ThrowsAsync<NexuSqlException>(() => db.TransactionAsync(async outer =>
            {
                runs++;
                await outer.ExecuteAsync($"INSERT INTO {table} (id) VALUES (1)", cancellationToken: Ct);
                await call();
            }, cancellationToken: Ct));
            Assert.Contains("locked by the enclosing unit", locked.Message, StringComparison.Ordinal);
            Assert.False(locked.IsTransient);
            Assert.Equal(1, runs);
        }
        var sync = Assert.Throws<NexuSqlException>(() => db.Transaction(outer =>
        {
            outer.Execute($"INSERT INTO {table} (id) VALUES (1)");
            db.Execute($"INSERT INTO {table} (id) VALUES (2)");
        }));
        Assert.Contains("locked by the enclosing unit", sync.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}", cancellationToken: Ct));

        // nested the natural way, it is a savepoint of the enclosing unit and works
        await db.TransactionAsync(async outer =>
        {
            await outer.ExecuteAsync($"INSERT INTO {table} (id) VALUES (1)", cancellationToken: Ct);
            await outer.TransactionAsync(inner => inner.ExecuteAsync($"INSERT INTO {table} (id) VALUES (2)", cancellationToken: Ct), Ct);
        }, cancellationToken: Ct);
        Assert.Equal(2L, await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}", cancellationToken: Ct));
    }

    [Fact]
    public async Task More_parameters_than_SQLite_takes_is_a_limit_error_and_the_connection_stays_usable()
    {
        var db = fixture.Database;
        var ids = Enumerable.Range(1, 32_767).ToArray();
        var e = await Assert.ThrowsAsync<NexuSqlLimitException>(() => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM (SELECT 1 AS x) WHERE x IN (:ids)", new { ids }, Ct));
        Assert.False(e.IsTransient);
        Assert.Contains("too many SQL variables", e.Message, StringComparison.Ordinal);
        Assert.Contains("send fewer values per statement", e.Message, StringComparison.Ordinal);
        Assert.Throws<NexuSqlLimitException>(() => db.ExecuteScalar<long>("SELECT COUNT(*) FROM (SELECT 1 AS x) WHERE x IN (:ids)", new { ids }));
        Assert.Equal(1L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM (SELECT 1 AS x) WHERE x IN (:ids)", new { ids = ids[..1_000] }, Ct));
    }

    [Fact]
    public async Task Open_enforces_foreign_keys()
    {
        Assert.Equal(1L, await fixture.Database.ExecuteScalarAsync<long>("PRAGMA foreign_keys", cancellationToken: Ct));
    }

    [Fact]
    public async Task TransactionAsync_busy_database_reruns_the_unit()
    {
        var db = fixture.Database;
        var table = fixture.NewTable("busy");
        await db.ExecuteAsync($"CREATE TABLE {table} (n INTEGER NOT NULL)", cancellationToken: Ct);
        // A second handle on the same file that gives up on a lock after one second.
        await using var impatient = NexuSqlDatabase.Open(fixture.Url.ToSecretString() + "?default_timeout=1");
        var blocker = await db.BeginTransactionAsync(cancellationToken: Ct);
        await blocker.ExecuteAsync($"INSERT INTO {table} (n) VALUES (0)", cancellationToken: Ct);
        var release = Task.Delay(1_500, Ct).ContinueWith(_ => blocker.Dispose(), Ct);
        var attempts = 0;
        await impatient.TransactionAsync(async tx =>
        {
            attempts++;
            await tx.ExecuteAsync($"INSERT INTO {table} (n) VALUES (1)", cancellationToken: Ct);
        }, new TransactionOptions { IsolationLevel = System.Data.IsolationLevel.ReadUncommitted }, Ct); // deferred BEGIN: the INSERT meets the lock
        await release;
        Assert.True(attempts >= 2, $"expected a retry after SQLITE_BUSY, ran {attempts} time(s)");
        Assert.Equal([1L], await db.QueryAsync<long>($"SELECT n FROM {table}", cancellationToken: Ct));
    }

    [Fact]
    public void Open_unknown_url_option_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => NexuSqlDatabase.Open("sqlite:///x.db?no_such_option=1"));
        Assert.Contains("no_such_option", e.Message);
    }

    [Fact]
    public async Task Open_bundled_sqlite_is_3_53_or_newer_with_strict_tables()
    {
        var version = Version.Parse(await fixture.Database.ExecuteScalarAsync<string>("SELECT sqlite_version()", cancellationToken: Ct) ?? "");
        Assert.True(version >= new Version(3, 53), $"SQLite {version}");
    }

    [Fact]
    public async Task Stats_table_sizes_are_null_because_the_bundled_sqlite_has_no_dbstat()
    {
        // if a future bundle compiles dbstat in, this fails: then read per-table sizes from it (SqliteDialect.TableStatsSql)
        var options = await fixture.Database.QueryAsync<string>("SELECT compile_options FROM pragma_compile_options", cancellationToken: Ct);
        Assert.NotEmpty(options);
        Assert.DoesNotContain("ENABLE_DBSTAT_VTAB", options);
        await Assert.ThrowsAsync<NexuSqlUndefinedObjectException>(() => fixture.Database.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dbstat", cancellationToken: Ct));

        var table = fixture.NewTable("stats");
        await fixture.Database.ExecuteAsync($"CREATE TABLE {table} (n INTEGER NOT NULL)", cancellationToken: Ct);
        await fixture.Database.ExecuteAsync($"INSERT INTO {table} (n) VALUES (1), (2)", cancellationToken: Ct);
        var stats = (await Operations.DatabaseStats.ReadAsync(fixture.Database, Ct)).Tables.Single(t => t.Table == table);
        Assert.Equal(2L, stats.Rows);
        Assert.Null(stats.DataBytes);
        Assert.Null(stats.IndexBytes);
    }
}
