namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 41: SQLite URI file names and the memdb VFS, which slipped past the checks that keep a copy from writing
/// into its own source or into memory. Each file is read with sqlite3.
/// </summary>
public sealed class BreakTest41CliTests() : ValueFidelityCliTestBase("bt41")
{
    /// <summary>
    /// F34: <c>copy --from sqlite:///fu.db --to sqlite:///file:fu.db --clean</c> emptied its own source (the URI spelling
    /// was another file to the same-database check); F21: <c>?vfs=memdb</c> made the target in-memory and the copy said
    /// "counts and hashes match", with no file left. Both refused, with nothing changed.
    /// </summary>
    [Fact]
    public Task A_sqlite_uri_file_name_and_the_memdb_vfs_are_seen_for_what_they_are() => LiveAsync(async () =>
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id integer PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a'), (2, 'b');");
        var file = source["sqlite:///".Length..];
        foreach (var same in new[] { "sqlite:///file:" + file, $"sqlite:///file://{file}?cache=private", "sqlite:///file:" + file.Replace(".db", "%2Edb", StringComparison.Ordinal) })
        {
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", same, "--clean", "--yes");
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("The source and the target are the same database", r.Stderr, StringComparison.Ordinal);
        }
        Assert.Equal("2", await EngineClient.RunAsync(source, "SELECT count(*) FROM t"));
        var memory = Db.File("mem.db");
        foreach (var args in new[] { new[] { "copy", "--from", source, "--to", $"sqlite:///{memory}?vfs=memdb" }, ["--url", $"sqlite:///{memory}?vfs=memdb", "import", await FolderAsync("in", "t", "id,v\n3,c\n")] })
        {
            var r = await CliRunner.RunAsync(args);
            Assert.True(r.ExitCode == 2, r.All);
            Assert.Contains("is an in-memory database", r.Stderr, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(memory));
    });

    /// <summary>
    /// F22: <c>restore --tables Users --replace</c> into a PostgreSQL database holding "Users" and users dropped both (and
    /// users' row was gone); <c>--tables users</c> into one holding only "Users" dropped "Users". A target table that differs
    /// from one to restore by case alone is refused by name with nothing dropped; the table spelled the same is replaced.
    /// </summary>
    [Fact]
    public Task Restore_replace_drops_only_the_table_spelled_as_the_backup_spells_it() => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        await EngineClient.RunScriptAsync(source, "CREATE TABLE \"Users\" (id int PRIMARY KEY); INSERT INTO \"Users\" VALUES (7); CREATE TABLE t (id int PRIMARY KEY);");
        await EngineClient.RunScriptAsync(target, "CREATE TABLE \"Users\" (id int PRIMARY KEY, v text); CREATE TABLE users (id int PRIMARY KEY, v text); INSERT INTO users VALUES (1, 'lower');");
        var file = Db.File("users.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var r = await CliRunner.RunAsync("--url", target, "restore", file, "--tables", "Users", "--replace", "--yes");
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("These tables of the target differ from tables to restore by case alone, which PostgreSQL holds as other tables: users (to restore: Users).", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("Users\nusers", await EngineClient.RunAsync(target, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename COLLATE \"C\""));
        Assert.Equal("1|lower", await EngineClient.RunAsync(target, "SELECT id, v FROM users"));
        // without the other spelling: the table spelled the same is replaced
        await EngineClient.RunScriptAsync(target, "ALTER TABLE users RENAME TO kept;");
        await Ok("--url", target, "restore", file, "--tables", "Users", "--replace", "--yes");
        Assert.Equal("7", await EngineClient.RunAsync(target, "SELECT id FROM \"Users\""));
        Assert.Equal("1|lower", await EngineClient.RunAsync(target, "SELECT id, v FROM kept"));
    });

    /// <summary>
    /// F15: <c>copy --data-only</c> from t(id, a) into a target t(id, "A", a) wrote a into "A" and said "counts and hashes
    /// match"; F8: import of users.csv and Users.csv into a database holding users and "Users" loaded both into "Users".
    /// Each goes into the one spelled as it is.
    /// </summary>
    [Fact]
    public Task Data_goes_into_the_table_and_column_spelled_as_it_is() => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, a text); INSERT INTO t VALUES (1, 'low');");
        await EngineClient.RunScriptAsync(target, "CREATE TABLE t (id int PRIMARY KEY, \"A\" text, a text); CREATE TABLE \"Users\" (id int PRIMARY KEY, v text); CREATE TABLE users (id int PRIMARY KEY, v text);");
        await Ok("copy", "--from", source, "--to", target, "--data-only", "--tables", "t");
        Assert.Equal("1||low", await EngineClient.RunAsync(target, "SELECT id, \"A\", a FROM t"));
        var dir = await FolderAsync("users", "users", "id,v\n1,lower\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "Users.csv"), "id,v\n2,upper\n", TestContext.Current.CancellationToken);
        await Ok("--url", target, "import", dir);
        Assert.Equal("1|lower", await EngineClient.RunAsync(target, "SELECT id, v FROM users"));
        Assert.Equal("2|upper", await EngineClient.RunAsync(target, "SELECT id, v FROM \"Users\""));
    });

    /// <summary>
    /// F1: two PostgreSQL databases, one with t("Email") and "Users", the other with t(email) and users: verify said OK
    /// (the data check paired the names regardless of case, and the schema check leaves presence to it). Between two
    /// databases of one engine that tells them apart, they are other names; across engines, they still pair.
    /// </summary>
    [Fact]
    public Task Names_that_differ_by_case_are_other_names_within_one_engine() => LiveAsync(async () =>
    {
        var (first, second) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        await EngineClient.RunScriptAsync(first, "CREATE TABLE t (id int PRIMARY KEY, \"Email\" text); INSERT INTO t VALUES (1, 'a'); CREATE TABLE \"Users\" (id int PRIMARY KEY);");
        await EngineClient.RunScriptAsync(second, "CREATE TABLE t (id int PRIMARY KEY, email text); INSERT INTO t VALUES (1, 'a'); CREATE TABLE users (id int PRIMARY KEY);");
        var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Equal(["[data] Users: only in the first database", "[data] t: columns only in the first: [Email], only in the second: [email]; comparing the others",
            "[data] users: only in the second database"], r.Stdout.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("[data]", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        // across engines a folding engine's names pair with them
        var maria = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(maria, "CREATE TABLE t (id int PRIMARY KEY, email text); INSERT INTO t VALUES (1, 'a');");
        await EngineClient.RunScriptAsync(first, "DROP TABLE \"Users\";");
        await Ok("verify", "--url", first, "--against", maria, "--checks", "data");
    });

    /// <summary>
    /// F1 (second half): <c>schema diff</c> between those two databases said "No differences", and <c>verify --checks
    /// drift</c> was OK after a case-only rename behind the tool's back — the plan paired names regardless of case. On
    /// PostgreSQL they are other tables and columns; "Users" and users of one database, refused by the plan before, are
    /// two tables that a dump applied to an empty database makes again, with no difference left.
    /// </summary>
    [Fact]
    public Task Schema_diff_and_drift_tell_names_apart_by_case_where_the_engine_does() => LiveAsync(async () =>
    {
        var (first, second) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        await EngineClient.RunScriptAsync(first, "CREATE TABLE t (id int PRIMARY KEY, \"Email\" text); CREATE TABLE \"Users\" (id int PRIMARY KEY);");
        await EngineClient.RunScriptAsync(second, "CREATE TABLE t (id int PRIMARY KEY, email text); CREATE TABLE users (id int PRIMARY KEY);");
        var diff = await CliRunner.RunAsync("schema", "diff", "--from", first, "--to", second);
        Assert.True(diff.ExitCode == 3, diff.All);
        foreach (var line in new[] { "-- create table users", "-- add column t.email text", "-- NOT INCLUDED: drop column t.Email", "-- NOT INCLUDED: drop table Users" })
            Assert.Contains(line, diff.Stdout, StringComparison.Ordinal);

        var drifted = await Db.NewAsync("postgresql");
        var folder = Migrations("case-migrations", ("V1__init.sql", "CREATE TABLE t (id int PRIMARY KEY, \"Email\" text); CREATE TABLE \"Users\" (id int PRIMARY KEY);"));
        await Ok("--url", drifted, "migrate", "--locations", folder);
        await Ok("--url", drifted, "verify", "--checks", "drift", "--locations", folder);
        await EngineClient.RunScriptAsync(drifted, "ALTER TABLE t RENAME COLUMN \"Email\" TO email; ALTER TABLE \"Users\" RENAME TO users;");
        var drift = await CliRunner.RunAsync("--url", drifted, "verify", "--checks", "drift", "--locations", folder);
        Assert.True(drift.ExitCode == 3, drift.All);
        Assert.Equal(["[drift] live schema differs from the migrations: add column t.email text", "[drift] live schema differs from the migrations: create table users",
            "[drift] live schema differs from the migrations: drop column t.Email", "[drift] live schema differs from the migrations: drop table Users"], Lines(drift, "drift").Order(StringComparer.Ordinal));

        // both spellings in one database: dumped, applied to an empty one, nothing left to do
        await EngineClient.RunScriptAsync(first, "CREATE TABLE users (id int PRIMARY KEY, uid int REFERENCES \"Users\" (id)); ALTER TABLE \"Users\" ADD COLUMN email text;");
        var file = Db.File("case.json");
        await Ok("--url", first, "schema", "dump", "-o", file);
        var empty = await Db.NewAsync("postgresql");
        await Ok("--url", empty, "schema", "apply", file);
        Assert.Equal("Users|email,id\nt|Email,id\nusers|id,uid", await EngineClient.RunAsync(empty,
            "SELECT table_name, string_agg(column_name, ',' ORDER BY column_name COLLATE \"C\") FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name COLLATE \"C\""));
        Assert.Contains("No differences.", (await Ok("--url", empty, "schema", "apply", file)).Stdout, StringComparison.Ordinal);
    });

    /// <summary>
    /// F12: a schema file with columns Note and note applied to MariaDB or SQLite: the dry run printed the CREATE and
    /// said nothing, then the engine failed with "Duplicate column name". Refused by name before anything runs; on
    /// PostgreSQL, which tells them apart, the file applies.
    /// </summary>
    [Fact]
    public Task Columns_one_engine_takes_for_one_are_refused_by_the_plan() => LiveAsync(async () =>
    {
        var file = Db.File("note.json");
        await File.WriteAllTextAsync(file, """
            {"tables":[{"name":"orders","columns":[{"name":"id","type":"int64","nullable":false},{"name":"Note","type":"string(20)"},{"name":"note","type":"string(20)"}],"primaryKey":{"columns":["id"]}}]}
            """, TestContext.Current.CancellationToken);
        foreach (var (engine, name) in new[] { ("mysql", "MySQL/MariaDB"), ("sqlite", "SQLite") })
        {
            var db = await Db.NewAsync(engine);
            foreach (var dryRun in new[] { true, false })
            {
                var r = await CliRunner.RunAsync(["--url", db, "--yes", "schema", "apply", file, .. dryRun ? ["--dry-run"] : Array.Empty<string>()]);
                Assert.True(r.ExitCode == 4, r.All);
                Assert.Contains($"columns Note and note of table orders (their names differ only in case, and {name} takes them for one column; rename one in the file)", r.All, StringComparison.Ordinal);
            }
            Assert.Equal("0", await EngineClient.RunAsync(db, engine == "sqlite" ? "SELECT count(*) FROM sqlite_master WHERE name = 'orders'"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = database()"));
        }
        var pg = await Db.NewAsync("postgresql");
        await Ok("--url", pg, "schema", "apply", file);
        Assert.Equal("Note,id,note", await EngineClient.RunAsync(pg, "SELECT string_agg(column_name, ',' ORDER BY column_name COLLATE \"C\") FROM information_schema.columns WHERE table_name = 'orders'"));
    });

    /// <summary>
    /// F24: an unnamed unique key of a SQLite table with a 58-character name, copied into MariaDB: the name NexuSQL gives
    /// it (table_column_key, 72 characters) failed with error 1059 after the rows, and --resume failed the same way. It
    /// is fitted to 64 characters, as into PostgreSQL, and named.
    /// </summary>
    [Fact]
    public Task A_generated_key_name_is_fitted_to_mariadb() => LiveAsync(async () =>
    {
        var table = new string('b', 58);
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, $"CREATE TABLE {table} (id integer PRIMARY KEY, col_one_x int UNIQUE, col_one_y int UNIQUE); INSERT INTO {table} VALUES (1, 1, 1);");
        var maria = await Db.NewAsync("mysql");
        var copy = await Ok("copy", "--from", source, "--to", maria);
        Assert.Contains($"unique key {table}_col_one_x_key on {table} is named {table[..55]}_", copy.All, StringComparison.Ordinal);
        var keys = (await EngineClient.RunAsync(maria, $"SELECT index_name, column_name FROM information_schema.statistics WHERE table_schema = database() AND table_name = '{table}' AND non_unique = 0 AND index_name <> 'PRIMARY' ORDER BY column_name")).Split('\n');
        Assert.Equal(2, keys.Length);
        Assert.All(keys, k => Assert.True(k.Split('|')[0].Length == 64, k));
        Assert.Equal(["col_one_x", "col_one_y"], keys.Select(k => k.Split('|')[1]));
        Assert.Equal("1|1|1", await EngineClient.RunAsync(maria, $"SELECT * FROM {table}"));
    });

    /// <summary>
    /// F29: sequences "Seq" and seq, identity columns "ID" and id of one table: verify read one for both, and a position
    /// set back (or ahead) on seq or id was OK. Each is compared with the one spelled as it is.
    /// </summary>
    [Fact]
    public Task Positions_of_sequences_that_differ_by_case_are_each_compared() => LiveAsync(async () =>
    {
        var (first, second) = (await Db.NewAsync("postgresql"), await Db.NewAsync("postgresql"));
        await EngineClient.RunScriptAsync(first, "CREATE SEQUENCE \"Seq\"; CREATE SEQUENCE seq; CREATE TABLE x (\"ID\" int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, " +
            "id int GENERATED BY DEFAULT AS IDENTITY UNIQUE, v text); INSERT INTO x (v) VALUES ('a'), ('b');");
        await Ok("copy", "--from", first, "--to", second);
        await Ok("verify", "--url", first, "--against", second, "--checks", "data");
        await EngineClient.RunScriptAsync(second, "SELECT setval('seq', 70); SELECT setval(pg_get_serial_sequence('x', 'id'), 500);");
        Assert.Equal("70|1", await EngineClient.RunAsync(second, "SELECT (SELECT last_value FROM seq), (SELECT last_value FROM \"Seq\")"));
        var r = await CliRunner.RunAsync("verify", "--url", first, "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Equal(["[data] seq: the sequence's next value is 1 in the first database, 71 in the second",
            "[data] x: column id: the next value it generates is 3 in the first database, 501 in the second"],
            r.Stdout.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("[data]", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    });

    /// <summary>
    /// F25: a MariaDB view and procedure with DEFINER lim@% (SQL SECURITY DEFINER) became the copying account's: lim could
    /// then read through the view a table it was denied; the copy said nothing and verify said OK. Named per definer as
    /// left out, and compared by verify; an SQL SECURITY INVOKER view, which runs as its caller, is not named.
    /// </summary>
    [Fact]
    public Task Objects_running_as_another_definer_are_named_and_compared() => LiveAsync(async () =>
    {
        var (source, target) = (await Db.NewAsync("mysql"), await Db.NewAsync("mysql"));
        await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY); CREATE DEFINER = 'lim41'@'%' VIEW v AS SELECT * FROM t;" +
            "CREATE DEFINER = 'lim41'@'%' PROCEDURE p() SELECT 1; CREATE DEFINER = 'lim41'@'%' SQL SECURITY INVOKER VIEW vi AS SELECT * FROM t; CREATE VIEW w AS SELECT * FROM t;");
        Assert.Equal("lim41@%", await EngineClient.RunAsync(source, "SELECT definer FROM information_schema.views WHERE table_schema = DATABASE() AND table_name = 'v'"));
        const string Entry = "objects defined by lim41@%: procedure p, view v (DEFINER: not carried; the copy's run as the account that makes them: recreate them with DEFINER = lim41@%)";
        var copy = await Ok("copy", "--from", source, "--to", target);
        Assert.Contains(Entry, copy.All, StringComparison.Ordinal);
        Assert.NotEqual("lim41@%", await EngineClient.RunAsync(target, "SELECT definer FROM information_schema.views WHERE table_schema = DATABASE() AND table_name = 'v'"));
        var r = await CliRunner.RunAsync("verify", "--url", source, "--against", target, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Equal(["[schema] only in the first database (not in the schema model): " + Entry],
            r.Stdout.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("[schema]", StringComparison.Ordinal)));
    });

    /// <summary>
    /// F27: a SQLite table with a column named rowid: its values (5, 7) were read as the hidden rowids and named as "rowids
    /// ... which are no column" right after a clean copy. The hidden rowid is read through an alias no column takes.
    /// </summary>
    [Fact]
    public Task A_column_named_rowid_is_no_hidden_rowid() => LiveAsync(async () =>
    {
        var (pg, lite) = (await Db.NewAsync("postgresql"), await Db.NewAsync("sqlite"));
        await EngineClient.RunScriptAsync(pg, "CREATE TABLE t2 (rowid int, v text); INSERT INTO t2 VALUES (5, 'a'), (7, 'b');");
        var copy = await Ok("copy", "--from", pg, "--to", lite);
        Assert.DoesNotContain("rowids of t2", copy.All, StringComparison.Ordinal);
        Assert.Equal("1|5|a\n2|7|b", await EngineClient.RunAsync(lite, "SELECT oid, rowid, v FROM t2 ORDER BY oid"));
        await Ok("verify", "--url", pg, "--against", lite);
        // the hidden rowids renumbered (2 and 3): named, read through oid
        await EngineClient.RunScriptAsync(lite, "DELETE FROM t2 WHERE v = 'a'; INSERT INTO t2 VALUES (5, 'a');");
        Assert.Equal("2|7|b\n3|5|a", await EngineClient.RunAsync(lite, "SELECT oid, rowid, v FROM t2 ORDER BY oid"));
        var r = await CliRunner.RunAsync("verify", "--url", pg, "--against", lite);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("rowids of t2: 2 rows numbered 2 to 3", r.Stdout, StringComparison.Ordinal);
    });
}
