using System.Data;

namespace NexuSql.PostgreSql.Tests;

public sealed class PostgreSqlProviderTests(PostgreSqlFixture fixture) : IClassFixture<PostgreSqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>bt35 L4: Npgsql splits host:port at the last colon outside brackets; an IPv6 host goes to it bracketed.</summary>
    [Fact]
    public void CreateDataSource_gives_npgsql_ipv6_hosts_in_brackets()
    {
        var provider = new PostgreSqlProvider();
        using var one = (Npgsql.NpgsqlDataSource)provider.CreateDataSource(DatabaseUrl.Parse("postgresql://u@[::1]:5433/app"));
        var single = new Npgsql.NpgsqlConnectionStringBuilder(one.ConnectionString);
        Assert.Equal(("[::1]", 5433), (single.Host, single.Port));
        using var two = provider.CreateDataSource(DatabaseUrl.Parse("postgresql://u@[2001:db8::5],[::ffff:10.0.0.1]:6000/app"));
        Assert.Equal("[2001:db8::5]:5432,10.0.0.1:6000", new Npgsql.NpgsqlConnectionStringBuilder(two.ConnectionString).Host);
    }

    [Fact]
    public void CreateDataSource_pooler_transaction_prepares_nothing_on_the_server_and_sends_no_reset()
    {
        var provider = new PostgreSqlProvider();
        using var pooled = (Npgsql.NpgsqlDataSource)provider.CreateDataSource(DatabaseUrl.Parse("postgresql://u@db.example:6432/app?pooler=transaction"));
        var options = new Npgsql.NpgsqlConnectionStringBuilder(pooled.ConnectionString);
        Assert.True(options.NoResetOnClose);
        Assert.Equal(0, options.MaxAutoPrepare);
        Assert.DoesNotContain("pooler", pooled.ConnectionString, StringComparison.OrdinalIgnoreCase);
        using var direct = (Npgsql.NpgsqlDataSource)provider.CreateDataSource(DatabaseUrl.Parse("postgresql://u@db.example/app?pooler=session"));
        Assert.False(new Npgsql.NpgsqlConnectionStringBuilder(direct.ConnectionString).NoResetOnClose);
    }

    [Fact]
    public void CreateDataSource_text_settings_follow_the_urls_own_options_and_not_behind_a_pooler()
    {
        var provider = new PostgreSqlProvider();
        using var direct = (Npgsql.NpgsqlDataSource)provider.CreateDataSource(
            DatabaseUrl.Parse("postgresql://u@db.example/app").WithOption("options", "-c statement_timeout=5s -c extra_float_digits=3"));
        Assert.Equal("-c statement_timeout=5s -c extra_float_digits=3 -c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=3 -c TimeZone=UTC " +
            "-c standard_conforming_strings=on -c bytea_output=hex", new Npgsql.NpgsqlConnectionStringBuilder(direct.ConnectionString).Options);
        foreach (var mode in new[] { "transaction", "session" })
        {
            using var pooled = (Npgsql.NpgsqlDataSource)provider.CreateDataSource(DatabaseUrl.Parse($"postgresql://u@db.example:6432/app?pooler={mode}"));
            Assert.True(string.IsNullOrEmpty(new Npgsql.NpgsqlConnectionStringBuilder(pooled.ConnectionString).Options), mode);
        }
        var e = Assert.Throws<ArgumentException>(() => provider.CreateDataSource(
            DatabaseUrl.Parse("postgresql://u@db.example/app").WithOption("options", @"--TimeZone=Europe/Berlin -c application_name=a\ b")));
        Assert.Contains("TimeZone=Europe/Berlin", e.Message, StringComparison.Ordinal);
        Assert.Contains("TimeZone=UTC", e.Message, StringComparison.Ordinal);
    }

    /// <summary>bt41 F6: a replica session role turns foreign keys and triggers off; a load wrote orphans and rejected none.</summary>
    [Theory]
    [InlineData("options=-c%20session_replication_role%3Dreplica")]
    [InlineData("options=--session-replication-role%3Dlocal")]
    public void CreateDataSource_refuses_a_session_role_that_turns_foreign_keys_off(string option)
    {
        var e = Assert.Throws<ArgumentException>(() => new PostgreSqlProvider().CreateDataSource(DatabaseUrl.Parse("postgresql://u@db.example/app?" + option)));
        Assert.Contains("under which foreign keys and triggers do not fire", e.Message, StringComparison.Ordinal);
        using var origin = new PostgreSqlProvider().CreateDataSource(DatabaseUrl.Parse("postgresql://u@db.example/app?options=-c%20session_replication_role%3Dorigin"));
    }

    [Theory]
    [InlineData("encoding=latin1", "encoding", "'é' becomes 'Ã©'")]
    [InlineData("Encoding=WIN1252", "Encoding", "'é' becomes 'Ã©'")]
    [InlineData("client_encoding=LATIN1", "client_encoding", "the server converts text")]
    [InlineData("timezone=Europe/Berlin", "timezone", "TimeZone=UTC")]
    public void CreateDataSource_refuses_an_option_that_changes_values_by_name(string option, string key, string harm)
    {
        var e = Assert.Throws<ArgumentException>(() => new PostgreSqlProvider().CreateDataSource(DatabaseUrl.Parse("postgresql://u@db.example/app?" + option)));
        Assert.Contains($"URL option {option} ", e.Message, StringComparison.Ordinal);
        Assert.Contains(harm, e.Message, StringComparison.Ordinal);
        Assert.Contains($"remove {key} from the URL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateDataSource_accepts_utf8_and_utc()
    {
        using var source = (Npgsql.NpgsqlDataSource)new PostgreSqlProvider().CreateDataSource(
            DatabaseUrl.Parse("postgresql://u@db.example/app?encoding=UTF8&client_encoding=utf-8&timezone=UTC&application_name=x"));
        Assert.Equal("x", new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString).ApplicationName);
    }

    [Fact]
    public async Task Sessions_text_settings_pinned_over_database_settings_and_after_discard_all()
    {
        var name = fixture.Url.Database!;
        await using var admin = NexuSqlDatabase.Open(PostgreSqlFixture.AdminUrl);
        foreach (var setting in new[] { "extra_float_digits = 0", "DateStyle = 'SQL, DMY'", "IntervalStyle = 'sql_standard'", "TimeZone = 'Asia/Kolkata'",
                     "standard_conforming_strings = off", "bytea_output = 'escape'" })
            await admin.ExecuteAsync($"ALTER DATABASE \"{name}\" SET {setting}", cancellationToken: Ct);
        try
        {
            await using var db = NexuSqlDatabase.Open(fixture.Url);
            const string show = "SELECT current_setting('extra_float_digits') || '|' || split_part(current_setting('DateStyle'), ',', 1) || '|' || " +
                "current_setting('IntervalStyle') || '|' || current_setting('TimeZone') || '|' || current_setting('standard_conforming_strings') || '|' || current_setting('bytea_output')";
            const string pinned = "3|ISO|postgres|UTC|on|hex";
            Assert.Equal(pinned, await db.ExecuteScalarAsync<string>(show, cancellationToken: Ct));
            await using (var session = await db.OpenSessionAsync(Ct))
            {
                // DISCARD ALL (what Npgsql sends before a pooled connection is used again) resets to the session defaults
                await session.ExecuteAsync("SET extra_float_digits = 0", cancellationToken: Ct);
                await session.ExecuteAsync("DISCARD ALL", cancellationToken: Ct);
                Assert.Equal(pinned, await session.ExecuteScalarAsync<string>(show, cancellationToken: Ct));
                await session.ExecuteAsync("SET DateStyle = 'German'", cancellationToken: Ct);
            }
            Assert.Equal(pinned, await db.ExecuteScalarAsync<string>(show, cancellationToken: Ct));
        }
        finally
        {
            await admin.ExecuteAsync($"ALTER DATABASE \"{name}\" RESET ALL", cancellationToken: Ct);
        }
    }

    [Fact]
    public void CreateDataSource_unknown_pooler_mode_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new PostgreSqlProvider().CreateDataSource(DatabaseUrl.Parse("postgresql://u@h/app?pooler=pgbouncer")));
        Assert.Contains("pooler=pgbouncer", e.Message, StringComparison.Ordinal);
        Assert.Contains("pooler=transaction", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransactionAsync_serialization_failure_reruns_the_whole_unit()
    {
        var db = fixture.Database;
        var table = fixture.NewTable("serial");
        await db.ExecuteAsync($"CREATE TABLE {table} (id int PRIMARY KEY, balance bigint NOT NULL)", cancellationToken: Ct);
        await db.ExecuteAsync($"INSERT INTO {table} VALUES (1, 0)", cancellationToken: Ct);
        var attempts = 0;
        await db.TransactionAsync(async tx =>
        {
            attempts++;
            var balance = await tx.ExecuteScalarAsync<long>($"SELECT balance FROM {table} WHERE id = 1", cancellationToken: Ct);
            // A concurrent committed write after this transaction's snapshot: the update below must fail with 40001.
            if (attempts == 1) await db.ExecuteAsync($"UPDATE {table} SET balance = balance + 100 WHERE id = 1", cancellationToken: Ct);
            await tx.ExecuteAsync($"UPDATE {table} SET balance = :b WHERE id = 1", new { b = balance + 1 }, Ct);
        }, new TransactionOptions { IsolationLevel = IsolationLevel.RepeatableRead }, Ct);
        Assert.Equal(2, attempts);
        Assert.Equal(101L, await db.ExecuteScalarAsync<long>($"SELECT balance FROM {table}", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_serialization_failure_inside_a_nested_unit_re_runs_the_outermost_unit_not_the_nested_one()
    {
        var db = fixture.Database;
        var table = fixture.NewTable("serial_nested");
        await db.ExecuteAsync($"CREATE TABLE {table} (id int PRIMARY KEY, n int NOT NULL)", cancellationToken: Ct);
        await db.ExecuteAsync($"INSERT INTO {table} VALUES (1, 0), (2, 0)", cancellationToken: Ct);
        int outer = 0, nested = 0;
        await db.TransactionAsync(async tx =>
        {
            outer++;
            await tx.ExecuteAsync($"UPDATE {table} SET n = n + 1 WHERE id = 1", cancellationToken: Ct);
            await tx.TransactionAsync(async inner =>
            {
                nested++;
                await inner.ExecuteScalarAsync<int>($"SELECT n FROM {table} WHERE id = 2", cancellationToken: Ct);
                if (outer == 1) await db.ExecuteAsync($"UPDATE {table} SET n = n + 100 WHERE id = 2", cancellationToken: Ct);
                await inner.ExecuteAsync($"UPDATE {table} SET n = n + 1 WHERE id = 2", cancellationToken: Ct); // 40001 on the first run
            }, Ct);
        }, new TransactionOptions { IsolationLevel = IsolationLevel.RepeatableRead }, Ct);
        Assert.Equal((2, 2), (outer, nested));
        Assert.Equal([1, 101], await db.QueryAsync<int>($"SELECT n FROM {table} ORDER BY id", cancellationToken: Ct));
    }

    [Fact]
    public async Task Execute_serialization_failure_outside_retry_is_transient_with_sqlstate()
    {
        var db = fixture.Database;
        var table = fixture.NewTable("serial_raw");
        await db.ExecuteAsync($"CREATE TABLE {table} (id int PRIMARY KEY, n int NOT NULL)", cancellationToken: Ct);
        await db.ExecuteAsync($"INSERT INTO {table} VALUES (1, 0)", cancellationToken: Ct);
        await using var tx = await db.BeginTransactionAsync(IsolationLevel.RepeatableRead, Ct);
        await tx.ExecuteScalarAsync<int>($"SELECT n FROM {table}", cancellationToken: Ct);
        await db.ExecuteAsync($"UPDATE {table} SET n = 5", cancellationToken: Ct);
        var e = await Assert.ThrowsAsync<NexuSqlTransientException>(() => tx.ExecuteAsync($"UPDATE {table} SET n = 6", cancellationToken: Ct));
        Assert.Equal("40001", e.EngineCode);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task A_unit_whose_pooled_connection_was_terminated_runs_on_a_new_one_but_a_loss_after_its_first_statement_is_not_retried()
    {
        await using var db = NexuSqlDatabase.Open(fixture.Url);
        await using var admin = NexuSqlDatabase.Open(fixture.Url);
        async Task TerminateAsync(int pid) =>
            Assert.True(await admin.ExecuteScalarAsync<bool>("SELECT pg_terminate_backend(:pid)", new { pid }, Ct));

        var pid = await db.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", cancellationToken: Ct); // now idle in the pool
        await TerminateAsync(pid);
        await Task.Delay(200, Ct);
        var runs = 0;
        var newPid = await db.TransactionAsync(async tx => { runs++; return await tx.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", cancellationToken: Ct); }, cancellationToken: Ct);
        Assert.NotEqual(pid, newPid);
        Assert.Equal(2, runs); // the first run met the dead connection at its first statement

        runs = 0;
        await Assert.ThrowsAsync<NexuSqlConnectionException>(() => db.TransactionAsync(async tx =>
        {
            runs++;
            var mine = await tx.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", cancellationToken: Ct);
            await TerminateAsync(mine);
            await Task.Delay(200, Ct);
            await tx.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct); // lost after a statement ran: not retried
        }, cancellationToken: Ct));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_unit_with_settings_or_run_sync_whose_pooled_connection_was_terminated_runs_on_a_new_one()
    {
        await using var db = NexuSqlDatabase.Open(fixture.Url);
        await using var admin = NexuSqlDatabase.Open(fixture.Url);
        async Task<int> TerminateIdleAsync()
        {
            var pid = await db.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", cancellationToken: Ct); // now idle in the pool
            Assert.True(await admin.ExecuteScalarAsync<bool>("SELECT pg_terminate_backend(:pid)", new { pid }, Ct));
            await Task.Delay(200, Ct);
            return pid;
        }

        // the unit's settings are its first statement: the dead connection shows there, before any of the work ran
        var settings = new TransactionOptions { Settings = new Dictionary<string, string?> { ["app.user_id"] = "42" } };
        var pid = await TerminateIdleAsync();
        var runs = 0;
        var seen = await db.TransactionAsync(async tx =>
        {
            runs++;
            return (Pid: await tx.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", cancellationToken: Ct),
                User: await tx.ExecuteScalarAsync<string>("SELECT current_setting('app.user_id')", cancellationToken: Ct));
        }, settings, Ct);
        Assert.NotEqual(pid, seen.Pid);
        Assert.Equal("42", seen.User);
        Assert.Equal(1, runs);

        pid = await TerminateIdleAsync();
        Assert.NotEqual(pid, db.Transaction(tx => tx.ExecuteScalar<int>("SELECT pg_backend_pid()")));
    }

    [Fact]
    public async Task More_parameters_than_the_protocol_allows_is_a_limit_error_not_a_lost_connection()
    {
        var db = fixture.Database;
        var ids = Enumerable.Range(1, 70_000).ToArray();
        var e = await Assert.ThrowsAsync<NexuSqlLimitException>(() => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM generate_series(1, 3) AS x WHERE x IN (:ids)", new { ids }, Ct));
        Assert.False(e.IsTransient);
        Assert.Contains("send fewer values per statement", e.Message, StringComparison.Ordinal);
        // inside a unit it is not mistaken for a dead connection and re-run
        var runs = 0;
        await Assert.ThrowsAsync<NexuSqlLimitException>(() => db.TransactionAsync(async tx =>
        {
            runs++;
            await tx.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM generate_series(1, 3) AS x WHERE x IN (:ids)", new { ids }, Ct);
        }, cancellationToken: Ct));
        Assert.Equal(1, runs);
        Assert.Contains("65535", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct)); // the pool is fine
    }

    [Fact]
    public async Task Execute_statement_timeout_is_a_timeout_exception()
    {
        var db = fixture.Database;
        await using var tx = await db.BeginTransactionAsync(cancellationToken: Ct);
        await tx.ExecuteAsync("SET LOCAL statement_timeout = 100", cancellationToken: Ct);
        var e = await Assert.ThrowsAsync<NexuSqlTimeoutException>(() => tx.ExecuteAsync("SELECT pg_sleep(5)", cancellationToken: Ct));
        Assert.Equal("57014", e.EngineCode);
    }

    [Fact]
    public async Task Open_url_options_reach_the_driver()
    {
        var url = fixture.Url.ToSecretString() + "?application_name=nexusql%20tests&sslmode=disable";
        await using var db = NexuSqlDatabase.Open(url);
        Assert.Equal("nexusql tests", await db.ExecuteScalarAsync<string>("SHOW application_name", cancellationToken: Ct));
    }

    [Fact]
    public async Task Create_from_an_existing_data_source()
    {
        _ = fixture.Database;
        await using var source = Npgsql.NpgsqlDataSource.Create($"Host={fixture.Url.Host!.Name};Port={fixture.Url.Host.Port};Username=postgres;Database={fixture.Url.Database}");
        await using var db = NexuSqlDatabase.Create(source, NexuSqlEngine.PostgreSql);
        Assert.Equal(3, await db.ExecuteScalarAsync<int>("SELECT :a + :b", new { a = 1, b = 2 }, Ct));
    }

    [Fact]
    public async Task Open_unreachable_server_is_a_connection_error()
    {
        await using var db = NexuSqlDatabase.Open("postgresql://postgres@127.0.0.1:1/postgres?timeout=2");
        var e = await Assert.ThrowsAsync<NexuSqlConnectionException>(() => db.ExecuteAsync("SELECT 1", cancellationToken: Ct));
        Assert.Contains("PostgreSQL", e.Message, StringComparison.Ordinal);
    }
}
