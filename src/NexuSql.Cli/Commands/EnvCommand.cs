using System.CommandLine;
using Spectre.Console;

namespace NexuSql.Cli.Commands;

/// <summary><c>nexusql env list | current | use NAME</c> and <c>nexusql init</c>.</summary>
internal static class EnvCommand
{
    public static Command Create()
    {
        var env = new Command("env", "Named environments from nexusql.json (dev, test, prod, ...).");
        env.Subcommands.Add(List());
        env.Subcommands.Add(Current());
        env.Subcommands.Add(Use());
        return env;
    }

    private static string Describe(NexuSqlProject config, NexuSqlEnvironment e)
    {
        try
        {
            return config.UrlOf(e).ToString();
        }
        catch (Exception problem) when (problem is NexuSqlProjectException or FormatException)
        {
            return "(unresolved: " + problem.Message + ")";
        }
    }

    private static Command List()
    {
        var command = new Command("list", "List environments: name, URL (password hidden), protected, current.");
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, context =>
        {
            var config = context.Config;
            string? current = null;
            try
            {
                current = config.Choose(null, parse.GetValue(GlobalOptions.Env)).Environment;
            }
            catch (NexuSqlProjectException)
            {
                // no environment chosen
            }
            var all = config.All();
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    if (config.Path is { } path) w.WriteString("config", path);
                    w.WriteStartArray("environments");
                    foreach (var e in all)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", e.Name);
                        w.WriteString("url", Describe(config, e));
                        w.WriteBoolean("protected", e.Protected);
                        w.WriteBoolean("current", string.Equals(e.Name, current, StringComparison.OrdinalIgnoreCase));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return Task.FromResult(ExitCodes.Ok);
            }
            if (all.Count == 0)
            {
                Console.WriteLine("No environments. 'nexusql init' writes a nexusql.json with dev, test and prod.");
                return Task.FromResult(ExitCodes.Ok);
            }
            var table = new Table().AddColumns("", "name", "url", "protected");
            foreach (var e in all)
                table.AddRow(string.Equals(e.Name, current, StringComparison.OrdinalIgnoreCase) ? "*" : "", Output.Text(e.Name), Output.Text(Describe(config, e)), e.Protected ? "yes" : "");
            context.Output.WriteTable(table);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Current()
    {
        var command = new Command("current", "Show which database commands use now, and why.");
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, context =>
        {
            var target = context.Target;
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    if (target.Environment is { } name) w.WriteString("environment", name);
                    w.WriteString("url", target.Url.ToString());
                    w.WriteBoolean("protected", target.Protected);
                    w.WriteString("source", target.Source);
                    w.WriteEndObject();
                });
            }
            else
            {
                Console.WriteLine($"{target}{(target.Protected ? " [protected]" : "")} — chosen by {target.Source}");
            }
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Use()
    {
        var name = new Argument<string>("name") { Description = "The environment to use from now on (in this project)." };
        var command = new Command("use", $"Make NAME the current environment (remembered in {NexuSqlProject.CurrentFile}).") { name };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, context =>
        {
            var chosen = context.Config.Environment(parse.GetValue(name)!);
            context.Config.Use(chosen.Name);
            if (context.Json) context.Output.WriteJson(w => { w.WriteStartObject(); w.WriteString("environment", chosen.Name); w.WriteBoolean("protected", chosen.Protected); w.WriteEndObject(); });
            else if (!context.Quiet) Console.WriteLine($"Now using {chosen.Name}{(chosen.Protected ? " [protected]" : "")}. $NEXUSQL_ENV, --env and --url still take precedence.");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    public static Command Init()
    {
        var force = new Option<bool>("--force") { Description = "Overwrite an existing nexusql.json." };
        var command = new Command("init", "Start a project: nexusql.json (dev/test on SQLite, a protected prod), migrations/ and seeds/ folders.") { force };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, ct, async context =>
        {
            var path = parse.GetValue(GlobalOptions.Config) ?? NexuSqlProject.FileName;
            if (File.Exists(path) && !parse.GetValue(force)) throw new UsageException($"{path} already exists; add --force to overwrite it.");
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var temp = path + ".tmp";
            await File.WriteAllTextAsync(temp, NexuSqlProject.Starter, ct);
            File.Move(temp, path, overwrite: true);
            foreach (var dir in new[] { "migrations", Path.Combine("seeds", "dev"), Path.Combine("seeds", "test") })
                Directory.CreateDirectory(Path.Combine(folder, dir));
            var ignore = Path.Combine(folder, ".gitignore");
            var lines = File.Exists(ignore) ? await File.ReadAllLinesAsync(ignore, ct) : [];
            var wanted = new[] { ".nexusql/", "*.db", "backups/" }.Where(l => !lines.Contains(l)).ToList();
            if (wanted.Count > 0) await File.AppendAllLinesAsync(ignore, wanted, ct);
            if (context.Json)
            {
                context.Output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("config", Path.GetFullPath(path));
                    w.WriteStartArray("environments");
                    foreach (var e in new[] { "dev", "test", "prod" }) w.WriteStringValue(e);
                    w.WriteEndArray();
                    w.WriteStartArray("folders");
                    foreach (var dir in new[] { "migrations", Path.Combine("seeds", "dev"), Path.Combine("seeds", "test") }) w.WriteStringValue(Path.Combine(folder, dir));
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else if (!context.Quiet)
            {
                Console.WriteLine($"Wrote {path}: environments dev (sqlite:///dev.db, the default), test (sqlite:///test.db), prod (${{PROD_DATABASE_URL}}, protected).");
                Console.WriteLine("Created migrations/ and seeds/dev, seeds/test. Next: nexusql migrate new \"first table\", then nexusql migrate.");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
