using System.Security.Cryptography;
using System.Text;

namespace NexuSql.MySql;

/// <summary>
/// The migration lock on MySQL/MariaDB: <c>GET_LOCK</c> with a name scoped to the database and the history table, so
/// two databases on one server migrate in parallel while one database serialises. The result is checked (1 granted,
/// 0 timed out, NULL error). The server releases it when the session ends.
/// </summary>
internal static class MySqlMigrationLock
{
    public static Task<IAsyncDisposable> AcquireAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken ct) =>
        SessionLock.AcquireAsync(database, async session =>
        {
            var name = await NameAsync(session, scope, ct).ConfigureAwait(false);
            var seconds = (int)Math.Ceiling(timeout.TotalSeconds);
            var granted = await session.ExecuteScalarAsync<long?>("SELECT GET_LOCK(:name, :seconds)", new { name, seconds }, ct).ConfigureAwait(false);
            if (granted is null) throw new NexuSqlException($"GET_LOCK('{name}') failed on the server.", NexuSqlEngine.MySql);
            if (granted == 0)
            {
                var holder = await DescribeHolderAsync(session, name, ct).ConfigureAwait(false);
                throw new NexuSqlTimeoutException(
                    $"Another migrator holds the migration lock '{name}' ({holder ?? "holder not visible to this user"}); gave up after {seconds} s. " +
                    "Wait for it to finish, or raise --lock-timeout.", NexuSqlEngine.MySql);
            }
            return ("SELECT RELEASE_LOCK(:name)", (object)new { name });
        }, ct);

    /// <summary>Who holds the migration lock of <paramref name="scope"/> (connection, user, for how long), or <see langword="null"/>.</summary>
    public static async Task<string?> HolderAsync(NexuSqlDatabase database, string scope, CancellationToken ct) =>
        await DescribeHolderAsync(database, await NameAsync(database, scope, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>The lock's name: the history table qualified by its database (<c>db.table</c>; a bare table by the current database), so that every URL and <c>--schemas</c> that reach the table share it.</summary>
    private static async Task<string> NameAsync(NexuSqlSession session, string scope, CancellationToken ct)
    {
        var name = scope.Contains('.', StringComparison.Ordinal) ? $"nexusql:{scope}"
            : $"nexusql:{await session.ExecuteScalarAsync<string?>("SELECT DATABASE()", cancellationToken: ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The MySQL URL names no database; migrations need one (mysql://user@host/database).")}.{scope}";
        return name.Length > 64 ? "nexusql:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..40] : name;
    }

    /// <summary>IS_USED_LOCK's connection, described from the process list (or by its id alone when the list does not show it).</summary>
    private static Task<string?> DescribeHolderAsync(NexuSqlSession session, string name, CancellationToken ct) =>
        session.QueryFirstOrDefaultAsync<string?>(
            "SELECT COALESCE((SELECT CONCAT('connection ', p.id, ', user ', p.user, '@', p.host, ', for ', p.time, ' s') " +
            "FROM information_schema.processlist p WHERE p.id = IS_USED_LOCK(:name)), CONCAT('connection ', IS_USED_LOCK(:name)))", new { name }, ct);
}
