namespace NexuSql;

/// <summary>
/// The SQL text is not valid for the engine: PostgreSQL 42601 (syntax_error), MySQL/MariaDB 1064 and 1149, SQLite
/// "syntax error" and "incomplete input". Nothing ran; running it again cannot help. Never transient.
/// </summary>
public class NexuSqlSyntaxException : NexuSqlException
{
    /// <inheritdoc cref="NexuSqlException(string, NexuSqlEngine?, string?, Exception?, bool)"/>
    public NexuSqlSyntaxException(string message, NexuSqlEngine? engine = null, string? engineCode = null, Exception? innerException = null)
        : base(message, engine, engineCode, innerException, isTransient: false) { }
}
