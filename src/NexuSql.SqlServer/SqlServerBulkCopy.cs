using System.Data.Common;
using System.Globalization;
using System.Reflection;
using NexuSql.Schema;

namespace NexuSql.SqlServer;

/// <summary>
/// SQL Server's fastest way in: the driver's <c>SqlBulkCopy</c> (TDS bulk load), found beside the connection's type
/// (Microsoft.Data.SqlClient or System.Data.SqlClient) since this project references no driver. Rows are streamed to
/// it through <see cref="SqlServerRowReader"/>, each value already in the CLR type of its column.
/// </summary>
internal static class SqlServerBulkCopy
{
    /// <summary>
    /// Identity values are written as given (a restore keeps keys), NULLs stay NULL instead of taking the column's
    /// default (as an INSERT would), and CHECK constraints are checked (so they stay trusted, as after an INSERT).
    /// No table lock: loads into a live table do not block its readers.
    /// </summary>
    public const string Options = "KeepIdentity, KeepNulls, CheckConstraints";

    /// <summary>The driver's SqlBulkCopy type for <paramref name="connection"/>, or null when it is not a SqlClient connection.</summary>
    public static Type? BulkCopyType(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var type = connection.GetType();
        return type.Name == "SqlConnection" && type.Namespace is "Microsoft.Data.SqlClient" or "System.Data.SqlClient"
            ? type.Assembly.GetType(type.Namespace + ".SqlBulkCopy", throwOnError: false)
            : null;
    }

    /// <summary>
    /// True when every column has a bulk-copy value form: not engine-native columns (their text would need the
    /// server's parsing), nor decimals wider than System.Decimal.
    /// </summary>
    public static bool CanCopy(TableModel table) =>
        table.Columns.All(c => c.Type.Kind != PortableType.Native && !(c.Type.Kind == PortableType.Decimal && c.Type.Precision > 28));

    /// <summary>
    /// A SqlBulkCopy for <paramref name="table"/> on <paramref name="connection"/> (inside <paramref name="transaction"/>):
    /// destination the quoted table name, one mapping per column by ordinal → name, no timeout (cancellation stops it),
    /// one batch (the caller's transaction decides what is kept). Nothing is sent until it is written to.
    /// </summary>
    /// <exception cref="NotSupportedException">The connection is not a SqlClient connection.</exception>
    public static IDisposable Create(DbConnection connection, DbTransaction? transaction, TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var type = BulkCopyType(connection) ?? throw new NotSupportedException($"{connection.GetType().FullName} is not a SqlClient connection.");
        var optionsType = type.Assembly.GetType(type.Namespace + ".SqlBulkCopyOptions", throwOnError: true)!;
        var transactionType = type.Assembly.GetType(type.Namespace + ".SqlTransaction", throwOnError: true)!;
        var ctor = type.GetConstructor([connection.GetType(), optionsType, transactionType])
            ?? throw new NotSupportedException($"{type.FullName} has no (connection, options, transaction) constructor.");
        var bulk = (IDisposable)ctor.Invoke(Unwrapped, null, [connection, Enum.Parse(optionsType, Options), transaction], null);
        try
        {
            Set(bulk, "DestinationTableName", Dialects.SqlServerDialect.Instance.QuoteIdentifier(table.Name));
            Set(bulk, "BulkCopyTimeout", 0);
            Set(bulk, "BatchSize", 0);
            Set(bulk, "EnableStreaming", false);
            var mappings = type.GetProperty("ColumnMappings")!.GetValue(bulk)!;
            var add = mappings.GetType().GetMethod("Add", [typeof(int), typeof(string)])!;
            for (var i = 0; i < table.Columns.Count; i++) add.Invoke(mappings, Unwrapped, null, [i, table.Columns[i].Name], null);
            return bulk;
        }
        catch
        {
            bulk.Dispose();
            throw;
        }
    }

    /// <summary>Loads <paramref name="rows"/> (portable values in the table's column order); returns the rows sent.</summary>
    /// <remarks>Driver errors surface as the driver's exceptions (the caller translates them), not wrapped by reflection.</remarks>
    public static async Task<long> WriteAsync(DbConnection connection, DbTransaction? transaction, TableModel table, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        using var bulk = Create(connection, transaction, table);
        await using var reader = new SqlServerRowReader(table, rows);
        var write = bulk.GetType().GetMethod("WriteToServerAsync", [typeof(DbDataReader), typeof(CancellationToken)])
            ?? throw new NotSupportedException($"{bulk.GetType().FullName} has no WriteToServerAsync(DbDataReader, CancellationToken).");
        await ((Task)write.Invoke(bulk, Unwrapped, null, [reader, ct], null)!).ConfigureAwait(false);
        return reader.RowsRead;
    }

    /// <summary>The driver's own exceptions come through as they are, not wrapped in TargetInvocationException.</summary>
    private const BindingFlags Unwrapped = BindingFlags.DoNotWrapExceptions;

    private static void Set(object target, string property, object value) =>
        (target.GetType().GetProperty(property) ?? throw new NotSupportedException($"{target.GetType().FullName} has no {property}."))
            .SetValue(target, value, Unwrapped, null, null, null);

    /// <summary>The portable value (see <see cref="Data.PortableValues"/>) in the CLR type SqlBulkCopy sends for the column.</summary>
    internal static Func<object, object> Converter(ColumnType type) => type.Kind switch
    {
        PortableType.Int16 => v => v is long l ? checked((short)l) : Convert.ToInt16(v, CultureInfo.InvariantCulture),
        PortableType.Int32 => v => v is long l ? checked((int)l) : Convert.ToInt32(v, CultureInfo.InvariantCulture),
        PortableType.Decimal => v => v is string s ? decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture) : Convert.ToDecimal(v, CultureInfo.InvariantCulture),
        PortableType.Date => v => v is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : v,
        PortableType.Time => v => v is TimeOnly t ? t.ToTimeSpan() : v,
        _ => v => v,
    };
}
