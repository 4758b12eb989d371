namespace NexuSql;

/// <summary>
/// Migrations do not match the database or each other: an applied script was edited, one is missing, a version is
/// duplicated, a failed migration is recorded, or a pending one is older than the latest applied. Nothing was run.
/// </summary>
public class NexuSqlMigrationValidationException : NexuSqlException
{
    /// <summary>Creates the exception from a list of problems.</summary>
    public NexuSqlMigrationValidationException(IReadOnlyList<string> problems)
        : base("Migration validation failed:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Each problem, one sentence each, naming the script.</summary>
    public IReadOnlyList<string> Problems { get; }
}
