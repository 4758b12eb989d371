namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 26 G36: <c>--resume</c> after an interrupted run limited to some tables (<c>restore --tables x --replace</c>,
/// <c>copy --data-only --tables x</c>) did not remember the limit and reloaded every table, deleting the target's
/// newer rows in tables the user never named. The marker now records the run's options; a resume with others is
/// refused before anything changes. Both sides are read with sqlite3.
/// </summary>
public sealed class ResumeOptionsCliTests() : SchemaFidelityCliTestBase("resume-options")
{
    private static async Task<string> RefusedAsync(params string[] args)
    {
        var r = await CliRunner.RunAsync(["--json", .. args]);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r.Json.GetProperty("error").GetProperty("message").GetString()!;
    }

    [Fact]
    public Task A_restore_interrupted_in_a_replace_is_not_resumed_over_the_other_tables() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE keep (id integer PRIMARY KEY, v text);
            CREATE TABLE plain (id integer PRIMARY KEY, keep_id int REFERENCES keep (id));
            INSERT INTO keep VALUES (1, 'a'), (5, 'b');
            INSERT INTO plain VALUES (1, 5);
            """);
        var backup = Db.File("b.nxb");
        await Ok("--url", source, "backup", "-o", backup);
        var target = await Db.NewAsync("sqlite");
        await Ok("--url", target, "restore", backup);
        // the target moves on; then a replace of plain fails after its drop: keep's key column is renamed, so plain's
        // foreign key to keep (id) does not match (a row whose key is gone from keep is refused before the drop: bt31 B14)
        await EngineClient.RunScriptAsync(target, "DELETE FROM plain; DELETE FROM keep WHERE id = 5; INSERT INTO keep VALUES (2, 'target only'); ALTER TABLE keep RENAME COLUMN id TO kid;");
        var failed = await CliRunner.RunAsync("--url", target, "restore", backup, "--tables", "plain", "--replace", "--yes");
        Assert.True(failed.ExitCode == 1, failed.All);
        Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM nexusql_restore_incomplete WHERE step LIKE 'loaded %'"));

        var whole = await RefusedAsync("--url", target, "restore", backup, "--resume", "--yes");
        Assert.Contains("The interrupted restore in the target ran with --tables plain --replace, this one with no such options", whole, StringComparison.Ordinal);
        Assert.Contains($"A replace is not resumed but run again: restore {backup} --tables plain --replace", whole, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", whole, StringComparison.Ordinal);
        var narrower = await RefusedAsync("--url", target, "restore", backup, "--tables", "plain", "--resume", "--yes");
        Assert.Contains("ran with --tables plain --replace, this one with --tables plain", narrower, StringComparison.Ordinal);
        // keep is the target's, untouched
        Assert.Equal("1|a\n2|target only", await EngineClient.RunAsync(target, "SELECT kid || '|' || v FROM keep ORDER BY kid"));
    });

    [Fact]
    public Task A_copy_interrupted_in_a_data_only_run_of_one_table_resumes_that_run_only() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE keep (id integer PRIMARY KEY, v text);
            CREATE TABLE plain (id integer PRIMARY KEY, v text);
            INSERT INTO keep VALUES (1, 'src');
            INSERT INTO plain VALUES (1, 'p');
            """);
        var target = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", target);
        // the target's own trigger changes the row the data-only copy loads (into a table it empties first: no trial load
        // before writing): the copy's end check fails, the marker stays
        await EngineClient.RunScriptAsync(target, """
            CREATE TRIGGER tr AFTER INSERT ON plain BEGIN UPDATE plain SET v = 'x' WHERE id = new.id; END;
            INSERT INTO keep VALUES (2, 'target only');
            UPDATE keep SET v = 'target edit' WHERE id = 1;
            """);
        var failed = await CliRunner.RunAsync("copy", "--from", source, "--to", target, "--data-only", "--tables", "plain", "--clean", "--yes");
        Assert.True(failed.ExitCode == 1, failed.All);
        Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM nexusql_copy_incomplete WHERE step LIKE 'copied %'"));

        foreach (var other in new[] { new[] { "--resume" }, ["--tables", "plain", "--resume"], ["--data-only", "--resume"] })
        {
            var message = await RefusedAsync(["copy", "--from", source, "--to", target, .. other]);
            Assert.Contains("The interrupted copy in the target ran with --tables plain --data-only, this one with ", message, StringComparison.Ordinal);
            Assert.Contains("Resume it with the same options (--tables plain --data-only --resume)", message, StringComparison.Ordinal);
        }
        Assert.Equal("1|target edit\n2|target only", await EngineClient.RunAsync(target, "SELECT id || '|' || v FROM keep ORDER BY id"));

        // the same options resume it (the trigger gone, the target's plain is emptied and copied again with --clean)
        await EngineClient.RunScriptAsync(target, "DROP TRIGGER tr;");
        await Ok("copy", "--from", source, "--to", target, "--data-only", "--tables", "plain", "--clean", "--yes");
        Assert.Equal("1|p", await EngineClient.RunAsync(target, "SELECT id || '|' || v FROM plain"));
        Assert.Equal("1|target edit\n2|target only", await EngineClient.RunAsync(target, "SELECT id || '|' || v FROM keep ORDER BY id"));
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM sqlite_master WHERE name = 'nexusql_copy_incomplete'"));
    });
}
