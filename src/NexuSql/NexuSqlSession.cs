namespace NexuSql;

/// <summary>
/// Runs SQL with portable <c>:name</c> parameters and maps results: the query surface shared by
/// <see cref="NexuSqlDatabase"/> (a pooled connection per call) and <see cref="NexuSqlTransaction"/>
/// (one connection and transaction for all calls).
/// </summary>
/// <remarks>
/// <para>Parameters come from an anonymous object, a record or class (public properties and fields), or a
/// dictionary; names match case-insensitively and <c>:user_id</c> matches <c>UserId</c>. An enumerable value
/// expands for <c>IN (:ids)</c>; an empty one matches nothing. A name with no value throws
/// <see cref="ArgumentException"/> naming it.</para>
/// <para>Results map to classes (settable members), records (constructor), scalars (first column) or
/// <see cref="Row"/>. A mapping problem throws <see cref="InvalidCastException"/> naming the column and member.
/// Database failures throw <see cref="NexuSqlException"/> subtypes with the engine's code attached.</para>
/// </remarks>
public abstract partial class NexuSqlSession
{
    /// <summary>Runs a query and returns every row mapped to <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> Query<T>(string sql, object? args = null) =>
        QueryListAsync<T>(false, sql, args, default).GetAwaiter().GetResult();

    /// <summary>Runs a query and returns every row as an untyped <see cref="Row"/>.</summary>
    public IReadOnlyList<Row> Query(string sql, object? args = null) => Query<Row>(sql, args);

    /// <summary>Runs a query and yields rows one at a time while the connection stays open (constant memory).</summary>
    /// <remarks>Enumerate to the end or dispose the enumerator to give the connection back.</remarks>
    public IEnumerable<T> QueryStream<T>(string sql, object? args = null) => StreamCore<T>(sql, args);

    /// <summary>The first row; <see cref="InvalidOperationException"/> when there is none.</summary>
    public T QueryFirst<T>(string sql, object? args = null) =>
        QueryOneAsync<T>(false, sql, args, Pick.First, default).GetAwaiter().GetResult();

    /// <summary>The first row, or <see langword="default"/> when there is none.</summary>
    public T? QueryFirstOrDefault<T>(string sql, object? args = null) =>
        QueryOneAsync<T>(false, sql, args, Pick.FirstOrDefault, default).GetAwaiter().GetResult();

    /// <summary>The only row; <see cref="InvalidOperationException"/> when there are none or several.</summary>
    public T QuerySingle<T>(string sql, object? args = null) =>
        QueryOneAsync<T>(false, sql, args, Pick.Single, default).GetAwaiter().GetResult();

    /// <summary>The only row, or <see langword="default"/> when there is none; <see cref="InvalidOperationException"/> when there are several.</summary>
    public T? QuerySingleOrDefault<T>(string sql, object? args = null) =>
        QueryOneAsync<T>(false, sql, args, Pick.SingleOrDefault, default).GetAwaiter().GetResult();

    /// <summary>Runs a statement and returns the number of rows it affected.</summary>
    public int Execute(string sql, object? args = null) =>
        ExecuteCoreAsync(false, sql, args, default).GetAwaiter().GetResult();

    /// <summary>Runs a statement and returns the first column of the first row, converted to <typeparamref name="T"/>.</summary>
    public T ExecuteScalar<T>(string sql, object? args = null) =>
        ExecuteScalarCoreAsync<T>(false, sql, args, default).GetAwaiter().GetResult();
}
