using System.Data;
using System.Data.Common;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Data;

/// <summary>Streams a table's rows as portable values (<see cref="PortableValues"/>), one reused array per row.</summary>
public static class TableReader
{
    /// <summary>The SELECT that reads every column of <paramref name="table"/> exactly (<see cref="SqlDialect.SelectDataSql"/>).</summary>
    public static string SelectSql(TableModel table, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(dialect);
        return $"SELECT {string.Join(", ", table.Columns.Select(dialect.SelectDataSql))} FROM {dialect.RowsSql(table)}";
    }

    /// <summary>
    /// Reads every row of <paramref name="table"/> on <paramref name="session"/> (inside <paramref name="transaction"/>
    /// when given: a snapshot), calling <paramref name="onRow"/> with the row's portable values. The array is reused.
    /// </summary>
    /// <returns>The number of rows read.</returns>
    /// <exception cref="NexuSqlValueException">A value the driver cannot read; names the table, column and row key.</exception>
    public static Task<long> ReadAsync(NexuSqlConnection session, DbTransaction? transaction, TableModel table,
        Action<object?[]> onRow, CancellationToken cancellationToken) =>
        ReadAsync(session, transaction, table, null, [], onRow, cancellationToken);

    /// <summary>
    /// Like the overload without a filter, for the rows matching <paramref name="where"/> (SQL using the dialect's
    /// placeholders for <paramref name="values"/>, in order).
    /// </summary>
    /// <exception cref="NexuSqlValueException">A value the driver cannot read; names the table, column and row key.</exception>
    public static Task<long> ReadAsync(NexuSqlConnection session, DbTransaction? transaction, TableModel table,
        string? where, IReadOnlyList<object?> values, Action<object?[]> onRow, CancellationToken cancellationToken) =>
        ReadAsync(session, transaction, table, where, values, asStored: false, onRow, cancellationToken);

    /// <summary>
    /// Like the overload without <paramref name="asStored"/>; when it is true, values are given as the provider reads
    /// them (<see cref="NexuSqlProvider.ReadDataValue"/>, NULL as null), without <see cref="PortableValues.Normalize"/>:
    /// on SQLite that is each value's own storage class (5 and '5.00' in one DECIMAL column stay apart).
    /// </summary>
    /// <exception cref="NexuSqlValueException">A value the driver cannot read; names the table, column and row key.</exception>
    public static Task<long> ReadAsync(NexuSqlConnection session, DbTransaction? transaction, TableModel table,
        string? where, IReadOnlyList<object?> values, bool asStored, Action<object?[]> onRow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.TranslatingAsync(async () =>
        {
            try
            {
                return await ReadCoreAsync(session, session.DbConnection, transaction, table, where, values, asStored, onRow, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (table.Columns.Any(c => session.Provider.UnsendableTextCheck(e, c) is not null))
            {
                throw await UnsendableAsync(session, table, e, cancellationToken).ConfigureAwait(false) ?? (Exception)e;
            }
        });
    }

    /// <summary>
    /// The server could not send a text value (<see cref="NexuSqlProvider.UnsendableTextCheck"/>): finds, on a connection
    /// of its own (the read's transaction is aborted), the first column and row holding it and names them; null when
    /// none is found (the caller rethrows the engine's error).
    /// </summary>
    private static async Task<NexuSqlValueException?> UnsendableAsync(NexuSqlConnection session, TableModel table, DbException error, CancellationToken ct)
    {
        var provider = session.Provider;
        await using var other = await session.Database.OpenSessionAsync(ct).ConfigureAwait(false);
        foreach (var column in table.Columns)
        {
            if (provider.UnsendableTextCheck(error, column) is not var (where, problem)) continue;
            // the row's key, read alone (the column itself cannot be sent)
            var keyNames = table.PrimaryKey?.Columns ?? [.. table.Columns.Where(c => c != column).Take(3).Select(c => c.Name)];
            var keyModel = table with { Columns = [.. table.Columns.Where(c => keyNames.Contains(c.Name, StringComparer.OrdinalIgnoreCase) && c != column)] };
            object?[]? found = null;
            string? key = null;
            try
            {
                await ReadCoreAsync(other, other.DbConnection, null, keyModel, where, [], false, row => found ??= [.. row], ct).ConfigureAwait(false);
                if (found is not null) key = DescribeKey(keyModel, found);
            }
            catch (Exception e) when (e is DbException or NexuSqlException)
            {
                // a key column holds such text too: the column is still named
                key = "(its key cannot be read either)";
            }
            if (found is null && key is null) continue;
            return new NexuSqlValueException(table.Name, column.Name, key!, problem, provider.Dialect.Engine, error,
                "Nothing reads it without changing it: replace the character at the source (e.g. with the Unicode character it stands for), or leave its table out (--tables).");
        }
        return null;
    }

    /// <summary>
    /// Like the public overloads, inside a transaction of the query API (seed compares a file's record with the row
    /// its key finds there): the rows matching <paramref name="where"/>, read exactly as backup, copy and verify read them.
    /// </summary>
    internal static Task<long> ReadAsync(NexuSqlTransaction transaction, TableModel table, string where, IReadOnlyList<object?> values,
        Action<object?[]> onRow, CancellationToken cancellationToken) =>
        transaction.TranslatingAsync(() => ReadCoreAsync(transaction, transaction.Connection, transaction.DbTransaction, table, where, values, false, onRow, cancellationToken));

    /// <summary>
    /// The rows of <paramref name="table"/> whose <paramref name="key"/> columns equal <paramref name="values"/> (verify reads
    /// a differing row again, seed the row a record names): each value bound as its column's type needs it — PostgreSQL
    /// gets decimals, dates and timestamps as text with a cast and engine-native values untyped, as every write binds
    /// them (a date key bound as text has no operator: "date = text").
    /// </summary>
    internal static Task<long> ReadByKeyAsync(NexuSqlConnection session, TableModel table, IReadOnlyList<ColumnModel> key, IReadOnlyList<object?> values,
        bool asStored, Action<object?[]> onRow, CancellationToken cancellationToken) =>
        session.TranslatingAsync(() => ReadCoreAsync(session, session.DbConnection, null, table, KeyWhere(session.Provider.Dialect, key), values, asStored, onRow,
            cancellationToken, [.. key.Select(k => k.Type)]));

    /// <summary>Like the overload on a connection, inside a transaction of the query API.</summary>
    internal static Task<long> ReadByKeyAsync(NexuSqlTransaction transaction, TableModel table, IReadOnlyList<ColumnModel> key, IReadOnlyList<object?> values,
        Action<object?[]> onRow, CancellationToken cancellationToken) =>
        transaction.TranslatingAsync(() => ReadCoreAsync(transaction, transaction.Connection, transaction.DbTransaction, table,
            KeyWhere(transaction.Provider.Dialect, key), values, false, onRow, cancellationToken, [.. key.Select(k => k.Type)]));

    private static string KeyWhere(SqlDialect d, IReadOnlyList<ColumnModel> key) =>
        string.Join(" AND ", key.Select((k, i) => $"{d.QuoteIdentifier(k.Name)} = {d.CastValueSql(d.Placeholder(i), k.Type)}"));

    private static async Task<long> ReadCoreAsync(NexuSqlSession session, DbConnection connection, DbTransaction? transaction, TableModel table,
        string? where, IReadOnlyList<object?> values, bool asStored, Action<object?[]> onRow, CancellationToken cancellationToken,
        IReadOnlyList<ColumnType>? valueTypes = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(onRow);
        var provider = session.Provider;
        var dialect = provider.Dialect;
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => provider.SelectDataSql(connection, c)))} FROM {dialect.RowsSql(table)}"
            + (where is null ? "" : " WHERE " + where);
        // bound as every statement binds them: a key that is a SpecialTemporal, a DateOnly or a Guid goes as its driver value
        for (var i = 0; i < values.Count; i++)
        {
            session.AddParameter(command, i, values[i]);
            if (valueTypes is not null) provider.PrepareParameter(command.Parameters[i], valueTypes[i]);
        }
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        var types = table.Columns.Select(c => c.Type).ToArray();
        // an engine without char(n) padding keeps trailing blanks as part of the value
        var normalizeAs = types.Select(t => PortableValues.Receiving(t, t, dialect.PadsFixedStrings)).ToArray();
        var row = new object?[types.Length];
        long count = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            (int Column, Exception Error)? failed = null;
            for (var i = 0; i < types.Length; i++)
            {
                try
                {
                    var value = provider.ReadDataValue(reader, i, types[i]);
                    row[i] = asStored ? (value is DBNull ? null : value) : PortableValues.Normalize(value, normalizeAs[i]);
                }
                catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentOutOfRangeException)
                {
                    // read the rest of the row so the error can name the row by its key
                    failed ??= (i, e);
                    // in the key the error names, not NULL: the value is there (by its bytes where they are known)
                    row[i] = e is UnreadableTextException unreadable ? new UnreadableText(unreadable.Bytes) : "<unreadable>";
                }
            }
            if (failed is var (column, error))
                throw new NexuSqlValueException(table.Name, table.Columns[column].Name, DescribeKey(table, row),
                    $"the value cannot be read as {types[column]} ({error.Message})", dialect.Engine, error,
                    "Nothing reads it without changing it: fix the value at the source, or leave its table out (--tables).");
            onRow(row);
            count++;
        }
        return count;
    }

    /// <summary>Describes a row by its primary key (<c>id=42</c>), or by its first columns when it has none.</summary>
    public static string DescribeKey(TableModel table, IReadOnlyList<object?> row)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(row);
        var names = table.PrimaryKey?.Columns ?? [.. table.Columns.Take(3).Select(c => c.Name)];
        return string.Join(", ", names.Select(n =>
        {
            var i = table.Columns.ToList().FindIndex(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase));
            return i < 0 ? $"{PortableValues.KeyName(n)}=NULL" : PortableValues.KeyPair(table.Columns[i], row[i]);
        }));
    }
}
