using System.CommandLine;

namespace NexuSql.Cli.Commands;

/// <summary>Arguments and options shared by several commands: SQL text, --param, --tables.</summary>
internal static class SqlArguments
{
    public static Argument<string> Sql() => new("sql") { Description = "SQL text with :name parameters." };

    public static Option<string[]> Params() => new("--param", "-p")
    {
        Description = "A parameter value: name=value, or name:type=value (types: text int long decimal double bool uuid date time datetime datetimeoffset base64 null).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>--tables t1,t2.</summary>
    public static Option<string?> TablesOption(string description) => new("--tables") { Description = description };

    /// <summary>The table names of a --tables value; null when not given.</summary>
    public static IReadOnlyList<string>? Tables(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
