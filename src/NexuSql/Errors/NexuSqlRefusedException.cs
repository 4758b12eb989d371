namespace NexuSql;

/// <summary>
/// An operation NexuSQL refuses because it could destroy data or lose meaning: restoring into a database that is not
/// empty, resetting a protected environment, a schema another engine cannot hold as it is. The message says which flag,
/// confirmation or change allows it.
/// </summary>
public sealed class NexuSqlRefusedException : NexuSqlException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused, why, and what allows it.</param>
    public NexuSqlRefusedException(string message) : base(message) => Reasons = [message];

    /// <summary>Creates one exception for several refusals found in one pass, so that one run names them all.</summary>
    /// <param name="message">All of them in one text.</param>
    /// <param name="reasons">Each refusal, a whole sentence naming its objects and what allows it.</param>
    public NexuSqlRefusedException(string message, IReadOnlyList<string> reasons) : base(message)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        Reasons = reasons;
    }

    /// <summary>
    /// Each refusal on its own (one item for most; a cross-engine schema names every kind it refuses: bt48 L1, where a
    /// plan named one kind per run).
    /// </summary>
    public IReadOnlyList<string> Reasons { get; }
}
