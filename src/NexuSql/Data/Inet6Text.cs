using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NexuSql.Data;

/// <summary>
/// An IPv6 address as MariaDB's INET6 prints it. PostgreSQL's inet holds the same addresses and prints them the same,
/// but for one rule: MariaDB shortens a single group of zeros to <c>::</c> (<c>1::1:0:1:0:1:0</c>), PostgreSQL only a
/// run of two or more (<c>1:0:1:0:1:0:1:0</c>). An INET6 column carried into inet is read back in MariaDB's spelling, so
/// that the same address compares equal (copy's check, restore's, verify).
/// </summary>
internal static class Inet6Text
{
    /// <summary>
    /// <paramref name="text"/> (an address as PostgreSQL prints it) in MariaDB's spelling; the text itself when it is not
    /// a bare IPv6 address (an IPv4 address, a network with a mask: no INET6 value).
    /// </summary>
    public static string MariaDb(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains(':', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal) || text.Contains('%', StringComparison.Ordinal)
            || !IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            return text;
        var bytes = address.GetAddressBytes();
        var words = new int[8];
        for (var i = 0; i < 8; i++) words[i] = (bytes[2 * i] << 8) | bytes[2 * i + 1];
        // the first longest run of zero groups, one group long too (MariaDB's Inet6::to_string)
        int gapPos = -1, gapLength = -1, runPos = -1, runLength = 0;
        for (var i = 0; i < 8; i++)
        {
            if (words[i] != 0)
            {
                if (runPos >= 0 && runLength > gapLength) (gapPos, gapLength) = (runPos, runLength);
                (runPos, runLength) = (-1, 0);
            }
            else if (runPos >= 0) runLength++;
            else (runPos, runLength) = (i, 1);
        }
        if (runPos >= 0 && runLength > gapLength) (gapPos, gapLength) = (runPos, runLength);
        var s = new StringBuilder(41);
        for (var i = 0; i < 8; i++)
        {
            if (i == gapPos)
            {
                if (i == 0) s.Append(':');
                s.Append(':');
                i += gapLength - 1;
            }
            // IPv4-compatible (::a.b.c.d) or IPv4-mapped (::ffff:a.b.c.d): the last 32 bits as a dotted quad
            else if (i == 6 && gapPos == 0 && (gapLength == 6 || (gapLength == 5 && words[5] == 0xffff)))
            {
                s.Append(CultureInfo.InvariantCulture, $"{bytes[12]}.{bytes[13]}.{bytes[14]}.{bytes[15]}");
                break;
            }
            else
            {
                s.Append(words[i].ToString("x", CultureInfo.InvariantCulture));
                if (i < 7) s.Append(':');
            }
        }
        return s.ToString();
    }
}
