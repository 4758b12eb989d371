namespace NexuSql;

/// <summary>The database could not be reached, refused the login, or dropped the connection.</summary>
public class NexuSqlConnectionException : NexuSqlException
{
    /// <inheritdoc cref="NexuSqlException(string, NexuSqlEngine?, string?, Exception?, bool)"/>
    public NexuSqlConnectionException(string message, NexuSqlEngine? engine = null, string? engineCode = null,
        Exception? innerException = null, bool isTransient = true)
        : base(message, engine, engineCode, innerException, isTransient) { }
}
