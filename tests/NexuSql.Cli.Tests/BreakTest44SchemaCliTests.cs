namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 44: <c>schema apply</c> of a file read from another engine wrote its checks, views and keys as they were,
/// where they mean something else — and said "Applied". Each case is shown with the engines' own clients.
/// </summary>
public sealed class BreakTest44SchemaCliTests() : ValueFidelityCliTestBase("bt44s")
{
    /// <summary>
    /// H1, M4: a PostgreSQL check <c>n/2*2 = n</c> (integer division there, exact on MariaDB), a check with <c>~</c>, and
    /// a SQLite view with <c>a||b</c> (OR on MariaDB) and <c>n/2</c>: refused by name, nothing applied; a check that
    /// translates (<c>a||b</c> → CONCAT) refuses on MariaDB what PostgreSQL refuses.
    /// </summary>
    [Fact]
    public Task Checks_and_views_that_mean_otherwise_on_mariadb_are_refused_by_the_plan() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE t (id int PRIMARY KEY, n int, a text, b text, e text, CONSTRAINT ev CHECK (n / 2 * 2 = n), " +
            "CONSTRAINT cc CHECK (a || b <> 'ab'), CONSTRAINT rx CHECK (e ~ '^[a-z]+$'));");
        var file = Db.File("dv.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var maria = await Db.NewAsync("mysql");
        var r = await CliRunner.RunAsync("--url", maria, "--yes", "schema", "apply", file);
        Assert.True(r.ExitCode == 4, r.All);
        // refused as copy refuses them (one pipeline, bt46), each check named
        Assert.Contains("-- NOT INCLUDED: the file's schema, as MySQL/MariaDB would hold it: These PostgreSQL checks do not translate to MySQL/MariaDB: check ev on t (", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("the operator / divides integers differently (PostgreSQL: 7 / 2 = 3; MySQL/MariaDB: 3.5)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("; check rx on t (", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("check cc on t (", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("", (await EngineClient.RunAsync(maria, "SHOW TABLES")).Trim());

        // the check that translates: MariaDB refuses what PostgreSQL refuses
        await EngineClient.RunScriptAsync(pg, "ALTER TABLE t DROP CONSTRAINT ev; ALTER TABLE t DROP CONSTRAINT rx;");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        await Ok("--url", maria, "--yes", "schema", "apply", file);
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(pg, "INSERT INTO t (id, a, b) VALUES (1, 'a', 'b')"));
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(maria, "INSERT INTO t (id, a, b) VALUES (1, 'a', 'b')"));
        await EngineClient.RunAsync(maria, "INSERT INTO t (id, a, b) VALUES (2, 'x', 'y')");

        // a SQLite view: || and / read otherwise on MariaDB
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "CREATE TABLE w (id integer PRIMARY KEY, n int, a text, b text); CREATE VIEW wv AS SELECT id, a || b AS ab FROM w;" +
            "CREATE VIEW half AS SELECT id, n / 2 AS h FROM w;");
        var views = Db.File("wv.json");
        await Ok("--url", sqlite, "schema", "dump", "-o", views);
        var maria2 = await Db.NewAsync("mysql");
        r = await CliRunner.RunAsync("--url", maria2, "--yes", "schema", "apply", views);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("-- NOT INCLUDED: create view wv (SQLite SQL with the operator ||, which is concatenation on SQLite and OR on MySQL/MariaDB; write the view in a migration)",
            r.Stdout, StringComparison.Ordinal);
        Assert.Contains("-- NOT INCLUDED: create view half (SQLite SQL with the operator /, which divides integers differently (SQLite: 7 / 2 = 3; MySQL/MariaDB: 3.5)",
            r.Stdout, StringComparison.Ordinal);
        Assert.Equal("", (await EngineClient.RunAsync(maria2, "SHOW TABLES")).Trim());
    });

    /// <summary>
    /// H2: a PostgreSQL <c>char(5)</c> key in a dump applied to SQLite was a plain CHAR(5) key taking 'a' and 'a ', and
    /// diff said "No differences". It is made <c>COLLATE RTRIM</c>, as a copy makes it, and a second apply has nothing to do.
    /// </summary>
    [Fact]
    public Task A_char_key_applied_from_a_postgresql_dump_keeps_leaving_trailing_blanks_out() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE cc (\"Code\" char(5), k int, PRIMARY KEY (k, \"Code\"));");
        var file = Db.File("cc.json");
        await Ok("--url", pg, "schema", "dump", "-o", file);
        var sqlite = await Db.NewAsync("sqlite");
        await Ok("--url", sqlite, "--yes", "schema", "apply", file);
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(pg, "INSERT INTO cc VALUES ('a', 1), ('a ', 1)"));
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(sqlite, "INSERT INTO cc VALUES ('a', 1), ('a ', 1)"));
        Assert.Contains("No differences", (await Ok("schema", "diff", "--from", sqlite, "--to", file)).Stdout, StringComparison.Ordinal);
    });

    /// <summary>
    /// L1: a MariaDB dump whose columns are <c>utf8mb4_bin</c> applied to SQLite failed with a raw "no such collation
    /// sequence". Both columns become RTRIM, as a copy makes them (utf8mb4_bin leaves trailing blanks out and compares
    /// characters otherwise); a collation neither SQLite nor a copy has a counterpart for is refused (BreakTest46SchemaCliTests).
    /// </summary>
    [Fact]
    public Task A_collation_sqlite_does_not_have_is_made_as_a_copy_makes_it() => LiveAsync(async () =>
    {
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE t (id int PRIMARY KEY, k varchar(10) COLLATE utf8mb4_bin UNIQUE, n varchar(10) COLLATE utf8mb4_bin);");
        var file = Db.File("l1.json");
        await Ok("--url", maria, "schema", "dump", "-o", file);
        var sqlite = await Db.NewAsync("sqlite");
        var r = await Ok("--url", sqlite, "--yes", "schema", "apply", file);
        Assert.Contains("\"k\" VARCHAR(10) COLLATE RTRIM", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"n\" VARCHAR(10) COLLATE RTRIM", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("no such collation", r.All, StringComparison.Ordinal);
        await EngineClient.RunAsync(sqlite, "INSERT INTO t VALUES (1, 'a', 'x')");
        await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(sqlite, "INSERT INTO t VALUES (2, 'a ', 'y')"));
        Assert.Contains("No differences", (await Ok("--url", sqlite, "--yes", "schema", "apply", file)).Stdout, StringComparison.Ordinal);
    });
}
