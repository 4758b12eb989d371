namespace NexuSql.Migrations;

/// <summary>
/// Scripts in a folder and its subfolders. Hidden files and folders (names starting with '.') are skipped;
/// files that are not migrations (README.md, notes.txt) are ignored.
/// </summary>
public sealed class FolderMigrationSource(string folder) : IMigrationSource
{
    /// <summary>The folder.</summary>
    public string Folder { get; } = folder;

    /// <inheritdoc/>
    public IEnumerable<MigrationScript> Load()
    {
        if (!Directory.Exists(Folder))
            throw new DirectoryNotFoundException($"The migrations folder '{Folder}' does not exist. Create it or pass --locations.");
        var files = new List<string>();
        Collect(new DirectoryInfo(Folder), files);
        files.Sort(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            if (!MigrationScriptName.TryParse(name, out var kind, out var version, out var description)) continue;
            yield return new MigrationScript(kind, version, description, name, path, Internal.TextFiles.ReadAllText(path));
        }
    }

    private static void Collect(DirectoryInfo dir, List<string> files)
    {
        foreach (var file in dir.EnumerateFiles())
            if (!file.Name.StartsWith('.')) files.Add(file.FullName);
        foreach (var sub in dir.EnumerateDirectories())
            if (!sub.Name.StartsWith('.')) Collect(sub, files);
    }
}
