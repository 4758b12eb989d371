using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NexuSql.Internal;

/// <summary>
/// Tracing and metrics with OpenTelemetry's database client conventions: one <see cref="Activity"/> per command on the
/// <c>NexuSql</c> source, and the <c>NexuSql</c> meter's <c>db.client.operation.duration</c> and connection instruments
/// (<see cref="NexuSqlDatabase.MeterName"/>). The SQL text is the rewritten statement with placeholders: parameter
/// values never become tags. Nothing is allocated while nobody listens.
/// </summary>
internal static class Telemetry
{
    private static readonly string? Version = typeof(Telemetry).Assembly.GetName().Version?.ToString();
    public static readonly ActivitySource Source = new(NexuSqlDatabase.ActivitySourceName, Version);
    public static readonly Meter Meter = new(NexuSqlDatabase.MeterName, Version);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("db.client.operation.duration", "s",
        "Duration of database client operations: from sending the command to its last row or its error.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] });

    /// <summary>Connections handed out and not yet given back (<c>db.client.connection.state</c> = used).</summary>
    public static readonly UpDownCounter<long> ConnectionsUsed = Meter.CreateUpDownCounter<long>("db.client.connection.count", "{connection}",
        "Connections in use: handed out by the database and not yet given back.");

    /// <summary>Requests waiting for a connection because all <c>pool_max</c> are in use.</summary>
    public static readonly UpDownCounter<long> Pending = Meter.CreateUpDownCounter<long>("db.client.connection.pending_requests", "{request}",
        "Requests waiting for a connection because every allowed one is in use.");

    /// <summary>Time to obtain a connection (waiting for a free slot and the driver's open).</summary>
    public static readonly Histogram<double> WaitTime = Meter.CreateHistogram<double>("db.client.connection.wait_time", "s",
        "Time it took to obtain a connection.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.001, 0.01, 0.1, 1, 5, 30] });

    /// <summary>Requests that gave up waiting for a connection (<c>acquire_timeout</c>).</summary>
    public static readonly Counter<long> Timeouts = Meter.CreateCounter<long>("db.client.connection.timeouts", "{timeout}",
        "Requests that gave up waiting for a connection.");

    public static string SystemName(NexuSqlEngine engine) => engine switch
    {
        NexuSqlEngine.Sqlite => "sqlite",
        NexuSqlEngine.PostgreSql => "postgresql",
        NexuSqlEngine.MySql => "mysql",
        NexuSqlEngine.SqlServer => "microsoft.sql_server",
        NexuSqlEngine.CockroachDb => "cockroachdb",
        _ => "other_sql",
    };

    /// <summary>The span and the duration measurement of one command, or null while nobody listens.</summary>
    public static Operation? Start(TelemetryTarget target, string sql)
    {
        var traced = Source.HasListeners();
        if (!traced && !Duration.Enabled) return null;
        var name = OperationName(sql);
        var activity = traced ? Source.StartActivity(name, ActivityKind.Client) : null;
        if (activity is not null)
        {
            foreach (var tag in target.Tags) activity.SetTag(tag.Key, tag.Value);
            activity.SetTag("db.system", target.System); // the name before OpenTelemetry's 1.33 conventions, kept for existing queries
            activity.SetTag("db.operation.name", name);
            activity.SetTag("db.query.text", sql);
        }
        return new Operation(activity, target, name);
    }

    public static void Fail(Operation? operation, NexuSqlException e) => operation?.Fail(e);

    /// <summary>The first keyword (SELECT, INSERT, ...) as the span name.</summary>
    private static string OperationName(string sql)
    {
        var span = sql.AsSpan().TrimStart();
        var end = 0;
        while (end < span.Length && char.IsLetter(span[end])) end++;
        return end == 0 ? "SQL" : span[..end].ToString().ToUpperInvariant();
    }

    /// <summary>One command: its span (when traced) and its duration (recorded when disposed).</summary>
    internal sealed class Operation(Activity? activity, TelemetryTarget target, string name) : IDisposable
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private string? _error;

        public void Fail(NexuSqlException e)
        {
            _error = e.GetType().Name;
            if (activity is null) return;
            activity.SetStatus(ActivityStatusCode.Error, e.Message);
            if (e.EngineCode is { } code) activity.SetTag("db.response.status_code", code);
            activity.SetTag("error.type", _error);
        }

        public void Dispose()
        {
            if (Duration.Enabled)
            {
                var tags = target.Tags;
                tags.Add("db.operation.name", name);
                if (_error is not null) tags.Add("error.type", _error);
                Duration.Record(Stopwatch.GetElapsedTime(_start).TotalSeconds, tags);
            }
            activity?.Dispose();
        }
    }
}

/// <summary>
/// What every span and measurement of one database carries: <c>db.system.name</c>, <c>db.namespace</c> (the database
/// name, SQLite's file), <c>server.address</c> and <c>server.port</c> (the URL's first host), and for the connection
/// instruments <c>db.client.connection.pool.name</c> (the redacted URL: never a password).
/// </summary>
internal sealed class TelemetryTarget(NexuSqlEngine engine, DatabaseUrl? url, string display)
{
    public string System { get; } = Telemetry.SystemName(engine);

    private readonly KeyValuePair<string, object?>[] _tags = TagsOf(engine, url);

    private static KeyValuePair<string, object?>[] TagsOf(NexuSqlEngine engine, DatabaseUrl? url)
    {
        var tags = new List<KeyValuePair<string, object?>> { new("db.system.name", Telemetry.SystemName(engine)) };
        if (url?.Database is { } database) tags.Add(new("db.namespace", database));
        if (engine != NexuSqlEngine.Sqlite && url?.Host is { } host)
        {
            tags.Add(new("server.address", host.Name));
            if (host.Port is { } port) tags.Add(new("server.port", port));
        }
        return [.. tags];
    }

    /// <summary>A fresh list of the database's tags (callers add their own).</summary>
    public TagList Tags
    {
        get
        {
            var list = new TagList();
            foreach (var tag in _tags) list.Add(tag);
            return list;
        }
    }

    /// <summary>The tags of the connection instruments.</summary>
    public TagList PoolTags(string? state = null)
    {
        var list = new TagList { { "db.client.connection.pool.name", display } };
        if (state is not null) list.Add("db.client.connection.state", state);
        return list;
    }
}
