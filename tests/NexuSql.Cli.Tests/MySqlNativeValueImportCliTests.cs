namespace NexuSql.Cli.Tests;

/// <summary>
/// import and seed into MariaDB's own types (break test F5, F17): a BIT(n), SET(...), ENUM or unsigned integer value the
/// column cannot hold, or would store otherwise, is refused by column and key (was a raw 1406/1265/1264 "at row 1", and
/// an ENUM 'A' stored as 'a' was "updated" on every seed); a BIT value is its number (5 or b'101'). Read back with mariadb.
/// </summary>
public sealed class MySqlNativeValueImportCliTests() : ValueFidelityCliTestBase("mysql-native-import")
{
    private const string Table = "CREATE TABLE t (id INT PRIMARY KEY, b BIT(4), s SET('a','b'), u INT UNSIGNED, tu TINYINT UNSIGNED, e ENUM('a','b'))";

    private string Folder(string name, string file, string text)
    {
        var dir = Directory.CreateDirectory(Db.File(name)).FullName;
        File.WriteAllText(Path.Combine(dir, file), text);
        return dir;
    }

    [Fact]
    public async Task Import_rejects_values_mariadb_types_cannot_hold_by_key_and_loads_bit_numbers()
    {
        try
        {
            var url = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(url, Table);
            var dir = Folder("imp", "t.csv", "id,b,s,u,tu,e\n1,300,a,1,1,a\n2,abc,a,1,1,a\n3,5,\"a,z\",1,1,a\n4,5,a,-1,1,a\n5,5,a,1,256,a\n" +
                "6,5,\"b,a\",1,1,a\n7,5,a,1,1,A\n8,0b101,a,1,1,a\n9,5,\"a,b\",4294967295,255,b\n10,b'1111',\"\",0,0,a\n11,,,,,\n");
            var r = await CliRunner.RunAsync("--url", url, "import", dir);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("at row 1", r.All, StringComparison.Ordinal);
            Assert.Contains("3 inserted, 0 skipped (already there), 8 rejected", r.All, StringComparison.Ordinal);
            Assert.Contains("column b, row id=1: 300 is out of range for bit(4) (0 to 15)", r.All, StringComparison.Ordinal);
            Assert.Contains("column b, row id=2: 'abc' is not a bit(4) value", r.All, StringComparison.Ordinal);
            Assert.Contains("column s, row id=3: 'a,z' is not a value of set('a','b'): 'z' is not one of its labels", r.All, StringComparison.Ordinal);
            Assert.Contains("column u, row id=4: -1 is out of range for int(10) unsigned", r.All, StringComparison.Ordinal);
            Assert.Contains("column tu, row id=5: 256 is out of range for tinyint(3) unsigned (0 to 255)", r.All, StringComparison.Ordinal);
            Assert.Contains("column s, row id=6: 'b,a' would be stored as 'a,b'", r.All, StringComparison.Ordinal);
            Assert.Contains("column e, row id=7: 'A' is not one of enum('a','b'): MySQL/MariaDB would store the label 'a'", r.All, StringComparison.Ordinal);
            Assert.Contains("column b, row id=8: '0b101' is not a bit(4) value", r.All, StringComparison.Ordinal);
            Assert.Equal("9|101|a,b|4294967295|255|b\n10|1111||0|0|a\n11|NULL|NULL|NULL|NULL|NULL",
                await EngineClient.RunAsync(url, "SELECT id, BIN(b), s, u, tu, e FROM t ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Seed_refuses_by_name_what_mariadb_would_store_otherwise_and_a_second_run_changes_nothing()
    {
        try
        {
            var url = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(url, Table);
            var dir = Folder("seed", "t.csv", "id,b,s,u,tu,e\n1,5,\"a,b\",4294967295,255,b\n2,1,a,1,1,A\n");
            var error = AssertValueError(await CliRunner.RunAsync("--url", url, "--json", "seed", "--folder", dir), "t", "e", "id=2");
            Assert.Contains("would store the label 'a'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            foreach (var (csv, column, key) in new[]
            {
                ("id,b,s,u,tu,e\n1,16,a,1,1,a\n", "b", "id=1"),
                ("id,b,s,u,tu,e\n1,1,\"a,A\",1,1,a\n", "s", "id=1"),
                ("id,b,s,u,tu,e\n1,1,a,-1,1,a\n", "u", "id=1"),
                ("id,b,s,u,tu,e\n1,1,a,1,-1,a\n", "tu", "id=1"),
            })
            {
                File.WriteAllText(Path.Combine(dir, "t.csv"), csv);
                AssertValueError(await CliRunner.RunAsync("--url", url, "--json", "seed", "--folder", dir), "t", column, key);
            }
            Assert.Equal("0", await EngineClient.RunAsync(url, "SELECT COUNT(*) FROM t"));

            File.WriteAllText(Path.Combine(dir, "t.csv"), "id,b,s,u,tu,e\n1,5,\"a,b\",4294967295,255,b\n2,b'11',a,1,1,a\n");
            await Ok("--url", url, "seed", "--folder", dir);
            var again = await CliRunner.RunAsync("--url", url, "seed", "--folder", dir);
            Assert.Contains("0 rows inserted, 0 updated", again.All, StringComparison.Ordinal);
            Assert.Equal("1|101|a,b|4294967295|255|b\n2|11|a|1|1|a", await EngineClient.RunAsync(url, "SELECT id, BIN(b), s, u, tu, e FROM t ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Values_mariadb_refuses_on_the_server_are_named_by_column_and_key()
    {
        // break test 16, M8: an emoji into a latin1 column, a malformed UUID: the server's refusal "at row 1" is named by
        // the record's column and key
        try
        {
            var url = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(url, "CREATE TABLE s (id INT PRIMARY KEY, t VARCHAR(10) CHARACTER SET latin1, u UUID)");
            var dir = Folder("srv", "s.csv", "id,t,u\n1,ok,\n2,😀,\n4,x,not-a-uuid\n");
            var r = await CliRunner.RunAsync("--url", url, "import", dir);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("1 inserted, 0 skipped (already there), 2 rejected", r.All, StringComparison.Ordinal);
            Assert.Contains("column t, row id=2: MariaDB/MySQL refuses the value: Incorrect string value: '\\xF0\\x9F\\x98\\x80' (MySQL/MariaDB error 1366)", r.All, StringComparison.Ordinal);
            // read as the column's type before writing (break test 18, M4)
            Assert.Contains("column u, row id=4: the text 'not-a-uuid' is not a value of type uuid", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("at row 1", r.All, StringComparison.Ordinal);
            Assert.Equal("1|ok", await EngineClient.RunAsync(url, "SELECT id, t FROM s"));

            var seed = await CliRunner.RunAsync("--url", url, "--json", "seed", "--folder", Folder("seed", "s.csv", "id,t\n7,fine\n8,😀\n"));
            Assert.True(seed.ExitCode == 1, seed.All);
            var error = System.Text.Json.JsonDocument.Parse(seed.Stdout).RootElement.GetProperty("error");
            Assert.Equal("value", error.GetProperty("kind").GetString());
            Assert.StartsWith("Table s, column t, row id=8: MariaDB/MySQL refuses the value: Incorrect string value", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("line 3", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("1|ok", await EngineClient.RunAsync(url, "SELECT id, t FROM s"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
