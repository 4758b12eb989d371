using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 16: a <c>mysql://</c> URL may list several nodes (a Galera cluster); connections go to the first node that
/// answers. The drivers take one port for every host, so hosts on different ports are a usage error.
/// </summary>
public sealed class MySqlMultiHostCliTests
{
    [Fact]
    public async Task A_mysql_url_with_several_hosts_connects_to_the_first_that_answers()
    {
        var server = LiveServers.MySql;
        var check = await CliRunner.RunAsync("--url", server.ToSecretString(), "check");
        if (check.ExitCode != 0) LiveServers.Unavailable<int>(NexuSqlEngine.MySql, check.All.Trim());
        var port = server.Host!.Port ?? 3306;
        var real = server.ToSecretString();
        // 127.0.0.2 is loopback too, but the test server listens on 127.0.0.1 only: that node refuses the connection
        var listed = real.Replace($"@{server.Host.Name}:{port}/", $"@127.0.0.2:{port},{server.Host.Name}:{port}/", StringComparison.Ordinal);
        Assert.NotEqual(real, listed);

        var run = await CliRunner.OkAsync("--url", listed, "--json", "query", "SELECT @@port AS port, @@hostname AS host");

        Assert.Equal(port, run.Json.GetProperty("rows")[0].GetProperty("port").GetInt32());
        Assert.Equal(await EngineClient.RunAsync(real, "SELECT @@hostname"), run.Json.GetProperty("rows")[0].GetProperty("host").GetString());
    }

    [Fact]
    public async Task Hosts_on_different_ports_are_a_usage_error_naming_them()
    {
        var run = await CliRunner.RunAsync("--url", "mysql://root:s3cret@127.0.0.1:3306,127.0.0.1:3307/app", "--json", "check");

        Assert.Equal(2, run.ExitCode);
        var message = run.Json.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("127.0.0.1:3306, 127.0.0.1:3307", message, StringComparison.Ordinal);
        Assert.Contains("one port", message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", run.All, StringComparison.Ordinal);
    }
}
