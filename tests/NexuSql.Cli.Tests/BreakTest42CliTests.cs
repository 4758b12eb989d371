namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 42: what an outside tester found on main 0a63663 — a placeholder's secret in a message. Each result is read
/// with the engine's own client.
/// </summary>
public sealed class BreakTest42CliTests() : ValueFidelityCliTestBase("bt42")
{
    /// <summary>
    /// N14: a password given as a placeholder (to keep it out of the scripts) was printed by <c>migrate validate</c> and
    /// the next <c>migrate</c>, text and --json, once a script run statement by statement failed at the statement using
    /// it: the statement was shown with the value put in. It is shown as the script spells it.
    /// </summary>
    [Fact]
    public Task A_placeholder_value_never_reaches_a_message() => LiveAsync(async () =>
    {
        const string Secret = "S3cretCanary42";
        var maria = await Db.NewAsync("mysql");
        var user = "bt42u" + Guid.NewGuid().ToString("N")[..8];
        await EngineClient.RunAsync(maria, $"CREATE USER '{user}'@'%' IDENTIFIED BY 'other'");
        try
        {
            var folder = Migrations("pw-migrations", ("V1__user.sql", $"CREATE TABLE a (id int);\nCREATE USER '{user}'@'%' IDENTIFIED BY '${{app_pw}}';\n"));
            var secret = new Dictionary<string, string> { ["NEXUSQL_PLACEHOLDERS_APP_PW"] = Secret };
            var runs = new List<CliRunner.Result>
            {
                await CliRunner.RunAsync(["--url", maria, "migrate", "--locations", folder], secret),
                await CliRunner.RunAsync(["--url", maria, "migrate", "validate", "--locations", folder], secret),
                await CliRunner.RunAsync(["--json", "--url", maria, "migrate", "validate", "--locations", folder], secret),
                await CliRunner.RunAsync(["--url", maria, "migrate", "--locations", folder], secret),
                await CliRunner.RunAsync(["--json", "--url", maria, "migrate", "info", "--locations", folder], secret),
            };
            foreach (var r in runs) Assert.DoesNotContain(Secret, r.All, StringComparison.Ordinal);
            Assert.All(runs.Take(4), r => Assert.NotEqual(0, r.ExitCode));
            Assert.Contains($"line 2: CREATE USER '{user}'@'%' IDENTIFIED BY '${{app_pw}}'", runs[1].All, StringComparison.Ordinal);
            // the table of statement 1 stayed, as the message says
            Assert.Equal("a", await EngineClient.RunAsync(maria, "SELECT table_name FROM information_schema.tables WHERE table_schema = database() AND table_name = 'a'"));
        }
        finally
        {
            await EngineClient.RunAsync(maria, $"DROP USER IF EXISTS '{user}'@'%'");
        }
    });
}
