namespace NexuSql.Cli.Tests;

/// <summary>
/// A foreign key whose columns have another type than the key they reference: checked and copied as the engine's key
/// compares them. Each result is read with the engine's own client.
/// </summary>
public sealed class ForeignKeyTypeCliTests() : ValueFidelityCliTestBase("fktype")
{
    /// <summary>
    /// PostgreSQL compares a text column referencing a <c>char(n)</c> key in the key's type: <c>'ab '</c> references
    /// <c>'ab'</c>. <c>verify --checks integrity</c> compared both as text and called the row an orphan.
    /// </summary>
    [Fact]
    public Task A_text_column_referencing_a_char_key_is_no_orphan_on_postgresql() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE k (c char(4) PRIMARY KEY); CREATE TABLE r2 (id int PRIMARY KEY, c text REFERENCES k); " +
            "INSERT INTO k VALUES ('ab'); INSERT INTO r2 VALUES (1, 'ab '), (2, 'ab');");
        // PostgreSQL's own key accepts both rows, and refuses one that references nothing
        Assert.Equal("2", (await EngineClient.RunAsync(pg, "SELECT count(*) FROM r2 JOIN k ON k.c = r2.c::bpchar")).Trim());
        Assert.Contains("OK: integrity", (await Ok("--url", pg, "verify", "--checks", "integrity")).All, StringComparison.Ordinal);

        // an orphan is still found (the key disabled behind the tool's back)
        await EngineClient.RunScriptAsync(pg, "ALTER TABLE r2 DISABLE TRIGGER ALL; INSERT INTO r2 VALUES (3, 'zz'); ALTER TABLE r2 ENABLE TRIGGER ALL;");
        var r = await CliRunner.RunAsync("--url", pg, "verify", "--checks", "integrity");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("r2: 1 row(s) reference k(c) rows that do not exist (id=3)", r.All, StringComparison.Ordinal);
    });
}

/// <summary>
/// bt45 M2: a SQLite <c>CHAR(3)</c> key — which keeps 'b' and 'b ' as two keys, SQLite padding nothing — became a
/// MariaDB <c>CHAR(3)</c> one without a word (which pads, so 'b ' was refused), and verify then found the key changed.
/// It is a <c>VARCHAR(3)</c> where CHAR pads, named; the rows arrive as written and verify says OK.
/// </summary>
public sealed class SqliteCharKeyCliTests() : ValueFidelityCliTestBase("sqlchar")
{
    [Theory]
    [InlineData("mysql", "SELECT concat('[', b, ']') FROM cmp ORDER BY c", "SELECT data_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'cmp' AND column_name = 'b'")]
    [InlineData("postgresql", "SELECT '[' || b || ']' FROM cmp ORDER BY c", "SELECT data_type FROM information_schema.columns WHERE table_name = 'cmp' AND column_name = 'b'")]
    public Task A_sqlite_char_key_keeps_trailing_blanks_elsewhere(string engine, string values, string type) => LiveAsync(async () =>
    {
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE cmp (a text, b char(3), c int, PRIMARY KEY (a, b)); INSERT INTO cmp VALUES ('a', 'b', 1), ('a', 'b ', 2);");
        var target = await Db.NewAsync(engine);
        var r = await Ok("copy", "--from", sqlite, "--to", target, "--yes");
        Assert.Contains("cmp.b: SQLite's CHAR(3) keeps a value's trailing blanks as written", r.All, StringComparison.Ordinal);
        Assert.Equal("[b]\n[b ]", (await EngineClient.RunAsync(target, values)).Trim());
        Assert.Equal("character varying", (await EngineClient.RunAsync(target, type)).Trim().Replace("varchar", "character varying", StringComparison.Ordinal));
        Assert.Contains("OK: integrity, schema, data.", (await Ok("--url", target, "verify", "--against", sqlite)).All, StringComparison.Ordinal);
    });
}
