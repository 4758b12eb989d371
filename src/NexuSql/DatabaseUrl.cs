using System.Net;
using System.Text;

namespace NexuSql;

/// <summary>
/// A parsed NexuSQL connection URL such as <c>postgresql://app:secret@db1:5432,db2/shop?sslmode=require</c>,
/// <c>sqlite:///relative.db</c>, <c>sqlite:////abs/path.db</c> or <c>sqlite::memory:</c>.
/// </summary>
/// <remarks>
/// <para>Schemes: <c>sqlite</c>, <c>postgresql</c>/<c>postgres</c>, <c>mysql</c>/<c>mariadb</c>,
/// <c>sqlserver</c>/<c>mssql</c>, <c>cockroachdb</c>/<c>cockroach</c>. User, password, hosts and database are
/// percent-decoded; query options are kept in <see cref="Options"/> and handed to the driver by the provider.</para>
/// <para>The password is never part of <see cref="ToString"/>; use <see cref="Redacted"/> wherever a URL is shown.
/// Parse errors throw <see cref="FormatException"/> whose message never contains the password.</para>
/// </remarks>
public sealed class DatabaseUrl
{
    private const string Mask = "***";

    private DatabaseUrl(NexuSqlEngine engine, string scheme)
    {
        Engine = engine;
        Scheme = scheme;
    }

    /// <summary>The engine the URL's scheme names.</summary>
    public NexuSqlEngine Engine { get; }

    /// <summary>The scheme as written (lower case), e.g. <c>postgres</c>.</summary>
    public string Scheme { get; }

    /// <summary>The hosts, in order (several for PostgreSQL multi-host URLs). Empty for SQLite.</summary>
    public IReadOnlyList<DatabaseHost> Hosts { get; private init; } = [];

    /// <summary>The first host, or <see langword="null"/> when the URL names none.</summary>
    public DatabaseHost? Host => Hosts.Count > 0 ? Hosts[0] : null;

    /// <summary>The database name; for SQLite the file path (or <c>:memory:</c>).</summary>
    public string? Database { get; private init; }

    /// <summary>
    /// The local file an embedded engine opens (SQLite): the path as given, or the file a SQLite URI file name names
    /// (<c>file:x.db</c>, <c>file:///abs/x.db?cache=private</c> → <c>x.db</c>, <c>/abs/x.db</c>: its query is no part of it
    /// and <c>%HH</c> escapes are decoded, as SQLite reads it — https://sqlite.org/uri.html); null for servers and
    /// in-memory databases. Opening a missing file creates an empty database there, so commands that only read check it
    /// exists first. (bt41 F34: <c>file:x.db</c> was taken as another file than <c>x.db</c>, and a copy's --clean emptied
    /// its own source; a protected environment's file was reset without --confirm.)
    /// </summary>
    public string? FilePath => Engine == NexuSqlEngine.Sqlite && Database is { } path && path != ":memory:" && !path.StartsWith("file::memory:", StringComparison.Ordinal)
        ? SqliteUriFile(path) : null;

    /// <summary>The file of a SQLite URI file name (lowercase <c>file:</c>, as SQLite matches it), null for one in memory; any other path as it is.</summary>
    private static string? SqliteUriFile(string path)
    {
        if (!path.StartsWith("file:", StringComparison.Ordinal)) return path;
        var rest = path[5..];
        var end = rest.IndexOfAny(['?', '#']);
        if (end >= 0 && rest[end] == '?' && rest[(end + 1)..].Split('&').Any(o => string.Equals(o, "mode=memory", StringComparison.OrdinalIgnoreCase))) return null;
        if (end >= 0) rest = rest[..end];
        // file://host/path: the authority (empty or localhost) is no part of the path
        if (rest.StartsWith("//", StringComparison.Ordinal)) rest = rest.IndexOf('/', 2) is var slash and >= 0 ? rest[slash..] : "";
        return Uri.UnescapeDataString(rest);
    }

    /// <summary>The user name, percent-decoded.</summary>
    public string? UserName { get; private init; }

    /// <summary>The password, percent-decoded. Never printed by this type.</summary>
    public string? Password { get; private init; }

    /// <summary>Query options (<c>?key=value&amp;...</c>), percent-decoded, in order, keys compared case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Options { get; private init; } = new Dictionary<string, string>();

    /// <summary>True for <c>sqlite::memory:</c> (and <c>sqlite:///:memory:</c>).</summary>
    public bool IsInMemory => Engine == NexuSqlEngine.Sqlite && Database == ":memory:";

    /// <summary>Parses a URL.</summary>
    /// <exception cref="FormatException">The text is not a NexuSQL URL; the message says why, without the password.</exception>
    public static DatabaseUrl Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return TryParseCore(url, out var result, out var error) ? result! : throw new FormatException(error);
    }

    /// <summary>Tries to parse a URL; returns false (and never throws) when the text is not one.</summary>
    public static bool TryParse(string? url, out DatabaseUrl? result)
    {
        result = null;
        return url is not null && TryParseCore(url, out result, out _);
    }

    /// <summary>Maps a URL scheme to its engine.</summary>
    public static bool TryGetEngine(string scheme, out NexuSqlEngine engine)
    {
        switch (scheme.ToLowerInvariant())
        {
            case "sqlite": case "sqlite3": engine = NexuSqlEngine.Sqlite; return true;
            case "postgresql": case "postgres": case "pgsql": engine = NexuSqlEngine.PostgreSql; return true;
            case "mysql": case "mariadb": engine = NexuSqlEngine.MySql; return true;
            case "sqlserver": case "mssql": engine = NexuSqlEngine.SqlServer; return true;
            case "cockroachdb": case "cockroach": engine = NexuSqlEngine.CockroachDb; return true;
            default: engine = default; return false;
        }
    }

    /// <summary>True when <paramref name="text"/> starts with a known NexuSQL scheme.</summary>
    public static bool LooksLikeUrl(string text)
    {
        var colon = text.IndexOf(':');
        return colon > 0 && TryGetEngine(text[..colon], out _);
    }

    private static bool TryParseCore(string url, out DatabaseUrl? result, out string error)
    {
        result = null;
        url = url.Trim();
        var colon = url.IndexOf(':');
        if (colon <= 0)
        {
            error = "Not a database URL: expected 'scheme://...', e.g. 'postgresql://user@host/db' or 'sqlite:///app.db'.";
            return false;
        }
        var scheme = url[..colon].ToLowerInvariant();
        if (!TryGetEngine(scheme, out var engine))
        {
            error = $"Unknown database URL scheme '{scheme}'. Use sqlite, postgresql, mysql, mariadb, sqlserver, mssql or cockroachdb.";
            return false;
        }
        var rest = url[(colon + 1)..];
        return engine == NexuSqlEngine.Sqlite
            ? TryParseSqlite(scheme, rest, out result, out error)
            : TryParseServer(engine, scheme, rest, out result, out error);
    }

    /// <summary>Longest database name a server URL may carry (no engine here takes more than 128 characters).</summary>
    private const int MaxDatabaseName = 128;

    /// <summary>
    /// True when <paramref name="text"/> has a '%' not followed by two hex digits (RFC 3986 §2.1), which
    /// <see cref="Uri.UnescapeDataString(string)"/> would keep literally: a mistyped escape must not silently change a
    /// name or password.
    /// </summary>
    internal static bool BadEscape(string text)
    {
        for (var i = text.IndexOf('%'); i >= 0; i = text.IndexOf('%', i + 1))
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])) return true;
        return false;
    }

    private static bool TryParseSqlite(string scheme, string rest, out DatabaseUrl? result, out string error)
    {
        result = null;
        error = "";
        var (body, options) = SplitQuery(rest, out var optionsError);
        if (optionsError is not null) { error = optionsError; return false; }
        string path;
        if (body == ":memory:" || body == "///:memory:" || body == "//:memory:") path = ":memory:";
        else if (body.StartsWith("///", StringComparison.Ordinal)) path = body[3..];   // sqlite:///rel.db, sqlite:////abs.db
        else if (body.StartsWith("//", StringComparison.Ordinal))
        {
            error = "SQLite URLs take a path after three slashes: 'sqlite:///relative.db' or 'sqlite:////absolute/path.db'.";
            return false;
        }
        else path = body;                                                                // sqlite:relative.db
        if (BadEscape(path)) { error = $"The SQLite path '{path}' has an invalid percent-escape: write '%' as '%25'."; return false; }
        path = Uri.UnescapeDataString(path);
        if (path.Length == 0) { error = "The SQLite URL names no file: use 'sqlite:///app.db' or 'sqlite::memory:'."; return false; }
        result = new DatabaseUrl(NexuSqlEngine.Sqlite, scheme) { Database = path, Options = options };
        return true;
    }

    private static bool TryParseServer(NexuSqlEngine engine, string scheme, string rest, out DatabaseUrl? result, out string error)
    {
        result = null;
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            error = $"A {scheme} URL must start with '{scheme}://'.";
            return false;
        }
        var (body, options) = SplitQuery(rest[2..], out var optionsError);
        if (optionsError is not null) { error = optionsError; return false; }

        // Userinfo ends at the LAST '@' before the path: passwords may contain '@' when not percent-encoded.
        var slash = body.IndexOf('/');
        var authority = slash >= 0 ? body[..slash] : body;
        var path = slash >= 0 ? body[(slash + 1)..] : "";
        string? user = null, password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var sep = userInfo.IndexOf(':');
            if (BadEscape(sep >= 0 ? userInfo[..sep] : userInfo)) { error = "The URL's user name has an invalid percent-escape: write '%' as '%25'."; return false; }
            if (sep >= 0 && BadEscape(userInfo[(sep + 1)..])) { error = "The URL's password has an invalid percent-escape: write '%' as '%25' (the password is not shown)."; return false; }
            user = Uri.UnescapeDataString(sep >= 0 ? userInfo[..sep] : userInfo);
            password = sep >= 0 ? Uri.UnescapeDataString(userInfo[(sep + 1)..]) : null;
            if (user.Length == 0) user = null;
        }

        var hosts = new List<DatabaseHost>();
        if (authority.Length > 0)
        {
            foreach (var part in authority.Split(','))
            {
                if (!DatabaseHost.TryParse(part, out var host, out error))
                {
                    // no '@' before the first '/' or '?', but one after it: a password holding a raw '/' or '?' (user:pa/ss@host)
                    // was read as host:port, and the message quoted it as the port (bt41 F16)
                    if (at < 0 && rest.IndexOf('@', StringComparison.Ordinal) >= 0)
                        error = "The URL's host and port cannot be read (the text is not shown: it may hold a password). A password holding '/', '?' or '#' " +
                                "must be percent-encoded: %2F, %3F, %23.";
                    return false;
                }
                hosts.Add(host!);
            }
        }
        if (hosts.Count > 1 && engine is not (NexuSqlEngine.PostgreSql or NexuSqlEngine.CockroachDb or NexuSqlEngine.MySql))
        {
            error = $"Several hosts are supported for postgresql://, cockroachdb:// and mysql:// URLs only, not {scheme}://.";
            return false;
        }
        if (BadEscape(path)) { error = $"The URL's database name '{path}' has an invalid percent-escape: write '%' as '%25'."; return false; }
        var database = Uri.UnescapeDataString(path.TrimEnd('/'));
        if (database.Length > MaxDatabaseName)
        {
            error = $"The URL's database name is {database.Length} characters long; database servers take at most {MaxDatabaseName} (PostgreSQL 63 bytes, MySQL 64).";
            return false;
        }
        result = new DatabaseUrl(engine, scheme)
        {
            Hosts = hosts,
            Database = database.Length == 0 ? null : database,
            UserName = user,
            Password = password,
            Options = options,
        };
        error = "";
        return true;
    }

    private static (string Body, IReadOnlyDictionary<string, string> Options) SplitQuery(string text, out string? error)
    {
        error = null;
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var q = text.IndexOf('?');
        if (q < 0) return (text, options);
        foreach (var pair in text[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (BadEscape(pair)) { error = $"The URL query option '{(eq >= 0 ? pair[..eq] : pair)}' has an invalid percent-escape: write '%' as '%25'."; break; }
            var key = Uri.UnescapeDataString((eq >= 0 ? pair[..eq] : pair).Replace('+', ' '));
            var value = eq >= 0 ? Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' ')) : "true";
            if (key.Length == 0) { error = "A URL query option has an empty name."; break; }
            options[key] = value;
        }
        return (text[..q], options);
    }

    /// <summary>The same URL without the given query options (compared case-insensitively).</summary>
    public DatabaseUrl WithoutOptions(params string[] keys)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in Options)
            if (!keys.Contains(k, StringComparer.OrdinalIgnoreCase)) kept[k] = v;
        return new DatabaseUrl(Engine, Scheme) { Hosts = Hosts, Database = Database, UserName = UserName, Password = Password, Options = kept };
    }

    /// <summary>The same URL with the query option <paramref name="key"/> set to <paramref name="value"/> (an option of that name in any case is replaced).</summary>
    /// <param name="key">The option's name, as in the URL's query (<c>search_path</c>, <c>sslmode</c>, ...).</param>
    /// <param name="value">Its value, unescaped.</param>
    public DatabaseUrl WithOption(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        var options = new Dictionary<string, string>(WithoutOptions(key).Options, StringComparer.OrdinalIgnoreCase) { [key] = value };
        return new DatabaseUrl(Engine, Scheme) { Hosts = Hosts, Database = Database, UserName = UserName, Password = Password, Options = options };
    }

    /// <summary>The same URL naming another database (for SQLite, another file).</summary>
    public DatabaseUrl WithDatabase(string database)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        return new DatabaseUrl(Engine, Scheme)
        {
            Hosts = Hosts, Database = database, UserName = UserName, Password = Password, Options = Options,
        };
    }

    /// <summary>
    /// For a SQLite URL whose file is relative — a path (<c>sqlite:///app.db</c>) or a URI file name
    /// (<c>sqlite:///file:app.db%3Fcache%3Dprivate</c>, read as <see cref="FilePath"/> reads it) — the same URL with that
    /// file under <paramref name="directory"/>, a URI file name keeping its own query; any other URL as it is. A project
    /// file's environments name their SQLite files relative to the project's folder this way: one reading of the URL
    /// whether it comes from <c>--url</c> or from an environment (bt43 N-new-10: <c>file:q.db?cache=private</c> from
    /// nexusql.json was taken as a file of that literal name).
    /// </summary>
    /// <param name="directory">The folder a relative file is in (absolute).</param>
    public DatabaseUrl WithFileUnder(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (FilePath is not { Length: > 0 } file || Path.IsPathRooted(file) || Database is not { } path) return this;
        if (!path.StartsWith("file:", StringComparison.Ordinal)) return WithDatabase(Path.Combine(directory, path));
        // a URI file name: the folder goes into its path, escaped as SQLite unescapes it; its query stays as it is
        var end = path.IndexOfAny(['?', '#'], 5);
        return WithDatabase("file:" + EscapeUriPath(Path.Combine(directory, file)) + (end >= 0 ? path[end..] : ""));
    }

    /// <summary><c>%</c>, <c>?</c> and <c>#</c> as <c>%HH</c>: what ends or escapes a URI's path (or a SQLite URL's).</summary>
    private static string EscapeUriPath(string path) =>
        path.Replace("%", "%25", StringComparison.Ordinal).Replace("?", "%3F", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);

    /// <summary>
    /// True when <paramref name="other"/> may name the same database: the same engine and database name on a common
    /// server — for SQLite the same file: the file itself, so that a symbolic link or a hard link (<c>ln a.db b.db</c>) to it
    /// is the same (see <see cref="NexuSqlProvider.IsSameDatabaseAsync"/> for how; where that cannot be told, the real paths). Meant for protection (a
    /// protected environment's database reached through another spelling of its URL), so it errs towards "the same":
    /// two URLs share a server when any host of one is a host of the other on the same port (a missing port is the
    /// engine's default), a host being the same when the names are equal (case-insensitively), both are this machine
    /// (<c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c>, a name that resolves to a loopback address), or the names resolve to a
    /// common address (DNS is asked only when engine, database and port already match, for at most 2 s per name; a name
    /// that does not resolve is compared as written). User, password and options are not compared.
    /// </summary>
    /// <param name="other">Another URL.</param>
    public bool IsSameDatabase(DatabaseUrl other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Engine != other.Engine) return false;
        if (Engine == NexuSqlEngine.Sqlite)
            return FilePath is { } mine && other.FilePath is { } theirs && Internal.SameFile.Is(mine, theirs);
        if (!string.Equals(Database, other.Database, StringComparison.Ordinal)) return false;
        var ports = other.Hosts.Select(h => (h.Name, Port: h.Port ?? DefaultPort)).ToList();
        return Hosts.Any(mine => ports.Any(theirs => theirs.Port == (mine.Port ?? DefaultPort) && SameHost(mine.Name, theirs.Name)));
    }

    private int? DefaultPort => Engine switch
    {
        NexuSqlEngine.PostgreSql => 5432, NexuSqlEngine.MySql => 3306, NexuSqlEngine.SqlServer => 1433, NexuSqlEngine.CockroachDb => 26257, _ => null,
    };

    private static bool SameHost(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase)) return true;
        var (mine, theirs) = (Addresses(a), Addresses(b));
        return mine.Overlaps(theirs);
    }

    /// <summary>A host's addresses as text, every loopback address as "loopback"; the name itself when it does not resolve.</summary>
    private static HashSet<string> Addresses(string host)
    {
        var name = host.Trim('[', ']');
        IPAddress[] found;
        if (IPAddress.TryParse(name, out var literal)) found = [literal];
        else if (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)) found = [IPAddress.Loopback];
        else
        {
            try
            {
                var lookup = Dns.GetHostAddressesAsync(name);
                found = lookup.Wait(TimeSpan.FromSeconds(2)) ? lookup.Result : [];
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or AggregateException or ArgumentException)
            {
                found = [];
            }
        }
        var result = new HashSet<string>(found.Select(ip => IPAddress.IsLoopback(ip) ? "loopback" : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()), StringComparer.Ordinal);
        if (result.Count == 0) result.Add("name:" + name.ToLowerInvariant());
        return result;
    }

    /// <summary>
    /// The full URL including the password, for handing to a driver or a child process's environment.
    /// Never log or print it: use <see cref="Redacted"/> for that.
    /// </summary>
    public string ToSecretString() => Format(redact: false);

    /// <summary>The URL with the password replaced by <c>***</c>; safe to log and print.</summary>
    public string Redacted => Format(redact: true);

    /// <summary>Returns <see cref="Redacted"/>: a DatabaseUrl never prints its password.</summary>
    public override string ToString() => Redacted;

    private string Format(bool redact)
    {
        var sb = new StringBuilder();
        sb.Append(Scheme).Append(':');
        if (Engine == NexuSqlEngine.Sqlite)
        {
            if (IsInMemory) sb.Append(":memory:");
            // escaped where the text would read otherwise: a URI file name's own query (file:x.db?cache=private) is
            // no query of the URL, so the text given back to --url opens the same file (bt43 N-new-10)
            else sb.Append("///").Append(EscapeUriPath(Database ?? ""));
        }
        else
        {
            sb.Append("//");
            if (UserName is not null)
            {
                sb.Append(Uri.EscapeDataString(UserName));
                if (Password is not null) sb.Append(':').Append(redact ? Mask : Uri.EscapeDataString(Password));
                sb.Append('@');
            }
            sb.Append(string.Join(',', Hosts.Select(h => h.ToString())));
            if (Database is not null) sb.Append('/').Append(Uri.EscapeDataString(Database));
        }
        if (Options.Count > 0)
        {
            sb.Append('?').AppendJoin('&', Options.Select(kv =>
                Uri.EscapeDataString(kv.Key) + "=" + (redact && IsSecretOption(kv.Key) ? Mask : Uri.EscapeDataString(kv.Value))));
        }
        return sb.ToString();
    }

    /// <summary>True for option names that carry secrets (password, pwd, ...), which are masked in output.</summary>
    public static bool IsSecretOption(string key)
    {
        var k = key.Replace(" ", "").Replace("_", "").ToLowerInvariant();
        return k is "password" or "pwd" or "passfile" or "sslpassword" or "sslkeypassword" or "certificatepassword" or "accesstoken";
    }
}
