using NexuSql.Backup;

namespace NexuSql.Sqlite.Tests;

/// <summary>Issue 15: the backup catalogue from code — default names, list, verify, prune — as <c>nexusql backup list|prune</c> use it.</summary>
public sealed class BackupCatalogTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-catalog-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Backups_under_their_default_names_are_listed_newest_first_and_prune_keeps_the_newest_and_every_damaged_file()
    {
        await using var db = NexuSqlDatabase.Open("sqlite:///" + Path.Combine(_dir, "my shop.db"));
        await db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", cancellationToken: Ct);
        var folder = Path.Combine(_dir, "backups");
        Directory.CreateDirectory(folder);
        var taken = new DateTimeOffset(2026, 12, 1, 5, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal("my_shop-20261201-033000.nxb", BackupCatalog.DefaultFileName(db, taken));

        var paths = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await db.ExecuteAsync("INSERT INTO t VALUES (:id, 'x')", new { id = i }, cancellationToken: Ct);
            var path = Path.Combine(folder, BackupCatalog.DefaultFileName(db, taken.AddMinutes(i)));
            await BackupCreator.CreateAsync(db, path, cancellationToken: Ct);
            paths.Add(path);
            await Task.Delay(1100, Ct); // manifests record the time the backup was taken, to the second
        }
        // one byte flipped in the middle backup
        var bytes = await File.ReadAllBytesAsync(paths[1], Ct);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(paths[1], bytes, Ct);

        var listed = BackupCatalog.List(folder, verify: true);
        Assert.Equal([paths[2], paths[1], paths[0]], listed.OrderByDescending(f => f.Path, StringComparer.Ordinal).Select(f => f.Path));
        Assert.Equal([paths[2], paths[0]], listed.Where(f => f.Usable).Select(f => f.Path)); // usable ones by the time in their manifest
        Assert.True(listed.Single(f => f.Path == paths[2]).Verified);
        Assert.Equal(BackupFileState.Damaged, listed.Single(f => f.Path == paths[1]).State);
        Assert.Equal(3, listed.Single(f => f.Path == paths[2]).Manifest!.Tables.Single().Rows);

        var dry = BackupCatalog.Prune(folder, keep: 1, dryRun: true);
        Assert.Equal([paths[0]], dry.Deleted.Select(f => f.Path));
        Assert.True(File.Exists(paths[0]));

        var pruned = BackupCatalog.Prune(folder, keep: 1);
        Assert.Equal([paths[2]], pruned.Kept.Select(f => f.Path));
        Assert.Equal([paths[1]], pruned.Damaged.Select(f => f.Path));
        Assert.False(File.Exists(paths[0]));
        Assert.True(File.Exists(paths[1])); // damaged files are left for someone to look at
        Assert.Throws<ArgumentException>(() => BackupCatalog.Prune(folder, keep: 0));
    }

    /// <summary>
    /// bt42 N11: one folder takes every database's backups (./backups); prune --keep 1 kept the newest of the folder
    /// and deleted the only backups of the databases backed up before it. It keeps N of each database.
    /// </summary>
    [Fact]
    public async Task Prune_keeps_the_newest_of_each_database()
    {
        var folder = Path.Combine(_dir, "shared");
        Directory.CreateDirectory(folder);
        var taken = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero);
        var made = new List<(string Database, string Path)>();
        // (bt43: two app.db files of two folders are two databases, not one by their name)
        Directory.CreateDirectory(Path.Combine(_dir, "staging"));
        foreach (var (name, i) in new[] { ("a", 0), ("a", 1), ("b", 2), ("c", 3), ("c", 4), ("staging/c", 5) })
        {
            await using var db = NexuSqlDatabase.Open("sqlite:///" + Path.Combine(_dir, name + ".db"));
            await db.ExecuteAsync("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY)", cancellationToken: Ct);
            var path = Path.Combine(folder, BackupCatalog.DefaultFileName(db, taken.AddMinutes(i)));
            await BackupCreator.CreateAsync(db, path, cancellationToken: Ct);
            made.Add((name, path));
            await Task.Delay(1100, Ct); // manifests record the time the backup was taken, to the second
        }
        var pruned = BackupCatalog.Prune(folder, keep: 1);
        Assert.Equal([made[5].Path, made[4].Path, made[2].Path, made[1].Path], pruned.Kept.Select(f => f.Path));
        Assert.Equal([made[3].Path, made[0].Path], pruned.Deleted.Select(f => f.Path));
        Assert.Equal(new[] { made[1].Path, made[2].Path, made[4].Path, made[5].Path }.Order(StringComparer.Ordinal), Directory.GetFiles(folder).Order(StringComparer.Ordinal));
    }
}
