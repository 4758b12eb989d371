using System.CommandLine;
using System.Globalization;
using NexuSql.Operations;
using NexuSql.Schema;
using Spectre.Console;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql reset [--data-only]</c> and <c>nexusql stats</c>.</summary>
internal static class ResetCommand
{
    public static Command Create()
    {
        var dataOnly = new Option<bool>("--data-only") { Description = "Empty every table (children first) and keep the schema and the migration history." };
        var command = new Command("reset", "Drop every table, view and sequence (or with --data-only empty every table). A protected environment needs --yes and its name.") { dataOnly };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            var target = context.Target;
            var emptyOnly = parse.GetValue(dataOnly);
            context.ConfirmDestructive(target, emptyOnly ? "reset --data-only" : "reset");
            await using var db = context.OpenExistingDatabase("reset"); // a mistyped file (prod.db#x) was created, and "emptied" (bt42 F34)
            // the audit trail is kept; a data-only reset also keeps NexuSQL's migration history. Every schema, as copy,
            // backup and stats take them (break test F6: other schemas' tables kept their rows, their matviews stale rows)
            var schema = (await db.Provider.ReadSchemaAsync(db, allSchemas: true, ct)).WithoutTables([NexuSql.Audit.AuditLog.Table]);
            var count = await Cli.Audit.RunAsync(context, db, emptyOnly ? "reset --data-only" : "reset", target.ToString(), async () =>
            {
                await using var session = await db.OpenSessionAsync(ct);
                if (emptyOnly)
                {
                    var tables = schema.WithoutTables(SchemaModel.OwnTables()).Tables;
                    await SchemaReset.EmptyTablesAsync(session, tables, ct);
                    // a populated materialized view would still hold the rows of the emptied tables
                    foreach (var stale in await SchemaReset.RefreshMaterializedViewsAsync(session, schema.Views, ct))
                        Console.Error.WriteLine($"warning: materialized view {stale} was not refreshed: it still holds rows computed from the tables before they were emptied.");
                    return tables.Count;
                }
                await SchemaReset.DropAllAsync(session, schema, ct);
                return schema.Tables.Count + schema.Views.Count + schema.Sequences.Count;
            }, ct);
            if (context.Json)
                context.Output.WriteJson(w => { w.WriteStartObject(); w.WriteBoolean("dataOnly", emptyOnly); w.WriteNumber(emptyOnly ? "tablesEmptied" : "objectsDropped", count); w.WriteEndObject(); });
            else if (!context.Quiet)
                Console.WriteLine(emptyOnly ? $"Emptied {count} tables in {target}." : $"Dropped {count} tables, views and sequences in {target}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Stats()
    {
        var command = new Command("stats", "Per table: rows, size on disk, index count and size; totals.");
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            await using var db = context.OpenExistingDatabase("measure");
            var report = await DatabaseStats.ReadAsync(db, ct);
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("tables");
                    foreach (var t in report.Tables)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", t.Table);
                        w.WriteNumber("rows", t.Rows);
                        if (t.DataBytes is { } data) w.WriteNumber("dataBytes", data); else w.WriteNull("dataBytes");
                        if (t.IndexBytes is { } index) w.WriteNumber("indexBytes", index); else w.WriteNull("indexBytes");
                        w.WriteNumber("indexes", t.Indexes);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteNumber("rows", report.Rows);
                    if (report.TotalBytes is { } total) w.WriteNumber("totalBytes", total); else w.WriteNull("totalBytes");
                    w.WriteStartArray("schemasNotRead");
                    foreach (var schema in report.SchemasNotRead) w.WriteStringValue(schema);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Ok;
            }
            string Size(long? bytes) => bytes is { } b ? BackupCommand.Size(b) : "n/a";
            var table = new Table().AddColumns("table", "rows", "data", "indexes", "index size");
            foreach (var t in report.Tables)
                table.AddRow(Output.Text(t.Table), t.Rows.ToString("N0", CultureInfo.InvariantCulture), Size(t.DataBytes), t.Indexes.ToString(CultureInfo.InvariantCulture), Size(t.IndexBytes));
            table.AddRow("[bold]total[/]", report.Rows.ToString("N0", CultureInfo.InvariantCulture),
                Size(report.Tables.All(t => t.DataBytes is not null) ? report.Tables.Sum(t => t.DataBytes) : null),
                report.Tables.Sum(t => t.Indexes).ToString(CultureInfo.InvariantCulture),
                Size(report.Tables.All(t => t.IndexBytes is not null) ? report.Tables.Sum(t => t.IndexBytes) : null));
            context.Output.WriteTable(table);
            if (report.TotalBytes is { } all) Console.WriteLine($"Database size on disk: {BackupCommand.Size(all)}.");
            if (report.SchemasNotRead.Count > 0)
                Console.Error.WriteLine($"note: not counted: the tables of schema(s) {string.Join(", ", report.SchemasNotRead)} (a database given as a connection string cannot be read in another schema; give a URL).");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
