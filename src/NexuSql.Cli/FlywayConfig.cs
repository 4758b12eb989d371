using System.Globalization;

namespace NexuSql.Cli;

/// <summary>
/// Reads the settings NexuSQL can use from a Flyway configuration file: <c>flyway.conf</c> (Java properties:
/// <c>flyway.url=...</c>) or <c>flyway.toml</c> (<c>[flyway]</c> and <c>[environments.NAME]</c> tables). Used: url (a
/// JDBC URL, turned into a NexuSQL URL), user, password, locations (<c>filesystem:</c> and <c>classpath:</c> prefixes
/// dropped, relative to the file's folder), placeholders, table, outOfOrder, validateOnMigrate, baselineOnMigrate, baselineVersion, schemas, defaultSchema, createSchemas. Other keys are listed
/// as ignored, never guessed at.
/// </summary>
internal sealed class FlywayConfig
{
    private static readonly string[] Used = ["url", "user", "password", "locations", "table", "outOfOrder", "validateOnMigrate", "baselineOnMigrate", "baselineVersion", "schemas", "defaultSchema", "createSchemas"];

    /// <summary>The database, when the file names one (with user and password put in; never print it unredacted).</summary>
    public DatabaseUrl? Url { get; private init; }

    /// <summary>The migration settings the file gives.</summary>
    public NexuSqlMigrationSettings Settings { get; private init; } = new();

    /// <summary>Keys present in the file that NexuSQL does not apply (for a warning).</summary>
    public IReadOnlyList<string> Ignored { get; private init; } = [];

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">Missing file, or a URL that is not a JDBC URL of a supported engine.</exception>
    public static FlywayConfig Load(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"Flyway config file '{path}' does not exist.");
        var values = path.EndsWith(".toml", StringComparison.OrdinalIgnoreCase) ? ReadToml(File.ReadAllLines(path)) : ReadProperties(File.ReadAllLines(path));
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? Get(string key) => values.TryGetValue(key, out var v) ? v : null;
        var placeholders = values.Where(kv => kv.Key.StartsWith("placeholders.", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(kv => kv.Key["placeholders.".Length..], kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        var url = Get("url") is { Length: > 0 } jdbc ? FromJdbc(jdbc, Get("user"), Get("password"), path) : null;
        return new FlywayConfig
        {
            Url = url,
            Settings = new NexuSqlMigrationSettings
            {
                // Flyway's own defaults where the file is silent: the CLI's sql folder and Flyway's history table
                // (a flyway.conf naming neither still means the database Flyway migrated)
                Locations = (Get("locations") ?? "filesystem:sql").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(l => Path.Combine(folder, StripPrefix(l))).ToList(),
                Placeholders = placeholders.Count > 0 ? placeholders : null,
                Table = Get("table") ?? "flyway_schema_history",
                OutOfOrder = Get("outOfOrder") is { } o ? bool.Parse(o) : null,
                ValidateOnMigrate = Get("validateOnMigrate") is { } v ? bool.Parse(v) : null,
                BaselineOnMigrate = Get("baselineOnMigrate") is { } b ? bool.Parse(b) : null,
                BaselineVersion = Get("baselineVersion"),
                Schemas = Get("schemas") is { } schemas ? NexuSqlMigrationSettings.List(schemas) : null,
                DefaultSchema = Get("defaultSchema"),
                CreateSchemas = Get("createSchemas") is { } c ? bool.Parse(c) : null,
            },
            Ignored = values.Keys.Where(k => !Used.Contains(k, StringComparer.OrdinalIgnoreCase) && !k.StartsWith("placeholders.", StringComparison.OrdinalIgnoreCase)).ToList(),
        };
    }

    private static string StripPrefix(string location) =>
        location.StartsWith("filesystem:", StringComparison.OrdinalIgnoreCase) ? location[11..]
        : location.StartsWith("classpath:", StringComparison.OrdinalIgnoreCase) ? location[10..] : location;

    /// <summary><c>flyway.key=value</c> lines; <c>#</c> and <c>!</c> comments.</summary>
    private static Dictionary<string, string> ReadProperties(string[] lines)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '!') continue;
            var eq = line.IndexOfAny(['=', ':']);
            if (eq <= 0) continue;
            var key = line[..eq].Trim();
            if (key.StartsWith("flyway.", StringComparison.OrdinalIgnoreCase)) values[key[7..]] = line[(eq + 1)..].Trim();
        }
        return values;
    }

    /// <summary>
    /// The subset of TOML Flyway's files use: <c>[flyway]</c>, <c>[flyway.placeholders]</c>,
    /// <c>[environments.NAME]</c> (url, user, password; the first environment, or the one <c>flyway.environment</c> names).
    /// </summary>
    private static Dictionary<string, string> ReadToml(string[] lines)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var environments = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        var section = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line[0] == '[') { section = line.Trim('[', ']').Trim(); continue; }
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            var key = line[..eq].Trim().Trim('"');
            var value = TomlValue(line[(eq + 1)..].Trim());
            if (section.Equals("flyway", StringComparison.OrdinalIgnoreCase)) values[key] = value;
            else if (section.Equals("flyway.placeholders", StringComparison.OrdinalIgnoreCase)) values["placeholders." + key] = value;
            else if (section.StartsWith("environments.", StringComparison.OrdinalIgnoreCase))
            {
                var name = section["environments.".Length..];
                if (!environments.TryGetValue(name, out var env)) environments[name] = env = new(StringComparer.OrdinalIgnoreCase);
                env[key] = value;
            }
        }
        var chosen = values.TryGetValue("environment", out var wanted) && environments.TryGetValue(wanted, out var named) ? named
            : environments.Values.FirstOrDefault();
        values.Remove("environment");
        if (chosen is not null)
            foreach (var key in new[] { "url", "user", "password" })
                if (chosen.TryGetValue(key, out var v) && !values.ContainsKey(key)) values[key] = v;
        return values;
    }

    /// <summary>A TOML string, array of strings (joined with ','), or bare value.</summary>
    private static string TomlValue(string text)
    {
        if (text.StartsWith('['))
            return string.Join(",", text.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TomlValue));
        if (text.Length >= 2 && text[0] is '"' or '\'' && text.IndexOf(text[0], 1) is var end && end > 0) return text[1..end];
        var hash = text.IndexOf(" #", StringComparison.Ordinal);
        return (hash >= 0 ? text[..hash] : text).Trim();
    }

    /// <summary>jdbc:postgresql://h:p/db, jdbc:mysql|mariadb://..., jdbc:sqlite:path, jdbc:sqlserver://h:p;databaseName=db.</summary>
    private static DatabaseUrl FromJdbc(string jdbc, string? user, string? password, string file)
    {
        if (!jdbc.StartsWith("jdbc:", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"{file}: flyway.url must be a JDBC URL (jdbc:postgresql://host/db, ...), not '{Redact(jdbc)}'.");
        var rest = jdbc[5..];
        string url;
        if (rest.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = rest[7..];
            url = "sqlite://" + (Path.IsPathRooted(path) ? "/" + path : "/" + Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, path));
            return DatabaseUrl.Parse(url);
        }
        var scheme = rest[..Math.Max(0, rest.IndexOf("://", StringComparison.Ordinal))].ToLowerInvariant();
        var target = scheme switch
        {
            "postgresql" => "postgresql",
            "mysql" or "mariadb" => "mysql",
            "sqlserver" => "sqlserver",
            _ => throw new UsageException($"{file}: flyway.url '{Redact(jdbc)}' is not a JDBC URL NexuSQL can use (postgresql, mysql, mariadb, sqlite, sqlserver)."),
        };
        var body = rest[(scheme.Length + 3)..];
        // jdbc:postgresql://host/db?user=u&password=p: the credentials Flyway takes from the query string (the keys win)
        if (target != "sqlserver" && body.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            var kept = new List<string>();
            foreach (var pair in body[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
                if (kv[0].Equals("user", StringComparison.OrdinalIgnoreCase)) user ??= value;
                else if (kv[0].Equals("password", StringComparison.OrdinalIgnoreCase)) password ??= value;
                else kept.Add(pair);
            }
            body = body[..q] + (kept.Count > 0 ? "?" + string.Join('&', kept) : "");
        }
        if (target == "sqlserver")
        {
            // host:port;databaseName=db;... → host:port/db
            var parts = body.Split(';', StringSplitOptions.RemoveEmptyEntries);
            var db = parts.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim().Equals("databaseName", StringComparison.OrdinalIgnoreCase))?[1];
            body = parts[0] + (db is null ? "" : "/" + db);
        }
        var credentials = user is null ? "" : Uri.EscapeDataString(user) + (password is null ? "" : ":" + Uri.EscapeDataString(password)) + "@";
        return DatabaseUrl.Parse($"{target}://{credentials}{body}");
    }

    private static string Redact(string jdbc) =>
        System.Text.RegularExpressions.Regex.Replace(jdbc, "(?i)(password=)[^&;]*", "$1***", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>For messages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Flyway config ({Url?.ToString() ?? "no url"})");
}
