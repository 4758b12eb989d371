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
    /// with no key, and left the target marked; then it was refused before writing — and a backup of it could be restored
    /// nowhere, not even into MariaDB (break test 27 K22). Now copy and restore carry the row as the source holds it,
    /// naming it in a warning: PostgreSQL gets the check NOT VALID, MariaDB and SQLite load it with their checks off.
    /// </summary>
    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    public async Task A_mariadb_row_breaking_its_own_check_is_carried_by_copy_and_restore_and_named(string engine)
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("mysql");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE a (id int PRIMARY KEY); INSERT INTO a VALUES (1); " +
                "CREATE TABLE ck (id int PRIMARY KEY, q int CHECK (q > 0), r int, CONSTRAINT ck_r CHECK (r < 10)); " +
                "SET SESSION check_constraint_checks = 0; INSERT INTO ck VALUES (1, 5, 1), (2, -1, 1), (3, 4, 11)");
            Assert.Equal("2|-1", await EngineClient.RunAsync(source, "SELECT id, q FROM ck WHERE NOT (q > 0)"));
            var file = Db.File($"{Guid.NewGuid():N}.nxb");
            await Ok("--url", source, "backup", "-o", file);
            await AssertCarriedAsync(source, file, engine, "SELECT id, q, r FROM ck ORDER BY id", "1|5|1\n2|-1|1\n3|4|11",
                [("ck", "q", "id=2"), ("ck", "r", "id=3")], "ck", "INSERT INTO ck VALUES (4, -7, 1)");
        });
    }

    /// <summary>
    /// A SQLite row whose foreign key references nothing (SQLite checks foreign keys only under PRAGMA foreign_keys =
    /// ON, off by default): copy and restore into PostgreSQL failed with 23503 while adding the foreign key, into SQLite
    /// "after loading, 1 rows break foreign keys"; then it was refused before writing, and a backup of such a file could
    /// be restored nowhere (break test 27 K22). Now carried as the source holds it and named.
    /// </summary>
    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    public async Task A_sqlite_row_referencing_nothing_is_carried_by_copy_and_restore_and_named(string engine)
    {
        await LiveAsync(async () =>
        {
            var source = await Db.NewAsync("sqlite");
            await EngineClient.RunScriptAsync(source, "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, pid INT REFERENCES p (id)); " +
                "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1), (2, 99), (3, NULL)");
            Assert.Equal("2|99", await EngineClient.RunAsync(source, "SELECT id, pid FROM c WHERE pid IS NOT NULL AND pid NOT IN (SELECT id FROM p)"));
            var file = Db.File($"{Guid.NewGuid():N}.nxb");
            await Ok("--url", source, "backup", "-o", file);
            await AssertCarriedAsync(source, file, engine, "SELECT id, COALESCE(pid, 0) FROM c ORDER BY id", "1|1\n2|99\n3|0", [("c", "pid", "id=2")], "c",
                "INSERT INTO c VALUES (4, 98)");
        });
    }

    /// <summary>
    /// Copy from <paramref name="source"/> and restore of its backup <paramref name="file"/> into new <paramref name="engine"/>
    /// databases both succeed, name each broken row (table, column, key) in a warning, and leave <paramref name="rows"/>
    /// (read by the engine's own client with <paramref name="query"/>) as the source holds them; the constraint still
    /// refuses a new row breaking it (<paramref name="breaking"/>), and on PostgreSQL it is NOT VALID.
    /// </summary>
    private async Task AssertCarriedAsync(string source, string file, string engine, string query, string rows,
        (string Table, string Column, string Key)[] expected, string table, string breaking)
    {
        Assert.Equal(rows, await EngineClient.RunAsync(source, query));
        foreach (var args in new[] { new[] { "copy", "--from", source, "--to" }, new[] { "restore", file, "--url" } })
        {
            var target = await Db.NewAsync(engine);
            string[] argv = ["--json", .. args, target];
            var r = await CliRunner.RunAsync(argv);
            Assert.True(r.ExitCode == 0, r.All);
            var warnings = r.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
            foreach (var (t, column, key) in expected)
                Assert.Contains(warnings, w => w.StartsWith($"table {t}, column {column}, row {key}: breaks ", StringComparison.Ordinal)
                                               && w.Contains(engine == "postgresql" ? "the constraint created NOT VALID" : "carried as the source holds it", StringComparison.Ordinal));
            Assert.Equal(rows, await EngineClient.RunAsync(target, query));
            if (engine == "postgresql")
                Assert.Equal(expected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await EngineClient.RunAsync(target,
                    $"SELECT COUNT(*) FROM pg_constraint WHERE conrelid = '{table}'::regclass AND contype IN ('c', 'f') AND NOT convalidated"));
            // the constraint holds for new rows, the engine's own client refusing one (SQLite's foreign keys where a connection turns them on)
            await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => EngineClient.RunScriptAsync(target, (engine == "sqlite" ? "PRAGMA foreign_keys = ON; " : "") + breaking + ";"));
            Assert.Equal(rows, await EngineClient.RunAsync(target, query));
        }
    }
}
