using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NexuSql.Backup;

/// <summary>
/// A whole-file checksum kept in the ZIP archive's own comment: SHA-256 of every byte before the comment (except
/// the comment-length field), written as <c>nexusql-sha256:HEX</c>. Any flipped, missing or extra byte anywhere in
/// the file — data, headers, directory — fails the check; a file cut short has no seal at all.
/// </summary>
internal static class BackupSeal
{
    private const string Prefix = "nexusql-sha256:";
    private const int EndRecordLength = 22; // end of central directory record without comment
    private const uint EndRecordSignature = 0x06054b50;
    private static readonly int CommentLength = Prefix.Length + 64;
    private static readonly byte[] PrefixBytes = Encoding.ASCII.GetBytes(Prefix);

    /// <summary>Seals a finished archive whose end record has no comment; <paramref name="file"/> is readable and writable.</summary>
    public static void Seal(FileStream file)
    {
        var length = file.Length;
        Span<byte> end = stackalloc byte[EndRecordLength];
        file.Position = length - EndRecordLength;
        file.ReadExactly(end);
        if (BinaryPrimitives.ReadUInt32LittleEndian(end) != EndRecordSignature || BinaryPrimitives.ReadUInt16LittleEndian(end[20..]) != 0)
            throw new InvalidOperationException("The archive does not end with a plain end-of-central-directory record.");
        var hash = Hash(file, length - 2);
        Span<byte> commentLength = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(commentLength, (ushort)CommentLength);
        file.Position = length - 2;
        file.Write(commentLength);
        file.Write(Encoding.ASCII.GetBytes(Prefix + hash));
    }

    /// <summary>Null when the file's seal matches its bytes, else what is wrong.</summary>
    public static string? Check(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var length = file.Length;
        var endStart = length - EndRecordLength - CommentLength;
        // a device or pipe has no length but may give bytes (/dev/zero, break test 30 F10): not "empty"
        if (endStart < 0) return length > 0 ? "it is too short to be a backup" : file.ReadByte() < 0 ? "it is empty" : "it is not a regular file (a device or a pipe)";
        var tail = new byte[EndRecordLength + CommentLength];
        file.Position = endStart;
        file.ReadExactly(tail);
        if (!IsEndRecord(tail, CommentLength) || !tail.AsSpan(EndRecordLength).StartsWith(PrefixBytes))
            return WhyUnsealed(file, length);
        var comment = Encoding.ASCII.GetString(tail, EndRecordLength + Prefix.Length, CommentLength - Prefix.Length);
        return string.Equals(comment, Hash(file, endStart + 20), StringComparison.Ordinal)
            ? null
            : "its bytes do not match the checksum written when it was created (a changed or damaged byte)";
    }

    private static bool IsEndRecord(ReadOnlySpan<byte> record, int commentLength) =>
        BinaryPrimitives.ReadUInt32LittleEndian(record) == EndRecordSignature && BinaryPrimitives.ReadUInt16LittleEndian(record[20..]) == commentLength;

    /// <summary>Why a file does not end with a seal, told from its last 64 KiB.</summary>
    private static string WhyUnsealed(FileStream file, long length)
    {
        var tail = new byte[(int)Math.Min(length, 1 << 16)];
        file.Position = length - tail.Length;
        file.ReadExactly(tail);
        var seal = tail.AsSpan().LastIndexOf(PrefixBytes);
        if (seal >= 0)
        {
            var extra = tail.Length - seal - CommentLength;
            return extra > 0 ? $"{extra} {(extra == 1 ? "byte was" : "bytes were")} added after its seal"
                : extra < 0 ? "it was cut short (its seal at the end is incomplete)"
                : "the end record before its seal is damaged (a changed byte)";
        }
        if (tail.Length >= EndRecordLength && IsEndRecord(tail.AsSpan(tail.Length - EndRecordLength), 0))
            return "it is a ZIP archive without NexuSQL's seal (re-zipped or written by another tool)";
        return "it has no NexuSQL seal at its end (cut short, still being written, or not a backup)";
    }

    private static string Hash(FileStream file, long count)
    {
        file.Position = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        var left = count;
        while (left > 0)
        {
            var n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) throw new EndOfStreamException();
            sha.AppendData(buffer, 0, n);
            left -= n;
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
