using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>The STRICT table option: written by SQLite's DDL only, ignored with no error by every other engine.</summary>
public class StrictTableTests
{
    private static readonly TableModel Strict = new("items", [new("id", ColumnType.Parse("int64"), false), new("done", ColumnType.Parse("boolean"))])
    {
        PrimaryKey = new KeyModel(null, ["id"]),
        Strict = true,
    };

    [Fact]
    public void SchemaModel_json_strict_round_trips_and_is_left_out_when_false()
    {
        var json = new SchemaModel([Strict]).ToJson();
        Assert.Contains("\"strict\": true", json);
        Assert.True(SchemaModel.FromJson(json).Table("items")!.Strict);
        Assert.DoesNotContain("strict", new SchemaModel([Strict with { Strict = false }]).ToJson());
        Assert.False(SchemaModel.FromJson("""{"tables":[{"name":"t","columns":[{"name":"a","type":"int32"}]}]}""").Tables[0].Strict);
    }

    [Theory]
    [InlineData("P")]
    [InlineData("C")]
    [InlineData("M")]
    [InlineData("Q")]
    public void CreateTable_strict_table_on_other_engines_is_the_ordinary_table(string code)
    {
        var d = DialectCodes.Get(code[0]);
        Assert.False(d.SupportsStrictTables);
        Assert.Equal(SchemaScript.CreateTable(Strict with { Strict = false }, d, inlineForeignKeys: false), SchemaScript.CreateTable(Strict, d, inlineForeignKeys: false));
        Assert.Equal(d.AddColumnSql("items", Strict.Columns[1]), d.AddColumnSql("items", Strict.Columns[1], strictTable: true));
    }

    [Theory]
    [InlineData("P")]
    [InlineData("C")]
    [InlineData("M")]
    [InlineData("Q")]
    public void Plan_strict_flag_change_on_other_engines_plans_nothing(string code)
    {
        var d = DialectCodes.Get(code[0]);
        Assert.True(SchemaDiff.Plan(new SchemaModel([Strict with { Strict = false }]), new SchemaModel([Strict]), d).IsEmpty);
        Assert.True(SchemaDiff.Plan(new SchemaModel([Strict]), new SchemaModel([Strict with { Strict = false }]), d).IsEmpty);
    }

    [Fact]
    public void Plan_strict_flag_change_on_sqlite_rebuilds_the_table_as_strict()
    {
        var plan = SchemaDiff.Plan(new SchemaModel([Strict with { Strict = false }]), new SchemaModel([Strict]), SqliteDialect.Instance);
        var change = Assert.Single(plan.Changes);
        Assert.Equal("rebuild table items (make the table STRICT)", change.Description);
        Assert.EndsWith(") STRICT", change.Sql[0]);
        Assert.Contains("\"done\" /* nexusql:boolean */ INT", change.Sql[0]);
    }

    [Fact]
    public void CreateTable_strict_table_on_sqlite_ends_with_strict()
    {
        var sql = SchemaScript.CreateTable(Strict, SqliteDialect.Instance, inlineForeignKeys: true);
        Assert.EndsWith(") STRICT", sql);
        Assert.Contains("\"id\" /* nexusql:int64 */ INT NOT NULL", sql);
        Assert.DoesNotContain("STRICT", SchemaScript.CreateTable(Strict with { Strict = false }, SqliteDialect.Instance, inlineForeignKeys: true));
    }
}
