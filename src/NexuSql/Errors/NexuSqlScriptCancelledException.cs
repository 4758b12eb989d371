namespace NexuSql;

/// <summary>
/// SQL of several statements (<see cref="NexuSqlDatabase.ExecuteScriptAsync"/>) was cancelled (its
/// <see cref="CancellationToken"/>) while one of its statements ran. Still an <see cref="OperationCanceledException"/>;
/// its message says which statement ran and what of the script stayed: in one transaction, nothing; statement by
/// statement, the statements before <see cref="Statement"/>.
/// </summary>
public sealed class NexuSqlScriptCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="script">What the script is ("The SQL", "Seed file x.sql").</param>
    /// <param name="statement">The statement that ran (1-based).</param>
    /// <param name="statementCount">How many statements the script has.</param>
    /// <param name="left">What the cancellation left, a sentence.</param>
    /// <param name="inner">The cancellation.</param>
    /// <param name="token">The token that was cancelled.</param>
    public NexuSqlScriptCancelledException(string script, int statement, int statementCount, string left, Exception? inner, CancellationToken token)
        : base($"{script} was cancelled at statement {statement} of {statementCount}: {left}", inner, token)
    {
        Statement = statement;
        StatementCount = statementCount;
    }

    /// <summary>The statement that was running (1-based).</summary>
    public int Statement { get; }

    /// <summary>How many statements the script has.</summary>
    public int StatementCount { get; }
}
