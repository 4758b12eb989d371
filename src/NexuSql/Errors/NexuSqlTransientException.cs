namespace NexuSql;

/// <summary>
/// The engine aborted the transaction so that it can be re-run: serialization failure (40001), deadlock
/// (40P01, MySQL 1213, SQL Server 1205), lock wait timeout (MySQL 1205), busy database (SQLite).
/// <see cref="NexuSqlSession"/>'s <c>Transaction</c> methods re-run the whole unit on this exception.
/// </summary>
public class NexuSqlTransientException : NexuSqlException
{
    /// <inheritdoc cref="NexuSqlException(string, NexuSqlEngine?, string?, Exception?, bool)"/>
    public NexuSqlTransientException(string message, NexuSqlEngine? engine = null, string? engineCode = null,
        Exception? innerException = null)
        : base(message, engine, engineCode, innerException, isTransient: true) { }

    /// <summary>How many times the unit of work ran before NexuSQL gave up (0 when not raised by a retrying call).</summary>
    public int Attempts { get; init; }
}
