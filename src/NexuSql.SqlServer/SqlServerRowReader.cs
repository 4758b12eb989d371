using System.Collections;
using System.Data.Common;
using NexuSql.Schema;

namespace NexuSql.SqlServer;

/// <summary>
/// Portable rows (see <see cref="Data.PortableValues"/>) as the forward-only reader SqlBulkCopy consumes: one row
/// ahead at a time, each value converted to its column's CLR type when read (int16 → short, decimal text → decimal,
/// date → DateTime, ...). The caller may reuse a row array once the next row is asked for.
/// </summary>
internal sealed class SqlServerRowReader(TableModel table, IEnumerable<object?[]> rows) : DbDataReader
{
    private readonly IEnumerator<object?[]> _rows = rows.GetEnumerator();
    private readonly Func<object, object>[] _converters = [.. table.Columns.Select(c => SqlServerBulkCopy.Converter(c.Type))];
    private object?[]? _current;
    private bool _closed;

    /// <summary>Rows handed out so far.</summary>
    public long RowsRead { get; private set; }

    public override bool Read()
    {
        if (_closed || !_rows.MoveNext())
        {
            _current = null;
            return false;
        }
        _current = _rows.Current;
        if (_current.Length != _converters.Length)
            throw new InvalidOperationException($"A row for {table.Name} has {_current.Length} values; the table has {_converters.Length} columns.");
        RowsRead++;
        return true;
    }

    public override object GetValue(int ordinal)
    {
        var row = _current ?? throw new InvalidOperationException("No current row: call Read first.");
        return row[ordinal] is { } value ? _converters[ordinal](value) : DBNull.Value;
    }

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < n; i++) values[i] = GetValue(i);
        return n;
    }

    public override bool IsDBNull(int ordinal) => (_current ?? throw new InvalidOperationException("No current row: call Read first."))[ordinal] is null;

    public override int FieldCount => _converters.Length;

    public override string GetName(int ordinal) => table.Columns[ordinal].Name;

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < table.Columns.Count; i++)
            if (string.Equals(table.Columns[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new IndexOutOfRangeException($"{table.Name} has no column {name}.");
    }

    public override Type GetFieldType(int ordinal) => table.Columns[ordinal].Type.Kind switch
    {
        PortableType.Boolean => typeof(bool),
        PortableType.Int16 => typeof(short),
        PortableType.Int32 => typeof(int),
        PortableType.Int64 => typeof(long),
        PortableType.Decimal => typeof(decimal),
        PortableType.Float32 => typeof(float),
        PortableType.Float64 => typeof(double),
        PortableType.Binary => typeof(byte[]),
        PortableType.Uuid => typeof(Guid),
        PortableType.Date or PortableType.Timestamp => typeof(DateTime),
        PortableType.Time => typeof(TimeSpan),
        PortableType.TimestampTz => typeof(DateTimeOffset),
        _ => typeof(string),
    };

    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);

    public override byte GetByte(int ordinal) => (byte)GetValue(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = (byte[])GetValue(ordinal);
        if (buffer is null) return bytes.Length;
        var n = (int)Math.Max(0, Math.Min(length, bytes.Length - dataOffset));
        Array.Copy(bytes, dataOffset, buffer, bufferOffset, n);
        return n;
    }

    public override char GetChar(int ordinal) => ((string)GetValue(ordinal))[0];

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = (string)GetValue(ordinal);
        if (buffer is null) return text.Length;
        var n = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, n);
        return n;
    }

    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);

    public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);

    public override double GetDouble(int ordinal) => (double)GetValue(ordinal);

    public override float GetFloat(int ordinal) => (float)GetValue(ordinal);

    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);

    public override short GetInt16(int ordinal) => (short)GetValue(ordinal);

    public override int GetInt32(int ordinal) => (int)GetValue(ordinal);

    public override long GetInt64(int ordinal) => (long)GetValue(ordinal);

    public override string GetString(int ordinal) => (string)GetValue(ordinal);

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    public override bool NextResult() => false;

    public override int Depth => 0;

    public override bool HasRows => true;

    public override bool IsClosed => _closed;

    public override int RecordsAffected => -1;

    public override void Close() => _closed = true;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _closed = true;
            _rows.Dispose();
        }
        base.Dispose(disposing);
    }
}
