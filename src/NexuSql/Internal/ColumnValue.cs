namespace NexuSql.Internal;

/// <summary>
/// A parameter value bound for a column of <see cref="Type"/>: the command binds it as a bulk load binds that column's
/// values (<see cref="NexuSqlProvider.PrepareParameter"/>; PostgreSQL sends an engine-native value, such as interval,
/// bit(n), an array, an enum or a composite, untyped, so the server reads the text as the column's own type — no cast
/// that would have to spell the type's name).
/// </summary>
internal sealed record ColumnValue(object Value, Schema.ColumnType Type);
