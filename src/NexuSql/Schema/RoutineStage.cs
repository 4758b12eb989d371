namespace NexuSql.Schema;

/// <summary>
/// When a routine is created (<see cref="Dialects.SqlDialect.StageOf"/>): before the user types (a domain's check may call
/// it), after them and before the tables (its header names one), or after the tables (the engine checks its body
/// against them: PostgreSQL <c>BEGIN ATOMIC</c>). Restore, copy and <c>schema apply</c> share it.
/// </summary>
internal enum RoutineStage
{
    BeforeTypes,
    BeforeTables,
    AfterTables,
}
