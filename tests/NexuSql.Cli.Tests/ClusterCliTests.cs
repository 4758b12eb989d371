using System.Diagnostics;
using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>
/// RELIABILITY.md #25 and issue 16: a 3-node MariaDB Galera cluster and PgBouncer in transaction mode, started by
/// <c>NEXUSQL_CLUSTERS=1 scripts/test-servers.sh start</c> (always under CI). Results are read with the engines' own
/// clients on each node, and on the PostgreSQL server behind the pooler, never only through NexuSQL's reader.
/// One class, so its tests run one after another: the node-failure test stops and restarts a node.
/// </summary>
public sealed class ClusterCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-cli-cluster-").FullName;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_8_concurrent_through_pgbouncer_applies_each_version_once()
    {
        var (pooled, direct) = await PooledDatabaseAsync();
        var migrations = OneTableMigrations(6);

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            CliRunner.RunAsync("--url", pooled, "migrate", "--locations", migrations, "--lock-timeout", "110")));

        foreach (var run in runs) Assert.True(run.ExitCode == 0, run.All);
        Assert.All(runs, r => Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal));
        // the server itself, not through the pooler
        Assert.Equal("1|1|1\n2|1|1\n3|1|1\n4|1|1\n5|1|1\n6|1|1",
            await EngineClient.RunAsync(direct, "SELECT version, count(*), sum(CASE WHEN success THEN 1 ELSE 0 END) FROM nexusql_schema_history GROUP BY version ORDER BY version::int"));
        Assert.Equal("6", await EngineClient.RunAsync(direct, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]$'"));
        Assert.Equal("0", await EngineClient.RunAsync(direct, "SELECT count(*) FROM nexusql_schema_history_lock"));
        await DropPostgreSqlAsync(direct);
    }

    [Fact]
    public async Task Migrate_through_pgbouncer_refuses_a_no_transaction_script_that_needs_a_session_schema_before_recording_it()
    {
        var (pooled, direct) = await PooledDatabaseAsync();
        var migrations = Path.Combine(_dir, "migrations-schema");
        Directory.CreateDirectory(migrations);
        File.WriteAllText(Path.Combine(migrations, "V1__table.sql"), "CREATE TABLE kept (id INT PRIMARY KEY);");
        File.WriteAllText(Path.Combine(migrations, "V2__outside.sql"), Migrations.Migrator.NoTransactionMarker + "\nCREATE TABLE outside (id INT PRIMARY KEY);");

        var run = await CliRunner.RunAsync("--url", pooled, "migrate", "--locations", migrations, "--schemas", "app");

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        Assert.Contains("transaction-mode connection pooler", run.All, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 4, run.All); // a refusal, as docs/scale-out.md says
        // V1 ran in its transaction (SET LOCAL search_path), V2 was refused before its history row
        Assert.Equal("1|t", await EngineClient.RunAsync(direct, "SELECT version, success FROM app.nexusql_schema_history WHERE version IS NOT NULL ORDER BY installed_rank"));
        Assert.Equal("app.kept", await EngineClient.RunAsync(direct, "SELECT schemaname || '.' || tablename FROM pg_tables WHERE tablename IN ('kept', 'outside')"));
        await DropPostgreSqlAsync(direct);
    }

    [Fact]
    public async Task Migrate_and_repair_through_pgbouncer_without_the_pooler_option_are_refused_before_anything_runs()
    {
        // the break test: without ?pooler=transaction the session lock held nothing, and a 'migrate repair' deleted the
        // history row of a migration still running
        var (pooled, direct) = await PooledDatabaseAsync();
        var unflagged = DatabaseUrl.Parse(pooled).WithoutOptions("pooler").ToSecretString();
        Assert.DoesNotContain("pooler", unflagged, StringComparison.Ordinal);
        var migrations = OneTableMigrations(1);

        // six at once too: each refused, and none leaves its advisory lock on a server session of the pooler
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            CliRunner.RunAsync("--url", unflagged, "--json", "migrate", "--locations", migrations, "--lock-timeout", "5")));
        foreach (var run in concurrent.Concat([
                     await CliRunner.RunAsync("--url", unflagged, "--json", "migrate", "repair", "--yes", "--locations", migrations),
                     await CliRunner.RunAsync("--url", unflagged, "--json", "migrate", "--locations", migrations)]))
        {
            // PgBouncer refuses the startup options in which NexuSQL pins its session settings: the connection fails at
            // once, saying what to add; a pooler that passes them on gets the advisory lock's refusal (exit 4) instead
            Assert.True(run.ExitCode is 1 or 4, run.All);
            var error = run.Json.GetProperty("error");
            Assert.Equal(run.ExitCode == 1 ? "connection" : "refused", error.GetProperty("kind").GetString());
            Assert.Contains("Add ?pooler=transaction to the URL", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal("0", await EngineClient.RunAsync(direct, "SELECT count(*) FROM pg_tables WHERE tablename IN ('t1', 'nexusql_schema_history')"));
        // and no advisory lock was left behind on a server session of the pooler
        Assert.Equal("0", await EngineClient.RunAsync(direct, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
        await CliRunner.OkAsync("--url", pooled, "migrate", "--locations", migrations);
        await DropPostgreSqlAsync(direct);
    }

    [Fact]
    public async Task Migrators_through_pgbouncer_and_straight_to_the_server_exclude_each_other()
    {
        // the break test: the lease (pooler) and the advisory lock (direct) did not see each other, and a
        // no-transaction V1 ran twice, recorded twice
        var (pooled, direct) = await PooledDatabaseAsync();
        var migrations = Path.Combine(_dir, "migrations-mixed");
        Directory.CreateDirectory(migrations);
        File.WriteAllText(Path.Combine(migrations, "V1__slow.sql"),
            Migrations.Migrator.NoTransactionMarker + "\nCREATE TABLE IF NOT EXISTS t (id int);\nINSERT INTO t VALUES (1);\nSELECT pg_sleep(3);\nINSERT INTO t VALUES (2);");
        File.WriteAllText(Path.Combine(migrations, "V2__row.sql"), "INSERT INTO t VALUES (3);");

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(k =>
            CliRunner.RunAsync("--url", k % 2 == 0 ? direct : pooled, "migrate", "--locations", migrations, "--lock-timeout", "110")));

        foreach (var run in runs) Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("1|1|1\n2|1|1", await EngineClient.RunAsync(direct,
            "SELECT version, count(*), sum(CASE WHEN success THEN 1 ELSE 0 END) FROM nexusql_schema_history GROUP BY version ORDER BY version"));
        Assert.Equal("1|2|3", await EngineClient.RunAsync(direct, "SELECT string_agg(id::text, '|' ORDER BY id) FROM t"));
        await DropPostgreSqlAsync(direct);
    }

    [Fact]
    public async Task Migrators_through_pgbouncer_with_schemas_and_straight_to_the_server_in_that_schema_take_one_lock()
    {
        // the break test: the lease table was <scope>_lock in each connection's current schema, so a pooled migrator with
        // `--schemas app` and one whose search path is app (PgBouncer refuses search_path at start-up: straight to the
        // server, which also reads the lease) missed each other, and V1 ran twice; the lease now lives beside the history
        var (pooled, direct) = await PooledDatabaseAsync();
        await EngineClient.RunAsync(direct, "CREATE SCHEMA app");
        var runs = await MixedSchemaMigratorsAsync("migrations-schemas", "SELECT pg_sleep(3)",
            (pooled, "app"), (direct + "?Search%20Path=app", null));

        foreach (var run in runs) Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(direct,
            "SELECT version, count(*) FROM app.nexusql_schema_history WHERE version IS NOT NULL GROUP BY version ORDER BY version"));
        Assert.Equal("1|2|3", await EngineClient.RunAsync(direct, "SELECT string_agg(id::text, '|' ORDER BY id) FROM app.t"));
        Assert.Equal("app.nexusql_schema_history_lock", await EngineClient.RunAsync(direct,
            "SELECT string_agg(schemaname || '.' || tablename, ',') FROM pg_tables WHERE tablename LIKE '%\\_lock'"));
        await DropPostgreSqlAsync(direct);
    }

    [Fact]
    public async Task A_database_missing_behind_pgbouncer_is_named_not_reported_as_a_statement_timeout()
    {
        // PgBouncer answers the server's 3D000 after its server_login_retry (15 s), when Npgsql's 15 s connect timeout
        // had run out: "the statement did not finish within the command timeout", kind timeout
        var (_, direct) = await PooledDatabaseAsync(); // skips without PgBouncer
        await DropPostgreSqlAsync(direct);
        var missing = LiveServers.PgBouncer.WithDatabase("nexusql_no_such_db").ToSecretString();

        var run = await CliRunner.RunAsync("--url", missing, "--json", "query", "SELECT 1");
        var quick = await CliRunner.RunAsync("--url", missing + "&connect_timeout=2", "--json", "query", "SELECT 1");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("connection", run.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("\"nexusql_no_such_db\" does not exist", run.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        // a login that really takes longer than the URL allows is a connection failure, not a statement timeout
        Assert.Equal("connection", quick.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("no answer while connecting", quick.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_migration_through_pgbouncer_into_a_new_schema_records_its_creation()
    {
        var (pooled, direct) = await PooledDatabaseAsync();
        var migrations = OneTableMigrations(1);

        await CliRunner.OkAsync("--url", pooled, "migrate", "--locations", migrations, "--schemas", "fresh");

        Assert.Equal("SCHEMA|\"fresh\"\nSQL|V1__t1.sql", await EngineClient.RunAsync(direct,
            "SELECT type, script FROM fresh.nexusql_schema_history ORDER BY installed_rank"));
        Assert.Equal("fresh.nexusql_schema_history_lock", await EngineClient.RunAsync(direct,
            "SELECT string_agg(schemaname || '.' || tablename, ',') FROM pg_tables WHERE tablename LIKE '%\\_lock'"));
        await DropPostgreSqlAsync(direct);
    }

    [Fact]
    public async Task Migrators_on_galera_reaching_one_history_by_schemas_or_by_their_url_take_one_lease()
    {
        var nodes = await GaleraDatabaseAsync();
        var db = DatabaseUrl.Parse(nodes[0]).Database!;
        await EngineClient.RunAsync(nodes[0], $"CREATE DATABASE {db}_o");
        var other = nodes[1].Replace($"/{db}", $"/{db}_o", StringComparison.Ordinal);
        var runs = await MixedSchemaMigratorsAsync("migrations-galera-schemas", "SELECT SLEEP(3)", (other, db), (nodes[2], null));

        foreach (var run in runs) Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(nodes[0],
            Synced + "SELECT version, count(*) FROM nexusql_schema_history WHERE version IS NOT NULL GROUP BY version ORDER BY version"));
        Assert.Equal("1\n2\n3", await EngineClient.RunAsync(nodes[0], Synced + "SELECT id FROM t ORDER BY id"));
        Assert.Equal("0", await EngineClient.RunAsync(nodes[0], Synced + $"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{db}_o'"));
        await EngineClient.RunAsync(nodes[0], $"DROP DATABASE {db}_o");
        await DropGaleraAsync(nodes[0]);
    }

    /// <summary>
    /// Four migrators of one slow V1 (no transaction on MariaDB, whose DDL commits anyway) and a V2, alternating between a URL with <c>--schemas</c> and a URL
    /// whose current schema already is that schema.
    /// </summary>
    private async Task<CliRunner.Result[]> MixedSchemaMigratorsAsync(string folder, string sleep, (string Url, string? Schemas) a, (string Url, string? Schemas) b)
    {
        var migrations = Path.Combine(_dir, folder);
        Directory.CreateDirectory(migrations);
        File.WriteAllText(Path.Combine(migrations, "V1__slow.sql"),
            (sleep.Contains("SLEEP(", StringComparison.Ordinal) ? Migrations.Migrator.NoTransactionMarker : "-- one transaction: the pooler keeps no session schema") +
            $"\nCREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n{sleep};\nINSERT INTO t VALUES (2);");
        File.WriteAllText(Path.Combine(migrations, "V2__row.sql"), "INSERT INTO t VALUES (3);");
        return await Task.WhenAll(Enumerable.Range(0, 4).Select(k => k % 2 == 0 ? a : b).Select(m => m.Schemas is { } schemas
            ? CliRunner.RunAsync("--url", m.Url, "migrate", "--locations", migrations, "--schemas", schemas, "--lock-timeout", "110")
            : CliRunner.RunAsync("--url", m.Url, "migrate", "--locations", migrations, "--lock-timeout", "110")));
    }

    [Fact]
    public async Task Info_on_another_galera_node_shows_a_running_no_transaction_migration_as_in_progress()
    {
        var nodes = await GaleraDatabaseAsync();
        var migrations = Path.Combine(_dir, "migrations-slow");
        Directory.CreateDirectory(migrations);
        File.WriteAllText(Path.Combine(migrations, "V1__slow.sql"),
            Migrations.Migrator.NoTransactionMarker + "\nCREATE TABLE t1 (id INT PRIMARY KEY);\nSELECT SLEEP(15);\nINSERT INTO t1 VALUES (1);");

        using var migrator = CliRunner.Start("--url", nodes[0], "migrate", "--locations", migrations);
        var clock = Stopwatch.StartNew();
        // statement 2 (the sleep) has started once the history says so
        while (await EngineClient.RunAsync(nodes[1], Synced + "SELECT count(*) FROM information_schema.tables t WHERE t.table_schema = DATABASE() AND t.table_name = 't1'") != "1"
               || await EngineClient.RunAsync(nodes[1], Synced + "SELECT count(*) FROM nexusql_schema_history WHERE version = '1' AND failed_statement = 2") != "1")
        {
            if (migrator.HasExited) Assert.Fail("the migrator ended before statement 2: " + await migrator.StandardError.ReadToEndAsync(Ct));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "t1 never appeared on node 2");
            await Task.Delay(100, Ct);
        }
        var info = await CliRunner.RunAsync("--url", nodes[1], "--json", "migrate", "info", "--locations", migrations);
        var validate = await CliRunner.RunAsync("--url", nodes[2], "migrate", "validate", "--locations", migrations);
        await migrator.WaitForExitAsync(Ct);

        Assert.True(info.ExitCode == 0, info.All);
        Assert.Equal("InProgress", info.Json.GetProperty("migrations")[0].GetProperty("state").GetString());
        Assert.Equal(3, validate.ExitCode);
        Assert.Contains("is being applied right now", validate.All, StringComparison.Ordinal);
        Assert.Matches(@"lease until \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z", validate.All); // ISO, not the culture's form
        Assert.Equal(0, migrator.ExitCode);
        Assert.Equal("1|1|1", await EngineClient.RunAsync(nodes[2], Synced + "SELECT version, success, (SELECT count(*) FROM t1) FROM nexusql_schema_history WHERE version = '1'"));
        await DropGaleraAsync(nodes[0]);
    }

    [Fact]
    public async Task Query_backup_copy_and_verify_work_through_pgbouncer()
    {
        var (pooled, direct) = await PooledDatabaseAsync();
        var (pooledTarget, directTarget) = await PooledDatabaseAsync();
        using var live = new LiveDatabases("bouncer");
        await live.SeedAsync(pooled);

        var query = await CliRunner.OkAsync("--url", pooled, "--json", "query", "SELECT id, label FROM items WHERE id = :id", "-p", "id:int=1");
        Assert.Equal("Grüße 😀 ok", query.Json.GetProperty("rows")[0].GetProperty("label").GetString());

        var backup = Path.Combine(_dir, "bouncer.nexusql");
        await CliRunner.OkAsync("--url", pooled, "backup", "--output", backup);
        await CliRunner.OkAsync("backup", "verify", backup);

        await CliRunner.OkAsync("copy", "--from", pooled, "--to", pooledTarget);
        await CliRunner.OkAsync("--url", pooledTarget, "verify", "--against", pooled, "--checks", "data");
        Assert.Equal(await EngineClient.RunAsync(direct, "SELECT id, md5(coalesce(notes, '')), label, price FROM items ORDER BY id"),
            await EngineClient.RunAsync(directTarget, "SELECT id, md5(coalesce(notes, '')), label, price FROM items ORDER BY id"));

        // a restore through the pooler into a third database matches as well
        var (pooledRestore, directRestore) = await PooledDatabaseAsync();
        await CliRunner.OkAsync("--url", pooledRestore, "restore", backup);
        Assert.Equal("2|3", await EngineClient.RunAsync(directRestore, "SELECT (SELECT count(*) FROM owners), (SELECT count(*) FROM items)"));

        // one value changed behind the pooler's back is seen through it
        await EngineClient.RunAsync(directTarget, "UPDATE items SET qty = 8 WHERE id = 1");
        var differs = await CliRunner.RunAsync("--url", pooledTarget, "verify", "--against", pooled, "--checks", "data");
        Assert.True(differs.ExitCode == 3, differs.All);
        foreach (var url in new[] { direct, directTarget, directRestore }) await DropPostgreSqlAsync(url);
    }

    [Fact]
    public async Task Migrate_8_concurrent_over_3_galera_nodes_applies_each_version_once()
    {
        var nodes = await GaleraDatabaseAsync();
        var migrations = OneTableMigrations(6);

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(k =>
            CliRunner.RunAsync("--url", nodes[k % 3], "migrate", "--locations", migrations, "--lock-timeout", "110")));

        foreach (var run in runs) Assert.True(run.ExitCode == 0, run.All);
        Assert.All(runs, r => Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal));
        foreach (var node in nodes)
        {
            Assert.Equal("1|1|1\n2|1|1\n3|1|1\n4|1|1\n5|1|1\n6|1|1",
                await EngineClient.RunAsync(node, Synced + "SELECT version, count(*), sum(success) FROM nexusql_schema_history GROUP BY version ORDER BY CAST(version AS UNSIGNED)"));
            Assert.Equal("6", await EngineClient.RunAsync(node, Synced + "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name REGEXP '^t[0-9]$'"));
        }
        await DropGaleraAsync(nodes[0]);
    }

    [Fact]
    public async Task Migrate_on_a_galera_node_set_to_rolling_schema_upgrade_is_refused_before_anything_runs()
    {
        var nodes = await GaleraDatabaseAsync();
        var migrations = OneTableMigrations(1);
        // a node-local setting (new sessions take the global value): DDL under RSU changes this node only
        await EngineClient.RunAsync(nodes[2], "SET GLOBAL wsrep_OSU_method = 'RSU'");
        CliRunner.Result run;
        try
        {
            run = await CliRunner.RunAsync("--url", nodes[2], "--json", "migrate", "--locations", migrations);
        }
        finally
        {
            await EngineClient.RunAsync(nodes[2], "SET GLOBAL wsrep_OSU_method = 'TOI'");
        }

        Assert.True(run.ExitCode == 4, run.All);
        Assert.Contains("wsrep_OSU_method=RSU", run.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        foreach (var node in nodes)
            Assert.Equal("0", await EngineClient.RunAsync(node, Synced + "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()"));
        await DropGaleraAsync(nodes[0]);
    }

    [Fact]
    public async Task Copy_into_galera_arrives_on_every_node_and_warns_about_a_table_without_primary_key()
    {
        var nodes = await GaleraDatabaseAsync();
        var source = "sqlite:///" + Path.Combine(_dir, "source.db");
        await CliRunner.OkAsync("--url", source, "exec", "CREATE TABLE keyed (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        await CliRunner.OkAsync("--url", source, "exec", "CREATE TABLE loose (name TEXT)");
        await CliRunner.OkAsync("--url", source, "exec", "INSERT INTO keyed (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        await CliRunner.OkAsync("--url", source, "exec", "INSERT INTO loose (name) VALUES ('x'), ('x')");

        var copy = await CliRunner.OkAsync("copy", "--from", source, "--to", nodes[0]);

        Assert.Contains("warning: Table 'loose' has no primary key", copy.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("'keyed'", copy.Stderr, StringComparison.Ordinal);
        foreach (var node in nodes)
            Assert.Equal("3|2", await EngineClient.RunAsync(node, Synced + "SELECT (SELECT count(*) FROM keyed), (SELECT count(*) FROM loose)"));

        // verify against the source, from another node; then a row changed on node 3 is seen from node 2
        await CliRunner.OkAsync("--url", nodes[1], "verify", "--against", source, "--checks", "data");
        await EngineClient.RunAsync(nodes[2], "UPDATE keyed SET name = 'B' WHERE id = 2");
        await EngineClient.RunAsync(nodes[1], Synced + "SELECT 1");
        var differs = await CliRunner.RunAsync("--url", nodes[1], "verify", "--against", source, "--checks", "data");
        Assert.True(differs.ExitCode == 3, differs.All);
        Assert.Contains("id=2", differs.All, StringComparison.Ordinal);

        // a migration that leaves a table without a primary key is warned about too
        var migrations = Path.Combine(_dir, "migrations-nopk");
        Directory.CreateDirectory(migrations);
        File.WriteAllText(Path.Combine(migrations, "V1__log.sql"), "CREATE TABLE event_log (at DATETIME, what TEXT);");
        var migrate = await CliRunner.OkAsync("--url", nodes[1], "--json", "migrate", "--locations", migrations);
        var warnings = migrate.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.StartsWith("Table 'event_log' has no primary key", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("'nexusql_schema_history", StringComparison.Ordinal));

        // and a restore into the cluster (the break test: restore said nothing)
        var backup = Path.Combine(_dir, "source.nexusql");
        await CliRunner.OkAsync("--url", source, "backup", "--output", backup);
        await EngineClient.RunAsync(nodes[0], "CREATE DATABASE " + DatabaseUrl.Parse(nodes[0]).Database + "_r");
        var into = nodes[2].Replace("/" + DatabaseUrl.Parse(nodes[0]).Database, "/" + DatabaseUrl.Parse(nodes[0]).Database + "_r", StringComparison.Ordinal);
        var restore = await CliRunner.OkAsync("--url", into, "restore", backup);
        Assert.Contains("warning: Table 'loose' has no primary key", restore.Stderr, StringComparison.Ordinal);
        Assert.Equal("3|2", await EngineClient.RunAsync(nodes[0], Synced + "SELECT (SELECT count(*) FROM keyed), (SELECT count(*) FROM loose)".Replace("FROM ", $"FROM {DatabaseUrl.Parse(nodes[0]).Database}_r.", StringComparison.Ordinal)));
        await DropGaleraAsync(into);
        await DropGaleraAsync(nodes[0]);
    }

    [Fact]
    public async Task Backup_from_one_galera_node_while_the_others_take_writes_restores_with_invariants_intact()
    {
        var nodes = await GaleraDatabaseAsync();
        await EngineClient.RunAsync(nodes[0], "CREATE TABLE accounts (id INT PRIMARY KEY, grp INT NOT NULL, balance BIGINT NOT NULL)");
        await EngineClient.RunAsync(nodes[0],
            "INSERT INTO accounts SELECT seq, IF(seq <= 10, 2, 3), 1000 FROM seq_1_to_20");
        // one writer per other node, each moving money inside its own group in single statements (atomic, and the two
        // writers never touch the same rows, so no certification conflict can split a transfer)
        var random = new Random(16);
        var writers = new[] { (Node: nodes[1], First: 1), (Node: nodes[2], First: 11) }.Select(w =>
        {
            var script = new System.Text.StringBuilder(Synced + "\n");
            for (var k = 0; k < 3000; k++)
            {
                int a = w.First + random.Next(10), b = w.First + random.Next(10), amount = 1 + random.Next(50);
                if (a != b) script.Append($"UPDATE accounts SET balance = balance + IF(id = {a}, -{amount}, {amount}) WHERE id IN ({a}, {b});\n");
            }
            return EngineClient.RunScriptAsync(w.Node, script.ToString());
        }).ToList();

        var backup = Path.Combine(_dir, "galera.nexusql");
        await CliRunner.OkAsync("--url", nodes[0], "backup", "--output", backup);
        await Task.WhenAll(writers);

        var restored = "sqlite:///" + Path.Combine(_dir, "restored.db");
        await CliRunner.OkAsync("--url", restored, "restore", backup);
        Assert.Equal("2|10|10000\n3|10|10000", await EngineClient.RunAsync(restored, "SELECT grp, count(*), sum(balance) FROM accounts GROUP BY grp ORDER BY grp"));
        // the writers did move money, and the cluster agrees on the end state
        var end = await EngineClient.RunAsync(nodes[0], Synced + "SELECT group_concat(balance ORDER BY id) FROM accounts");
        Assert.NotEqual(string.Join(',', Enumerable.Repeat(1000, 20)), end);
        foreach (var node in nodes.Skip(1)) Assert.Equal(end, await EngineClient.RunAsync(node, Synced + "SELECT group_concat(balance ORDER BY id) FROM accounts"));
        await DropGaleraAsync(nodes[0]);
    }

    [Fact]
    public async Task Backup_copy_and_verify_from_a_galera_node_hold_what_another_node_just_committed()
    {
        // the break test: right after 300,000 rows were committed on node 1, a backup from node 2 said "0 rows, verified"
        // (node 2 had received the rows but not applied them when its snapshot began)
        var nodes = await GaleraDatabaseAsync();
        for (var k = 0; k < 3; k++)
        {
            // one reader at a time, right after its own write (two tools starting at once on 2 cores gave node 2 time to catch up)
            var backup = Path.Combine(_dir, $"fresh{k}.nexusql");
            await FillAsync(nodes[0], $"fresh{k}", 1);
            await CliRunner.OkAsync("--url", nodes[1], "backup", "--output", backup, "--tables", $"fresh{k}");
            var copy = "sqlite:///" + Path.Combine(_dir, $"copied{k}.db");
            await FillAsync(nodes[0], $"copied{k}", 1);
            await CliRunner.OkAsync("copy", "--from", nodes[2], "--to", copy, "--tables", $"copied{k}");

            var restored = "sqlite:///" + Path.Combine(_dir, $"fresh{k}.db");
            await CliRunner.OkAsync("--url", restored, "restore", backup);
            Assert.Equal("300000", await EngineClient.RunAsync(restored, $"SELECT count(*) FROM fresh{k}"));
            Assert.Equal("300000", await EngineClient.RunAsync(copy, $"SELECT count(*) FROM copied{k}"));

            // verify between nodes: node 2's side of the comparison must hold what node 1 has just committed
            await FillAsync(nodes[0], $"fresh{k}", 300_001);
            var verify = await CliRunner.RunAsync("--url", nodes[1], "verify", "--checks", "data", "--against", nodes[0], "--tables", $"fresh{k}");
            Assert.True(verify.ExitCode == 0, verify.All);
        }
        await DropGaleraAsync(nodes[0]);
    }

    [Fact]
    public async Task Tables_galera_does_not_replicate_are_named_by_migrate_and_backup()
    {
        // the break test: a MyISAM table made by a migration, rows written on node 1, and a backup from node 2 said
        // "0 rows ... verified" with no warning (Galera replicates InnoDB only)
        var nodes = await GaleraDatabaseAsync();
        var migrations = Path.Combine(_dir, "migrations-myisam");
        Directory.CreateDirectory(migrations);
        File.WriteAllText(Path.Combine(migrations, "V1__local.sql"), "CREATE TABLE local_only (id INT PRIMARY KEY) ENGINE=MyISAM;");
        var migrate = await CliRunner.RunAsync("--url", nodes[0], "migrate", "--locations", migrations);
        Assert.True(migrate.ExitCode == 0, migrate.All);
        Assert.Contains("Table 'local_only' uses the MyISAM engine, which Galera does not replicate", migrate.All, StringComparison.Ordinal);
        await EngineClient.RunAsync(nodes[0], "INSERT INTO local_only VALUES (1), (2)");
        Assert.Equal("0", await EngineClient.RunAsync(nodes[1], Synced + "SELECT count(*) FROM local_only")); // as Galera does

        var backup = await CliRunner.RunAsync("--url", nodes[1], "--json", "backup", "--output", Path.Combine(_dir, "myisam.nexusql"));
        Assert.True(backup.ExitCode == 0, backup.All);
        Assert.Contains(backup.Json.GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.StartsWith("Table 'local_only' uses the MyISAM engine, which Galera does not replicate", StringComparison.Ordinal));
        var copy = await CliRunner.RunAsync("--json", "copy", "--from", nodes[1], "--to", "sqlite:///" + Path.Combine(_dir, "myisam.db"));
        Assert.True(copy.ExitCode == 0, copy.All);
        Assert.Contains(copy.Json.GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.StartsWith("source: Table 'local_only' uses the MyISAM engine", StringComparison.Ordinal));
        await DropGaleraAsync(nodes[0]);
    }

    [Fact]
    public async Task Verify_and_backup_on_a_desynced_galera_node_wait_for_it_or_say_it_is_behind()
    {
        // the break test: with node 2 desynced (FLUSH TABLES WITH READ LOCK) verify --against node 1 reported node 2's
        // stale rows: MariaDB skips the causal wait on a connection the pool has reset, and integrity had used one first
        var nodes = await GaleraDatabaseAsync();
        await EngineClient.RunAsync(nodes[0], "CREATE TABLE p (id INT PRIMARY KEY, v INT); CREATE TABLE c (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES p (id)); " +
            "INSERT INTO p VALUES (1, 1); INSERT INTO c VALUES (1, 1);");
        await EngineClient.RunAsync(nodes[1], Synced + "SELECT count(*) FROM c");

        // a desync shorter than the causal read timeout: every check waits for node 2, then finds both sides equal
        var held = await DesyncAsync(nodes[1], seconds: 10);
        await EngineClient.RunAsync(nodes[0], "UPDATE p SET v = 2 WHERE id = 1; INSERT INTO p VALUES (2, 2)");
        var verify = await CliRunner.RunAsync("--url", nodes[1], "verify", "--against", nodes[0]);
        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.Contains("OK: integrity, schema, data.", verify.Stdout, StringComparison.Ordinal);
        await held;

        // a desync longer than the timeout: refused by name, nothing written
        await EngineClient.RunAsync(nodes[1], "SET GLOBAL wsrep_provider_options = 'repl.causal_read_timeout=PT2S'");
        try
        {
            // (long enough for two refused commands and a copy on a loaded machine: at 12 s the node was synced again before the copy)
            held = await DesyncAsync(nodes[1], seconds: 20);
            await EngineClient.RunAsync(nodes[0], "UPDATE p SET v = 3 WHERE id = 1");
            var backup = Path.Combine(_dir, "desynced.nexusql");
            foreach (var run in new[]
                     {
                         await CliRunner.RunAsync("--url", nodes[1], "--json", "verify", "--against", nodes[0]),
                         await CliRunner.RunAsync("--url", nodes[1], "--json", "backup", "--output", backup),
                     })
            {
                Assert.True(run.ExitCode == 1, run.All);
                Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
                Assert.Equal("timeout", run.Json.GetProperty("error").GetProperty("kind").GetString());
                var message = run.Json.GetProperty("error").GetProperty("message").GetString()!;
                Assert.Contains($"Galera node 127.0.0.1:{DatabaseUrl.Parse(nodes[1]).Host!.Port} did not catch up", message, StringComparison.Ordinal);
                Assert.Contains("Desynced", message, StringComparison.Ordinal);
            }
            Assert.False(File.Exists(backup));
            // writing into the desynced node: Galera's bare 1047 "Aborting TOI" said neither what nor what to do
            var source = "sqlite:///" + Path.Combine(_dir, "into-desynced.db");
            await EngineClient.RunAsync(source, "CREATE TABLE w (id INTEGER PRIMARY KEY); INSERT INTO w VALUES (1);");
            var copy = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", nodes[1], "--clean", "--yes");
            Assert.True(copy.ExitCode == 1, copy.All);
            Assert.Contains("This Galera node does not take schema changes or writes now", copy.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            await held;
        }
        finally
        {
            await EngineClient.RunAsync(nodes[1], "SET GLOBAL wsrep_provider_options = 'repl.causal_read_timeout=PT30S'");
        }
        await DropGaleraAsync(nodes[0]);
    }

    /// <summary>Holds FLUSH TABLES WITH READ LOCK on <paramref name="node"/> for <paramref name="seconds"/> (the node desyncs and stops applying); returns once it has.</summary>
    private static async Task<Task> DesyncAsync(string node, int seconds)
    {
        var held = EngineClient.RunAsync(node, $"FLUSH TABLES WITH READ LOCK; SELECT SLEEP({seconds})");
        for (var i = 0; i < 100 && await EngineClient.RunAsync(node, "SHOW STATUS LIKE 'wsrep_local_state_comment'") != "wsrep_local_state_comment|Donor/Desynced"; i++)
            await Task.Delay(100, Ct);
        return held;
    }

    [Fact]
    public async Task Restore_and_copy_of_an_indexed_table_into_galera_finish_though_the_index_builds_abort_the_check()
    {
        // the break test: 3 of 3 restores and 4 of 4 copies of a 250,000-row table failed with a raw 1213: a node
        // building an index in total order aborts the check's read of that table; the check now reads again, alone
        var nodes = await GaleraDatabaseAsync();
        var source = "sqlite:///" + Path.Combine(_dir, "indexed.db");
        await EngineClient.RunAsync(source, "CREATE TABLE big (id INTEGER PRIMARY KEY, a INTEGER, b TEXT); " +
            "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 250000) INSERT INTO big SELECT n, n % 1000, 'v' || n FROM s; " +
            "CREATE INDEX big_a ON big (a); CREATE INDEX big_b ON big (b);");
        var backup = Path.Combine(_dir, "indexed.nexusql");
        await CliRunner.OkAsync("--url", source, "backup", "--output", backup);
        var db = DatabaseUrl.Parse(nodes[0]).Database!;
        for (var k = 0; k < 3; k++)
        {
            await EngineClient.RunAsync(nodes[0], $"CREATE DATABASE {db}_r{k}");
            var into = nodes[1].Replace($"/{db}", $"/{db}_r{k}", StringComparison.Ordinal);
            var run = k < 2 ? await CliRunner.RunAsync("--url", into, "restore", backup) : await CliRunner.RunAsync("copy", "--from", source, "--to", into);
            Assert.True(run.ExitCode == 0, run.All);
            Assert.Equal("250000|2", await EngineClient.RunAsync(nodes[2], Synced +
                $"SELECT (SELECT count(*) FROM {db}_r{k}.big), (SELECT count(*) FROM information_schema.statistics WHERE table_schema = '{db}_r{k}' AND index_name LIKE 'big\\_%')"));
            await EngineClient.RunAsync(nodes[0], $"DROP DATABASE {db}_r{k}");
        }
        await DropGaleraAsync(nodes[0]);
    }

    [Fact]
    public async Task Backup_from_a_galera_node_while_another_node_runs_ddl_starts_its_snapshot_again()
    {
        // the break test: a node applying another node's ALTER (total order isolation) aborts local readers, and the
        // backup ended in a bare "1213 Deadlock found"; nothing is written by then, so the snapshot starts again
        var nodes = await GaleraDatabaseAsync();
        await EngineClient.RunAsync(nodes[0], "CREATE TABLE big (id INT PRIMARY KEY, v VARCHAR(100)); INSERT INTO big SELECT seq, REPEAT('x', 90) FROM seq_1_to_400000");
        Assert.Equal("400000", await EngineClient.RunAsync(nodes[1], Synced + "SELECT count(*) FROM big"));
        for (var k = 0; k < 3; k++)
        {
            var backup = Path.Combine(_dir, $"ddl{k}.nexusql");
            var ddl = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(700 + 500 * k), Ct);
                await EngineClient.RunAsync(nodes[0], $"ALTER TABLE big ADD COLUMN w{k} INT");
            }, Ct);
            var run = await CliRunner.RunAsync("--url", nodes[1], "backup", "--output", backup);
            await ddl;

            Assert.True(run.ExitCode == 0, run.All);
            var restored = "sqlite:///" + Path.Combine(_dir, $"ddl{k}.db");
            await CliRunner.OkAsync("--url", restored, "restore", backup);
            Assert.Equal("400000|400000", await EngineClient.RunAsync(restored, "SELECT count(*), max(id) FROM big"));
        }
        await DropGaleraAsync(nodes[0]);
    }

    /// <summary>
    /// A node dies while its migrator holds the lease in the middle of a script: that migrator fails with a clear
    /// connection error, the migrators on the other nodes wait for the lease to run out and then refuse clearly (the
    /// interrupted script is in the history), and the history is the same on every node once the dead one rejoins.
    /// </summary>
    [Fact]
    public async Task Migrate_when_a_galera_node_dies_mid_script_the_others_refuse_clearly()
    {
        var nodes = await GaleraDatabaseAsync();
        var dir = Environment.GetEnvironmentVariable("NEXUSQL_TEST_GALERA_DIR") is { Length: > 0 } d ? d : "/tmp/nexusql-servers";
        var pidFile = Path.Combine(dir, "galera3", "pid");
        Assert.True(File.Exists(pidFile), $"the Galera node 3 pid file {pidFile} is missing: set NEXUSQL_TEST_GALERA_DIR as test-servers.sh prints it");
        var migrations = Path.Combine(_dir, "migrations-kill");
        Directory.CreateDirectory(migrations);
        File.WriteAllText(Path.Combine(migrations, "V1__one.sql"), "CREATE TABLE one (id INT PRIMARY KEY);");
        File.WriteAllText(Path.Combine(migrations, "V2__slow.sql"), "INSERT INTO one VALUES (1);\nSELECT SLEEP(20);\nINSERT INTO one VALUES (2);");

        var holder = CliRunner.Start("--url", nodes[2], "migrate", "--locations", migrations);
        var said = new System.Text.StringBuilder();
        holder.OutputDataReceived += (_, e) => { lock (said) said.AppendLine(e.Data); };
        holder.ErrorDataReceived += (_, e) => { lock (said) said.AppendLine(e.Data); };
        holder.BeginOutputReadLine();
        holder.BeginErrorReadLine();
        await CliRunner.WaitUntilAsync(() => { lock (said) return said.ToString().Contains("Applying V2__slow.sql", StringComparison.Ordinal); }, holder, "V2 started");
        var waiters = Enumerable.Range(0, 6).Select(k =>
            CliRunner.RunAsync("--url", nodes[k % 2], "--json", "migrate", "--locations", migrations, "--lock-timeout", "110")).ToList();
        await Task.Delay(1000, Ct); // let the waiters find the lease taken

        var restarted = false;
        try
        {
            using (var kill = Process.Start("kill", ["-9", File.ReadAllText(pidFile).Trim()])) await kill.WaitForExitAsync(Ct);
            await holder.WaitForExitAsync(Ct);
            Assert.Equal(1, holder.ExitCode);
            string told;
            lock (said) told = said.ToString();
            Assert.DoesNotContain("   at ", told, StringComparison.Ordinal);
            Assert.Contains("error:", told, StringComparison.Ordinal);

            var results = await Task.WhenAll(waiters);
            foreach (var r in results)
            {
                Assert.True(r.ExitCode == 1, r.All);
                Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
                Assert.Equal("validation", r.Json.GetProperty("error").GetProperty("kind").GetString());
                Assert.Contains("V2__slow.sql failed (or was interrupted) at statement 2", r.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            }
            await RestartNode3Async();
            restarted = true;
            foreach (var node in nodes)
                Assert.Equal("1|1|1\n2|1|0", await EngineClient.RunAsync(node, Synced + "SELECT version, count(*), sum(success) FROM nexusql_schema_history GROUP BY version ORDER BY version"));
        }
        finally
        {
            if (!restarted) await RestartNode3Async();
        }
        await DropGaleraAsync(nodes[0]);
    }

    private static async Task RestartNode3Async()
    {
        var start = new ProcessStartInfo(Path.Combine(CliRunner.RepositoryRoot, "scripts", "test-servers.sh")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("galera-node");
        start.ArgumentList.Add("3");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, "Galera node 3 did not rejoin: " + await stderr);
    }

    /// <summary>V1..Vn, one table each.</summary>
    private string OneTableMigrations(int count)
    {
        var migrations = Path.Combine(_dir, "migrations");
        Directory.CreateDirectory(migrations);
        for (var i = 1; i <= count; i++)
            File.WriteAllText(Path.Combine(migrations, $"V{i}__t{i}.sql"), $"CREATE TABLE t{i} (id INT PRIMARY KEY, v VARCHAR(20));");
        return migrations;
    }

    /// <summary>A new database on the PostgreSQL server behind PgBouncer: its URL through the pooler and straight to the server.</summary>
    private async Task<(string Pooled, string Direct)> PooledDatabaseAsync()
    {
        var bouncer = LiveServers.PgBouncer;
        var check = await CliRunner.RunAsync("--url", bouncer.ToSecretString(), "check");
        if (check.ExitCode != 0) LiveServers.Unavailable<int>(NexuSqlEngine.PostgreSql, "PgBouncer: " + check.All.Trim());
        var name = $"bouncer_{_suffix}_{Guid.NewGuid():N}"[..30];
        await EngineClient.RunAsync(LiveServers.PostgreSql.ToSecretString(), $"CREATE DATABASE {name}");
        return (bouncer.WithDatabase(name).ToSecretString(), LiveServers.PostgreSql.WithDatabase(name).ToSecretString());
    }

    private static async Task DropPostgreSqlAsync(string direct)
    {
        var db = DatabaseUrl.Parse(direct).Database!;
        // the pooler keeps server connections to it open
        await EngineClient.RunAsync(LiveServers.PostgreSql.ToSecretString(), $"DROP DATABASE {db} WITH (FORCE)");
    }

    /// <summary>A new database on the Galera cluster (created through node 1): one URL per node, after checking it is a 3-node cluster.</summary>
    private async Task<string[]> GaleraDatabaseAsync()
    {
        var nodes = LiveServers.GaleraNodes;
        Assert.Equal(3, nodes.Count);
        var check = await CliRunner.RunAsync("--url", nodes[0].ToSecretString(), "check");
        if (check.ExitCode != 0) LiveServers.Unavailable<int>(NexuSqlEngine.MySql, "Galera: " + check.All.Trim());
        foreach (var node in nodes)
            Assert.Equal("wsrep_on|ON\nwsrep_cluster_size|3",
                await EngineClient.RunAsync(node.ToSecretString(), "SELECT 'wsrep_on', IF(@@wsrep_on, 'ON', 'OFF') UNION ALL SELECT 'wsrep_cluster_size', VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'"));
        var name = $"galera_{_suffix}_{Guid.NewGuid():N}"[..30];
        await EngineClient.RunAsync(nodes[0].ToSecretString(), $"CREATE DATABASE {name}");
        // every node has it before a test connects to it there (a client naming it at once got 1049 on node 2)
        foreach (var node in nodes.Skip(1))
            Assert.Equal(name, await EngineClient.RunAsync(node.ToSecretString(), Synced + $"SELECT schema_name FROM information_schema.schemata WHERE schema_name = '{name}'"));
        return [.. nodes.Select(n => n.WithDatabase(name).ToSecretString())];
    }

    /// <summary>
    /// Galera applies other nodes' commits asynchronously: a read on one node right after a write through another
    /// waits for it with <c>wsrep_sync_wait</c>.
    /// </summary>
    private const string Synced = "SET SESSION wsrep_sync_wait = 15; ";

    /// <summary>300,000 rows from <paramref name="first"/> on, committed through the mysql client (the table is made when <paramref name="first"/> is 1).</summary>
    private static Task<string> FillAsync(string node, string table, int first) =>
        EngineClient.RunAsync(node, (first == 1 ? $"CREATE TABLE {table} (id INT PRIMARY KEY, v VARCHAR(40)); " : "") +
            $"INSERT INTO {table} SELECT seq, REPEAT('y', 30) FROM seq_{first}_to_{first + 299_999}");

    private static async Task DropGaleraAsync(string node) =>
        await EngineClient.RunAsync(node, "DROP DATABASE " + DatabaseUrl.Parse(node).Database);
}
