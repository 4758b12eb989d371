using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace NexuSql.Cli;

/// <summary>A named environment from <c>nexusql.json</c> (or only from <c>NAME_DATABASE_URL</c>).</summary>
/// <param name="Name">The environment's name (dev, test, prod, ...).</param>
/// <param name="Url">The URL as written, with <c>${VAR}</c> references; null when only the environment variable gives it.</param>
/// <param name="Protected">Destructive operations need <c>--yes</c> and the name typed back.</param>
/// <param name="Migrations">The environment's own migration settings (override the project's).</param>
internal sealed record EnvironmentConfig(string Name, string? Url, bool Protected, MigrationSettings? Migrations = null);

/// <summary>Which database a command works on, and why.</summary>
/// <param name="Url">The resolved URL (may hold a password: never print it unredacted).</param>
/// <param name="Environment">The environment's name, when one was used.</param>
/// <param name="Protected">A protected environment.</param>
/// <param name="Source">Where the choice came from (--url, --env, DATABASE_URL, NEXUSQL_ENV, env use, default).</param>
/// <param name="ProtectedAs">For a URL given directly: the protected environment whose database it names.</param>
internal sealed record Target(DatabaseUrl Url, string? Environment, bool Protected, string Source, string? ProtectedAs = null)
{
    /// <summary>"prod (postgresql://app:***@db/app)" or the redacted URL.</summary>
    public override string ToString() => Environment is null ? Url.ToString() : $"{Environment} ({Url})";
}

/// <summary>
/// The project file <c>nexusql.json</c>: environments, migration folders, seeds, backups, audit. Found through
/// <c>--config</c>, else <c>$NEXUSQL_CONFIG</c>, else the nearest <c>nexusql.json</c> in the current folder or a parent; without one, NexuSQL works from
/// <c>--url</c> / <c>DATABASE_URL</c> and the default folders.
/// </summary>
internal sealed partial class ProjectConfig
{
    public const string FileName = "nexusql.json";

    /// <summary>The file <c>env use</c> writes, next to the config.</summary>
    public const string CurrentFile = ".nexusql/environment";

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();

    private ProjectConfig(string? path, string directory)
    {
        Path = path;
        Directory = directory;
    }

    /// <summary>The config file, or null when there is none.</summary>
    public string? Path { get; }

    /// <summary>The folder relative paths in the config are resolved from (the config's folder, else the current one).</summary>
    public string Directory { get; }

    /// <summary>Environments by name (case-insensitive).</summary>
    public Dictionary<string, EnvironmentConfig> Environments { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The environment used when nothing else chooses one.</summary>
    public string? DefaultEnvironment { get; private set; }

    /// <summary>Migration folders.</summary>
    public IReadOnlyList<string> Migrations { get; private set; } = ["migrations"];

    /// <summary>The project's migration settings (<c>"migrations"</c>).</summary>
    public MigrationSettings MigrationSettings { get; private set; } = new();

    private static readonly string[] RootKeys = ["$schema", "defaultEnvironment", "migrations", "seeds", "backups", "audit", "environments"];

    private static readonly string[] EnvironmentKeys = ["url", "protected", "migrations"];

    /// <summary>
    /// Refuses a key that is not a setting, naming it: a typo such as <c>"protect": true</c> must never leave an
    /// environment unprotected silently.
    /// </summary>
    /// <exception cref="UsageException">A key of <paramref name="section"/> is not in <paramref name="known"/>.</exception>
    internal static void RejectUnknown(IConfiguration section, string[] known, string where)
    {
        foreach (var child in section.GetChildren())
        {
            if (known.Contains(child.Key, StringComparer.OrdinalIgnoreCase)) continue;
            var near = known.FirstOrDefault(k => k.StartsWith(child.Key, StringComparison.OrdinalIgnoreCase) || child.Key.StartsWith(k, StringComparison.OrdinalIgnoreCase));
            throw new UsageException($"{where}: unknown setting '{child.Key}'" +
                                     (near is null ? "" : $" (did you mean '{near}'?)") + $". Settings here: {string.Join(", ", known)}.");
        }
    }

    /// <summary>The seeds folder (per-environment subfolders).</summary>
    public string Seeds { get; private set; } = "seeds";

    /// <summary>The backup folder.</summary>
    public string? Backups { get; private set; }

    /// <summary>Record operations in the nexusql_audit table of the database worked on.</summary>
    public bool Audit { get; private set; }

    /// <summary>
    /// The nearest <c>nexusql.json</c> in <paramref name="directory"/> or one of its parents, as git finds its repository:
    /// a command run in <c>src/app/</c> of a project uses the project's file (its relative folders stay relative to it).
    /// </summary>
    internal static string? Discover(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Loads the config named by <paramref name="explicitPath"/>, $NEXUSQL_CONFIG, or the nearest nexusql.json in the
    /// current folder or its parents; an empty config when none exists.
    /// </summary>
    /// <exception cref="UsageException">A named file is missing or not valid JSON.</exception>
    public static ProjectConfig Load(string? explicitPath)
    {
        var named = explicitPath ?? System.Environment.GetEnvironmentVariable("NEXUSQL_CONFIG");
        if (named is { Length: > 0 } && !File.Exists(named)) throw new UsageException($"Config file '{named}' does not exist. Create one with 'nexusql init'.");
        var path = named is { Length: > 0 } ? System.IO.Path.GetFullPath(named) : Discover(System.IO.Directory.GetCurrentDirectory());
        var config = new ProjectConfig(path, path is null ? System.IO.Directory.GetCurrentDirectory() : System.IO.Path.GetDirectoryName(path)!);
        if (path is null) return config;
        IConfigurationRoot root;
        try
        {
            root = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new UsageException($"{path} is not valid JSON: {(e.InnerException ?? e).Message}");
        }
        RejectUnknown(root, RootKeys, path);
        foreach (var env in root.GetSection("environments").GetChildren())
        {
            RejectUnknown(env, EnvironmentKeys, $"{path}: environments.{env.Key}");
            var flag = env["protected"];
            var isProtected = flag is null ? IsProductionName(env.Key) : bool.TryParse(flag, out var p) ? p
                : throw new UsageException($"{path}: environments.{env.Key}.protected must be true or false, not '{flag}'.");
            var own = env.GetSection("migrations").Exists() ? MigrationSettings.FromSection(env.GetSection("migrations"), $"{path}: environments.{env.Key}.migrations") : null;
            config.Environments[env.Key] = new EnvironmentConfig(env.Key, env["url"], isProtected, own);
        }
        config.DefaultEnvironment = root["defaultEnvironment"];
        config.MigrationSettings = MigrationSettings.FromSection(root.GetSection("migrations"), $"{path}: migrations");
        if (config.MigrationSettings.Locations is { Count: > 0 } migrations) config.Migrations = migrations;
        if (root["seeds"] is { Length: > 0 } seeds) config.Seeds = seeds;
        if (root["backups"] is { Length: > 0 } backups) config.Backups = backups;
        config.Audit = bool.TryParse(root["audit"], out var audit) && audit;
        if (config.DefaultEnvironment is { } d && !config.Environments.ContainsKey(d))
            throw new UsageException($"{path}: defaultEnvironment '{d}' is not one of the environments ({string.Join(", ", config.Environments.Keys)}).");
        return config;
    }

    /// <summary>prod and production are protected unless the config says otherwise.</summary>
    private static bool IsProductionName(string name) => name.Equals("prod", StringComparison.OrdinalIgnoreCase) || name.Equals("production", StringComparison.OrdinalIgnoreCase);

    /// <summary>A path from the config, relative to the config's folder.</summary>
    public string Resolve(string path) => System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(Directory, path);

    /// <summary>The environment chosen with <c>env use</c>, if any.</summary>
    public string? Current
    {
        get
        {
            var file = System.IO.Path.Combine(Directory, CurrentFile);
            return File.Exists(file) ? File.ReadAllText(file).Trim() is { Length: > 0 } name ? name : null : null;
        }
    }

    /// <summary>Remembers <paramref name="name"/> as the current environment.</summary>
    public void Use(string name)
    {
        Environment(name); // must exist
        var file = System.IO.Path.Combine(Directory, CurrentFile);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, name + "\n");
    }

    /// <summary>All environments: those in the config plus dev/test/prod when only their <c>NAME_DATABASE_URL</c> is set.</summary>
    public IReadOnlyList<EnvironmentConfig> All()
    {
        var all = Environments.Values.ToList();
        foreach (var name in new[] { "dev", "test", "prod" })
            if (!Environments.ContainsKey(name) && System.Environment.GetEnvironmentVariable(VariableFor(name)) is { Length: > 0 })
                all.Add(new EnvironmentConfig(name, null, IsProductionName(name)));
        return all;
    }

    /// <summary>The environment named <paramref name="name"/>.</summary>
    /// <exception cref="UsageException">No such environment.</exception>
    public EnvironmentConfig Environment(string name) =>
        All().FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UsageException($"No environment named '{name}'. " + (All().Count == 0
            ? $"Define environments in {FileName} ('nexusql init' writes one) or set {VariableFor(name)}."
            : $"Environments: {string.Join(", ", All().Select(e => e.Name))}."));

    /// <summary>DEV_DATABASE_URL for dev.</summary>
    public static string VariableFor(string environment) => environment.ToUpperInvariant().Replace('-', '_') + "_DATABASE_URL";

    /// <summary>The environment's URL: <c>NAME_DATABASE_URL</c> when set, else the config's URL with <c>${VAR}</c> filled in.</summary>
    /// <exception cref="UsageException">No URL, or a referenced variable is not set.</exception>
    public DatabaseUrl UrlOf(EnvironmentConfig environment)
    {
        if (System.Environment.GetEnvironmentVariable(VariableFor(environment.Name)) is { Length: > 0 } fromVariable) return DatabaseUrl.Parse(fromVariable);
        if (environment.Url is null) throw new UsageException($"Environment {environment.Name} has no url in {Path ?? FileName} and {VariableFor(environment.Name)} is not set.");
        var text = Reference().Replace(environment.Url, m => System.Environment.GetEnvironmentVariable(m.Groups["name"].Value)
            ?? throw new UsageException($"Environment {environment.Name}: its url uses ${{{m.Groups["name"].Value}}}, which is not set."));
        // a relative SQLite path is relative to the config, not to wherever the command runs
        if (text.StartsWith("sqlite:///", StringComparison.OrdinalIgnoreCase) && text.Length > 10 && text[10] != '/' && !text[10..].StartsWith(":memory:", StringComparison.Ordinal))
            text = "sqlite:///" + System.IO.Path.Combine(Directory, text[10..]);
        return DatabaseUrl.Parse(text);
    }

    /// <summary>
    /// The database a command works on. Order: <c>--url</c>, <c>--env NAME</c>, <c>$DATABASE_URL</c>,
    /// <c>$NEXUSQL_ENV</c>, the environment chosen with <c>env use</c>, the config's defaultEnvironment, the only
    /// environment there is.
    /// </summary>
    public Target Choose(string? url, string? env)
    {
        if (url is { Length: > 0 }) return Direct(DatabaseUrl.Parse(url), "--url");
        if (env is { Length: > 0 }) return Named(env, "--env");
        if (System.Environment.GetEnvironmentVariable("DATABASE_URL") is { Length: > 0 } fromVariable) return Direct(DatabaseUrl.Parse(fromVariable), "DATABASE_URL");
        if (System.Environment.GetEnvironmentVariable("NEXUSQL_ENV") is { Length: > 0 } name) return Named(name, "NEXUSQL_ENV");
        if (Current is { } current) return Named(current, $"env use ({CurrentFile})");
        if (DefaultEnvironment is { } d) return Named(d, $"defaultEnvironment in {FileName}");
        if (All() is [var only]) return Named(only.Name, "the only environment");
        throw new UsageException("No database given: pass --url URL (e.g. --url sqlite:///app.db) or --env NAME, set DATABASE_URL, or run 'nexusql init' for a nexusql.json with environments.");
    }

    /// <summary>A URL or an environment name (for --from, --to, --against).</summary>
    public Target UrlOrEnvironment(string value, string source) =>
        DatabaseUrl.LooksLikeUrl(value) ? Direct(DatabaseUrl.Parse(value), source) : Named(value, source);

    /// <summary>
    /// A URL given directly (--url, DATABASE_URL, --to URL): protected when it names the database of a protected
    /// environment — protection follows the database, not the name it is reached by.
    /// </summary>
    private Target Direct(DatabaseUrl url, string source)
    {
        foreach (var environment in All().Where(e => e.Protected))
        {
            DatabaseUrl own;
            try
            {
                own = UrlOf(environment);
            }
            catch (Exception e) when (e is UsageException or FormatException)
            {
                continue; // its URL cannot be known here (${VAR} not set): it cannot be this one
            }
            if (url.IsSameDatabase(own)) return new Target(url, null, true, source, environment.Name);
        }
        return new Target(url, null, false, source);
    }

    private Target Named(string name, string source)
    {
        var environment = Environment(name);
        return new Target(UrlOf(environment), environment.Name, environment.Protected, source);
    }

    /// <summary>The starter config <c>nexusql init</c> writes.</summary>
    public const string Starter = """
        {
          "defaultEnvironment": "dev",
          "migrations": ["migrations"],
          "seeds": "seeds",
          "backups": "backups",
          "audit": false,
          "environments": {
            "dev":  { "url": "sqlite:///dev.db" },
            "test": { "url": "sqlite:///test.db" },
            "prod": { "url": "${PROD_DATABASE_URL}", "protected": true }
          }
        }

        """;
}
