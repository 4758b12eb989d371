namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 26 G31: <c>copy --data-only --tables t</c> loaded through the target's own trigger on t, which wrote
/// rows into another table (an audit log) that the copy neither loads nor checks: exit 0, "counts and hashes match".
/// PostgreSQL turns the triggers off for the load; MariaDB and SQLite cannot, so such a copy is refused before
/// anything is written, naming the trigger and the table it writes. Each target is read with its own client.
/// </summary>
public sealed class DataOnlyTriggersCliTests() : SchemaFidelityCliTestBase("data-only-triggers")
{
    [Theory]
    [InlineData("mysql", "CREATE TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW INSERT INTO audit (tid) VALUES (new.id)")]
    [InlineData("sqlite", "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO audit (tid) VALUES (new.id); END")]
    [InlineData("postgresql", "CREATE FUNCTION t_log() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN INSERT INTO audit (tid) VALUES (new.id); RETURN new; END'; " +
                              "CREATE TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION t_log()")]
    public Task A_data_only_copy_never_writes_through_a_trigger_into_a_table_it_does_not_check(string engine, string trigger) => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE t (id integer PRIMARY KEY, v text);
            CREATE TABLE audit (id integer PRIMARY KEY, tid int);
            INSERT INTO t VALUES (1, 'a'), (2, 'b');
            """);
        var target = await Db.NewAsync(engine);
        await Ok("copy", "--from", source, "--to", target, "--schema-only");
        await EngineClient.RunAsync(target, trigger);

        var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--data-only", "--tables", "t");
        if (engine == "postgresql")
        {
            // off during the load, on again after it
            Assert.True(r.ExitCode == 0, r.All);
            Assert.Equal(("2", "0"), (await EngineClient.RunAsync(target, "SELECT count(*) FROM t"), await EngineClient.RunAsync(target, "SELECT count(*) FROM audit")));
            await EngineClient.RunAsync(target, "INSERT INTO t VALUES (3, 'c')");
            Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM audit"));
            return;
        }
        Assert.True(r.ExitCode == 4, r.All);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        var message = r.Json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("trigger t_ai (INSERT on t) names audit", message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written to the target.", message, StringComparison.Ordinal);
        Assert.Equal(("0", "0"), (await EngineClient.RunAsync(target, "SELECT count(*) FROM t"), await EngineClient.RunAsync(target, "SELECT count(*) FROM audit")));

        // with audit loaded too, a change it makes is seen by the end check (exit 1, named), not passed over
        var both = await CliRunner.RunAsync("copy", "--from", source, "--to", target, "--data-only");
        Assert.True(both.ExitCode == 1, both.All);
        Assert.Contains("audit", both.All, StringComparison.Ordinal);
        // named as what changed the rows, with what helps: not a --resume, which would load them through it again (bt34 F6)
        Assert.Contains("The target's own trigger t_ai (AFTER INSERT on t) changed the rows of table audit", both.All, StringComparison.Ordinal);
        Assert.DoesNotContain("tables already copied are re-checked and kept", both.All, StringComparison.Ordinal);
    });
}
