namespace NexuSql.Schema;

/// <summary>
/// A MariaDB application-time period (<c>PERIOD FOR stay (s, e)</c>): two date or timestamp columns that bound each row's
/// validity, the start before the end. A key may name it <c>WITHOUT OVERLAPS</c> (<see cref="KeyModel.WithoutOverlaps"/>):
/// then two rows of the same key values may not have overlapping periods.
/// </summary>
/// <param name="Name">The period's name (MariaDB also names the start-before-end check after it).</param>
/// <param name="StartColumn">The column holding where the period starts (inclusive).</param>
/// <param name="EndColumn">The column holding where the period ends (exclusive).</param>
public sealed record PeriodModel(string Name, string StartColumn, string EndColumn);
