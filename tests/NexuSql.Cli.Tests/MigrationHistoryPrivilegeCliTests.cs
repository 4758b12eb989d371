namespace NexuSql.Cli.Tests;

/// <summary>
/// bt42 N15: a PostgreSQL role that may not read the migration history was told every applied migration is "Pending",
/// "Migrations are valid.", and <c>migrate</c> then ran V1 again and failed with a raw 42P07 on CREATE TABLE of the
/// history (information_schema lists only the tables a role has a privilege on). The history is found in the catalog;
/// reading it is refused by name, and nothing runs.
/// </summary>
public sealed class MigrationHistoryPrivilegeCliTests() : ValueFidelityCliTestBase("histpriv")
{
    [Fact]
    public Task A_history_the_user_may_not_read_is_not_taken_for_none() => LiveAsync(async () =>
    {
        var owner = await Db.NewAsync("postgresql");
        var database = owner[(owner.LastIndexOf('/') + 1)..];
        var role = "h" + database[^12..];
        var folder = Migrations("histpriv-migrations", ("V1__init.sql", "CREATE TABLE t (id int PRIMARY KEY);\n"), ("V2__more.sql", "CREATE TABLE u (id int PRIMARY KEY);\n"));
        await Ok("--url", owner, "migrate", "--locations", folder, "--target", "1");
        await EngineClient.RunScriptAsync(owner, $"CREATE ROLE {role} LOGIN PASSWORD 'pw'; GRANT ALL ON SCHEMA public TO {role};");
        try
        {
            var asRole = new UriBuilder(owner) { UserName = role, Password = "pw" }.Uri.ToString();
            foreach (var command in new[] { new[] { "migrate", "info" }, ["migrate", "validate"], ["migrate"], ["verify", "--checks", "migrations"] })
            {
                var r = await CliRunner.RunAsync(["--url", asRole, .. command, "--locations", folder]);
                Assert.True(r.ExitCode == 1, $"{string.Join(' ', command)} → {r.ExitCode}\n{r.All}");
                Assert.Contains("42501: permission denied for table nexusql_schema_history", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("Pending", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("valid.", r.All, StringComparison.Ordinal);
            }
            // nothing ran: V2's table is not there, the history holds V1 alone
            Assert.Equal("1", (await EngineClient.RunAsync(owner, "SELECT string_agg(version, ',') FROM nexusql_schema_history")).Trim());
            Assert.Equal("0", (await EngineClient.RunAsync(owner, "SELECT count(*) FROM pg_tables WHERE tablename = 'u'")).Trim());
        }
        finally
        {
            await EngineClient.RunScriptAsync(owner, $"DROP OWNED BY {role}; DROP ROLE {role};");
        }
    });
}
