namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 11's last inputs (MariaDB zero dates with a time, SQLite JSON affinity, jsonb number spellings, SQLite schema
/// text that is not UTF-8, LOAD DATA warnings): each value arrives identical, read back with the engine's own client,
/// or the move is refused with one <c>value</c> error naming table, column and key, before anything is written.
/// </summary>
public sealed class FidelityEdgeCliTests() : ValueFidelityCliTestBase("fidelity-edge")
{
    [Fact]
    public async Task Mariadb_tinyint1_beside_an_enum_keeps_2_and_minus_1_same_engine()
    {
        // the #16 break test: with an ENUM column in the table (no bulk load), a TINYINT(1) holding 2 "verified" in the
        // backup and was then refused by restore and copy, even MariaDB→MariaDB ("the integer 2 is not a boolean value")
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, "CREATE TABLE m (id INT PRIMARY KEY, e ENUM('a','b'), yn TINYINT(1)); " +
                "INSERT INTO m VALUES (1, 'a', 2), (2, 'b', -1), (3, NULL, 127), (4, 'a', 1), (5, 'b', 0), (6, NULL, NULL)");
            var (copied, restored) = await MoveAsync(source, "mysql");
            await AssertSameAsync("SELECT id, e, yn FROM m ORDER BY id", source, copied, restored);
            Assert.Equal("1|a|2", (await EngineClient.RunAsync(restored, "SELECT id, e, yn FROM m WHERE id = 1")));
            await Ok("--url", source, "verify", "--against", restored, "--checks", "data");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Mariadb_zero_dates_keep_their_time_and_fraction_and_a_change_of_fraction_is_found()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION';
                CREATE TABLE z (id INT PRIMARY KEY, d DATE, t DATETIME(6), t0 DATETIME, ts TIMESTAMP(3) NULL);
                INSERT INTO z VALUES
                  (1, '0000-00-00', '0000-00-00 00:00:00.000001', '0000-00-00 10:00:00', '0000-00-00 00:00:00.000'),
                  (2, '2020-05-00', '2020-05-00 10:00:00.5', '2020-00-01 01:02:03', NULL),
                  (3, '2024-01-01', '2024-01-01 00:00:00.25', '2024-01-01 00:00:01', '2024-01-01 00:00:00.125'),
                  (4, '0000-00-00', '0000-00-00 23:59:59.999999', '0000-00-00 00:00:00', '1999-12-31 23:59:59.001');
                """);
            var (copied, restored) = await MoveAsync(source, "mysql");
            await AssertSameAsync("SELECT id, d, t, t0, ts FROM z ORDER BY id", source, copied, restored);
            Assert.Contains("0000-00-00 00:00:00.000001", await EngineClient.RunAsync(restored, "SELECT t FROM z WHERE id = 1"), StringComparison.Ordinal);
            var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", restored);
            Assert.True(verify.ExitCode == 0, verify.All);

            // a microsecond of difference in a zero date is a difference, named by key
            await EngineClient.RunAsync(copied, "SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'; UPDATE z SET t = '0000-00-00 00:00:00.000002' WHERE id = 1");
            verify = await CliRunner.RunAsync("--url", source, "verify", "--against", copied);
            Assert.True(verify.ExitCode == 3, verify.All);
            Assert.Contains("z: id=1", verify.All, StringComparison.Ordinal);

            // elsewhere a zero date with a time is refused by key, the valid ones arrive
            var pg = await Db.NewAsync("postgresql");
            AssertValueError(await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", pg), "z", "d", "id=1");
            await EngineClient.RunAsync(source, "DELETE FROM z WHERE id <> 3");
            var (pgCopied, _) = await MoveAsync(source, "postgresql");
            Assert.Equal("3|2024-01-01|2024-01-01 00:00:00.25|2024-01-01 00:00:01|2024-01-01 00:00:00.125+00",
                await EngineClient.RunAsync(pgCopied, "SET TIME ZONE 'UTC'; SELECT id, d, t, t0, ts FROM z"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Jsonb_numbers_it_would_respell_are_refused_by_key_before_the_load()
    {
        try
        {
            // MariaDB's JSON keeps numbers as written; jsonb keeps them as numeric (1e2 → 100, -0 → 0, 1e400 → 401 digits)
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE j (id INT PRIMARY KEY, doc JSON);
                INSERT INTO j VALUES (1, '{"a": 1.0, "b": [1, 2.50, -3]}'), (2, '{"n": 1e2}'), (3, '[0, -0]'), (4, '1.0E+2'), (5, '[1e400]'), (6, '0.000001');
                """);
            async Task<string> JsonbTargetAsync()
            {
                var target = await Db.NewAsync("postgresql");
                await EngineClient.RunAsync(target, "CREATE TABLE j (id int PRIMARY KEY, doc jsonb)");
                return target;
            }
            foreach (var (id, number) in new[] { (2, "1e2 as 100"), (3, "-0 as 0"), (4, "1.0E+2 as 100"), (5, "1e400 as a number of 401 characters") })
            {
                var jsonb = await JsonbTargetAsync();
                var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", jsonb, "--data-only");
                var error = AssertValueError(r, "j", "doc", $"id={id}");
                Assert.Contains($"jsonb would store the number {number}", error.GetProperty("message").GetString(), StringComparison.Ordinal);
                Assert.Equal("0", await EngineClient.RunAsync(jsonb, "SELECT count(*) FROM j"));
                await EngineClient.RunAsync(source, $"DELETE FROM j WHERE id = {id}");
            }
            var loaded = await JsonbTargetAsync();
            await Ok("copy", "--from", source, "--to", loaded, "--data-only");
            Assert.Equal(await EngineClient.RunAsync(source, "SELECT id, doc FROM j ORDER BY id"), await EngineClient.RunAsync(loaded, "SELECT id, doc::text FROM j ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Json_scalars_that_read_as_numbers_keep_their_text_in_sqlite_or_are_refused_by_key()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE j (id INT PRIMARY KEY, doc JSON);
                INSERT INTO j VALUES (1, '1.0'), (2, '1E2'), (3, '-0'), (4, '{"a": 1.0}'), (5, '"1.0"'), (6, '7');
                """);
            // NexuSQL declares JSON_TEXT (TEXT affinity): every scalar stays the text it was
            var (copied, restored) = await MoveAsync(source, "sqlite");
            var written = await EngineClient.RunAsync(source, "SELECT id, doc FROM j ORDER BY id");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(written, await EngineClient.RunAsync(target, "SELECT id, doc FROM j ORDER BY id"));
                Assert.Equal("text", await EngineClient.RunAsync(target, "SELECT DISTINCT typeof(doc) FROM j"));
                Assert.Equal("JSON_TEXT", await EngineClient.RunAsync(target, "SELECT type FROM pragma_table_info('j') WHERE name = 'doc'"));
            }
            // and reads back as json: SQLite → SQLite and → PostgreSQL keep it a JSON column
            var (again, _) = await MoveAsync(copied, "sqlite");
            Assert.Equal("JSON_TEXT", await EngineClient.RunAsync(again, "SELECT type FROM pragma_table_info('j') WHERE name = 'doc'"));
            Assert.Equal(written, await EngineClient.RunAsync(again, "SELECT id, doc FROM j ORDER BY id"));
            var (pg, _) = await MoveAsync(copied, "postgresql");
            Assert.Equal("json", await EngineClient.RunAsync(pg, "SELECT DISTINCT pg_typeof(doc) FROM j"));
            Assert.Equal(written, await EngineClient.RunAsync(pg, "SELECT id, doc::text FROM j ORDER BY id"));

            // into a column someone declared JSON (NUMERIC affinity), '1.0' would become the number 1: refused by key
            var numeric = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(numeric, "CREATE TABLE j (id INTEGER PRIMARY KEY, doc JSON)");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", numeric, "--data-only");
            var error = AssertValueError(r, "j", "doc", "id=1");
            Assert.Contains("NUMERIC affinity", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(numeric, "SELECT count(*) FROM j"));
            // also from SQLite's own JSON_TEXT column (same portable type, declared otherwise)
            var numericToo = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(numericToo, "CREATE TABLE j (id INTEGER PRIMARY KEY, doc JSON)");
            AssertValueError(await CliRunner.RunAsync("--json", "copy", "--from", copied, "--to", numericToo, "--data-only"), "j", "doc", "id=1");
            Assert.Equal("0", await EngineClient.RunAsync(numericToo, "SELECT count(*) FROM j"));
            // a SQLite database whose JSON column has NUMERIC affinity keeps it when moved SQLite → SQLite
            var own = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(own, "CREATE TABLE j (id INTEGER PRIMARY KEY, doc JSON); INSERT INTO j VALUES (1, '1.0'), (2, '{\"a\": 1}')");
            var (kept, keptRestored) = await MoveAsync(own, "sqlite");
            await AssertSameAsync("SELECT id, typeof(doc), doc FROM j ORDER BY id", own, kept, keptRestored);
            Assert.Equal("JSON", await EngineClient.RunAsync(kept, "SELECT type FROM pragma_table_info('j') WHERE name = 'doc'"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Writes <paramref name="create"/> into a new SQLite database, then puts the byte E9 (Latin-1 'é', not UTF-8) in
    /// place of each '~' of its stored text (PRAGMA writable_schema), as a tool writing Latin-1 would have.
    /// </summary>
    private async Task<string> SqliteWithLatin1SchemaAsync(string create, string name)
    {
        var db = await Db.NewAsync("sqlite");
        static string Hex(string s) => string.Join("E9", s.Split('~').Select(p => Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(p))));
        await EngineClient.RunScriptAsync(db, $"""
            CREATE TABLE keep (id INTEGER PRIMARY KEY);
            {create};
            PRAGMA writable_schema = ON;
            UPDATE sqlite_master SET sql = CAST(x'{Hex(create)}' AS TEXT) WHERE name = '{name}';
            PRAGMA writable_schema = OFF;
            """);
        return db;
    }

    [Theory]
    [InlineData("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT DEFAULT 'Jos~')", "t", "t", "s", "its default", "274A6F73E927")]
    [InlineData("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT CHECK (s <> 'Jos~'))", "t", "t", "", "its CREATE TABLE text", "4A6F73E927")]
    [InlineData("CREATE VIEW v AS SELECT 'Jos~' AS s", "v", "v", "", "the definition of view v", "4A6F73E927")]
    [InlineData("CREATE TABLE t (id INTEGER PRIMARY KEY, \"nom~\" TEXT)", "t", "t", "nom\uFFFD", "its name", "6E6F6DE9")]
    public async Task Sqlite_schema_text_that_is_not_utf8_is_refused_by_name_with_its_bytes(string create, string name, string table, string column, string what, string hex)
    {
        try
        {
            var source = await SqliteWithLatin1SchemaAsync(create, name);
            var file = Db.File("latin1-schema.nxb");
            var runs = new[]
            {
                await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", await Db.NewAsync("sqlite")),
                await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", await Db.NewAsync("postgresql")),
                await CliRunner.RunAsync("--url", source, "--json", "backup", "-o", file),
                await CliRunner.RunAsync("--url", source, "--json", "schema", "dump"),
            };
            foreach (var r in runs)
            {
                var error = AssertValueError(r, table, column, "");
                Assert.StartsWith(what, error.GetProperty("object").GetString(), StringComparison.Ordinal);
                Assert.Contains(hex, error.GetProperty("message").GetString(), StringComparison.Ordinal);
            }
            Assert.False(System.IO.File.Exists(file));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "latin1-schema*"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Mariadb_load_data_warnings_name_the_row_by_its_key_in_any_statement_of_the_load()
    {
        try
        {
            // ✓ is not in latin1 (MariaDB's latin1 is cp1252: € is); LOAD DATA stores '?' with a warning "at row N"
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(source, """
                CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, n INT);
                INSERT INTO t VALUES (10, 'a', 1), (20, 'price 5€', 2), (30, 'check ✓', 3), (40, 'd', 4);
                CREATE TABLE big (id INTEGER PRIMARY KEY, s TEXT);
                WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 100010)
                INSERT INTO big SELECT i, CASE i WHEN 100007 THEN 'x ✓' ELSE 'row ' || i END FROM r;
                """);
            var target = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(target, """
                CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(20) CHARACTER SET latin1, n INT);
                CREATE TABLE big (id INT PRIMARY KEY, s VARCHAR(20) CHARACTER SET latin1);
                """);
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--data-only", "--tables", "t");
            var error = AssertValueError(r, "t", "s", "id=30");
            Assert.Contains("Incorrect string value", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("at row", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM t"));

            // the load goes in statements of 100,000 rows: row 7 of the second is still named by its key
            var other = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(other, "CREATE TABLE big (id INT PRIMARY KEY, s VARCHAR(20) CHARACTER SET latin1)");
            r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", other, "--data-only", "--tables", "big");
            AssertValueError(r, "big", "s", "id=100007");
            Assert.Equal("0", await EngineClient.RunAsync(other, "SELECT COUNT(*) FROM big"));

            // without the bad row every statement of the load arrives
            await EngineClient.RunAsync(source, "UPDATE big SET s = 'x' WHERE id = 100007");
            var clean = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(clean, "CREATE TABLE big (id INT PRIMARY KEY, s VARCHAR(20) CHARACTER SET latin1)");
            await Ok("copy", "--from", source, "--to", clean, "--data-only", "--tables", "big");
            Assert.Equal("100010|100010|row 100010", await EngineClient.RunAsync(clean, "SELECT COUNT(*), MAX(id), MAX(CASE WHEN id = 100010 THEN s END) FROM big"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("postgresql")]
    public async Task A_data_only_copy_refused_before_writing_leaves_no_marker(string engine)
    {
        // a refusal before anything was written left nexusql_copy_incomplete, and the next copy was refused
        // ("add --resume ... or --clean") although the target was as it was
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE a (id INT PRIMARY KEY, s VARCHAR(20));
                CREATE TABLE t (id INT PRIMARY KEY, a_id INT, s VARCHAR(20));
                INSERT INTO a VALUES (1, 'one'), (2, 'two');
                INSERT INTO t VALUES (1, 1, 'ok'), (2, 2, 'far too long'), (3, 1, 'ok 3');
                """);
            var target = await Db.NewAsync(engine);
            // t refers to a in the target: a data-only copy loads a first
            await EngineClient.RunAsync(target, """
                CREATE TABLE a (id INT PRIMARY KEY, s VARCHAR(20));
                CREATE TABLE t (id INT PRIMARY KEY, a_id INT REFERENCES a (id), s VARCHAR(5) UNIQUE);
                """);
            var markers = engine == "mysql"
                ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'nexusql_copy_incomplete'"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'nexusql_copy_incomplete'";

            // refused in the first table: nothing written, no marker, and the message says so
            var refused = await CliRunner.RunAsync("--json", "copy", "--data-only", "--tables", "t", "--from", source, "--to", target);
            var error = AssertValueError(refused, "t", "s", "id=2");
            Assert.Contains("Nothing was written to the target", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("--resume", refused.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, markers));
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM t"));

            // a source that refuses the login: the same
            var badLogin = System.Text.RegularExpressions.Regex.Replace(source, "//[^@/]*@", "//nexusql_nobody:wrong@");
            var login = await CliRunner.RunAsync("--json", "copy", "--data-only", "--from", badLogin, "--to", target);
            Assert.True(login.ExitCode == 1, login.All);
            Assert.Equal("connection", login.Json.GetProperty("error").GetProperty("kind").GetString());
            Assert.DoesNotContain("--resume", login.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, markers));

            // refused in the second table: found before a is written (issue 11, F15), so nothing is kept either
            refused = await CliRunner.RunAsync("--json", "copy", "--data-only", "--from", source, "--to", target);
            error = AssertValueError(refused, "t", "s", "id=2");
            Assert.Contains("Nothing was written to the target", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, markers));
            Assert.Equal("0|0", await EngineClient.RunAsync(target, "SELECT (SELECT COUNT(*) FROM a), (SELECT COUNT(*) FROM t)"));

            // a unique constraint of the target's own: found by the trial load into the target, rolled back (break test
            // F1/F23, session 19), so it too is refused by table, key and constraint before a is written, with no marker
            await EngineClient.RunAsync(source, "UPDATE t SET s = 'ok' WHERE id = 2");
            var failed = await CliRunner.RunAsync("--json", "copy", "--data-only", "--from", source, "--to", target);
            Assert.True(failed.ExitCode == 1, failed.All);
            Assert.DoesNotContain("   at ", failed.All, StringComparison.Ordinal);
            var constraint = failed.Json.GetProperty("error");
            // (the key named is one of the two rows the unique constraint takes for one)
            Assert.Equal(("constraint", "t"), (constraint.GetProperty("kind").GetString(), constraint.GetProperty("table").GetString()));
            Assert.Contains(constraint.GetProperty("key").GetString(), new[] { "id=1", "id=2" });
            Assert.Contains("Nothing was written to the target", constraint.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, markers));
            Assert.Equal("0|0", await EngineClient.RunAsync(target, "SELECT (SELECT COUNT(*) FROM a), (SELECT COUNT(*) FROM t)"));

            // fixed at the source, a plain copy takes both; both sides read alike with the engines' clients
            await EngineClient.RunAsync(source, "UPDATE t SET s = 'long' WHERE id = 2");
            await Ok("copy", "--data-only", "--from", source, "--to", target);
            Assert.Equal("0", await EngineClient.RunAsync(target, markers));
            foreach (var sql in new[] { "SELECT id, s FROM a ORDER BY id", "SELECT id, a_id, s FROM t ORDER BY id" })
                Assert.Equal(await EngineClient.RunAsync(source, sql), await EngineClient.RunAsync(target, sql));

            // and a fresh target refused in its only table takes a plain copy afterwards (no --resume, no --clean)
            var fresh = await Db.NewAsync(engine);
            await EngineClient.RunAsync(fresh, "CREATE TABLE t (id INT PRIMARY KEY, a_id INT, s VARCHAR(3))");
            AssertValueError(await CliRunner.RunAsync("--json", "copy", "--data-only", "--tables", "t", "--from", source, "--to", fresh), "t", "s", "id=2");
            await EngineClient.RunAsync(fresh, "ALTER TABLE t " + (engine == "mysql" ? "MODIFY s VARCHAR(5)" : "ALTER COLUMN s TYPE VARCHAR(5)"));
            await Ok("copy", "--data-only", "--tables", "t", "--from", source, "--to", fresh);
            Assert.Equal(await EngineClient.RunAsync(source, "SELECT id, a_id, s FROM t ORDER BY id"), await EngineClient.RunAsync(fresh, "SELECT id, a_id, s FROM t ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Mariadb_invalid_dates_arrive_identical_between_mariadb_and_are_refused_by_key_elsewhere()
    {
        // '2020-02-30', stored under sql_mode ALLOW_INVALID_DATES, is neither a valid date nor a zero date: it was
        // refused by key even MariaDB→MariaDB
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                SET SESSION sql_mode = 'ALLOW_INVALID_DATES';
                CREATE TABLE iv (id INT PRIMARY KEY, d DATE, t DATETIME(6), t0 DATETIME);
                INSERT INTO iv VALUES
                  (1, '2020-02-30', '2020-02-30 10:00:00.5', '2021-04-31 00:00:00'),
                  (2, '2024-02-29', '2024-02-29 23:59:59.999999', '2024-02-29 00:00:00'),
                  (3, '2019-02-29', '0000-00-00 10:00:00', '2023-06-31 12:00:00'),
                  (4, '2023-11-31', '2023-09-31 00:00:00.000001', NULL);
                """);
            // the server kept them as written (a guard against a server that turned them into zero dates)
            Assert.Equal("1|2020-02-30|2020-02-30 10:00:00.500000|2021-04-31 00:00:00", await EngineClient.RunAsync(source, "SELECT id, d, t, t0 FROM iv WHERE id = 1"));

            var (copied, restored) = await MoveAsync(source, "mysql");
            await AssertSameAsync("SELECT id, d, t, t0 FROM iv ORDER BY id", source, copied, restored);
            await Ok("--url", source, "verify", "--against", restored, "--checks", "data");
            await Ok("--url", source, "verify", "--against", copied, "--checks", "data");

            // a change of a second (to another invalid date) and of a day (to a valid one) are found by key
            await EngineClient.RunAsync(copied, "SET SESSION sql_mode = 'ALLOW_INVALID_DATES'; UPDATE iv SET t0 = '2023-06-31 12:00:01' WHERE id = 3");
            await EngineClient.RunAsync(restored, "UPDATE iv SET d = '2020-02-29' WHERE id = 1");
            foreach (var (changed, key) in new[] { (copied, "id=3"), (restored, "id=1") })
            {
                var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", changed, "--checks", "data");
                Assert.True(verify.ExitCode == 3, verify.All);
                Assert.Contains($"iv: {key}", verify.All, StringComparison.Ordinal);
            }

            // PostgreSQL and SQLite have no such dates: copy and restore are refused by table, column and key
            await AssertRefusedAsync(source, "postgresql", "iv", "d", "id=1");
            await AssertRefusedAsync(source, "sqlite", "iv", "d", "id=1");
            await EngineClient.RunAsync(source, "UPDATE iv SET d = NULL");
            await AssertRefusedAsync(source, "postgresql", "iv", "t", "id=1");
            await EngineClient.RunAsync(source, "UPDATE iv SET t = NULL WHERE id = 1");
            await AssertRefusedAsync(source, "sqlite", "iv", "t0", "id=1");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Mariadb_auto_increment_id_0_made_under_no_auto_value_on_zero_arrives_as_0()
    {
        // the break test: LOAD DATA and INSERT turned the id 0 into the next id ("Duplicate entry '1'"), even MariaDB→MariaDB
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE ai (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10));
                CREATE TABLE aj (id INT AUTO_INCREMENT PRIMARY KEY, e ENUM('a','b'));
                SET SESSION sql_mode = CONCAT_WS(',', @@SESSION.sql_mode, 'NO_AUTO_VALUE_ON_ZERO');
                INSERT INTO ai VALUES (0, 'zero'), (1, 'one'), (2, 'two');
                INSERT INTO aj VALUES (0, 'a'), (1, 'b');
                """);
            var (copied, restored) = await MoveAsync(source, "mysql");
            await AssertSameAsync("SELECT id, v FROM ai ORDER BY id", source, copied, restored);
            await AssertSameAsync("SELECT id, e FROM aj ORDER BY id", source, copied, restored);
            Assert.Equal("0|zero", await EngineClient.RunAsync(copied, "SELECT id, v FROM ai WHERE id = 0"));
            // the load's mode ends with it: a later insert of 0 takes the next id again
            await EngineClient.RunAsync(copied, "INSERT INTO ai (id, v) VALUES (0, 'next')");
            Assert.Equal("3", await EngineClient.RunAsync(copied, "SELECT id FROM ai WHERE v = 'next'"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Mariadb_time_beyond_a_day_and_tinyint1_beyond_0_and_1_seed_and_import_as_the_table_holds_them()
    {
        // the break test: '838:59:59' was "out of range for time" and TINYINT(1) 2 "not a boolean" (seed exit 2, a usage
        // error), though the table holds them and backups carry them
        try
        {
            var db = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(db, "CREATE TABLE tb (id INT PRIMARY KEY, t TIME, yn TINYINT(1))");
            var folder = Db.File($"seed-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "tb.csv"), "id,t,yn\n1,838:59:59,2\n2,-838:59:59,-1\n3,10:00:00,true\n4,-01:30:00,0\n",
                TestContext.Current.CancellationToken);
            var seed = await CliRunner.RunAsync("--url", db, "--json", "seed", "--folder", folder);
            Assert.True(seed.ExitCode == 0, seed.All);
            const string rows = "SELECT id, t, yn FROM tb ORDER BY id";
            const string expected = "1|838:59:59|2\n2|-838:59:59|-1\n3|10:00:00|1\n4|-01:30:00|0";
            Assert.Equal(expected, await EngineClient.RunAsync(db, rows));
            seed = await CliRunner.RunAsync("--url", db, "--json", "seed", "--folder", folder);
            Assert.Equal((0, 0), (seed.Json.GetProperty("inserted").GetInt32(), seed.Json.GetProperty("updated").GetInt32()));

            // import recognises them; beyond MariaDB's ranges a record is rejected, and seed stops with a value error (exit 1)
            await File.WriteAllTextAsync(Path.Combine(folder, "tb.csv"), "id,t,yn\n1,838:59:59,2\n5,839:00:00,1\n6,10:00:00,128\n",
                TestContext.Current.CancellationToken);
            var import = await CliRunner.RunAsync("--url", db, "--json", "import", folder);
            Assert.True(import.ExitCode == 3, import.All);
            Assert.Equal((0, 1, 2), (import.Json.GetProperty("inserted").GetInt32(), import.Json.GetProperty("skipped").GetInt32(), import.Json.GetProperty("rejected").GetInt32()));
            var reasons = import.Json.GetProperty("files")[0].GetProperty("rejections").EnumerateArray().Select(x => x.GetProperty("reason").GetString()).ToList();
            Assert.StartsWith("column t, row id=5: 839:00:00 is outside", reasons[0], StringComparison.Ordinal);
            Assert.StartsWith("column yn, row id=6: 128 is outside MySQL's TINYINT range (-128 to 127)", reasons[1], StringComparison.Ordinal);
            seed = await CliRunner.RunAsync("--url", db, "--json", "seed", "--folder", folder);
            AssertValueError(seed, "tb", "t", "id=5");
            Assert.Equal(expected, await EngineClient.RunAsync(db, rows));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Mariadb_zero_dates_with_a_time_seed_once_and_a_changed_time_is_applied()
    {
        // seed compared a file's '0000-00-00 10:00:00' with the row read through the driver, which drops the time of an
        // all-zero date: every run "updated" the row, and a changed time went unseen in a compare
        try
        {
            var db = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(db, "CREATE TABLE s (t DATETIME PRIMARY KEY, v DATETIME(6), n VARCHAR(10))");
            var folder = Db.File($"seed-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            var csv = Path.Combine(folder, "s.csv");
            await File.WriteAllTextAsync(csv, "t,v,n\n0000-00-00 10:00:00,0000-00-00 00:00:00.000001,a\n0000-00-00 11:00:00,0000-00-00 10:00:00,b\n2024-01-01 00:00:00,2024-01-01 10:00:00,c\n",
                TestContext.Current.CancellationToken);
            async Task<(int Inserted, int Updated)> SeedAsync()
            {
                var r = await CliRunner.RunAsync("--url", db, "--json", "seed", "--folder", folder);
                Assert.True(r.ExitCode == 0, r.All);
                return (r.Json.GetProperty("inserted").GetInt32(), r.Json.GetProperty("updated").GetInt32());
            }
            const string rows = "SELECT t, v, n FROM s ORDER BY n";

            Assert.Equal((3, 0), await SeedAsync());
            var seeded = "0000-00-00 10:00:00|0000-00-00 00:00:00.000001|a\n0000-00-00 11:00:00|0000-00-00 10:00:00.000000|b\n2024-01-01 00:00:00|2024-01-01 10:00:00.000000|c";
            Assert.Equal(seeded, await EngineClient.RunAsync(db, rows));
            Assert.Equal((0, 0), await SeedAsync());
            Assert.Equal(seeded, await EngineClient.RunAsync(db, rows));

            // a changed time (and a microsecond) in a zero date is found and written; then nothing changes again
            await File.WriteAllTextAsync(csv, "t,v,n\n0000-00-00 10:00:00,0000-00-00 00:00:00.000002,a\n0000-00-00 11:00:00,0000-00-00 12:00:00,b\n2024-01-01 00:00:00,2024-01-01 10:00:00,c\n",
                TestContext.Current.CancellationToken);
            Assert.Equal((0, 2), await SeedAsync());
            Assert.Equal("0000-00-00 10:00:00|0000-00-00 00:00:00.000002|a\n0000-00-00 11:00:00|0000-00-00 12:00:00.000000|b\n2024-01-01 00:00:00|2024-01-01 10:00:00.000000|c",
                await EngineClient.RunAsync(db, rows));
            Assert.Equal((0, 0), await SeedAsync());

            // a row changed in the database (its time, with the engine's client) is put back by the next seed
            await EngineClient.RunAsync(db, "UPDATE s SET v = '0000-00-00 12:00:01' WHERE n = 'b'");
            Assert.Equal((0, 1), await SeedAsync());
            Assert.Equal("0000-00-00 12:00:00.000000", await EngineClient.RunAsync(db, "SELECT v FROM s WHERE n = 'b'"));

            // import recognises the rows already there by the same keys
            var import = await CliRunner.RunAsync("--url", db, "--json", "import", folder);
            Assert.True(import.ExitCode == 0, import.All);
            Assert.Equal("3", await EngineClient.RunAsync(db, "SELECT COUNT(*) FROM s"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
