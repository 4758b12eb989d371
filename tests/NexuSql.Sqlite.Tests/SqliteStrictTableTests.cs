using NexuSql.Backup;
using NexuSql.Copy;
using NexuSql.Dialects;
using NexuSql.Schema;
using NexuSql.Verification;

namespace NexuSql.Sqlite.Tests;

/// <summary>STRICT tables (SQLite 3.37+) in the schema model: read, written, diffed, backed up, restored and copied.</summary>
public sealed class SqliteStrictTableTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-strict-").FullName;
    private readonly List<NexuSqlDatabase> _open = [];

    private static ColumnType T(string type) => ColumnType.Parse(type);

    /// <summary>Every portable type the SQLite dialect writes, in one STRICT table.</summary>
    private static TableModel Everything(string name = "things") => new(name,
    [
        new("id", T("int64"), false, Identity: true),
        new("flag", T("boolean"), false, "0"),
        new("small", T("int16")),
        new("medium", T("int32")),
        new("big", T("int64")),
        new("price", T("decimal(12,2)")),
        new("ratio", T("float32")),
        new("measure", T("float64")),
        new("code", T("string(20)")),
        new("body", T("text")),
        new("raw", T("binary")),
        new("key", T("uuid")),
        new("day", T("date")),
        new("at", T("time")),
        new("stamp", T("timestamp")),
        new("stamptz", T("timestamptz")),
        new("doc", T("json")),
        new("anything", T("native:ANY")),
    ])
    {
        PrimaryKey = new KeyModel(null, ["id"]),
        Indexes = [new IndexModel(name + "_code", [new("code")])],
        Strict = true,
    };

    private NexuSqlDatabase Open(string file)
    {
        var db = NexuSqlDatabase.Open(DatabaseUrl.Parse("sqlite:///" + Path.Combine(_dir, file)));
        _open.Add(db);
        return db;
    }

    private static async Task ApplyAsync(NexuSqlDatabase db, IEnumerable<string> statements)
    {
        await using var tx = await db.BeginTransactionAsync(cancellationToken: Ct);
        foreach (var statement in statements) await tx.ExecuteRawAsync(statement, Ct);
        await tx.CommitAsync(Ct);
    }

    private static Task<SchemaModel> ReadAsync(NexuSqlDatabase db) => db.Provider.ReadSchemaAsync(db, Ct);

    private static async Task<bool> IsStrictAsync(NexuSqlDatabase db, string table) =>
        await db.ExecuteScalarAsync<long>("SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = :t", new { t = table }, Ct) == 1;

    private static Task InsertRowAsync(NexuSqlDatabase db, string table) => db.ExecuteAsync(
        $"INSERT INTO {table} (flag, small, medium, big, price, ratio, measure, code, body, raw, key, day, at, stamp, stamptz, doc, anything) " +
        "VALUES (:flag, :small, :medium, :big, :price, :ratio, :measure, :code, :body, :raw, :key, :day, :at, :stamp, :stamptz, :doc, :anything)",
        new
        {
            flag = true, small = (short)-7, medium = 123456, big = 9_000_000_000L, price = 1234.56m, ratio = 0.5f, measure = 2.25d,
            code = "A-1", body = "long text", raw = new byte[] { 1, 2, 3 }, key = Guid.Parse("5f1b6a43-9c2e-4d6f-8a1b-0c2d3e4f5a6b"),
            day = new DateOnly(2026, 11, 29), at = new TimeOnly(20, 15, 30), stamp = new DateTime(2026, 11, 29, 20, 15, 30),
            stamptz = new DateTimeOffset(2026, 11, 29, 20, 15, 30, TimeSpan.FromHours(1)), doc = "{\"a\":1}", anything = 42,
        }, Ct);

    [Fact]
    public async Task ReadSchemaAsync_strict_table_reads_back_as_written_with_every_portable_type()
    {
        var db = Open("read.db");
        var model = new SchemaModel([Everything()]);
        await ApplyAsync(db, SchemaScript.Create(model, db.Dialect));

        Assert.True(await IsStrictAsync(db, "things"));
        var live = await ReadAsync(db);
        Assert.True(live.Table("things")!.Strict);
        // defaults read back in their portable spelling (a boolean's 0 as false)
        Assert.Equal(model.Canonical().Tables[0].Columns.Select(c => c with { Default = ColumnDefault.Normalize(c.Default, c.Type) }), live.Table("things")!.Columns);
        Assert.True(SchemaDiff.Plan(live, model, db.Dialect).IsEmpty);
        Assert.Contains("\"strict\": true", live.ToJson());
    }

    [Fact]
    public async Task Strict_table_refuses_a_value_of_the_wrong_type_and_takes_every_portable_value()
    {
        var db = Open("enforce.db");
        await ApplyAsync(db, SchemaScript.Create(new SchemaModel([Everything()]), db.Dialect));
        await InsertRowAsync(db, "things");

        var e = await Assert.ThrowsAnyAsync<NexuSqlException>(() => db.ExecuteAsync("INSERT INTO things (big) VALUES ('not a number')", cancellationToken: Ct));
        Assert.Equal("3091", e.EngineCode); // SQLITE_CONSTRAINT_DATATYPE
        Assert.Contains("STRICT", e.Message);
        Assert.IsNotType<NexuSqlConstraintException>(e);
        var row = await db.QuerySingleAsync<Row>("SELECT flag, price, key, day FROM things", cancellationToken: Ct);
        Assert.Equal(1L, row["flag"]);
        Assert.Equal("1234.56", row["price"]);
        Assert.Equal("5f1b6a43-9c2e-4d6f-8a1b-0c2d3e4f5a6b", row["key"]);
        Assert.Equal("2026-11-29", row["day"]);
    }

    [Fact]
    public async Task Schema_dump_apply_diff_strict_table_round_trips_with_no_differences()
    {
        var source = Open("dump-source.db");
        await ApplyAsync(source, SchemaScript.Create(new SchemaModel([Everything()]), source.Dialect));
        var dumped = SchemaModel.FromJson((await ReadAsync(source)).ToJson());
        Assert.True(dumped.Table("things")!.Strict);

        var target = Open("dump-target.db");
        var plan = SchemaDiff.Plan(await ReadAsync(target), dumped, target.Dialect);
        await ApplyAsync(target, plan.Statements);

        Assert.True(await IsStrictAsync(target, "things"));
        Assert.True(SchemaDiff.Plan(await ReadAsync(target), dumped, target.Dialect).IsEmpty);
        Assert.True(SchemaDiff.Plan(await ReadAsync(target), await ReadAsync(source), target.Dialect, compareViewText: true).IsEmpty);
    }

    [Fact]
    public async Task Diff_strict_flag_change_rebuilds_the_table_keeping_rows_and_indexes()
    {
        var db = Open("rebuild.db");
        var loose = Everything() with { Strict = false };
        await ApplyAsync(db, SchemaScript.Create(new SchemaModel([loose]), db.Dialect));
        await InsertRowAsync(db, "things");
        await InsertRowAsync(db, "things");
        Assert.False(await IsStrictAsync(db, "things"));

        var plan = SchemaDiff.Plan(await ReadAsync(db), new SchemaModel([Everything()]), db.Dialect);
        Assert.Empty(plan.Refused);
        var change = Assert.Single(plan.Changes);
        Assert.Equal("rebuild table things (make the table STRICT)", change.Description);
        Assert.False(change.Destructive);
        await ApplyAsync(db, plan.Statements);

        Assert.True(await IsStrictAsync(db, "things"));
        Assert.Equal(2L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM things WHERE price = '1234.56' AND flag = 1", cancellationToken: Ct));
        Assert.Equal(["things_code"], (await ReadAsync(db)).Table("things")!.Indexes.Select(i => i.Name));
        Assert.True(SchemaDiff.Plan(await ReadAsync(db), new SchemaModel([Everything()]), db.Dialect).IsEmpty);

        var back = SchemaDiff.Plan(await ReadAsync(db), new SchemaModel([loose]), db.Dialect);
        Assert.Equal("rebuild table things (make the table not STRICT)", Assert.Single(back.Changes).Description);
        await ApplyAsync(db, back.Statements);
        Assert.False(await IsStrictAsync(db, "things"));
        Assert.Equal(2L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM things", cancellationToken: Ct));
    }

    [Fact]
    public async Task Diff_strict_flag_change_on_a_referenced_table_is_refused_with_the_reason()
    {
        var db = Open("referenced.db");
        var parent = new TableModel("parent", [new("id", T("int64"), false)]) { PrimaryKey = new KeyModel(null, ["id"]) };
        var child = new TableModel("child", [new("id", T("int64"), false), new("parent_id", T("int64"))])
        {
            PrimaryKey = new KeyModel(null, ["id"]),
            ForeignKeys = [new ForeignKeyModel(null, ["parent_id"], "parent", ["id"])],
        };
        await ApplyAsync(db, SchemaScript.Create(new SchemaModel([parent, child]), db.Dialect));

        var plan = SchemaDiff.Plan(await ReadAsync(db), new SchemaModel([parent with { Strict = true }, child]), db.Dialect);
        Assert.Empty(plan.Changes);
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("make parent STRICT (it needs a table rebuild", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Diff_add_column_to_strict_table_keeps_its_portable_type()
    {
        var db = Open("add-column.db");
        var v1 = new TableModel("notes", [new("id", T("int64"), false, Identity: true), new("body", T("text"))]) { PrimaryKey = new KeyModel(null, ["id"]), Strict = true };
        await ApplyAsync(db, SchemaScript.Create(new SchemaModel([v1]), db.Dialect));
        var v2 = v1 with { Columns = [.. v1.Columns, new("done", T("boolean")), new("due", T("date"))] };

        var plan = SchemaDiff.Plan(await ReadAsync(db), new SchemaModel([v2]), db.Dialect);
        Assert.Equal(2, plan.Changes.Count);
        Assert.All(plan.Changes, c => Assert.StartsWith("add column notes.", c.Description, StringComparison.Ordinal));
        await ApplyAsync(db, plan.Statements);

        Assert.Equal(v2.Columns, (await ReadAsync(db)).Table("notes")!.Columns);
        Assert.True(SchemaDiff.Plan(await ReadAsync(db), new SchemaModel([v2]), db.Dialect).IsEmpty);
    }

    [Fact]
    public async Task Backup_restore_and_copy_of_a_strict_table_stay_strict_with_equal_rows()
    {
        var source = Open("source.db");
        await ApplyAsync(source, SchemaScript.Create(new SchemaModel([Everything()]), source.Dialect));
        for (var i = 0; i < 3; i++) await InsertRowAsync(source, "things");
        var backup = Path.Combine(_dir, "strict.nxb");

        var manifest = await BackupCreator.CreateAsync(source, backup, new BackupOptions(), Ct);
        Assert.True(manifest.Schema.Table("things")!.Strict);

        var restored = Open("restored.db");
        Assert.Equal(3L, (await BackupRestorer.RestoreAsync(backup, restored, new RestoreOptions(), Ct)).Rows);
        var copied = Open("copied.db");
        Assert.Equal(3L, (await DatabaseCopier.CopyAsync(source, copied, new CopyOptions(), Ct)).Rows);

        foreach (var target in new[] { restored, copied })
        {
            Assert.True(await IsStrictAsync(target, "things"));
            Assert.True(SchemaDiff.Plan(await ReadAsync(target), await ReadAsync(source), target.Dialect).IsEmpty);
            Assert.Empty(await DataComparer.CompareAsync(source, target, cancellationToken: Ct));
        }
    }

    [Fact]
    public void StrictColumnTypeSql_writes_only_strict_types_with_the_portable_type_in_a_comment()
    {
        var d = SqliteDialect.Instance;
        Assert.Equal("INT", d.StrictColumnTypeSql(T("int32")));
        Assert.Equal("/* nexusql:boolean */ INT", d.StrictColumnTypeSql(T("boolean")));
        Assert.Equal("/* nexusql:decimal(12,2) */ TEXT", d.StrictColumnTypeSql(T("decimal(12,2)")));
        Assert.Equal("/* nexusql:native:citext */ ANY", d.StrictColumnTypeSql(T("native:citext")));
        Assert.Equal("BLOB", d.StrictColumnTypeSql(T("binary")));
        var sql = SchemaScript.CreateTable(Everything(), d, inlineForeignKeys: true);
        Assert.EndsWith(") STRICT", sql);
        Assert.Contains("\"id\" INTEGER PRIMARY KEY AUTOINCREMENT", sql);
    }

    public ValueTask InitializeAsync() => default;

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _open) await db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
