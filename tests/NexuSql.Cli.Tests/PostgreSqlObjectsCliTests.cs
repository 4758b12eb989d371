namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 16), H5, M7, M11, M13, M14, M15: large objects are carried PG → PG
/// (PostgreSqlLargeObjectsCliTests) and verify does not say OK over missing large objects; materialized views are carried
/// (<see cref="MaterializedViewCliTests"/>); PostgreSQL json restored into SQLite/MariaDB passes the read-back check;
/// tables created in a latin1 MariaDB database for a Unicode source are utf8mb4; a replace into such a database keeps every
/// row; a composite key wider than InnoDB indexes is refused by name before writing. Each target is read with the engine's
/// own client.
/// </summary>
public sealed class PostgreSqlObjectsCliTests() : ValueFidelityCliTestBase("pg-objects")
{
    private static string[] LeftOut(CliRunner.Result r) =>
        [.. r.Json.GetProperty("leftOut").EnumerateArray().Select(x => x.GetString()!)];

    [Fact]
    public async Task Large_objects_are_named_materialized_views_copied_and_verify_finds_the_missing_large_objects()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE doc (id int PRIMARY KEY, blob oid); " +
                "INSERT INTO doc VALUES (1, lo_from_bytea(0, 'hello large object'::bytea)); " +
                "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 1); " +
                "CREATE MATERIALIZED VIEW mv AS SELECT id, v * 2 AS w FROM t");
            var target = await Db.NewAsync("postgresql");
            var copy = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target);
            Assert.True(copy.ExitCode == 0, copy.All);
            // large objects are carried PG → PG with their oids (PostgreSqlLargeObjectsCliTests): no longer named; one lost in the target is found by verify
            Assert.DoesNotContain(LeftOut(copy), x => x.StartsWith("large objects (", StringComparison.Ordinal));
            // materialized views are carried now (MaterializedViewCliTests): not named as left out
            Assert.DoesNotContain(LeftOut(copy), x => x.StartsWith("materialized view", StringComparison.Ordinal));
            Assert.Equal("1|2", await EngineClient.RunAsync(target, "SELECT * FROM mv"));
            Assert.Equal("1", await EngineClient.RunAsync(target, "SELECT count(*) FROM pg_largeobject_metadata"));
            Assert.DoesNotContain(copy.Json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("source: not copied", StringComparison.Ordinal));
            await EngineClient.RunAsync(target, "SELECT lo_unlink(oid) FROM pg_largeobject_metadata");

            var verify = await CliRunner.RunAsync("verify", "--url", source, "--against", target, "--checks", "data");
            Assert.True(verify.ExitCode != 0, verify.All);
            Assert.Contains("data outside the tables differs: 1 large objects, 18 bytes", verify.All, StringComparison.Ordinal);

            var file = Db.File("lo.nxb");
            var backup = await CliRunner.RunAsync("--json", "--url", source, "backup", "-o", file);
            Assert.True(backup.ExitCode == 0, backup.All);
            Assert.DoesNotContain(LeftOut(backup), x => x.StartsWith("large objects (", StringComparison.Ordinal));
            Assert.DoesNotContain(LeftOut(backup), x => x.StartsWith("materialized view", StringComparison.Ordinal));
            Assert.DoesNotContain(backup.Json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("not in the backup", StringComparison.Ordinal));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    public async Task Postgresql_json_with_unsorted_keys_and_exponents_restores_as_written(string engine)
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE b (id int PRIMARY KEY, j json); " +
                "INSERT INTO b VALUES (1, '{\"b\":1,\"a\":2}'), (2, '[1e2]'), (3, '{\"b\":1,\"a\":[1]}'), (4, '{\"a\":[1e2]}'), (5, '{\"a\":1.0}')");
            var file = Db.File("js.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var target = await Db.NewAsync(engine);
            await Ok("--url", target, "restore", file, "--tables", "b");
            Assert.Equal("1|{\"b\":1,\"a\":2}\n2|[1e2]\n3|{\"b\":1,\"a\":[1]}\n4|{\"a\":[1e2]}\n5|{\"a\":1.0}",
                await EngineClient.RunAsync(target, "SELECT id, j FROM b ORDER BY id"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("sqlite")]
    public async Task Tables_created_in_a_latin1_mariadb_database_hold_every_character(string engine)
    {
        try
        {
            var source = await Db.NewAsync(engine);
            await EngineClient.RunScriptAsync(source, "CREATE TABLE e (id int PRIMARY KEY, t text); INSERT INTO e VALUES (1, 'ok'), (2, '😀'), (3, 'Ā')");
            var copied = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(copied, "ALTER DATABASE CHARACTER SET latin1 COLLATE latin1_swedish_ci");
            await Ok("copy", "--from", source, "--to", copied);
            Assert.Equal("utf8mb4", await EngineClient.RunAsync(copied,
                "SELECT c.CHARACTER_SET_NAME FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = 'e' AND c.COLUMN_NAME = 't'"));
            Assert.Equal("1|ok\n2|😀\n3|Ā", await EngineClient.RunAsync(copied, "SELECT id, t FROM e ORDER BY id"));

            // restore --replace over a latin1 table (M14): checked, replaced, every row there
            var restored = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(restored, "ALTER DATABASE CHARACTER SET latin1 COLLATE latin1_swedish_ci");
            await EngineClient.RunScriptAsync(restored, "CREATE TABLE e (id int PRIMARY KEY, t text) CHARACTER SET latin1; INSERT INTO e VALUES (1, 'precious')");
            var file = Db.File("emo.nxb");
            await Ok("--url", source, "backup", "-o", file);
            await Ok("--url", restored, "restore", file, "--tables", "e", "--replace", "--yes");
            Assert.Equal("1|ok\n2|😀\n3|Ā", await EngineClient.RunAsync(restored, "SELECT id, t FROM e ORDER BY id"));
            Assert.Equal("e", await EngineClient.RunAsync(restored, "SHOW TABLES"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_utf8mb4_bin_database_default_is_kept_for_copied_tables()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE e (id int PRIMARY KEY, t text); INSERT INTO e VALUES (1, 'a')");
            var target = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(target, "ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            await Ok("copy", "--from", source, "--to", target);
            Assert.Equal("utf8mb4_bin", await EngineClient.RunAsync(target,
                "SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'e'"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_composite_key_wider_than_mariadb_indexes_is_refused_by_name_before_writing()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE w (a varchar(500), b varchar(500), PRIMARY KEY (a, b)); INSERT INTO w VALUES ('x', 'y')");
            var maria = await Db.NewAsync("mysql");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", maria, "--tables", "w");
            Assert.True(r.ExitCode == 4, r.All);
            var error = r.Json.GetProperty("error");
            Assert.Equal("refused", error.GetProperty("kind").GetString());
            Assert.Contains("w (a, b): 4,000 bytes", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("Nothing was written", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SHOW TABLES"));

            var file = Db.File("w.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restore = await CliRunner.RunAsync("--url", maria, "restore", file);
            Assert.True(restore.ExitCode == 4, restore.All);
            Assert.Contains("w (a, b): 4,000 bytes", restore.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(maria, "SHOW TABLES"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
