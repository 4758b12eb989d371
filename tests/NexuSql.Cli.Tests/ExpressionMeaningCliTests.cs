namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 18). H3: a PostgreSQL unique index, check or generated column over lower()/upper()
/// was created on SQLite, whose lower() changes only A–Z, so the copy took rows the source refuses (round() likewise:
/// halves to even on PostgreSQL, away from zero on SQLite). M14: a check using PostgreSQL's ~ reached SQLite and MariaDB
/// as raw SQL and failed with a syntax error after the marker table was written. M15: a SQLite unique index on
/// lower(email) holding 'É@x' and 'é@x' failed on PostgreSQL with a raw 23505 after the rows were loaded. M10: a
/// schema-only copy did not create a schema holding only views. Each target is read with the engine's own client.
/// </summary>
public sealed class ExpressionMeaningCliTests() : ValueFidelityCliTestBase("expr-meaning")
{
    private const string SqliteTables = "SELECT name FROM sqlite_master ORDER BY name";

    [Theory]
    [InlineData("CREATE TABLE u (id int PRIMARY KEY, email text); CREATE UNIQUE INDEX u_l ON u (lower(email)); INSERT INTO u VALUES (1, 'É@x')",
        "index u_l on u unique ((lower(email))): the expression lower(email) does not translate (lower() changes only the letters A–Z on SQLite")]
    [InlineData("CREATE TABLE u (id int PRIMARY KEY, s text CONSTRAINT s_lower CHECK (lower(s) = s)); INSERT INTO u VALUES (1, 'é')",
        "check s_lower on u ((lower(s) = s): lower() changes only the letters A–Z on SQLite")]
    [InlineData("CREATE TABLE u (id int PRIMARY KEY, f float8 CONSTRAINT f_round CHECK (round(f) <> 3)); INSERT INTO u VALUES (1, 2.5)",
        "check f_round on u (")]
    [InlineData("CREATE TABLE u (id int PRIMARY KEY, s text, g text GENERATED ALWAYS AS (upper(s)) STORED); INSERT INTO u (id, s) VALUES (1, 'é')",
        "u.g (generated as upper(s): upper() changes only the letters A–Z on SQLite")]
    public async Task Postgresql_lower_upper_and_round_into_sqlite_are_refused_by_name_before_writing(string setup, string named)
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, setup);
            var sqlite = await Db.NewAsync("sqlite");
            var copy = await CliRunner.RunAsync("copy", "--from", source, "--to", sqlite);
            Assert.True(copy.ExitCode == 4, copy.All);
            Assert.Contains(named, copy.All, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", copy.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(sqlite, SqliteTables));

            var file = Db.File($"{Guid.NewGuid():N}.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restored = await Db.NewAsync("sqlite");
            var restore = await CliRunner.RunAsync("--url", restored, "restore", file);
            Assert.True(restore.ExitCode == 4, restore.All);
            Assert.Contains(named, restore.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(restored, SqliteTables));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("sqlite", SqliteTables, "SQLite")]
    [InlineData("mysql", "SHOW TABLES", "MySQL/MariaDB")]
    public async Task A_postgresql_regex_check_is_refused_by_table_and_constraint_before_writing(string engine, string tables, string display)
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE u (id int PRIMARY KEY, t text CHECK (t ~ '^[a-z]+$')); INSERT INTO u VALUES (1, 'abc')");
            var target = await Db.NewAsync(engine);
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target);
            Assert.True(r.ExitCode == 4, r.All);
            var message = r.Json.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains($"check u_t_check on u ((t ~ '^[a-z]+$'::text): it uses the PostgreSQL operator ~ (a regular-expression match), which {display} does not have)",
                message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written.", message, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(target, tables));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Portable_checks_are_written_for_sqlite_and_mariadb_and_refuse_there_what_the_source_refuses()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE u (id int PRIMARY KEY, e text CHECK (e LIKE '%@%'), n text CHECK (length(n) <= 3), " +
                "st text CHECK (st IN ('a', 'b'))); INSERT INTO u VALUES (1, 'a@b', 'ééé', 'a')");
            var sqlite = await Db.NewAsync("sqlite");
            await Ok("copy", "--from", source, "--to", sqlite);
            // IN and LIKE compare text, which MariaDB's default collation does without case ('A' would go in) and taking
            // other forms of a character as it: the column is compared as binary there (break tests F4, 23 F3)
            var maria = await Db.NewAsync("mysql");
            await Ok("copy", "--from", source, "--to", maria);
            Assert.Equal("u_e_check|cast(`e` as char charset binary) like '%@%'\nu_n_check|char_length(`n`) <= 3\nu_st_check|cast(`st` as char charset binary) in ('a','b')", await EngineClient.RunAsync(maria,
                "SELECT constraint_name, check_clause FROM information_schema.check_constraints WHERE constraint_schema = DATABASE() ORDER BY 1"));
            foreach (var (target, bad) in new[] { (sqlite, "(2, 'ab', 'x', 'a')"), (sqlite, "(2, 'a@b', 'éééé', 'a')"), (sqlite, "(2, 'a@b', 'x', 'c')"),
                         (maria, "(2, 'ab', 'x', 'a')"), (maria, "(2, 'a@b', 'éééé', 'a')"), (maria, "(2, 'a@b', 'x', 'A')"), (maria, "(2, 'a@b', 'x', 'a ')"),
                         // LIKE too (break test 23 F3): the collation would take the fullwidth ＠ for @
                         (maria, "(2, 'a＠b', 'x', 'a')") })
                await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(target, $"INSERT INTO u VALUES {bad}"));
            await EngineClient.RunAsync(sqlite, "INSERT INTO u VALUES (2, 'x@y', 'ééé', 'b')");
            await EngineClient.RunAsync(maria, "INSERT INTO u VALUES (2, 'x@y', 'ééé', 'b')");
            Assert.Equal("2", await EngineClient.RunAsync(sqlite, "SELECT count(*) FROM u"));
            Assert.Equal("2", await EngineClient.RunAsync(maria, "SELECT count(*) FROM u"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_sqlite_lower_index_whose_keys_postgresql_takes_for_one_is_refused_naming_both_rows_and_distinct_keys_copy()
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT); CREATE UNIQUE INDEX u_l ON u (lower(email)); " +
                "INSERT INTO u VALUES (1, 'É@x'), (2, 'é@x')");
            var pg = await Db.NewAsync("postgresql");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", pg);
            Assert.True(r.ExitCode == 1, r.All);
            var message = r.Json.GetProperty("error").GetProperty("message").GetString()!;
            Assert.StartsWith("Table u, column email, row id=1: its key in unique index u_l (lower(\"email\")) differs from that of row id=2", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", message, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(pg, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"));

            await EngineClient.RunAsync(source, "UPDATE u SET email = 'b@x' WHERE id = 2");
            await Ok("copy", "--from", source, "--to", pg);
            Assert.Equal("CREATE UNIQUE INDEX u_l ON public.u USING btree (lower(email))",
                await EngineClient.RunAsync(pg, "SELECT indexdef FROM pg_indexes WHERE indexname = 'u_l'"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(pg, "INSERT INTO u VALUES (3, 'É@X')"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_schema_only_copy_creates_a_schema_that_holds_only_views()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE SCHEMA rep; CREATE TABLE t (id int PRIMARY KEY, tag text); INSERT INTO t VALUES (1, 'a'); " +
                "CREATE MATERIALIZED VIEW rep.mv_nodata AS SELECT tag, count(*) c FROM t GROUP BY tag WITH NO DATA; CREATE VIEW rep.v2 AS SELECT * FROM rep.mv_nodata");
            var target = await Db.NewAsync("postgresql");
            var r = await Ok("--json", "copy", "--schema-only", "--from", source, "--to", target);
            Assert.Empty(r.Json.GetProperty("skippedViews").EnumerateArray());
            Assert.Equal("rep|mv_nodata|f", await EngineClient.RunAsync(target, "SELECT schemaname, matviewname, ispopulated FROM pg_matviews"));
            Assert.Equal("rep|v2", await EngineClient.RunAsync(target, "SELECT table_schema, table_name FROM information_schema.views WHERE table_schema = 'rep'"));
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM t"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
