namespace NexuSql.Cli.Tests;

/// <summary>
/// Session 19 break test F1, F23, F14: <c>copy --data-only</c> into tables made by hand, whose own rules the source never
/// saw — a domain CHECK, a table CHECK, a foreign key whose parent row is missing, a partition missing for a key, a key
/// its type (interval, numeric) or a nondeterministic collation takes for another, a generated column. The copy failed
/// part-way with the engine's raw message after earlier tables were written; it now refuses by table, column, key and
/// constraint before writing anything. The target is read with psql afterwards: every table empty, no marker.
/// </summary>
public sealed class DataOnlyTargetConstraintCliTests() : ValueFidelityCliTestBase("dataonly-cons")
{
    private const string Rows = "CREATE TABLE a (id integer PRIMARY KEY, v text); " +
        "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 300) INSERT INTO a SELECT i, 'x' FROM r; ";

    [Theory]
    [InlineData("CREATE TABLE b (id integer PRIMARY KEY, v int); WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 5000) INSERT INTO b SELECT i, CASE WHEN i = 4000 THEN 0 ELSE 5 END FROM r",
        "CREATE DOMAIN posint AS int CHECK (VALUE > 0); CREATE TABLE b (id int PRIMARY KEY, v posint)", "b", "v", "id=4000", "check constraint posint_check")]
    [InlineData("CREATE TABLE b (id integer PRIMARY KEY, v int); INSERT INTO b VALUES (1,5),(2,-3),(3,-4)",
        "CREATE TABLE b (id int PRIMARY KEY, v int CONSTRAINT b_pos CHECK (v > 0))", "b", "v", "id=2", "check constraint b_pos")]
    [InlineData("CREATE TABLE b (id integer PRIMARY KEY, pid int); INSERT INTO b VALUES (1,1),(2,999)",
        "CREATE TABLE b (id int PRIMARY KEY, pid int REFERENCES a (id))", "b", "pid", "id=2", "foreign key b_pid_fkey (pid) references a")]
    [InlineData("CREATE TABLE b (id integer PRIMARY KEY, k int); INSERT INTO b VALUES (1,5),(2,500)",
        "CREATE TABLE b (id int, k int) PARTITION BY RANGE (k); CREATE TABLE b1 PARTITION OF b FOR VALUES FROM (0) TO (100)", "b", "k", "id=2", "no partition")]
    [InlineData("CREATE TABLE b (k text PRIMARY KEY); INSERT INTO b VALUES ('1 day'),('1 mon'),('24:00:00')",
        "CREATE TABLE b (k interval PRIMARY KEY)", "b", "k", "k=24:00:00", "primary key b_pkey")]
    [InlineData("CREATE TABLE b (k text PRIMARY KEY); INSERT INTO b VALUES ('1.0'),('1.00')",
        "CREATE TABLE b (k numeric PRIMARY KEY)", "b", "k", "k=1.00", "takes the two for one")]
    [InlineData("CREATE TABLE b (id integer PRIMARY KEY, s text); INSERT INTO b VALUES (1,'abc'),(2,'ABC')",
        "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false); CREATE TABLE b (id int PRIMARY KEY, s text COLLATE ci UNIQUE)",
        "b", "s", "id=2", "unique constraint b_s_key")]
    public async Task A_row_the_targets_own_rules_refuse_is_named_before_writing(string sourceSql, string targetSql, string table, string column, string key, string reason)
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(source, Rows + sourceSql);
            var target = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(target, "CREATE TABLE a (id int PRIMARY KEY, v text); " + targetSql);

            var r = await CliRunner.RunAsync("--json", "copy", "--data-only", "--tables", "a," + table, "--from", source, "--to", target);
            var message = AssertConstraintError(r, table, column, key).GetProperty("message").GetString()!;
            Assert.Contains(reason, message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", message, StringComparison.Ordinal);
            Assert.Equal("0|0", await EngineClient.RunAsync(target, $"SELECT (SELECT COUNT(*) FROM a), (SELECT COUNT(*) FROM {table})"));
            Assert.Equal("0", await EngineClient.RunAsync(target,
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'nexusql_copy_incomplete' AND table_schema = current_schema()"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>F1 on MariaDB and SQLite targets: a table's own CHECK refuses a row by key before anything is written.</summary>
    [Theory]
    [InlineData("mysql", "CREATE TABLE a (id int PRIMARY KEY, v text); CREATE TABLE b (id int PRIMARY KEY, v int CHECK (v > 0))", "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'nexusql_copy_incomplete' AND table_schema = DATABASE()")]
    [InlineData("sqlite", "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT); CREATE TABLE b (id INTEGER PRIMARY KEY, v INT CHECK (v > 0))", "SELECT COUNT(*) FROM sqlite_master WHERE name = 'nexusql_copy_incomplete'")]
    public async Task A_row_a_mariadb_or_sqlite_check_refuses_is_named_before_writing(string engine, string targetSql, string marker)
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(source, Rows + "CREATE TABLE b (id integer PRIMARY KEY, v int); INSERT INTO b VALUES (1,5),(2,-3),(3,7)");
            var target = await Db.NewAsync(engine);
            await EngineClient.RunAsync(target, targetSql);
            var r = await CliRunner.RunAsync("--json", "copy", "--data-only", "--tables", "a,b", "--from", source, "--to", target);
            var message = AssertConstraintError(r, "b", "v", "id=2").GetProperty("message").GetString()!;
            Assert.Contains("check constraint", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", message, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT (SELECT COUNT(*) FROM a) + (SELECT COUNT(*) FROM b)"));
            Assert.Equal("0", await EngineClient.RunAsync(target, marker));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// F14: a column the target generates is refused by table and column before writing (it was written, then "the target
    /// changed the data"); and a later <c>--data-only --clean --tables other</c> keeps the marker of the table it does not copy again.
    /// </summary>
    [Fact]
    public async Task A_generated_target_column_is_refused_and_a_clean_run_of_another_table_keeps_the_marker()
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(source, "CREATE TABLE g (id integer PRIMARY KEY, a int, b int); INSERT INTO g VALUES (1,1,2),(2,2,5); " +
                "CREATE TABLE t (id integer PRIMARY KEY, a int); INSERT INTO t VALUES (1,1); CREATE TABLE o (id integer PRIMARY KEY, a int); INSERT INTO o VALUES (5,1),(7,2)");
            // SQLite: a load cannot turn the target's triggers off (PostgreSQL's are off during it)
            var target = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(target, "CREATE TABLE g (id integer PRIMARY KEY, a int, b int GENERATED ALWAYS AS (a * 2) STORED); " +
                "CREATE TABLE t (id integer PRIMARY KEY, a int); INSERT INTO t VALUES (9, 9); CREATE TABLE o (id integer PRIMARY KEY, a int); " +
                "CREATE TRIGGER tb AFTER INSERT ON t BEGIN UPDATE t SET a = a + 1 WHERE id = new.id; END;");
            const string Marker = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'nexusql_copy_incomplete'";

            var r = await CliRunner.RunAsync("copy", "--data-only", "--tables", "g", "--from", source, "--to", target);
            Assert.NotEqual(0, r.ExitCode);
            Assert.Contains("table g, column b is generated in the target (", r.All, StringComparison.Ordinal);
            Assert.Contains("the source's values would be replaced", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, "SELECT COUNT(*) FROM g"));
            Assert.Equal("0", await EngineClient.RunAsync(target, Marker));

            // a trigger of the target changes t's row: written (into t emptied by --clean: no trial load first, which refuses it
            // into an empty t, bt34 F6), then found by the final check, the target marked
            r = await CliRunner.RunAsync("copy", "--data-only", "--clean", "--yes", "--tables", "t", "--from", source, "--to", target);
            Assert.NotEqual(0, r.ExitCode);
            Assert.Equal("1", await EngineClient.RunAsync(target, Marker));
            r = await CliRunner.RunAsync("copy", "--data-only", "--clean", "--yes", "--tables", "o", "--from", source, "--to", target);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("table t of the earlier, unfinished copy was not copied again", r.All, StringComparison.Ordinal);
            Assert.Equal("1", await EngineClient.RunAsync(target, Marker));
            Assert.Equal("5|1\n7|2", await EngineClient.RunAsync(target, "SELECT id || '|' || a FROM o ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>Rows the target's rules take arrive (a child whose parent is among the copied rows; a generated column computed alike at the source).</summary>
    /// <summary>
    /// A MariaDB target's own foreign key (the source has none): the load runs with foreign_key_checks=0, and the rows
    /// that reference nothing were kept with "counts and hashes match". Now refused by table and key after the load,
    /// the target marked incomplete (read with mariadb).
    /// </summary>
    [Fact]
    public async Task A_mariadb_targets_own_foreign_key_refuses_orphans_of_a_data_only_copy()
    {
        try
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(source, "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, pid INT); " +
                "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1), (2, 99)");
            var target = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(target, "CREATE TABLE p (id INT PRIMARY KEY); CREATE TABLE c (id INT PRIMARY KEY, pid INT, CONSTRAINT c_p FOREIGN KEY (pid) REFERENCES p (id))");
            var r = await CliRunner.RunAsync("--json", "copy", "--data-only", "--from", source, "--to", target);
            Assert.True(r.ExitCode == 1, r.All);
            var error = r.Json.GetProperty("error");
            Assert.Equal(("constraint", "ForeignKey", "c", "id=2"), (error.GetProperty("kind").GetString(), error.GetProperty("constraint").GetString(),
                error.GetProperty("table").GetString(), error.GetProperty("key").GetString()));
            Assert.Equal("1", await EngineClient.RunAsync(target,
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'nexusql_copy_incomplete'"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Rows_the_targets_rules_take_arrive()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, "CREATE TABLE a (id int PRIMARY KEY, v text); INSERT INTO a VALUES (1,'x'),(2,'y'); " +
                "CREATE TABLE b (id int PRIMARY KEY, pid int, g int GENERATED ALWAYS AS (pid * 2) STORED); INSERT INTO b VALUES (1,1),(2,2)");
            var target = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(target, "CREATE DOMAIN posint AS int CHECK (VALUE > 0); CREATE TABLE a (id posint PRIMARY KEY, v text CHECK (v <> '')); " +
                "CREATE TABLE b (id int PRIMARY KEY, pid int REFERENCES a (id), g int GENERATED ALWAYS AS (pid * 2) STORED)");
            await Ok("copy", "--data-only", "--from", source, "--to", target);
            Assert.Equal("1|x|1|2\n2|y|2|4", await EngineClient.RunAsync(target, "SELECT a.id, a.v, b.pid, b.g FROM a JOIN b ON b.id = a.id ORDER BY a.id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
