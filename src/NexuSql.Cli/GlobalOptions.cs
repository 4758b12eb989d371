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
        root.Options.Add(Json);
        root.Options.Add(Quiet);
    }
}
