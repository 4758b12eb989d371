using System.Diagnostics;
using NexuSql.Dialects;

namespace NexuSql.Migrations;

/// <summary>
/// A migration lock for topologies where a session lock does not hold: engines without one (CockroachDB), clusters
/// whose session locks are local to one node (MariaDB Galera: <c>GET_LOCK</c>), and connection poolers that hand each
/// transaction a different server session (PgBouncer in transaction mode). It is a row in
/// <c>&lt;history table&gt;_lock</c>, written by single committed statements, whose lease expires unless its holder
/// renews it. Two migrators inserting the row at once both reach the key: one commits, the other gets a unique
/// violation, or, on a certifying cluster, a certification conflict (a transient error) — either way exactly one wins
/// and the other waits. A holder that dies stops renewing, and the next migrator takes the lock once the lease has run
/// out, so nobody waits forever. Leases are compared on the migrators' clocks, which must agree to well within
/// <see cref="DefaultLease"/>.
/// </summary>
public sealed class LeaseMigrationLock : IAsyncDisposable
{
    /// <summary>How long a lease lasts without renewal (renewed every third of it).</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(60);

    private readonly NexuSqlDatabase _db;
    private readonly string _table;
    private readonly string _name;
    private readonly string _owner;
    private readonly TimeSpan _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    private LeaseMigrationLock(NexuSqlDatabase db, string table, string name, string owner, TimeSpan lease)
    {
        _db = db;
        _table = table;
        _name = name;
        _owner = owner;
        _lease = lease;
        _heldUntil = HeldUntil(System.Diagnostics.Stopwatch.GetTimestamp());
        _renewal = RenewAsync(_stop.Token);
    }

    /// <summary>True once a renewal found the lease taken over (it had expired): the migration should be checked.</summary>
    public bool Lost { get; private set; }

    // Stopwatch timestamp (monotonic: it runs on while the process is paused) until which the lease is this process's
    private long _heldUntil;

    /// <summary>
    /// True while this process may rely on the lease: not <see cref="Lost"/>, and its last renewal (or taking it) is
    /// recent enough, by this machine's monotonic clock, that the lease cannot have run out — with a sixth of its length
    /// to spare for clocks and the renewal's own round trip. A process paused (SIGSTOP, a VM suspended) or cut off from
    /// the database for longer finds it false at once when it runs again, before a renewal could tell it was taken over.
    /// </summary>
    public bool Held => !Lost && System.Diagnostics.Stopwatch.GetTimestamp() < Volatile.Read(ref _heldUntil);

    private long HeldUntil(long from) => from + (long)((_lease - _lease / 6).TotalSeconds * System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Takes the lock named <paramref name="scope"/>, waiting up to <paramref name="timeout"/>.</summary>
    /// <exception cref="NexuSqlTimeoutException">Still held by someone else after <paramref name="timeout"/>; names the holder and the expiry.</exception>
    public static async Task<LeaseMigrationLock> AcquireAsync(NexuSqlDatabase database, string scope, TimeSpan timeout,
        TimeSpan? lease = null, CancellationToken cancellationToken = default)
    {
        var d = database.Dialect;
        scope = await QualifiedAsync(database, scope, cancellationToken).ConfigureAwait(false);
        await EnsureSchemaAsync(database, scope, cancellationToken).ConfigureAwait(false);
        var (q, exists) = LockTable(database, scope);
        var length = lease ?? DefaultLease;
        var owner = $"pid {Environment.ProcessId} {Guid.NewGuid():N} on {Environment.MachineName}";
        if (owner.Length > 200) owner = owner[..200];
        if (!await exists(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await database.ExecuteAsync($"CREATE TABLE {q} (name {d.TypeName(SqlType.VarChar, 200)} NOT NULL PRIMARY KEY, " +
                    $"owner {d.TypeName(SqlType.VarChar, 200)} NOT NULL, expires_at {d.TypeName(SqlType.Timestamp)} NOT NULL)", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (NexuSqlException)
            {
                // fine if another migrator created it at the same moment; anything else is a real failure
                if (!await exists(cancellationToken).ConfigureAwait(false)) throw;
            }
        }
        var clock = Stopwatch.StartNew();
        var unseen = 0;
        while (true)
        {
            var now = DateTime.UtcNow;
            try
            {
                await database.ExecuteAsync($"DELETE FROM {q} WHERE name = :name AND expires_at < :now", new { name = scope, now }, cancellationToken).ConfigureAwait(false);
            }
            catch (NexuSqlTransientException)
            {
                // another migrator removed or took the expired lease at the same moment (Galera: certification conflict)
                await Task.Delay(TimeSpan.FromMilliseconds(50 + Random.Shared.Next(100)), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (NexuSqlException) when (++unseen < 10)
            {
                // SQLite: a connection whose cached schema predates another migrator's CREATE TABLE says "no such table"
                // while that migrator holds the write lock (the schema cookie cannot be re-read then); try again shortly
                await Task.Delay(TimeSpan.FromMilliseconds(50 + Random.Shared.Next(100)), cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                await database.ExecuteAsync($"INSERT INTO {q} (name, owner, expires_at) VALUES (:name, :owner, :expires)",
                    new { name = scope, owner, expires = now + length }, cancellationToken).ConfigureAwait(false);
                return new LeaseMigrationLock(database, q, scope, owner, length);
            }
            catch (NexuSqlException e) when (e is NexuSqlConstraintException { Kind: ConstraintKind.Unique } or NexuSqlTransientException)
            {
                // taken: by a row already there (unique violation), or by a migrator on another cluster node whose insert
                // was certified first (ours was rolled back whole: a deadlock/conflict error, nothing was written)
                if (clock.Elapsed >= timeout)
                {
                    var holder = await database.QueryFirstOrDefaultAsync<Row>($"SELECT owner, expires_at FROM {q} WHERE name = :name", new { name = scope }, cancellationToken).ConfigureAwait(false);
                    throw new NexuSqlTimeoutException(
                        $"Another migrator holds the migration lock ({holder?["owner"] ?? "released meanwhile"}, lease until {Utc(holder?["expires_at"])}); " +
                        $"gave up after {timeout.TotalSeconds:0.#} s. A dead holder's lease runs out by itself; or raise --lock-timeout.", database.Engine);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200 + Random.Shared.Next(300)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The holder of the unexpired lease named <paramref name="scope"/> (owner and expiry), or <see langword="null"/>.</summary>
    public static async Task<string?> HolderAsync(NexuSqlDatabase database, string scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        scope = await QualifiedAsync(database, scope, cancellationToken).ConfigureAwait(false);
        var (q, exists) = LockTable(database, scope);
        if (!await exists(cancellationToken).ConfigureAwait(false)) return null;
        var holder = await database.QueryFirstOrDefaultAsync<Row>(
            $"SELECT owner, expires_at FROM {q} WHERE name = :name AND expires_at >= :now",
            new { name = scope, now = DateTime.UtcNow }, cancellationToken).ConfigureAwait(false);
        return holder is null ? null : $"{holder["owner"]}, lease until {Utc(holder["expires_at"])}";
    }

    /// <summary>
    /// A bare history table qualified by the connection's current schema (or database), where the engine has schemas:
    /// the lease row's name and its table are then the same for <c>--schemas app</c> and a connection already in <c>app</c>.
    /// </summary>
    private static async Task<string> QualifiedAsync(NexuSqlDatabase database, string scope, CancellationToken ct)
    {
        if (scope.Contains('.', StringComparison.Ordinal) || database.Dialect.UseSchemaSql(scope, untilTransactionEnds: false) is null) return scope;
        return await database.ExecuteScalarAsync<string?>(database.Dialect.CurrentSchemaSql, cancellationToken: ct).ConfigureAwait(false) is { Length: > 0 } schema
            ? schema + "." + scope : scope;
    }

    /// <summary>A lease expiry as ISO 8601 UTC, whatever the culture (it printed as <c>11/30/2026 11:33:31</c>).</summary>
    private static string Utc(object? expires) => expires switch
    {
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        null => "unknown",
        _ => Convert.ToString(expires, System.Globalization.CultureInfo.InvariantCulture) + " UTC",
    };

    /// <summary>
    /// Creates the schema of a qualified <paramref name="scope"/> when it does not exist yet (a first migration with
    /// <c>--schemas app</c>): the lock table lives there, so that it is one table for every migrator of that history.
    /// Two migrators creating it at once is fine: whoever fails finds it made.
    /// </summary>
    private static async Task EnsureSchemaAsync(NexuSqlDatabase database, string scope, CancellationToken ct)
    {
        if (SchemaOf(scope) is not { } schema || await SchemaExistsAsync(database, schema, ct).ConfigureAwait(false)) return;
        try
        {
            await database.ExecuteRawAsync("CREATE SCHEMA " + database.Dialect.QuoteIdentifier(schema), ct).ConfigureAwait(false);
        }
        catch (NexuSqlException)
        {
            if (!await SchemaExistsAsync(database, schema, ct).ConfigureAwait(false)) throw;
        }
    }

    private static async Task<bool> SchemaExistsAsync(NexuSqlDatabase database, string schema, CancellationToken ct) =>
        await database.ExecuteScalarAsync<long>(database.Dialect.SchemaExistsSql, new { schema }, ct).ConfigureAwait(false) > 0;

    private static string? SchemaOf(string scope) => scope.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot ? scope[..dot] : null;

    /// <summary>
    /// The lock table of a (qualified) <paramref name="scope"/>: <c>&lt;history table&gt;_lock</c> in the history table's
    /// schema (or database), whether that was named by <c>--schemas</c> or is the connection's current one, so that every
    /// migrator of one history takes one lock; and how to ask whether it exists. Its row is named after the qualified
    /// history table. Engines without schemas keep it beside the history table.
    /// </summary>
    private static (string Quoted, Func<CancellationToken, Task<bool>> Exists) LockTable(NexuSqlDatabase database, string scope)
    {
        var d = database.Dialect;
        if (SchemaOf(scope) is not { } schema)
            return (d.QuoteIdentifier(scope + "_lock"),
                async ct => await database.ExecuteScalarAsync<long>(d.TableExistsSql, new { name = scope + "_lock" }, ct).ConfigureAwait(false) > 0);
        var table = scope[(schema.Length + 1)..] + "_lock";
        return (d.QuoteIdentifier(schema) + "." + d.QuoteIdentifier(table),
            async ct => (await database.QueryAsync<string>(d.SchemaTablesSql, new { schema }, ct).ConfigureAwait(false)).Contains(table, StringComparer.Ordinal));
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        var renewedAt = DateTime.UtcNow;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(_lease / 3, stop).ConfigureAwait(false);
                try
                {
                    var sent = System.Diagnostics.Stopwatch.GetTimestamp();
                    var expires = DateTime.UtcNow + _lease;
                    var renewed = await _db.ExecuteAsync($"UPDATE {_table} SET expires_at = :expires WHERE name = :name AND owner = :owner",
                        new { expires, name = _name, owner = _owner }, stop).ConfigureAwait(false);
                    if (renewed == 0) Lost = true;
                    else
                    {
                        renewedAt = DateTime.UtcNow;
                        Volatile.Write(ref _heldUntil, HeldUntil(sent));
                    }
                }
                catch (NexuSqlException e) when (e.IsTransient && DateTime.UtcNow - renewedAt < _lease * 2 / 3)
                {
                    // a certification conflict or a lost connection (a cluster node went away): the lease still runs,
                    // try again at the next renewal
                }
            }
        }
        catch (OperationCanceledException)
        {
            // released
        }
        catch (NexuSqlException)
        {
            Lost = true; // the lease may run out before another renewal: treat the lock as gone
        }
    }

    /// <summary>Stops renewing and deletes the lock row.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        _stop.Dispose();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _db.ExecuteAsync($"DELETE FROM {_table} WHERE name = :name AND owner = :owner", new { name = _name, owner = _owner }).ConfigureAwait(false);
                return;
            }
            catch (NexuSqlConnectionException)
            {
                // the server (or cluster node) went away, usually the very failure that ends the migration: the lease
                // runs out by itself within its length, and the migration's own error is the one worth reporting
                return;
            }
            catch (NexuSqlException e) when (e.IsTransient && attempt < 5)
            {
                // a certification conflict on a cluster: the delete was rolled back whole; it is safe to repeat
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt + Random.Shared.Next(100))).ConfigureAwait(false);
            }
        }
    }
}
