namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F24: MariaDB names indexes per table, PostgreSQL and SQLite per schema (beside the tables); PostgreSQL
/// names foreign keys per table, MariaDB per database. Two MariaDB tables with an index <c>by_email</c>, or an index
/// named like a table, failed the copy into PostgreSQL or SQLite after the rows with "already exists"; two PostgreSQL
/// foreign keys <c>fk_user</c> failed into MariaDB with error 1823. The colliding name now gets its table's name in
/// front, and the copy says so (read back with the engines' own clients).
/// </summary>
public sealed class CrossEngineNamesCliTests() : ValueFidelityCliTestBase("cross-names")
{
    [Theory]
    [InlineData("postgresql", "SELECT string_agg(tablename || ' ' || indexname, ',' ORDER BY tablename, indexname) FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%pkey'",
        "a by_email,b b_by_email,c c_a")]
    [InlineData("sqlite", "SELECT group_concat(tbl_name || ' ' || name, ',') FROM (SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY 1, 2)",
        "a by_email,c c_a")]
    public async Task Mariadb_index_names_shared_by_tables_are_made_unique_in_the_target(string engine, string indexes, string expected)
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE a (id int PRIMARY KEY, email varchar(50), KEY by_email (email));
                CREATE TABLE b (id int PRIMARY KEY, email varchar(50) COLLATE utf8mb4_nopad_bin, UNIQUE KEY by_email (email));
                CREATE TABLE c (id int PRIMARY KEY, v int, KEY a (v));
                INSERT INTO a VALUES (1, 'x'); INSERT INTO b VALUES (1, 'y'); INSERT INTO c VALUES (1, 2);
                """);
            var target = await Db.NewAsync(engine);
            var copy = await Ok("copy", "--from", source, "--to", target);
            Assert.Contains("index a on c is named c_a", copy.All, StringComparison.Ordinal);
            Assert.Equal(expected, await EngineClient.RunAsync(target, indexes));
            // the unique key still refuses a second 'y'
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(target, "INSERT INTO b VALUES (2, 'y')"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_foreign_key_names_shared_by_tables_are_made_unique_in_mariadb()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE users (id int PRIMARY KEY);
                CREATE TABLE posts (id int PRIMARY KEY, user_id int, CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id));
                CREATE TABLE comments (id int PRIMARY KEY, user_id int, CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id));
                INSERT INTO users VALUES (1); INSERT INTO posts VALUES (1, 1); INSERT INTO comments VALUES (1, 1);
                """);
            var target = await Db.NewAsync("mysql");
            var copy = await Ok("copy", "--from", source, "--to", target);
            Assert.Contains("foreign key fk_user on posts is named posts_fk_user", copy.All, StringComparison.Ordinal);
            Assert.Equal("comments fk_user,posts posts_fk_user", await EngineClient.RunAsync(target,
                "SELECT group_concat(concat(table_name, ' ', constraint_name) ORDER BY table_name SEPARATOR ',') FROM information_schema.table_constraints " +
                "WHERE constraint_schema = DATABASE() AND constraint_type = 'FOREIGN KEY'"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(target, "INSERT INTO posts VALUES (2, 9)"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Break test 24 B2, B17, B28: names that clash only in the target's scope — equal up to case in SQLite's one
    /// namespace, equal to a relation PostgreSQL makes by itself (an identity column's <c>t_id_seq</c>, an unnamed
    /// primary key's <c>u_pkey</c>), or NexuSQL's name for an unnamed unique key cut to PostgreSQL's 63 bytes — failed
    /// the copy with "already exists" after the rows; they are renamed, and the copy says so.
    /// </summary>
    [Fact]
    public async Task Names_that_clash_only_in_the_targets_scope_are_renamed()
    {
        try
        {
            var pg = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(pg, """
                CREATE TABLE "Orders" (id int PRIMARY KEY, v int);
                CREATE TABLE items (id int PRIMARY KEY, v int);
                CREATE INDEX orders ON items (v);
                INSERT INTO items VALUES (1, 1);
                """);
            var sqlite = await Db.NewAsync("sqlite");
            var copy = await Ok("copy", "--from", pg, "--to", sqlite);
            Assert.Contains("index orders on items is named items_orders", copy.All, StringComparison.Ordinal);
            Assert.Equal("items_orders", await EngineClient.RunAsync(sqlite, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' AND name NOT LIKE 'sqlite_%'"));

            var long1 = new string('a', 40);
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, $"""
                CREATE TABLE t (id INTEGER PRIMARY KEY, v INT);
                CREATE TABLE u (id INT PRIMARY KEY, a INT UNIQUE);
                CREATE TABLE x (id INT PRIMARY KEY, b INT, c INT);
                CREATE INDEX t_id_seq ON x (b);
                CREATE INDEX u_pkey ON x (c);
                CREATE INDEX u_a_key ON x (b, c);
                CREATE TABLE {long1} (id INT PRIMARY KEY, column_number_one INT UNIQUE, column_number_two INT UNIQUE);
                INSERT INTO t VALUES (1, 1); INSERT INTO u VALUES (1, 1); INSERT INTO {long1} VALUES (1, 1, 2);
                """);
            var target = await Db.NewAsync("postgresql");
            copy = await Ok("copy", "--from", source, "--to", target);
            Assert.Contains("index t_id_seq on x is named x_t_id_seq", copy.All, StringComparison.Ordinal);
            Assert.Contains("index u_pkey on x is named x_u_pkey", copy.All, StringComparison.Ordinal);
            Assert.Equal("x_t_id_seq,x_u_a_key,x_u_pkey", await EngineClient.RunAsync(target,
                "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'x' AND indexname <> 'x_pkey'"));
            // both long unique keys exist, under two names of at most 63 bytes, and refuse a duplicate
            Assert.Equal("2|2", await EngineClient.RunAsync(target,
                $"SELECT count(*), count(DISTINCT conname) FROM pg_constraint WHERE conrelid = '{long1}'::regclass AND contype = 'u' AND octet_length(conname) <= 63"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(target, $"INSERT INTO {long1} VALUES (2, 3, 2)"));
            await Ok("--url", target, "verify", "--against", source);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Break test 24 B2, B18, B22: names the target cannot take at all — a view named like a table up to case on
    /// SQLite, an index named PRIMARY on MariaDB, two checks of one table differing only in case on MariaDB (1826) —
    /// are refused by name before anything is written.
    /// </summary>
    [Theory]
    [InlineData("sqlite", """CREATE TABLE "V" (id int PRIMARY KEY); CREATE VIEW v AS SELECT 1 AS x;""", "table \"V\" and view \"v\"")]
    [InlineData("mysql", """CREATE TABLE t (id int PRIMARY KEY, a int); CREATE INDEX "primary" ON t (a);""", "index \"primary\" on t (MySQL/MariaDB keeps the index name PRIMARY")]
    [InlineData("mysql", """CREATE TABLE t (id int PRIMARY KEY, a int, CONSTRAINT "CK" CHECK (a > 0), CONSTRAINT ck CHECK (a < 9));""", "checks \"CK\" and \"ck\" on t")]
    [InlineData("mysql", """CREATE TABLE t (id int PRIMARY KEY, a int, b int); CREATE INDEX "Ix" ON t (a); CREATE INDEX ix ON t (b);""", "indexes \"Ix\" and \"ix\" on t")]
    public async Task Names_the_target_cannot_take_are_refused_before_writing(string engine, string script, string named)
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, script);
            var target = await Db.NewAsync(engine);
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains(named, r.All, StringComparison.Ordinal);
            Assert.Contains("Nothing was written", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, engine == "sqlite"
                ? "SELECT count(*) FROM sqlite_master"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
