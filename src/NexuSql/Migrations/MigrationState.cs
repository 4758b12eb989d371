namespace NexuSql.Migrations;

/// <summary>Where a migration stands.</summary>
public enum MigrationState
{
    /// <summary>Not applied yet; the next migrate runs it.</summary>
    Pending,
    /// <summary>Applied successfully.</summary>
    Applied,
    /// <summary>Failed part-way (engine without transactional DDL); needs a manual fix and <c>repair</c>.</summary>
    Failed,
    /// <summary>
    /// Being applied right now, without a transaction, by a migrator that holds the migration lock: its history row
    /// says "failed at statement k" until it ends (as Flyway's does), and the lock's holder tells the two apart.
    /// </summary>
    InProgress,
    /// <summary>A repeatable script changed since it last ran; the next migrate runs it again.</summary>
    Outdated,
    /// <summary>Applied, but its script is no longer in the sources.</summary>
    Missing,
    /// <summary>Pending, but older than the latest applied version; runs only with out-of-order.</summary>
    Ignored,
    /// <summary>At or below the baseline: treated as applied.</summary>
    BelowBaseline,
    /// <summary>The baseline marker itself.</summary>
    Baseline,
    /// <summary>Applied, then reverted by its undo script.</summary>
    Undone,
    /// <summary>Marked as deleted in a Flyway history table (a <c>DELETE</c> row written by <c>flyway repair</c> for a missing script).</summary>
    Deleted,
}
