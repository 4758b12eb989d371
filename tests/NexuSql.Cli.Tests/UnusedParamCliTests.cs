namespace NexuSql.Cli.Tests;

/// <summary>A --param the SQL never uses (issue 13, input 9: <c>WHERE id = id</c> with <c>--param id=1</c>).</summary>
public sealed class UnusedParamCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-cli-param-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Url => "sqlite:///" + Path.Combine(_dir, "p.db");

    [Fact]
    public async Task Exec_unused_param_warns_and_strict_refuses_before_anything_runs()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Url, "exec", "CREATE TABLE victims (id INTEGER PRIMARY KEY)")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", Url, "exec", "INSERT INTO victims VALUES (1), (2), (3)")).ExitCode);

        var refused = await CliRunner.RunAsync("--url", Url, "exec", "DELETE FROM victims WHERE id = id", "--param", "id=1", "--strict");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("the SQL has no :id", refused.All);
        Assert.DoesNotContain("   at ", refused.All);
        Assert.Equal("3", await EngineClient.RunAsync(Url, "SELECT COUNT(*) FROM victims"));

        var warned = await CliRunner.RunAsync("--url", Url, "query", "SELECT COUNT(*) AS n FROM victims WHERE id > 0", "--param", "id=1");
        Assert.Equal(0, warned.ExitCode);
        Assert.Contains("Warning: --param id: the SQL has no :id", warned.Stderr);

        var used = await CliRunner.RunAsync("--url", Url, "exec", "DELETE FROM victims WHERE id = :ID", "--param", "id=1", "--strict");
        Assert.Equal(0, used.ExitCode);
        Assert.DoesNotContain("Warning", used.Stderr);
        Assert.Equal("2", await EngineClient.RunAsync(Url, "SELECT COUNT(*) FROM victims"));
    }
}
