namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test F10: a PostgreSQL column of a composite type, of an extension's type (citext) or with a collation made by
/// CREATE COLLATION cannot be created in a target that lacks them: copy and restore refuse by table, column and type
/// before anything is written (was a raw 42704 after the target was marked); once the target has them, the rows move
/// unchanged. Into MariaDB they are refused by name before anything is written.
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

    private const string Relations = "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace";

    private static void AssertRefused(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 4, r.All);
        Assert.DoesNotContain("42704", r.All, StringComparison.Ordinal);
        Assert.Contains("ct.p (type pair), ct.name (collation ci); nothing was written", r.All, StringComparison.Ordinal);
        Assert.Contains("--data-only", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_and_restore_refuse_missing_types_and_collations_by_name_before_writing_and_move_the_rows_once_they_exist()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Setup);
            var target = await Db.NewAsync("postgresql");
            AssertRefused(await CliRunner.RunAsync("copy", "--from", source, "--to", target));
            Assert.Equal("0", await EngineClient.RunAsync(target, Relations));
            var file = Db.File("types.nxb");
            await Ok("--url", source, "backup", "-o", file);
            AssertRefused(await CliRunner.RunAsync("--url", target, "restore", file));
            Assert.Equal("0", await EngineClient.RunAsync(target, Relations));

            // made in the target first (as a migration would), the same copy and restore go through unchanged
            // (the extension citext is created by the copy and the restore themselves)
            const string Prerequisites = "CREATE TYPE pair AS (a int, b text); CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);";
            await EngineClient.RunScriptAsync(target, Prerequisites);
            var restored = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(restored, Prerequisites);
            await Ok("copy", "--from", source, "--to", target);
            await Ok("--url", restored, "restore", file);
            const string Rows = "SELECT id, p, (p).b, name, e, pg_typeof(e), (SELECT collation_name FROM information_schema.columns WHERE table_name = 'ct' AND column_name = 'name') FROM ct ORDER BY id";
            var expected = await EngineClient.RunAsync(source, Rows);
            Assert.Equal("1|(1,\"x,y\")|x,y|Abc|Hello|citext|ci\n2|||abc||citext|ci\n3|(,\"\")|||WORLD|citext|ci", expected);
            Assert.Equal(expected, await EngineClient.RunAsync(target, Rows));
            Assert.Equal(expected, await EngineClient.RunAsync(restored, Rows));
        });
    }

    [Fact]
    public async Task Schema_apply_refuses_a_missing_composite_type_and_collation_by_name_before_changing_anything()
    {
        // schema apply ran the plan and stopped at PostgreSQL's raw 42704 ("type pair does not exist")
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Setup);
            var file = await WriteAsync(await DumpAsync(source));
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
            var json = await CliRunner.RunAsync("--json", "--url", target, "schema", "apply", file);
            Assert.True(json.ExitCode == 4, json.All);
            Assert.Equal("0|0", await EngineClient.RunAsync(target,
                "SELECT (SELECT count(*) FROM pg_type WHERE typname = 'pair'), (SELECT count(*) FROM pg_collation WHERE collname = 'ci')"));

            // made first (as a migration would), the same apply creates the table on them
            await EngineClient.RunScriptAsync(target, "CREATE TYPE pair AS (a int, b text); CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);");
            await Ok("--url", target, "schema", "apply", file);
            Assert.Equal("pair|ci", await EngineClient.RunAsync(target,
                "SELECT format_type(atttypid, NULL), (SELECT collname FROM pg_collation WHERE oid = (SELECT attcollation FROM pg_attribute WHERE attrelid = 'ct'::regclass AND attname = 'name')) " +
                "FROM pg_attribute WHERE attrelid = 'ct'::regclass AND attname = 'p'"));
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
