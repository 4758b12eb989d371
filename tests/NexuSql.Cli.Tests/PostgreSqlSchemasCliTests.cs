namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 12: PostgreSQL tables and views in schemas other than the current one (<c>a.t</c> and <c>b.t</c> of one name,
/// foreign keys across schemas, a view in another schema) go through schema dump → apply into an empty database, read
/// back with pg_dump -s; a second apply is a no-op; an old file that names no other schema leaves them alone; MariaDB
/// refuses them by name before anything is written. Backup, restore and copy of them: <see cref="PostgreSqlSchemasTransferCliTests"/>.
/// </summary>
public sealed class PostgreSqlSchemasCliTests() : ValueFidelityCliTestBase("pgschemas12")
{
    private const string Seed = """
        CREATE SCHEMA a; CREATE SCHEMA b;
        CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
        CREATE TABLE a.t (id int PRIMARY KEY, v text);
        CREATE TABLE b.t (id serial PRIMARY KEY, a_id int NOT NULL REFERENCES a.t (id) ON DELETE CASCADE, c_id int REFERENCES customers (id), note varchar(20));
        CREATE INDEX t_note ON b.t (note);
        CREATE TABLE a.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, t_id int REFERENCES b.t (id));
        CREATE VIEW b.v AS SELECT t.id, x.v FROM b.t JOIN a.t x ON x.id = t.a_id;
        INSERT INTO customers VALUES (1, 'x'); INSERT INTO a.t VALUES (1, 'one'), (2, 'two'); INSERT INTO b.t (a_id, c_id, note) VALUES (1, 1, 'n'), (2, NULL, 'm');
        """;

    private const string ForeignKeys =
        "SELECT conrelid::regclass::text AS t, conname, confrelid::regclass FROM pg_constraint WHERE contype = 'f' ORDER BY t, conname";

    [Fact]
    public async Task Postgresql_schema_dump_applies_other_schemas_with_cross_schema_foreign_keys_and_converges()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Seed);
            var file = Db.File("schema.json");
            await Ok("--url", source, "schema", "dump", "-o", file);
            var json = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            foreach (var field in new[] { "\"schema\": \"a\"", "\"schema\": \"b\"", "\"referencedSchema\": \"a\"", "\"referencedSchema\": \"b\"" })
                Assert.Contains(field, json, StringComparison.Ordinal);

            var target = await Db.NewAsync("postgresql");
            await Ok("--url", target, "schema", "apply", file);
            Assert.Equal(await SchemaCorpusCliTests.CatalogAsync(source), await SchemaCorpusCliTests.CatalogAsync(target));
            Assert.Equal("a.orders|orders_t_id_fkey|b.t\nb.t|t_a_id_fkey|a.t\nb.t|t_c_id_fkey|customers", await EngineClient.RunAsync(target, ForeignKeys));
            var again = await CliRunner.RunAsync("--url", target, "schema", "apply", file);
            Assert.True(again.ExitCode == 0 && again.Stdout.Contains("No differences", StringComparison.Ordinal), again.All);
            Assert.Equal(0, (await CliRunner.RunAsync("schema", "diff", "--from", source, "--to", target)).ExitCode);
            var redump = Db.File("again.json");
            await Ok("--url", target, "schema", "dump", "-o", redump);
            Assert.Equal(json, await File.ReadAllTextAsync(redump, TestContext.Current.CancellationToken));

            // a change to a table in another schema is refused by name, not planned against the wrong table
            var changed = Db.File("changed.json");
            await File.WriteAllTextAsync(changed, json.Replace("\"type\": \"string(20)\"", "\"type\": \"string(40)\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            var refused = await CliRunner.RunAsync("--url", target, "schema", "apply", changed);
            Assert.True(refused.ExitCode == 4, refused.All);
            Assert.Contains("change table b.t (change column t.note", refused.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_file_without_other_schemas_leaves_them_alone_and_mariadb_refuses_them_by_name()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Seed);
            // a file written before schemas were read: the current schema's tables only
            var old = Db.File("old.json");
            await File.WriteAllTextAsync(old, """{"tables":[{"name":"customers","columns":[{"name":"id","type":"int32","nullable":false},{"name":"name","type":"text","nullable":false}],"primaryKey":{"name":"customers_pkey","columns":["id"]}}]}""",
                TestContext.Current.CancellationToken);
            var plan = await CliRunner.RunAsync("--url", source, "schema", "apply", old, "--allow-drop");
            Assert.True(plan.ExitCode == 0 && plan.Stdout.Contains("No differences", StringComparison.Ordinal), plan.All);
            Assert.Equal("2|2", await EngineClient.RunAsync(source, "SELECT (SELECT count(*) FROM a.t), (SELECT count(*) FROM b.t)"));

            var file = Db.File("schema.json");
            await Ok("--url", source, "schema", "dump", "-o", file);
            var maria = await Db.NewAsync("mysql");
            var refused = await CliRunner.RunAsync("--url", maria, "schema", "apply", file);
            Assert.True(refused.ExitCode == 4, refused.All);
            foreach (var named in new[] { "table a.t (MySQL/MariaDB has no schemas inside a database", "table b.t (MySQL/MariaDB", "view b.v (MySQL/MariaDB" })
                Assert.Contains(named, refused.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"));

            // --schemas chooses: a foreign key into a schema left out is named, not written
            var chosen = Db.File("chosen.json");
            var dump = await CliRunner.RunAsync("--url", source, "schema", "dump", "--schemas", "public,a", "-o", chosen);
            Assert.True(dump.ExitCode == 0, dump.All);
            Assert.Contains("foreign key orders_t_id_fkey on a.orders (references b.t, in a schema --schemas leaves out)", dump.All, StringComparison.Ordinal);
            var text = await File.ReadAllTextAsync(chosen, TestContext.Current.CancellationToken);
            Assert.DoesNotContain("\"schema\": \"b\"", text, StringComparison.Ordinal);
            Assert.Contains("\"schema\": \"a\"", text, StringComparison.Ordinal);
            var unknown = await CliRunner.RunAsync("--url", source, "schema", "dump", "--schemas", "nope");
            Assert.True(unknown.ExitCode == 2, unknown.All);
            Assert.Contains("There is no schema nope", unknown.All, StringComparison.Ordinal);
            var target = await Db.NewAsync("postgresql");
            await Ok("--url", target, "schema", "apply", chosen);
            Assert.Equal("", await EngineClient.RunAsync(target, ForeignKeys));
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_namespace WHERE nspname = 'b'"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
