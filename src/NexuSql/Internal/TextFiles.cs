using System.Text;

namespace NexuSql.Internal;

/// <summary>
/// Text files NexuSQL reads (seed and import files, SQL scripts) must be UTF-8: a byte that is not (a file saved as
/// Latin-1, <c>Jos\xe9</c>) is refused with the file, line and byte offset instead of becoming U+FFFD in the database.
/// SQL scripts must also hold no NUL byte (a binary file).
/// </summary>
internal static class TextFiles
{
    /// <summary>Strict UTF-8: invalid bytes throw instead of becoming U+FFFD.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The whole file as text (a UTF-8 BOM dropped).</summary>
    /// <exception cref="FormatException">A byte sequence that is not UTF-8, or a NUL byte; names the file, line and byte offset.</exception>
    public static async Task<string> ReadAllTextAsync(string path, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        return Decode(path, bytes);
    }

    /// <summary>The whole file as text (a UTF-8 BOM dropped).</summary>
    /// <exception cref="FormatException">A byte sequence that is not UTF-8, or a NUL byte; names the file, line and byte offset.</exception>
    public static string ReadAllText(string path) => Decode(path, File.ReadAllBytes(path));

    /// <summary>Checks a file is UTF-8 without holding it in memory.</summary>
    /// <exception cref="FormatException">A byte sequence that is not UTF-8; names the file, line and byte offset.</exception>
    public static void CheckUtf8(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var decoder = Utf8.GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[Utf8.GetMaxCharCount(bytes.Length)];
        long offset = 0, lines = 1;
        int n;
        while ((n = stream.Read(bytes, 0, bytes.Length)) > 0)
        {
            try
            {
                decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
            }
            catch (DecoderFallbackException e)
            {
                var at = Math.Max(0, e.Index);
                throw Invalid(path, offset + at, lines + bytes.AsSpan(0, Math.Min(at, n)).Count((byte)'\n'), e);
            }
            lines += bytes.AsSpan(0, n).Count((byte)'\n');
            offset += n;
        }
        try
        {
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException e)
        {
            throw Invalid(path, offset, lines, e);
        }
    }

    private static string Decode(string path, byte[] bytes)
    {
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        // a NUL byte is valid UTF-8 but never text: a binary file (an image saved as .sql) is refused here, before
        // an engine sees it (SQLite's driver loops forever on a NUL in a statement; PostgreSQL refuses it mid-protocol);
        // whichever problem comes first in the file is the one named
        var nul = bytes.AsSpan(start).IndexOf((byte)0) is >= 0 and var n ? start + n : -1;
        string text;
        try
        {
            text = Utf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var at = start + Math.Max(0, e.Index);
            if (nul < 0 || nul > at) throw Invalid(path, at, Line(bytes, at), e);
            text = "";
        }
        return nul < 0 ? text : throw new FormatException(
            $"{path}, line {Line(bytes, nul)}, byte {nul}: a NUL byte (0x00); this is not a text file. Save it as UTF-8 text; nothing was read from it.");
    }

    private static long Line(byte[] bytes, int offset) => 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n');

    private static FormatException Invalid(string path, long offset, long line, DecoderFallbackException e) =>
        new($"{path}, line {line}, byte {offset}: not valid UTF-8 (0x{Convert.ToHexString(e.BytesUnknown ?? [])}). Save the file as UTF-8; nothing was read from it.", e);
}
