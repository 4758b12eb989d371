namespace NexuSql;

/// <summary>Which kind of constraint a write violated. The same value on every engine.</summary>
public enum ConstraintKind
{
    /// <summary>A unique constraint, unique index or primary key.</summary>
    Unique,
    /// <summary>A foreign key: a missing parent row, or a parent still referenced.</summary>
    ForeignKey,
    /// <summary>A NOT NULL column received NULL.</summary>
    NotNull,
    /// <summary>A CHECK constraint.</summary>
    Check,
}

/// <summary>Words for a <see cref="ConstraintKind"/>, as messages say it.</summary>
public static class ConstraintKindText
{
    /// <summary>"Unique", "Foreign key", "Not-null" or "Check" (capitalized: it starts a message's phrase).</summary>
    public static string Words(this ConstraintKind kind) => kind switch
    {
        ConstraintKind.ForeignKey => "Foreign key",
        ConstraintKind.NotNull => "Not-null",
        _ => kind.ToString(),
    };
}
