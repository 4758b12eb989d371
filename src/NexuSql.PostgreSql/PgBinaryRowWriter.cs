using System.Buffers.Binary;
using System.Text;
using Npgsql;
using NexuSql.Schema;

namespace NexuSql.PostgreSql;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (a 19-byte header; per row an int16 field count, per field an int32 length,
/// -1 for NULL, and the value in the type's binary send format; an int16 -1 trailer), gathered in one reused buffer.
/// Each portable kind is written as Npgsql's importer wrote it for the same <c>NpgsqlDbType</c>: integers, floats
/// and lengths big-endian, text strict UTF-8 (an unpaired surrogate fails instead of becoming U+FFFD), jsonb with its
/// version byte, uuid in RFC byte order, numeric as base-10000 digits from the exact decimal text, date and timestamps
/// as PostgreSQL's raw day and microsecond counts (<see cref="PostgreSqlTemporal"/>), time as microseconds.
/// </summary>
internal sealed class PgBinaryRowWriter
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _buffer = new byte[1 << 17];
    private int _length;

    /// <summary>Bytes gathered and not yet sent.</summary>
    public int Length => _length;

    public void Header()
    {
        Ensure(19);
        Signature.CopyTo(_buffer, _length);
        _length += Signature.Length;
        Int32(0); // flags
        Int32(0); // header extension length
    }

    public void Trailer()
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
    }

    public void Row(int fields)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), checked((short)fields));
        _length += 2;
    }

    /// <summary>One field of a column of <paramref name="kind"/>; null is SQL NULL.</summary>
    /// <exception cref="InvalidCastException">The value is not of the kind's portable form.</exception>
    /// <exception cref="OverflowException">An integer out of the column type's range.</exception>
    public void Value(PortableType kind, object? value)
    {
        if (value is null)
        {
            Ensure(4);
            Int32(-1);
            return;
        }
        switch (kind)
        {
            case PortableType.Boolean:
                Field(1)[0] = (bool)value ? (byte)1 : (byte)0;
                break;
            case PortableType.Int16:
                BinaryPrimitives.WriteInt16BigEndian(Field(2), checked((short)(long)value));
                break;
            case PortableType.Int32:
                BinaryPrimitives.WriteInt32BigEndian(Field(4), checked((int)(long)value));
                break;
            case PortableType.Int64:
                BinaryPrimitives.WriteInt64BigEndian(Field(8), (long)value);
                break;
            case PortableType.Float32:
                BinaryPrimitives.WriteSingleBigEndian(Field(4), (float)value);
                break;
            case PortableType.Float64:
                BinaryPrimitives.WriteDoubleBigEndian(Field(8), (double)value);
                break;
            case PortableType.Decimal:
                Numeric((string)value);
                break;
            case PortableType.String or PortableType.Text:
                Text((string)value, jsonb: false);
                break;
            case PortableType.Json:
                Text((string)value, jsonb: true);
                break;
            case PortableType.Binary:
                var bytes = (byte[])value;
                bytes.CopyTo(Field(bytes.Length));
                break;
            case PortableType.Uuid:
                ((Guid)value).TryWriteBytes(Field(16), bigEndian: true, out _);
                break;
            case PortableType.Date:
                BinaryPrimitives.WriteInt32BigEndian(Field(4), PostgreSqlTemporal.ToDate(value));
                break;
            case PortableType.Time:
                BinaryPrimitives.WriteInt64BigEndian(Field(8), ((TimeSpan)value).Ticks / 10);
                break;
            case PortableType.Timestamp or PortableType.TimestampTz:
                BinaryPrimitives.WriteInt64BigEndian(Field(8), PostgreSqlTemporal.ToTimestamp(value));
                break;
            default:
                throw new NotSupportedException($"No binary COPY format for {kind}.");
        }
    }

    /// <summary>Sends what was gathered.</summary>
    public async Task FlushToAsync(NpgsqlRawCopyStream copy, CancellationToken ct)
    {
        if (_length == 0) return;
        await copy.WriteAsync(_buffer.AsMemory(0, _length), ct).ConfigureAwait(false);
        _length = 0;
    }

    /// <summary>[-]digits[.digits] with at most <paramref name="maxDigits"/> digits: the text <see cref="Numeric"/> encodes.</summary>
    public static bool IsPlainDecimal(string s, int maxDigits)
    {
        var i = s.Length > 0 && s[0] == '-' ? 1 : 0;
        int digits = 0, whole = 0, dot = -1;
        for (; i < s.Length; i++)
        {
            if (char.IsAsciiDigit(s[i]))
            {
                digits++;
                if (dot < 0) whole++;
            }
            else if (s[i] == '.' && dot < 0) dot = i;
            else return false;
        }
        return whole > 0 && (dot < 0 || dot < s.Length - 1) && digits <= maxDigits;
    }

    /// <summary>
    /// numeric's send format from plain decimal text (<see cref="IsPlainDecimal"/>): ndigits, weight (of the first base-10000
    /// digit), sign, dscale (the digits after the point, as written), then the base-10000 digits without leading or trailing zero groups.
    /// </summary>
    private void Numeric(string s)
    {
        var negative = s[0] == '-';
        var text = s.AsSpan(negative ? 1 : 0);
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        while (whole.Length > 0 && whole[0] == '0') whole = whole[1..];
        // groups of four digits aligned on the point: the whole part padded on the left, the fraction on the right
        var wholeGroups = (whole.Length + 3) / 4;
        var fractionGroups = (fraction.Length + 3) / 4;
        Span<short> groups = stackalloc short[wholeGroups + fractionGroups];
        var pad = wholeGroups * 4 - whole.Length;
        for (var g = 0; g < wholeGroups; g++)
        {
            var v = 0;
            for (var k = 0; k < 4; k++)
            {
                var p = g * 4 + k - pad;
                v = v * 10 + (p >= 0 ? whole[p] - '0' : 0);
            }
            groups[g] = (short)v;
        }
        for (var g = 0; g < fractionGroups; g++)
        {
            var v = 0;
            for (var k = 0; k < 4; k++)
            {
                var p = g * 4 + k;
                v = v * 10 + (p < fraction.Length ? fraction[p] - '0' : 0);
            }
            groups[wholeGroups + g] = (short)v;
        }
        var first = 0;
        while (first < groups.Length && groups[first] == 0) first++;
        var last = groups.Length - 1;
        while (last >= first && groups[last] == 0) last--;
        var count = Math.Max(0, last - first + 1);
        var weight = count == 0 ? 0 : wholeGroups - 1 - first;
        var field = Field(8 + count * 2);
        BinaryPrimitives.WriteInt16BigEndian(field, (short)count);
        BinaryPrimitives.WriteInt16BigEndian(field[2..], (short)weight);
        BinaryPrimitives.WriteInt16BigEndian(field[4..], (short)(negative && count > 0 ? 0x4000 : 0));
        BinaryPrimitives.WriteInt16BigEndian(field[6..], (short)fraction.Length);
        for (var g = 0; g < count; g++) BinaryPrimitives.WriteInt16BigEndian(field[(8 + g * 2)..], groups[first + g]);
    }

    private void Text(string value, bool jsonb)
    {
        var prefix = jsonb ? 1 : 0;
        Ensure(4 + prefix + StrictUtf8.GetMaxByteCount(value.Length));
        var start = _length + 4;
        if (jsonb) _buffer[start] = 1; // jsonb's binary format: version 1, then the text
        var n = StrictUtf8.GetBytes(value, _buffer.AsSpan(start + prefix));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), n + prefix);
        _length = start + prefix + n;
    }

    /// <summary>Writes the length of a field of <paramref name="size"/> bytes and returns the space for its value.</summary>
    private Span<byte> Field(int size)
    {
        Ensure(4 + size);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), size);
        var span = _buffer.AsSpan(_length + 4, size);
        _length += 4 + size;
        return span;
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes <= _buffer.Length) return;
        Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)_length + bytes)));
    }
}
