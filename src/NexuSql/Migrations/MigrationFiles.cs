namespace NexuSql.Migrations;

/// <summary>Creates new migration files.</summary>
public static class MigrationFiles
{
    /// <summary>
    /// Writes <c>V&lt;next&gt;__&lt;description&gt;.sql</c> and its <c>U</c> file in <paramref name="folder"/>, where the next
    /// version follows the highest one there (keeping zero padding: <c>V007</c> → <c>V008</c>); <c>V1</c> in an empty folder.
    /// </summary>
    /// <param name="folder">The migrations folder (created when missing, unless <paramref name="dryRun"/>).</param>
    /// <param name="description">What the migration does; becomes the file name's description part.</param>
    /// <param name="dryRun">Only compute the two paths: no folder or file is created.</param>
    /// <returns>The two paths (versioned, undo).</returns>
    /// <exception cref="IOException">A file of that name already exists; nothing is written.</exception>
    public static (string Versioned, string Undo) Create(string folder, string description, bool dryRun = false)
    {
        var part = MigrationScriptName.ToFilePart(description);
        if (!dryRun) Directory.CreateDirectory(folder);
        var existing = Directory.Exists(folder)
            ? new FolderMigrationSource(folder).Load().Where(s => s.Kind == MigrationKind.Versioned).Select(s => s.Version!).ToList()
            : [];
        var next = existing.Count == 0 ? MigrationVersion.Parse("1") : existing.Max()!.NextMajor();
        var versioned = Path.Combine(folder, $"V{next.Text}__{part}.sql");
        var undo = Path.Combine(folder, $"U{next.Text}__{part}.sql");
        foreach (var path in new[] { versioned, undo })
            if (File.Exists(path)) throw new IOException($"{path} already exists; nothing was written.");
        if (dryRun) return (versioned, undo);
        File.WriteAllText(versioned, $"-- {description}\n-- Applied once by 'nexusql migrate'. Never edit it after it has been applied.\n\n");
        File.WriteAllText(undo, $"-- Undo of V{next.Text}: {description}\n-- Run by 'nexusql migrate undo'. It must revert exactly what V{next.Text} does.\n\n");
        return (versioned, undo);
    }
}
