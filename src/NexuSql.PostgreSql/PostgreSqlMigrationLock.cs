using System.Diagnostics;

namespace NexuSql.PostgreSql;

/// <summary>
/// The migration lock on PostgreSQL: a session-level advisory lock whose key is derived from the database and the
/// history table. Waiters poll <c>pg_try_advisory_lock</c> between idle pauses instead of blocking in
/// <c>pg_advisory_lock</c>: a blocked call holds a snapshot, and <c>CREATE INDEX CONCURRENTLY</c> in the running
/// migration would wait for that snapshot forever. The server drops the lock when the session ends (kill -9 included).
/// </summary>
internal static class PostgreSqlMigrationLock
{
    public static Task<IAsyncDisposable> AcquireAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken ct) =>
        SessionLock.AcquireAsync(database, async session =>
        {
            var name = await session.ExecuteScalarAsync<string>("SELECT current_database()", cancellationToken: ct).ConfigureAwait(false);
            var key = StableKey($"nexusql:{name}:{scope}");
            // Make this session recognisable to whoever waits for it.
            await session.ExecuteScalarAsync<string>("SELECT set_config('application_name', :name, false)",
                new { name = $"nexusql migrate ({Environment.MachineName} pid {Environment.ProcessId})" }, ct).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            while (!await session.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(:key)", new { key }, ct).ConfigureAwait(false))
            {
                if (clock.Elapsed >= timeout)
                {
                    var holder = await session.QueryFirstOrDefaultAsync<string>(
                        "SELECT format('pid %s, %s, client %s, user %s, since %s', a.pid, coalesce(nullif(a.application_name, ''), 'no application name'), " +
                        "coalesce(host(a.client_addr), 'local socket'), a.usename, to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS TZ')) " +
                        "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid " +
                        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = :high AND l.objid::bigint = :low AND l.objsubid = 1",
                        new { high = (key >> 32) & 0xFFFFFFFFL, low = key & 0xFFFFFFFFL }, ct).ConfigureAwait(false);
                    throw new NexuSqlTimeoutException(
                        $"Another migrator holds the migration lock ({holder ?? "holder not visible to this user"}); gave up after {timeout.TotalSeconds:0.#} s. " +
                        "Wait for it to finish, or raise --lock-timeout.", NexuSqlEngine.PostgreSql);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(150 + Random.Shared.Next(200)), ct).ConfigureAwait(false);
            }
            return ("SELECT pg_advisory_unlock(:key)", (object)new { key });
        }, ct);

    /// <summary>FNV-1a, 64 bits: the same key in every process (string.GetHashCode is randomized per process).</summary>
    private static long StableKey(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 1099511628211UL;
        return unchecked((long)hash);
    }
}
