using System.CommandLine;
using System.Diagnostics;
using NexuSql.Backup;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql restore PATH</c>: verify a backup, then load it into an empty database of any engine.</summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The backup file." };
        var clean = new Option<bool>("--clean") { Description = "Drop everything in the target database first (otherwise a database that is not empty is refused)." };
        var resume = new Option<bool>("--resume") { Description = "Finish an interrupted restore of the same backup (tables already loaded are kept)." };
        var tables = SqlArguments.TablesOption("Restore only these tables (comma-separated).");
        var schemas = SqlArguments.SchemasOption("restore");
        var replace = new Option<bool>("--replace") { Description = "With --tables: drop and restore only those tables in a database that holds others; everything else stays." };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = $"Load this many tables at once, each on a connection of its own (1 to {RestoreOptions.MaxJobs}; as pg_restore -j). Keys, indexes and the check follow the load. SQLite: one at a time whatever this says.",
            DefaultValueFactory = _ => 1,
        }.Between(1, RestoreOptions.MaxJobs);
        var command = new Command("restore", "Restore a backup into an empty database (any engine); the backup is verified before the target is touched.") { path, clean, resume, tables, schemas, replace, jobs };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            // keep what is loaded, or drop everything: one or the other (bt31 B7: restore cleaned where copy refused)
            if (parse.GetValue(clean) && parse.GetValue(resume)) throw new UsageException("--resume keeps what an interrupted restore loaded and --clean drops everything first: choose one.");
            CommandContext.ExistingBackup(parse.GetValue(path)!);
            await using var db = context.OpenTargetDatabase("restore");
            var clock = Stopwatch.StartNew();
            var chosen = (parse.GetValue(tables) is { } only ? $" --tables {only}" : "") + (parse.GetValue(schemas) is { } named ? $" --schemas {named}" : "")
                + (parse.GetValue(jobs) is var n and > 1 ? $" --jobs {n}" : "");
            var unfinished = parse.GetValue(replace)
                ? $"The target is marked as an unfinished restore (nothing half-loaded looks complete). Run the same command again to replace those tables from the start: nexusql {context.TargetOption} restore {parse.GetValue(path)} --tables {parse.GetValue(tables)} --replace."
                : $"The target is marked as an unfinished restore (nothing half-loaded looks complete). Continue with the same command and --resume: nexusql {context.TargetOption} restore {parse.GetValue(path)}{chosen} --resume (tables already loaded are kept), or start over with --clean.";
            var view = new TableProgressView(context);
            if (parse.GetValue(clean)) context.ConfirmDestructive(context.Target, "restore --clean");
            if (parse.GetValue(replace))
            {
                if (parse.GetValue(tables) is null) throw new UsageException("--replace restores the tables named by --tables and leaves the others: add --tables T1,T2.");
                if (parse.GetValue(clean) || parse.GetValue(resume)) throw new UsageException("--replace cannot be combined with --clean (which drops everything) or --resume (run the same --replace again instead).");
                context.ConfirmDestructive(context.Target, $"restore --tables {parse.GetValue(tables)} --replace");
            }
            // until the target is marked, the restore has only read and checked (the backup, every value against the target's
            // columns); only --clean and --replace drop tables before that
            var again = $"nexusql {context.TargetOption} restore {parse.GetValue(path)}{chosen}"
                + (parse.GetValue(clean) ? " --clean" : "") + (parse.GetValue(replace) ? " --replace" : "");
            // --clean's and --replace's note only once they have begun to drop (bt35 L4)
            var dropping = $"Nothing was restored yet, but {(parse.GetValue(clean) ? "--clean" : "--replace")} may already have dropped tables in the target. Run the same command again: {again}.";
            context.OnInterrupt = $"Nothing was written to the target (the restore was still reading and checking). Run the same command again: {again}.";
            var result = await Audit.RunAsync(context, db, "restore", $"from {Path.GetFullPath(parse.GetValue(path)!)}", () => view.RunAsync(v => BackupRestorer.RestoreAsync(parse.GetValue(path)!, db, new RestoreOptions
            {
                Clean = parse.GetValue(clean),
                Resume = parse.GetValue(resume),
                Replace = parse.GetValue(replace),
                Jobs = parse.GetValue(jobs),
                Tables = SqlArguments.Tables(parse.GetValue(tables)),
                Schemas = SqlArguments.Tables(parse.GetValue(schemas), "--schemas", "schema"),
                Progress = v.Progress,
                Phase = phase =>
                {
                    if ((parse.GetValue(clean) || parse.GetValue(replace)) && phase.StartsWith("dropping", StringComparison.Ordinal)) context.OnInterrupt = dropping;
                    v.Phase(phase);
                },
                Marked = () =>
                {
                    context.OnInterrupt = unfinished; // before the marker, nothing was written: no --resume advice
                    // a replace has dropped the tables it replaces by now: an error after it must say so
                    if (parse.GetValue(replace))
                        context.OnFailure = $"The tables to replace ({parse.GetValue(tables)}) were dropped before the load and are now empty or partly loaded, and the target is marked as an unfinished restore. " +
                            $"Remove the cause, then run the same command again to replace them from the start: nexusql {context.TargetOption} restore {parse.GetValue(path)} --tables {parse.GetValue(tables)} --replace " +
                            "(or restore their old rows from a backup of the target).";
                },
            }, ct)), ct);
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("engine", db.Engine.ToString());
                    w.WriteNumber("tables", result.Tables.Count);
                    w.WriteNumber("rows", result.Rows);
                    w.WriteNumber("seconds", Math.Round(clock.Elapsed.TotalSeconds, 3));
                    w.WriteStartArray("skippedViews");
                    foreach (var v in result.SkippedViews) w.WriteStringValue(v);
                    w.WriteEndArray();
                    TransferOutput.WriteSkippedObjects(w, result);
                    w.WriteEndObject();
                });
            }
            else if (!context.Quiet)
            {
                Console.WriteLine($"Restored {result.Tables.Count} table{(result.Tables.Count == 1 ? "" : "s")}, {result.Rows:N0} row{(result.Rows == 1 ? "" : "s")}, into {db.Engine} in {clock.Elapsed.TotalSeconds:0.0} s; counts and hashes match the backup.");
                if (result.SkippedViews.Count > 0)
                    Console.WriteLine($"Views not created (written for another engine, or using functions the target lacks — create them with a migration): {string.Join("; ", result.SkippedViews)}.");
                TransferOutput.PrintSkippedObjects(result, "the restore");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
