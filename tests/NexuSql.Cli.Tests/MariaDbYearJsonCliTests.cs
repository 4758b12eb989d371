namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 15), M3, M5, M7: a MariaDB YEAR 0000 became 2000 through copy and restore
/// (LOAD DATA reads the text "0" as a two-digit year); SQLite text that is not JSON in a JSON column failed a MariaDB
/// load half-way with a bare "CONSTRAINT `j.j` failed"; import and seed of a YEAR out of range or of text that is not
/// JSON into MariaDB gave raw server errors "at row 1". Each now arrives as it is or is refused by column and key
/// before anything is written; the targets are read with mariadb.
/// </summary>
public sealed class MariaDbYearJsonCliTests() : ValueFidelityCliTestBase("mariadb-year-json")
{
    [Fact]
    public async Task Year_0000_arrives_as_0000_through_copy_and_restore()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE yr (id INT PRIMARY KEY, y YEAR); INSERT INTO yr VALUES (1, 0), (2, 2000), (3, 1901), (4, 2155), (5, NULL)");
            const string Rows = "SELECT id, y FROM yr ORDER BY id";
            var expected = await EngineClient.RunAsync(source, Rows);
            Assert.Equal("1|0000\n2|2000\n3|1901\n4|2155\n5|NULL", expected);
            var (copied, restored) = await MoveAsync(source, "mysql");
            Assert.Equal(expected, await EngineClient.RunAsync(copied, Rows));
            Assert.Equal(expected, await EngineClient.RunAsync(restored, Rows));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Text_that_is_not_json_is_refused_by_key_before_a_mariadb_load_and_import_names_year_and_json_problems()
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE a (id INTEGER PRIMARY KEY); INSERT INTO a VALUES (1); " +
                "CREATE TABLE j (id INTEGER PRIMARY KEY, j JSON); INSERT INTO j VALUES (2, '{\"a\":1}'), (1, 'not json')");
            var maria = await Db.NewAsync("mysql");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", maria);
            Assert.True(r.ExitCode == 1, r.All);
            Assert.Contains("\"kind\": \"value\"", r.All, StringComparison.Ordinal);
            Assert.Contains("Table j, column j, row id=1: the text is not valid JSON", r.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SHOW TABLES"));

            var target = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(target, "CREATE TABLE m (id INT PRIMARY KEY, y YEAR, j JSON)");
            var dir = Directory.CreateDirectory(Db.File("imp")).FullName;
            await File.WriteAllTextAsync(Path.Combine(dir, "m.csv"), "id,y,j\n20,2000,\"{\"\"a\"\":\"\n21,1800,null\n22,0,\"[1]\"\n23,1999,\"{}\"\n24,5,\n", TestContext.Current.CancellationToken);
            var import = await CliRunner.RunAsync("--url", target, "import", dir);
            Assert.True(import.ExitCode == 3, import.All);
            Assert.DoesNotContain("at row 1", import.All, StringComparison.Ordinal);
            Assert.Contains("column j, row id=20: the text is not valid JSON", import.All, StringComparison.Ordinal);
            Assert.Contains("column y, row id=21: 1800 is outside MySQL's YEAR range (1901 to 2155, or 0)", import.All, StringComparison.Ordinal);
            Assert.Contains("column y, row id=24: 5 is outside MySQL's YEAR range", import.All, StringComparison.Ordinal);
            Assert.Equal("22|0000|[1]\n23|1999|{}", await EngineClient.RunAsync(target, "SELECT id, y, j FROM m ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_decimal_wider_than_mariadb_and_columns_differing_only_in_case_are_refused_by_name_before_writing()
    {
        // break test M9, M4: raw "Too big precision" / "Duplicate column name" after the target was marked
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE w (id int PRIMARY KEY, n numeric(70,5)); INSERT INTO w VALUES (1, 1.5); " +
                "CREATE TABLE \"Abc\" (id int PRIMARY KEY, \"Col\" text, col text)");
            var maria = await Db.NewAsync("mysql");
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", maria);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("w.n (decimal(70,5): MySQL/MariaDB's DECIMAL holds at most 65 digits, 38 after the point)", r.All, StringComparison.Ordinal);
            Assert.Contains("Abc.Col and Abc.col (names that differ only in case", r.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SHOW TABLES"));
            var sqlite = await Db.NewAsync("sqlite");
            var s = await CliRunner.RunAsync("copy", "--from", source, "--to", sqlite);
            Assert.True(s.ExitCode == 4, s.All);
            Assert.Contains("Abc.Col and Abc.col", s.All, StringComparison.Ordinal);
            Assert.DoesNotContain("w.n", s.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(sqlite, "SELECT group_concat(name) FROM sqlite_schema"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
