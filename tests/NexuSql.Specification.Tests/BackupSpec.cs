using NexuSql.Backup;
using NexuSql.Schema;

namespace NexuSql.Specification;

/// <summary>Backup and restore on one engine: fidelity, snapshot under writes, damaged files, refusals.</summary>
public abstract class BackupSpec<TFixture>(TFixture fixture) : SpecBase<TFixture>(fixture) where TFixture : DatabaseFixture
{
    private static ColumnType T(string type) => ColumnType.Parse(type);

    /// <summary>Tables with every portable type, a foreign key, an identity, a check and an index; values that are easy to lose.</summary>
    protected async Task<SchemaModel> CreateFidelitySchemaAsync(string p)
    {
        var model = new SchemaModel(
        [
            new TableModel($"{p}owners", [new("id", T("int64"), false, Identity: true), new("name", T("string(50)"), false)])
            {
                PrimaryKey = new KeyModel(null, ["id"]),
                Uniques = [new KeyModel($"{p}owners_name_uq", ["name"])],
            },
            new TableModel($"{p}values", [
                new("id", T("int64"), false), new("owner_id", T("int64")), new("flag", T("boolean")), new("small", T("int16")), new("medium", T("int32")),
                new("big", T("int64")), new("exact", T("decimal(38,10)")), new("single", T("float32")), new("double", T("float64")), new("short_text", T("string(20)")),
                new("long_text", T("text")), new("bytes", T("binary")), new("id2", T("uuid")), new("day", T("date")), new("clock", T("time")),
                new("stamp", T("timestamp")), new("instant", T("timestamptz")), new("doc", T("json"))])
            {
                PrimaryKey = new KeyModel(null, ["id"]),
                ForeignKeys = [new ForeignKeyModel(null, ["owner_id"], $"{p}owners", ["id"])],
                Indexes = [new IndexModel($"{p}values_day", [new("day"), new("id", Descending: true)])],
                Checks = [new CheckModel($"{p}values_small_check", "small >= -1000")],
            },
        ]);
        foreach (var sql in SchemaScript.Create(model, Db.Dialect)) await Db.ExecuteRawAsync(sql, Ct);
        await Db.ExecuteAsync($"INSERT INTO {p}owners (name) VALUES ('ann'), ('bob')", cancellationToken: Ct);
        var insert = $"INSERT INTO {p}values (id, owner_id, flag, small, medium, big, exact, single, {Q("double")}, short_text, long_text, bytes, id2, day, clock, stamp, instant, doc) " +
                     "VALUES (:id, :owner, :flag, :small, :medium, :big, :exact, :single, :dbl, :short, :long, :bytes, :uuid, :day, :clock, :stamp, :instant, :doc)";
        await Db.ExecuteAsync(insert, new
        {
            id = 1L, owner = (long?)1, flag = true, small = (short)-1000, medium = int.MinValue, big = long.MaxValue,
            exact = (decimal?)null, single = 1.5f, dbl = Math.PI, @short = "", @long = new string('x', 300_000) + "😀",
            bytes = new byte[] { 0, 1, 2, 255, 0 }, uuid = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), day = new DateOnly(1999, 12, 31),
            clock = new TimeOnly(23, 59, 58, 123, 456), stamp = new DateTime(2024, 2, 29, 12, 0, 0, 654, 321), instant = new DateTimeOffset(2024, 6, 1, 8, 30, 0, TimeSpan.FromHours(2)),
            doc = (string?)null,
        }, Ct);
        await Db.ExecuteRawAsync($$$"""UPDATE {{{p}}}values SET doc = '{"b": [1, 2.50, "😀"], "a": {"z": null, "y": true}}' WHERE id = 1""", Ct);
        // 38 digits: more than System.Decimal holds; a quoted literal reaches every engine exactly
        await Db.ExecuteRawAsync($"UPDATE {p}values SET exact = '1234567890123456789012345678.1234567891' WHERE id = 1", Ct);
        await Db.ExecuteAsync(insert, new
        {
            id = 2L, owner = (long?)null, flag = (bool?)null, small = (short?)null, medium = (int?)null, big = (long?)null, exact = (string?)null,
            single = (float?)null, dbl = (double?)null, @short = (string?)null, @long = (string?)null, bytes = (byte[]?)null, uuid = (Guid?)null,
            day = (DateOnly?)null, clock = (TimeOnly?)null, stamp = (DateTime?)null, instant = (DateTimeOffset?)null, doc = (string?)null,
        }, Ct);
        return model;
    }

    private string NewBackupPath() => Path.Combine(Path.GetTempPath(), $"nexusql-spec-{Guid.NewGuid():N}{BackupArchive.Extension}");

    [Fact]
    public async Task A_backup_during_a_migration_holds_schema_history_and_rows_of_one_moment()
    {
        // SQLite without WAL: a writer cannot commit while the backup's read transaction is open, so no migration
        // can land in the middle; the window there is between reading the schema and the snapshot (same retry).
        Assert.SkipWhen(Db.Engine == NexuSqlEngine.Sqlite, "SQLite (rollback journal) blocks writers during the backup's read transaction");
        await using var scratch = await Db.Provider.CreateScratchDatabaseAsync(Db, Ct);
        var source = scratch.Database;
        await source.ExecuteRawAsync("CREATE TABLE hist (version int PRIMARY KEY)", Ct);
        await source.ExecuteRawAsync("INSERT INTO hist VALUES (1)", Ct);
        await source.ExecuteRawAsync("CREATE TABLE a (id int PRIMARY KEY)", Ct);
        await source.ExecuteRawAsync("INSERT INTO a VALUES (1), (2)", Ct);
        var migrated = 0;
        var path = NewBackupPath();
        try
        {
            // "V2" commits while the first attempt reads its snapshot: a new table and its history row
            var manifest = await BackupCreator.CreateAsync(source, path, new BackupOptions
            {
                Progress = p =>
                {
                    if (!p.Done || Interlocked.Exchange(ref migrated, 1) == 1) return;
                    source.Execute("CREATE TABLE b (id int PRIMARY KEY)");
                    source.Execute("INSERT INTO b VALUES (7)");
                    source.Execute("INSERT INTO hist VALUES (2)");
                },
            }, Ct);
            Assert.Equal(1, migrated);
            Assert.Contains(manifest.Schema.Tables, t => t.Name == "b");
            Assert.Equal(1L, manifest.Tables.Single(t => t.Name == "b").Rows);
            Assert.Equal(2L, manifest.Tables.Single(t => t.Name == "hist").Rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Backup_and_restore_keep_every_value_keys_indexes_and_identity_positions()
    {
        var p = $"b{Guid.NewGuid():N}"[..9] + "_";
        var model = await CreateFidelitySchemaAsync(p);
        var path = NewBackupPath();
        try
        {
            var manifest = await BackupCreator.CreateAsync(Db, path, new BackupOptions { Tables = [$"{p}owners", $"{p}values"] }, Ct);
            Assert.Equal([2L, 2L], manifest.Tables.Select(t => t.Rows));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".*.partial"));

            await using var scratch = await Db.Provider.CreateScratchDatabaseAsync(Db, Ct);
            var target = scratch.Database;
            var result = await BackupRestorer.RestoreAsync(path, target, cancellationToken: Ct);
            Assert.Equal(4L, result.Rows);

            var row = await target.QuerySingleAsync<Row>($"SELECT short_text, long_text, bytes, big, medium, id2, instant FROM {p}values WHERE id = 1", cancellationToken: Ct);
            Assert.Equal("", row.Get<string>("short_text"));
            Assert.Equal(300_002, row.Get<string>("long_text").Length);
            Assert.Equal(new byte[] { 0, 1, 2, 255, 0 }, row.Get<byte[]>("bytes"));
            Assert.Equal(long.MaxValue, row.Get<long>("big"));
            Assert.Equal(int.MinValue, row.Get<int>("medium"));
            Assert.Equal(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), row.Get<Guid>("id2"));
            Assert.Equal(new DateTimeOffset(2024, 6, 1, 6, 30, 0, TimeSpan.Zero), row.Get<DateTimeOffset>("instant").ToUniversalTime());
            var exact = await target.ExecuteScalarAsync<string>($"SELECT {Db.Dialect.SelectExactSql(new ColumnModel("exact", T("decimal(38,10)")))} FROM {p}values WHERE id = 1", cancellationToken: Ct);
            Assert.Equal("1234567890123456789012345678.1234567891", exact);
            Assert.Null(await target.ExecuteScalarAsync<string>($"SELECT short_text FROM {p}values WHERE id = 2", cancellationToken: Ct));

            // keys, foreign keys, indexes and checks came back; the identity continues after the restored rows
            var restored = await target.Provider.ReadSchemaAsync(target, Ct);
            var plan = SchemaDiff.Plan(restored.WithoutTables(SchemaModel.OwnTables()), model, target.Dialect);
            Assert.True(plan.IsEmpty, plan.ToScript());
            await target.ExecuteAsync($"INSERT INTO {p}owners (name) VALUES ('cy')", cancellationToken: Ct);
            Assert.Equal(3L, await target.ExecuteScalarAsync<long>($"SELECT id FROM {p}owners WHERE name = 'cy'", cancellationToken: Ct));
            await Assert.ThrowsAsync<NexuSqlConstraintException>(() => target.ExecuteAsync($"INSERT INTO {p}values (id, owner_id) VALUES (9, 99)", cancellationToken: Ct));
            Assert.Equal(0L, await target.ExecuteScalarAsync<long>(target.Dialect.TableExistsSql, new { name = BackupRestorer.MarkerTable }, Ct));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Backup_and_copy_report_the_catalogs_estimate_as_total_and_restore_and_copy_report_the_final_check()
    {
        await using var scratch = await Db.Provider.CreateScratchDatabaseAsync(Db, Ct);
        var source = scratch.Database;
        await source.ExecuteRawAsync("CREATE TABLE est (id int PRIMARY KEY, name varchar(20))", Ct);
        await source.ExecuteRawAsync("CREATE TABLE est_empty (id int PRIMARY KEY)", Ct);
        for (var i = 0; i < 12; i++)
            await source.ExecuteRawAsync("INSERT INTO est (id, name) VALUES " + string.Join(", ", Enumerable.Range(i * 100, 100).Select(n => $"({n}, 'row {n}')")), Ct);
        // the catalogs' estimates are kept by ANALYZE (SQLite keeps none: it counts)
        if (Db.Engine == NexuSqlEngine.PostgreSql) await source.ExecuteRawAsync("ANALYZE est", Ct);
        if (Db.Engine == NexuSqlEngine.MySql) await source.ExecuteRawAsync("ANALYZE TABLE est", Ct);
        var path = NewBackupPath();
        try
        {
            var reports = new System.Collections.Concurrent.ConcurrentQueue<TableProgress>();
            await BackupCreator.CreateAsync(source, path, new BackupOptions { Progress = reports.Enqueue }, Ct);
            var first = reports.First(r => r.Table == "est");
            Assert.False(first.Done);
            Assert.InRange(first.TotalRows ?? -1, 600, 2400); // an estimate of 1,200: present, and of the right size
            Assert.Equal(1200, reports.Last(r => r.Table == "est").Rows);
            Assert.DoesNotContain(reports, r => r.Checking);

            reports.Clear();
            await using var restored = await Db.Provider.CreateScratchDatabaseAsync(Db, Ct);
            await BackupRestorer.RestoreAsync(path, restored.Database, new RestoreOptions { Progress = reports.Enqueue }, Ct);
            var check = reports.Where(r => r.Table == "est" && r.Checking).ToList();
            Assert.Equal((0L, 1200L, false), (check[0].Rows, check[0].TotalRows!.Value, check[0].Done));
            Assert.Equal((1200L, 1200L, true), (check[^1].Rows, check[^1].TotalRows!.Value, check[^1].Done));
            Assert.Contains(reports, r => r is { Table: "est_empty", Checking: true, Done: true, Rows: 0 });

            reports.Clear();
            await using var copied = await Db.Provider.CreateScratchDatabaseAsync(Db, Ct);
            await NexuSql.Copy.DatabaseCopier.CopyAsync(source, copied.Database, new NexuSql.Copy.CopyOptions { Progress = reports.Enqueue }, Ct);
            Assert.InRange(reports.First(r => r.Table == "est" && !r.Checking).TotalRows ?? -1, 600, 2400);
            Assert.Equal((1200L, true), (reports.Last(r => r.Table == "est" && r.Checking).Rows, reports.Last(r => r.Table == "est" && r.Checking).Done));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_damaged_or_truncated_backup_is_refused_before_the_target_is_touched()
    {
        var p = $"b{Guid.NewGuid():N}"[..9] + "_";
        await CreateFidelitySchemaAsync(p);
        var path = NewBackupPath();
        var damaged = path + ".damaged";
        try
        {
            await BackupCreator.CreateAsync(Db, path, new BackupOptions { Tables = [$"{p}owners", $"{p}values"] }, Ct);
            var bytes = await File.ReadAllBytesAsync(path, Ct);
            await using var scratch = await Db.Provider.CreateScratchDatabaseAsync(Db, Ct);

            foreach (var (what, content) in new (string, byte[])[]
            {
                ("flipped byte in the data", Flip(bytes, bytes.Length / 3)),
                ("flipped byte near the end", Flip(bytes, bytes.Length - 200)),
                ("truncated", bytes[..(bytes.Length * 2 / 3)]),
                ("empty", []),
            })
            {
                await File.WriteAllBytesAsync(damaged, content, Ct);
                var e = await Record.ExceptionAsync(() => BackupRestorer.RestoreAsync(damaged, scratch.Database, cancellationToken: Ct));
                Assert.True(e is NexuSqlBackupException, $"{what}: {e?.GetType().Name ?? "no exception"} (file of {bytes.Length} bytes)");
                Assert.Contains(damaged, e!.Message);
                var after = await scratch.Database.Provider.ReadSchemaAsync(scratch.Database, Ct);
                Assert.True(after.Tables.Count == 0, $"{what}: the target was touched");
            }
        }
        finally
        {
            File.Delete(path);
            File.Delete(damaged);
        }

        static byte[] Flip(byte[] source, int at)
        {
            var copy = (byte[])source.Clone();
            copy[at] ^= 0x5A;
            return copy;
        }
    }

    [Fact]
    public async Task Restore_refuses_a_database_that_is_not_empty_unless_clean()
    {
        var p = $"b{Guid.NewGuid():N}"[..9] + "_";
        await CreateFidelitySchemaAsync(p);
        var path = NewBackupPath();
        try
        {
            await BackupCreator.CreateAsync(Db, path, new BackupOptions { Tables = [$"{p}owners"] }, Ct);
            await using var scratch = await Db.Provider.CreateScratchDatabaseAsync(Db, Ct);
            await scratch.Database.ExecuteRawAsync("CREATE TABLE keep_me (id INT)", Ct);
            var e = await Assert.ThrowsAsync<NexuSqlRefusedException>(() => BackupRestorer.RestoreAsync(path, scratch.Database, cancellationToken: Ct));
            Assert.Contains("--clean", e.Message);
            Assert.Equal(1L, await scratch.Database.ExecuteScalarAsync<long>(scratch.Database.Dialect.TableExistsSql, new { name = "keep_me" }, Ct));

            await BackupRestorer.RestoreAsync(path, scratch.Database, new RestoreOptions { Clean = true }, Ct);
            Assert.Equal(0L, await scratch.Database.ExecuteScalarAsync<long>(scratch.Database.Dialect.TableExistsSql, new { name = "keep_me" }, Ct));
            Assert.Equal(2L, await scratch.Database.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {p}owners", cancellationToken: Ct));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_interrupted_restore_is_marked_refused_and_resumed_without_duplicates()
    {
        var p = $"b{Guid.NewGuid():N}"[..9] + "_";
        await CreateFidelitySchemaAsync(p);
        var path = NewBackupPath();
        try
        {
            await BackupCreator.CreateAsync(Db, path, new BackupOptions { Tables = [$"{p}owners", $"{p}values"] }, Ct);
            await using var scratch = await Db.Provider.CreateScratchDatabaseAsync(Db, Ct);
            var stop = new RestoreOptions { Progress = t => { if (t.Done) throw new OperationCanceledException("stopped after " + t.Table); } };
            await Assert.ThrowsAsync<OperationCanceledException>(() => BackupRestorer.RestoreAsync(path, scratch.Database, stop, Ct));
            Assert.Equal(1L, await scratch.Database.ExecuteScalarAsync<long>(scratch.Database.Dialect.TableExistsSql, new { name = BackupRestorer.MarkerTable }, Ct));

            var refused = await Assert.ThrowsAsync<NexuSqlRefusedException>(() => BackupRestorer.RestoreAsync(path, scratch.Database, cancellationToken: Ct));
            Assert.Contains("--resume", refused.Message);
            var result = await BackupRestorer.RestoreAsync(path, scratch.Database, new RestoreOptions { Resume = true }, Ct);
            Assert.Equal(4L, result.Rows);
            Assert.Equal(2L, await scratch.Database.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {p}owners", cancellationToken: Ct));
            Assert.Equal(0L, await scratch.Database.ExecuteScalarAsync<long>(scratch.Database.Dialect.TableExistsSql, new { name = BackupRestorer.MarkerTable }, Ct));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_backup_taken_while_writers_transfer_and_insert_restores_to_a_consistent_state()
    {
        var p = $"b{Guid.NewGuid():N}"[..9] + "_";
        var accounts = $"{p}accounts";
        var ledger = $"{p}ledger";
        var model = new SchemaModel(
        [
            new TableModel(accounts, [new("id", T("int64"), false), new("balance", T("int64"), false)]) { PrimaryKey = new KeyModel(null, ["id"]) },
            new TableModel(ledger, [new("id", T("int64"), false, Identity: true), new("account_id", T("int64"), false), new("amount", T("int64"), false)])
            {
                PrimaryKey = new KeyModel(null, ["id"]),
                ForeignKeys = [new ForeignKeyModel(null, ["account_id"], accounts, ["id"])],
            },
        ]);
        foreach (var sql in SchemaScript.Create(model, Db.Dialect)) await Db.ExecuteRawAsync(sql, Ct);
        for (var i = 1; i <= 20; i++) await Db.ExecuteAsync($"INSERT INTO {accounts} (id, balance) VALUES (:i, 1000)", new { i }, Ct);
        for (var i = 0; i < 2000; i++) await Db.ExecuteAsync($"INSERT INTO {ledger} (account_id, amount) VALUES (:a, 0)", new { a = i % 20 + 1 }, Ct);

        using var stop = new CancellationTokenSource();
        var writes = 0;
        async Task WriterAsync(int seed)
        {
            var random = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                var (from, to, amount) = (random.Next(1, 21), random.Next(1, 21), random.Next(1, 50));
                try
                {
                    await Db.TransactionAsync(async tx =>
                    {
                        await tx.ExecuteAsync($"UPDATE {accounts} SET balance = balance - :amount WHERE id = :from", new { amount, from }, Ct);
                        await tx.ExecuteAsync($"UPDATE {accounts} SET balance = balance + :amount WHERE id = :to", new { amount, to }, Ct);
                        await tx.ExecuteAsync($"INSERT INTO {ledger} (account_id, amount) VALUES (:from, :amount)", new { from, amount }, Ct);
                    }, cancellationToken: Ct);
                    Interlocked.Increment(ref writes);
                }
                catch (NexuSqlException)
                {
                    // contention beyond the retry limit: the unit did not happen, the invariant holds
                }
            }
        }
        var writers = Enumerable.Range(0, 2).Select(i => Task.Run(() => WriterAsync(i))).ToArray();
        var path = NewBackupPath();
        try
        {
            while (Volatile.Read(ref writes) < 5) await Task.Delay(10, Ct);
            var manifest = await BackupCreator.CreateAsync(Db, path, new BackupOptions { Tables = [accounts, ledger] }, Ct);
            var during = Volatile.Read(ref writes);
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            Assert.True(Volatile.Read(ref writes) > 5, "the writers ran");

            await using var scratch = await Db.Provider.CreateScratchDatabaseAsync(Db, Ct);
            await BackupRestorer.RestoreAsync(path, scratch.Database, cancellationToken: Ct);
            var target = scratch.Database;
            Assert.Equal(20_000L, await target.ExecuteScalarAsync<long>($"SELECT SUM(balance) FROM {accounts}", cancellationToken: Ct));
            var ledgerRows = await target.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {ledger}", cancellationToken: Ct);
            Assert.Equal(manifest.Tables.Single(t => t.Name == ledger).Rows, ledgerRows);
            Assert.InRange(ledgerRows, 2000, 2000 + during + 2);
            Assert.Equal(0L, await target.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {ledger} l WHERE NOT EXISTS (SELECT 1 FROM {accounts} a WHERE a.id = l.account_id)", cancellationToken: Ct));
        }
        finally
        {
            await stop.CancelAsync();
            File.Delete(path);
        }
    }
}
