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
        return $"DROP {(routine.IsProcedure ? "PROCEDURE" : "FUNCTION")} {QuoteName(routine.Schema, routine.Name)}({routine.Arguments})";
    }

    /// <summary>
    /// CREATE TRIGGER (or CREATE RULE), then <c>ALTER TABLE ... DISABLE TRIGGER</c> (or <c>ENABLE REPLICA</c> /
    /// <c>ENABLE ALWAYS</c>; <c>... RULE</c> for a rule) for its state.
    /// </summary>
    public override IReadOnlyList<string> CreateTriggerSql(Schema.TriggerModel trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        string? Keyword(string? state) => state switch
        {
            null => null,
            "enabled" => "ENABLE",
            "disabled" => "DISABLE",
            "replica" => "ENABLE REPLICA",
            "always" => "ENABLE ALWAYS",
            _ => throw new NotSupportedException($"PostgreSQL has no {trigger.Kind} state \"{state}\" ({trigger.Kind} {trigger.Name} on {trigger.QualifiedTable}); use disabled, replica or always."),
        };
        var what = $"{(trigger.Rule ? "RULE" : "TRIGGER")} {QuoteIdentifier(trigger.Name)}";
        // ALTER TABLE works on a view's rules too (PostgreSQL: "ALTER TABLE ... DISABLE RULE")
        var statements = new List<string> { trigger.Sql };
        if (Keyword(trigger.State == "enabled" ? null : trigger.State) is { } own) statements.Add($"ALTER TABLE {QuoteName(trigger.Schema, trigger.Table)} {own} {what}");
        // the partitions' clones the CREATE TRIGGER made, each in its own state (break test 25 F5)
        foreach (var p in trigger.PartitionStates ?? [])
            statements.Add($"ALTER TABLE {QuoteName(trigger.Schema, p.Table)} {Keyword(p.State)} {what}");
        if (trigger.Comment is { } comment && !trigger.Rule)
            statements.Add($"COMMENT ON TRIGGER {QuoteIdentifier(trigger.Name)} ON {QuoteName(trigger.Schema, trigger.Table)} IS {CommentLiteral(comment)}");
        return statements;
    }

    /// <inheritdoc/>
    public override string DropTriggerSql(Schema.TriggerModel trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return $"DROP {(trigger.Rule ? "RULE" : "TRIGGER")} {QuoteIdentifier(trigger.Name)} ON {QuoteName(trigger.Schema, trigger.Table)}";
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
    /// makes the read fail instead of quietly giving fewer rows to a backup, copy or comparison. And the
    /// <see cref="SessionSettings"/> once more: a database wrapped around the application's own data source
    /// (<see cref="NexuSqlDatabase.Create"/>) or opened from a connection string did not get them at connect time.
    /// </summary>
    public override IReadOnlyList<string> DataSessionSql => ["SET row_security = off", SetConfigSql(local: false)];

    /// <inheritdoc/>
    /// <remarks>RESET goes back to the session's default, which for a database opened from a URL is the pinned value itself.</remarks>
    public override IReadOnlyList<string> DataSessionEndSql => ["RESET row_security", .. SessionSettings.Select(s => $"RESET {s.Key}")];

    /// <summary>
    /// The server settings that change how values and expressions are written as text, pinned to fixed values as
    /// pg_dump pins them: <c>DateStyle=ISO</c> (dates in arrays and ranges are not read day-first),
    /// <c>IntervalStyle=postgres</c>, <c>extra_float_digits=3</c> (floats in arrays and geometric types keep every
    /// digit), <c>TimeZone=UTC</c> (timestamptz in arrays and ranges is written the same on both sides),
    /// <c>standard_conforming_strings=on</c> (a backslash in a default or CHECK expression is read and written as
    /// itself) and <c>bytea_output=hex</c>. A value read on one server and compared with one read on another is then
    /// the same text when it is the same value, whatever the database's or role's own settings.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> SessionSettings { get; } =
    [
        new("DateStyle", "ISO"),
        new("IntervalStyle", "postgres"),
        new("extra_float_digits", "3"),
        new("TimeZone", "UTC"),
        new("standard_conforming_strings", "on"),
        new("bytea_output", "hex"),
    ];

    /// <summary>One statement setting every <see cref="SessionSettings"/> entry, for the session or (<paramref name="local"/>) the transaction.</summary>
    private string SetConfigSql(bool local) =>
        "SELECT " + string.Join(", ", SessionSettings.Select(s => $"pg_catalog.set_config('{s.Key}', '{s.Value}', {(local ? "true" : "false")})"));
}
