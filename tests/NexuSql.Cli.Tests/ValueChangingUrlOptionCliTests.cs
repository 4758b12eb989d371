using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>
/// A URL option that makes the driver change values as it reads or writes them (bt29 M7) is refused by name with a
/// usage error before anything is read or written: the copy would otherwise carry the changed values and its own
/// hashes, computed from what the driver returned, could not see it.
/// </summary>
public sealed class ValueChangingUrlOptionCliTests
{
    private static async Task<string> RequireAsync(NexuSqlEngine engine, DatabaseUrl url)
    {
        var text = url.ToSecretString();
        var check = await CliRunner.RunAsync(["--json", "check"], new Dictionary<string, string> { ["DATABASE_URL"] = text });
        return check.ExitCode == 0 ? text : LiveServers.Unavailable<string>(engine, check.All.Trim());
    }

    [Fact]
    public async Task MySql_copy_with_treat_tiny_as_boolean_is_refused_by_name_and_the_target_is_untouched()
    {
        var url = await RequireAsync(NexuSqlEngine.MySql, LiveServers.MySql);
        var names = new[] { $"nx_src_{Guid.NewGuid():N}"[..20], $"nx_dst_{Guid.NewGuid():N}"[..20] };
        foreach (var n in names) Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "exec", $"CREATE DATABASE {n}")).ExitCode);
        try
        {
            var source = LiveServers.MySql.WithDatabase(names[0]).ToSecretString();
            var target = LiveServers.MySql.WithDatabase(names[1]).ToSecretString();
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", "CREATE TABLE t (id INT PRIMARY KEY, flag TINYINT(1))")).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", "INSERT INTO t VALUES (1, 2), (2, -1)")).ExitCode);

            foreach (var (from, to) in new[] { (source + "?treat_tiny_as_boolean=true", target), (source, target + "?guid_format=Char36") })
            {
                var r = await CliRunner.RunAsync("--json", "copy", "--from", from, "--to", to);

                Assert.True(r.ExitCode == 2, r.All);
                Assert.Equal("usage", r.Json.GetProperty("error").GetProperty("kind").GetString());
                var message = r.Json.GetProperty("error").GetProperty("message").GetString()!;
                Assert.Contains(from == source ? "guid_format=Char36" : "treat_tiny_as_boolean=true", message, StringComparison.Ordinal);
                Assert.Contains("from the URL", message, StringComparison.Ordinal);
            }
            var tables = await CliRunner.RunAsync("--url", url, "--json", "query",
                "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = :s", "-p", $"s={names[1]}");
            Assert.Equal(0, tables.Json.GetProperty("rows")[0].GetProperty("n").GetInt64());
        }
        finally
        {
            foreach (var n in names) await CliRunner.RunAsync("--url", url, "exec", $"DROP DATABASE IF EXISTS {n}");
        }
    }

    [Fact]
    public async Task PostgreSql_copy_with_encoding_latin1_is_refused_by_name_and_the_target_is_untouched()
    {
        var url = await RequireAsync(NexuSqlEngine.PostgreSql, LiveServers.PostgreSql);
        var names = new[] { $"nx_src_{Guid.NewGuid():N}"[..20], $"nx_dst_{Guid.NewGuid():N}"[..20] };
        foreach (var n in names) Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "exec", $"CREATE DATABASE {n}")).ExitCode);
        try
        {
            var source = LiveServers.PostgreSql.WithDatabase(names[0]).ToSecretString();
            var target = LiveServers.PostgreSql.WithDatabase(names[1]).ToSecretString();
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", "CREATE TABLE w (id INT PRIMARY KEY, s TEXT)")).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", "INSERT INTO w VALUES (1, 'é 😀 Ω')")).ExitCode);

            foreach (var (from, to) in new[] { (source + "?encoding=latin1", target), (source, target + "?client_encoding=LATIN1") })
            {
                var r = await CliRunner.RunAsync("--json", "copy", "--from", from, "--to", to);

                Assert.True(r.ExitCode == 2, r.All);
                Assert.Equal("usage", r.Json.GetProperty("error").GetProperty("kind").GetString());
                var message = r.Json.GetProperty("error").GetProperty("message").GetString()!;
                Assert.Contains(from == source ? "client_encoding=LATIN1" : "encoding=latin1", message, StringComparison.Ordinal);
                Assert.Contains("from the URL", message, StringComparison.Ordinal);
            }
            var tables = await CliRunner.RunAsync("--url", target, "--json", "query",
                "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'");
            Assert.Equal(0, tables.Json.GetProperty("rows")[0].GetProperty("n").GetInt64());
        }
        finally
        {
            foreach (var n in names) await CliRunner.RunAsync("--url", url, "exec", $"DROP DATABASE IF EXISTS {n}");
        }
    }
}
