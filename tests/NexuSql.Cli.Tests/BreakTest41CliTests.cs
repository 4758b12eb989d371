namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 41: SQLite URI file names and the memdb VFS, which slipped past the checks that keep a copy from writing
/// into its own source or into memory. Each file is read with sqlite3.
/// </summary>
public sealed class BreakTest41CliTests() : ValueFidelityCliTestBase("bt41")
{
    /// <summary>
    /// F34: <c>copy --from sqlite:///fu.db --to sqlite:///file:fu.db --clean</c> emptied its own source (the URI spelling
    /// was another file to the same-database check); F21: <c>?vfs=memdb</c> made the target in-memory and the copy said
    /// "counts and hashes match", with no file left. Both refused, with nothing changed.
    /// </summary>
    [Fact]
    public Task A_sqlite_uri_file_name_and_the_memdb_vfs_are_seen_for_what_they_are() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id integer PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a'), (2, 'b');");
        var file = source["sqlite:///".Length..];
        foreach (var same in new[] { "sqlite:///file:" + file, $"sqlite:///file://{file}?cache=private", "sqlite:///file:" + file.Replace(".db", "%2Edb", StringComparison.Ordinal) })
        {
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", same, "--clean", "--yes");
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("The source and the target are the same database", r.Stderr, StringComparison.Ordinal);
        }
        Assert.Equal("2", await EngineClient.RunAsync(source, "SELECT count(*) FROM t"));
        var memory = Db.File("mem.db");
        foreach (var args in new[] { new[] { "copy", "--from", source, "--to", $"sqlite:///{memory}?vfs=memdb" }, ["--url", $"sqlite:///{memory}?vfs=memdb", "import", await FolderAsync("in", "t", "id,v\n3,c\n")] })
        {
            var r = await CliRunner.RunAsync(args);
            Assert.True(r.ExitCode == 2, r.All);
            Assert.Contains("is an in-memory database", r.Stderr, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(memory));
    });
}
