using System.CommandLine;
using NexuSql.Migrations;
using NexuSql.Schema;
using NexuSql.Verification;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql verify [--against B] [--checks migrations,drift,integrity,data]</c>: exit code 3 when anything is found.</summary>
internal static class VerifyCommand
{
    private static readonly string[] Available = ["migrations", "drift", "integrity", "data"];

    public static Command Create()
    {
        var checks = new Option<string?>("--checks") { Description = "Comma-separated: migrations, drift, integrity, data (default: all but data; data too with --against)." };
        var against = new Option<string?>("--against") { Description = "Compare the data with this database (an environment name or a URL), of any engine." };
        var tables = SqlArguments.TablesOption("Compare only these tables (comma-separated).");
        var locations = new Option<string[]>("--locations", "-l") { Description = "Migration folders (default: migrations).", AllowMultipleArgumentsPerToken = true };
        var table = new Option<string>("--table") { Description = "History table name.", DefaultValueFactory = _ => "nexusql_schema_history" };
        var placeholders = new Option<string[]>("--placeholder") { Description = "A ${name} placeholder value for the migrations: name=value (repeatable)." };
        var command = new Command("verify", "Check the database: migrations (checksums, pending, failed), schema drift, referential integrity, and with --against its data against another database. Exit code 3 when something is found.")
            { checks, against, tables, locations, table, placeholders };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, async context =>
        {
            var other = parse.GetValue(against);
            var wanted = SqlArguments.Tables(parse.GetValue(checks) ?? (other is null ? "migrations,drift,integrity" : "migrations,drift,integrity,data"), "--checks", "check")!;
            var unknown = wanted.Except(Available, StringComparer.OrdinalIgnoreCase).ToList();
            if (unknown.Count > 0) throw new UsageException($"Unknown check(s): {string.Join(", ", unknown)}. Available: {string.Join(", ", Available)}.");
            if (wanted.Contains("data", StringComparer.OrdinalIgnoreCase) && other is null) throw new UsageException("The data check compares two databases: add --against ENV_OR_URL.");
            await using var db = context.OpenExistingDatabase("verify");
            var options = new MigrationOptions
            {
                Locations = context.MigrationLocations(parse.GetValue(locations)),
                HistoryTable = parse.GetValue(table)!,
                Placeholders = MigrateCommand.ParseNameValues(parse.GetValue(placeholders) ?? [], "--placeholder"),
            };
            var hasMigrations = options.Locations.Any(l => Directory.Exists(l) && Directory.EnumerateFiles(l, "*.sql", SearchOption.AllDirectories).Any());
            if (!hasMigrations && parse.GetValue(checks) is null)
            {
                // nothing to check migrations against: by default those checks are left out, not failed
                wanted = [.. wanted.Where(w => w is not ("migrations" or "drift"))];
                if (!context.Quiet) Console.Error.WriteLine($"note: no migration scripts in {string.Join(", ", options.Locations)}; checking {string.Join(", ", wanted)}.");
            }
            // every check reads what the cluster holds, not what a lagging node has applied so far (Galera)
            await db.CatchUpAsync(ct);
            var findings = new List<(string Check, string Finding)>();
            if (wanted.Contains("migrations", StringComparer.OrdinalIgnoreCase))
            {
                var migrator = new Migrator(db, options);
                findings.AddRange((await migrator.ValidateAsync(ct)).Select(p => ("migrations", p)));
                findings.AddRange((await migrator.InfoAsync(ct)).Where(i => i.State is MigrationState.Pending or MigrationState.Outdated)
                    .Select(i => ("migrations", $"{i.Script} is {i.State.ToString().ToLowerInvariant()}.")));
            }
            SchemaModel? expected = null;
            if (hasMigrations && wanted.Any(w => w.Equals("drift", StringComparison.OrdinalIgnoreCase) || w.Equals("integrity", StringComparison.OrdinalIgnoreCase)))
                expected = await DriftCheck.ExpectedSchemaAsync(db, options, ct);
            if (wanted.Contains("drift", StringComparer.OrdinalIgnoreCase) && expected is not null)
            {
                var live = (await db.Provider.ReadSchemaAsync(db, ct)).WithoutTables(SchemaModel.OwnTables(options.HistoryTable));
                var drift = SchemaDiff.Plan(expected, live, db.Dialect, allowDrop: true, compareViewText: true);
                findings.AddRange(drift.Changes.Concat(drift.Refused).Select(c => ("drift", $"live schema differs from the migrations: {c.Description}")));
            }
            if (wanted.Contains("integrity", StringComparer.OrdinalIgnoreCase))
                findings.AddRange((await IntegrityCheck.CheckAsync(db, expected, ct)).Select(f => ("integrity", f)));
            if (other is not null && wanted.Contains("data", StringComparer.OrdinalIgnoreCase))
            {
                var second = context.Config.UrlOrEnvironment(other, "--against");
                await using var otherDb = NexuSqlDatabase.Open(CommandContext.Existing(second.Url, "compare against"));
                var differences = await DataComparer.CompareAsync(db, otherDb, new DataCompareOptions
                {
                    Tables = SqlArguments.Tables(parse.GetValue(tables)),
                    Progress = (t, rows) => { if (!context.Quiet) Console.Error.WriteLine($"  compared {t}: {rows:N0} rows"); },
                }, ct);
                findings.AddRange(differences.Select(x => ("data", $"{x.Table}: {(x.Key is null ? "" : x.Key + ": ")}{x.Detail}")));
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
