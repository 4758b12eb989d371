using System.Data;
using System.Data.Common;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Data;

/// <summary>Streams a table's rows as portable values (<see cref="PortableValues"/>), one reused array per row.</summary>
public static class TableReader
{
    /// <summary>The SELECT that reads every column of <paramref name="table"/> exactly.</summary>
    public static string SelectSql(TableModel table, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(dialect);
        return $"SELECT {string.Join(", ", table.Columns.Select(dialect.SelectExactSql))} FROM {dialect.QuoteIdentifier(table.Name)}";
    }

    /// <summary>
    /// Reads every row of <paramref name="table"/> on <paramref name="connection"/> (inside <paramref name="transaction"/>
    /// when given: a snapshot), calling <paramref name="onRow"/> with the row's portable values. The array is reused.
    /// </summary>
    /// <returns>The number of rows read.</returns>
    public static Task<long> ReadAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, TableModel table,
        Action<object?[]> onRow, CancellationToken cancellationToken) =>
        ReadAsync(connection, transaction, dialect, table, null, [], onRow, cancellationToken);

    /// <summary>
    /// Like the overload without a filter, for the rows matching <paramref name="where"/> (SQL using the dialect's
    /// placeholders for <paramref name="values"/>, in order).
    /// </summary>
    public static async Task<long> ReadAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, TableModel table,
        string? where, IReadOnlyList<object?> values, Action<object?[]> onRow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(onRow);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectSql(table, dialect) + (where is null ? "" : " WHERE " + where);
        for (var i = 0; i < values.Count; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = dialect.ParameterName(i);
            p.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        var types = table.Columns.Select(c => c.Type).ToArray();
        var row = new object?[types.Length];
        long count = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < types.Length; i++)
            {
                try
                {
                    row[i] = PortableValues.Normalize(reader.GetValue(i), types[i]);
                }
                catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
                {
                    throw new NexuSqlException($"Table {table.Name}, column {table.Columns[i].Name}, {RowName(reader, table, row, i, count)}: " +
                        $"the value cannot be read as {types[i]} ({e.Message}).", dialect.Engine, innerException: e);
                }
            }
            onRow(row);
            count++;
        }
        return count;
    }

    /// <summary>
    /// The failing row by its key (<c>id=77</c>): the columns after <paramref name="failed"/> are read raw for it (the
    /// reader is sequential); without a primary key, its position.
    /// </summary>
    private static string RowName(DbDataReader reader, TableModel table, object?[] row, int failed, long count)
    {
        if (table.PrimaryKey is null) return $"row {count + 1}";
        row[failed] = null;
        for (var j = failed + 1; j < row.Length; j++) row[j] = reader.IsDBNull(j) ? null : reader.GetValue(j);
        return $"row {DescribeKey(table, row)}";
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
            var v = i < 0 ? null : row[i];
            var text = v switch { null => "NULL", byte[] b => $"<{b.Length} bytes>", _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "" };
            return $"{n}={(text.Length > 40 ? text[..40] + "…" : text)}";
        }));
    }
}
