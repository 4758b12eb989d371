namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 30 (an outside tester of issue 11): values that changed while copy and verify said they matched. Each
/// side is read with the engine's own client.
/// </summary>
public sealed class BreakTest30CliTests() : ValueFidelityCliTestBase("bt30")
{
    /// <summary>
    /// F3: a MariaDB <c>DOUBLE(M,D)</c> is printed with its D decimals, and was read so: the stored -0.010000000000000009
    /// and 1.1400000000000001 arrived as the other doubles -0.01 and 1.14, and verify compared the same lossy text.
    /// </summary>
    [Fact]
    public async Task A_mariadb_double_with_decimals_moves_as_the_double_it_stores_and_verify_sees_the_last_bit()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, "CREATE TABLE z (id int PRIMARY KEY, dp double(10,2)); INSERT INTO z VALUES (1, -0.01), (2, 1.14), (3, 1.36), (4, NULL)");
            // what MariaDB stores: not the doubles nearest to the printed text
            Assert.Equal("1|-0.010000000000000009\n2|1.1400000000000001\n3|1.3599999999999999\n4|NULL",
                await EngineClient.RunAsync(source, "SELECT id, dp * 1e0 FROM z ORDER BY id"));

            var (sqliteCopy, sqliteRestored) = await MoveAsync(source, "sqlite");
            foreach (var target in new[] { sqliteCopy, sqliteRestored })
                Assert.Equal("1|1|0\n2|1|0\n3|1|0", await EngineClient.RunAsync(target,
                    "SELECT id, dp = CASE id WHEN 1 THEN -0.010000000000000009 WHEN 2 THEN 1.1400000000000001 ELSE 1.3599999999999999 END, " +
                    "dp = CASE id WHEN 1 THEN -0.01 WHEN 2 THEN 1.14 ELSE 1.36 END FROM z WHERE dp IS NOT NULL ORDER BY id"));

            var (pgCopy, _) = await MoveAsync(source, "postgresql");
            Assert.Equal("1|t\n2|t\n3|t", await EngineClient.RunAsync(pgCopy,
                "SELECT id, dp = CASE id WHEN 1 THEN -0.010000000000000009::float8 WHEN 2 THEN 1.1400000000000001::float8 ELSE 1.3599999999999999::float8 END FROM z WHERE dp IS NOT NULL ORDER BY id"));

            // a plain DOUBLE column holds the double as it is (no second rounding to the decimals that would hide a loss)
            var plain = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(plain, "CREATE TABLE z (id int PRIMARY KEY, dp double)");
            await Ok("copy", "--from", source, "--to", plain, "--data-only");
            Assert.Equal("0", await EngineClient.RunAsync(plain, $"SELECT count(*) FROM z a JOIN `{source[(source.LastIndexOf('/') + 1)..].Split('?')[0]}`.z b USING (id) WHERE a.dp <> b.dp * 1e0"));

            // the nearest double to the printed text is another value: verify names it by key, across engines and within MariaDB
            await EngineClient.RunAsync(sqliteCopy, "UPDATE z SET dp = 1.14 WHERE id = 2");
            await EngineClient.RunAsync(pgCopy, "UPDATE z SET dp = -0.01 WHERE id = 1");
            await EngineClient.RunAsync(plain, "UPDATE z SET dp = 1.36 WHERE id = 3");
            foreach (var (target, key) in new[] { (sqliteCopy, "id=2"), (pgCopy, "id=1"), (plain, "id=3") })
            {
                var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", target, "--checks", "data");
                Assert.True(verify.ExitCode == 3, verify.All);
                Assert.Contains($"z: {key}: row differs in dp", verify.All, StringComparison.Ordinal);
            }
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "verify", "--against", sqliteRestored, "--checks", "data")).ExitCode);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// F12: PG→PG <c>copy --data-only</c> into columns of another kind converted silently (a timestamp became an instant
    /// in UTC, a boolean 1) and its check said the rows matched, while verify could not compare those columns.
    /// Refused now by table and column before anything is written; columns of one kind (numeric(10,2) into numeric(12,4))
    /// are still carried, and verify compares them.
    /// </summary>
    [Fact]
    public async Task A_data_only_copy_into_columns_of_another_kind_is_refused_by_table_and_column()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, "CREATE TABLE t (id int PRIMARY KEY, ts timestamp, j jsonb, n numeric(10,2), b boolean); " +
                                                "INSERT INTO t VALUES (1, '2020-01-01 10:00', '{\"b\":1,\"a\":2}', 1.50, true)");
            var target = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(target, "CREATE TABLE t (id int PRIMARY KEY, ts timestamptz, j text, n numeric(12,4), b int)");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--data-only");
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Equal("refused", r.Json.GetProperty("error").GetProperty("kind").GetString());
            var message = r.Json.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains("table t, column ts: TIMESTAMP in the source, TIMESTAMPTZ in the target", message, StringComparison.Ordinal);
            Assert.Contains("column b: BOOLEAN in the source, INTEGER in the target", message, StringComparison.Ordinal);
            // text on either side is left to the value check (a value that does not read back as its text is refused)
            Assert.DoesNotContain("column j:", message, StringComparison.Ordinal);
            Assert.DoesNotContain("column n:", message, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM t"));

            // the same kinds: carried, and verify sees a change in the widened numeric
            await EngineClient.RunAsync(target, "DROP TABLE t; CREATE TABLE t (id int PRIMARY KEY, ts timestamp, j jsonb, n numeric(12,4), b boolean)");
            await Ok("copy", "--from", source, "--to", target, "--data-only");
            Assert.Equal("1.5000", await EngineClient.RunAsync(target, "SELECT n FROM t"));
            await EngineClient.RunAsync(target, "UPDATE t SET n = 1.5001");
            var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", target, "--checks", "data");
            Assert.True(verify.ExitCode == 3, verify.All);
            Assert.Contains("t: id=1: row differs in n", verify.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// F5: one URL as --from and --to was a usage error (exit 2), two spellings of one database a refusal (exit 4): now
    /// both are refused. F6: a record whose key is the empty text was named <c>code=</c>, now <c>code=''</c>. F2: a
    /// data-only copy into a table the user made warned about a string(n) column it never created.
    /// </summary>
    [Fact]
    public async Task One_url_twice_is_refused_an_empty_text_key_is_quoted_and_data_only_warns_of_nothing_it_did_not_create()
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(source, "CREATE TABLE typed (code TEXT PRIMARY KEY, n NUMERIC(6,2)); INSERT INTO typed VALUES ('a', 1.5)");
            var same = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", source);
            Assert.True(same.ExitCode == 4, same.All);
            Assert.Equal("refused", same.Json.GetProperty("error").GetProperty("kind").GetString());
            Assert.Equal("a|1.5", await EngineClient.RunAsync(source, "SELECT * FROM typed"));

            var dir = await FolderAsync("empty-key", "typed", "code,n\n\"\",abc\nb,2.25\n");
            var import = await CliRunner.RunAsync("--url", source, "import", dir);
            Assert.True(import.ExitCode == 3, import.All);
            Assert.Contains("column n, row code='':", import.All, StringComparison.Ordinal);
            Assert.Equal("a|1.5\nb|2.25", await EngineClient.RunAsync(source, "SELECT * FROM typed ORDER BY code"));

            var target = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(target, "CREATE TABLE typed (code VARCHAR(100) COLLATE utf8mb4_nopad_bin PRIMARY KEY, n DECIMAL(6,2))");
            var copy = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--data-only");
            Assert.True(copy.ExitCode == 0, copy.All);
            Assert.DoesNotContain("string(", copy.All, StringComparison.Ordinal);
            Assert.Equal("a|1.50\nb|2.25", await EngineClient.RunAsync(target, "SELECT code, n FROM typed ORDER BY code"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
