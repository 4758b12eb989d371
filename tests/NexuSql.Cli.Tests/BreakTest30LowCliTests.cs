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
}
