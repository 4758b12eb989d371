namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 24 B35: a copy target URL without a database name was taken: PostgreSQL wrote the tables into the
/// maintenance database <c>postgres</c> and said "counts and hashes match"; MariaDB failed half-way with error 1046.
/// copy and restore now refuse such a target (exit 2) before anything is written.
/// </summary>
public sealed class TargetWithoutDatabaseCliTests() : ValueFidelityCliTestBase("no-database")
{
    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task A_server_url_naming_no_database_is_refused_as_a_target(string engine)
    {
        try
        {
            var server = await Db.NewAsync(engine);
            var table = $"nodb_{Guid.NewGuid():N}"[..20];
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, $"CREATE TABLE {table} (id INTEGER PRIMARY KEY); INSERT INTO {table} VALUES (1);");
            var backup = Db.File("nodb.nxb");
            await Ok("--url", source, "backup", "-o", backup);
            // the server's URL with its database cut off: scheme://user@host:port/
            var noDatabase = server[..(server.IndexOf('/', server.IndexOf("//", StringComparison.Ordinal) + 2) + 1)];
            foreach (var args in new[] { new[] { "copy", "--from", source, "--to", noDatabase }, ["--url", noDatabase, "restore", backup] })
            {
                var r = await CliRunner.RunAsync(args);
                Assert.True(r.ExitCode == 2, r.All);
                Assert.Contains("names no database: add its name to the URL", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            }
            // nothing landed in the database the server would have chosen
            var maintenance = engine == "postgresql" ? server[..server.LastIndexOf('/')] + "/postgres" : server;
            Assert.Equal("0", await EngineClient.RunAsync(maintenance, engine == "postgresql"
                ? $"SELECT count(*) FROM pg_tables WHERE tablename = '{table}'"
                : $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
