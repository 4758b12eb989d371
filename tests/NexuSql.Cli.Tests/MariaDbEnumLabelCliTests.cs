namespace NexuSql.Cli.Tests;

/// <summary>
/// MariaDB ENUM and SET columns (break test 32 F3, F21): labels outside the BMP, which MariaDB prints as '?' in
/// COLUMN_TYPE, and an ENUM into SQLite. Each side is read with the engine's own client.
/// </summary>
public sealed class MariaDbEnumLabelCliTests() : ValueFidelityCliTestBase("mdbenum")
{
    /// <summary>
    /// F3: an emoji label of an ENUM (with a row and the default holding it) and of a SET survives copy and backup →
    /// restore MariaDB → MariaDB (it became a literal '?'); verify tells the '?' label from the emoji; a PostgreSQL enum
    /// with an emoji label goes to MariaDB and back.
    /// </summary>
    [Fact]
    public Task Labels_outside_the_BMP_keep_their_characters() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE t (id int PRIMARY KEY, v enum('a','😀','b') COLLATE utf8mb4_bin, s set('x','😀y') CHARACTER SET utf8mb4, w enum('😀','b') DEFAULT '😀');
            INSERT INTO t (id, v, s) VALUES (1, 'a', 'x'), (2, '😀', '😀y,x');
            """);
        var (copied, restored) = await MoveAsync(source, "mysql");
        const string Rows = "SELECT id, v, s, w, HEX(v) FROM t ORDER BY id";
        foreach (var target in new[] { copied, restored })
        {
            await EngineClient.RunAsync(target, "INSERT INTO t (id, v, s) VALUES (3, '😀', '😀y')");
            Assert.Equal("1|a|x|😀|61\n2|😀|x,😀y|😀|F09F9880\n3|😀|😀y|😀|F09F9880", await EngineClient.RunAsync(target, Rows));
        }
        await EngineClient.RunAsync(source, "INSERT INTO t (id, v, s) VALUES (3, '😀', '😀y')");
        await Ok("--url", source, "verify", "--against", copied);
        // a label '?' where the source has the emoji is a difference
        var other = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(other, """
            CREATE TABLE t (id int PRIMARY KEY, v enum('a','?','b') COLLATE utf8mb4_bin, s set('x','😀y') CHARACTER SET utf8mb4, w enum('😀','b') DEFAULT '😀');
            INSERT INTO t (id, v, s) VALUES (1, 'a', 'x'), (2, '?', '😀y,x'), (3, '?', '😀y');
            """);
        var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", other);
        Assert.True(verify.ExitCode != 0, verify.All);
        Assert.Contains("enum('a','?','b')", verify.All, StringComparison.Ordinal);

        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TYPE mood AS ENUM ('sad', '😀', 'ok');
            CREATE TABLE e (id int PRIMARY KEY, m mood);
            INSERT INTO e VALUES (1, 'sad'), (2, '😀');
            """);
        var mariadb = await Db.NewAsync("mysql");
        await Ok("copy", "--from", pg, "--to", mariadb);
        var back = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", mariadb, "--to", back);
        Assert.Equal("1|sad\n2|😀", await EngineClient.RunAsync(back, "SELECT id, m FROM e ORDER BY id"));
        Assert.Equal("{sad,😀,ok}", await EngineClient.RunAsync(back, "SELECT enum_range(NULL::e_m)"));
    });

    /// <summary>
    /// F21: a MariaDB ENUM (a label '' of its own, a quote, a backslash, an emoji) goes into SQLite by copy and by backup →
    /// restore as TEXT with a check of its labels, named; verify compares the labels; the ENUM error value (index 0) is
    /// refused by table, column and key before anything is written, both where it reads as '' and where '' is a label.
    /// </summary>
    [Fact]
    public Task An_enum_goes_into_SQLite_as_text_with_a_check_of_its_labels() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE orders (id int PRIMARY KEY, status enum('new','pa''id','sh\\ip','😀') NOT NULL DEFAULT 'new', e2 enum('','x'));
            INSERT INTO orders VALUES (1, 'new', 'x'), (2, 'pa''id', ''), (3, '😀', NULL), (4, 'sh\\ip', 'x');
            """);
        var copied = await Db.NewAsync("sqlite");
        var copy = await Ok("copy", "--from", source, "--to", copied);
        Assert.Contains("orders.status: enum('new','pa''id','sh\\\\ip','😀') created as text with the check orders_status_check", copy.All, StringComparison.Ordinal);
        var file = Db.File("enum.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var restored = await Db.NewAsync("sqlite");
        await Ok("--url", restored, "restore", file);
        foreach (var target in new[] { copied, restored })
        {
            Assert.Equal("1|new|x\n2|pa'id|\n3|😀|\n4|sh\\ip|x", await EngineClient.RunAsync(target, "SELECT id, status, e2 FROM orders ORDER BY id"));
            Assert.Contains("CHECK (\"status\" IN ('new', 'pa''id', 'sh\\ip', '😀'))", await EngineClient.RunAsync(target, "SELECT sql FROM sqlite_master WHERE name = 'orders'"), StringComparison.Ordinal);
            await Ok("--url", source, "verify", "--against", target);
        }
        await EngineClient.RunAsync(copied, "UPDATE orders SET status = 'new' WHERE id = 3");
        var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", copied);
        Assert.True(verify.ExitCode != 0, verify.All);
        Assert.Contains("id=3", verify.All, StringComparison.Ordinal);

        // the error value, read as '' (e1) and as index 0 where '' is a label (e2)
        foreach (var (column, key) in new[] { ("e1", "id=7"), ("e2", "id=8") })
        {
            var bad = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(bad, """
                CREATE TABLE bad (id int PRIMARY KEY, e1 enum('a','b'), e2 enum('','x'));
                SET SESSION sql_mode = '';
                INSERT INTO bad VALUES (1, 'a', ''), (2, 'b', 'x');
                """);
            await EngineClient.RunScriptAsync(bad, $"SET SESSION sql_mode = ''; INSERT INTO bad (id, {column}) VALUES ({key[3..]}, 'nope');");
            Assert.Equal("0", await EngineClient.RunAsync(bad, $"SELECT {column} + 0 FROM bad WHERE {key.Replace("=", " = ", StringComparison.Ordinal)}"));
            var target = await Db.NewAsync("sqlite");
            var error = AssertValueError(await CliRunner.RunAsync("--json", "copy", "--from", bad, "--to", target), "bad", column, key);
            Assert.Contains("ENUM error value", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
            // nothing was written: the file was not even made
            var path = target["sqlite:///".Length..];
            Assert.False(File.Exists(path) && new FileInfo(path).Length > 0, path);
            var badFile = Db.File($"bad-{column}.nxb");
            await Ok("--url", bad, "backup", "-o", badFile);
            AssertValueError(await CliRunner.RunAsync("--json", "--url", await Db.NewAsync("sqlite"), "restore", badFile), "bad", column, key);
        }
    });
}
