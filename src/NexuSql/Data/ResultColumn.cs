namespace NexuSql.Data;

/// <summary>How a result value is best written where types matter (JSON): as a number, a boolean, bytes or text.</summary>
public enum ResultValueKind
{
    /// <summary>Text, dates and everything else: written as a string.</summary>
    Text,

    /// <summary>An integer, decimal or floating-point column. The value may be the engine's own text (exact digits, <c>NaN</c>).</summary>
    Number,

    /// <summary>A boolean column.</summary>
    Boolean,

    /// <summary>A binary column: the value is a <see cref="byte"/> array.</summary>
    Binary,
}

/// <summary>One column of a query result read by <see cref="NexuSqlSession.QueryResultAsync"/>.</summary>
/// <param name="Name">The column's name as the engine reports it.</param>
/// <param name="DataTypeName">The engine's name for its type (<c>numeric</c>, <c>timestamp with time zone</c>, <c>VARCHAR</c>, ...).</param>
/// <param name="Kind">How its values are best written where types matter.</param>
public sealed record ResultColumn(string Name, string DataTypeName, ResultValueKind Kind);
