namespace NexuSql.Dialects;

public partial class PostgreSqlDialect
{
    /// <inheritdoc/>
    public override RoutineSupport Routines { get; } = new() { Functions = true, Procedures = true, Triggers = true, Policies = true };

    /// <summary>
    /// The routine's CREATE text after <c>SET check_function_bodies = false</c> (as pg_dump does): a SQL function may
    /// name tables that are created after it. Two statements, to run on one connection (as every plan is).
    /// </summary>
    public override IReadOnlyList<string> CreateRoutineSql(Schema.RoutineModel routine)
    {
        ArgumentNullException.ThrowIfNull(routine);
        return ["SET check_function_bodies = false", routine.Sql];
    }

    /// <summary>
    /// <c>CREATE OR REPLACE</c> text replaces the routine in place (triggers that call it stay); other text drops it
    /// first.
    /// </summary>
    public override IReadOnlyList<string> ReplaceRoutineSql(Schema.RoutineModel current, Schema.RoutineModel desired)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(desired);
        return current.IsProcedure == desired.IsProcedure && CreateOrReplace().IsMatch(desired.Sql) ? CreateRoutineSql(desired) : base.ReplaceRoutineSql(current, desired);
    }

    /// <summary><c>DROP FUNCTION name(argument types)</c>: PostgreSQL tells overloads apart by their arguments.</summary>
    public override string DropRoutineSql(Schema.RoutineModel routine)
    {
        ArgumentNullException.ThrowIfNull(routine);
        return $"DROP {(routine.IsProcedure ? "PROCEDURE" : "FUNCTION")} {QuoteIdentifier(routine.Name)}({routine.Arguments})";
    }

    /// <inheritdoc/>
    public override string DropTriggerSql(Schema.TriggerModel trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return $"DROP TRIGGER {QuoteIdentifier(trigger.Name)} ON {QuoteIdentifier(trigger.Table)}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*CREATE\s+OR\s+REPLACE\s", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CreateOrReplace();

    /// <summary>
    /// <c>row_security = off</c> (as pg_dump sets it): a table whose row-level security would hide rows from this user
    /// makes the read fail instead of quietly giving fewer rows to a backup, copy or comparison.
    /// </summary>
    public override IReadOnlyList<string> DataSessionSql => ["SET row_security = off"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> DataSessionEndSql => ["RESET row_security"];
}
