// Compiled and run by tests/NexuSql.Sqlite.Tests (BackupAndCopyExampleTests): this example cannot go stale.
using NexuSql;
using NexuSql.Backup;
using NexuSql.Copy;
using NexuSql.Verification;

namespace NexuSql.Examples;

public static class BackupAndCopy
{
    /// <summary>
    /// Backs up <paramref name="sourceUrl"/>, restores it into <paramref name="restoreUrl"/>, copies it into
    /// <paramref name="copyUrl"/>, compares the copy with the source, and returns what it printed.
    /// </summary>
    public static async Task<string> RunAsync(string sourceUrl, string restoreUrl, string copyUrl, string backupPath, CancellationToken cancellationToken = default)
    {
        var log = new StringWriter();
        await using var source = NexuSqlDatabase.Open(sourceUrl);
        await source.ExecuteAsync("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, balance DECIMAL_TEXT(12,2) NOT NULL)", cancellationToken: cancellationToken);
        await source.ExecuteAsync("INSERT INTO accounts (owner, balance) VALUES ('ann', '100.50'), ('bob', '7.25')", cancellationToken: cancellationToken);

        // A backup: one consistent snapshot, a sealed file, counts and content hashes in its manifest.
        var manifest = await BackupCreator.CreateAsync(source, backupPath, new BackupOptions(), cancellationToken);
        log.WriteLine($"backup: {manifest.Tables.Count} table(s), {manifest.Tables.Sum(t => t.Rows)} row(s)");

        // Restore into an empty database (of any engine): checked before the target is touched, and after.
        await using (var restored = NexuSqlDatabase.Open(restoreUrl))
        {
            var result = await BackupRestorer.RestoreAsync(backupPath, restored, new RestoreOptions(), cancellationToken);
            log.WriteLine($"restored: {result.Rows} row(s)");
        }

        // Copy straight from database to database, then compare the two row by row.
        await using var copy = NexuSqlDatabase.Open(copyUrl);
        var copied = await DatabaseCopier.CopyAsync(source, copy, new CopyOptions(), cancellationToken);
        log.WriteLine($"copied: {copied.Rows} row(s)");
        log.WriteLine($"differences: {(await DataComparer.CompareAsync(source, copy, cancellationToken: cancellationToken)).Count}");

        await copy.ExecuteAsync("UPDATE accounts SET balance = '0.00' WHERE owner = 'bob'", cancellationToken: cancellationToken);
        foreach (var d in await DataComparer.CompareAsync(source, copy, cancellationToken: cancellationToken))
            log.WriteLine($"difference: {d.Table} {d.Key} {d.Detail}");
        return log.ToString();
    }
}
