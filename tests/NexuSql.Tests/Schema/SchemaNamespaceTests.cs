using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// PostgreSQL schemas other than the current one in the model: <c>a.t</c> and <c>b.t</c> are two tables, written
/// schema-qualified with their schemas created first, a foreign key across schemas names its table's schema, a file
/// without schemas reads as before, and an engine without schemas refuses them by name.
/// </summary>
public class SchemaNamespaceTests
{
    private static readonly ColumnModel Id = new("id", ColumnType.Parse("int32"), false);

    private static readonly SchemaModel Model = new([
        new TableModel("t", [Id]) { Schema = "a", PrimaryKey = new KeyModel("t_pkey", ["id"]) },
        new TableModel("t", [Id, new("a_id", ColumnType.Parse("int32"))])
        {
            Schema = "b", PrimaryKey = new KeyModel("t_pkey", ["id"]),
            ForeignKeys = [new ForeignKeyModel("t_a_id_fkey", ["a_id"], "t", ["id"]) { ReferencedSchema = "a" }],
            Indexes = [new IndexModel("t_a_id", [new IndexColumn("a_id")])],
        },
        new TableModel("t", [Id]),
    ]) { Views = [new ViewModel("v", "SELECT id FROM b.t") { Schema = "b" }] };

    [Fact]
    public void Create_postgresql_writes_schemas_first_and_every_name_qualified()
    {
        var sql = SchemaScript.Create(Model, PostgreSqlDialect.Instance);
        Assert.Equal(["CREATE SCHEMA IF NOT EXISTS \"a\"", "CREATE SCHEMA IF NOT EXISTS \"b\""], sql.Take(2));
        Assert.Contains(sql, s => s.StartsWith("CREATE TABLE \"a\".\"t\" (", StringComparison.Ordinal));
        Assert.Contains(sql, s => s.StartsWith("CREATE TABLE \"b\".\"t\" (", StringComparison.Ordinal));
        Assert.Contains(sql, s => s.StartsWith("CREATE TABLE \"t\" (", StringComparison.Ordinal));
        Assert.Contains("ALTER TABLE \"b\".\"t\" ADD CONSTRAINT \"t_a_id_fkey\" FOREIGN KEY (\"a_id\") REFERENCES \"a\".\"t\" (\"id\")", sql);
        Assert.Contains("CREATE INDEX \"t_a_id\" ON \"b\".\"t\" (\"a_id\")", sql);
        Assert.Contains("CREATE VIEW \"b\".\"v\" AS SELECT id FROM b.t", sql);
    }

    [Fact]
    public void Plan_matches_tables_by_schema_and_name_and_round_trips_the_file()
    {
        var json = Model.ToJson();
        Assert.Contains("\"schema\": \"a\"", json, StringComparison.Ordinal);
        Assert.Contains("\"referencedSchema\": \"a\"", json, StringComparison.Ordinal);
        var read = SchemaModel.FromJson(json);
        Assert.Equal(json, read.ToJson());
        Assert.True(SchemaDiff.Plan(read, Model, PostgreSqlDialect.Instance).IsEmpty);
        // only the current schema's t exists: a.t and b.t are created, never matched with it
        var plan = SchemaDiff.Plan(new SchemaModel([Model.Tables[2]]), Model, PostgreSqlDialect.Instance);
        Assert.Empty(plan.Refused);
        Assert.Equal(["create schema a", "create schema b", "create table a.t", "create table b.t", "add foreign key b.t(a_id) → a.t", "create index t_a_id on b.t", "create view b.v"],
            plan.Changes.Select(c => c.Description));
    }

    [Fact]
    public void A_file_without_other_schemas_leaves_them_alone()
    {
        var old = new SchemaModel([Model.Tables[2]]);
        Assert.True(SchemaDiff.Plan(Model.WithinSchemasOf(old), old, PostgreSqlDialect.Instance, allowDrop: true).IsEmpty);
        Assert.Null(SchemaModel.FromJson("""{"tables":[{"name":"t","columns":[{"name":"id","type":"int32"}]}]}""").Tables[0].Schema);
    }

    [Fact]
    public void Plan_for_an_engine_without_schemas_refuses_each_by_name()
    {
        var plan = SchemaDiff.Plan(new SchemaModel([]), Model, MySqlDialect.Instance);
        Assert.Contains(plan.Refused, c => c.Description.StartsWith("table a.t (MySQL/MariaDB has no schemas inside a database", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, c => c.Description.StartsWith("table b.t (", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, c => c.Description.StartsWith("view b.v (", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Changes, c => c.Sql.Any(s => s.Contains("\"a\"", StringComparison.Ordinal) || s.Contains("`a`", StringComparison.Ordinal)));
    }

    [Fact]
    public void InCurrentSchema_names_what_it_leaves_out()
    {
        var current = Model.InCurrentSchema("public");
        Assert.Equal(["t"], current.Tables.Select(t => t.QualifiedName));
        Assert.Empty(current.Views);
        Assert.Contains("schema a (1 tables; only the current schema, public, is read)", current.LeftOut);
        Assert.Contains("view b.v (outside the current schema, public)", current.LeftOut);
    }

    [Fact]
    public void InSchemas_keeps_the_named_ones_names_foreign_keys_it_cuts_and_refuses_an_unknown_name()
    {
        var model = Model with { CurrentSchema = "public" };
        var b = model.InSchemas(["b"]);
        Assert.Equal(["b.t"], b.Tables.Select(t => t.QualifiedName));
        Assert.Empty(b.Tables[0].ForeignKeys);
        Assert.Contains("foreign key t_a_id_fkey on b.t (references a.t, in a schema --schemas leaves out)", b.LeftOut);
        Assert.Equal(["a.t", "t"], model.InSchemas(["public", "a"]).Tables.Select(t => t.QualifiedName).Order(StringComparer.Ordinal));
        Assert.Throws<ArgumentException>(() => model.InSchemas(["nope"]));
    }
}
