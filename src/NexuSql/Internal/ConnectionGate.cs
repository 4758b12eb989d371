using System.Diagnostics;

namespace NexuSql.Internal;

/// <summary>
/// Bounds and counts the connections a database hands out, the same way on every engine (SQLite's driver has no pool
/// size; the others differ in names and timeout semantics). Waits are bounded and cancellable; a request that
/// gives up throws <see cref="NexuSqlTimeoutException"/> saying how many connections are in use.
/// </summary>
internal sealed class ConnectionGate(int? maxConnections, TimeSpan acquireTimeout, NexuSqlEngine engine, TelemetryTarget telemetry) : IDisposable
{
    private readonly SemaphoreSlim? _slots = maxConnections is { } max ? new SemaphoreSlim(max, max) : null;
    private int _inUse;
    private int _peak;
    private long _acquired;
    private long _waited;
    private long _timedOut;
    private long _waitTicks;

    public async ValueTask EnterAsync(bool async, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        if (_slots is not null && !_slots.Wait(0))
        {
            Interlocked.Increment(ref _waited);
            Telemetry.Pending.Add(1, telemetry.PoolTags());
            bool entered;
            try
            {
                entered = async ? await _slots.WaitAsync(acquireTimeout, ct).ConfigureAwait(false) : _slots.Wait(acquireTimeout, ct);
            }
            finally
            {
                Telemetry.Pending.Add(-1, telemetry.PoolTags());
                Interlocked.Add(ref _waitTicks, Stopwatch.GetElapsedTime(start).Ticks);
            }
            if (!entered)
            {
                Interlocked.Increment(ref _timedOut);
                Telemetry.Timeouts.Add(1, telemetry.PoolTags());
                throw new NexuSqlTimeoutException(
                    $"Waited {acquireTimeout.TotalSeconds:0.#} s for a connection: all {maxConnections} allowed connections are in use. " +
                    "Raise pool_max (or NexuSqlOptions.MaxConnections), shorten transactions, or raise acquire_timeout.", engine);
            }
        }
        var now = Interlocked.Increment(ref _inUse);
        Interlocked.Increment(ref _acquired);
        Telemetry.ConnectionsUsed.Add(1, telemetry.PoolTags("used"));
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak) { }
    }

    /// <summary>The time from <see cref="EnterAsync"/> to an open connection: recorded once the driver has opened it.</summary>
    public void Opened(long enteredAt)
    {
        if (Telemetry.WaitTime.Enabled) Telemetry.WaitTime.Record(Stopwatch.GetElapsedTime(enteredAt).TotalSeconds, telemetry.PoolTags());
    }

    public void Exit()
    {
        Interlocked.Decrement(ref _inUse);
        Telemetry.ConnectionsUsed.Add(-1, telemetry.PoolTags("used"));
        _slots?.Release();
    }

    public PoolStatistics Snapshot() => new(Volatile.Read(ref _inUse), Volatile.Read(ref _peak), maxConnections,
        Interlocked.Read(ref _acquired), Interlocked.Read(ref _waited), Interlocked.Read(ref _timedOut), TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks)));

    public void Dispose() => _slots?.Dispose();
}
