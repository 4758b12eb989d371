namespace NexuSql;

/// <summary>
/// An operation NexuSQL refuses because it could destroy data: restoring into a database that is not empty,
/// resetting a protected environment. The message says which flag or confirmation allows it.
/// </summary>
public sealed class NexuSqlRefusedException : NexuSqlException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused, why, and what allows it.</param>
    public NexuSqlRefusedException(string message) : base(message) { }
}
