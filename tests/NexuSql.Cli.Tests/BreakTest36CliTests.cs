namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 36: a MariaDB backup taken while <c>migrate</c> runs (M2), a failed migration in a backup, and what a
/// lost connection or an interrupted migration says (M1, L4). Each side is read with its engine's client.
/// </summary>
public sealed class BreakTest36CliTests() : ValueFidelityCliTestBase("bt36")
{
    /// <summary>
    /// M2: MariaDB commits each DDL statement on its own. A backup begun while a migration stands between its
    /// <c>CREATE TABLE</c> and its last statement waits for it (the migration lock) and holds the migration complete
    /// (was: "verified", holding V2 with success = 0, and the restored database refused <c>migrate</c>). A migration that
    /// really failed is backed up as it is, with a warning naming it; the restore says it again, and a copy (bt40 N-L1). L4: the next migrate
    /// names the statement the failed row stopped at, and says it may have completed.
    /// </summary>
    [Fact]
    public Task A_MariaDB_backup_waits_for_a_running_migration_and_names_a_failed_one() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        var migrations = Db.File("migrations");
        Directory.CreateDirectory(migrations);
        File.WriteAllText(Path.Combine(migrations, "V1__m1.sql"), "CREATE TABLE m1 (id int PRIMARY KEY);");
        File.WriteAllText(Path.Combine(migrations, "V2__m2.sql"), "CREATE TABLE m2 (id int PRIMARY KEY);\nDO SLEEP(3);\nALTER TABLE m1 ADD COLUMN c2 int;");
        var migrate = CliRunner.RunAsync("--url", source, "migrate", "--locations", migrations);
        // V2 is half-applied now: m2 is there, m1.c2 not yet, its history row says success = 0
        for (var i = 0; i < 200 && await EngineClient.RunAsync(source, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'm2'") != "1"; i++)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal("1|1\n2|0", await EngineClient.RunAsync(source, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));
        var file = Db.File("running.nxb");
        var backup = await Ok("--url", source, "backup", "-o", file);
        Assert.DoesNotContain("warning:", backup.All, StringComparison.Ordinal);
        Assert.True((await migrate).ExitCode == 0);
        var restored = await Db.NewAsync("mysql");
        await Ok("--url", restored, "restore", file);
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(restored, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));
        Assert.Equal("1", await EngineClient.RunAsync(restored, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'm1' AND column_name = 'c2'"));

        // a migration that failed, with nobody running one: the true state, backed up as it is and named
        File.WriteAllText(Path.Combine(migrations, "V3__m3.sql"), "CREATE TABLE m3 (id int PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);");
        Assert.Equal(1, (await CliRunner.RunAsync("--url", source, "migrate", "--locations", migrations)).ExitCode);
        var failed = Db.File("failed.nxb");
        var r = await Ok("--url", source, "backup", "-o", failed);
        Assert.Contains("warning: the backup holds failed migration V3 (m3)", r.All, StringComparison.Ordinal);
        var again = await Db.NewAsync("mysql");
        r = await Ok("--url", again, "restore", failed);
        Assert.Contains("the backup holds failed migration V3 (m3)", r.All, StringComparison.Ordinal);
        Assert.Equal("1|1\n2|1\n3|0", await EngineClient.RunAsync(again, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));
        // bt40 N-L1: a copy carries the failed row too, and says so as backup does
        var copied = await Db.NewAsync("mysql");
        r = await Ok("copy", "--from", source, "--to", copied);
        Assert.Contains("warning: the copy holds failed migration V3 (m3): its history row says it failed part-way, as in the source. The target needs the same fix", r.All, StringComparison.Ordinal);
        Assert.Equal("1|1\n2|1\n3|0", await EngineClient.RunAsync(copied, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));

        // L4: the history row says which statement was next, not whether it ran; a migrate killed during statement 1 (a
        // DDL MariaDB commits on its own) leaves failed_statement = 1 with m3 created. The next migrate names the
        // statement and says it may have completed (was: "statements before it stayed applied" only)
        r = await CliRunner.RunAsync("--url", again, "migrate", "--locations", migrations);
        Assert.True(r.ExitCode == 1, r.All);
        Assert.Contains("V3__m3.sql failed (or was interrupted) at statement 2 (line 2: INSERT INTO no_such_table VALUES (1))", r.All, StringComparison.Ordinal);
        await EngineClient.RunAsync(again, "UPDATE nexusql_schema_history SET failed_statement = 1 WHERE version = '3'");
        r = await CliRunner.RunAsync("--url", again, "migrate", "--locations", migrations);
        Assert.True(r.ExitCode == 1, r.All);
        Assert.Contains("at statement 1 (line 1: CREATE TABLE m3 (id int PRIMARY KEY))", r.All, StringComparison.Ordinal);
        Assert.Contains("if migrate was interrupted (killed, or its connection lost), it may or may not have completed", r.All, StringComparison.Ordinal);
        Assert.Equal("1", await EngineClient.RunAsync(again, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'm3'"));
    });

    /// <summary>
    /// bt37 M14: a PostgreSQL database whose search path names no schema that exists (<c>ALTER DATABASE ... SET
    /// search_path = nothere</c>) made schema dump, backup and verify fail with an internal InvalidCastException, and a
    /// copy into it with 3F000 and "run the same command again": refused by name, with the setting and what to do.
    /// </summary>
    [Fact]
    public Task A_database_without_a_current_schema_is_refused_by_name() => LiveAsync(async () =>
    {
        var db = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(db, $"CREATE TABLE public.t (id int PRIMARY KEY); ALTER DATABASE {db[(db.LastIndexOf('/') + 1)..]} SET search_path = nothere;");
        foreach (var args in new[] { new[] { "--url", db, "schema", "dump" }, ["copy", "--from", db, "--to", "sqlite:///" + Db.File("t.db")] })
        {
            var r = await CliRunner.RunAsync(args);
            Assert.True(r.ExitCode == 4 && r.All.Contains("The connection has no current schema: its search path (nothere) names no schema that exists", StringComparison.Ordinal)
                && !r.All.Contains("InvalidCast", StringComparison.Ordinal), r.All);
        }
    });
}
