namespace NexuSql.Cli.Tests;

/// <summary>
/// verify --against between two databases of one engine whose tables declare a column with different types (break
/// test F7, F18): equal meaning compares equal, a one-value change is still found, and types that cannot be compared
/// are a finding naming the column and both types (exit 3), never a crash.
/// </summary>
public sealed class VerifyDeclaredTypesCliTests() : ValueFidelityCliTestBase("verify-types")
{
    private static async Task<CliRunner.Result> VerifyAsync(string first, string second, int exitCode)
    {
        var r = await CliRunner.RunAsync("--url", first, "verify", "--against", second, "--checks", "data");
        Assert.True(r.ExitCode == exitCode, r.All);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    [Fact]
    public async Task Verify_pg_varchar_against_char_n_equal_values_match_and_a_change_is_found()
    {
        try
        {
            var a = await Db.NewAsync("postgresql");
            var b = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(a, "CREATE TABLE dm (id int PRIMARY KEY, ch varchar(10)); INSERT INTO dm VALUES (1, 'ab'), (2, 'cd'), (3, NULL)");
            await EngineClient.RunAsync(b, "CREATE TABLE dm (id int PRIMARY KEY, ch char(10))");
            await Ok("copy", "--from", a, "--to", b, "--tables", "dm", "--data-only");
            Assert.Equal("character|ab", await EngineClient.RunAsync(b, "SELECT pg_typeof(ch)::text || '|' || ch FROM dm WHERE id = 1"));
            await VerifyAsync(a, b, 0);
            await VerifyAsync(b, a, 0);

            await EngineClient.RunAsync(b, "UPDATE dm SET ch = 'ac' WHERE id = 2");
            var r = await VerifyAsync(a, b, 3);
            Assert.Contains("dm: id=2: row differs in ch", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("id=1", r.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Verify_pg_json_against_jsonb_compares_documents_by_meaning_and_a_change_is_found()
    {
        try
        {
            var a = await Db.NewAsync("postgresql");
            var b = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(a, """CREATE TABLE jj (id int PRIMARY KEY, e json); INSERT INTO jj VALUES (1, '{"a":1}'), (2, '[1, 2]'), (3, '"s"'), (4, '{"b":2,"a":1}')""");
            await EngineClient.RunAsync(b, "CREATE TABLE jj (id int PRIMARY KEY, e jsonb)");
            await Ok("copy", "--from", a, "--to", b, "--tables", "jj", "--data-only");
            Assert.Equal("""{"a": 1}""", await EngineClient.RunAsync(b, "SELECT e FROM jj WHERE id = 1"));
            await VerifyAsync(a, b, 0);
            await VerifyAsync(b, a, 0);

            await EngineClient.RunAsync(b, """UPDATE jj SET e = '[1, 3]' WHERE id = 2""");
            var r = await VerifyAsync(b, a, 3);
            Assert.Contains("jj: id=2: row differs in e", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("id=1", r.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Verify_pg_date_against_timestamp_midnight_matches_another_time_differs_both_ways()
    {
        try
        {
            var a = await Db.NewAsync("postgresql");
            var b = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(a, "CREATE TABLE ty (id int PRIMARY KEY, g date); INSERT INTO ty VALUES (1, '2020-01-01'), (2, '2020-01-02'), (3, NULL)");
            await EngineClient.RunAsync(b, "CREATE TABLE ty (id bigint PRIMARY KEY, g timestamp); INSERT INTO ty VALUES (1, '2020-01-01'), (2, '2020-01-02'), (3, NULL)");
            await VerifyAsync(a, b, 0);
            await VerifyAsync(b, a, 0);

            await EngineClient.RunAsync(b, "UPDATE ty SET g = '2020-01-02 00:00:00.000001' WHERE id = 2");
            foreach (var (first, second) in new[] { (a, b), (b, a) })
            {
                var r = await VerifyAsync(first, second, 3);
                Assert.Contains("ty: id=2: row differs in g", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("id=1", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("Reading as", r.All, StringComparison.Ordinal);
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Verify_pg_columns_of_types_that_cannot_be_compared_are_a_finding_naming_both_types()
    {
        try
        {
            var a = await Db.NewAsync("postgresql");
            var b = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(a, "CREATE TABLE tz (id int PRIMARY KEY, t timestamp, n int, note text); " +
                "INSERT INTO tz VALUES (1, '2020-01-01 10:00', 5, 'x'), (2, NULL, 6, 'y')");
            await EngineClient.RunAsync(b, "CREATE TABLE tz (id int PRIMARY KEY, t timestamptz, n text, note text); " +
                "INSERT INTO tz VALUES (1, '2020-01-01 10:00+00', '5', 'x'), (2, NULL, '6', 'z')");
            var r = await CliRunner.RunAsync("--url", a, "--json", "verify", "--against", b, "--checks", "data");
            Assert.True(r.ExitCode == 3, r.All);
            var findings = r.Json.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("finding").GetString()!).ToList();
            Assert.Contains(findings, f => f.Contains("column t is", StringComparison.Ordinal) && f.Contains("TIMESTAMP", StringComparison.OrdinalIgnoreCase)
                && f.Contains("in the first database", StringComparison.Ordinal) && f.Contains("cannot be compared", StringComparison.Ordinal));
            Assert.Contains(findings, f => f.Contains("column n is", StringComparison.Ordinal) && f.Contains("TEXT in the second", StringComparison.OrdinalIgnoreCase));
            // the other columns are still compared
            Assert.Contains(findings, f => f.Contains("row differs in note", StringComparison.Ordinal));
            Assert.Equal(3, findings.Count);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Verify_pg_int_against_numeric_and_real_against_double_compare_by_value_and_a_change_is_found()
    {
        try
        {
            var a = await Db.NewAsync("postgresql");
            var b = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(a, "CREATE TABLE nm (id int PRIMARY KEY, n int, f real); INSERT INTO nm VALUES (1, 5, 1.5), (2, 6, 0.25), (3, NULL, NULL)");
            await EngineClient.RunAsync(b, "CREATE TABLE nm (id numeric(10,0) PRIMARY KEY, n numeric(10,2), f double precision); " +
                "INSERT INTO nm VALUES (1, 5.00, 1.5), (2, 6, 0.25), (3, NULL, NULL)");
            await VerifyAsync(a, b, 0);
            await VerifyAsync(b, a, 0);

            await EngineClient.RunAsync(b, "UPDATE nm SET n = 6.01 WHERE id = 2");
            var r = await VerifyAsync(a, b, 3);
            Assert.Contains("nm: id=2: row differs in n", r.All, StringComparison.Ordinal);
            Assert.DoesNotContain("id=1", r.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Session 21 break test F20/F24/F25: across engines the verdict of a column declared otherwise on each side no
    /// longer depends on which database comes first — a date against a DATETIME, char(5) against varchar, a uuid
    /// against its text compare by meaning both ways; a text against an int or a timestamp is named, not guessed.
    /// </summary>
    [Theory]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    public async Task Verify_across_engines_of_columns_declared_otherwise_gives_one_verdict_in_both_orders(string other)
    {
        try
        {
            var a = await Db.NewAsync("postgresql");
            var b = await Db.NewAsync(other);
            await EngineClient.RunAsync(a, "CREATE TABLE dt (id int PRIMARY KEY, d date, c char(5), u uuid, n int, ts timestamp); INSERT INTO dt VALUES " +
                "(1, '2024-01-01', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 5, '2024-01-01 10:00'), " +
                "(2, '2024-01-02', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', 6, '2024-01-01 10:00:00.5'), " +
                "(3, '2024-01-03', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13', 7, NULL)");
            var dateType = other == "mysql" ? "datetime" : "date";
            await EngineClient.RunAsync(b, $"CREATE TABLE dt (id int PRIMARY KEY, d {dateType}, c varchar(5), u char(40), n varchar(10), ts varchar(40)); INSERT INTO dt VALUES " +
                "(1, '2024-01-01', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '5', '2024-01-01 10:00:00'), " +
                "(2, '2024-01-02', 'ab ', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12', '06', '2024-01-01T10:00:00.5'), " +
                $"(3, '2024-01-03{(other == "mysql" ? " 10:00:00" : "")}', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13', '7', NULL)");
            var verdicts = new List<string>();
            foreach (var (x, y) in new[] { (a, b), (b, a) })
            {
                var r = await VerifyAsync(x, y, 3);
                // the row verdicts: id=1 equal everywhere; id=2 a trailing space and an upper-case uuid; id=3 a time on a date (MariaDB)
                Assert.DoesNotContain("id=1", r.All, StringComparison.Ordinal);
                Assert.Contains("dt: id=2: row differs in c, u", r.All, StringComparison.Ordinal);
                Assert.Equal(other == "mysql", r.All.Contains("dt: id=3: row differs in d", StringComparison.Ordinal));
                Assert.Contains("column n is ", r.All, StringComparison.Ordinal);
                Assert.Contains("column ts is ", r.All, StringComparison.Ordinal);
                Assert.Contains("its values cannot be compared", r.All, StringComparison.Ordinal);
                Assert.DoesNotContain("not compared:", r.All, StringComparison.Ordinal);
                verdicts.Add(string.Join("\n", r.All.Split('\n').Where(l => l.Contains("row differs", StringComparison.Ordinal)).Order()));
            }
            Assert.Equal(verdicts[0], verdicts[1]);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
