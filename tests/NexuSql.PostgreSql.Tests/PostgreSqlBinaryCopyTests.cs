using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.PostgreSql.Tests;

/// <summary>The binary COPY rows NexuSQL encodes itself (<see cref="PgBinaryRowWriter"/>) reach the server as the values they were.</summary>
public sealed class PostgreSqlBinaryCopyTests(PostgreSqlFixture fixture) : IClassFixture<PostgreSqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ColumnType T(string type) => ColumnType.Parse(type);

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("10000")]
    [InlineData("9999.9999")]
    [InlineData("12345.6")]
    [InlineData("0.0001")]
    [InlineData("-0.00001")]
    [InlineData("100000000.00000000")]
    [InlineData("1234567890123456789.012345678")]
    [InlineData("0010.5")]
    public void IsPlainDecimal_takes_the_decimal_texts_of_portable_rows(string text) =>
        Assert.True(PgBinaryRowWriter.IsPlainDecimal(text, 28));

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1e5")]
    [InlineData("NaN")]
    [InlineData("1,000")]
    [InlineData(" 1")]
    [InlineData("12345678901234567890123456789")]
    public void IsPlainDecimal_refuses_what_the_text_path_must_carry(string text) =>
        Assert.False(PgBinaryRowWriter.IsPlainDecimal(text, 28));

    [Fact]
    public async Task BulkLoadAsync_binary_copy_keeps_every_kind_exactly()
    {
        var db = fixture.Database;
        var name = fixture.NewTable("bincopy");
        var table = new TableModel(name, [
            new("id", T("int64"), false), new("flag", T("boolean")), new("small", T("int16")), new("medium", T("int32")), new("exact", T("decimal(28,10)")),
            new("money", T("decimal(12,2)")), new("single", T("float32")), new("dbl", T("float64")), new("short_text", T("string(20)")), new("long_text", T("text")),
            new("bytes", T("binary")), new("id2", T("uuid")), new("day", T("date")), new("clock", T("time")), new("stamp", T("timestamp")),
            new("instant", T("timestamptz")), new("doc", T("json"))]);
        await db.ExecuteAsync(SchemaScript.CreateTable(table, db.Dialect, inlineForeignKeys: true), cancellationToken: Ct);
        string[] decimals = ["0", "0.0000000001", "-0.0000000001", "1", "-1", "10000", "9999.9999", "12345.6", "100000000.00000000", "123456789012345678.0123456789",
            "-99999999999999999.9999999999", "0.5", "0.0001", "42.4242"];
        var rows = new List<object?[]>();
        for (var i = 0; i < decimals.Length; i++)
        {
            rows.Add([(long)i, i % 2 == 0, (long)(short.MinValue + i), (long)(int.MaxValue - i), decimals[i], i % 3 == 0 ? "-0.01" : "1234567890.12",
                i == 0 ? float.MaxValue : 1.5f * i, i == 1 ? double.NegativeInfinity : Math.PI * i, "é 😀 " + i, new string('x', 70_000 * (i % 2)),
                new byte[] { 0, 255, (byte)i }, Guid.NewGuid(), DateOnly.FromDayNumber(i * 50_000), TimeSpan.FromTicks(i * 123_456_789L % TimeSpan.TicksPerDay / 10 * 10),
                new DateTime(2000 + i, 2, 28, 23, 59, 59).AddTicks(i * 10), new DateTimeOffset(1970 + i, 1, 1, 0, 0, 0, TimeSpan.Zero), $$"""{"a": [{{i}}, "x"]}"""]);
        }
        rows.Add([100L, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null]);
        rows.Add([101L, true, 0L, 0L, "NaN", "0.00", 0f, 0d, "", "", Array.Empty<byte>(), Guid.Empty, new SpecialTemporal("infinity"), TimeSpan.FromHours(24),
            new SpecialTemporal("-infinity"), new SpecialTemporal("infinity"), "{}"]); // NaN goes as a text INSERT in between
        // as a restore hands them over: portable values (decimals padded to the column's scale)
        rows = [.. rows.Select(row => row.Select((v, i) => PortableValues.Normalize(v, table.Columns[i].Type)).ToArray())];
        var expected = new TableHasher(table.Columns.Select(c => c.Type));
        foreach (var row in rows) expected.Add(row);

        await using var session = await db.OpenSessionAsync(Ct);
        await using (var tx = await session.DbConnection.BeginTransactionAsync(Ct))
        {
            Assert.Equal(rows.Count, await db.Provider.BulkLoadAsync(session.DbConnection, tx, table, rows, Ct));
            await tx.CommitAsync(Ct);
        }

        var actual = new TableHasher(table.Columns.Select(c => c.Type));
        await TableReader.ReadAsync(session, null, table, row => actual.Add(row), Ct);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Hash, actual.Hash);
        var texts = await db.QueryAsync<string>($"SELECT exact::text FROM {name} WHERE id < 100 ORDER BY id", cancellationToken: Ct);
        Assert.Equal(decimals.Select(d => decimal.Parse(d, System.Globalization.CultureInfo.InvariantCulture).ToString("F10", System.Globalization.CultureInfo.InvariantCulture)), texts);
    }

    [Fact]
    public async Task BulkLoadAsync_binary_copy_refuses_an_unpaired_surrogate_instead_of_changing_it()
    {
        var db = fixture.Database;
        var name = fixture.NewTable("bincopy_bad");
        var table = new TableModel(name, [new("id", T("int64"), false), new("note", T("text"))]);
        await db.ExecuteAsync(SchemaScript.CreateTable(table, db.Dialect, inlineForeignKeys: true), cancellationToken: Ct);
        await using var session = await db.OpenSessionAsync(Ct);
        await using var tx = await session.DbConnection.BeginTransactionAsync(Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Provider.BulkLoadAsync(session.DbConnection, tx, table, [[1L, "ok"], [2L, "\ud800"]], Ct));
    }
}
