namespace NexuSql.Schema;

/// <summary>
/// When a routine is created (<see cref="Dialects.SqlDialect.StageOf"/>): before the user types (a domain's check may call
/// it), after them and before the tables (its header names one), after the tables (the engine checks its body
/// against them: PostgreSQL <c>BEGIN ATOMIC</c>), or after the views (such a body reads one). A routine whose body the
/// engine checks comes no earlier than the routines it calls. Restore, copy and <c>schema apply</c> share it.
/// </summary>
internal enum RoutineStage
{
    BeforeTypes,
    BeforeTables,
    AfterTables,
    AfterViews,
}
