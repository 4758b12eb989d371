namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 44: a <c>schema apply</c> (or an import) into a SQLite file that was not there, refused before anything
/// ran, left a 0-byte database file behind. A file the refused command created is removed; one that was there stays.
/// </summary>
public sealed class RefusedNewSqliteFileCliTests() : ValueFidelityCliTestBase("bt44nf")
{
    [Fact]
    public Task A_refused_schema_apply_or_import_leaves_no_new_sqlite_file() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE t (id integer PRIMARY KEY, a int, b int); CREATE INDEX Ix ON t (a);");
        var file = Db.File("ix.json");
        await Ok("--url", sqlite, "schema", "dump", "-o", file);
        // a second index whose name differs only in case: SQLite refuses it, so the plan does
        var json = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var withTwin = json.Replace("\"indexes\": [", "\"indexes\": [ { \"name\": \"ix\", \"columns\": [ { \"name\": \"b\" } ] },", StringComparison.Ordinal);
        Assert.NotEqual(json, withTwin);
        await File.WriteAllTextAsync(file, withTwin, TestContext.Current.CancellationToken);

        var path = Db.File("new.db");
        var r = await CliRunner.RunAsync("--url", "sqlite:///" + path, "--yes", "schema", "apply", file);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("regardless of case", r.All, StringComparison.Ordinal);
        Assert.False(File.Exists(path), "the refused schema apply left the database file it created");

        var dir = Directory.CreateDirectory(Db.File("imp")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "m.csv"), "id,v\n1,2\n", TestContext.Current.CancellationToken);
        r = await CliRunner.RunAsync("--url", "sqlite:///" + path, "import", dir);
        Assert.True(r.ExitCode != 0, r.All);
        Assert.Contains("there is no table m", r.All, StringComparison.Ordinal);
        Assert.False(File.Exists(path), "the refused import left the database file it created");

        // a file that was there before the refusal is kept, as it was
        await EngineClient.RunAsync("sqlite:///" + path, "CREATE TABLE keep (i int)");
        r = await CliRunner.RunAsync("--url", "sqlite:///" + path, "--yes", "schema", "apply", file);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Equal("keep", await EngineClient.RunAsync("sqlite:///" + path, "SELECT name FROM sqlite_master"));
    });
}
