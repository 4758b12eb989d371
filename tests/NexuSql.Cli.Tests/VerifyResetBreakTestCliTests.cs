namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 19), F6, F10, F15, F17 and F18. F15: verify SQLite text → PostgreSQL inet /
/// interval / bit(4) / uuid said OK one way and "row differs" the other. F17: MariaDB INET6 vs VARCHAR "cannot be
/// compared". F10: a PostgreSQL numeric NaN against a MariaDB DOUBLE stopped verify before the other tables. F18: seed
/// called numeric 1.00 into 1.0 "unchanged" and never wrote it. F6: reset emptied or dropped only the current schema.
/// Each database is changed and read with the engine's own client.
/// </summary>
public sealed class VerifyResetBreakTestCliTests() : ValueFidelityCliTestBase("verify-reset-break")
{
    [Fact]
    public async Task Verify_of_text_against_engine_types_gives_the_same_answer_both_ways()
    {
        try
        {
            var lite = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(lite, "CREATE TABLE t (id integer PRIMARY KEY, ip text, iv text, u text, b text); " +
                "INSERT INTO t VALUES (1, '10.0.0.1', '1 day', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '1010'), (2, '::1', '24:00:00', NULL, '0001')");
            var pg = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(pg, "CREATE TABLE t (id int PRIMARY KEY, ip inet, iv interval, u uuid, b bit(4))");
            await Ok("copy", "--from", lite, "--to", pg, "--data-only");
            Assert.Equal("1|10.0.0.1|1 day|1010\n2|::1|24:00:00|0001", await EngineClient.RunAsync(pg, "SELECT id, ip, iv, b FROM t ORDER BY id"));
            // the data check: the schemas differ on purpose (a uuid column against a text one is the schema check's finding)
            await Ok("verify", "--url", pg, "--against", lite, "--checks", "data");
            await Ok("verify", "--url", lite, "--against", pg, "--checks", "data");
            var schema = await CliRunner.RunAsync("verify", "--url", pg, "--against", lite, "--checks", "schema");
            Assert.True(schema.ExitCode == 3, schema.All);
            Assert.Contains("table t: column u: type: 'uuid' in the first database, 'text' in the second", schema.All, StringComparison.Ordinal);

            await EngineClient.RunAsync(pg, "UPDATE t SET iv = '2 days', b = B'1111' WHERE id = 2");
            foreach (var (a, b) in new[] { (pg, lite), (lite, pg) })
            {
                var r = await CliRunner.RunAsync("verify", "--url", a, "--against", b, "--checks", "data");
                Assert.True(r.ExitCode == 3, r.All);
                Assert.Contains("id=2: row differs in iv, b", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("id=1", r.All, StringComparison.Ordinal);
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Session 21 break test F19: a PostgreSQL numeric against a MariaDB FLOAT, and a double against a FLOAT, gave a
    /// false difference one way and missed a real one the other (the float side was read with the other's type).
    /// </summary>
    [Fact]
    public async Task Verify_compares_a_float_with_a_decimal_or_a_wider_float_by_exact_value_in_both_directions()
    {
        try
        {
            var pg = await Db.NewAsync("postgresql");
            var maria = await Db.NewAsync("mysql");
            // MariaDB's FLOAT holds float32: 1234567.1 → 1234567.125, 0.1 → 0.100000001490116..., 16777217 → 16777216
            await EngineClient.RunScriptAsync(pg, "CREATE TABLE f (id int PRIMARY KEY, n numeric(12,3), d double precision); " +
                "INSERT INTO f VALUES (1, 1234567.1, 1234567.125), (2, 1234567.125, 0.10000000149011612), (3, 0.1, 2.5), (4, 16777217, 16777216)");
            await EngineClient.RunScriptAsync(maria, "CREATE TABLE f (id int PRIMARY KEY, n float, d float); " +
                "INSERT INTO f VALUES (1, 1234567.1, 1234567.1), (2, 1234567.1, 0.1), (3, 0.1, 2.5), (4, 16777217, 16777217)");
            Assert.Equal("1|1234567.125|1234567.125\n3|0.10000000149011612|2.5\n4|16777216|16777216",
                await EngineClient.RunAsync(maria, "SELECT id, CAST(n AS DOUBLE), CAST(d AS DOUBLE) FROM f WHERE id <> 2 ORDER BY id"));
            foreach (var (a, b) in new[] { (pg, maria), (maria, pg) })
            {
                var r = await CliRunner.RunAsync("verify", "--url", a, "--against", b, "--tables", "f");
                Assert.True(r.ExitCode == 3, r.All);
                // n: 1234567.1, 0.1 and 16777217 are not what the FLOAT holds; d is the same number on every row
                Assert.Contains("id=1: row differs in n\n", r.All + "\n", StringComparison.Ordinal);
                Assert.Contains("id=3: row differs in n\n", r.All + "\n", StringComparison.Ordinal);
                Assert.Contains("id=4: row differs in n\n", r.All + "\n", StringComparison.Ordinal);
                Assert.DoesNotContain("id=2", r.All, StringComparison.Ordinal);
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Session 21 break test F2: a SQLite REAL infinity in a NUMERIC column arrived in PostgreSQL's numeric as Infinity,
    /// and the after-check failed (the float hashed otherwise than PostgreSQL's "Infinity"), the target left marked.
    /// </summary>
    [Fact]
    public async Task A_sqlite_infinity_in_a_numeric_column_copies_to_postgresql_and_verifies_equal_until_it_changes()
    {
        try
        {
            var lite = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(lite, "CREATE TABLE v (id integer PRIMARY KEY, n NUMERIC); INSERT INTO v VALUES (1, 1e400), (2, 5), (3, -1e400)");
            var pg = await Db.NewAsync("postgresql");
            await Ok("copy", "--from", lite, "--to", pg);
            Assert.Equal("1|Infinity\n2|5\n3|-Infinity", await EngineClient.RunAsync(pg, "SELECT id, n::text FROM v ORDER BY id"));
            await Ok("verify", "--url", pg, "--against", lite);
            await Ok("verify", "--url", lite, "--against", pg);
            await EngineClient.RunAsync(pg, "UPDATE v SET n = 7 WHERE id = 1");
            var r = await CliRunner.RunAsync("verify", "--url", lite, "--against", pg);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("id=1: row differs in n", r.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>Session 21 break test F21: an int key against a text key was an InvalidCastException ("internal") in one order.</summary>
    [Fact]
    public async Task Verify_of_an_int_key_against_a_text_key_reports_the_table_in_both_orders()
    {
        try
        {
            var pg = await Db.NewAsync("postgresql");
            var lite = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(pg, "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'x'); CREATE TABLE same (id int PRIMARY KEY); INSERT INTO same VALUES (1)");
            await EngineClient.RunScriptAsync(lite, "CREATE TABLE t (id varchar(10) PRIMARY KEY, v text); INSERT INTO t VALUES ('a', 'x'); CREATE TABLE same (id integer PRIMARY KEY); INSERT INTO same VALUES (2)");
            var r = await CliRunner.RunAsync("--json", "verify", "--url", pg, "--against", lite);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("key column id is INTEGER in the first database, varchar(10) in the second: rows cannot be matched by key", r.Stdout, StringComparison.Ordinal);
            // the other tables are still compared
            Assert.Contains("same", r.Stdout, StringComparison.Ordinal);
            Assert.Contains("id=2", r.Stdout, StringComparison.Ordinal);
            var back = await CliRunner.RunAsync("verify", "--url", lite, "--against", pg);
            Assert.True(back.ExitCode == 3, back.All);
            Assert.DoesNotContain("internal", back.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Verify_compares_mariadb_inet6_with_text_and_reports_an_unreadable_table_without_stopping()
    {
        try
        {
            var a = await Db.NewAsync("mysql");
            var b = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(a, "CREATE TABLE h (id int PRIMARY KEY, ip INET6); INSERT INTO h VALUES (1, '2001:db8::1'), (2, '::ffff:1.2.3.4')");
            await EngineClient.RunScriptAsync(b, "CREATE TABLE h (id int PRIMARY KEY, ip VARCHAR(50)); INSERT INTO h VALUES (1, '2001:db8::1'), (2, '::ffff:1.2.3.4')");
            // the data check (the schema check names the two types: INET6 is not VARCHAR(50))
            await Ok("verify", "--url", a, "--against", b, "--checks", "data");
            await EngineClient.RunAsync(b, "UPDATE h SET ip = '2001:DB8::1' WHERE id = 1");
            var r = await CliRunner.RunAsync("verify", "--url", a, "--against", b, "--checks", "data");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("id=1: row differs in ip", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("cannot be compared", r.All, StringComparison.Ordinal);

            // numeric NaN against a DOUBLE: each side read with its own type (break test F19), compared by value, the next table too
            var pg = await Db.NewAsync("postgresql");
            var my = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(pg, "CREATE TABLE a_nan (id int PRIMARY KEY, n numeric(30,10)); INSERT INTO a_nan VALUES (5, 'NaN'); " +
                "CREATE TABLE z_next (id int PRIMARY KEY, v int); INSERT INTO z_next VALUES (1, 1)");
            await EngineClient.RunScriptAsync(my, "CREATE TABLE a_nan (id int PRIMARY KEY, n DOUBLE); INSERT INTO a_nan VALUES (5, 1.5); CREATE TABLE z_next (id int PRIMARY KEY, v int); INSERT INTO z_next VALUES (1, 2)");
            r = await CliRunner.RunAsync("verify", "--url", my, "--against", pg);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("a_nan: id=5: row differs in n", r.All, StringComparison.Ordinal);
            Assert.Contains("z_next: id=1: row differs in v", r.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Seed_writes_a_numeric_of_another_scale_and_reset_covers_every_schema()
    {
        try
        {
            var pg = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(pg, "CREATE TABLE nv (id int PRIMARY KEY, v numeric, w numeric(10,2)); INSERT INTO nv VALUES (1, 1.0, 1.00)");
            var dir = Directory.CreateDirectory(Db.File("seed")).FullName;
            await File.WriteAllTextAsync(Path.Combine(dir, "nv.csv"), "id,v,w\n1,1.00,1.0\n", TestContext.Current.CancellationToken);
            Assert.Contains("0 inserted, 1 updated", (await Ok("--url", pg, "seed", "--folder", dir)).All, StringComparison.Ordinal);
            Assert.Equal("1.00|1.00", await EngineClient.RunAsync(pg, "SELECT v, w FROM nv"));
            Assert.Contains("0 inserted, 0 updated, 1 unchanged", (await Ok("--url", pg, "seed", "--folder", dir)).All, StringComparison.Ordinal);

            await EngineClient.RunScriptAsync(pg, "CREATE TABLE base (id int PRIMARY KEY); INSERT INTO base SELECT generate_series(1, 100); " +
                "CREATE SCHEMA other; CREATE TABLE other.t2 (id int PRIMARY KEY); INSERT INTO other.t2 VALUES (1); " +
                "CREATE MATERIALIZED VIEW other.mvo AS SELECT count(*) AS n FROM public.base; CREATE VIEW other.v AS SELECT id FROM other.t2");
            await Ok("--url", pg, "--yes", "reset", "--data-only");
            Assert.Equal("0|0|0|0", await EngineClient.RunAsync(pg, "SELECT (SELECT count(*) FROM other.t2), (SELECT n FROM other.mvo), (SELECT count(*) FROM base), (SELECT count(*) FROM nv)"));
            await Ok("--url", pg, "--yes", "reset");
            Assert.Equal("0|0|0", await EngineClient.RunAsync(pg,
                "SELECT (SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'other') AND tablename NOT LIKE 'nexusql%'), (SELECT count(*) FROM pg_views WHERE schemaname = 'other'), (SELECT count(*) FROM pg_matviews)"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
