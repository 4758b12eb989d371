namespace NexuSql.Operations;

/// <summary>
/// A field of a data file's record that its column cannot take (not a value of its type, or one the target engine
/// cannot hold): import rejects the record with <see cref="Exception.Message"/>, seed stops with a value error naming it.
/// </summary>
internal sealed class RecordValueException(string column, string key, string problem)
    : FormatException($"column {column}, row {key}: {problem}")
{
    public string Column { get; } = column;

    /// <summary>The record's key as <c>id=1</c>, from the file's text when the record could not be read.</summary>
    public string Key { get; } = key;

    public string Problem { get; } = problem;
}
