namespace NexuSql.Migrations;

/// <summary>One row of the history table.</summary>
public sealed record AppliedMigration
{
    /// <summary>Order of installation (1, 2, ...).</summary>
    public int InstalledRank { get; init; }

    /// <summary>Version text; null for repeatable scripts.</summary>
    public string? Version { get; init; }

    /// <summary>Description.</summary>
    public string Description { get; init; } = "";

    /// <summary><c>SQL</c>, <c>UNDO_SQL</c> or <c>BASELINE</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>Script name.</summary>
    public string Script { get; init; } = "";

    /// <summary>Checksum of the script when it ran.</summary>
    public int? Checksum { get; init; }

    /// <summary>Who ran it.</summary>
    public string InstalledBy { get; init; } = "";

    /// <summary>When (UTC).</summary>
    public DateTime InstalledOn { get; init; }

    /// <summary>Duration in milliseconds.</summary>
    public int ExecutionTime { get; init; }

    /// <summary>False for a migration that failed part-way on an engine without transactional DDL.</summary>
    public bool Success { get; init; }

    /// <summary>For a failed migration: the statement (1-based) that failed.</summary>
    public int? FailedStatement { get; init; }

    /// <summary>The parsed version, if any.</summary>
    public MigrationVersion? ParsedVersion => Version is null ? null : MigrationVersion.Parse(Version);
}
