using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using NexuSql.Schema;

namespace NexuSql.PostgreSql;

/// <summary>PostgreSQL's fastest way in: binary <c>COPY ... FROM STDIN</c>, each value written in its wire type.</summary>
internal static class PostgreSqlBulkLoader
{
    /// <summary>Binary COPY needs a wire type per column: not for engine-native columns, nor decimals wider than System.Decimal.</summary>
    public static bool CanCopy(TableModel table) =>
        table.Columns.All(c => c.Type.Kind != PortableType.Native && !(c.Type.Kind == PortableType.Decimal && c.Type.Precision > 28));

    public static async Task<long> CopyAsync(NpgsqlConnection connection, TableModel table, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var d = Dialects.PostgreSqlDialect.Instance;
        var sql = $"COPY {d.QuoteIdentifier(table.Name)} ({string.Join(", ", table.Columns.Select(c => d.QuoteIdentifier(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var writers = table.Columns.Select(c => Writer(c.Type.Kind)).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(sql, ct).ConfigureAwait(false);
        long count = 0;
        foreach (var row in rows)
        {
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
        PortableType.Date => (w, v) => w.Write((DateOnly)v, NpgsqlDbType.Date),
        PortableType.Time => (w, v) => w.Write((TimeSpan)v, NpgsqlDbType.Time),
        PortableType.Timestamp => (w, v) => w.Write((DateTime)v, NpgsqlDbType.Timestamp),
        PortableType.TimestampTz => (w, v) => w.Write(((DateTimeOffset)v).ToUniversalTime(), NpgsqlDbType.TimestampTz),
        _ => throw new NotSupportedException($"No binary COPY writer for {kind}."),
    };
}
