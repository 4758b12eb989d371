namespace NexuSql.Specification;

/// <summary>One C# type reads and writes the same on every engine (RELIABILITY.md #17 at the API level).</summary>
public abstract class TypesSpec<TFixture>(TFixture fixture) : SpecBase<TFixture>(fixture) where TFixture : DatabaseFixture
{
    public sealed class AllTypes
    {
        public int Id { get; set; }
        public bool? Flag { get; set; }
        public int? Small { get; set; }
        public long? Big { get; set; }
        public decimal? Money { get; set; }
        public double? Ratio { get; set; }
        public string? Body { get; set; }
        public byte[]? Data { get; set; }
        public Guid? Key { get; set; }
        public DateOnly? Day { get; set; }
        public TimeOnly? At { get; set; }
        public DateTime? Stamp { get; set; }
        public DateTimeOffset? Moment { get; set; }
        public Level? Level { get; set; }
    }

    private async Task<string> CreateTableAsync()
    {
        var table = Fixture.NewTable("all_types");
        await Db.ExecuteAsync($"""
            CREATE TABLE {table} (
              id {T(SpecType.Int32)} PRIMARY KEY, flag {T(SpecType.Boolean)} NULL, small {T(SpecType.Int32)} NULL,
              big {T(SpecType.Int64)} NULL, money {T(SpecType.Decimal)} NULL, ratio {T(SpecType.Double)} NULL,
              body {T(SpecType.Text)} NULL, data {T(SpecType.Binary)} NULL, {Q("key")} {T(SpecType.Uuid)} NULL,
              day {T(SpecType.Date)} NULL, {Q("at")} {T(SpecType.Time)} NULL, stamp {T(SpecType.Timestamp)} NULL,
              moment {T(SpecType.TimestampTz)} NULL, {Q("level")} {T(SpecType.Int32)} NULL)
            """, cancellationToken: Ct);
        return table;
    }

    private Task InsertAsync(string table, AllTypes v) => Db.ExecuteAsync(
        $"INSERT INTO {table} (id, flag, small, big, money, ratio, body, data, {Q("key")}, day, {Q("at")}, stamp, moment, {Q("level")}) " +
        "VALUES (:id, :flag, :small, :big, :money, :ratio, :body, :data, :key, :day, :at, :stamp, :moment, :level)", v, Ct);

    private string Select(string table) =>
        $"SELECT id, flag, small, big, money, ratio, body, data, {Q("key")}, day, {Q("at")}, stamp, moment, {Q("level")} FROM {table}";

    public static AllTypes Sample(int id) => new()
    {
        Id = id,
        Flag = true,
        Small = int.MinValue,
        Big = long.MaxValue,
        Money = 1234567890123456.123456789m,
        Ratio = 1.0 / 3,
        Body = "héllo 😀 𝄞 \u00a0 ' \" \\ :name -- /*",
        Data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(),
        Key = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        Day = new DateOnly(2024, 2, 29),
        At = new TimeOnly(13, 45, 10, 123),
        Stamp = new DateTime(2024, 2, 29, 13, 45, 10, 123),
        Moment = new DateTimeOffset(2024, 2, 29, 13, 45, 10, 123, TimeSpan.FromHours(2)),
        Level = Specification.Level.High,
    };

    [Fact]
    public async Task Roundtrip_every_type_reads_back_identical()
    {
        var table = await CreateTableAsync();
        var expected = Sample(1);
        await InsertAsync(table, expected);
        var actual = await Db.QuerySingleAsync<AllTypes>(Select(table) + " WHERE id = 1", cancellationToken: Ct);
        Assert.Equal(expected.Flag, actual.Flag);
        Assert.Equal(expected.Small, actual.Small);
        Assert.Equal(expected.Big, actual.Big);
        Assert.Equal(expected.Money, actual.Money);
        Assert.Equal(expected.Ratio, actual.Ratio);
        Assert.Equal(expected.Body, actual.Body);
        Assert.Equal(expected.Data, actual.Data);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.Day, actual.Day);
        Assert.Equal(expected.At, actual.At);
        Assert.Equal(expected.Stamp, actual.Stamp);
        Assert.Equal(expected.Moment!.Value.UtcDateTime, actual.Moment!.Value.UtcDateTime);
        Assert.Equal(expected.Level, actual.Level);
    }

    [Fact]
    public async Task Roundtrip_null_stays_null_and_empty_stays_empty()
    {
        var table = await CreateTableAsync();
        await InsertAsync(table, new AllTypes { Id = 1 });
        await InsertAsync(table, new AllTypes { Id = 2, Body = "", Data = [] });
        var rows = Db.Query<AllTypes>(Select(table) + " ORDER BY id");
        Assert.Null(rows[0].Body);
        Assert.Null(rows[0].Data);
        Assert.Null(rows[0].Moment);
        Assert.Null(rows[0].Level);
        Assert.Equal("", rows[1].Body);
        Assert.Equal([], rows[1].Data!);
    }

    [Fact]
    public async Task Roundtrip_as_untyped_row_converts_on_request()
    {
        var table = await CreateTableAsync();
        await InsertAsync(table, Sample(7));
        var row = (await Db.QueryAsync(Select(table), cancellationToken: Ct)).Single();
        Assert.True(row.Get<bool>("flag"));
        Assert.Equal(Sample(7).Key, row.Get<Guid>("key"));
        Assert.Equal(Specification.Level.High, row.Get<Level>("level"));
        Assert.Equal(new DateOnly(2024, 2, 29), row.Get<DateOnly>("day"));
    }

    [Fact]
    public async Task Query_null_into_non_nullable_member_names_column_and_member()
    {
        var e = await Assert.ThrowsAsync<InvalidCastException>(() =>
            Db.QueryAsync<NonNullable>("SELECT NULL AS count_value", cancellationToken: Ct));
        Assert.Contains("count_value", e.Message);
        Assert.Contains("CountValue", e.Message);
    }

    public sealed class NonNullable
    {
        public int CountValue { get; set; }
    }
}
