using NexuSql.Data;

namespace NexuSql;

public abstract partial class NexuSqlSession
{
    /// <summary>Runs a query and returns every row mapped to <typeparamref name="T"/>.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null, CancellationToken cancellationToken = default) =>
        await QueryListAsync<T>(true, sql, args, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs a query and returns every row as an untyped <see cref="Row"/>.</summary>
    public Task<IReadOnlyList<Row>> QueryAsync(string sql, object? args = null, CancellationToken cancellationToken = default) =>
        QueryAsync<Row>(sql, args, cancellationToken);

    /// <summary>Streams rows mapped to <typeparamref name="T"/> while the connection stays open (constant memory).</summary>
    public IAsyncEnumerable<T> QueryStreamAsync<T>(string sql, object? args = null, CancellationToken cancellationToken = default) =>
        StreamCoreAsync<T>(sql, args, cancellationToken);

    /// <summary>Streams untyped rows while the connection stays open (constant memory).</summary>
    public IAsyncEnumerable<Row> QueryStreamAsync(string sql, object? args = null, CancellationToken cancellationToken = default) =>
        StreamCoreAsync<Row>(sql, args, cancellationToken);

    /// <summary>The first row; <see cref="InvalidOperationException"/> when there is none.</summary>
    public Task<T> QueryFirstAsync<T>(string sql, object? args = null, CancellationToken cancellationToken = default) =>
        QueryOneAsync<T>(true, sql, args, Pick.First, cancellationToken).AsTask();

    /// <summary>The first row, or <see langword="default"/> when there is none.</summary>
    public async Task<T?> QueryFirstOrDefaultAsync<T>(string sql, object? args = null, CancellationToken cancellationToken = default) =>
        await QueryOneAsync<T>(true, sql, args, Pick.FirstOrDefault, cancellationToken).ConfigureAwait(false);

    /// <summary>The only row; <see cref="InvalidOperationException"/> when there are none or several.</summary>
    public Task<T> QuerySingleAsync<T>(string sql, object? args = null, CancellationToken cancellationToken = default) =>
        QueryOneAsync<T>(true, sql, args, Pick.Single, cancellationToken).AsTask();

    /// <summary>The only row, or <see langword="default"/> when there is none; <see cref="InvalidOperationException"/> when there are several.</summary>
    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? args = null, CancellationToken cancellationToken = default) =>
        await QueryOneAsync<T>(true, sql, args, Pick.SingleOrDefault, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs a statement and returns the number of rows it affected.</summary>
    public Task<int> ExecuteAsync(string sql, object? args = null, CancellationToken cancellationToken = default) =>
        ExecuteCoreAsync(true, sql, args, cancellationToken).AsTask();

    /// <summary>Runs a statement and returns the first column of the first row, converted to <typeparamref name="T"/>.</summary>
    public Task<T> ExecuteScalarAsync<T>(string sql, object? args = null, CancellationToken cancellationToken = default) =>
        ExecuteScalarCoreAsync<T>(true, sql, args, cancellationToken).AsTask();

    /// <summary>
    /// Runs a query for display or export and streams its rows with every value exactly as the engine holds it: where
    /// the driver's CLR types would lose or refuse a value (PostgreSQL <c>infinity</c> dates, BC dates, <c>24:00:00</c>,
    /// <c>NaN</c> and numerics beyond <see cref="decimal"/>), the provider reads the engine's own text — what psql
    /// prints — instead (<see cref="NexuSqlProvider.PrepareResultText"/>). Values are then that text, or plain CLR
    /// values (long, double, decimal, string, DateTime, <see cref="SpecialTemporal"/>, ...); binary is a byte array and
    /// booleans are <see cref="bool"/>; NULL is null. Nothing is buffered: memory stays flat for any number of rows.
    /// </summary>
    /// <param name="sql">SQL with <c>:name</c> parameters.</param>
    /// <param name="args">Parameter values, as for <see cref="QueryAsync(string, object?, CancellationToken)"/>.</param>
    /// <param name="onColumns">Called once with the result's columns, before the first row (also when there are no rows).</param>
    /// <param name="onRow">Called per row with its values; the array is reused for the next row.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The number of rows read.</returns>
    /// <exception cref="NexuSqlException">The query failed (translated like every command's error).</exception>
    public Task<long> QueryResultAsync(string sql, object? args, Action<IReadOnlyList<ResultColumn>> onColumns, Action<object?[]> onRow,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onColumns);
        ArgumentNullException.ThrowIfNull(onRow);
        return QueryResultCoreAsync(sql, args, onColumns, onRow, cancellationToken);
    }
}
