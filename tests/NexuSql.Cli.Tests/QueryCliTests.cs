using System.Text.Json;

namespace NexuSql.Cli.Tests;

/// <summary>
/// <c>nexusql query</c> streams its rows in every format, each value exactly as the engine holds it — checked against
/// the engine's own client — and a failure part-way keeps the output well-formed.
/// </summary>
public sealed class QueryCliTests : IDisposable
{
    private readonly LiveDatabases _db = new("query");

    public void Dispose() => _db.Dispose();

    private static async Task<CliRunner.Result> Ok(params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"nexusql {string.Join(' ', args)} → {r.ExitCode}\n{r.All}");
        return r;
    }

    /// <summary>The rows of tsv output (header dropped) with '|' between columns, as the engine clients print them.</summary>
    private static string Body(string tsv) => string.Join('\n', tsv.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Skip(1)).Replace('\t', '|');

    [Fact]
    public async Task PostgreSql_values_the_CLR_types_cannot_hold_print_as_psql_prints_them()
    {
        try
        {
            var url = await _db.NewAsync("postgresql");
            const string sql = "SELECT 1::int AS i, 'NaN'::numeric AS n, 123456789012345678901234567890.123456789::numeric AS big, " +
                               "'infinity'::date AS d, '-infinity'::timestamp AS ts, '0044-03-15 BC'::date AS bc, '24:00'::time AS t, " +
                               "1.5::float8 AS f, 'Infinity'::float8 AS inf, interval '1 day 02:00' AS iv, ARRAY[1,2] AS arr";
            var tsv = await Ok("--url", url, "query", sql, "--format", "tsv");
            Assert.Equal(await EngineClient.RunAsync(url, sql), Body(tsv.Stdout));
            var typed = await Ok("--url", url, "query", "SELECT true AS b, 1.500::numeric(10,3) AS n", "--format", "tsv");
            Assert.Equal(await EngineClient.RunAsync(url, "SELECT true AS b, 1.500::numeric(10,3) AS n"), Body(typed.Stdout)); // t|1.500, as psql
            Assert.Equal("1.500", JsonDocument.Parse((await Ok("--url", url, "query", "SELECT 1.500::numeric(10,3) AS n", "--format", "jsonl")).Stdout).RootElement.GetProperty("n").GetRawText());
            Assert.Equal("1|NaN|123456789012345678901234567890.123456789|infinity|-infinity|0044-03-15 BC|24:00:00|1.5|Infinity|1 day 02:00:00|{1,2}", Body(tsv.Stdout));

            var json = await Ok("--url", url, "--json", "query", sql + ", true AS b, '\\x00ff'::bytea AS by, NULL::int AS z");
            var row = json.Json.GetProperty("rows")[0];
            Assert.Equal(JsonValueKind.Number, row.GetProperty("i").ValueKind);
            Assert.Equal("123456789012345678901234567890.123456789", row.GetProperty("big").GetRawText());
            Assert.Equal("NaN", row.GetProperty("n").GetString());
            Assert.Equal("Infinity", row.GetProperty("inf").GetString());
            Assert.Equal("infinity", row.GetProperty("d").GetString());
            Assert.True(row.GetProperty("b").GetBoolean());
            Assert.Equal([0x00, 0xff], row.GetProperty("by").GetBytesFromBase64());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("z").ValueKind);
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task MariaDB_decimal65_zero_dates_and_long_times_print_as_the_mysql_client_prints_them()
    {
        try
        {
            var url = await _db.NewAsync("mysql");
            await Ok("--url", url, "exec", "CREATE TABLE v (id INT PRIMARY KEY, dd DECIMAL(65,30), d DATE, t TIME, dt DATETIME)");
            await Ok("--url", url, "exec", "INSERT INTO v VALUES (1, 12345678901234567890123456789012345.123456789012345678901234567890, '0000-00-00', '838:59:59', '2020-01-01 10:00:00'), " +
                                            "(2, -0.000000000000000000000000000001, '2020-05-00', '-12:00:01', '2020-05-01 00:00:00'), (3, 1, '2020-01-01', '00:00:00', '2020-01-01 00:00:00')");
            const string sql = "SELECT id, dd, d, t, dt FROM v ORDER BY id";
            var tsv = await Ok("--url", url, "query", sql, "--format", "tsv");
            Assert.Equal(await EngineClient.RunAsync(url, sql), Body(tsv.Stdout));
            var json = await Ok("--url", url, "query", sql, "--format", "jsonl");
            var first = JsonDocument.Parse(json.Stdout.Split('\n')[0]).RootElement;
            Assert.Equal("12345678901234567890123456789012345.123456789012345678901234567890", first.GetProperty("dd").GetRawText());
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task MariaDB_zero_datetimes_and_timestamps_print_with_their_time_in_every_format()
    {
        try
        {
            var url = await _db.NewAsync("mysql");
            // written by the mysql client under a lax sql_mode, as an old application would have
            await EngineClient.RunAsync(url, "CREATE TABLE z (id INT PRIMARY KEY, d DATE, dt DATETIME, dt6 DATETIME(6), ts TIMESTAMP NULL); " +
                "SET SESSION sql_mode = ''; INSERT INTO z VALUES " +
                "(1, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 10:00:00.000001', '0000-00-00 00:00:00'), " +
                "(2, '2020-05-00', '0000-00-00 10:00:00', '2020-05-00 23:59:59.999999', '0000-00-00 00:00:00'), " +
                "(3, '2020-00-00', '2020-05-00 00:00:00', '0000-00-00 00:00:01.100001', '0000-00-00 00:00:00')");
            const string sql = "SELECT id, d, dt, dt6, ts FROM z ORDER BY id";
            var mysql = await EngineClient.RunAsync(url, sql);
            Assert.Contains("0000-00-00 10:00:00.000001", mysql, StringComparison.Ordinal);
            Assert.Equal(mysql, Body((await Ok("--url", url, "query", sql, "--format", "tsv")).Stdout));
            Assert.Equal(mysql, Body((await Ok("--url", url, "query", sql, "--format", "csv")).Stdout.Replace(',', '\t')));

            var table = (await Ok("--url", url, "query", sql)).Stdout;
            Assert.Contains("| 0000-00-00 10:00:00.000001 |", table, StringComparison.Ordinal);
            Assert.Contains("| 0000-00-00 10:00:00 ", table, StringComparison.Ordinal);

            var rows = (await Ok("--url", url, "--json", "query", sql)).Json.GetProperty("rows");
            var lines = (await Ok("--url", url, "query", sql, "--format", "jsonl")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var expected = mysql.Split('\n').Select(l => l.Split('|')).ToArray();
            for (var r = 0; r < 3; r++)
                foreach (var (name, c) in new[] { ("d", 1), ("dt", 2), ("dt6", 3) })
                {
                    Assert.Equal(expected[r][c], rows[r].GetProperty(name).GetString());
                    Assert.Equal(expected[r][c], JsonDocument.Parse(lines[r]).RootElement.GetProperty(name).GetString());
                }
            Assert.All(Enumerable.Range(0, 3), r => Assert.Equal("0000-00-00 00:00:00", rows[r].GetProperty("ts").GetString()));

            // a statement that runs unprepared (a user variable) cannot know a zero date's time: refused by column and row, not printed as midnight
            var unprepared = await CliRunner.RunAsync("--url", url, "--json", "query", "SELECT @n := id AS n, dt6 FROM z WHERE id = 1");
            Assert.True(unprepared.ExitCode == 1, unprepared.All);
            Assert.Contains("column dt6, row #1", unprepared.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("1\t0000-00-00 10:00:00.000001", Body((await Ok("--url", url, "query", "SELECT @n := id AS n, CAST(dt6 AS CHAR) AS dt6 FROM z WHERE id = 1", "--format", "tsv")).Stdout).Replace('|', '\t'));
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Csv_tsv_and_jsonl_keep_null_apart_from_empty_and_escape_what_they_must()
    {
        var url = await _db.NewAsync("sqlite");
        await Ok("--url", url, "exec", "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)");
        await Ok("--url", url, "exec", "INSERT INTO t VALUES (1, NULL), (2, ''), (3, 'a,b \"q\"' || char(10) || 'x' || char(9) || 'y\\z')");
        const string sql = "SELECT id, s FROM t ORDER BY id";

        var csv = (await Ok("--url", url, "query", sql, "--format", "csv")).Stdout.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal("id,s\n1,\n2,\"\"\n3,\"a,b \"\"q\"\"\nx\ty\\z\"\n", csv);

        var tsv = (await Ok("--url", url, "query", sql, "--format", "tsv")).Stdout.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal("id\ts\n1\t\\N\n2\t\n3\ta,b \"q\"\\nx\\ty\\\\z\n", tsv);

        var lines = (await Ok("--url", url, "query", sql, "--format", "jsonl")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(lines[0]).RootElement.GetProperty("s").ValueKind);
        Assert.Equal("", JsonDocument.Parse(lines[1]).RootElement.GetProperty("s").GetString());
        Assert.Equal("a,b \"q\"\nx\ty\\z", JsonDocument.Parse(lines[2]).RootElement.GetProperty("s").GetString());

        var table = (await Ok("--url", url, "query", sql)).Stdout;
        Assert.Contains("a,b \"q\"\\nx\\ty\\z", table, StringComparison.Ordinal); // one line per row: breaks shown escaped
        Assert.Contains("(3 rows)", table, StringComparison.Ordinal);

        var empty = await Ok("--url", url, "query", "SELECT id, s FROM t WHERE id < 0");
        Assert.Contains(" id | s", empty.Stdout, StringComparison.Ordinal); // the header even without rows
        Assert.Contains("(0 rows)", empty.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_after_rows_were_written_still_gives_one_json_document()
    {
        try
        {
            var url = await _db.NewAsync("postgresql");
            var r = await CliRunner.RunAsync("--url", url, "--json", "query", "SELECT 1 / (x - 50000) AS v FROM generate_series(1, 100000) AS x");
            Assert.Equal(1, r.ExitCode);
            var doc = r.Json; // parses the whole of stdout: one document
            Assert.Equal("database", doc.GetProperty("error").GetProperty("kind").GetString());
            Assert.Equal("22012", doc.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal(doc.GetProperty("rows").GetArrayLength(), doc.GetProperty("rowCount").GetInt32());
            Assert.Equal(1, doc.GetProperty("exitCode").GetInt32());
        }
        finally
        {
            await _db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Odd_statements_keep_every_format_well_formed()
    {
        var url = await _db.NewAsync("sqlite");
        await Ok("--url", url, "exec", "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)");
        await Ok("--url", url, "exec", "INSERT INTO t VALUES (1, 'x')");
        Assert.Equal("", (await Ok("--url", url, "query", "UPDATE t SET s = 'y'", "--format", "csv")).Stdout); // no result: no CSV
        var dup = (await Ok("--url", url, "query", "SELECT 1 AS a, 2 AS a", "--format", "jsonl")).Stdout;
        var row = JsonDocument.Parse(dup).RootElement;
        Assert.Equal(1, row.GetProperty("a").GetInt32());
        Assert.Equal(2, row.GetProperty("a_2").GetInt32());

        var several = await CliRunner.RunAsync("--url", url, "--json", "query", "SELECT 1 AS a; DELETE FROM t");
        Assert.Equal(2, several.ExitCode);
        Assert.Equal("usage", several.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("1", await EngineClient.RunAsync(url, "SELECT COUNT(*) FROM t")); // the DELETE never ran
        Assert.Equal(2, (await CliRunner.RunAsync("--url", url, "query", "  ")).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("--url", url, "exec", "")).ExitCode);
    }

    [Fact]
    public async Task Json_and_another_format_together_are_a_usage_error()
    {
        var r = await CliRunner.RunAsync("--url", "sqlite::memory:", "--json", "query", "SELECT 1", "--format", "csv");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("usage", r.Json.GetProperty("error").GetProperty("kind").GetString());
    }
}
