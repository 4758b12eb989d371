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
            var schema = await session.ExecuteScalarAsync<string?>("SELECT DATABASE()", cancellationToken: ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The MySQL URL names no database; migrations need one (mysql://user@host/database).");
            var name = $"nexusql:{schema}:{scope}";
            if (name.Length > 64) name = "nexusql:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..40];
            var seconds = (int)Math.Ceiling(timeout.TotalSeconds);
            var granted = await session.ExecuteScalarAsync<long?>("SELECT GET_LOCK(:name, :seconds)", new { name, seconds }, ct).ConfigureAwait(false);
            if (granted is null) throw new NexuSqlException($"GET_LOCK('{name}') failed on the server.", NexuSqlEngine.MySql);
            if (granted == 0)
            {
                var holder = await session.QueryFirstOrDefaultAsync<string>(
                    "SELECT CONCAT('connection ', p.id, ', user ', p.user, '@', p.host, ', for ', p.time, ' s') " +
                    "FROM information_schema.processlist p WHERE p.id = IS_USED_LOCK(:name)", new { name }, ct).ConfigureAwait(false);
                throw new NexuSqlTimeoutException(
                    $"Another migrator holds the migration lock '{name}' ({holder ?? "holder not visible to this user"}); gave up after {seconds} s. " +
                    "Wait for it to finish, or raise --lock-timeout.", NexuSqlEngine.MySql);
            }
            return ("SELECT RELEASE_LOCK(:name)", (object)new { name });
        }, ct);
}
