namespace NexuSql.Backup;

/// <summary>What <see cref="BackupCatalog.Prune"/> kept, deleted (or would delete) and left alone as damaged.</summary>
/// <param name="Kept">The newest usable backups, newest first.</param>
/// <param name="Deleted">Older usable backups and stale <c>.partial</c> files: deleted, or only named on a dry run.</param>
/// <param name="Damaged">Damaged files: never counted among those kept and never deleted, so that someone looks at them.</param>
/// <param name="DryRun">True when nothing was deleted.</param>
public sealed record BackupPruneResult(
    IReadOnlyList<BackupFileStatus> Kept, IReadOnlyList<BackupFileStatus> Deleted, IReadOnlyList<BackupFileStatus> Damaged, bool DryRun);
