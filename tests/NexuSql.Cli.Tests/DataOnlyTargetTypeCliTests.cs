namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 11, session 16 break test (H2, M4, M6, M10, L10): <c>copy --data-only</c> into a table the user created, whose
/// column is declared another type than the source's. A value the column would change on writing ('007' into a SQLite
/// NUMERIC column stored as 7, an int into SQLite TEXT stored as '5', a time into PostgreSQL's interval) was let through
/// the pre-check: the copy then said "counts and hashes match" (H2), or the read-back check failed after writing, or an
/// internal exception. Each is now refused by table, column and key before the target is touched; the target is read
/// with the engine's own client afterwards: its table empty, no unfinished-copy marker.
/// </summary>
public sealed class DataOnlyTargetTypeCliTests() : ValueFidelityCliTestBase("dataonly-type")
{
    [Theory]
    // H2: text into a SQLite NUMERIC column (NUMERIC affinity turns '007' into 7, '1e3' into 1000, ' 42 ' into 42)
    [InlineData("CREATE TABLE q_t (id int PRIMARY KEY, x text); INSERT INTO q_t VALUES (1,'007'),(2,'1e3'),(3,' 42 ')",
        "sqlite", "CREATE TABLE q_t (id INTEGER PRIMARY KEY, x NUMERIC)", "q_t", "x", "id=1", "the text '007' as the integer 7")]
    // H2: into DECIMAL(10,2) ('1.50' would be the REAL 1.5)
    [InlineData("CREATE TABLE q_t (id int PRIMARY KEY, x text); INSERT INTO q_t VALUES (3,'1.50')",
        "sqlite", "CREATE TABLE q_t (id INTEGER PRIMARY KEY, x DECIMAL(10,2))", "q_t", "x", "id=3", "'1.50'")]
    [InlineData("CREATE TABLE q_t (id int PRIMARY KEY, x text); INSERT INTO q_t VALUES (2,'007')",
        "sqlite", "CREATE TABLE q_t (id INTEGER PRIMARY KEY, x DECIMAL(10,2))", "q_t", "x", "id=2", "'007'")]
    // M6: INTEGER affinity
    [InlineData("CREATE TABLE q_t (id int PRIMARY KEY, x text); INSERT INTO q_t VALUES (1,'007')",
        "sqlite", "CREATE TABLE q_t (id INTEGER PRIMARY KEY, x INTEGER)", "q_t", "x", "id=1", "INTEGER affinity")]
    // M6: an int into TEXT affinity is stored as the text '5'; also in a STRICT table
    [InlineData("CREATE TABLE n_t (id int PRIMARY KEY, x int); INSERT INTO n_t VALUES (1,5)",
        "sqlite", "CREATE TABLE n_t (id INTEGER PRIMARY KEY, x TEXT)", "n_t", "x", "id=1", "TEXT affinity")]
    [InlineData("CREATE TABLE n_t (id int PRIMARY KEY, x int); INSERT INTO n_t VALUES (1,5)",
        "sqlite", "CREATE TABLE n_t (id INTEGER PRIMARY KEY, x TEXT) STRICT", "n_t", "x", "id=1", "TEXT affinity")]
    // M6: a double 1.0 into INTEGER affinity is stored as the integer 1
    [InlineData("CREATE TABLE n_t (id int PRIMARY KEY, x double precision); INSERT INTO n_t VALUES (4,1.0)",
        "sqlite", "CREATE TABLE n_t (id INTEGER PRIMARY KEY, x INTEGER)", "n_t", "x", "id=4", "as the integer 1")]
    // text into PostgreSQL numeric(10,2): '1.5' would be 1.50
    [InlineData("CREATE TABLE q_t (id int PRIMARY KEY, x text); INSERT INTO q_t VALUES (1,'1.50'),(2,'1.5')",
        "postgresql", "CREATE TABLE q_t (id int PRIMARY KEY, x numeric(10,2))", "q_t", "x", "id=2", "'1.5' would arrive as 1.50")]
    // M4: a time into interval (was InvalidCastException), an int into bit(4) (was raw 22P02) and into money ($5.00)
    [InlineData("CREATE TABLE p_t (id int PRIMARY KEY, x time); INSERT INTO p_t VALUES (1,'10:00')",
        "postgresql", "CREATE TABLE p_t (id int PRIMARY KEY, x interval)", "p_t", "x", "id=1", "interval")]
    [InlineData("CREATE TABLE p_t (id int PRIMARY KEY, x time); INSERT INTO p_t VALUES (1,'10:00')",
        "postgresql", "CREATE TABLE p_t (id int PRIMARY KEY, x timetz)", "p_t", "x", "id=1", "time with time zone")]
    [InlineData("CREATE TABLE b_t (id int PRIMARY KEY, x int); INSERT INTO b_t VALUES (1,5)",
        "postgresql", "CREATE TABLE b_t (id int PRIMARY KEY, x bit(4))", "b_t", "x", "id=1", "bit(4)")]
    [InlineData("CREATE TABLE b_t (id int PRIMARY KEY, x int); INSERT INTO b_t VALUES (1,5)",
        "postgresql", "CREATE TABLE b_t (id int PRIMARY KEY, x money)", "b_t", "x", "id=1", "money")]
    // session 18 break test M5: a decimal no float holds exactly into a SQLite REAL column (was written, then "the target
    // changed the data"; MariaDB's DOUBLE refused it before writing)
    [InlineData("CREATE TABLE s_n (id int PRIMARY KEY, v numeric(12,4)); INSERT INTO s_n VALUES (1,1.5),(2,12345678.1234)",
        "sqlite", "CREATE TABLE s_n (id INTEGER PRIMARY KEY, v REAL)", "s_n", "v", "id=2", "the decimal 12345678.1234 is not a float64 value")]
    // M10: an enum of the target that lacks a label of the source's
    [InlineData("CREATE TYPE mood AS ENUM ('sad','ok','happy'); CREATE TABLE pe (id int PRIMARY KEY, m mood); INSERT INTO pe VALUES (1,'sad'),(2,'happy')",
        "postgresql", "CREATE TYPE mood AS ENUM ('sad','ok'); CREATE TABLE pe (id int PRIMARY KEY, m mood)", "pe", "m", "id=2", "'happy' is not a label of mood")]
    // L10: no .NET type name ("the Guid ...")
    [InlineData("CREATE TABLE u_t (id int PRIMARY KEY, x uuid); INSERT INTO u_t VALUES (1,'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')",
        "postgresql", "CREATE TABLE u_t (id int PRIMARY KEY, x text)", "u_t", "x", "id=1", "the uuid a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")]
    // M6 (rest): a uuid, date or timestamptz into a SQLite column of another type is kept as text and read back as text
    // (was: written, then "the target changed the data", target marked)
    [InlineData("CREATE TABLE u_t (id int PRIMARY KEY, x uuid); INSERT INTO u_t VALUES (1,'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')",
        "sqlite", "CREATE TABLE u_t (id INTEGER PRIMARY KEY, x BLOB)", "u_t", "x", "id=1", "declared BLOB, and read back as another value; declare the target column UUID")]
    [InlineData("CREATE TABLE d_t (id int PRIMARY KEY, x date); INSERT INTO d_t VALUES (1,'2020-01-01')",
        "sqlite", "CREATE TABLE d_t (id INTEGER PRIMARY KEY, x INTEGER)", "d_t", "x", "id=1", "'2020-01-01' (from a date column) would be kept as text in a column declared INTEGER")]
    [InlineData("CREATE TABLE z_t (id int PRIMARY KEY, x timestamptz); INSERT INTO z_t VALUES (1,'2020-01-01 05:00:00+00')",
        "sqlite", "CREATE TABLE z_t (id INTEGER PRIMARY KEY, x TEXT)", "z_t", "x", "id=1", "declare the target column TIMESTAMPTZ")]
    // session 18 break test M8: text PostgreSQL's own type cannot read (was a raw 22P02 / 22007 naming no table, column or
    // key); the bad value comes after 250 good ones, so the row is found among them
    [InlineData("CREATE TABLE h (id int PRIMARY KEY, v text); INSERT INTO h SELECT g, '10.0.' || g || '.1' FROM generate_series(1,250) g; INSERT INTO h VALUES (301,'banana')",
        "postgresql", "CREATE TABLE h (id int PRIMARY KEY, v inet)", "h", "v", "id=301", "the text 'banana' is not a value of type inet (PostgreSQL error 22P02")]
    [InlineData("CREATE TABLE h (id int PRIMARY KEY, v text); INSERT INTO h VALUES (1,'1 day'),(2,'soon')",
        "postgresql", "CREATE TABLE h (id int PRIMARY KEY, v interval)", "h", "v", "id=2", "the text 'soon' is not a value of type interval")]
    [InlineData("CREATE TABLE h (id int PRIMARY KEY, v text); INSERT INTO h VALUES (1,'10.1.0.0/8')",
        "postgresql", "CREATE TABLE h (id int PRIMARY KEY, v cidr)", "h", "v", "id=1", "is not a value of type cidr")]
    // the type's modifier counts: bit(4) refuses three digits
    [InlineData("CREATE TABLE h (id int PRIMARY KEY, v text); INSERT INTO h VALUES (1,'1010'),(2,'101')",
        "postgresql", "CREATE TABLE h (id int PRIMARY KEY, v bit(4))", "h", "v", "id=2", "the text '101' would be held as bit(4)")]
    [InlineData("CREATE TABLE h (id int PRIMARY KEY, v text); INSERT INTO h VALUES (1,'{1,2}'),(2,'[1,2]')",
        "postgresql", "CREATE TABLE h (id int PRIMARY KEY, v int[])", "h", "v", "id=2", "is not a value of type integer[]")]
    // M2: text the type takes but gives back otherwise (was written, then "the target changed the data", marked)
    [InlineData("CREATE TABLE h (id int PRIMARY KEY, v text); INSERT INTO h VALUES (1,'10.0.0.1'),(2,'10.0.0.1/32')",
        "postgresql", "CREATE TABLE h (id int PRIMARY KEY, v inet)", "h", "v", "id=2", "the text '10.0.0.1/32' would be held as inet and read back as '10.0.0.1'")]
    [InlineData("CREATE TABLE h (id int PRIMARY KEY, v text); INSERT INTO h VALUES (1,'2001:0db8::1')",
        "postgresql", "CREATE TABLE h (id int PRIMARY KEY, v inet)", "h", "v", "id=1", "read back as '2001:db8::1'")]
    [InlineData("CREATE TABLE h (id int PRIMARY KEY, v text); INSERT INTO h VALUES (1,'banana')",
        "postgresql", "CREATE TABLE h (id int PRIMARY KEY, v tsvector)", "h", "v", "id=1", "read back as ''banana''")]
    public Task A_value_the_declared_column_would_change_is_refused_by_key_before_writing(string sourceSql, string into, string targetSql,
        string table, string column, string key, string reason) => AssertRefusedBeforeWritingAsync("postgresql", sourceSql, into, targetSql, table, column, key, reason);

    [Theory]
    // M5: text into VARBINARY (was: read as hex digits, 'abc' → 0x0ABC, found only after writing)
    [InlineData("mysql", "CREATE TABLE e_t (id int PRIMARY KEY, x varchar(10)); INSERT INTO e_t VALUES (1,'abc')",
        "mysql", "CREATE TABLE e_t (id int PRIMARY KEY, x varbinary(20))", "e_t", "x", "id=1", "is not bytes")]
    // M3: a uuid into BINARY(16) (was: NULL written)
    [InlineData("postgresql", "CREATE TABLE d_u (id int PRIMARY KEY, x uuid); INSERT INTO d_u VALUES (1,'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')",
        "mysql", "CREATE TABLE d_u (id int PRIMARY KEY, x binary(16))", "d_u", "x", "id=1", "the uuid a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")]
    // H4: a float32 whose exact value has more fraction digits than the decimal column keeps (-0.001 is -0.001000000047497451305389404296875)
    [InlineData("mysql", "CREATE TABLE mf (id int PRIMARY KEY, f float); INSERT INTO mf VALUES (1,1.5),(3,-0.001)",
        "postgresql", "CREATE TABLE mf (id int PRIMARY KEY, f numeric(20,5))", "mf", "f", "id=3", "-0.00100000004749745")]
    // L2: a decimal is named as a number, with both column types (was "the text '1.2345' ... (the source stores it in that column as it is)")
    [InlineData("postgresql", "CREATE TABLE b_d (id int PRIMARY KEY, x numeric(10,4)); INSERT INTO b_d VALUES (1,1.2345)",
        "mysql", "CREATE TABLE b_d (id int PRIMARY KEY, x double)", "b_d", "x", "id=1", "the decimal 1.2345 is not a float64 value (the target column is DOUBLE (float64); the source column is decimal(10,4))")]
    public Task A_value_of_another_engine_the_declared_column_would_change_is_refused_by_key_before_writing(string from, string sourceSql, string into, string targetSql,
        string table, string column, string key, string reason) => AssertRefusedBeforeWritingAsync(from, sourceSql, into, targetSql, table, column, key, reason);

    private async Task AssertRefusedBeforeWritingAsync(string from, string sourceSql, string into, string targetSql, string table, string column, string key, string reason)
    {
        try
        {
            var source = await Db.NewAsync(from);
            await EngineClient.RunAsync(source, sourceSql);
            var target = await Db.NewAsync(into);
            await EngineClient.RunAsync(target, targetSql);

            var r = await CliRunner.RunAsync("--json", "copy", "--data-only", "--tables", table, "--from", source, "--to", target);
            var message = AssertValueError(r, table, column, key).GetProperty("message").GetString()!;
            Assert.Contains(reason, message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", message, StringComparison.Ordinal);
            Assert.DoesNotContain("Guid", message, StringComparison.Ordinal);
            Assert.DoesNotContain("counts and hashes match", r.All, StringComparison.Ordinal);
            // the target as the user left it: the table empty, no unfinished-copy marker
            Assert.Equal("0", await EngineClient.RunAsync(target, $"SELECT COUNT(*) FROM {table}"));
            var marker = into == "sqlite"
                ? "SELECT COUNT(*) FROM sqlite_master WHERE name = 'nexusql_copy_incomplete'"
                : into == "mysql" ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'nexusql_copy_incomplete' AND table_schema = DATABASE()"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'nexusql_copy_incomplete' AND table_schema = current_schema()";
            Assert.Equal("0", await EngineClient.RunAsync(target, marker));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// H4: a MariaDB FLOAT (float32, exact in binary) into a decimal column arrives as its exact value (1234567.125, not
    /// its shortest float32 spelling 1234567.1), and verify then finds no difference (1.5 = 1.50000).
    /// </summary>
    [Fact]
    public async Task A_float32_arrives_in_a_decimal_column_as_its_exact_value_and_verifies()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, "CREATE TABLE mf (id int PRIMARY KEY, f float); INSERT INTO mf VALUES (1,1234567.125),(2,0),(4,1.5),(5,-2.25)");
            var pg = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(pg, "CREATE TABLE mf (id int PRIMARY KEY, f numeric(20,5))");
            await Ok("copy", "--data-only", "--tables", "mf", "--from", source, "--to", pg);
            Assert.Equal("1|1234567.12500\n2|0.00000\n4|1.50000\n5|-2.25000", await EngineClient.RunAsync(pg, "SELECT id, f FROM mf ORDER BY id"));
            await Ok("verify", "--url", source, "--against", pg, "--checks", "data", "--tables", "mf");

            var unconstrained = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(unconstrained, "CREATE TABLE mf (id int PRIMARY KEY, f numeric)");
            await Ok("copy", "--data-only", "--tables", "mf", "--from", source, "--to", unconstrained);
            Assert.Equal("1|1234567.125\n2|0\n4|1.5\n5|-2.25", await EngineClient.RunAsync(unconstrained, "SELECT id, f FROM mf ORDER BY id"));
            await Ok("verify", "--url", source, "--against", unconstrained, "--checks", "data", "--tables", "mf");

            // the other way: PostgreSQL real → a MariaDB decimal
            var real = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(real, "CREATE TABLE mf (id int PRIMARY KEY, f real); INSERT INTO mf VALUES (1,1234567.125),(2,0),(4,1.5),(5,-2.25)");
            var maria = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(maria, "CREATE TABLE mf (id int PRIMARY KEY, f decimal(20,5))");
            await Ok("copy", "--data-only", "--tables", "mf", "--from", real, "--to", maria);
            Assert.Equal("1|1234567.12500\n2|0.00000\n4|1.50000\n5|-2.25000", await EngineClient.RunAsync(maria, "SELECT id, f FROM mf ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>Values the declared column keeps as they are still arrive, identical (read with the engine's own client).</summary>
    [Fact]
    public async Task Values_the_declared_column_keeps_arrive_identical()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, "CREATE TABLE k_t (id int PRIMARY KEY, d text, n text, i int, e text); " +
                "INSERT INTO k_t VALUES (1, '2020-01-01', 'abc', 5, 'ok'), (2, NULL, 'x1', -7, 'sad')");
            var sqlite = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(sqlite, "CREATE TABLE k_t (id INTEGER PRIMARY KEY, d DATE, n NUMERIC, i REAL, e TEXT)");
            await Ok("copy", "--data-only", "--tables", "k_t", "--from", source, "--to", sqlite);
            Assert.Equal("1|'2020-01-01'|'abc'|5.0|'ok'\n2|NULL|'x1'|-7.0|'sad'",
                await EngineClient.RunAsync(sqlite, "SELECT id, quote(d), quote(n), quote(i), quote(e) FROM k_t ORDER BY id"));

            // typed values into SQLite columns declared with their types (M6: refused into others)
            await EngineClient.RunAsync(source, "CREATE TABLE t_t (id int PRIMARY KEY, u uuid, d date, z timestamptz); " +
                "INSERT INTO t_t VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2020-01-01', '2020-01-01 05:00:00+00')");
            await EngineClient.RunAsync(sqlite, "CREATE TABLE t_t (id INTEGER PRIMARY KEY, u UUID, d DATE, z TIMESTAMPTZ)");
            await Ok("copy", "--data-only", "--tables", "t_t", "--from", source, "--to", sqlite);
            Assert.Equal("1|'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'|'2020-01-01'|'2020-01-01 05:00:00+00:00'",
                await EngineClient.RunAsync(sqlite, "SELECT id, quote(u), quote(d), quote(z) FROM t_t"));

            var pg = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(pg, "CREATE TYPE mood AS ENUM ('sad','ok'); CREATE TABLE k_t (id int PRIMARY KEY, d date, n text, i numeric(10,2), e mood)");
            await Ok("copy", "--data-only", "--tables", "k_t", "--from", source, "--to", pg);
            Assert.Equal("1|2020-01-01|abc|5.00|ok\n2||x1|-7.00|sad", await EngineClient.RunAsync(pg, "SELECT id, d, n, i, e FROM k_t ORDER BY id"));

            // text as PostgreSQL prints its own types goes into them (break test M2/M8: checked by the target's reading)
            await EngineClient.RunAsync(source, "CREATE TABLE n_t (id int PRIMARY KEY, ip text, iv text, b text, a text); " +
                "INSERT INTO n_t VALUES (1, '10.0.0.1', '1 day 02:00:00', '1010', '{1,NULL}'), (2, '2001:db8::/32', '-1 days -02:00:00', NULL, '{}')");
            await EngineClient.RunAsync(pg, "CREATE TABLE n_t (id int PRIMARY KEY, ip inet, iv interval, b bit(4), a int[])");
            await Ok("copy", "--data-only", "--tables", "n_t", "--from", source, "--to", pg);
            Assert.Equal("1|10.0.0.1|1 day 02:00:00|1010|{1,NULL}\n2|2001:db8::/32|-1 days -02:00:00||{}",
                await EngineClient.RunAsync(pg, "SELECT id, ip, iv, b, a FROM n_t ORDER BY id"));

            // M3: --clean over an unfinished copy's marker starts over (was: 42P07 "relation already exists", tables emptied)
            await EngineClient.RunAsync(pg, "CREATE TABLE nexusql_copy_incomplete (step text); INSERT INTO n_t VALUES (9, '1.2.3.4', NULL, NULL, NULL)");
            await Ok("copy", "--data-only", "--clean", "--yes", "--tables", "n_t", "--from", source, "--to", pg);
            Assert.Equal("1,2|0", await EngineClient.RunAsync(pg,
                "SELECT (SELECT string_agg(id::text, ',' ORDER BY id) FROM n_t) || '|' || (SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'nexusql_copy_incomplete')"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
