namespace NexuSql.Data;

/// <summary>
/// How copy, backup and restore carry data a database holds outside its tables (PostgreSQL large objects), supplied by
/// the provider (<see cref="NexuSqlProvider.OutsideContent"/>). Core streams each item in chunks from one database (or
/// backup) into another of the same <see cref="Kind"/>, keeping its id; the provider only reads, lists and writes.
/// Every call runs on the session given, inside whatever transaction (or snapshot) the caller began on it.
/// </summary>
public abstract class OutsideContent
{
    /// <summary>
    /// What the content is, in words (<c>large objects</c>): only a source and a target of the same kind exchange it. The
    /// provider's schema reader names such content under <see cref="Schema.SchemaModel.LeftOut"/> in an entry starting
    /// with this text and <c>" ("</c>, which copy and backup drop when they carry it.
    /// </summary>
    public abstract string Kind { get; }

    /// <summary>Every item, in id order.</summary>
    public abstract Task<IReadOnlyList<OutsideContentItem>> ListAsync(NexuSqlConnection session, CancellationToken cancellationToken);

    /// <summary>The summary (<see cref="OutsideContentSummary"/>) of the items whose ids are in <paramref name="ids"/>, or of all of them when null.</summary>
    public abstract Task<OutsideContentSummary> SummarizeAsync(NexuSqlConnection session, IReadOnlyCollection<long>? ids, CancellationToken cancellationToken);

    /// <summary>The lowercase hex MD5 of item <paramref name="id"/>'s content, or null when there is no such item.</summary>
    public abstract Task<string?> DigestAsync(NexuSqlConnection session, long id, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> bytes of <paramref name="item"/>'s content from <paramref name="offset"/>; fewer (none) at its end.</summary>
    /// <remarks>An item that is not there throws <see cref="NexuSqlException"/> naming it.</remarks>
    public abstract Task<byte[]> ReadAsync(NexuSqlConnection session, OutsideContentItem item, long offset, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Creates <paramref name="item"/>, empty, with its id (and its owner where that role exists and may be given it).
    /// Returns what could not be kept (an owner), in words, or null.
    /// </summary>
    /// <remarks>An id already taken throws <see cref="NexuSqlException"/> (callers check first).</remarks>
    public abstract Task<string?> CreateAsync(NexuSqlConnection session, OutsideContentItem item, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="chunk"/> into <paramref name="item"/> at <paramref name="offset"/>.</summary>
    public abstract Task WriteAsync(NexuSqlConnection session, OutsideContentItem item, long offset, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken);

    /// <summary>Removes item <paramref name="id"/> (a target's own item replaced by a clean copy or restore).</summary>
    public abstract Task RemoveAsync(NexuSqlConnection session, long id, CancellationToken cancellationToken);

    /// <summary>A sentence for messages: <c>3 large objects, 18 bytes, hash ...</c>.</summary>
    public string Describe(OutsideContentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return $"{summary.Count} {Kind}, {summary.Bytes} bytes, hash {summary.Hash}";
    }
}
