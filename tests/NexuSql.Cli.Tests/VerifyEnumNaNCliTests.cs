namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 33: <c>verify --against</c> compares enum columns by label whatever names their types (G2). Each side is
/// read with the engine's own client.
/// </summary>
public sealed class VerifyEnumNaNCliTests() : ValueFidelityCliTestBase("venan")
{
    /// <summary>
    /// G2: PostgreSQL enum columns whose types differ by schema (app.mood and feeling, lvl and app.lvl), arrays of them
    /// and integer[] against bigint[], and MariaDB ENUMs of another label order and more labels, are compared by their
    /// labels: equal rows are OK, each changed value is named (was: "its values cannot be compared; comparing the others").
    /// </summary>
    [Fact]
    public Task Enum_columns_of_types_of_other_schemas_and_label_orders_are_compared_by_label() => LiveAsync(async () =>
    {
        var first = await Db.NewAsync("postgresql");
        var second = await Db.NewAsync("postgresql");
        foreach (var (db, mood, lvl, ints) in new[] { (first, "app.mood", "lvl", "integer"), (second, "feeling", "app.lvl", "bigint") })
            await EngineClient.RunScriptAsync(db, $$"""
                CREATE SCHEMA app;
                CREATE TYPE {{mood}} AS ENUM ('ok', '😀', 'bad');
                CREATE TYPE {{lvl}} AS ENUM ('lo', 'hi');
                CREATE TABLE t (id int PRIMARY KEY, m {{mood}}, ms {{mood}}[], l {{lvl}}, v {{ints}}[]);
                INSERT INTO t VALUES (1, 'ok', '{ok,😀}', 'lo', '{1,2}'), (2, '😀', NULL, 'hi', '{3}'), (3, 'bad', '{bad}', 'hi', NULL);
                """);
        var r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 0, r.All);
        Assert.DoesNotContain("cannot be compared", r.All, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(second, "UPDATE t SET m = 'bad' WHERE id = 1; UPDATE t SET ms = '{bad}' WHERE id = 2; UPDATE t SET l = 'lo', v = '{4}' WHERE id = 3;");
        Assert.Equal("ok|{ok,😀}|lo|{1,2}\n😀||hi|{3}\nbad|{bad}|hi|", await EngineClient.RunAsync(first, "SELECT m, ms, l, v FROM t ORDER BY id"));
        Assert.Equal("bad|{ok,😀}|lo|{1,2}\n😀|{bad}|hi|{3}\nbad|{bad}|lo|{4}", await EngineClient.RunAsync(second, "SELECT m, ms, l, v FROM t ORDER BY id"));
        r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.DoesNotContain("cannot be compared", r.All, StringComparison.Ordinal);
        Assert.Contains("[data] t: id=1: row differs in m\n", r.All, StringComparison.Ordinal);
        Assert.Contains("[data] t: id=2: row differs in ms\n", r.All, StringComparison.Ordinal);
        Assert.Contains("[data] t: id=3: row differs in l, v\n", r.All, StringComparison.Ordinal);

        var mariaA = await Db.NewAsync("mysql");
        var mariaB = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(mariaA, "CREATE TABLE mood2 (id int PRIMARY KEY, m2 enum('x','😢 sad') NULL); INSERT INTO mood2 VALUES (1, 'x'), (3, '😢 sad');");
        await EngineClient.RunScriptAsync(mariaB, "CREATE TABLE mood2 (id int PRIMARY KEY, m2 enum('😢 sad','x','y') NULL); INSERT INTO mood2 VALUES (1, 'x'), (3, '😢 sad');");
        r = await CliRunner.RunAsync("--url", mariaA, "verify", "--against", mariaB, "--checks", "data");
        Assert.True(r.ExitCode == 0, r.All);
        await EngineClient.RunScriptAsync(mariaB, "UPDATE mood2 SET m2 = 'x' WHERE id = 3;");
        Assert.Equal("1|x\n3|😢 sad|1|x\n3|x", await EngineClient.RunAsync(mariaA, "SELECT id, m2 FROM mood2 ORDER BY id") + "|" + await EngineClient.RunAsync(mariaB, "SELECT id, m2 FROM mood2 ORDER BY id"));
        r = await CliRunner.RunAsync("--url", mariaA, "verify", "--against", mariaB, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.DoesNotContain("cannot be compared", r.All, StringComparison.Ordinal);
        Assert.Contains("[data] mood2: id=3: row differs in m2\n", r.All, StringComparison.Ordinal);
    });
}
