namespace NexuSql.Cli.Tests;

/// <summary>
/// import and seed into SQLite columns with NUMERIC or INTEGER affinity (break test F22): text that SQLite would turn
/// into a number is refused by column and key, and so is a number SQLite would change; the rest loads, read back with
/// sqlite3 (typeof, quote).
/// </summary>
public sealed class SqliteAffinityImportCliTests() : ValueFidelityCliTestBase("sqlite-affinity")
{
    private string Folder(string name, string file, string csv)
    {
        var dir = Directory.CreateDirectory(Db.File(name)).FullName;
        File.WriteAllText(Path.Combine(dir, file), csv);
        return dir;
    }

    [Fact]
    public async Task Import_into_sqlite_string_column_rejects_text_numeric_affinity_would_turn_into_a_number()
    {
        var url = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(url, "CREATE TABLE zs (id INTEGER PRIMARY KEY, code STRING, d DATE)");
        var dir = Folder("zs", "zs.csv", "id,code,d\n1,007,2020-01-01\n2,1e3,2020-01-02\n3, 42 ,2020-01-03\n4,12345678901234567890,2020-01-04\n" +
            "5,42,2020-01-05\n6,abc,2020-01-06\n7,,2020-01-07\n8,1.10,2020-01-08\n");
        foreach (var dryRun in new[] { true, false })
        {
            var r = await CliRunner.RunAsync(["--url", url, "import", dir, .. dryRun ? new[] { "--dry-run" } : []]);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            Assert.Contains(dryRun ? "2 would be inserted, 0 skipped (already there), 6 rejected" : "2 inserted, 0 skipped (already there), 6 rejected", r.All, StringComparison.Ordinal);
            Assert.Contains("column code, row id=1: the column is declared STRING, whose NUMERIC affinity would store the text '007' as the integer 7; declare it TEXT",
                r.All, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("column code, row id=2: ", r.All, StringComparison.Ordinal);
            Assert.Contains("'1e3' as the integer 1000", r.All, StringComparison.Ordinal);
            Assert.Contains("' 42 ' as the integer 42", r.All, StringComparison.Ordinal);
            Assert.Contains("'12345678901234567890' as the REAL 1.2345678901234567E+19", r.All, StringComparison.Ordinal);
            Assert.Contains("column code, row id=5: ", r.All, StringComparison.Ordinal);
            Assert.Contains("'1.10' as the REAL 1.1", r.All, StringComparison.Ordinal);
        }
        Assert.Equal("6|text|'abc'|text\n7|null|NULL|text", await EngineClient.RunAsync(url, "SELECT id, typeof(code), quote(code), typeof(d) FROM zs ORDER BY id"));
    }

    [Fact]
    public async Task Import_into_sqlite_decimal_columns_rejects_a_number_sqlite_would_change_and_loads_the_same_number()
    {
        var url = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(url, "CREATE TABLE ia (id INTEGER PRIMARY KEY, n NUMERIC, d DECIMAL(20,3))");
        var dir = Folder("ia", "ia.csv", "id,n,d\n21,12345678901234567890.123,1\n22,1.10,1.100\n23,5,99999999999999999.999\n24,0010,-0.5\n" +
            "25,9223372036854775808,2\n26,1e3,3\n");
        var r = await CliRunner.RunAsync("--url", url, "import", dir);
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("3 inserted, 0 skipped (already there), 3 rejected", r.All, StringComparison.Ordinal);
        Assert.Contains("column n, row id=21: the column is declared NUMERIC, whose NUMERIC affinity would store 12345678901234567890.123 as the REAL 1.2345678901234567E+19, another number",
            r.All, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("column d, row id=23: the column is declared DECIMAL(20,3), whose NUMERIC affinity would store 99999999999999999.999 as the integer 100000000000000000, another number",
            r.All, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("DECIMAL_TEXT(20,3)", r.All, StringComparison.Ordinal);
        Assert.Contains("column n, row id=25: ", r.All, StringComparison.Ordinal);
        // the same number stays: 1.10 as the REAL 1.1, 0010 as 10, 1e3 as 1000
        Assert.Equal("22|real|1.1|real|1.1\n24|integer|10|real|-0.5\n26|integer|1000|integer|3",
            await EngineClient.RunAsync(url, "SELECT id, typeof(n), quote(n), typeof(d), quote(d) FROM ia ORDER BY id"));
    }

    [Fact]
    public async Task Seed_into_sqlite_numeric_affinity_refuses_by_table_column_and_key_and_writes_nothing()
    {
        var url = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(url, "CREATE TABLE ia (id INTEGER PRIMARY KEY, code STRING, d DECIMAL(20,3))");
        var dir = Folder("seed", "ia.csv", "id,code,d\n1,abc,1.5\n2,007,2\n");
        AssertValueError(await CliRunner.RunAsync("--url", url, "--json", "seed", "--folder", dir), "ia", "code", "id=2");
        File.WriteAllText(Path.Combine(dir, "ia.csv"), "id,code,d\n1,abc,1.5\n2,x,99999999999999999.999\n");
        var error = AssertValueError(await CliRunner.RunAsync("--url", url, "--json", "seed", "--folder", dir), "ia", "d", "id=2");
        Assert.Contains("as the integer 100000000000000000", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT COUNT(*) FROM ia"));

        // what SQLite holds as written loads, and a second run changes nothing
        File.WriteAllText(Path.Combine(dir, "ia.csv"), "id,code,d\n1,abc,1.5\n2,x,2.250\n");
        await Ok("--url", url, "seed", "--folder", dir);
        var again = await CliRunner.RunAsync("--url", url, "seed", "--folder", dir);
        Assert.Contains("0 rows inserted, 0 updated", again.All, StringComparison.Ordinal);
        Assert.Equal("1|text|'abc'|real|1.5\n2|text|'x'|real|2.25", await EngineClient.RunAsync(url, "SELECT id, typeof(code), quote(code), typeof(d), quote(d) FROM ia ORDER BY id"));
    }

    [Fact]
    public async Task Copy_data_only_into_sqlite_numeric_affinity_is_refused_by_key_before_anything_is_written()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, "CREATE TABLE zs (id int PRIMARY KEY, code text, price numeric(20,3)); " +
                "INSERT INTO zs VALUES (1, 'abc', 1.5), (11, '007', 2), (12, 'x', 3)");
            var target = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(target, "CREATE TABLE zs (id INTEGER PRIMARY KEY, code STRING, price DECIMAL(20,3))");
            AssertValueError(await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--data-only"), "zs", "code", "id=11");
            Assert.Equal("0|zs", await EngineClient.RunAsync(target, "SELECT (SELECT COUNT(*) FROM zs), group_concat(name) FROM sqlite_master"));

            await EngineClient.RunAsync(source, "UPDATE zs SET code = 'y' WHERE id = 11; UPDATE zs SET price = 99999999999999999.999 WHERE id = 12");
            AssertValueError(await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--data-only"), "zs", "price", "id=12");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
