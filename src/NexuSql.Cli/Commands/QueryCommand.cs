using System.CommandLine;
using System.Text;

namespace NexuSql.Cli.Commands;

/// <summary>
/// <c>nexusql query "SQL" [--param name=value ...] [--format table|csv|tsv|json|jsonl]</c>: rows written as they arrive,
/// each value exactly as the engine holds it (<see cref="NexuSqlSession.QueryResultAsync"/>). With --json the output
/// is <c>{"rows":[...],"rowCount":N}</c> (the json format).
/// </summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = SqlArguments.Sql();
        var parameters = SqlArguments.Params();
        var strict = SqlArguments.Strict();
        var format = new Option<ResultFormat?>("--format", "-f")
        {
            Description = "Output: table (aligned, the default), csv (RFC 4180, NULL as an empty field), tsv (COPY text format, NULL as \\N), json, jsonl (an object per line).",
        };
        // the values as they are typed (the enum's names are capitalised)
        format.CompletionSources.Clear();
        format.CompletionSources.Add("table", "csv", "tsv", "json", "jsonl");
        // System.CommandLine's own refusal named the .NET type ("as expected type 'NexuSql.Cli.ResultFormat'")
        format.CustomParser = r =>
        {
            if (r.Tokens is not [var token]) return null;
            if (Enum.GetValues<ResultFormat>().FirstOrDefault(f => string.Equals(f.ToString(), token.Value, StringComparison.OrdinalIgnoreCase)) is var f
                && string.Equals(f.ToString(), token.Value, StringComparison.OrdinalIgnoreCase)) return f;
            r.AddError($"--format takes table, csv, tsv, json or jsonl, not '{token.Value}'.");
            return null;
        };
        var command = new Command("query", "Run a query and print its rows as they arrive.") { sql, parameters, strict, format };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            var chosen = parse.GetValue(format);
            if (context.Json && chosen is not (null or ResultFormat.Json))
                throw new UsageException($"--json prints one JSON document; it cannot be combined with --format {chosen.ToString()!.ToLowerInvariant()}.");
            var text = parse.GetValue(sql)!;
            if (string.IsNullOrWhiteSpace(text)) throw new UsageException("The SQL is empty: give the query to run.");
            await using var db = context.OpenExistingDatabase("query");
            // one statement, one result: a second statement would run unseen (SQLite and MariaDB run it, its rows and errors lost)
            if (NexuSql.Migrations.StatementSplitter.Split(text, db.Dialect).Count > 1)
                throw new UsageException("query runs one statement and prints its rows; this SQL has several. Run them one by one, or use exec for a script.");
            var args = ParameterArguments.Parse(parse.GetValue(parameters) ?? [], db.Dialect.TimeResolutionTicks);
            SqlArguments.CheckUsed(db, parse.GetValue(sql)!, args, parse.GetValue(strict));
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
            using var writer = ResultWriter.Create(context.Json ? ResultFormat.Json : chosen ?? ResultFormat.Table, stdout, Console.OpenStandardOutput);
            long count = 0;
            try
            {
                count = await db.QueryResultAsync(parse.GetValue(sql)!, args, writer.Begin, values =>
                {
                    writer.Row(values);
                    count++;
                }, ct);
            }
            catch (NexuSqlException e)
            {
                var (kind, message, exitCode, extra) = Output.Describe(e);
                if (!writer.Fail(count, w => Output.WriteError(w, kind, message, exitCode, extra))) throw;
                return exitCode;
            }
            catch (OperationCanceledException)
            {
                if (!writer.Fail(count, w => Output.WriteError(w, "cancelled", "Cancelled.", ExitCodes.Cancelled, null))) throw;
                return ExitCodes.Cancelled;
            }
            finally
            {
                await stdout.FlushAsync(CancellationToken.None);
            }
            writer.End(count, context.Quiet);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
