namespace NexuSql.Internal;

/// <summary>
/// Whether two paths reach one file — the file itself, not its name: two hard links (<c>ln a.db b.db</c>) are one file
/// under two names, which no comparison of paths can see (break test 29 M6: a copy between them emptied the source).
/// </summary>
/// <remarks>
/// <para>
/// A file's identity is its device and inode on Unix, its volume serial number and file index on Windows. .NET 10 has
/// no API that gives either, and reading them natively (<c>stat(2)</c>, <c>GetFileInformationByHandle</c>) would need a
/// structure layout per operating system and architecture. What .NET gives on every system is an exclusive open,
/// <see cref="FileShare.None"/>: a share mode on Windows, an advisory <c>flock(2)</c> lock (<c>LOCK_EX</c>) on Unix.
/// Both belong to the open file, not to the name it was opened by, and both refuse a second exclusive open of the same
/// file — from the same process too. So the probe:
/// </para>
/// <list type="number">
/// <item>opens the first path exclusively (it cannot: unknown);</item>
/// <item>opens the first path exclusively once more, which must be refused: a file system or a runtime that takes no
/// such lock (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>, a file system without <c>flock</c>) would let every open
/// through and make every pair look different — unknown;</item>
/// <item>opens the second path exclusively while the first is held: allowed means two files;</item>
/// <item>refused: lets the first go and opens the second again: allowed now means one file (the refusal was the probe's
/// own lock); refused again means someone else holds it — unknown.</item>
/// </list>
/// <para>
/// Each open is for reading only and is closed at once; nothing is written. SQLite locks with <c>fcntl(2)</c> locks on
/// Unix, which <c>flock</c> locks neither see nor disturb: the probe answers while the database is in use, and a
/// connection never waits for it. On Windows a database that a connection holds open is shared, so the first
/// exclusive open is refused and the answer is unknown. Unknown is left to the caller, which then compares the real
/// paths (<see cref="RealPath"/>): what could be told before this probe existed.
/// </para>
/// </remarks>
internal static class SameFile
{
    /// <summary>
    /// True when <paramref name="first"/> and <paramref name="second"/> reach one file (the same real path, or two
    /// names of one file); false when they are two files, or a path names no file; null when it cannot be told.
    /// </summary>
    public static bool? Probe(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (string.Equals(RealPath.Of(first), RealPath.Of(second), StringComparison.Ordinal)) return true;
        if (!File.Exists(first) || !File.Exists(second)) return false;
        var held = Exclusive(first);
        if (held is null) return null;
        bool? secondWhileHeld;
        try
        {
            if (Exclusive(first) is { } again)
            {
                again.Dispose();
                return null;
            }
            using var other = Exclusive(second);
            secondWhileHeld = other is not null;
        }
        finally
        {
            held.Dispose();
        }
        if (secondWhileHeld == true) return false;
        using var afterRelease = Exclusive(second);
        return afterRelease is not null ? true : null;
    }

    /// <summary>
    /// True when <paramref name="first"/> and <paramref name="second"/> reach one file; when the probe cannot tell,
    /// whether their real paths are equal.
    /// </summary>
    public static bool Is(string first, string second) =>
        Probe(first, second) ?? string.Equals(RealPath.Of(first), RealPath.Of(second), StringComparison.Ordinal);

    private static FileStream? Exclusive(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1, FileOptions.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
