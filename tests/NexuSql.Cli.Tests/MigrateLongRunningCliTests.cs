using System.Diagnostics;
using System.Text.Json;
using NexuSql.Specification;
using Migrator = NexuSql.Migrations.Migrator;

namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 16's break test, on the servers themselves: a migration statement longer than the driver's default command
/// timeout, a no-transaction migration that <c>migrate info</c>/<c>validate</c> look at while it runs, and one whose
/// history row another process deletes meanwhile. The history is read with psql and mariadb.
/// </summary>
public sealed class MigrateLongRunningCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-cli-long-").FullName;
    private readonly string _name = $"cli_long_{Guid.NewGuid():N}"[..24];
    private string? _server;

    public void Dispose()
    {
        if (_server is not null)
            foreach (var name in new[] { _name, _name + "_o" })
                EngineClient.RunAsync(_server, _server.StartsWith("mysql", StringComparison.Ordinal) ? $"DROP DATABASE IF EXISTS {name}" : $"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                    .GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Engines => ["postgresql", "mysql"];

    private string Migrations => Path.Combine(_dir, "migrations");

    private void Write(string name, string text)
    {
        Directory.CreateDirectory(Migrations);
        File.WriteAllText(Path.Combine(Migrations, name), text);
    }

    /// <summary>A database of this test's own; <paramref name="options"/> is appended to its URL.</summary>
    private async Task<string> DatabaseAsync(string engine, string options = "")
    {
        var (server, kind) = engine == "postgresql" ? (LiveServers.PostgreSql, NexuSqlEngine.PostgreSql) : (LiveServers.MySql, NexuSqlEngine.MySql);
        var check = await CliRunner.RunAsync("--url", server.ToSecretString(), "check");
        if (check.ExitCode != 0) return LiveServers.Unavailable<string>(kind, check.All.Trim());
        _server = server.ToSecretString();
        await EngineClient.RunAsync(_server, $"CREATE DATABASE {_name}");
        return server.WithDatabase(_name).ToSecretString() + options;
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_migration_whose_connection_the_server_ends_says_it_was_rolled_back_and_to_run_migrate_again(string engine)
    {
        // the break test: a server restart mid-migrate (57P01) said "Fix the script", which was not at fault
        var url = await DatabaseAsync(engine);
        Write("V1__a.sql", "CREATE TABLE a (id int PRIMARY KEY);");
        Write("V2__slow.sql", "INSERT INTO a VALUES (1);\n" + Sleep(engine, 30) + ";\nINSERT INTO a VALUES (2);");
        var run = CliRunner.RunAsync("--url", url, "--json", "migrate", "--locations", Migrations);
        var kill = engine == "postgresql"
            ? $"SELECT coalesce(bool_or(pg_terminate_backend(pid)), false) FROM pg_stat_activity WHERE datname = '{_name}' AND query LIKE '%sleep(30)%' AND pid <> pg_backend_pid()"
            : $"SELECT id FROM information_schema.processlist WHERE db = '{_name}' AND info LIKE '%SLEEP(30)%' AND id <> CONNECTION_ID()";
        var killed = false;
        for (var i = 0; i < 300 && !killed && !run.IsCompleted; i++)
        {
            var found = await EngineClient.RunAsync(_server!, kill);
            if (engine == "postgresql") killed = found == "t";
            else if (found.Length > 0) { await EngineClient.RunAsync(_server!, $"KILL {found.Split('\n')[0]}"); killed = true; }
            if (!killed) await Task.Delay(100, Ct);
        }
        var result = await run;
        Assert.True(killed, "the slow statement was never seen running: " + result.All);
        Assert.True(result.ExitCode == 1, result.All);
        var message = result.Json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("Migration V2__slow.sql failed at statement 2 of 3", message, StringComparison.Ordinal);
        Assert.Contains("connection to the server was lost", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Fix the", message, StringComparison.Ordinal);
        if (engine == "postgresql")
        {
            Assert.Contains("the server rolled the migration back; nothing was recorded. Run migrate again once the server answers.", message, StringComparison.Ordinal);
            Assert.Equal("1|1|0", await HistoryAsync(url));
            Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT count(*) FROM a"));
        }
        else
        {
            // MariaDB migrations run without a transaction: statement 1 stays, the failure is recorded for repair
            Assert.Contains("Statement 1 stayed applied", message, StringComparison.Ordinal);
            Assert.Contains("check what statement 2 left (it may have run), then run 'nexusql migrate repair --yes'", message, StringComparison.Ordinal);
            Assert.Equal("1|1|0\n2|0|2", await HistoryAsync(url));
            Assert.Equal("1", await EngineClient.RunAsync(url, "SELECT count(*) FROM a"));
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Ctrl_C_during_a_migration_names_the_script_what_it_left_and_exits_130(string engine)
    {
        // the break test: Ctrl-C said "a script that was running, if any, was rolled back where the engine ..."
        var url = await DatabaseAsync(engine);
        Write("V1__a.sql", "CREATE TABLE a (id int PRIMARY KEY);");
        Write("V2__slow.sql", "INSERT INTO a VALUES (1);\n" + Sleep(engine, 30) + ";\nINSERT INTO a VALUES (2);");
        using var migrate = CliRunner.Start("--url", url, "migrate", "--locations", Migrations);
        var stdout = migrate.StandardOutput.ReadToEndAsync(Ct);
        var stderr = new System.Text.StringBuilder();
        migrate.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        migrate.BeginErrorReadLine();
        await CliRunner.WaitUntilAsync(() => { lock (stderr) return stderr.ToString().Contains("Applying V2__slow.sql", StringComparison.Ordinal); }, migrate, "V2 to start");
        await Task.Delay(1000, Ct); // into the sleep (statement 2)
        using (var kill = Process.Start("kill", ["-INT", migrate.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(Ct);
        await migrate.WaitForExitAsync(Ct);
        await stdout;
        string message;
        lock (stderr) message = stderr.ToString();
        Assert.True(migrate.ExitCode == 130, $"exit {migrate.ExitCode}: {message}");
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.Contains("Migration V2__slow.sql was cancelled at statement 2 of 3", message, StringComparison.Ordinal);
        Assert.Contains($"nexusql --url {DatabaseUrl.Parse(url)} migrate", message, StringComparison.Ordinal);
        if (engine == "postgresql")
        {
            Assert.Contains("it was rolled back; nothing of it was recorded", message, StringComparison.Ordinal);
            Assert.Contains("again to continue", message, StringComparison.Ordinal);
            Assert.Equal("1|1|0", await HistoryAsync(url));
            Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT count(*) FROM a"));
        }
        else
        {
            // without a transaction: statement 1 stayed, the history row says the script stopped at statement 2
            Assert.Contains("(it ran without a transaction)", message, StringComparison.Ordinal);
            // migrate again fails validation until the repair, which runs the script from statement 1 (bt31 B8): no "again to continue"
            Assert.Contains("undo what those statements did (or the first of them fails again), then run 'nexusql migrate repair --yes' and migrate again", message, StringComparison.Ordinal);
            Assert.DoesNotContain("again to continue", message, StringComparison.Ordinal);
            Assert.Equal("1|1|0\n2|0|2", await HistoryAsync(url));
            Assert.Equal("1", await EngineClient.RunAsync(url, "SELECT count(*) FROM a"));
        }
    }

    private static string Sleep(string engine, int seconds) => engine == "postgresql" ? $"SELECT pg_sleep({seconds})" : $"SELECT SLEEP({seconds})";

    /// <summary>The driver's own default command timeout, lowered to 2 s through its connection-string keyword.</summary>
    private static string DriverTimeoutOf2Seconds(string engine) => engine == "postgresql" ? "?Command%20Timeout=2" : "?Default%20Command%20Timeout=2";

    private async Task<string> HistoryAsync(string url) =>
        await EngineClient.RunAsync(url, "SELECT version, " + (url.StartsWith("mysql", StringComparison.Ordinal) ? "success" : "CASE WHEN success THEN 1 ELSE 0 END") +
            ", coalesce(failed_statement, 0) FROM nexusql_schema_history WHERE version IS NOT NULL ORDER BY installed_rank");

    /// <summary>Polls (with the engine's client) until V<paramref name="version"/>'s history row has reached statement <paramref name="statement"/>.</summary>
    private async Task WaitForHistoryRowAsync(string url, Process process, string version, int statement = 2)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) Assert.Fail($"the migrator ended (exit {process.ExitCode}) before V{version} was recorded: {await process.StandardError.ReadToEndAsync(Ct)}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"V{version} was never recorded");
            string found;
            try
            {
                found = await EngineClient.RunAsync(url, $"SELECT count(*) FROM nexusql_schema_history WHERE version = '{version}' AND failed_statement = {statement}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                found = "no history table yet";
            }
            if (found == "1") return;
            await Task.Delay(100, Ct);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Migration_statements_run_past_the_drivers_default_command_timeout(string engine)
    {
        // the break test: Npgsql's 30 s default killed a long statement half-way ("Exception while reading from stream")
        var url = await DatabaseAsync(engine, DriverTimeoutOf2Seconds(engine));
        Write("V1__long_in_transaction.sql", $"CREATE TABLE t1 (id INT PRIMARY KEY);\n{Sleep(engine, 3)};\nINSERT INTO t1 VALUES (1);");
        Write("V2__long_without.sql", $"{Migrator.NoTransactionMarker}\nCREATE TABLE t2 (id INT PRIMARY KEY);\n{Sleep(engine, 3)};\nINSERT INTO t2 VALUES (1);");

        await CliRunner.OkAsync("--url", url, "migrate", "--locations", Migrations);

        Assert.Equal("1|1|0\n2|1|0", await HistoryAsync(url));
        Assert.Equal("1|1", await EngineClient.RunAsync(url, "SELECT (SELECT count(*) FROM t1), (SELECT count(*) FROM t2)"));
        // ... while the same statement outside migrate keeps the timeout it was given
        var query = await CliRunner.RunAsync("--url", url, "--json", "query", Sleep(engine, 3));
        Assert.Equal(1, query.ExitCode);
        Assert.Equal("timeout", query.Json.GetProperty("error").GetProperty("kind").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Migrators_reaching_one_history_table_by_schemas_or_by_their_url_take_one_lock(string engine)
    {
        // the break test: `--schemas app` from another database (MariaDB) or schema (PostgreSQL) and a URL whose current
        // schema is app took different locks, and V1 ran twice
        var url = await DatabaseAsync(engine);
        string viaSchemas, viaUrl;
        if (engine == "postgresql")
        {
            await EngineClient.RunAsync(url, "CREATE SCHEMA app");
            (viaSchemas, viaUrl) = (url, url + "?Search%20Path=app");
        }
        else
        {
            await EngineClient.RunAsync(_server!, $"CREATE DATABASE {_name}_o");
            (viaSchemas, viaUrl) = (url.Replace($"/{_name}", $"/{_name}_o", StringComparison.Ordinal), url);
        }
        var schema = engine == "postgresql" ? "app" : _name;
        Write("V1__slow.sql", $"{Migrator.NoTransactionMarker}\nCREATE TABLE IF NOT EXISTS t (id INT);\nINSERT INTO t VALUES (1);\n{Sleep(engine, 3)};\nINSERT INTO t VALUES (2);");
        Write("V2__row.sql", "INSERT INTO t VALUES (3);");

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(k => k % 2 == 0
            ? CliRunner.RunAsync("--url", viaSchemas, "migrate", "--locations", Migrations, "--schemas", schema, "--lock-timeout", "60")
            : CliRunner.RunAsync("--url", viaUrl, "migrate", "--locations", Migrations, "--lock-timeout", "60")));

        foreach (var run in runs) Assert.True(run.ExitCode == 0, run.All);
        var target = engine == "postgresql" ? url : viaUrl;
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(target, $"SELECT version, count(*) FROM {schema}.nexusql_schema_history WHERE version IS NOT NULL GROUP BY version ORDER BY version"));
        Assert.Equal("1\n2\n3", await EngineClient.RunAsync(target, $"SELECT id FROM {schema}.t ORDER BY id"));
    }

    [Fact]
    public async Task A_migrator_whose_search_path_schema_does_not_exist_yet_is_refused_while_another_creates_it()
    {
        // the break test: with app missing, `--schemas app` and `?Search Path=app` took two different locks (the URL one
        // had no current schema to qualify its lock with) and every version ran twice
        var url = await DatabaseAsync("postgresql");
        Write("V1__slow.sql", "CREATE TABLE public.cnt_log (v int);\nINSERT INTO public.cnt_log VALUES (1);\nSELECT pg_sleep(3);");
        Write("V2__row.sql", "INSERT INTO public.cnt_log VALUES (2);");

        var alone = await CliRunner.RunAsync("--url", url + "?Search%20Path=app", "--json", "migrate", "--locations", Migrations);
        Assert.Equal(4, alone.ExitCode);
        Assert.Contains("no current schema", alone.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT count(*) FROM pg_namespace WHERE nspname = 'app'"));

        var creator = CliRunner.RunAsync("--url", url, "migrate", "--locations", Migrations, "--schemas", "app", "--lock-timeout", "60");
        var others = new List<Task<CliRunner.Result>>();
        for (var k = 0; k < 6; k++)
        {
            await Task.Delay(150, Ct);
            others.Add(CliRunner.RunAsync("--url", url + "?Search%20Path=app", "migrate", "--locations", Migrations, "--lock-timeout", "60"));
        }
        var runs = await Task.WhenAll(others.Prepend(creator));

        Assert.True(runs[0].ExitCode == 0, runs[0].All);
        foreach (var run in runs.Skip(1)) Assert.True(run.ExitCode is 0 or 4, run.All); // refused while app did not exist, else waited
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(url, "SELECT version, count(*) FROM app.nexusql_schema_history WHERE version IS NOT NULL GROUP BY version ORDER BY version"));
        Assert.Equal("1\n2", await EngineClient.RunAsync(url, "SELECT v FROM public.cnt_log ORDER BY v"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_migration_cut_by_statement_timeout_is_a_timeout_naming_the_script(string engine)
    {
        var url = await DatabaseAsync(engine, "?statement_timeout=1");
        Write("V1__too_long.sql", $"CREATE TABLE t1 (id INT PRIMARY KEY);\n{Sleep(engine, 4)};");

        var run = await CliRunner.RunAsync("--url", url, "--json", "migrate", "--locations", Migrations);

        Assert.Equal(1, run.ExitCode);
        var error = run.Json.GetProperty("error");
        Assert.Equal("timeout", error.GetProperty("kind").GetString());
        Assert.Equal("V1__too_long.sql", error.GetProperty("script").GetString());
        Assert.Equal(2, error.GetProperty("statement").GetInt32());
        Assert.DoesNotContain("Exception while reading from stream", error.GetProperty("message").GetString()!.Split(':')[^1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Info_and_validate_show_a_no_transaction_migration_still_running_as_in_progress_not_failed(string engine)
    {
        var url = await DatabaseAsync(engine);
        Write("V1__slow.sql", $"{Migrator.NoTransactionMarker}\nCREATE TABLE t1 (id INT PRIMARY KEY);\n{Sleep(engine, 12)};\nINSERT INTO t1 VALUES (1);");

        using var migrator = CliRunner.Start("--url", url, "migrate", "--locations", Migrations);
        await WaitForHistoryRowAsync(url, migrator, "1");
        var info = await CliRunner.RunAsync("--url", url, "--json", "migrate", "info", "--locations", Migrations);
        var validate = await CliRunner.RunAsync("--url", url, "migrate", "validate", "--locations", Migrations);
        await migrator.WaitForExitAsync(Ct);

        Assert.True(info.ExitCode == 0, info.All);
        Assert.Equal("InProgress", info.Json.GetProperty("migrations")[0].GetProperty("state").GetString());
        Assert.Equal(3, validate.ExitCode);
        Assert.Contains("V1__slow.sql is being applied right now", validate.All, StringComparison.Ordinal);
        Assert.DoesNotContain("repair", validate.All, StringComparison.Ordinal);
        Assert.Equal(0, migrator.ExitCode);
        // once it is done, the same row reads as applied, and validate passes
        var after = await CliRunner.OkAsync("--url", url, "--json", "migrate", "info", "--locations", Migrations);
        Assert.Equal("Applied", after.Json.GetProperty("migrations")[0].GetProperty("state").GetString());
        await CliRunner.OkAsync("--url", url, "migrate", "validate", "--locations", Migrations);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_history_row_deleted_while_its_migration_runs_is_recorded_again_and_the_migration_fails(string engine)
    {
        // the break test: through PgBouncer without ?pooler=transaction, 'migrate repair' deleted the row of a
        // migration still running, which then reported success: the history lost a version whose rows exist
        var url = await DatabaseAsync(engine);
        Write("V1__slow.sql", $"{Migrator.NoTransactionMarker}\nCREATE TABLE t1 (id INT PRIMARY KEY);\n{Sleep(engine, 6)};\nINSERT INTO t1 VALUES (1);");

        using var migrator = CliRunner.Start("--url", url, "--json", "migrate", "--locations", Migrations);
        await WaitForHistoryRowAsync(url, migrator, "1");
        await EngineClient.RunAsync(url, "DELETE FROM nexusql_schema_history WHERE version = '1'");
        var stdout = await migrator.StandardOutput.ReadToEndAsync(Ct);
        await migrator.WaitForExitAsync(Ct);

        Assert.Equal(1, migrator.ExitCode);
        var error = JsonDocument.Parse(stdout).RootElement.GetProperty("error");
        Assert.Equal("migration", error.GetProperty("kind").GetString());
        Assert.Contains("was deleted by another process while it ran", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        // recorded again as what really ran: statements 1 and 2, stopped before 3 (the INSERT never ran)
        Assert.Equal("1|0|3", await HistoryAsync(url));
        Assert.Equal("1|0", await EngineClient.RunAsync(url, "SELECT (SELECT count(*) FROM " + (engine == "mysql" ? "information_schema.tables WHERE table_schema = DATABASE() AND table_name = 't1'" : "pg_tables WHERE tablename = 't1'") + "), (SELECT count(*) FROM t1)"));
    }
}
