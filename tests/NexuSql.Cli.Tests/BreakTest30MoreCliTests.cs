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

    /// <summary>
    /// F1: a PostgreSQL key column declared <c>COLLATE "C"</c> (or <c>"POSIX"</c>) was refused into SQLite and MariaDB,
    /// though C compares bytes: it arrives as SQLite's BINARY and MariaDB's utf8mb4_nopad_bin, where 'a', 'A' and 'a '
    /// stay three keys and sort alike.
    /// </summary>
    [Fact]
    public async Task A_postgresql_key_column_collated_C_arrives_in_byte_order_in_sqlite_and_mariadb()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE oi (o text COLLATE "C", line int, note varchar(10) COLLATE "POSIX", PRIMARY KEY (o, line));
                CREATE TABLE tag (t varchar(20) COLLATE "C" UNIQUE, n int);
                INSERT INTO oi VALUES ('a', 1, 'x'), ('A', 1, 'y'), ('a ', 1, 'z'), ('é', 1, NULL), ('b', 2, 'B');
                INSERT INTO tag VALUES ('x', 1), ('X', 2), ('x ', 3);
                """);
            const string Rows = "SELECT '[' || o || ']', line, note FROM oi ORDER BY o, line";
            Assert.Equal("[A]|1|y\n[a]|1|x\n[a ]|1|z\n[b]|2|B\n[é]|1|", await EngineClient.RunAsync(source, Rows));

            var (liteCopy, liteRestored) = await MoveAsync(source, "sqlite");
            foreach (var lite in new[] { liteCopy, liteRestored })
            {
                var ddl = await EngineClient.RunAsync(lite, "SELECT sql FROM sqlite_master WHERE name = 'oi'");
                Assert.Contains("\"o\" TEXT COLLATE BINARY", ddl, StringComparison.Ordinal);
                Assert.Equal("[A]|1|y\n[a]|1|x\n[a ]|1|z\n[b]|2|B\n[é]|1|", await EngineClient.RunAsync(lite, Rows));
                Assert.Equal("X|2\nx|1\nx |3", await EngineClient.RunAsync(lite, "SELECT t, n FROM tag ORDER BY t"));
                await Ok("--url", source, "verify", "--against", lite);
            }

            var (myCopy, myRestored) = await MoveAsync(source, "mysql");
            foreach (var my in new[] { myCopy, myRestored })
            {
                Assert.Equal("oi|note|utf8mb4_nopad_bin\noi|o|utf8mb4_nopad_bin\ntag|t|utf8mb4_nopad_bin", await EngineClient.RunAsync(my,
                    "SELECT TABLE_NAME, COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL ORDER BY 1, 2"));
                Assert.Equal("[A]|1|y\n[a]|1|x\n[a ]|1|z\n[b]|2|B\n[é]|1|NULL", await EngineClient.RunAsync(my, "SELECT CONCAT('[', o, ']'), line, note FROM oi ORDER BY o, line"));
                Assert.Equal("X|2\nx|1\nx |3", await EngineClient.RunAsync(my, "SELECT t, n FROM tag ORDER BY t"));
                // the key tells 'A ' from 'A' as PostgreSQL's C does (utf8mb4_bin would take them for one)
                await EngineClient.RunAsync(my, "INSERT INTO oi VALUES ('A ', 1, NULL)");
                Assert.Equal("2", await EngineClient.RunAsync(my, "SELECT COUNT(*) FROM oi WHERE o IN ('A', 'A ') AND line = 1 AND BINARY o IN ('A', 'A ')"));
                await EngineClient.RunAsync(my, "DELETE FROM oi WHERE o = 'A '");
                await Ok("--url", source, "verify", "--against", my);
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// F11: a PostgreSQL generated column <c>fn || ' ' || ln</c> was refused into MariaDB ("|| is OR on MySQL/MariaDB");
    /// it is <c>CONCAT(fn, ' ', ln)</c> there, NULL where an operand is NULL as on PostgreSQL. A concatenation with a
    /// number is still refused.
    /// </summary>
    [Fact]
    public async Task A_postgresql_generated_text_concatenation_arrives_in_mariadb_as_concat_with_the_same_values()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE g (id int PRIMARY KEY, fn text, ln varchar(20),
                  full_name text GENERATED ALWAYS AS (fn || ' ' || ln) STORED,
                  tag text GENERATED ALWAYS AS (trim(ln) || '-' || fn) STORED);
                INSERT INTO g (id, fn, ln) VALUES (1, 'Ada', 'Lovelace'), (2, 'Alan', NULL), (3, '', ''), (4, 'Émile', 'Zola ');
                CREATE TABLE o (id int PRIMARY KEY, qty int, price numeric(10,2), total numeric(20,2) GENERATED ALWAYS AS (qty * price) STORED);
                INSERT INTO o (id, qty, price) VALUES (1, 3, 19.99), (2, -7, 0.01), (3, 2147483647, 99999999.99), (4, NULL, 1);
                """);
            const string Rows = "SELECT id, coalesce('[' || full_name || ']', 'NULL'), coalesce('[' || tag || ']', 'NULL') FROM g ORDER BY id";
            var expected = await EngineClient.RunAsync(source, Rows);
            Assert.Equal("1|[Ada Lovelace]|[Lovelace-Ada]\n2|NULL|NULL\n3|[ ]|[-]\n4|[Émile Zola ]|[Zola-Émile]", expected);
            // PostgreSQL keeps qty * price as (qty)::numeric * price: the cast it added changes nothing beside a decimal column
            Assert.Equal("1|59.97\n2|-0.07\n3|214748364678525163.53\n4|", await EngineClient.RunAsync(source, "SELECT id, total FROM o ORDER BY id"));

            var (copy, restored) = await MoveAsync(source, "mysql");
            foreach (var my in new[] { copy, restored })
            {
                Assert.Equal(expected, await EngineClient.RunAsync(my,
                    "SELECT id, coalesce(CONCAT('[', full_name, ']'), 'NULL'), coalesce(CONCAT('[', tag, ']'), 'NULL') FROM g ORDER BY id"));
                Assert.Equal("1|59.97\n2|-0.07\n3|214748364678525163.53\n4|NULL", await EngineClient.RunAsync(my, "SELECT id, total FROM o ORDER BY id"));
                await EngineClient.RunAsync(my, "INSERT INTO o (id, qty, price) VALUES (5, 4, 2.50)");
                Assert.Equal("10.00", await EngineClient.RunAsync(my, "SELECT total FROM o WHERE id = 5"));
                await EngineClient.RunAsync(my, "DELETE FROM o WHERE id = 5");
                // computed by MariaDB: a new row gets the same value as on PostgreSQL
                await EngineClient.RunAsync(my, "INSERT INTO g (id, fn, ln) VALUES (5, 'Grace', 'Hopper')");
                Assert.Equal("Grace Hopper|Hopper-Grace", await EngineClient.RunAsync(my, "SELECT full_name, tag FROM g WHERE id = 5"));
                Assert.Contains("concat", (await EngineClient.RunAsync(my,
                    "SELECT GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'g' AND COLUMN_NAME = 'full_name'")).ToLowerInvariant(),
                    StringComparison.Ordinal);
                await EngineClient.RunAsync(my, "DELETE FROM g WHERE id = 5");
                await Ok("--url", source, "verify", "--against", my);
            }

            // a number beside || is not provably the same text on both engines: still refused by name
            var numbered = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(numbered, "CREATE TABLE n (id int PRIMARY KEY, fn text, qty int, label text GENERATED ALWAYS AS (fn || qty) STORED);");
            var r = await CliRunner.RunAsync("copy", "--from", numbered, "--to", await Db.NewAsync("mysql"));
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("n.label (generated as", r.All, StringComparison.Ordinal);
            Assert.Contains("|| is OR on MySQL/MariaDB", r.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
