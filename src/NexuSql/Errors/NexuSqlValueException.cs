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
    /// <param name="advice">What to do; by default "ENGINE cannot hold this value exactly: give the column a type that holds it ...".</param>
    public NexuSqlValueException(string table, string column, string key, string problem, NexuSqlEngine engine,
        Exception? innerException = null, string? advice = null)
        : base($"Table {table}, column {column}, row {key}: {problem}. {advice ?? $"{engine.DisplayName()} cannot hold this value exactly: give the column a type that holds it, or fix the value at the source."}",
            engine, innerException: innerException)
    {
        Table = table;
        Column = column;
        Key = key;
        Problem = problem;
    }

    private NexuSqlValueException(string table, string? column, string key, string? schemaObject, string message, NexuSqlEngine? engine, Exception? innerException = null)
        : base(message, engine, innerException: innerException)
    {
        Table = table;
        Column = column ?? "";
        Key = key;
        Object = schemaObject;
    }

    /// <summary>The same error with <paramref name="sentence"/> added to its message (what the failed work left in the target).</summary>
    internal NexuSqlValueException WithNote(string sentence) => new(Table, Column, Key, Object, $"{Message} {sentence}", Engine, InnerException) { Problem = Problem };

    /// <summary>What does not fit, as given (null for a value in the schema's text).</summary>
    internal string? Problem { get; private init; }

    /// <summary>
    /// The exception for a value in the schema's own text rather than in a row: a column's name or default, a view's
    /// or trigger's definition, a CHECK constraint (for example text that is not valid UTF-8, which the engine keeps
    /// and the driver would decode with U+FFFD in place of the bad bytes).
    /// </summary>
    /// <param name="table">The table (or view) the object belongs to.</param>
    /// <param name="column">The column, when the object is one of its parts; else null.</param>
    /// <param name="schemaObject">Which object's text holds the value (<c>the default of column s</c>, <c>view v</c>).</param>
    /// <param name="problem">What is wrong with the value.</param>
    /// <param name="engine">The engine whose schema holds it.</param>
    /// <param name="advice">What to do.</param>
    public static NexuSqlValueException InSchemaText(string table, string? column, string schemaObject, string problem, NexuSqlEngine engine, string advice) =>
        new(table, column, "", schemaObject, $"Table {table}{(column is null ? "" : $", column {column}")}, {schemaObject}: {problem}. {advice}", engine);

    /// <summary>The table.</summary>
    public string Table { get; }

    /// <summary>The column.</summary>
    public string Column { get; }

    /// <summary>The row's key; empty for a value in the schema's text (<see cref="Object"/>).</summary>
    public string Key { get; }

    /// <summary>The schema object whose text holds the value (<see cref="InSchemaText"/>); null for a row's value.</summary>
    public string? Object { get; }
}
