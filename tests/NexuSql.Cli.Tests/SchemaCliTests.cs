using NexuSql.Schema;
using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>`nexusql schema dump | diff | apply` as a user runs them.</summary>
public sealed class SchemaCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-cli-schema-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Db(string name) => "sqlite:///" + Path.Combine(_dir, name);

    private string File(string name) => Path.Combine(_dir, name);

    private async Task SeedAsync(string url)
    {
        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "exec", "CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, email VARCHAR(200) NOT NULL UNIQUE)")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "exec",
            "CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE, total DECIMAL_TEXT(12,2) NOT NULL DEFAULT 0)")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "exec", "CREATE INDEX orders_customer ON orders (customer_id, total DESC)")).ExitCode);
    }

    [Fact]
    public async Task Schema_apply_adds_what_is_missing_and_refuses_drops_without_the_flag()
    {
        var url = Db("app.db");
        await SeedAsync(url);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "schema", "dump", "-o", File("schema.json"))).ExitCode);
        var model = SchemaModel.FromJson(System.IO.File.ReadAllText(File("schema.json")));
        var customers = model.Table("customers")!;
        var edited = new SchemaModel([.. model.Tables.Where(t => t.Name != "customers"),
            customers with { Columns = [.. customers.Columns, new ColumnModel("phone", ColumnType.Parse("string(30)"))] },
            new TableModel("notes", [new ColumnModel("id", ColumnType.Parse("int64"), false, Identity: true), new ColumnModel("body", ColumnType.Parse("text"))]) { PrimaryKey = new KeyModel(null, ["id"]) }]);
        System.IO.File.WriteAllText(File("wanted.json"), edited.ToJson());

        var diff = await CliRunner.RunAsync("--url", url, "--json", "schema", "diff", "--from", url, "--to", File("wanted.json"));
        Assert.Equal(3, diff.ExitCode);
        Assert.Equal(2, diff.Json.GetProperty("changes").GetArrayLength());

        var dry = await CliRunner.RunAsync("--url", url, "schema", "apply", File("wanted.json"), "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("ALTER TABLE \"customers\" ADD COLUMN \"phone\" VARCHAR(30)", dry.Stdout);
        Assert.Equal(3, (await CliRunner.RunAsync("schema", "diff", "--from", url, "--to", File("wanted.json"))).ExitCode);

        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "schema", "apply", File("wanted.json"))).ExitCode);
        var same = await CliRunner.RunAsync("schema", "diff", "--from", url, "--to", File("wanted.json"));
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("No differences.", same.Stdout);

        // dropping the notes table again is destructive: refused, nothing applied, exit 4
        System.IO.File.WriteAllText(File("smaller.json"), new SchemaModel([.. edited.Tables.Where(t => t.Name != "notes")]).ToJson());
        var refused = await CliRunner.RunAsync("--url", url, "schema", "apply", File("smaller.json"));
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("drop table notes (destructive: needs --allow-drop)", refused.Stdout);
        Assert.Equal(1, (await CliRunner.RunAsync("--url", url, "--json", "query", "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'notes'")).Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "schema", "apply", File("smaller.json"), "--allow-drop", "--yes")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "--json", "query", "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'notes'")).Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Schema_apply_write_migration_writes_the_plan_and_changes_nothing()
    {
        var url = Db("mig.db");
        await SeedAsync(url);
        System.IO.File.WriteAllText(File("wanted.json"), new SchemaModel([new TableModel("extra", [new ColumnModel("id", ColumnType.Parse("int32"), false)]) { PrimaryKey = new KeyModel(null, ["id"]) }]).ToJson());
        var migrations = Path.Combine(_dir, "migrations");
        var r = await CliRunner.RunAsync("--url", url, "schema", "apply", File("wanted.json"), "--write-migration", "--locations", migrations);
        Assert.Equal(0, r.ExitCode);
        var script = System.IO.File.ReadAllText(Assert.Single(Directory.GetFiles(migrations, "V1__*.sql")));
        Assert.Contains("CREATE TABLE \"extra\"", script);
        Assert.Contains("-- NOT INCLUDED: drop table customers (destructive", script);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "--json", "query", "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'extra'")).Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Schema_commands_leave_nexusql_own_tables_alone()
    {
        var url = Db("own.db");
        var migrations = Path.Combine(_dir, "migrations");
        Directory.CreateDirectory(migrations);
        System.IO.File.WriteAllText(Path.Combine(migrations, "V1__t.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);");
        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "migrate", "--locations", migrations)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("--url", url, "schema", "dump", "-o", File("own.json"))).ExitCode);
        var model = SchemaModel.FromJson(System.IO.File.ReadAllText(File("own.json")));
        var t = Assert.Single(model.Tables); // no nexusql_schema_history
        Assert.False(t.Columns[0].Nullable); // a primary-key column is NOT NULL in the model
        var apply = await CliRunner.RunAsync("--url", url, "schema", "apply", File("own.json"));
        Assert.True(apply.ExitCode == 0, apply.All);
        Assert.Contains("No differences.", apply.Stdout);
    }

    public static TheoryData<string> Servers => ["postgresql", "mysql"];

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Schema_dumped_from_sqlite_applies_to_a_server_and_diffs_back_clean(string engine)
    {
        var (admin, kind) = engine == "postgresql" ? (LiveServers.PostgreSql, NexuSqlEngine.PostgreSql) : (LiveServers.MySql, NexuSqlEngine.MySql);
        var check = await CliRunner.RunAsync("--url", admin.ToSecretString(), "check");
        if (check.ExitCode != 0) LiveServers.Unavailable<int>(kind, check.All.Trim());
        var name = $"nexusql_cli_schema_{Guid.NewGuid():N}"[..30];
        Assert.Equal(0, (await CliRunner.RunAsync("--url", admin.ToSecretString(), "exec", $"CREATE DATABASE {name}")).ExitCode);
        var target = admin.WithDatabase(name).ToSecretString();
        try
        {
            var source = Db("source.db");
            await SeedAsync(source);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "schema", "dump", "-o", File("schema.json"))).ExitCode);
            var apply = await CliRunner.RunAsync("--url", target, "schema", "apply", File("schema.json"));
            Assert.True(apply.ExitCode == 0, apply.All);
            var back = await CliRunner.RunAsync("schema", "diff", "--from", target, "--to", File("schema.json"));
            Assert.True(back.ExitCode == 0, back.All);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", target, "exec", "INSERT INTO customers (email) VALUES (:e)", "-p", "e=a@b.c")).ExitCode);
        }
        finally
        {
            await CliRunner.RunAsync("--url", admin.ToSecretString(), "exec", kind == NexuSqlEngine.PostgreSql ? $"DROP DATABASE {name} WITH (FORCE)" : $"DROP DATABASE {name}");
        }
    }

    [Fact]
    public async Task Schema_dumped_from_mariadb_with_checks_and_views_applies_to_postgresql_and_diffs_back_clean()
    {
        using var databases = new LiveDatabases("schema-mariadb");
        try
        {
            var source = await databases.NewAsync("mysql");
            var target = await databases.NewAsync("postgresql");
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec",
                // a key comparing characters (a _ci one is refused into PostgreSQL, as copy refuses it: bt46 F3)
                "CREATE TABLE stock (id BIGINT AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(20) COLLATE utf8mb4_nopad_bin NOT NULL UNIQUE, qty INT NOT NULL, CONSTRAINT stock_qty_check CHECK (qty >= 0))")).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec",
                "CREATE TABLE moves (id BIGINT AUTO_INCREMENT PRIMARY KEY, stock_id BIGINT NOT NULL, delta INT NOT NULL, CONSTRAINT moves_stock_fk FOREIGN KEY (stock_id) REFERENCES stock (id))")).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", "CREATE VIEW low_stock AS SELECT sku, qty FROM stock WHERE qty < 5")).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "schema", "dump", "-o", File("maria.json"))).ExitCode);
            Assert.Contains("`qty`", await System.IO.File.ReadAllTextAsync(File("maria.json"), TestContext.Current.CancellationToken)); // MySQL keeps backticks

            var apply = await CliRunner.RunAsync("--url", target, "schema", "apply", File("maria.json"));
            Assert.True(apply.ExitCode == 0, apply.All);
            var back = await CliRunner.RunAsync("schema", "diff", "--from", target, "--to", File("maria.json"));
            Assert.True(back.ExitCode == 0, back.All);
            Assert.Equal(1, (await CliRunner.RunAsync("--url", target, "exec", "INSERT INTO stock (sku, qty) VALUES ('a', -1)")).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("--url", target, "query", "SELECT * FROM low_stock")).ExitCode);
        }
        finally
        {
            await databases.CleanupAsync();
        }
    }
}
