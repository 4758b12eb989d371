using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NexuSql.Backup;
using NexuSql.Schema;
using Spectre.Console;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql backup</c> and its management subcommands: list, verify, prune.</summary>
internal static class BackupCommand
{
    /// <summary>--dir, else $NEXUSQL_BACKUP_DIR, else the config's backups folder, else ./backups.</summary>
    private static readonly Option<string?> Dir = new("--dir")
    {
        Description = "Backup folder (default: $NEXUSQL_BACKUP_DIR, else \"backups\" in nexusql.json, else ./backups).",
        Recursive = true,
    };

    private static string Folder(CommandContext context) =>
        context.Parse.GetValue(Dir) is { Length: > 0 } dir ? dir
        : Environment.GetEnvironmentVariable("NEXUSQL_BACKUP_DIR") is { Length: > 0 } env ? env
        : context.Config.Resolve(context.Config.Backups ?? "backups");

    /// <summary>
    /// The folder to list or prune: one named by --dir that is not there is a usage error (a typo in a cron job's
    /// --dir must not read as "no backups"); the default folder not made yet simply holds none.
    /// </summary>
    private static string ExistingFolder(CommandContext context)
    {
        var folder = Folder(context);
        if (context.Parse.GetValue(Dir) is { Length: > 0 } && !Directory.Exists(folder) && !File.Exists(folder))
            throw new DirectoryNotFoundException($"The backup folder '{folder}' given by --dir does not exist. Check the path.");
        return folder;
    }

    public static Command Create()
    {
        var output = new Option<string?>("--output", "-o") { Description = "The backup file, or a folder to write it in (default: DIR/DATABASE-yyyyMMdd-HHmmss.nxb)." };
        var tables = SqlArguments.TablesOption("Back up only these tables (comma-separated; sales.t for a table of another PostgreSQL schema).");
        var schemas = SqlArguments.SchemasOption("back up");
        var command = new Command("backup", "Back up the database from one consistent snapshot into a verified, portable file.")
            { output, tables, schemas, Dir };
        command.Subcommands.Add(List());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Prune());
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            await using var db = context.OpenExistingDatabase("back up");
            // -o naming an existing folder means "into that folder", under the default name
            var given = parse.GetValue(output);
            var path = given is not null && !Directory.Exists(given) ? given : Path.Combine(given ?? Folder(context), BackupCatalog.DefaultFileName(db, DateTimeOffset.UtcNow));
            var createdFolder = Output.MissingFolder(path);
            var clock = Stopwatch.StartNew();
            context.OnInterrupt = $"No backup was written (its unfinished .partial file is removed). Run the backup again: nexusql {context.TargetOption} backup -o {path}" +
                (parse.GetValue(tables) is { } only ? $" --tables {only}" : "") + (parse.GetValue(schemas) is { } chosen ? $" --schemas {chosen}" : "") + ".";
            var view = new TableProgressView(context);
            var manifest = await Audit.RunAsync(context, db, "backup", $"to {Path.GetFullPath(path)}", () => view.RunAsync(async v =>
            {
                var created = await BackupCreator.CreateAsync(db, path,
                    new BackupOptions
                    {
                        Tables = SqlArguments.Tables(parse.GetValue(tables)),
                        Schemas = SqlArguments.Tables(parse.GetValue(schemas), "--schemas", "schema"),
                        Progress = v.Progress,
                        // why it starts over: on stderr, so --json stays one document (bt36 L2)
                        Notice = note => Console.Error.WriteLine("note: " + note),
                    }, ct);
                // the file is in place, sealed and checked: an interruption from here on (the audit entry, the warnings)
                // leaves it whole, where "No backup was written" was said beside it
                context.OnInterrupt = $"The backup {path} was written and verified before the interruption; only this report of it was cut short.";
                return created;
            }), ct);
            var size = new FileInfo(path).Length;
            var rows = manifest.Tables.Sum(t => t.Rows);
            // what the topology makes of this backup (a Galera table that is not replicated holds this node's rows only)
            // data outside the tables (PostgreSQL large objects) that is not in the backup (--tables, --schemas): said, not
            // only listed under leftOut; what the backup does not hold of the items it carries (privileges, comments) too
            IReadOnlyList<string> warnings = [.. await db.Provider.TopologyWarningsAsync(db, ct),
                // a migration that failed part-way is backed up as it is, and restored as it is (bt36 M2)
                .. BackupCreator.MigrationWarnings(manifest),
                // tables the snapshot does not cover (MariaDB MyISAM/Aria): read each at its own moment (break test 31 B12)
                .. BackupCreator.SnapshotWarnings(db.Dialect, manifest.Schema),
                .. manifest.OutsideContent.Count > 0 ? [] : (await db.Provider.ContentOutsideTablesAsync(db, ct)).Select(x => $"not in the backup: {x} (data outside the tables)"),
                .. manifest.OutsideContent.SelectMany(c => (c.NotCarried ?? []).Select(x => $"{c.Kind}: not in the backup (grant or comment them again after a restore): {x}")),
                // a row the source holds against its own constraint (foreign keys or checks switched off): the backup holds it
                // as it is, and a restore carries it (NOT VALID on PostgreSQL) — said now, not first when the backup is needed (break test 27 K22)
                .. manifest.NotValidBreaks.Where(b => b.Unchecked).Select(b => $"table {SchemaModel.Qualify(b.Schema, b.Table)}, column {b.Columns}, row {b.Key}: breaks {b.Constraint} " +
                    "(the source's checks were off when it was written): the backup holds it as it is; a restore carries it as the source holds it (PostgreSQL: " +
                    "the constraint NOT VALID) and names it, an engine that can hold it neither way refuses it")];
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("path", Path.GetFullPath(path));
                    if (createdFolder is not null) w.WriteString("createdFolder", createdFolder);
                    w.WriteString("engine", manifest.Engine.ToString());
                    w.WriteNumber("bytes", size);
                    w.WriteNumber("rows", rows);
                    w.WriteNumber("seconds", Math.Round(clock.Elapsed.TotalSeconds, 3));
                    Output.WriteTables(w, manifest.Tables);
                    w.WriteStartArray("leftOut");
                    foreach (var item in manifest.LeftOut) w.WriteStringValue(item);
                    w.WriteEndArray();
                    w.WriteStartArray("warnings");
                    foreach (var item in warnings) w.WriteStringValue(item);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else if (!context.Quiet)
            {
                Console.WriteLine($"Backed up {manifest.Tables.Count} table{(manifest.Tables.Count == 1 ? "" : "s")}, {rows:N0} row{(rows == 1 ? "" : "s")}" +
                    string.Concat(manifest.OutsideContent.Select(c => $", {c.Count:N0} {c.Kind}")) + $", to {path} ({Size(size)}) in {clock.Elapsed.TotalSeconds:0.0} s; verified.");
                SchemaCommand.WriteLeftOut(manifest.LeftOut, "the backup");
            }
            Output.CreatedFolder(createdFolder, context.Quiet);
            if (!context.Json) foreach (var warning in warnings) Console.Error.WriteLine("warning: " + warning);
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / 1024.0 / 1024:0.0} MiB",
        _ => $"{bytes / 1024.0 / 1024 / 1024:0.00} GiB",
    };

    private static string Status(BackupFileStatus f) => f.State switch
    {
        BackupFileState.Usable => f.Verified ? "verified" : "complete (seal checked)",
        BackupFileState.Incomplete => $"incomplete ({f.Problem}; not usable)",
        _ => "damaged: " + f.Problem,
    };

    private static Command List()
    {
        var verify = new Option<bool>("--verify") { Description = "Read every backup fully and check its checksums (slower); exit code 3 when one is damaged." };
        var command = new Command("list", "List backups in the backup folder, newest first.") { verify };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, context =>
        {
            var folder = ExistingFolder(context);
            var entries = BackupCatalog.List(folder, parse.GetValue(verify));
            // --verify is a check: a damaged backup is a difference, as for 'backup verify' (bt42: exit 0 with damaged files)
            var done = parse.GetValue(verify) && entries.Any(e => e.State == BackupFileState.Damaged) ? ExitCodes.Differences : ExitCodes.Ok;
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("folder", Path.GetFullPath(folder));
                    w.WriteStartArray("backups");
                    foreach (var e in entries)
                    {
                        w.WriteStartObject();
                        w.WriteString("path", e.Path);
                        w.WriteNumber("bytes", e.Bytes);
                        w.WriteString("created", e.CreatedAt);
                        w.WriteString("status", Status(e));
                        w.WriteBoolean("usable", e.Usable);
                        if (e.Manifest is { } m)
                        {
                            w.WriteString("engine", m.Engine.ToString());
                            w.WriteNumber("tables", m.Tables.Count);
                            w.WriteNumber("rows", m.Tables.Sum(t => t.Rows));
                        }
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return Task.FromResult(done);
            }
            if (entries.Count == 0)
            {
                Console.WriteLine($"No backups in {folder}{(folder.EndsWith('.') ? "" : ".")}");
                return Task.FromResult(done);
            }
            var table = new Table().AddColumns("created (UTC)", "file", "size", "engine", "tables", "rows", "status");
            foreach (var e in entries)
                table.AddRow(Output.Text(e.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), Output.Text(Path.GetFileName(e.Path)), Size(e.Bytes),
                    e.Manifest?.Engine.ToString() ?? "", e.Manifest?.Tables.Count.ToString(CultureInfo.InvariantCulture) ?? "",
                    e.Manifest?.Tables.Sum(t => t.Rows).ToString("N0", CultureInfo.InvariantCulture) ?? "", Output.Text(Status(e)));
            context.Output.WriteTable(table);
            return Task.FromResult(done);
        }));
        return command;
    }

    private static Command Verify()
    {
        var path = new Argument<string>("path") { Description = "The backup file." };
        var command = new Command("verify", "Check a backup completely: file checksum, manifest, every row's count and hash.") { path };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, context =>
        {
            var file = CommandContext.ExistingBackup(parse.GetValue(path)!);
            var clock = Stopwatch.StartNew();
            using var archive = BackupArchive.Open(file);
            archive.Verify(progress: t => { if (!context.Quiet) Console.WriteLine($"  {t.QualifiedName}: {t.Rows:N0} rows, hash matches"); });
            var m = archive.Manifest;
            // data outside the tables (PostgreSQL large objects) was checked by Verify too
            if (!context.Json && !context.Quiet)
                foreach (var c in m.OutsideContent) Console.WriteLine($"  {c.Kind}: {c.Count:N0} ({c.Bytes:N0} bytes), hash matches");
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("path", file);
                    w.WriteBoolean("valid", true);
                    w.WriteString("engine", m.Engine.ToString());
                    w.WriteString("serverVersion", m.ServerVersion);
                    w.WriteString("created", m.CreatedAt);
                    w.WriteNumber("tables", m.Tables.Count);
                    w.WriteNumber("rows", m.Tables.Sum(t => t.Rows));
                    w.WriteNumber("migrations", m.Migrations.Count);
                    w.WriteStartArray("outsideContent");
                    foreach (var c in m.OutsideContent)
                    {
                        w.WriteStartObject();
                        w.WriteString("kind", c.Kind);
                        w.WriteNumber("count", c.Count);
                        w.WriteNumber("bytes", c.Bytes);
                        w.WriteString("hash", c.Hash);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else if (!context.Quiet)
            {
                Console.WriteLine($"{file} is valid: {m.Engine} {m.ServerVersion}, taken {m.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC, {m.Tables.Count} tables, " +
                    $"{m.Tables.Sum(t => t.Rows):N0} rows, {m.Migrations.Count} migrations ({clock.Elapsed.TotalSeconds:0.0} s).");
            }
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Prune()
    {
        var keep = new Option<int>("--keep") { Description = "How many of the newest usable backups of each database to keep (at least 1: prune never deletes a database's last backup).", Required = true }.AtLeast(1, anyMore: true);
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list what would be deleted." };
        var command = new Command("prune", "Delete all but the newest N usable backups of each database (seal checked; damaged ones are kept for inspection and never counted), and incomplete ones older than a day.") { keep, dryRun };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, context =>
        {
            var n = parse.GetValue(keep);
            var result = BackupCatalog.Prune(ExistingFolder(context), n, parse.GetValue(dryRun));
            if (!context.Quiet)
            {
                foreach (var e in result.Deleted) Console.WriteLine($"{(result.DryRun ? "would delete" : "deleted")} {e.Path}");
                Console.WriteLine($"Kept {result.Kept.Count} usable backup{(result.Kept.Count == 1 ? "" : "s")}; {(result.DryRun ? "would delete" : "deleted")} {result.Deleted.Count}" +
                    (result.Damaged.Count > 0 ? $"; {result.Damaged.Count} damaged left in place (see the warnings)." : "."));
            }
            // damaged files are left for someone to look at: say so even under --quiet and --json (on stderr)
            foreach (var e in result.Damaged) Console.Error.WriteLine($"warning: kept {e.Path}, not counted among the {n} kept: {Status(e)}");
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("dryRun", result.DryRun);
                    w.WriteStartArray("kept");
                    foreach (var e in result.Kept) w.WriteStringValue(e.Path);
                    w.WriteEndArray();
                    w.WriteStartArray("deleted");
                    foreach (var e in result.Deleted) w.WriteStringValue(e.Path);
                    w.WriteEndArray();
                    w.WriteStartArray("damaged");
                    foreach (var e in result.Damaged) w.WriteStringValue(e.Path);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
