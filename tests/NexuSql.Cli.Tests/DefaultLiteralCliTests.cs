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

    /// <summary>
    /// bt29 M19: PostgreSQL's infinity, NaN and MariaDB's zero dates as defaults were written as text the target stored
    /// in a DATE or REAL column (SQLite) or refused with a raw error at CREATE TABLE (MariaDB 1067). A default is a value:
    /// one the target cannot hold is refused by table and column before anything is written (as a row's value is); a
    /// float infinity SQLite's REAL holds is written as SQLite's infinity (9e999), and read back from SQLite into
    /// PostgreSQL it is 'Infinity' again.
    /// </summary>
    [Fact]
    public Task Infinity_NaN_and_zero_date_defaults_arrive_as_the_same_value_or_are_refused_by_column() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE t (id int PRIMARY KEY, d date DEFAULT 'infinity', f float8 DEFAULT 'NaN', r real DEFAULT '-Infinity', g float8 DEFAULT 'Infinity');");
        foreach (var engine in new[] { "sqlite", "mysql" })
        {
            var target = await Db.NewAsync(engine);
            var r = await CliRunner.RunAsync("--json", "copy", "--from", pg, "--to", target);
            Assert.True(r.ExitCode == 4, r.All);
            var message = r.Json.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains("column t.d (default 'infinity': 'infinity' has no equivalent in", message, StringComparison.Ordinal);
            Assert.Contains("column t.f (default 'NaN': NaN has no equivalent in", message, StringComparison.Ordinal);
            Assert.Equal(engine == "mysql", message.Contains("column t.r", StringComparison.Ordinal));
            Assert.Equal(engine == "mysql", message.Contains("column t.g", StringComparison.Ordinal));
        }
        await EngineClient.RunScriptAsync(pg, "ALTER TABLE t ALTER d DROP DEFAULT, ALTER f DROP DEFAULT;");
        var lite = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", pg, "--to", lite);
        await EngineClient.RunScriptAsync(lite, "INSERT INTO t (id) VALUES (1);");
        Assert.Equal("real|-Inf|real|Inf", await EngineClient.RunAsync(lite, "SELECT typeof(r), r, typeof(g), g FROM t"));
        var back = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", lite, "--to", back);
        await EngineClient.RunScriptAsync(back, "INSERT INTO t (id) VALUES (2);");
        Assert.Equal("2|-Infinity|Infinity", await EngineClient.RunAsync(back, "SELECT id, r, g FROM t WHERE id = 2"));

        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "SET sql_mode = ''; CREATE TABLE z (id int PRIMARY KEY, d date DEFAULT '0000-00-00', ts datetime DEFAULT '0000-00-00 00:00:00');");
        var into = await Db.NewAsync("postgresql");
        var z = await CliRunner.RunAsync("--json", "copy", "--from", maria, "--to", into);
        Assert.True(z.ExitCode == 4, z.All);
        var zm = z.Json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("column z.d (default '0000-00-00': '0000-00-00' has no equivalent in PostgreSQL's", zm, StringComparison.Ordinal);
        Assert.Contains("column z.ts (default '0000-00-00 00:00:00'", zm, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(into, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    });
}
