namespace NexuSql.Cli.Tests;

/// <summary>
/// Rows written into an existing PostgreSQL table whose rows NexuSQL does not move as tables of their own: a partitioned
/// table import and seed write into (bt32 F23), one a <c>--data-only</c> copy from MariaDB or SQLite loads (F25), and a
/// GENERATED ALWAYS identity a <c>--data-only</c> copy writes (F12). Each side is read with the engine's own client.
/// </summary>
public sealed class PartitionedTargetCliTests() : ValueFidelityCliTestBase("ptgt")
{
    private static (int Inserted, int Skipped) Imported(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.All);
        var file = r.Json.GetProperty("files")[0];
        return (file.GetProperty("inserted").GetInt32(), file.GetProperty("skipped").GetInt32());
    }

    /// <summary>
    /// F23: the same import twice into a partitioned table (by <c>--key</c>, and by its primary key) inserts nothing the
    /// second time ("skipped (already there)", as --dry-run says too), and a second seed with a changed value updates the row.
    /// </summary>
    [Fact]
    public Task Import_and_seed_into_a_postgresql_partitioned_table_find_the_rows_already_there() => LiveAsync(async () =>
    {
        var db = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(db, """
            CREATE TABLE ev2 (ts date NOT NULL, email text, note text) PARTITION BY RANGE (ts);
            CREATE TABLE ev2_a PARTITION OF ev2 FOR VALUES FROM ('2000-01-01') TO ('2100-01-01');
            CREATE TABLE t (id int, k int, s text, extra numeric, PRIMARY KEY (id, k)) PARTITION BY RANGE (k);
            CREATE TABLE t_1 PARTITION OF t FOR VALUES FROM (0) TO (10);
            CREATE TABLE t_2 PARTITION OF t FOR VALUES FROM (10) TO (20);
            """);
        var ct = TestContext.Current.CancellationToken;
        var byKey = Directory.CreateDirectory(Db.File("imp-key")).FullName;
        await File.WriteAllTextAsync(Path.Combine(byKey, "ev2.csv"), "ts,email,note\n2024-01-01,a@x,first\n2024-01-02,b@x,second\n", ct);
        Assert.Equal((2, 0), Imported(await CliRunner.RunAsync("--json", "--url", db, "import", byKey, "--key", "email")));
        Assert.Equal((0, 2), Imported(await CliRunner.RunAsync("--json", "--url", db, "import", byKey, "--key", "email", "--dry-run")));
        Assert.Equal((0, 2), Imported(await CliRunner.RunAsync("--json", "--url", db, "import", byKey, "--key", "email")));
        Assert.Equal("2024-01-01|a@x|first\n2024-01-02|b@x|second", await EngineClient.RunAsync(db, "SELECT ts, email, note FROM ev2 ORDER BY ts"));

        var byPrimaryKey = Directory.CreateDirectory(Db.File("imp-pk")).FullName;
        await File.WriteAllTextAsync(Path.Combine(byPrimaryKey, "t.csv"), "id,k,s,extra\n1000,5,a,1\n1001,15,b,2\n", ct);
        Assert.Equal((2, 0), Imported(await CliRunner.RunAsync("--json", "--url", db, "import", byPrimaryKey)));
        Assert.Equal((0, 2), Imported(await CliRunner.RunAsync("--json", "--url", db, "import", byPrimaryKey, "--dry-run")));
        Assert.Equal((0, 2), Imported(await CliRunner.RunAsync("--json", "--url", db, "import", byPrimaryKey)));

        var seed = Directory.CreateDirectory(Db.File("seed")).FullName;
        await File.WriteAllTextAsync(Path.Combine(seed, "t.csv"), "id,k,s,extra\n2000,5,seeded,1.5\n2001,15,seeded,2.5\n", ct);
        await Ok("--url", db, "seed", "--folder", seed);
        await File.WriteAllTextAsync(Path.Combine(seed, "t.csv"), "id,k,s,extra\n2000,5,CHANGED,1.5\n2001,15,seeded,2.5\n", ct);
        var r = await Ok("--json", "--url", db, "seed", "--folder", seed);
        var file = r.Json.GetProperty("files")[0];
        Assert.Equal((0, 1, 1), (file.GetProperty("inserted").GetInt32(), file.GetProperty("updated").GetInt32(), file.GetProperty("unchanged").GetInt32()));
        Assert.Equal("1000|5|a|1\n2000|5|CHANGED|1.5", await EngineClient.RunAsync(db, "SELECT id, k, s, extra FROM ONLY t_1 ORDER BY id"));
        Assert.Equal("1001|15|b|2\n2001|15|seeded|2.5", await EngineClient.RunAsync(db, "SELECT id, k, s, extra FROM ONLY t_2 ORDER BY id"));
    });

    /// <summary>
    /// F25: a PostgreSQL partitioned table copied to MariaDB and SQLite (one plain table) comes back by
    /// <c>copy --data-only</c> into a <c>--schema-only</c> copy of the original: the rows sit in their partitions, and the
    /// copy's read-back counts them (it read the partitioned table alone: "holds 0 rows (copied: 30)").
    /// </summary>
    [Fact]
    public Task Copy_data_only_from_mariadb_and_sqlite_into_postgresql_partitioned_tables_checks_the_rows_in_the_partitions() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE h (id int, k int, v text, PRIMARY KEY (id, k)) PARTITION BY RANGE (k);
            CREATE TABLE h_1 PARTITION OF h FOR VALUES FROM (0) TO (10);
            CREATE TABLE h_2 PARTITION OF h FOR VALUES FROM (10) TO (100);
            INSERT INTO h SELECT g, g % 30, 'v' || g FROM generate_series(1, 30) g;
            """);
        const string rows = "SELECT id, k, v FROM h ORDER BY id";
        const string parts = "SELECT (SELECT count(*) FROM ONLY h), (SELECT count(*) FROM h_1), (SELECT count(*) FROM h_2)";
        foreach (var engine in new[] { "mysql", "sqlite" })
        {
            var plain = await Db.NewAsync(engine);
            await Ok("copy", "--from", source, "--to", plain);
            var back = await Db.NewAsync("postgresql");
            await Ok("copy", "--from", source, "--to", back, "--schema-only");
            var r = await Ok("copy", "--from", plain, "--to", back, "--data-only");
            Assert.Contains("counts and hashes match", r.All, StringComparison.Ordinal);
            Assert.Equal(await EngineClient.RunAsync(source, rows), await EngineClient.RunAsync(back, rows));
            Assert.Equal("0|10|20", await EngineClient.RunAsync(back, parts));
            // no copy is left marked unfinished
            Assert.Equal("0", await EngineClient.RunAsync(back, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'nexusql%incomplete'"));
        }
    });

    /// <summary>
    /// F12: <c>copy --data-only</c> into a GENERATED ALWAYS identity (a column without a COPY wire type makes the load
    /// INSERTs) keeps the source's ids, from PostgreSQL (after <c>--schema-only</c>) and from MariaDB (into a migrated
    /// table), and the next id the target gives follows them (it failed with raw 428C9, "Run the same command again").
    /// </summary>
    [Fact]
    public Task Copy_data_only_into_a_generated_always_identity_keeps_the_ids_and_moves_the_next_value() => LiveAsync(async () =>
    {
        const string rows = "SELECT id, note, amount, tags FROM orders ORDER BY id";
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TABLE orders (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text, amount numeric, tags text[]);
            INSERT INTO orders (note, amount, tags) VALUES ('a', 1.5, '{x}'), ('b', 2, NULL), ('c', 3, '{}');
            DELETE FROM orders WHERE id = 2;
            """);
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, """
            CREATE TABLE orders (id int AUTO_INCREMENT PRIMARY KEY, note text, amount decimal(10,1), tags text);
            INSERT INTO orders VALUES (1, 'a', 1.5, '{x}'), (3, 'c', 3, '{}');
            """);
        foreach (var source in new[] { pg, maria })
        {
            var target = await Db.NewAsync("postgresql");
            if (source == pg) await Ok("copy", "--from", source, "--to", target, "--schema-only");
            else await EngineClient.RunScriptAsync(target, "CREATE TABLE orders (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text, amount numeric, tags text[]);");
            await Ok("copy", "--from", source, "--to", target, "--data-only");
            Assert.Equal("1|a|1.5|{x}\n3|c|3|{}", (await EngineClient.RunAsync(target, rows)).Replace(".0|", "|", StringComparison.Ordinal));
            Assert.Equal("a", await EngineClient.RunAsync(target, "SELECT attidentity FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'id'"));
            Assert.Equal("4", await EngineClient.RunAsync(target, "INSERT INTO orders (note) VALUES ('d') RETURNING id"));
        }
    });
}
