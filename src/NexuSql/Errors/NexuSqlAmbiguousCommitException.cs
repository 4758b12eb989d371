namespace NexuSql;

/// <summary>
/// The connection failed while COMMIT was in flight: the transaction may or may not have committed.
/// It is never retried automatically; the caller must check the data (or make the work idempotent).
/// </summary>
public class NexuSqlAmbiguousCommitException : NexuSqlException
{
    /// <inheritdoc cref="NexuSqlException(string, NexuSqlEngine?, string?, Exception?, bool)"/>
    public NexuSqlAmbiguousCommitException(string message, NexuSqlEngine? engine = null, string? engineCode = null,
        Exception? innerException = null)
        : base(message, engine, engineCode, innerException, isTransient: false) { }
}
