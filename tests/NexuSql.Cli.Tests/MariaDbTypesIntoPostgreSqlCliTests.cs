namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 30 F7: MariaDB columns of types PostgreSQL holds exactly were refused wholesale into PostgreSQL (exit 4,
/// "engine-native types with no PostgreSQL equivalent"). BIT(n) now arrives as bit(n), INET6 as inet, ENUM as an enum
/// type made for the column (labels in the same order), an integer ZEROFILL as its integer type (named: the padding is
/// display only); the ENUM error value is refused by key, SET stays refused. Both sides are read with psql and mariadb.
/// </summary>
public sealed class MariaDbTypesIntoPostgreSqlCliTests() : ValueFidelityCliTestBase("maria-types-pg")
{
    private const string Source = """
        CREATE TABLE t (id int PRIMARY KEY, b bit(3), b1 bit(1), b64 bit(64), i inet6, e enum('b','a','z z'), z int(5) zerofill);
        INSERT INTO t VALUES
          (1, b'101', b'1', b'1111111111111111111111111111111111111111111111111111111111111111', '::ffff:1.2.3.4', 'a', 42),
          (2, b'000', b'0', b'1000000000000000000000000000000000000000000000000000000000000001', '::1', 'b', 7),
          (3, NULL, NULL, NULL, NULL, NULL, NULL),
          (4, b'010', b'1', 5, '2001:0db8:0000:0000:0000:0000:0000:0001', 'z z', 0),
          (5, b'111', b'0', 0, '::1.2.3.4', 'b', 99999),
          (6, b'001', b'0', 1, 'fe80::1:2:3:4', 'a', 1);
        """;

    // the same rows as each engine's own client prints them
    private const string MariaDbRows = "SELECT id, LPAD(BIN(b), 3, '0'), BIN(b1), LPAD(BIN(b64), 64, '0'), i, e, z + 0 FROM t WHERE id <> 3 ORDER BY id";
    private const string PostgreSqlRows = "SELECT id, b, b1, b64, abbrev(i), e, z FROM t WHERE id <> 3 ORDER BY id";

    [Fact]
    public async Task Bit_inet6_enum_and_zerofill_columns_arrive_with_postgresql_types_of_the_same_values_and_verify_sees_a_change_in_each()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, Source);
            var expected = await EngineClient.RunAsync(source, MariaDbRows);
            Assert.Equal("1|101|1|1111111111111111111111111111111111111111111111111111111111111111|::ffff:1.2.3.4|a|42\n" +
                "2|000|0|1000000000000000000000000000000000000000000000000000000000000001|::1|b|7\n" +
                "4|010|1|0000000000000000000000000000000000000000000000000000000000000101|2001:db8::1|z z|0\n" +
                "5|111|0|0000000000000000000000000000000000000000000000000000000000000000|::1.2.3.4|b|99999\n" +
                "6|001|0|0000000000000000000000000000000000000000000000000000000000000001|fe80::1:2:3:4|a|1", expected);

            var copied = await Db.NewAsync("postgresql");
            var copy = await Ok("--json", "copy", "--from", source, "--to", copied);
            var notes = copy.Json.GetProperty("skippedObjects").EnumerateArray().Select(s => s.GetString()).ToList();
            Assert.Contains("t.e: enum('b','a','z z') created as enum type t_e (the same labels in the same order)", notes);
            Assert.Contains(notes, n => n!.StartsWith("t.z: int(5) unsigned zerofill created as BIGINT (ZEROFILL only pads the number", StringComparison.Ordinal));
            var file = Db.File("maria.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restored = await Db.NewAsync("postgresql");
            await Ok("--url", restored, "restore", file);

            foreach (var pg in new[] { copied, restored })
            {
                Assert.Equal("b|bit(3)\nb1|bit(1)\nb64|bit(64)\ni|inet\ne|t_e\nz|bigint", await EngineClient.RunAsync(pg,
                    "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 1 ORDER BY attnum"));
                Assert.Equal("b|a|z z", await EngineClient.RunAsync(pg, "SELECT string_agg(enumlabel, '|' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 't_e'::regtype"));
                Assert.Equal(expected, await EngineClient.RunAsync(pg, PostgreSqlRows));
                Assert.Equal("3||||||", await EngineClient.RunAsync(pg, "SELECT * FROM t WHERE id = 3"));
                await Ok("--url", source, "verify", "--against", pg, "--checks", "data");
                await Ok("--url", pg, "verify", "--against", source, "--checks", "data");
            }

            // one value changed in each column, behind the tool's back: verify names each row and column, in both directions
            await EngineClient.RunScriptAsync(copied, """
                UPDATE t SET b = B'100' WHERE id = 1;
                UPDATE t SET b1 = B'0', b64 = B'0000000000000000000000000000000000000000000000000000000000000111' WHERE id = 4;
                UPDATE t SET i = '::ffff:1.2.3.5' WHERE id = 5;
                UPDATE t SET e = 'z z' WHERE id = 6;
                UPDATE t SET z = 8 WHERE id = 2;
                """);
            foreach (var (first, second) in new[] { (source, copied), (copied, source) })
            {
                var verify = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--checks", "data");
                Assert.True(verify.ExitCode == 3, verify.All);
                foreach (var row in new[] { "id=1: row differs in b", "id=2: row differs in z", "id=4: row differs in b1, b64", "id=5: row differs in i", "id=6: row differs in e" })
                    Assert.Contains($"[data] t: {row}\n", verify.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// An address with one group of zeros alone is the same address in both engines, printed as each prints it: MariaDB
    /// shortens that group (<c>1::1:0:1:0:1:0</c>), PostgreSQL does not (<c>1:0:1:0:1:0:1:0</c>). It arrives, and the
    /// checks and verify compare it as the address it is (read back in MariaDB's spelling), so a change still shows.
    /// </summary>
    [Fact]
    public async Task An_inet6_address_each_engine_prints_its_own_way_arrives_as_the_same_address()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE a (id int PRIMARY KEY, i inet6); " +
                "INSERT INTO a VALUES (1, '1:0:1:0:1:0:1:0'), (2, '1:2:3:4:5:6:0:8'), (3, '::1:2'), (4, '::ffff:0.0.0.0'), (5, '::'), (6, '0:1:0:1:0:1:0:1');");
            Assert.Equal("1|1::1:0:1:0:1:0\n2|1:2:3:4:5:6::8\n3|::0.1.0.2\n4|::ffff:0.0.0.0\n5|::\n6|::1:0:1:0:1:0:1", await EngineClient.RunAsync(source, "SELECT id, i FROM a ORDER BY id"));
            var (copied, restored) = await MoveAsync(source, "postgresql");
            foreach (var pg in new[] { copied, restored })
            {
                Assert.Equal("1|1:0:1:0:1:0:1:0\n2|1:2:3:4:5:6:0:8\n3|::0.1.0.2\n4|::ffff:0.0.0.0\n5|::\n6|0:1:0:1:0:1:0:1", await EngineClient.RunAsync(pg, "SELECT id, abbrev(i) FROM a ORDER BY id"));
                // the same addresses: MariaDB's text read as inet by PostgreSQL itself
                Assert.Equal("6", await EngineClient.RunAsync(pg, "SELECT count(*) FROM a JOIN (VALUES (1, '1::1:0:1:0:1:0'::inet), (2, '1:2:3:4:5:6::8'), (3, '::0.1.0.2'), " +
                    "(4, '::ffff:0.0.0.0'), (5, '::'), (6, '::1:0:1:0:1:0:1')) v(id, ip) USING (id) WHERE a.i = v.ip"));
                await Ok("--url", source, "verify", "--against", pg, "--checks", "data");
                await Ok("--url", pg, "verify", "--against", source, "--checks", "data");
            }
            await EngineClient.RunAsync(copied, "UPDATE a SET i = '1:0:1:0:1:0:1:1' WHERE id = 1");
            var verify = await CliRunner.RunAsync("--url", source, "verify", "--against", copied, "--checks", "data");
            Assert.True(verify.ExitCode == 3, verify.All);
            Assert.Contains("[data] a: id=1: row differs in i", verify.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// The ENUM error value (index 0, which a lax sql_mode stores for a value that is no label) has no PostgreSQL enum
    /// value: copy and restore stop with a value error naming table, column and key — also where '' is a label, which
    /// arrives as itself. SET has no PostgreSQL equivalent and stays refused by name; into SQLite the error value is refused by key too.
    /// </summary>
    [Fact]
    public async Task The_enum_error_value_is_refused_by_key_and_set_stays_refused()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "SET SESSION sql_mode = ''; " +
                "CREATE TABLE r (id int PRIMARY KEY, e enum('a','b')); INSERT INTO r VALUES (1, 'a'), (2, 'nope'); " +
                "CREATE TABLE q (id int PRIMARY KEY, f enum('x','')); INSERT INTO q VALUES (1, 'x'), (2, ''), (3, 'nope'); " +
                "CREATE TABLE ok (id int PRIMARY KEY, f enum('x','')); INSERT INTO ok VALUES (1, 'x'), (2, ''); " +
                "CREATE TABLE s (id int PRIMARY KEY, v set('x','y')); INSERT INTO s VALUES (1, 'x,y');");
            Assert.Equal("1|a|1\n2||0", await EngineClient.RunAsync(source, "SELECT id, e, e + 0 FROM r ORDER BY id"));
            await AssertRefusedAsync(source, "postgresql", "r", "e", "id=2", "r");
            await AssertRefusedAsync(source, "postgresql", "q", "f", "id=3", "q");
            var target = await Db.NewAsync("postgresql");
            var refused = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--tables", "r");
            Assert.Contains("the value is MariaDB's ENUM error value (index 0", refused.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

            // '' as a label is a value like any other
            var (copied, restored) = await MoveAsync(source, "postgresql", "ok");
            foreach (var pg in new[] { copied, restored })
                Assert.Equal("1|x|f\n2||t", await EngineClient.RunAsync(pg, "SELECT id, f, f::text = '' FROM ok ORDER BY id"));

            var set = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", await Db.NewAsync("postgresql"), "--tables", "s");
            Assert.True(set.ExitCode == 4, set.All);
            Assert.Contains("engine-native types with no PostgreSQL equivalent: s.v (set('x','y'))", set.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            // into SQLite the ENUM is TEXT with a check of its labels (break test 32 F21): the error value is refused by key there too
            var sqlite = AssertValueError(await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", await Db.NewAsync("sqlite"), "--tables", "r"), "r", "e", "id=2");
            Assert.Contains("the value is MariaDB's ENUM error value (index 0", sqlite.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>The enum type made for a column takes a free name: not a table's (PostgreSQL gives each table a type of its name), cut to 63 bytes.</summary>
    [Fact]
    public async Task An_enum_type_takes_a_name_no_table_or_other_type_has()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            var longName = new string('c', 60);
            await EngineClient.RunScriptAsync(source, $"CREATE TABLE t_e (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, e enum('p','q')); " +
                $"CREATE TABLE lt (id int PRIMARY KEY, {longName} enum('p'), {longName}x enum('q')); " +
                $"INSERT INTO t VALUES (1, 'q'); INSERT INTO lt VALUES (1, 'p', 'q');");
            var (copied, restored) = await MoveAsync(source, "postgresql");
            foreach (var pg in new[] { copied, restored })
            {
                Assert.Equal($"t|e|t_e_2\nlt|{longName}|lt_{longName}\nlt|{longName}x|lt_{longName[..58]}_2", await EngineClient.RunAsync(pg,
                    "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid " +
                    "WHERE c.relname IN ('t', 'lt') AND a.attnum > 1 ORDER BY c.relname DESC, a.attnum"));
                Assert.Equal("1|q", await EngineClient.RunAsync(pg, "SELECT id, e FROM t"));
                await Ok("--url", source, "verify", "--against", pg, "--checks", "data");
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
