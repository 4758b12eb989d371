namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 11 break test F14: a SQLite column declared <c>INT</c> (or <c>SMALLINT</c>) holds any 64-bit integer, but
/// import and seed into it refused 3000000000 as "out of range for int32" (the portable type NexuSQL reads INT as).
/// SQLite to SQLite is now lossless by every path; into PostgreSQL, whose integer is 32-bit, the value is refused by
/// table, column and key, with the range it does not fit. Values are read with sqlite3 and psql.
/// </summary>
public sealed class SqliteWideIntegerCliTests() : ValueFidelityCliTestBase("sqlite-wide-int")
{
    private const string Table = "CREATE TABLE n (id INT PRIMARY KEY, v INT, s SMALLINT)";
    private const string Read = "SELECT id, typeof(id), v, typeof(v), s, typeof(s) FROM n ORDER BY id";

    [Fact]
    public async Task Import_and_seed_keep_64_bit_integers_in_int_and_smallint_columns()
    {
        var url = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(url, Table);
        var csv = "id,v,s\n3000000000,3000000000,-9223372036854775808\n2,-3000000000,40000\n";
        await Ok("--url", url, "import", await FolderAsync("import", "n", csv));
        const string expected = "2|integer|-3000000000|integer|40000|integer\n3000000000|integer|3000000000|integer|-9223372036854775808|integer";
        Assert.Equal(expected, await EngineClient.RunAsync(url, Read));

        var seeded = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(seeded, Table);
        var seed = await FolderAsync("seed", "n", csv);
        await Ok("--url", seeded, "seed", "--folder", seed);
        Assert.Equal(expected, await EngineClient.RunAsync(seeded, Read));
        var again = await Ok("--json", "--url", seeded, "seed", "--folder", seed);
        Assert.Contains("\"unchanged\": 2", again.Stdout, StringComparison.Ordinal);

        // the other way round: a STRICT table's INT holds them too
        var strict = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(strict, "CREATE TABLE n (id INT PRIMARY KEY, v INT, s INT) STRICT");
        await Ok("--url", strict, "import", await FolderAsync("strict", "n", csv));
        Assert.Equal(expected, await EngineClient.RunAsync(strict, Read));
    }

    [Fact]
    public async Task Copy_and_backup_restore_between_sqlite_databases_carry_them_and_verify_equal()
    {
        var source = await Db.NewAsync("sqlite");
        await EngineClient.RunScriptAsync(source, Table + "; INSERT INTO n VALUES (3000000000, 3000000000, 70000), (1, -4000000000, -70000)");
        var (copied, restored) = await MoveAsync(source, "sqlite");
        await AssertSameAsync(Read, source, copied, restored);
        await Ok("--url", source, "verify", "--against", copied, "--checks", "data");
        await Ok("--url", restored, "verify", "--against", source, "--checks", "data");
    }

    [Fact]
    public async Task Copy_and_restore_into_postgresql_refuse_the_value_by_name_with_the_range()
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, Table + "; INSERT INTO n VALUES (1, 5, 6), (2, 3000000000, 7)");
            var target = await Db.NewAsync("postgresql");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target);
            var message = AssertValueError(r, "n", "v", "id=2").GetProperty("message").GetString()!;
            Assert.Contains("3000000000 is out of range for int32 (-2147483648 to 2147483647)", message, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));

            var file = Db.File("wide.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restored = await Db.NewAsync("postgresql");
            r = await CliRunner.RunAsync("--json", "--url", restored, "restore", file);
            Assert.Contains("3000000000 is out of range for int32 (-2147483648 to 2147483647)", AssertValueError(r, "n", "v", "id=2").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(restored, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
