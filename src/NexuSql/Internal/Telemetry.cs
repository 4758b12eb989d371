using System.Diagnostics;

namespace NexuSql.Internal;

/// <summary>
/// One <see cref="Activity"/> per command on the <c>NexuSql</c> source, with OpenTelemetry's database attributes. The
/// SQL text is the rewritten statement with placeholders: parameter values never become tags.
/// </summary>
internal static class Telemetry
{
    public static readonly ActivitySource Source = new(NexuSqlDatabase.ActivitySourceName, typeof(Telemetry).Assembly.GetName().Version?.ToString());

    public static Activity? Start(NexuSqlEngine engine, string sql)
    {
        if (!Source.HasListeners()) return null;
        var activity = Source.StartActivity(Operation(sql), ActivityKind.Client);
        if (activity is null) return null;
        activity.SetTag("db.system", engine switch
        {
            NexuSqlEngine.Sqlite => "sqlite",
            NexuSqlEngine.PostgreSql => "postgresql",
            NexuSqlEngine.MySql => "mysql",
            NexuSqlEngine.SqlServer => "mssql",
            NexuSqlEngine.CockroachDb => "cockroachdb",
            _ => "other_sql",
        });
        activity.SetTag("db.query.text", sql);
        return activity;
    }

    public static void Fail(Activity? activity, NexuSqlException e)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, e.Message);
        if (e.EngineCode is { } code) activity.SetTag("db.response.status_code", code);
        activity.SetTag("error.type", e.GetType().Name);
    }

    /// <summary>The first keyword (SELECT, INSERT, ...) as the span name.</summary>
    private static string Operation(string sql)
    {
        var span = sql.AsSpan().TrimStart();
        var end = 0;
        while (end < span.Length && char.IsLetter(span[end])) end++;
        return end == 0 ? "SQL" : span[..end].ToString().ToUpperInvariant();
    }
}
