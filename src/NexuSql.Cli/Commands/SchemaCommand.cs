using System.CommandLine;
using NexuSql.Schema;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql schema dump</c>: the live schema as a reviewable JSON file.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var schema = new Command("schema", "Work with the declarative schema (tables, keys, indexes as a JSON file).");
        schema.Subcommands.Add(Dump());
        schema.Subcommands.Add(Diff());
        schema.Subcommands.Add(Apply());
        return schema;
    }

    /// <summary>
    /// Says on stderr, by name, what the schema model left out (the file or the backup does not hold it), and what
    /// <c>--tables</c> left out (a foreign key to a table it does not take: bt39 L4, which was said to be the model's doing).
    /// </summary>
    internal static void WriteLeftOut(IReadOnlyList<string> leftOut, string where)
    {
        if (leftOut.Count == 0) return;
        var why = leftOut.Any(i => i.Contains("--tables", StringComparison.Ordinal))
            ? "the schema model does not hold them, or --tables leaves them out, as each says" : "the schema model does not hold them";
        Console.Error.WriteLine($"Left out of {where} ({why}; keep them in migrations):");
        foreach (var item in leftOut) Console.Error.WriteLine("  " + item);
    }

    /// <summary>NexuSQL's own tables (migration history and its lock) are never part of the application's schema.</summary>
    private static readonly IReadOnlyList<string> OwnTables = SchemaModel.OwnTables();

    /// <summary>A database (URL) or a schema file.</summary>
    private sealed record Side(SchemaModel Model, NexuSqlDatabase? Database);

    /// <summary>
    /// <paramref name="source"/> as a database URL, else an existing schema file, else an environment's database (the
    /// help's own example, <c>schema diff --from schema.json --to prod</c>, was refused: bt43).
    /// </summary>
    private static async Task<Side> LoadAsync(CommandContext context, string source, string option, CancellationToken ct)
    {
        var url = DatabaseUrl.LooksLikeUrl(source) ? DatabaseUrl.Parse(source)
            : !File.Exists(source) && context.Config.Environments.ContainsKey(source) ? context.Config.UrlOrEnvironment(source, option).Url : null;
        if (url is not null)
        {
            var db = NexuSqlDatabase.Open(CommandContext.Existing(url, "compare"));
            if (!db.Provider.SupportsSchemaReading) throw new UsageException($"Reading the schema of a {db.Engine} database is not supported yet.");
            return new Side((await db.Provider.ReadSchemaAsync(db, allSchemas: true, ct)).WithoutTables(OwnTables), db);
        }
        if (!File.Exists(source)) throw new UsageException($"'{source}' is neither a database URL, an environment nor an existing schema file.");
        return new Side(SchemaModel.FromJson(await File.ReadAllTextAsync(source, ct)), null);
    }

    private static void WritePlan(CommandContext context, SchemaPlan plan, string? extra = null)
    {
        if (context.Json)
        {
            context.Output.WriteJson(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("differences", !plan.IsEmpty);
                foreach (var (name, list) in new[] { ("changes", plan.Changes), ("refused", plan.Refused) })
                {
                    w.WriteStartArray(name);
                    foreach (var c in list)
                    {
                        w.WriteStartObject();
                        w.WriteString("description", c.Description);
                        w.WriteBoolean("destructive", c.Destructive);
                        w.WriteStartArray("sql");
                        foreach (var sql in c.Sql) w.WriteStringValue(sql);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                if (extra is not null) w.WriteString("result", extra);
                w.WriteEndObject();
            });
            return;
        }
        if (plan.IsEmpty) Console.WriteLine("No differences.");
        else Console.Write(plan.ToScript());
        if (extra is not null) Console.WriteLine(extra);
    }

    private static Command Diff()
    {
        var from = new Option<string>("--from") { Description = "The current schema: a database URL, an environment or a schema file.", Required = true };
        var to = new Option<string>("--to") { Description = "The desired schema: a database URL, an environment or a schema file.", Required = true };
        var engine = new Option<string?>("--engine") { Description = "Engine to write SQL for when both sides are files (sqlite, postgresql, mysql, sqlserver)." };
        var allowDrop = new Option<bool>("--allow-drop") { Description = "Plan destructive changes instead of listing them as refused." };
        var command = new Command("diff", "Show what turns one schema into another (exit code 3 when they differ).") { from, to, engine, allowDrop };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            var a = await LoadAsync(context, parse.GetValue(from)!, "--from", ct);
            var b = await LoadAsync(context, parse.GetValue(to)!, "--to", ct);
            // a database compared with a file: only the schemas the file names besides the current one (as apply does)
            if (a.Database is not null && b.Database is null) a = a with { Model = a.Model.WithinSchemasOf(b.Model) };
            try
            {
                var target = (a.Database ?? b.Database)?.Dialect
                    ?? (parse.GetValue(engine) is { } e && DatabaseUrl.TryGetEngine(e, out var kind) ? Dialects.SqlDialect.For(kind)
                        : throw new UsageException("Both sides are files: say which engine to write SQL for with --engine."));
                var plan = SchemaDiff.Plan(a.Model, b.Model, target, parse.GetValue(allowDrop));
                WritePlan(context, plan);
                return plan.IsEmpty ? ExitCodes.Ok : ExitCodes.Differences;
            }
            finally
            {
                if (a.Database is not null) await a.Database.DisposeAsync();
                if (b.Database is not null) await b.Database.DisposeAsync();
            }
        }));
        return command;
    }

    private static Command Apply()
    {
        var file = new Argument<string>("file") { Description = "The desired schema file." };
        var allowDrop = new Option<bool>("--allow-drop") { Description = "Also run destructive changes (drops, narrowing types)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan; change nothing." };
        var writeMigration = new Option<bool>("--write-migration") { Description = "Write the plan as the next V migration instead of running it." };
        var locations = new Option<string>("--locations") { Description = "Migrations folder for --write-migration.", DefaultValueFactory = _ => "migrations" };
        var command = new Command("apply", "Bring the database to the schema in FILE (refuses if anything would be dropped without --allow-drop).")
            { file, allowDrop, dryRun, writeMigration, locations };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            await using var db = context.OpenDatabaseToKeep("schema apply", parse.GetValue(dryRun) || parse.GetValue(writeMigration));
            if (!db.Provider.SupportsSchemaReading) throw new UsageException($"Reading the schema of a {db.Engine} database is not supported yet.");
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UsageException($"Schema file '{path}' does not exist.");
            var desired = SchemaModel.FromJson(await File.ReadAllTextAsync(path, ct));
            var plan = await SchemaApplier.PlanAsync(db, desired, parse.GetValue(allowDrop), ct);
            if (parse.GetValue(writeMigration))
            {
                if (plan.Changes.Count == 0) { WritePlan(context, plan, "Nothing to write: no changes."); return ExitCodes.Ok; }
                var (versioned, undo) = Migrations.MigrationFiles.Create(parse.GetValue(locations)!, "schema apply " + Path.GetFileNameWithoutExtension(path));
                await File.WriteAllTextAsync(versioned, $"-- Planned by 'nexusql schema apply {Path.GetFileName(path)}' for {db.Engine}.\n" + plan.ToScript(), ct);
                File.Delete(undo); // an undo of a planned change is not generated; write one by hand if needed
                WritePlan(context, plan, $"Wrote {versioned}; the database was not changed.");
                return ExitCodes.Ok;
            }
            if (plan.Refused.Count > 0)
            {
                // --allow-drop is the way out only for a refused drop (bt40 N-L7: it was advised for changes it does not allow)
                WritePlan(context, plan, plan.Refused.Any(c => c.Destructive)
                    ? "Nothing was applied: the plan has refused changes (run again with --allow-drop for destructive ones, or write a migration with --write-migration)."
                    : "Nothing was applied: the plan has changes NexuSQL cannot make (the reason is beside each); write a migration for them by hand.");
                return ExitCodes.Refused;
            }
            if (parse.GetValue(dryRun) || plan.IsEmpty)
            {
                WritePlan(context, plan, plan.IsEmpty ? null : "Dry run: nothing was changed.");
                return ExitCodes.Ok;
            }
            if (plan.Changes.Any(c => c.Destructive)) context.ConfirmDestructive(context.Target, "schema apply --allow-drop");
            await SchemaApplier.ApplyAsync(db, plan, ct);
            WritePlan(context, plan, $"Applied {plan.Changes.Count} change(s).");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Dump()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (atomically) instead of stdout." };
        var schemas = new Option<string?>("--schemas")
        {
            Description = "PostgreSQL: only these schemas (comma-separated; the current one by its name, e.g. public,sales). Default: every non-system schema.",
        };
        var command = new Command("dump", "Read the live schema into NexuSQL's portable JSON model.") { output, schemas };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            await using var db = context.OpenExistingDatabase("dump");
            if (!db.Provider.SupportsSchemaReading) throw new UsageException($"Reading the schema of a {db.Engine} database is not supported yet.");
            var model = (await db.Provider.ReadSchemaAsync(db, allSchemas: true, ct)).WithoutTables(OwnTables);
            if (parse.GetValue(schemas) is { } chosen)
            {
                if (!db.Dialect.Capabilities.Schemas) throw new UsageException($"--schemas: a {db.Engine.DisplayName()} database has no schemas inside it.");
                try
                {
                    model = model.InSchemas(chosen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                }
                catch (ArgumentException e)
                {
                    throw new UsageException("--schemas: " + e.Message.Split(" (Parameter", 2)[0]);
                }
            }
            var json = model.ToJson();
            if (parse.GetValue(output) is { } path)
            {
                string? created = null;
                var replaced = false;
                // write beside the target and rename, so a reader never sees half a file
                if (Directory.Exists(path)) throw new UsageException($"-o {path} is a folder; give the schema file's name.");
                var full = Path.GetFullPath(path);
                if (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal))
                {
                    // a device or descriptor (/dev/null, /dev/stdout): written into, never replaced by a renamed file
                    await File.WriteAllTextAsync(path, json + "\n", ct);
                }
                else
                {
                    // a file where a folder of the path should be: .NET's "The file '...' already exists" (bt49 L3), as backup says it
                    for (var up = Path.GetDirectoryName(full); !string.IsNullOrEmpty(up); up = Path.GetDirectoryName(up))
                        if (File.Exists(up)) throw new UsageException($"Cannot create the folder for {path}: {up} is a file, not a folder. Nothing was written.");
                    created = Output.MissingFolder(full);
                    replaced = File.Exists(full);
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    var temp = path + ".tmp-" + Environment.ProcessId;
                    await File.WriteAllTextAsync(temp, json + "\n", ct);
                    File.Move(temp, path, overwrite: true);
                    Output.CreatedFolder(created, context.Quiet);
                }
                if (context.Json)
                    context.Output.WriteJson(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("path", Path.GetFullPath(path));
                        if (created is not null) w.WriteString("createdFolder", created);
                        w.WriteNumber("tables", model.Tables.Count);
                        w.WriteEndObject();
                    });
                else if (!context.Quiet) Console.Error.WriteLine($"Wrote {model.Tables.Count} table(s) to {path}{(replaced ? " (it replaced the file that was there)" : "")}");
            }
            else
            {
                Console.Out.Write(json + "\n");
            }
            if (!context.Quiet) WriteLeftOut(model.LeftOut, "the file");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
