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

    /// <summary>
    /// B11: a <c>timestamptz DEFAULT now()</c> column got SQLite's <c>DEFAULT CURRENT_TIMESTAMP</c>, which writes UTC
    /// without an offset: every row the application added through it was refused on the way back. The default now writes
    /// the offset, the value arrives as the same instant, and the column takes the current time again in PostgreSQL.
    /// </summary>
    [Fact]
    public async Task Rows_an_application_adds_in_sqlite_through_the_current_time_default_come_back_to_postgresql()
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE ev (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), at0 timestamptz(0) DEFAULT now(), amt numeric(10,2));
            INSERT INTO ev (at, at0, amt) VALUES ('2024-01-01 00:00+00', '2024-01-01 00:00:01+00', 1.50);
            """);
        var sqlite = await Db.NewAsync("sqlite");
        await Ok("copy", "--from", source, "--to", sqlite);
        // the application adds a row through the defaults
        await EngineClient.RunAsync(sqlite, "INSERT INTO ev (amt) VALUES (2.25)");
        var written = (await EngineClient.RunAsync(sqlite, "SELECT at, at0 FROM ev WHERE id = 2")).Split('|');
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+00:00$", written[0]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00$", written[1]);
        var (copied, restored) = await MoveAsync(sqlite, "postgresql");
        foreach (var target in new[] { copied, restored })
        {
            // the same instants, read in UTC with psql
            Assert.Equal($"{written[0]}|{written[1]}", await EngineClient.RunAsync(target,
                "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') || '+00:00', to_char(at0 AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00:00' FROM ev WHERE id = 2"));
            Assert.Equal("CURRENT_TIMESTAMP|CURRENT_TIMESTAMP", await EngineClient.RunAsync(target,
                "SELECT string_agg(pg_get_expr(adbin, adrelid), '|' ORDER BY adnum) FROM pg_attrdef WHERE adrelid = 'ev'::regclass AND adnum > 1"));
            await Ok("--url", sqlite, "verify", "--against", target);
        }
    }
}
