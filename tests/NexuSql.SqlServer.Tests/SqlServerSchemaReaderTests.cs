using System.Text.RegularExpressions;
using NexuSql.Dialects;
using NexuSql.Schema;
using static NexuSql.SqlServer.SqlServerSchemaReader;

namespace NexuSql.SqlServer.Tests;

/// <summary>
/// The SQL Server catalog rows → model mapping, fed with rows shaped as sys.* returns them (no server installs here).
/// </summary>
public class SqlServerSchemaReaderTests
{
    /// <summary>The dialect's DDL spelling of a type, parsed the way sys.columns reports it (max_length in bytes).</summary>
    private static ColumnType ReadBack(string ddl)
    {
        var m = Regex.Match(ddl, @"^(?<name>[A-Z][A-Z0-9]*)(\((?<a>MAX|\d+)(,(?<b>\d+))?\))?$");
        var name = m.Groups["name"].Value.ToLowerInvariant();
        var a = m.Groups["a"].Value;
        int maxLength = a == "MAX" ? -1 : a.Length > 0 && name is "nvarchar" ? int.Parse(a) * 2 : a.Length > 0 ? int.Parse(a) : 8;
        int precision = name is "decimal" ? int.Parse(a) : name == "float" ? 53 : name == "real" ? 24 : 0;
        int scale = name is "decimal" ? int.Parse(m.Groups["b"].Value) : name is "time" or "datetime2" or "datetimeoffset" ? int.Parse(a) : 0;
        return MapType(name, maxLength, precision, scale);
    }

    [Theory]
    [InlineData("boolean")]
    [InlineData("int16")]
    [InlineData("int32")]
    [InlineData("int64")]
    [InlineData("decimal(38,10)")]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("string(50)")]
    [InlineData("text")]
    [InlineData("binary")]
    [InlineData("uuid")]
    [InlineData("date")]
    [InlineData("time")]
    [InlineData("timestamp")]
    [InlineData("timestamptz")]
    public void Every_portable_type_written_by_the_dialect_reads_back_as_itself(string type)
    {
        var t = ColumnType.Parse(type);
        Assert.Equal(t, ReadBack(SqlServerDialect.Instance.ColumnTypeSql(t)));
    }

    [Fact]
    public void Json_is_kept_as_nvarchar_max_and_reads_back_as_text()
    {
        Assert.Equal("NVARCHAR(MAX)", SqlServerDialect.Instance.ColumnTypeSql(ColumnType.Parse("json")));
        Assert.Equal(PortableType.Text, ReadBack("NVARCHAR(MAX)").Kind);
    }

    [Theory]
    [InlineData("varchar", 40, 0, 0, "native:varchar(40)")]
    [InlineData("varchar", -1, 0, 0, "native:varchar(max)")]
    [InlineData("nchar", 20, 0, 0, "native:nchar(10)")]
    [InlineData("datetime", 8, 23, 3, "native:datetime")]
    [InlineData("datetime2", 8, 27, 3, "native:datetime2(3)")]
    [InlineData("money", 8, 19, 4, "native:money")]
    [InlineData("tinyint", 1, 3, 0, "native:tinyint")]
    public void Types_without_a_portable_twin_stay_native_with_their_size(string name, int maxLength, int precision, int scale, string expected) =>
        Assert.Equal(expected, MapType(name, maxLength, precision, scale).ToString());

    [Theory]
    [InlineData("((0))", "0")]
    [InlineData("((1)+(2))", "(1)+(2)")]
    [InlineData("(N'it''s (here)')", "'it''s (here)'")]
    [InlineData("(getdate())", "now()")]
    [InlineData("(sysutcdatetime())", "now()")]
    [InlineData("(newid())", "uuid()")]
    public void Defaults_lose_the_wrapping_and_map_to_portable_functions(string stored, string expected) =>
        Assert.Equal(expected, MapDefault(stored));

    [Fact]
    public void Build_assembles_keys_foreign_keys_indexes_checks_views_and_sequences()
    {
        var model = Build(
            [
                new("orders", "id", "bigint", 8, 19, 0, false, true, null),
                new("orders", "customer_id", "bigint", 8, 19, 0, false, false, null),
                new("orders", "placed", "datetime2", 8, 27, 7, false, false, "(sysutcdatetime())"),
                new("lines", "order_id", "bigint", 8, 19, 0, false, false, null),
                new("lines", "line", "int", 4, 10, 0, false, false, null),
                new("lines", "qty", "int", 4, 10, 0, false, false, "((1))"),
            ],
            [
                new("lines", "PK_lines", "PK", "order_id"), new("lines", "PK_lines", "PK", "line"),
                new("orders", "PK_orders", "PK", "id"), new("orders", "UQ_orders_placed", "UQ", "placed"),
            ],
            [new("lines", "FK_lines_orders", "order_id", "orders", "id", "CASCADE", "NO_ACTION")],
            [new("orders", "IX_orders_customer", false, "customer_id", false), new("orders", "IX_orders_customer", false, "placed", true)],
            [new("lines", "CK_lines_qty", "([qty]>(0))")],
            [new("big_orders", "CREATE VIEW [dbo].[big_orders] AS SELECT id FROM orders WHERE id > 100")],
            [new("invoice_numbers", 1000, 10)]);

        var orders = model.Table("orders")!;
        Assert.True(orders.Columns[0].Identity);
        Assert.Equal("now()", orders.Columns[2].Default);
        Assert.Equal(("PK_orders", "id"), (orders.PrimaryKey!.Name, Assert.Single(orders.PrimaryKey.Columns)));
        Assert.Equal(["placed"], Assert.Single(orders.Uniques).Columns);
        var index = Assert.Single(orders.Indexes);
        Assert.Equal([("customer_id", false), ("placed", true)], index.Columns.Select(c => (c.Name, c.Descending)));
        var lines = model.Table("lines")!;
        Assert.Equal(["order_id", "line"], lines.PrimaryKey!.Columns);
        Assert.Equal("1", lines.Columns[2].Default);
        var fk = Assert.Single(lines.ForeignKeys);
        Assert.Equal(("orders", "CASCADE", "NO ACTION"), (fk.ReferencedTable, fk.OnDelete, fk.OnUpdate));
        Assert.Equal("[qty]>(0)", Assert.Single(lines.Checks).Expression);
        Assert.Equal("SELECT id FROM orders WHERE id > 100", Assert.Single(model.Views).Sql);
        Assert.Equal(new SequenceModel("invoice_numbers", 1000, 10), Assert.Single(model.Sequences));
    }

    [Fact]
    public void Queries_stay_in_the_current_schema()
    {
        foreach (var sql in new[] { ColumnsSql, KeysSql, ForeignKeysSql, IndexesSql, ChecksSql, ViewsSql, SequencesSql })
            Assert.Contains("SCHEMA_ID()", sql);
    }
}
