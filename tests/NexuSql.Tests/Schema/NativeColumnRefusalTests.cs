using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>Break test L2 (session 15): a SQLite column without a declared type was named with an empty type, <c>t.k ()</c>.</summary>
public class NativeColumnRefusalTests
{
    [Fact]
    public void A_column_without_a_declared_type_is_named_as_such()
    {
        var schema = new SchemaModel([new TableModel("t", [new("k", new ColumnType(PortableType.Native, Native: "")), new("b", new ColumnType(PortableType.Native, Native: "geometry"))])]);
        var e = Assert.Throws<NexuSqlRefusedException>(() => SchemaScript.RefuseNativeColumns(schema, NexuSqlEngine.Sqlite, PostgreSqlDialect.Instance));
        Assert.Contains("t.k (no declared type: any value), t.b (geometry)", e.Message, StringComparison.Ordinal);
    }
}
