using System.Text;

namespace NexuSql.Migrations;

/// <summary>
/// The checksum of a migration script: CRC-32 (IEEE) of its UTF-8 text after normalization — a leading BOM removed,
/// line endings (CRLF, CR, LF) unified, trailing whitespace removed from every line and trailing blank lines dropped.
/// So a copy with other line endings, a BOM or stray spaces validates; any real edit does not.
/// </summary>
/// <remarks>
/// The algorithm is part of the history table's contract: changing it would make every applied script look edited.
/// A golden-value test pins it.
/// </remarks>
public static class MigrationChecksum
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Computes the checksum of a script's text.</summary>
    public static int Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return unchecked((int)Crc32(Encoding.UTF8.GetBytes(Normalize(text))));
    }

    /// <summary>The normalized text the checksum is computed over.</summary>
    public static string Normalize(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return string.Join('\n', lines);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
