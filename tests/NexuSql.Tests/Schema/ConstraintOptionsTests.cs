using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>Invisible columns and DEFERRABLE constraints in the model: file format, DDL per engine, reading SQLite's CREATE text, and plans.</summary>
public class ConstraintOptionsTests
{
    [Fact]
    public void Deferrable_keys_are_written_where_the_engine_has_them_and_refused_by_name_by_a_plan_elsewhere()
    {
        var parent = new TableModel("p", [new ColumnModel("id", ColumnType.Parse("int32"), false), new ColumnModel("code", ColumnType.Parse("text"))])
        {
            PrimaryKey = new KeyModel(null, ["id"]),
            Uniques = [new KeyModel("p_code", ["code"]) { Deferrable = "immediate" }],
        };
        var child = new TableModel("c", [new ColumnModel("id", ColumnType.Parse("int32"), false), new ColumnModel("p_id", ColumnType.Parse("int32"))])
        {
            ForeignKeys = [new ForeignKeyModel("c_p", ["p_id"], "p", ["id"]) { Deferrable = "deferred" }],
        };
        var schema = new SchemaModel([parent, child]);
        Assert.Equal(schema.ToJson(), SchemaModel.FromJson(schema.ToJson()).ToJson());
        Assert.Contains("\"deferrable\": \"deferred\"", schema.ToJson(), StringComparison.Ordinal);
        var pg = string.Join("\n", SchemaScript.Create(schema, PostgreSqlDialect.Instance));
        Assert.Contains("CONSTRAINT \"p_code\" UNIQUE (\"code\") DEFERRABLE INITIALLY IMMEDIATE", pg, StringComparison.Ordinal);
        Assert.Contains("REFERENCES \"p\" (\"id\") DEFERRABLE INITIALLY DEFERRED", pg, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => SchemaScript.Create(schema, MySqlDialect.Instance));
        var plan = SchemaDiff.Plan(new SchemaModel([]), schema, MySqlDialect.Instance);
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("DEFERRABLE INITIALLY DEFERRED foreign key c_p on c (p_id) → p", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("DEFERRABLE INITIALLY IMMEDIATE unique p_code on p (code)", StringComparison.Ordinal));
        // the same keys without DEFERRABLE differ
        var plain = new SchemaModel([parent with { Uniques = [new KeyModel("p_code", ["code"])] }, child with { ForeignKeys = [new ForeignKeyModel("c_p", ["p_id"], "p", ["id"])] }]);
        Assert.NotEmpty(SchemaDiff.Plan(plain, schema, PostgreSqlDialect.Instance, allowDrop: true).Changes);
        Assert.Empty(SchemaDiff.Plan(schema, schema, PostgreSqlDialect.Instance).Changes);
        Assert.Throws<FormatException>(() => SchemaModel.FromJson(schema.ToJson().Replace("\"deferred\"", "\"later\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Invisible_is_written_on_mariadb_only_and_a_plan_for_postgresql_refuses_it_by_name()
    {
        var t = new TableModel("t", [new ColumnModel("id", ColumnType.Parse("int32"), false), new ColumnModel("secret", ColumnType.Parse("string(20)")) { Invisible = true }]);
        var schema = new SchemaModel([t]);
        Assert.Contains("`secret` VARCHAR(20) INVISIBLE", SchemaScript.Create(schema, MySqlDialect.Instance)[0], StringComparison.Ordinal);
        var plan = SchemaDiff.Plan(new SchemaModel([]), schema, PostgreSqlDialect.Instance);
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("INVISIBLE column t.secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Column_collations_are_written_in_each_engines_spelling()
    {
        var t = new TableModel("w", [new ColumnModel("note", ColumnType.Parse("string(20)")) { Collation = "C" }]);
        Assert.Contains("\"note\" VARCHAR(20) COLLATE \"C\"", SchemaScript.Create(new SchemaModel([t]), PostgreSqlDialect.Instance)[0], StringComparison.Ordinal);
        Assert.Contains("`note` VARCHAR(20) COLLATE utf8mb4_bin", SchemaScript.Create(new SchemaModel([t with { Columns = [t.Columns[0] with { Collation = "utf8mb4_bin" }] }]), MySqlDialect.Instance)[0], StringComparison.Ordinal);
    }
}
