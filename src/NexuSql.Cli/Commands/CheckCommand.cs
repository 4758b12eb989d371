using System.CommandLine;
using System.Diagnostics;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql check</c>: connects, reads the server version and measures a round trip.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Check that the database answers: connection, server version, latency.");
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, async context =>
        {
            await using var db = context.OpenDatabase();
            var connect = Stopwatch.StartNew();
            var version = await db.ExecuteScalarAsync<string>(db.Dialect.ServerVersionSql, cancellationToken: ct);
            connect.Stop();
            var roundTrip = Stopwatch.StartNew();
            await db.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: ct);
            roundTrip.Stop();
            var latencyMs = Math.Round(roundTrip.Elapsed.TotalMilliseconds, 2);
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
                    w.WriteEndObject();
                });
            }
            else
            {
                Console.WriteLine($"ok        {db.Engine} at {db.Url?.Redacted ?? db.ToString()}");
                Console.WriteLine($"server    {version}");
                Console.WriteLine($"connect   {firstMs} ms (first query, including connection)");
                Console.WriteLine($"latency   {latencyMs} ms (SELECT 1 round trip)");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
