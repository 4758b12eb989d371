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
        return ReplaceDropsRoutine(current, desired) is null ? CreateRoutineSql(desired) : [DropRoutineSql(current), .. CreateRoutineSql(desired)];
    }

    /// <summary>
    /// <c>CREATE OR REPLACE</c> keeps the routine (and what calls it) unless its kind or its return type changes:
    /// PostgreSQL refuses that (42P13), so it is dropped and created.
    /// </summary>
    public override string? ReplaceDropsRoutine(Schema.RoutineModel current, Schema.RoutineModel desired)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(desired);
        if (current.IsProcedure != desired.IsProcedure) return "it changes between function and procedure";
        if (!CreateOrReplace().IsMatch(desired.Sql)) return "its text is not CREATE OR REPLACE";
        var (before, after) = (ReturnType(current.Sql), ReturnType(desired.Sql));
        return string.Equals(before, after, StringComparison.OrdinalIgnoreCase) ? null : $"its return type changes ({before} → {after}), which CREATE OR REPLACE cannot do";
    }

    /// <summary>The RETURNS clause of a CREATE FUNCTION, spaces squashed (<c>bigint</c>, <c>TABLE(id integer)</c>), or "none".</summary>
    private static string ReturnType(string sql) =>
        Returns().Match(sql) is { Success: true } m ? string.Join(' ', m.Groups["type"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : "none";

    [System.Text.RegularExpressions.GeneratedRegex(@"\bRETURNS\s+(?<type>(?:SETOF\s+)?(?:TABLE\s*\([^)]*\)|[^\s(]+(?:\s*\([^)]*\))?(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone))*(?:\[\])?))",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Returns();

    /// <summary><c>DROP FUNCTION name(argument types)</c>: PostgreSQL tells overloads apart by their arguments.</summary>
    public override string DropRoutineSql(Schema.RoutineModel routine)
    {
        ArgumentNullException.ThrowIfNull(routine);
        return $"DROP {(routine.IsProcedure ? "PROCEDURE" : "FUNCTION")} {QuoteIdentifier(routine.Name)}({routine.Arguments})";
    }

    /// <summary>CREATE TRIGGER, then <c>ALTER TABLE ... DISABLE TRIGGER</c> (or <c>ENABLE REPLICA</c> / <c>ENABLE ALWAYS</c>) for its state.</summary>
    public override IReadOnlyList<string> CreateTriggerSql(Schema.TriggerModel trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var state = trigger.State switch
        {
            null => null,
            "disabled" => "DISABLE",
            "replica" => "ENABLE REPLICA",
            "always" => "ENABLE ALWAYS",
            _ => throw new NotSupportedException($"PostgreSQL has no trigger state \"{trigger.State}\" (trigger {trigger.Name} on {trigger.Table}); use disabled, replica or always."),
        };
        return state is null ? [trigger.Sql] : [trigger.Sql, $"ALTER TABLE {QuoteIdentifier(trigger.Table)} {state} TRIGGER {QuoteIdentifier(trigger.Name)}"];
    }

    /// <inheritdoc/>
    public override string DropTriggerSql(Schema.TriggerModel trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return $"DROP TRIGGER {QuoteIdentifier(trigger.Name)} ON {QuoteIdentifier(trigger.Table)}";
    }

    /// <summary>
    /// A SQL-standard body (<c>BEGIN ATOMIC ... END</c>, <c>RETURN expression</c>) is parsed when the function is
    /// created, tables included, whatever <c>check_function_bodies</c> says; a string body (<c>AS $$ ... $$</c>) is not.
    /// </summary>
    public override bool RoutineNeedsTables(Schema.RoutineModel routine)
    {
        ArgumentNullException.ThrowIfNull(routine);
        return !StringBody().IsMatch(routine.Sql) && StandardBody().IsMatch(routine.Sql);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\sAS\s+(\$[A-Za-z_0-9]*\$|')", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex StringBody();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(BEGIN\s+ATOMIC|RETURN)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex StandardBody();

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
