namespace NexuSql.Cli.Tests;

/// <summary>
/// bt44: <c>verify</c> in a folder with migrations, as a PostgreSQL role without CREATEDB, failed with a bare
/// "PostgreSQL error 42501: permission denied to create database": nothing said the drift check replays the migrations
/// in a scratch database. Drift is now "not checked", saying why and what to do; the other checks run, and
/// <c>--checks integrity</c> checks the foreign keys the live schema declares and says what it could not read.
/// </summary>
public sealed class VerifyScratchDatabaseCliTests() : ValueFidelityCliTestBase("bt44vs")
{
    [Fact]
    public Task Verify_as_a_role_that_cannot_create_databases_says_drift_needs_a_scratch_database() => LiveAsync(async () =>
    {
        var db = await Db.NewAsync("postgresql");
        var database = db[(db.LastIndexOf('/') + 1)..];
        var role = "r" + database[^12..];
        await EngineClient.RunScriptAsync(db, $"CREATE ROLE {role} LOGIN PASSWORD 'pw' NOCREATEDB; GRANT CREATE ON SCHEMA public TO {role};");
        try
        {
            Assert.Equal("f", await EngineClient.RunAsync(db, $"SELECT rolcreatedb FROM pg_roles WHERE rolname = '{role}'"));
            var asRole = new UriBuilder(db) { UserName = role, Password = "pw" }.Uri.ToString();
            var folder = Migrations("m", ("V1__ab.sql", "create table a (id int primary key);\ncreate table b (id int primary key, aid int references a (id));\n"));
            await Ok("--url", asRole, "migrate", "--locations", folder);
            Assert.Equal("a\nb", await EngineClient.RunAsync(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('a', 'b') ORDER BY 1"));

            var r = await CliRunner.RunAsync("--url", asRole, "verify", "--locations", folder);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("drift not checked: the schema the migrations make is built by replaying them in a scratch database on the same server, which could not be created: ",
                r.All, StringComparison.Ordinal);
            Assert.Contains("permission denied to create database", r.All, StringComparison.Ordinal);
            Assert.Contains("Grant the account the right to create and drop databases (PostgreSQL: ALTER ROLE ... CREATEDB), or run verify --checks without drift " +
                            "(--checks migrations,integrity); the other checks ran.", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("error:", r.All, StringComparison.Ordinal);

            // integrity alone: checked, and said what it could not read
            r = await CliRunner.RunAsync("--url", asRole, "verify", "--locations", folder, "--checks", "integrity");
            Assert.True(r.ExitCode == 0, r.All);
            Assert.Contains("OK: integrity", r.All, StringComparison.Ordinal);
            Assert.Contains("integrity checked the foreign keys the live schema declares, not those only the migrations declare", r.All, StringComparison.Ordinal);
            // an orphan under a live foreign key is still found
            await EngineClient.RunScriptAsync(db, "ALTER TABLE b DISABLE TRIGGER ALL; INSERT INTO b VALUES (1, 99); ALTER TABLE b ENABLE TRIGGER ALL;");
            r = await CliRunner.RunAsync("--url", asRole, "verify", "--locations", folder, "--checks", "integrity");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("b: 1 row(s) reference a(id) rows that ", r.All, StringComparison.Ordinal);
        }
        finally
        {
            await EngineClient.RunScriptAsync(db, $"DROP OWNED BY {role}; DROP ROLE {role};");
        }
    });
}
