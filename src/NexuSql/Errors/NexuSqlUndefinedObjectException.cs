namespace NexuSql;

/// <summary>
/// The statement names a table, column or function the database does not have: PostgreSQL 42P01 (undefined_table),
/// 42703 (undefined_column), 42883 (undefined_function); MySQL/MariaDB 1146 and 1054; SQLite "no such table",
/// "no such column", "no such function". Running it again cannot help: fix the SQL, or apply the migrations that
/// create the object. Never transient.
/// </summary>
public class NexuSqlUndefinedObjectException : NexuSqlException
{
    /// <inheritdoc cref="NexuSqlException(string, NexuSqlEngine?, string?, Exception?, bool)"/>
    /// <param name="message">What went wrong.</param>
    /// <param name="objectName">The missing object's name as the engine reports it (<c>orders</c>, <c>db.orders</c>), when it does.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="engineCode">The engine's code.</param>
    /// <param name="innerException">The driver's exception.</param>
    public NexuSqlUndefinedObjectException(string message, string? objectName, NexuSqlEngine? engine = null, string? engineCode = null,
        Exception? innerException = null)
        : base(message, engine, engineCode, innerException, isTransient: false) => ObjectName = objectName;

    /// <summary>The missing object's name as the engine reports it, when it does.</summary>
    public string? ObjectName { get; }
}
