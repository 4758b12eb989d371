using System.Globalization;

namespace NexuSql.Internal;

/// <summary>
/// Converts values as drivers return them into the CLR type the caller asked for, so that one C# type works on
/// every engine: bool from integers (SQLite, MySQL), Guid from text or 16-byte blobs, dates and times from text
/// (SQLite) or DateTime, decimals from text or floating point, enums from numbers or names.
/// </summary>
internal static class ValueConverter
{
    /// <summary>Converts <paramref name="value"/> (DBNull counts as null) to <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidCastException">NULL into a non-nullable type, or no sensible conversion.</exception>
    public static T To<T>(object? value)
    {
        if (value is T t) return t;
        if (value is null || value is DBNull)
        {
            if (default(T) is null) return default!;
            throw new InvalidCastException($"NULL cannot be converted to {typeof(T).Name}; use {typeof(T).Name}? to accept NULL.");
        }
        return (T)Convert(value, typeof(T))!;
    }

    /// <summary>A JSON column's value (its text, or UTF-8 bytes) as JsonElement, JsonDocument or a JsonNode type.</summary>
    private static object? Json(object value, Type target)
    {
        var text = value switch
        {
            string s => s,
            byte[] b => System.Text.Encoding.UTF8.GetString(b),
            _ => throw Unsupported(value, target),
        };
        if (target == typeof(System.Text.Json.JsonDocument)) return System.Text.Json.JsonDocument.Parse(text);
        if (target == typeof(System.Text.Json.JsonElement))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        var node = System.Text.Json.Nodes.JsonNode.Parse(text);
        return node is null || target.IsInstanceOfType(node) ? node : throw new InvalidCastException($"The JSON value {Describe(text)} is not a {target.Name}.");
    }

    /// <summary>Converts <paramref name="value"/> to <paramref name="target"/>; null and DBNull give null.</summary>
    public static object? Convert(object? value, Type target)
    {
        if (value is null || value is DBNull) return null;
        var u = Nullable.GetUnderlyingType(target) ?? target;
        if (u.IsInstanceOfType(value)) return value;
        if (DriverValues.TryAdapt(value, out var plain)) return Convert(plain, target);
        var inv = CultureInfo.InvariantCulture;
        try
        {
            if (u.IsEnum)
            {
                return value is string name
                    ? Enum.Parse(u, name, ignoreCase: true)
                    : Enum.ToObject(u, System.Convert.ChangeType(value, Enum.GetUnderlyingType(u), inv));
            }
            if (u == typeof(bool))
            {
                return value switch
                {
                    string s => ParseBool(s),
                    ulong ul => ul != 0,
                    byte[] { Length: 1 } b => b[0] != 0,
                    _ => System.Convert.ToInt64(value, inv) != 0,
                };
            }
            if (u == typeof(Guid))
            {
                return value switch
                {
                    string s => Guid.Parse(s),
                    byte[] { Length: 16 } b => new Guid(b),
                    _ => throw Unsupported(value, u),
                };
            }
            if (u == typeof(DateTime))
            {
                return value switch
                {
                    string s => DateTime.Parse(s, inv, DateTimeStyles.RoundtripKind),
                    DateTimeOffset dto => dto.UtcDateTime,
                    DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                    long ticksUnix => DateTimeOffset.FromUnixTimeSeconds(ticksUnix).UtcDateTime,
                    _ => throw Unsupported(value, u),
                };
            }
            if (u == typeof(DateTimeOffset))
            {
                return value switch
                {
                    // A timestamp without zone is taken as UTC: that is how NexuSQL writes DateTimeOffset where
                    // the engine has no zone-aware type (SQLite text, MySQL DATETIME).
                    DateTime dt => dt.Kind == DateTimeKind.Local ? new DateTimeOffset(dt) : new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
                    string s => DateTimeOffset.Parse(s, inv, DateTimeStyles.AssumeUniversal),
                    _ => throw Unsupported(value, u),
                };
            }
            if (u == typeof(DateOnly))
            {
                return value switch
                {
                    DateTime dt => DateOnly.FromDateTime(dt),
                    DateTimeOffset dto => DateOnly.FromDateTime(dto.DateTime),
                    string s => DateOnly.FromDateTime(DateTime.Parse(s, inv, DateTimeStyles.RoundtripKind)),
                    _ => throw Unsupported(value, u),
                };
            }
            if (u == typeof(TimeOnly))
            {
                return value switch
                {
                    TimeSpan ts => TimeOnly.FromTimeSpan(ts),
                    DateTime dt => TimeOnly.FromDateTime(dt),
                    string s => TimeOnly.Parse(s, inv),
                    _ => throw Unsupported(value, u),
                };
            }
            if (u == typeof(TimeSpan))
            {
                return value switch
                {
                    string s => TimeSpan.Parse(s, inv),
                    TimeOnly t => t.ToTimeSpan(),
                    _ => throw Unsupported(value, u),
                };
            }
            if (u == typeof(decimal) && value is string ds) return decimal.Parse(ds, NumberStyles.Float, inv);
            if (u == typeof(System.Text.Json.JsonElement) || u == typeof(System.Text.Json.JsonDocument) || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(u))
                return Json(value, u);
            if (u == typeof(byte[]))
            {
                return value switch
                {
                    Guid g => g.ToByteArray(),
                    ReadOnlyMemory<byte> m => m.ToArray(),
                    _ => throw Unsupported(value, u),
                };
            }
            if (u == typeof(string))
            {
                return value switch
                {
                    DateTime dt => dt.ToString("O", inv),
                    DateTimeOffset dto => dto.ToString("O", inv),
                    byte[] => throw Unsupported(value, u),
                    IFormattable f => f.ToString(null, inv),
                    _ => value.ToString(),
                };
            }
            if (u == typeof(char) && value is string { Length: 1 } cs) return cs[0];
            if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(u)) return System.Convert.ChangeType(value, u, inv);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidCastException($"The value {Describe(value)} cannot be converted to {u.Name}: {e.Message}", e);
        }
        throw Unsupported(value, u);
    }

    private static bool ParseBool(string s) => s.Trim().ToLowerInvariant() switch
    {
        "1" or "t" or "true" or "y" or "yes" or "on" => true,
        "0" or "f" or "false" or "n" or "no" or "off" => false,
        _ => throw new FormatException($"'{s}' is not a boolean."),
    };

    private static InvalidCastException Unsupported(object value, Type target) =>
        new($"A {value.GetType().Name} value cannot be converted to {target.Name}.");

    /// <summary>A short description of a value for error messages (type and a bounded preview).</summary>
    public static string Describe(object value)
    {
        var text = value is byte[] b ? $"{b.Length} bytes" : System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (text.Length > 40) text = text[..40] + "...";
        return $"{value.GetType().Name} '{text}'";
    }
}
