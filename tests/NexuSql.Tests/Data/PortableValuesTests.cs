using NexuSql.Backup;
using NexuSql.Data;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Data;

public class PortableValuesTests
{
    private static ColumnType T(string type) => ColumnType.Parse(type);

    [Theory]
    [InlineData("1.5", 2, "1.50")]
    [InlineData("+001.500", 2, "1.50")]
    [InlineData("-0.00", 2, "0.00")]
    [InlineData(".5", 1, "0.5")]
    [InlineData("1E+2", 0, "100")]
    [InlineData("12345678901234567890123456789012345678", 0, "12345678901234567890123456789012345678")]
    [InlineData("1.505", 2, "1.505")]
    [InlineData("-7", 3, "-7.000")]
    public void Decimal_text_is_exact_and_padded_to_the_scale_never_cut(string input, int scale, string expected) =>
        Assert.Equal(expected, PortableValues.Decimal(input, scale));

    [Fact]
    public void Normalize_turns_each_driver_form_into_the_one_portable_form()
    {
        Assert.Equal(true, PortableValues.Normalize(1L, T("boolean")));
        Assert.Equal(5L, PortableValues.Normalize((short)5, T("int16")));
        Assert.Equal(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), PortableValues.Normalize("3f2504e0-4f89-11d3-9a0c-0305e82c3301", T("uuid")));
        Assert.Equal(new DateOnly(2024, 2, 29), PortableValues.Normalize(new DateTime(2024, 2, 29), T("date")));
        Assert.Equal(new TimeSpan(0, 23, 59, 58, 123), PortableValues.Normalize("23:59:58.123", T("time")));
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)PortableValues.Normalize(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), T("timestamp"))!).Kind);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 6, 30, 0, TimeSpan.Zero), PortableValues.Normalize(new DateTime(2024, 6, 1, 6, 30, 0, DateTimeKind.Utc), T("timestamptz")));
        Assert.Equal("1.50", PortableValues.Normalize(1.5m, T("decimal(10,2)")));
        Assert.Null(PortableValues.Normalize(DBNull.Value, T("text")));
        Assert.Equal("", PortableValues.Normalize("", T("text")));
    }

    [Theory]
    [InlineData("string(3)", "abcd", "4 characters do not fit string(3)")]
    [InlineData("string(3)", "😀😀😀", null)]
    [InlineData("decimal(5,2)", "123.45", null)]
    [InlineData("decimal(5,2)", "1234.5", "more digits before the point")]
    [InlineData("decimal(5,2)", "1.234", "more than 2 decimal places")]
    [InlineData("decimal(5,2)", "0.50", null)]
    public void FitProblem_reports_what_does_not_fit(string type, string value, string? problem)
    {
        var found = PortableValues.FitProblem(value, T(type));
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found);
    }

    [Fact]
    public void FitProblem_checks_integer_ranges_and_dialects_add_their_own_limits()
    {
        Assert.NotNull(PortableValues.FitProblem(40_000L, T("int16")));
        Assert.Null(PortableValues.FitProblem(-32_768L, T("int16")));
        Assert.NotNull(PortableValues.FitProblem((long)int.MaxValue + 1, T("int32")));
        var tick = new DateTime(2024, 1, 1, 0, 0, 0).AddTicks(1);
        Assert.Contains("finer fraction of a second", PostgreSqlDialect.Instance.ValueProblem(tick, T("timestamp")));
        Assert.Null(SqliteDialect.Instance.ValueProblem(tick, T("timestamp")));
        Assert.Contains("TIMESTAMP range", MySqlDialect.Instance.ValueProblem(new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero), T("timestamptz")));
        Assert.Null(PostgreSqlDialect.Instance.ValueProblem(new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero), T("timestamptz")));
    }

    [Fact]
    public void RowCodec_round_trips_every_value_exactly()
    {
        object?[] values =
        [
            null, true, false, long.MinValue, long.MaxValue, -1L, 0L, 1.5f, double.Epsilon, double.NaN, "", "😀 ünï", new string('x', 100_000),
            Array.Empty<byte>(), new byte[] { 0, 255, 0 }, Guid.NewGuid(), new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31), TimeSpan.FromTicks(863_999_999_999),
            new DateTime(2024, 2, 29, 1, 2, 3).AddTicks(4567), new DateTimeOffset(2024, 6, 1, 8, 30, 0, TimeSpan.FromMinutes(-330)),
        ];
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            foreach (var v in values) RowCodec.Write(w, v);
            RowCodec.WriteDecimal(w, "-12345678901234567890123456789.0123456789");
        }
        stream.Position = 0;
        using var r = new BinaryReader(stream);
        foreach (var expected in values)
        {
            var actual = RowCodec.Read(r, out var end);
            Assert.False(end);
            Assert.Equal(expected, actual);
            if (expected is DateTimeOffset dto) Assert.Equal(dto.Offset, ((DateTimeOffset)actual!).Offset);
        }
        Assert.Equal("-12345678901234567890123456789.0123456789", RowCodec.Read(r, out _));
    }

    [Fact]
    public void TableHasher_ignores_row_order_json_key_order_and_time_zone_offsets_but_not_values()
    {
        ColumnType[] types = [T("int64"), T("json"), T("timestamptz")];
        object?[] a = [1L, """{"b": 1, "a": [1, 2.50]}""", new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.FromHours(2))];
        object?[] b = [2L, """{"x":null}""", null];
        var one = new TableHasher(types);
        one.Add(a);
        one.Add(b);
        var two = new TableHasher(types);
        two.Add([2L, """{ "x" : null }""", null]);
        two.Add([1L, """{"a":[1,2.50],"b":1}""", new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero)]);
        Assert.Equal(one.Hash, two.Hash);
        var three = new TableHasher(types);
        three.Add(a);
        three.Add([2L, """{"x":0}""", null]);
        Assert.NotEqual(one.Hash, three.Hash);
        var four = new TableHasher(types);
        four.Add(a);
        Assert.NotEqual(one.Hash, four.Hash);
    }

    [Theory]
    [InlineData("", 0xEF46DB3751D8E999UL)]
    [InlineData("a", 0xD24EC4F1A98C6E5BUL)]
    [InlineData("abc", 0x44BC2CF5AD770999UL)]
    [InlineData("Nobody inspects the spammish repetition", 0xFBCEA83C8A378BF1UL)]
    public void XxHash64_matches_the_reference_vectors(string text, ulong expected) =>
        Assert.Equal(expected, XxHash.Hash64(System.Text.Encoding.ASCII.GetBytes(text), 0));

    [Theory]
    [InlineData("12.5", "12.50")]
    [InlineData("-0.5", "-0.50")]
    [InlineData("1e2", "100.00")]
    public void Data_file_decimals_become_exact_text(string field, string expected) =>
        Assert.Equal(expected, NexuSql.Operations.DataFiles.Convert(field, new ColumnModel("d", T("decimal(10,2)"))));

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("12,5")]
    public void Data_file_text_that_is_not_a_number_is_refused_for_a_decimal_column(string field) =>
        Assert.Throws<FormatException>(() => NexuSql.Operations.DataFiles.Convert(field, new ColumnModel("d", T("decimal(10,2)"))));
}
