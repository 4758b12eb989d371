namespace NexuSql;

/// <summary>A statement of a migration script failed. Says which script, which statement, which line, and what the server said.</summary>
public class NexuSqlMigrationScriptException : NexuSqlException
{
    /// <summary>Creates the exception.</summary>
    public NexuSqlMigrationScriptException(string script, int statement, int statementCount, int line, bool rolledBack, NexuSqlException inner)
        : this(script, statement, statementCount, line, rolledBack, inner, kept: null)
    {
    }

    /// <summary>A migration that ran without a transaction failed; <paramref name="kept"/> says what of the statements before it stayed (null: all of them).</summary>
    internal NexuSqlMigrationScriptException(string script, int statement, int statementCount, int line, bool rolledBack, NexuSqlException inner, string? kept)
        : base(
            $"Migration {script} failed at statement {statement} of {statementCount} (line {line}): {Sentence(inner.Message)} " +
            (rolledBack && inner is NexuSqlConnectionException
                ? "The connection to the server was lost, so the server rolled the migration back; nothing was recorded. Run migrate again once the server answers."
                : rolledBack
                ? "The migration was rolled back; nothing was recorded. Fix the script and run migrate again."
                : $"{kept ?? Applied(statement)} (the migration ran without a transaction); the failure is recorded in the history. " +
                  (inner is NexuSqlConnectionException
                      ? "Once the server answers, check what statement " + statement + " left (it may have run), then run 'nexusql migrate repair --yes' and migrate again."
                      : "Fix the database by hand, then run 'nexusql migrate repair --yes' and migrate again.")),
            inner.Engine, inner.EngineCode, inner)
    {
        Script = script;
        Statement = statement;
        StatementCount = statementCount;
        Line = line;
        RolledBack = rolledBack;
    }

    /// <summary>A failed SQL callback (<c>beforeMigrate.sql</c>, ...): run without a transaction, never recorded in the history.</summary>
    internal NexuSqlMigrationScriptException(string callback, int statement, int statementCount, int line, NexuSqlException inner)
        : base(
            $"Callback {callback} failed at statement {statement} of {statementCount} (line {line}): {inner.Message} " +
            $"{Applied(statement)}; callbacks are not recorded in the history. Fix the callback and run the command again.",
            inner.Engine, inner.EngineCode, inner)
    {
        IsCallback = true;
        Script = callback;
        Statement = statement;
        StatementCount = statementCount;
        Line = line;
    }

    /// <summary>A migration whose history was changed by another process while it ran (see the message); statements applied are recorded.</summary>
    internal NexuSqlMigrationScriptException(string script, int statement, int statementCount, string message, int line = 0, NexuSqlEngine? engine = null)
        : base(message, engine)
    {
        Line = line;
        Script = script;
        Statement = statement;
        StatementCount = statementCount;
    }

    /// <summary>An engine's message ends without a full stop ("... does not exist (at character 13)"): one before what follows.</summary>
    internal static string Sentence(string message) => message.TrimEnd() is var m && m.Length > 0 && m[^1] is '.' or '!' or '?' ? m : message.TrimEnd() + ".";

    private static string Applied(int statement) => statement switch
    {
        <= 1 => "No statement before it ran",
        2 => "Statement 1 stayed applied",
        _ => $"Statements 1 to {statement - 1} stayed applied",
    };

    /// <summary>True when the failing script is a SQL callback (<c>beforeMigrate.sql</c>, ...), not a migration.</summary>
    public bool IsCallback { get; }

    /// <summary>The script name.</summary>
    public string Script { get; }

    /// <summary>The failing statement (1-based).</summary>
    public int Statement { get; }

    /// <summary>How many statements the script has.</summary>
    public int StatementCount { get; }

    /// <summary>The script line where the failing statement starts.</summary>
    public int Line { get; }

    /// <summary>True when the whole migration was rolled back (nothing applied, nothing recorded).</summary>
    public bool RolledBack { get; }
}
