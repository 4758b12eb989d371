namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 42 N3 and N4: seed and import of a folder. A later file naming no table (or a column its table lacks)
/// stopped the load as a usage error after earlier files were committed; a file's leading <c>NN_</c> was always
/// stripped. Each result is read with the engine's own client.
/// </summary>
public sealed class BreakTest43SeedFilesCliTests() : ValueFidelityCliTestBase("bt43sf")
{
    private string Files(string name, params (string Name, string Text)[] files) => Migrations(name, files);

    /// <summary>N3: every file is checked before the first loads: a missing table or a bad header writes nothing (exit 2).</summary>
    [Fact]
    public Task A_later_file_naming_no_table_or_column_loads_nothing() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunAsync(pg, "create table a (id int primary key, v text); create table b (id int primary key, v text);");
        var missing = Files("sdD", ("01_a.csv", "id,v\n1,one\n"), ("02_b.csv", "id,v\n2,two\n"), ("03_nosuch.csv", "id,v\n3,three\n"));
        foreach (var command in new[] { "seed", "import" })
        {
            string[] args = command == "seed" ? ["--url", pg, "seed", "--folder", missing] : ["--url", pg, "import", missing];
            var r = await CliRunner.RunAsync(args);
            Assert.True(r.ExitCode == 2, r.All);
            Assert.Contains("03_nosuch.csv: there is no table 03_nosuch or nosuch", r.All, StringComparison.Ordinal);
            Assert.Contains(command == "seed" ? "Nothing was seeded" : "Nothing was imported", r.All, StringComparison.Ordinal);
            Assert.Equal("0|0", await EngineClient.RunAsync(pg, "SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM b)"));
        }
        var header = Files("sdE", ("01_a.csv", "id,v\n1,one\n"), ("02_b.csv", "id,zz\n2,two\n"));
        var h = await CliRunner.RunAsync("--url", pg, "seed", "--folder", header);
        Assert.True(h.ExitCode == 2, h.All);
        Assert.Contains("zz is not a column of b", h.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(pg, "SELECT count(*) FROM a"));
    });

    /// <summary>N3: a file found wrong only once loading (a JSON record's field) after earlier files were committed: exit 1, and they are named.</summary>
    [Fact]
    public Task A_later_file_failing_after_earlier_files_names_them() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunAsync(pg, "create table a (id int primary key, v text); create table b (id int primary key, v text);");
        var folder = Files("sdF", ("01_a.csv", "id,v\n1,one\n"), ("02_b.json", "[{\"id\":2,\"zz\":1}]"));
        var r = await CliRunner.RunAsync("--json", "--url", pg, "seed", "--folder", folder);
        Assert.True(r.ExitCode == 1, r.All);
        Assert.Contains("\"kind\": \"failed\"", r.All, StringComparison.Ordinal);
        Assert.Contains("zz is not a column of b. Files seeded before it were committed and stay: 01_a.csv (a)", r.All, StringComparison.Ordinal);
        Assert.Equal("1|one", await EngineClient.RunAsync(pg, "SELECT * FROM a"));
        Assert.Equal("0", await EngineClient.RunAsync(pg, "SELECT count(*) FROM b"));
    });

    /// <summary>N4: the table named exactly as the file wins over the name without its order prefix; a table named 2024_data is reachable.</summary>
    [Fact]
    public Task An_exact_table_name_wins_over_the_order_prefix() => LiveAsync(async () =>
    {
        foreach (var command in new[] { "seed", "import" })
        {
            var pg = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(pg, "create table \"01_customers\" (id int primary key, v text); create table customers (id int primary key, v text); " +
                "create table \"2024_data\" (id int primary key); create table orders (id int primary key);");
            var folder = Files("sdC-" + command, ("01_customers.csv", "id,v\n1,digits\n"), ("2024_data.csv", "id\n7\n"), ("05_orders.csv", "id\n9\n"));
            await Ok(command == "seed" ? ["--url", pg, "seed", "--folder", folder] : ["--url", pg, "import", folder]);
            Assert.Equal("1|digits", await EngineClient.RunAsync(pg, "SELECT * FROM \"01_customers\""));
            Assert.Equal("0", await EngineClient.RunAsync(pg, "SELECT count(*) FROM customers"));
            Assert.Equal("7", await EngineClient.RunAsync(pg, "SELECT * FROM \"2024_data\""));
            // no table 05_orders: the prefix is an order prefix
            Assert.Equal("9", await EngineClient.RunAsync(pg, "SELECT * FROM orders"));
        }
    });
}
