namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 42's low findings: a JSON data file with a byte order mark refused, <c>backup list --verify</c> exiting 0
/// over a damaged backup, seed's advice to use an option it does not have, and a seed folder that is not there.
/// </summary>
public sealed class BreakTest42LowCliTests() : ValueFidelityCliTestBase("bt42low")
{
    /// <summary>A UTF-8 byte order mark (Windows editors) before a JSON file's array: refused as "'0xEF' is an invalid start", while CSV skipped it.</summary>
    [Fact]
    public Task A_json_file_with_a_byte_order_mark_is_loaded() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE t (id integer PRIMARY KEY, v text);");
        var folder = Directory.CreateDirectory(Db.File("bom")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "t.json"), [0xEF, 0xBB, 0xBF, .. "[{\"id\":1,\"v\":\"é\"}]"u8.ToArray()], TestContext.Current.CancellationToken);
        await Ok("--url", sqlite, "import", folder);
        await Ok("--url", sqlite, "seed", "--folder", folder);
        Assert.Equal("1|é", (await EngineClient.RunAsync(sqlite, "SELECT id || '|' || v FROM t")).Trim());
    });

    /// <summary><c>backup list --verify</c> is a check: a damaged backup in the folder makes it exit 3 (a plain list exits 0).</summary>
    [Fact]
    public Task Backup_list_verify_exits_3_over_a_damaged_backup() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE t (id integer PRIMARY KEY); INSERT INTO t VALUES (1);");
        var folder = Directory.CreateDirectory(Db.File("backups")).FullName;
        await Ok("--url", sqlite, "backup", "-o", Path.Combine(folder, "a.nxb"));
        Assert.Equal(0, (await CliRunner.RunAsync("backup", "list", "--dir", folder, "--verify")).ExitCode);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, "a.nxb"), TestContext.Current.CancellationToken);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(Path.Combine(folder, "b.nxb"), bytes, TestContext.Current.CancellationToken);
        var r = await CliRunner.RunAsync("backup", "list", "--dir", folder, "--verify");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("damaged", r.All, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync("backup", "list", "--dir", folder)).ExitCode);
    });

    /// <summary>
    /// Seed has no <c>--key</c>: its advice for a table without a key named it, and <c>seed --folder f --key a</c> ran
    /// with "--key" and "a" taken for folders that are not there. A named folder that is not there is a usage error.
    /// </summary>
    [Fact]
    public Task Seed_names_folders_that_are_not_there_and_advises_what_it_has() => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE t (a int, b text); CREATE TABLE u (id integer PRIMARY KEY);");
        var keyless = await FolderAsync("nokey", "t", "a,b\n1,x\n");
        var r = await CliRunner.RunAsync("--url", sqlite, "seed", "--folder", keyless);
        Assert.True(r.ExitCode == 2, r.All);
        Assert.Contains("table t has no primary key or unique constraint to recognise rows by; give the table one (seed upserts each record by it), " +
            "or load the file with 'nexusql import --key COLUMNS'.", r.All, StringComparison.Ordinal);
        var good = await FolderAsync("good", "u", "id\n1\n");
        foreach (var (args, named) in new[] { (new[] { good, "nosuch" }, "'nosuch'"), ([good, "--key", "a"], "'--key', 'a' (seed takes no such option") })
        {
            r = await CliRunner.RunAsync(["--url", sqlite, "seed", "--folder", .. args]);
            Assert.True(r.ExitCode == 2, r.All);
            Assert.Contains($"No seed folder {named}", r.All, StringComparison.Ordinal);
        }
        Assert.Equal("0", (await EngineClient.RunAsync(sqlite, "SELECT count(*) FROM u")).Trim());
        await Ok("--url", sqlite, "import", keyless, "--key", "a");
        Assert.Equal("1|x", (await EngineClient.RunAsync(sqlite, "SELECT a || '|' || b FROM t")).Trim());
    });

    /// <summary>
    /// A database whose sessions begin read-only (as a hot standby takes no writes): <c>reset --data-only</c> and
    /// <c>migrate</c> ended in a raw 25006, migrate advising to run it again. Both refused by name, nothing changed.
    /// </summary>
    [Fact]
    public Task Reset_and_migrate_refuse_a_database_that_takes_no_writes() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        var database = pg[(pg.LastIndexOf('/') + 1)..];
        await EngineClient.RunScriptAsync(pg, $"CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1); ALTER DATABASE \"{database}\" SET default_transaction_read_only = on;");
        var folder = Migrations("ro-migrations", ("V1__init.sql", "CREATE TABLE u (id int PRIMARY KEY);\n"));
        foreach (var args in new[] { new[] { "--yes", "reset", "--data-only" }, ["--yes", "reset"], ["migrate", "--locations", folder] })
        {
            var r = await CliRunner.RunAsync(["--url", pg, .. args]);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("takes no writes: its sessions begin read-only (default_transaction_read_only = on", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("again to continue", r.All, StringComparison.Ordinal);
        }
        Assert.Equal("1|0", (await EngineClient.RunAsync(pg, "SELECT (SELECT count(*) FROM t) || '|' || (SELECT count(*) FROM pg_tables WHERE tablename IN ('u', 'nexusql_schema_history'))")).Trim());
    });
}
