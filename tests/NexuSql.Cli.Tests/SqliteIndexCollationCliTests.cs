namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 26 G23: the COLLATE of an expression key part of a SQLite index (<c>trim(code) COLLATE NOCASE</c>) was
/// dropped by copy and backup → restore, so a unique index lost its case-insensitivity, and verify did not see it. Each
/// result is read with sqlite3.
/// </summary>
public sealed class SqliteIndexCollationCliTests() : ValueFidelityCliTestBase("sqlite-index-collation")
{
    private const string Schema = """
        CREATE TABLE a (id integer PRIMARY KEY, code text);
        CREATE UNIQUE INDEX u ON a (trim(code) COLLATE NOCASE);
        CREATE INDEX l ON a (lower(code) COLLATE RTRIM DESC);
        INSERT INTO a VALUES (1, 'Abc');
        """;

    [Fact]
    public async Task Copy_and_restore_keep_the_collation_of_an_expression_key_part()
    {
        var source = "sqlite:///" + Db.File("q.db");
        await EngineClient.RunScriptAsync(source, Schema);
        var (copied, restored) = await MoveAsync(source, "sqlite");
        var dump = Db.File("q.json");
        await Ok("--url", source, "schema", "dump", "-o", dump);
        var applied = await Db.NewAsync("sqlite");
        await Ok("--url", applied, "schema", "apply", dump);
        foreach (var target in new[] { copied, restored, applied })
        {
            Assert.Contains("(trim(code)) COLLATE NOCASE)", await EngineClient.RunAsync(target, "SELECT sql FROM sqlite_master WHERE name = 'u'"), StringComparison.OrdinalIgnoreCase);
            Assert.Contains("(lower(code)) COLLATE RTRIM DESC)", await EngineClient.RunAsync(target, "SELECT sql FROM sqlite_master WHERE name = 'l'"), StringComparison.OrdinalIgnoreCase);
            await Ok("--url", target, "verify", "--against", source, "--checks", "schema");
        }
        foreach (var target in new[] { copied, restored })
        {
            // the unique index refuses another spelling of the same code, as in the source
            Assert.Equal("0|1", await EngineClient.RunAsync(target, "INSERT OR IGNORE INTO a VALUES (2, ' aBC'); SELECT changes() || '|' || count(*) FROM a"));
        }
        Assert.Equal("0|1", await EngineClient.RunAsync(source, "INSERT OR IGNORE INTO a VALUES (2, ' aBC'); SELECT changes() || '|' || count(*) FROM a"));
    }

    [Fact]
    public async Task Verify_names_an_expression_key_part_whose_collation_differs()
    {
        var source = "sqlite:///" + Db.File("v1.db");
        await EngineClient.RunScriptAsync(source, Schema);
        var other = "sqlite:///" + Db.File("v2.db");
        await EngineClient.RunScriptAsync(other, """
            CREATE TABLE a (id integer PRIMARY KEY, code text);
            CREATE UNIQUE INDEX u ON a (trim(code));
            CREATE INDEX l ON a (lower(code) COLLATE RTRIM DESC);
            INSERT INTO a VALUES (1, 'Abc');
            """);
        var r = await CliRunner.RunAsync("--url", other, "verify", "--against", source, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("index u", r.All, StringComparison.Ordinal);
        Assert.Contains("collation", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("index l", r.All, StringComparison.Ordinal);
    }
}
