namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 30 (an outside tester of issue 11), the MEDIUM findings: values refused that the target could hold. Each
/// side is read with the engine's own client.
/// </summary>
public sealed class BreakTest30MoreCliTests() : ValueFidelityCliTestBase("bt30more")
{
    /// <summary>
    /// F8: SQLite columns declared <c>FLOAT</c> / <c>FLOAT(n)</c> (what SQLAlchemy, Django and Rails declare; SQLite keeps
    /// an 8-byte REAL there) were read as float32, so 0.1 was refused into PostgreSQL and MariaDB as "not a float32 value".
    /// NexuSQL's own float32 is declared <c>FLOAT4</c> now, so a PostgreSQL real still comes back as real.
    /// </summary>
    [Fact]
    public async Task A_sqlite_FLOAT_column_moves_as_the_double_it_holds_and_postgresql_real_keeps_its_type_through_sqlite()
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE f (id integer PRIMARY KEY, x FLOAT, y float(24), z FLOAT(53), r REAL);
                INSERT INTO f VALUES (1, 0.1, 0.1, 0.1, 0.1), (2, 1e300, -2.5, 1.0000000000000002, 3), (3, NULL, NULL, NULL, NULL);
                """);
            const string Values = "SELECT id, x = 0.1e0, y = 0.1e0, z = 0.1e0, r = 0.1e0 FROM f WHERE id = 1";

            var (pgCopy, pgRestored) = await MoveAsync(source, "postgresql");
            foreach (var pg in new[] { pgCopy, pgRestored })
            {
                Assert.Equal("double precision|double precision|double precision|double precision", await EngineClient.RunAsync(pg,
                    "SELECT pg_typeof(x), pg_typeof(y), pg_typeof(z), pg_typeof(r) FROM f WHERE id = 1"));
                Assert.Equal("1|t|t|t|t", await EngineClient.RunAsync(pg, Values));
                Assert.Equal("2|1e+300|-2.5|1.0000000000000002|3\n3||||", await EngineClient.RunAsync(pg,
                    "SELECT id, x, y, z, r FROM f WHERE id > 1 ORDER BY id"));
            }
            var (myCopy, myRestored) = await MoveAsync(source, "mysql");
            foreach (var my in new[] { myCopy, myRestored })
            {
                Assert.Equal("double|double|double|double", await EngineClient.RunAsync(my,
                    "SELECT GROUP_CONCAT(DATA_TYPE ORDER BY ORDINAL_POSITION SEPARATOR '|') FROM information_schema.COLUMNS " +
                    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'f' AND COLUMN_NAME <> 'id'"));
                Assert.Equal("1|1|1|1|1", await EngineClient.RunAsync(my, Values));
                Assert.Equal("1", await EngineClient.RunAsync(my, "SELECT x = 1e300 AND z = 1.0000000000000002e0 FROM f WHERE id = 2"));
            }
            foreach (var target in new[] { pgCopy, myCopy })
                await Ok("--url", source, "verify", "--against", target, "--checks", "data");

            // SQLite → SQLite keeps the declared FLOAT (its affinity) and the values
            var (liteCopy, liteRestored) = await MoveAsync(source, "sqlite");
            foreach (var lite in new[] { liteCopy, liteRestored })
            {
                Assert.Contains("\"x\" FLOAT,", await EngineClient.RunAsync(lite, "SELECT sql FROM sqlite_master WHERE name = 'f'"), StringComparison.Ordinal);
                await AssertSameAsync("SELECT id, quote(x), quote(y), quote(z), quote(r) FROM f ORDER BY id", source, lite);
            }

            // NexuSQL's own float32 (PostgreSQL real) is declared FLOAT4 in SQLite and comes back as real
            var real = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(real, "CREATE TABLE r (id int PRIMARY KEY, v real); INSERT INTO r VALUES (1, 0.1), (2, 3.4028235e38);");
            var (lite32, _) = await MoveAsync(real, "sqlite");
            Assert.Contains("\"v\" FLOAT4", await EngineClient.RunAsync(lite32, "SELECT sql FROM sqlite_master WHERE name = 'r'"), StringComparison.Ordinal);
            var (back, backRestored) = await MoveAsync(lite32, "postgresql");
            foreach (var pg in new[] { back, backRestored })
                Assert.Equal("1|real|t\n2|real|t", await EngineClient.RunAsync(pg,
                    "SELECT id, pg_typeof(v), v = CASE id WHEN 1 THEN 0.1::real ELSE 3.4028235e38::real END FROM r ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
