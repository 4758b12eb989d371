namespace NexuSql;

/// <summary>A value the target column cannot hold exactly (too long, too many digits, out of the engine's range); names table, column and key.</summary>
public sealed class NexuSqlValueException : NexuSqlException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="table">The table.</param>
    /// <param name="column">The column.</param>
    /// <param name="key">The row's key, as <c>id=42</c> (all columns when the table has no primary key, shortened).</param>
    /// <param name="problem">What does not fit.</param>
    /// <param name="engine">The target engine (or, for a value that cannot be read, the source engine).</param>
    /// <param name="innerException">The driver's error, when the value failed to read or write.</param>
    /// <param name="advice">What to do; by default "ENGINE cannot hold this value exactly; widen the column's type ...".</param>
    public NexuSqlValueException(string table, string column, string key, string problem, NexuSqlEngine engine,
        Exception? innerException = null, string? advice = null)
        : base($"Table {table}, column {column}, row {key}: {problem}. {advice ?? $"{engine.DisplayName()} cannot hold this value exactly; widen the column's type in the schema or fix the value at the source."}",
            engine, innerException: innerException)
    {
        Table = table;
        Column = column;
        Key = key;
    }

    /// <summary>The table.</summary>
    public string Table { get; }

    /// <summary>The column.</summary>
    public string Column { get; }

    /// <summary>The row's key.</summary>
    public string Key { get; }
}
