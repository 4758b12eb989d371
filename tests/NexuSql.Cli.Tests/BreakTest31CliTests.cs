namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 31 (an outside tester of issue 11, with application-shaped databases): schemas every framework writes that
/// a move refused or verified with a false difference. Each side is read with the engine's own client.
/// </summary>
public sealed class BreakTest31CliTests() : ValueFidelityCliTestBase("bt31")
{
    /// <summary>
    /// B3: Laravel's <c>id()</c> is an AUTO_INCREMENT BIGINT UNSIGNED (read as int64 so other engines can generate it) and
    /// its <c>foreignId()</c> a plain BIGINT UNSIGNED (read as decimal(20,0)): the copy into PostgreSQL refused the foreign
    /// keys for joining two types, with advice that could not be followed (the source's types are equal).
    /// </summary>
    [Fact]
    public async Task A_laravel_schema_with_unsigned_bigint_keys_moves_into_postgresql_with_its_foreign_keys()
    {
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE users (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(191) COLLATE utf8mb4_nopad_bin NOT NULL UNIQUE);
            CREATE TABLE categories (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, parent_id bigint unsigned NULL,
              CONSTRAINT categories_parent_id_foreign FOREIGN KEY (parent_id) REFERENCES categories (id));
            CREATE TABLE posts (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, user_id bigint unsigned NOT NULL, category_id bigint unsigned NULL,
              CONSTRAINT posts_user_id_foreign FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
              CONSTRAINT posts_category_id_foreign FOREIGN KEY (category_id) REFERENCES categories (id));
            CREATE TABLE post_tag (post_id bigint unsigned NOT NULL, tag bigint unsigned NOT NULL, PRIMARY KEY (post_id, tag),
              CONSTRAINT post_tag_post_id_foreign FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE);
            INSERT INTO users VALUES (1, 'a@x.io'), (9007199254740993, 'b@x.io');
            INSERT INTO categories VALUES (1, NULL), (2, 1);
            INSERT INTO posts VALUES (1, 1, 2), (2, 9007199254740993, NULL);
            INSERT INTO post_tag VALUES (1, 18446744073709551615), (2, 7);
            """);
        var (copied, restored) = await MoveAsync(source, "postgresql");
        const string values = "SELECT string_agg(concat_ws(':', id, user_id, category_id), ',' ORDER BY id) FROM posts";
        Assert.Equal("1:1:2,2:9007199254740993", await EngineClient.RunAsync(source, "SELECT group_concat(concat_ws(':', id, user_id, category_id) ORDER BY id SEPARATOR ',') FROM posts"));
        foreach (var target in new[] { copied, restored })
        {
            Assert.Equal("1:1:2,2:9007199254740993", await EngineClient.RunAsync(target, values));
            // the foreign keys are there and join bigint to bigint; the plain unsigned column that joins nothing holds 2^64-1
            Assert.Equal("categories_parent_id_foreign|post_tag_post_id_foreign|posts_category_id_foreign|posts_user_id_foreign", await EngineClient.RunAsync(target,
                "SELECT string_agg(conname, '|' ORDER BY conname) FROM pg_constraint WHERE contype = 'f'"));
            Assert.Equal("categories.parent_id:bigint,post_tag.post_id:bigint,post_tag.tag:numeric,posts.user_id:bigint", await EngineClient.RunAsync(target,
                "SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, column_name) FROM information_schema.columns " +
                "WHERE table_schema = 'public' AND column_name IN ('parent_id', 'user_id', 'post_id', 'tag')"));
            Assert.Equal("18446744073709551615", await EngineClient.RunAsync(target, "SELECT max(tag) FROM post_tag"));
            await Ok("--url", source, "verify", "--against", target, "--checks", "data");
        }
        // within MariaDB the columns stay BIGINT UNSIGNED
        var (mariadb, _) = await MoveAsync(source, "mysql");
        Assert.Equal("bigint(20) unsigned", await EngineClient.RunAsync(mariadb,
            "SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'posts' AND column_name = 'user_id'"));
    }

    /// <summary>
    /// B1: PostgreSQL reads back the check <c>role IN ('member','admin')</c> on a varchar, written from its own deparsed
    /// text, as a cast per element: every PG→PG copy of such a table (Rails' and Django's enum-as-varchar) failed verify
    /// with a schema difference. A real change of the list is still one.
    /// </summary>
    [Fact]
    public async Task A_varchar_in_list_check_copied_within_postgresql_verifies_and_a_changed_list_is_found()
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE u (id int PRIMARY KEY, role varchar(20) NOT NULL CHECK (role IN ('member', 'admin')));
            CREATE INDEX u_staff ON u (id) WHERE role IN ('admin');
            INSERT INTO u VALUES (1, 'member'), (2, 'admin');
            """);
        const string definitions = "SELECT string_agg(d, ' | ' ORDER BY d) FROM (SELECT pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE contype = 'c' AND conrelid = 'u'::regclass " +
            "UNION ALL SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indrelid = 'u'::regclass AND indpred IS NOT NULL) x";
        var (copied, restored) = await MoveAsync(source, "postgresql");
        foreach (var target in new[] { copied, restored })
        {
            // PostgreSQL's own spelling of the copy differs from the source's (what made verify fail) ...
            Assert.NotEqual(await EngineClient.RunAsync(source, definitions), await EngineClient.RunAsync(target, definitions));
            // ... and verify says they are the same check and index
            await Ok("--url", source, "verify", "--against", target);
        }
        await EngineClient.RunScriptAsync(copied, "ALTER TABLE u DROP CONSTRAINT u_role_check; ALTER TABLE u ADD CONSTRAINT u_role_check CHECK (role IN ('member', 'admin', 'guest'));");
        var r = await CliRunner.RunAsync("--url", source, "verify", "--against", copied);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("check u_role_check: expression:", r.All, StringComparison.Ordinal);
        Assert.Contains("'guest'::character varying", r.All, StringComparison.Ordinal);
    }

    /// <summary>
    /// B16: SQLite has no boolean, so the history table migrate creates there declares <c>success INTEGER</c>; moved to
    /// PostgreSQL (the "move an application to PostgreSQL" of --help) it became bigint and migrate failed there for ever
    /// with 42804. Read as the boolean it is, it arrives as one and the next migration applies.
    /// </summary>
    [Fact]
    public async Task An_application_moved_from_sqlite_to_postgresql_migrates_there()
    {
        var scripts = Directory.CreateDirectory(Db.File("migrations")).FullName;
        await File.WriteAllTextAsync(Path.Combine(scripts, "V1__notes.sql"), "CREATE TABLE notes (id integer PRIMARY KEY, body varchar(100));\n", TestContext.Current.CancellationToken);
        var source = await Db.NewAsync("sqlite");
        await Ok("--url", source, "migrate", "--locations", scripts);
        Assert.Equal("INTEGER", await EngineClient.RunAsync(source, "SELECT type FROM pragma_table_info('nexusql_schema_history') WHERE name = 'success'"));
        var (copied, restored) = await MoveAsync(source, "postgresql");
        // within SQLite the table stays as migrate declared it
        var sqlite = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", sqlite);
        Assert.Equal("INTEGER|1", await EngineClient.RunAsync(sqlite, "SELECT (SELECT type FROM pragma_table_info('nexusql_schema_history') WHERE name = 'success'), success FROM nexusql_schema_history"));
        await File.WriteAllTextAsync(Path.Combine(scripts, "V2__title.sql"), "ALTER TABLE notes ADD COLUMN title varchar(50);\n", TestContext.Current.CancellationToken);
        foreach (var target in new[] { copied, restored })
        {
            Assert.Equal("boolean|t", await EngineClient.RunAsync(target, "SELECT pg_typeof(success), success FROM nexusql_schema_history"));
            await Ok("--url", target, "migrate", "--locations", scripts);
            Assert.Equal("1|t\n2|t", await EngineClient.RunAsync(target, "SELECT version, success FROM nexusql_schema_history ORDER BY installed_rank"));
            Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'title'"));
        }
    }

    /// <summary>
    /// B10: a check that does not translate (Django's <c>JSON_VALID("meta") OR "meta" IS NULL</c>) is refused with the advice
    /// to create the table in the target and copy with --data-only — which was refused the same way, though a data-only
    /// copy creates no constraint: the target's own decide.
    /// </summary>
    [Fact]
    public async Task A_data_only_copy_into_tables_made_by_hand_does_not_refuse_source_checks_it_never_creates()
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE shop_product (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, name varchar(50) NOT NULL, meta text NULL CHECK ((JSON_VALID("meta") OR "meta" IS NULL)),
              price decimal(10, 2) NOT NULL DEFAULT (abs(random()) % 100) CHECK (CAST(price AS REAL) >= 0));
            INSERT INTO shop_product (id, name, meta, price) VALUES (1, 'tea', '{"k": 1}', '2.50'), (2, 'cup', NULL, '0.99');
            """);
        var target = await Db.NewAsync("postgresql");
        var refused = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target);
        Assert.True(refused.ExitCode == 4, refused.All);
        Assert.Contains("--data-only", refused.All, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(target, "CREATE TABLE shop_product (id int PRIMARY KEY, name varchar(50) NOT NULL, meta json, price numeric(10,2) NOT NULL CHECK (price >= 0 AND price < 100));");
        // the target's own check decides: a row it refuses is named by key, and nothing is written
        await EngineClient.RunScriptAsync(source, "INSERT INTO shop_product (id, name, meta, price) VALUES (3, 'dear', NULL, '150.00');");
        var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--data-only");
        Assert.True(r.ExitCode == 1, r.All);
        Assert.Equal("id=3", r.Json.GetProperty("error").GetProperty("key").GetString());
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM shop_product"));
        await EngineClient.RunScriptAsync(source, "DELETE FROM shop_product WHERE id = 3;");
        await Ok("copy", "--from", source, "--to", target, "--data-only");
        Assert.Equal("1|tea|{\"k\": 1}|2.50\n2|cup||0.99", await EngineClient.RunAsync(target, "SELECT id, name, meta, price FROM shop_product ORDER BY id"));
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
    }

    /// <summary>B7: --resume (keep what was loaded) with --clean (drop everything): restore cleaned and restored, copy refused.</summary>
    [Fact]
    public async Task Resume_and_clean_together_are_a_usage_error_for_copy_and_restore()
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id integer PRIMARY KEY); INSERT INTO t VALUES (1);");
        var target = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", target);
        var file = Db.File($"{Guid.NewGuid():N}.nxb");
        await Ok("--url", source, "backup", "-o", file);
        foreach (var args in new[] { new[] { "copy", "--from", source, "--to", target }, ["--url", target, "restore", file] })
        {
            var r = await CliRunner.RunAsync(["--json", "--yes", .. args, "--resume", "--clean"]);
            Assert.True(r.ExitCode == 2, r.All);
            Assert.Equal("usage", r.Json.GetProperty("error").GetProperty("kind").GetString());
            Assert.Contains("choose one", r.All, StringComparison.Ordinal);
        }
        Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM t"));
    }

    /// <summary>
    /// B5: a PostgreSQL copy took each table's lock only as it reached it, so a migration altering a table it had not read
    /// yet and then one it was reading deadlocked with it. Every table is locked (ACCESS SHARE, as pg_dump) as the
    /// snapshot begins: seen in pg_locks while the first table is still being read.
    /// </summary>
    [Fact]
    public async Task A_postgresql_copy_locks_every_table_it_will_read_before_reading_the_first()
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE a_big (id int PRIMARY KEY, v text); INSERT INTO a_big SELECT g, md5(g::text) FROM generate_series(1, 200000) g;
            CREATE TABLE z_small (id int PRIMARY KEY, a int REFERENCES a_big (id)); INSERT INTO z_small VALUES (1, 1);
            """);
        var target = await Db.NewAsync("sqlite");
        var copy = CliRunner.RunAsync("copy", "--from", source, "--to", target);
        string? locks = null;
        while (!copy.IsCompleted && locks is null)
        {
            // the copy's reading session, while it reads a_big (the SELECT on it is running)
            var held = await EngineClient.RunAsync(source, "SELECT string_agg(l.relation::regclass::text, ',' ORDER BY l.relation::regclass::text) FROM pg_stat_activity a " +
                "JOIN pg_locks l ON l.pid = a.pid AND l.mode = 'AccessShareLock' AND l.granted AND l.relation::regclass::text IN ('a_big', 'z_small') " +
                "WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.query LIKE '%FROM ONLY \"a_big\"%' AND a.state = 'active'");
            if (held.Length > 0) locks = held;
            else await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        var r = await copy;
        Assert.True(r.ExitCode == 0, r.All);
        if (locks is null) return; // the copy read a_big faster than it could be seen (rare: 200,000 rows)
        Assert.Equal("a_big,z_small", locks);
    }

    /// <summary>
    /// Break test 32 F8: the backup locked the tables one after another, so holding a it waited for b, which a migration
    /// held; the migration then altered a and PostgreSQL ended it as a deadlock. The locks are taken all or none
    /// (NOWAIT, the snapshot begun again): the migration goes through, and the backup after it.
    /// </summary>
    [Fact]
    public async Task A_migration_altering_two_tables_as_a_backup_begins_goes_through()
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY, aid int REFERENCES a (id)); INSERT INTO a VALUES (1); INSERT INTO b VALUES (1, 1);");
        var migration = EngineClient.RunAsync(source, "BEGIN; ALTER TABLE b ADD COLUMN y int; SELECT pg_sleep(3); ALTER TABLE a ADD COLUMN x int; COMMIT;");
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        var backup = await CliRunner.RunAsync("--url", source, "backup", "-o", Db.File($"{Guid.NewGuid():N}.nxb"));
        await migration; // a deadlock would end it with an error
        Assert.True(backup.ExitCode == 0, backup.All);
        Assert.Equal("x|y", await EngineClient.RunAsync(source, "SELECT (SELECT column_name FROM information_schema.columns WHERE table_name = 'a' AND column_name = 'x'), " +
            "(SELECT column_name FROM information_schema.columns WHERE table_name = 'b' AND column_name = 'y')"));
    }
}
