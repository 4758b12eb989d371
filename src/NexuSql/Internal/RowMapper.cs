using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;

namespace NexuSql.Internal;

/// <summary>
/// Compiles one reader→object function per (target type, column names, column types) and caches it, as Dapper
/// does: the first query of a shape pays for an expression compile, every later one is a dictionary hit plus
/// typed getter calls. Columns match members case-insensitively with snake_case equal to PascalCase; records
/// are built through their constructor.
/// </summary>
internal static class RowMapper
{
    private static readonly ConcurrentDictionary<MapperKey, Delegate> Cache = new();

    /// <summary>The mapper for the reader's current column set.</summary>
    /// <param name="reader">A reader positioned before or on its first row.</param>
    /// <param name="last">The last mapper used by this statement: checked first without allocating, replaced atomically.</param>
    /// <param name="gettersConvert">The driver's typed getters convert from any stored type (see <see cref="NexuSqlProvider.TypedGettersConvert"/>).</param>
    public static Func<DbDataReader, T> Get<T>(DbDataReader reader, ref MapperSlot? last, bool gettersConvert)
    {
        var slot = Volatile.Read(ref last);
        if (slot is not null && slot.Key.Matches(typeof(T), reader, gettersConvert)) return (Func<DbDataReader, T>)slot.Mapper;
        var key = MapperKey.From(typeof(T), reader, gettersConvert);
        var mapper = (Func<DbDataReader, T>)Cache.GetOrAdd(key, static k => Build<T>(k));
        Volatile.Write(ref last, new MapperSlot(key, mapper));
        return mapper;
    }

    private static Func<DbDataReader, T> Build<T>(MapperKey key)
    {
        var t = typeof(T);
        if (t == typeof(Row) || t == typeof(object))
        {
            var schema = new RowSchema(key.Names);
            var adapters = key.FieldTypes.Select(DriverValues.For).ToArray();
            var adapt = adapters.Any(a => a is not null) ? adapters : null;
            return (Func<DbDataReader, T>)(object)new Func<DbDataReader, Row>(r => ReadRow(r, schema, adapt));
        }
        if (key.Names.Length == 0) throw new InvalidOperationException("The query returned no columns.");
        var reader = Expression.Parameter(typeof(DbDataReader), "r");
        Expression body;
        if (ParameterValues.IsScalar(t))
        {
            body = ReadColumn(reader, 0, t, key.FieldTypes[0], key.Names[0], t.Name, key.GettersConvert);
        }
        else
        {
            body = BuildObject(reader, t, key);
        }
        return Expression.Lambda<Func<DbDataReader, T>>(body, reader).Compile();
    }

    private static Row ReadRow(DbDataReader r, RowSchema schema, Func<object, object>?[]? adapters)
    {
        var values = new object?[schema.Names.Length];
        r.GetValues(values!);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is DBNull) values[i] = null;
            else if (adapters?[i] is { } adapt && values[i] is { } v) values[i] = adapt(v);
        }
        return new Row(schema, values);
    }

    private static Expression BuildObject(ParameterExpression reader, Type t, MapperKey key)
    {
        var columnsByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var columnsByNormalized = new Dictionary<string, int>();
        for (var i = 0; i < key.Names.Length; i++)
        {
            columnsByName.TryAdd(key.Names[i], i);
            columnsByNormalized.TryAdd(MemberNames.Normalize(key.Names[i]), i);
        }
        int FindColumn(string memberName) =>
            columnsByName.TryGetValue(memberName, out var i) ? i
            : columnsByNormalized.TryGetValue(MemberNames.Normalize(memberName), out i) ? i : -1;

        NewExpression create;
        var usedByConstructor = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var parameterless = t.GetConstructor(Type.EmptyTypes);
        if (parameterless is not null || t.IsValueType)
        {
            create = Expression.New(t);
        }
        else
        {
            var ctor = t.GetConstructors()
                .OrderByDescending(c => c.GetParameters().Length)
                .FirstOrDefault(c => c.GetParameters().All(p => FindColumn(p.Name!) >= 0 || p.HasDefaultValue));
            if (ctor is null)
            {
                var best = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
                var missing = best?.GetParameters().Where(p => FindColumn(p.Name!) < 0).Select(p => p.Name) ?? [];
                throw new InvalidOperationException(
                    $"Cannot build {t.Name} from the result: no public constructor matches its columns ({string.Join(", ", key.Names)}). " +
                    $"Missing for the widest constructor: {string.Join(", ", missing)}. Alias the columns or add a parameterless constructor.");
            }
            var args = ctor.GetParameters().Select(p =>
            {
                var col = FindColumn(p.Name!);
                usedByConstructor.Add(p.Name!);
                return col >= 0
                    ? ReadColumn(reader, col, p.ParameterType, key.FieldTypes[col], key.Names[col], $"{t.Name}({p.Name})", key.GettersConvert)
                    : Expression.Constant(p.DefaultValue, p.ParameterType) as Expression;
            });
            create = Expression.New(ctor, args);
        }

        var bindings = new List<MemberBinding>();
        var boundColumns = new HashSet<int>();
        IEnumerable<MemberInfo> members = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);
        members = members.Concat(t.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => !f.IsInitOnly));
        foreach (var member in members)
        {
            if (usedByConstructor.Contains(member.Name)) continue;
            var col = FindColumn(member.Name);
            if (col < 0 || !boundColumns.Add(col)) continue;
            var memberType = member is PropertyInfo pi ? pi.PropertyType : ((FieldInfo)member).FieldType;
            bindings.Add(Expression.Bind(member,
                ReadColumn(reader, col, memberType, key.FieldTypes[col], key.Names[col], $"{t.Name}.{member.Name}", key.GettersConvert)));
        }
        return bindings.Count == 0 ? create : Expression.MemberInit(create, bindings);
    }

    /// <summary>An expression reading column <paramref name="ordinal"/> as <paramref name="target"/>.</summary>
    private static Expression ReadColumn(ParameterExpression reader, int ordinal, Type target, Type fieldType, string column, string member, bool gettersConvert)
    {
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        var index = Expression.Constant(ordinal);
        var getter = fieldType == underlying ? TypedGetter(underlying)
            : gettersConvert && SameMeaning(underlying, fieldType) ? TypedGetter(underlying) : null;
        if (getter is null)
        {
            var convert = typeof(RowMapper).GetMethod(nameof(ReadConverted), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(target);
            return Expression.Call(convert, reader, index, Expression.Constant(column), Expression.Constant(member));
        }
        var isNull = Expression.Call(reader, typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull))!, index);
        Expression value = Expression.Call(reader, getter, index);
        if (value.Type != target) value = Expression.Convert(value, target);
        Expression whenNull = !target.IsValueType || Nullable.GetUnderlyingType(target) is not null
            ? Expression.Default(target)
            : Expression.Call(typeof(RowMapper).GetMethod(nameof(NullInto), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(target),
                Expression.Constant(column), Expression.Constant(member));
        return Expression.Condition(isNull, whenNull, value);
    }

    /// <summary>
    /// Where a converting driver's getter (Microsoft.Data.Sqlite) gives exactly what <see cref="ValueConverter"/> would:
    /// numbers between numeric storage, text parsed as Guid/DateTime/decimal, integers as booleans. Anything else
    /// (bool from text, DateTime from a number, ...) goes through the converter so every engine means the same.
    /// </summary>
    private static bool SameMeaning(Type target, Type stored)
    {
        var numeric = stored == typeof(long) || stored == typeof(double);
        if (target == typeof(int) || target == typeof(long) || target == typeof(short) || target == typeof(byte)) return stored == typeof(long);
        if (target == typeof(double) || target == typeof(float)) return numeric;
        if (target == typeof(decimal)) return numeric || stored == typeof(string);
        if (target == typeof(bool)) return stored == typeof(long);
        if (target == typeof(Guid)) return stored == typeof(string) || stored == typeof(byte[]);
        if (target == typeof(DateTime)) return stored == typeof(string);
        return false;
    }

    private static MethodInfo? TypedGetter(Type t)
    {
        var name = t switch
        {
            _ when t == typeof(int) => nameof(DbDataReader.GetInt32),
            _ when t == typeof(long) => nameof(DbDataReader.GetInt64),
            _ when t == typeof(short) => nameof(DbDataReader.GetInt16),
            _ when t == typeof(byte) => nameof(DbDataReader.GetByte),
            _ when t == typeof(bool) => nameof(DbDataReader.GetBoolean),
            _ when t == typeof(string) => nameof(DbDataReader.GetString),
            _ when t == typeof(double) => nameof(DbDataReader.GetDouble),
            _ when t == typeof(float) => nameof(DbDataReader.GetFloat),
            _ when t == typeof(decimal) => nameof(DbDataReader.GetDecimal),
            _ when t == typeof(DateTime) => nameof(DbDataReader.GetDateTime),
            _ when t == typeof(Guid) => nameof(DbDataReader.GetGuid),
            _ => null,
        };
        return name is null
            ? typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!.MakeGenericMethod(t)
            : typeof(DbDataReader).GetMethod(name, [typeof(int)]);
    }

    private static T ReadConverted<T>(DbDataReader r, int ordinal, string column, string member)
    {
        var value = r.GetValue(ordinal);
        try
        {
            return ValueConverter.To<T>(value);
        }
        catch (InvalidCastException e)
        {
            throw new InvalidCastException($"Column '{column}' cannot be read into {member}: {e.Message}", e);
        }
    }

    private static T NullInto<T>(string column, string member) =>
        throw new InvalidCastException($"Column '{column}' is NULL but {member} is {typeof(T).Name}, which cannot hold NULL; declare it {typeof(T).Name}?.");
}
