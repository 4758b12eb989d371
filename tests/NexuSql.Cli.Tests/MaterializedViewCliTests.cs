namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11, M13: PostgreSQL materialized views are carried PostgreSQL → PostgreSQL as pg_dump carries them —
/// created after the rows (so they hold the loaded tables' rows), populated or not as at the source, with their indexes,
/// in other schemas too, between the views they read and the views that read them; into SQLite and MariaDB they are named
/// among the views not created; a schema file with them applies twice converging, and drift sees one dropped. Each
/// target is read with the engine's own client.
/// </summary>
public sealed class MaterializedViewCliTests() : ValueFidelityCliTestBase("mview")
{
    // the last row is inserted after the views were made: the source's mv is stale, a copy's is computed from the rows it loads
    private const string Source = """
        CREATE TABLE t (id int PRIMARY KEY, v int);
        INSERT INTO t SELECT g, g * 10 FROM generate_series(1, 4) g;
        CREATE MATERIALIZED VIEW mv AS SELECT id, v * 2 AS w FROM t;
        CREATE UNIQUE INDEX mv_id ON mv (id);
        CREATE INDEX mv_w ON mv (w DESC);
        CREATE MATERIALIZED VIEW mv_empty AS SELECT id FROM t WITH NO DATA;
        CREATE VIEW over_mv AS SELECT w FROM mv WHERE w > 20;
        CREATE SCHEMA rep;
        CREATE MATERIALIZED VIEW rep.totals AS SELECT count(*) AS n, sum(w) AS s FROM mv;
        CREATE INDEX totals_n ON rep.totals (n);
        INSERT INTO t VALUES (5, 50);
        """;

    private static async Task AssertCarriedAsync(string target)
    {
        Assert.Equal("public|mv|t\npublic|mv_empty|f\nrep|totals|t",
            await EngineClient.RunAsync(target, "SELECT schemaname, matviewname, ispopulated FROM pg_matviews ORDER BY 1, 2"));
        Assert.Equal("1|20\n2|40\n3|60\n4|80\n5|100", await EngineClient.RunAsync(target, "SELECT * FROM mv ORDER BY id"));
        Assert.Equal("5|300", await EngineClient.RunAsync(target, "SELECT * FROM rep.totals"));
        Assert.Equal("40\n60\n80\n100", await EngineClient.RunAsync(target, "SELECT w FROM over_mv ORDER BY w"));
        Assert.Equal("public|mv_id|CREATE UNIQUE INDEX mv_id ON public.mv USING btree (id)\n" +
                     "public|mv_w|CREATE INDEX mv_w ON public.mv USING btree (w DESC)\n" +
                     "rep|totals_n|CREATE INDEX totals_n ON rep.totals USING btree (n)",
            await EngineClient.RunAsync(target, "SELECT schemaname, indexname, indexdef FROM pg_indexes WHERE tablename IN ('mv', 'totals') ORDER BY 2"));
        // the unique index serves REFRESH ... CONCURRENTLY; the unpopulated one fills on its first REFRESH
        await EngineClient.RunScriptAsync(target, "REFRESH MATERIALIZED VIEW CONCURRENTLY mv; REFRESH MATERIALIZED VIEW mv_empty;");
        Assert.Equal("5", await EngineClient.RunAsync(target, "SELECT count(*) FROM mv_empty"));
    }

    [Fact]
    public async Task Postgresql_materialized_views_are_copied_and_restored_with_their_rows_state_and_indexes()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Source);
            var (copied, restored) = await MoveAsync(source, "postgresql");
            await AssertCarriedAsync(copied);
            await AssertCarriedAsync(restored);

            // left out no longer, and the source untouched (still stale, still unpopulated)
            var json = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", await Db.NewAsync("postgresql"));
            Assert.True(json.ExitCode == 0, json.All);
            Assert.DoesNotContain(json.Json.GetProperty("leftOut").EnumerateArray(), x => x.GetString()!.Contains("materialized", StringComparison.Ordinal));
            Assert.Empty(json.Json.GetProperty("skippedViews").EnumerateArray());
            Assert.Equal("4|f", await EngineClient.RunAsync(source, "SELECT (SELECT count(*) FROM mv), (SELECT ispopulated FROM pg_matviews WHERE matviewname = 'mv_empty')"));

            // restore --clean drops them (DROP MATERIALIZED VIEW) and creates them again; reset drops them
            var file = Db.File("again.nxb");
            await Ok("--url", source, "backup", "-o", file);
            await Ok("--url", restored, "restore", file, "--clean", "--yes");
            await AssertCarriedAsync(restored);
            await Ok("--url", restored, "reset", "--yes");
            Assert.Equal("0", await EngineClient.RunAsync(restored, "SELECT count(*) FROM pg_class WHERE relkind IN ('m', 'v', 'r', 'i') AND relnamespace IN ('public'::regnamespace, 'rep'::regnamespace)"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("sqlite", "SQLite", "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")]
    [InlineData("mysql", "MySQL/MariaDB", "SHOW TABLES")]
    public async Task Postgresql_materialized_views_into_another_engine_are_named_among_the_views_not_created(string engine, string display, string tables)
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 10); " +
                "CREATE MATERIALIZED VIEW mv AS SELECT id, v * 2 AS w FROM t; CREATE INDEX mv_w ON mv (w); " +
                "CREATE MATERIALIZED VIEW mv_empty AS SELECT id FROM t WITH NO DATA; CREATE VIEW pv AS SELECT id FROM t");
            string[] expected = [$"mv (a materialized view: {display} has none)", $"mv_empty (a materialized view: {display} has none)", "pv"];

            var copied = await Db.NewAsync(engine);
            var copy = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", copied);
            Assert.True(copy.ExitCode == 0, copy.All);
            Assert.Equal(expected, copy.Json.GetProperty("skippedViews").EnumerateArray().Select(x => x.GetString()!));
            Assert.Equal("t", await EngineClient.RunAsync(copied, tables));
            Assert.Equal("1|10", await EngineClient.RunAsync(copied, "SELECT id, v FROM t"));

            var file = Db.File("mv.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restored = await Db.NewAsync(engine);
            var restore = await CliRunner.RunAsync("--json", "--url", restored, "restore", file);
            Assert.True(restore.ExitCode == 0, restore.All);
            Assert.Equal(expected, restore.Json.GetProperty("skippedViews").EnumerateArray().Select(x => x.GetString()!));
            Assert.Equal("t", await EngineClient.RunAsync(restored, tables));

            var text = await CliRunner.RunAsync("copy", "--from", source, "--to", await Db.NewAsync(engine));
            Assert.Contains($"Views not created (written for another engine, or using functions the target lacks — create them with a migration): mv (a materialized view: {display} has none)",
                text.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_schema_with_materialized_views_applies_twice_converging()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Source);
            var file = Db.File("schema.json");
            await Ok("--url", source, "schema", "dump", "-o", file);
            var json = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            foreach (var field in new[] { "\"materialized\": true", "\"withNoData\": true", "\"name\": \"mv_id\"", "\"schema\": \"rep\"" })
                Assert.Contains(field, json, StringComparison.Ordinal);

            var target = await Db.NewAsync("postgresql");
            await Ok("--url", target, "schema", "apply", file);
            Assert.Equal("public|mv|t\npublic|mv_empty|f\nrep|totals|t",
                await EngineClient.RunAsync(target, "SELECT schemaname, matviewname, ispopulated FROM pg_matviews ORDER BY 1, 2"));
            Assert.Equal("mv_id\nmv_w\ntotals_n", await EngineClient.RunAsync(target, "SELECT indexname FROM pg_indexes WHERE tablename IN ('mv', 'totals') ORDER BY 1"));
            var again = await CliRunner.RunAsync("--url", target, "schema", "apply", file);
            Assert.True(again.ExitCode == 0 && again.Stdout.Contains("No differences", StringComparison.Ordinal), again.All);
            var redump = Db.File("again.json");
            await Ok("--url", target, "schema", "dump", "-o", redump);
            Assert.Equal(json, await File.ReadAllTextAsync(redump, TestContext.Current.CancellationToken));

            // a hand-written file: created once, then nothing to do; a changed body recreates it and the view reading it
            var hand = Db.File("hand.json");
            await File.WriteAllTextAsync(hand, """
                { "tables": [ { "name": "t", "columns": [ { "name": "id", "type": "int32", "nullable": false } ], "primaryKey": { "columns": ["id"] } } ],
                  "views": [ { "name": "hv", "sql": "SELECT id FROM t", "materialized": true, "indexes": [ { "name": "hv_id", "columns": [ { "name": "id" } ], "unique": true } ] },
                             { "name": "over_hv", "sql": "SELECT id FROM hv" } ] }
                """, TestContext.Current.CancellationToken);
            var empty = await Db.NewAsync("postgresql");
            await Ok("--url", empty, "schema", "apply", hand);
            var twice = await CliRunner.RunAsync("--url", empty, "schema", "apply", hand);
            Assert.True(twice.ExitCode == 0 && twice.Stdout.Contains("No differences", StringComparison.Ordinal), twice.All);
            Assert.Equal("hv|t", await EngineClient.RunAsync(empty, "SELECT matviewname, ispopulated FROM pg_matviews"));
            Assert.Equal("hv_id", await EngineClient.RunAsync(empty, "SELECT indexname FROM pg_indexes WHERE tablename = 'hv'"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_drift_sees_a_materialized_view_or_its_index_missing()
    {
        try
        {
            var db = await Db.NewAsync("postgresql");
            var migrations = Db.File("mv-migrations");
            Directory.CreateDirectory(migrations);
            await File.WriteAllTextAsync(Path.Combine(migrations, "V1__mv.sql"),
                "CREATE TABLE t (id int PRIMARY KEY, v int);\nCREATE MATERIALIZED VIEW mv AS SELECT id, v * 2 AS w FROM t;\nCREATE INDEX mv_w ON mv (w);\n",
                TestContext.Current.CancellationToken);
            await Ok("--url", db, "migrate", "--locations", migrations);
            await Ok("--url", db, "verify", "--checks", "drift", "--locations", migrations);
            await EngineClient.RunAsync(db, "DROP INDEX mv_w");
            var index = await CliRunner.RunAsync("--url", db, "verify", "--checks", "drift", "--locations", migrations);
            Assert.True(index.ExitCode == 3, index.All);
            Assert.Contains("drop index mv_w on mv", index.All, StringComparison.Ordinal);
            await EngineClient.RunAsync(db, "DROP MATERIALIZED VIEW mv");
            var view = await CliRunner.RunAsync("--url", db, "verify", "--checks", "drift", "--locations", migrations);
            Assert.True(view.ExitCode == 3, view.All);
            Assert.Contains("drop materialized view mv", view.All, StringComparison.Ordinal);
            // a plain view of that name is not the materialized view the migrations make
            await EngineClient.RunAsync(db, "CREATE VIEW mv AS SELECT id, v * 2 AS w FROM t");
            var plain = await CliRunner.RunAsync("--url", db, "verify", "--checks", "drift", "--locations", migrations);
            Assert.True(plain.ExitCode == 3, plain.All);
            Assert.Contains("create view mv", plain.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
