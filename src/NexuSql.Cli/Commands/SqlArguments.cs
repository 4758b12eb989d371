using System.CommandLine;

namespace NexuSql.Cli.Commands;

/// <summary>The SQL argument and --param option shared by query and exec.</summary>
internal static class SqlArguments
{
    public static Argument<string> Sql() => new("sql") { Description = "SQL text with :name parameters." };

    public static Option<string[]> Params() => new("--param", "-p")
    {
        Description = "A parameter value: name=value, or name:type=value (types: text int long decimal double bool uuid date time datetime datetimeoffset null).",
        AllowMultipleArgumentsPerToken = false,
    };
}
