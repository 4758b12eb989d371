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
}

/// <summary>One statement of a plan.</summary>
/// <param name="Script">The script (or "history" for NexuSQL's own writes).</param>
/// <param name="Sql">The SQL text.</param>
/// <param name="Parameters">Parameter values, for history writes.</param>
public sealed record PlannedStatement(string Script, string Sql, IReadOnlyDictionary<string, object?>? Parameters = null);
