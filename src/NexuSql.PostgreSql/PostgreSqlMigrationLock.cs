using System.Diagnostics;

namespace NexuSql.PostgreSql;

/// <summary>
/// The migration lock on PostgreSQL: a session-level advisory lock whose key is derived from the database and the
/// history table. Waiters poll <c>pg_try_advisory_lock</c> between idle pauses instead of blocking in
/// <c>pg_advisory_lock</c>: a blocked call holds a snapshot, and <c>CREATE INDEX CONCURRENTLY</c> in the running
/// migration would wait for that snapshot forever. The server drops the lock when the session ends (kill -9 included).
/// Migrators behind a transaction-mode pooler take the lease lock instead; each kind also honours the other (a direct
/// migrator and one through the pooler both ran V1), by taking its own lock first and then checking for the other's.
/// A migrator connected directly also holds a shared advisory lock keyed by the database alone, which a snapshot (backup,
/// copy) takes exclusively: the snapshot waits for every migrator of the database whatever its history table
/// (<c>--table app_history</c>, Flyway's <c>flyway_schema_history</c>, <c>--schemas app</c>) and keeps new ones out, while
/// migrators of different history tables still run side by side (bt38 H2).
/// </summary>
internal static class PostgreSqlMigrationLock
{
    public static Task<IAsyncDisposable> AcquireAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken ct) =>
        SessionLock.AcquireAsync(database, async session =>
        {
            var key = await KeyAsync(session, scope, ct).ConfigureAwait(false);
            var wide = await DatabaseKeyAsync(session, ct).ConfigureAwait(false);
            // Make this session recognisable to whoever waits for it.
            await session.ExecuteScalarAsync<string>("SELECT set_config('application_name', :name, false)",
                new { name = $"nexusql migrate ({Environment.MachineName} pid {Environment.ProcessId})" }, ct).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            while (true)
            {
                // the server session that took it, in the same statement (behind a pooler the next one may be another)
                var pid = await session.ExecuteScalarAsync<int>("SELECT CASE WHEN pg_try_advisory_lock(:key) THEN pg_backend_pid() ELSE 0 END", new { key }, ct).ConfigureAwait(false);
                string? holder = null;
                if (pid != 0)
                {
                    await RefuseTransactionPoolerAsync(database, session, key, pid, ct).ConfigureAwait(false);
                    holder = await Migrations.LeaseMigrationLock.HolderAsync(database, scope, ct).ConfigureAwait(false);
                    if (holder is null)
                    {
                        // and the database's shared one, unless a backup or copy is beginning its snapshot
                        if (await session.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock_shared(:wide)", new { wide }, ct).ConfigureAwait(false)) break;
                        holder = "a backup or copy beginning its snapshot: " + (await DescribeHolderAsync(session, wide, ct).ConfigureAwait(false) ?? "holder not visible to this user");
                    }
                    else holder = "through a connection pooler: " + holder;
                    await session.ExecuteScalarAsync<bool>("SELECT pg_advisory_unlock(:key)", new { key }, ct).ConfigureAwait(false);
                }
                if (clock.Elapsed >= timeout)
                {
                    holder ??= await DescribeHolderAsync(session, key, ct).ConfigureAwait(false);
                    throw new NexuSqlTimeoutException(
                        $"Another migrator holds the migration lock ({holder ?? "holder not visible to this user"}); gave up after {timeout.TotalSeconds:0.#} s. " +
                        "Wait for it to finish, or raise --lock-timeout.", NexuSqlEngine.PostgreSql);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(150 + Random.Shared.Next(200)), ct).ConfigureAwait(false);
            }
            return ("SELECT pg_advisory_unlock_shared(:wide), pg_advisory_unlock(:key)", (object)new { wide, key });
        }, ct);

    /// <summary>
    /// For a snapshot (backup, copy): waits up to <paramref name="timeout"/> for the migrators holding either kind of lock
    /// to finish — every one connected directly, whatever its history table, and the lease of <paramref name="scope"/> —
    /// then holds the database's advisory lock exclusively (no privilege needed) so that no migrator connected directly
    /// starts before the snapshot began; disposing gives it back. A migration runs in one transaction here, but the schema is read
    /// before the rows' snapshot begins: one committed in between gave a copy tables of one schema and rows (and
    /// history) of the next (bt37 M10). Behind a transaction-mode pooler (<paramref name="pooled"/>) a session lock would
    /// not hold: the wait only, and null.
    /// </summary>
    /// <exception cref="NexuSqlTimeoutException">A migrator still holds the lock after <paramref name="timeout"/>; named.</exception>
    public static async Task<IAsyncDisposable?> HoldAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, bool pooled, CancellationToken ct)
    {
        if (pooled)
        {
            var clock = Stopwatch.StartNew();
            while ((await HolderAsync(database, scope, ct).ConfigureAwait(false) ?? await Migrations.LeaseMigrationLock.HolderAsync(database, scope, ct).ConfigureAwait(false)) is { } holder)
            {
                if (clock.Elapsed >= timeout) throw new NexuSqlTimeoutException($"A migrator holds the migration lock ({holder}).", NexuSqlEngine.PostgreSql);
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
            }
            return null;
        }
        return await SessionLock.AcquireAsync(database, async session =>
        {
            var key = await DatabaseKeyAsync(session, ct).ConfigureAwait(false);
            // a migrator that waits for it names this session: say what it is
            await session.ExecuteScalarAsync<string>("SELECT set_config('application_name', :name, false)",
                new { name = $"nexusql snapshot ({Environment.MachineName} pid {Environment.ProcessId}), until it began" }, ct).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            while (true)
            {
                string? holder = null;
                if (await session.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(:key)", new { key }, ct).ConfigureAwait(false))
                {
                    if ((holder = await Migrations.LeaseMigrationLock.HolderAsync(database, scope, ct).ConfigureAwait(false)) is null) break;
                    await session.ExecuteScalarAsync<bool>("SELECT pg_advisory_unlock(:key)", new { key }, ct).ConfigureAwait(false);
                    holder = "through a connection pooler: " + holder;
                }
                if (clock.Elapsed >= timeout)
                    throw new NexuSqlTimeoutException($"A migrator holds the migration lock ({holder ?? await DescribeHolderAsync(session, key, ct, sharedOnly: true).ConfigureAwait(false) ?? "holder not visible to this user"}).",
                        NexuSqlEngine.PostgreSql);
                await Task.Delay(TimeSpan.FromMilliseconds(150 + Random.Shared.Next(200)), ct).ConfigureAwait(false);
            }
            return ("SELECT pg_advisory_unlock(:key)", (object)new { key });
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The lease lock, for a migrator behind a transaction-mode pooler, taken only while no migrator connected
    /// directly holds the advisory lock (read from <c>pg_locks</c>, which every server session sees).
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireLeaseAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = timeout - clock.Elapsed;
            var lease = await Migrations.LeaseMigrationLock.AcquireAsync(database, scope, left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken: ct).ConfigureAwait(false);
            var holder = await HolderAsync(database, scope, ct).ConfigureAwait(false);
            if (holder is null) return lease;
            await lease.DisposeAsync().ConfigureAwait(false);
            if (clock.Elapsed >= timeout)
                throw new NexuSqlTimeoutException(
                    $"Another migrator holds the migration lock as a session lock on the server ({holder}); gave up after {timeout.TotalSeconds:0.#} s. " +
                    "Wait for it to finish, or raise --lock-timeout. If no migration is running, the lock is a leftover on a connection pooler's " +
                    "server session (a migrator that went through the pooler without ?pooler=transaction and stopped): the pooler keeps it until it " +
                    "closes that session; end it sooner with SELECT pg_terminate_backend(pid) on the server, with the pid above.", NexuSqlEngine.PostgreSql);
            await Task.Delay(TimeSpan.FromMilliseconds(200 + Random.Shared.Next(300)), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Who holds the migration lock of <paramref name="scope"/> (session, application, client, user, since when), or <see langword="null"/>.</summary>
    public static async Task<string?> HolderAsync(NexuSqlDatabase database, string scope, CancellationToken ct) =>
        await DescribeHolderAsync(database, await KeyAsync(database, scope, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>Who runs a migration connected directly to the database now, whatever its history table (a holder of the database's shared lock), or <see langword="null"/>.</summary>
    public static async Task<string?> AnyHolderAsync(NexuSqlDatabase database, CancellationToken ct) =>
        await DescribeHolderAsync(database, await DatabaseKeyAsync(database, ct).ConfigureAwait(false), ct, sharedOnly: true).ConfigureAwait(false);

    /// <summary>The key of the database alone, which migrators hold shared and a snapshot exclusively.</summary>
    private static async Task<long> DatabaseKeyAsync(NexuSqlSession session, CancellationToken ct) =>
        StableKey("nexusql-migrating:" + await session.ExecuteScalarAsync<string>("SELECT current_database()", cancellationToken: ct).ConfigureAwait(false));

    /// <summary>
    /// The lock key: the database and the history table qualified by its schema (a bare table by the current schema),
    /// so that <c>--schemas app</c> and a connection whose current schema is <c>app</c> take one lock.
    /// </summary>
    private static async Task<long> KeyAsync(NexuSqlSession session, string scope, CancellationToken ct) =>
        StableKey("nexusql:" + await session.ExecuteScalarAsync<string>(
            "SELECT current_database() || ':' || CASE WHEN :qualified THEN '' ELSE coalesce(current_schema() || '.', '') END",
            new { qualified = scope.Contains('.', StringComparison.Ordinal) }, ct).ConfigureAwait(false) + scope);

    /// <summary>
    /// Who holds the lock: session, application, client, user, since when. A holder idle for more than a few seconds
    /// is named as such with the way out: a migrator runs statements, so an idle holder is most likely a session left
    /// behind — a connection pooler's server session that kept the lock a refused migrator took through it (it keeps
    /// it until the pooler closes that session, <c>server_idle_timeout</c>, 600 s by default in PgBouncer).
    /// </summary>
    private static Task<string?> DescribeHolderAsync(NexuSqlSession session, long key, CancellationToken ct, bool sharedOnly = false) =>
        session.QueryFirstOrDefaultAsync<string?>(
            "SELECT format('pid %s, %s, client %s, user %s, since %s', a.pid, coalesce(nullif(a.application_name, ''), 'no application name'), " +
            "coalesce(host(a.client_addr), 'local socket'), a.usename, to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS TZ')) || " +
            "CASE WHEN a.state = 'idle' AND a.state_change < now() - interval '5 seconds' THEN format('; that session has been idle since %s: if no " +
            "migration is running, it is a session left holding the lock (a connection pooler''s server session keeps a lock a refused migrator took " +
            "through it, until the pooler closes it); end it with SELECT pg_terminate_backend(%s)', to_char(a.state_change, 'HH24:MI:SS'), a.pid) ELSE '' END " +
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid " +
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = :high AND l.objid::bigint = :low AND l.objsubid = 1" +
            (sharedOnly ? " AND l.mode = 'ShareLock'" : "") + " ORDER BY a.backend_start LIMIT 1",
            new { high = (key >> 32) & 0xFFFFFFFFL, low = key & 0xFFFFFFFFL }, ct);

    /// <summary>
    /// A session lock holds only while this client connection keeps its server session. Behind a transaction-mode
    /// pooler (PgBouncer's <c>pool_mode=transaction</c>) it does not: the lock stays on whichever server session ran
    /// <c>pg_try_advisory_lock</c>, and that session serves other clients next — another migrator's statements, a
    /// <c>migrate repair</c> — so the lock keeps no one out. Two checks, each in a statement of its own: the lock must
    /// be on the server session that serves this connection's next statement, and a second client connection must not
    /// be able to take it (a pooler that hands out the most recently used server session gives it the same one).
    /// A best effort: with other clients busy on the pooler every round can land right by chance; the URL option
    /// <c>?pooler=transaction</c> is the contract (docs/scale-out.md).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">The connection goes through a transaction-mode pooler and the URL does not say <c>?pooler=transaction</c>.</exception>
    private static async Task RefuseTransactionPoolerAsync(NexuSqlDatabase database, NexuSqlConnection session, long key, int pid, CancellationToken ct)
    {
        var args = new { key, pid, high = (key >> 32) & 0xFFFFFFFFL, low = key & 0xFFFFFFFFL };
        const string HeldBy = "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = {0} " +
                              "AND classid::bigint = :high AND objid::bigint = :low AND objsubid = 1)";
        var onThisSession = true;
        var takenByOther = false;
        await using var other = await database.OpenSessionAsync(ct).ConfigureAwait(false);
        // a few rounds: with other clients busy on the pooler, one round can land on the right sessions by chance
        for (var round = 0; round < 3 && onThisSession && !takenByOther; round++)
        {
            if (round > 0) await Task.Delay(TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
            onThisSession = await session.ExecuteScalarAsync<bool>(string.Format(System.Globalization.CultureInfo.InvariantCulture, HeldBy, "pg_backend_pid()"), args, ct).ConfigureAwait(false);
            // taken and given back in one statement, so on one server session: this check never leaves a lock behind
            takenByOther = await other.ExecuteScalarAsync<bool?>("SELECT CASE WHEN pg_try_advisory_lock(:key) THEN pg_advisory_unlock(:key) END", args, ct).ConfigureAwait(false) == true;
        }
        if (onThisSession && !takenByOther) return;
        // Give the lock back on the server session that took it: an unlock sent now may run on any session, so it is
        // sent (as a no-op elsewhere) until that session has run it; the pooler hands out few sessions.
        var held = await session.ExecuteScalarAsync<bool>(string.Format(System.Globalization.CultureInfo.InvariantCulture, HeldBy, ":pid"), args, ct).ConfigureAwait(false);
        for (var attempt = 0; held && attempt < 200; attempt++)
        {
            var on = attempt % 2 == 0 ? session : other;
            await on.ExecuteScalarAsync<bool?>("SELECT CASE WHEN pg_backend_pid() = :pid THEN pg_advisory_unlock(:key) END", args, ct).ConfigureAwait(false);
            held = await on.ExecuteScalarAsync<bool>(string.Format(System.Globalization.CultureInfo.InvariantCulture, HeldBy, ":pid"), args, ct).ConfigureAwait(false);
            if (held && attempt % 10 == 9) await Task.Delay(TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
        }
        throw new NexuSqlRefusedException(
            "The migration lock does not hold on this connection: its statements run on changing server sessions, as behind a connection " +
            "pooler in transaction mode (PgBouncer pool_mode=transaction), so a session lock would keep no other migrator out. Nothing was run. " +
            "Add ?pooler=transaction to the URL (NexuSQL then takes a lease lock that works through the pooler), or connect to the server directly." +
            (held ? $" The lock stays held by server session {pid} of the pooler until the pooler closes it: a migrator connected directly waits " +
                    $"for it until then; end it sooner with SELECT pg_terminate_backend({pid}) on the server." : ""));
    }

    /// <summary>FNV-1a, 64 bits: the same key in every process (string.GetHashCode is randomized per process).</summary>
    private static long StableKey(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 1099511628211UL;
        return unchecked((long)hash);
    }
}
