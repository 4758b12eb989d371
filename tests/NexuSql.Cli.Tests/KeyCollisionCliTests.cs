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
    [Theory]
    [InlineData("postgresql", "('a', 1), ('A', 2)", "k=a", "k=A")]
    [InlineData("postgresql", "('😀', 1), ('😁', 2)", "k=😀", "k=😁")]
    [InlineData("sqlite", "('x', 1), ('x ', 2)", "k=x", "k='x '")]
    public async Task Text_keys_one_under_the_mariadb_collation_are_refused_by_name_before_writing(string engine, string rows, string first, string second)
    {
        try
        {
            var source = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(source, "CREATE TABLE plain (id INT PRIMARY KEY, s VARCHAR(10)); INSERT INTO plain VALUES (1, 'a'), (2, 'A'); " +
                $"CREATE TABLE e (k VARCHAR(10) PRIMARY KEY, v INT); INSERT INTO e VALUES {rows}");
            var maria = await Db.NewAsync("mysql");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", maria);
            Assert.True(r.ExitCode == 1, r.All);
            var error = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error");
            Assert.Equal("value", error.GetProperty("kind").GetString());
            var message = error.GetProperty("message").GetString()!;
            Assert.StartsWith("Table e, column k, row ", message, StringComparison.Ordinal);
            Assert.Contains(first, message, StringComparison.Ordinal);
            Assert.Contains(second, message, StringComparison.Ordinal);
            Assert.Contains("its primary key (k) differs from that of row", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", message, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SHOW TABLES"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_unique_column_colliding_names_both_rows_by_primary_key_and_distinct_keys_copy()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE u (id INT PRIMARY KEY, code VARCHAR(10) UNIQUE, n INT); " +
                "INSERT INTO u VALUES (1, 'Straße', 1), (2, 'other', 2), (7, 'STRAßE', 4)");
            var maria = await Db.NewAsync("mysql");
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", maria);
            Assert.True(r.ExitCode == 1, r.All);
            Assert.Contains("Table u, column code, row id=", r.All, StringComparison.Ordinal);
            Assert.Contains("unique key (code)", r.All, StringComparison.Ordinal);
            Assert.Matches("id=1.*id=7|id=7.*id=1", r.All);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SHOW TABLES"));
            // a restore of the same rows into MariaDB: the same refusal, from the backup
            var file = Db.File("u.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restore = await CliRunner.RunAsync("--url", maria, "restore", file);
            Assert.True(restore.ExitCode == 1, restore.All);
            Assert.Contains("Table u, column code, row id=", restore.All, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", restore.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SHOW TABLES"));

            // keys that stay apart under the collation copy, and the temporary table is gone
            await EngineClient.RunAsync(source, "DELETE FROM u WHERE id = 7");
            await Ok("copy", "--from", source, "--to", maria);
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
}
