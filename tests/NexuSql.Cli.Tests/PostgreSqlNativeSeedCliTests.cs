namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 15), M6: seed and import into PostgreSQL interval, bit(n) and integer[] columns
/// failed with a raw 42804 ("column i is of type interval but expression is of type text") naming no table, column,
/// key or file. Their text is now cast to the column's type, as numeric and jsonb already were; read back with psql.
/// </summary>
public sealed class PostgreSqlNativeSeedCliTests() : ValueFidelityCliTestBase("pg-native-seed")
{
    [Fact]
    public async Task Seed_and_import_put_text_into_interval_bit_and_array_columns()
    {
        try
        {
            foreach (var command in new[] { "seed", "import" })
            {
                var url = await Db.NewAsync("postgresql");
                await EngineClient.RunAsync(url, "CREATE TABLE s (id int PRIMARY KEY, i interval, b bit(4), a int[], t text[])");
                var dir = Directory.CreateDirectory(Db.File(command)).FullName;
                await File.WriteAllTextAsync(Path.Combine(dir, "s.csv"), "id,i,b,a,t\n1,1 day 02:00:00,1010,\"{1,2}\",\"{x,\"\"y z\"\"}\"\n2,,,,\n",
                    TestContext.Current.CancellationToken);
                await Ok(command == "seed" ? ["--url", url, "seed", "--folder", dir] : ["--url", url, "import", dir]);
                Assert.Equal("1|1 day 02:00:00|1010|{1,2}|{x,\"y z\"}\n2||||", await EngineClient.RunAsync(url, "SELECT id, i, b, a, t FROM s ORDER BY id"));
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
