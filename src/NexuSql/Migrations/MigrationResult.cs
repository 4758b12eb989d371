namespace NexuSql.Migrations;

/// <summary>What a migrate, undo or dry run did (or would do).</summary>
public sealed record MigrationResult
{
    /// <summary>The scripts run (or that would run, in a dry run), in order.</summary>
    public IReadOnlyList<string> Scripts { get; init; } = [];

    /// <summary>Every statement run (or that would run), with the script it belongs to, history writes included.</summary>
    public IReadOnlyList<PlannedStatement> Statements { get; init; } = [];

    /// <summary>True when nothing was changed.</summary>
    public bool DryRun { get; init; }

    /// <summary>Total time.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>What the server's topology cannot handle well after this run (a Galera cluster: tables without a primary key).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// The plan as a script for the engine's own client (psql, mysql, sqlite3, sqlcmd): every statement terminated,
    /// history writes with literal values, BEGIN/COMMIT around each migration NexuSQL would run in one transaction.
    /// </summary>
    /// <param name="session">The database the plan is for: its dialect and declared <c>sql_mode</c> decide quoting.</param>
    /// <returns>Script text, lines separated by LF.</returns>
    public string ToScript(NexuSqlSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return MigrationScriptWriter.Write(this, session.Provider.Dialect, session.LexicalRules);
    }
}

/// <summary>One statement of a plan.</summary>
/// <param name="Script">The script (or "history" for NexuSQL's own writes).</param>
/// <param name="Sql">The SQL text.</param>
/// <param name="Parameters">Parameter values, for history writes.</param>
public sealed record PlannedStatement(string Script, string Sql, IReadOnlyDictionary<string, object?>? Parameters = null);
