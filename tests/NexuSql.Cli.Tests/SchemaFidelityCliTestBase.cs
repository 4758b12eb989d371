namespace NexuSql.Cli.Tests;

/// <summary>
/// What the schema fidelity tests share: run the tool expecting success, move a database by copy and by
/// backup/restore, dump, and the dump → apply → dump round trip, on databases that are dropped afterwards.
/// </summary>
public abstract class SchemaFidelityCliTestBase(string name) : IDisposable
{
    /// <summary>The test's databases and files.</summary>
    protected LiveDatabases Db { get; } = new(name);

    /// <inheritdoc/>
    public void Dispose()
    {
        Db.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static async Task<CliRunner.Result> Ok(params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"nexusql {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    /// <summary>Copies <paramref name="source"/>, and backs it up and restores it, into two new databases on <paramref name="engine"/>.</summary>
    protected async Task<(string Copied, string Restored, CliRunner.Result Copy)> MoveAsync(string source, string engine)
    {
        var copied = await Db.NewAsync(engine);
        var restored = await Db.NewAsync(engine);
        var copy = await Ok("--json", "copy", "--from", source, "--to", copied);
        var file = Db.File($"{Guid.NewGuid():N}.nxb");
        await Ok("--url", source, "backup", "-o", file);
        await Ok("--url", restored, "restore", file);
        return (copied, restored, copy);
    }

    protected static async Task<string> DumpAsync(string url) => (await Ok("--url", url, "schema", "dump")).Stdout;

    /// <summary>A new file in the test's folder holding <paramref name="text"/>.</summary>
    protected async Task<string> WriteAsync(string text)
    {
        var file = Db.File($"{Guid.NewGuid():N}.json");
        await System.IO.File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        return file;
    }

    /// <summary>Dump → apply to an empty database → dump is identical; a second apply is a no-op.</summary>
    protected async Task AssertDumpApplyConvergesAsync(string url, string engine)
    {
        var dump = await DumpAsync(url);
        var file = await WriteAsync(dump);
        var empty = await Db.NewAsync(engine);
        await Ok("--url", empty, "schema", "apply", file);
        Assert.Equal(dump, await DumpAsync(empty));
        var again = await Ok("--url", empty, "schema", "apply", file);
        Assert.Contains("No differences", again.All, StringComparison.Ordinal);
    }

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

    protected static IEnumerable<string> Skipped(CliRunner.Result r) => r.Json.GetProperty("skippedObjects").EnumerateArray().Select(e => e.GetString()!);
}
