namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test F10: a PostgreSQL column of a composite type, of an extension's type (citext) or with a collation made by
/// CREATE COLLATION. PostgreSQL → PostgreSQL, copy, backup → restore and dump → apply create the composite types and
/// collations (in the order they use each other) before the tables, and the rows move unchanged; a schema file or a
/// backup that does not carry them (made before they were in the model) is refused by table, column and type before
/// anything is written (was a raw 42704 after the target was marked). Into MariaDB they are refused by name.
/// </summary>
public sealed class PostgreSqlUserTypeCliTests() : SchemaFidelityCliTestBase("pg-user-types")
{
    private const string Setup = """
        CREATE TYPE pair AS (a int, b text);
        CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
        CREATE EXTENSION IF NOT EXISTS citext;
        CREATE TABLE ct (id int PRIMARY KEY, p pair, name text COLLATE ci, e citext);
        INSERT INTO ct VALUES (1, ROW(1, 'x,y'), 'Abc', 'Hello'), (2, NULL, 'abc', NULL), (3, ROW(NULL, ''), NULL, 'WORLD');
        """;

    // composite types over each other, a domain over one (created after it), an array of one, attribute collations
    // (a user one and a libc one whose LC_COLLATE and LC_CTYPE differ), and a name that needs quoting
    private const string Nested = """
        CREATE COLLATION "Mixed" (provider = libc, lc_collate = 'C', lc_ctype = 'C.UTF-8');
        CREATE TYPE "Outer" AS (p pair, tag text COLLATE "Mixed", n numeric(10,2), names text[] COLLATE ci);
        CREATE DOMAIN pos_pair AS pair CHECK ((VALUE).a > 0);
        CREATE TABLE nest (id int PRIMARY KEY, o "Outer", ps pair[], d pos_pair);
        INSERT INTO nest VALUES (1, ROW(ROW(7, 'q"uote'), 'Tag', 12.50, ARRAY['A', 'b c']), ARRAY[ROW(1, 'a')::pair, ROW(2, NULL)::pair], ROW(5, 'five')),
                                (2, NULL, '{}', NULL);
        """;

    private const string Relations = "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind <> 'c'";

    private const string Catalog = """
        SELECT t.typname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), coalesce(c.collname, '')
        FROM pg_type t JOIN pg_class r ON r.oid = t.typrelid AND r.relkind = 'c' JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0
        LEFT JOIN pg_collation c ON c.oid = a.attcollation AND a.attcollation <> 100 WHERE t.typnamespace = 'public'::regnamespace ORDER BY 1, 2;
        SELECT collname, collprovider, collisdeterministic, coalesce(collcollate, ''), coalesce(collctype, ''), coalesce(colliculocale, '')
        FROM pg_collation WHERE collnamespace = 'public'::regnamespace ORDER BY 1;
        SELECT typname, format_type(typbasetype, typtypmod) FROM pg_type WHERE typtype = 'd' AND typnamespace = 'public'::regnamespace ORDER BY 1
        """;

    private const string Rows = "SELECT id, p, (p).b, name, e, pg_typeof(e) FROM ct ORDER BY id; SELECT id, o, (o).p.b, ps, d FROM nest ORDER BY id";

    [Fact]
    public async Task Copy_restore_and_dump_apply_create_composite_types_and_collations_and_the_rows_arrive_unchanged()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Setup + Nested);
            var expectedCatalog = await EngineClient.RunAsync(source, Catalog);
            Assert.Contains("Outer|4|names|text[]|ci", expectedCatalog, StringComparison.Ordinal);
            Assert.Contains("Mixed|c|t|C|C.UTF-8|", expectedCatalog, StringComparison.Ordinal);
            Assert.Contains("ci|i|f|||und-u-ks-level2", expectedCatalog, StringComparison.Ordinal);
            var expectedRows = await EngineClient.RunAsync(source, Rows);
            Assert.Contains("1|(\"(7,\"\"q\"\"\"\"uote\"\")\",Tag,12.50,\"{A,\"\"b c\"\"}\")|q\"uote|{\"(1,a)\",\"(2,)\"}|(5,five)", expectedRows, StringComparison.Ordinal);
            var dump = await DumpAsync(source);
            Assert.Contains("\"composites\"", dump, StringComparison.Ordinal);
            Assert.Contains("\"collations\"", dump, StringComparison.Ordinal);

            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            var applied = await Db.NewAsync("postgresql");
            await Ok("--url", applied, "schema", "apply", await WriteAsync(dump));
            var expectedDump = await SchemaCorpusCliTests.CatalogAsync(source);
            foreach (var target in new[] { copied, restored, applied })
            {
                Assert.Equal(expectedCatalog, await EngineClient.RunAsync(target, Catalog));
                Assert.Equal(expectedDump, await SchemaCorpusCliTests.CatalogAsync(target));
                if (target != applied) Assert.Equal(expectedRows, await EngineClient.RunAsync(target, Rows));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");
            await Ok("--url", copied, "verify", "--against", source);

            // a composite type changed behind the tool's back is a difference, named; apply refuses to guess the change
            await EngineClient.RunScriptAsync(copied, "ALTER TYPE pair ADD ATTRIBUTE c int");
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", source);
            Assert.True(diff.ExitCode == 3, diff.All);
            Assert.Contains("change composite type pair: (a integer, b text, c integer) → (a integer, b text)", diff.All, StringComparison.Ordinal);
            var apply = await CliRunner.RunAsync("--url", copied, "schema", "apply", await WriteAsync(dump));
            Assert.True(apply.ExitCode == 4, apply.All);
            Assert.Contains("ALTER TYPE", apply.All, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_schema_file_without_the_types_is_refused_by_name_before_writing()
    {
        // a schema file made before composite types and collations were in the model: the table needs them, the
        // file does not create them (was PostgreSQL's raw 42704 after the plan had begun)
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Setup);
            var json = System.Text.Json.Nodes.JsonNode.Parse(await DumpAsync(source))!.AsObject();
            Assert.True(json.Remove("composites") && json.Remove("collations"), json.ToJsonString());
            var file = await WriteAsync(json.ToJsonString());
            var target = await Db.NewAsync("postgresql");
            foreach (var args in new[] { new[] { "--url", target, "schema", "apply", file }, ["--url", target, "schema", "apply", file, "--dry-run"] })
            {
                var r = await CliRunner.RunAsync(args);
                Assert.True(r.ExitCode == 4, r.All);
                Assert.DoesNotContain("42704", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
                Assert.Contains("ct.p (type pair): the database has no such type or collation", r.All, StringComparison.Ordinal);
                Assert.Contains("ct.name (collation ci)", r.All, StringComparison.Ordinal);
                Assert.Equal("0", await EngineClient.RunAsync(target, Relations));
            }
            var refused = await CliRunner.RunAsync("--json", "--url", target, "schema", "apply", file);
            Assert.True(refused.ExitCode == 4, refused.All);
            Assert.Equal("0|0", await EngineClient.RunAsync(target,
                "SELECT (SELECT count(*) FROM pg_type WHERE typname = 'pair'), (SELECT count(*) FROM pg_collation WHERE collname = 'ci')"));

            // made first (as a migration would), the table goes in on them; the file, which does not hold them, would
            // drop them: that is destructive and refused without --allow-drop, as for any object the file lacks
            await EngineClient.RunScriptAsync(target, "CREATE TYPE pair AS (a int, b text); CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);");
            var drops = await CliRunner.RunAsync("--url", target, "schema", "apply", file);
            Assert.True(drops.ExitCode == 4, drops.All);
            Assert.Contains("drop composite type pair (destructive: needs --allow-drop)", drops.All, StringComparison.Ordinal);
            Assert.Contains("drop collation ci (destructive: needs --allow-drop)", drops.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, Relations));
            await Ok("--url", target, "schema", "apply", await WriteAsync(await DumpAsync(source)));
            Assert.Equal("pair|ci", await EngineClient.RunAsync(target,
                "SELECT format_type(atttypid, NULL), (SELECT collname FROM pg_collation WHERE oid = (SELECT attcollation FROM pg_attribute WHERE attrelid = 'ct'::regclass AND attname = 'name')) " +
                "FROM pg_attribute WHERE attrelid = 'ct'::regclass AND attname = 'p'"));
        });
    }

    [Fact]
    public async Task Into_a_target_whose_same_named_type_differs_the_copy_is_refused_before_writing()
    {
        // the target has its own "pair" with other attributes: the copy would load rows into the wrong shape
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Setup);
            var target = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(target, "CREATE TYPE pair AS (x date)");
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
            Assert.True(r.ExitCode is 1 or 4, r.All);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            Assert.Contains("pair", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, Relations));
            Assert.Equal("x date", await EngineClient.RunAsync(target,
                "SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = (SELECT typrelid FROM pg_type WHERE typname = 'pair') AND attnum > 0"));
        });
    }

    [Fact]
    public async Task An_extension_type_column_brings_its_extension_through_copy_restore_and_dump_apply()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE EXTENSION IF NOT EXISTS citext; CREATE EXTENSION IF NOT EXISTS hstore; " +
                "CREATE TABLE x (id int PRIMARY KEY, e citext, tags citext[], h hstore); INSERT INTO x VALUES (1, 'Hello', ARRAY['A', 'b'], 'k=>v, \"a b\"=>NULL'), (2, NULL, NULL, NULL)");
            var dump = await DumpAsync(source);
            Assert.Contains("\"name\": \"citext\"", dump, StringComparison.Ordinal);
            Assert.Contains("\"name\": \"hstore\"", dump, StringComparison.Ordinal);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            const string Rows = "SELECT id, e, tags, h, pg_typeof(e), pg_typeof(h) FROM x ORDER BY id";
            var expected = await EngineClient.RunAsync(source, Rows);
            Assert.Equal("1|Hello|{A,b}|\"k\"=>\"v\", \"a b\"=>NULL|citext|hstore\n2||||citext|hstore", expected);
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(expected, await EngineClient.RunAsync(target, Rows));
                Assert.Equal("citext\nhstore", await EngineClient.RunAsync(target, "SELECT extname FROM pg_extension WHERE extname IN ('citext', 'hstore') ORDER BY 1"));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");
        });
    }

    [Fact]
    public async Task Into_mariadb_the_composite_and_extension_columns_are_refused_by_name_before_anything_is_written()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Setup);
            var maria = await Db.NewAsync("mysql");
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", maria);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("ct.p (pair), ct.e (citext)", r.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SHOW TABLES"));
        });
    }
}
