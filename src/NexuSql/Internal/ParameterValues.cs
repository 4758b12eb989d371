using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace NexuSql.Internal;

/// <summary>
/// Reads the values for a statement's placeholder names from the caller's argument object: an anonymous object,
/// a record or class (public properties and fields, read through compiled getters cached per type), or a dictionary.
/// Names match case-insensitively and snake_case matches PascalCase (<c>:user_id</c> reads <c>UserId</c>).
/// </summary>
internal static class ParameterValues
{
    private static readonly ConcurrentDictionary<Type, TypeGetters> GettersByType = new();

    /// <summary>Resolves one value per name.</summary>
    /// <exception cref="ArgumentException">A name has no value; the message names it and lists what was given.</exception>
    public static object?[] Resolve(object? args, string[] names)
    {
        var values = new object?[names.Length];
        if (names.Length == 0) return values;
        if (args is null)
            throw new ArgumentException(
                $"The SQL uses parameter ':{names[0]}' but no parameters were given. Pass an object or dictionary with a value named '{names[0]}'.",
                nameof(args));
        switch (args)
        {
            case IReadOnlyDictionary<string, object?> ro:
                for (var i = 0; i < names.Length; i++) values[i] = FromDictionary(names[i], ro.TryGetValue, ro.Keys);
                return values;
            case IDictionary<string, object?> rw:
                for (var i = 0; i < names.Length; i++) values[i] = FromDictionary(names[i], rw.TryGetValue, rw.Keys);
                return values;
            case IDictionary legacy:
                var copy = new Dictionary<string, object?>();
                foreach (DictionaryEntry e in legacy) copy[Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture)!] = e.Value;
                return Resolve(copy, names);
        }
        var type = args.GetType();
        if (IsScalar(type))
            throw new ArgumentException(
                $"Parameters must be given as an object with properties or a dictionary, not a single {type.Name}; e.g. new {{ {names[0]} = value }}.",
                nameof(args));
        var getters = GettersByType.GetOrAdd(type, static t => new TypeGetters(t));
        for (var i = 0; i < names.Length; i++)
        {
            if (!getters.TryGet(names[i], out var getter))
                throw Missing(names[i], getters.Names);
            values[i] = getter(args);
        }
        return values;
    }

    private delegate bool TryGetValue(string key, out object? value);

    private static object? FromDictionary(string name, TryGetValue tryGet, IEnumerable<string> keys)
    {
        if (tryGet(name, out var value)) return value;
        var normalized = MemberNames.Normalize(name);
        foreach (var key in keys)
        {
            if (MemberNames.Normalize(key) == normalized && tryGet(key, out value)) return value;
        }
        throw Missing(name, keys);
    }

    private static ArgumentException Missing(string name, IEnumerable<string> available)
    {
        var given = string.Join(", ", available.Take(20));
        return new ArgumentException(
            $"The SQL uses parameter ':{name}' but no value named '{name}' was given (given: {(given.Length == 0 ? "none" : given)}).",
            "args");
    }

    /// <summary>
    /// True when the value expands to a list for <c>IN (:ids)</c>: any enumerable except string, byte[] and
    /// other types a driver binds whole.
    /// </summary>
    public static bool IsList(object? value) =>
        value is IEnumerable and not string and not byte[] and not char[]
        && value.GetType().Name is not ("JsonElement" or "JsonDocument" or "JsonNode" or "JsonObject" or "JsonArray");

    /// <summary>Types bound as one value.</summary>
    public static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid)
            || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(DateOnly) || t == typeof(TimeOnly)
            || t == typeof(TimeSpan) || t == typeof(byte[]) || t == typeof(char[])
            || t == typeof(SqlJson) || t == typeof(System.Text.Json.JsonElement) || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(t)
            || t == typeof(System.Text.Json.JsonDocument);
    }

    private sealed class TypeGetters
    {
        private readonly Dictionary<string, Func<object, object?>> _exact = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Func<object, object?>> _normalized = new();

        public TypeGetters(Type type)
        {
            var instance = Expression.Parameter(typeof(object), "o");
            var typed = Expression.Convert(instance, type);
            IEnumerable<MemberInfo> members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0);
            members = members.Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance));
            foreach (var member in members)
            {
                var body = Expression.Convert(Expression.MakeMemberAccess(typed, member), typeof(object));
                var getter = Expression.Lambda<Func<object, object?>>(body, instance).Compile();
                _exact.TryAdd(member.Name, getter);
                _normalized.TryAdd(MemberNames.Normalize(member.Name), getter);
            }
        }

        public IEnumerable<string> Names => _exact.Keys;

        public bool TryGet(string name, out Func<object, object?> getter) =>
            _exact.TryGetValue(name, out getter!) || _normalized.TryGetValue(MemberNames.Normalize(name), out getter!);
    }
}
