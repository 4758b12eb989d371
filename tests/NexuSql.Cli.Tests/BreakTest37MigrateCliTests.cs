using System.Diagnostics;

namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 37: copy and backup while <c>migrate</c> runs on the source (M9, M10, L2), a database an interrupted copy
/// left (M10: migrate said "Schema is up to date"), and verify's drift check when the scripts are another engine's SQL
/// (M17). Each side is read with its engine's client.
/// </summary>
public sealed class BreakTest37MigrateCliTests() : ValueFidelityCliTestBase("bt37m")
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// M9 and L2: a MariaDB migration commits each DDL statement on its own. A copy begun while one stands between its
    /// statements waits for it before reading the schema (was: created the half-migrated tables, then refused "the
    /// source's schema changed", exit 4, leaving a marked target), and says why it waits, on stderr (--json keeps stdout
    /// one document). A backup in the same place says it too (was: 11 s of silence).
    /// </summary>
    [Fact]
    public Task A_MariaDB_copy_and_backup_wait_for_a_running_migration_before_reading_the_schema_and_say_so() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        var folder = Migrations("migrations", ("V1__base.sql", "CREATE TABLE acct (id INT PRIMARY KEY, bal INT NOT NULL);\nINSERT INTO acct VALUES (1,100),(2,200);\nCREATE TABLE gate (id INT);"));
        await Ok("--url", source, "migrate", "--locations", folder);
        Migrations("migrations", ("V2__slow.sql", $"CREATE TABLE m4 (id INT PRIMARY KEY);\n{MariaDbGate}\nALTER TABLE acct ADD COLUMN z4 INT;\nCREATE TABLE m4b (id INT PRIMARY KEY);"));
        var migrate = CliRunner.Start("--url", source, "migrate", "--locations", folder);
        // V2 is half-applied now: m4 is there, acct.z4 and m4b not yet
        await WaitForAsync(source, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'm4'", migrate, "V2's first table");
        var target = await Db.NewAsync("mysql");
        var copy = await RunAtGateAsync(source, "--json", "copy", "--from", source, "--to", target);
        Assert.True(copy.ExitCode == 0, copy.All);
        Assert.Contains("note: waiting for the migration running on the source (V2__slow.sql; migration lock held by connection ", copy.Stderr, StringComparison.Ordinal);
        Assert.True(System.Text.Json.JsonDocument.Parse(copy.Stdout).RootElement.GetProperty("verified").GetBoolean());
        await migrate.WaitForExitAsync(Ct);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal("acct\ngate\nm4\nm4b\nnexusql_schema_history", await EngineClient.RunAsync(target, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"));
        Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'acct' AND column_name = 'z4'"));
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(target, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));

        // backup in the same place: waits, and says so
        await EngineClient.RunAsync(source, "DELETE FROM gate");
        Migrations("migrations", ("V3__slow.sql", $"CREATE TABLE m5 (id INT PRIMARY KEY);\n{MariaDbGate}\nCREATE TABLE m5b (id INT PRIMARY KEY);"));
        migrate = CliRunner.Start("--url", source, "migrate", "--locations", folder);
        await WaitForAsync(source, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'm5'", migrate, "V3's first table");
        var file = Db.File("during.nxb");
        var backup = await RunAtGateAsync(source, "--url", source, "backup", "-o", file);
        Assert.True(backup.ExitCode == 0, backup.All);
        Assert.Contains("note: waiting for the migration running on the database (V3__slow.sql; migration lock held by connection ", backup.Stderr, StringComparison.Ordinal);
        await migrate.WaitForExitAsync(Ct);
        var restored = await Db.NewAsync("mysql");
        await Ok("--url", restored, "restore", file);
        Assert.Equal("1|1\n2|1\n3|1", await EngineClient.RunAsync(restored, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));
        Assert.Equal("1", await EngineClient.RunAsync(restored, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'm5b'"));
    });

    /// <summary>
    /// M10 and M17: a PostgreSQL migration runs in a transaction, but copy read the schema before its rows' snapshot:
    /// one committed in between gave a SQLite target the old tables and the new history (refused, marked; then migrate
    /// said "Schema is up to date"). The copy now waits for the migrator's advisory lock before reading the schema and
    /// copies the migrated database. verify on that SQLite copy cannot replay V2 (a DO block): it says the drift check was
    /// not done and why (was: "The migration was rolled back ... Fix the script and run migrate again", exit 1), and
    /// runs the other checks (exit 3, --json one document).
    /// </summary>
    [Fact]
    public Task A_PostgreSQL_copy_waits_for_a_running_migration_and_verify_says_it_could_not_replay_another_engines_scripts() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        var folder = Migrations("migrations", ("V1__base.sql", "CREATE TABLE acct (id INT PRIMARY KEY, bal INT NOT NULL);\nINSERT INTO acct VALUES (1,100),(2,200);\nCREATE TABLE gate (id INT);"));
        await Ok("--url", source, "migrate", "--locations", folder);
        Migrations("migrations", ("V2__slow.sql", $"CREATE TABLE led (id INT PRIMARY KEY);\nALTER TABLE acct ADD COLUMN note TEXT DEFAULT 'n';\n{PostgreSqlGate};\nCREATE TABLE led2 (id INT PRIMARY KEY);"));
        var migrate = CliRunner.Start("--url", source, "migrate", "--locations", folder);
        // the migrator holds its advisory lock and runs V2 (nothing of it is visible outside its transaction)
        await WaitForAsync(source, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'DO $$%gate%' AND pid <> pg_backend_pid()", migrate, "V2's gate");
        var target = await Db.NewAsync("sqlite");
        var copy = await RunAtGateAsync(source, "copy", "--from", source, "--to", target);
        Assert.True(copy.ExitCode == 0, copy.All);
        Assert.Contains("note: waiting for the migration running on the source (migration lock held by pid ", copy.Stderr, StringComparison.Ordinal);
        await migrate.WaitForExitAsync(Ct);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal("acct|gate|led|led2|nexusql_schema_history", await EngineClient.RunAsync(target, "SELECT group_concat(name, '|') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)"));
        Assert.Equal("1|n\n2|n", await EngineClient.RunAsync(target, "SELECT id, note FROM acct ORDER BY id"));
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(target, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));

        var verify = await CliRunner.RunAsync("--json", "--url", target, "verify", "--locations", folder);
        Assert.True(verify.ExitCode == 3, verify.All);
        var findings = verify.Json.GetProperty("findings").EnumerateArray().ToList();
        var drift = Assert.Single(findings);
        Assert.Equal("drift", drift.GetProperty("check").GetString());
        var said = drift.GetProperty("finding").GetString()!;
        Assert.StartsWith("drift not checked: the migrations could not be replayed on SQLite to build the schema they make (in a scratch database; nothing ran on this one): " +
                          "V2__slow.sql failed at statement 3 of ", said, StringComparison.Ordinal);
        Assert.DoesNotContain("Fix the script", verify.All, StringComparison.Ordinal);
        Assert.Equal("1|1\n2|1", await EngineClient.RunAsync(target, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));
    });

    /// <summary>
    /// M10: a database an interrupted copy left (its marker nexusql_copy_incomplete) may hold a history of another
    /// moment than its tables, or half of them: migrate refuses it, naming the marker and the ways on (was: "Schema is
    /// up to date", exit 0); verify says it under integrity, and under migrations when that check runs alone. Once
    /// <c>copy --resume</c> finished it, migrate runs.
    /// </summary>
    [Fact]
    public Task Migrate_and_verify_refuse_a_database_an_interrupted_copy_left() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        var folder = Migrations("migrations", ("V1__base.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);\nCREATE TABLE b (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);"));
        await Ok("--url", source, "migrate", "--locations", folder);
        foreach (var t in new[] { "a", "b" })
            await Ok("--url", source, "exec", $"INSERT INTO {t} (id, payload) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT x, hex(randomblob(30)) FROM c");
        var target = await Db.NewAsync("postgresql");
        var copy = CliRunner.Start("copy", "--from", source, "--to", target);
        await CliRunner.WaitUntilAsync(() => EngineClient.RunAsync(target, "SELECT to_regclass('nexusql_copy_incomplete') IS NOT NULL").Result == "t"
            && EngineClient.RunAsync(target, "SELECT COUNT(*) FROM nexusql_copy_incomplete WHERE step LIKE 'copied %'").Result != "0", copy, "the first table to be copied");
        copy.Kill(entireProcessTree: true);
        await copy.WaitForExitAsync(Ct);
        var history = await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM nexusql_schema_history");

        var migrate = await CliRunner.RunAsync("--json", "--url", target, "migrate", "--locations", folder);
        Assert.True(migrate.ExitCode == 4, migrate.All);
        Assert.Equal("The database holds an interrupted copy (nexusql_copy_incomplete): its tables may be half-loaded, or of another moment than its migration history " +
                     "(nexusql_schema_history), so migrate cannot tell what is applied. Nothing was run. Finish the copy with 'copy --resume', or start over with 'copy --clean'.",
            migrate.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(history, await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM nexusql_schema_history"));

        var verify = await CliRunner.RunAsync("--url", target, "verify", "--checks", "migrations", "--locations", folder);
        Assert.True(verify.ExitCode == 3, verify.All);
        Assert.Contains("[migrations] The database holds an interrupted copy (nexusql_copy_incomplete): its data is not complete; finish it with copy --resume, " +
                        "or start over with --clean; its migration history may not match its tables.", verify.Stdout, StringComparison.Ordinal);

        await Ok("copy", "--from", source, "--to", target, "--resume");
        Assert.Equal("", await EngineClient.RunAsync(target, "SELECT to_regclass('nexusql_copy_incomplete')"));
        var again = await Ok("--url", target, "migrate", "--locations", folder);
        Assert.Contains("Schema is up to date at version 1", again.All, StringComparison.Ordinal);
    });
}
