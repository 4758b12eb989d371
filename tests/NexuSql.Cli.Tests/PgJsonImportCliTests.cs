namespace NexuSql.Cli.Tests;

/// <summary>
/// The #11 break test's F2: import and seed into a PostgreSQL <c>json</c> column (the type NexuSQL itself creates for
/// JSON from MariaDB and SQLite) failed on every record with 42804, and a JSON seed's object was refused.
/// </summary>
public sealed class PgJsonImportCliTests() : ValueFidelityCliTestBase("pg-json-import")
{
    [Fact]
    public async Task Csv_import_and_json_seed_into_json_keep_the_text_as_written()
    {
        try
        {
            var db = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(db, "CREATE TABLE jt (id INT PRIMARY KEY, js JSON, jb JSONB)");
            var import = Directory.CreateDirectory(Db.File("import")).FullName;
            await File.WriteAllTextAsync(Path.Combine(import, "jt.csv"), "id,js,jb\n1,\"{\"\"a\"\":1, \"\"a\"\":2}\",\"{\"\"a\"\":1}\"\n3,42,42\n", TestContext.Current.CancellationToken);
            await Ok("--url", db, "import", import);
            var seed = Directory.CreateDirectory(Db.File("seed")).FullName;
            await File.WriteAllTextAsync(Path.Combine(seed, "jt.json"), """[{"id": 5, "js": {"b":  [1,2]}, "jb": {"a": 1}}]""", TestContext.Current.CancellationToken);
            await Ok("--url", db, "seed", "--folder", seed);
            Assert.Equal("1|{\"a\":1, \"a\":2}|{\"a\": 1}\n3|42|42\n5|{\"b\":  [1,2]}|{\"a\": 1}", await EngineClient.RunAsync(db, "SELECT id, js, jb FROM jt ORDER BY id"));
            // not JSON: that record is rejected with its reason, the others load
            await File.WriteAllTextAsync(Path.Combine(import, "jt.csv"), "id,js,jb\n7,{not json,1\n8,[],[]\n", TestContext.Current.CancellationToken);
            var rejected = await CliRunner.RunAsync("--json", "--url", db, "import", import);
            Assert.Equal(3, rejected.ExitCode);
            Assert.Contains("js", rejected.Stdout, StringComparison.Ordinal);
            Assert.Equal("8|[]", await EngineClient.RunAsync(db, "SELECT id, js FROM jt WHERE id > 5 ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
