namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 32's partition findings: verify <c>--tables</c> of a partitioned table (F20), a replace of one partition
/// that dropped a staying table's foreign key (F9), a partition in another schema (F19), and restore --clean with a
/// selection (F27), and other findings of it fixed here (F4, F10, F22, a data-only resume). Each side is read with
/// psql.
/// </summary>
public sealed class BreakTest32CliTests() : ValueFidelityCliTestBase("bt32")
{
    /// <summary>
    /// F20: <c>verify --against --tables h</c> between two PostgreSQL databases, h partitioned (a partition of it
    /// sub-partitioned): h is compared with the rows <c>SELECT * FROM h</c> gives on each side — a partition detached in
    /// the second and a changed row are reported (was: "h: 0 rows", OK); naming a partition compares that one alone.
    /// </summary>
    [Fact]
    public Task Verify_tables_of_a_partitioned_table_compares_the_rows_its_partitions_hold_on_each_side() => LiveAsync(async () =>
    {
        var first = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(first, """
            CREATE TABLE h (id int, k int, s text, PRIMARY KEY (id, k)) PARTITION BY RANGE (k);
            CREATE TABLE h1 PARTITION OF h FOR VALUES FROM (0) TO (10);
            CREATE TABLE h2 PARTITION OF h FOR VALUES FROM (10) TO (20) PARTITION BY HASH (id);
            CREATE TABLE h2a PARTITION OF h2 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
            CREATE TABLE h2b PARTITION OF h2 FOR VALUES WITH (MODULUS 2, REMAINDER 1);
            INSERT INTO h SELECT g, g % 20, 's' || g FROM generate_series(1, 50) g;
            """);
        var second = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", first, "--to", second);
        await Ok("--url", first, "verify", "--against", second, "--tables", "h");
        await EngineClient.RunScriptAsync(second, "ALTER TABLE h DETACH PARTITION h2; UPDATE h SET s = 'CHANGED' WHERE id = 1;");
        Assert.Equal("50|29", await EngineClient.RunAsync(first, "SELECT count(*) FROM h") + "|" + await EngineClient.RunAsync(second, "SELECT count(*) FROM h"));

        var r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--tables", "h", "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        foreach (var expected in new[] { "[data] h: 50 rows in the first, 29 in the second", "[data] h: id=1, k=1: row differs in s", "[data] h: id=10, k=10: row only in the first database" })
            Assert.Contains(expected, r.All, StringComparison.Ordinal);
        // the other way round, the detached rows are the second's
        r = await CliRunner.RunAsync("--url", second, "verify", "--against", first, "--tables", "h", "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("[data] h: id=10, k=10: row only in the second database", r.All, StringComparison.Ordinal);
        // a partition named with its table is compared by itself: h2's rows are the same in both (detached, not changed)
        r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--tables", "h2", "--checks", "data");
        Assert.True(r.ExitCode == 0, r.All);
        r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--tables", "h,h1", "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("[data] h1: id=1, k=1: row differs in s", r.All, StringComparison.Ordinal);

        // F10: against a plain h of the same rows (as a copy through MariaDB or SQLite makes it), either way round, the
        // rows are the same (was: "h: 0 rows in the first, 50 in the second", every row "only in the second database")
        var plain = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(plain, "CREATE TABLE h (id int, k int, s text, PRIMARY KEY (id, k)); INSERT INTO h SELECT g, g % 20, 's' || g FROM generate_series(1, 50) g;");
        foreach (var (x, y) in new[] { (first, plain), (plain, first) })
        {
            r = await CliRunner.RunAsync("--url", x, "verify", "--against", y, "--checks", "data");
            Assert.True(r.ExitCode == 0, r.All);
            Assert.DoesNotContain("only in", r.All, StringComparison.Ordinal);
        }
        await EngineClient.RunScriptAsync(plain, "DELETE FROM h WHERE id = 17;");
        r = await CliRunner.RunAsync("--url", plain, "verify", "--against", first, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("[data] h: id=17, k=17: row only in the second database", r.All, StringComparison.Ordinal);
    });

    /// <summary>
    /// F9: <c>restore --tables meas_2024 --replace</c> where a table that stays (obs) has a foreign key to the partitioned
    /// meas is refused before anything changes, naming the key (PostgreSQL drops the whole key with the partition: rows
    /// were left dangling, verify OK). With obs among the tables it runs, the key is there again, and a partition attached
    /// with its own column order keeps it (was: the parent's order).
    /// </summary>
    [Fact]
    public Task Replacing_a_partition_is_refused_where_a_staying_table_references_its_partitioned_table() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE meas (id int, d date, region text, v int, PRIMARY KEY (id, d)) PARTITION BY RANGE (d);
            CREATE TABLE meas_2023 (region text, v int, d date NOT NULL, id int NOT NULL);
            ALTER TABLE meas ATTACH PARTITION meas_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
            CREATE TABLE meas_2024 PARTITION OF meas FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE obs (oid serial PRIMARY KEY, mid int, md date, note text, CONSTRAINT obs_meas_fk FOREIGN KEY (mid, md) REFERENCES meas (id, d));
            INSERT INTO meas VALUES (1, '2023-05-05', 'eu', 1), (2, '2024-05-05', 'us', 2);
            INSERT INTO obs (mid, md, note) VALUES (1, '2023-05-05', 'a'), (2, '2024-05-05', 'b');
            """);
        var file = Db.File("meas.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var target = await Db.NewAsync("postgresql");
        await Ok("--url", target, "restore", file);
        await EngineClient.RunScriptAsync(target, "INSERT INTO meas VALUES (7, '2024-06-06', 'eu', 7); INSERT INTO obs (mid, md, note) VALUES (7, '2024-06-06', 'new');");
        const string keys = "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE contype = 'f' AND conparentid = 0";
        const string rows = "SELECT (SELECT string_agg(id || ' ' || d, ',' ORDER BY id) FROM meas) || '|' || (SELECT string_agg(mid || ' ' || note, ',' ORDER BY oid) FROM obs)";
        var before = await EngineClient.RunAsync(target, rows);

        var r = await CliRunner.RunAsync("--yes", "--url", target, "restore", file, "--tables", "meas_2024", "--replace");
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("Nothing was changed", r.All, StringComparison.Ordinal);
        Assert.Contains("table obs has foreign key obs_meas_fk (mid, md) to meas, whose partition meas_2024 is to be replaced", r.All, StringComparison.Ordinal);
        Assert.Equal("obs_meas_fk", await EngineClient.RunAsync(target, keys));
        Assert.Equal(before, await EngineClient.RunAsync(target, rows));
        // F27: --clean with --tables (or --schemas) dropped every table of the target and restored the selection: refused
        foreach (var selection in new[] { new[] { "--tables", "obs" }, ["--schemas", "public"] })
        {
            string[] args = ["--yes", "--url", target, "restore", file, "--clean", .. selection];
            r = await CliRunner.RunAsync(args);
            Assert.True(r.ExitCode == 2, r.All);
            Assert.Contains("--tables ... --replace", r.All, StringComparison.Ordinal);
        }
        Assert.Equal(before, await EngineClient.RunAsync(target, rows));

        await Ok("--yes", "--url", target, "restore", file, "--tables", "meas_2023,meas_2024,obs", "--replace");
        Assert.Equal("obs_meas_fk", await EngineClient.RunAsync(target, keys));
        Assert.Equal(await EngineClient.RunAsync(source, rows), await EngineClient.RunAsync(target, rows));
        const string order = "SELECT string_agg(attname, ',' ORDER BY attnum) || ' ' || (SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'meas_2023') " +
                             "FROM pg_attribute WHERE attrelid = 'meas_2023'::regclass AND attnum > 0 AND NOT attisdropped";
        Assert.Equal(await EngineClient.RunAsync(source, order), await EngineClient.RunAsync(target, order));
    });

    /// <summary>
    /// F19: a partitioned table with a partition in another schema, and an inheritance parent with a child in another
    /// schema, are refused by name by copy (into PostgreSQL and SQLite) and backup before anything is written (was: the
    /// parent arrived without those rows, "counts and hashes match"); a table left without them by --tables goes.
    /// </summary>
    [Fact]
    public Task A_parent_with_a_partition_or_child_in_another_schema_is_refused_by_copy_and_backup() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE SCHEMA archive;
            CREATE TABLE ev (id int, y int, PRIMARY KEY (id, y)) PARTITION BY RANGE (y);
            CREATE TABLE ev_new PARTITION OF ev FOR VALUES FROM (2024) TO (2100);
            CREATE TABLE archive.ev_old PARTITION OF ev FOR VALUES FROM (1900) TO (2024);
            INSERT INTO ev SELECT g, 2000 + g % 50 FROM generate_series(1, 100) g;
            CREATE SCHEMA hist;
            CREATE TABLE logs (id int, msg text);
            CREATE TABLE hist.logs_2020 () INHERITS (logs);
            CREATE TABLE other (id int PRIMARY KEY);
            INSERT INTO other VALUES (1);
            """);
        var pg = await Db.NewAsync("postgresql");
        var lite = await Db.NewAsync("sqlite");
        var file = Db.File("ev.nxb");
        foreach (var args in new[] { new[] { "copy", "--from", source, "--to", pg }, ["copy", "--from", source, "--to", lite, "--schemas", "public"], ["--url", source, "backup", "-o", file] })
        {
            var r = await CliRunner.RunAsync(args);
            Assert.True(r.ExitCode == 4, r.All);
            foreach (var named in new[] { "table ev has partitions in another schema: archive.ev_old", "table logs has inheritance children in another schema: hist.logs_2020", "Nothing was written" })
                Assert.Contains(named, r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(file));
        Assert.Equal("0", await EngineClient.RunAsync(pg, "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"));
        await Ok("copy", "--from", source, "--to", pg, "--tables", "other,ev_new");
        Assert.Equal("1|52", await EngineClient.RunAsync(pg, "SELECT (SELECT count(*) FROM other) || '|' || (SELECT count(*) FROM ev_new)"));
    });

    /// <summary>
    /// F4: two PostgreSQL databases whose enum column has differently named types of the same labels (mood, and the e_m a
    /// round trip through MariaDB makes) compare the column by label: equal rows are OK, a changed label is reported
    /// (was: "its values cannot be compared", OK).
    /// </summary>
    [Fact]
    public Task Enum_columns_of_differently_named_types_are_compared_by_label() => LiveAsync(async () =>
    {
        var first = await Db.NewAsync("postgresql");
        var second = await Db.NewAsync("postgresql");
        foreach (var (db, type) in new[] { (first, "mood"), (second, "e_m") })
            await EngineClient.RunScriptAsync(db, $"""
                CREATE TYPE {type} AS ENUM ('sad', 'ok', 'SS');
                CREATE TABLE e (id int PRIMARY KEY, m {type});
                INSERT INTO e VALUES (1, 'sad'), (2, 'ok'), (3, NULL);
                """);
        var r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 0, r.All);
        Assert.DoesNotContain("cannot be compared", r.All, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(second, "UPDATE e SET m = 'SS' WHERE id = 2;");
        Assert.Equal("ok|SS", await EngineClient.RunAsync(first, "SELECT m FROM e WHERE id = 2") + "|" + await EngineClient.RunAsync(second, "SELECT m FROM e WHERE id = 2"));
        r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("[data] e: id=2: row differs in m", r.All, StringComparison.Ordinal);
    });

    /// <summary>
    /// A <c>copy --data-only</c> killed after its first table resumes: the trial load that asks the target's own
    /// constraints leaves out the tables the interrupted run kept (loaded again, their rows were each "a duplicate"
    /// under the key: the resume could never finish, helper h91's finding); every row arrives once.
    /// </summary>
    [Fact]
    public Task A_data_only_copy_killed_after_its_first_table_resumes() => LiveAsync(async () =>
    {
        var ct = TestContext.Current.CancellationToken;
        var source = await Db.NewAsync("postgresql");
        const string tables = """
            CREATE TABLE a (id int PRIMARY KEY, v int CHECK (v > 0));
            CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));
            """;
        await EngineClient.RunScriptAsync(source, tables + "INSERT INTO a SELECT g, g FROM generate_series(1, 20) g; INSERT INTO b SELECT g, g FROM generate_series(1, 20) g;");
        var target = await Db.NewAsync("postgresql");
        // b's rows take 0.3 s each to write in the target (a check: the load's triggers are off): the copy is killed while it loads b
        await EngineClient.RunScriptAsync(target, tables + """
            CREATE FUNCTION slow_ok(int) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.3); RETURN true; END $$;
            ALTER TABLE b ADD CONSTRAINT b_slow CHECK (slow_ok(id));
            """);
        using var copy = CliRunner.Start("copy", "--data-only", "--from", source, "--to", target);
        await CliRunner.WaitUntilAsync(() => EngineClient.RunAsync(target, "SELECT count(*) FROM pg_tables WHERE tablename = 'nexusql_copy_incomplete'").Result == "1"
            && EngineClient.RunAsync(target, "SELECT count(*) FROM nexusql_copy_incomplete WHERE step LIKE 'copied %'").Result == "1", copy, "table a to be copied");
        copy.Kill(entireProcessTree: true);
        await copy.WaitForExitAsync(ct);
        Assert.Equal("20|0", await EngineClient.RunAsync(target, "SELECT (SELECT count(*) FROM a) || '|' || (SELECT count(*) FROM b)"));

        await EngineClient.RunScriptAsync(target, "ALTER TABLE b DROP CONSTRAINT b_slow;");
        await Ok("copy", "--data-only", "--resume", "--from", source, "--to", target);
        const string rows = "SELECT (SELECT count(*) || ' ' || sum(v) FROM a) || '|' || (SELECT count(*) || ' ' || sum(a_id) FROM b) || '|' || to_regclass('nexusql_copy_incomplete') IS NULL";
        Assert.Equal(await EngineClient.RunAsync(source, rows), await EngineClient.RunAsync(target, rows));
    });

    /// <summary>
    /// F22: a JSON boolean into an integer column is rejected by column and row, as into a decimal or float one (it went
    /// in as 1 / 0, "inserted"); a boolean column takes it (MariaDB's TINYINT(1) too).
    /// </summary>
    [Fact]
    public Task A_json_boolean_is_refused_for_an_integer_column() => LiveAsync(async () =>
    {
        var dir = Directory.CreateDirectory(Db.File("bools")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "n.json"), """[{"id": 1, "i": true}, {"id": 2, "s": false}, {"id": 3, "i": 5, "b": true}]""", TestContext.Current.CancellationToken);
        foreach (var engine in new[] { "postgresql", "mysql" })
        {
            var db = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(db, "CREATE TABLE n (id int PRIMARY KEY, i int, s smallint, b boolean);");
            var r = await CliRunner.RunAsync("--url", db, "import", dir);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("item 1: column i, row id=1: the boolean true is not an int32 value", r.All, StringComparison.Ordinal);
            Assert.Contains("item 2: column s, row id=2: the boolean false is not an int16 value", r.All, StringComparison.Ordinal);
            Assert.Equal(engine == "mysql" ? "3|5|1" : "3|5|t", await EngineClient.RunAsync(db, "SELECT id, i, b FROM n ORDER BY id"));
        }
    });
}
