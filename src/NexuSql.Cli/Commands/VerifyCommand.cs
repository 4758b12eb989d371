using System.CommandLine;
using NexuSql.Migrations;
using NexuSql.Schema;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql verify [--checks migrations,drift]</c>: exit code 3 when anything is found.</summary>
internal static class VerifyCommand
{
    private static readonly string[] Available = ["migrations", "drift"];

    public static Command Create()
    {
        var checks = new Option<string>("--checks") { Description = "Comma-separated: migrations, drift.", DefaultValueFactory = _ => "migrations,drift" };
        var locations = new Option<string[]>("--locations", "-l") { Description = "Migration folders (default: migrations).", AllowMultipleArgumentsPerToken = true };
        var table = new Option<string>("--table") { Description = "History table name.", DefaultValueFactory = _ => "nexusql_schema_history" };
        var placeholders = new Option<string[]>("--placeholder") { Description = "A ${name} placeholder value for the migrations: name=value (repeatable)." };
        var command = new Command("verify", "Check the database: migrations (checksums, pending, failed) and schema drift. Exit code 3 when something is found.")
            { checks, locations, table, placeholders };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, async context =>
        {
            var wanted = parse.GetValue(checks)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = wanted.Except(Available, StringComparer.OrdinalIgnoreCase).ToList();
            if (unknown.Count > 0) throw new UsageException($"Unknown or not yet available check(s): {string.Join(", ", unknown)}. Available: {string.Join(", ", Available)}.");
            await using var db = context.OpenDatabase();
            var options = new MigrationOptions
            {
                Locations = context.MigrationLocations(parse.GetValue(locations)),
                HistoryTable = parse.GetValue(table)!,
                Placeholders = MigrateCommand.ParsePlaceholders(parse.GetValue(placeholders) ?? []),
            };
            var findings = new List<(string Check, string Finding)>();
            if (wanted.Contains("migrations", StringComparer.OrdinalIgnoreCase))
            {
                var migrator = new Migrator(db, options);
                findings.AddRange((await migrator.ValidateAsync(ct)).Select(p => ("migrations", p)));
                findings.AddRange((await migrator.InfoAsync(ct)).Where(i => i.State is MigrationState.Pending or MigrationState.Outdated)
                    .Select(i => ("migrations", $"{i.Script} is {i.State.ToString().ToLowerInvariant()}.")));
            }
            if (wanted.Contains("drift", StringComparer.OrdinalIgnoreCase))
            {
                var drift = await DriftCheck.CheckAsync(db, options, ct);
                findings.AddRange(drift.Changes.Concat(drift.Refused).Select(c => ("drift", $"live schema differs from the migrations: {c.Description}")));
            }
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("ok", findings.Count == 0);
                    w.WriteStartArray("findings");
                    foreach (var (check, finding) in findings)
                    {
                        w.WriteStartObject();
                        w.WriteString("check", check);
                        w.WriteString("finding", finding);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else if (findings.Count == 0) Console.WriteLine($"OK: {string.Join(", ", wanted)}.");
            else foreach (var (check, finding) in findings) Console.WriteLine($"[{check}] {finding}");
            return findings.Count == 0 ? ExitCodes.Ok : ExitCodes.Differences;
        }));
        return command;
    }
}
