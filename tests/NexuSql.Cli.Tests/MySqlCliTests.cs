using System.Diagnostics;
using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>MySQL behaviour of the tool that rests on its driver (MySqlConnector): statement timeouts, the bulk-path note.</summary>
public sealed class MySqlCliTests
{
    private static async Task<string> RequireAsync()
    {
        var url = LiveServers.MySql.ToSecretString();
        var check = await CliRunner.RunAsync(["--json", "check"], new Dictionary<string, string> { ["DATABASE_URL"] = url });
        return check.ExitCode == 0 ? url : LiveServers.Unavailable<string>(NexuSqlEngine.MySql, check.All.Trim());
    }

    [Fact]
    public async Task Query_statement_timeout_ends_the_statement_here_and_on_the_server()
    {
        var url = await RequireAsync();
        var marker = $"nx_timeout_{Guid.NewGuid():N}";
        var clock = Stopwatch.StartNew();
        var r = await CliRunner.RunAsync("--url", url + "?statement_timeout=1", "--json", "query", $"SELECT SLEEP(30) AS {marker}");
        clock.Stop();

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("timeout", r.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the 30 s statement was not cut at 1 s: {clock.Elapsed}");
        var running = await CliRunner.RunAsync("--url", url, "--json", "query",
            "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE CONCAT('%', :m, '%') AND ID <> CONNECTION_ID()", "-p", $"m={marker}");
        Assert.True(running.ExitCode == 0, running.All);
        Assert.Equal(0, running.Json.GetProperty("rows")[0].GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task Restore_without_load_data_local_says_so_once_and_loads_by_insert()
    {
        var url = await RequireAsync();
        var names = new[] { $"nx_src_{Guid.NewGuid():N}"[..20], $"nx_dst_{Guid.NewGuid():N}"[..20] };
        foreach (var n in names) Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "exec", $"CREATE DATABASE {n}")).ExitCode);
        var backup = Path.Combine(Path.GetTempPath(), $"{names[0]}.nxb");
        try
        {
            var source = LiveServers.MySql.WithDatabase(names[0]).ToSecretString();
            var target = LiveServers.MySql.WithDatabase(names[1]).ToSecretString();
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", "CREATE TABLE a (id INT PRIMARY KEY, s VARCHAR(10))")).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", "CREATE TABLE b (id INT PRIMARY KEY, s VARCHAR(10))")).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", "INSERT INTO a VALUES (1, ''), (2, NULL)")).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", "INSERT INTO b VALUES (1, 'x')")).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "backup", "--output", backup)).ExitCode);

            var r = await CliRunner.RunAsync("--url", target + "?allow_load_local_infile=false", "--json", "restore", backup);

            Assert.True(r.ExitCode == 0, r.All);
            Assert.Equal(3, r.Json.GetProperty("rows").GetInt64());
            var notes = r.Stderr.Split('\n').Where(l => l.Contains("LOAD DATA LOCAL", StringComparison.Ordinal)).ToList();
            Assert.Single(notes);
            Assert.Contains("AllowLoadLocalInfile=false", notes[0], StringComparison.Ordinal);
            var rows = await CliRunner.RunAsync("--url", target, "--json", "query", "SELECT id, s FROM a ORDER BY id");
            Assert.Equal("", rows.Json.GetProperty("rows")[0].GetProperty("s").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, rows.Json.GetProperty("rows")[1].GetProperty("s").ValueKind);
        }
        finally
        {
            File.Delete(backup);
            foreach (var n in names) await CliRunner.RunAsync("--url", url, "exec", $"DROP DATABASE IF EXISTS {n}");
        }
    }
}
