using System.Text.RegularExpressions;

namespace NexuSql.Cli;

/// <summary>
/// System.CommandLine's parse errors in the user's words: "as expected type 'System.Int32'" names a .NET type. The
/// numeric options say their range themselves (<see cref="Commands.SqlArguments.Between"/>); this is for any other
/// typed option or argument, a nullable one too ('System.Nullable`1[System.Int64]').
/// </summary>
internal static partial class UsageText
{
    [GeneratedRegex(@"as expected type '(?:System\.Nullable`1\[)?(?<type>[A-Za-z0-9.`]+)\]?'")]
    private static partial Regex ExpectedType();

    /// <summary><paramref name="message"/> with .NET type names replaced by what to type ("a whole number").</summary>
    public static string Friendly(string message) => ExpectedType().Replace(message, m => "as " + m.Groups["type"].Value switch
    {
        "System.Int16" => "a whole number (at most 32,767)",
        "System.Int32" => "a whole number (at most 2,147,483,647)",
        "System.Int64" => "a whole number (at most 9,223,372,036,854,775,807)",
        "System.Double" or "System.Decimal" or "System.Single" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration (hh:mm:ss)",
        _ => "a value of the right kind",
    });
}
