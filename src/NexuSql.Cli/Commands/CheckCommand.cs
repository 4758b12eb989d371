using System.CommandLine;
using System.Diagnostics;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql check</c>: connects, reads the server version and measures a round trip.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Check that the database answers: connection, server version, latency.");
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            await using var db = context.OpenExistingDatabase("check");
            var connect = Stopwatch.StartNew();
            var version = await db.ExecuteScalarAsync<string>(db.Dialect.ServerVersionSql, cancellationToken: ct);
            connect.Stop();
            var roundTrip = Stopwatch.StartNew();
            await db.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: ct);
            roundTrip.Stop();
            var latencyMs = Math.Round(roundTrip.Elapsed.TotalMilliseconds, 2);
            var pool = db.PoolStatistics;
            var limit = db.Options.MaxConnections?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "driver default";
            var statementTimeout = db.Options.CommandTimeout is { } st ? $"{st.TotalSeconds:0.#} s" : "driver default";
            var firstMs = Math.Round(connect.Elapsed.TotalMilliseconds, 2);
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("ok", true);
                    w.WriteString("engine", db.Engine.ToString());
                    w.WriteString("database", db.Url?.Redacted ?? db.ToString());
                    w.WriteString("serverVersion", version);
                    w.WriteNumber("connectMs", firstMs);
                    w.WriteNumber("latencyMs", latencyMs);
                    w.WriteStartObject("pool");
                    if (db.Options.MaxConnections is { } max) w.WriteNumber("maxConnections", max); else w.WriteNull("maxConnections");
                    w.WriteNumber("acquireTimeoutSeconds", db.Options.AcquireTimeout.TotalSeconds);
                    if (db.Options.CommandTimeout is { } ct2) w.WriteNumber("statementTimeoutSeconds", ct2.TotalSeconds); else w.WriteNull("statementTimeoutSeconds");
                    w.WriteNumber("inUse", pool.InUse);
                    w.WriteNumber("peak", pool.Peak);
                    w.WriteNumber("acquired", pool.Acquired);
                    w.WriteNumber("waited", pool.Waited);
                    w.WriteNumber("timedOut", pool.TimedOut);
                    w.WriteEndObject();
                    w.WriteEndObject();
                });
            }
            else
            {
                Console.WriteLine($"ok        {db.Engine} at {db.Url?.Redacted ?? db.ToString()}");
                Console.WriteLine($"server    {version}");
                Console.WriteLine($"connect   {firstMs} ms (first query, including connection)");
                Console.WriteLine($"latency   {latencyMs} ms (SELECT 1 round trip)");
                Console.WriteLine($"pool      max {limit}, acquire timeout {db.Options.AcquireTimeout.TotalSeconds:0.#} s, statement timeout {statementTimeout}; " +
                                  $"{pool.Acquired} acquired, peak {pool.Peak} in use, {pool.Waited} waited, {pool.TimedOut} timed out");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
