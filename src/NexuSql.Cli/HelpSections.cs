using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace NexuSql.Cli;

/// <summary>
/// System.CommandLine's help, followed by the sections a user reaches for next: examples for the command asked about
/// and, for <c>nexusql --help</c>, the exit codes and the environment variables (the same contract as docs/cli.md).
/// Every example is parsed by a test (<c>HelpCliTests</c>), so none names an option that does not exist.
/// </summary>
internal sealed class HelpSections(HelpAction inner) : SynchronousCommandLineAction
{
    /// <summary>Examples by command path (<c>""</c> for the root, <c>"schema apply"</c>, ...), each a command line after <c>nexusql</c> and what it does.</summary>
    public static readonly IReadOnlyDictionary<string, (string Line, string What)[]> Examples = new Dictionary<string, (string, string)[]>
    {
        [""] =
        [
            ("init", "start a project: nexusql.json, migrations/, seeds/"),
            ("migrate", "apply pending migrations to the current environment"),
            ("--env test backup", "back up the test environment into ./backups"),
            ("copy --from prod --to sqlite:///prod-copy.db", "copy a database to another engine, verified"),
            ("verify --against staging", "check migrations, drift, integrity, and the data against staging"),
        ],
        ["init"] = [("init", "nexusql.json with dev and test on SQLite and a protected prod")],
        ["env"] =
        [
            ("env list", "every environment: URL (password hidden), protected, current"),
            ("env current", "which database commands use now, and why"),
            ("env use test", "commands without --env or --url now use test"),
        ],
        ["env use"] = [("env use test", "commands without --env or --url now use test")],
        ["env list"] = [("--json env list", "the environments as JSON, for scripts")],
        ["env current"] = [("--env prod env current", "where prod points, and whether it is protected")],
        ["check"] = [("--url postgresql://app@db.internal/app check", "connection, server version, latency")],
        ["query"] =
        [
            ("query \"SELECT * FROM orders WHERE id = :id\" --param id=42", "one order, aligned as a table"),
            ("query \"SELECT * FROM orders\" --format csv > orders.csv", "every order as CSV"),
            ("--json query \"SELECT count(*) AS n FROM orders\"", "{\"rows\":[{\"n\":...}],\"rowCount\":1}"),
        ],
        ["exec"] = [("exec \"DELETE FROM sessions WHERE expires_at < :now\" --param now:datetime=2026-01-01", "rows affected")],
        ["migrate"] =
        [
            ("migrate", "apply every pending migration from ./migrations"),
            ("migrate --target 5 --dry-run", "print what migrating up to version 5 would run; change nothing"),
            ("migrate --locations db/migrations --lock-timeout 60", "wait up to 60 s for another migrator"),
        ],
        ["migrate info"] = [("migrate info", "every migration and its state")],
        ["migrate repair"] = [("migrate repair --yes", "remove failed entries, realign checksums")],
        ["migrate new"] = [("migrate new \"add orders\"", "the next V (and U) script files")],
        ["schema dump"] = [("schema dump -o schema.json", "the live schema as NexuSQL's JSON model")],
        ["schema diff"] =
        [
            ("schema diff --from schema.json --to prod", "what turns the file's schema into prod's"),
            ("schema diff --from schema.json --to next.json --engine postgresql", "the SQL for PostgreSQL, from two files"),
        ],
        ["schema apply"] =
        [
            ("schema apply schema.json --dry-run", "print the plan; change nothing"),
            ("schema apply schema.json --write-migration", "write the plan as the next V migration"),
        ],
        ["verify"] =
        [
            ("verify", "migrations, drift and integrity of the current environment"),
            ("verify --checks data --against sqlite:///copy.db --tables orders,customers", "compare two tables' rows with another database"),
        ],
        ["backup"] =
        [
            ("backup", "one consistent snapshot into ./backups/DATABASE-yyyyMMdd-HHmmss.nxb"),
            ("--env prod backup --output prod.nxb --tables orders", "one table into a named file"),
        ],
        ["backup list"] = [("backup list --verify", "every backup, each read fully and checked")],
        ["backup verify"] = [("backup verify backups/app-20260101-120000.nxb", "checksums, manifest, every row")],
        ["backup prune"] = [("backup prune --keep 7 --dry-run", "what keeping the 7 newest usable backups of each database would delete")],
        ["restore"] =
        [
            ("--url sqlite:///restored.db restore backups/app-20260101-120000.nxb", "into an empty database, any engine"),
            ("--env test restore prod.nxb --clean --yes", "drop what test holds first"),
            ("--env test restore prod.nxb --jobs 4", "load 4 tables at once, each on a connection of its own"),
        ],
        ["copy"] =
        [
            ("copy --from prod --to test --clean --yes", "replace test with a verified copy of prod"),
            ("copy --from sqlite:///app.db --to postgresql://app@db.internal/app", "move an application to PostgreSQL"),
            ("copy --from prod --to test --resume", "finish an interrupted copy"),
        ],
        ["reset"] = [("--env dev reset --yes", "drop every table, view and sequence of dev")],
        ["seed"] = [("--env dev seed", "seeds/common and seeds/dev, upserted by key"), ("seed --dry-run", "count what would change")],
        ["import"] = [("import data/ --dry-run", "what would be inserted, skipped and rejected")],
        ["stats"] = [("stats", "rows, size and indexes per table")],
        ["completion"] = [("completion bash", "the bash completion script (eval it in ~/.bashrc)")],
    };

    /// <summary>DESIGN.md's exit codes, as docs/cli.md states them.</summary>
    public static readonly (int Code, string Meaning)[] ExitCodeMeanings =
    [
        (ExitCodes.Ok, "ok"),
        (ExitCodes.Failed, "the operation failed (database error, failed migration, lost connection)"),
        (ExitCodes.Usage, "usage or configuration error (unknown option, bad URL, missing parameter)"),
        (ExitCodes.Differences, "differences found (verify, schema diff, migrate validate)"),
        (ExitCodes.Refused, "refused (not empty, protected environment, destructive change without --yes)"),
        (ExitCodes.Cancelled, "interrupted (Ctrl-C, SIGTERM); the message says what was left and how to continue"),
    ];

    /// <summary>The environment variables the CLI reads.</summary>
    public static readonly (string Name, string Meaning)[] Variables =
    [
        ("DATABASE_URL", "the database when neither --url nor --env is given"),
        ("NAME_DATABASE_URL", "the URL of environment NAME (DEV_DATABASE_URL, PROD_DATABASE_URL, ...); wins over nexusql.json"),
        ("NEXUSQL_ENV", "the environment when --env is not given"),
        ("NEXUSQL_CONFIG", "the project file (default: the nearest nexusql.json in this folder or a parent)"),
        ("NEXUSQL_BACKUP_DIR", "the backup folder"),
        ("NEXUSQL_MIGRATIONS_*", "migration settings: LOCATIONS, TABLE, LOCK_TIMEOUT, SCHEMAS, DEFAULT_SCHEMA, ... (Flyway's names)"),
        ("NEXUSQL_PLACEHOLDERS_NAME", "the value of placeholder ${name}"),
        ("NEXUSQL_AUDIT", "1: record operations in the database's audit table"),
        ("NO_COLOR", "no colours (also when output is redirected)"),
    ];

    /// <summary>Puts the sections after the help of <paramref name="root"/> and every subcommand.</summary>
    public static void AddTo(Command root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpSections((HelpAction)help.Action!);
    }

    /// <summary>The command's path below the root: <c>""</c>, <c>"backup"</c>, <c>"schema apply"</c>.</summary>
    public static string PathOf(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c && c.Parent is not null; r = r.Parent)
            names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        var code = inner.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        var path = PathOf(parseResult.CommandResult);
        if (Examples.TryGetValue(path, out var examples))
        {
            output.WriteLine("Examples:");
            foreach (var (line, what) in examples)
            {
                output.WriteLine($"  nexusql {line}");
                output.WriteLine($"      {what}");
            }
            output.WriteLine();
        }
        if (path.Length > 0) return code;
        output.WriteLine("Exit codes:");
        foreach (var (exit, meaning) in ExitCodeMeanings) output.WriteLine($"  {exit,-5}{meaning}");
        output.WriteLine();
        output.WriteLine("Environment variables:");
        var width = Variables.Max(v => v.Name.Length) + 2;
        foreach (var (name, meaning) in Variables) output.WriteLine($"  {name.PadRight(width)}{meaning}");
        output.WriteLine();
        output.WriteLine("Documentation: docs/cli.md in the NexuSQL repository (every option, the JSON output, the error kinds).");
        return code;
    }
}
