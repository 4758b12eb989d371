namespace NexuSql;

/// <summary>A write violated a constraint. <see cref="Kind"/> is the same on every engine; the engine code is attached.</summary>
public class NexuSqlConstraintException : NexuSqlException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Which kind of constraint.</param>
    /// <param name="message">The message (engine text included, never a password).</param>
    /// <param name="engine">The engine.</param>
    /// <param name="engineCode">The engine's code.</param>
    /// <param name="innerException">The driver's exception.</param>
    /// <param name="constraintName">The constraint or index name, when the engine reports it.</param>
    /// <param name="tableName">The table, when the engine reports it.</param>
    /// <param name="columnName">The column, when the engine reports it.</param>
    public NexuSqlConstraintException(ConstraintKind kind, string message, NexuSqlEngine? engine = null,
        string? engineCode = null, Exception? innerException = null,
        string? constraintName = null, string? tableName = null, string? columnName = null)
        : base(message, engine, engineCode, innerException)
    {
        Kind = kind;
        ConstraintName = constraintName;
        TableName = tableName;
        ColumnName = columnName;
    }

    /// <summary>Which kind of constraint was violated.</summary>
    public ConstraintKind Kind { get; }

    /// <summary>The constraint or index name, when the engine reports it.</summary>
    public string? ConstraintName { get; }

    /// <summary>The table, when the engine reports it.</summary>
    public string? TableName { get; }

    /// <summary>The column, when the engine reports it.</summary>
    public string? ColumnName { get; }

    /// <summary>
    /// Which row: the key of the row being written (<c>id=42</c>) when NexuSQL knows it (a load that writes one row per
    /// statement, rows found by query), or the violated key's value the engine reports (<c>n=5</c>, from PostgreSQL's
    /// <c>Key (n)=(5) already exists</c>); null otherwise.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>
    /// The row was refused by a check made before anything was written (a trial load rolled back, a query of the
    /// target's keys): the target is unchanged, as the message says, and running the same command again is refused the
    /// same way until the row or the target changes. False for a write the engine refused.
    /// </summary>
    public bool BeforeWriting { get; init; }
}
