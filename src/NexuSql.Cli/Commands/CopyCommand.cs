using System.CommandLine;
using System.Diagnostics;
using NexuSql.Copy;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql copy --from A --to B</c>: any engine to any engine, streamed, resumable, verified.</summary>
internal static class CopyCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "Source: an environment name or a URL.", Required = true };
        var to = new Option<string>("--to") { Description = "Target: an environment name or a URL.", Required = true };
        var schemaOnly = new Option<bool>("--schema-only") { Description = "Copy tables, keys, indexes and foreign keys, no rows." };
        var dataOnly = new Option<bool>("--data-only") { Description = "Copy rows into tables that already exist (and are empty) in the target." };
        var tables = SqlArguments.TablesOption("Copy only these tables (comma-separated; sales.t for a table of another PostgreSQL schema).");
        var schemas = SqlArguments.SchemasOption("copy");
        var resume = new Option<bool>("--resume") { Description = "Finish an interrupted copy: tables already copied are kept." };
        var clean = new Option<bool>("--clean") { Description = "Drop everything in the target first (with --data-only: empty the copied tables)." };
        var command = new Command("copy", "Copy a database (schema and rows) between environments or URLs of any engines; verified at the end.")
            { from, to, schemaOnly, dataOnly, tables, schemas, resume, clean };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            if (parse.GetValue(schemaOnly) && parse.GetValue(dataOnly)) throw new UsageException("Choose --schema-only or --data-only, not both.");
            if (parse.GetValue(clean) && parse.GetValue(resume)) throw new UsageException("--resume keeps what an interrupted copy copied and --clean drops everything first: choose one.");
            var source = context.Config.UrlOrEnvironment(parse.GetValue(from)!, "--from");
            var target = context.Config.UrlOrEnvironment(parse.GetValue(to)!, "--to");
            // refused (exit 4) as the library refuses two URLs that reach one database (bt30 F5: one answer for one situation)
            if (source.Url.ToSecretString() == target.Url.ToSecretString())
                throw new NexuSqlRefusedException("The source and the target are the same database (--from and --to are one URL): a copy into it would drop or overwrite what it reads. Nothing was changed.");
            var targetUrl = context.WritesInto(target.Url, "--to", "copy");
            context.ConfirmDestructive(target, parse.GetValue(clean) ? "copy --clean" : "copy into it", destroys: parse.GetValue(clean));
            await using var sourceDb = NexuSqlDatabase.Open(CommandContext.Existing(source.Url, "copy from"));
            await using var targetDb = NexuSqlDatabase.Open(targetUrl);
            var clock = Stopwatch.StartNew();
            var again = $"nexusql copy --from {source.Environment ?? source.Url.ToString()} --to {target.Environment ?? target.Url.ToString()}"
                + (parse.GetValue(tables) is { } only ? $" --tables {only}" : "") + (parse.GetValue(schemas) is { } chosen ? $" --schemas {chosen}" : "")
                + (parse.GetValue(schemaOnly) ? " --schema-only" : "") + (parse.GetValue(dataOnly) ? " --data-only" : "");
            var unfinished = $"The target is marked as an unfinished copy (nothing half-copied looks complete). Continue with: {again} --resume (tables already copied are re-checked and kept), or start over with --clean.";
            var view = new TableProgressView(context);
            // --clean's note only once it has begun to drop or empty (bt35 L4: said for a target that was never reached)
            var cleaning = parse.GetValue(clean) && !parse.GetValue(schemaOnly)
                ? $"Nothing was copied yet, but --clean may already have {(parse.GetValue(dataOnly) ? "emptied the copied tables" : "dropped tables")} in the target. Run the same command again: {again} --clean."
                : null;
            context.OnInterrupt = parse.GetValue(schemaOnly)
                ? $"A schema-only copy is not marked in the target, which may now hold part of the schema: check it, or start over with: {again} --clean."
                : $"Nothing was written to the target (the copy was still reading and checking). Run the same command again: {again}{(parse.GetValue(clean) ? " --clean" : "")}.";
            var result = await Audit.RunAsync(context, targetDb, "copy", $"from {source} to {target}", () => view.RunAsync(v => DatabaseCopier.CopyAsync(sourceDb, targetDb, new CopyOptions
            {
                SchemaOnly = parse.GetValue(schemaOnly),
                DataOnly = parse.GetValue(dataOnly),
                Tables = SqlArguments.Tables(parse.GetValue(tables)),
                Schemas = SqlArguments.Tables(parse.GetValue(schemas), "--schemas", "schema"),
                Resume = parse.GetValue(resume),
                Clean = parse.GetValue(clean),
                Progress = v.Progress,
                Phase = phase =>
                {
                    if (cleaning is not null && (phase.StartsWith("dropping", StringComparison.Ordinal) || phase.StartsWith("emptying", StringComparison.Ordinal))) context.OnInterrupt = cleaning;
                    v.Phase(phase);
                },
                Marked = () => context.OnInterrupt = unfinished, // before the marker, nothing was written: no --resume advice
                Notice = note => { if (!parse.GetValue(GlobalOptions.Quiet)) Console.Error.WriteLine("note: " + note); }, // on stderr: --json keeps stdout one document
            }, ct)), ct);
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("from", source.ToString());
                    w.WriteString("to", target.ToString());
                    w.WriteNumber("rows", result.Rows);
                    w.WriteNumber("seconds", Math.Round(clock.Elapsed.TotalSeconds, 3));
                    w.WriteBoolean("verified", !parse.GetValue(schemaOnly));
                    Output.WriteTables(w, result.Tables);
                    w.WriteStartArray("skippedViews");
                    foreach (var s in result.SkippedViews) w.WriteStringValue(s);
                    w.WriteEndArray();
                    TransferOutput.WriteSkippedObjects(w, result);
                    w.WriteEndObject();
                });
            }
            else if (!context.Quiet)
            {
                Console.WriteLine(parse.GetValue(schemaOnly)
                    ? $"Copied the schema from {source} to {target} in {clock.Elapsed.TotalSeconds:0.0} s."
                    : $"Copied {result.Tables.Count} table{(result.Tables.Count == 1 ? "" : "s")}, {result.Rows:N0} row{(result.Rows == 1 ? "" : "s")}, from {source} to {target} in {clock.Elapsed.TotalSeconds:0.0} s; counts and hashes match.");
                if (result.SkippedViews.Count > 0) Console.WriteLine($"Views not created (written for another engine, or using functions the target lacks — create them with a migration): {string.Join("; ", result.SkippedViews)}.");
                TransferOutput.PrintSkippedObjects(result, "the copy");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
