using System.Data.Common;

namespace NexuSql;

/// <summary>Hands a URL's query options to a driver's connection string builder.</summary>
public static class UrlOptions
{
    /// <summary>
    /// Sets each option on <paramref name="builder"/>: a known alias (libpq-style <c>sslmode</c>) maps to the driver's
    /// keyword; any other key is passed with '_' read as a space. An option may not change what the URL's own parts set
    /// (<paramref name="urlKeywords"/>: host, port, database, user, password): NexuSQL names the database, guards protected
    /// environments and tells two targets apart by those parts, so <c>postgresql://h/x?database=prod</c> reaching
    /// <c>prod</c> while every message and check said <c>x</c> let <c>reset</c> empty a protected database (bt40 N-H8).
    /// An option giving the same value is accepted.
    /// </summary>
    /// <param name="builder">The driver's builder, holding what the URL's parts set.</param>
    /// <param name="url">The URL whose options are applied.</param>
    /// <param name="aliases">URL option names mapped to the driver's keywords.</param>
    /// <param name="urlKeywords">The driver's keywords the URL's host, port, database, user and password set.</param>
    /// <param name="adjustValue">Rewrites a value for a keyword (libpq's <c>verify-full</c> as Npgsql's <c>VerifyFull</c>); null keeps it.</param>
    /// <exception cref="ArgumentException">
    /// The driver does not understand an option, or an option changes one of <paramref name="urlKeywords"/>; the message
    /// names the option (never its value, which may be a password).
    /// </exception>
    public static void ApplyTo(DbConnectionStringBuilder builder, DatabaseUrl url, IReadOnlyDictionary<string, string> aliases,
        IReadOnlyList<string> urlKeywords, Func<string, string, string>? adjustValue = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(aliases);
        ArgumentNullException.ThrowIfNull(urlKeywords);
        string? Current(string keyword) => builder.TryGetValue(keyword, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;
        var owned = urlKeywords.ToDictionary(k => k, Current);
        foreach (var (key, value) in url.Options)
        {
            var keyword = aliases.TryGetValue(key, out var alias) ? alias : key.Replace('_', ' ');
            try
            {
                builder[keyword] = adjustValue?.Invoke(keyword, value) ?? value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"The {url.Engine.DisplayName()} URL option '{key}' is not understood: {e.Message}", nameof(url), e);
            }
            if (owned.FirstOrDefault(o => !string.Equals(Current(o.Key), o.Value, StringComparison.Ordinal)) is { Key: { } changed })
                throw new ArgumentException(
                    $"The {url.Engine.DisplayName()} URL option '{key}' sets the driver's {changed}, which the URL itself gives (its host and how it is reached, port, user, password, " +
                    "database or file): NexuSQL names the database, guards protected environments and tells targets apart by the URL's own parts, so an option " +
                    $"may not change them. Write it in the URL itself and remove '{key}'.", nameof(url));
        }
    }
}
