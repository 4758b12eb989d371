using System.Text;

namespace NexuSql.Migrations;

/// <summary>
/// The checksum of a migration script: CRC-32 (IEEE) of its UTF-8 text after normalization — a leading BOM removed,
/// line endings (CRLF, CR, LF) unified, trailing whitespace removed from every line and trailing blank lines dropped.
/// So a copy with other line endings, a BOM or stray spaces validates; any real edit does not.
/// </summary>
/// <remarks>
/// The algorithm is part of the history table's contract: changing it would make every applied script look edited.
/// A golden-value test pins it. NexuSQL's own history table keeps this checksum; a Flyway history table is read and
/// written with <see cref="ComputeFlyway"/> instead (see docs/coming-from-flyway.md).
/// </remarks>
public static class MigrationChecksum
{
    /// <summary>
    /// Flyway's checksum (its <c>ChecksumCalculator</c>): the text read as lines without their terminators
    /// (<c>\n</c>, <c>\r\n</c>, <c>\r</c>, as Java's <c>BufferedReader.readLine</c>), a BOM dropped from the first
    /// line, CRC-32 (IEEE) over the UTF-8 bytes of the lines concatenated, as a signed 32-bit integer. Trailing spaces
    /// count; line endings, a BOM and a final newline do not.
    /// </summary>
    /// <param name="text">The script as read from its file (UTF-8 decoded).</param>
    /// <returns>The value Flyway stores in <c>flyway_schema_history.checksum</c>.</returns>
    public static int ComputeFlyway(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Lines concatenated without terminators = the text without any CR or LF.
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = start; i < text.Length; i++)
            if (text[i] is not ('\r' or '\n')) sb.Append(text[i]);
        return unchecked((int)Crc32(Encoding.UTF8.GetBytes(sb.ToString())));
    }

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
