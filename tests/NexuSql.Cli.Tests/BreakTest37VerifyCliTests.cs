namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 37, H4–H6: what <c>verify</c> called "OK" that was not — enum labels changed in one engine's copy, routines
/// an account is not shown — and a PostgreSQL sequence a copy into SQLite dropped without a word. Each change is made
/// with the engine's own client.
/// </summary>
public sealed class BreakTest37VerifyCliTests() : ValueFidelityCliTestBase("bt37v")
{
    /// <summary>
    /// H4: a label added to the PostgreSQL enum type of a MariaDB ENUM's copy, or to the MariaDB ENUM of a PostgreSQL
    /// enum's copy, was "OK" in one of the two orders (both, with the copy's own COLLATE beside the ENUM). Named now in
    /// both orders, with each side's labels; a clean copy stays OK.
    /// </summary>
    [Fact]
    public Task Enum_labels_changed_in_a_copy_are_named_in_either_order() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE t (id int PRIMARY KEY, s enum('new','paid') NOT NULL DEFAULT 'new'); INSERT INTO t VALUES (1, 'new'), (2, 'paid');");
        await Ok("copy", "--from", maria, "--to", pg);
        await Ok("verify", "--url", pg, "--against", maria);
        await EngineClient.RunScriptAsync(pg, "ALTER TYPE t_s ADD VALUE 'void';");
        Assert.Equal("new,paid,void", await EngineClient.RunAsync(pg, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 't_s'::regtype"));
        foreach (var (first, second, labels) in new[] { (pg, maria, "('new', 'paid', 'void') in the first database, ('new', 'paid') in the second"),
                     (maria, pg, "('new', 'paid') in the first database, ('new', 'paid', 'void') in the second") })
        {
            var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--checks", "schema");
            Assert.True(r.ExitCode == 3 && r.Stdout.Contains($"[schema] table t: column s: enum labels {labels}", StringComparison.Ordinal), r.All);
        }

        var back = await Db.NewAsync("mysql");
        await Ok("copy", "--from", pg, "--to", back);
        await Ok("verify", "--url", pg, "--against", back);
        await EngineClient.RunScriptAsync(back, "ALTER TABLE t MODIFY s enum('new','paid','void','extra') COLLATE utf8mb4_nopad_bin NOT NULL DEFAULT 'new';");
        foreach (var (first, second, labels) in new[] { (pg, back, "('new', 'paid', 'void') in the first database, ('new', 'paid', 'void', 'extra') in the second"),
                     (back, pg, "('new', 'paid', 'void', 'extra') in the first database, ('new', 'paid', 'void') in the second") })
        {
            var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--checks", "schema");
            Assert.True(r.ExitCode == 3 && r.Stdout.Contains($"[schema] table t: column s: enum labels {labels}", StringComparison.Ordinal), r.All);
        }
    });

    /// <summary>
    /// H5: two MariaDB databases whose functions differ, verified through an account without SELECT ON mysql.proc (it
    /// sees no routine it did not create), were "OK: schema". What the account is not shown is named as not compared;
    /// <c>--tables</c> of tables whose triggers it sees compares them.
    /// </summary>
    [Fact]
    public Task Verify_through_an_account_that_sees_no_routines_names_them_as_not_compared() => LiveAsync(async () =>
    {
        var first = await Db.NewAsync("mysql");
        var second = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(first, "CREATE TABLE a (id int PRIMARY KEY); CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x * 2;");
        await EngineClient.RunScriptAsync(second, "CREATE TABLE a (id int PRIMARY KEY); CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x * 3;");
        var (db1, db2) = (first[(first.LastIndexOf('/') + 1)..], second[(second.LastIndexOf('/') + 1)..]);
        var user = $"sv_{db1}"[..Math.Min(30, 3 + db1.Length)];
        await EngineClient.RunScriptAsync(first, $"CREATE USER '{user}'@'%'; GRANT SELECT, SHOW VIEW, TRIGGER ON `{db1}`.* TO '{user}'@'%'; GRANT SELECT, SHOW VIEW, TRIGGER ON `{db2}`.* TO '{user}'@'%';");
        try
        {
            string As(string url) => url.Replace("root@", user + "@", StringComparison.Ordinal);
            var r = await CliRunner.RunAsync("verify", "--url", As(first), "--against", As(second), "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.DoesNotContain("OK", r.Stdout, StringComparison.Ordinal);
            Assert.Contains($"[schema] not compared, as the first database's account cannot read them: functions and procedures the account '{user}'@'%' did not create", r.Stdout, StringComparison.Ordinal);
            Assert.Contains($"[schema] not compared, as the second database's account cannot read them: functions and procedures the account '{user}'@'%' did not create", r.Stdout, StringComparison.Ordinal);
            await Ok("verify", "--url", As(first), "--against", As(second), "--tables", "a");
            // as root the functions are compared, and differ
            r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--checks", "schema");
            Assert.True(r.ExitCode == 3 && r.Stdout.Contains("routine f", StringComparison.Ordinal) && !r.Stdout.Contains("not compared", StringComparison.Ordinal), r.All);
        }
        finally
        {
            await EngineClient.RunScriptAsync(first, $"DROP USER IF EXISTS '{user}'@'%';");
        }
    });

    /// <summary>
    /// H6: a PostgreSQL sequence no column draws from was dropped by a copy into SQLite (no sequences there) without a
    /// word, and verify then said nothing of it. The copy names it (and its position lost); verify names it in either
    /// order. One a column draws from still becomes that column's identity, going on from the sequence's position.
    /// </summary>
    [Fact]
    public Task A_standalone_sequence_into_sqlite_is_named_by_copy_and_verify() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE SEQUENCE tick_seq START 100; CREATE SEQUENCE d_seq START 50; CREATE TABLE d (id bigint PRIMARY KEY DEFAULT nextval('d_seq'), v int);" +
            "INSERT INTO d (v) VALUES (1);");
        var sqlite = await Db.NewAsync("sqlite");
        var r = await Ok("copy", "--from", pg, "--to", sqlite);
        Assert.Contains("sequence tick_seq (no column draws its default from it): SQLite has no sequences; not created, and its position not kept", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("sequence d_seq (no column", r.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(sqlite, "SELECT name FROM sqlite_master WHERE name LIKE '%tick%'"));
        await EngineClient.RunScriptAsync(sqlite, "INSERT INTO d (v) VALUES (2);");
        Assert.Equal("50|1\n51|2", await EngineClient.RunAsync(sqlite, "SELECT id, v FROM d ORDER BY id"));
        await EngineClient.RunScriptAsync(sqlite, "DELETE FROM d WHERE v = 2;");
        foreach (var (first, second, side) in new[] { (pg, sqlite, "first"), (sqlite, pg, "second") })
        {
            r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--checks", "schema");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Equal([$"[schema] sequence tick_seq only in the {side} database"],
                r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("[schema]", StringComparison.Ordinal)));
        }
    });
}
