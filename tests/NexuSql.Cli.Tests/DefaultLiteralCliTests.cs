namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 29 M17: a string default holding backslashes was written into MariaDB as it is (where <c>\n</c> is a line
/// feed) and MariaDB's escaped <c>'C:\\dir'</c> was carried into PostgreSQL and SQLite as two backslashes. The
/// default is what every later INSERT without the column stores: each target inserts a row with the engine's own
/// client and reads the value back as hex.
/// </summary>
public sealed class DefaultLiteralCliTests() : SchemaFidelityCliTestBase("deflit")
{
    private const string Path = @"C:\new\table";
    private static readonly string PathHex = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(Path));

    [Theory]
    [InlineData("postgresql", "mysql")]
    [InlineData("sqlite", "mysql")]
    [InlineData("mysql", "postgresql")]
    [InlineData("mysql", "sqlite")]
    [InlineData("mysql", "mysql")]
    public Task A_default_with_backslashes_inserts_the_same_text(string from, string to) => LiveAsync(async () =>
    {
        var source = await Db.NewAsync(from);
        // each engine's own spelling of the literal C:\new\table and of a lone backslash
        var (path, slash) = from == "mysql" ? (@"'C:\\new\\table'", @"'\\'") : (@"'C:\new\table'", @"'\'");
        await EngineClient.RunScriptAsync(source, $"CREATE TABLE w (id int PRIMARY KEY, p varchar(30) DEFAULT {path}, q varchar(5) DEFAULT {slash}, s varchar(10) DEFAULT 'it''s');");
        var target = await Db.NewAsync(to);
        await Ok("copy", "--from", source, "--to", target);
        foreach (var url in new[] { source, target })
        {
            await EngineClient.RunScriptAsync(url, "INSERT INTO w (id) VALUES (1);");
            var hex = url.StartsWith("postgresql", StringComparison.Ordinal)
                ? "SELECT upper(encode(convert_to(p, 'UTF8'), 'hex')) || '|' || upper(encode(convert_to(q, 'UTF8'), 'hex')) || '|' || s FROM w"
                : "SELECT upper(hex(p)) || '|' || upper(hex(q)) || '|' || s FROM w";
            if (url.StartsWith("mysql", StringComparison.Ordinal)) hex = "SELECT concat(hex(p), '|', hex(q), '|', s) FROM w";
            Assert.Equal($"{PathHex}|5C|it's", await EngineClient.RunAsync(url, hex));
        }
        await Ok("--url", target, "verify", "--against", source);
    });
}
