namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 11 break test F5: copy carries PostgreSQL's BC dates and years past 9999 between PostgreSQL databases, but
/// import and seed refused them as "not a date (yyyy-MM-dd)". Now a file spelling them as PostgreSQL prints them loads
/// them into PostgreSQL (a second seed finds them unchanged), and a target that cannot hold them (SQLite, MariaDB)
/// refuses them by column, key and line — as copy refuses them there. Targets are read with psql, sqlite3 and mariadb.
/// </summary>
public sealed class OutsideYearsImportCliTests() : ValueFidelityCliTestBase("outside-years")
{
    private const string Csv = "id,d,ts,tz\n" +
        "1,0044-03-15 BC,0044-03-15 12:00:00.500000 BC,0044-03-15 12:00:00+00 BC\n" +
        "2,10000-01-01,10000-01-01 00:00:00,10000-01-01 00:00:00+00\n" +
        "3,4714-11-24 BC,294276-12-31 23:59:59.999999,2020-01-01 10:00:00+00\n";

    [Fact]
    public async Task Import_and_seed_load_postgresqls_bc_and_far_future_dates_as_it_prints_them()
    {
        try
        {
            const string table = "CREATE TABLE d (id int PRIMARY KEY, d date, ts timestamp, tz timestamptz)";
            const string read = "SET TimeZone = 'UTC'; SELECT id, d, ts, tz FROM d ORDER BY id";
            const string expected = "1|0044-03-15 BC|0044-03-15 12:00:00.5 BC|0044-03-15 12:00:00+00 BC\n" +
                "2|10000-01-01|10000-01-01 00:00:00|10000-01-01 00:00:00+00\n" +
                "3|4714-11-24 BC|294276-12-31 23:59:59.999999|2020-01-01 10:00:00+00";
            var imported = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(imported, table);
            await Ok("--url", imported, "import", await FolderAsync("import", "d", Csv));
            Assert.Equal(expected, await EngineClient.RunScriptAsync(imported, read));

            var seeded = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(seeded, table);
            var seed = await FolderAsync("seed", "d", Csv);
            await Ok("--url", seeded, "seed", "--folder", seed);
            Assert.Equal(expected, await EngineClient.RunScriptAsync(seeded, read));
            var again = await Ok("--json", "--url", seeded, "seed", "--folder", seed);
            Assert.Contains("\"unchanged\": 3", again.Stdout, StringComparison.Ordinal);
            await Ok("--url", imported, "verify", "--against", seeded, "--checks", "data");

            // beyond PostgreSQL's own ranges, or a field out of range: rejected by line and column, nothing written
            var bad = await CliRunner.RunAsync("--json", "--url", imported, "import", await FolderAsync("bad", "d",
                "id,d,ts\n4,4714-11-23 BC,\n5,5874898-01-01,\n6,,294277-01-01 00:00:00\n7,0044-02-29 BC,\n"));
            Assert.True(bad.ExitCode == 3, bad.All);
            var rejections = bad.Json.GetProperty("files")[0].GetProperty("rejections").EnumerateArray()
                .Select(x => (x.GetProperty("position").GetInt32(), x.GetProperty("reason").GetString())).ToList();
            Assert.Equal([
                (2, "column d, row id=4: '4714-11-23 BC' has no equivalent in PostgreSQL's DATE"),
                (3, "column d, row id=5: '5874898-01-01' has no equivalent in PostgreSQL's DATE"),
                (4, "column ts, row id=6: '294277-01-01 00:00:00' has no equivalent in PostgreSQL's TIMESTAMP"),
                (5, "column d, row id=7: '0044-02-29 BC' is not a date: a field is out of range")], rejections);
            Assert.Equal("3", await EngineClient.RunAsync(imported, "SELECT count(*) FROM d"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("sqlite", "SQLite", "CREATE TABLE d (id int PRIMARY KEY, d date, ts timestamp, tz timestamptz)")]
    [InlineData("mysql", "MySQL/MariaDB", "CREATE TABLE d (id int PRIMARY KEY, d date, ts datetime(6), tz timestamp(6) NULL)")]
    public async Task A_target_without_them_refuses_them_by_column_key_and_line_as_copy_does(string engine, string name, string table)
    {
        try
        {
            var url = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(url, table);
            var dir = await FolderAsync("refused", "d", Csv);
            var seed = await CliRunner.RunAsync("--json", "--url", url, "seed", "--folder", dir);
            var message = AssertValueError(seed, "d", "d", "id=1").GetProperty("message").GetString()!;
            Assert.StartsWith($"Table d, column d, row id=1: '0044-03-15 BC' has no equivalent in {name}'s DATE.", message, StringComparison.Ordinal);
            Assert.Contains("line 2", message, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT count(*) FROM d"));

            var import = await CliRunner.RunAsync("--json", "--url", url, "import", dir);
            Assert.True(import.ExitCode == 3, import.All);
            var reasons = import.Json.GetProperty("files")[0].GetProperty("rejections").EnumerateArray()
                .Select(x => (x.GetProperty("position").GetInt32(), x.GetProperty("reason").GetString())).ToList();
            Assert.Equal([
                (2, $"column d, row id=1: '0044-03-15 BC' has no equivalent in {name}'s DATE"),
                (3, $"column d, row id=2: '10000-01-01' has no equivalent in {name}'s DATE"),
                (4, $"column d, row id=3: '4714-11-24 BC' has no equivalent in {name}'s DATE")], reasons);
            Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT count(*) FROM d"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
