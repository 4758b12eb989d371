using NexuSql.Internal;

namespace NexuSql.Tests;

public class ValueConverterTests
{
    private enum Color { Red = 1, Green = 2 }

    [Fact]
    public void To_bool_from_engine_integers_and_text()
    {
        Assert.True(ValueConverter.To<bool>(1L));
        Assert.False(ValueConverter.To<bool>(0));
        Assert.True(ValueConverter.To<bool>((ulong)1));
        Assert.True(ValueConverter.To<bool>((sbyte)1));
        Assert.False(ValueConverter.To<bool>("false"));
        Assert.True(ValueConverter.To<bool?>("t"));
    }

    [Fact]
    public void To_guid_from_text_and_blob()
    {
        var g = Guid.NewGuid();
        Assert.Equal(g, ValueConverter.To<Guid>(g.ToString()));
        Assert.Equal(g, ValueConverter.To<Guid>(g.ToByteArray()));
    }

    [Fact]
    public void To_dates_and_times_from_text_and_datetime()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), ValueConverter.To<DateOnly>("2024-02-29"));
        Assert.Equal(new DateOnly(2024, 2, 29), ValueConverter.To<DateOnly>(new DateTime(2024, 2, 29)));
        Assert.Equal(new TimeOnly(13, 45, 10), ValueConverter.To<TimeOnly>(new TimeSpan(13, 45, 10)));
        Assert.Equal(new TimeOnly(13, 45, 10), ValueConverter.To<TimeOnly>("13:45:10"));
        var dto = ValueConverter.To<DateTimeOffset>("2024-01-02 03:04:05.123+02:00");
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 123, TimeSpan.FromHours(2)), dto);
        Assert.Equal(TimeSpan.Zero, ValueConverter.To<DateTimeOffset>(new DateTime(2024, 1, 2, 3, 4, 5)).Offset);
    }

    [Fact]
    public void To_decimal_from_text_keeps_full_precision()
    {
        Assert.Equal(12345678901234567890.123456789m, ValueConverter.To<decimal>("12345678901234567890.123456789"));
    }

    [Fact]
    public void To_enum_from_number_or_name()
    {
        Assert.Equal(Color.Green, ValueConverter.To<Color>(2L));
        Assert.Equal(Color.Red, ValueConverter.To<Color>("red"));
        Assert.Equal(Color.Green, ValueConverter.To<Color?>(2));
    }

    [Fact]
    public void To_nullable_from_dbnull_is_null_and_non_nullable_throws_clearly()
    {
        Assert.Null(ValueConverter.To<int?>(DBNull.Value));
        Assert.Null(ValueConverter.To<string>(null));
        var e = Assert.Throws<InvalidCastException>(() => ValueConverter.To<int>(DBNull.Value));
        Assert.Contains("Int32?", e.Message);
    }

    [Fact]
    public void To_int_overflow_is_an_invalid_cast_naming_the_value()
    {
        var e = Assert.Throws<InvalidCastException>(() => ValueConverter.To<int>(long.MaxValue));
        Assert.Contains(long.MaxValue.ToString(), e.Message);
    }
}
