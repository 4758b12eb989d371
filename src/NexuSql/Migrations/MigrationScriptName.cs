using System.Text.RegularExpressions;

namespace NexuSql.Migrations;

/// <summary>Parses Flyway-style script names: <c>V1.2__desc.sql</c>, <c>U1.2__desc.sql</c>, <c>R__desc.sql</c> (prefix case-insensitive).</summary>
public static partial class MigrationScriptName
{
    [GeneratedRegex(@"^(?<prefix>[VvUu])(?<version>[0-9][0-9._]*)__(?<description>.+)\.sql$")]
    private static partial Regex VersionedName();

    [GeneratedRegex(@"^[Rr]__(?<description>.+)\.sql$")]
    private static partial Regex RepeatableName();

    [GeneratedRegex(@"^[VvUuRr][0-9_]")]
    private static partial Regex LooksLikeMigration();

    [GeneratedRegex(@"^(?<event>[A-Za-z]+)(?:__(?<description>.+))?\.sql$")]
    private static partial Regex CallbackName();

    /// <summary>
    /// The Flyway callback events NexuSQL runs, in Flyway's spelling (its "Callbacks" reference). A file
    /// <c>&lt;event&gt;.sql</c> or <c>&lt;event&gt;__&lt;description&gt;.sql</c>; several for one event run in name order.
    /// Migrate: <c>beforeMigrate</c>, <c>beforeEachMigrate</c>, <c>beforeEachMigrateStatement</c>,
    /// <c>afterEachMigrateStatement</c>, <c>afterEachMigrateStatementError</c>, <c>afterEachMigrate</c>,
    /// <c>afterEachMigrateError</c>, <c>afterVersioned</c>, <c>afterMigrate</c>, <c>afterMigrateApplied</c>,
    /// <c>afterMigrateError</c>; undo: the same with <c>Undo</c>; and <c>before</c>/<c>after</c>/<c>after…Error</c> of
    /// <c>Validate</c>, <c>Info</c>, <c>Baseline</c>, <c>Repair</c>; <c>createSchema</c> before NexuSQL creates the
    /// schemas it was given. Flyway's <c>beforeConnect</c>/<c>afterConnect</c> and <c>Clean</c> events are not run.
    /// </summary>
    public static IReadOnlyList<string> CallbackEvents { get; } =
    [
        "beforeMigrate", "beforeEachMigrate", "beforeEachMigrateStatement", "afterEachMigrateStatement", "afterEachMigrateStatementError",
        "afterEachMigrate", "afterEachMigrateError", "afterVersioned", "afterMigrate", "afterMigrateApplied", "afterMigrateError",
        "beforeUndo", "beforeEachUndo", "beforeEachUndoStatement", "afterEachUndoStatement", "afterEachUndoStatementError",
        "afterEachUndo", "afterEachUndoError", "afterUndo", "afterUndoError",
        "beforeValidate", "afterValidate", "afterValidateError", "beforeInfo", "afterInfo", "afterInfoError",
        "beforeBaseline", "afterBaseline", "afterBaselineError", "beforeRepair", "afterRepair", "afterRepairError",
        "createSchema",
    ];

    /// <summary>
    /// Parses a file name. Returns false for files that are not migrations (README.md, notes.sql);
    /// throws for names that look like migrations but are malformed, so that a typo is not silently skipped.
    /// </summary>
    /// <exception cref="FormatException">The name starts like a migration but does not follow the pattern.</exception>
    public static bool TryParse(string fileName, out MigrationKind kind, out MigrationVersion? version, out string description)
    {
        kind = default;
        version = null;
        description = "";
        var m = VersionedName().Match(fileName);
        if (m.Success)
        {
            var versionText = m.Groups["version"].Value.TrimEnd('_', '.');
            if (!MigrationVersion.TryParse(versionText, out version))
                throw new FormatException($"Migration '{fileName}': '{versionText}' is not a version (digits separated by '.' or '_').");
            kind = char.ToUpperInvariant(m.Groups["prefix"].Value[0]) == 'V' ? MigrationKind.Versioned : MigrationKind.Undo;
            description = Describe(m.Groups["description"].Value);
            return true;
        }
        m = RepeatableName().Match(fileName);
        if (m.Success)
        {
            kind = MigrationKind.Repeatable;
            description = Describe(m.Groups["description"].Value);
            return true;
        }
        m = CallbackName().Match(fileName);
        if (m.Success && CallbackEvents.FirstOrDefault(e => e.Equals(m.Groups["event"].Value, StringComparison.Ordinal)) is { } callback)
        {
            kind = MigrationKind.Callback;
            description = callback; // the event; the file name keeps any description
            return true;
        }
        if (fileName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) && LooksLikeMigration().IsMatch(fileName))
            throw new FormatException(
                $"Migration '{fileName}' does not follow V<version>__<description>.sql, U<version>__<description>.sql or R__<description>.sql (note the two underscores).");
        return false;
    }

    private static string Describe(string raw) => raw.Replace('_', ' ').Trim();

    /// <summary>Turns a description into a file-name part: <c>add orders table</c> → <c>add_orders_table</c>.</summary>
    public static string ToFilePart(string description)
    {
        var cleaned = new string(description.Trim().Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
        while (cleaned.Contains("__", StringComparison.Ordinal)) cleaned = cleaned.Replace("__", "_", StringComparison.Ordinal);
        cleaned = cleaned.Trim('_');
        return cleaned.Length == 0 ? throw new ArgumentException("The description has no letters or digits.", nameof(description)) : cleaned;
    }
}
