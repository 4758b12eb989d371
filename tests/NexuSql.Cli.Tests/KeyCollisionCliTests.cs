namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 15), M1 and M8. M1: text keys distinct in PostgreSQL or SQLite ('a'/'A', 'x'/'x ',
/// two emoji) are one key under MariaDB's default collation; a copy failed half-way with a bare "Duplicate entry '?'"
/// and left the target with empty tables and its marker. The keys are now loaded into a temporary table of the target
/// first and the collision is refused by table, columns and both rows, with nothing written (read with mariadb).
/// M8: a SQLite → SQLite copy of text that is not valid UTF-8 was refused half-way, leaving a marked target; the rows
/// are now read before the target is touched, within one engine too (read with sqlite3).
/// </summary>
public sealed class KeyCollisionCliTests() : ValueFidelityCliTestBase("key-collision")
{
    /// <summary>
    /// Keys distinct in PostgreSQL or SQLite are distinct in the MariaDB tables a copy makes (their key columns are
    /// <c>utf8mb4_nopad_bin</c>: bt41 F13); copied with <c>--data-only</c> into MariaDB tables made under the database's
    /// default collation, which takes them for one, they are refused by name before anything is written.
    /// </summary>
    [Theory]
    [InlineData("postgresql", "('a', 1), ('A', 2)", "k=a", "k=A")]
    [InlineData("postgresql", "('😀', 1), ('😁', 2)", "k=😀", "k=😁")]
    [InlineData("sqlite", "('x', 1), ('x ', 2)", "k=x", "k='x '")]
    public async Task Text_keys_one_under_the_mariadb_collation_are_refused_by_name_before_writing(string engine, string rows, string first, string second)
    {
        try
        {
            const string Tables = "CREATE TABLE plain (id INT PRIMARY KEY, s VARCHAR(10)); CREATE TABLE e (k VARCHAR(10) PRIMARY KEY, v INT);";
            var source = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(source, Tables + $"INSERT INTO plain VALUES (1, 'a'), (2, 'A'); INSERT INTO e VALUES {rows}");
            var copied = await Db.NewAsync("mysql");
            await Ok("copy", "--from", source, "--to", copied);
            Assert.Equal("2", await EngineClient.RunAsync(copied, "SELECT count(DISTINCT k) FROM e"));
            Assert.Equal("utf8mb4_nopad_bin", await EngineClient.RunAsync(copied, "SELECT collation_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'e' AND column_name = 'k'"));

            var maria = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(maria, Tables);
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", maria, "--data-only");
            Assert.True(r.ExitCode == 1, r.All);
            var error = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error");
            Assert.Equal("value", error.GetProperty("kind").GetString());
            var message = error.GetProperty("message").GetString()!;
            Assert.StartsWith("Table e, column k, row ", message, StringComparison.Ordinal);
            Assert.Contains(first, message, StringComparison.Ordinal);
            Assert.Contains(second, message, StringComparison.Ordinal);
            Assert.Contains("its primary key (k) differs from that of row", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", message, StringComparison.Ordinal);
            Assert.Equal("0|0", await EngineClient.RunAsync(maria, "SELECT (SELECT count(*) FROM e), (SELECT count(*) FROM plain)"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// 'Straße' and 'STRAßE' in a PostgreSQL unique column: two keys in the MariaDB table a copy or restore makes; into
    /// a MariaDB table under the default collation (<c>--data-only</c>) refused, naming both rows by primary key.
    /// </summary>
    [Fact]
    public async Task A_unique_column_colliding_names_both_rows_by_primary_key_and_distinct_keys_copy()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE u (id INT PRIMARY KEY, code VARCHAR(10) UNIQUE, n INT); " +
                "INSERT INTO u VALUES (1, 'Straße', 1), (2, 'other', 2), (7, 'STRAßE', 4)");
            var copied = await Db.NewAsync("mysql");
            await Ok("copy", "--from", source, "--to", copied);
            var restored = await Db.NewAsync("mysql");
            var file = Db.File("u.nxb");
            await Ok("--url", source, "backup", "-o", file);
            await Ok("--url", restored, "restore", file);
            foreach (var target in new[] { copied, restored })
                Assert.Equal("1|Straße\n2|other\n7|STRAßE", await EngineClient.RunAsync(target, "SELECT id, code FROM u ORDER BY id"));

            var maria = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(maria, "CREATE TABLE u (id INT PRIMARY KEY, code VARCHAR(10) UNIQUE, n INT)");
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", maria, "--data-only");
            Assert.True(r.ExitCode == 1, r.All);
            Assert.Contains("Table u, column code, row id=", r.All, StringComparison.Ordinal);
            Assert.Contains("unique key (code)", r.All, StringComparison.Ordinal);
            Assert.Matches("id=1.*id=7|id=7.*id=1", r.All);
            Assert.Contains("Nothing was written to the target", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(maria, "SELECT count(*) FROM u"));

            // keys that stay apart under the collation copy, and the temporary table is gone
            await EngineClient.RunAsync(source, "DELETE FROM u WHERE id = 7");
            await Ok("copy", "--from", source, "--to", maria, "--data-only");
            Assert.Equal("1|Straße\n2|other", await EngineClient.RunAsync(maria, "SELECT id, code FROM u ORDER BY id"));
            Assert.Equal("u", await EngineClient.RunAsync(maria, "SHOW TABLES"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_sqlite_copy_of_text_that_is_not_utf8_is_refused_before_the_target_is_touched()
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE a (id INTEGER PRIMARY KEY, s TEXT, n INT, d DECIMAL(10,2)); " +
                "INSERT INTO a VALUES (1, 'a' || char(0) || 'b', 3000000000, 12.345), (3, 'ok', 1, 1); " +
                "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT); INSERT INTO t VALUES (1, 'fine'), (2, CAST(x'4a6f73e9' AS TEXT))");
            var target = Db.File("copied.db");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", "sqlite:///" + target);
            Assert.True(r.ExitCode == 1, r.All);
            Assert.Contains("Table t, column s, row id=2: the value cannot be read as text (the text is not valid UTF-8: bytes 4A6F73E9", r.All, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", r.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync("sqlite:///" + target, "SELECT name FROM sqlite_master"));

            // text holding a NUL is text like any other: it arrives byte for byte
            await EngineClient.RunAsync(source, "DROP TABLE t");
            await Ok("copy", "--from", source, "--to", "sqlite:///" + target);
            // the read first is no check of types: SQLite keeps 3000000000 in an INT and 12.345 in a DECIMAL(10,2) column as they are
            Assert.Equal("1|610062|3000000000|12.345\n3|6F6B|1|1", await EngineClient.RunAsync("sqlite:///" + target, "SELECT id, hex(s), n, d FROM a ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task Sqlite_date_keys_spelled_two_ways_are_refused_by_name_before_writing(string engine)
    {
        // break test 16, M9: one instant spelled twice is two keys in SQLite, one in PostgreSQL and MariaDB
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE e (at DATETIME PRIMARY KEY, v INT); " +
                "INSERT INTO e VALUES ('2020-01-01 10:00:00', 1), ('2020-01-01T10:00:00', 2); " +
                "CREATE TABLE f (t TIME PRIMARY KEY, v INT); INSERT INTO f VALUES ('10:00', 1), ('10:00:00', 2)");
            var target = await Db.NewAsync(engine);
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--tables", "e");
            Assert.True(r.ExitCode == 1, r.All);
            var error = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error");
            Assert.Equal("value", error.GetProperty("kind").GetString());
            var message = error.GetProperty("message").GetString()!;
            Assert.StartsWith("Table e, column at, row at=", message, StringComparison.Ordinal);
            Assert.Contains("at=2020-01-01 10:00:00", message, StringComparison.Ordinal);
            Assert.Contains("at=2020-01-01T10:00:00", message, StringComparison.Ordinal);
            Assert.Contains("as it keeps at as the date or time the text spells, not as the text written", message, StringComparison.Ordinal);
            Assert.Contains("Write the source's dates and times in one spelling", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", message, StringComparison.Ordinal);
            r = await CliRunner.RunAsync("copy", "--from", source, "--to", target, "--tables", "f");
            Assert.True(r.ExitCode == 1, r.All);
            Assert.Contains("Table f, column t, row t=", r.All, StringComparison.Ordinal);
            Assert.Matches("row t=10:00: .*row t=10:00:00 in the source|row t=10:00:00: .*row t=10:00 in the source", r.All);
            Assert.Equal("", await EngineClient.RunAsync(target, engine == "mysql" ? "SHOW TABLES" : "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"));

            // from a backup: the same refusal, naming the backup's rows
            var file = Db.File("e.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restore = await CliRunner.RunAsync("--url", target, "restore", file);
            Assert.True(restore.ExitCode == 1, restore.All);
            Assert.Contains("differs from that of row", restore.All, StringComparison.Ordinal);
            Assert.Contains("in the backup", restore.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(target, engine == "mysql" ? "SHOW TABLES" : "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"));

            // one spelling each: copied
            await EngineClient.RunAsync(source, "DELETE FROM e WHERE v = 2; DELETE FROM f WHERE v = 1");
            await Ok("copy", "--from", source, "--to", target);
            Assert.Matches(@"^2020-01-01 10:00:00(\.000000)?\|1$", await EngineClient.RunAsync(target, "SELECT at, v FROM e")); // MariaDB: DATETIME(6)
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_mariadb_data_only_copy_into_a_table_of_another_collation_refuses_keys_it_would_join()
    {
        // break test 16, M1 (within MariaDB) and L1 (the advice names a NO PAD collation; a restore's advice fits a restore)
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t1 (k VARCHAR(10) PRIMARY KEY, v INT) COLLATE utf8mb4_bin; " +
                "INSERT INTO t1 VALUES ('a', 1), ('A', 2), ('b', 3)");
            var target = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(target, "CREATE TABLE t1 (k VARCHAR(10) PRIMARY KEY, v INT) COLLATE utf8mb4_unicode_ci");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--data-only");
            Assert.True(r.ExitCode == 1, r.All);
            var error = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error");
            Assert.Equal("value", error.GetProperty("kind").GetString());
            var message = error.GetProperty("message").GetString()!;
            Assert.StartsWith("Table t1, column k, row k=", message, StringComparison.Ordinal);
            Assert.Contains("under the collation it compares the key by (utf8mb4_unicode_ci)", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", message, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM t1"));
            Assert.Equal("t1", await EngineClient.RunAsync(target, "SHOW TABLES"));

            // the same collation at both ends: copied as it is
            await EngineClient.RunAsync(target, "ALTER TABLE t1 CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            await Ok("copy", "--from", source, "--to", target, "--data-only");
            Assert.Equal("A|2\na|1\nb|3", await EngineClient.RunAsync(target, "SELECT k, v FROM t1 ORDER BY k"));

            // keys that differ in trailing blanks, restored from a PostgreSQL backup: the restore makes the key a NO PAD
            // one, and both rows arrive (they were refused as one key under the database's default)
            var pg = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(pg, "CREATE TABLE tsp (k TEXT PRIMARY KEY); INSERT INTO tsp VALUES ('a'), ('a ')");
            var file = Db.File("tsp.nxb");
            await Ok("--url", pg, "backup", "-o", file);
            var other = await Db.NewAsync("mysql");
            await Ok("--url", other, "restore", file);
            Assert.Equal("[a ]\n[a]", await EngineClient.RunAsync(other, "SELECT concat('[', k, ']') FROM tsp ORDER BY k DESC"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
