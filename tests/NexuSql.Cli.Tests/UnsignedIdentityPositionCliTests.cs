using System.IO.Compression;
using System.Text.Json;

namespace NexuSql.Cli.Tests;

/// <summary>
/// MariaDB BIGINT UNSIGNED AUTO_INCREMENT positions at or above 2^63 (bt29 M2): carried exactly into MariaDB by copy and
/// backup/restore (the manifest holds them), refused by table and column into PostgreSQL and SQLite, whose identity
/// counters stop at 2^63-1, before anything is written.
/// </summary>
public sealed class UnsignedIdentityPositionCliTests
{
    private const string Source =
        "CREATE TABLE orders (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10)) AUTO_INCREMENT=9223372036854775808; " +
        "INSERT INTO orders (v) VALUES ('a'), ('b'), ('c'); DELETE FROM orders WHERE v = 'c'; " +
        "CREATE TABLE ue (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, v INT) AUTO_INCREMENT=18446744073709551615; " +
        "CREATE TABLE small (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, v INT); INSERT INTO small (v) VALUES (1), (2), (3); DELETE FROM small WHERE v = 3";

    private static async Task<Dictionary<string, string>> AutoIncrementsAsync(string url)
    {
        var r = await CliRunner.RunAsync("--url", url, "--json", "query",
            "SELECT table_name AS t, CAST(auto_increment AS CHAR) AS n FROM information_schema.tables WHERE table_schema = DATABASE()");
        Assert.True(r.ExitCode == 0, r.All);
        return r.Json.GetProperty("rows").EnumerateArray().ToDictionary(row => row.GetProperty("t").GetString()!, row => row.GetProperty("n").GetString()!);
    }

    [Fact]
    public async Task MariaDb_copy_and_restore_carry_positions_beyond_2_63_and_the_manifest_holds_them()
    {
        using var live = new LiveDatabases("unsigned-ai");
        try
        {
            var source = await live.NewAsync("mysql");
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", Source)).ExitCode);
            var expected = new Dictionary<string, string> { ["orders"] = "9223372036854775811", ["ue"] = "18446744073709551615", ["small"] = "4" };
            Assert.Equal(expected, await AutoIncrementsAsync(source));

            var copied = await live.NewAsync("mysql");
            var copy = await CliRunner.RunAsync("copy", "--from", source, "--to", copied);
            Assert.True(copy.ExitCode == 0, copy.All);
            Assert.Equal(expected, await AutoIncrementsAsync(copied));

            var backup = live.File("ai.nxb");
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "backup", "--output", backup)).ExitCode);
            using (var zip = ZipFile.OpenRead(backup))
            using (var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open()))
            {
                var next = manifest.RootElement.GetProperty("sequences").EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!, q => q.GetProperty("next").GetRawText());
                Assert.Equal("9223372036854775811", next["orders"]);
                Assert.Equal("18446744073709551615", next["ue"]);
            }
            var restored = await live.NewAsync("mysql");
            var restore = await CliRunner.RunAsync("--url", restored, "restore", backup);
            Assert.True(restore.ExitCode == 0, restore.All);
            Assert.Equal(expected, await AutoIncrementsAsync(restored));
            var verify = await CliRunner.RunAsync("--url", source, "verify", "--checks", "schema,data", "--against", restored);
            Assert.True(verify.ExitCode == 0, verify.All);
        }
        finally
        {
            await live.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("sqlite")]
    public async Task Copy_and_restore_into_a_signed_counter_are_refused_by_table_and_column_before_writing(string engine)
    {
        using var live = new LiveDatabases("unsigned-ai-" + engine);
        try
        {
            var source = await live.NewAsync("mysql");
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "exec", Source)).ExitCode);
            var backup = live.File("ai.nxb");
            Assert.Equal(0, (await CliRunner.RunAsync("--url", source, "backup", "--output", backup)).ExitCode);
            var target = await live.NewAsync(engine);
            foreach (var r in new[] { await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target), await CliRunner.RunAsync("--url", target, "--json", "restore", backup) })
            {
                Assert.True(r.ExitCode == 4, r.All);
                Assert.Equal("refused", r.Json.GetProperty("error").GetProperty("kind").GetString());
                var message = r.Json.GetProperty("error").GetProperty("message").GetString()!;
                Assert.Contains("orders.id (next value 9223372036854775811)", message, StringComparison.Ordinal);
                Assert.Contains("ue.id (next value 18446744073709551615)", message, StringComparison.Ordinal);
                Assert.DoesNotContain("small", message, StringComparison.Ordinal);
            }
            if (engine == "sqlite") Assert.False(File.Exists(new Uri(target.Replace("sqlite:///", "file://", StringComparison.Ordinal)).LocalPath) && new FileInfo(new Uri(target.Replace("sqlite:///", "file://", StringComparison.Ordinal)).LocalPath).Length > 0);
            else
            {
                var tables = await CliRunner.RunAsync("--url", target, "--json", "query", "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'");
                Assert.Equal(0, tables.Json.GetProperty("rows")[0].GetProperty("n").GetInt64());
            }
        }
        finally
        {
            await live.CleanupAsync();
        }
    }

    /// <summary>
    /// verify between two MariaDB databases whose BIGINT UNSIGNED AUTO_INCREMENT ids are at or above 2^63 (an int64 key
    /// to the model, compared by key ranges): it crashed with an InvalidCastException (UInt64 → Int64); now each changed,
    /// missing and extra row is named by its id, up to 2^64 − 1, over more rows than one range holds.
    /// </summary>
    [Fact]
    public async Task Verify_names_rows_by_unsigned_ids_past_2_63()
    {
        using var live = new LiveDatabases("unsigned-ai-verify");
        try
        {
            var source = await live.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source,
                "CREATE TABLE a (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, v INT) AUTO_INCREMENT=9223372036854775800; " +
                "INSERT INTO a (v) SELECT seq FROM seq_1_to_30000;");
            var target = await live.NewAsync("mysql");
            var copy = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
            Assert.True(copy.ExitCode == 0, copy.All);
            var same = await CliRunner.RunAsync("--url", source, "verify", "--checks", "data", "--against", target);
            Assert.True(same.ExitCode == 0, same.All);

            await EngineClient.RunScriptAsync(target,
                "UPDATE a SET v = -1 WHERE id = 9223372036854800000; DELETE FROM a WHERE id = 9223372036854775800; " +
                "INSERT INTO a (id, v) VALUES (18446744073709551615, 7);");
            Assert.Equal("18446744073709551615|7", await EngineClient.RunAsync(target, "SELECT id, v FROM a WHERE id > 9223372036854829799"));
            var r = await CliRunner.RunAsync("--url", source, "--json", "verify", "--checks", "data", "--against", target);
            Assert.True(r.ExitCode == 3, r.All);
            var found = r.Json.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("check").GetString() == "data")
                .Select(f => f.GetProperty("finding").GetString()!).ToList();
            Assert.Contains("a: id=9223372036854800000: row differs in v", found);
            Assert.Contains("a: id=9223372036854775800: row only in the first database", found);
            Assert.Contains("a: id=18446744073709551615: row only in the second database", found);
            Assert.Equal(4, found.Count); // and the AUTO_INCREMENT position, which the insert moved to its end
        }
        finally
        {
            await live.CleanupAsync();
        }
    }
}
