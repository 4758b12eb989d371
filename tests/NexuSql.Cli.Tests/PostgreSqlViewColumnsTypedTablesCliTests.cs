namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 26: a PostgreSQL view column's DEFAULT (G40: an INSERT through the view's INSTEAD OF trigger then stored
/// other values) and comment (G1), and a typed table's link to its composite type (G39, <c>CREATE TABLE people OF
/// person</c>), were dropped by copy and backup → restore while verify said OK. Read back with psql from the catalogs.
/// </summary>
public sealed class PostgreSqlViewColumnsTypedTablesCliTests() : SchemaFidelityCliTestBase("pg-view-columns")
{
    private const string Seed = """
        CREATE TABLE t (id int PRIMARY KEY, v int);
        CREATE VIEW vt AS SELECT * FROM t;
        CREATE FUNCTION vti() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (new.id, new.v * 10); RETURN new; END $$;
        CREATE TRIGGER vt_ins INSTEAD OF INSERT ON vt FOR EACH ROW EXECUTE FUNCTION vti();
        ALTER VIEW vt ALTER COLUMN v SET DEFAULT 5;
        COMMENT ON COLUMN vt.v IS 'view col ''cmt''';
        CREATE VIEW plain_v AS SELECT id, v FROM t;
        ALTER VIEW plain_v ALTER COLUMN v SET DEFAULT 7;
        CREATE TYPE person AS (name text, age int);
        CREATE TABLE people OF person (PRIMARY KEY (name), age WITH OPTIONS DEFAULT 18);
        INSERT INTO people VALUES ('a', 5);
        """;

    private const string Shape =
        "SELECT c.relname || ':' || a.attname || '=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || '/' || coalesce(col_description(c.oid, a.attnum), '-') " +
        "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum " +
        "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'r') ORDER BY 1";

    private const string TypedTables = "SELECT relname || ' OF ' || reloftype::regtype FROM pg_class WHERE reloftype <> 0 ORDER BY 1";

    [Fact]
    public Task View_column_defaults_and_comments_and_typed_tables_arrive_and_are_compared() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, Seed);
        var shape = await EngineClient.RunAsync(source, Shape);
        Assert.Contains("vt:v=5/view col 'cmt'", shape, StringComparison.Ordinal);
        Assert.Equal("people OF person", await EngineClient.RunAsync(source, TypedTables));
        var (copied, restored, _) = await MoveAsync(source, "postgresql");
        foreach (var target in new[] { copied, restored })
        {
            Assert.Equal(shape, await EngineClient.RunAsync(target, Shape));
            Assert.Equal("people OF person", await EngineClient.RunAsync(target, TypedTables));
        }
        // an insert through each view leaving v out takes the view's default, as at the source
        foreach (var db in new[] { source, copied })
            await EngineClient.RunScriptAsync(db, "INSERT INTO vt (id) VALUES (1); INSERT INTO plain_v (id) VALUES (2);");
        Assert.Equal("1|50\n2|7", await EngineClient.RunAsync(copied, "SELECT id || '|' || v FROM t ORDER BY id"));
        await AssertDumpApplyConvergesAsync(source, "postgresql");

        // changed behind the tool's back: verify names each
        await EngineClient.RunScriptAsync(restored, "ALTER VIEW vt ALTER COLUMN v SET DEFAULT 6; COMMENT ON COLUMN vt.v IS NULL; ALTER TABLE people NOT OF;");
        var verify = await CliRunner.RunAsync("--url", restored, "verify", "--against", source, "--checks", "schema");
        Assert.True(verify.ExitCode == 3, verify.All);
        foreach (var finding in new[] { "table people: of type: none in the first database, 'person' in the second", "view vt: column defaults: v: '6' in the first database, '5' in the second",
                     "view vt: column comments:" })
            Assert.Contains(finding, verify.All, StringComparison.Ordinal);

        // into another engine each is named as not carried
        var lite = await Db.NewAsync("sqlite");
        var copy = await Ok("--json", "copy", "--from", source, "--to", lite, "--tables", "t,people");
        var skipped = string.Join("\n", Skipped(copy));
        Assert.Contains("table people is a typed table (OF person): SQLite has none; created as a table of its columns", skipped, StringComparison.Ordinal);
    });
}
