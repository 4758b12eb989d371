namespace NexuSql.Cli.Tests;

/// <summary>
/// The tool ships Microsoft.Data.SqlClient. No SQL Server installs here, so this proves what can be proven without
/// one: the driver loads and tries the network (ICU is on: SqlClient refuses invariant-globalization mode), and an
/// unreachable server is a connection error with the password nowhere in the output.
/// </summary>
public sealed class SqlServerCliTests
{
    [Fact]
    public async Task Check_unreachable_sqlserver_is_a_connection_error_from_the_real_driver_without_the_password()
    {
        var r = await CliRunner.RunAsync("--url", "sqlserver://sa:Sup3rSecret@127.0.0.1:1/shop?connect_timeout=5&encrypt=false", "--json", "check");
        Assert.Equal(1, r.ExitCode);
        var error = r.Json.GetProperty("error");
        Assert.Equal("connection", error.GetProperty("kind").GetString());
        Assert.Contains("TCP Provider", error.GetProperty("message").GetString());
        Assert.DoesNotContain("Globalization", r.All);
        Assert.DoesNotContain("Sup3rSecret", r.All);
    }
}
