namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test F3 and F24: bytes printed by <c>query --format csv</c> (<c>\x</c> hex) import back as the same bytes; a
/// <c>--param</c> time or timestamp with a finer fraction of a second than the engine keeps is refused (exit 2).
/// </summary>
public sealed class QueryImportRoundTripCliTests() : ValueFidelityCliTestBase("query-import")
{
    [Theory]
    [InlineData("postgresql", "CREATE TABLE bt (id INT PRIMARY KEY, b BYTEA); INSERT INTO bt VALUES (1, '\\x00ff5c78'), (2, ''), (3, NULL), (4, '\\x5c7830')",
        "SELECT id, encode(b, 'hex'), b IS NULL FROM bt ORDER BY id", "1|00ff5c78|f\n2||f\n3||t\n4|5c7830|f")]
    [InlineData("mysql", "CREATE TABLE bt (id INT PRIMARY KEY, b BLOB); INSERT INTO bt VALUES (1, x'00ff5c78'), (2, ''), (3, NULL), (4, x'5c7830')",
        "SELECT id, LOWER(HEX(b)), b IS NULL FROM bt ORDER BY id", "1|00ff5c78|0\n2||0\n3|NULL|1\n4|5c7830|0")]
    [InlineData("sqlite", "CREATE TABLE bt (id INTEGER PRIMARY KEY, b BLOB); INSERT INTO bt VALUES (1, x'00ff5c78'), (2, x''), (3, NULL), (4, x'5c7830')",
        "SELECT id, lower(hex(b)), b IS NULL FROM bt ORDER BY id", "1|00ff5c78|0\n2||0\n3||1\n4|5c7830|0")]
    public async Task Bytes_printed_by_query_csv_import_back_unchanged(string engine, string setup, string check, string expected)
    {
        try
        {
            var source = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(source, setup);
            Assert.Equal(expected, await EngineClient.RunAsync(source, check));
            var csv = await CliRunner.RunAsync("--url", source, "query", "--format", "csv", "SELECT id, b FROM bt ORDER BY id");
            Assert.True(csv.ExitCode == 0, csv.All);
            Assert.Contains("1,\\x00ff5c78", csv.Stdout, StringComparison.Ordinal);
            var dir = Directory.CreateDirectory(Db.File("rt-" + engine)).FullName;
            File.WriteAllText(Path.Combine(dir, "bt.csv"), csv.Stdout);

            var target = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(target, setup.Split("; INSERT")[0]);
            await Ok("--url", target, "import", dir);
            Assert.Equal(expected, await EngineClient.RunAsync(target, check));

            // hex that is not bytes is rejected by key, as bad base64 is
            File.WriteAllText(Path.Combine(dir, "bt.csv"), "id,b\n5,\\x0\n6,\\xzz\n");
            var r = await CliRunner.RunAsync("--url", target, "import", dir);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("column b, row id=5: '\\x0' is not hex bytes after \\x", r.All, StringComparison.Ordinal);
            Assert.Contains("column b, row id=6: ", r.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task A_time_parameter_finer_than_the_engine_keeps_is_refused_by_name(string engine)
    {
        try
        {
            var url = await Db.NewAsync(engine);
            var sql = engine == "mysql" ? "SELECT CAST(:t AS TIME(6)) AS t, CAST(:d AS DATETIME(6)) AS d" : "SELECT CAST(:t AS time) AS t, CAST(:d AS timestamp) AS d";
            foreach (var (t, d, name) in new[] { ("12:00:00.0000001", "2020-01-01 10:00:00", "t"), ("12:00:00", "2020-01-01T10:00:00.1234567", "d") })
            {
                var r = await CliRunner.RunAsync("--url", url, "query", sql, "--param", $"t:time={t}", "--param", $"d:datetime={d}");
                Assert.True(r.ExitCode == 2, r.All);
                Assert.Contains($"--param {name}: ", r.All, StringComparison.Ordinal);
                Assert.Contains("finer fraction of a second (7 digits) than the database keeps (6 digits, microseconds)", r.All, StringComparison.Ordinal);
            }
            var ok = await CliRunner.RunAsync("--url", url, "query", "--format", "csv", sql, "--param", "t:time=12:00:00.0000010", "--param", "d:datetime=2020-01-01 10:00:00.123456");
            Assert.True(ok.ExitCode == 0, ok.All);
            Assert.Contains("12:00:00.000001,2020-01-01 10:00:00.123456", ok.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
