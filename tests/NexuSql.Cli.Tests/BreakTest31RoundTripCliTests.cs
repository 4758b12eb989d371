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

    /// <summary>
    /// B2: a column of a PostgreSQL enum type was refused into MariaDB and SQLite ("no equivalent"). It arrives in MariaDB as
    /// an ENUM with the same labels in the same order (compared by code point, so 'paid' and 'Paid' stay two labels), in
    /// SQLite as text with a check of its labels; verify --against says OK and finds a changed value.
    /// </summary>
    [Fact]
    public async Task A_postgresql_enum_column_arrives_in_mariadb_as_an_enum_and_in_sqlite_as_checked_text()
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TYPE order_status AS ENUM ('pending', 'paid', 'Paid', 'it''s');
            CREATE TABLE orders (id int PRIMARY KEY, status order_status NOT NULL DEFAULT 'pending', prev order_status);
            CREATE INDEX orders_status ON orders (status);
            INSERT INTO orders VALUES (1, 'paid', 'pending'), (2, 'Paid', NULL), (3, 'it''s', 'paid');
            """);
        Assert.Equal("pending,paid,Paid,it's", await EngineClient.RunAsync(source, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"));
        var (mariadb, restoredMariadb) = await MoveAsync(source, "mysql");
        foreach (var target in new[] { mariadb, restoredMariadb })
        {
            Assert.Equal("enum('pending','paid','Paid','it''s')|utf8mb4_nopad_bin|'pending'", await EngineClient.RunAsync(target,
                "SELECT column_type, collation_name, column_default FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'status'"));
            // the labels by their positions, as PostgreSQL sorts them
            Assert.Equal("1:paid:2:pending,2:Paid:3:NULL,3:it's:4:paid", await EngineClient.RunAsync(target,
                "SELECT group_concat(concat_ws(':', id, status, status + 0, coalesce(prev, 'NULL')) ORDER BY id SEPARATOR ',') FROM orders"));
            await Ok("--url", source, "verify", "--against", target);
        }
        var (sqlite, restoredSqlite) = await MoveAsync(source, "sqlite");
        foreach (var target in new[] { sqlite, restoredSqlite })
        {
            var sql = await EngineClient.RunAsync(target, "SELECT sql FROM sqlite_master WHERE name = 'orders'");
            Assert.Contains("\"status\" TEXT NOT NULL DEFAULT 'pending'", sql, StringComparison.Ordinal);
            Assert.Contains("CHECK (\"status\" IN ('pending', 'paid', 'Paid', 'it''s'))", sql, StringComparison.Ordinal);
            Assert.Contains("CHECK (\"prev\" IN ('pending', 'paid', 'Paid', 'it''s'))", sql, StringComparison.Ordinal);
            Assert.Equal("1|paid|pending\n2|Paid|\n3|it's|paid", await EngineClient.RunAsync(target, "SELECT id, status, prev FROM orders ORDER BY id"));
            await Ok("--url", source, "verify", "--against", target);
        }
        // a changed value is found on both
        await EngineClient.RunAsync(mariadb, "UPDATE orders SET status = 'pending' WHERE id = 1");
        await EngineClient.RunAsync(sqlite, "UPDATE orders SET status = 'Paid' WHERE id = 1");
        foreach (var target in new[] { mariadb, sqlite })
        {
            var r = await CliRunner.RunAsync("--url", source, "verify", "--against", target);
            Assert.True(r.ExitCode == 3, r.All);
            Assert.Contains("id=1: row differs in status", r.All, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Break test 32 F16: PostgreSQL compares an enum by its labels' order, MariaDB and SQLite would compare the text: a
    /// check <c>v &lt;= 'mid'</c> carried as it is let 'high' in. Refused by table and column before anything is written.
    /// </summary>
    [Fact]
    public async Task An_enum_compared_by_its_order_is_refused_into_sqlite_before_writing()
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TYPE sev AS ENUM ('low', 'mid', 'high');
            CREATE TABLE s2 (id int PRIMARY KEY, v sev CHECK (v <= 'mid'));
            INSERT INTO s2 VALUES (1, 'low'), (2, 'mid');
            """);
        var target = await Db.NewAsync("sqlite");
        var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target);
        Assert.True(r.ExitCode == 4, r.All);
        Assert.Contains("s2.v (check s2_v_check compares enum sev by its order, which SQLite would compare as text)", r.All, StringComparison.Ordinal);
        Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM sqlite_master"));
    }
}
