using System.Data.Common;

namespace NexuSql.Benchmarks;

/// <summary>What a careful developer writes by hand: typed getters by ordinal.</summary>
public static class PersonReader
{
    public static Person Read13(DbDataReader r) => new()
    {
        Id = r.GetInt32(0),
        Name = r.GetString(1),
        Email = r.GetString(2),
        Age = r.GetInt32(3),
        Score = r.GetDouble(4),
        Balance = r.GetDecimal(5),
        IsActive = r.GetBoolean(6),
        CreatedAt = r.GetDateTime(7),
        UpdatedAt = r.IsDBNull(8) ? null : r.GetDateTime(8),
        Code = r.GetGuid(9),
        Note = r.IsDBNull(10) ? null : r.GetString(10),
        RankValue = r.GetInt64(11),
        LevelValue = r.GetInt16(12),
    };

    public static Person Read10(DbDataReader r) => new()
    {
        Id = r.GetInt32(0),
        Name = r.GetString(1),
        Email = r.GetString(2),
        Age = r.GetInt32(3),
        Score = r.GetDouble(4),
        Balance = r.GetDecimal(5),
        IsActive = r.GetBoolean(6),
        CreatedAt = r.GetDateTime(7),
        Code = r.GetGuid(8),
        RankValue = r.GetInt64(9),
    };
}
