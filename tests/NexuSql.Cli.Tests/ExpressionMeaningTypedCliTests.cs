namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11/12 (session 19). F20: substr() from a start below 1 reached SQLite and MariaDB, which count
/// it from the end. F21: a check dividing by a column reached SQLite, where dividing by zero gives NULL (the row let
/// in), and integer arithmetic that fails past 2^31 on PostgreSQL was computed in 64 bits. F4: text comparisons
/// reached MariaDB's case-insensitive PAD SPACE collation (and back). F8: a default calling a function was a raw
/// syntax error after the copy started. F13, F19, F5 likewise. Each target is read with the engine's own client.
/// </summary>
public sealed class ExpressionMeaningTypedCliTests() : ValueFidelityCliTestBase("expr-typed")
{
    private const string SqliteTables = "SELECT name FROM sqlite_master ORDER BY name";

    private static string Tables(string engine) => engine switch
    {
        "sqlite" => SqliteTables,
        "mysql" => "SHOW TABLES",
        _ => "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace",
    };

    private async Task Refused(string sourceEngine, string setup, string targetEngine, params string[] named)
    {
        var source = await Db.NewAsync(sourceEngine);
        await EngineClient.RunScriptAsync(source, setup);
        var target = await Db.NewAsync(targetEngine);
        var r = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
        Assert.True(r.ExitCode == 4, r.All);
        foreach (var n in named) Assert.Contains(n, r.All, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        Assert.Equal("", await EngineClient.RunAsync(target, Tables(targetEngine)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    public async Task Substr_from_a_start_below_1_is_refused_by_check_and_generated_column_before_writing(string engine)
    {
        try
        {
            await Refused("postgresql", "CREATE TABLE sb3 (id int PRIMARY KEY, s text CHECK (substr(s, -1, 3) = 'a')); INSERT INTO sb3 VALUES (1, 'aba')", engine,
                "check sb3_s_check on sb3 ((substr(s, '-1'::integer, 3) = 'a'::text): substr() with a start that is not a whole number of 1 or more means something else");
            await Refused("postgresql", "CREATE TABLE sg (id int PRIMARY KEY, s text, g text GENERATED ALWAYS AS (substr(s, 0, 2)) STORED); INSERT INTO sg (id, s) VALUES (1, 'abc')",
                engine, "sg.g (generated as substr(s, 0, 2): substr() with a start");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Substr_from_a_positive_start_arrives_in_sqlite_and_refuses_there_what_postgresql_refuses()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE sb (id int PRIMARY KEY, s text CHECK (substr(s, 2, 1) = 'b')); INSERT INTO sb VALUES (1, 'aba')");
            var sqlite = await Db.NewAsync("sqlite");
            await Ok("copy", "--from", source, "--to", sqlite);
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(sqlite, "INSERT INTO sb VALUES (2, 'bca')"));
            await EngineClient.RunAsync(sqlite, "INSERT INTO sb VALUES (3, 'xbz')");
            Assert.Equal("1|aba\n3|xbz", await EngineClient.RunAsync(sqlite, "SELECT id, s FROM sb ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Division_by_a_column_into_sqlite_and_narrow_integer_arithmetic_are_refused_by_check_before_writing()
    {
        try
        {
            await Refused("postgresql", "CREATE TABLE dz (id int PRIMARY KEY, a int, b int, CHECK (a / b >= 1)); INSERT INTO dz VALUES (1, 4, 2)", "sqlite",
                "check dz_check on dz (((a / b) >= 1): division by zero is an error on PostgreSQL but NULL on SQLite");
            await Refused("postgresql", "CREATE TABLE ov (id int PRIMARY KEY, a int CHECK (a * 2 > 0)); INSERT INTO ov VALUES (1, 5)", "mysql",
                "check ov_a_check on ov (((a * 2) > 0): the operator * on the integer column a fails past the column type's range on PostgreSQL");
            await Refused("postgresql", "CREATE TABLE ov (id int PRIMARY KEY, a int CHECK (a * 2 > 0)); INSERT INTO ov VALUES (1, 5)", "sqlite",
                "computed in 64 bits on SQLite");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Division_by_a_number_and_bigint_arithmetic_arrive_in_sqlite_and_refuse_there_what_postgresql_refuses()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE dv (id int PRIMARY KEY, a int CHECK (a / 2 >= 1), b bigint CHECK (b * 2 > 0)); INSERT INTO dv VALUES (1, 4, 1)");
            var sqlite = await Db.NewAsync("sqlite");
            await Ok("copy", "--from", source, "--to", sqlite);
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(sqlite, "INSERT INTO dv VALUES (2, 1, 1)"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(sqlite, "INSERT INTO dv VALUES (3, 4, -1)"));
            Assert.Equal("1|4|1", await EngineClient.RunAsync(sqlite, "SELECT id, a, b FROM dv ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("mysql", "CREATE TABLE cc (id int PRIMARY KEY, code varchar(10), CONSTRAINT cc_code CHECK (code >= 'a')); INSERT INTO cc VALUES (1, 'B')", "postgresql",
        "check cc_code on cc (`code` >= 'a': it compares text (>=), which MySQL/MariaDB compares under its default collation, without case and trailing spaces and taking other forms of a character as it " +
        "('abc' = 'ABC ', fullwidth '１' LIKE '1'), and PostgreSQL character by character)")]
    // break test 23 F3: LIKE without letters and nullif() into MariaDB, whose collation takes fullwidth '１' for '1' and 'Admin' for 'admin'
    [InlineData("postgresql", "CREATE TABLE l (id int PRIMARY KEY, s text, CONSTRAINT no_one CHECK (s NOT LIKE '%1_2%')); INSERT INTO l VALUES (1, 'a１b')", "mysql",
        "check no_one on l (", "it compares text (LIKE), which MySQL/MariaDB compares under its default collation")]
    [InlineData("postgresql", "CREATE TABLE n (id int PRIMARY KEY, s varchar(10), CONSTRAINT not_reserved CHECK (nullif(s, 'admin') IS NOT NULL)); INSERT INTO n VALUES (1, 'Admin')", "mysql",
        "check not_reserved on n (", "it compares text (nullif()), which MySQL/MariaDB compares under its default collation")]
    public async Task Text_comparisons_out_of_mariadbs_case_insensitive_collation_are_refused_by_check_before_writing(string from, string setup, string to, string named, string? also = null)
    {
        try
        {
            await Refused(from, setup, to, [named, .. also is null ? Array.Empty<string>() : [also]]);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("postgresql", "CREATE TABLE tc (id int PRIMARY KEY, s text NOT NULL CHECK (s >= 'a'), t varchar(9) CHECK (trim(t) <> '' AND t NOT BETWEEN 'x' AND 'z'))")]
    [InlineData("sqlite", "CREATE TABLE tc (id integer PRIMARY KEY, s text NOT NULL CHECK (s >= 'a'), t varchar(9) CHECK (trim(t) <> '' AND t NOT BETWEEN 'x' AND 'z'))")]
    public async Task Text_comparisons_arrive_in_mariadb_compared_as_binary_refuse_there_what_the_source_refuses_and_come_back_plain(string from, string setup)
    {
        try
        {
            var source = await Db.NewAsync(from);
            await EngineClient.RunScriptAsync(source, setup + "; INSERT INTO tc VALUES (1, 'b', 'abc')");
            var maria = await Db.NewAsync("mysql");
            await Ok("copy", "--from", source, "--to", maria);
            var checks = await EngineClient.RunAsync(maria, "SELECT check_clause FROM information_schema.check_constraints WHERE constraint_schema = DATABASE()");
            Assert.Contains("cast(`s` as char charset binary) >= 'a'", checks, StringComparison.Ordinal);
            Assert.Contains("cast(trim(`t`) as char charset binary) <> '' and ", checks, StringComparison.Ordinal);
            Assert.DoesNotContain(" `t` ", checks, StringComparison.Ordinal);
            // what the source refuses ('B' < 'a' by code point; 'Y' is not between 'x' and 'z'), MariaDB refuses too
            foreach (var bad in new[] { "(2, 'B', 'abc')", "(2, 'b', '   ')" })
                await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(maria, $"INSERT INTO tc VALUES {bad}"));
            await EngineClient.RunAsync(maria, "INSERT INTO tc VALUES (2, 'c', 'Y')");
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(source, "INSERT INTO tc VALUES (3, 'B', 'abc')"));

            // and back: the binary cast is MariaDB's spelling of what PostgreSQL and SQLite compare that way anyway
            var back = await Db.NewAsync(from);
            await Ok("copy", "--from", maria, "--to", back);
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(back, "INSERT INTO tc VALUES (3, 'B', 'abc')"));
            await EngineClient.RunAsync(back, "INSERT INTO tc VALUES (3, 'c', 'Y')");
            Assert.Equal("1|b|abc\n2|c|Y\n3|c|Y", await EngineClient.RunAsync(back, "SELECT id, s, t FROM tc ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Session 21 break test F9/F8: SQLite holds a decimal column as DECIMAL_TEXT (TEXT affinity), so CHECK (price &lt; 100)
    /// compared text and refused 20.00 half-way through the copy; decimal arithmetic is floating-point there.
    /// </summary>
    [Fact]
    public async Task A_decimal_compared_with_a_number_is_compared_as_a_number_in_sqlite_and_decimal_arithmetic_is_refused_before_writing()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE c (id int PRIMARY KEY, price numeric(10,2) CHECK (price < 100), code text); " +
                "CREATE UNIQUE INDEX c_u ON c (code) WHERE price > 50; INSERT INTO c VALUES (1, 20.00, 'x'), (2, 9.5, 'x'), (3, 99.99, 'y')");
            var lite = await Db.NewAsync("sqlite");
            await Ok("copy", "--from", source, "--to", lite);
            Assert.Equal("1|20.00\n2|9.50\n3|99.99", await EngineClient.RunAsync(lite, "SELECT id, price FROM c ORDER BY id"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(lite, "INSERT INTO c VALUES (4, '100.00', 'z')"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(lite, "INSERT INTO c VALUES (4, '60.00', 'y')"));
            await EngineClient.RunAsync(lite, "INSERT INTO c VALUES (4, '9.00', 'y')");

            await EngineClient.RunScriptAsync(source, "CREATE TABLE s (id int PRIMARY KEY, a numeric(10,2), b numeric(10,2), CONSTRAINT s_sum CHECK (a + b <= 0.3)); INSERT INTO s VALUES (1, 0.1, 0.2)");
            var other = await Db.NewAsync("sqlite");
            var r = await CliRunner.RunAsync("copy", "--from", source, "--to", other);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("check s_sum on s (", r.All, StringComparison.Ordinal);
            Assert.Contains("SQLite holds the decimal column a as text", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(other, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));

            // F10: a foreign key between numeric(10,2) and numeric(12,4): 1.50 and 1.5000 are two texts in SQLite
            var keys = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(keys, "CREATE TABLE p (k numeric(12,4) PRIMARY KEY); CREATE TABLE ch (id int PRIMARY KEY, k numeric(10,2) CONSTRAINT ch_k REFERENCES p (k)); " +
                "INSERT INTO p VALUES (1.5); INSERT INTO ch VALUES (1, 1.5)");
            var third = await Db.NewAsync("sqlite");
            r = await CliRunner.RunAsync("copy", "--from", keys, "--to", third);
            Assert.True(r.ExitCode == 4, r.All);
            Assert.Contains("foreign key ch_k on ch: ch.k is decimal(10,2), p.k is decimal(12,4)", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(third, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Number_checks_and_float_division_arrive_in_mariadb_and_refuse_there_what_postgresql_refuses()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE nc (id int PRIMARY KEY, q bigint CHECK (q BETWEEN 1 AND 9), a double precision, " +
                "g double precision GENERATED ALWAYS AS (a / 4) STORED); INSERT INTO nc (id, q, a) VALUES (1, 2, 7)");
            var maria = await Db.NewAsync("mysql");
            await Ok("copy", "--from", source, "--to", maria);
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(maria, "INSERT INTO nc (id, q, a) VALUES (2, 10, 1)"));
            Assert.Equal("1|2|1.75", await EngineClient.RunAsync(maria, "SELECT id, q, g FROM nc ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    public async Task Expression_defaults_arrive_in_parentheses_and_give_new_rows_the_sources_value(string engine)
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE dn (id int PRIMARY KEY, n int DEFAULT abs(-3), m bigint DEFAULT 1 + 2, s text DEFAULT 'ABC'::text); " +
                "INSERT INTO dn (id) VALUES (1)");
            var target = await Db.NewAsync(engine);
            await Ok("copy", "--from", source, "--to", target);
            await EngineClient.RunAsync(target, "INSERT INTO dn (id) VALUES (2)");
            Assert.Equal("1|3|3|ABC\n2|3|3|ABC", await EngineClient.RunAsync(target, "SELECT id, n, m, s FROM dn ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("sqlite", "lower() changes only the letters A–Z on SQLite")]
    [InlineData("mysql", "lower() maps some letters otherwise on MySQL/MariaDB")]
    public async Task A_default_that_does_not_translate_is_refused_by_column_before_writing(string engine, string why)
    {
        try
        {
            await Refused("postgresql", "CREATE TABLE dn1 (id int PRIMARY KEY, s text DEFAULT lower('ABC')); INSERT INTO dn1 (id) VALUES (1)", engine,
                $"column dn1.s (default lower('ABC'::text): {why}");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Lower_into_mariadb_and_a_check_over_a_collated_column_are_refused_by_name_before_writing()
    {
        try
        {
            await Refused("postgresql", "CREATE TABLE gl (id int PRIMARY KEY, s text, l text GENERATED ALWAYS AS (lower(s)) STORED); INSERT INTO gl (id, s) VALUES (1, 'a')",
                "mysql", "gl.l (generated as lower(s): lower() maps some letters otherwise on MySQL/MariaDB, by an older Unicode table");
            await Refused("postgresql", "CREATE TABLE ic2 (id int PRIMARY KEY, s text COLLATE \"und-x-icu\" CHECK (s <= 'b')); INSERT INTO ic2 VALUES (1, 'a')",
                "sqlite", "check ic2_s_check on ic2 ((s <= 'b'::text): it compares ic2.s (collation und-x-icu), and collations do not translate");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_sqlite_lower_unique_index_into_postgresql_is_named_as_stricter_there()
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT); CREATE UNIQUE INDEX t_lx ON t (lower(email)); " +
                "INSERT INTO t VALUES (1, 'É@x'), (3, 'A@x')");
            var pg = await Db.NewAsync("postgresql");
            var r = await Ok("copy", "--from", source, "--to", pg);
            Assert.Contains("index t_lx on t unique ((lower(email))): PostgreSQL's lower() and upper() change every letter, SQLite's only A–Z", r.All, StringComparison.Ordinal);
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(pg, "INSERT INTO t VALUES (9, 'é@x')"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
