using System.Text.RegularExpressions;

namespace NexuSql.Migrations;

/// <summary>Replaces <c>${name}</c> in scripts, as Flyway does, from the configured values.</summary>
public static partial class Placeholders
{
    [GeneratedRegex(@"\$\{(?<name>[A-Za-z0-9_.:\-]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>Replaces every placeholder.</summary>
    /// <exception cref="ArgumentException">A placeholder has no value; the message names it, the script and the line.</exception>
    public static string Replace(string text, IReadOnlyDictionary<string, string> values, string scriptName)
    {
        if (!text.Contains("${", StringComparison.Ordinal)) return text;
        return Placeholder().Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            if (values.TryGetValue(name, out var value)) return value;
            var line = text.AsSpan(0, m.Index).Count('\n') + 1;
            throw new ArgumentException(
                $"Migration {scriptName} line {line} uses placeholder ${{{name}}}, which has no value. " +
                $"Define it with --placeholder {name}=value (or MigrationOptions.Placeholders).");
        });
    }
}
