namespace NexuSql.Cli.Tests;

/// <summary>Break test 47 (an outside tester of issue 11): what a restore refused by value says of the target.</summary>
public sealed class BreakTest47CliTests() : ValueFidelityCliTestBase("bt47")
{
    /// <summary>
    /// F3: a restore refused for a value (a PostgreSQL timestamptz beyond MariaDB's TIMESTAMP) said nothing of the target;
    /// with <c>--clean</c> a user fears the drop ran. It did not, and the message says so; the mariadb client reads the
    /// target's rows unchanged.
    /// </summary>
    [Fact]
    public Task A_restore_refused_by_value_says_the_target_was_left_as_it_was() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE v (id int PRIMARY KEY, t timestamptz); INSERT INTO v VALUES (1, '2020-01-01 00:00+00'), (3, '2100-01-01 00:00+00');");
        var backup = Db.File("v.nxb");
        await Ok("--url", pg, "backup", "-o", backup);
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE v (id int PRIMARY KEY, n int); INSERT INTO v VALUES (1, 1), (2, 2), (3, 3), (4, 4);");
        var r = await CliRunner.RunAsync("--json", "--url", maria, "--yes", "restore", backup, "--clean");
        Assert.True(r.ExitCode == 1, r.All);
        var error = r.Json.GetProperty("error");
        Assert.Equal("value", error.GetProperty("kind").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("Table v, column t, row id=3", message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written to the target (and nothing of it dropped, --clean or not); run the restore again once this is fixed.", message, StringComparison.Ordinal);
        Assert.Equal("4|n", await EngineClient.RunAsync(maria, "SELECT count(*), (SELECT group_concat(column_name) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'v' AND column_name = 'n') FROM v"));
    });

    /// <summary>
    /// F2: copy and restore named the first value the target could not hold, so a source with bad values in three
    /// columns took three runs to clear. One run names the first value of each column; nothing is written.
    /// </summary>
    [Fact]
    public Task One_run_names_each_column_holding_a_value_the_target_cannot_hold() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE v (id int PRIMARY KEY, f8 float8, d date, n text); " +
            "INSERT INTO v VALUES (1, '-0', '2020-01-01', 'a'), (2, 1, '0001-01-01', 'b'), (3, '-0', '0002-01-01', 'c'); " +
            "CREATE TABLE w (id int PRIMARY KEY, t timestamptz); INSERT INTO w VALUES (7, '2100-01-01 00:00+00');");
        var backup = Db.File("v.nxb");
        await Ok("--url", pg, "backup", "-o", backup);
        var maria = await Db.NewAsync("mysql");
        foreach (var args in new[] { new[] { "copy", "--from", pg, "--to", maria, "--yes" }, ["--url", maria, "--yes", "restore", backup] })
        {
            var r = await CliRunner.RunAsync(["--json", .. args]);
            Assert.True(r.ExitCode == 1, r.All);
            var message = r.Json.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains("Table v, column f8, row id=1: -0 has no equivalent", message, StringComparison.Ordinal);
            Assert.Contains("Values of other columns it cannot hold either (the first of each): table v, column d, row id=2: 0001-01-01 is before year 1000", message, StringComparison.Ordinal);
            Assert.Contains("; table w, column t, row id=7: ", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", message, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SHOW TABLES"));
        }
    });
}
