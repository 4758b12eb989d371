namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 41 F14 and what followed it: seed and import of tables in other PostgreSQL schemas, <c>seed --tables</c>
/// naming tables as copy and backup do, two files for one table in one folder, and <c>seed --key</c>. Each result is read
/// with the engine's own client.
/// </summary>
public sealed class BreakTest41SeedTablesCliTests() : ValueFidelityCliTestBase("bt41st")
{
    private string Files(string name, params (string Name, string Text)[] files) => Migrations(name, files);

    /// <summary>
    /// F14: <c>sales.p.csv</c> was refused ("there is no table sales.p") beside a table sales.p. A file named
    /// <c>SCHEMA.TABLE</c> loads that schema's table, <c>p.csv</c> and <c>public.p.csv</c> the current schema's p, for
    /// seed and import alike; a second seed finds its rows (unchanged).
    /// </summary>
    [Fact]
    public Task A_schema_qualified_file_name_loads_that_schemas_table() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "create schema sales; create table public.p (id int primary key, v text); create table sales.p (id int primary key, v text);");
        var import = Files("f14-import", ("sales.p.csv", "id,v\n10,via-file\n"), ("public.p.csv", "id,v\n2,pub\n"));
        var r = await Ok("--url", pg, "import", import);
        Assert.Contains("sales.p.csv → sales.p: 1 inserted", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("10|via-file", await EngineClient.RunAsync(pg, "SELECT * FROM sales.p"));
        Assert.Equal("2|pub", await EngineClient.RunAsync(pg, "SELECT * FROM public.p"));

        var seeds = Files("f14-seed", ("01_sales.p.json", "[{\"id\":10,\"v\":\"seeded\"}]"), ("p.csv", "id,v\n1,cur\n"));
        await Ok("--url", pg, "seed", "--folder", seeds);
        Assert.Equal("10|seeded", await EngineClient.RunAsync(pg, "SELECT * FROM sales.p"));
        Assert.Equal("1|cur\n2|pub", await EngineClient.RunAsync(pg, "SELECT * FROM public.p ORDER BY id"));
        var again = await Ok("--url", pg, "seed", "--folder", seeds);
        Assert.Contains("01_sales.p.json → sales.p: 0 inserted, 0 updated, 1 unchanged", again.Stdout, StringComparison.Ordinal);

        // a table of the current schema whose own name is the schema-qualified one: either could be meant, refused by name
        await EngineClient.RunScriptAsync(pg, "create table public.\"sales.p\" (id int primary key, v text);");
        var both = await CliRunner.RunAsync("--url", pg, "import", import);
        Assert.True(both.ExitCode == 2, both.All);
        Assert.Contains("could each be the one the file's name means", both.Stderr, StringComparison.Ordinal);
        Assert.Contains("public.\"sales.p\"", both.Stderr, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(pg, "SELECT count(*) FROM public.\"sales.p\""));

        // an engine without schemas: a table whose own name has a dot is still the file's
        var sqlite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(sqlite, "create table \"a.b\" (id int primary key);");
        await Ok("--url", sqlite, "seed", "--folder", Files("dotted", ("a.b.csv", "id\n3\n")));
        Assert.Equal("3", await EngineClient.RunAsync(sqlite, "SELECT * FROM \"a.b\""));
    });

    /// <summary>
    /// F14 addendum: <c>seed --tables public.p</c> with <c>p.csv</c> said "no seed file ... nothing was seeded";
    /// <c>--tables nosuch</c> exited 0; <c>--tables p,nosuch</c> loaded p and said nothing of nosuch. Tables are named as
    /// copy names them, an unknown one refused in copy's words before anything loads, and a chosen table no file loads is said.
    /// </summary>
    [Fact]
    public Task Seed_tables_names_tables_as_copy_does() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "create schema sales; create table public.p (id int primary key, v text); create table sales.p (id int primary key, v text);");
        var seeds = Files("f14-tables", ("p.csv", "id,v\n1,one\n"));
        var qualified = await Ok("--url", pg, "seed", "--folder", seeds, "--tables", "public.p");
        Assert.Contains("p.csv → p: 1 inserted", qualified.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing was seeded", qualified.All, StringComparison.Ordinal);
        Assert.Equal("1|one", await EngineClient.RunAsync(pg, "SELECT * FROM public.p"));

        await EngineClient.RunAsync(pg, "DELETE FROM public.p");
        foreach (var names in new[] { "nosuch", "p,nosuch" })
        {
            var r = await CliRunner.RunAsync("--url", pg, "seed", "--folder", seeds, "--tables", names);
            Assert.True(r.ExitCode == 2, r.All);
            Assert.Contains("No table named nosuch. Tables: p, sales.p.", r.Stderr, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(pg, "SELECT count(*) FROM public.p"));
        }
        // copy says it in the same words
        var copy = await CliRunner.RunAsync("copy", "--from", pg, "--to", await Db.NewAsync("postgresql"), "--tables", "nosuch");
        Assert.True(copy.ExitCode == 2, copy.All);
        Assert.Contains("No table named nosuch. Tables: p, sales.p.", copy.Stderr, StringComparison.Ordinal);

        var without = await Ok("--url", pg, "seed", "--folder", seeds, "--tables", "p,sales.p");
        Assert.Contains("note: --tables names sales.p, but no seed file in " + seeds + " loads it", without.Stderr, StringComparison.Ordinal);
        Assert.Equal("1|one", await EngineClient.RunAsync(pg, "SELECT * FROM public.p"));
        Assert.Equal("0", await EngineClient.RunAsync(pg, "SELECT count(*) FROM sales.p"));
    });

    /// <summary>The same table's file in the common folder and the environment's is layered, the environment's last.</summary>
    [Fact]
    public Task A_tables_files_of_two_folders_are_layered() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, "create table t (id int primary key, v text);");
        // a table's file in two folders: the later folder's is meant to win (common, then the environment's)
        var common = Files("layer-common", ("t.csv", "id,v\n5,common\n"));
        var dev = Files("layer-dev", ("t.json", "[{\"id\":5,\"v\":\"dev\"}]"));
        await Ok("--url", pg, "seed", "--folder", common, dev);
        Assert.Equal("5|dev", await EngineClient.RunAsync(pg, "SELECT * FROM t"));
    });
}
