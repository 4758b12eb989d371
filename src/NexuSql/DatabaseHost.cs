namespace NexuSql;

/// <summary>One host of a database URL, with an optional port.</summary>
/// <param name="Name">Host name, IPv4 address, or IPv6 address without brackets.</param>
/// <param name="Port">Port, or <see langword="null"/> for the engine's default.</param>
public sealed record DatabaseHost(string Name, int? Port)
{
    internal static bool TryParse(string text, out DatabaseHost? host, out string error)
    {
        host = null;
        error = "";
        string name;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0) { error = $"Unclosed '[' in host '{text}'."; return false; }
            name = text[1..close];
            if (close + 1 < text.Length)
            {
                if (text[close + 1] != ':') { error = $"Unexpected text after IPv6 address in '{text}'."; return false; }
                port = text[(close + 2)..];
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            name = colon >= 0 ? text[..colon] : text;
            if (name.Contains(':', StringComparison.Ordinal))
            {
                error = $"Host '{text}' has more than one ':': write host:port (an IPv6 address goes in brackets: [::1]:5432).";
                return false;
            }
            port = colon >= 0 ? text[(colon + 1)..] : null;
        }
        if (DatabaseUrl.BadEscape(name)) { error = $"The URL's host '{name}' has an invalid percent-escape: write '%' as '%25'."; return false; }
        name = Uri.UnescapeDataString(name);
        if (name.Length == 0) { error = "A host name in the URL is empty."; return false; }
        int? portNumber = null;
        if (!string.IsNullOrEmpty(port))
        {
            if (!int.TryParse(port, out var p) || p is < 1 or > 65535)
            {
                error = $"Port '{port}' of host '{name}' is not a number between 1 and 65535.";
                return false;
            }
            portNumber = p;
        }
        host = new DatabaseHost(name, portNumber);
        return true;
    }

    /// <summary>
    /// The name a driver connects to: an IPv4-mapped IPv6 address (<c>::ffff:127.0.0.1</c>) as the IPv4 address it is
    /// (a server listening on IPv4 only is reached through it, as libpq and the mariadb client reach it); else <see cref="Name"/>.
    /// </summary>
    internal string ConnectName => System.Net.IPAddress.TryParse(Name, out var ip) && ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : Name;

    /// <summary>The host as written in a URL: <c>name</c>, <c>name:port</c>, <c>[::1]:port</c>.</summary>
    public override string ToString()
    {
        var n = Name.Contains(':') ? $"[{Name}]" : Name;
        return Port is null ? n : $"{n}:{Port}";
    }
}
