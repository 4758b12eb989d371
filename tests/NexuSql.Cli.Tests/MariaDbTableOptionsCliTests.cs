namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F26, F17, F25, F30 and F20, MariaDB → MariaDB by copy and by backup → restore, the target read with the
/// mariadb client: a SPATIAL index arrives as one (raw error 1089 after the rows before), the storage engine is kept (a
/// MyISAM per-group AUTO_INCREMENT failed half-way with 1075; Aria and MEMORY became InnoDB), an application-time period
/// keeps its key WITHOUT OVERLAPS, views keep CHECK OPTION and SQL SECURITY INVOKER, partitioning is kept, and events are
/// named. Into other engines, what would number or accept rows otherwise is refused by table before anything is written.
/// </summary>
public sealed class MariaDbTableOptionsCliTests() : ValueFidelityCliTestBase("mariadb-table-options")
{
    private static async Task<CliRunner.Result> RefusedAsync(string source, string target, string tables)
    {
        var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target, "--tables", tables);
        Assert.True(r.ExitCode != 0, r.All);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        Assert.Equal("refused", r.Json.GetProperty("error").GetProperty("kind").GetString());
        return r;
    }

    [Fact]
    public async Task Spatial_index_arrives_as_a_spatial_index()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            // bt29 M1: a column's REF_SYSTEM_ID (its SRID; the values keep their own) was lost
            await EngineClient.RunScriptAsync(source, "CREATE TABLE s (id int PRIMARY KEY, g point NOT NULL, w point REF_SYSTEM_ID=4326, SPATIAL INDEX sg (g)); " +
                "INSERT INTO s VALUES (1, point(1,1), ST_GeomFromText('POINT(5 6)', 4326)), (2, point(3,4), NULL);");
            var (copied, restored) = await MoveAsync(source, "mysql");
            await AssertSameAsync("SELECT id, st_astext(g), st_srid(w), st_astext(w) FROM s ORDER BY id", source, copied, restored);
            const string Srids = "SELECT group_concat(concat(g_geometry_column, ':', srid) ORDER BY g_geometry_column) FROM information_schema.geometry_columns WHERE g_table_schema = DATABASE()";
            Assert.Equal("g:0,w:4326", await EngineClient.RunAsync(copied, Srids));
            await AssertSameAsync(Srids, source, copied, restored);
            await EngineClient.RunScriptAsync(copied, "ALTER TABLE s MODIFY w point REF_SYSTEM_ID=3857;");
            var drift = await CliRunner.RunAsync("--url", source, "verify", "--checks", "schema", "--against", copied);
            Assert.True(drift.ExitCode == 3 && drift.All.Contains("REF_SYSTEM_ID=4326", StringComparison.Ordinal), drift.All);
            const string indexes = "SELECT index_name, column_name, index_type FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 's' ORDER BY index_name";
            Assert.Equal("PRIMARY|id|BTREE\nsg|g|SPATIAL", await EngineClient.RunAsync(copied, indexes));
            await AssertSameAsync(indexes, source, copied, restored);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Storage_engine_is_kept_and_a_per_group_auto_increment_numbers_per_group()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t (grp int, id int AUTO_INCREMENT, v varchar(5), PRIMARY KEY (grp, id)) ENGINE=MyISAM; " +
                "INSERT INTO t (grp, v) VALUES (1,'a'),(1,'b'),(2,'c'); CREATE TABLE a (id int PRIMARY KEY, v text) ENGINE=Aria; INSERT INTO a VALUES (1,'x'); " +
                "CREATE TABLE m (id int PRIMARY KEY, v varchar(10)) ENGINE=MEMORY; INSERT INTO m VALUES (1,'mem');");
            var (copied, restored) = await MoveAsync(source, "mysql");
            const string engines = "SELECT table_name, engine FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name";
            Assert.Equal("a|Aria\nm|MEMORY\nt|MyISAM", await EngineClient.RunAsync(copied, engines));
            await AssertSameAsync(engines, source, copied, restored);
            await AssertSameAsync("SELECT grp, id, v FROM t ORDER BY grp, id", source, copied, restored);
            // the next row of each group takes its group's next number, as in the source
            foreach (var db in new[] { copied, restored })
                Assert.Equal("1|3\n2|2", await EngineClient.RunAsync(db, "INSERT INTO t (grp, v) VALUES (1,'z'),(2,'w'); SELECT grp, id FROM t WHERE v IN ('z','w') ORDER BY grp"));
            // another engine would number new rows across the whole table: refused by table, nothing written
            var sqlite = "sqlite:///" + Db.File("t.db");
            var r = await RefusedAsync(source, sqlite, "t");
            Assert.Contains("t: AUTO_INCREMENT column id numbers rows per group of (grp) (ENGINE=MyISAM)", r.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(sqlite, "SELECT count(*) FROM sqlite_master"));
            // the others go as the target's own tables, named
            var other = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", "sqlite:///" + Db.File("am.db"), "--tables", "a,m");
            Assert.True(other.ExitCode == 0, other.All);
            Assert.Contains("table a (ENGINE=Aria: created as a SQLite table)", other.All, StringComparison.Ordinal);
            Assert.Contains("table m (ENGINE=MEMORY: created as a SQLite table)", other.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Period_key_without_overlaps_refuses_overlapping_rows_in_the_target()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE rooms (id int, s date, e date, who varchar(10), PERIOD FOR stay(s, e), " +
                "PRIMARY KEY (id, stay WITHOUT OVERLAPS), UNIQUE KEY u (who, stay WITHOUT OVERLAPS)); " +
                "INSERT INTO rooms VALUES (1,'2020-01-01','2020-01-05','a'), (1,'2020-01-05','2020-01-09','b');");
            var (copied, restored) = await MoveAsync(source, "mysql");
            foreach (var db in new[] { copied, restored })
            {
                var create = await EngineClient.RunAsync(db, "SHOW CREATE TABLE rooms");
                Assert.Contains("PERIOD FOR `stay` (`s`, `e`)", create, StringComparison.Ordinal);
                Assert.Contains("PRIMARY KEY (`id`,`stay` WITHOUT OVERLAPS)", create, StringComparison.Ordinal);
                Assert.Contains("UNIQUE KEY `u` (`who`,`stay` WITHOUT OVERLAPS)", create, StringComparison.Ordinal);
                // the overlapping row is refused (IGNORE: a warning, the row not written), as in the source; a plain key took it
                Assert.Equal("2", await EngineClient.RunAsync(db, "INSERT IGNORE INTO rooms VALUES (1,'2020-01-02','2020-01-03','overlap'); SELECT count(*) FROM rooms"));
            }
            await AssertSameAsync("SELECT id, s, e, who FROM rooms ORDER BY s", source, copied, restored);
            var r = await RefusedAsync(source, "sqlite:///" + Db.File("p.db"), "rooms");
            Assert.Contains("primary key on rooms (id, stay WITHOUT OVERLAPS)", r.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Views_keep_check_option_and_sql_security_and_events_are_named()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1,5); " +
                "CREATE VIEW vpos AS SELECT * FROM t WHERE v > 0 WITH CHECK OPTION; CREATE VIEW vloc AS SELECT * FROM vpos WHERE v < 10 WITH LOCAL CHECK OPTION; " +
                "CREATE SQL SECURITY INVOKER VIEW vi AS SELECT * FROM t; CREATE EVENT purge_old ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM t WHERE v < 0;");
            var (copied, restored) = await MoveAsync(source, "mysql");
            const string views = "SELECT table_name, check_option, security_type FROM information_schema.views WHERE table_schema = DATABASE() ORDER BY table_name";
            Assert.Equal("vi|NONE|INVOKER\nvloc|LOCAL|DEFINER\nvpos|CASCADED|DEFINER", await EngineClient.RunAsync(copied, views));
            await AssertSameAsync(views, source, copied, restored);
            // a row the view hides is refused through it by the server (error 1369, even with IGNORE), as in the source
            foreach (var db in new[] { source, copied, restored })
            {
                var insert = await CliRunner.RunAsync("--url", db, "exec", "INSERT INTO vpos VALUES (2,-1)");
                Assert.True(insert.ExitCode != 0 && insert.All.Contains("1369", StringComparison.Ordinal), insert.All);
                Assert.Equal("1", await EngineClient.RunAsync(db, "SELECT count(*) FROM t"));
            }
            // drift: a view that lost its check option is a change, and applying the source's schema gives it back
            var file = Db.File("views.json");
            await Ok("--url", source, "schema", "dump", "-o", file);
            await EngineClient.RunScriptAsync(copied, "CREATE OR REPLACE VIEW vpos AS SELECT * FROM t WHERE v > 0;");
            Assert.Contains("vpos|NONE", await EngineClient.RunAsync(copied, views), StringComparison.Ordinal);
            await Ok("--url", copied, "schema", "apply", file, "--yes");
            await AssertSameAsync(views, source, copied);
            var again = await Db.NewAsync("mysql");
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", again);
            Assert.True(r.ExitCode == 0, r.All);
            Assert.Contains(r.Json.GetProperty("leftOut").EnumerateArray(), e => e.GetString()!.StartsWith("event purge_old ", StringComparison.Ordinal));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Partitioning_is_kept()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE ev (id int, y int, v int, PRIMARY KEY (id, y)) PARTITION BY RANGE (y) " +
                "(PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN MAXVALUE); INSERT INTO ev VALUES (1,1999,1),(2,2020,2);");
            var (copied, restored) = await MoveAsync(source, "mysql");
            const string partitions = "SELECT partition_name, partition_method, partition_expression, partition_description " +
                "FROM information_schema.partitions WHERE table_schema = DATABASE() AND table_name = 'ev' ORDER BY partition_name";
            Assert.Equal("p0|RANGE|`y`|2000\np1|RANGE|`y`|MAXVALUE", await EngineClient.RunAsync(copied, partitions));
            await AssertSameAsync(partitions, source, copied, restored);
            await AssertSameAsync("SELECT id FROM ev PARTITION (p0) UNION ALL SELECT -id FROM ev PARTITION (p1)", source, copied, restored);
            await AssertSameAsync("SELECT id, y, v FROM ev ORDER BY id", source, copied, restored);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Break test 24 B32: a system-versioned table with its own <c>ROW START</c> / <c>ROW END</c> columns failed copy and
    /// restore half-way with error 1064. Break test 25 F10: then they were left out with the versioning. Now MariaDB →
    /// MariaDB keeps the versioning and the columns (visible or INVISIBLE) with their values for the current rows; its
    /// history rows are named under left out. Into another engine the columns are plain timestamps holding their values.
    /// </summary>
    [Fact]
    public async Task System_versioned_tables_keep_their_versioning_and_row_start_and_end_columns()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, """
                CREATE TABLE s (id int PRIMARY KEY, v int,
                  rs timestamp(6) GENERATED ALWAYS AS ROW START INVISIBLE, re timestamp(6) GENERATED ALWAYS AS ROW END INVISIBLE,
                  PERIOD FOR SYSTEM_TIME (rs, re)) WITH SYSTEM VERSIONING;
                INSERT INTO s (id, v) VALUES (1, 1), (2, 5);
                UPDATE s SET v = 2 WHERE id = 1;
                CREATE TABLE sv3 (id int PRIMARY KEY, v text, rs timestamp(6) GENERATED ALWAYS AS ROW START,
                  re timestamp(6) GENERATED ALWAYS AS ROW END, PERIOD FOR SYSTEM_TIME (rs, re)) WITH SYSTEM VERSIONING;
                INSERT INTO sv3 (id, v) VALUES (1, 'a');
                UPDATE sv3 SET v = 'a2';
                CREATE TABLE sv1 (id int PRIMARY KEY, v text) WITH SYSTEM VERSIONING;
                INSERT INTO sv1 VALUES (1, 'a');
                """);
            var copied = await Db.NewAsync("mysql");
            var copy = await Ok("--json", "copy", "--from", source, "--to", copied);
            var file = Db.File("sv.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restored = await Db.NewAsync("mysql");
            await Ok("--url", restored, "restore", file);
            Assert.Contains(copy.Json.GetProperty("leftOut").EnumerateArray().Select(e => e.GetString()!),
                x => x.StartsWith("history rows of table sv3 (WITH SYSTEM VERSIONING", StringComparison.Ordinal));
            await AssertSameAsync("SELECT id, v, rs, re FROM s ORDER BY id", source, copied, restored);
            await AssertSameAsync("SELECT id, v, rs, re FROM sv3 ORDER BY id", source, copied, restored);
            const string Shape = "SELECT group_concat(concat(table_name, ':', table_type) ORDER BY table_name) FROM information_schema.tables WHERE table_schema = DATABASE()";
            const string Columns = "SELECT group_concat(concat(column_name, ' ', extra) ORDER BY table_name, ordinal_position) FROM information_schema.columns " +
                                   "WHERE table_schema = DATABASE() AND table_name IN ('s', 'sv3')";
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("s:SYSTEM VERSIONED,sv1:SYSTEM VERSIONED,sv3:SYSTEM VERSIONED", await EngineClient.RunAsync(target, Shape));
                Assert.Equal(await EngineClient.RunAsync(source, Columns), await EngineClient.RunAsync(target, Columns));
                // the versioning works: an update keeps the row before it in the history
                Assert.Equal("2", await EngineClient.RunAsync(target, "UPDATE sv1 SET v = 'b'; SELECT count(*) FROM sv1 FOR SYSTEM_TIME ALL;"));
            }
            await Ok("--url", restored, "verify", "--against", source, "--checks", "schema");
            // the history is not carried, and verify says so by table (bt29 M11: "OK: data" for a copy without it); the
            // updates above gave sv1 a history row in the targets that the source has not
            var data = await CliRunner.RunAsync("--json", "--url", source, "verify", "--against", restored, "--checks", "data");
            Assert.True(data.ExitCode == 3, data.All);
            const string Rest = "history rows (earlier versions of its rows, WITH SYSTEM VERSIONING) in the first database";
            Assert.Equal([$"s: 1 {Rest}, 0 in the second; copy and restore carry the current rows only", $"sv1: 0 {Rest}, 1 in the second; copy and restore carry the current rows only",
                $"sv3: 1 {Rest}, 0 in the second; copy and restore carry the current rows only"],
                data.Json.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("finding").GetString()!).Where(f => f.Contains("history rows", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            // into another engine: plain columns holding the values, the versioning named
            var lite = await Db.NewAsync("sqlite");
            var toLite = await Ok("--json", "copy", "--from", source, "--to", lite);
            Assert.Equal(await EngineClient.RunAsync(source, "SELECT concat(id, '|', v) FROM sv3"), await EngineClient.RunAsync(lite, "SELECT id || '|' || v FROM sv3"));
            Assert.Equal("1", await EngineClient.RunAsync(lite, "SELECT count(*) FROM sv3 WHERE rs IS NOT NULL AND re LIKE '2038-01-19%'"));
            Assert.Contains(toLite.Json.GetProperty("skippedObjects").EnumerateArray().Select(e => e.GetString()!), x => x.StartsWith("table sv3 (WITH SYSTEM VERSIONING: created as a plain table, its ROW START / ROW END columns rs, re", StringComparison.Ordinal));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
