namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 12: PostgreSQL partitioned tables (range, list, hash, sub-partitioned, a DEFAULT partition), inheritance and
/// UNLOGGED tables arrive as they were through copy, backup → restore and schema dump → apply, read back with psql
/// from the catalogs (pg_partitioned_table, pg_inherits, relpersistence, <c>\d+</c>) — keys and indexes declared on a
/// partitioned table exist once per partition, attached to the parent's, each row in its own partition once.
/// </summary>
public sealed class PartitionCliTests() : ValueFidelityCliTestBase("partition12")
{
    private const string Seed = """
        CREATE TABLE meas (id int, d date, v int DEFAULT 3 CHECK (v > 0), note text, PRIMARY KEY (id, d)) PARTITION BY RANGE (d);
        CREATE TABLE meas_2024 PARTITION OF meas FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE meas_2025 PARTITION OF meas FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        CREATE TABLE meas_other PARTITION OF meas DEFAULT;
        CREATE INDEX meas_v ON meas (v);
        ALTER TABLE meas_2025 ALTER COLUMN v SET DEFAULT 7;
        INSERT INTO meas VALUES (1, '2024-02-01', 1, 'a'), (2, '2024-03-01', 2, NULL), (3, '2025-06-01', 3, 'c'), (4, '1999-01-01', 4, 'old');
        CREATE TABLE meas_2023 (note text, v int DEFAULT 3 CONSTRAINT meas_v_check CHECK (v > 0), d date NOT NULL, id int NOT NULL);
        ALTER TABLE meas ATTACH PARTITION meas_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
        INSERT INTO meas VALUES (5, '2023-05-05', 5, 'five');
        CREATE TABLE reg (id int, region text NOT NULL) PARTITION BY LIST (lower(region));
        CREATE TABLE reg_eu PARTITION OF reg FOR VALUES IN ('de', 'fr') PARTITION BY HASH (id);
        CREATE TABLE reg_eu0 PARTITION OF reg_eu FOR VALUES WITH (modulus 2, remainder 0);
        CREATE TABLE reg_eu1 PARTITION OF reg_eu FOR VALUES WITH (modulus 2, remainder 1);
        CREATE TABLE reg_us PARTITION OF reg FOR VALUES IN ('us');
        CREATE INDEX reg_id ON reg (id);
        INSERT INTO reg SELECT g, (ARRAY['DE', 'fr', 'us'])[1 + g % 3] FROM generate_series(1, 30) g;
        CREATE TABLE parent (id int PRIMARY KEY, a int NOT NULL DEFAULT 5 CHECK (a > 0));
        CREATE TABLE child (b text) INHERITS (parent);
        ALTER TABLE child ALTER COLUMN a SET DEFAULT 9;
        INSERT INTO parent VALUES (1, 1); INSERT INTO child VALUES (2, 2, 'x'), (3, 3, 'y');
        CREATE UNLOGGED TABLE ul (id int PRIMARY KEY, t text); INSERT INTO ul VALUES (7, 'seven');
        CREATE TABLE refr (id int PRIMARY KEY, mid int, md date, FOREIGN KEY (mid, md) REFERENCES meas (id, d)); INSERT INTO refr VALUES (1, 3, '2025-06-01');
        """;

    /// <summary>What psql reads of the tables' shape: each must be the same in the source and every target.</summary>
    private static readonly string[] Shape =
    [
        "SELECT relname, relkind, relpersistence, relispartition, pg_get_expr(relpartbound, oid) FROM pg_class " +
        "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') ORDER BY relname",
        "SELECT partrelid::regclass::text AS t, pg_get_partkeydef(partrelid) FROM pg_partitioned_table ORDER BY t",
        // tables and indexes: a partition's index attached to its parent's, none created twice
        "SELECT inhrelid::regclass::text AS t, inhparent::regclass, inhseqno FROM pg_inherits ORDER BY t",
        "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname",
        "SELECT conrelid::regclass::text AS t, conname, contype, conislocal, coninhcount, pg_get_constraintdef(oid) FROM pg_constraint " +
        "WHERE connamespace = 'public'::regnamespace ORDER BY t, conname",
        // inherited columns not declared again (attislocal), their own defaults and NOT NULL
        "SELECT a.attrelid::regclass::text AS t, a.attname, a.attislocal, a.attinhcount, a.attnotnull, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a " +
        "JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum " +
        "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY t, a.attnum",
        @"\d+ meas", @"\d+ reg_eu", @"\d+ child", @"\d+ ul",
    ];

    /// <summary>Rows per partition (tableoid), and each table's own rows: every row once, where it was.</summary>
    private static readonly string[] Rows =
    [
        "SELECT tableoid::regclass, id, d, v, note FROM meas ORDER BY id",
        // a partition attached with its own column order keeps it (break test 26 G21: created PARTITION OF, it took the parent's)
        "SELECT * FROM meas_2023",
        "SELECT tableoid::regclass::text AS t, count(*), sum(id) FROM reg GROUP BY t ORDER BY t",
        "SELECT tableoid::regclass, id, a FROM parent ORDER BY id",
        "SELECT (SELECT count(*) FROM ONLY parent), (SELECT count(*) FROM child), (SELECT count(*) FROM ONLY meas), (SELECT b FROM child WHERE id = 3), (SELECT t FROM ul)",
    ];

    private async Task AssertSameShapeAsync(string source, params string[] others)
    {
        foreach (var sql in Shape.Concat(Rows)) await AssertSameAsync(sql, source, others);
    }

    [Fact]
    public async Task Postgresql_partitioned_inherited_and_unlogged_tables_arrive_identical_by_copy_and_backup_restore()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Seed);
            var (copied, restored) = await MoveAsync(source, "postgresql");
            await AssertSameShapeAsync(source, copied, restored);
            Assert.Equal("meas_2023|1\nmeas_2024|2\nmeas_2025|1\nmeas_other|1", await EngineClient.RunAsync(restored, "SELECT tableoid::regclass::text AS t, count(*) FROM meas GROUP BY t ORDER BY t"));
            Assert.Equal("u", await EngineClient.RunAsync(copied, "SELECT relpersistence FROM pg_class WHERE relname = 'ul'"));
            // the constraints still hold: the bound, the key declared on the parent, the child's own default
            await EngineClient.RunAsync(restored, "INSERT INTO meas_2025 (id, d) VALUES (9, '2025-01-02'); INSERT INTO child (id) VALUES (10)");
            Assert.Equal("meas_2025|7|9", await EngineClient.RunAsync(restored, "SELECT tableoid::regclass, v, (SELECT a FROM child WHERE id = 10) FROM meas WHERE id = 9"));
            var duplicate = await CliRunner.RunAsync("--url", restored, "exec", "INSERT INTO meas (id, d) VALUES (1, '2024-02-01')");
            Assert.NotEqual(0, duplicate.ExitCode);
            // verify reads each table's own rows, so a row is compared once, in its partition
            var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", copied);
            Assert.True(verify.ExitCode == 0, verify.All);
            // restore --replace of the partitioned table alone would drop its partitions (CASCADE): refused, nothing changed
            var file = Db.File("whole.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var replace = await CliRunner.RunAsync("--json", "--url", restored, "restore", file, "--tables", "meas", "--replace", "--yes");
            Assert.True(replace.ExitCode == 4, replace.All);
            Assert.Contains("table meas_2024 is a partition of meas, which would be dropped with it", replace.All, StringComparison.Ordinal);
            Assert.Equal("meas_2024|2", await EngineClient.RunAsync(restored, "SELECT tableoid::regclass, count(*) FROM meas_2024 GROUP BY 1"));
            // into SQLite by copy, into MariaDB by restore: a partitioned table is one plain table with its partitions' rows
            // (the application's queries name it: break test 31 B17), the partitions are not created, and a foreign key to it
            // holds; an inheritance child keeps its own rows (and columns) in a table of its own, named
            var lite = await Db.NewAsync("sqlite");
            var copy = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", lite);
            Assert.True(copy.ExitCode == 0, copy.All);
            var maria = await Db.NewAsync("mysql");
            var load = await CliRunner.RunAsync("--json", "--url", maria, "restore", file);
            Assert.True(load.ExitCode == 0, load.All);
            foreach (var (moved, target) in new[] { (copy, lite), (load, maria) })
            {
                var skipped = string.Join("\n", moved.Json.GetProperty("skippedObjects").EnumerateArray().Select(e => e.GetString()));
                foreach (var named in new[] { "table meas (partitioned by RANGE (d)): recreated as one plain table holding the rows of its partitions meas_2023, meas_2024, meas_2025, meas_other, which are not created",
                             "table reg (partitioned by LIST (lower(region))): recreated as one plain table holding the rows of its partitions reg_eu, reg_eu0, reg_eu1, reg_us",
                             "table child (INHERITS parent: recreated as a plain table holding its own rows", "table ul (UNLOGGED" })
                    Assert.Contains(named, skipped, StringComparison.Ordinal);
                Assert.DoesNotContain("refr_mid_md_fkey", skipped, StringComparison.Ordinal);
                Assert.Equal("child\nmeas\nparent\nrefr\nreg\nul", await EngineClient.RunAsync(target, target == lite
                    ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name" : "SELECT table_name FROM information_schema.tables WHERE table_schema = database() ORDER BY table_name"));
                // every row once, meas_2023's (attached with its columns in another order) in meas's order, as psql reads the partitioned table
                foreach (var sql in new[] { "SELECT id, d, v, coalesce(note, '-') FROM meas ORDER BY id", "SELECT count(*), sum(id), sum(length(region)) FROM reg", "SELECT count(*) FROM parent" })
                    Assert.Equal(await EngineClient.RunAsync(source, sql.Replace("FROM parent", "FROM ONLY parent", StringComparison.Ordinal)), await EngineClient.RunAsync(target, sql));
                Assert.Equal("5", await EngineClient.RunAsync(target, "SELECT count(*) FROM meas"));
                var refused = await CliRunner.RunAsync("--url", target, "exec", "INSERT INTO refr VALUES (2, 99, '2024-01-01')");
                Assert.True(refused.ExitCode != 0, refused.All);
                var same = await CliRunner.RunAsync("--url", source, "verify", "--against", target);
                Assert.True(same.ExitCode == 0, same.All);
            }
            // restored alone into MariaDB, the partitioned table takes its partitions' entries with it (it holds their rows
            // there): --tables reg --replace emptied it, "counts and hashes match" (break test 32 F15)
            var again = await CliRunner.RunAsync("--json", "--url", maria, "restore", file, "--tables", "reg", "--replace", "--yes");
            Assert.True(again.ExitCode == 0, again.All);
            Assert.Equal(await EngineClient.RunAsync(source, "SELECT count(*), sum(id) FROM reg"), await EngineClient.RunAsync(maria, "SELECT count(*), sum(id) FROM reg"));
            // verify reads the partitioned table with its partitions' rows: a row changed in the target is found
            await EngineClient.RunAsync(maria, "UPDATE meas SET note = 'changed' WHERE id = 5");
            var found = await CliRunner.RunAsync("--url", source, "verify", "--against", maria);
            Assert.True(found.ExitCode == 3, found.All);
            Assert.Contains("meas: id=5", found.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_schema_dump_applies_to_an_empty_database_twice_converging_and_diff_sees_a_changed_bound()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Seed);
            var file = Db.File("schema.json");
            await Ok("--url", source, "schema", "dump", "-o", file);
            var json = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            foreach (var field in new[] { "\"partitionBy\": \"RANGE (d)\"", "\"partitionBy\": \"LIST (lower(region))\"", "\"partitionOf\": \"reg_eu\"", "\"partitionBound\": \"DEFAULT\"",
                         "\"partitionBound\": \"FOR VALUES WITH (modulus 2, remainder 1)\"", "\"inherits\": [", "\"unlogged\": true", "\"inherited\": true" })
                Assert.Contains(field, json, StringComparison.Ordinal);

            var target = await Db.NewAsync("postgresql");
            await Ok("--url", target, "schema", "apply", file);
            foreach (var sql in Shape) await AssertSameAsync(sql, source, target);
            var again = await CliRunner.RunAsync("--url", target, "schema", "apply", file);
            Assert.True(again.ExitCode == 0 && again.Stdout.Contains("No differences", StringComparison.Ordinal), again.All);
            var redump = Db.File("again.json");
            await Ok("--url", target, "schema", "dump", "-o", redump);
            Assert.Equal(json, await File.ReadAllTextAsync(redump, TestContext.Current.CancellationToken));

            // a changed bound, and UNLOGGED dropped, are differences; applying them changes the partition in place
            var changed = Db.File("changed.json");
            await File.WriteAllTextAsync(changed, json.Replace("TO ('2026-01-01')", "TO ('2027-01-01')", StringComparison.Ordinal)
                .Replace("\"unlogged\": true", "\"unlogged\": false", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", target, "--to", changed);
            Assert.True(diff.ExitCode == 3, diff.All);
            Assert.Contains("change the bound of partition meas_2025 of meas: FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') → FOR VALUES FROM ('2025-01-01') TO ('2027-01-01')", diff.All, StringComparison.Ordinal);
            Assert.Contains("make ul LOGGED", diff.All, StringComparison.Ordinal);
            await Ok("--url", target, "schema", "apply", changed);
            Assert.Equal("FOR VALUES FROM ('2025-01-01') TO ('2027-01-01')|p", await EngineClient.RunAsync(target,
                "SELECT pg_get_expr(c.relpartbound, c.oid), (SELECT relpersistence FROM pg_class WHERE relname = 'ul') FROM pg_class c WHERE c.relname = 'meas_2025'"));
            // still attached with its key and index
            Assert.Equal("meas_2025|meas\nmeas_2025_pkey|meas_pkey\nmeas_2025_v_idx|meas_v", await EngineClient.RunAsync(target,
                "SELECT inhrelid::regclass::text AS t, inhparent::regclass FROM pg_inherits WHERE inhrelid::regclass::text LIKE 'meas_2025%' ORDER BY t"));
            Assert.Equal(0, (await CliRunner.RunAsync("schema", "diff", "--from", target, "--to", changed)).ExitCode);
            // a changed partition key is refused by name, not planned
            var rekeyed = Db.File("rekeyed.json");
            await File.WriteAllTextAsync(rekeyed, json.Replace("\"partitionBy\": \"RANGE (d)\"", "\"partitionBy\": \"RANGE (id)\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            var refused = await CliRunner.RunAsync("--url", target, "schema", "apply", rekeyed);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("change the partitioning of meas: PARTITION BY RANGE (d) → PARTITION BY RANGE (id)", refused.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_tables_option_makes_a_partition_or_child_without_its_parent_a_table_of_its_own_and_names_it()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, Seed);
            var (copied, restored) = await MoveAsync(source, "postgresql", "meas,meas_2024,reg_eu0,child");
            const string shape = "SELECT relname, relkind, relispartition, (SELECT count(*) FROM pg_inherits WHERE inhrelid = c.oid) FROM pg_class c " +
                                 "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') ORDER BY relname";
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("child|r|f|0\nmeas|p|f|0\nmeas_2024|r|t|1\nreg_eu0|r|f|0", await EngineClient.RunAsync(target, shape));
                Assert.Equal("2|2", await EngineClient.RunAsync(target, "SELECT (SELECT count(*) FROM meas), (SELECT count(*) FROM child)"));
            }
            await AssertSameAsync("SELECT id, region FROM reg_eu0 ORDER BY id", source, copied, restored);
            var copy = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", await Db.NewAsync("postgresql"), "--tables", "meas,meas_2024,reg_eu0,child");
            Assert.True(copy.ExitCode == 0, copy.All);
            foreach (var named in new[] { "table child (INHERITS parent; --tables leaves out parent: recreated as a table of its own)",
                         "table reg_eu0 (a partition of reg_eu, which --tables leaves out: recreated as a table of its own)",
                         "table meas (partitioned: its partitions meas_2023, meas_2025, meas_other are left out by --tables, and the rows they hold with them)" })
                Assert.Contains(named, copy.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Break test 26 G21: a column added to the parent after the child was created stands after the child's own
    /// columns; <c>INHERITS</c> would put it before them. The child is created on its own in its order and then made
    /// to inherit (<c>ALTER TABLE ... INHERIT</c>): its columns are its own then as well as inherited (attislocal),
    /// which verify names — it is not passed over.
    /// </summary>
    [Fact]
    public async Task Postgresql_inheritance_child_keeps_its_column_order_and_verify_names_what_differs()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE par (id int PRIMARY KEY, a int);
                CREATE TABLE kid (k text) INHERITS (par);
                ALTER TABLE par ADD COLUMN late int;
                INSERT INTO kid VALUES (1, 2, 'k', 3);
                """);
            var (copied, restored) = await MoveAsync(source, "postgresql");
            await AssertSameAsync("SELECT * FROM kid", source, copied, restored);
            await AssertSameAsync("SELECT attname FROM pg_attribute WHERE attrelid = 'kid'::regclass AND attnum > 0 ORDER BY attnum", source, copied, restored);
            Assert.Equal("par", await EngineClient.RunAsync(copied, "SELECT inhparent::regclass FROM pg_inherits WHERE inhrelid = 'kid'::regclass"));
            // a row inserted without a column list lands as in the source
            await EngineClient.RunAsync(copied, "INSERT INTO kid VALUES (2, 3, 'x', 4)");
            Assert.Equal("x|4", await EngineClient.RunAsync(copied, "SELECT k || '|' || late FROM kid WHERE id = 2"));
            var verify = await CliRunner.RunAsync("--url", copied, "verify", "--against", source, "--checks", "schema");
            Assert.True(verify.ExitCode == 3, verify.All);
            Assert.Contains("table kid: column late: inherited", verify.All, StringComparison.Ordinal);
            Assert.DoesNotContain("column order", verify.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_drift_sees_a_partition_bound_and_logged_changed_behind_the_migrations()
    {
        try
        {
            var db = await Db.NewAsync("postgresql");
            var migrations = Db.File("drift-migrations");
            Directory.CreateDirectory(migrations);
            await File.WriteAllTextAsync(Path.Combine(migrations, "V1__partitions.sql"), Seed, TestContext.Current.CancellationToken);
            await Ok("--url", db, "migrate", "--locations", migrations);
            await Ok("--url", db, "verify", "--checks", "drift", "--locations", migrations);
            await EngineClient.RunScriptAsync(db, "ALTER TABLE meas DETACH PARTITION meas_2024; ALTER TABLE meas ATTACH PARTITION meas_2024 FOR VALUES FROM ('2024-01-01') TO ('2024-07-01'); " +
                                                  "ALTER TABLE ul SET LOGGED;");
            var drift = await CliRunner.RunAsync("--url", db, "verify", "--checks", "drift", "--locations", migrations);
            Assert.True(drift.ExitCode == 3, drift.All);
            Assert.Contains("change the bound of partition meas_2024 of meas: FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') → FOR VALUES FROM ('2024-01-01') TO ('2024-07-01')", drift.All, StringComparison.Ordinal);
            Assert.Contains("make ul LOGGED", drift.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
