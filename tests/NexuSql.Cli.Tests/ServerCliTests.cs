using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>The same commands against the live PostgreSQL and MariaDB servers.</summary>
public sealed class ServerCliTests
{
    private const string Canary = "Canary-Pa55word-41c9";

    public static TheoryData<string> Engines => ["postgresql", "mysql"];

    private static async Task<(string Url, NexuSqlEngine Engine)> RequireAsync(string engine)
    {
        var (url, kind) = engine == "postgresql" ? (LiveServers.PostgreSql, NexuSqlEngine.PostgreSql) : (LiveServers.MySql, NexuSqlEngine.MySql);
        var check = await CliRunner.RunAsync(["--json", "check"], new Dictionary<string, string> { ["DATABASE_URL"] = url.ToSecretString() });
        return check.ExitCode == 0 ? (url.ToSecretString(), kind) : LiveServers.Unavailable<(string, NexuSqlEngine)>(kind, check.All.Trim());
    }

    private static Task<CliRunner.Result> Run(string url, params string[] args) =>
        CliRunner.RunAsync(args, new Dictionary<string, string> { ["DATABASE_URL"] = url });

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Query_parameters_next_to_strings_comments_and_casts(string engine)
    {
        var (url, kind) = await RequireAsync(engine);
        var sql = kind == NexuSqlEngine.PostgreSql
            ? "SELECT ':a' AS lit, $$:b$$ AS dollar, '7'::int + :n AS sum, :s::text AS s /* :c */ -- :d"
            : "SELECT ':a' AS lit, 'it\\'s :b' AS dollar, 7 + :n AS sum, :s AS s /* :c */ # :d";
        var r = await Run(url, "--json", "query", sql, "-p", "n=5", "-p", "s=x:y");
        Assert.True(r.ExitCode == 0, r.All);
        var row = r.Json.GetProperty("rows")[0];
        Assert.Equal(":a", row.GetProperty("lit").GetString());
        Assert.Equal(kind == NexuSqlEngine.PostgreSql ? ":b" : "it's :b", row.GetProperty("dollar").GetString());
        Assert.Equal(12, row.GetProperty("sum").GetInt32());
        Assert.Equal("x:y", row.GetProperty("s").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Exec_constraint_violation_gives_the_same_kind_and_exit_code(string engine)
    {
        var (url, _) = await RequireAsync(engine);
        var table = $"cli_unique_{Guid.NewGuid():N}"[..24];
        Assert.Equal(0, (await Run(url, "exec", $"CREATE TABLE {table} (id INT PRIMARY KEY)")).ExitCode);
        try
        {
            Assert.Equal(0, (await Run(url, "exec", $"INSERT INTO {table} (id) VALUES (:id)", "-p", "id=1")).ExitCode);
            var r = await Run(url, "--json", "exec", $"INSERT INTO {table} (id) VALUES (:id)", "-p", "id=1");
            Assert.Equal(1, r.ExitCode);
            Assert.Equal("constraint", r.Json.GetProperty("error").GetProperty("kind").GetString());
            Assert.Equal("Unique", r.Json.GetProperty("error").GetProperty("constraint").GetString());
        }
        finally
        {
            await Run(url, "exec", $"DROP TABLE {table}");
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Check_with_bad_credentials_never_prints_the_password(string engine)
    {
        var (url, _) = await RequireAsync(engine);
        var parsed = DatabaseUrl.Parse(url);
        var bad = $"{parsed.Scheme}://nexusql_nobody:{Canary}@{parsed.Host}/{parsed.Database}";
        foreach (var json in new[] { true, false })
        {
            var r = json ? await Run(bad, "--json", "check") : await Run(bad, "check");
            Assert.Equal(1, r.ExitCode);
            Assert.DoesNotContain(Canary, r.All);
        }
        var viaArgument = await CliRunner.RunAsync("--url", bad, "--json", "check");
        Assert.Equal(1, viaArgument.ExitCode);
        Assert.DoesNotContain(Canary, viaArgument.All);
        Assert.Equal("connection", viaArgument.Json.GetProperty("error").GetProperty("kind").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Check_success_shows_the_url_redacted(string engine)
    {
        var (url, _) = await RequireAsync(engine);
        var r = await Run(url, "check");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("ok", r.Stdout);
        Assert.Contains("latency", r.Stdout);
    }
}
