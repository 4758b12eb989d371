namespace NexuSql;

/// <summary>
/// The statement is beyond a fixed limit of the engine or its driver: more parameters than the protocol carries
/// (Npgsql's "A statement cannot have more than 65535 parameters", SQLite "too many SQL variables"), a statement bigger
/// than MySQL's <c>max_allowed_packet</c> (1153), too many placeholders in a MySQL prepared statement (1390) — e.g.
/// <c>IN (:ids)</c> with 70,000 ids. Nothing changed; the pool is fine; running it again cannot help: send fewer values
/// per statement (or raise the server's limit where it has one). Never transient.
/// </summary>
public class NexuSqlLimitException : NexuSqlException
{
    /// <inheritdoc cref="NexuSqlException(string, NexuSqlEngine?, string?, Exception?, bool)"/>
    public NexuSqlLimitException(string message, NexuSqlEngine? engine = null, string? engineCode = null, Exception? innerException = null)
        : base(message, engine, engineCode, innerException, isTransient: false) { }
}
