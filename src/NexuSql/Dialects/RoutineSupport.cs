namespace NexuSql.Dialects;

/// <summary>
/// Which schema objects beyond tables and views the engine has and NexuSQL reads, compares and recreates: stored
/// functions, procedures, triggers, row-level-security policies. Checked before work starts: a plan or restore for an
/// engine without them lists them as skipped with the reason.
/// </summary>
public sealed record RoutineSupport
{
    /// <summary>None of them (SQL Server and CockroachDB here: not read, not written).</summary>
    public static RoutineSupport None { get; } = new();

    /// <summary>Stored functions.</summary>
    public bool Functions { get; init; }

    /// <summary>Stored procedures.</summary>
    public bool Procedures { get; init; }

    /// <summary>Triggers.</summary>
    public bool Triggers { get; init; }

    /// <summary>Row-level security on tables and its policies.</summary>
    public bool Policies { get; init; }
}
