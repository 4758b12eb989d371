using System.CommandLine;
using Spectre.Console;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql query "SQL" [--param name=value ...]</c>: rows as a table, or <c>{"rows":[...]}</c> with --json.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = SqlArguments.Sql();
        var parameters = SqlArguments.Params();
        var strict = SqlArguments.Strict();
        var command = new Command("query", "Run a query and print its rows.") { sql, parameters, strict };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, async context =>
        {
            await using var db = context.OpenDatabase();
            var args = ParameterArguments.Parse(parse.GetValue(parameters) ?? []);
            SqlArguments.CheckUsed(db, parse.GetValue(sql)!, args, parse.GetValue(strict));
            var rows = await db.QueryAsync(parse.GetValue(sql)!, args, ct);
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("rows");
                    foreach (var row in rows)
                    {
                        w.WriteStartObject();
                        foreach (var (column, value) in row)
                        {
                            w.WritePropertyName(column);
                            Output.WriteValue(w, value);
                        }
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteNumber("rowCount", rows.Count);
                    w.WriteEndObject();
                });
                return ExitCodes.Ok;
            }
            if (rows.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var column in rows[0].ColumnNames) table.AddColumn(Output.Text(column));
                foreach (var row in rows) table.AddRow(row.Values.Select(v => Output.Text(Output.Display(v))).ToArray());
                context.Output.Console.Write(table);
            }
            if (!context.Quiet) context.Output.Console.MarkupLine($"[grey]({rows.Count} row{(rows.Count == 1 ? "" : "s")})[/]");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
