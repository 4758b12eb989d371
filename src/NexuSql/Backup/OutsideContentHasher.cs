using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NexuSql.Data;

namespace NexuSql.Backup;

/// <summary>
/// The <see cref="OutsideContentSummary"/> of items streamed through it in id order, computed the way providers compute
/// it on the server (MD5 of the items' <c>id:md5(content)</c> joined by commas): a backup checks what it wrote against
/// the database's own summary, and <c>backup verify</c> checks the archive against the manifest.
/// </summary>
internal sealed class OutsideContentHasher : IDisposable
{
    private readonly IncrementalHash _all = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private IncrementalHash? _item;
    private long _id;

    public long Count { get; private set; }

    public long Bytes { get; private set; }

    public void Begin(long id)
    {
        _id = id;
        _item = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    }

    public void Add(ReadOnlySpan<byte> chunk)
    {
        _item!.AppendData(chunk);
        Bytes += chunk.Length;
    }

    /// <summary>Ends the item; returns its content's MD5 (lowercase hex).</summary>
    public string End()
    {
        var digest = Convert.ToHexStringLower(_item!.GetHashAndReset());
        _item.Dispose();
        _item = null;
        _all.AppendData(Encoding.UTF8.GetBytes((Count == 0 ? "" : ",") + _id.ToString(CultureInfo.InvariantCulture) + ":" + digest));
        Count++;
        return digest;
    }

    public OutsideContentSummary Summary() => new(Count, Bytes, Count == 0 ? "" : Convert.ToHexStringLower(_all.GetCurrentHash()));

    public void Dispose()
    {
        _all.Dispose();
        _item?.Dispose();
    }
}
