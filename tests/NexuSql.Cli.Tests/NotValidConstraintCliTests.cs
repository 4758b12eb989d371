namespace NexuSql.Cli.Tests;

/// <summary>
/// Session 19 break test F3, F11. F3: a PostgreSQL check or foreign key added NOT VALID over rows that break it was
/// created valid in SQLite and MariaDB, and the copy failed after loading ("rowid 1" on SQLite; the FK created over the
/// orphan on MariaDB); now the source is asked for such a row before the target is touched, and it is refused by
/// table, column, key and constraint. F11: a domain check added NOT VALID was created valid PG → PG, and copy and
/// restore failed half-way; now added NOT VALID after the rows (as pg_dump), backup format 15.
/// </summary>
public sealed class NotValidConstraintCliTests() : SchemaFidelityCliTestBase("notvalid")
{
    [Theory]
    [InlineData("sqlite", "ALTER TABLE nv ADD CONSTRAINT nv_fk FOREIGN KEY (pa) REFERENCES pp (a) NOT VALID", "pa", "id=1", "foreign key nv_fk (pa) → pp (a) is NOT VALID at the source")]
    [InlineData("mysql", "ALTER TABLE nv ADD CONSTRAINT nv_fk FOREIGN KEY (pa) REFERENCES pp (a) NOT VALID", "pa", "id=1", "foreign key nv_fk (pa) → pp (a) is NOT VALID at the source")]
    [InlineData("sqlite", "ALTER TABLE nv ADD CONSTRAINT nv_chk CHECK (v > 0) NOT VALID", "v", "id=2", "check constraint nv_chk (CHECK (v > 0)) is NOT VALID at the source")]
    [InlineData("mysql", "ALTER TABLE nv ADD CONSTRAINT nv_chk CHECK (v > 0) NOT VALID", "v", "id=2", "check constraint nv_chk (CHECK (v > 0)) is NOT VALID at the source")]
    public async Task A_not_valid_constraint_whose_rows_break_it_is_refused_by_key_before_copying_to_another_engine(string engine, string constraint, string column, string key, string reason)
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE a (id int PRIMARY KEY); INSERT INTO a VALUES (1); CREATE TABLE pp (a int PRIMARY KEY); INSERT INTO pp VALUES (1); " +
                "CREATE TABLE nv (id int PRIMARY KEY, pa int, v int); INSERT INTO nv VALUES (1, 99, 5), (2, 1, -5); " + constraint);
            var target = await Db.NewAsync(engine);
            var r = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", target);
            Assert.Equal(1, r.ExitCode);
            var error = r.Json.GetProperty("error");
            Assert.Equal(("nv", column, key), (error.GetProperty("table").GetString(), error.GetProperty("column").GetString(), error.GetProperty("key").GetString()));
            Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            // the target untouched: no table at all
            Assert.Equal("0", await EngineClient.RunAsync(target, engine == "sqlite" ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"));

            // rows that keep the constraint: copied, the constraint created valid
            await EngineClient.RunScriptAsync(source, "UPDATE nv SET pa = 1, v = 5");
            var fine = await Db.NewAsync(engine);
            await Ok("copy", "--from", source, "--to", fine);
            Assert.Equal("1|1|5\n2|1|5", await EngineClient.RunAsync(fine, "SELECT id, pa, v FROM nv ORDER BY id"));
        });
    }

    /// <summary>
    /// F3 for restore: the backup finds, inside its snapshot, the rows breaking a NOT VALID constraint, and a restore
    /// into SQLite or MariaDB (which would create it valid) refuses by table, column and key before writing (MariaDB
    /// named no row: its check error came from the bulk load; SQLite named it only after the tables before were loaded).
    /// </summary>
    [Theory]
    [InlineData("sqlite", "ALTER TABLE nv ADD CONSTRAINT nv_fk FOREIGN KEY (pa) REFERENCES pp (a) NOT VALID", "pa", "id=7", "foreign key nv_fk (pa) → pp (a) is NOT VALID at the source")]
    [InlineData("mysql", "ALTER TABLE nv ADD CONSTRAINT nv_chk CHECK (v > 0) NOT VALID", "v", "id=8", "check constraint nv_chk (CHECK (v > 0)) is NOT VALID at the source")]
    public async Task A_restore_into_another_engine_refuses_the_row_breaking_a_not_valid_constraint_by_its_key_before_writing(string engine, string constraint, string column, string key, string reason)
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE a (id int PRIMARY KEY); INSERT INTO a VALUES (1); CREATE TABLE pp (a int PRIMARY KEY); INSERT INTO pp VALUES (1); " +
                "CREATE TABLE nv (id int PRIMARY KEY, pa int, v int); INSERT INTO nv VALUES (7, 99, 5), (8, 1, -5); " + constraint);
            var file = Db.File($"{Guid.NewGuid():N}.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var target = await Db.NewAsync(engine);
            var r = await CliRunner.RunAsync("--json", "--url", target, "restore", file);
            Assert.True(r.ExitCode == 1, r.All);
            var error = r.Json.GetProperty("error");
            Assert.Equal(("value", "nv", column, key), (error.GetProperty("kind").GetString(), error.GetProperty("table").GetString(), error.GetProperty("column").GetString(),
                error.GetProperty("key").GetString()));
            Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, engine == "sqlite" ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"));

            // into PostgreSQL the constraint stays NOT VALID and the rows arrive
            var pg = await Db.NewAsync("postgresql");
            await Ok("--url", pg, "restore", file);
            Assert.Equal("7|99|5\n8|1|-5", await EngineClient.RunAsync(pg, "SELECT id, pa, v FROM nv ORDER BY id"));
            Assert.Equal("f", await EngineClient.RunAsync(pg, "SELECT convalidated FROM pg_constraint WHERE conname IN ('nv_fk', 'nv_chk')"));
        });
    }

    [Fact]
    public async Task A_not_valid_domain_check_is_copied_and_restored_not_valid()
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, "CREATE DOMAIN pos AS int; CREATE TABLE t (id int PRIMARY KEY, v pos); INSERT INTO t VALUES (1, -1), (2, 5); " +
                "ALTER DOMAIN pos ADD CONSTRAINT pos_chk CHECK (VALUE > 0) NOT VALID; ALTER DOMAIN pos ADD CONSTRAINT pos_small CHECK (VALUE < 100)");
            const string Constraints = "SELECT conname, convalidated, pg_get_constraintdef(oid) FROM pg_constraint WHERE contypid = 'pos'::regtype ORDER BY 1";
            const string Expected = "pos_chk|f|CHECK ((VALUE > 0)) NOT VALID\npos_small|t|CHECK ((VALUE < 100))";
            Assert.Equal(Expected, await EngineClient.RunAsync(source, Constraints));
            var (copied, restored, _) = await MoveAsync(source, "postgresql");
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal(Expected, await EngineClient.RunAsync(target, Constraints));
                Assert.Equal("1|-1\n2|5", await EngineClient.RunAsync(target, "SELECT * FROM t ORDER BY id"));
            }
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", copied, "--to", source);
            Assert.True(diff.ExitCode == 0, diff.All);
        });
    }

    /// <summary>
    /// Session 21 break test F23: a MariaDB row that breaks its table's own check (written with
    /// check_constraint_checks = 0) failed copies into PostgreSQL and MariaDB while loading, after the tables before it,
    /// with no key, and left the target marked; restore did the same. Now copy and backup ask the source for such a
    /// row, and both refuse it by table, column and key before anything is written — into every engine, MariaDB too.
    /// </summary>
    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    public async Task A_mariadb_row_breaking_its_own_check_is_refused_by_key_before_copy_or_restore_writes(string engine)
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE a (id int PRIMARY KEY); INSERT INTO a VALUES (1); " +
                "CREATE TABLE ck (id int PRIMARY KEY, q int CHECK (q > 0), r int, CONSTRAINT ck_r CHECK (r < 10)); " +
                "SET SESSION check_constraint_checks = 0; INSERT INTO ck VALUES (1, 5, 1), (2, -1, 1), (3, 4, 1)");
            Assert.Equal("2|-1", await EngineClient.RunAsync(source, "SELECT id, q FROM ck WHERE NOT (q > 0)"));
            var file = Db.File($"{Guid.NewGuid():N}.nxb");
            await Ok("--url", source, "backup", "-o", file);
            await AssertRefusedBeforeWritingAsync(source, file, engine, ("ck", "q", "id=2"), "check_constraint_checks");

            // the table check (ck_r) is asked too; once every row keeps both, the copy goes through
            await EngineClient.RunScriptAsync(source, "SET SESSION check_constraint_checks = 0; UPDATE ck SET q = 1 WHERE id = 2; UPDATE ck SET r = 11 WHERE id = 3");
            var other = await Db.NewAsync(engine);
            var refused = await CliRunner.RunAsync("--json", "copy", "--from", source, "--to", other);
            Assert.True(refused.ExitCode == 1, refused.All);
            Assert.Equal(("r", "id=3"), (refused.Json.GetProperty("error").GetProperty("column").GetString(), refused.Json.GetProperty("error").GetProperty("key").GetString()));
            await EngineClient.RunScriptAsync(source, "UPDATE ck SET r = 3 WHERE id = 3");
            var fine = await Db.NewAsync(engine);
            await Ok("copy", "--from", source, "--to", fine);
            Assert.Equal("1|5|1\n2|1|1\n3|4|3", await EngineClient.RunAsync(fine, "SELECT id, q, r FROM ck ORDER BY id"));
        });
    }

    /// <summary>
    /// A SQLite row whose foreign key references nothing (SQLite checks foreign keys only under PRAGMA foreign_keys =
    /// ON, off by default): copy and restore into PostgreSQL failed with 23503 while adding the foreign key, into SQLite
    /// "after loading, 1 rows break foreign keys" — both after the rows, the target marked. Now refused by table, column
    /// and key before anything is written.
    /// </summary>
    [Theory]
    [InlineData("postgresql")]
    [InlineData("sqlite")]
    public async Task A_sqlite_row_referencing_nothing_is_refused_by_key_before_copy_or_restore_writes(string engine)
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, pid INT REFERENCES p (id)); " +
                "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1), (2, 99), (3, NULL)");
            Assert.Equal("2|99", await EngineClient.RunAsync(source, "SELECT id, pid FROM c WHERE pid IS NOT NULL AND pid NOT IN (SELECT id FROM p)"));
            var file = Db.File($"{Guid.NewGuid():N}.nxb");
            await Ok("--url", source, "backup", "-o", file);
            await AssertRefusedBeforeWritingAsync(source, file, engine, ("c", "pid", "id=2"), "foreign_keys");

            await EngineClient.RunScriptAsync(source, "DELETE FROM c WHERE id = 2");
            var fine = await Db.NewAsync(engine);
            await Ok("copy", "--from", source, "--to", fine);
            Assert.Equal("1|1\n3|", await EngineClient.RunAsync(fine, "SELECT id, pid FROM c ORDER BY id"));
        });
    }

    /// <summary>
    /// Copy from <paramref name="source"/> and restore of its backup <paramref name="file"/> into new <paramref name="engine"/>
    /// databases are both refused by table, column and key, the message naming <paramref name="setting"/>, and leave them empty.
    /// </summary>
    private async Task AssertRefusedBeforeWritingAsync(string source, string file, string engine, (string Table, string Column, string Key) expected, string setting)
    {
        foreach (var args in new[] { new[] { "copy", "--from", source, "--to" }, new[] { "restore", file, "--url" } })
        {
            var target = await Db.NewAsync(engine);
            string[] argv = ["--json", .. args, target];
            var r = await CliRunner.RunAsync(argv);
            Assert.True(r.ExitCode == 1, r.All);
            var error = r.Json.GetProperty("error");
            Assert.Equal(expected, (error.GetProperty("table").GetString()!, error.GetProperty("column").GetString()!, error.GetProperty("key").GetString()!));
            Assert.Contains(setting, error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("Nothing was written to the target", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("0", await EngineClient.RunAsync(target, engine switch
            {
                "sqlite" => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
                "mysql" => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()",
                _ => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
            }));
        }
    }
}
