using NexuSql.Schema;

namespace NexuSql.Dialects;

public abstract partial class SqlDialect
{
    /// <summary>Which of functions, procedures, triggers and policies the engine has (none unless a dialect says so).</summary>
    public virtual RoutineSupport Routines => RoutineSupport.None;

    /// <summary>
    /// True when creating the routine checks the tables it names (or, given <paramref name="schema"/>, uses one of its
    /// tables' row types), so it is created after the tables (and before the views). False by default: engines check
    /// routine bodies when they run.
    /// </summary>
    public virtual bool RoutineNeedsTables(RoutineModel routine, SchemaModel? schema = null) => false;

    /// <summary>
    /// True when the routine's text names a type <paramref name="schema"/> creates (an enum, domain, composite or range
    /// type, as a word in any case), so it is created after those; otherwise before them, so that a domain's check may call
    /// it (bt50 M1: <c>CREATE DOMAIN posint AS int CHECK (is_pos(VALUE))</c> failed with 42883 in every PostgreSQL to
    /// PostgreSQL apply, copy and restore).
    /// </summary>
    public virtual bool RoutineNeedsTypes(RoutineModel routine, SchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(routine);
        ArgumentNullException.ThrowIfNull(schema);
        return (schema.Enums ?? []).Select(e => e.Name).Concat((schema.Domains ?? []).Select(x => x.Name)).Concat((schema.Composites ?? []).Select(x => x.Name))
            .Concat((schema.Ranges ?? []).Select(x => x.Name))
            .Any(name => System.Text.RegularExpressions.Regex.IsMatch(routine.Sql, $@"(?<![\w$]){System.Text.RegularExpressions.Regex.Escape(name)}(?![\w$])",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase));
    }

    /// <summary>
    /// True when creating the routine checks its body (PostgreSQL: a SQL-standard body, <c>RETURN ...</c> or
    /// <c>BEGIN ATOMIC</c>), so the routines it calls must exist before it (bt51 F2: <c>f2()</c> calling <c>f1()</c> was
    /// created first and failed with 42883). False by default.
    /// </summary>
    internal virtual bool RoutineBodyCheckedAtCreation(RoutineModel routine) => false;

    /// <summary>True when creating the routine checks a view of <paramref name="schema"/> its body reads, so it is created after the views.</summary>
    internal virtual bool RoutineNeedsViews(RoutineModel routine, SchemaModel schema) => false;

    /// <summary>
    /// When the routine is created: before the schema's types, after them and before the tables, after the tables, or
    /// after the views; a routine whose body is checked at creation no earlier than any routine of the schema it calls.
    /// </summary>
    internal RoutineStage StageOf(RoutineModel routine, SchemaModel schema) => StageWithCallees(routine, schema, []);

    private RoutineStage StageWithCallees(RoutineModel routine, SchemaModel schema, HashSet<RoutineModel> seen)
    {
        var stage = RoutineNeedsViews(routine, schema) ? RoutineStage.AfterViews : RoutineNeedsTables(routine, schema) ? RoutineStage.AfterTables
            : RoutineNeedsTypes(routine, schema) ? RoutineStage.BeforeTables : RoutineStage.BeforeTypes;
        if (!seen.Add(routine) || !RoutineBodyCheckedAtCreation(routine)) return stage;
        foreach (var callee in CalledBy(routine, schema).Where(c => !seen.Contains(c)))
            if (StageWithCallees(callee, schema, seen) is var s && s > stage) stage = s;
        return stage;
    }

    /// <summary>The other routines of <paramref name="schema"/> that <paramref name="routine"/>'s text calls by name.</summary>
    private static IEnumerable<RoutineModel> CalledBy(RoutineModel routine, SchemaModel schema) =>
        (schema.Routines ?? []).Where(c => !string.Equals(c.Name, routine.Name, StringComparison.OrdinalIgnoreCase) && c.IsCalledBy(routine.Sql));

    /// <summary>The routines of <paramref name="schema"/>, each after those it calls (as far as they do not call each other), else in the schema's order.</summary>
    internal static IReadOnlyList<RoutineModel> InCreationOrder(SchemaModel schema)
    {
        var left = (schema.Routines ?? []).ToList();
        var result = new List<RoutineModel>(left.Count);
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(r => CalledBy(r, schema).All(c => !left.Contains(c))) ?? left[0];
            result.Add(next);
            left.Remove(next);
        }
        return result;
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> are one routine to the engine, so that a plan replaces one by
    /// the other instead of creating one and dropping the other. By default: the same schema and kind, the name in any
    /// case, and the argument lists equal up to spacing and case (an unknown list matches any).
    /// </summary>
    internal virtual bool SameRoutine(RoutineModel a, RoutineModel b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase) && a.Schema == b.Schema && a.IsProcedure == b.IsProcedure
            && (a.Arguments is null || b.Arguments is null || string.Equals(Squashed(a.Arguments), Squashed(b.Arguments), StringComparison.OrdinalIgnoreCase));

        static string Squashed(string s) => new([.. s.Where(ch => !char.IsWhiteSpace(ch))]);
    }

    /// <summary>The statements that create a routine from its stored CREATE text.</summary>
    public virtual IReadOnlyList<string> CreateRoutineSql(RoutineModel routine)
    {
        ArgumentNullException.ThrowIfNull(routine);
        return [routine.Sql];
    }

    /// <summary>
    /// Why replacing <paramref name="current"/> by <paramref name="desired"/> drops a routine the engine tracks
    /// dependents of (triggers, policies, defaults, views that call it must go and come back), or null when nothing
    /// depending on it is touched. Null by default: engines without that tracking (MySQL) drop and create freely.
    /// </summary>
    public virtual string? ReplaceDropsRoutine(RoutineModel current, RoutineModel desired) => null;

    /// <summary>The statements that turn <paramref name="current"/> into <paramref name="desired"/> (by default: drop, create).</summary>
    public virtual IReadOnlyList<string> ReplaceRoutineSql(RoutineModel current, RoutineModel desired) =>
        [DropRoutineSql(current), .. CreateRoutineSql(desired)];

    /// <summary><c>DROP FUNCTION name</c> or <c>DROP PROCEDURE name</c>.</summary>
    public virtual string DropRoutineSql(RoutineModel routine)
    {
        ArgumentNullException.ThrowIfNull(routine);
        return $"DROP {(routine.IsProcedure ? "PROCEDURE" : "FUNCTION")} {QuoteName(routine.Schema, routine.Name)}";
    }

    /// <summary><c>DROP TRIGGER name</c> (PostgreSQL adds <c>ON table</c>).</summary>
    public virtual string DropTriggerSql(TriggerModel trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return "DROP TRIGGER " + QuoteIdentifier(trigger.Name);
    }

    /// <summary>
    /// The statements that create <paramref name="trigger"/>: its CREATE TRIGGER, then what sets its firing state where
    /// the engine has one (PostgreSQL <c>ALTER TABLE ... DISABLE TRIGGER</c>).
    /// </summary>
    /// <exception cref="NotSupportedException">A firing state the engine does not have.</exception>
    public virtual IReadOnlyList<string> CreateTriggerSql(TriggerModel trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return trigger.State is null ? [trigger.Sql]
            : throw new NotSupportedException($"{Engine.DisplayName()} has no trigger state \"{trigger.State}\" (trigger {trigger.Name} on {trigger.Table}).");
    }

    /// <summary>
    /// After a routine's or trigger's statements (<see cref="CreateRoutineSql"/>, <see cref="CreateTriggerSql"/>) failed
    /// part-way: what gives the session back the settings they changed (MySQL: its <c>sql_mode</c>); null when nothing.
    /// </summary>
    internal virtual string? AfterFailedCreateSql => null;

    /// <summary>True when <paramref name="error"/> is the server's "permission denied" (PostgreSQL 42501, MySQL 1044, 1142, 1227, 1370).</summary>
    internal virtual bool IsPermissionDenied(NexuSqlException error) => false;

    /// <summary><c>DROP POLICY name ON table</c>.</summary>
    public virtual string DropPolicySql(PolicyModel policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return $"DROP POLICY {QuoteIdentifier(policy.Name)} ON {QuoteName(policy.Schema, policy.Table)}";
    }

    /// <summary>
    /// The statements that set a table's row-level security (enabled, and applied to its owner too when forced); the
    /// table of <paramref name="schema"/> (null: the current one).
    /// </summary>
    /// <exception cref="NotSupportedException">The engine has no row-level security.</exception>
    public virtual IReadOnlyList<string> RowLevelSecuritySql(string table, bool enabled, bool forced, string? schema = null)
    {
        if (!Routines.Policies) throw new NotSupportedException($"{Engine.DisplayName()} has no row-level security.");
        var t = QuoteName(schema, table);
        return [$"ALTER TABLE {t} {(enabled ? "ENABLE" : "DISABLE")} ROW LEVEL SECURITY", $"ALTER TABLE {t} {(forced ? "FORCE" : "NO FORCE")} ROW LEVEL SECURITY"];
    }
}
