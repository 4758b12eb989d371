namespace NexuSql.Schema;

/// <summary>Column types every engine can hold, plus <see cref="Native"/> as an escape hatch.</summary>
public enum PortableType
{
    /// <summary>true/false.</summary>
    Boolean,
    /// <summary>16-bit integer.</summary>
    Int16,
    /// <summary>32-bit integer.</summary>
    Int32,
    /// <summary>64-bit integer.</summary>
    Int64,
    /// <summary>Exact decimal with precision and scale.</summary>
    Decimal,
    /// <summary>4-byte floating point.</summary>
    Float32,
    /// <summary>8-byte floating point.</summary>
    Float64,
    /// <summary>Text of at most a given length.</summary>
    String,
    /// <summary>Unbounded text.</summary>
    Text,
    /// <summary>Bytes.</summary>
    Binary,
    /// <summary>UUID.</summary>
    Uuid,
    /// <summary>Calendar date.</summary>
    Date,
    /// <summary>Time of day.</summary>
    Time,
    /// <summary>Timestamp without time zone.</summary>
    Timestamp,
    /// <summary>Timestamp with time zone (an instant).</summary>
    TimestampTz,
    /// <summary>JSON document.</summary>
    Json,
    /// <summary>An engine-specific type written as is (<c>native:citext</c>).</summary>
    Native,
}
