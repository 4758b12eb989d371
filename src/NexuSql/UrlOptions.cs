using System.Data.Common;

namespace NexuSql;

/// <summary>Hands a URL's query options to a driver's connection string builder.</summary>
public static class UrlOptions
{
    /// <summary>
    /// Sets each option on <paramref name="builder"/>: a known alias (libpq-style <c>sslmode</c>) maps to the driver's
    /// keyword; any other key is passed with '_' read as a space.
    /// </summary>
    /// <exception cref="ArgumentException">The driver does not understand an option; the message names it.</exception>
    public static void ApplyTo(DbConnectionStringBuilder builder, DatabaseUrl url, IReadOnlyDictionary<string, string> aliases,
        Func<string, string, string>? adjustValue = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(url);
        foreach (var (key, value) in url.Options)
        {
            var keyword = aliases.TryGetValue(key, out var alias) ? alias : key.Replace('_', ' ');
            try
            {
                builder[keyword] = adjustValue?.Invoke(keyword, value) ?? value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"The {url.Engine} URL option '{key}' is not understood: {e.Message}", nameof(url), e);
            }
        }
    }
}
