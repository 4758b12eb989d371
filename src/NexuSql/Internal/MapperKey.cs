using System.Data.Common;

namespace NexuSql.Internal;

/// <summary>Identity of a result shape for one target type.</summary>
internal sealed class MapperKey : IEquatable<MapperKey>
{
    private readonly int _hash;

    private MapperKey(Type type, string[] names, Type[] fieldTypes, bool gettersConvert)
    {
        Type = type;
        Names = names;
        FieldTypes = fieldTypes;
        GettersConvert = gettersConvert;
        var h = new HashCode();
        h.Add(type);
        h.Add(gettersConvert);
        foreach (var n in names) h.Add(n, StringComparer.Ordinal);
        foreach (var f in fieldTypes) h.Add(f);
        _hash = h.ToHashCode();
    }

    public Type Type { get; }
    public string[] Names { get; }
    public Type[] FieldTypes { get; }
    public bool GettersConvert { get; }

    public static MapperKey From(Type type, DbDataReader reader, bool gettersConvert)
    {
        var n = reader.FieldCount;
        var names = new string[n];
        var types = new Type[n];
        for (var i = 0; i < n; i++)
        {
            names[i] = reader.GetName(i);
            types[i] = reader.GetFieldType(i);
        }
        return new MapperKey(type, names, types, gettersConvert);
    }

    /// <summary>Compares with the reader's columns without allocating.</summary>
    public bool Matches(Type type, DbDataReader reader, bool gettersConvert)
    {
        if (type != Type || gettersConvert != GettersConvert || reader.FieldCount != Names.Length) return false;
        for (var i = 0; i < Names.Length; i++)
        {
            if (!string.Equals(reader.GetName(i), Names[i], StringComparison.Ordinal) || reader.GetFieldType(i) != FieldTypes[i]) return false;
        }
        return true;
    }

    public bool Equals(MapperKey? other) =>
        other is not null && other._hash == _hash && other.Type == Type && other.GettersConvert == GettersConvert
        && other.Names.AsSpan().SequenceEqual(Names) && other.FieldTypes.AsSpan().SequenceEqual(FieldTypes);

    public override bool Equals(object? obj) => Equals(obj as MapperKey);

    public override int GetHashCode() => _hash;
}
