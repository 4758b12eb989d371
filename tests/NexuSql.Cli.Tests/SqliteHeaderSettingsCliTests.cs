namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F21: SQLite→SQLite copy and backup → restore dropped <c>PRAGMA user_version</c> and
/// <c>application_id</c>, where many applications keep their schema version (a copy with 0 had its migrations run
/// again). Now carried (read back with sqlite3); into another engine each is named as not carried.
/// </summary>
public sealed class SqliteHeaderSettingsCliTests() : ValueFidelityCliTestBase("sqlite-header")
{
    private const string Script = "PRAGMA user_version = 42; PRAGMA application_id = 1234; CREATE TABLE t (id integer PRIMARY KEY); INSERT INTO t VALUES (1);";

    [Fact]
    public async Task Copy_schema_only_copy_and_restore_sqlite_to_sqlite_keep_user_version_and_application_id()
    {
        var source = "sqlite:///" + Db.File("header.db");
        await EngineClient.RunScriptAsync(source, Script);
        var (copied, restored) = await MoveAsync(source, "sqlite");
        var schemaOnly = await Db.NewAsync("sqlite");
        await Ok("copy", "--schema-only", "--from", source, "--to", schemaOnly);
        foreach (var target in new[] { copied, restored, schemaOnly })
            Assert.Equal("42|1234", await EngineClient.RunAsync(target, "SELECT (SELECT user_version FROM pragma_user_version) || '|' || (SELECT application_id FROM pragma_application_id)"));
        // a database that never set them still copies with 0: nothing is written for it
        var plain = "sqlite:///" + Db.File("plain.db");
        await EngineClient.RunScriptAsync(plain, "CREATE TABLE t (id integer PRIMARY KEY);");
        var (plainCopy, _) = await MoveAsync(plain, "sqlite");
        Assert.Equal("0|0", await EngineClient.RunAsync(plainCopy, "SELECT (SELECT user_version FROM pragma_user_version) || '|' || (SELECT application_id FROM pragma_application_id)"));
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task Copy_and_restore_sqlite_user_version_into_another_engine_name_it_as_not_carried(string engine)
    {
        try
        {
            var source = "sqlite:///" + Db.File("header.db");
            await EngineClient.RunScriptAsync(source, Script);
            var copied = await Db.NewAsync(engine);
            var copy = await Ok("--json", "copy", "--from", source, "--to", copied);
            var file = Db.File("header.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restored = await Db.NewAsync(engine);
            var restore = await Ok("--url", restored, "--json", "restore", file);
            foreach (var r in new[] { copy, restore })
            {
                var skipped = string.Join("\n", r.Json.GetProperty("skippedObjects").EnumerateArray().Select(x => x.GetString()));
                Assert.Contains("database setting user_version = 42 of the SQLite database: not carried", skipped, StringComparison.Ordinal);
                Assert.Contains("database setting application_id = 1234 of the SQLite database: not carried", skipped, StringComparison.Ordinal);
            }
            Assert.Equal("1", await EngineClient.RunAsync(restored, "SELECT count(*) FROM t"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
