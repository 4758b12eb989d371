using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace NexuSql.Dialects;

/// <summary>
/// MySQL/MariaDB values that the portable types do not bound: BIT(n), SET(...), the unsigned integers and MEDIUMINT.
/// A value such a column cannot hold is refused by column and key before it is written (the server would fail with a
/// raw 1406, 1265 or 1264 "at row 1").
/// </summary>
public sealed partial class MySqlDialect
{
    [GeneratedRegex(@"^bit(?:\((?<n>\d+)\))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BitType();

    [GeneratedRegex(@"^b'(?<bits>[01]{1,64})'$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BitLiteral();

    [GeneratedRegex(@"^(?<name>tinyint|smallint|mediumint|int|integer|bigint)(?:\(\d+\))?(?<unsigned>\s+unsigned)?(?:\s+zerofill)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntegerType();

    /// <summary>The width of <c>bit(n)</c> (<c>bit</c> is <c>bit(1)</c>), or null when the type is not BIT.</summary>
    private static int? BitWidth(string? native) =>
        native is not null && BitType().Match(native.Trim()) is { Success: true } m ? m.Groups["n"].Success ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : 1 : null;

    [GeneratedRegex(@"\s*for column (?:`[^`]*`\.)*(?:`(?<c>[^`]*)`|'(?<c>[^']*)') at row \d+", RegexOptions.CultureInvariant)]
    private static partial Regex ColumnAtRow();

    /// <summary>MySQL's value errors name the column and the statement's row ("... for column 'b' at row 1": 1264, 1265, 1292, 1366, 1406 ...).</summary>
    public override (string Column, string Problem)? RefusedValue(NexuSqlException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (ColumnAtRow().Match(exception.Message) is not { Success: true } m) return null;
        var said = exception.Message[..m.Index];
        var code = exception.EngineCode is { } c ? $" (MySQL/MariaDB error {c})" : "";
        return (m.Groups["c"].Value, $"MariaDB/MySQL refuses the value: {said[(said.IndexOf(": ", StringComparison.Ordinal) is var at and >= 0 && said.StartsWith("MySQL", StringComparison.Ordinal) ? at + 2 : 0)..]}{code}");
    }

    [GeneratedRegex(@"^(?<var>var)?binary\((?<n>\d+)\)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BinaryType();

    /// <summary>
    /// A data file's text for a BIT(n) column is its number, as <c>query</c> prints it: decimal digits (<c>5</c>) or a
    /// bit literal (<c>b'101'</c>); for a BINARY(n) or VARBINARY(n) column it is bytes as for every binary column (base64,
    /// or hex after <c>\x</c>); for MariaDB's UUID and INET6 it is the text in lower case, as they store it; the text of
    /// other native types is the value itself.
    /// </summary>
    /// <exception cref="FormatException">Text that is neither spelling of a number, or not base64 / <c>\x</c> hex for a binary column.</exception>
    public override object? NativeValueFromText(string text, Schema.ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(type);
        if (type.Native is { } native && BinaryType().IsMatch(native.Trim()))
            return Data.PortableValues.FromText(text, new Schema.ColumnType(Schema.PortableType.Binary));
        // MariaDB's UUID and INET6 keep hex digits in lower case: 'A0EEBC99-…' is the value 'a0eebc99-…' (seed would
        // otherwise update it on every run, and find a key it names spelled otherwise)
        if (type.Native?.Trim() is { } name && (name.Equals("uuid", StringComparison.OrdinalIgnoreCase) || name.Equals("inet6", StringComparison.OrdinalIgnoreCase)))
            return text.ToLowerInvariant();
        if (BitWidth(type.Native) is not { } width) return text;
        var s = text.Trim();
        if (BitLiteral().Match(s) is { Success: true } literal) return Convert.ToUInt64(literal.Groups["bits"].Value, 2);
        if (s.Length > 0 && s.All(char.IsAsciiDigit))
            return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : throw new FormatException($"'{Short(text)}' is out of range for {type.Native} (0 to {MaxBits(width)})");
        throw new FormatException($"'{Short(text)}' is not a {type.Native} value (a whole number from 0 to {MaxBits(width)}, or bits as b'101')");
    }

    /// <summary>
    /// MariaDB's UUID, INET6 and INET4: the text cast to the type and back (<c>2001:0DB8::1</c> is held as
    /// <c>2001:db8::1</c>); MariaDB's cast gives NULL, with a warning, for text that is not such a value. Null for other
    /// types, whose text is the value.
    /// </summary>
    public override string? ReadBackSql(Schema.ColumnModel column, string valueSql, bool modifiers)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Type.Native?.Trim() is { } name && (name.Equals("uuid", StringComparison.OrdinalIgnoreCase) || name.Equals("inet6", StringComparison.OrdinalIgnoreCase)
            || name.Equals("inet4", StringComparison.OrdinalIgnoreCase))
            // compared with the text as written: byte for byte, not under a collation that takes 'DB8' for 'db8'
            ? $"CAST(CAST({valueSql} AS {name.ToUpperInvariant()}) AS CHAR) COLLATE utf8mb4_bin"
            : null;
    }

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static ulong MaxBits(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    /// <summary>Why a BIT(n) or SET column cannot hold <paramref name="value"/>, or null.</summary>
    private static string? NativeValueProblem(object? value, string native)
    {
        if (value is null) return null;
        if (value is byte[] bytes && BinaryType().Match(native.Trim()) is { Success: true } binary)
        {
            var n = int.Parse(binary.Groups["n"].Value, CultureInfo.InvariantCulture);
            if (bytes.Length > n) return $"{bytes.Length} bytes do not fit {native} (at most {n})";
            // BINARY(n) pads a shorter value with zero bytes: another value
            if (bytes.Length < n && !binary.Groups["var"].Success)
                return $"{bytes.Length} bytes would be padded with zero bytes to {n} in {native}; give all {n} bytes";
            return null;
        }
        if (BitWidth(native) is { } width)
        {
            BigInteger? n = value switch
            {
                ulong u => u,
                long l => l,
                int i => i,
                uint ui => ui,
                short sh => sh,
                ushort us => us,
                byte b => b,
                sbyte sb => sb,
                _ => null,
            };
            if (n is null) return $"{Data.PortableValues.Describe(value)} is not a {native} value (a whole number from 0 to {MaxBits(width)})";
            return n < 0 || n > MaxBits(width) ? $"{n} is out of range for {native} (0 to {MaxBits(width)})" : null;
        }
        if (Labels(native, "set(") is { } labels && value is string s)
        {
            if (s.Length == 0) return null; // the empty set
            if (s == "," && labels.Contains("")) return null; // the member '' alone (FromNumber)
            var given = s.Split(',');
            if (given.FirstOrDefault(g => !labels.Contains(g, StringComparer.Ordinal)) is { } unknown)
                return labels.FirstOrDefault(l => string.Equals(l.TrimEnd(' '), unknown.TrimEnd(' '), StringComparison.OrdinalIgnoreCase)) is { } near
                    ? $"'{Short(s)}' is not a value of {native}: '{unknown}' is not one of its labels (MySQL/MariaDB would store '{near}'; labels match without regard to case or trailing blanks)"
                    : $"'{Short(s)}' is not a value of {native}: '{unknown}' is not one of its labels";
            var stored = string.Join(",", labels.Where(l => given.Contains(l, StringComparer.Ordinal)));
            return stored == s ? null
                : $"'{Short(s)}' would be stored as '{stored}' in {native} (its labels once each, in the column's order); write it so";
        }
        return null;
    }

    /// <summary>
    /// Adds: a BINARY(n) or VARBINARY(n) column holds bytes; a value of another column type (the text 'abc', a uuid) is
    /// not written into it as bytes of NexuSQL's choosing — the load would give it other bytes (text read as hex digits,
    /// a uuid as NULL) — so it is refused by name before anything is written.
    /// </summary>
    internal override string? OtherTypeValueProblem(object? original, object? admitted, Schema.ColumnType sourceType, Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return base.OtherTypeValueProblem(original, admitted, sourceType, column)
            ?? (column.Type is { Kind: Schema.PortableType.Native, Native: { } native } && admitted is not (null or byte[])
                && (native.TrimStart().StartsWith("binary", StringComparison.OrdinalIgnoreCase) || native.TrimStart().StartsWith("varbinary", StringComparison.OrdinalIgnoreCase))
                ? $"{Data.PortableValues.Describe(admitted)} (from a {sourceType} column) is not bytes, which the target column's type {column.EngineType?.For(Engine) ?? native} holds; " +
                  "MariaDB/MySQL would store other bytes. Declare the target column with the source's type (text: VARCHAR or TEXT; a uuid: UUID or CHAR(36))"
                : null);
    }

    /// <summary>A YEAR column (declared <c>year</c> or <c>year(4)</c>).</summary>
    internal bool IsYear(Schema.ColumnModel column) =>
        column.EngineType?.For(Engine) is { } declared && declared.Trim().StartsWith("year", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Adds the ranges of MySQL's unsigned integers and MEDIUMINT, which the portable type of the column
    /// (<c>int unsigned</c> is int64, <c>tinyint unsigned</c> int16, <c>bigint unsigned</c> decimal(20,0)) does not bound,
    /// and YEAR's (1901 to 2155, or 0: MySQL turns 1 to 99 into 2001–2069 and 1970–1999, and refuses the rest).
    /// </summary>
    public override string? ValueProblem(object? value, Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (base.ValueProblem(value, column) is { } problem) return problem;
        if (value is not null && IsYear(column) && Convert.ToString(value, CultureInfo.InvariantCulture) is { } text
            && (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var year) || (year != 0 && year is < 1901 or > 2155)))
            return $"{text} is outside MySQL's YEAR range (1901 to 2155, or 0)";
        if (UuidProblem(value, column) is { } uuid) return uuid;
        if (value is null || column.EngineType?.For(Engine) is not { } declared || IntegerType().Match(declared.Trim()) is not { Success: true } m) return null;
        var unsigned = m.Groups["unsigned"].Success;
        var (min, max) = (m.Groups["name"].Value.ToLowerInvariant(), unsigned) switch
        {
            ("tinyint", true) => (BigInteger.Zero, new BigInteger(byte.MaxValue)),
            ("tinyint", false) => (new BigInteger(sbyte.MinValue), new BigInteger(sbyte.MaxValue)),
            ("smallint", true) => (BigInteger.Zero, new BigInteger(ushort.MaxValue)),
            ("smallint", false) => (new BigInteger(short.MinValue), new BigInteger(short.MaxValue)),
            ("mediumint", true) => (BigInteger.Zero, new BigInteger(16777215)),
            ("mediumint", false) => (new BigInteger(-8388608), new BigInteger(8388607)),
            ("int" or "integer", true) => (BigInteger.Zero, new BigInteger(uint.MaxValue)),
            ("int" or "integer", false) => (new BigInteger(int.MinValue), new BigInteger(int.MaxValue)),
            (_, true) => (BigInteger.Zero, new BigInteger(ulong.MaxValue)),
            _ => (new BigInteger(long.MinValue), new BigInteger(long.MaxValue)),
        };
        BigInteger? n = value switch
        {
            long l => l,
            ulong u => u,
            int i => i,
            string s when BigInteger.TryParse(s.Split('.')[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) => big,
            _ => null,
        };
        return n is { } v && (v < min || v > max) ? $"{v} is out of range for {declared} ({min} to {max})" : null;
    }

    /// <summary>
    /// MariaDB's UUID (10.11 and later) refuses a uuid whose version digit is 8 to f while its variant digit is 0 to 7
    /// (the NCS variant), which PostgreSQL's uuid holds like any 128 bits: measured on MariaDB 10.11, <c>CAST(... AS
    /// UUID)</c> is NULL for exactly those 64 of the 256 combinations, and a load stops with error 1292 "Incorrect uuid
    /// value ... at row n" (session 21 break test F22). Refused by key before anything is written instead.
    /// </summary>
    private static string? UuidProblem(object? value, Schema.ColumnModel column)
    {
        if (value is null || column.Type.Native?.Trim() is not { } name || !name.Equals("uuid", StringComparison.OrdinalIgnoreCase)) return null;
        var text = value switch { Guid g => g.ToString("D"), string s => s.Trim(), _ => null };
        if (text is null || !Guid.TryParse(text, out var guid)) return null;
        var d = guid.ToString("D");
        var version = Convert.ToInt32(d[14].ToString(), 16);
        var variant = Convert.ToInt32(d[19].ToString(), 16);
        return version >= 8 && variant < 8
            ? $"{d} has version digit {d[14]} with variant digit {d[19]} (the NCS variant), which MariaDB's UUID type refuses (error 1292; CHAR(36) holds it as text)"
            : null;
    }
}
