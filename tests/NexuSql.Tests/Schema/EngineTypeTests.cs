using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// A column's declared type on its own engine (<see cref="ColumnModel.EngineType"/>), SQLite WITHOUT ROWID tables and
/// INTEGER keys that are not the rowid, and index key parts with a collation: file format, DDL per engine, diff.
/// </summary>
public class EngineTypeTests
{
    private static ColumnModel Amount(NexuSqlEngine engine, string declared) =>
        new("amount", ColumnType.Parse("decimal(10,2)")) { EngineType = new EngineColumnType(engine, declared) };

    [Fact]
    public void EngineType_is_written_as_engine_colon_type_and_read_back()
    {
        var schema = new SchemaModel([new TableModel("t", [Amount(NexuSqlEngine.Sqlite, "DECIMAL(10,2)"), new ColumnModel("x", ColumnType.Parse("native:")) { EngineType = new EngineColumnType(NexuSqlEngine.Sqlite, "") }])]);
        var json = schema.ToJson();
        Assert.Contains("\"engineType\": \"sqlite:DECIMAL(10,2)\"", json, StringComparison.Ordinal);
        Assert.Contains("\"engineType\": \"sqlite:\"", json, StringComparison.Ordinal);
        Assert.Equal(json, SchemaModel.FromJson(json).ToJson());
        Assert.Equal(new EngineColumnType(NexuSqlEngine.MySql, "tinyint(3) unsigned"), EngineColumnType.Parse("mysql:tinyint(3) unsigned"));
        Assert.Equal(new EngineColumnType(NexuSqlEngine.PostgreSql, "character varying"), EngineColumnType.Parse("postgresql:character varying"));
    }

    [Theory]
    [InlineData("DECIMAL(10,2)")]
    [InlineData("oracle:NUMBER")]
    [InlineData("mysql:")]
    public void EngineType_without_a_known_engine_or_type_is_a_format_error_naming_the_spelling(string text)
    {
        var e = Assert.Throws<FormatException>(() => SchemaModel.FromJson($$"""{"tables":[{"name":"t","columns":[{"name":"a","type":"text","engineType":"{{text}}"}]}]}"""));
        Assert.Contains("engine:type", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_is_declared_with_the_engine_type_on_its_engine_and_the_portable_type_elsewhere()
    {
        var amount = Amount(NexuSqlEngine.Sqlite, "DECIMAL(10,2)");
        Assert.Equal("\"amount\" DECIMAL(10,2)", SchemaScript.Column(amount, SqliteDialect.Instance));
        Assert.Equal("\"amount\" DECIMAL_TEXT(10,2)", SchemaScript.Column(amount with { EngineType = null }, SqliteDialect.Instance));
        Assert.Equal("\"amount\" NUMERIC(10,2)", SchemaScript.Column(amount, PostgreSqlDialect.Instance));
        Assert.Equal("`amount` DECIMAL(10,2)", SchemaScript.Column(amount, MySqlDialect.Instance));
        var small = new ColumnModel("a", ColumnType.Parse("int16")) { EngineType = new EngineColumnType(NexuSqlEngine.MySql, "tinyint(3) unsigned") };
        Assert.Equal("`a` tinyint(3) unsigned", SchemaScript.Column(small, MySqlDialect.Instance));
        Assert.Equal("\"a\" SMALLINT", SchemaScript.Column(small, PostgreSqlDialect.Instance));
        // a STRICT table keeps its own spelling of types
        Assert.Equal("\"amount\" /* nexusql:decimal(10,2) */ TEXT", SchemaScript.Column(amount, SqliteDialect.Instance, strictTable: true));
    }

    [Fact]
    public void Sqlite_identity_stays_integer_and_an_integer_key_that_is_not_the_identity_says_primary_key_desc()
    {
        var id = new ColumnModel("id", ColumnType.Parse("int64"), false, Identity: true) { EngineType = new EngineColumnType(NexuSqlEngine.Sqlite, "integer") };
        var identity = new TableModel("t", [id]) { PrimaryKey = new KeyModel(null, ["id"]) };
        Assert.Equal("CREATE TABLE \"t\" (\n  \"id\" integer PRIMARY KEY AUTOINCREMENT\n)", SchemaScript.CreateTable(identity, SqliteDialect.Instance, inlineForeignKeys: true));
        var plain = id with { Identity = false, EngineType = new EngineColumnType(NexuSqlEngine.Sqlite, "INTEGER") };
        var desc = new TableModel("k", [plain]) { PrimaryKey = new KeyModel(null, ["id"]) };
        Assert.Equal("CREATE TABLE \"k\" (\n  \"id\" INTEGER NOT NULL PRIMARY KEY DESC\n)", SchemaScript.CreateTable(desc, SqliteDialect.Instance, inlineForeignKeys: true));
        // WITHOUT ROWID: no rowid to become, a table constraint as usual; other engines ignore the option
        var withoutRowid = desc with { WithoutRowid = true };
        Assert.Equal("CREATE TABLE \"k\" (\n  \"id\" INTEGER NOT NULL,\n  PRIMARY KEY (\"id\")\n) WITHOUT ROWID", SchemaScript.CreateTable(withoutRowid, SqliteDialect.Instance, inlineForeignKeys: true));
        Assert.Equal("CREATE TABLE \"k\" (\n  \"id\" INT NOT NULL\n) STRICT, WITHOUT ROWID",
            SchemaScript.CreateTable(new TableModel("k", [plain with { EngineType = null, Type = ColumnType.Parse("int32") }]) { WithoutRowid = true, Strict = true }, SqliteDialect.Instance, inlineForeignKeys: true));
        Assert.Equal("CREATE TABLE \"k\" (\n  \"id\" BIGINT NOT NULL,\n  PRIMARY KEY (\"id\")\n)", SchemaScript.CreateTable(withoutRowid, PostgreSqlDialect.Instance, inlineForeignKeys: true));
    }

    [Fact]
    public void Index_key_part_collation_is_written_where_the_engine_has_it_and_refused_by_name_where_not()
    {
        var index = new IndexModel("ci_a", [new IndexColumn("a") { Collation = "NOCASE" }, new IndexColumn("b")]);
        Assert.True(index.IsSpecial);
        Assert.Equal("CREATE INDEX \"ci_a\" ON \"ci\" (\"a\" COLLATE NOCASE, \"b\")", SqliteDialect.Instance.CreateIndexSql("ci", index));
        var e = Assert.Throws<NotSupportedException>(() => MySqlDialect.Instance.CreateIndexSql("ci", index));
        Assert.Contains("collations on index key parts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_sees_a_changed_declared_type_on_its_engine_and_ignores_one_of_another_engine_or_a_portable_file()
    {
        SchemaModel With(ColumnModel c) => new([new TableModel("t", [new ColumnModel("id", ColumnType.Parse("int64"), false), c]) { PrimaryKey = new KeyModel("t_pkey", ["id"]) }]);
        var live = With(Amount(NexuSqlEngine.PostgreSql, "numeric(10,2)"));
        Assert.Empty(SchemaDiff.Plan(live, With(Amount(NexuSqlEngine.PostgreSql, "NUMERIC(10,2)")), PostgreSqlDialect.Instance).Changes);
        Assert.Empty(SchemaDiff.Plan(live, With(Amount(NexuSqlEngine.PostgreSql, "numeric(10,2)") with { EngineType = null }), PostgreSqlDialect.Instance).Changes);
        Assert.Empty(SchemaDiff.Plan(live, With(Amount(NexuSqlEngine.Sqlite, "DECIMAL(10,2)")), PostgreSqlDialect.Instance).Changes);
        var changed = SchemaDiff.Plan(With(new ColumnModel("amount", ColumnType.Parse("text")) { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, "character varying") }),
            With(new ColumnModel("amount", ColumnType.Parse("text"))), PostgreSqlDialect.Instance);
        Assert.Empty(changed.Changes);
        var toText = SchemaDiff.Plan(With(new ColumnModel("amount", ColumnType.Parse("text")) { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, "character varying") }),
            With(new ColumnModel("amount", ColumnType.Parse("text")) { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, "citext") }), PostgreSqlDialect.Instance);
        Assert.Contains(toText.Changes.SelectMany(c => c.Sql), s => s.Contains("ALTER COLUMN \"amount\" TYPE citext", StringComparison.Ordinal));
    }

    [Fact]
    public void Sqlite_rebuild_for_a_portable_file_keeps_the_declared_types_and_without_rowid_is_a_rebuild_reason()
    {
        var live = new TableModel("t", [new ColumnModel("id", ColumnType.Parse("int64"), false) { EngineType = new EngineColumnType(NexuSqlEngine.Sqlite, "INTEGER") },
            Amount(NexuSqlEngine.Sqlite, "DECIMAL(10,2)")]) { PrimaryKey = new KeyModel(null, ["id"]), WithoutRowid = true };
        // the file (no engine types) adds a check: SQLite rebuilds the table, with the columns declared as they are
        var file = live with { Columns = [.. live.Columns.Select(c => c with { EngineType = null })], Checks = [new CheckModel("t_amount", "amount >= 0")] };
        var plan = SchemaDiff.Plan(new SchemaModel([live]), new SchemaModel([file]), SqliteDialect.Instance);
        var create = Assert.Single(plan.Statements, s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal));
        Assert.Contains("\"amount\" DECIMAL(10,2)", create, StringComparison.Ordinal);
        Assert.Contains("\"id\" INTEGER NOT NULL", create, StringComparison.Ordinal);
        Assert.EndsWith(") WITHOUT ROWID", create, StringComparison.Ordinal);
        // the file's table without the option: a rebuild that says so
        var rowid = SchemaDiff.Plan(new SchemaModel([live]), new SchemaModel([file with { Checks = [], WithoutRowid = false }]), SqliteDialect.Instance);
        Assert.Contains(rowid.Changes, c => c.Description.Contains("give the table a rowid", StringComparison.Ordinal));
    }
}
