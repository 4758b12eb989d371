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

    /// <summary>
    /// bt45 M1: the same two tables made apart on MariaDB under <c>utf8mb4_nopad_bin</c> — the keys compare alike, yet
    /// MariaDB's foreign key refuses the <c>'ab '</c> PostgreSQL's takes — were "OK" for <c>verify --against</c>. Named
    /// now; a copy (which gives the columns a PAD SPACE collation), into MariaDB and SQLite, takes the row and verifies OK.
    /// </summary>
    [Fact]
    public Task Verify_names_a_foreign_key_that_takes_trailing_blanks_on_one_side_only() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE k (c char(4) PRIMARY KEY); CREATE TABLE r2 (id int PRIMARY KEY, c text REFERENCES k); " +
            "INSERT INTO k VALUES ('ab');");
        // (MariaDB's NO PAD CHAR key holds 'ab' as 'ab  ': a varchar 'ab' does not reference it either)
        var apart = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(apart, "CREATE TABLE k (c char(4) COLLATE utf8mb4_nopad_bin PRIMARY KEY); " +
            "CREATE TABLE r2 (id int PRIMARY KEY, c varchar(100) COLLATE utf8mb4_nopad_bin, FOREIGN KEY (c) REFERENCES k (c)); " +
            "INSERT INTO k VALUES ('ab');");
        // the two keys differ, as each engine's client shows
        await EngineClient.RunScriptAsync(pg, "INSERT INTO r2 VALUES (3, 'ab '); DELETE FROM r2 WHERE id = 3;");
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunScriptAsync(apart, "INSERT INTO r2 VALUES (3, 'ab ');"));

        var r = await CliRunner.RunAsync("--url", apart, "verify", "--against", pg);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("table r2: column c: the foreign key to k(c) takes a value with trailing blanks ('ab ') for the key's 'ab' in the second database, " +
            "not in the first (c VARCHAR(100) COLLATE utf8mb4_nopad_bin referencing CHAR(4) COLLATE utf8mb4_nopad_bin)", r.All, StringComparison.Ordinal);

        foreach (var engine in new[] { "mysql", "sqlite" })
        {
            var copied = await Db.NewAsync(engine);
            await Ok("copy", "--from", pg, "--to", copied, "--yes");
            await EngineClient.RunScriptAsync(copied, (engine == "sqlite" ? "PRAGMA foreign_keys = ON; " : "") + "INSERT INTO r2 VALUES (3, 'ab '); DELETE FROM r2 WHERE id = 3;");
            Assert.Contains("OK: integrity, schema, data.", (await Ok("--url", copied, "verify", "--against", pg)).All, StringComparison.Ordinal);
        }
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
