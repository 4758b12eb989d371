using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace NexuSql.MySql;

/// <summary>
/// The migration lock on MySQL/MariaDB: <c>GET_LOCK</c> with a name scoped to the database and the history table, so
/// two databases on one server migrate in parallel while one database serialises. The result is checked (1 granted,
/// 0 taken, NULL error). The server releases it when the session ends.
/// </summary>
/// <remarks>
/// <para>
/// A migrator also holds one of <see cref="Slots"/> locks named after the database alone (not the history table), and a
/// snapshot (backup, copy) takes all of them: it waits for every migrator of that database whatever its history table
/// (<c>--table app_history</c>, Flyway's <c>flyway_schema_history</c>, <c>--schemas</c>) and keeps new ones out, while
/// migrators of different history tables still run side by side (bt38 H2). <c>GET_LOCK</c> has no shared mode; the
/// slots stand in for one.
/// </para>
/// <para>
/// Every wait polls <c>GET_LOCK(name, 0)</c>: one <c>GET_LOCK(name, 60)</c> was cut by the driver's command timeout
/// (30 s) into "GET_LOCK failed on the server" (bt38 M10), and the URL's <c>statement_timeout</c> would cut it sooner.
/// </para>
/// </remarks>
internal static class MySqlMigrationLock
{
    /// <summary>How many migrators of different history tables can run in one database at once.</summary>
    private const int Slots = 4;

    /// <summary>
    /// Takes the migration lock of <paramref name="scope"/> and one slot of each database the migrator writes into:
    /// <paramref name="schemas"/> (its <c>--schemas</c>, which are databases here), or the session's database when none
    /// are given. A migrator connected to <c>mm3</c> that migrates <c>--schemas mm3h</c> writes into <c>mm3h</c> alone,
    /// and a backup or copy of <c>mm3h</c> must wait for it (bt39 H7: the slots were <c>mm3</c>'s).
    /// </summary>
    public static Task<IAsyncDisposable> AcquireAsync(NexuSqlDatabase database, string scope, IReadOnlyList<string> schemas, TimeSpan timeout, CancellationToken ct) =>
        SessionLock.AcquireAsync(database, async session =>
        {
            var name = await NameAsync(session, scope, ct).ConfigureAwait(false);
            // one group of slots per database written into, one slot of each taken
            (string[] Slots, string Database)[] groups = schemas.Count > 0
                ? [.. schemas.Distinct(StringComparer.Ordinal).Select(s => (SlotNames(s), s))]
                : [await SlotsAsync(session, scope, ct).ConfigureAwait(false)];
            var clock = Stopwatch.StartNew();
            try
            {
                while (true)
                {
                    string? snapshot = null;
                    if (await TryAsync(session, name, ct).ConfigureAwait(false))
                    {
                        var taken = new List<string>();
                        foreach (var (group, db) in groups)
                        {
                            string? got = null;
                            foreach (var slot in group)
                                if (await TryAsync(session, slot, ct).ConfigureAwait(false))
                                {
                                    got = slot;
                                    break;
                                }
                            if (got is null)
                            {
                                // every slot of this database taken: a backup or copy is beginning its snapshot (or as many other migrators run)
                                snapshot = $"database {db}: {await DescribeHolderAsync(session, group[0], ct).ConfigureAwait(false) ?? "holder not visible to this user"}";
                                break;
                            }
                            taken.Add(got);
                        }
                        var release = ReleaseSql([.. taken, name]);
                        if (snapshot is null) return release;
                        await session.ExecuteScalarAsync<long?>(release.Sql, release.Args, ct).ConfigureAwait(false);
                    }
                    if (clock.Elapsed >= timeout)
                    {
                        var seconds = timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
                        throw new NexuSqlTimeoutException(snapshot is not null
                            ? $"A backup or copy beginning its snapshot, or {Slots} other migrators, hold the migration locks of the database ({snapshot}); gave up after {seconds} s. " +
                              "Wait for it to finish, or raise --lock-timeout."
                            : $"Another migrator holds the migration lock '{name}' ({await DescribeHolderAsync(session, name, ct).ConfigureAwait(false) ?? "holder not visible to this user"}); " +
                              $"gave up after {seconds} s. Wait for it to finish, or raise --lock-timeout.", NexuSqlEngine.MySql);
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(150 + Random.Shared.Next(200)), ct).ConfigureAwait(false);
                }
            }
            catch
            {
                var all = ReleaseSql([name, .. groups.SelectMany(g => g.Slots)]);
                await ReleaseQuietlyAsync(session, all.Sql, all.Args).ConfigureAwait(false);
                throw;
            }
        }, ct);

    /// <summary>One statement releasing <paramref name="locks"/>, with its arguments.</summary>
    private static (string Sql, object Args) ReleaseSql(IReadOnlyList<string> locks) =>
        ("SELECT " + string.Join(", ", locks.Select((_, i) => $"RELEASE_LOCK(:l{i})")),
         locks.Select((l, i) => (l, i)).ToDictionary(x => $"l{x.i}", x => (object?)x.l));

    /// <summary>
    /// For a snapshot (backup, copy): waits up to <paramref name="timeout"/> for every migrator of the database to
    /// finish, whatever its history table, and keeps new ones out until the handle is disposed.
    /// </summary>
    /// <exception cref="NexuSqlTimeoutException">A migrator still runs after <paramref name="timeout"/>; named.</exception>
    public static Task<IAsyncDisposable> HoldAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken ct) =>
        SessionLock.AcquireAsync(database, async session =>
        {
            var slots = await SlotNamesAsync(session, scope, ct).ConfigureAwait(false);
            var release = string.Concat("SELECT ", string.Join(", ", slots.Select((_, i) => $"RELEASE_LOCK(:s{i})")));
            var names = slots.Select((s, i) => (s, i)).ToDictionary(x => $"s{x.i}", x => (object?)x.s);
            var held = new bool[slots.Length];
            var clock = Stopwatch.StartNew();
            try
            {
                while (true)
                {
                    for (var i = 0; i < slots.Length; i++)
                        held[i] = held[i] || await TryAsync(session, slots[i], ct).ConfigureAwait(false);
                    if (held.All(h => h)) return (release, (object)names);
                    var busy = slots[Array.IndexOf(held, false)];
                    if (clock.Elapsed >= timeout)
                        throw new NexuSqlTimeoutException($"A migrator holds the migration lock ({await DescribeHolderAsync(session, busy, ct).ConfigureAwait(false) ?? "holder not visible to this user"}).",
                            NexuSqlEngine.MySql);
                    await Task.Delay(TimeSpan.FromMilliseconds(150 + Random.Shared.Next(200)), ct).ConfigureAwait(false);
                }
            }
            catch when (held.Any(h => h))
            {
                await ReleaseQuietlyAsync(session, release, names).ConfigureAwait(false);
                throw;
            }
        }, ct);

    /// <summary>Gives back locks a failed wait took, before the session returns to the pool (which would keep them); RELEASE_LOCK of one not held is a no-op.</summary>
    private static async Task ReleaseQuietlyAsync(NexuSqlSession session, string sql, object args)
    {
        try
        {
            await session.ExecuteScalarAsync<long?>(sql, args, CancellationToken.None).ConfigureAwait(false);
        }
        catch (NexuSqlException)
        {
            // the session is gone, and its locks with it
        }
    }

    /// <summary>Who holds the migration lock of <paramref name="scope"/> (connection, user, for how long), or <see langword="null"/>.</summary>
    public static async Task<string?> HolderAsync(NexuSqlDatabase database, string scope, CancellationToken ct) =>
        await DescribeHolderAsync(database, await NameAsync(database, scope, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>Who runs a migration on the database now, whatever its history table (the first slot held), or <see langword="null"/>.</summary>
    public static async Task<string?> AnyHolderAsync(NexuSqlDatabase database, string scope, CancellationToken ct)
    {
        foreach (var slot in await SlotNamesAsync(database, scope, ct).ConfigureAwait(false))
            if (await DescribeHolderAsync(database, slot, ct).ConfigureAwait(false) is { } holder) return holder;
        return null;
    }

    private static async Task<bool> TryAsync(NexuSqlSession session, string name, CancellationToken ct) =>
        await session.ExecuteScalarAsync<long?>("SELECT GET_LOCK(:name, 0)", new { name }, ct).ConfigureAwait(false) switch
        {
            1 => true,
            0 => false,
            _ => throw new NexuSqlException($"GET_LOCK('{name}') failed on the server.", NexuSqlEngine.MySql),
        };

    /// <summary>The lock's name: the history table qualified by its database (<c>db.table</c>; a bare table by the current database), so that every URL and <c>--schemas</c> that reach the table share it.</summary>
    private static async Task<string> NameAsync(NexuSqlSession session, string scope, CancellationToken ct) =>
        Short(scope.Contains('.', StringComparison.Ordinal) ? $"nexusql:{scope}" : $"nexusql:{await CurrentDatabaseAsync(session, ct).ConfigureAwait(false)}.{scope}");

    /// <summary>
    /// The slot locks of the database the session works in (where the scripts run; the history table's database when
    /// the URL names none): one name per slot, whatever the history table.
    /// </summary>
    private static async Task<string[]> SlotNamesAsync(NexuSqlSession session, string scope, CancellationToken ct) =>
        (await SlotsAsync(session, scope, ct).ConfigureAwait(false)).Slots;

    /// <summary><see cref="SlotNamesAsync"/> with the database they are of.</summary>
    private static async Task<(string[] Slots, string Database)> SlotsAsync(NexuSqlSession session, string scope, CancellationToken ct)
    {
        var database = await session.ExecuteScalarAsync<string?>("SELECT DATABASE()", cancellationToken: ct).ConfigureAwait(false)
                       ?? (scope.Contains('.', StringComparison.Ordinal) ? scope[..scope.LastIndexOf('.')] : await CurrentDatabaseAsync(session, ct).ConfigureAwait(false));
        return (SlotNames(database), database);
    }

    /// <summary>The slot locks of <paramref name="database"/>.</summary>
    private static string[] SlotNames(string database) => [.. Enumerable.Range(0, Slots).Select(i => Short($"nexusql-migrating:{database}#{i}"))];

    private static async Task<string> CurrentDatabaseAsync(NexuSqlSession session, CancellationToken ct) =>
        await session.ExecuteScalarAsync<string?>("SELECT DATABASE()", cancellationToken: ct).ConfigureAwait(false)
        ?? throw new InvalidOperationException("The MySQL URL names no database; migrations need one (mysql://user@host/database).");

    // a lock name is at most 64 characters
    private static string Short(string name) =>
        name.Length > 64 ? "nexusql:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..40] : name;

    /// <summary>IS_USED_LOCK's connection, described from the process list (or by its id alone when the list does not show it).</summary>
    private static Task<string?> DescribeHolderAsync(NexuSqlSession session, string name, CancellationToken ct) =>
        session.QueryFirstOrDefaultAsync<string?>(
            "SELECT COALESCE((SELECT CONCAT('connection ', p.id, ', user ', p.user, '@', p.host, ', for ', p.time, ' s') " +
            "FROM information_schema.processlist p WHERE p.id = IS_USED_LOCK(:name)), CONCAT('connection ', IS_USED_LOCK(:name)))", new { name }, ct);
}
