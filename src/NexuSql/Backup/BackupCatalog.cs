namespace NexuSql.Backup;

/// <summary>
/// A folder of backup files (<c>*.nxb</c>, and the <c>*.partial</c> files of backups that did not finish): which are
/// usable, and pruning to the newest usable ones.
/// </summary>
/// <remarks>
/// Every file's seal is checked — a SHA-256 of the whole file, kept at its end (it reads each file once: about 0.3 s
/// per 100 MB here) — so a flipped byte anywhere, a zeroed block, bytes appended, a file cut short or re-zipped by
/// another tool is <see cref="BackupFileState.Damaged"/>, never usable, never counted among those prune keeps and
/// never deleted by it.
/// </remarks>
public static class BackupCatalog
{
    /// <summary>
    /// The name <c>nexusql backup</c> gives a backup of <paramref name="database"/> taken at <paramref name="takenAt"/>:
    /// <c>DATABASE-yyyyMMdd-HHmmss.nxb</c> (UTC; the database's name, or the SQLite file's name without extension, with
    /// every character but letters, digits, '-' and '_' turned into '_'; the engine's name when the URL names no
    /// database). Names of one database sort by time, which <see cref="List"/> and <see cref="Prune"/> do not rely on
    /// (they read each file's manifest).
    /// </summary>
    public static string DefaultFileName(NexuSqlDatabase database, DateTimeOffset takenAt)
    {
        ArgumentNullException.ThrowIfNull(database);
        var name = database.Url?.Database is { Length: > 0 } d ? Path.GetFileNameWithoutExtension(d) : database.Engine.ToString().ToLowerInvariant();
        var stem = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        return $"{stem}-{takenAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)}{BackupArchive.Extension}";
    }

    /// <summary>The backup files in <paramref name="folder"/>, newest first; none when the folder does not exist.</summary>
    /// <param name="folder">The backup folder.</param>
    /// <param name="verify">Also read every table's rows and check their counts and hashes (<see cref="BackupArchive.Verify"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is a file.</exception>
    public static IReadOnlyList<BackupFileStatus> List(string folder, bool verify = false)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (File.Exists(folder)) throw new ArgumentException($"'{folder}' is a file, not a folder of backups.", nameof(folder));
        if (!Directory.Exists(folder)) return [];
        var files = new List<BackupFileStatus>();
        foreach (var file in Directory.EnumerateFiles(folder, "*" + BackupArchive.Extension + "*"))
        {
            var info = new FileInfo(file);
            if (file.EndsWith(BackupArchive.PartialSuffix, StringComparison.Ordinal))
                files.Add(new(file, info.Length, info.LastWriteTimeUtc, BackupFileState.Incomplete,
                    "interrupted or still running", null, false));
            else if (file.EndsWith(BackupArchive.Extension, StringComparison.Ordinal))
                files.Add(Inspect(file, info, verify));
        }
        return [.. files.OrderByDescending(f => f.CreatedAt)];
    }

    private static BackupFileStatus Inspect(string file, FileInfo info, bool verify)
    {
        try
        {
            using var archive = BackupArchive.Open(file, checkSeal: true);
            if (verify) archive.Verify();
            return new(file, info.Length, archive.Manifest.CreatedAt, BackupFileState.Usable, null, archive.Manifest, verify);
        }
        catch (NexuSqlBackupException e)
        {
            return new(file, info.Length, info.LastWriteTimeUtc, BackupFileState.Damaged, e.Message, null, false);
        }
    }

    /// <summary>
    /// Deletes every usable backup but the newest <paramref name="keep"/> of each database, and <c>.partial</c> files
    /// older than a day (younger ones may belong to a backup still running). Damaged files are reported, not deleted.
    /// A database is the engine, database name and location the manifest records (<see cref="BackupManifest.Location"/>:
    /// the SQLite file's full path, the server's host and port): one folder takes every environment's backups
    /// (<c>./backups</c>), and keeping N of the folder deleted the only backups of one database because another was
    /// backed up later (bt42 N11). Files written before the location was recorded count by engine and name alone.
    /// </summary>
    /// <param name="folder">The backup folder.</param>
    /// <param name="keep">How many usable backups of each database to keep, at least 1: pruning never deletes a database's last good backup.</param>
    /// <param name="dryRun">Only report what would be deleted.</param>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is a file, or <paramref name="keep"/> is less than 1.</exception>
    public static BackupPruneResult Prune(string folder, int keep, bool dryRun = false)
    {
        if (keep < 1) throw new ArgumentException("Keep at least 1 backup: pruning never deletes every backup.", nameof(keep));
        var files = List(folder);
        var usable = files.Where(f => f.Usable).ToList();
        var kept = usable.GroupBy(f => (f.Manifest!.Engine, Database: f.Manifest.Database ?? "", Location: f.Manifest.Location ?? "")).SelectMany(g => g.Take(keep)).ToHashSet();
        var staleBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var doomed = usable.Where(f => !kept.Contains(f))
            .Concat(files.Where(f => f.State == BackupFileState.Incomplete && f.CreatedAt < staleBefore))
            .ToList();
        if (!dryRun)
            foreach (var f in doomed) File.Delete(f.Path);
        return new([.. usable.Where(kept.Contains)], doomed, [.. files.Where(f => f.State == BackupFileState.Damaged)], dryRun);
    }
}
