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
