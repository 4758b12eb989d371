namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 31, round trips: a database NexuSQL moved PostgreSQL → SQLite must come back (its own check spelling, the
/// rows an application adds through the defaults it chose), and a PostgreSQL enum column must go where the target has
/// no enum types. Each side is read with the engine's own client.
/// </summary>
public sealed class BreakTest31RoundTripCliTests() : ValueFidelityCliTestBase("bt31rt")
{
    /// <summary>
    /// B9: a check <c>price &gt;= 0</c> on a decimal column is written into SQLite as <c>CAST("price" AS REAL) &gt;= 0</c>
    /// (SQLite holds decimals as text); copying or restoring that SQLite database back refused the check NexuSQL wrote.
    /// </summary>
    [Fact]
    public async Task A_decimal_check_copied_into_sqlite_comes_back_to_postgresql_and_mariadb()
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE p (id int PRIMARY KEY, price numeric(10,2) NOT NULL CHECK (price >= 0));
            INSERT INTO p VALUES (1, 9.99), (2, 0.00);
            """);
        var sqlite = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", sqlite);
        Assert.Contains("CHECK (CAST(\"price\" AS REAL) >= 0)", await EngineClient.RunAsync(sqlite, "SELECT sql FROM sqlite_master WHERE name = 'p'"), StringComparison.Ordinal);
        var (copied, restored) = await MoveAsync(sqlite, "postgresql");
        foreach (var target in new[] { copied, restored })
        {
            Assert.Equal("CHECK ((price >= (0)::numeric))", await EngineClient.RunAsync(target, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'p'::regclass AND contype = 'c'"));
            Assert.Equal("1|9.99\n2|0.00", await EngineClient.RunAsync(target, "SELECT id, price FROM p ORDER BY id"));
            await Ok("--url", source, "verify", "--against", target);
        }
        var (mariadb, _) = await MoveAsync(sqlite, "mysql");
        Assert.Equal("`price` >= 0", await EngineClient.RunAsync(mariadb, "SELECT check_clause FROM information_schema.check_constraints WHERE constraint_schema = DATABASE()"));
        Assert.Equal("1|9.99\n2|0.00", await EngineClient.RunAsync(mariadb, "SELECT id, price FROM p ORDER BY id"));
    }

}
