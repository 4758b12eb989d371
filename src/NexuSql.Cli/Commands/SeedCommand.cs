using System.CommandLine;
using NexuSql.Operations;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql seed [--dry-run]</c> and <c>nexusql import DIR [--dry-run] [--limit N] [--key COLS]</c>.</summary>
internal static class SeedCommand
{
    private static Option<string[]> SettingOption() => new("--setting")
    {
        Description = "name=value set for each transaction of the load (PostgreSQL set_config(name, value, true), e.g. app.user_id=42 for a row-level-security policy; MySQL the user variable @name). Repeatable.",
    };

    private static IReadOnlyDictionary<string, string?>? Settings(ParseResult parse, Option<string[]> option) =>
        parse.GetValue(option) is { Length: > 0 } given ? MigrateCommand.ParseNameValues(given, "--setting").ToDictionary(kv => kv.Key, kv => (string?)kv.Value) : null;

    private static bool IsSeedFile(string file) =>
        file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".sql", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Seed ran no file (break test 27 K12: <c>--folder sd</c> whose files are in <c>sd/common</c> said "0 rows inserted"
    /// and nothing else): says so, and names the subfolders that hold seed files (seed reads only each folder's own files).
    /// </summary>
    internal static string NoSeedFiles(IReadOnlyList<string> folders)
    {
        var existing = folders.Where(Directory.Exists).ToList();
        var below = existing.SelectMany(f => Directory.EnumerateDirectories(f)).Where(s => Directory.EnumerateFiles(s).Any(IsSeedFile)).Order(StringComparer.Ordinal).ToList();
        return $"no seed file (TABLE.csv, TABLE.json or .sql) in {string.Join(" or ", existing)}: nothing was seeded" +
            (below.Count > 0 ? $". Seed reads only the files directly in each folder; these subfolders hold some: {string.Join(", ", below)} (pass them with --folder)." : ".");
    }

    /// <summary>
    /// A seed or import that failed after earlier files were committed: says which (bt42 N3: a later file's error read as
    /// a usage error, "nothing was done", with no word of them). A file's mistake found then is no usage error but a
    /// failure (exit 1): returned as one; a database error keeps its kind, the note said after it (null returned: rethrown).
    /// </summary>
    internal static Exception? AfterLoaded(CommandContext context, Exception e, IReadOnlyList<string> loaded, string verb, string next)
    {
        var note = $"Files {verb} before it were committed and stay: {string.Join(", ", loaded)}; {next}.";
        if (e is FormatException or ArgumentException) return new InvalidOperationException($"{e.Message} {note}", e);
        if (e is NexuSqlException) context.OnFailure = note;
        return null;
    }

    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Count the rows that would be inserted and updated; change nothing." };
        var folder = new Option<string[]>("--folder") { Description = "Seed folders to use instead of SEEDS/common and SEEDS/ENVIRONMENT.", AllowMultipleArgumentsPerToken = true };
        var tables = new Option<string?>("--tables") { Description = "Only the data files of these tables (comma-separated, named as copy names them: schema.table for another schema's); SQL scripts are then not run." };
        var setting = SettingOption();
        var command = new Command("seed", "Apply the environment's seed data: SQL scripts, and CSV/JSON per table upserted by key (idempotent).") { dryRun, folder, tables, setting };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            var target = context.Target;
            var root = context.Config.Resolve(context.Config.Seeds);
            IReadOnlyList<string> folders = parse.GetValue(folder) is { Length: > 0 } given ? given
                : [Path.Combine(root, "common"), Path.Combine(root, target.Environment ?? "default")];
            // a folder given by name must be there (bt42: 'seed --folder a missing', or a mistyped option such as --key taken
            // for two more folders, ran silently with what was found)
            if (parse.GetValue(folder) is { Length: > 0 } named && named.Where(f => !Directory.Exists(f)).ToList() is { Count: > 0 } missing)
                throw new UsageException($"No seed folder {string.Join(", ", missing.Select(m => $"'{m}'"))}{(missing.Any(m => m.StartsWith('-')) ? " (seed takes no such option: see 'nexusql seed --help')" : "")}. Nothing was seeded.");
            if (!folders.Any(Directory.Exists))
                throw new UsageException($"No seed folder: looked for {string.Join(" and ", folders)}. Put TABLE.csv, TABLE.json or .sql files there, or pass --folder.");
            await using var db = context.OpenDatabaseToKeep("seed", parse.GetValue(dryRun));
            var verb = parse.GetValue(dryRun) ? "would be " : "";
            // each file said as it is done, so what a later file's failure leaves is on the screen too (bt42 N3)
            var loaded = new List<string>();
            void Done(SeedFileResult r)
            {
                loaded.Add(Path.GetFileName(r.File) + (r.Table is { } t ? $" ({t})" : ""));
                if (!context.Json && !context.Quiet)
                    Console.WriteLine(r.Table is null ? $"  {Path.GetFileName(r.File)}: {(parse.GetValue(dryRun) ? "would run" : "ran")}"
                        : $"  {Path.GetFileName(r.File)} → {r.Table}: {r.Inserted} {verb}inserted, {r.Updated} {verb}updated, {r.Unchanged} unchanged");
            }
            IReadOnlyList<SeedFileResult> results;
            try
            {
                results = await Audit.RunAsync(context, db, "seed", $"{string.Join(", ", folders.Where(Directory.Exists))}{(parse.GetValue(dryRun) ? " (dry run)" : "")}",
                    () => SeedRunner.RunAsync(db, folders, new SeedOptions { DryRun = parse.GetValue(dryRun), Tables = SqlArguments.Tables(parse.GetValue(tables)), Settings = Settings(parse, setting), FileDone = Done,
                        // on stderr: --json keeps stdout one document
                        Notice = note => { if (!context.Quiet) Console.Error.WriteLine("note: " + note); } }, ct), ct);
            }
            catch (Exception e) when (!parse.GetValue(dryRun) && loaded.Count > 0 && AfterLoaded(context, e, loaded, "seeded",
                "fix the failing file and run seed again (data files are upserted by key; SQL scripts run again, so they must be idempotent)") is { } failed)
            {
                throw failed;
            }
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("dryRun", parse.GetValue(dryRun));
                    w.WriteStartArray("files");
                    foreach (var r in results)
                    {
                        w.WriteStartObject();
                        w.WriteString("file", r.File);
                        if (r.Table is { } t) w.WriteString("table", t);
                        w.WriteNumber("inserted", r.Inserted);
                        w.WriteNumber("updated", r.Updated);
                        w.WriteNumber("unchanged", r.Unchanged);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteNumber("inserted", results.Sum(r => r.Inserted));
                    w.WriteNumber("updated", results.Sum(r => r.Updated));
                    w.WriteNumber("scripts", results.Count(r => r.Table is null));
                    w.WriteEndObject();
                });
            }
            else if (!context.Quiet)
            {
                // what a script changed is its own (bt35 L6: "1 rows inserted" after a script inserted two more): counted as scripts run
                var scripts = results.Count(r => r.Table is null);
                Console.WriteLine($"Seeded {target}: {results.Sum(r => r.Inserted)} rows {verb}inserted, {results.Sum(r => r.Updated)} {verb}updated from data files" +
                                  (scripts == 0 ? "." : $"; {scripts} SQL script{(scripts == 1 ? "" : "s")} {(parse.GetValue(dryRun) ? "would run" : "ran")} (rows they changed are not counted)."));
            }
            // with --tables, each chosen table no file loads was named already (SeedOptions.Notice); the folders may hold others' files
            if (results.Count == 0 && !context.Quiet && parse.GetValue(tables) is null) Console.Error.WriteLine("note: " + NoSeedFiles(folders));
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Import()
    {
        var dir = new Argument<string>("dir") { Description = "A folder of TABLE.csv / TABLE.json files." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be inserted, skipped and rejected; change nothing." };
        var limit = new Option<long?>("--limit") { Description = "Insert at most N rows in all." }.AtLeast(0);
        var key = new Option<string?>("--key") { Description = "Natural key columns (comma-separated) that recognise rows already there (default: the first unique constraint, else the primary key)." };
        var setting = SettingOption();
        var command = new Command("import", "Load a folder of CSV/JSON files into tables, skipping rows already there (by natural key) and reporting rejected ones.") { dir, dryRun, limit, key, setting };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            await using var db = context.OpenDatabaseToKeep("import", parse.GetValue(dryRun));
            var options = new ImportOptions { DryRun = parse.GetValue(dryRun), Limit = parse.GetValue(limit), Key = SqlArguments.Tables(parse.GetValue(key), "--key", "column"), Settings = Settings(parse, setting) };
            var folder = parse.GetValue(dir)!;
            // what an interruption leaves (bt31 B8: "the statement that was running is rolled back" did not say the rows
            // before it stay, nor that the same import goes on where it stopped)
            var again = $"nexusql {context.TargetOption} import {folder}";
            context.OnInterrupt = options.DryRun ? "Nothing was written (a dry run rolls back what it loads)."
                : options.Settings is { Count: > 0 }
                    ? $"Files loaded before it stay; the rows of the file that was loading were rolled back with its transaction. Run the same import again ({again}): rows already there are skipped by their key."
                    : $"The rows loaded before it stay (each row is committed as it is written); the one being written was rolled back. Run the same import again ({again}): rows already there are skipped by their key and the rest are loaded.";
            var loaded = new List<string>();
            options = options with { FileDone = r => loaded.Add($"{Path.GetFileName(r.File)} ({r.Table}: {r.Inserted} inserted)") };
            IReadOnlyList<ImportFileResult> results;
            try
            {
                results = await Audit.RunAsync(context, db, "import", $"{Path.GetFullPath(folder)}{(options.DryRun ? " (dry run)" : "")}",
                    () => Importer.RunAsync(db, folder, options, ct), ct);
            }
            catch (Exception e) when (!options.DryRun && loaded.Count > 0 && AfterLoaded(context, e, loaded, "imported",
                $"fix the failing file and run the same import again ({again}): rows already there are skipped by their key") is { } failed)
            {
                throw failed;
            }
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("dryRun", options.DryRun);
                    w.WriteStartArray("files");
                    foreach (var r in results)
                    {
                        w.WriteStartObject();
                        w.WriteString("file", r.File);
                        w.WriteString("table", r.Table);
                        w.WriteNumber("inserted", r.Inserted);
                        w.WriteNumber("skipped", r.Skipped);
                        w.WriteNumber("rejected", r.Rejected);
                        w.WriteBoolean("stoppedAtLimit", r.StoppedAtLimit);
                        w.WriteStartArray("rejections");
                        foreach (var x in r.Rejections)
                        {
                            w.WriteStartObject();
                            w.WriteNumber("position", x.Position);
                            w.WriteString("reason", x.Reason);
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteNumber("inserted", results.Sum(r => r.Inserted));
                    w.WriteNumber("skipped", results.Sum(r => r.Skipped));
                    w.WriteNumber("rejected", results.Sum(r => r.Rejected));
                    w.WriteEndObject();
                });
            }
            else if (!context.Quiet)
            {
                var verb = options.DryRun ? "would be " : "";
                foreach (var r in results)
                {
                    Console.WriteLine($"  {Path.GetFileName(r.File)} → {r.Table}: {r.Inserted} {verb}inserted, {r.Skipped} skipped (already there), {r.Rejected} rejected{(r.StoppedAtLimit ? " — stopped at the limit" : "")}");
                    // a CSV position is the line the record starts on (a quoted field may span lines), a JSON one its item
                    foreach (var x in r.Rejections) Console.WriteLine($"      {(r.File.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "item" : "line")} {x.Position}: {x.Reason}");
                }
                Console.WriteLine($"Imported: {results.Sum(r => r.Inserted)} {verb}inserted, {results.Sum(r => r.Skipped)} skipped, {results.Sum(r => r.Rejected)} rejected.");
            }
            return results.Any(r => r.Rejected > 0) ? ExitCodes.Differences : ExitCodes.Ok;
        }));
        return command;
    }
}
