using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace NexuSql;

/// <summary>
/// Migration settings from <c>nexusql.json</c> (<c>"migrations": { ... }</c> at the top and per environment) and
/// <c>NEXUSQL_*</c> variables. Precedence: command line &gt; environment variables &gt; the environment's section &gt; the
/// project's section. Every value is optional (null = not set here).
/// </summary>
public sealed record NexuSqlMigrationSettings
{
    /// <summary>The keys a <c>migrations</c> object may hold (anything else is an error naming it).</summary>
    internal static readonly string[] Keys = ["locations", "placeholders", "table", "outOfOrder", "lockTimeout", "validateOnMigrate", "baselineOnMigrate", "baselineVersion", "schemas", "defaultSchema", "createSchemas"];

    /// <summary>Folders; <c>{engine}</c> becomes sqlite, postgresql, mysql, sqlserver or cockroachdb (Flyway's <c>{vendor}</c>).</summary>
    public IReadOnlyList<string>? Locations { get; init; }

    /// <summary>Placeholder values (merged: a later source overrides a name, others are kept).</summary>
    public IReadOnlyDictionary<string, string>? Placeholders { get; init; }

    /// <summary>History table.</summary>
    public string? Table { get; init; }

    /// <summary>Apply older pending versions.</summary>
    public bool? OutOfOrder { get; init; }

    /// <summary>Seconds to wait for the lock.</summary>
    public int? LockTimeout { get; init; }

    /// <summary>Validate before migrating.</summary>
    public bool? ValidateOnMigrate { get; init; }

    /// <summary>Baseline an existing schema that has no history before migrating (Flyway's baselineOnMigrate).</summary>
    public bool? BaselineOnMigrate { get; init; }

    /// <summary>The version that baseline records (default 1).</summary>
    public string? BaselineVersion { get; init; }

    /// <summary>Flyway's schemas (created when missing; the first is the default schema).</summary>
    public IReadOnlyList<string>? Schemas { get; init; }

    /// <summary>Flyway's defaultSchema (holds the history; scripts resolve names there first).</summary>
    public string? DefaultSchema { get; init; }

    /// <summary>Flyway's createSchemas (default true).</summary>
    public bool? CreateSchemas { get; init; }

    /// <summary>The values of <paramref name="over"/> where set, else these.</summary>
    public NexuSqlMigrationSettings Then(NexuSqlMigrationSettings over)
    {
        Dictionary<string, string>? placeholders = null;
        if (Placeholders is not null || over.Placeholders is not null)
        {
            placeholders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in Placeholders ?? new Dictionary<string, string>()) placeholders[k] = v;
            foreach (var (k, v) in over.Placeholders ?? new Dictionary<string, string>()) placeholders[k] = v;
        }
        return new NexuSqlMigrationSettings
        {
            Locations = over.Locations ?? Locations,
            Placeholders = placeholders,
            Table = over.Table ?? Table,
            OutOfOrder = over.OutOfOrder ?? OutOfOrder,
            LockTimeout = over.LockTimeout ?? LockTimeout,
            ValidateOnMigrate = over.ValidateOnMigrate ?? ValidateOnMigrate,
            BaselineOnMigrate = over.BaselineOnMigrate ?? BaselineOnMigrate,
            BaselineVersion = over.BaselineVersion ?? BaselineVersion,
            Schemas = over.Schemas ?? Schemas,
            DefaultSchema = over.DefaultSchema ?? DefaultSchema,
            CreateSchemas = over.CreateSchemas ?? CreateSchemas,
        };
    }

    /// <summary>
    /// Reads a <c>migrations</c> entry: a folder name, an array of folders, or an object with <see cref="Keys"/>.
    /// </summary>
    /// <exception cref="NexuSqlProjectException">An unknown key or a value of the wrong kind; the message names the key path.</exception>
    internal static NexuSqlMigrationSettings FromSection(IConfigurationSection section, string where)
    {
        if (section.Value is { Length: > 0 } single) return new NexuSqlMigrationSettings { Locations = [single] };
        var children = section.GetChildren().ToList();
        if (children.Count == 0) return new NexuSqlMigrationSettings();
        if (children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            return new NexuSqlMigrationSettings { Locations = children.Select(c => c.Value).OfType<string>().ToList() };
        NexuSqlProject.RejectUnknown(section, Keys, where);
        var locations = section.GetSection("locations");
        return new NexuSqlMigrationSettings
        {
            Locations = locations.Value is { Length: > 0 } one ? [one]
                : locations.GetChildren().Select(c => c.Value).OfType<string>().ToList() is { Count: > 0 } many ? many : null,
            Placeholders = section.GetSection("placeholders").GetChildren().ToList() is { Count: > 0 } p
                ? p.ToDictionary(c => c.Key, c => c.Value ?? "", StringComparer.OrdinalIgnoreCase) : null,
            Table = section["table"],
            OutOfOrder = Bool(section, "outOfOrder", where),
            LockTimeout = Seconds(section["lockTimeout"], $"{where}.lockTimeout"),
            ValidateOnMigrate = Bool(section, "validateOnMigrate", where),
            BaselineOnMigrate = Bool(section, "baselineOnMigrate", where),
            BaselineVersion = section["baselineVersion"],
            Schemas = section.GetSection("schemas") is var schemas && schemas.Value is { Length: > 0 } oneSchema ? List(oneSchema)
                : schemas.GetChildren().Select(c => c.Value).OfType<string>().ToList() is { Count: > 0 } manySchemas ? manySchemas : null,
            DefaultSchema = section["defaultSchema"],
            CreateSchemas = Bool(section, "createSchemas", where),
        };
    }

    /// <summary>
    /// <c>NEXUSQL_MIGRATIONS_LOCATIONS</c> (comma-separated), <c>NEXUSQL_MIGRATIONS_TABLE</c>,
    /// <c>NEXUSQL_MIGRATIONS_OUT_OF_ORDER</c>, <c>NEXUSQL_MIGRATIONS_LOCK_TIMEOUT</c>,
    /// <c>NEXUSQL_MIGRATIONS_VALIDATE_ON_MIGRATE</c>, <c>NEXUSQL_MIGRATIONS_BASELINE_ON_MIGRATE</c>,
    /// <c>NEXUSQL_MIGRATIONS_BASELINE_VERSION</c>, <c>NEXUSQL_MIGRATIONS_SCHEMAS</c> (comma-separated),
    /// <c>NEXUSQL_MIGRATIONS_DEFAULT_SCHEMA</c>, <c>NEXUSQL_MIGRATIONS_CREATE_SCHEMAS</c>, and <c>NEXUSQL_PLACEHOLDERS_&lt;NAME&gt;</c> (like Flyway's
    /// <c>FLYWAY_PLACEHOLDERS_&lt;NAME&gt;</c>; names match case-insensitively).
    /// </summary>
    public static NexuSqlMigrationSettings FromEnvironment()
    {
        static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        static bool? Flag(string name) => Get(name) is { } v
            ? bool.TryParse(v, out var b) ? b : throw new NexuSqlProjectException($"{name} must be true or false, not '{v}'.")
            : null;
        var placeholders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string k && k.StartsWith("NEXUSQL_PLACEHOLDERS_", StringComparison.Ordinal) && k.Length > 21)
                placeholders[k[21..]] = e.Value as string ?? "";
        return new NexuSqlMigrationSettings
        {
            Locations = Get("NEXUSQL_MIGRATIONS_LOCATIONS") is { } locations ? List(locations) : null,
            Table = Get("NEXUSQL_MIGRATIONS_TABLE"),
            OutOfOrder = Flag("NEXUSQL_MIGRATIONS_OUT_OF_ORDER"),
            LockTimeout = Seconds(Get("NEXUSQL_MIGRATIONS_LOCK_TIMEOUT"), "NEXUSQL_MIGRATIONS_LOCK_TIMEOUT"),
            ValidateOnMigrate = Flag("NEXUSQL_MIGRATIONS_VALIDATE_ON_MIGRATE"),
            BaselineOnMigrate = Flag("NEXUSQL_MIGRATIONS_BASELINE_ON_MIGRATE"),
            BaselineVersion = Get("NEXUSQL_MIGRATIONS_BASELINE_VERSION"),
            Schemas = Get("NEXUSQL_MIGRATIONS_SCHEMAS") is { } schemas ? List(schemas) : null,
            DefaultSchema = Get("NEXUSQL_MIGRATIONS_DEFAULT_SCHEMA"),
            CreateSchemas = Flag("NEXUSQL_MIGRATIONS_CREATE_SCHEMAS"),
            Placeholders = placeholders.Count > 0 ? placeholders : null,
        };
    }

    /// <summary>A comma-separated list (Flyway's spelling of lists in its config and variables), blanks dropped.</summary>
    public static string[] List(string commaSeparated) => commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Replaces <c>{engine}</c> in a location with the engine's lower-case spelling.</summary>
    public static string ForEngine(string location, NexuSqlEngine engine) =>
        location.Replace("{engine}", engine.ToString().ToLowerInvariant(), StringComparison.OrdinalIgnoreCase);

    private static bool? Bool(IConfigurationSection section, string key, string where) => section[key] is { } v
        ? bool.TryParse(v, out var b) ? b : throw new NexuSqlProjectException($"{where}.{key} must be true or false, not '{v}'.")
        : null;

    private static int? Seconds(string? value, string where) => value is null ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new NexuSqlProjectException($"{where} must be a whole number of seconds, not '{value}'.");
}
