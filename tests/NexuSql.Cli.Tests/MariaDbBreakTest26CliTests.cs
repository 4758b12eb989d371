namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test 26, MariaDB findings: G28 a text key under the database's default <c>_ci</c> collation arrived
/// case-sensitive on PostgreSQL and SQLite ('A@X' next to 'a@x'); G37 a PostgreSQL <c>ON UPDATE RESTRICT</c> foreign key
/// never converged on MariaDB (RESTRICT reads back as NO ACTION); G2 a sequence's COMMENT and G15 a column's
/// <c>WITHOUT SYSTEM VERSIONING</c> were dropped by copy, verify OK. Read back with the engines' own clients.
/// </summary>
public sealed class MariaDbBreakTest26CliTests() : SchemaFidelityCliTestBase("mariadb-bt26")
{
    private static async Task<CliRunner.Result> Refused(params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.True(r.ExitCode == 4, $"nexusql {string.Join(' ', args)} → {r.ExitCode} (4 expected)\n{r.All}");
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        return r;
    }

    [Fact]
    public async Task Mariadb_text_key_under_the_default_ci_collation_is_refused_across_engines_and_one_comparing_characters_is_carried()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE cust (id int AUTO_INCREMENT PRIMARY KEY, email varchar(190) NOT NULL, UNIQUE KEY uq_email (email));
                INSERT INTO cust (email) VALUES ('a@x');
                """);
            const string Named = "cust.email (collation utf8mb4_unicode_ci, the source database's default, in unique uq_email)";
            var backup = Db.File($"{Guid.NewGuid():N}.nxb");
            await Ok("--url", source, "backup", "-o", backup);
            foreach (var engine in new[] { "postgresql", "sqlite" })
            {
                var copied = await Db.NewAsync(engine);
                var copy = await Refused("copy", "--from", source, "--to", copied);
                Assert.Contains(Named, copy.All, StringComparison.Ordinal);
                Assert.Contains("COLLATE utf8mb4_nopad_bin", copy.All, StringComparison.Ordinal);
                Assert.Contains("Nothing was written", copy.All, StringComparison.Ordinal);
                var restored = await Db.NewAsync(engine);
                Assert.Contains(Named, (await Refused("--url", restored, "restore", backup)).All, StringComparison.Ordinal);
                foreach (var target in new[] { copied, restored })
                    Assert.Equal("0", await EngineClient.RunAsync(target, engine == "sqlite"
                        ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                        : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"));
            }

            // MariaDB → MariaDB keeps the key as it is: 'A@X' collides with 'a@x' there too
            var (maria, _, _) = await MoveAsync(source, "mysql");
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(maria, "INSERT INTO cust (email) VALUES ('A@X')"));

            // into a table the target has (made by hand, --data-only) the target's key decides: not refused
            var own = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(own, "CREATE TABLE cust (id int PRIMARY KEY, email varchar(190) NOT NULL CONSTRAINT uq_email UNIQUE)");
            await Ok("copy", "--from", source, "--to", own, "--data-only");
            Assert.Equal("1|a@x", await EngineClient.RunAsync(own, "SELECT id, email FROM cust"));

            // a key that compares characters (no case folding, no padding) means the same on PostgreSQL: carried, the collation named
            await EngineClient.RunAsync(source, "ALTER TABLE cust MODIFY email varchar(190) NOT NULL COLLATE utf8mb4_nopad_bin; INSERT INTO cust (email) VALUES ('A@X');");
            var pg = await Db.NewAsync("postgresql");
            var carried = await Ok("--json", "copy", "--from", source, "--to", pg);
            Assert.Contains(Skipped(carried), s => s.StartsWith("collation utf8mb4_nopad_bin of cust.email:", StringComparison.Ordinal));
            Assert.Equal("1|a@x\n2|A@X", await EngineClient.RunAsync(pg, "SELECT id, email FROM cust ORDER BY id"));
            await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(pg, "INSERT INTO cust (id, email) VALUES (3, 'a@x')"));
        });
    }

    [Fact]
    public async Task Postgresql_on_update_restrict_foreign_key_needs_no_change_on_mariadb()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE p (id int PRIMARY KEY);
                CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id) ON DELETE CASCADE ON UPDATE RESTRICT);
                """);
            var file = await WriteAsync(await DumpAsync(source));
            Assert.Contains("\"onUpdate\": \"RESTRICT\"", await System.IO.File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), StringComparison.Ordinal);
            var maria = await Db.NewAsync("mysql");
            await Ok("copy", "--from", source, "--to", maria);
            var diff = await Ok("schema", "diff", "--from", maria, "--to", file);
            Assert.Contains("No differences", diff.All, StringComparison.Ordinal);
            // applied to an empty MariaDB database, the file converges too
            var applied = await Db.NewAsync("mysql");
            await Ok("--url", applied, "schema", "apply", file);
            Assert.Contains("No differences", (await Ok("--url", applied, "schema", "apply", file, "--allow-drop")).All, StringComparison.Ordinal);
            Assert.Equal("CASCADE|RESTRICT", await EngineClient.RunAsync(applied,
                "SELECT concat(delete_rule, '|', update_rule) FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()"));
        });
    }

    [Fact]
    public async Task Mariadb_sequence_comment_is_carried_and_compared()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE a (id int AUTO_INCREMENT PRIMARY KEY, qty int);
                CREATE SEQUENCE sq START WITH 10 INCREMENT BY 5 COMMENT 'seq cmt';
                CREATE SEQUENCE plain;
                """);
            const string Comments = "SELECT group_concat(table_name, ':', table_comment ORDER BY table_name) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'SEQUENCE'";
            Assert.Equal("plain:,sq:seq cmt", await EngineClient.RunAsync(source, Comments));
            var (copied, restored, _) = await MoveAsync(source, "mysql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("plain:,sq:seq cmt", await EngineClient.RunAsync(target, Comments));
                Assert.Equal("10", await EngineClient.RunAsync(target, "SELECT nextval(sq)"));
            }
            await AssertDumpApplyConvergesAsync(source, "mysql");
            await Ok("--url", copied, "verify", "--against", source, "--checks", "schema");
            // a changed comment is a difference, and apply makes it
            await EngineClient.RunAsync(copied, "ALTER TABLE sq COMMENT = 'other'");
            var verify = await CliRunner.RunAsync("--url", copied, "verify", "--against", source, "--checks", "schema");
            Assert.True(verify.ExitCode == 3 && verify.All.Contains("sequence sq: comment", StringComparison.Ordinal), verify.All);
            var file = await WriteAsync(await DumpAsync(source));
            await Ok("--url", copied, "schema", "apply", file);
            Assert.Equal("plain:,sq:seq cmt", await EngineClient.RunAsync(copied, Comments));
            // PostgreSQL keeps sequence comments too
            var pg = await Db.NewAsync("postgresql");
            await Ok("copy", "--from", source, "--to", pg);
            Assert.Equal("seq cmt", await EngineClient.RunAsync(pg, "SELECT obj_description('sq'::regclass, 'pg_class')"));
        });
    }

    [Fact]
    public async Task Mariadb_column_without_system_versioning_is_carried_and_compared()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunAsync(source, """
                CREATE TABLE sv5 (id int PRIMARY KEY, a int, b int WITHOUT SYSTEM VERSIONING) WITH SYSTEM VERSIONING;
                INSERT INTO sv5 VALUES (1, 1, 1);
                """);
            const string Extra = "SELECT group_concat(column_name, ':', extra ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'sv5'";
            Assert.Equal("id:,a:,b:WITHOUT SYSTEM VERSIONING", await EngineClient.RunAsync(source, Extra));
            var (copied, restored, _) = await MoveAsync(source, "mysql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("id:,a:,b:WITHOUT SYSTEM VERSIONING", await EngineClient.RunAsync(target, Extra));
                // an UPDATE of b alone writes no history row, as in the source
                Assert.Equal("1", await EngineClient.RunAsync(target, "UPDATE sv5 SET b = 2; SELECT COUNT(*) FROM sv5 FOR SYSTEM_TIME ALL;"));
            }
            await AssertDumpApplyConvergesAsync(source, "mysql");
            await Ok("--url", copied, "verify", "--against", source, "--checks", "schema");
            // across engines the versioning is named with the table, the column too
            var pg = await Db.NewAsync("postgresql");
            var copy = await Ok("--json", "copy", "--from", source, "--to", pg);
            Assert.Contains(Skipped(copy), s => s.StartsWith("table sv5 (WITH SYSTEM VERSIONING", StringComparison.Ordinal) && s.Contains("WITHOUT SYSTEM VERSIONING (b)", StringComparison.Ordinal));
        });
    }

    /// <summary>G20: a MariaDB event (not carried, named) was compared by name only: re-scheduled, enabled, another body: OK.</summary>
    [Fact]
    public Task Mariadb_events_are_compared_by_schedule_state_and_body() => LiveAsync(async () =>
    {
        var first = await Db.NewAsync("mysql");
        var second = await Db.NewAsync("mysql");
        foreach (var db in new[] { first, second }) await EngineClient.RunScriptAsync(db, "CREATE TABLE t (id int PRIMARY KEY, v int);");
        const string Event = "CREATE EVENT ev1 ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01' ON COMPLETION PRESERVE DISABLE DO DELETE FROM t WHERE v < 0;";
        await EngineClient.RunScriptAsync(first, Event);
        await EngineClient.RunScriptAsync(second, "CREATE EVENT ev1 ON SCHEDULE EVERY 1 HOUR DO DELETE FROM t;");
        var r = await CliRunner.RunAsync("--url", second, "verify", "--against", first, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("event ev1 (an EVENT of the event scheduler: not carried; recreate it with SHOW CREATE EVENT's statement): differs (not in the schema model): " +
            "'RECURRING EVERY 1 HOUR ENABLED ON COMPLETION NOT PRESERVE DO DELETE FROM t' in the first database, " +
            "'RECURRING EVERY 1 DAY DISABLED ON COMPLETION PRESERVE DO DELETE FROM t WHERE v < 0' in the second", r.All, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(second, "DROP EVENT ev1; " + Event);
        await Ok("--url", second, "verify", "--against", first, "--checks", "schema");
    });

    [Fact]
    public Task Mariadb_packages_grants_and_table_options_are_carried_or_named() => LiveAsync(async () =>
    {
        // break test 28: a database with a package (sql_mode=ORACLE) could not be read at all ("FUNCTION pk does not
        // exist": schema dump, backup and copy failed); grants on the database and its tables were lost without a word
        var source = await Db.NewAsync("mysql");
        await EngineClient.RunScriptAsync(source, """
            CREATE TABLE t (id int PRIMARY KEY, v varchar(10));
            CREATE TABLE r (id int PRIMARY KEY) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 CHECKSUM=1;
            CREATE USER IF NOT EXISTS 'bt28_reader'@'%';
            GRANT SELECT ON t TO 'bt28_reader'@'%';
            SET sql_mode = ORACLE;
            DELIMITER //
            CREATE PACKAGE pk AS FUNCTION f RETURN int; END;
            //
            CREATE PACKAGE BODY pk AS FUNCTION f RETURN int AS BEGIN RETURN 1; END; END;
            //
            DELIMITER ;
            """);
        var copy = await Db.NewAsync("mysql");
        var r = await CliRunner.RunAsync("copy", "--from", source, "--to", copy);
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Contains("package pk (CREATE PACKAGE: not carried; create it in a migration, under sql_mode=ORACLE)", r.All, StringComparison.Ordinal);
        Assert.Contains("package body pk (CREATE PACKAGE BODY: not carried", r.All, StringComparison.Ordinal);
        Assert.Contains("privileges on table t (GRANT: not carried; grant them again)", r.All, StringComparison.Ordinal);
        // table options were lost without a word: carried, and a change is a difference
        Assert.EndsWith("CHECKSUM=1 ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8", (await EngineClient.RunAsync(copy, "SHOW CREATE TABLE r")).TrimEnd());
        await EngineClient.RunScriptAsync(copy, "ALTER TABLE r ROW_FORMAT=DYNAMIC KEY_BLOCK_SIZE=0;");
        r = await CliRunner.RunAsync("--url", source, "verify", "--against", copy, "--checks", "schema");
        Assert.Contains("table r: create options: 'checksum=1 row_format=COMPRESSED key_block_size=8' in the first database, 'checksum=1 row_format=DYNAMIC' in the second", r.All, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(copy, "ALTER TABLE r ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8;");
        r = await CliRunner.RunAsync("--url", source, "verify", "--against", copy, "--checks", "schema");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("only in the first database (not in the schema model): package body pk", r.All, StringComparison.Ordinal);
        Assert.Contains("only in the first database (not in the schema model): privileges on table t", r.All, StringComparison.Ordinal);
        // another grant on the copy is a difference, the same one none
        await EngineClient.RunScriptAsync(copy, "GRANT INSERT ON t TO 'bt28_reader'@'%';");
        r = await CliRunner.RunAsync("--url", source, "verify", "--against", copy, "--checks", "schema");
        Assert.Contains("privileges on table t (GRANT: not carried; grant them again): differs (not in the schema model): ", r.All, StringComparison.Ordinal);
        Assert.Contains("'bt28_reader'@'%' SELECT' in the first database, ''bt28_reader'@'%' INSERT' in the second", r.All, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(copy, "REVOKE INSERT ON t FROM 'bt28_reader'@'%'; GRANT SELECT ON t TO 'bt28_reader'@'%';");
        r = await CliRunner.RunAsync("--url", source, "verify", "--against", copy, "--checks", "schema");
        Assert.DoesNotContain("privileges on table t", r.All, StringComparison.Ordinal);
        await EngineClient.RunScriptAsync(copy, "DROP USER 'bt28_reader'@'%';");
    });
}
