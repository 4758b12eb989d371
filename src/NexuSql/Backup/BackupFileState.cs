namespace NexuSql.Backup;

/// <summary>What a file in a backup folder is good for (<see cref="BackupCatalog"/>).</summary>
public enum BackupFileState
{
    /// <summary>Its seal matches every byte and its manifest opens: it can be restored.</summary>
    Usable,

    /// <summary>A <c>.partial</c> file: a backup killed, failed or still running. Never usable.</summary>
    Incomplete,

    /// <summary>A changed, cut, extended or re-zipped file, or not a backup at all; <see cref="BackupFileStatus.Problem"/> says which. Never usable.</summary>
    Damaged,
}
