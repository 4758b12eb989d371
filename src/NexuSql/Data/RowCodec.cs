using System.Globalization;
using System.Text;
using System.Text.Json;
using NexuSql.Schema;

namespace NexuSql.Data;

/// <summary>
/// NexuSQL's row encoding: each value a one-byte tag and its bytes (integers zigzag-varint, text UTF-8 with a varint
/// length, floats as their exact bits, timestamps as ticks, decimals as exact text). Rows follow each other with no
/// separator (the column count is known); the stream ends with <see cref="EndTag"/> and the row count. Self-describing
/// per value, so a reader needs no driver and no type table.
/// </summary>
public static class RowCodec
{
    internal const byte NullTag = 0, FalseTag = 1, TrueTag = 2, IntTag = 3, DecimalTag = 4, Float32Tag = 5, Float64Tag = 6,
        StringTag = 7, BytesTag = 8, GuidTag = 9, DateTag = 10, TimeTag = 11, TimestampTag = 12, TimestampTzTag = 13, SpecialTemporalTag = 14, UInt64Tag = 15;

    /// <summary>Marks the end of a table's rows; followed by the row count as a varint.</summary>
    public const byte EndTag = 0xFF;

    /// <summary>Writes one value (portable form, or any common CLR value for native columns).</summary>
    public static void Write(BinaryWriter w, object? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        switch (value)
        {
            case null or DBNull: w.Write(NullTag); break;
            case bool b: w.Write(b ? TrueTag : FalseTag); break;
            case long l: WriteInt(w, l); break;
            case int i: WriteInt(w, i); break;
            case short s: WriteInt(w, s); break;
            case byte by: WriteInt(w, by); break;
            case sbyte sb: WriteInt(w, sb); break;
            case ushort us: WriteInt(w, us); break;
            case uint ui: WriteInt(w, ui); break;
            case ulong ul when ul <= long.MaxValue: WriteInt(w, (long)ul); break;
            case ulong big: w.Write(UInt64Tag); w.Write(big); break; // MySQL BIGINT UNSIGNED, BIT(64)
            case decimal m: w.Write(DecimalTag); w.Write(m.ToString(CultureInfo.InvariantCulture)); break;
            case float f: w.Write(Float32Tag); w.Write(f); break;
            case double d: w.Write(Float64Tag); w.Write(d); break;
            case string str: w.Write(StringTag); w.Write(str); break;
            case byte[] bytes: w.Write(BytesTag); w.Write7BitEncodedInt(bytes.Length); w.Write(bytes); break;
            case Guid g:
                w.Write(GuidTag);
                Span<byte> gb = stackalloc byte[16];
                g.TryWriteBytes(gb, bigEndian: true, out _);
                w.Write(gb);
                break;
            case DateOnly date: w.Write(DateTag); w.Write7BitEncodedInt(date.DayNumber); break;
            case TimeSpan t: w.Write(TimeTag); w.Write7BitEncodedInt64(ZigZag(t.Ticks)); break;
            case TimeOnly t: w.Write(TimeTag); w.Write7BitEncodedInt64(t.Ticks); break;
            case DateTime dt: w.Write(TimestampTag); w.Write7BitEncodedInt64(dt.Ticks); break;
            case DateTimeOffset dto:
                w.Write(TimestampTzTag);
                w.Write7BitEncodedInt64(dto.UtcTicks);
                w.Write7BitEncodedInt64(ZigZag((long)dto.Offset.TotalMinutes));
                break;
            case SpecialTemporal special: w.Write(SpecialTemporalTag); w.Write(special.Text); break;
            default: w.Write(StringTag); w.Write(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""); break;
        }
    }

    /// <summary>A decimal column's exact text (see <see cref="PortableValues.Decimal"/>) under its own tag.</summary>
    public static void WriteDecimal(BinaryWriter w, string exact)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(DecimalTag);
        w.Write(exact);
    }

    /// <summary>Reads one value; decimals come back as their exact text.</summary>
    /// <exception cref="InvalidDataException">An unknown tag (corrupt data).</exception>
    public static object? Read(BinaryReader r, out bool end)
    {
        ArgumentNullException.ThrowIfNull(r);
        end = false;
        var tag = r.ReadByte();
        switch (tag)
        {
            case NullTag: return null;
            case FalseTag: return false;
            case TrueTag: return true;
            case IntTag: return UnZigZag(r.Read7BitEncodedInt64());
            case DecimalTag: return r.ReadString();
            case Float32Tag: return r.ReadSingle();
            case Float64Tag: return r.ReadDouble();
            case StringTag: return r.ReadString();
            case BytesTag: return r.ReadBytes(r.Read7BitEncodedInt());
            case GuidTag: return new Guid(r.ReadBytes(16), bigEndian: true);
            case DateTag: return DateOnly.FromDayNumber(r.Read7BitEncodedInt());
            case TimeTag: return new TimeSpan(UnZigZag(r.Read7BitEncodedInt64()));
            case TimestampTag: return new DateTime(r.Read7BitEncodedInt64(), DateTimeKind.Unspecified);
            case TimestampTzTag:
                var utc = r.Read7BitEncodedInt64();
                var offset = TimeSpan.FromMinutes(UnZigZag(r.Read7BitEncodedInt64()));
                return new DateTimeOffset(utc + offset.Ticks, offset);
            case SpecialTemporalTag: return new SpecialTemporal(r.ReadString());
            case UInt64Tag: return r.ReadUInt64();
            case EndTag: end = true; return null;
            default: throw new InvalidDataException($"Unknown value tag {tag}.");
        }
    }

    private static void WriteInt(BinaryWriter w, long value)
    {
        w.Write(IntTag);
        w.Write7BitEncodedInt64(ZigZag(value));
    }

    private static long ZigZag(long v) => (v << 1) ^ (v >> 63);

    private static long UnZigZag(long v) => (long)((ulong)v >> 1) ^ -(v & 1);
}

/// <summary>
/// A table's content hash: the sum (mod 2^128) of each row's 128-bit hash (XXH64 under two seeds), so it does not depend on row
/// order — two engines return rows in different orders. Each row is hashed in a canonical encoding in which a JSON
/// document has sorted keys and no spaces (<see cref="JsonText.Canonical"/>), a timestamp with time zone is its UTC instant, and strings, numbers and
/// bytes are as <see cref="RowCodec"/> writes them — so the same data gives the same hash on every engine.
/// </summary>
public sealed class TableHasher
{
    private readonly ColumnType[] _types;
    private readonly MemoryStream _buffer = new();
    private readonly BinaryWriter _writer;
    private UInt128 _sum;

    /// <summary>The algorithm's name in backup manifests.</summary>
    public const string Algorithm = "xxh64x2-sum128";

    private readonly bool _jsonLastDuplicateWins;
    private readonly bool _numericAsText;
    private readonly bool _exact;
    private readonly bool _numericFloatAsText;
    private readonly bool _nonFiniteNumericAsFloat;
    private readonly bool[]? _exactColumns;

    /// <summary>A hasher for rows of these column types.</summary>
    /// <param name="types">The columns' types, in order.</param>
    /// <param name="jsonLastDuplicateWins">Hash JSON keeping only the last member of a duplicated key, as backup format 1 did.</param>
    /// <param name="numericAsText">Hash an unconstrained numeric as the text read, as backup formats 1 to 3 did (else by value: 3.0 = 3).</param>
    /// <param name="numericFloatAsText">
    /// Hash an unconstrained numeric as backup formats 4 to 7 did: a double or float as its shortest text (<c>1E+20</c>),
    /// decimal text only without trailing fractional zeros (else as plain decimal digits: 1e20 = 100000000000000000000).
    /// </param>
    /// <param name="exact">
    /// Hash every value as read, with no canonical form: JSON as its text (whitespace, key order), SQLite time text as
    /// spelled, unconstrained numeric as its digits (1.50 ≠ 1.5). For comparing two databases of one engine, where a
    /// canonical form would hide a change of representation that the engine itself tells apart.
    /// </param>
    /// <param name="nonFiniteNumericAsFloat">
    /// Hash a float infinity in an unconstrained numeric (a SQLite REAL in a NUMERIC column) as that float, as backup
    /// formats 8 to 15 did (else as PostgreSQL's numeric spells it, <c>Infinity</c> / <c>-Infinity</c> / <c>NaN</c>, so
    /// that it checks equal after a move into PostgreSQL: session 21 break test F2).
    /// </param>
    public TableHasher(IEnumerable<ColumnType> types, bool jsonLastDuplicateWins = false, bool numericAsText = false, bool exact = false, bool numericFloatAsText = false,
        bool nonFiniteNumericAsFloat = false)
    {
        _numericFloatAsText = numericFloatAsText;
        _nonFiniteNumericAsFloat = nonFiniteNumericAsFloat;
        ArgumentNullException.ThrowIfNull(types);
        _types = [.. types];
        _jsonLastDuplicateWins = jsonLastDuplicateWins;
        _numericAsText = numericAsText || exact;
        _exact = exact;
        _writer = new BinaryWriter(_buffer, Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>
    /// A hasher that hashes the columns whose <paramref name="exactColumns"/> entry is true as read (as the <c>exact</c>
    /// parameter of the public constructor does for all), the others in the canonical form (verify: a column two databases
    /// of one engine declare alike is compared exactly, one declared otherwise by meaning).
    /// </summary>
    /// <remarks>
    /// Every NaN hashes as one value (<see cref="PortableValues.OneNaN"/>), as PostgreSQL compares them: a database
    /// holding .NET's negative NaN and one holding PostgreSQL's own were reported to differ (break test 33 G13). A
    /// backup's hashes keep the bits, as every backup written so far recorded them.
    /// </remarks>
    internal TableHasher(IEnumerable<ColumnType> types, IReadOnlyList<bool> exactColumns) : this(types)
    {
        ArgumentNullException.ThrowIfNull(exactColumns);
        _exactColumns = [.. exactColumns];
    }

    /// <summary>Rows added.</summary>
    public long Count { get; private set; }

    /// <summary>The hash so far, as 32 hex digits.</summary>
    public string Hash => _sum.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>
    /// The hash of the rows of tables hashed apart, as one table of the same columns (the sum is order-independent as
    /// each table's is): a partitioned table's, from its partitions' hashes.
    /// </summary>
    internal static string Sum(IEnumerable<string> hashes)
    {
        UInt128 sum = 0;
        foreach (var h in hashes) unchecked { sum += UInt128.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture); }
        return sum.ToString("x32", CultureInfo.InvariantCulture);
    }

    /// <summary>Adds one row (portable values in column order).</summary>
    public void Add(ReadOnlySpan<object?> row)
    {
        unchecked { _sum += RowHash(row); }
        Count++;
    }

    /// <summary>One row's 128-bit hash (the same for the same values on every engine).</summary>
    public UInt128 RowHash(ReadOnlySpan<object?> row)
    {
        _buffer.SetLength(0);
        for (var i = 0; i < row.Length; i++) WriteForHash(i, row[i]);
        _writer.Flush();
        return Hash128(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length));
    }

    /// <summary>The hash of one value of column <paramref name="column"/>, in the form the row hash takes it (to tell which columns of a row differ).</summary>
    public UInt128 ValueHash(int column, object? value)
    {
        _buffer.SetLength(0);
        WriteForHash(column, value);
        _writer.Flush();
        return Hash128(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length));
    }

    private void WriteForHash(int i, object? value)
    {
        var form = _exact || _exactColumns?[i] == true ? value : !_numericAsText && IsNumeric(_types[i]) ? (_numericFloatAsText ? NumericValueAsFormat7(value) : NumericValue(value, _nonFiniteNumericAsFloat)) : Canonical(value, _types[i], _jsonLastDuplicateWins);
        RowCodec.Write(_writer, _exactColumns is null ? form : PortableValues.OneNaN(form));
    }

    private static UInt128 Hash128(ReadOnlySpan<byte> bytes) =>
        new(System.IO.Hashing.XxHash64.HashToUInt64(bytes, 0), System.IO.Hashing.XxHash64.HashToUInt64(bytes, unchecked((long)0x9E3779B97F4A7C15)));

    /// <summary>
    /// Whether a row of these types is hashed in its backup encoding but for one byte: the tag of decimal text, which
    /// the hash writes as a string (<see cref="RowCodec.WriteDecimal"/>). Not for JSON, timestamps with time zone, float32
    /// and unconstrained numeric, whose hash encoding is canonical (<see cref="Canonical"/>, <see cref="NumericValue"/>).
    /// </summary>
    internal bool SharesBackupEncoding =>
        !_jsonLastDuplicateWins && !_numericAsText && !_exact && _exactColumns is null
        && _types.All(t => t.Kind is not (PortableType.Json or PortableType.TimestampTz or PortableType.Float32) && !IsNumeric(t));

    /// <summary>
    /// Adds one row and writes it to <paramref name="backup"/> in the backup's row encoding, encoding it once for both
    /// (only when <see cref="SharesBackupEncoding"/>): the hash is taken over the hash encoding, then the tag of each
    /// decimal text is turned into <see cref="RowCodec.DecimalTag"/>, which gives exactly what
    /// <see cref="RowCodec.WriteDecimal"/> and <see cref="RowCodec.Write"/> write.
    /// </summary>
    internal void AddAndWrite(ReadOnlySpan<object?> row, Stream backup)
    {
        _buffer.SetLength(0);
        Span<int> decimalTags = row.Length <= 64 ? stackalloc int[row.Length] : new int[row.Length];
        var decimals = 0;
        var spelled = false;
        for (var i = 0; i < row.Length; i++)
        {
            if (_types[i].Kind == PortableType.Decimal && row[i] is string)
                decimalTags[decimals++] = (int)_buffer.Position;
            // SQLite text in a time or timestamp column hashes as the instant it spells (Canonical): hashed on its own below
            spelled |= row[i] is string && _types[i].Kind is PortableType.Time or PortableType.Timestamp;
            RowCodec.Write(_writer, row[i]);
        }
        _writer.Flush();
        var bytes = _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);
        var hash = spelled ? default : Hash128(bytes);
        foreach (var at in decimalTags[..decimals]) bytes[at] = RowCodec.DecimalTag;
        backup.Write(bytes);
        if (spelled) hash = RowHash(row); // reuses the buffer: after the bytes are written
        unchecked { _sum += hash; }
        Count++;
    }

    private static bool IsNumeric(ColumnType type) => type.Kind == PortableType.Native && string.Equals(type.Native, "numeric", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// An unconstrained numeric's value as plain decimal text: no exponent, no trailing fractional zeros (PostgreSQL keeps
    /// 3.0, SQLite's NUMERIC 3); a double or float (SQLite's NUMERIC keeps 1e20 as a REAL) as the decimal its shortest
    /// round-trip text spells — what a copy writes, so 1e20 and 1e-7 match PostgreSQL's 100000000000000000000 and 0.0000001.
    /// NaN, infinities and text that is not a number stay as they are.
    /// </summary>
    private static object? NumericValue(object? value, bool nonFiniteAsFloat) => value switch
    {
        string s when PortableValues.IsDecimalText(s) => PortableValues.Decimal(s, 0),
        string s => s.Trim(),
        double d when !double.IsFinite(d) => nonFiniteAsFloat ? value : double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity",
        float f when !float.IsFinite(f) => nonFiniteAsFloat ? value : float.IsNaN(f) ? "NaN" : f > 0 ? "Infinity" : "-Infinity",
        double or float or long or int or decimal => PortableValues.Decimal(value, 0),
        _ => value,
    };

    /// <summary>An unconstrained numeric's hash form in backup formats 4 to 7: numbers as their shortest text, trailing fractional zeros dropped.</summary>
    private static object? NumericValueAsFormat7(object? value)
    {
        var text = value switch
        {
            string s => s.Trim(),
            double or float or long or int or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            _ => null,
        };
        if (text is null || text.Contains('e', StringComparison.OrdinalIgnoreCase) || !text.Contains('.', StringComparison.Ordinal)) return text ?? value;
        return text.TrimEnd('0').TrimEnd('.');
    }

    private static object? Canonical(object? value, ColumnType type, bool lastWins) => (type.Kind, value) switch
    {
        (PortableType.Json, string json) => JsonText.Canonical(json, lastWins),
        (PortableType.TimestampTz, DateTimeOffset dto) => dto.ToUniversalTime(),
        // SQLite's other spellings of an instant hash as the instant: the same data read from a typed engine matches
        (PortableType.Time or PortableType.Timestamp or PortableType.TimestampTz, string s) when PortableValues.FromSpelling(s, type) is { } typed
            => Canonical(typed, type, lastWins),
        (PortableType.Float32, double d) when (double)(float)d == d => (float)d,
        _ => value,
    };
}
