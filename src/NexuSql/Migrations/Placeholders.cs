using System.Text.RegularExpressions;

namespace NexuSql.Migrations;

/// <summary>
/// Replaces <c>${name}</c> in scripts, as Flyway does, from the configured values. Names match case-insensitively
/// (Flyway: "Placeholder matching is case insensitive"). The migrator adds Flyway's built-in placeholders
/// (<c>${flyway:user}</c>, <c>${flyway:defaultSchema}</c>, ...; see <see cref="BuiltInNames"/>).
/// </summary>
public static partial class Placeholders
{
    [GeneratedRegex(@"\$\{(?<name>[A-Za-z0-9_.:\-]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>
    /// The built-in placeholders the migrator supplies, as Flyway documents them: <c>flyway:defaultSchema</c>
    /// (the session's current schema; MySQL: database), <c>flyway:user</c> (the URL's user name),
    /// <c>flyway:database</c> (the URL's database), <c>flyway:timestamp</c> (local time the script was read,
    /// <c>yyyy-MM-dd HH:mm:ss</c>), <c>flyway:filename</c> (the script's file name), <c>flyway:workingDirectory</c>
    /// (the process's current directory), <c>flyway:table</c> (the history table), <c>flyway:environment</c>
    /// (<see cref="MigrationOptions.EnvironmentName"/>, default <c>default</c>).
    /// </summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        ["flyway:defaultSchema", "flyway:user", "flyway:database", "flyway:timestamp", "flyway:filename", "flyway:workingDirectory", "flyway:table", "flyway:environment"];

    /// <summary>Replaces every placeholder.</summary>
    /// <exception cref="ArgumentException">A placeholder has no value; the message names it, the script and the line.</exception>
    public static string Replace(string text, IReadOnlyDictionary<string, string> values, string scriptName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        if (!text.Contains("${", StringComparison.Ordinal)) return text;
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in values) byName[k] = v;
        return Placeholder().Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            if (byName.TryGetValue(name, out var value)) return value;
            var line = text.AsSpan(0, m.Index).Count('\n') + 1;
            throw new ArgumentException(
                $"Migration {scriptName} line {line} uses placeholder ${{{name}}}, which has no value. " +
                $"Define it with --placeholder {name}=value (or MigrationOptions.Placeholders).");
        });
    }
}
