using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using NexuSql.Schema;

namespace NexuSql.MySql;

/// <summary>
/// MySQL's fastest way in: MySqlConnector's <c>MySqlBulkCopy</c> (LOAD DATA LOCAL INFILE fed from a stream), reached by
/// reflection so the provider stays driver-agnostic. MySqlConnector answers the server's file request only for its
/// own stream, so a hostile server cannot read client files. Used when the connection is MySqlConnector's, the
/// connection allows LOAD DATA LOCAL and the server's <c>local_infile</c> is on; otherwise the caller falls back to
/// multi-row INSERTs, and says so once per process.
/// </summary>
internal sealed class MySqlBulkLoader
{
    private static readonly ConcurrentDictionary<Type, MySqlBulkLoader?> ByConnectionType = new();
    private static readonly ConcurrentDictionary<string, bool> ServerAllows = new();
    private static int _toldFallback;

    private readonly ConstructorInfo _create;
    private readonly PropertyInfo _table;
    private readonly PropertyInfo _timeout;
    private readonly PropertyInfo _mappings;
    private readonly ConstructorInfo _mapping;
    private readonly MethodInfo _write;

    private MySqlBulkLoader(ConstructorInfo create, PropertyInfo table, PropertyInfo timeout, PropertyInfo mappings, ConstructorInfo mapping, MethodInfo write)
    {
        _create = create;
        _table = table;
        _timeout = timeout;
        _mappings = mappings;
        _mapping = mapping;
        _write = write;
    }

    /// <summary>The loader for <paramref name="connection"/>'s driver, or null when it is not MySqlConnector.</summary>
    public static MySqlBulkLoader? For(DbConnection connection) => ByConnectionType.GetOrAdd(connection.GetType(), static type =>
    {
        if (type.FullName != "MySqlConnector.MySqlConnection") return null;
        var asm = type.Assembly;
        var bulk = asm.GetType("MySqlConnector.MySqlBulkCopy");
        var transaction = asm.GetType("MySqlConnector.MySqlTransaction");
        var mapping = asm.GetType("MySqlConnector.MySqlBulkCopyColumnMapping");
        if (bulk is null || transaction is null || mapping is null) return null;
        var create = bulk.GetConstructor([type, transaction]);
        var mappingCtor = mapping.GetConstructor([typeof(int), typeof(string), typeof(string)]);
        var write = bulk.GetMethod("WriteToServerAsync", [typeof(DbDataReader), typeof(CancellationToken)]);
        var table = bulk.GetProperty("DestinationTableName");
        var timeout = bulk.GetProperty("BulkCopyTimeout");
        var mappings = bulk.GetProperty("ColumnMappings");
        return create is null || mappingCtor is null || write is null || table is null || timeout is null || mappings is null
            ? null
            : new MySqlBulkLoader(create, table, timeout, mappings, mappingCtor, write);
    });

    /// <summary>
    /// LOAD DATA carries every portable kind, and the native columns whose values are bytes or labels (BINARY,
    /// VARBINARY, ENUM, SET). Others (BIT, spatial types, ...) would be loaded from their text, so they take INSERTs.
    /// </summary>
    public static bool CanLoad(TableModel table) => table.Columns.All(c => c.Type.Kind != PortableType.Native
        || LoadableNative.Any(n => c.Type.Native?.TrimStart().StartsWith(n, StringComparison.OrdinalIgnoreCase) == true));

    private static readonly string[] LoadableNative = ["varbinary(", "binary(", "enum(", "set("];

    /// <summary>
    /// Whether LOAD DATA LOCAL can run on <paramref name="connection"/>: the connection string allows it and the server's
    /// <c>local_infile</c> is on (asked once per server and user).
    /// </summary>
    public static async Task<bool> AllowedAsync(DbProviderFactory factory, DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        var builder = factory.CreateConnectionStringBuilder();
        if (builder is null) return false;
        builder.ConnectionString = connection.ConnectionString;
        if (!builder.TryGetValue("Allow Load Local Infile", out var allow) || !Convert.ToBoolean(allow, CultureInfo.InvariantCulture))
            return Fallback("the connection string does not allow LOAD DATA LOCAL (AllowLoadLocalInfile=false)");
        var server = $"{connection.DataSource}|{(builder.TryGetValue("User ID", out var user) ? user : "")}";
        if (!ServerAllows.TryGetValue(server, out var allowed))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT @@GLOBAL.local_infile";
            allowed = Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture) != 0;
            ServerAllows[server] = allowed;
        }
        return allowed || Fallback("the server has local_infile=OFF");
    }

    private static bool Fallback(string why)
    {
        if (Interlocked.Exchange(ref _toldFallback, 1) == 0)
            Trace.TraceWarning($"NexuSQL: MySQL bulk loads use multi-row INSERT instead of LOAD DATA LOCAL: {why}.");
        return false;
    }

    /// <summary>
    /// Rows per LOAD DATA statement. The server's warnings name a row by its number in the statement ("at row 3"): the
    /// key values of the rows of the statement being loaded are kept (references, not copies), so that a warning can
    /// name the row by its key.
    /// </summary>
    internal const int RowsPerStatement = 100_000;

    /// <summary>Loads <paramref name="rows"/> into <paramref name="table"/>; every row must arrive, without a warning.</summary>
    /// <exception cref="NexuSqlValueException">The server changed a value (a warning naming a column and row), named by the row's key.</exception>
    /// <exception cref="NexuSqlException">The server skipped rows or changed values (it reports warnings then).</exception>
    public async Task<long> LoadAsync(MySqlProvider provider, DbConnection connection, DbTransaction? transaction, TableModel table,
        IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var keyColumns = KeyColumns(table);
        var keys = new List<object?>();
        long total = 0;
        using var source = rows.GetEnumerator();
        var more = source.MoveNext();
        IEnumerable<object?[]> Statement()
        {
            for (var n = 0; more && n < RowsPerStatement; n++)
            {
                var row = source.Current;
                foreach (var k in keyColumns) keys.Add(row[k]);
                yield return row;
                more = source.MoveNext();
            }
        }
        while (more)
        {
            keys.Clear();
            total += await LoadStatementAsync(provider, connection, transaction, table, Statement(), keyColumns, keys, ct).ConfigureAwait(false);
        }
        return total;
    }

    private async Task<long> LoadStatementAsync(MySqlProvider provider, DbConnection connection, DbTransaction? transaction, TableModel table,
        IEnumerable<object?[]> rows, int[] keyColumns, List<object?> keys, CancellationToken ct)
    {
        var d = provider.Dialect;
        var bulk = _create.Invoke([connection, transaction]);
        _table.SetValue(bulk, d.QuoteIdentifier(table.Name));
        _timeout.SetValue(bulk, 0);
        var mappings = (System.Collections.IList)_mappings.GetValue(bulk)!;
        for (var i = 0; i < table.Columns.Count; i++) mappings.Add(_mapping.Invoke([i, table.Columns[i].Name, null])); // the driver quotes column names, not the table name
        await using var reader = new RowArrayReader(rows, table, provider.ToDbValue);
        var pending = _write.Invoke(bulk, [reader, ct])!;
        var task = (Task)pending.GetType().GetMethod("AsTask")!.Invoke(pending, null)!;
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (DbException e)
        {
            // e.g. "3 rows were copied to `t` but only 2 were inserted": LOAD DATA LOCAL skips duplicate keys with a warning
            var translated = provider.TranslateException(e);
            if (translated.GetType() != typeof(NexuSqlException)) throw translated;
            var skipped = await ServerWarningsAsync(connection, transaction, ct).ConfigureAwait(false);
            if (DuplicateKey(table, skipped, e) is { } duplicate) throw duplicate;
            if (ChangedValue(table, skipped, keyColumns, keys) is { } changed) throw changed;
            throw new NexuSqlException($"Table {table.Name}: the bulk load (LOAD DATA LOCAL) failed: {e.Message}", NexuSqlEngine.MySql,
                translated.EngineCode, e);
        }
        var result = task.GetType().GetProperty("Result")!.GetValue(task)!;
        var inserted = Convert.ToInt64(result.GetType().GetProperty("RowsInserted")!.GetValue(result), CultureInfo.InvariantCulture);
        var warnings = ((System.Collections.IEnumerable)result.GetType().GetProperty("Warnings")!.GetValue(result)!).Cast<object>()
            .Select(w => (Code: Convert.ToInt32(w.GetType().GetProperty("ErrorCode")?.GetValue(w) ?? 0, CultureInfo.InvariantCulture),
                Message: w.GetType().GetProperty("Message")?.GetValue(w) as string ?? "")).Take(3).ToList();
        if (DuplicateKey(table, warnings, null) is { } duplicateKey) throw duplicateKey;
        if (ChangedValue(table, warnings, keyColumns, keys) is { } changedValue) throw changedValue;
        if (inserted != reader.RowsRead || warnings.Count > 0)
            throw new NexuSqlException($"Table {table.Name}: LOAD DATA stored {inserted} of {reader.RowsRead} rows" +
                (warnings.Count > 0 ? $" with warnings ({string.Join("; ", warnings.Select(w => w.Message))})" : "") +
                ": the server skipped or changed values, so the load is refused.", NexuSqlEngine.MySql);
        return inserted;
    }

    /// <summary>The columns <see cref="Data.TableReader.DescribeKey"/> names a row by: the primary key, else the first three.</summary>
    private static int[] KeyColumns(TableModel table)
    {
        var names = table.PrimaryKey?.Columns ?? [.. table.Columns.Take(3).Select(c => c.Name)];
        return [.. names.Select(n => table.Columns.ToList().FindIndex(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase))).Where(i => i >= 0)];
    }

    /// <summary>
    /// A warning that names a column and a row of the statement ("Incorrect string value: '\xE2\x9C\x93' for column
    /// `db`.`t`.`s` at row 3", "Data truncated for column 'n' at row 2"): the server stored another value. A value error
    /// naming the table, the column and the row's key; null when no warning names both.
    /// </summary>
    private static NexuSqlValueException? ChangedValue(TableModel table, List<(int Code, string Message)> warnings, int[] keyColumns, List<object?> keys)
    {
        foreach (var (code, message) in warnings)
        {
            var m = System.Text.RegularExpressions.Regex.Match(message, "for column (?:`[^`]*`\\.)*(?:`(?<c>[^`]*)`|'(?<c>[^']*)') at row (?<r>[0-9]+)");
            if (!m.Success || !long.TryParse(m.Groups["r"].Value, CultureInfo.InvariantCulture, out var number)) continue;
            var at = (number - 1) * keyColumns.Length;
            if (number < 1 || at + keyColumns.Length > keys.Count) continue;
            var row = new object?[table.Columns.Count];
            for (var k = 0; k < keyColumns.Length; k++) row[keyColumns[k]] = keys[(int)at + k];
            var column = table.Columns.FirstOrDefault(c => string.Equals(c.Name, m.Groups["c"].Value, StringComparison.OrdinalIgnoreCase))?.Name ?? m.Groups["c"].Value;
            return new NexuSqlValueException(table.Name, column, Data.TableReader.DescribeKey(table, row),
                $"MariaDB/MySQL would store another value ({code}: {message[..m.Index].TrimEnd()})", NexuSqlEngine.MySql,
                advice: "The target column cannot hold it as it is (its character set, length or type): change that column, or fix the value at the source.");
        }
        return null;
    }

    /// <summary>The server's first warnings of the statement that just ran (SHOW WARNINGS), as (code, message).</summary>
    private static async Task<List<(int Code, string Message)>> ServerWarningsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        var warnings = new List<(int, string)>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SHOW WARNINGS LIMIT 3";
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            warnings.Add((Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), reader.GetString(2)));
        return warnings;
    }

    /// <summary>
    /// LOAD DATA LOCAL skips a row whose key is already there (warning 1062, "Duplicate entry 'A' for key 'PRIMARY'"):
    /// two source rows that differ are one key under the target column's collation (MariaDB's default ignores case,
    /// accents and trailing spaces). A unique-constraint error naming the table, the key and the value; null otherwise.
    /// </summary>
    private static NexuSqlConstraintException? DuplicateKey(TableModel table, List<(int Code, string Message)> warnings, Exception? inner)
    {
        // a CHECK constraint the row breaks (4025, "CONSTRAINT `q_n` failed for `db`.`q`"): LOAD DATA skips the row too
        if (warnings.FirstOrDefault(w => w.Code == 4025).Message is { } check)
            return new NexuSqlConstraintException(ConstraintKind.Check,
                $"Table {table.Name}: {check} while loading — a row breaks the target's check constraint. Fix the rows at the source, or the constraint.",
                NexuSqlEngine.MySql, "4025", inner,
                constraintName: System.Text.RegularExpressions.Regex.Match(check, "CONSTRAINT `([^`]*)`") is { Success: true } c ? c.Groups[1].Value : null, tableName: table.Name);
        var (_, message) = warnings.FirstOrDefault(w => w.Code == 1062);
        if (message is null) return null;
        var key = System.Text.RegularExpressions.Regex.Match(message, "for key '(?:[^'.]*\\.)?([^']*)'$") is { Success: true } m ? m.Groups[1].Value : null;
        return new NexuSqlConstraintException(ConstraintKind.Unique,
            $"Table {table.Name}: {message} while loading — the key is in the table already, or two source rows are one key under MySQL/MariaDB's " +
            "comparison of that key (its collation may ignore case, accents or trailing spaces). Make the values distinct at the source, or give the " +
            "target column a collation that tells them apart (e.g. utf8mb4_nopad_bin).", NexuSqlEngine.MySql, "1062", inner, constraintName: key, tableName: table.Name);
    }
}
