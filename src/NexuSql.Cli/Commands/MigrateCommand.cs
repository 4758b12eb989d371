using System.CommandLine;
using NexuSql.Migrations;
using Spectre.Console;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql migrate</c> and its subcommands: info, validate, undo, repair, baseline, new.</summary>
internal static class MigrateCommand
{
    private static readonly Option<string[]> Locations = new("--locations", "-l")
    {
        Description = "Folder(s) holding migration scripts (default: migrations).",
        Recursive = true,
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string[]> PlaceholderValues = new("--placeholder")
    {
        Description = "A ${name} placeholder value: name=value (repeatable).",
        Recursive = true,
    };

    private static readonly Option<string> Table = new("--table")
    {
        Description = "History table name.",
        DefaultValueFactory = _ => "nexusql_schema_history",
        Recursive = true,
    };

    private static readonly Option<int> LockTimeout = new Option<int>("--lock-timeout")
    {
        Description = "Seconds to wait for another migrator's lock (0: do not wait).",
        DefaultValueFactory = _ => 120,
        Recursive = true,
    }.AtLeast(0, "a whole number of seconds", "0: do not wait");

    private static readonly Option<bool> BaselineOnMigrate = new("--baseline-on-migrate")
    {
        Description = "A database with tables but no migration history is first baselined (at version 1, or the configured baselineVersion); only later versions run.",
    };

    private static readonly Option<string?> Schemas = new("--schemas")
    {
        Description = "Comma-separated schemas (MySQL: databases) the migrations manage, created when missing; the first holds the history and is where scripts run (Flyway's schemas).",
        Recursive = true,
    };

    private static readonly Option<string?> DefaultSchema = new("--default-schema")
    {
        Description = "The schema that holds the history and where scripts resolve names first (Flyway's defaultSchema; default: the first of --schemas).",
        Recursive = true,
    };

    private static readonly Option<bool> OutOfOrder = new("--out-of-order")
    {
        Description = "Apply pending versions older than the latest applied one.",
        Recursive = true,
    };

    private static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Print every statement that would run (history writes included) and change nothing.",
        Recursive = true,
    };

    private static readonly Option<string?> FlywayConfigFile = new("--flyway-config")
    {
        Description = "Read url, user, password, locations, placeholders and table from a flyway.conf or flyway.toml.",
        Recursive = true,
    };

    private static readonly Option<string?> Target = new("--target") { Description = "Version to migrate up to (or undo down to)." };

    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply pending migrations (V, then changed R scripts).") { Target };
        migrate.Options.Add(Locations);
        migrate.Options.Add(PlaceholderValues);
        migrate.Options.Add(Table);
        migrate.Options.Add(LockTimeout);
        migrate.Options.Add(OutOfOrder);
        migrate.Options.Add(Schemas);
        migrate.Options.Add(DefaultSchema);
        migrate.Options.Add(BaselineOnMigrate);
        migrate.Options.Add(DryRun);
        migrate.Options.Add(FlywayConfigFile);
        migrate.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            UseFlywayUrl(context);
            context.OnInterrupt = "Scripts already applied stay applied; a script that was running, if any, was rolled back where the engine runs DDL in a transaction " +
                               $"(else it is recorded as failed: check the database, then 'nexusql {context.TargetOption} migrate repair --yes'). 'nexusql {context.TargetOption} migrate info' shows the state; run 'nexusql {context.TargetOption} migrate' again to continue (after the repair, where a script is recorded as failed).";
            // a script stopped half-way without a transaction is recorded as failed: migrate again fails validation until
            // the repair its message asks for, so "run migrate again to continue" is said only of one rolled back (bt31 B8)
            context.DescribeInterrupt = e => InterruptedScript(e) is { } script
                ? $"{script.Message} Scripts before it stay applied. 'nexusql {context.TargetOption} migrate info' shows the state" +
                  (script.RolledBack ? $"; run 'nexusql {context.TargetOption} migrate' again to continue." : ".")
                : null;
            await using var db = context.OpenDatabaseToKeep("migrate", parse.GetValue(DryRun));
            var options = Options(context, parse.GetValue(Target));
            var migrator = new Migrator(db, options);
            var result = parse.GetValue(DryRun)
                ? await migrator.MigrateAsync(true, ct)
                : await Audit.RunAsync(context, db, "migrate", $"from {string.Join(", ", options.Locations)}", () => migrator.MigrateAsync(false, ct), ct);
            WriteResult(context, db, result, "applied");
            return ExitCodes.Ok;
        }));
        migrate.Subcommands.Add(Info());
        migrate.Subcommands.Add(Validate());
        migrate.Subcommands.Add(Undo());
        migrate.Subcommands.Add(Repair());
        migrate.Subcommands.Add(Baseline());
        migrate.Subcommands.Add(New());
        return migrate;
    }

    /// <summary>
    /// The settings in force: the project's <c>migrations</c> section, then the environment's, then <c>NEXUSQL_*</c>
    /// variables, then options given on the command line (defaults of options never override a file or variable).
    /// </summary>
    private static MigrationOptions Options(CommandContext context, string? target)
    {
        var parse = context.Parse;
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        var settings = context.Config.MigrationSettings;
        var environment = context.Target.Environment;
        if (environment is not null && context.Config.Environments.TryGetValue(environment, out var env) && env.Migrations is { } own)
            settings = settings.Then(own);
        if (LoadFlyway(context) is { } flyway) settings = settings.Then(flyway.Settings);
        settings = settings.Then(NexuSqlMigrationSettings.FromEnvironment());
        settings = settings.Then(new NexuSqlMigrationSettings
        {
            Placeholders = parse.GetValue(PlaceholderValues) is { Length: > 0 } p ? ParseNameValues(p, "--placeholder") : null,
            Table = Given(Table) ? parse.GetValue(Table) : null,
            LockTimeout = Given(LockTimeout) ? parse.GetValue(LockTimeout) : null,
            OutOfOrder = Given(OutOfOrder) ? parse.GetValue(OutOfOrder) : null,
            BaselineOnMigrate = Given(BaselineOnMigrate) ? parse.GetValue(BaselineOnMigrate) : null,
            Schemas = parse.GetValue(Schemas) is { } schemas ? NexuSqlMigrationSettings.List(schemas) : null,
            DefaultSchema = parse.GetValue(DefaultSchema),
        });
        // a placeholder's value may be a password (given as one to keep it out of the scripts): never printed, not even in
        // the engine's own error text quoting the statement (bt43: PostgreSQL 42601 'near "S3cret..."', the audit row)
        foreach (var (name, value) in settings.Placeholders ?? new Dictionary<string, string>()) context.Output.Conceal(name, value);
        var engine = context.Target.Url.Engine;
        // --locations are relative to the current folder; the file's and variables' to the config's folder
        var locations = (parse.GetValue(Locations) is { Length: > 0 } given ? given : (settings.Locations ?? ["migrations"]).Select(context.Config.Resolve))
            .Select(l => NexuSqlMigrationSettings.ForEngine(l, engine)).ToList();
        return new MigrationOptions
        {
            Locations = locations,
            Placeholders = settings.Placeholders ?? new Dictionary<string, string>(),
            HistoryTable = settings.Table ?? "nexusql_schema_history",
            LockTimeout = TimeSpan.FromSeconds(settings.LockTimeout ?? 120),
            OutOfOrder = settings.OutOfOrder ?? false,
            ValidateOnMigrate = settings.ValidateOnMigrate ?? true,
            BaselineOnMigrate = settings.BaselineOnMigrate ?? false,
            BaselineVersion = MigrationVersion.Parse(settings.BaselineVersion ?? "1"),
            Schemas = settings.Schemas ?? [],
            DefaultSchema = settings.DefaultSchema,
            CreateSchemas = settings.CreateSchemas ?? true,
            EnvironmentName = context.Target.Environment,
            Target = target is null ? null : MigrationVersion.Parse(target),
            Log = context.Quiet ? null : message => Console.Error.WriteLine(message),
        };
    }


    private static FlywayConfig? LoadFlyway(CommandContext context) =>
        context.Parse.GetValue(FlywayConfigFile) is { Length: > 0 } path ? FlywayConfig.Load(path) : null;

    /// <summary>Lets --flyway-config's url choose the database (before it is opened), and lists what is not applied.</summary>
    private static void UseFlywayUrl(CommandContext context)
    {
        if (LoadFlyway(context) is not { } flyway) return;
        if (flyway.Url is { } url) context.UseUrlFrom(url, "--flyway-config");
        if (flyway.Ignored.Count > 0 && !context.Quiet)
            Console.Error.WriteLine($"--flyway-config: not applied by NexuSQL: {string.Join(", ", flyway.Ignored.Select(k => "flyway." + k))}.");
    }

    /// <summary><c>name=value</c> pairs of a repeatable option (the value may hold '='); a later name wins.</summary>
    internal static Dictionary<string, string> ParseNameValues(IEnumerable<string> values, string option)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            var eq = v.IndexOf('=');
            if (eq <= 0) throw new UsageException($"{option} '{v}' must look like name=value.");
            result[v[..eq]] = v[(eq + 1)..];
        }
        return result;
    }

    private static void WriteResult(CommandContext context, NexuSqlSession db, MigrationResult result, string verb)
    {
        if (context.Json)
        {
            context.Output.WriteJson(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("dryRun", result.DryRun);
                w.WriteStartArray(verb);
                foreach (var s in result.Scripts) w.WriteStringValue(s);
                w.WriteEndArray();
                w.WriteStartArray("statements");
                foreach (var s in result.Statements)
                {
                    w.WriteStartObject();
                    w.WriteString("script", s.Script);
                    w.WriteString("sql", s.Sql);
                    if (s.Parameters is not null)
                    {
                        w.WriteStartObject("parameters");
                        foreach (var (k, v) in s.Parameters) { w.WritePropertyName(k); Output.WriteValue(w, v); }
                        w.WriteEndObject();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("warnings");
                foreach (var s in result.Warnings) w.WriteStringValue(s);
                w.WriteEndArray();
                w.WriteNumber("elapsedMs", (long)result.Elapsed.TotalMilliseconds);
                w.WriteEndObject();
            });
            return;
        }
        if (result.DryRun)
        {
            Console.Write(result.ToScript(db));
            return;
        }
        if (!context.Quiet) Console.WriteLine($"{result.Scripts.Count} migration(s) {verb} in {result.Elapsed.TotalSeconds:0.00} s.");
    }

    private static Command Info()
    {
        var command = new Command("info", "List every migration and its state.");
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            UseFlywayUrl(context);
            await using var db = context.OpenDatabase();
            var info = await new Migrator(db, Options(context, null)).InfoAsync(ct);
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("migrations");
                    foreach (var m in info)
                    {
                        w.WriteStartObject();
                        w.WriteString("kind", m.Kind.ToString());
                        if (m.Version is null) w.WriteNull("version"); else w.WriteString("version", m.Version.Text);
                        w.WriteString("description", m.Description);
                        w.WriteString("script", m.Script);
                        w.WriteString("state", m.State.ToString());
                        if (m.InstalledOn is { } on) w.WriteString("installedOn", DateTime.SpecifyKind(on, DateTimeKind.Utc)); else w.WriteNull("installedOn");
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var c in new[] { "Version", "Description", "Script", "State", "Installed on (UTC)", "ms" }) table.AddColumn(c);
            foreach (var m in info)
                table.AddRow(Output.Text(m.Version?.Text ?? "R"), Output.Text(m.Description), Output.Text(m.Script), m.State.ToString(),
                    m.InstalledOn?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "", m.ExecutionTime?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
            context.Output.WriteTable(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Validate()
    {
        var command = new Command("validate", "Check applied migrations against the scripts; exit code 3 when they differ.");
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            UseFlywayUrl(context);
            await using var db = context.OpenDatabase();
            var problems = await new Migrator(db, Options(context, null)).ValidateAsync(ct);
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("valid", problems.Count == 0);
                    w.WriteStartArray("problems");
                    foreach (var p in problems) w.WriteStringValue(p);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else if (problems.Count == 0) Console.WriteLine("Migrations are valid.");
            else foreach (var p in problems) Console.WriteLine("- " + p);
            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Differences;
        }));
        return command;
    }

    private static Command Undo()
    {
        var steps = new Option<int>("--steps") { Description = "How many applied migrations to undo.", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var target = new Option<string?>("--target") { Description = "Undo every migration above this version." };
        var command = new Command("undo", "Revert the latest migration(s) with their U scripts.") { steps, target };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            UseFlywayUrl(context);
            // an undo script drops what its migration made, rows included: on a protected environment it needs --yes and
            // the name typed back, as reset does (bt43: it ran without either)
            if (context.Target.Protected && !parse.GetValue(DryRun)) context.ConfirmDestructive(context.Target, "migrate undo");
            await using var db = context.OpenDatabase();
            var t = parse.GetValue(target);
            var result = await new Migrator(db, Options(context, null))
                .UndoAsync(parse.GetValue(steps), t is null ? null : MigrationVersion.Parse(t), parse.GetValue(DryRun), ct);
            WriteResult(context, db, result, "undone");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Repair()
    {
        var command = new Command("repair", "Remove failed entries and realign checksums with the scripts (needs --yes).");
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            if (!parse.GetValue(GlobalOptions.Yes))
                return context.Output.Error("refused", "repair rewrites the history table; run it again with --yes once the database is fixed.", ExitCodes.Refused);
            UseFlywayUrl(context);
            await using var db = context.OpenDatabaseToKeep("migrate repair");
            var changes = await new Migrator(db, Options(context, null)).RepairAsync(ct);
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("changes");
                    foreach (var c in changes) w.WriteStringValue(c);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else Console.WriteLine(changes.Count == 0 ? "Nothing to repair." : string.Join(Environment.NewLine, changes));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Baseline()
    {
        var version = new Option<string>("--version") { Description = "The version the existing database is at.", Required = true };
        var command = new Command("baseline", "Mark an existing database as being at a version.") { version };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            UseFlywayUrl(context);
            await using var db = context.OpenDatabaseToKeep("migrate baseline");
            var v = MigrationVersion.Parse(parse.GetValue(version)!);
            await new Migrator(db, Options(context, null)).BaselineAsync(v, cancellationToken: ct);
            if (context.Json) context.Output.WriteJson(w => { w.WriteStartObject(); w.WriteString("baseline", v.Text); w.WriteEndObject(); });
            else Console.WriteLine($"Baselined at version {v}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command New()
    {
        var description = new Argument<string>("description") { Description = "What the migration does, e.g. \"add orders table\"." };
        var command = new Command("new", "Create the next V and U script files.") { description };
        command.SetAction((parse, _) => CommandContext.RunAsync(parse, context =>
        {
            var folder = context.MigrationLocations(parse.GetValue(Locations))[0];
            var dryRun = parse.GetValue(DryRun);
            var (versioned, undo) = MigrationFiles.Create(folder, parse.GetValue(description)!, dryRun);
            if (context.Json)
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("dryRun", dryRun);
                    w.WriteString("versioned", versioned);
                    w.WriteString("undo", undo);
                    w.WriteEndObject();
                });
            else if (dryRun) Console.WriteLine($"Dry run: nothing was created. Would create {versioned}\nWould create {undo}");
            else Console.WriteLine($"Created {versioned}\nCreated {undo}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>
    /// The script an interruption stopped and what it left: cancelled through the token (<see cref="NexuSqlMigrationCancelledException"/>)
    /// or by the CLI closing the connection (<see cref="NexuSqlMigrationScriptException"/> for a lost connection).
    /// </summary>
    private static (string Message, bool RolledBack)? InterruptedScript(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is NexuSqlMigrationCancelledException cancelled) return (cancelled.Message, cancelled.RolledBack);
            if (x is NexuSqlMigrationScriptException { IsCallback: false } failed)
                return failed.RolledBack
                    ? ($"Migration {failed.Script} was cancelled at statement {failed.Statement} of {failed.StatementCount}: it was rolled back; nothing of it was recorded.", true)
                    : ($"Migration {failed.Script} was cancelled at statement {failed.Statement} of {failed.StatementCount} (it ran without a transaction); the history records it as stopped there. " +
                       "A repair runs it again from its first statement: undo what ran of it, then run 'nexusql migrate repair --yes' and migrate again.", false);
        }
        return null;
    }
}
