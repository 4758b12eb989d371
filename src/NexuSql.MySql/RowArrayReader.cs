using System.Collections;
using System.Data.Common;

namespace NexuSql.MySql;

/// <summary>
/// Portable rows (one reused array per row) seen as a forward-only <see cref="DbDataReader"/>, the shape the driver's
/// bulk copy reads; each value passes through the provider's <see cref="NexuSqlProvider.ToDbValue"/> first.
/// </summary>
internal sealed class RowArrayReader(IEnumerable<object?[]> rows, Schema.TableModel table, Func<object, object> toDbValue) : DbDataReader
{
    private readonly IEnumerator<object?[]> _rows = rows.GetEnumerator();
    private readonly object?[] _current = new object?[table.Columns.Count];
    private bool _closed;

    /// <summary>Rows handed out so far.</summary>
    public long RowsRead { get; private set; }

    public override bool Read()
    {
        if (!_rows.MoveNext()) return false;
        var row = _rows.Current;
        for (var i = 0; i < _current.Length; i++) _current[i] = row[i] is { } v ? toDbValue(v) : null;
        RowsRead++;
        return true;
    }

    public override int FieldCount => _current.Length;
    public override object GetValue(int ordinal) => _current[ordinal] ?? DBNull.Value;
    public override bool IsDBNull(int ordinal) => _current[ordinal] is null;
    public override int GetValues(object[] values)
    {
        var n = Math.Min(values.Length, _current.Length);
        for (var i = 0; i < n; i++) values[i] = GetValue(i);
        return n;
    }

    public override string GetName(int ordinal) => table.Columns[ordinal].Name;
    public override int GetOrdinal(string name) =>
        table.Columns.ToList().FindIndex(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0
            ? i : throw new IndexOutOfRangeException(name);
    public override Type GetFieldType(int ordinal) => _current[ordinal]?.GetType() ?? typeof(object);
    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));
    public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);
    public override byte GetByte(int ordinal) => Convert.ToByte(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
    public override char GetChar(int ordinal) => throw new NotSupportedException();
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);
    public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
    public override double GetDouble(int ordinal) => (double)GetValue(ordinal);
    public override float GetFloat(int ordinal) => (float)GetValue(ordinal);
    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);
    public override short GetInt16(int ordinal) => Convert.ToInt16(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
    public override int GetInt32(int ordinal) => Convert.ToInt32(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
    public override long GetInt64(int ordinal) => Convert.ToInt64(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
    public override string GetString(int ordinal) => (string)GetValue(ordinal);
    public override IEnumerator GetEnumerator() => throw new NotSupportedException();
    public override bool NextResult() => false;
    public override int Depth => 0;
    public override bool HasRows => true;
    public override bool IsClosed => _closed;
    public override int RecordsAffected => -1;

    public override void Close()
    {
        _closed = true;
        _rows.Dispose();
    }
}
