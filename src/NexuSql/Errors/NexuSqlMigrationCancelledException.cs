namespace NexuSql;

/// <summary>
/// A migration was cancelled (its <see cref="CancellationToken"/>) while one of its statements ran. Still an
/// <see cref="OperationCanceledException"/>; it says which script stopped where and what that left: a migration in a
/// transaction is rolled back and not recorded, one without a transaction keeps the statements before
/// <see cref="Statement"/> and its history row says it stopped there (<c>migrate repair</c> after checking the database).
/// </summary>
public sealed class NexuSqlMigrationCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public NexuSqlMigrationCancelledException(string script, int statement, int statementCount, bool rolledBack, Exception? inner, CancellationToken token)
        : base(
            $"Migration {script} was cancelled at statement {statement} of {statementCount}: " +
            (rolledBack
                ? "it was rolled back; nothing of it was recorded."
                : $"{(statement <= 1 ? "no statement before it ran" : statement == 2 ? "statement 1 stayed applied" : $"statements 1 to {statement - 1} stayed applied")} " +
                  "(it ran without a transaction) and the history records it as stopped there. A repair runs it again from its first statement: " +
                  (statement <= 1 ? "check the database" : "undo what those statements did (or the first of them fails again)") + ", then run 'nexusql migrate repair --yes' and migrate again."),
            inner, token)
    {
        Script = script;
        Statement = statement;
        StatementCount = statementCount;
        RolledBack = rolledBack;
    }

    /// <summary>The script name.</summary>
    public string Script { get; }

    /// <summary>The statement that was running (1-based).</summary>
    public int Statement { get; }

    /// <summary>How many statements the script has.</summary>
    public int StatementCount { get; }

    /// <summary>True when the whole migration was rolled back (nothing applied, nothing recorded).</summary>
    public bool RolledBack { get; }
}
