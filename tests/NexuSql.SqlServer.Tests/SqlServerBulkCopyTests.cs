using System.Reflection;
using Microsoft.Data.SqlClient;
using NexuSql.Schema;

namespace NexuSql.SqlServer.Tests;

/// <summary>The provider's bulk path, built on the real driver's SqlBulkCopy against a connection that is never opened.</summary>
public class SqlServerBulkCopyTests
{
    private static readonly SqlServerProvider Provider = new(SqlClientFactory.Instance);

    private static ColumnType T(string type) => ColumnType.Parse(type);

    private static readonly TableModel Items = new("order items", [
        new("id", T("int64"), false, Identity: true),
        new("qty", T("int16")),
        new("n", T("int32")),
        new("price", T("decimal(12,2)")),
        new("day", T("date")),
        new("at", T("time")),
        new("stamp", T("timestamptz")),
        new("flag", T("boolean")),
        new("name", T("string(40)")),
    ]);

    private static SqlConnection Unopened() => new("Data Source=127.0.0.1,1;Initial Catalog=shop;User ID=sa;Password=x;Encrypt=false");

    [Fact]
    public void Create_builds_SqlBulkCopy_with_quoted_destination_ordinal_mappings_and_options()
    {
        using var connection = Unopened();
        using var created = SqlServerBulkCopy.Create(connection, null, Items);
        var bulk = Assert.IsType<SqlBulkCopy>(created);
        Assert.Equal("[order items]", bulk.DestinationTableName);
        Assert.Equal(0, bulk.BulkCopyTimeout);
        Assert.Equal(0, bulk.BatchSize);
        Assert.False(bulk.EnableStreaming);
        var mappings = bulk.ColumnMappings.Cast<SqlBulkCopyColumnMapping>().ToList();
        Assert.Equal(Enumerable.Range(0, Items.Columns.Count), mappings.Select(m => m.SourceOrdinal));
        Assert.Equal(Items.Columns.Select(c => c.Name), mappings.Select(m => m.DestinationColumn));
        // the options have no public getter: read the driver's own field
        var options = (SqlBulkCopyOptions)typeof(SqlBulkCopy).GetField("_copyOptions", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(bulk)!;
        Assert.Equal(SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.KeepNulls | SqlBulkCopyOptions.CheckConstraints, options);
    }

    [Fact]
    public void BulkCopyType_is_the_SqlBulkCopy_beside_the_connection_type()
    {
        using var connection = Unopened();
        Assert.Equal(typeof(SqlBulkCopy), SqlServerBulkCopy.BulkCopyType(connection));
        Assert.Throws<ArgumentNullException>(() => SqlServerBulkCopy.BulkCopyType(null!));
    }

    [Fact]
    public void CanCopy_refuses_native_columns_and_decimals_wider_than_System_Decimal()
    {
        Assert.True(SqlServerBulkCopy.CanCopy(Items));
        Assert.False(SqlServerBulkCopy.CanCopy(Items with { Columns = [.. Items.Columns, new("g", T("native:geography"))] }));
        Assert.False(SqlServerBulkCopy.CanCopy(Items with { Columns = [.. Items.Columns, new("big", T("decimal(38,0)"))] }));
    }

    [Fact]
    public async Task BulkLoadAsync_on_SqlClient_goes_to_SqlBulkCopy_whose_error_comes_through_unwrapped()
    {
        await using var connection = Unopened();
        var rows = new[] { new object?[] { 1L, 2L, 3L, "4.50", new DateOnly(2026, 11, 29), TimeSpan.FromHours(1), DateTimeOffset.UnixEpoch, true, "x" } };
        // SqlBulkCopy checks its connection first: the driver's own message proves the call reached it
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Provider.BulkLoadAsync(connection, null, Items, rows, TestContext.Current.CancellationToken));
        Assert.Contains("open", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(nameof(SqlBulkCopy), e.StackTrace);
    }

    [Fact]
    public void RowReader_converts_portable_values_to_the_column_types_SqlBulkCopy_sends()
    {
        var row = new object?[] { 7L, 2L, 3L, "1234.50", new DateOnly(2026, 11, 29), TimeSpan.FromMinutes(90), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), true, null };
        using var reader = new SqlServerRowReader(Items, [row, row]);
        Assert.Equal(9, reader.FieldCount);
        Assert.True(reader.Read());
        Assert.Equal(7L, reader.GetValue(0));
        Assert.Equal((short)2, reader.GetValue(1));
        Assert.Equal(3, reader.GetValue(2));
        Assert.Equal(1234.50m, reader.GetValue(3));
        Assert.Equal(new DateTime(2026, 11, 29), reader.GetValue(4));
        Assert.Equal(TimeSpan.FromMinutes(90), reader.GetValue(5));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), reader.GetValue(6));
        Assert.Equal(true, reader.GetValue(7));
        Assert.True(reader.IsDBNull(8));
        Assert.Equal(DBNull.Value, reader.GetValue(8));
        Assert.Equal(typeof(short), reader.GetFieldType(1));
        Assert.Equal(2, reader.GetOrdinal("N"));
        Assert.True(reader.Read());
        Assert.False(reader.Read());
        Assert.Equal(2L, reader.RowsRead);
    }

    [Fact]
    public void RowReader_int16_out_of_range_fails_instead_of_wrapping()
    {
        using var reader = new SqlServerRowReader(Items, [[1L, 70_000L, null, null, null, null, null, null, null]]);
        Assert.True(reader.Read());
        Assert.Throws<OverflowException>(() => reader.GetValue(1));
    }
}
