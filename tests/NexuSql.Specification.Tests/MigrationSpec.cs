using NexuSql.Migrations;

namespace NexuSql.Specification;

/// <summary>Migrations on a live engine: order, history, checksums, failures, undo, repair, baseline, locks.</summary>
public abstract class MigrationSpec<TFixture>(TFixture fixture) : SpecBase<TFixture>(fixture), IDisposable where TFixture : DatabaseFixture
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-mig-").FullName;
    private readonly string _history = "history_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>This test's history table (a name of its own, so tests do not share a migration lock).</summary>
    protected string HistoryTable => _history;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A table name unique to this test, so suites can share one scratch database.</summary>
    protected string N(string stem) => $"{stem}_{_history[8..]}";

    protected void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

    protected MigrationOptions Options(Action<List<string>>? log = null) => new()
    {
        Locations = [_dir],
        HistoryTable = _history,
        LockTimeout = TimeSpan.FromSeconds(60),
    };

    protected Migrator Migrator(MigrationOptions? options = null) => new(Db, options ?? Options());

    protected Task<IReadOnlyList<AppliedMigration>> HistoryAsync() =>
        Db.QueryAsync<AppliedMigration>($"SELECT * FROM {Q(_history)} ORDER BY installed_rank", cancellationToken: Ct);

    protected async Task<bool> TableExistsAsync(string table) =>
        await Db.ExecuteScalarAsync<long>(Db.Dialect.TableExistsSql, new { name = table }, Ct) > 0;

    [Fact]
    public async Task MigrateAsync_applies_pending_scripts_in_numeric_version_order_once()
    {
        Write("V1__first.sql", $"CREATE TABLE {N("a")} (id {T(SpecType.Int32)} PRIMARY KEY);");
        Write("V1.10__tenth.sql", $"INSERT INTO {N("a")} (id) VALUES (110);");
        Write("V1.9__ninth.sql", $"INSERT INTO {N("a")} (id) VALUES (109);");
        Write("V2__it's \"quoted\" ünïcödé.sql", $"INSERT INTO {N("a")} (id) VALUES (2);\nINSERT INTO {N("a")} (id) VALUES (3);");
        var result = await Migrator().MigrateAsync(cancellationToken: Ct);
        Assert.Equal(["V1__first.sql", "V1.9__ninth.sql", "V1.10__tenth.sql", "V2__it's \"quoted\" ünïcödé.sql"], result.Scripts);
        var history = await HistoryAsync();
        Assert.Equal(["1", "1.9", "1.10", "2"], history.Select(h => h.Version));
        Assert.Equal([1, 2, 3, 4], history.Select(h => h.InstalledRank));
        Assert.All(history, h => Assert.True(h.Success));
        Assert.Equal("it's \"quoted\" ünïcödé", history[3].Description);
        Assert.Empty((await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        Assert.Equal(4, (await HistoryAsync()).Count);
        Assert.Equal(4L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {N("a")}", cancellationToken: Ct));
    }

    [Fact]
    public async Task ValidateAsync_accepts_crlf_and_bom_copies_but_reports_a_real_edit()
    {
        Write("V1__t.sql", $"CREATE TABLE {N("v")} (id {T(SpecType.Int32)});\nINSERT INTO {N("v")} VALUES (1);\n");
        await Migrator().MigrateAsync(cancellationToken: Ct);
        Write("V1__t.sql", $"\uFEFFCREATE TABLE {N("v")} (id {T(SpecType.Int32)});  \r\nINSERT INTO {N("v")} VALUES (1);\r\n\r\n");
        Assert.Empty(await Migrator().ValidateAsync(Ct));
        Write("V1__t.sql", $"CREATE TABLE {N("v")} (id {T(SpecType.Int32)});\nINSERT INTO {N("v")} VALUES (2);\n");
        var problem = Assert.Single(await Migrator().ValidateAsync(Ct));
        Assert.Contains("V1__t.sql was changed after it was applied", problem);
        var e = await Assert.ThrowsAsync<NexuSqlMigrationValidationException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
        Assert.Contains("V1__t.sql", e.Message);
        var changes = await Migrator().RepairAsync(Ct);
        Assert.Contains(changes, c => c.Contains("Realigned checksum of V1__t.sql"));
        Assert.Empty(await Migrator().ValidateAsync(Ct));
    }

    [Fact]
    public async Task MigrateAsync_failure_part_way_is_rolled_back_or_recorded_honestly()
    {
        Write("V1__ok.sql", $"CREATE TABLE {N("ok")} (id {T(SpecType.Int32)});");
        Write("V2__broken.sql", $"CREATE TABLE {N("half")} (id {T(SpecType.Int32)});\n\nINSERT INTO no_such_table_{_history} VALUES (1);\nCREATE TABLE {N("never")} (id {T(SpecType.Int32)});");
        var e = await Assert.ThrowsAsync<NexuSqlMigrationScriptException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
        Assert.Equal("V2__broken.sql", e.Script);
        Assert.Equal(2, e.Statement);
        Assert.Equal(3, e.StatementCount);
        Assert.Equal(3, e.Line);
        Assert.False(string.IsNullOrEmpty(e.EngineCode));
        Assert.False(await TableExistsAsync(N("never")));
        var history = await HistoryAsync();
        if (Db.Dialect.Capabilities.TransactionalDdl)
        {
            Assert.True(e.RolledBack);
            Assert.False(await TableExistsAsync(N("half")));
            Assert.Equal(["1"], history.Select(h => h.Version));
        }
        else
        {
            Assert.False(e.RolledBack);
            Assert.True(await TableExistsAsync(N("half")));
            var failed = history.Single(h => h.Version == "2");
            Assert.False(failed.Success);
            Assert.Equal(2, failed.FailedStatement);
            var refused = await Assert.ThrowsAsync<NexuSqlMigrationValidationException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
            Assert.Contains("V2__broken.sql failed (or was interrupted) at statement 2", refused.Message);
            Assert.Contains("repair", refused.Message);
            // the operator fixes the database and the script, then repairs
            await Db.ExecuteAsync($"DROP TABLE {N("half")}", cancellationToken: Ct);
            Assert.Contains(await Migrator().RepairAsync(Ct), c => c.Contains("Removed failed entry V2__broken.sql"));
        }
        Write("V2__broken.sql", $"CREATE TABLE {N("half")} (id {T(SpecType.Int32)});\nCREATE TABLE {N("never")} (id {T(SpecType.Int32)});");
        if (!Db.Dialect.Capabilities.TransactionalDdl) await Migrator().RepairAsync(Ct);
        await Migrator().MigrateAsync(cancellationToken: Ct);
        Assert.True(await TableExistsAsync(N("never")));
    }

    [Fact]
    public async Task RepairAsync_leaves_the_checksum_of_an_undone_version_alone()
    {
        // the break test: repair "realigned" the checksum of an undone V2 whose script was edited since, as if it were applied
        Write("V1__a.sql", $"CREATE TABLE {N("r1")} (id {T(SpecType.Int32)});");
        Write("V2__b.sql", $"CREATE TABLE {N("r2")} (id {T(SpecType.Int32)});");
        Write("U2__b.sql", $"DROP TABLE {N("r2")};");
        await Migrator().MigrateAsync(cancellationToken: Ct);
        await Migrator().UndoAsync(cancellationToken: Ct);
        Write("V2__b.sql", $"CREATE TABLE {N("r2")} (id {T(SpecType.Int32)}, note {T(SpecType.Int32)});");
        Write("V1__a.sql", $"CREATE TABLE {N("r1")} (id {T(SpecType.Int32)}); -- edited");

        var changes = await Migrator().RepairAsync(Ct);

        Assert.Equal(["Realigned checksum of V1__a.sql"], changes.Select(c => c[..c.IndexOf(" (", StringComparison.Ordinal)]));
        Assert.Equal(MigrationState.Undone, (await Migrator().InfoAsync(Ct)).Single(i => i.Version?.Text == "2").State);
        await Migrator().MigrateAsync(cancellationToken: Ct); // the edited V2 runs as written now
        Assert.True(await TableExistsAsync(N("r2")));
    }

    [Fact]
    public async Task UndoAsync_reverts_the_latest_migration_and_refuses_without_an_undo_script()
    {
        Write("V1__a.sql", $"CREATE TABLE {N("u1")} (id {T(SpecType.Int32)});");
        Write("V2__b.sql", $"CREATE TABLE {N("u2")} (id {T(SpecType.Int32)});");
        Write("U2__b.sql", $"DROP TABLE {N("u2")};");
        await Migrator().MigrateAsync(cancellationToken: Ct);
        var undone = await Migrator().UndoAsync(cancellationToken: Ct);
        Assert.Equal(["U2__b.sql"], undone.Scripts);
        Assert.False(await TableExistsAsync(N("u2")));
        var info = await Migrator().InfoAsync(Ct);
        Assert.Equal(MigrationState.Undone, info.Single(i => i.Version?.Text == "2").State);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator().UndoAsync(cancellationToken: Ct));
        Assert.Contains("no undo script for version 1", e.Message);
        Assert.True(await TableExistsAsync(N("u1")));
        await Migrator().MigrateAsync(cancellationToken: Ct); // V2 is pending again
        Assert.True(await TableExistsAsync(N("u2")));
    }

    [Fact]
    public async Task MigrateAsync_reapplies_a_repeatable_script_when_it_changes()
    {
        Write("V1__t.sql", $"CREATE TABLE {N("r")} (id {T(SpecType.Int32)});");
        Write("R__fill.sql", $"DELETE FROM {N("r")};\nINSERT INTO {N("r")} VALUES (1);");
        Assert.Equal(["V1__t.sql", "R__fill.sql"], (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        Assert.Empty((await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        Write("R__fill.sql", $"DELETE FROM {N("r")};\nINSERT INTO {N("r")} VALUES (2);");
        Assert.Equal(MigrationState.Outdated, (await Migrator().InfoAsync(Ct)).Single(i => i.Kind == MigrationKind.Repeatable).State);
        Assert.Equal(["R__fill.sql"], (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        Assert.Equal(2, await Db.ExecuteScalarAsync<int>($"SELECT id FROM {N("r")}", cancellationToken: Ct));
    }

    [Fact]
    public async Task MigrateAsync_repeatable_with_a_description_over_200_characters_runs_once()
    {
        // issue 13, input 5: the history keeps 200 characters of the description
        var description = string.Concat(Enumerable.Repeat("refresh_reporting_view_", 9)) + "x";
        Write("V1__t.sql", $"CREATE TABLE {N("lr")} (id {T(SpecType.Int32)});");
        Write($"R__{description}.sql", $"INSERT INTO {N("lr")} VALUES (1);");
        Assert.Equal(2, (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts.Count);
        Assert.Empty((await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        Assert.Equal(1L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {N("lr")}", cancellationToken: Ct));
        Assert.Equal(MigrationState.Applied, (await Migrator().InfoAsync(Ct)).Single(i => i.Kind == MigrationKind.Repeatable).State);
        Assert.Equal(200, (await HistoryAsync()).Single(h => h.Version is null).Description.Length);
    }

    [Fact]
    public async Task MigrateAsync_repeatable_failing_half_way_is_reported_and_refused_until_repair()
    {
        // issue 13, input 4: an INSERT, a good view, a failing statement (SQLite accepts a view on a missing column)
        Write("V1__base.sql", $"CREATE TABLE {N("items")} (id {T(SpecType.Int32)}, price {T(SpecType.Int32)});\nCREATE TABLE {N("audit")} (note {T(SpecType.Text)});");
        Write("R__views.sql", $"INSERT INTO {N("audit")} (note) VALUES ('repeatable ran');\n" +
                              $"CREATE VIEW {N("cheap")} AS SELECT id FROM {N("items")} WHERE price < 10;\n" +
                              $"INSERT INTO {N("missing")} (id) VALUES (1);");
        var e = await Assert.ThrowsAsync<NexuSqlMigrationScriptException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
        Assert.Equal("R__views.sql", e.Script);
        Assert.Equal(3, e.Statement);
        if (Db.Dialect.Capabilities.TransactionalDdl)
        {
            Assert.Equal(0L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {N("audit")}", cancellationToken: Ct));
            Assert.Empty(await Migrator().ValidateAsync(Ct));
            return;
        }
        var problem = Assert.Single(await Migrator().ValidateAsync(Ct));
        Assert.Contains("R__views.sql failed (or was interrupted) at statement 3", problem);
        Assert.Equal(MigrationState.Failed, (await Migrator().InfoAsync(Ct)).Single(i => i.Kind == MigrationKind.Repeatable).State);
        var refused = await Assert.ThrowsAsync<NexuSqlMigrationValidationException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
        Assert.Contains("R__views.sql", refused.Message);
        Assert.Equal(1L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {N("audit")}", cancellationToken: Ct));
        // the operator fixes the script and the database, then repairs: the repeatable runs again, once
        Write("R__views.sql", $"CREATE OR REPLACE VIEW {N("cheap")} AS SELECT id FROM {N("items")} WHERE price < 10;");
        Assert.Contains(await Migrator().RepairAsync(Ct), c => c.Contains("Removed failed entry R__views.sql"));
        Assert.Equal(["R__views.sql"], (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        Assert.Empty(await Migrator().ValidateAsync(Ct));
    }

    /// <summary>Flyway's history table as Flyway creates it (no failed_statement column), with Flyway's rows.</summary>
    private async Task CreateFlywayHistoryAsync(params (int Rank, string? Version, string Description, string Type, string Script, int? Checksum, bool Success)[] rows)
    {
        string Ty(SpecType t) => T(t);
        await Db.ExecuteRawAsync($"CREATE TABLE {Q(_history)} (installed_rank {Ty(SpecType.Int32)} NOT NULL PRIMARY KEY, version VARCHAR(50), " +
            $"description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum {Ty(SpecType.Int32)}, " +
            $"installed_by VARCHAR(100) NOT NULL, installed_on {Ty(SpecType.Timestamp)} NOT NULL, execution_time {Ty(SpecType.Int32)} NOT NULL, " +
            $"success {Ty(SpecType.Boolean)} NOT NULL)", Ct);
        foreach (var r in rows)
            await Db.ExecuteAsync($"INSERT INTO {Q(_history)} (installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success) " +
                                  "VALUES (:rank, :version, :description, :type, :script, :checksum, 'flyway', :on, 5, :success)",
                new { rank = r.Rank, version = r.Version, description = r.Description, type = r.Type, script = r.Script, checksum = r.Checksum, on = DateTime.UtcNow, success = r.Success }, Ct);
    }

    [Fact]
    public async Task Flyway_history_table_is_continued_unchanged_with_flyway_checksums()
    {
        // Scripts as Flyway applied them: trailing spaces and CRLF, where NexuSQL's own checksum would differ
        var v1 = $"CREATE TABLE {N("fw")} (id {T(SpecType.Int32)});  \r\nINSERT INTO {N("fw")} VALUES (1);\r\n";
        var v2 = $"INSERT INTO {N("fw")} VALUES (2);\n";
        var r = $"DELETE FROM {N("fw")} WHERE id = 100;\n";
        Write("V1__init.sql", v1);
        Write("V2__two.sql", v2);
        Write("R__cleanup.sql", r);
        await Db.ExecuteRawAsync($"CREATE TABLE {N("fw")} (id {T(SpecType.Int32)})", Ct);
        await Db.ExecuteRawAsync($"INSERT INTO {N("fw")} VALUES (1)", Ct);
        await Db.ExecuteRawAsync($"INSERT INTO {N("fw")} VALUES (2)", Ct);
        await CreateFlywayHistoryAsync(
            (1, "0", "<< Flyway Schema Creation >>", "SCHEMA", "\"public\"", null, true),
            (2, "1", "init", "SQL", "V1__init.sql", MigrationChecksum.ComputeFlyway(v1), true),
            (3, "2", "two", "SQL", "V2__two.sql", MigrationChecksum.ComputeFlyway(v2), true),
            (4, null, "cleanup", "SQL", "R__cleanup.sql", MigrationChecksum.ComputeFlyway(r), true),
            (5, "3", "gone", "SQL", "V3__gone.sql", 12345, true),
            (6, "3", "gone", "DELETE", "V3__gone.sql", 12345, true));
        Assert.NotEqual(MigrationChecksum.Compute(v1), MigrationChecksum.ComputeFlyway(v1));

        Assert.Empty(await Migrator().ValidateAsync(Ct));
        var info = await Migrator().InfoAsync(Ct);
        Assert.Equal(MigrationState.Applied, info.Single(i => i.Version?.Text == "1").State);
        Assert.Equal(MigrationState.Applied, info.Single(i => i.Version?.Text == "2").State);
        Assert.Equal(MigrationState.Deleted, info.Single(i => i.Version?.Text == "3").State);
        Assert.Equal(MigrationState.Applied, info.Single(i => i.Kind == MigrationKind.Repeatable).State);
        Assert.DoesNotContain(info, i => i.Version?.Text == "0");

        Write("V4__four.sql", $"INSERT INTO {N("fw")} VALUES (4);\n");
        Assert.Equal(["V4__four.sql"], (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        var history = await Db.QueryAsync<Row>($"SELECT * FROM {Q(_history)} ORDER BY installed_rank", cancellationToken: Ct);
        Assert.DoesNotContain(history[0].Keys, k => string.Equals(k, "failed_statement", StringComparison.OrdinalIgnoreCase));
        var added = history[^1];
        Assert.Equal(7, Convert.ToInt32(added["installed_rank"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(MigrationChecksum.ComputeFlyway($"INSERT INTO {N("fw")} VALUES (4);\n"), Convert.ToInt32(added["checksum"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("SQL", added["type"]);

        // an edit is reported with Flyway's checksums, and repair realigns with Flyway's algorithm
        Write("V2__two.sql", $"INSERT INTO {N("fw")} VALUES (22);\n");
        Assert.Contains(await Migrator().ValidateAsync(Ct), p => p.Contains("V2__two.sql was changed"));
        await Migrator().RepairAsync(Ct);
        Assert.Empty(await Migrator().ValidateAsync(Ct));
        Assert.Equal(MigrationChecksum.ComputeFlyway($"INSERT INTO {N("fw")} VALUES (22);\n"),
            await Db.ExecuteScalarAsync<int>($"SELECT checksum FROM {Q(_history)} WHERE version = '2' AND type = 'SQL'", cancellationToken: Ct));
    }

    [Fact]
    public async Task Flyway_history_table_with_a_baseline_continues_above_it()
    {
        Write("V1__old.sql", "THIS WOULD FAIL;");
        Write("V2__new.sql", $"CREATE TABLE {N("fb")} (id {T(SpecType.Int32)});");
        await CreateFlywayHistoryAsync((1, "1", "<< Flyway Baseline >>", "BASELINE", "<< Flyway Baseline >>", null, true));
        Assert.Equal(["V2__new.sql"], (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        Assert.Equal(MigrationState.BelowBaseline, (await Migrator().InfoAsync(Ct)).Single(i => i.Version?.Text == "1").State);
        Assert.True(await TableExistsAsync(N("fb")));
    }

    [Fact]
    public async Task BaselineOnMigrate_takes_an_existing_schema_without_history_as_the_baseline()
    {
        await Db.ExecuteAsync($"CREATE TABLE {N("legacy")} (id {T(SpecType.Int32)})", cancellationToken: Ct); // the schema exists already
        Write("V1__old.sql", "THIS WOULD FAIL;");
        Write("V2__old.sql", "THIS WOULD FAIL TOO;");
        Write("V3__new.sql", $"CREATE TABLE {N("bom")} (id {T(SpecType.Int32)});");
        var options = Options() with { BaselineOnMigrate = true, BaselineVersion = MigrationVersion.Parse("2") };
        var dry = await Migrator(options).MigrateAsync(dryRun: true, cancellationToken: Ct);
        Assert.Equal(["V3__new.sql"], dry.Scripts); // the dry run plans what the real run does
        Assert.Contains(dry.Statements, s => s.Sql.Contains("INSERT", StringComparison.OrdinalIgnoreCase) && s.Script == "history");
        Assert.Equal(["V3__new.sql"], (await Migrator(options).MigrateAsync(cancellationToken: Ct)).Scripts);
        var history = await HistoryAsync();
        Assert.Equal(["BASELINE", "SQL"], history.Select(h => h.Type));
        Assert.Equal("2", history[0].Version);
        Assert.Empty((await Migrator(options).MigrateAsync(cancellationToken: Ct)).Scripts); // once only
        Assert.Equal(2, (await HistoryAsync()).Count);
    }

    [Fact]
    public async Task BaselineAsync_skips_scripts_up_to_the_baseline()
    {
        Write("V1__old.sql", "THIS WOULD FAIL;");
        Write("V2__old.sql", "THIS WOULD FAIL TOO;");
        Write("V3__new.sql", $"CREATE TABLE {N("b")} (id {T(SpecType.Int32)});");
        await Migrator().BaselineAsync(MigrationVersion.Parse("2"), cancellationToken: Ct);
        Assert.Equal(["V3__new.sql"], (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator().BaselineAsync(MigrationVersion.Parse("5"), cancellationToken: Ct));
        Assert.Contains((await Migrator().InfoAsync(Ct)), i => i.State == MigrationState.BelowBaseline && i.Version!.Text == "1");
    }

    [Fact]
    public async Task MigrateAsync_dry_run_changes_nothing_and_lists_every_statement()
    {
        Write("V1__a.sql", $"CREATE TABLE {N("d")} (id {T(SpecType.Int32)});\nINSERT INTO {N("d")} VALUES (1);");
        var plan = await Migrator().MigrateAsync(dryRun: true, cancellationToken: Ct);
        Assert.True(plan.DryRun);
        Assert.Contains(plan.Statements, s => s.Sql.StartsWith("CREATE TABLE", StringComparison.Ordinal) && s.Script == "history");
        Assert.Contains(plan.Statements, s => s.Sql.StartsWith($"INSERT INTO {N("d")}", StringComparison.Ordinal));
        Assert.Contains(plan.Statements, s => s.Parameters is not null && (string?)s.Parameters["script"] == "V1__a.sql");
        Assert.False(await TableExistsAsync(_history));
        Assert.False(await TableExistsAsync(N("d")));
    }

    [Fact]
    public async Task MigrateAsync_refuses_an_older_pending_version_unless_out_of_order()
    {
        Write("V1__a.sql", $"CREATE TABLE {N("o")} (id {T(SpecType.Int32)});");
        Write("V3__c.sql", $"INSERT INTO {N("o")} VALUES (3);");
        await Migrator().MigrateAsync(cancellationToken: Ct);
        Write("V2__b.sql", $"INSERT INTO {N("o")} VALUES (2);");
        var e = await Assert.ThrowsAsync<NexuSqlMigrationValidationException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
        Assert.Contains("V2__b.sql is pending but version 3 is already applied", e.Message);
        var result = await Migrator(Options() with { OutOfOrder = true }).MigrateAsync(cancellationToken: Ct);
        Assert.Equal(["V2__b.sql"], result.Scripts);
    }

    [Fact]
    public async Task MigrateAsync_target_stops_at_that_version()
    {
        Write("V1__a.sql", $"CREATE TABLE {N("tg")} (id {T(SpecType.Int32)});");
        Write("V2__b.sql", $"INSERT INTO {N("tg")} VALUES (2);");
        Assert.Equal(["V1__a.sql"], (await Migrator(Options() with { Target = MigrationVersion.Parse("1") }).MigrateAsync(cancellationToken: Ct)).Scripts);
    }

    [Fact]
    public async Task MigrateAsync_undefined_placeholder_fails_before_anything_runs()
    {
        Write("V1__a.sql", $"CREATE TABLE {N("p")} (id {T(SpecType.Int32)});");
        Write("V2__b.sql", "CREATE TABLE ${prefix}x (id int);");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Migrator().MigrateAsync(dryRun: true, cancellationToken: Ct));
        Assert.Contains("${prefix}", e.Message);
        var applied = await Migrator(Options() with { Placeholders = new Dictionary<string, string> { ["prefix"] = N("pre_") } }).MigrateAsync(cancellationToken: Ct);
        Assert.Equal(2, applied.Scripts.Count);
        Assert.True(await TableExistsAsync(N("pre_") + "x"));
    }

    [Fact]
    public async Task MigrateAsync_supplies_flyways_built_in_placeholders()
    {
        // issue 13, input 7: Flyway fills ${flyway:*} itself; names match case-insensitively
        Write("V1__builtins.sql", $"CREATE TABLE {N("fp")} (k {T(SpecType.Int32)}, v {T(SpecType.Text)});\n" +
            $"INSERT INTO {N("fp")} (k, v) VALUES (1, '${{flyway:filename}}'), (2, '${{flyway:defaultSchema}}'), (3, '${{flyway:table}}'), " +
            $"(4, '${{flyway:user}}'), (5, '${{FLYWAY:DATABASE}}'), (6, '${{flyway:timestamp}}'), (7, '${{flyway:environment}}');");
        await Migrator().MigrateAsync(cancellationToken: Ct);
        var values = await Db.QueryAsync<string>($"SELECT v FROM {N("fp")} ORDER BY k", cancellationToken: Ct);
        Assert.Equal("V1__builtins.sql", values[0]);
        Assert.Equal(await Db.ExecuteScalarAsync<string>(Db.Dialect.CurrentSchemaSql, cancellationToken: Ct), values[1]);
        Assert.NotEqual("", values[1]);
        Assert.Equal(_history, values[2]);
        Assert.Equal(Db.Url?.UserName ?? "", values[3]);
        Assert.Equal(Db.Url?.Database ?? "", values[4]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", values[5]);
        Assert.Equal("default", values[6]);
    }

    [Fact]
    public async Task MigrateAsync_eight_concurrent_migrators_apply_each_version_exactly_once()
    {
        Write("V1__table.sql", $"CREATE TABLE {N("c")} (id {T(SpecType.Int32)} PRIMARY KEY, note {T(SpecType.Text)});");
        for (var v = 2; v <= 6; v++) Write($"V{v}__row.sql", $"INSERT INTO {N("c")} (id, note) VALUES ({v}, 'v{v}');");
        var databases = Enumerable.Range(0, 8).Select(_ => NexuSqlDatabase.Open(Fixture.Url)).ToList();
        try
        {
            using var start = new ManualResetEventSlim();
            var runs = databases.Select(db => Task.Run(async () =>
            {
                start.Wait(Ct);
                return await new Migrator(db, Options()).MigrateAsync(cancellationToken: Ct);
            }, Ct)).ToList();
            start.Set();
            var results = await Task.WhenAll(runs);
            Assert.Equal(6, results.Sum(r => r.Scripts.Count));
        }
        finally
        {
            foreach (var db in databases) await db.DisposeAsync();
        }
        var history = await HistoryAsync();
        Assert.Equal(["1", "2", "3", "4", "5", "6"], history.Select(h => h.Version));
        Assert.Equal(5L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {N("c")}", cancellationToken: Ct));
    }

    [Fact]
    public async Task MigrateAsync_waiter_that_gives_up_names_the_lock_holder()
    {
        Write("V1__a.sql", $"CREATE TABLE {N("l")} (id {T(SpecType.Int32)});");
        await using (await Db.Provider.AcquireMigrationLockAsync(Db, _history, TimeSpan.FromSeconds(5), Ct))
        {
            var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var e = await Assert.ThrowsAsync<NexuSqlTimeoutException>(() =>
                Migrator(Options() with { LockTimeout = TimeSpan.FromSeconds(1), Log = lines.Enqueue }).MigrateAsync(cancellationToken: Ct));
            Assert.Contains("Another migrator holds the migration lock", e.Message);
            Assert.Contains(lines, l => l.StartsWith("Another migrator holds the migration lock; waiting up to 1 s", StringComparison.Ordinal));
            Assert.Contains(HolderHint, e.Message);
        }
        Assert.Single((await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
    }

    /// <summary>
    /// bt38 H2 and M10: a backup's or copy's hold waits for a migrator of any history table of the database (was: only
    /// the default table's, so a snapshot began in the middle of a <c>--table app_history</c> migration), migrators of
    /// different history tables still run side by side, a migrator waits while the hold is on, and the hold gives up
    /// with a timeout naming the migrator.
    /// </summary>
    [Fact]
    public async Task HoldMigrationsAsync_waits_for_a_migrator_of_any_history_table_and_gives_up_naming_it()
    {
        await using (var free = await Db.Provider.HoldMigrationsAsync(Db, "nexusql_schema_history", TimeSpan.Zero, Ct))
            if (free is null || !Db.Provider.SupportsMigrationLock) return; // nothing to hold on this engine
        await using (await Db.Provider.AcquireMigrationLockAsync(Db, _history, TimeSpan.FromSeconds(5), Ct))
        {
            // another history table's migrator runs beside it
            await using (await Db.Provider.AcquireMigrationLockAsync(Db, _history + "_b", TimeSpan.Zero, Ct)) { }
            Assert.Contains(HolderHint, await Db.Provider.RunningMigratorAsync(Db, "nexusql_schema_history", Ct));
            var e = await Assert.ThrowsAsync<NexuSqlTimeoutException>(() => Db.Provider.HoldMigrationsAsync(Db, "nexusql_schema_history", TimeSpan.FromSeconds(1), Ct));
            Assert.StartsWith("A migrator holds the migration lock (", e.Message, StringComparison.Ordinal);
            Assert.Contains(HolderHint, e.Message);
        }
        Assert.Null(await Db.Provider.RunningMigratorAsync(Db, "nexusql_schema_history", Ct));
        await using (await Db.Provider.HoldMigrationsAsync(Db, "nexusql_schema_history", TimeSpan.FromSeconds(5), Ct))
            await Assert.ThrowsAsync<NexuSqlTimeoutException>(() => Db.Provider.AcquireMigrationLockAsync(Db, _history, TimeSpan.FromSeconds(1), Ct));
        await (await Db.Provider.AcquireMigrationLockAsync(Db, _history, TimeSpan.Zero, Ct)).DisposeAsync();
    }

    [Fact]
    public async Task MigrateAsync_no_transaction_marker_runs_statement_by_statement_and_records_a_failure()
    {
        Write("V1__marked.sql", $"{NexuSql.Migrations.Migrator.NoTransactionMarker}\nCREATE TABLE {N("nt")} (id {T(SpecType.Int32)});\nINSERT INTO missing_{N("x")} VALUES (1);");
        var e = await Assert.ThrowsAsync<NexuSqlMigrationScriptException>(() => Db.MigrateAsync(Options(), Ct));
        Assert.False(e.RolledBack);
        Assert.True(await TableExistsAsync(N("nt")));
        var row = Assert.Single(await HistoryAsync());
        Assert.False(row.Success);
        Assert.Equal(2, row.FailedStatement);
    }

    [Fact]
    public async Task MigrateAsync_runs_flyway_sql_callbacks_at_their_moments()
    {
        var log = N("cblog");
        Write("beforeMigrate.sql", $"CREATE TABLE IF NOT EXISTS {log} (note {T(SpecType.Text)});\nINSERT INTO {log} (note) VALUES ('before');");
        Write("afterEachMigrate__note.sql", $"INSERT INTO {log} (note) VALUES ('each');");
        Write("afterMigrate.sql", $"INSERT INTO {log} (note) VALUES ('after');");
        Write("afterEachMigrateError.sql", $"INSERT INTO {log} (note) VALUES ('each-error');");
        Write("afterMigrateError.sql", $"INSERT INTO {log} (note) VALUES ('error');");
        Write("V1__a.sql", $"CREATE TABLE {N("cb")} (id {T(SpecType.Int32)});");
        Write("V2__b.sql", $"INSERT INTO {N("cb")} (id) VALUES (2);");
        Assert.Equal(["V1__a.sql", "V2__b.sql"], (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        async Task<long> Count(string note) =>
            await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {log} WHERE note = :note", new { note }, Ct);
        Assert.Equal((1L, 2L, 1L), (await Count("before"), await Count("each"), await Count("after")));
        Assert.DoesNotContain(await HistoryAsync(), h => h.Script.Contains("Migrate", StringComparison.Ordinal));

        Write("V3__bad.sql", $"INSERT INTO {N("missing")} (id) VALUES (3);");
        await Assert.ThrowsAsync<NexuSqlMigrationScriptException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
        Assert.Equal((2L, 2L, 1L, 1L, 1L), (await Count("before"), await Count("each"), await Count("after"), await Count("each-error"), await Count("error")));
    }

    [Fact]
    public async Task Callbacks_run_for_validate_info_repair_baseline_statements_and_dry_runs()
    {
        var log = N("evlog");
        await Db.ExecuteRawAsync($"CREATE TABLE {log} (note {T(SpecType.Text)})", Ct);
        foreach (var ev in new[] { "beforeValidate", "afterValidate", "afterValidateError", "beforeInfo", "afterInfo", "beforeRepair", "afterRepair",
                                   "beforeBaseline", "afterBaseline", "afterBaselineError", "beforeEachMigrateStatement", "afterEachMigrateStatement",
                                   "afterEachMigrateStatementError", "afterVersioned", "afterMigrateApplied" })
            Write($"{ev}.sql", $"INSERT INTO {log} (note) VALUES ('{ev}');");
        async Task<long> Count(string note) => await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {log} WHERE note = :note", new { note }, Ct);

        await Migrator().BaselineAsync(MigrationVersion.Parse("0"), cancellationToken: Ct);
        Assert.Equal((1L, 1L, 0L), (await Count("beforeBaseline"), await Count("afterBaseline"), await Count("afterBaselineError")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator().BaselineAsync(MigrationVersion.Parse("0"), cancellationToken: Ct));
        Assert.Equal((2L, 1L, 1L), (await Count("beforeBaseline"), await Count("afterBaseline"), await Count("afterBaselineError")));

        Write("V1__two_statements.sql", $"CREATE TABLE {N("ev")} (id {T(SpecType.Int32)});\nINSERT INTO {N("ev")} (id) VALUES (1);");
        Write("R__view.sql", $"INSERT INTO {N("ev")} (id) VALUES (2);");
        var plan = await Migrator().MigrateAsync(dryRun: true, cancellationToken: Ct);
        Assert.Equal(3, plan.Statements.Count(st => st.Script == "beforeEachMigrateStatement.sql")); // one per statement of V1 and R
        Assert.Single(plan.Statements, st => st.Script == "afterVersioned.sql");
        Assert.Equal(0L, await Count("afterVersioned")); // a dry run runs nothing

        Assert.Equal(["V1__two_statements.sql", "R__view.sql"], (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        Assert.Equal((3L, 3L, 1L, 1L), (await Count("beforeEachMigrateStatement"), await Count("afterEachMigrateStatement"), await Count("afterVersioned"), await Count("afterMigrateApplied")));
        await Migrator().MigrateAsync(cancellationToken: Ct); // nothing applied: afterMigrateApplied does not run again
        Assert.Equal(1L, await Count("afterMigrateApplied"));

        Write("V2__fails.sql", $"INSERT INTO {N("nowhere")} (id) VALUES (1);");
        await Assert.ThrowsAsync<NexuSqlMigrationScriptException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
        Assert.Equal(1L, await Count("afterEachMigrateStatementError"));
        // the before-statement callback ran in the failed migration's transaction, and went with it where DDL is transactional
        Assert.Equal(Db.Dialect.Capabilities.TransactionalDdl ? 3L : 4L, await Count("beforeEachMigrateStatement"));

        File.Delete(Path.Combine(_dir, "V2__fails.sql"));
        if (!Db.Dialect.Capabilities.TransactionalDdl) await Migrator().RepairAsync(Ct);
        Assert.Empty(await Migrator().ValidateAsync(Ct));
        Assert.Equal((1L, 0L), (await Count("afterValidate"), await Count("afterValidateError")));
        File.Delete(Path.Combine(_dir, "V1__two_statements.sql"));
        Assert.NotEmpty(await Migrator().ValidateAsync(Ct));
        Assert.Equal((2L, 1L, 1L), (await Count("beforeValidate"), await Count("afterValidate"), await Count("afterValidateError")));
        await Migrator().InfoAsync(Ct);
        Assert.Equal((1L, 1L), (await Count("beforeInfo"), await Count("afterInfo")));
        var repairs = (await Count("beforeRepair"), await Count("afterRepair"));
        await Migrator().RepairAsync(Ct);
        Assert.Equal((repairs.Item1 + 1, repairs.Item2 + 1), (await Count("beforeRepair"), await Count("afterRepair")));
    }

    [Fact]
    public async Task Schemas_setting_creates_them_keeps_the_history_there_and_runs_scripts_in_the_default_schema()
    {
        var (a, b) = (N("sa"), N("sb"));
        var options = Options() with { Schemas = [a, b] };
        if (Db.Dialect.UseSchemaSql(a, untilTransactionEnds: false) is null)
        {
            Assert.Contains("schemas/defaultSchema", Assert.Throws<NotSupportedException>(() => Migrator(options).LoadScripts()).Message);
            return;
        }
        var current = await Db.ExecuteScalarAsync<string>(Db.Dialect.CurrentSchemaSql, cancellationToken: Ct);
        try
        {
            Write("V1__t.sql", $"CREATE TABLE st (id {T(SpecType.Int32)});\nINSERT INTO st (id) VALUES (1);");
            Write("V2__outside_a_transaction.sql", $"{NexuSql.Migrations.Migrator.NoTransactionMarker}\nINSERT INTO st (id) VALUES (2);");
            Write("afterMigrate.sql", "INSERT INTO st (id) SELECT 100 FROM st WHERE id = 1 AND '${flyway:defaultSchema}' = '" + a + "';");

            var plan = await Migrator(options).MigrateAsync(dryRun: true, cancellationToken: Ct);
            Assert.Contains(plan.Statements, st => st.Sql == "CREATE SCHEMA " + Q(a));
            Assert.Contains(plan.Statements, st => st.Sql == "CREATE SCHEMA " + Q(b));
            Assert.Equal(0L, await Db.ExecuteScalarAsync<long>(Db.Dialect.SchemaExistsSql, new { schema = a }, Ct)); // a dry run creates nothing

            Assert.Equal(2, (await Migrator(options).MigrateAsync(cancellationToken: Ct)).Scripts.Count);
            Assert.Equal(1L, await Db.ExecuteScalarAsync<long>(Db.Dialect.SchemaExistsSql, new { schema = b }, Ct));
            var inA = await Db.QueryAsync<string>(Db.Dialect.SchemaTablesSql, new { schema = a }, Ct);
            Assert.Contains("st", inA);
            Assert.Contains(_history, inA);
            Assert.False(await TableExistsAsync("st")); // not in the connection's own schema
            Assert.Equal([1, 2, 100], await Db.QueryAsync<int>($"SELECT id FROM {Db.Dialect.QuoteQualified(a, "st")} ORDER BY id", cancellationToken: Ct));
            var first = (await Db.QueryAsync<AppliedMigration>($"SELECT * FROM {Db.Dialect.QuoteQualified(a, _history)} ORDER BY installed_rank", cancellationToken: Ct))[0];
            Assert.Equal(("SCHEMA", null, $"{Q(a)},{Q(b)}"), (first.Type, first.Version, first.Script)); // as Flyway 9+ writes it
            Assert.All(await Migrator(options).InfoAsync(Ct), i => Assert.Equal(MigrationState.Applied, i.State));
            for (var k = 0; k < 5; k++) // the pool's connections kept their own schema
                Assert.Equal(current, await Db.ExecuteScalarAsync<string>(Db.Dialect.CurrentSchemaSql, cancellationToken: Ct));

            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator(options with { Schemas = [a, N("sc")], CreateSchemas = false }).MigrateAsync(cancellationToken: Ct));
            Assert.Contains($"Schema {N("sc")} does not exist and createSchemas is off", e.Message);
        }
        finally
        {
            foreach (var schema in new[] { a, b })
                await Db.ExecuteRawAsync($"DROP SCHEMA IF EXISTS {Q(schema)}{(Db.Dialect.Capabilities.Schemas ? " CASCADE" : "")}", Ct);
        }
    }

    [Fact]
    public async Task A_script_that_changes_the_search_path_or_database_still_records_its_history_and_psql_commands_are_refused_by_line()
    {
        var current = await Db.ExecuteScalarAsync<string?>(Db.Dialect.CurrentSchemaSql, cancellationToken: Ct);
        var away = Db.Engine switch
        {
            NexuSqlEngine.PostgreSql => "SELECT pg_catalog.set_config('search_path', '', false);", // what pg_dump writes
            NexuSqlEngine.MySql => "USE information_schema;",
            _ => null,
        };
        if (away is null || current is null) return; // SQLite has no schema to move away from
        Write("V1__away.sql", $"{away}\nCREATE TABLE {Db.Dialect.QuoteQualified(current, N("sp"))} (id {T(SpecType.Int32)});");
        Assert.Equal(["V1__away.sql"], (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        var row = Assert.Single(await HistoryAsync());
        Assert.Equal(("V1__away.sql", true), (row.Script, row.Success));
        Assert.True(await TableExistsAsync(N("sp")));

        if (Db.Engine != NexuSqlEngine.PostgreSql) return;
        Write("V2__dump.sql", $"\\restrict abc\nCREATE TABLE {N("dump")} (id int);\nCOPY {N("dump")} (id) FROM stdin;\n1\n\\.\n");
        var e = await Assert.ThrowsAsync<NexuSqlMigrationScriptException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
        Assert.Contains("V2__dump.sql failed at statement 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("'\\restrict abc' is a psql meta-command", e.Message, StringComparison.Ordinal);
        Write("V2__dump.sql", $"CREATE TABLE {N("dump")} (id int);\nCOPY {N("dump")} (id) FROM stdin;\n1\n\\.\n");
        e = await Assert.ThrowsAsync<NexuSqlMigrationScriptException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
        Assert.Contains("COPY ... FROM stdin", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Statement);
        Assert.False(await TableExistsAsync(N("dump"))); // nothing of the script ran
    }

    [Fact]
    public async Task A_new_history_table_with_flyways_name_is_made_in_flyways_shape_with_flyways_checksums()
    {
        const string table = "flyway_schema_history";
        await Db.ExecuteRawAsync($"DROP TABLE IF EXISTS {Q(table)}", Ct);
        try
        {
            var v1 = $"CREATE TABLE {N("fwn")} (id {T(SpecType.Int32)});  \n";
            Write("V1__new.sql", v1);
            await Migrator(Options() with { HistoryTable = table }).MigrateAsync(cancellationToken: Ct);
            var rows = await Db.QueryAsync<Row>($"SELECT * FROM {Q(table)}", cancellationToken: Ct);
            Assert.DoesNotContain(rows[0].Keys, k => string.Equals(k, "failed_statement", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(MigrationChecksum.ComputeFlyway(v1), Convert.ToInt32(rows[0]["checksum"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Empty(await Migrator(Options() with { HistoryTable = table }).ValidateAsync(Ct));
        }
        finally
        {
            await Db.ExecuteRawAsync($"DROP TABLE IF EXISTS {Q(table)}", Ct);
        }
    }

    [Fact]
    public async Task RepairAsync_marks_an_applied_script_that_is_gone_as_deleted_like_flyway()
    {
        Write("V1__a.sql", $"CREATE TABLE {N("rd")} (id {T(SpecType.Int32)});");
        Write("V2__b.sql", $"INSERT INTO {N("rd")} (id) VALUES (2);");
        await Migrator().MigrateAsync(cancellationToken: Ct);
        File.Delete(Path.Combine(_dir, "V2__b.sql"));
        Assert.Contains(await Migrator().ValidateAsync(Ct), p => p.Contains("Version 2 (V2__b.sql) is applied but its script is missing", StringComparison.Ordinal));
        Assert.Equal(MigrationState.Missing, (await Migrator().InfoAsync(Ct)).Single(i => i.Version?.Text == "2").State);

        var changes = await Migrator().RepairAsync(Ct);
        Assert.Equal(["Marked V2__b.sql (version 2) as deleted: its script is gone from the sources."], changes);
        Assert.Empty(await Migrator().ValidateAsync(Ct));
        Assert.Equal(MigrationState.Deleted, (await Migrator().InfoAsync(Ct)).Single(i => i.Version?.Text == "2").State);
        var rows = await HistoryAsync();
        Assert.Equal(("DELETE", "2", "V2__b.sql", true), (rows[^1].Type, rows[^1].Version, rows[^1].Script, rows[^1].Success));
        Assert.Empty(await Migrator().RepairAsync(Ct)); // a second repair has nothing left to do

        Write("V3__c.sql", $"INSERT INTO {N("rd")} (id) VALUES (3);");
        Assert.Equal(["V3__c.sql"], (await Migrator().MigrateAsync(cancellationToken: Ct)).Scripts);
        Assert.Equal(1L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {N("rd")} WHERE id = 2", cancellationToken: Ct)); // its effect stays
    }

    [Fact]
    public async Task MigrateAsync_failing_callback_is_named_and_nothing_after_it_runs()
    {
        Write("beforeMigrate__check.sql", $"INSERT INTO {N("nowhere")} (id) VALUES (1);");
        Write("V1__a.sql", $"CREATE TABLE {N("cbf")} (id {T(SpecType.Int32)});");
        var e = await Assert.ThrowsAsync<NexuSqlMigrationScriptException>(() => Migrator().MigrateAsync(cancellationToken: Ct));
        Assert.Contains("Callback beforeMigrate__check.sql failed at statement 1 of 1", e.Message);
        Assert.Contains("not recorded in the history", e.Message);
        Assert.False(await TableExistsAsync(N("cbf")));
        Assert.Empty(await HistoryAsync());
    }

    [Fact]
    public async Task MigrateAsync_reports_progress_through_ilogger()
    {
        Write("V1__logged.sql", $"CREATE TABLE {N("lg")} (id {T(SpecType.Int32)});");
        var logger = new CollectingLoggerFactory();
        await Migrator(Options() with { Logger = logger }).MigrateAsync(cancellationToken: Ct);
        Assert.Contains(logger.Messages, m => m.Contains("Applying V1__logged.sql", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Messages, m => m.Contains("waiting", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task MigrateAsync_extension_migrates_at_application_start()
    {
        Write("V1__start.sql", $"CREATE TABLE {N("st")} (id {T(SpecType.Int32)});");
        var result = await Db.MigrateAsync(Options(), Ct);
        Assert.Equal(["V1__start.sql"], result.Scripts);
        Assert.Empty((await Db.MigrateAsync(Options(), Ct)).Scripts);
    }

    [Fact]
    public async Task LeaseMigrationLock_excludes_concurrent_holders()
    {
        var inside = 0;
        var maxInside = 0;
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var held = await LeaseMigrationLock.AcquireAsync(Db, _history, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), Ct);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            await Task.Delay(30, Ct);
            Interlocked.Decrement(ref inside);
        }, Ct));
        await Task.WhenAll(tasks);
        Assert.Equal(1, maxInside);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    [Fact]
    public async Task LeaseMigrationLock_waiter_names_the_holder_and_takes_over_an_expired_lease()
    {
        var holder = await LeaseMigrationLock.AcquireAsync(Db, _history, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), Ct);
        var e = await Assert.ThrowsAsync<NexuSqlTimeoutException>(() => LeaseMigrationLock.AcquireAsync(Db, _history, TimeSpan.FromSeconds(1), cancellationToken: Ct));
        Assert.Contains($"pid {Environment.ProcessId}", e.Message);
        await holder.DisposeAsync();
        // a holder that died: its row stays, but the lease has run out
        await Db.ExecuteAsync($"INSERT INTO {Q(_history + "_lock")} (name, owner, expires_at) VALUES (:name, :owner, :expires)",
            new { name = _history, owner = "pid 1 (killed)", expires = DateTime.UtcNow.AddSeconds(-1) }, Ct);
        await using var taken = await LeaseMigrationLock.AcquireAsync(Db, _history, TimeSpan.FromSeconds(2), cancellationToken: Ct);
        Assert.False(taken.Lost);
    }

    [Fact]
    public async Task LeaseMigrationLock_is_not_held_once_its_renewals_stall_for_most_of_the_lease()
    {
        // the break test: a migrator paused (SIGSTOP) past its lease ran its next statement beside the migrator that had
        // taken over, and recorded the script as applied, before a renewal could find the lease lost. Held goes by this
        // process's own clock: here the renewals wait behind another transaction's lock on the row, as a paused process's
        // would not run at all
        await using var held = await LeaseMigrationLock.AcquireAsync(Db, _history, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1200), Ct);
        Assert.True(held.Held);
        await using (var tx = await Db.BeginTransactionAsync(cancellationToken: Ct))
        {
            await tx.ExecuteAsync($"UPDATE {Q(_history + "_lock")} SET owner = owner", cancellationToken: Ct);
            for (var i = 0; i < 50 && held.Held; i++) await Task.Delay(100, Ct);
            Assert.False(held.Held);
        }
    }

    [Fact]
    public async Task LeaseMigrationLock_whose_row_was_taken_over_says_it_is_lost()
    {
        // what the migrator checks before each script: a lease another migrator took over no longer keeps it out
        await using var held = await LeaseMigrationLock.AcquireAsync(Db, _history, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(600), Ct);
        Assert.False(held.Lost);
        // the table is this test's own (its row is named after the history table, qualified by the current schema)
        await Db.ExecuteAsync($"UPDATE {Q(_history + "_lock")} SET owner = :owner", new { owner = "pid 2 (took over)" }, Ct);
        for (var i = 0; i < 300 && !held.Lost; i++) await Task.Delay(100, Ct); // the next renewal (every 200 ms) finds it
        Assert.True(held.Lost);
    }

    /// <summary>Text the lock-timeout message shows about the holder on this engine.</summary>
    protected abstract string HolderHint { get; }

    /// <summary>A script defining routines/triggers with ';' inside their bodies, and a query proving they work (returns 42).</summary>
    protected abstract (string Script, string Check) RoutineScript();

    [Fact]
    public async Task MigrateAsync_runs_procedures_functions_and_triggers_written_for_the_engine()
    {
        var (script, check) = RoutineScript();
        Write("V1__routines.sql", script);
        await Migrator().MigrateAsync(cancellationToken: Ct);
        Assert.Equal(42L, await Db.ExecuteScalarAsync<long>(check, cancellationToken: Ct));
    }
}
