namespace NexuSql.Data;

/// <summary>
/// Text a database holds that is not valid UTF-8 (SQLite stores whatever bytes it is given): no reader can give it as
/// characters without changing it, so the value is refused (<see cref="UnreadableTextException"/>) and a key holding it
/// is named by its bytes, <c>k=CAST(X'4A6F73E9' AS TEXT)</c> (<see cref="PortableValues.KeyText"/>), as it can be found
/// again (break test 30 F9: it was <c>k=&lt;unreadable&gt;</c>).
/// </summary>
/// <param name="Bytes">The bytes as stored.</param>
internal sealed record UnreadableText(byte[] Bytes);

/// <summary>A value read as text that is not valid UTF-8; <see cref="Bytes"/> holds it as stored.</summary>
/// <param name="message">What is wrong and what to do.</param>
/// <param name="bytes">The stored bytes.</param>
internal sealed class UnreadableTextException(string message, byte[] bytes) : FormatException(message)
{
    /// <summary>The value's bytes as stored.</summary>
    public byte[] Bytes { get; } = bytes;
}
