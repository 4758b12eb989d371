namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 11, break-test F11: what refusals and differences say, and what they refuse. A text key with spaces at its
/// end, an empty one, one holding a quote and a binary one are named so they can be found (<c>code='ab '</c>,
/// <c>h=X'00FF41'</c>; they read as <c>code=ab</c> and <c>h=&lt;3 bytes&gt;</c> before). SQLite's own integer type names
/// (INT2, INT8, TINYINT, MEDIUMINT, UNSIGNED BIG INT: sqlite.org/datatype3.html) move as integers instead of being
/// refused as engine-native. A generated column dividing integers is refused into MariaDB before anything is written
/// (it computed 2 where PostgreSQL holds 1, found only by the check after the load). Tables whose names differ only in
/// case, left out by --tables, do not hide the real outcome of a copy or verify of the others.
/// </summary>
public sealed class KeyWordingCliTests() : ValueFidelityCliTestBase("key-wording")
{
    private const string Keys = """
        CREATE TABLE s (code text PRIMARY KEY, v int); INSERT INTO s VALUES ('ab ', 1), ('ab', 2), ('', 3), ('x''y', 4);
        CREATE TABLE b (h bytea PRIMARY KEY, v int); INSERT INTO b VALUES ('\x00ff41', 1), ('\x', 2);
        """;

    [Fact]
    public async Task Verify_and_a_value_refusal_name_text_and_binary_keys_so_they_can_be_found()
    {
        try
        {
            var first = await Db.NewAsync("postgresql");
            var second = await Db.NewAsync("postgresql");
            foreach (var db in new[] { first, second }) await EngineClient.RunScriptAsync(db, Keys);
            await EngineClient.RunScriptAsync(second, "UPDATE s SET v = v + 10; UPDATE b SET v = v + 10");
            Assert.Equal("ab |11\nab|12\n|13\nx'y|14", await EngineClient.RunAsync(second, "SELECT code, v FROM s ORDER BY v"));
            var r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--tables", "s,b");
            Assert.True(r.ExitCode == 3, r.All);
            foreach (var key in new[] { "s: code='ab ': row differs in v", "s: code=ab: row differs in v", "s: code='': row differs in v", "s: code='x''y': row differs in v",
                         "b: h=X'00FF41': row differs in v", "b: h=X'': row differs in v" })
                Assert.Contains(key, r.All, StringComparison.Ordinal);

            // a value refusal names the key the same way
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE f (code text PRIMARY KEY, d double precision); INSERT INTO f VALUES ('ab ', 'NaN')");
            var maria = await Db.NewAsync("mysql");
            var refused = await CliRunner.RunAsync("copy", "--from", source, "--to", maria);
            Assert.True(refused.ExitCode == 1, refused.All);
            Assert.Contains("Table f, column d, row code='ab ': NaN has no equivalent", refused.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SHOW TABLES"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Sqlite_integer_type_names_move_as_integers_and_a_value_beyond_the_target_is_refused_by_key()
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT2, b INT8, c TINYINT, d MEDIUMINT, e UNSIGNED BIG INT, f INT4); " +
                "INSERT INTO t VALUES (1, -32768, 9223372036854775807, 127, 8388607, 9223372036854775806, -2147483648);");
            var (copied, restored) = await MoveAsync(source, "postgresql");
            const string Types = "SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 't'";
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("id bigint, a smallint, b bigint, c smallint, d integer, e bigint, f integer", await EngineClient.RunAsync(target, Types));
                Assert.Equal("1|-32768|9223372036854775807|127|8388607|9223372036854775806|-2147483648", await EngineClient.RunAsync(target, "SELECT * FROM t"));
            }
            // SQLite → SQLite keeps the declared names
            var (sqliteCopy, _) = await MoveAsync(source, "sqlite");
            Assert.Equal("INT2|INT8|TINYINT|MEDIUMINT|UNSIGNED BIG INT|INT4", await EngineClient.RunAsync(sqliteCopy, "SELECT group_concat(type, '|') FROM (SELECT type FROM pragma_table_info('t') WHERE name <> 'id' ORDER BY cid)"));

            // SQLite stores any integer in an INT2 column: one PostgreSQL's smallint cannot hold is refused by key
            await EngineClient.RunScriptAsync(source, "INSERT INTO t (id, a) VALUES (2, 100000)");
            var target2 = await Db.NewAsync("postgresql");
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target2);
            Assert.True(r.ExitCode == 1, r.All);
            Assert.Contains("Table t, column a, row id=2: 100000 is out of range", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target2, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_generated_column_dividing_integers_is_refused_into_mariadb_before_writing_and_kept_into_sqlite()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            // tables whose names differ only in case, left out by --tables, must not hide the outcome
            await EngineClient.RunScriptAsync(source, "CREATE TABLE \"Users\" (id int PRIMARY KEY); CREATE TABLE users (id int PRIMARY KEY); " +
                "CREATE TABLE g (id int PRIMARY KEY, x int, y int GENERATED ALWAYS AS (x / 2) STORED); INSERT INTO g (id, x) VALUES (1, 3), (2, -3)");
            Assert.Equal("1|3|1\n2|-3|-1", await EngineClient.RunAsync(source, "SELECT * FROM g ORDER BY id"));
            var maria = await Db.NewAsync("mysql");
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", maria, "--tables", "g");
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("g.y (generated as (x / 2): the operator / divides integers differently (PostgreSQL: 7 / 2 = 3; MySQL/MariaDB: 3.5))", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("differ only in case", r.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SHOW TABLES"));

            // SQLite divides integers as PostgreSQL does: the column is generated there with the same values
            var sqlite = await Db.NewAsync("sqlite");
            await Ok("copy", "--from", source, "--to", sqlite, "--tables", "g");
            Assert.Equal("1|3|1\n2|-3|-1", await EngineClient.RunAsync(sqlite, "SELECT * FROM g ORDER BY id"));
            await EngineClient.RunScriptAsync(sqlite, "UPDATE g SET x = 7 WHERE id = 1");
            Assert.Equal("3", await EngineClient.RunAsync(sqlite, "SELECT y FROM g WHERE id = 1"));
            var same = await Db.NewAsync("postgresql");
            await Ok("copy", "--from", source, "--to", same, "--tables", "g");
            await EngineClient.RunScriptAsync(same, "UPDATE g SET x = 9 WHERE id = 2");
            var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", same, "--tables", "g");
            Assert.True(verify.ExitCode == 3, verify.All);
            Assert.Contains("g: id=2: row differs in x, y", verify.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
