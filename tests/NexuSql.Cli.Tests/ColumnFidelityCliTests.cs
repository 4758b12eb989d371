namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 12's column inputs: generated columns, identity options, MariaDB <c>ON UPDATE CURRENT_TIMESTAMP</c>, SQLite
/// NUMERIC without digits and text keys into MariaDB — carried by dump/apply, backup/restore and copy, or named when
/// the target cannot hold them. Targets are read with the engine's own client (psql, mysql, sqlite3).
/// </summary>
public sealed class ColumnFidelityCliTests() : SchemaFidelityCliTestBase("columns")
{
    [Fact]
    public async Task Sqlite_numeric_without_digits_copies_1_5_to_postgresql_exactly_and_is_refused_by_name_into_mariadb()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunAsync(source, "CREATE TABLE m (id INTEGER PRIMARY KEY, amount NUMERIC, big DECIMAL); INSERT INTO m VALUES (1, 1.5, 3), (2, '2.25', NULL), (3, NULL, 12345678901234);");
            Assert.Contains("\"type\": \"native:numeric\"", await DumpAsync(source), StringComparison.Ordinal);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("1|1.5|3\n2|2.25|\n3||12345678901234", await EngineClient.RunAsync(target, "SELECT id, amount, big FROM m ORDER BY id"));
                Assert.Equal("numeric|numeric", await EngineClient.RunAsync(target,
                    "SELECT format_type(a.atttypid, a.atttypmod), format_type(b.atttypid, b.atttypmod) FROM pg_attribute a JOIN pg_attribute b ON b.attrelid = a.attrelid AND b.attname = 'big' WHERE a.attrelid = 'm'::regclass AND a.attname = 'amount'"));
            }
            // MariaDB has no unconstrained decimal: the rule for PostgreSQL's numeric (refused by table and column) holds
            var maria = await Db.NewAsync("mysql");
            var refused = await CliRunner.RunAsync("copy", "--from", source, "--to", maria);
            Assert.True(refused.ExitCode == 4, refused.All);
            Assert.Contains("m.amount (numeric)", refused.All, StringComparison.Ordinal);
            Assert.Contains("DECIMAL has a fixed precision and scale (at most 65 digits; DECIMAL alone rounds 1.50 to 2)", refused.All, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", refused.All, StringComparison.Ordinal);
            // bt39 M3: and back from PostgreSQL to SQLite, the refusal says why SQLite's own NUMERIC is not enough
            var back = await CliRunner.RunAsync("copy", "--from", copied, "--to", await Db.NewAsync("sqlite"));
            Assert.True(back.ExitCode == 4, back.All);
            Assert.Contains("m.amount (numeric), m.big (numeric). SQLite's NUMERIC keeps a number as an integer or a 15-digit REAL (1.50 comes back as 1.5)", back.All, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Postgresql_generated_column_copies_and_restores_as_a_generated_column_that_recomputes()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE o (id int PRIMARY KEY, price numeric(10,2), qty int, total numeric(12,2) GENERATED ALWAYS AS (price * qty) STORED);
                INSERT INTO o (id, price, qty) VALUES (1, 1.5, 2), (2, 2.25, 4), (3, NULL, 1);
                """);
            var dump = await DumpAsync(source);
            Assert.Contains("\"generated\"", dump, StringComparison.Ordinal);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("s|(price * (qty)::numeric)", await EngineClient.RunAsync(target,
                    "SELECT a.attgenerated, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = 'o'::regclass AND a.attname = 'total'"));
                Assert.Equal("1|3.00\n2|9.00\n3|", await EngineClient.RunAsync(target, "SELECT id, total FROM o ORDER BY id"));
                // a generated column, not a stale copy: the next UPDATE recomputes it
                Assert.Equal("30.00", await EngineClient.RunAsync(target, "UPDATE o SET qty = 20 WHERE id = 1 RETURNING total"));
                Assert.Equal(dump, await DumpAsync(target));
            }
            await AssertDumpApplyConvergesAsync(source, "postgresql");
        });
    }

    public static TheoryData<string, string> GeneratedTables => new()
    {
        { "postgresql", "CREATE TABLE g (id int PRIMARY KEY, a int, b int, s int GENERATED ALWAYS AS (a + b) STORED)" },
        { "mysql", "CREATE TABLE g (id int PRIMARY KEY, a int, b int, s int AS (a + b) PERSISTENT, v int AS (a * 2) VIRTUAL)" },
        { "sqlite", "CREATE TABLE g (id INT PRIMARY KEY, a INT, b INT, s INT GENERATED ALWAYS AS (a + b) STORED, v INT AS (a * 2))" },
    };

    [Theory]
    [MemberData(nameof(GeneratedTables))]
    public async Task Generated_columns_dump_apply_converge_and_diff_sees_an_expression_change(string engine, string create)
    {
        await LiveAsync(async () =>
        {
            var url = await Db.NewAsync(engine);
            await EngineClient.RunAsync(url, create + "; INSERT INTO g (id, a, b) VALUES (1, 2, 3)");
            await AssertDumpApplyConvergesAsync(url, engine);
            var (copied, restored, _) = await MoveAsync(url, engine);
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(await DumpAsync(url), await DumpAsync(target));
                Assert.Equal("5", await EngineClient.RunAsync(target, "SELECT s FROM g"));
            }
            // an edited expression is a difference, and apply makes it
            var file = Db.File("changed.json");
            await System.IO.File.WriteAllTextAsync(file, (await DumpAsync(url)).Replace("a + b", "a - b", StringComparison.Ordinal).Replace("`a` + `b`", "`a` - `b`", StringComparison.Ordinal),
                TestContext.Current.CancellationToken);
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", url, "--to", file);
            Assert.True(diff.ExitCode == 3, diff.All);
            Assert.Contains("generated as", diff.All, StringComparison.Ordinal);
            await Ok("--url", url, "schema", "apply", file, "--allow-drop", "--yes");
            Assert.Equal("-1", await EngineClient.RunAsync(url, "SELECT s FROM g"));
        });
    }

    [Fact]
    public async Task Mariadb_generated_and_on_update_columns_move_to_postgresql_and_sqlite_translated_or_named()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE o (id int PRIMARY KEY, price decimal(10,2), qty int, total decimal(12,2) AS (price * qty) PERSISTENT,
                  plus decimal(12,2) AS (price + 1) VIRTUAL, changed datetime(6) DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6));
                INSERT INTO o (id, price, qty) VALUES (1, 1.5, 2), (2, 2.25, 4);
                """);
            var dump = await DumpAsync(source);
            Assert.Contains("\"onUpdate\": \"now()\"", dump, StringComparison.Ordinal);
            // MariaDB → MariaDB: carried as they are
            var (copied, restored, same) = await MoveAsync(source, "mysql");
            Assert.Empty(Skipped(same));
            foreach (var target in new[] { copied, restored })
            {
                var ddl = await EngineClient.RunAsync(target, "SHOW CREATE TABLE o");
                Assert.Contains("GENERATED ALWAYS AS (`price` * `qty`) STORED", ddl, StringComparison.Ordinal);
                Assert.Contains("GENERATED ALWAYS AS (`price` + 1) VIRTUAL", ddl, StringComparison.Ordinal);
                Assert.Contains("ON UPDATE current_timestamp(6)", ddl, StringComparison.Ordinal);
                Assert.Equal(dump, await DumpAsync(target));
            }
            // a database without the ON UPDATE differs from one with it
            var without = await Db.NewAsync("mysql");
            var file = Db.File("no-on-update.json");
            await System.IO.File.WriteAllTextAsync(file, dump.Replace(",\n          \"onUpdate\": \"now()\"", "", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            await Ok("--url", without, "schema", "apply", file);
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", without, "--to", source);
            Assert.True(diff.ExitCode == 3 && diff.All.Contains("on update now()", StringComparison.Ordinal), diff.All);

            var (pgCopied, pgRestored, copy) = await MoveAsync(source, "postgresql");
            Assert.Contains(Skipped(copy), s => s.StartsWith("ON UPDATE CURRENT_TIMESTAMP of o.changed", StringComparison.Ordinal));
            foreach (var target in new[] { pgCopied, pgRestored })
            {
                Assert.Equal("1|3.00|2.50\n2|9.00|3.25", await EngineClient.RunAsync(target, "SELECT id, total, plus FROM o ORDER BY id"));
                Assert.StartsWith("15", await EngineClient.RunAsync(target, "UPDATE o SET qty = 10 WHERE id = 1 RETURNING total"), StringComparison.Ordinal);
            }
            // SQLite holds the decimals as text and computes price * qty in floating point (3.0, not 3.00; 1.1 * 3 =
            // 3.3000000000000003): refused by column before writing (session 21 break test F6)
            var lite = await Db.NewAsync("sqlite");
            var refused = await CliRunner.RunAsync("copy", "--from", source, "--to", lite);
            Assert.True(refused.ExitCode == 4, refused.All);
            Assert.Contains("o.total (generated as `price` * `qty`: SQLite holds the decimal column price as text", refused.All, StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(lite, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));
        });
    }

    [Fact]
    public async Task Postgresql_generated_column_with_a_function_mariadb_lacks_is_refused_by_table_and_column()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, "CREATE TABLE u (id int PRIMARY KEY, name text, h text GENERATED ALWAYS AS (md5(name)) STORED); INSERT INTO u (id, name) VALUES (1, 'a');");
            var target = await Db.NewAsync("mysql");
            var copy = await CliRunner.RunAsync("copy", "--from", source, "--to", target);
            Assert.True(copy.ExitCode == 4, copy.All);
            Assert.Contains("u.h (generated as md5(name): the function md5() is not one every engine has)", copy.All, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", copy.All, StringComparison.Ordinal);
            Assert.Equal("", await EngineClient.RunAsync(target, "SHOW TABLES"));
        });
    }

    [Fact]
    public async Task Postgresql_identity_kind_start_and_step_survive_dump_backup_and_copy_and_the_next_id_is_the_sources()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE a (id int GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 10) PRIMARY KEY, v text);
                CREATE TABLE b (id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 5 INCREMENT BY 3) PRIMARY KEY, v text);
                INSERT INTO a (v) VALUES ('x'), ('y'), ('z'); INSERT INTO b (v) VALUES ('x'), ('y');
                DELETE FROM a WHERE id = 1020; DELETE FROM b WHERE id = 8;
                """);
            var dump = await DumpAsync(source);
            Assert.Contains("\"always\": true", dump, StringComparison.Ordinal);
            Assert.Contains("\"increment\": 10", dump, StringComparison.Ordinal);
            const string Options = "SELECT a.attrelid::regclass, a.attidentity, s.seqstart, s.seqincrement FROM pg_attribute a " +
                "JOIN pg_sequence s ON s.seqrelid = pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)::regclass WHERE a.attname = 'id' ORDER BY 1";
            var expected = await EngineClient.RunAsync(source, Options);
            Assert.Equal("a|a|1000|10\nb|d|5|3", expected);
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(expected, await EngineClient.RunAsync(target, Options));
                Assert.Equal(dump, await DumpAsync(target));
            }
            // the next generated id in each target is the source's (1030 and 11, after the deleted last rows)
            foreach (var db in new[] { source, copied, restored })
                Assert.Equal("1030\n11", await EngineClient.RunAsync(db, "INSERT INTO a (v) VALUES ('n') RETURNING id; INSERT INTO b (v) VALUES ('n') RETURNING id"));
            await AssertDumpApplyConvergesAsync(source, "postgresql");

            // MariaDB keeps no kind, start or step per column: named, and ids continue from the source's next value
            var maria = await Db.NewAsync("mysql");
            var copy = await Ok("--json", "copy", "--from", source, "--to", maria);
            Assert.Contains(Skipped(copy), s => s.StartsWith("identity options of a.id (GENERATED ALWAYS, start 1000, step 10)", StringComparison.Ordinal));
            await EngineClient.RunAsync(maria, "INSERT INTO a (v) VALUES ('m')");
            Assert.Equal("1040", await EngineClient.RunAsync(maria, "SELECT MAX(id) FROM a"));
        });
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("sqlite")]
    public async Task Text_keys_into_mariadb_get_a_length_it_can_index_and_a_longer_value_is_refused_by_key(string engine)
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync(engine);
            await EngineClient.RunAsync(source, """
                CREATE TABLE tags (name text PRIMARY KEY, code text UNIQUE, a text, b text, note text);
                CREATE INDEX tags_ab ON tags (a, b);
                INSERT INTO tags VALUES ('x', 'c1', 'a', 'b', 'n'), ('y', 'c2', NULL, NULL, NULL);
                CREATE TABLE tagged (id int PRIMARY KEY, tag text REFERENCES tags (name));
                INSERT INTO tagged VALUES (1, 'x');
                """);
            var (copied, restored, copy) = await MoveAsync(source, "mysql");
            Assert.Contains(copy.Json.GetProperty("warnings").EnumerateArray().Select(e => e.GetString()!), w => w.StartsWith("column tags.name: text → string(768)", StringComparison.Ordinal));
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("name|varchar(768)\ncode|varchar(768)\na|varchar(384)\nb|varchar(384)\nnote|longtext", await EngineClient.RunAsync(target,
                    "SELECT column_name, column_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'tags' ORDER BY ordinal_position"));
                Assert.Equal("x|c1\ny|c2", await EngineClient.RunAsync(target, "SELECT name, code FROM tags ORDER BY name"));
                // the referencing column gets a length too (a LONGTEXT one could not reference the key: 1825)
                Assert.Equal("varchar(768)|x", await EngineClient.RunAsync(target,
                    "SELECT c.column_type, t.tag FROM information_schema.columns c, tagged t WHERE c.table_schema = DATABASE() AND c.table_name = 'tagged' AND c.column_name = 'tag'"));
            }
            // a key longer than MariaDB can index is refused by table, column and key, never cut
            await EngineClient.RunAsync(source, $"DROP TABLE tagged; INSERT INTO tags (name) VALUES ('{new string('k', 800)}')");
            var target2 = await Db.NewAsync("mysql");
            var refused = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target2);
            Assert.True(refused.ExitCode == 1, refused.All);
            var error = refused.Json.GetProperty("error");
            Assert.Equal(("value", "tags", "name"), (error.GetProperty("kind").GetString(), error.GetProperty("table").GetString(), error.GetProperty("column").GetString()));
        });
    }

    [Fact]
    public async Task Import_of_a_file_naming_a_generated_column_is_refused_by_table_and_column()
    {
        var url = await Db.NewAsync("sqlite");
        await EngineClient.RunAsync(url, "CREATE TABLE g (id INT PRIMARY KEY, a INT, s INT GENERATED ALWAYS AS (a * 2) STORED)");
        var dir = Directory.CreateDirectory(Db.File("import")).FullName;
        await System.IO.File.WriteAllTextAsync(Path.Combine(dir, "g.csv"), "id,a,s\n1,2,99\n", TestContext.Current.CancellationToken);
        var r = await CliRunner.RunAsync("--url", url, "import", dir);
        Assert.True(r.ExitCode != 0, r.All);
        Assert.Contains("s of g is a generated column", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        await System.IO.File.WriteAllTextAsync(Path.Combine(dir, "g.csv"), "id,a\n1,2\n", TestContext.Current.CancellationToken);
        await Ok("--url", url, "import", dir);
        Assert.Equal("1|2|4", await EngineClient.RunAsync(url, "SELECT id, a, s FROM g"));
    }
}
