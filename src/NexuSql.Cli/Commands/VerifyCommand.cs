using System.CommandLine;
using NexuSql.Migrations;
using NexuSql.Verification;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql verify [--against B] [--checks migrations,drift,integrity,schema,data]</c>: exit code 3 when anything is found.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var checks = new Option<string?>("--checks") { Description = "Comma-separated: migrations, drift, integrity, schema, data (default: migrations, drift, integrity; schema and data too with --against)." };
        var against = new Option<string?>("--against") { Description = "Compare the schema and the data with this database (an environment name or a URL), of any engine." };
        var tables = SqlArguments.TablesOption("Compare only these tables (comma-separated).");
        var locations = new Option<string[]>("--locations", "-l") { Description = "Migration folders (default: migrations).", AllowMultipleArgumentsPerToken = true };
        var table = new Option<string>("--table") { Description = "History table name.", DefaultValueFactory = _ => "nexusql_schema_history" };
        var placeholders = new Option<string[]>("--placeholder") { Description = "A ${name} placeholder value for the migrations: name=value (repeatable)." };
        var command = new Command("verify", "Check the database: migrations (checksums, pending, failed), schema drift, referential integrity, and with --against its schema and data against another database. Exit code 3 when something is found.")
            { checks, against, tables, locations, table, placeholders };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            var other = parse.GetValue(against);
            List<VerificationCheck>? chosen = null;
            if (parse.GetValue(checks) is { } named)
            {
                var wanted = SqlArguments.Tables(named, "--checks", "check")!;
                var unknown = wanted.Where(w => !Enum.TryParse<VerificationCheck>(w, ignoreCase: true, out _)).ToList();
                if (unknown.Count > 0) throw new UsageException($"Unknown check(s): {string.Join(", ", unknown)}. Available: {string.Join(", ", Enum.GetValues<VerificationCheck>().Select(DatabaseVerifier.Name))}.");
                chosen = [.. wanted.Select(w => Enum.Parse<VerificationCheck>(w, ignoreCase: true))];
                if (chosen.FirstOrDefault(Compares) is var two && Compares(two) && other is null)
                    throw new UsageException($"The {DatabaseVerifier.Name(two)} check compares two databases: add --against ENV_OR_URL.");
            }
            await using var db = context.OpenExistingDatabase("verify");
            await using var otherDb = other is null || chosen is not null && !chosen.Any(Compares) ? null
                : NexuSqlDatabase.Open(CommandContext.Existing(context.Config.UrlOrEnvironment(other, "--against").Url, "compare against"));
            var result = await DatabaseVerifier.VerifyAsync(db, new VerifyOptions
            {
                Checks = chosen,
                Migrations = new MigrationOptions
                {
                    Locations = context.MigrationLocations(parse.GetValue(locations)),
                    HistoryTable = parse.GetValue(table)!,
                    Placeholders = MigrateCommand.ParseNameValues(parse.GetValue(placeholders) ?? [], "--placeholder"),
                },
                Against = otherDb,
                Tables = SqlArguments.Tables(parse.GetValue(tables)),
                Progress = (t, rows) => { if (!context.Quiet) Console.Error.WriteLine($"  compared {t}: {rows:N0} rows"); },
            }, ct);
            if (!context.Quiet) foreach (var note in result.Notes) Console.Error.WriteLine("note: " + note);
            var findings = result.Findings;
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("ok", findings.Count == 0);
                    w.WriteStartArray("findings");
                    foreach (var finding in findings)
                    {
                        w.WriteStartObject();
                        w.WriteString("check", DatabaseVerifier.Name(finding.Check));
                        w.WriteString("finding", finding.Message);
                        if (finding.Table is { } t) w.WriteString("table", t);
                        if (finding.Key is { } k) w.WriteString("key", k);
                        if (finding.Columns is { } columns)
                        {
                            w.WriteStartArray("columns");
                            foreach (var c in columns) w.WriteStringValue(c);
                            w.WriteEndArray();
                        }
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else if (findings.Count == 0) Console.WriteLine($"OK: {string.Join(", ", result.Checked.Select(DatabaseVerifier.Name))}.");
            else foreach (var finding in findings) Console.WriteLine($"[{DatabaseVerifier.Name(finding.Check)}] {finding.Message}");
            return findings.Count == 0 ? ExitCodes.Ok : ExitCodes.Differences;
        }));
        return command;
    }

    /// <summary>The checks that compare two databases.</summary>
    private static bool Compares(VerificationCheck check) => check is VerificationCheck.Schema or VerificationCheck.Data;
}
