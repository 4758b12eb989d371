using System.Text;
using NexuSql.Data;

namespace NexuSql.Backup;

/// <summary>
/// The archive entry of a backup's <see cref="BackupOutsideContent"/>: per item a tag byte 1, its id (int64), its owner
/// (a length-prefixed UTF-8 string, empty for none) and its content as chunks (an int32 length of 1 to
/// <see cref="ChunkSize"/> bytes, then the bytes) ended by a zero length; after the last item a tag byte 0 and the item
/// count (int64). Written and read chunk by chunk: an object of any size is never held whole in memory.
/// </summary>
internal sealed class OutsideContentEntry : IDisposable
{
    /// <summary>The largest chunk read from a database or written to an archive.</summary>
    internal const int ChunkSize = 1 << 20;

    private readonly BinaryReader _reader;
    private readonly string _what;
    private readonly byte[] _buffer = new byte[ChunkSize];
    private long _count;
    private bool _inItem;

    public OutsideContentEntry(Stream stream, string what)
    {
        _reader = new BinaryReader(new BufferedStream(stream, 1 << 16), Encoding.UTF8);
        _what = what;
    }

    /// <summary>The next item (the rest of the previous one's content skipped), or null after the last.</summary>
    /// <exception cref="InvalidDataException">The entry is damaged or cut short.</exception>
    public OutsideContentItem? Next()
    {
        while (_inItem) Read();
        switch (_reader.ReadByte())
        {
            case 0:
                var stored = _reader.ReadInt64();
                if (stored != _count) throw new InvalidDataException($"{_what}: the entry holds {_count} items but records {stored}");
                return null;
            case 1:
                var id = _reader.ReadInt64();
                var owner = _reader.ReadString();
                _count++;
                _inItem = true;
                return new OutsideContentItem(id) { Owner = owner.Length == 0 ? null : owner };
            case var tag:
                throw new InvalidDataException($"{_what}: unknown tag {tag} after item {_count}");
        }
    }

    /// <summary>The current item's next chunk (valid until the next call); empty at its end.</summary>
    public ReadOnlyMemory<byte> Read()
    {
        if (!_inItem) return ReadOnlyMemory<byte>.Empty;
        var length = _reader.ReadInt32();
        if (length == 0)
        {
            _inItem = false;
            return ReadOnlyMemory<byte>.Empty;
        }
        if (length is < 0 or > ChunkSize) throw new InvalidDataException($"{_what}: a chunk of {length} bytes in item {_count}");
        _reader.BaseStream.ReadExactly(_buffer, 0, length);
        return _buffer.AsMemory(0, length);
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>Writes the items of <paramref name="content"/> that <paramref name="session"/> sees into <paramref name="stream"/>; returns their summary.</summary>
    public static async Task<OutsideContentSummary> WriteAsync(Stream stream, NexuSqlConnection session, OutsideContent content, IReadOnlyList<OutsideContentItem> items,
        CancellationToken ct)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        using var hasher = new OutsideContentHasher();
        foreach (var item in items)
        {
            writer.Write((byte)1);
            writer.Write(item.Id);
            writer.Write(item.Owner ?? "");
            hasher.Begin(item.Id);
            await OutsideContentTransfer.ReadChunksAsync(session, content, item, chunk =>
            {
                writer.Write(chunk.Length);
                writer.Write(chunk.Span);
                hasher.Add(chunk.Span);
                return Task.CompletedTask;
            }, ct).ConfigureAwait(false);
            writer.Write(0);
            hasher.End();
        }
        writer.Write((byte)0);
        writer.Write((long)items.Count);
        writer.Flush();
        return hasher.Summary();
    }
}
