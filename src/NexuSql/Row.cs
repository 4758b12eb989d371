using System.Collections;
using System.Diagnostics.CodeAnalysis;
using NexuSql.Internal;

namespace NexuSql;

/// <summary>
/// One untyped result row: a read-only map from column name (case-insensitive) to value. SQL NULL is
/// <see langword="null"/>. Rows of one result share their column list.
/// </summary>
public sealed class Row : IReadOnlyDictionary<string, object?>
{
    private readonly RowSchema _schema;
    private readonly object?[] _values;

    internal Row(RowSchema schema, object?[] values)
    {
        _schema = schema;
        _values = values;
    }

    /// <summary>The column names, in result order.</summary>
    public IReadOnlyList<string> ColumnNames => _schema.Names;

    /// <summary>The value of a column by name (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns.</exception>
    public object? this[string key] => TryGetValue(key, out var v)
        ? v
        : throw new KeyNotFoundException($"The row has no column '{key}'. Columns: {string.Join(", ", _schema.Names)}.");

    /// <summary>The value of a column by position (0-based).</summary>
    public object? this[int ordinal] => _values[ordinal];

    /// <summary>The value of a column converted to <typeparamref name="T"/> with NexuSQL's cross-engine conversions.</summary>
    /// <exception cref="InvalidCastException">The value cannot be converted (or is NULL and <typeparamref name="T"/> is not nullable).</exception>
    public T Get<T>(string column) => ValueConverter.To<T>(this[column]);

    /// <summary>The value at <paramref name="ordinal"/> converted to <typeparamref name="T"/>.</summary>
    public T Get<T>(int ordinal) => ValueConverter.To<T>(_values[ordinal]);

    /// <summary>The number of columns.</summary>
    public int Count => _values.Length;

    /// <summary>The column names.</summary>
    public IEnumerable<string> Keys => _schema.Names;

    /// <summary>The values, in column order.</summary>
    public IEnumerable<object?> Values => _values;

    /// <summary>True when the row has the column (case-insensitive).</summary>
    public bool ContainsKey(string key) => _schema.Index.ContainsKey(key);

    /// <summary>Gets a column's value by name.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (_schema.Index.TryGetValue(key, out var i)) { value = _values[i]; return true; }
        value = null;
        return false;
    }

    /// <summary>Enumerates (column, value) pairs in column order.</summary>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++) yield return new(_schema.Names[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>{id=1, name=Ann}</c>.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", this.Select(kv => kv.Key + "=" + (kv.Value ?? "NULL"))) + "}";
}
