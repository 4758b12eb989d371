namespace NexuSql.Dialects;

/// <summary>Column types NexuSQL's own tables use (history, locks), spelled per engine by <see cref="SqlDialect.TypeName"/>.</summary>
public enum SqlType
{
    /// <summary>32-bit integer.</summary>
    Int32,
    /// <summary>64-bit integer.</summary>
    Int64,
    /// <summary>True/false.</summary>
    Boolean,
    /// <summary>Text of at most the given length.</summary>
    VarChar,
    /// <summary>Unbounded text.</summary>
    Text,
    /// <summary>A UTC timestamp without zone.</summary>
    Timestamp,
}
