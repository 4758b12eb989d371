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
        return schema;
    }

    private static Command Dump()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (atomically) instead of stdout." };
        var command = new Command("dump", "Read the live schema into NexuSQL's portable JSON model.") { output };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, async context =>
        {
            await using var db = context.OpenDatabase();
            if (!db.Provider.SupportsSchemaReading) throw new UsageException($"Reading the schema of a {db.Engine} database is not supported yet.");
            var model = await db.Provider.ReadSchemaAsync(db, ct);
            var json = model.ToJson();
            if (parse.GetValue(output) is { } path)
            {
                // write beside the target and rename, so a reader never sees half a file
                var temp = path + ".tmp-" + Environment.ProcessId;
                await File.WriteAllTextAsync(temp, json + "\n", ct);
                File.Move(temp, path, overwrite: true);
                if (!context.Quiet) Console.Error.WriteLine($"Wrote {model.Tables.Count} table(s) to {path}");
            }
            else
            {
                Console.Out.Write(json + "\n");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
