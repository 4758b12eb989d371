using System.CommandLine;

namespace NexuSql.Cli.Commands;

/// <summary>
/// <c>nexusql exec "SQL" [--param name=value ...]</c>: runs a statement — or several, as one unit where the engine allows
/// (<see cref="NexuSqlDatabase.ExecuteScriptAsync"/>) — and prints the affected row count (JSON
/// <c>{"affected": n}</c>; <c>null</c> for a statement whose engine reports none: SELECT, and DDL on PostgreSQL — SQLite and
/// MariaDB report 0 for DDL, as their drivers do).
/// </summary>
internal static class ExecCommand
{
    public static Command Create()
    {
        var sql = SqlArguments.Sql();
        var parameters = SqlArguments.Params();
        var strict = SqlArguments.Strict();
        var command = new Command("exec", "Run a statement (or several, in one transaction where the engine allows) and print how many rows it affected.") { sql, parameters, strict };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            if (string.IsNullOrWhiteSpace(parse.GetValue(sql))) throw new UsageException("The SQL is empty: give the statement to run.");
            await using var db = context.OpenDatabase();
            var args = ParameterArguments.Parse(parse.GetValue(parameters) ?? [], db.Dialect.TimeResolutionTicks);
            SqlArguments.CheckUsed(db, parse.GetValue(sql)!, args, parse.GetValue(strict));
            // several statements: one transaction where the engine allows, else what stayed is said (bt45 M3)
            context.DescribeInterrupt = e => e is NexuSqlScriptCancelledException ? e.Message : null;
            var affected = await db.ExecuteScriptAsync(parse.GetValue(sql)!, args, ct);
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    // -1 is ADO.NET's "no row count" (DDL, SELECT): null, not a count
                    if (affected < 0) w.WriteNull("affected");
                    else w.WriteNumber("affected", affected);
                    w.WriteEndObject();
                });
            }
            else
            {
                Console.WriteLine(affected < 0 ? "done (the statement reports no row count)" : $"{affected} row{(affected == 1 ? "" : "s")} affected");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
