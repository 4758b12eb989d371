namespace NexuSql.Backup;

/// <summary>One file of a backup folder as <see cref="BackupCatalog.List"/> found it.</summary>
/// <param name="Path">The file.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="CreatedAt">When the backup was taken (from its manifest); for a file that is not usable, its last write time.</param>
/// <param name="State">Usable, incomplete or damaged.</param>
/// <param name="Problem">Why the file is not usable; null when it is.</param>
/// <param name="Manifest">What the backup holds; null when it is not usable.</param>
/// <param name="Verified">True when every table's rows were also read and checked against their count and hash.</param>
public sealed record BackupFileStatus(
    string Path, long Bytes, DateTimeOffset CreatedAt, BackupFileState State, string? Problem, BackupManifest? Manifest, bool Verified)
{
    /// <summary>True when the file can be restored.</summary>
    public bool Usable => State == BackupFileState.Usable;
}
