namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F22, F23 and siblings: names the target cannot take as they are — ending in a blank (MariaDB 1103,
/// 1166), longer than the target keeps (PostgreSQL cut them to 63 bytes silently, MariaDB 1103), a table named
/// <c>sqlite_*</c> into SQLite, a PostgreSQL system column's name — failed copy and restore half-way with the engine's
/// error, or "verified" a truncated table. Now refused by name before anything is written (the target read back with
/// the engine's own client: no table there).
/// </summary>
public sealed class IdentifierRulesCliTests() : ValueFidelityCliTestBase("identifier-rules")
{
    private static readonly string Long70 = new('t', 70);

    private static string TablesIn(string engine) => engine switch
    {
        "postgresql" => "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
        "mysql" => "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()",
        _ => "SELECT count(*) FROM sqlite_master",
    };

    /// <summary>copy and backup → restore into <paramref name="engine"/> are both refused naming <paramref name="named"/>; the targets hold no table.</summary>
    private async Task AssertRefusedAsync(string source, string engine, params string[] named)
    {
        var copied = await Db.NewAsync(engine);
        var copy = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", copied);
        var file = Db.File($"{Guid.NewGuid():N}.nxb");
        await Ok("--url", source, "backup", "-o", file);
        var restored = await Db.NewAsync(engine);
        var restore = await CliRunner.RunAsync("--url", restored, "--json", "restore", file);
        foreach (var r in new[] { copy, restore })
        {
            Assert.True(r.ExitCode == 4, r.All);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            var error = r.Json.GetProperty("error");
            Assert.Equal("refused", error.GetProperty("kind").GetString());
            var message = error.GetProperty("message").GetString()!;
            Assert.Contains("Nothing was written", message, StringComparison.Ordinal);
            foreach (var name in named) Assert.Contains(name, message, StringComparison.Ordinal);
        }
        foreach (var target in new[] { copied, restored }) Assert.Equal("0", await EngineClient.RunAsync(target, TablesIn(engine)));
    }

    [Fact]
    public async Task Copy_postgresql_names_ending_in_a_blank_into_mariadb_is_refused_by_name()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE aa (id int PRIMARY KEY);
                CREATE TABLE "t " (id int PRIMARY KEY, "x " int);
                CREATE TABLE u (id int PRIMARY KEY, "y " int, "😀" int);
                INSERT INTO "t " VALUES (1, 2);
                """);
            await AssertRefusedAsync(source, "mysql", "table \"t \" (it ends in a blank", "column \"t \".\"x \"", "column \"u\".\"y \"",
                "column \"u\".\"😀\" (a character outside the Basic Multilingual Plane");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("postgresql", "70 bytes long; PostgreSQL keeps at most 63 bytes")]
    [InlineData("mysql", "70 characters long; MySQL/MariaDB keeps at most 64 characters")]
    public async Task Copy_sqlite_names_longer_than_the_target_keeps_is_refused_by_name(string engine, string rule)
    {
        try
        {
            var source = "sqlite:///" + Db.File("long.db");
            var shared = new string('c', 63);
            await EngineClient.RunScriptAsync(source, $"""
                CREATE TABLE a0 (id integer PRIMARY KEY);
                CREATE TABLE {Long70} (id integer PRIMARY KEY, {new string('c', 70)} int);
                CREATE TABLE w (id integer PRIMARY KEY, {shared}_one int, {shared}_two int);
                CREATE INDEX {new string('i', 70)} ON a0 (id);
                INSERT INTO {Long70} VALUES (1, 5); INSERT INTO w VALUES (1, 5, 6);
                """);
            await AssertRefusedAsync(source, engine, $"table \"{Long70}\" ({rule}", $"column \"{Long70}\".\"{new string('c', 70)}\"",
                $"column \"w\".\"{shared}_one\"", $"column \"w\".\"{shared}_two\"", $"index \"{new string('i', 70)}\" on a0");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Copy_postgresql_table_named_sqlite_something_into_sqlite_is_refused_by_name()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE aaa (id int PRIMARY KEY);
                CREATE TABLE sqlite_data (id int PRIMARY KEY, v text);
                INSERT INTO sqlite_data VALUES (1, 'x');
                """);
            await AssertRefusedAsync(source, "sqlite", "table \"sqlite_data\" (it begins with sqlite_, which SQLite keeps for its own objects)");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Copy_mariadb_columns_named_like_postgresql_system_columns_is_refused_by_name()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE aaa (id int PRIMARY KEY);
                INSERT INTO aaa VALUES (1);
                CREATE TABLE bbox (id int PRIMARY KEY, xmin double, xmax double, ymin double, ymax double, ctid int);
                INSERT INTO bbox VALUES (1, 0, 1, 0, 1, 7);
                """);
            await AssertRefusedAsync(source, "postgresql", "column \"bbox\".\"xmin\" (the name of a system column every PostgreSQL table has)",
                "column \"bbox\".\"xmax\"", "column \"bbox\".\"ctid\"");
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Copy_backup_and_verify_of_a_sqlite_column_with_an_empty_name_are_refused_by_name()
    {
        var source = "sqlite:///" + Db.File("empty.db");
        await EngineClient.RunScriptAsync(source, """CREATE TABLE t (id integer PRIMARY KEY, "" int); INSERT INTO t VALUES (1, 2);""");
        var target = await Db.NewAsync("sqlite");
        var file = Db.File("empty.nxb");
        foreach (string[] args in (string[][])[["copy", "--from", source, "--to", target], ["--url", source, "backup", "-o", file],
                     ["--url", source, "verify", "--against", source, "--checks", "data"]])
        {
            var r = await CliRunner.RunAsync(["--json", .. args]);
            Assert.True(r.ExitCode == 4, r.All);
            var error = r.Json.GetProperty("error");
            Assert.Equal("refused", error.GetProperty("kind").GetString());
            Assert.Contains("These tables have a column whose name is empty: \"t\"", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        Assert.False(File.Exists(file));
        Assert.Equal("0", await EngineClient.RunAsync(target, TablesIn("sqlite")));
    }

    [Fact]
    public async Task Copy_postgresql_table_named_with_a_dot_beside_the_schema_table_it_reads_as_is_refused_for_that_reason()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """CREATE SCHEMA sales; CREATE TABLE sales.t (id int PRIMARY KEY); CREATE TABLE "sales.t" (id int PRIMARY KEY);""");
            var target = await Db.NewAsync("postgresql");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target);
            Assert.True(r.ExitCode == 4, r.All);
            var message = r.Json.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains("table \"sales.t\" of the current schema and table \"t\" of schema \"sales\"", message, StringComparison.Ordinal);
            Assert.DoesNotContain("differ only in case", message, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
