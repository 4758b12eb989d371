namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 23 F12, F13 and F18, MariaDB → MariaDB by copy and by backup → restore, both sides read with the mariadb
/// client: ENUM and SET keep their CHARACTER SET/COLLATE (labels differing only in case were a raw error 1291 once the
/// column fell back to the table's _ci collation), and a <c>DEFAULT nextval(seq)</c> names the target's own sequence
/// (information_schema qualifies it with the source database, so the copy took its ids from the source).
/// </summary>
public sealed class MariaDbEnumSetSequenceCliTests() : ValueFidelityCliTestBase("enum-set-seq")
{
    [Fact]
    public async Task Enum_error_value_beside_an_empty_label_and_set_empty_members_arrive_by_index_and_bits()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            // id 1: e is the error value (index 0), s and u hold only their '' member; id 2: e is the label '' (index 1), s the empty set
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, e enum('','a'), s set('','a'), u set('a','','b'), n enum('','x') NOT NULL); " +
                "SET SESSION sql_mode = ''; INSERT INTO t VALUES (1, 'zzz', '', '', 'nope'), (2, '', '', 'a,b', ''), (3, 'a', 'a', 'a', 'x'), (4, NULL, NULL, NULL, 'x'); " +
                "UPDATE t SET s = 1, u = 2 WHERE id = 1; UPDATE t SET s = 3, u = 7 WHERE id = 3;");
            const string read = "SELECT id, concat('[', e, ']'), e+0, concat('[', s, ']'), s+0, u+0, n+0 FROM t ORDER BY id";
            Assert.Equal("1|[]|0|[]|1|2|0\n2|[]|1|[]|0|5|1\n3|[a]|2|[a]|3|7|2\n4|NULL|NULL|NULL|NULL|NULL|2", await EngineClient.RunAsync(source, read));
            var (copied, restored) = await MoveAsync(source, "mysql");
            await AssertSameAsync(read, source, copied, restored);
            await Ok("--url", source, "verify", "--against", copied, "--checks", "data");
            await Ok("--url", restored, "verify", "--against", source, "--checks", "data");
            // verify tells the error value from the label '' (index 0 vs 1), and the '' member from the empty set
            await EngineClient.RunScriptAsync(copied, "SET SESSION sql_mode = ''; UPDATE t SET e = 1 WHERE id = 1;");
            var e = await CliRunner.RunAsync("--url", source, "verify", "--against", copied, "--checks", "data");
            Assert.True(e.ExitCode != 0 && e.All.Contains("differs in e", StringComparison.Ordinal), e.All);
            await EngineClient.RunScriptAsync(restored, "UPDATE t SET s = 0 WHERE id = 1;");
            var s = await CliRunner.RunAsync("--url", source, "verify", "--against", restored, "--checks", "data");
            Assert.True(s.ExitCode != 0 && s.All.Contains("differs in s", StringComparison.Ordinal), s.All);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Enum_and_set_columns_keep_their_collation()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE t (id int PRIMARY KEY, e enum('a','A','b') COLLATE utf8mb4_bin, s set('x','X') COLLATE utf8mb4_bin, " +
                "f enum('p','q') CHARACTER SET latin1 COLLATE latin1_general_cs); INSERT INTO t VALUES (1,'a','x','p'),(2,'A','X','q'),(3,'b','x,X',NULL);");
            const string read = "SELECT id, e, e+0, s, s+0, f, f+0 FROM t ORDER BY id";
            Assert.Equal("1|a|1|x|1|p|1\n2|A|2|X|2|q|2\n3|b|3|x,X|3|NULL|NULL", await EngineClient.RunAsync(source, read));
            var (copied, restored) = await MoveAsync(source, "mysql");
            await AssertSameAsync(read, source, copied, restored);
            const string columns = "SELECT column_name, column_type, character_set_name, collation_name FROM information_schema.columns " +
                "WHERE table_schema = DATABASE() AND table_name = 't' ORDER BY ordinal_position";
            Assert.Contains("e|enum('a','A','b')|utf8mb4|utf8mb4_bin", await EngineClient.RunAsync(source, columns), StringComparison.Ordinal);
            await AssertSameAsync(columns, source, copied, restored);
            await Ok("--url", source, "verify", "--against", copied);
            await Ok("--url", restored, "verify", "--against", source);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task A_default_from_a_sequence_names_the_targets_own_sequence()
    {
        try
        {
            var source = await Db.NewAsync("mysql");
            // NOCACHE: MariaDB drops a sequence's cached values (1000 by default) when the table cache evicts it — on a
            // server busy with many test databases the source's next value jumped from 120 to 5100
            await EngineClient.RunScriptAsync(source, "CREATE SEQUENCE s1 START WITH 100 INCREMENT BY 5 NOCACHE; " +
                "CREATE TABLE tk (id int DEFAULT nextval(s1) PRIMARY KEY, v int, w int DEFAULT (NEXT VALUE FOR s1)); INSERT INTO tk (v) VALUES (1), (2);");
            var (copied, restored) = await MoveAsync(source, "mysql");
            var sourceName = new Uri(source).AbsolutePath.Trim('/');
            const string defaults = "SELECT column_name, column_default FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'tk' ORDER BY ordinal_position";
            foreach (var target in new[] { copied, restored })
            {
                var name = new Uri(target).AbsolutePath.Trim('/');
                Assert.Equal($"id|nextval(`{name}`.`s1`)\nv|NULL\nw|nextval(`{name}`.`s1`)", await EngineClient.RunAsync(target, defaults));
                // an insert into the target takes its id from the target's sequence and leaves the source's as it was
                await EngineClient.RunScriptAsync(target, "INSERT INTO tk (v) VALUES (3);");
                Assert.DoesNotContain(sourceName, await EngineClient.RunAsync(target, "SHOW CREATE TABLE tk"), StringComparison.Ordinal);
            }
            await EngineClient.RunScriptAsync(source, "INSERT INTO tk (v) VALUES (3);");
            const string rows = "SELECT v, id FROM tk WHERE v = 3";
            // two values a row (id and w) from 100 by 5: the source's sequence gave nothing to the targets' inserts
            Assert.Equal("3|120", await EngineClient.RunAsync(source, rows));
            // each target's sequence continues where the source's stood (its next value not yet cached), the same in both
            Assert.Equal(await EngineClient.RunAsync(copied, rows), await EngineClient.RunAsync(restored, rows));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
