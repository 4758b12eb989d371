namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 18). M11: <c>copy --data-only</c> into a PostgreSQL target that has materialized
/// views left them empty (made by <c>copy --schema-only</c>) or stale, and <c>reset --data-only</c> left a populated one
/// holding the rows of the emptied tables; populated ones are now refreshed after the rows, as pg_dump's data-only
/// output does. L3: a materialized view whose query fails on the copied rows (a division by zero the source's stale
/// rows never met) was dropped with a hint about other engines; it is now created WITH NO DATA and named with the error.
/// Each target is read with psql.
/// </summary>
public sealed class MaterializedViewDataCliTests() : ValueFidelityCliTestBase("mview-data")
{
    [Fact]
    public async Task A_data_only_copy_and_a_data_only_reset_refresh_the_populated_materialized_views()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE t (id int PRIMARY KEY, v int);
                INSERT INTO t SELECT g, g FROM generate_series(1, 100) g;
                CREATE MATERIALIZED VIEW mv AS SELECT id, v * 2 AS w FROM t WHERE id > 10;
                CREATE MATERIALIZED VIEW mv_sum AS SELECT count(*) AS n, sum(w) AS s FROM mv;
                CREATE MATERIALIZED VIEW mv_empty AS SELECT id FROM t WITH NO DATA;
                """);
            var target = await Db.NewAsync("postgresql");
            await Ok("copy", "--schema-only", "--from", source, "--to", target);
            Assert.Equal("0|0", await EngineClient.RunAsync(target, "SELECT (SELECT count(*) FROM mv), (SELECT n FROM mv_sum)"));
            await Ok("copy", "--data-only", "--from", source, "--to", target);
            // mv_sum reads mv: refreshed after it; the unpopulated one stays unpopulated
            Assert.Equal("90|90|9990", await EngineClient.RunAsync(target, "SELECT (SELECT count(*) FROM mv), n, s FROM mv_sum"));
            Assert.Equal("f", await EngineClient.RunAsync(target, "SELECT ispopulated FROM pg_matviews WHERE matviewname = 'mv_empty'"));
            await Ok("--url", target, "verify", "--against", source);

            await Ok("--url", target, "reset", "--data-only", "--yes");
            Assert.Equal("0|0|0", await EngineClient.RunAsync(target, "SELECT (SELECT count(*) FROM t), (SELECT count(*) FROM mv), (SELECT n FROM mv_sum)"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_materialized_view_whose_query_fails_on_the_copied_rows_is_created_with_no_data_and_named()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE t (id int PRIMARY KEY, v int);
                INSERT INTO t VALUES (1, 5);
                CREATE MATERIALIZED VIEW mvd AS SELECT id, 100 / v AS q FROM t;
                CREATE UNIQUE INDEX mvd_id ON mvd (id);
                INSERT INTO t VALUES (2, 0);
                """);
            var target = await Db.NewAsync("postgresql");
            var r = await Ok("--json", "copy", "--from", source, "--to", target);
            Assert.Empty(r.Json.GetProperty("skippedViews").EnumerateArray());
            var warning = Assert.Single(r.Json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("mvd", StringComparison.Ordinal)).GetString()!;
            Assert.Contains("materialized view mvd: created WITH NO DATA, its query fails on the rows loaded", warning, StringComparison.Ordinal);
            Assert.Contains("22012", warning, StringComparison.Ordinal);
            Assert.Equal("mvd|f", await EngineClient.RunAsync(target, "SELECT matviewname, ispopulated FROM pg_matviews"));
            Assert.Equal("CREATE UNIQUE INDEX mvd_id ON public.mvd USING btree (id)", await EngineClient.RunAsync(target, "SELECT indexdef FROM pg_indexes WHERE indexname = 'mvd_id'"));
            // once the row is fixed, the view is the source's query over the copied rows
            await EngineClient.RunScriptAsync(target, "UPDATE t SET v = 4 WHERE id = 2; REFRESH MATERIALIZED VIEW mvd;");
            Assert.Equal("1|20\n2|25", await EngineClient.RunAsync(target, "SELECT * FROM mvd ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
