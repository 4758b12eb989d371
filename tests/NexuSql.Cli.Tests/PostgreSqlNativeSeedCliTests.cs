namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 15), M6: seed and import into PostgreSQL interval, bit(n), integer[], text[], enum
/// and composite columns failed with a raw 42804 ("column i is of type interval but expression is of type text")
/// naming no table, column, key or file. Their text now goes untyped, as a bulk load sends it, so the server reads it
/// as the column's own type — also a composite or enum whose name needs quoting, or that lives in another schema; a
/// text the server cannot read so is a value error naming table, column and key (and the seed file's line). Read
/// back with psql.
/// </summary>
public sealed class PostgreSqlNativeSeedCliTests() : ValueFidelityCliTestBase("pg-native-seed")
{
    private const string Setup = """
        CREATE TYPE mood AS ENUM ('sad', 'happy');
        CREATE TYPE "Outer" AS (a int, b text);
        CREATE SCHEMA "Other Schema";
        CREATE TYPE "Other Schema"."In ner" AS ENUM ('x', 'y z');
        CREATE TABLE s (id int PRIMARY KEY, i interval, b bit(4), a int[], t text[], m mood, o "Outer", oa "Outer"[], x "Other Schema"."In ner");
        """;

    [Fact]
    public async Task Seed_and_import_put_text_into_interval_bit_array_enum_and_composite_columns()
    {
        try
        {
            foreach (var command in new[] { "seed", "import" })
            {
                var url = await Db.NewAsync("postgresql");
                await EngineClient.RunScriptAsync(url, Setup);
                var dir = Directory.CreateDirectory(Db.File(command)).FullName;
                await File.WriteAllTextAsync(Path.Combine(dir, "s.csv"), "id,i,b,a,t,m,o,oa,x\n" +
                    "1,1 day 02:00:00,1010,\"{1,2}\",\"{x,\"\"y z\"\"}\",happy,\"(7,\"\"q r\"\")\",\"{\"\"(1,a)\"\",\"\"(2,)\"\"}\",y z\n2,,,,,,,,\n",
                    TestContext.Current.CancellationToken);
                await Ok(command == "seed" ? ["--url", url, "seed", "--folder", dir] : ["--url", url, "import", dir]);
                Assert.Equal("1|1 day 02:00:00|1010|{1,2}|{x,\"y z\"}|happy|(7,\"q r\")|{\"(1,a)\",\"(2,)\"}|y z\n2||||||||",
                    await EngineClient.RunAsync(url, "SELECT id, i, b, a, t, m, o, oa, x FROM s ORDER BY id"));
                if (command == "seed") await Ok("--url", url, "seed", "--folder", dir); // unchanged rows: read back and compared
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_text_postgresql_cannot_read_as_the_column_type_is_a_value_error_naming_column_key_and_line()
    {
        try
        {
            var seeded = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(seeded, Setup);
            var dir = Directory.CreateDirectory(Db.File("seed")).FullName;
            await File.WriteAllTextAsync(Path.Combine(dir, "s.csv"), "id,i,m\n1,1 day,sad\n2,banana,happy\n", TestContext.Current.CancellationToken);
            var seed = await CliRunner.RunAsync("--url", seeded, "--json", "seed", "--folder", dir);
            var error = AssertValueError(seed, "s", "i", "id=2");
            Assert.Contains("the text 'banana' is not a value of type interval", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("line 3", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(seeded, "SELECT count(*) FROM s"));

            var imported = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(imported, Setup);
            var idir = Directory.CreateDirectory(Db.File("import")).FullName;
            await File.WriteAllTextAsync(Path.Combine(idir, "s.csv"), "id,i,m,a\n1,1 day,sad,{1}\n2,banana,happy,{2}\n3,2 days,angry,{3}\n4,,,{x}\n",
                TestContext.Current.CancellationToken);
            var import = await CliRunner.RunAsync("--url", imported, "import", idir);
            Assert.True(import.ExitCode == 3, import.All);
            Assert.DoesNotContain("42804", import.All, StringComparison.Ordinal);
            Assert.Contains("column i, row id=2: the text 'banana' is not a value of type interval", import.All, StringComparison.Ordinal);
            Assert.Contains("column m, row id=3: the text 'angry' is not a value of type mood", import.All, StringComparison.Ordinal);
            Assert.Contains("column a, row id=4: the text '{x}' is not a value of type integer[]", import.All, StringComparison.Ordinal);
            Assert.Equal("1|1 day|sad|{1}", await EngineClient.RunAsync(imported, "SELECT id, i, m, a FROM s ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
