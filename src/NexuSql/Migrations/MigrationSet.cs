namespace NexuSql.Migrations;

/// <summary>All scripts from the configured sources, checked for duplicates and sorted.</summary>
public sealed class MigrationSet
{
    private MigrationSet(IReadOnlyList<MigrationScript> versioned, IReadOnlyDictionary<MigrationVersion, MigrationScript> undo,
        IReadOnlyList<MigrationScript> repeatable, IReadOnlyList<MigrationScript> callbacks)
    {
        Versioned = versioned;
        Undo = undo;
        Repeatable = repeatable;
        Callbacks = callbacks;
    }

    /// <summary>SQL callbacks (<see cref="MigrationKind.Callback"/>; the event is the script's description), in name order.</summary>
    public IReadOnlyList<MigrationScript> Callbacks { get; }

    /// <summary>The callbacks for <paramref name="callbackEvent"/> (e.g. <c>beforeMigrate</c>), in name order.</summary>
    public IEnumerable<MigrationScript> CallbacksFor(string callbackEvent) =>
        Callbacks.Where(c => string.Equals(c.Description, callbackEvent, StringComparison.Ordinal));

    /// <summary>Versioned scripts in version order.</summary>
    public IReadOnlyList<MigrationScript> Versioned { get; }

    /// <summary>Undo scripts by version.</summary>
    public IReadOnlyDictionary<MigrationVersion, MigrationScript> Undo { get; }

    /// <summary>Repeatable scripts ordered by description.</summary>
    public IReadOnlyList<MigrationScript> Repeatable { get; }

    /// <summary>Loads and checks every source.</summary>
    /// <exception cref="NexuSqlMigrationValidationException">Two scripts share a version (or a repeatable description); the message names both.</exception>
    public static MigrationSet Load(IEnumerable<IMigrationSource> sources)
    {
        var loaded = sources.SelectMany(s => s.Load()).ToList();
        var callbacks = loaded.Where(s => s.Kind == MigrationKind.Callback).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var all = loaded.Where(s => s.Kind != MigrationKind.Callback).ToList();
        var problems = new List<string>();
        foreach (var group in all.GroupBy(s => (s.Kind, Key: s.Kind == MigrationKind.Repeatable ? s.Description.ToLowerInvariant() : s.Version!.ToString())))
        {
            var scripts = group.ToList();
            if (scripts.Count > 1)
            {
                var what = group.Key.Kind == MigrationKind.Repeatable ? $"repeatable description '{scripts[0].Description}'" : $"{group.Key.Kind.ToString().ToLowerInvariant()} version {scripts[0].Version}";
                problems.Add($"Duplicate {what}: {string.Join(" and ", scripts.Select(s => s.Location))}.");
            }
        }
        // versions that differ only in spelling (1.0 and 1) are the same version
        foreach (var group in all.Where(s => s.Kind != MigrationKind.Repeatable).GroupBy(s => (s.Kind, s.Version!)).Where(g => g.Count() > 1 && g.Select(s => s.Version!.Text).Distinct().Count() > 1))
            problems.Add($"Duplicate {group.Key.Kind.ToString().ToLowerInvariant()} version {group.Key.Item2}: {string.Join(" and ", group.Select(s => s.Location))}.");
        if (problems.Count > 0) throw new NexuSqlMigrationValidationException(problems.Distinct().ToList());
        return new MigrationSet(
            all.Where(s => s.Kind == MigrationKind.Versioned).OrderBy(s => s.Version).ToList(),
            all.Where(s => s.Kind == MigrationKind.Undo).ToDictionary(s => s.Version!),
            all.Where(s => s.Kind == MigrationKind.Repeatable).OrderBy(s => s.Description, StringComparer.Ordinal).ToList(),
            callbacks);
    }
}
