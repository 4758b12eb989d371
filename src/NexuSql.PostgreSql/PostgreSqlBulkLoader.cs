using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using NexuSql.Schema;

namespace NexuSql.PostgreSql;

/// <summary>
/// PostgreSQL's fastest way in: binary <c>COPY ... FROM STDIN</c>, each value written in its wire type by
/// <see cref="PgBinaryRowWriter"/> onto Npgsql's raw copy stream (Npgsql's typed importer cost twice the CPU per value).
/// </summary>
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
        var sql = $"COPY {d.QuoteName(table.Schema, table.Name)} ({string.Join(", ", table.Columns.Select(c => d.QuoteIdentifier(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var kinds = table.Columns.Select(c => c.Type.Kind).ToArray();
        var decimals = table.Columns.Select((c, i) => (c, i)).Where(x => x.c.Type.Kind == PortableType.Decimal).Select(x => x.i).ToArray();
        var buffer = new PgBinaryRowWriter();
        var copy = await BeginAsync(connection, sql, buffer, ct).ConfigureAwait(false);
        try
        {
            long count = 0;
            foreach (var row in rows)
            {
                if (!Carries(row, decimals))
                {
                    // NaN, ±Infinity or more digits than System.Decimal: this row goes as text the server parses exactly
                    await EndAsync(copy, buffer, ct).ConfigureAwait(false);
                    copy = null;
                    await Data.BulkInsert.MultiRowAsync(provider, connection, transaction, table, [row], ct).ConfigureAwait(false);
                    copy = await BeginAsync(connection, sql, buffer, ct).ConfigureAwait(false);
                    count++;
                    continue;
                }
                buffer.Row(kinds.Length);
                for (var i = 0; i < kinds.Length; i++) buffer.Value(kinds[i], row[i]);
                if (buffer.Length >= FlushBytes) await buffer.FlushToAsync(copy, ct).ConfigureAwait(false);
                count++;
            }
            await EndAsync(copy, buffer, ct).ConfigureAwait(false);
            copy = null;
            return count;
        }
        finally
        {
            if (copy is not null)
            {
                // a failure mid-way: abort the COPY (disposing a raw copy stream would commit what was sent)
                try
                {
                    await copy.CancelAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException or OperationCanceledException)
                {
                    // the COPY or the connection is already gone; the transaction is rolled back by the caller
                }
                await copy.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Bytes gathered before they are handed to the server.</summary>
    private const int FlushBytes = 1 << 16;

    private static async Task<NpgsqlRawCopyStream> BeginAsync(NpgsqlConnection connection, string sql, PgBinaryRowWriter buffer, CancellationToken ct)
    {
        var copy = await connection.BeginRawBinaryCopyAsync(sql, ct).ConfigureAwait(false);
        buffer.Header();
        return copy;
    }

    private static async Task EndAsync(NpgsqlRawCopyStream copy, PgBinaryRowWriter buffer, CancellationToken ct)
    {
        buffer.Trailer();
        await buffer.FlushToAsync(copy, ct).ConfigureAwait(false);
        await copy.DisposeAsync().ConfigureAwait(false); // ends the COPY; the server's error, if any, is thrown here
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
        // a MariaDB BIT(n) column carried into bit(n): its number as the n bits (b'101' in BIT(3) is 5, B'101')
        var bits = table.Columns.Select(c => c.Type.Kind == PortableType.Native ? MySqlTypesInPostgreSql.BitWidth(c.Type.Native) : null).ToArray();
        return rows.Select(row =>
        {
            if (!native.Any(i => row[i] is double or float or long or int or decimal or ulong)) return row;
            var copy = (object?[])row.Clone();
            foreach (var i in native)
                if (bits[i] is { } width && copy[i] is long or ulong or int)
                    copy[i] = Convert.ToString(Convert.ToInt64(copy[i] is ulong u ? unchecked((long)u) : copy[i], CultureInfo.InvariantCulture), 2).PadLeft(width, '0');
                else if (copy[i] is double or float or long or int or decimal or ulong) copy[i] = Convert.ToString(copy[i], CultureInfo.InvariantCulture);
            return copy;
        });
    }

    /// <summary>
    /// Every decimal of the row is plain decimal text of at most 28 digits (what System.Decimal holds exactly, the limit
    /// binary COPY has always had here); anything else — NaN, an off-type value — goes as text the server parses.
    /// </summary>
    private static bool Carries(object?[] row, int[] decimals)
    {
        foreach (var i in decimals)
            if (row[i] is { } v && !(v is string s && PgBinaryRowWriter.IsPlainDecimal(s, 28)))
                return false;
        return true;
    }
}
