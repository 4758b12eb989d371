namespace NexuSql;

/// <summary>A snapshot of how a <see cref="NexuSqlDatabase"/> has used its connections.</summary>
/// <param name="InUse">Connections held right now (calls running, transactions, streams, sessions).</param>
/// <param name="Peak">The most held at once.</param>
/// <param name="MaxConnections">The configured limit, or null for the driver's own pool limit.</param>
/// <param name="Acquired">Connections handed out since the database was opened.</param>
/// <param name="Waited">How many of those had to wait for a free slot.</param>
/// <param name="TimedOut">Requests that gave up after <see cref="NexuSqlOptions.AcquireTimeout"/>.</param>
/// <param name="TotalWait">Total time spent waiting for a slot.</param>
public sealed record PoolStatistics(int InUse, int Peak, int? MaxConnections, long Acquired, long Waited, long TimedOut, TimeSpan TotalWait);
