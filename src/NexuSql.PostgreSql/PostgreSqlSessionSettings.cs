using System.Text;

namespace NexuSql.PostgreSql;

/// <summary>
/// How <see cref="NexuSql.Dialects.PostgreSqlDialect.SessionSettings"/> reach a session: as startup-packet
/// <c>options</c> on a direct connection, as SET of the settings PgBouncer tracks per client behind a transaction-mode pooler.
/// </summary>
internal static class PostgreSqlSessionSettings
{
    /// <summary>
    /// Settings PgBouncer keeps per client connection and sets on each server session it hands that client (PgBouncer
    /// 1.18's fixed list; client_encoding and application_name are the others). A SET of any other setting would stay on
    /// a server session that other clients are then given.
    /// </summary>
    private static readonly HashSet<string> PoolerTracked = new(StringComparer.OrdinalIgnoreCase) { "DateStyle", "TimeZone", "standard_conforming_strings" };

    /// <summary>
    /// The startup <c>options</c> value: the URL's own (<paramref name="userOptions"/>, libpq syntax) followed by
    /// <c>-c name=value</c> for each pinned setting.
    /// </summary>
    /// <exception cref="ArgumentException">The URL's options set a pinned setting to another value.</exception>
    public static string StartupOptions(string? userOptions, IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        foreach (var (name, value) in Parse(userOptions ?? ""))
        {
            // replica role: foreign keys' and user triggers' checks do not fire, so a load writes rows the database would
            // refuse and reports none rejected (bt41 F6)
            if (string.Equals(name, "session_replication_role", StringComparison.OrdinalIgnoreCase) && !string.Equals(value, "origin", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException(
                    $"The PostgreSQL URL option options sets session_replication_role={value}, under which foreign keys and triggers do not fire: NexuSQL's loads " +
                    "rely on them to refuse the rows the database would. Remove it from the URL.", "url");
            if (settings.FirstOrDefault(s => string.Equals(s.Key, name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } pinned
                && !string.Equals(pinned.Value, value, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException(
                    $"The PostgreSQL URL option options sets {name}={value}, but NexuSQL reads and writes every PostgreSQL session with {pinned.Key}={pinned.Value} " +
                    "(as pg_dump does), so that values and expressions are the same text on both sides. Remove it from the URL; SET it in your own SQL where you need it.", "url");
        }
        var ours = string.Join(' ', settings.Select(s => $"-c {s.Key}={s.Value}"));
        return string.IsNullOrWhiteSpace(userOptions) ? ours : userOptions.Trim() + " " + ours;
    }

    /// <summary>SET statements for the pinned settings PgBouncer tracks per client, in one batch.</summary>
    public static string PoolerTrackedSql(IReadOnlyList<KeyValuePair<string, string>> settings) =>
        string.Join("; ", settings.Where(s => PoolerTracked.Contains(s.Key)).Select(s => $"SET {s.Key} = '{s.Value}'"));

    /// <summary>
    /// The <c>name=value</c> pairs of libpq's <c>options</c>: <c>-c name=value</c>, <c>-cname=value</c> or
    /// <c>--name=value</c>, words separated by spaces, a backslash escaping the next character. '-' in a name is '_'.
    /// </summary>
    internal static IEnumerable<(string Name, string Value)> Parse(string options)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < options.Length; i++)
        {
            var c = options[i];
            if (c == '\\' && i + 1 < options.Length) word.Append(options[++i]);
            else if (char.IsWhiteSpace(c))
            {
                if (word.Length > 0) words.Add(word.ToString());
                word.Clear();
            }
            else word.Append(c);
        }
        if (word.Length > 0) words.Add(word.ToString());
        for (var i = 0; i < words.Count; i++)
        {
            var setting = words[i] switch
            {
                "-c" when i + 1 < words.Count => words[++i],
                var w when w.StartsWith("--", StringComparison.Ordinal) => w[2..],
                var w when w.StartsWith("-c", StringComparison.Ordinal) => w[2..],
                _ => null,
            };
            if (setting?.Split('=', 2) is [var name, var value]) yield return (name.Replace('-', '_'), value);
        }
    }
}
