using System.CommandLine;
using NexuSql.Cli;
using NexuSql.Cli.Commands;

// Output (numbers, dates) reads the same whatever the user's locale: the tool runs with ICU for SqlClient's sake
// (NexuSql.Cli.csproj), not for localized formatting.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;

// A plain Command named "nexusql" rather than RootCommand, whose name would be the assembly's (NexuSql.Cli).
var root = new Command("nexusql", "One tool for the whole life of a relational database (SQLite, PostgreSQL, MySQL/MariaDB).")
{
    new System.CommandLine.Help.HelpOption(),
    new VersionOption(),
};
GlobalOptions.AddTo(root);
root.Subcommands.Add(EnvCommand.Init());
root.Subcommands.Add(EnvCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(QueryCommand.Create());
root.Subcommands.Add(ExecCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(SchemaCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(BackupCommand.Create());
root.Subcommands.Add(RestoreCommand.Create());
root.Subcommands.Add(CopyCommand.Create());
root.Subcommands.Add(ResetCommand.Create());
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(SeedCommand.Import());
root.Subcommands.Add(ResetCommand.Stats());
root.Subcommands.Add(CompletionCommand.Create());
HelpSections.AddTo(root);

// the shell completion scripts ask: nexusql __complete WORD... (see CompletionCommand)
if (args is [CompletionCommand.Hidden, .. var words]) return CompletionCommand.Complete(root, words);

// --json --version: the version as one JSON document (System.CommandLine's --version takes no other option)
if (args.Contains("--version", StringComparer.Ordinal) && args.Contains("--json", StringComparer.Ordinal) && args.Length == 2)
{
    var version = typeof(Output).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";
    new Output(json: true).WriteJson(w => { w.WriteStartObject(); w.WriteString("version", version); w.WriteEndObject(); });
    return ExitCodes.Ok;
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && parse.Action is not HelpSections)
{
    // --json promises one JSON document whatever happens, a mistyped command line included
    if (args.Contains("--json", StringComparer.Ordinal))
        return new Output(json: true).Error("usage", string.Join(" ", parse.Errors.Select(e => UsageText.Friendly(e.Message))) + " Run 'nexusql --help' for usage.", ExitCodes.Usage);
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {UsageText.Friendly(error.Message)}");
    Console.Error.WriteLine("Run 'nexusql --help' for usage.");
    return ExitCodes.Usage;
}
// --json --help: the help text inside one JSON document, as every other outcome under --json
if (parse.Action is HelpSections && args.Contains("--json", StringComparer.Ordinal))
{
    using var help = new StringWriter();
    await parse.InvokeAsync(new InvocationConfiguration { Output = help });
    new Output(json: true).WriteJson(w => { w.WriteStartObject(); w.WriteString("help", help.ToString()); w.WriteEndObject(); });
    return ExitCodes.Ok;
}
// Ctrl-C / SIGTERM cancel the command's token; the pipelines then leave their state marked (unfinished restore or
// copy, no backup file) and say how to continue — given 30 s to do so before the process is ended. One handler for
// the whole process (Interrupts), not System.CommandLine's, which was there only while the action ran
using var interrupts = new Interrupts(TimeSpan.FromSeconds(30));
var run = parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interrupts.Token);
return await await Task.WhenAny(run, interrupts.Forced);
