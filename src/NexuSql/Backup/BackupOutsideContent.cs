using NexuSql.Data;

namespace NexuSql.Backup;

/// <summary>
/// Data the backed-up database held outside its tables (PostgreSQL large objects, <see cref="OutsideContent"/>): the
/// archive entry holding it, and its count, bytes and hash (<see cref="OutsideContentSummary"/>), which <c>backup verify</c>
/// and the restore's read-back check compare. In backups from format 13.
/// </summary>
/// <param name="Kind">What it is (<see cref="OutsideContent.Kind"/>: <c>large objects</c>).</param>
/// <param name="Entry">The archive entry.</param>
/// <param name="Count">Items.</param>
/// <param name="Bytes">Bytes of content in all.</param>
/// <param name="Hash">The hash over the items' ids and contents (<see cref="OutsideContentSummary.Hash"/>).</param>
public sealed record BackupOutsideContent(string Kind, string Entry, long Count, long Bytes, string Hash)
{
    /// <summary>What the backup does not hold of some items (privileges, comments), in words; null when nothing.</summary>
    public IReadOnlyList<string>? NotCarried { get; init; }

    /// <summary>The summary as recorded.</summary>
    public OutsideContentSummary Summary() => new(Count, Bytes, Hash);
}
