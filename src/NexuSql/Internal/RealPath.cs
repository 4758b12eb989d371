namespace NexuSql.Internal;

/// <summary>A file's path with <c>.</c>, <c>..</c> and every symbolic link on the way resolved (as realpath(3) gives it).</summary>
internal static class RealPath
{
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            // a link's target may itself be relative or a link: resolved to the end, then made whole again
            current = info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? Of(target.FullName) : next;
        }
        return current;
    }
}
