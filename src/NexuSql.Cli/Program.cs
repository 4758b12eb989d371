using System.CommandLine;
using NexuSql.Cli;
using NexuSql.Cli.Commands;

var root = new RootCommand("nexusql: one tool for the whole life of a relational database (SQLite, PostgreSQL, MySQL/MariaDB).");
GlobalOptions.AddTo(root);
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(QueryCommand.Create());
root.Subcommands.Add(ExecCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("Run 'nexusql --help' for usage.");
    return ExitCodes.Usage;
}
return await parse.InvokeAsync();
