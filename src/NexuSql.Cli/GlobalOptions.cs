using System.CommandLine;

namespace NexuSql.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Url = new("--url")
    {
        Description = "Database URL (sqlite:///app.db, postgresql://user@host/db, mysql://...). Default: $DATABASE_URL.",
        Recursive = true,
    };

    public static readonly Option<string?> Env = new("--env", "-e")
    {
        Description = "An environment from nexusql.json (dev, test, prod, ...). Default: $NEXUSQL_ENV, then 'env use', then defaultEnvironment.",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "The project file (default: $NEXUSQL_CONFIG, else the nearest nexusql.json in this folder or a parent).",
        Recursive = true,
    };

    public static readonly Option<string?> Confirm = new("--confirm")
    {
        Description = "The protected environment's name, typed back to confirm a destructive operation without a terminal.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write one machine-readable JSON document to stdout.",
        Recursive = true,
    };

    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Print only results and errors.",
        Recursive = true,
    };

    public static readonly Option<bool> Yes = new("--yes", "-y")
    {
        Description = "Confirm an operation that rewrites or destroys something.",
        Recursive = true,
    };

    public static void AddTo(Command root)
    {
        root.Options.Add(Yes);
        root.Options.Add(Url);
        root.Options.Add(Env);
        root.Options.Add(Config);
        root.Options.Add(Confirm);
        root.Options.Add(Json);
        root.Options.Add(Quiet);
    }
}
