namespace NexuSql.Cli.Tests;

/// <summary>
/// Issue 15: help with examples, exit codes and environment variables; every example runs as written (its command
/// line parses: no unknown command or option, no missing argument).
/// </summary>
public sealed class HelpCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nexusql-cli-help-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Commands =
    [
        "", "init", "env use", "check", "query", "exec", "migrate", "migrate info", "migrate repair", "migrate new",
        "schema dump", "schema diff", "schema apply", "verify", "backup", "backup list", "backup verify", "backup prune",
        "restore", "copy", "reset", "seed", "import", "stats", "completion",
    ];

    /// <summary>What System.CommandLine says about a command line it cannot parse.</summary>
    private static readonly string[] ParseErrors =
        ["Unrecognized command or argument", "Required argument missing", "is required", "expects", "Cannot parse argument", "Unrecognized"];

    [Fact]
    public async Task Root_help_lists_exit_codes_and_environment_variables()
    {
        var help = await CliRunner.RunAsync("--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var section in new[] { "Examples:", "Exit codes:", "Environment variables:" })
            Assert.Contains(section, help.Stdout, StringComparison.Ordinal);
        // every exit code of docs/cli.md, and the variables a script sets
        foreach (var code in new[] { "  0 ", "  1 ", "  2 ", "  3 ", "  4 ", "  130 " })
            Assert.Contains(code, help.Stdout[help.Stdout.IndexOf("Exit codes:", StringComparison.Ordinal)..], StringComparison.Ordinal);
        foreach (var variable in new[] { "DATABASE_URL", "NEXUSQL_ENV", "NEXUSQL_CONFIG", "NEXUSQL_BACKUP_DIR", "NO_COLOR" })
            Assert.Contains("  " + variable + " ", help.Stdout, StringComparison.Ordinal);
        // a subcommand's help has its examples, not the root's sections
        var backup = await CliRunner.RunAsync("backup", "--help");
        Assert.Contains("  nexusql backup", backup.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Exit codes:", backup.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_example_in_the_help_parses_as_written()
    {
        var examples = new List<string>();
        foreach (var command in Commands)
        {
            var help = await CliRunner.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
            Assert.True(help.ExitCode == 0, help.All);
            var at = help.Stdout.IndexOf("\nExamples:", StringComparison.Ordinal);
            Assert.True(at >= 0, $"nexusql {command} --help has no Examples section:\n{help.Stdout}");
            var lines = help.Stdout[at..].Split('\n').Skip(2).TakeWhile(l => l.Trim().Length > 0)
                .Where(l => l.StartsWith("  nexusql ", StringComparison.Ordinal)).ToList();
            Assert.True(lines.Count > 0, $"nexusql {command} --help shows no example:\n{help.Stdout}");
            examples.AddRange(lines.Select(l => l["  nexusql ".Length..]));
        }
        foreach (var (example, i) in examples.Distinct().Select((e, i) => (e, i)))
        {
            // each in an empty folder of its own with no environment: it gets as far as needing a database, or does its work there
            var dir = Directory.CreateDirectory(Path.Combine(_dir, $"example{i}")).FullName;
            var run = await CliRunner.RunAsync(ShellWords(example), workingDirectory: dir);
            Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
            foreach (var error in ParseErrors)
                Assert.False(run.All.Contains(error, StringComparison.Ordinal), $"nexusql {example}: {run.All}");
        }
    }

    [Fact]
    public async Task Every_CLI_example_in_the_docs_and_the_readme_runs_as_written()
    {
        var examples = DocExamples().ToList();
        Assert.True(examples.Count >= 50, $"only {examples.Count} examples found in docs/ and README.md");
        foreach (var (file, example, i) in examples.Select((e, i) => (e.File, e.Line, i)))
        {
            // each in an empty folder of its own with no environment, as a reader would paste it; the placeholder
            // server "db" is a port where nothing listens, so the example gets as far as needing its database
            var dir = Directory.CreateDirectory(Path.Combine(_dir, $"doc{i}")).FullName;
            var words = ShellWords(example.Replace("@db/", "@127.0.0.1:9/", StringComparison.Ordinal));
            Assert.True(words[0] is "nexusql" or "./nexusql", example);
            var run = await CliRunner.RunAsync(words[1..], workingDirectory: dir); // without DATABASE_URL
            Assert.False(run.All.Contains("   at ", StringComparison.Ordinal), $"{file}: {example}: {run.All}");
            foreach (var error in ParseErrors)
                Assert.False(run.All.Contains(error, StringComparison.Ordinal), $"{file}: {example}: {run.All}");
        }
    }

    /// <summary>
    /// Every line of a fenced code block in docs/*.md and README.md that runs the tool (<c>nexusql ...</c>,
    /// <c>./nexusql ...</c>), continuation lines joined; synopses (<c>[--url URL | --env NAME]</c>, <c>&lt;command&gt;</c>) left out.
    /// </summary>
    private static IEnumerable<(string File, string Line)> DocExamples()
    {
        var root = CliRunner.RepositoryRoot;
        foreach (var path in Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal).Append(Path.Combine(root, "README.md")))
        {
            var fenced = false;
            var pending = "";
            foreach (var raw in File.ReadLines(path))
            {
                if (raw.TrimStart().StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; pending = ""; continue; }
                if (!fenced) continue;
                var line = pending + raw.Trim();
                if (line.EndsWith('\\')) { pending = line[..^1] + " "; continue; }
                pending = "";
                if (line.StartsWith("$ ", StringComparison.Ordinal)) line = line[2..];
                if (!line.StartsWith("nexusql ", StringComparison.Ordinal) && !line.StartsWith("./nexusql ", StringComparison.Ordinal)) continue;
                if (line.Contains("<command>", StringComparison.Ordinal) || line.Contains(" [--", StringComparison.Ordinal)) continue;
                yield return (Path.GetRelativePath(root, path), line);
            }
        }
    }

    /// <summary>
    /// A command line split as a POSIX shell would: single and double quotes, a backslash outside quotes; it ends at an
    /// unquoted comment (<c> #</c>), pipe, redirect or command separator (<c>| &gt; ; &amp;&amp;</c>).
    /// </summary>
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        char quote = '\0';
        var any = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else word.Append(c);
            }
            else if (c is '"' or '\'') { quote = c; any = true; }
            else if (c == '\\' && i + 1 < line.Length) { word.Append(line[++i]); any = true; }
            else if (c is '|' or '>' or ';' or '&' || (c == '#' && !any)) break;
            else if (c == ' ') { if (any) words.Add(word.ToString()); word.Clear(); any = false; }
            else { word.Append(c); any = true; }
        }
        if (any) words.Add(word.ToString());
        return words;
    }
}
