namespace NexuSql.Cli.Tests;

/// <summary>
/// What the value fidelity tests (issue 11) share: run the tool expecting success, move a database by copy and by
/// backup → restore, compare both sides through the engine's own client, and check a <c>value</c> error.
/// </summary>
public abstract class ValueFidelityCliTestBase(string name) : IDisposable
{
    /// <summary>The test's databases and files.</summary>
    protected LiveDatabases Db { get; } = new(name);

    /// <inheritdoc/>
    public void Dispose()
    {
        Db.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The lines of <c>verify</c>'s output its <paramref name="check"/> printed (<c>[schema] ...</c>).</summary>
    protected static string[] Lines(CliRunner.Result r, string check) =>
        [.. r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith($"[{check}]", StringComparison.Ordinal))];

    /// <summary>Runs a test body, dropping the server databases it made afterwards.</summary>
    protected async Task LiveAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    // migrations that wait at a gate (a table the test writes a row into, at most 30 s), so the copy or backup, a new
    // process slow to start on a loaded machine, surely begins while they run; the gate opens once it said it waits
    // (a fixed SLEEP(5) was over before the copy began in a loaded CI run)
    protected const string MariaDbGate = "DELIMITER //\nBEGIN NOT ATOMIC DECLARE i INT DEFAULT 0; WHILE (SELECT COUNT(*) FROM gate) = 0 AND i < 300 DO SET i = i + 1; DO SLEEP(0.1); END WHILE; END //\nDELIMITER ;";
    protected const string PostgreSqlGate = "DO $$ BEGIN FOR i IN 1..300 LOOP EXIT WHEN EXISTS (SELECT 1 FROM public.gate); PERFORM pg_sleep(0.1); END LOOP; END $$";

    /// <summary>Runs the CLI, reads its first line on stderr (said while it waits), opens the gate in <paramref name="gate"/>, and returns its exit code and what it wrote.</summary>
    protected static async Task<(int ExitCode, string Stdout, string Stderr, string All)> RunAtGateAsync(string gate, params string[] args)
    {
        var ct = TestContext.Current.CancellationToken;
        var process = CliRunner.Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var first = await process.StandardError.ReadLineAsync(ct);
        await EngineClient.RunAsync(gate, "INSERT INTO gate VALUES (1)");
        var stderr = first + "\n" + await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout, stderr, stderr + await stdout);
    }

    /// <summary>Writes <paramref name="scripts"/> into the test's folder <paramref name="name"/> (made if missing); returns its path.</summary>
    protected string Migrations(string name, params (string Name, string Sql)[] scripts)
    {
        var folder = Db.File(name);
        Directory.CreateDirectory(folder);
        foreach (var (file, sql) in scripts) File.WriteAllText(Path.Combine(folder, file), sql);
        return folder;
    }

    /// <summary>
    /// Waits (at most 30 s) until <paramref name="sql"/>, run with the engine's client, returns 1: a running
    /// <paramref name="migrate"/> process reached <paramref name="what"/>. Fails if the process ends first.
    /// </summary>
    protected static async Task WaitForAsync(string url, string sql, System.Diagnostics.Process migrate, string what)
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await EngineClient.RunAsync(url, sql) != "1")
        {
            if (migrate.HasExited)
                Assert.Fail($"migrate ended (exit {migrate.ExitCode}) before {what}: {await migrate.StandardOutput.ReadToEndAsync(ct)} {await migrate.StandardError.ReadToEndAsync(ct)}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"timed out waiting for {what}");
            await Task.Delay(50, ct);
        }
    }

    protected static async Task<CliRunner.Result> Ok(params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"nexusql {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    /// <summary>Copies, and backs up and restores, <paramref name="source"/> into two new databases on <paramref name="engine"/>.</summary>
    protected async Task<(string Copied, string Restored)> MoveAsync(string source, string engine, string? tables = null)
    {
        var copied = await Db.NewAsync(engine);
        var restored = await Db.NewAsync(engine);
        string[] only = tables is null ? [] : ["--tables", tables];
        await Ok(["copy", "--from", source, "--to", copied, .. only]);
        var file = Db.File($"{Guid.NewGuid():N}.nxb");
        await Ok(["--url", source, "backup", "-o", file, .. only]);
        await Ok("--url", restored, "restore", file);
        return (copied, restored);
    }

    /// <summary>
    /// The schema of <paramref name="source"/> dumped and applied to a new database (a second apply finds no
    /// differences), then copied with <c>--schema-only</c>, copied and restored (<see cref="MoveAsync"/>): the four targets.
    /// </summary>
    protected async Task<(string Applied, string SchemaOnly, string Copied, string Restored)> EveryPathAsync(string source, string engine)
    {
        var file = Db.File($"{Guid.NewGuid():N}.json");
        await Ok("--url", source, "schema", "dump", "-o", file);
        var applied = await Db.NewAsync(engine);
        await Ok("--url", applied, "--yes", "schema", "apply", file);
        Assert.Contains("No differences", (await Ok("--url", applied, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
        var schemaOnly = await Db.NewAsync(engine);
        await Ok("copy", "--schema-only", "--from", source, "--to", schemaOnly);
        var (copied, restored) = await MoveAsync(source, engine);
        return (applied, schemaOnly, copied, restored);
    }

    /// <summary>The same query through the engine's own client on every database gives the same text.</summary>
    protected static async Task AssertSameAsync(string sql, string source, params string[] others)
    {
        var expected = await EngineClient.RunAsync(source, sql);
        Assert.False(string.IsNullOrEmpty(expected));
        foreach (var other in others) Assert.Equal(expected, await EngineClient.RunAsync(other, sql));
    }

    /// <summary>A folder NAME holding TABLE.csv with <paramref name="csv"/>: a seed or import folder.</summary>
    protected async Task<string> FolderAsync(string name, string table, string csv)
    {
        var dir = Directory.CreateDirectory(Db.File(name)).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, table + ".csv"), csv, TestContext.Current.CancellationToken);
        return dir;
    }

    /// <summary>One JSON document with a <c>constraint</c> error naming table, column and key, exit 1, no stack trace.</summary>
    protected static System.Text.Json.JsonElement AssertConstraintError(CliRunner.Result r, string table, string column, string key)
    {
        Assert.True(r.ExitCode == 1, r.All);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        var error = r.Json.GetProperty("error");
        Assert.Equal(("constraint", table, column, key), (error.GetProperty("kind").GetString(), error.GetProperty("table").GetString(),
            error.GetProperty("column").GetString(), error.GetProperty("key").GetString()));
        return error;
    }

    /// <summary>One JSON document with a <c>value</c> error naming table, column and key, exit 1, no stack trace.</summary>
    protected static System.Text.Json.JsonElement AssertValueError(CliRunner.Result r, string table, string column, string key)
    {
        Assert.True(r.ExitCode == 1, r.All);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        var error = r.Json.GetProperty("error");
        Assert.Equal(("value", table, column, key), (error.GetProperty("kind").GetString(), error.GetProperty("table").GetString(),
            error.GetProperty("column").GetString(), error.GetProperty("key").GetString()));
        return error;
    }

    /// <summary>copy and restore into <paramref name="engine"/> both stop with a value error naming the table, column and key.</summary>
    protected async Task AssertRefusedAsync(string source, string engine, string table, string column, string key, string? tables = null)
    {
        var target = await Db.NewAsync(engine);
        var copy = await CliRunner.RunAsync(["--json", "copy", "--from", source, "--to", target, .. tables is null ? Array.Empty<string>() : ["--tables", tables]]);
        var file = Db.File($"{Guid.NewGuid():N}.nxb");
        await Ok(["--url", source, "backup", "-o", file, .. tables is null ? Array.Empty<string>() : ["--tables", tables]]);
        var other = await Db.NewAsync(engine);
        var restore = await CliRunner.RunAsync("--url", other, "--json", "restore", file);
        foreach (var r in new[] { copy, restore }) AssertValueError(r, table, column, key);
    }
}
