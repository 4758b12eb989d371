using System.Diagnostics;

namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 38: copy and backup while a <c>migrate</c> whose history is not <c>nexusql_schema_history</c> runs on
/// the source (H2), Flyway's history table on MariaDB (M1), a MariaDB wait cut by the command timeout (M10), and
/// import and seed into a database an interrupted copy or restore left (M11). Each side is read with its engine's client.
/// </summary>
public sealed class BreakTest38MigrateCliTests() : ValueFidelityCliTestBase("bt38m")
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// M1: <c>migrate --table flyway_schema_history</c> on MariaDB stopped every multi-statement script after statement
    /// 1 ("history row ... deleted by another process"), leaving two failed rows and the INSERT not run. H2: a copy
    /// during such a migration did not wait (the lock was keyed to the history table's name) and made a half-migrated
    /// target with exit 0; a backup during a <c>--table app_history</c> migration too. M10: the wait was one
    /// <c>GET_LOCK(..., 60)</c>, cut by the command timeout (30 s by default; here the URL's statement_timeout=2) into
    /// "GET_LOCK(...) failed on the server".
    /// </summary>
    [Fact]
    public Task MariaDB_copy_and_backup_wait_for_a_migration_whatever_its_history_table_and_flyways_table_takes_multi_statement_scripts() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        var folder = Migrations("fly", ("V1__base.sql", "CREATE TABLE a (id INT PRIMARY KEY, x INT);\nINSERT INTO a VALUES (1,10),(2,20),(3,30);\nCREATE TABLE gate (id INT);"));
        await Ok("--url", source, "migrate", "--locations", folder, "--table", "flyway_schema_history");
        Assert.Equal("3", await EngineClient.RunAsync(source, "SELECT COUNT(*) FROM a"));
        Assert.Equal("1|1|1", await EngineClient.RunAsync(source, "SELECT installed_rank, version, success FROM flyway_schema_history"));

        Migrations("fly", ("V2__slow.sql", $"ALTER TABLE a ADD COLUMN y INT;\n{MariaDbGate}\nCREATE TABLE b (id INT PRIMARY KEY);\nALTER TABLE a ADD COLUMN z INT DEFAULT 7;"));
        var migrate = CliRunner.Start("--url", source, "migrate", "--locations", folder, "--table", "flyway_schema_history");
        // V2 is half-applied now: a.y is there, b and a.z not yet
        await WaitForAsync(source, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'a' AND column_name = 'y'", migrate, "V2's first statement");
        var target = await Db.NewAsync("mysql");
        var copy = await RunAtGateAsync(source, "copy", "--from", source + (source.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "statement_timeout=2", "--to", target);
        Assert.True(copy.ExitCode == 0, copy.All);
        Assert.Contains("note: waiting for the migration running on the source (migration lock held by connection ", copy.Stderr, StringComparison.Ordinal);
        await migrate.WaitForExitAsync(Ct);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal("a\nb\nflyway_schema_history\ngate", await EngineClient.RunAsync(target, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"));
        Assert.Equal("1|10|7\n2|20|7\n3|30|7", await EngineClient.RunAsync(target, "SELECT id, x, z FROM a ORDER BY id"));
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(target, "SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"));

        // a backup during a --table app_history migration
        var other = await Db.NewAsync("mysql");
        await EngineClient.RunAsync(other, "CREATE TABLE gate (id INT)");
        var folder2 = Migrations("apph", ("V1__slow.sql", $"CREATE TABLE c (id INT PRIMARY KEY);\n{MariaDbGate}\nCREATE TABLE d (id INT PRIMARY KEY);"));
        migrate = CliRunner.Start("--url", other, "migrate", "--locations", folder2, "--table", "app_history");
        await WaitForAsync(other, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'c'", migrate, "V1's first table");
        var file = Db.File("apph.nxb");
        var backup = await RunAtGateAsync(other, "--url", other, "backup", "-o", file);
        Assert.True(backup.ExitCode == 0, backup.All);
        Assert.Contains("note: waiting for the migration running on the database (migration lock held by connection ", backup.Stderr, StringComparison.Ordinal);
        await migrate.WaitForExitAsync(Ct);
        Assert.Equal(0, migrate.ExitCode);
        var restored = await Db.NewAsync("mysql");
        await Ok("--url", restored, "restore", file);
        Assert.Equal("app_history\nc\nd\ngate", await EngineClient.RunAsync(restored, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"));
        Assert.Equal("1|1", await EngineClient.RunAsync(restored, "SELECT version, success FROM app_history ORDER BY installed_rank"));
    });

    /// <summary>
    /// H2 on PostgreSQL: with <c>migrate --schemas app</c> (history in <c>app.nexusql_schema_history</c>) a copy did not
    /// wait, blocked on the migration's locks, then refused "the source's schema changed" leaving a marked target. It
    /// now waits for the migrator, says so, and copies the migrated database.
    /// </summary>
    [Fact]
    public Task PostgreSQL_copy_waits_for_a_migration_whose_history_is_in_another_schema() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunAsync(source, "CREATE TABLE public.gate (id INT)");
        var folder = Migrations("app", ("V1__base.sql", "CREATE TABLE a (id INT PRIMARY KEY, x INT);\nINSERT INTO a VALUES (1,10),(2,20);"));
        await Ok("--url", source, "migrate", "--locations", folder, "--schemas", "app");
        Migrations("app", ("V2__slow.sql", $"ALTER TABLE a ADD COLUMN y INT DEFAULT 5;\n{PostgreSqlGate};\nCREATE TABLE b (id INT PRIMARY KEY);"));
        var migrate = CliRunner.Start("--url", source, "migrate", "--locations", folder, "--schemas", "app");
        await WaitForAsync(source, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'DO $$%gate%' AND pid <> pg_backend_pid()", migrate, "V2's gate");
        var target = await Db.NewAsync("postgresql");
        var copy = await RunAtGateAsync(source, "copy", "--from", source, "--to", target);
        Assert.True(copy.ExitCode == 0, copy.All);
        Assert.Contains("note: waiting for the migration running on the source (migration lock held by pid ", copy.Stderr, StringComparison.Ordinal);
        Assert.Contains("nexusql migrate (", copy.Stderr, StringComparison.Ordinal);
        await migrate.WaitForExitAsync(Ct);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal("a|b|nexusql_schema_history", await EngineClient.RunAsync(target, "SELECT string_agg(table_name, '|' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'app'"));
        Assert.Equal("1|10|5\n2|20|5", await EngineClient.RunAsync(target, "SELECT id, x, y FROM app.a ORDER BY id"));
        Assert.Equal("1|t\n2|t", await EngineClient.RunAsync(target, "SELECT version, success FROM app.nexusql_schema_history WHERE type = 'SQL' ORDER BY installed_rank"));
        Assert.Equal("", await EngineClient.RunAsync(target, "SELECT to_regclass('nexusql_copy_incomplete')"));
    });

    /// <summary>
    /// M11: import into a database an interrupted copy left was accepted (exit 0), and <c>copy --resume</c> then emptied
    /// the table before loading it: the imported row was gone after a reported success. import and seed now refuse such
    /// a database as migrate does (exit 4, nothing written, the marker and the ways on named), for a restore's marker too.
    /// exec stays allowed: it is the way to look at such a database, or to drop the marker by hand.
    /// </summary>
    [Fact]
    public Task Import_and_seed_refuse_a_database_an_interrupted_copy_or_restore_left() => LiveAsync(async () =>
    {
        var target = await Db.NewAsync("mysql");
        await EngineClient.RunAsync(target, "CREATE TABLE t2 (id INT PRIMARY KEY, v VARCHAR(20)); CREATE TABLE nexusql_copy_incomplete (step TEXT)");
        var data = Db.File("impic");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "t2.csv"), "id,v\n999999,hello\n");

        var import = await CliRunner.RunAsync("--json", "--url", target, "import", data);
        Assert.True(import.ExitCode == 4, import.All);
        Assert.Equal("The database holds an interrupted copy (nexusql_copy_incomplete): its tables may be half-loaded, and its '--resume' empties each table it has not " +
                     "loaded yet before loading it: rows written now would be lost after a reported success. Nothing was imported. Finish the copy with 'copy --resume', " +
                     "or start over with 'copy --clean'.", import.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM t2"));

        await EngineClient.RunAsync(target, "DROP TABLE nexusql_copy_incomplete; CREATE TABLE nexusql_restore_incomplete (step TEXT)");
        var seed = await CliRunner.RunAsync("--url", target, "seed", "--folder", data);
        Assert.True(seed.ExitCode == 4, seed.All);
        Assert.Contains("The database holds an interrupted restore (nexusql_restore_incomplete): its tables may be half-loaded", seed.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was seeded. Finish the restore with 'restore --resume', or start over with 'restore --clean'.", seed.Stderr, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM t2"));
    });
}
