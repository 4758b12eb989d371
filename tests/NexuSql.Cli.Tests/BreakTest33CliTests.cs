namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 33: verify <c>--tables</c> of a table whose rows are partly in a partition or child of another schema
/// (G11), foreign keys to a table the target cannot have (G15), a resume after the source's schema changed (G8, G9),
/// copy --clean with a selection (G1), replacing a partition that the target holds in its partitioned table (G3). Each side is read with the engine's own client.
/// </summary>
public sealed class BreakTest33CliTests() : ValueFidelityCliTestBase("bt33")
{
    /// <summary>
    /// G11: <c>verify --against --tables ev</c> compares the rows <c>SELECT * FROM ev</c> gives — also those of a
    /// partition in another schema, and a parent's those of its inheritance children (in another schema, or one detached
    /// in the second database) — PostgreSQL against PostgreSQL and against MariaDB, either side first (was: OK).
    /// </summary>
    [Fact]
    public Task Verify_tables_compares_the_rows_of_partitions_and_children_in_other_schemas() => LiveAsync(async () =>
    {
        var first = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(first, """
            CREATE SCHEMA arch;
            CREATE TABLE ev (id int NOT NULL, d date NOT NULL, msg text, PRIMARY KEY (id, d)) PARTITION BY RANGE (d);
            CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE arch.ev_old PARTITION OF ev FOR VALUES FROM ('2000-01-01') TO ('2024-01-01');
            INSERT INTO ev VALUES (1, '2024-05-01', 'new'), (2, '2010-01-01', 'old');
            CREATE TABLE parent (id int PRIMARY KEY, name text);
            CREATE TABLE arch.child (extra text) INHERITS (parent);
            INSERT INTO parent VALUES (1, 'p'); INSERT INTO arch.child VALUES (2, 'c', 'x');
            CREATE TABLE p2 (id int PRIMARY KEY, name text);
            CREATE TABLE c2 (extra text) INHERITS (p2);
            INSERT INTO p2 VALUES (1, 'p'); INSERT INTO c2 VALUES (2, 'c', 'x');
            """);
        var second = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(second, """
            CREATE TABLE ev (id int NOT NULL, d date NOT NULL, msg text, PRIMARY KEY (id, d)) PARTITION BY RANGE (d);
            CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            INSERT INTO ev VALUES (1, '2024-05-01', 'new');
            CREATE TABLE parent (id int PRIMARY KEY, name text);
            INSERT INTO parent VALUES (1, 'p');
            CREATE TABLE p2 (id int PRIMARY KEY, name text);
            CREATE TABLE c2 (id int, name text, extra text);
            INSERT INTO p2 VALUES (1, 'p'); INSERT INTO c2 VALUES (2, 'c', 'x');
            """);
        foreach (var (table, key) in new[] { ("ev", "id=2, d=2010-01-01"), ("parent", "id=2"), ("p2", "id=2") })
        {
            Assert.Equal("2|1", await EngineClient.RunAsync(first, $"SELECT count(*) FROM {table}") + "|" + await EngineClient.RunAsync(second, $"SELECT count(*) FROM {table}"));
            var r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--tables", table, "--checks", "data");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains($"[data] {table}: {key}: row only in the first database", r.All, StringComparison.Ordinal);
        }
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE ev (id int NOT NULL, d date NOT NULL, msg longtext, PRIMARY KEY (id, d)); INSERT INTO ev VALUES (1, '2024-05-01', 'new');");
        foreach (var (x, y, side) in new[] { (first, maria, "first"), (maria, first, "second") })
        {
            var r = await CliRunner.RunAsync("--url", x, "verify", "--against", y, "--tables", "ev", "--checks", "data");
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains($"[data] ev: id=2, d=2010-01-01: row only in the {side} database", r.All, StringComparison.Ordinal);
        }
        await EngineClient.RunScriptAsync(second, "INSERT INTO ev VALUES (2, '2024-01-02', 'x');");
        await EngineClient.RunScriptAsync(first, "DELETE FROM arch.ev_old; INSERT INTO ev VALUES (2, '2024-01-02', 'x');");
        Assert.Equal(0, (await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--tables", "ev", "--checks", "data")).ExitCode);
    });

    /// <summary>
    /// G15: a MariaDB foreign key to a table of another database, and a SQLite one to a table the file does not have,
    /// are named as left out and not created (was: created referencing a same-named table of the target, which refused
    /// every insert the source accepts); verify names the key the target lacks.
    /// </summary>
    [Fact]
    public Task A_foreign_key_to_a_table_of_another_database_is_named_and_not_created() => LiveAsync(async () =>
    {
        var other = await Db.NewAsync("mysql");
        var otherName = new Uri(other).AbsolutePath.Trim('/');
        await EngineClient.RunScriptAsync(other, "CREATE TABLE ref (id int PRIMARY KEY); INSERT INTO ref VALUES (1);");
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, $"CREATE TABLE t (id int PRIMARY KEY, rid int, CONSTRAINT t_ref FOREIGN KEY (rid) REFERENCES {otherName}.ref (id)); INSERT INTO t VALUES (1, 1);");
        var target = await Db.NewAsync("mysql");
        var r = await Ok("copy", "--from", source, "--to", target);
        Assert.Contains($"foreign key t_ref on t (rid) references {otherName}.ref, a table of another database", r.All, StringComparison.Ordinal);
        const string keys = "SELECT count(*) FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()";
        Assert.Equal("1|0", await EngineClient.RunAsync(source, keys) + "|" + await EngineClient.RunAsync(target, keys));
        // the insert the source takes, the target takes; the key's index stays
        await EngineClient.RunScriptAsync(target, "INSERT INTO t VALUES (2, 1);");
        Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 't' AND index_name = 't_ref'"));
        var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", target, "--checks", "schema");
        Assert.True(verify.ExitCode == 3, verify.All);
        Assert.Contains("only in the first database (not in the schema model): foreign key t_ref on t", verify.All, StringComparison.Ordinal);

        var lite = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(lite, "CREATE TABLE c (id integer PRIMARY KEY, pid int REFERENCES ghost (id)); INSERT INTO c VALUES (1, 5);");
        var pg = await Db.NewAsync("postgresql");
        r = await Ok("copy", "--from", lite, "--to", pg);
        Assert.Contains("foreign key on c (pid) references ghost, a table the database does not have (not carried)", r.All, StringComparison.Ordinal);
        Assert.Equal("1|5|0", await EngineClient.RunAsync(pg, "SELECT id, pid, (SELECT count(*) FROM pg_constraint WHERE contype = 'f') FROM c"));
    });

    /// <summary>
    /// G5: seed and import of a file's ids into a PostgreSQL GENERATED ALWAYS identity keep the ids (OVERRIDING SYSTEM
    /// VALUE) and move the identity past them (was: raw 428C9, naming no table or file); the column stays ALWAYS.
    /// </summary>
    [Fact]
    public Task Seed_and_import_keep_the_ids_of_a_generated_always_identity() => LiveAsync(async () =>
    {
        var ct = TestContext.Current.CancellationToken;
        var seeds = Directory.CreateDirectory(Db.File("seeds")).FullName;
        await File.WriteAllTextAsync(Path.Combine(seeds, "a.csv"), "id,n\n1,x\n2,y\n", ct);
        var imports = Directory.CreateDirectory(Db.File("imports")).FullName;
        await File.WriteAllTextAsync(Path.Combine(imports, "a.csv"), "id,n\n5,z\n", ct);
        var db = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(db, "CREATE TABLE a (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n text);");
        await Ok("--url", db, "seed", "--folder", seeds);
        await Ok("--url", db, "import", imports);
        await EngineClient.RunScriptAsync(db, "INSERT INTO a (n) VALUES ('next');");
        Assert.Equal("1|x\n2|y\n5|z\n6|next|a", await EngineClient.RunAsync(db, "SELECT id, n FROM a ORDER BY id") + "|" +
            await EngineClient.RunAsync(db, "SELECT attidentity FROM pg_attribute WHERE attrelid = 'a'::regclass AND attname = 'id'"));
    });

    /// <summary>
    /// G14: <c>copy --data-only --clean --tables users</c> where a target table the copy does not write (posts) references
    /// users is refused before anything is emptied, naming the table and key (MariaDB kept posts pointing at a deleted
    /// user, "counts and hashes match"); with posts among the tables it runs.
    /// </summary>
    [Fact]
    public Task A_data_only_clean_copy_is_refused_where_a_table_it_does_not_write_references_one_it_empties() => LiveAsync(async () =>
    {
        const string tables = "CREATE TABLE users (id int PRIMARY KEY, email varchar(50)); CREATE TABLE posts (id int PRIMARY KEY, user_id int, CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id));";
        foreach (var engine in new[] { "mysql", "sqlite" })
        {
            var source = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(source, tables + "INSERT INTO users VALUES (1, 'a'), (2, 'b'); INSERT INTO posts VALUES (10, 1);");
            var target = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(target, tables + "INSERT INTO users VALUES (1, 'a'), (2, 'b'), (77, 'target-only'); INSERT INTO posts VALUES (201, 77);");
            var sql = engine == "mysql" ? "SELECT concat((SELECT group_concat(id ORDER BY id) FROM users), '|', (SELECT group_concat(user_id) FROM posts))"
                : "SELECT (SELECT group_concat(id) FROM (SELECT id FROM users ORDER BY id)) || '|' || (SELECT group_concat(user_id) FROM posts)";
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target, "--data-only", "--clean", "--tables", "users", "--yes");
            Assert.True(r.ExitCode == 4, r.All);
            // SQLite's name of the key is read from its CREATE text (G12)
            Assert.Contains("table posts (foreign key posts_user_fk (user_id) to users)", r.All, StringComparison.Ordinal);
            Assert.Equal("1,2,77|77", await EngineClient.RunAsync(target, sql));
            await Ok("copy", "--from", source, "--to", target, "--data-only", "--clean", "--tables", "users,posts", "--yes");
            Assert.Equal("1,2|1", await EngineClient.RunAsync(target, sql));
        }
    });

    /// <summary>
    /// G8, G9: a copy killed after its first table, the source's schema changed (a partition detached, a column added),
    /// then <c>--resume</c>: refused naming both changes, nothing changed in the target (was: exit 0 "counts and hashes
    /// match" with the detached partition still attached; a raw 42703 for the added column). G1: <c>copy --clean
    /// --tables</c> is refused (exit 2) instead of dropping every table of the target. <c>--clean</c> then copies the
    /// source as it is now.
    /// </summary>
    [Fact]
    public Task A_resume_after_the_source_schema_changed_is_refused_by_name() => LiveAsync(async () =>
    {
        var ct = TestContext.Current.CancellationToken;
        var source = await Db.NewAsync("postgresql");
        // b's rows take 0.1 s each to check (also in the target, where the copy creates the check): killed while it loads b
        await EngineClient.RunScriptAsync(source, """
            CREATE FUNCTION slow_ok(int) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.1); RETURN true; END $$;
            CREATE TABLE a (id int PRIMARY KEY);
            INSERT INTO a VALUES (1);
            CREATE TABLE b (id int PRIMARY KEY, s text);
            INSERT INTO b SELECT g, 's' FROM generate_series(1, 20) g;
            ALTER TABLE b ADD CONSTRAINT b_slow CHECK (slow_ok(id));
            CREATE TABLE ev (id int, d date, PRIMARY KEY (id, d)) PARTITION BY RANGE (d);
            CREATE TABLE ev_a PARTITION OF ev FOR VALUES FROM ('2020-01-01') TO ('2022-01-01');
            CREATE TABLE ev_b PARTITION OF ev FOR VALUES FROM ('2022-01-01') TO ('2024-01-01');
            INSERT INTO ev SELECT g, date '2020-01-01' + g * 3 FROM generate_series(1, 300) g;
            """);
        var target = await Db.NewAsync("postgresql");
        using var copy = CliRunner.Start("copy", "--from", source, "--to", target);
        await CliRunner.WaitUntilAsync(() => EngineClient.RunAsync(target, "SELECT count(*) FROM pg_tables WHERE tablename = 'nexusql_copy_incomplete'").Result == "1"
            && EngineClient.RunAsync(target, "SELECT count(*) FROM nexusql_copy_incomplete WHERE step LIKE 'copied % a'").Result == "1", copy, "table a to be copied");
        copy.Kill(entireProcessTree: true);
        await copy.WaitForExitAsync(ct);
        await EngineClient.RunScriptAsync(source, "ALTER TABLE ev DETACH PARTITION ev_b; ALTER TABLE a ADD COLUMN extra text DEFAULT 'NEW';");
        const string state = "SELECT (SELECT count(*) FROM a) || '|' || (SELECT count(*) FROM ev) || '|' || to_regclass('nexusql_copy_incomplete') IS NOT NULL";
        var before = await EngineClient.RunAsync(target, state);

        var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target, "--resume");
        Assert.True(r.ExitCode == 4, r.All);
        foreach (var expected in new[] { "The source's schema changed since the interrupted copy", "table a: column extra added", "table ev_b: partition of: 'ev' then, none now", "--clean" })
            Assert.Contains(expected, r.All, StringComparison.Ordinal);
        Assert.Equal(before, await EngineClient.RunAsync(target, state));
        Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_inherits WHERE inhrelid = 'ev_b'::regclass"));

        // G1: --clean with --tables would drop every table of the target, not only a
        r = await CliRunner.RunAsync("copy", "--from", source, "--to", target, "--clean", "--tables", "a", "--yes");
        Assert.True(r.ExitCode == 2, r.All);
        Assert.Contains("not only those --tables or --schemas copy", r.All, StringComparison.Ordinal);
        Assert.Equal(before, await EngineClient.RunAsync(target, state));

        // L2: a target database that does not exist is said to be so, without advice to run the same command again
        var missing = await CliRunner.RunAsync("copy", "--from", source, "--to", target + "_nope");
        Assert.True(missing.ExitCode == 1, missing.All);
        Assert.Contains("Create it first", missing.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Run the same command again", missing.All, StringComparison.Ordinal);

        await Ok("copy", "--from", source, "--to", target, "--clean", "--yes");
        const string now = "SELECT (SELECT string_agg(id || extra, ',') FROM a) || '|' || (SELECT count(*) FROM ev) || '|' || (SELECT count(*) FROM pg_inherits WHERE inhrelid = 'ev_b'::regclass)";
        Assert.Equal("1NEW|" + await EngineClient.RunAsync(source, "SELECT count(*) FROM ev") + "|0", await EngineClient.RunAsync(target, now));
        Assert.Equal(await EngineClient.RunAsync(source, now), await EngineClient.RunAsync(target, now));
    });

    /// <summary>
    /// G3: a PostgreSQL backup restored into SQLite and MariaDB holds meas's partitions in one table meas;
    /// <c>restore --tables meas_2024 --replace</c> is refused by name, nothing changed (was: a second table meas_2024
    /// holding the same rows, meas not restored, exit 0); <c>--tables meas --replace</c> puts the drifted row back.
    /// </summary>
    [Fact]
    public Task Replacing_a_partition_folded_into_its_table_is_refused() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE meas (id int, d date, note text, PRIMARY KEY (id, d)) PARTITION BY RANGE (d);
            CREATE TABLE meas_2024 PARTITION OF meas FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE meas_other PARTITION OF meas DEFAULT;
            INSERT INTO meas SELECT g, date '2024-01-01' + g * 3, 'n' || g FROM generate_series(1, 200) g;
            """);
        var file = Db.File("meas.nxb");
        await Ok("--url", source, "backup", "-o", file);
        foreach (var engine in new[] { "sqlite", "mysql" })
        {
            var target = await Db.NewAsync(engine);
            await Ok("--url", target, "restore", file);
            await EngineClient.RunAsync(target, "UPDATE meas SET note = 'drift' WHERE id = 3");
            var tables = engine == "mysql" ? "SELECT group_concat(table_name ORDER BY table_name) FROM information_schema.tables WHERE table_schema = database()"
                : "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)";
            const string rows = "SELECT count(*), (SELECT note FROM meas WHERE id = 3) FROM meas";
            var r = await CliRunner.RunAsync("--url", target, "restore", file, "--tables", "meas_2024", "--replace", "--yes");
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("meas_2024 is a partition of meas, whose rows the target holds in its table meas", r.All, StringComparison.Ordinal);
            Assert.Contains("--tables meas --replace", r.All, StringComparison.Ordinal);
            Assert.Equal("meas", await EngineClient.RunAsync(target, tables));
            Assert.Equal("200|drift", await EngineClient.RunAsync(target, rows));
            await Ok("--url", target, "restore", file, "--tables", "meas", "--replace", "--yes");
            Assert.Equal("200|n3", await EngineClient.RunAsync(target, rows));
        }
    });

    /// <summary>
    /// G10: a PostgreSQL generated column concatenating a float (<c>t || f</c>) is refused by name before anything is
    /// written to SQLite (was: written, then found changed by the read-back: PostgreSQL 1e+20, SQLite 1.0e+20); text ||
    /// integer still translates. L13: MariaDB's <c>a DIV b</c> and <c>a MOD b</c> are refused as operators without a
    /// translation (was: "div is not a column of the table").
    /// </summary>
    [Fact]
    public Task Generated_float_concatenation_and_div_mod_are_refused_by_name_before_writing() => LiveAsync(async () =>
    {
        var pg = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(pg, """
            CREATE TABLE g (id int PRIMARY KEY, f float8, t text, cc text GENERATED ALWAYS AS (t || f) STORED);
            INSERT INTO g (id, f, t) VALUES (1, 1e20, 'p'), (2, 1, 'r');
            CREATE TABLE h (id int PRIMARY KEY, t text, ci text GENERATED ALWAYS AS (t || id) STORED);
            INSERT INTO h (id, t) VALUES (1, 'p');
            """);
        var lite = await Db.NewAsync("sqlite");
        var r = await CliRunner.RunAsync("copy", "--from", pg, "--to", lite);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("g.cc (generated as (t || f): || with a floating-point (real, double precision) operand spells the number otherwise on PostgreSQL and SQLite", r.All, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", r.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(lite, "SELECT count(*) FROM sqlite_master"));
        await Ok("copy", "--from", pg, "--to", lite, "--tables", "h");
        Assert.Equal("p1", await EngineClient.RunAsync(lite, "SELECT ci FROM h"));

        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE d (id int PRIMARY KEY, a int, b int, q int AS (a DIV b) STORED, m int AS (a MOD b) VIRTUAL); INSERT INTO d (id, a, b) VALUES (1, 7, 2);");
        var target = await Db.NewAsync("sqlite");
        r = await CliRunner.RunAsync("copy", "--from", maria, "--to", target);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("DIV is an operator of MySQL/MariaDB that has no translation for SQLite", r.All, StringComparison.Ordinal);
        // a MOD b is MariaDB's stored a % b, which SQLite computes alike on integers (bt50 M6): not refused
        Assert.DoesNotContain("MOD is an operator", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("d.m (generated", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a column of the table", r.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM sqlite_master"));
    });

    /// <summary>
    /// G4: <c>copy --data-only</c> into tables made by hand leaves their schema as it is: the source's index and foreign
    /// key are not added (SQLite and PostgreSQL targets), and a source row the source's key would refuse (SQLite keeps
    /// it, checks off) is copied into a target that has no such key (was: the key added, or a raw 23503 after writing).
    /// </summary>
    [Fact]
    public Task A_data_only_copy_adds_none_of_the_source_s_indexes_or_foreign_keys() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE p (id integer PRIMARY KEY); CREATE TABLE c (id integer PRIMARY KEY, pid int REFERENCES p (id));
            CREATE INDEX c_pid ON c (pid); INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1), (2, 99);
            """);
        foreach (var engine in new[] { "postgresql", "sqlite" })
        {
            var target = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(target, "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, pid int);");
            await Ok("copy", "--from", source, "--to", target, "--data-only");
            Assert.Equal("1,1|2,99", await EngineClient.RunAsync(target, engine == "sqlite"
                ? "SELECT group_concat(id || ',' || pid, '|') FROM (SELECT * FROM c ORDER BY id)" : "SELECT string_agg(id || ',' || pid, '|' ORDER BY id) FROM c"));
            Assert.Equal("0", await EngineClient.RunAsync(target, engine == "sqlite"
                ? "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL) + (SELECT count(*) FROM pragma_foreign_key_list('c'))"
                : "SELECT (SELECT count(*) FROM pg_indexes WHERE tablename = 'c' AND indexname <> 'c_pkey') + (SELECT count(*) FROM pg_constraint WHERE contype = 'f')"));
        }
    });

    /// <summary>
    /// G7: <c>backup --schemas public</c> takes the enum type, domain and sequence of schema app that a public table
    /// uses (was: "verified", and no engine could restore it); into MariaDB the sequence of another schema is refused by
    /// name before anything is written (was: raw 1049 after marking), and without it the enum arrives as ENUM.
    /// </summary>
    [Fact]
    public Task Schemas_public_takes_the_types_and_sequences_of_other_schemas_its_tables_use() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE SCHEMA app; CREATE SEQUENCE app.tk START 500; CREATE DOMAIN app.pos AS int CHECK (VALUE > 0);
            CREATE TYPE app.mood AS ENUM ('ok', 'bad'); CREATE TABLE app.other (id int PRIMARY KEY);
            CREATE TABLE t (id int PRIMARY KEY DEFAULT nextval('app.tk'), p app.pos, m app.mood);
            INSERT INTO t (p, m) VALUES (1, 'ok'), (2, 'bad');
            """);
        var file = Db.File("public.nxb");
        await Ok("--url", source, "backup", "-o", file, "--schemas", "public");
        var restored = await Db.NewAsync("postgresql");
        await Ok("--url", restored, "restore", file);
        await EngineClient.RunAsync(restored, "INSERT INTO t (p, m) VALUES (3, 'ok')");
        Assert.Equal("500,1,ok|501,2,bad|502,3,ok", await EngineClient.RunAsync(restored, "SELECT string_agg(id || ',' || p || ',' || m, '|' ORDER BY id) FROM t"));
        Assert.Equal("app.mood|app.pos|0", await EngineClient.RunAsync(restored,
            "SELECT pg_typeof(m)::text || '|' || (SELECT domain_schema || '.' || domain_name FROM information_schema.columns WHERE table_name = 't' AND column_name = 'p') || '|' || (to_regclass('app.other') IS NOT NULL)::int FROM t LIMIT 1"));

        var maria = await Db.NewAsync("mysql");
        var r = await CliRunner.RunAsync("copy", "--from", source, "--to", maria, "--schemas", "public");
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("sequence app.tk (move it into the current schema", r.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(maria, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"));
        await EngineClient.RunAsync(source, "ALTER TABLE t ALTER id DROP DEFAULT");
        await Ok("copy", "--from", source, "--to", maria, "--schemas", "public");
        Assert.Equal("enum('ok','bad')", await EngineClient.RunAsync(maria, "SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 't' AND column_name = 'm'"));
    });

    /// <summary>
    /// bt32 F14: MariaDB ENUM columns joined by a foreign key arrive in PostgreSQL with one enum type (the referenced
    /// column's), so the key is created (was: one type per column, then a raw 42804 after the rows were written).
    /// </summary>
    [Fact]
    public Task Enum_columns_joined_by_a_foreign_key_share_one_postgresql_type() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE st (s ENUM('new', 'done') COLLATE utf8mb4_nopad_bin PRIMARY KEY);
            CREATE TABLE job (id int PRIMARY KEY, s ENUM('new', 'done') COLLATE utf8mb4_nopad_bin, FOREIGN KEY (s) REFERENCES st (s));
            INSERT INTO st VALUES ('new'), ('done'); INSERT INTO job VALUES (1, 'done');
            """);
        var target = await Db.NewAsync("postgresql");
        await Ok("copy", "--from", source, "--to", target);
        Assert.Equal("st_s|st_s|1|1,done", await EngineClient.RunAsync(target,
            "SELECT (SELECT pg_typeof(s)::text FROM st LIMIT 1) || '|' || pg_typeof(j.s)::text || '|' || (SELECT count(*) FROM pg_constraint WHERE contype = 'f') || '|' || j.id || ',' || j.s FROM job j"));
    });
}
