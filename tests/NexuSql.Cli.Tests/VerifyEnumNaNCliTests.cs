namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 33: <c>verify --against</c> compares enum columns by label whatever names their types (G2), and takes every
/// NaN as one value, while seed and parameters write PostgreSQL's own NaN (G13). Each side is read with the engine's
/// own client.
/// </summary>
public sealed class VerifyEnumNaNCliTests() : ValueFidelityCliTestBase("venan")
{
    /// <summary>
    /// G2: PostgreSQL enum columns whose types differ by schema (app.mood and feeling, lvl and app.lvl), arrays of them
    /// integer[] against bigint[] and varchar(10)[] against text[] (bt34 F9), and MariaDB ENUMs of another label order and more labels, are compared by their
    /// labels: equal rows are OK, each changed value is named (was: "its values cannot be compared; comparing the others").
    /// </summary>
    [Fact]
    public Task Enum_columns_of_types_of_other_schemas_and_label_orders_are_compared_by_label() => LiveAsync(async () =>
    {
        var first = await Db.NewAsync("postgresql");
        var second = await Db.NewAsync("postgresql");
        foreach (var (db, mood, lvl, ints, texts) in new[] { (first, "app.mood", "lvl", "integer", "varchar(10)"), (second, "feeling", "app.lvl", "bigint", "text") })
            await EngineClient.RunScriptAsync(db, $$"""
                CREATE SCHEMA app;
                CREATE TYPE {{mood}} AS ENUM ('ok', '😀', 'bad');
                CREATE TYPE {{lvl}} AS ENUM ('lo', 'hi');
                CREATE TABLE t (id int PRIMARY KEY, m {{mood}}, ms {{mood}}[], l {{lvl}}, v {{ints}}[], tg {{texts}}[]);
                INSERT INTO t VALUES (1, 'ok', '{ok,😀}', 'lo', '{1,2}', '{a,"b c"}'), (2, '😀', NULL, 'hi', '{3}', NULL), (3, 'bad', '{bad}', 'hi', NULL, '{x}');
                """);
        var r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 0, r.All);
        Assert.DoesNotContain("cannot be compared", r.All, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(second, "UPDATE t SET m = 'bad' WHERE id = 1; UPDATE t SET ms = '{bad}' WHERE id = 2; UPDATE t SET l = 'lo', v = '{4}', tg = '{X}' WHERE id = 3;");
        Assert.Equal("ok|{ok,😀}|lo|{1,2}\n😀||hi|{3}\nbad|{bad}|hi|", await EngineClient.RunAsync(first, "SELECT m, ms, l, v FROM t ORDER BY id"));
        Assert.Equal("bad|{ok,😀}|lo|{1,2}\n😀|{bad}|hi|{3}\nbad|{bad}|lo|{4}", await EngineClient.RunAsync(second, "SELECT m, ms, l, v FROM t ORDER BY id"));
        r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.DoesNotContain("cannot be compared", r.All, StringComparison.Ordinal);
        Assert.Contains("[data] t: id=1: row differs in m\n", r.All, StringComparison.Ordinal);
        Assert.Contains("[data] t: id=2: row differs in ms\n", r.All, StringComparison.Ordinal);
        Assert.Contains("[data] t: id=3: row differs in l, v, tg\n", r.All, StringComparison.Ordinal);

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

    /// <summary>
    /// G13: seed and <c>exec --param x:double=NaN</c> write PostgreSQL's own NaN (<c>0x7ff8…</c>, real <c>0x7fc00000</c>;
    /// was .NET's negative one, <c>0xfff8…</c>), and verify takes a database holding the negative NaN (as earlier
    /// versions wrote it) as equal to one holding PostgreSQL's (was: "row differs in f, r"); a NaN against a number still differs.
    /// </summary>
    [Fact]
    public Task NaN_is_written_as_PostgreSQL_s_own_and_every_NaN_verifies_equal() => LiveAsync(async () =>
    {
        const string table = "CREATE TABLE fl (id int PRIMARY KEY, f float8, r real);";
        var seeded = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(seeded, table);
        var folder = Db.File("seeds");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "fl.csv"), "id,f,r\n1,NaN,NaN\n", TestContext.Current.CancellationToken);
        await Ok("--url", seeded, "seed", "--folder", folder);
        await Ok("--url", seeded, "exec", "INSERT INTO fl VALUES (2, :v, :v)", "--param", "v:double=NaN");
        const string bits = "SELECT id, float8send(f), float4send(r) FROM fl ORDER BY id";
        Assert.Equal("1|\\x7ff8000000000000|\\x7fc00000\n2|\\x7ff8000000000000|\\x7fc00000", await EngineClient.RunAsync(seeded, bits));
        var negative = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(negative, table + "INSERT INTO fl SELECT g, -'NaN'::float8, -'NaN'::real FROM generate_series(1, 2) g;");
        Assert.Equal("1|\\xfff8000000000000|\\xffc00000\n2|\\xfff8000000000000|\\xffc00000", await EngineClient.RunAsync(negative, bits));
        var r = await CliRunner.RunAsync("--url", seeded, "verify", "--against", negative, "--checks", "data");
        Assert.True(r.ExitCode == 0, r.All);
        await EngineClient.RunScriptAsync(negative, "UPDATE fl SET r = 1 WHERE id = 2;");
        r = await CliRunner.RunAsync("--url", seeded, "verify", "--against", negative, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("[data] fl: id=2: row differs in r\n", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("id=1", r.All, StringComparison.Ordinal);
    });
}
