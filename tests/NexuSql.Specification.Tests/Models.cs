namespace NexuSql.Specification;

/// <summary>A mutable class mapped through settable properties (snake_case columns to PascalCase members).</summary>
public sealed class Person
{
    public long Id { get; set; }
    public string FirstName { get; set; } = "";
    public int? Age { get; set; }
    public bool IsActive { get; set; }
}

/// <summary>A positional record mapped through its constructor.</summary>
public sealed record PersonRecord(long Id, string FirstName, int? Age, bool IsActive);

/// <summary>An enum stored as its number.</summary>
public enum Level { Low = 1, High = 2 }
