using System.CommandLine;

namespace NexuSql.Cli;

/// <summary>What a command needs from the parse result: the database, output mode, and the writer.</summary>
internal sealed class CommandContext
{
    private CommandContext(ParseResult parse)
    {
        Parse = parse;
        Json = parse.GetValue(GlobalOptions.Json);
        Quiet = parse.GetValue(GlobalOptions.Quiet) || Json;
        Output = new Output(Json);
    }

    public ParseResult Parse { get; }

    public bool Json { get; }

    public bool Quiet { get; }

    public Output Output { get; }

    /// <summary>
    /// Runs a command body with NexuSQL's error contract: database failures exit 1, bad input exits 2; the message
    /// says what went wrong and never carries a password.
    /// </summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<CommandContext, Task<int>> body)
    {
        var context = new CommandContext(parse);
        try
        {
            return await body(context);
        }
        catch (UsageException e)
        {
            return context.Output.Error("usage", e.Message, ExitCodes.Usage);
        }
        catch (FormatException e)
        {
            return context.Output.Error("usage", e.Message, ExitCodes.Usage);
        }
        catch (ArgumentException e)
        {
            // The CLI user did not write the API call: drop the " (Parameter 'args')" suffix.
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "");
            return context.Output.Error("usage", message, ExitCodes.Usage);
        }
        catch (NexuSqlException e)
        {
            return context.Output.DatabaseError(e);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or IOException)
        {
            return context.Output.Error("failed", e.Message, ExitCodes.Failed);
        }
        catch (OperationCanceledException)
        {
            return context.Output.Error("cancelled", "Cancelled.", ExitCodes.Failed);
        }
    }

    /// <summary>The database named by --url, else $DATABASE_URL.</summary>
    public NexuSqlDatabase OpenDatabase()
    {
        var url = Parse.GetValue(GlobalOptions.Url);
        if (string.IsNullOrWhiteSpace(url)) url = Environment.GetEnvironmentVariable("DATABASE_URL");
        if (string.IsNullOrWhiteSpace(url))
            throw new UsageException("No database given: pass --url URL (e.g. --url sqlite:///app.db) or set DATABASE_URL.");
        return NexuSqlDatabase.Open(url);
    }
}
