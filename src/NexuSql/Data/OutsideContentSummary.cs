namespace NexuSql.Data;

/// <summary>
/// The count, bytes and hash of a set of <see cref="OutsideContentItem"/>s: what copy and restore compare after writing,
/// and a backup records. <see cref="Hash"/> is the lowercase hex MD5 of the items' <c>id:md5</c> (the id in decimal, the
/// MD5 of the content in lowercase hex) joined by commas in id order; empty for no items.
/// </summary>
/// <param name="Count">Items.</param>
/// <param name="Bytes">Bytes of content in all.</param>
/// <param name="Hash">The hash over the items' ids and contents.</param>
public sealed record OutsideContentSummary(long Count, long Bytes, string Hash);
