namespace NexuSql;

/// <summary>
/// The check after a copy or restore read a table back and found other rows than were written (its count or content
/// hash differs): the target changed a value, or something else wrote to it meanwhile. Names the table, and the first
/// differing row's key where a comparison with the source found it.
/// </summary>
public class NexuSqlDataMismatchException : NexuSqlException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="table">The table whose rows differ (schema-qualified where not in the default schema).</param>
    /// <param name="key">The first differing row's key (<c>id=2</c>), or null when not known.</param>
    /// <param name="message">What differs, and what state the target was left in.</param>
    /// <param name="engine">The target's engine.</param>
    /// <param name="innerException">The check's own finding, when this adds the differing rows to it.</param>
    public NexuSqlDataMismatchException(string table, string? key, string message, NexuSqlEngine? engine = null, Exception? innerException = null)
        : base(message, engine, null, innerException)
    {
        Table = table;
        Key = key;
    }

    /// <summary>The table whose rows differ.</summary>
    public string Table { get; }

    /// <summary>The first differing row's key (<c>id=2</c>), or null when not known.</summary>
    public string? Key { get; }

    /// <summary>
    /// Whether the message says what the target was left in and what helps: a caller adds no advice of its own (such as
    /// running the work again with <c>--resume</c>, which would meet the same mismatch: the target's own trigger changed the rows).
    /// </summary>
    public bool Advised { get; init; }
}
