using System.Collections.Concurrent;

namespace NexuSql.Internal;

/// <summary>
/// Driver-specific value types (MySQL's <c>MySqlDateTime</c>) turned into plain CLR values, registered by the provider
/// that knows the driver (<see cref="NexuSqlProvider.AdaptDriverValues"/>) so core can read them without a driver
/// reference. Looked up only where a value is not already a plain type, so ordinary reads pay nothing.
/// </summary>
internal static class DriverValues
{
    private static readonly ConcurrentDictionary<Type, Func<object, object>> Adapters = new();

    public static void Register(Type driverType, Func<object, object> toPlain) => Adapters[driverType] = toPlain;

    /// <summary>The adapter for values of <paramref name="type"/>, or null when its values are plain already.</summary>
    public static Func<object, object>? For(Type type) => Adapters.IsEmpty ? null : Adapters.GetValueOrDefault(type);

    /// <summary>True, with the plain value, when <paramref name="value"/> is of a registered driver type.</summary>
    public static bool TryAdapt(object value, out object plain)
    {
        if (!Adapters.IsEmpty && Adapters.TryGetValue(value.GetType(), out var adapt))
        {
            plain = adapt(value);
            return true;
        }
        plain = value;
        return false;
    }
}
