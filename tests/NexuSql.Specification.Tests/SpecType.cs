namespace NexuSql.Specification;

/// <summary>Column types the suites need, spelled per engine by <see cref="DatabaseFixture.TypeName"/>.</summary>
public enum SpecType
{
    Boolean, Int32, Int64, Decimal, Double, Text, Binary, Uuid, Date, Time, Timestamp, TimestampTz,
}
