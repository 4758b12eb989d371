using System.Diagnostics;
using System.Text.Json;

namespace NexuSql.Cli.Tests;

/// <summary>Runs the real nexusql tool (the CLI project's build output) and captures what it prints.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

        public string All => Stdout + Stderr;
    }

    private static readonly Lazy<string> Root = new(() =>
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "NexuSql.slnx"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        return root;
    });

    /// <summary>The repository's root folder (where NexuSql.slnx is).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The tool under test: <c>$NEXUSQL_TEST_CLI</c> (scripts/test.sh publishes it ReadyToRun there), else the CLI
    /// project's build output of this configuration.</summary>
    private static readonly Lazy<string> Dll = new(() =>
    {
        if (Environment.GetEnvironmentVariable("NEXUSQL_TEST_CLI") is { Length: > 0 } published)
            return File.Exists(published) ? published : throw new FileNotFoundException("NEXUSQL_TEST_CLI names no file.", published);
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // .../bin/<Configuration>/net10.0/
        var dll = Path.Combine(Root.Value, "src", "NexuSql.Cli", "bin", configuration, "net10.0", "NexuSql.Cli.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the CLI first.", dll);
    });

    /// <summary>The CLI's built assembly.</summary>
    public static string DllPath => Dll.Value;

    public static async Task<Result> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // as in a script or CI: no terminal to ask for a confirmation
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll.Value);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("DATABASE_URL");
        start.Environment["NO_COLOR"] = "1";
        if (environment is not null) foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // a hung tool must not outlive its test (one left spinning used 20 GB and a core for 80 minutes)
            process.Kill(entireProcessTree: true);
            // what it printed before it hung says where it hung
            throw new TimeoutException($"nexusql {string.Join(' ', args)} did not exit within 2 minutes and was killed.\n" +
                                       $"stdout so far:\n{await stdout}\nstderr so far:\n{await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static Task<Result> RunAsync(params string[] args) => RunAsync(args, null);

    /// <summary>Runs the tool and asserts it exits 0 without a .NET stack trace.</summary>
    public static Task<Result> OkAsync(params string[] args) => OkAsync(args, null);

    /// <summary>Runs the tool with these environment variables and asserts it exits 0 without a .NET stack trace.</summary>
    public static async Task<Result> OkAsync(string[] args, IDictionary<string, string>? environment)
    {
        var r = await RunAsync(args, environment);
        Assert.True(r.ExitCode == 0, $"nexusql {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    /// <summary>Starts the tool without waiting (to kill it mid-way).</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CliRunner.DllPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("DATABASE_URL");
        return Process.Start(start)!;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails if the process ends first or after a minute.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, Process process, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited)
                Assert.Fail($"the process ended (exit {process.ExitCode}) before {what}: {await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)} {await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"timed out waiting for {what}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
