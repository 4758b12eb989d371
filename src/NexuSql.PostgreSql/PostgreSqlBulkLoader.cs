using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using NexuSql.Schema;

namespace NexuSql.PostgreSql;

/// <summary>PostgreSQL's fastest way in: binary <c>COPY ... FROM STDIN</c>, each value written in its wire type.</summary>
internal static class PostgreSqlBulkLoader
{
    /// <summary>
    /// Binary COPY needs a wire type per column: not for engine-native columns, nor decimals wider than System.Decimal
    /// (a row whose decimal System.Decimal cannot hold exactly — NaN, more digits — goes as a text INSERT in between).
    /// </summary>
    public static bool CanCopy(TableModel table) =>
        table.Columns.All(c => c.Type.Kind != PortableType.Native && !(c.Type.Kind == PortableType.Decimal && c.Type.Precision > 28));

    public static async Task<long> CopyAsync(NexuSqlProvider provider, NpgsqlConnection connection, System.Data.Common.DbTransaction? transaction,
        TableModel table, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var d = Dialects.PostgreSqlDialect.Instance;
        var sql = $"COPY {d.QuoteIdentifier(table.Name)} ({string.Join(", ", table.Columns.Select(c => d.QuoteIdentifier(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var writers = table.Columns.Select(c => Writer(c.Type.Kind)).ToArray();
        var decimals = table.Columns.Select((c, i) => (c, i)).Where(x => x.c.Type.Kind == PortableType.Decimal).Select(x => x.i).ToArray();
        var importer = await connection.BeginBinaryImportAsync(sql, ct).ConfigureAwait(false);
        try
        {
            long count = 0;
            foreach (var row in rows)
            {
                if (!Carries(row, decimals))
                {
                    // NaN, ±Infinity or more digits than System.Decimal: this row goes as text the server parses exactly
                    await importer.CompleteAsync(ct).ConfigureAwait(false);
                    await importer.DisposeAsync().ConfigureAwait(false);
                    await Data.BulkInsert.MultiRowAsync(provider, connection, transaction, table, [row], ct).ConfigureAwait(false);
                    importer = await connection.BeginBinaryImportAsync(sql, ct).ConfigureAwait(false);
                    count++;
                    continue;
                }
                await importer.StartRowAsync(ct).ConfigureAwait(false);
                for (var i = 0; i < writers.Length; i++)
                {
                    if (row[i] is { } value) writers[i](importer, value);
                    else importer.WriteNull();
                }
                count++;
            }
            await importer.CompleteAsync(ct).ConfigureAwait(false);
            return count;
        }
        finally
        {
            await importer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Native columns go as untyped text the server parses: a number read from another engine (SQLite's NUMERIC holds
    /// 1.5 as a REAL, 3 as an INTEGER) becomes its shortest exact text, so an unconstrained numeric receives 1.5, not a
    /// parameter Npgsql cannot send untyped.
    /// </summary>
    public static IEnumerable<object?[]> NativeAsText(TableModel table, IEnumerable<object?[]> rows)
    {
        var native = table.Columns.Select((c, i) => (c, i)).Where(x => x.c.Type.Kind == PortableType.Native).Select(x => x.i).ToArray();
        if (native.Length == 0) return rows;
        return rows.Select(row =>
        {
            if (!native.Any(i => row[i] is double or float or long or int or decimal)) return row;
            var copy = (object?[])row.Clone();
            foreach (var i in native)
                if (copy[i] is double or float or long or int or decimal) copy[i] = Convert.ToString(copy[i], CultureInfo.InvariantCulture);
            return copy;
        });
    }

    /// <summary>Every decimal of the row is exact as System.Decimal (binary COPY's numeric writer).</summary>
    private static bool Carries(object?[] row, int[] decimals)
    {
        foreach (var i in decimals)
            if (row[i] is string s && !(DecimalDigits(s) <= 28 && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out _)))
                return false;
        return true;
    }

    private static int DecimalDigits(string s)
    {
        var n = 0;
        foreach (var c in s) if (char.IsAsciiDigit(c)) n++;
        return n;
    }

    private static Action<NpgsqlBinaryImporter, object> Writer(PortableType kind) => kind switch
    {
        PortableType.Boolean => (w, v) => w.Write((bool)v, NpgsqlDbType.Boolean),
        PortableType.Int16 => (w, v) => w.Write(checked((short)(long)v), NpgsqlDbType.Smallint),
        PortableType.Int32 => (w, v) => w.Write(checked((int)(long)v), NpgsqlDbType.Integer),
        PortableType.Int64 => (w, v) => w.Write((long)v, NpgsqlDbType.Bigint),
        PortableType.Decimal => (w, v) => w.Write(decimal.Parse((string)v, NumberStyles.Number, CultureInfo.InvariantCulture), NpgsqlDbType.Numeric),
        PortableType.Float32 => (w, v) => w.Write((float)v, NpgsqlDbType.Real),
        PortableType.Float64 => (w, v) => w.Write((double)v, NpgsqlDbType.Double),
        PortableType.String => (w, v) => w.Write((string)v, NpgsqlDbType.Varchar),
        PortableType.Text => (w, v) => w.Write((string)v, NpgsqlDbType.Text),
        PortableType.Json => (w, v) => w.Write((string)v, NpgsqlDbType.Jsonb),
        PortableType.Binary => (w, v) => w.Write((byte[])v, NpgsqlDbType.Bytea),
        PortableType.Uuid => (w, v) => w.Write((Guid)v, NpgsqlDbType.Uuid),
        // raw day and microsecond counts: no DateTime.MinValue → -infinity mapping, and infinities and BC dates pass
        PortableType.Date => (w, v) => w.Write(PostgreSqlTemporal.ToDate(v), NpgsqlDbType.Date),
        PortableType.Time => (w, v) => w.Write((TimeSpan)v, NpgsqlDbType.Time),
        PortableType.Timestamp => (w, v) => w.Write(PostgreSqlTemporal.ToTimestamp(v), NpgsqlDbType.Timestamp),
        PortableType.TimestampTz => (w, v) => w.Write(PostgreSqlTemporal.ToTimestamp(v), NpgsqlDbType.TimestampTz),
        _ => throw new NotSupportedException($"No binary COPY writer for {kind}."),
    };
}
