namespace NexuSql.Cli.Tests;

/// <summary>
/// Inputs of the #11 break test of session 12 (F1, F6, F12). F6: trailing blanks of CHAR(n) values. SQLite does not pad, so <c>'ab '</c> and <c>'ab'</c> are
/// two values there and arrive as written; a value with trailing blanks into a column that pads (PostgreSQL, MariaDB
/// <c>char(n)</c>) is refused by key instead of being cut while the copy said "counts and hashes match".
/// </summary>
public sealed class BreakTest11CliTests() : ValueFidelityCliTestBase("break-11")
{
    [Fact]
    public async Task Sqlite_char_values_keep_their_trailing_blanks_through_copy_and_backup_restore()
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(source, "CREATE TABLE c (id INTEGER PRIMARY KEY, ch CHAR(5), nc NCHAR(3)); " +
            "INSERT INTO c VALUES (1, 'ab ', 'x '), (2, 'ab', 'x'), (3, '  ', ' '), (4, '', '')");
        var (copied, restored) = await MoveAsync(source, "sqlite");
        const string sql = "SELECT id, hex(ch), hex(nc) FROM c ORDER BY id";
        Assert.Equal("1|616220|7820\n2|6162|78\n3|2020|20\n4||", await EngineClient.RunAsync(source, sql));
        await AssertSameAsync(sql, source, copied, restored);
        await Ok("--url", source, "verify", "--against", copied, "--checks", "data");
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task A_value_with_trailing_blanks_into_a_padding_char_column_is_refused_by_key_or_kept_as_varchar(string engine)
    {
        try
        {
            // SQLite CHAR(5) 'ab ' (SQLite pads nothing): a VARCHAR(5) in the engine, where CHAR(5) would keep 'ab' and
            // take 'ab' and 'ab ' for one value (bt45 M2) — the value arrives as written
            var sqlite = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(sqlite, "CREATE TABLE c (id INTEGER PRIMARY KEY, ch CHAR(5)); INSERT INTO c VALUES (1, 'ab'), (2, 'ab ')");
            var target = await Db.NewAsync(engine);
            Assert.Equal(0, (await CliRunner.RunAsync("copy", "--from", sqlite, "--to", target, "--yes")).ExitCode);
            Assert.Equal("2", await EngineClient.RunAsync(target, "SELECT id FROM c WHERE ch = 'ab ' AND char_length(ch) = 3"));

            // a varchar 'ab ' copied --data-only into a char(10) the user made
            var pg = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(pg, "CREATE TABLE dm (id INT PRIMARY KEY, ch VARCHAR(10)); INSERT INTO dm VALUES (1, 'ab'), (2, 'cd ')");
            var into = await Db.NewAsync(engine);
            await EngineClient.RunAsync(into, "CREATE TABLE dm (id INT PRIMARY KEY, ch CHAR(10))");
            var e = AssertValueError(await CliRunner.RunAsync("--json", "copy", "--from", pg, "--to", into, "--data-only"), "dm", "ch", "id=2");
            Assert.Contains("blanks", e.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(into, "SELECT count(*) FROM dm"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("postgresql", "CREATE TABLE kb (id BYTEA PRIMARY KEY, v INT); INSERT INTO kb VALUES ('\\x00', 1), ('\\x0000', 2), ('\\xff', 4)")]
    [InlineData("sqlite", "CREATE TABLE kb (id BLOB PRIMARY KEY, v INT) WITHOUT ROWID; INSERT INTO kb VALUES (x'00', 1), (x'0000', 2)")]
    public async Task A_binary_key_into_mariadb_is_refused_by_name_before_anything_is_written(string engine, string sql)
    {
        // the #11 break test's F12: MariaDB's raw 1170 (no table named) after the target was marked
        try
        {
            var source = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(source, sql);
            foreach (var target in new[] { await Db.NewAsync("mysql") })
            {
                var file = Db.File($"{Guid.NewGuid():N}.nxb");
                await Ok("--url", source, "backup", "-o", file);
                foreach (var r in new[]
                         {
                             await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target),
                             await CliRunner.RunAsync("--json", "--url", target, "restore", file),
                         })
                {
                    Assert.Equal(4, r.ExitCode);
                    var message = r.Json.GetProperty("error").GetProperty("message").GetString();
                    Assert.Contains("kb.id", message, StringComparison.Ordinal);
                    Assert.Contains("binary", message, StringComparison.Ordinal);
                }
                Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()"));
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Sqlite_numeric_holding_text_into_postgresql_is_refused_by_key()
    {
        // the #11 break test's F1: raw 22P02 after the target was marked (SQLite's NUMERIC keeps '0x10' as text)
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(source, "CREATE TABLE s (id INTEGER PRIMARY KEY, n NUMERIC); INSERT INTO s VALUES (1, 1.1), (2, 12345678901234567), (3, '0x10')");
            await AssertRefusedAsync(source, "postgresql", "s", "n", "id=3");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_mariadb_enum_label_with_a_backslash_moves_mariadb_to_mariadb()
    {
        // the #11 break test's F28: the label was compared in its escaped spelling and its own value refused
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, "CREATE TABLE d (id INT PRIMARY KEY, e ENUM('a,b', 'it''s', 'back\\\\slash', '')); " +
                "INSERT INTO d VALUES (1, 'back\\\\slash'), (2, 'it''s'), (3, 'a,b')");
            Assert.Equal("1|6261636B5C736C617368|3", await EngineClient.RunAsync(source, "SELECT id, HEX(e), e + 0 FROM d WHERE id = 1"));
            var (copied, restored) = await MoveAsync(source, "mysql");
            await AssertSameAsync("SELECT id, HEX(e), e + 0 FROM d ORDER BY id", source, copied, restored);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Postgresql_numeric_with_a_negative_or_large_scale_moves_pg_to_pg_and_is_refused_by_name_elsewhere()
    {
        // the #11 break test's F13: numeric(5,-2) read as decimal(5,2046) (raw 22023 on every move), numeric(3,5) misjudged
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, "CREATE TABLE nm (id INT PRIMARY KEY, b NUMERIC(5,-2), a NUMERIC(3,5)); INSERT INTO nm VALUES (1, 12300, 0.00123)");
            var (copied, restored) = await MoveAsync(source, "postgresql");
            await AssertSameAsync("SELECT id, b, a, format_type(atttypid, atttypmod) FROM nm, pg_attribute WHERE attrelid = 'nm'::regclass AND attname = 'b'", source, copied, restored);
            await AssertSameAsync("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'nm'::regclass AND attname = 'a'", source, copied, restored);
            var mariadb = await Db.NewAsync("mysql");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", mariadb);
            Assert.Equal(4, r.ExitCode);
            Assert.Contains("nm.b (numeric(5,-2))", r.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Query_refuses_sqlite_text_that_is_not_utf8_instead_of_printing_replacement_characters()
    {
        // the #11 break test's F26: printed as U+FFFD (exit 0) while backup, copy and verify refuse the same value by key
        var db = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(db, "CREATE TABLE b (id INTEGER PRIMARY KEY, t TEXT); INSERT INTO b VALUES (1, 'ok �'), (2, CAST(x'4a6f73e9' AS TEXT))");
        var ok = await CliRunner.RunAsync("--url", db, "query", "SELECT t FROM b WHERE id = 1", "--format", "csv");
        Assert.Equal("t\nok �\n", ok.Stdout.ReplaceLineEndings("\n")); // a real U+FFFD is a character like any other
        var r = await CliRunner.RunAsync("--json", "--url", db, "query", "SELECT id, t FROM b ORDER BY id", "--format", "json");
        Assert.Equal(1, r.ExitCode);
        var error = r.Json.GetProperty("error");
        Assert.Equal(("value", "t"), (error.GetProperty("kind").GetString(), error.GetProperty("column").GetString()));
        Assert.Contains("4A6F73E9", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
