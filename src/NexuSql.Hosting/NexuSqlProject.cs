using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace NexuSql;

/// <summary>A named environment from <c>nexusql.json</c> (or only from <c>NAME_DATABASE_URL</c>).</summary>
/// <param name="Name">The environment's name (dev, test, prod, ...).</param>
/// <param name="Url">The URL as written, with <c>${VAR}</c> references; null when only the environment variable gives it.
/// Resolve it with <see cref="NexuSqlProject.UrlOf(NexuSqlEnvironment)"/>.</param>
/// <param name="Protected">Destructive operations need confirmation (the CLI: <c>--yes</c> and the name typed back).
/// <c>prod</c> and <c>production</c> are protected unless the file says <c>"protected": false</c>.</param>
/// <param name="Migrations">The environment's own migration settings (override the project's).</param>
public sealed record NexuSqlEnvironment(string Name, string? Url, bool Protected, NexuSqlMigrationSettings? Migrations = null);

/// <summary>Which database a command works on, and why (<see cref="NexuSqlProject.Choose(string?, string?)"/>).</summary>
/// <param name="Url">The resolved URL (may hold a password: its <see cref="DatabaseUrl.ToString"/> hides it).</param>
/// <param name="Environment">The environment's name, when one was used.</param>
/// <param name="Protected">A protected environment, or a URL naming a protected environment's database.</param>
/// <param name="Source">Where the choice came from (--url, --env, DATABASE_URL, NEXUSQL_ENV, env use, default).</param>
/// <param name="ProtectedAs">For a URL given directly, or an environment whose URL names another's database: the protected environment whose database it names.</param>
public sealed record NexuSqlTarget(DatabaseUrl Url, string? Environment, bool Protected, string Source, string? ProtectedAs = null)
{
    /// <summary>"prod (postgresql://app:***@db/app)" or the redacted URL.</summary>
    public override string ToString() => Environment is null ? Url.ToString() : $"{Environment} ({Url})";
}

/// <summary>
/// A project file (<c>nexusql.json</c>) that cannot be used: missing when named, not JSON, an unknown setting (named,
/// with the nearest known one), a value of the wrong kind, an environment that does not exist or has no URL, a
/// <c>${VAR}</c> that is not set. The message says which file and which key.
/// </summary>
public sealed class NexuSqlProjectException(string message) : Exception(message);

/// <summary>
/// The project file <c>nexusql.json</c> the CLI reads — environments, migration folders, seeds, backups, audit — for
/// applications and tests: <c>await using var db = NexuSqlProject.Load().Open("test");</c> opens the same database
/// <c>nexusql --env test</c> works on. Found through an explicit path, else <c>$NEXUSQL_CONFIG</c>, else the nearest
/// <c>nexusql.json</c> in the current folder or a parent (as git finds its repository); without one, only
/// <c>DATABASE_URL</c> and <c>NAME_DATABASE_URL</c> variables give databases. The file's format is in docs/cli.md.
/// </summary>
public sealed partial class NexuSqlProject
{
    /// <summary>The project file's name.</summary>
    public const string FileName = "nexusql.json";

    /// <summary>The file <c>nexusql env use</c> writes, relative to the project file's folder.</summary>
    public const string CurrentFile = ".nexusql/environment";

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();

    private NexuSqlProject(string? path, string directory)
    {
        Path = path;
        Directory = directory;
    }

    /// <summary>The config file, or null when there is none.</summary>
    public string? Path { get; }

    /// <summary>The folder relative paths in the config are resolved from (the config's folder, else the current one).</summary>
    public string Directory { get; }

    /// <summary>The environments the file defines, by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, NexuSqlEnvironment> Environments => _environments;

    private readonly Dictionary<string, NexuSqlEnvironment> _environments = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The environment used when nothing else chooses one.</summary>
    public string? DefaultEnvironment { get; private set; }

    /// <summary>Migration folders as written (relative to <see cref="Directory"/>; <see cref="Resolve"/> makes them whole).</summary>
    public IReadOnlyList<string> Migrations { get; private set; } = ["migrations"];

    /// <summary>The project's migration settings (<c>"migrations"</c>).</summary>
    public NexuSqlMigrationSettings MigrationSettings { get; private set; } = new();

    private static readonly string[] RootKeys = ["$schema", "defaultEnvironment", "migrations", "seeds", "backups", "audit", "environments"];

    private static readonly string[] EnvironmentKeys = ["url", "protected", "migrations"];

    /// <summary>
    /// Refuses a key that is not a setting, naming it: a typo such as <c>"protect": true</c> must never leave an
    /// environment unprotected silently.
    /// </summary>
    /// <exception cref="NexuSqlProjectException">A key of <paramref name="section"/> is not in <paramref name="known"/>.</exception>
    internal static void RejectUnknown(IConfiguration section, string[] known, string where)
    {
        // every unknown key at once: fixing them one run at a time is a chore
        var unknown = section.GetChildren().Where(c => !known.Contains(c.Key, StringComparer.OrdinalIgnoreCase)).Select(child =>
        {
            var near = known.FirstOrDefault(k => k.StartsWith(child.Key, StringComparison.OrdinalIgnoreCase) || child.Key.StartsWith(k, StringComparison.OrdinalIgnoreCase));
            return $"'{child.Key}'" + (near is null ? "" : $" (did you mean '{near}'?)");
        }).ToList();
        if (unknown.Count > 0)
            throw new NexuSqlProjectException($"{where}: unknown setting{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown)}. Settings here: {string.Join(", ", known)}.");
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
    /// <returns>The file's full path, or null when neither the folder nor a parent holds one.</returns>
    public static string? Discover(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Loads the project file named by <paramref name="path"/> (a file, or a folder to search from upwards), else
    /// <c>$NEXUSQL_CONFIG</c>, else the nearest <c>nexusql.json</c> in the current folder or its parents; an empty
    /// project (no file, <see cref="Path"/> null) when none exists.
    /// </summary>
    /// <param name="path">A <c>nexusql.json</c> (any name), or a folder; null to use $NEXUSQL_CONFIG or the current folder.</param>
    /// <exception cref="NexuSqlProjectException">A named file is missing, not valid JSON, or holds an unknown or
    /// wrongly typed setting (the message names the file and the key).</exception>
    public static NexuSqlProject Load(string? path = null)
    {
        var named = path ?? System.Environment.GetEnvironmentVariable("NEXUSQL_CONFIG");
        var folder = named is { Length: > 0 } && System.IO.Directory.Exists(named) ? System.IO.Path.GetFullPath(named) : null;
        var file = folder is not null ? Discover(folder)
            : named is not { Length: > 0 } ? Discover(System.IO.Directory.GetCurrentDirectory())
            : File.Exists(named) ? System.IO.Path.GetFullPath(named)
            : throw new NexuSqlProjectException($"Config file '{named}' does not exist. Create one with 'nexusql init'.");
        var config = new NexuSqlProject(file, file is null ? folder ?? System.IO.Directory.GetCurrentDirectory() : System.IO.Path.GetDirectoryName(file)!);
        if (file is null) return config;
        IConfigurationRoot root;
        try
        {
            root = new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new NexuSqlProjectException($"{file} is not valid JSON: {(e.InnerException ?? e).Message}");
        }
        RejectUnknown(root, RootKeys, file);
        foreach (var env in root.GetSection("environments").GetChildren())
        {
            RejectUnknown(env, EnvironmentKeys, $"{file}: environments.{env.Key}");
            var flag = env["protected"];
            var isProtected = flag is null ? IsProductionName(env.Key) : bool.TryParse(flag, out var p) ? p
                : throw new NexuSqlProjectException($"{file}: environments.{env.Key}.protected must be true or false, not '{flag}'.");
            var own = env.GetSection("migrations").Exists() ? NexuSqlMigrationSettings.FromSection(env.GetSection("migrations"), $"{file}: environments.{env.Key}.migrations") : null;
            config._environments[env.Key] = new NexuSqlEnvironment(env.Key, env["url"], isProtected, own);
        }
        config.DefaultEnvironment = root["defaultEnvironment"];
        config.MigrationSettings = NexuSqlMigrationSettings.FromSection(root.GetSection("migrations"), $"{file}: migrations");
        if (config.MigrationSettings.Locations is { Count: > 0 } migrations) config.Migrations = migrations;
        if (root["seeds"] is { Length: > 0 } seeds) config.Seeds = seeds;
        if (root["backups"] is { Length: > 0 } backups) config.Backups = backups;
        config.Audit = bool.TryParse(root["audit"], out var audit) && audit;
        if (config.DefaultEnvironment is { } d && !config.Environments.ContainsKey(d))
            throw new NexuSqlProjectException($"{file}: defaultEnvironment '{d}' is not one of the environments ({string.Join(", ", config.Environments.Keys)}).");
        return config;
    }

    /// <summary>prod and production are protected unless the config says otherwise.</summary>
    private static bool IsProductionName(string name) => name.Equals("prod", StringComparison.OrdinalIgnoreCase) || name.Equals("production", StringComparison.OrdinalIgnoreCase);

    /// <summary>A path from the project file, made whole: relative paths are relative to the file's folder.</summary>
    public string Resolve(string path) => System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(Directory, path);

    /// <summary>The environment chosen with <c>nexusql env use</c> (<see cref="CurrentFile"/>), if any.</summary>
    public string? Current
    {
        get
        {
            var file = System.IO.Path.Combine(Directory, CurrentFile);
            return File.Exists(file) ? File.ReadAllText(file).Trim() is { Length: > 0 } name ? name : null : null;
        }
    }

    /// <summary>Remembers <paramref name="name"/> as the current environment (writes <see cref="CurrentFile"/>).</summary>
    /// <exception cref="NexuSqlProjectException">No such environment.</exception>
    public void Use(string name)
    {
        Environment(name); // must exist
        var file = System.IO.Path.Combine(Directory, CurrentFile);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, name + "\n");
    }

    /// <summary>All environments: those in the config plus dev/test/prod when only their <c>NAME_DATABASE_URL</c> is set.</summary>
    public IReadOnlyList<NexuSqlEnvironment> All()
    {
        var all = _environments.Values.ToList();
        foreach (var name in new[] { "dev", "test", "prod" })
            if (!_environments.ContainsKey(name) && System.Environment.GetEnvironmentVariable(VariableFor(name)) is { Length: > 0 })
                all.Add(new NexuSqlEnvironment(name, null, IsProductionName(name)));
        return all;
    }

    /// <summary>The environment named <paramref name="name"/>.</summary>
    /// <exception cref="NexuSqlProjectException">No such environment.</exception>
    public NexuSqlEnvironment Environment(string name) =>
        All().FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new NexuSqlProjectException($"No environment named '{name}'. " + (All().Count == 0
            ? $"Define environments in {FileName} ('nexusql init' writes one) or set {VariableFor(name)}."
            : $"Environments: {string.Join(", ", All().Select(e => e.Name))}."));

    /// <summary>The variable that overrides an environment's URL: <c>DEV_DATABASE_URL</c> for dev, <c>QA_EU_DATABASE_URL</c> for qa-eu.</summary>
    public static string VariableFor(string environment) => environment.ToUpperInvariant().Replace('-', '_') + "_DATABASE_URL";

    /// <summary>The environment's URL: <c>NAME_DATABASE_URL</c> when set, else the config's URL with <c>${VAR}</c> filled in.</summary>
    /// <exception cref="NexuSqlProjectException">No URL, or a referenced variable is not set.</exception>
    /// <exception cref="FormatException">The URL is not a database URL.</exception>
    public DatabaseUrl UrlOf(NexuSqlEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (System.Environment.GetEnvironmentVariable(VariableFor(environment.Name)) is { Length: > 0 } fromVariable) return DatabaseUrl.Parse(fromVariable);
        if (environment.Url is null) throw new NexuSqlProjectException($"Environment {environment.Name} has no url in {Path ?? FileName} and {VariableFor(environment.Name)} is not set.");
        var text = Reference().Replace(environment.Url, m => System.Environment.GetEnvironmentVariable(m.Groups["name"].Value)
            ?? throw new NexuSqlProjectException($"Environment {environment.Name}: its url uses ${{{m.Groups["name"].Value}}}, which is not set."));
        // a relative SQLite file is relative to the config, not to wherever the command runs; read as --url reads it
        // (a URI file name's query is no part of its path: bt43 N-new-10)
        return DatabaseUrl.Parse(text).WithFileUnder(Directory);
    }

    /// <summary>
    /// The database a command works on. Order: <c>--url</c>, <c>--env NAME</c>, <c>$DATABASE_URL</c>,
    /// <c>$NEXUSQL_ENV</c>, the environment chosen with <c>env use</c>, the config's defaultEnvironment, the only
    /// environment there is.
    /// </summary>
    /// <param name="url">A URL given directly (the CLI's --url), or null.</param>
    /// <param name="env">An environment's name (the CLI's --env), or null.</param>
    /// <exception cref="NexuSqlProjectException">Nothing chooses a database, or the chosen environment does not exist.</exception>
    /// <exception cref="FormatException">A URL that is not a database URL.</exception>
    public NexuSqlTarget Choose(string? url, string? env)
    {
        if (url is { Length: > 0 }) return Direct(DatabaseUrl.Parse(url), "--url");
        if (env is { Length: > 0 }) return Named(env, "--env");
        if (System.Environment.GetEnvironmentVariable("DATABASE_URL") is { Length: > 0 } fromVariable) return Direct(DatabaseUrl.Parse(fromVariable), "DATABASE_URL");
        if (System.Environment.GetEnvironmentVariable("NEXUSQL_ENV") is { Length: > 0 } name) return Named(name, "NEXUSQL_ENV");
        if (Current is { } current) return Named(current, $"env use ({CurrentFile})");
        if (DefaultEnvironment is { } d) return Named(d, $"defaultEnvironment in {FileName}");
        if (All() is [var only]) return Named(only.Name, "the only environment");
        throw new NexuSqlProjectException("No database given: pass --url URL (e.g. --url sqlite:///app.db) or --env NAME, set DATABASE_URL, or run 'nexusql init' for a nexusql.json with environments.");
    }

    /// <summary>A URL or an environment name (the CLI's --from, --to, --against).</summary>
    /// <param name="value">A URL (<see cref="DatabaseUrl.LooksLikeUrl"/>) or an environment's name.</param>
    /// <param name="source">What gave it, for messages (<c>--to</c>).</param>
    /// <exception cref="NexuSqlProjectException">Not a URL, and no such environment.</exception>
    public NexuSqlTarget UrlOrEnvironment(string value, string source) =>
        // scheme://... is a URL whatever its scheme: an unknown one is named as such, not looked up as an environment (bt31 B8)
        DatabaseUrl.LooksLikeUrl(value) || value.Contains("://", StringComparison.Ordinal) ? Direct(DatabaseUrl.Parse(value), source) : Named(value, source);

    /// <summary>
    /// A URL given directly (--url, DATABASE_URL, --to URL): protected when it names the database of a protected
    /// environment — protection follows the database, not the name it is reached by.
    /// </summary>
    private NexuSqlTarget Direct(DatabaseUrl url, string source) =>
        ProtectedOwner(url, except: null) is { } owner ? new NexuSqlTarget(url, null, true, source, owner) : new NexuSqlTarget(url, null, false, source);

    /// <summary>
    /// An environment: protected when it is, or when its URL (its <c>NAME_DATABASE_URL</c>, its entry) names the database
    /// of a protected one — <c>DEV_DATABASE_URL</c> set to prod's database made <c>-e dev reset</c> empty prod without
    /// <c>--confirm prod</c> (bt42 N13).
    /// </summary>
    private NexuSqlTarget Named(string name, string source)
    {
        var environment = Environment(name);
        var url = UrlOf(environment);
        return !environment.Protected && ProtectedOwner(url, except: environment.Name) is { } owner
            ? new NexuSqlTarget(url, environment.Name, true, source, owner)
            : new NexuSqlTarget(url, environment.Name, environment.Protected, source);
    }

    /// <summary>The protected environment (other than <paramref name="except"/>) whose database <paramref name="url"/> names, or null.</summary>
    private string? ProtectedOwner(DatabaseUrl url, string? except)
    {
        foreach (var environment in All().Where(e => e.Protected && !string.Equals(e.Name, except, StringComparison.OrdinalIgnoreCase)))
        {
            DatabaseUrl own;
            try
            {
                own = UrlOf(environment);
            }
            catch (Exception e) when (e is NexuSqlProjectException or FormatException)
            {
                continue; // its URL cannot be known here (${VAR} not set): it cannot be this one
            }
            if (url.IsSameDatabase(own)) return environment.Name;
        }
        return null;
    }

    /// <summary>
    /// Opens the database of environment <paramref name="environment"/> (its <c>NAME_DATABASE_URL</c> when set, else
    /// the file's URL with <c>${VAR}</c> filled in). Protection is not checked: opening destroys nothing.
    /// </summary>
    /// <param name="environment">The environment's name (case-insensitive).</param>
    /// <param name="options">Pool and timeout options; the URL's own options override them.</param>
    /// <exception cref="NexuSqlProjectException">No such environment, no URL, or a referenced variable that is not set.</exception>
    /// <exception cref="FormatException">The URL is not a database URL.</exception>
    public NexuSqlDatabase Open(string environment, NexuSqlOptions? options = null) =>
        NexuSqlDatabase.Open(UrlOf(Environment(environment)), options);

    /// <summary>
    /// Opens the database the CLI would work on without <c>--url</c> or <c>--env</c>: <c>$DATABASE_URL</c>,
    /// <c>$NEXUSQL_ENV</c>, the environment chosen with <c>env use</c>, the file's defaultEnvironment, the only
    /// environment there is (<see cref="Choose(string?, string?)"/>).
    /// </summary>
    /// <param name="options">Pool and timeout options; the URL's own options override them.</param>
    /// <exception cref="NexuSqlProjectException">Nothing chooses a database.</exception>
    public NexuSqlDatabase OpenDefault(NexuSqlOptions? options = null) => NexuSqlDatabase.Open(Choose(null, null).Url, options);

    /// <summary>The starter file <c>nexusql init</c> writes.</summary>
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
