namespace NexuSql;

/// <summary>A command or a connection attempt ran past its timeout, or the server cancelled the statement.</summary>
public class NexuSqlTimeoutException : NexuSqlException
{
    /// <inheritdoc cref="NexuSqlException(string, NexuSqlEngine?, string?, Exception?, bool)"/>
    public NexuSqlTimeoutException(string message, NexuSqlEngine? engine = null, string? engineCode = null,
        Exception? innerException = null)
        : base(message, engine, engineCode, innerException, isTransient: true) { }
}
