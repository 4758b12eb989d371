namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 30 (an outside tester of issue 11): the last findings — refusals that named no table, column or key, and
/// keys or files named in a way a user cannot find. Each side is read with the engine's own client.
/// </summary>
public sealed class BreakTest30LowCliTests() : ValueFidelityCliTestBase("bt30low")
{
    private const string SqlAscii = "ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'";

    /// <summary>
    /// F13: a SQL_ASCII database counts varchar(n) in bytes; 'ñandú🎉' (7 characters, 11 bytes) into varchar(10) passed
    /// the character count and failed half-way with a raw 22001 naming no table, column or key.
    /// </summary>
    [Fact]
    public async Task Text_longer_in_bytes_than_a_SQL_ASCII_varchar_holds_is_refused_by_key_before_writing()
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE port (id int PRIMARY KEY, vc varchar(10), c char(4)); INSERT INTO port VALUES (1, 'plain', 'ab'), (2, 'ñandú🎉', 'xy');");
        var file = Db.File($"{Guid.NewGuid():N}.nxb");
        await Ok("--url", source, "backup", "-o", file);
        foreach (var args in new Func<string, string[]>[] { t => ["copy", "--from", source, "--to", t], t => ["--url", t, "restore", file] })
        {
            var target = await Db.NewAsync("postgresql", SqlAscii);
            var message = AssertValueError(await CliRunner.RunAsync(["--json", .. args(target)]), "port", "vc", "id=2").GetProperty("message").GetString()!;
            Assert.Contains("is 11 bytes long in UTF-8, and a database whose encoding is SQL_ASCII counts VARCHAR(10) in bytes", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", message, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
        }
        // 10 bytes fit (ñ is two): the value arrives byte for byte
        await EngineClient.RunScriptAsync(source, "UPDATE port SET vc = 'ñandú123' WHERE id = 2; UPDATE port SET c = 'ñé' WHERE id = 1;");
        var ascii = await Db.NewAsync("postgresql", SqlAscii);
        await Ok("copy", "--from", source, "--to", ascii);
        Assert.Equal(await EngineClient.RunAsync(source, "SELECT string_agg(encode(convert_to(vc || c, 'UTF8'), 'hex'), ',' ORDER BY id) FROM port"),
                     await EngineClient.RunAsync(ascii, "SELECT string_agg(encode(convert_to(vc || c, 'UTF8'), 'hex'), ',' ORDER BY id) FROM port"));
    }

    /// <summary>
    /// F4: text in an INT key (SQLite keeps it) was named <c>id=x</c>, which reads as a column; F9: a key that is not
    /// UTF-8 was named <c>k=&lt;unreadable&gt;</c>. Both now name a key the engine's own client finds the row by.
    /// </summary>
    [Fact]
    public async Task Keys_sqlite_holds_off_type_or_as_bytes_are_named_so_its_client_finds_the_row()
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE k (id INT PRIMARY KEY, v TEXT); INSERT INTO k VALUES (1, 'one'), ('x', 'text key');
            CREATE TABLE b (k text PRIMARY KEY, v text); INSERT INTO b VALUES (CAST(x'4a6f73e9' AS TEXT), 'x');
            """);
        var error = AssertValueError(await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", await Db.NewAsync("sqlite"), "--tables", "b"), "b", "k", "k=CAST(X'4A6F73E9' AS TEXT)");
        Assert.Contains("not valid UTF-8", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("x", await EngineClient.RunAsync(source, "SELECT v FROM b WHERE k=CAST(X'4A6F73E9' AS TEXT)"));

        error = AssertValueError(await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", await Db.NewAsync("postgresql"), "--tables", "k"), "k", "id", "id='x'");
        Assert.Contains("the text 'x' is not an int32 value", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("text key", await EngineClient.RunAsync(source, "SELECT v FROM k WHERE id='x'"));
    }

    /// <summary>F10: <c>restore /dev/zero</c> said the file "is empty".</summary>
    [Fact]
    public async Task A_device_given_as_the_backup_is_named_as_no_regular_file()
    {
        var r = await CliRunner.RunAsync("--json", "--url", await Db.NewAsync("sqlite"), "restore", "/dev/zero");
        Assert.True(r.ExitCode != 0, r.All);
        Assert.Contains("/dev/zero cannot be used: it is not a regular file (a device or a pipe)", r.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
