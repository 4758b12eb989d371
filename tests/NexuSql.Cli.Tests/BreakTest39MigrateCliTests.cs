using System.Diagnostics;

namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 39: copy and backup of the MariaDB database a <c>migrate --schemas</c> writes into, while the migrator is
/// connected to another one (H7), a snapshot that caught a migration half-applied by a migrator the copy could not wait
/// for (H7), and the interrupted-copy marker under a changed PostgreSQL search path (M2). Each side is read with its
/// engine's client.
/// </summary>
public sealed class BreakTest39MigrateCliTests() : ValueFidelityCliTestBase("bt39m")
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Name(string url) => DatabaseUrl.Parse(url).Database!;

    /// <summary>
    /// H7: <c>--url .../app migrate --schemas hist,other</c> writes into hist and other, but its lock slots were keyed by
    /// the URL's database: a copy of hist did not wait and copied V2 half-applied with exit 0 ("counts and hashes
    /// match"); a backup started over three times. The migrator now holds a slot of each database of --schemas: a copy
    /// of hist and a backup of other wait for it, with their note, and hold the migrations whole.
    /// </summary>
    [Fact]
    public Task MariaDB_copy_and_backup_wait_for_a_migration_of_the_schemas_it_writes_into_not_of_the_urls_database() => LiveAsync(async () =>
    {
        var url = await Db.NewAsync("mysql");
        var hist = await Db.NewAsync("mysql");
        var other = await Db.NewAsync("mysql");
        var (h, o) = (Name(hist), Name(other));
        // as in the report, migrate creates the database it writes into
        await EngineClient.RunAsync(url, $"DROP DATABASE {h}");
        var folder = Migrations("mm", ("V1__a.sql", "CREATE TABLE t1 (id INT PRIMARY KEY, v TEXT);\nINSERT INTO t1 VALUES (1, 'a');\nCREATE TABLE gate (id INT);"));
        await Ok("--url", url, "migrate", "--locations", folder, "--schemas", $"{h},{o}");
        Assert.Equal("1|a", await EngineClient.RunAsync(hist, "SELECT id, v FROM t1"));

        Migrations("mm", ("V2__slow.sql", $"CREATE TABLE t2 (id INT PRIMARY KEY);\n{MariaDbGate}\nCREATE TABLE t3 (id INT PRIMARY KEY);\nALTER TABLE t1 ADD COLUMN w INT DEFAULT 9;"));
        var migrate = CliRunner.Start("--url", url, "migrate", "--locations", folder, "--schemas", $"{h},{o}");
        await WaitForAsync(hist, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 't2'", migrate, "V2's first table");
        var target = await Db.NewAsync("mysql");
        var copy = await RunAtGateAsync(hist, "copy", "--from", hist, "--to", target);
        Assert.True(copy.ExitCode == 0, copy.All);
        Assert.Contains("note: waiting for the migration running on the source (V2__slow.sql; migration lock held by connection ", copy.Stderr, StringComparison.Ordinal);
        await migrate.WaitForExitAsync(Ct);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal("gate\nnexusql_schema_history\nt1\nt2\nt3", await EngineClient.RunAsync(target, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"));
        Assert.Equal("1|a|9", await EngineClient.RunAsync(target, "SELECT id, v, w FROM t1"));
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(target, "SELECT version, success FROM nexusql_schema_history WHERE type = 'SQL' ORDER BY installed_rank"));

        // a backup of the other database of --schemas, which V3 writes into by name
        await EngineClient.RunAsync(hist, "DELETE FROM gate");
        Migrations("mm", ("V3__other.sql", $"CREATE TABLE {o}.t4 (id INT PRIMARY KEY);\n{MariaDbGate}\nCREATE TABLE {o}.t5 (id INT PRIMARY KEY);"));
        migrate = CliRunner.Start("--url", url, "migrate", "--locations", folder, "--schemas", $"{h},{o}");
        await WaitForAsync(other, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 't4'", migrate, "V3's first table");
        var file = Db.File("other.nxb");
        var backup = await RunAtGateAsync(hist, "--url", other, "backup", "-o", file);
        Assert.True(backup.ExitCode == 0, backup.All);
        Assert.Contains("note: waiting for the migration running on the database (migration lock held by connection ", backup.Stderr, StringComparison.Ordinal);
        await migrate.WaitForExitAsync(Ct);
        Assert.Equal(0, migrate.ExitCode);
        var restored = await Db.NewAsync("mysql");
        await Ok("--url", restored, "restore", file);
        Assert.Equal("t4\nt5", await EngineClient.RunAsync(restored, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"));
    });

    /// <summary>
    /// H7: copy did not check what backup checks, a snapshot whose history's last row is a migration still running (a
    /// migrator the hold cannot wait for: here one of an older NexuSQL, which took only its history table's lock). It
    /// now refuses by backup's own check, naming the migration, before any row is copied; backup still starts over and
    /// then says why it gave up. Once the migration has finished, <c>copy --clean</c> copies it whole.
    /// </summary>
    [Fact]
    public Task MariaDB_copy_refuses_a_snapshot_holding_a_migration_that_is_running_as_backup_does() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        var folder = Migrations("old", ("V1__a.sql", "CREATE TABLE t1 (id INT PRIMARY KEY);\nINSERT INTO t1 VALUES (1);"));
        await Ok("--url", source, "migrate", "--locations", folder);
        // an older migrator: its history table's lock alone, and V2 recorded as running (success 0) with t2 made
        var name = $"nexusql:{Name(source)}.nexusql_schema_history";
        await EngineClient.RunAsync(source, "CREATE TABLE t2 (id INT PRIMARY KEY); INSERT INTO nexusql_schema_history (installed_rank, version, description, type, script, " +
                                            "checksum, installed_by, installed_on, execution_time, success) VALUES (2, '2', 'half', 'SQL', 'V2__half.sql', 1, 'old', NOW(), 0, 0)");
        var parsed = DatabaseUrl.Parse(source);
        var info = new ProcessStartInfo("mysql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-N", "-B", "-h", parsed.Host!.Name, "-P", parsed.Host.Port!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-u", parsed.UserName!, parsed.Database!, "-e", $"SELECT GET_LOCK('{name}', 0); SELECT SLEEP(120);" })
            info.ArgumentList.Add(a);
        using var old = Process.Start(info)!;
        try
        {
            await WaitForAsync(source, $"SELECT IS_USED_LOCK('{name}') IS NOT NULL", old, "the old migrator's lock");
            var target = await Db.NewAsync("mysql");
            var copy = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target);
            Assert.True(copy.ExitCode == 4, copy.All);
            Assert.Equal("The source's snapshot holds migration V2 (half) half-applied: it was running when the copy began, by a migrator the copy could not wait for " +
                         "(an older NexuSQL's?). No rows were copied. Run the copy again once the migration has finished, with --clean: the tables were created in the " +
                         "target, which is marked as an unfinished copy (nexusql_copy_incomplete).", copy.Json.GetProperty("error").GetProperty("message").GetString());
            Assert.Equal("0|1", await EngineClient.RunAsync(target, "SELECT (SELECT COUNT(*) FROM t1), (SELECT COUNT(*) FROM information_schema.tables " +
                                                                    "WHERE table_schema = DATABASE() AND table_name = 'nexusql_copy_incomplete')"));

            var backup = await CliRunner.RunAsync("--url", source, "backup", "-o", Db.File("old.nxb"));
            Assert.True(backup.ExitCode == 4, backup.All);
            Assert.Contains("the snapshot holds migration V2 (half) half-applied (it was running): starting over, attempt 3 of 3", backup.Stderr, StringComparison.Ordinal);
            Assert.Contains("in its last attempt too, the snapshot holds migration V2 (half) half-applied (it was running), by a migrator the backup could not wait for",
                backup.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Db.File("old.nxb")));

            // the old migrator finishes V2
            await EngineClient.RunAsync(source, $"UPDATE nexusql_schema_history SET success = 1 WHERE installed_rank = 2; KILL {await EngineClient.RunAsync(source, $"SELECT IS_USED_LOCK('{name}')")}");
            await old.WaitForExitAsync(Ct);
            await Ok("copy", "--from", source, "--to", target, "--clean", "--yes");
            Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(target, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));
            Assert.Equal("nexusql_schema_history\nt1\nt2", await EngineClient.RunAsync(target, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"));
        }
        finally
        {
            if (!old.HasExited) old.Kill();
        }
    });

    /// <summary>
    /// M2: copy writes its marker into the target's current schema of that moment (public); once the database's search
    /// path became sales, import wrote a row, migrate ran and verify said OK, none of them seeing the marker. They now
    /// look in every schema, and name where it is.
    /// </summary>
    [Fact]
    public Task PostgreSQL_import_migrate_verify_and_backup_see_the_interrupted_copy_marker_whatever_the_search_path() => LiveAsync(async () =>
    {
        var target = await Db.NewAsync("postgresql");
        await EngineClient.RunAsync(target, $"CREATE SCHEMA sales; CREATE TABLE sales.b (id INT PRIMARY KEY, v TEXT); CREATE TABLE public.nexusql_copy_incomplete (step TEXT); " +
                                            $"ALTER DATABASE {Name(target)} SET search_path = sales");
        const string where = "(public.nexusql_copy_incomplete, in schema public, not the current one)";
        var data = await FolderAsync("imp", "b", "id,v\n3,z\n");
        var import = await CliRunner.RunAsync("--url", target, "import", data);
        Assert.True(import.ExitCode == 4, import.All);
        Assert.Contains($"The database holds an interrupted copy {where}: its tables may be half-loaded", import.Stderr, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM sales.b"));

        var folder = Migrations("m3", ("V1__q.sql", "CREATE TABLE q (id INT);"));
        var migrate = await CliRunner.RunAsync("--url", target, "migrate", "--locations", folder);
        Assert.True(migrate.ExitCode == 4, migrate.All);
        Assert.Contains($"The database holds an interrupted copy {where}: its tables may be half-loaded, or of another moment than its migration history", migrate.Stderr, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM pg_class WHERE relname IN ('q', 'nexusql_schema_history')"));

        var verify = await CliRunner.RunAsync("--url", target, "verify");
        Assert.True(verify.ExitCode == 3, verify.All);
        Assert.Contains($"[integrity] The database holds an interrupted copy {where}: its data is not complete; finish it with copy --resume", verify.All, StringComparison.Ordinal);

        var backup = await CliRunner.RunAsync("--url", target, "backup", "-o", Db.File("s.nxb"));
        Assert.True(backup.ExitCode == 4, backup.All);
        Assert.Contains($"The database to back up holds an interrupted copy {where}", backup.Stderr, StringComparison.Ordinal);
    });
}
