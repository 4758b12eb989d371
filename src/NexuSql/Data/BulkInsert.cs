using System.Data.Common;
using System.Text;
using NexuSql.Schema;

namespace NexuSql.Data;

/// <summary>The portable bulk paths: multi-row INSERT and a single prepared INSERT, both parameterised.</summary>
public static class BulkInsert
{
    /// <summary>Most rows one INSERT carries.</summary>
    public const int MaxRowsPerStatement = 1000;

    /// <summary>Payload bytes after which a batch is sent early (MySQL's max_allowed_packet defaults to 16 MB).</summary>
    public const int MaxBytesPerStatement = 4 << 20;

    /// <summary>
    /// <c>INSERT INTO t (...) VALUES (...), (...)</c> with up to <see cref="MaxRowsPerStatement"/> rows per statement;
    /// the full-size statement is built once and its parameters refilled.
    /// </summary>
    public static async Task<long> MultiRowAsync(NexuSqlProvider provider, DbConnection connection, DbTransaction? transaction,
        TableModel table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        var columns = table.Columns.Count;
        var perStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, provider.Dialect.MaxParameters / columns));
        DbCommand? full = null;
        var batch = new List<object?[]>(perStatement);
        var bytes = 0L;
        var total = 0L;
        try
        {
            foreach (var row in rows)
            {
                batch.Add((object?[])row.Clone());
                bytes += EstimateBytes(row);
                if (batch.Count < perStatement && bytes < MaxBytesPerStatement) continue;
                if (batch.Count == perStatement) await RunAsync(full ??= Command(provider, connection, transaction, table, perStatement), batch, provider, cancellationToken).ConfigureAwait(false);
                else await RunOnceAsync(provider, connection, transaction, table, batch, cancellationToken).ConfigureAwait(false);
                total += batch.Count;
                batch.Clear();
                bytes = 0;
            }
            if (batch.Count > 0) await RunOnceAsync(provider, connection, transaction, table, batch, cancellationToken).ConfigureAwait(false);
            return total + batch.Count;
        }
        finally
        {
            if (full is not null) await full.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One prepared single-row INSERT, executed per row (SQLite's fastest path inside one transaction).</summary>
    public static async Task<long> PreparedAsync(NexuSqlProvider provider, DbConnection connection, DbTransaction? transaction,
        TableModel table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(rows);
        await using var command = Command(provider, connection, transaction, table, 1);
        command.Prepare();
        var total = 0L;
        foreach (var row in rows)
        {
            Fill(command, 0, row, provider);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (provider.TranslateException(e) is NexuSqlConstraintException c)
            {
                // one row per statement: the row is known, which the engine's text ("UNIQUE constraint failed: u.s") does not say
                var key = TableReader.DescribeKey(table, row);
                throw new NexuSqlConstraintException(c.Kind, $"{c.Message} Row {key} of table {table.Name}.", c.Engine, c.EngineCode, e,
                    c.ConstraintName, c.TableName ?? table.Name, c.ColumnName) { Key = key };
            }
            total++;
        }
        return total;
    }

    private static async Task RunOnceAsync(NexuSqlProvider provider, DbConnection connection, DbTransaction? transaction, TableModel table,
        List<object?[]> batch, CancellationToken cancellationToken)
    {
        await using var command = Command(provider, connection, transaction, table, batch.Count);
        await RunAsync(command, batch, provider, cancellationToken).ConfigureAwait(false);
    }

    private static async Task RunAsync(DbCommand command, List<object?[]> batch, NexuSqlProvider provider, CancellationToken cancellationToken)
    {
        for (var r = 0; r < batch.Count; r++) Fill(command, r * batch[r].Length, batch[r], provider);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Fill(DbCommand command, int offset, object?[] row, NexuSqlProvider provider)
    {
        for (var c = 0; c < row.Length; c++)
            command.Parameters[offset + c].Value = row[c] is { } v ? provider.ToDbValue(v) : DBNull.Value;
    }

    private static DbCommand Command(NexuSqlProvider provider, DbConnection connection, DbTransaction? transaction, TableModel table, int rowCount)
    {
        var d = provider.Dialect;
        var sql = new StringBuilder("INSERT INTO ").Append(d.QuoteName(table.Schema, table.Name)).Append(" (")
            .AppendJoin(", ", table.Columns.Select(c => d.QuoteIdentifier(c.Name))).Append(')').Append(d.InsertOverridingSql).Append(" VALUES ");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        var index = 0;
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < table.Columns.Count; c++, index++)
            {
                if (c > 0) sql.Append(", ");
                sql.Append(d.ValuePlaceholder(index, table.Columns[c].Type));
                var p = command.CreateParameter();
                p.ParameterName = d.ParameterName(index);
                provider.PrepareParameter(p, table.Columns[c].Type);
                command.Parameters.Add(p);
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        return command;
    }

    private static long EstimateBytes(object?[] row)
    {
        long n = 0;
        foreach (var v in row) n += v switch { string s => s.Length * 2L, byte[] b => b.Length * 2L, _ => 16 };
        return n;
    }
}
