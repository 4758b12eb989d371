using System.CommandLine;

namespace NexuSql.Cli.Commands;

/// <summary>
/// <c>nexusql completion bash|zsh|fish</c>: a script for the shell that asks the tool itself what may come next
/// (<c>nexusql __complete WORD...</c>, System.CommandLine's completions of the parsed line), so completions always match
/// the installed version: commands, options, and option values with fixed choices.
/// </summary>
internal static class CompletionCommand
{
    /// <summary>The hidden command the scripts call.</summary>
    public const string Hidden = "__complete";

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command("completion", "Print a shell completion script: eval \"$(nexusql completion bash)\" in ~/.bashrc, " +
            "eval \"$(nexusql completion zsh)\" in ~/.zshrc, nexusql completion fish | source in config.fish.") { shell };
        command.SetAction(parse => CommandContext.RunAsync(parse, context =>
        {
            var script = parse.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => "autoload -U +X bashcompinit && bashcompinit\n" + Bash,
                _ => Fish,
            };
            // --json: one document like every command's, the script as a string (to write to a file by a setup script)
            if (context.Json)
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("shell", parse.GetValue(shell));
                    w.WriteString("script", script);
                    w.WriteEndObject();
                });
            else Console.Out.Write(script);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>The words typed so far (the last one possibly partial or empty): what may come next, one per line.</summary>
    /// <remarks>
    /// The last word (what the cursor is in) is left out of the parse, and the shell filters the list by it: parsed,
    /// an empty or partial value would be taken as the option's argument (<c>--format ""</c>) and complete nothing.
    /// </remarks>
    public static int Complete(Command root, string[] words)
    {
        foreach (var item in root.Parse(words.Length > 0 ? words[..^1] : words).GetCompletions().Select(c => c.Label)
                     .Where(l => l is not ("-?" or "/?" or "/h")).Distinct(StringComparer.Ordinal))
            Console.Out.WriteLine(item);
        return ExitCodes.Ok;
    }

    private const string Bash = """
        _nexusql_complete() {
          local IFS=$'\n'
          COMPREPLY=($(compgen -W "$(nexusql __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _nexusql_complete nexusql

        """;

    private const string Fish = """
        complete -c nexusql -f -a '(nexusql __complete (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)'

        """;
}
