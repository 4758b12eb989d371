using System.Diagnostics;
using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>RELIABILITY.md #2: a migrator killed with SIGKILL while holding the lock.</summary>
public sealed class MigrateKillTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-cli-kill-").FullName;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Engines => ["sqlite", "postgresql", "mysql"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Migrate_killed_mid_script_releases_the_lock_and_the_next_run_is_honest(string engine)
    {
        var migrations = Path.Combine(_dir, "migrations");
        Directory.CreateDirectory(migrations);
        string url;
        string slow;
        if (engine == "sqlite")
        {
            url = "sqlite:///" + Path.Combine(_dir, "app.db");
            slow = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) SELECT COUNT(*) FROM c;";
        }
        else
        {
            var (admin, kind) = engine == "postgresql" ? (LiveServers.PostgreSql, NexuSqlEngine.PostgreSql) : (LiveServers.MySql, NexuSqlEngine.MySql);
            var check = await CliRunner.RunAsync(["--url", admin.ToSecretString(), "check"]);
            if (check.ExitCode != 0) LiveServers.Unavailable<int>(kind, check.All.Trim());
            url = admin.ToSecretString();
            if (kind == NexuSqlEngine.MySql)
            {
                Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "exec", $"CREATE DATABASE kill_{_suffix}")).ExitCode);
                url = admin.WithDatabase($"kill_{_suffix}").ToSecretString();
            }
            slow = kind == NexuSqlEngine.PostgreSql ? "SELECT pg_sleep(4);" : "SELECT SLEEP(4);";
        }
        File.WriteAllText(Path.Combine(migrations, "V1__table.sql"), $"CREATE TABLE kill_{_suffix} (id INT);");
        File.WriteAllText(Path.Combine(migrations, "V2__slow.sql"), $"INSERT INTO kill_{_suffix} VALUES (1);\n{slow}\nINSERT INTO kill_{_suffix} VALUES (2);");
        string[] common = ["--url", url, "migrate", "--locations", migrations, "--table", $"hist_{_suffix}"];

        var victim = Start([.. common]);
        await WaitForLineAsync(victim, "Applying V2__slow.sql");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        victim.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no lock release by the client
        await victim.WaitForExitAsync(TestContext.Current.CancellationToken);

        var clock = Stopwatch.StartNew();
        var next = await CliRunner.RunAsync([.. common, "--lock-timeout", "60", "--json"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), "the next migrator waited for a dead one");
        if (engine == "mysql")
        {
            // no transactional DDL: the interrupted script is reported, not re-run blindly
            Assert.Equal(1, next.ExitCode);
            Assert.Equal("validation", next.Json.GetProperty("error").GetProperty("kind").GetString());
            Assert.Contains("V2__slow.sql failed (or was interrupted) at statement 2", next.Json.GetProperty("error").GetProperty("message").GetString());
            await CliRunner.RunAsync("--url", url, "exec", $"DROP DATABASE kill_{_suffix}");
        }
        else
        {
            // transactional: the killed attempt left nothing behind, so V2 simply runs now
            Assert.True(next.ExitCode == 0, next.All);
            var rows = await CliRunner.RunAsync("--url", url, "--json", "query", $"SELECT COUNT(*) AS n FROM kill_{_suffix}");
            Assert.Equal(2, rows.Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
            await CliRunner.RunAsync("--url", url, "exec", $"DROP TABLE kill_{_suffix}");
            await CliRunner.RunAsync("--url", url, "exec", $"DROP TABLE hist_{_suffix}");
        }
    }

    private static Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(CliRunner.DllPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    private static async Task WaitForLineAsync(Process process, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            if (line.Contains(text, StringComparison.Ordinal)) return;
        Assert.Fail($"the migrator never printed '{text}'");
    }
}
