using NexuSql.Dialects;

namespace NexuSql.Schema;

public static partial class SchemaDiff
{
    // Functions, procedures, triggers and policies are engine SQL: they match by name (routines by name and argument
    // types), and their text is compared — normalised, see SqlText — when both sides were read from the same engine
    // (a hand-written definition never equals what the catalog gives back). Order: triggers and policies that go away
    // or change are dropped first; routines are created or replaced before tables (defaults and checks may call
    // them); triggers, policies and row-level security come last; routines that go away are dropped after the tables.

    private static string KindOf(RoutineModel r) => r.IsProcedure ? "procedure" : "function";

    private static bool SameTrigger(TriggerModel a, TriggerModel b) =>
        a.Rule == b.Rule && string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase) && a.Schema == b.Schema && string.Equals(a.Table, b.Table, StringComparison.OrdinalIgnoreCase);

    /// <summary>Another definition (read from the same engine), or another firing state (PostgreSQL DISABLE TRIGGER).</summary>
    private static bool TriggerChanged(TriggerModel a, TriggerModel b) =>
        Changed(a.Sql, a.Engine, b.Sql, b.Engine) || (a.Engine is not null && a.Engine == b.Engine && (!string.Equals(a.State, b.State, StringComparison.Ordinal)
            || !(a.PartitionStates ?? []).SequenceEqual(b.PartitionStates ?? [])));

    private static bool SamePolicy(PolicyModel a, PolicyModel b) =>
        string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase) && a.Schema == b.Schema && string.Equals(a.Table, b.Table, StringComparison.OrdinalIgnoreCase);

    /// <summary>Definitions differ: only decided when both were read from the same engine.</summary>
    private static bool Changed(string a, NexuSqlEngine? engineA, string b, NexuSqlEngine? engineB) =>
        engineA is not null && engineA == engineB && !SqlText.Same(a, b);

    /// <summary>Why the target cannot take an object, or null when it can.</summary>
    private static string? Unsupported(string what, bool supported, NexuSqlEngine? engine, SqlDialect d) =>
        !supported ? $"{d.Engine.DisplayName()} has no {what} NexuSQL can create; write them in a migration"
        : engine is { } e && e != d.Engine ? $"{e.DisplayName()} SQL: {what} do not translate to {d.Engine.DisplayName()}; write them in a migration"
        : null;

    /// <summary>Triggers and policies that go away or change, dropped before anything else.</summary>
    private static void PlanRoutineDrops(SchemaModel current, SchemaModel desired, SqlDialect d, Action<SchemaChange> add)
    {
        foreach (var t in current.Triggers ?? [])
        {
            var wanted = (desired.Triggers ?? []).FirstOrDefault(x => SameTrigger(t, x));
            if (wanted is null) add(new SchemaChange($"drop {t.Kind} {t.Name} on {t.QualifiedTable}", [d.DropTriggerSql(t)], Destructive: true));
            else if (TriggerChanged(t, wanted)) add(new SchemaChange($"drop {t.Kind} (to replace) {t.Name} on {t.QualifiedTable}", [d.DropTriggerSql(t)]));
        }
        foreach (var p in current.Policies ?? [])
        {
            var wanted = (desired.Policies ?? []).FirstOrDefault(x => SamePolicy(p, x));
            if (wanted is null) add(new SchemaChange($"drop policy {p.Name} on {p.QualifiedTable}", [d.DropPolicySql(p)], Destructive: true));
            else if (Changed(p.Sql, p.Engine, wanted.Sql, wanted.Engine)) add(new SchemaChange($"drop policy (to replace) {p.Name} on {p.QualifiedTable}", [d.DropPolicySql(p)]));
        }
    }

    /// <summary>
    /// Routines to create or replace at <paramref name="stage"/>: before the types, before the tables, or after them and
    /// before the views, for those the engine checks against the tables when they are created (PostgreSQL <c>BEGIN ATOMIC</c>).
    /// </summary>
    private static void PlanRoutineCreates(SchemaModel current, SchemaModel desired, SqlDialect d, Action<SchemaChange> add, Action<string, string> refuse, RoutineStage stage)
    {
        foreach (var r in RoutinesAt(desired, d, stage)) PlanRoutineCreate(current, desired, d, add, refuse, r);
    }

    /// <summary>The routines of <paramref name="desired"/> (canonical) created at <paramref name="stage"/>, in creation order.</summary>
    private static IReadOnlyList<RoutineModel> RoutinesAt(SchemaModel desired, SqlDialect d, RoutineStage stage) =>
        [.. SqlDialect.InCreationOrder(desired.Canonical()).Where(r => d.StageOf(r, desired) == stage)];

    /// <summary>Creates or replaces <paramref name="r"/> where <paramref name="current"/> lacks it or holds another definition.</summary>
    private static void PlanRoutineCreate(SchemaModel current, SchemaModel desired, SqlDialect d, Action<SchemaChange> add, Action<string, string> refuse, RoutineModel r)
    {
        var kind = KindOf(r);
        var old = (current.Routines ?? []).FirstOrDefault(x => d.SameRoutine(x, r));
        if (old is not null && !Changed(old.Sql, old.Engine, r.Sql, r.Engine)) return;
        if (Unsupported(kind + "s", r.IsProcedure ? d.Routines.Procedures : d.Routines.Functions, r.Engine, d) is { } reason)
            refuse($"{(old is null ? "create" : "replace")} {kind} {r.Signature}", reason);
        else if (old is null) add(new SchemaChange($"create {kind} {r.Signature}", d.CreateRoutineSql(r)));
        else if (d.ReplaceDropsRoutine(old, r) is { } why) PlanRoutineDropAndCreate(current, desired, old, r, why, d, add, refuse);
        else add(new SchemaChange($"replace {kind} {r.Signature} (its definition changed)", d.ReplaceRoutineSql(old, r)));
    }

    /// <summary>
    /// Defaults and checks that call a function the plan cannot create on this engine (another engine's SQL): refused
    /// by table, column or check, and function, so that the plan does not fail half-way with the engine's syntax error.
    /// </summary>
    private static void RefuseCallsToMissingFunctions(SchemaModel desired, SqlDialect d, Action<string, string> refuse)
    {
        var missing = (desired.Routines ?? []).Where(r => !r.IsProcedure && Unsupported("functions", d.Routines.Functions, r.Engine, d) is not null).Select(r => r.Name);
        foreach (var call in CrossEngineSchema.UserFunctionCalls(desired, missing))
            refuse(call, $"the function is not created on {d.Engine.DisplayName()}; give it a portable default or check, or write a migration");
    }

    /// <summary>
    /// What in <paramref name="current"/> calls <paramref name="r"/> and would block dropping it (PostgreSQL 2BP01): column
    /// defaults, generated columns, table and domain checks and defaults, and views ("default of column a.n", "view v").
    /// </summary>
    private static List<string> BlockingUsers(SchemaModel current, RoutineModel r) =>
    [
        .. current.Tables.SelectMany(t => t.Columns.Where(c => r.IsCalledBy(c.Default)).Select(c => $"default of column {t.Name}.{c.Name}")
            .Concat(t.Columns.Where(c => r.IsCalledBy(c.Generated?.Expression)).Select(c => $"generated column {t.Name}.{c.Name}"))
            .Concat(t.Checks.Where(c => r.IsCalledBy(c.Expression)).Select(c => $"check {c.Name ?? c.Expression} on {t.Name}"))),
        .. (current.Domains ?? []).Where(x => r.IsCalledBy(x.Default) || x.Checks.Any(c => r.IsCalledBy(c.Expression))).Select(x => $"domain {x.QualifiedName}"),
        .. current.Views.Where(v => r.IsCalledBy(v.Sql)).Select(v => $"{v.Kind} {v.Name}"),
    ];

    /// <summary>
    /// A routine that is dropped and created (PostgreSQL: its return type changed): its triggers and policies are
    /// dropped before and created after it in the same change, which drops (needs --allow-drop); defaults, checks and
    /// views that call it would block the drop (2BP01), so the change is refused naming them.
    /// </summary>
    private static void PlanRoutineDropAndCreate(SchemaModel current, SchemaModel desired, RoutineModel old, RoutineModel r, string why, SqlDialect d,
        Action<SchemaChange> add, Action<string, string> refuse)
    {
        var description = $"replace {KindOf(r)} {r.Signature}";
        bool Calls(string? sql) => r.IsCalledBy(sql);
        var blocking = BlockingUsers(current, r);
        if (blocking.Count > 0)
        {
            refuse(description, $"{why}, and {string.Join(", ", blocking)} call{(blocking.Count == 1 ? "s" : "")} it; write a migration that drops and recreates them around it");
            return;
        }
        // triggers and policies that stay as they are come back with it; changed ones are replaced by the plan anyway
        var triggers = (current.Triggers ?? []).Where(t => Calls(t.Sql)).Select(t => (Old: t, New: (desired.Triggers ?? []).FirstOrDefault(x => SameTrigger(t, x))))
            .Where(p => p.New is not null && !TriggerChanged(p.Old, p.New)).ToList();
        var policies = (current.Policies ?? []).Where(p => Calls(p.Sql)).Select(p => (Old: p, New: (desired.Policies ?? []).FirstOrDefault(x => SamePolicy(p, x))))
            .Where(p => p.New is not null && !Changed(p.Old.Sql, p.Old.Engine, p.New.Sql, p.New.Engine)).ToList();
        var with = triggers.Select(t => $"{t.Old.Kind} {t.Old.Name} on {t.Old.QualifiedTable}").Concat(policies.Select(p => $"policy {p.Old.Name} on {p.Old.QualifiedTable}")).ToList();
        add(new SchemaChange($"{description} ({why}: drop and create{(with.Count > 0 ? $", with {string.Join(" and ", with)}" : "")})",
            [.. triggers.Select(t => d.DropTriggerSql(t.Old)), .. policies.Select(p => d.DropPolicySql(p.Old)), .. d.ReplaceRoutineSql(old, r),
             .. TriggerModel.InCreationOrder(triggers.Select(t => t.New!)).SelectMany(d.CreateTriggerSql), .. policies.Select(p => p.New!.Sql)], Destructive: true));
    }

    /// <summary>
    /// Routines whose bodies the engine checks at creation (PostgreSQL's SQL-standard bodies: it records what they read)
    /// that name a view the plan drops, or a routine it drops or drops to replace (a changed return type), or one of
    /// these: dropped first, callers before callees, and created again at their stage unless the schema drops them
    /// (bt52 N6: <c>schema apply --allow-drop</c> dropped f1 before f2, whose body calls it, and view v before function
    /// wv, which reads it, and failed with 2BP01). Returns <paramref name="current"/> without them, for the rest of the plan.
    /// </summary>
    private static SchemaModel PlanEarlyRoutineDrops(SchemaModel current, SchemaModel desired, SqlDialect d, IReadOnlyList<ViewModel> droppedViews, Action<SchemaChange> add,
        Action<string, string> refuse)
    {
        var routines = current.Routines ?? [];
        if (!routines.Any(d.RoutineBodyCheckedAtCreation)) return current;
        bool Gone(RoutineModel r) => (desired.Routines ?? []).All(x => !d.SameRoutine(r, x));
        bool DropsToReplace(RoutineModel r) => (desired.Routines ?? []).FirstOrDefault(x => d.SameRoutine(r, x)) is { } n && Changed(r.Sql, r.Engine, n.Sql, n.Engine) && d.ReplaceDropsRoutine(r, n) is not null;
        var early = new List<(RoutineModel Routine, string Why)>();
        for (var found = true; found;)
        {
            found = false;
            foreach (var r in routines.Where(r => d.RoutineBodyCheckedAtCreation(r) && early.All(e => e.Routine != r)))
            {
                var why = droppedViews.FirstOrDefault(v => SqlText.Mentions(r.Sql, v.Name)) is { } view ? $"it reads {view.Kind} {view.QualifiedName}, dropped"
                    : routines.FirstOrDefault(c => c != r && !string.Equals(c.Name, r.Name, StringComparison.OrdinalIgnoreCase) && c.IsCalledBy(r.Sql)
                        && (Gone(c) || DropsToReplace(c) || early.Any(e => e.Routine == c))) is { } callee ? $"it calls {KindOf(callee)} {callee.Signature}, dropped" : null;
                if (why is null) continue;
                early.Add((r, why));
                found = true;
            }
        }
        if (early.Count == 0) return current;
        foreach (var r in SqlDialect.InCreationOrder(current).Reverse())
            if (early.FirstOrDefault(e => e.Routine == r) is { Routine: not null } e)
            {
                var description = $"drop {KindOf(r)}{(Gone(r) ? "" : " (to create again)")} {r.Signature} ({e.Why})";
                // what calls it would block the drop (2BP01), and is not dropped and created around it here (bt53 O3)
                var users = BlockingUsers(current, r).Concat((current.Triggers ?? []).Where(t => r.IsCalledBy(t.Sql)).Select(t => $"{t.Kind} {t.Name} on {t.QualifiedTable}"))
                    .Concat((current.Policies ?? []).Where(p => r.IsCalledBy(p.Sql)).Select(p => $"policy {p.Name} on {p.QualifiedTable}")).ToList();
                if (users.Count > 0) refuse(description, $"{string.Join(", ", users)} call{(users.Count == 1 ? "s" : "")} it; write a migration that drops and recreates them around it");
                else add(new SchemaChange(description, [d.DropRoutineSql(r)], Destructive: Gone(r)));
            }
        return current with { Routines = [.. routines.Where(r => early.All(e => e.Routine != r))] };
    }

    /// <summary>Triggers, policies and row-level security after the tables and views; routines that go away after the tables.</summary>
    /// <remarks>A table rebuilt (SQLite) loses its triggers with the old table: they are created again.</remarks>
    private static void PlanRoutinesAfterTables(SchemaModel current, SchemaModel desired, SqlDialect d, Action<SchemaChange> add, Action<string, string> refuse,
        IReadOnlyList<string> rebuiltTables)
    {
        // first of each name: tables whose names differ only in case are refused by the table plan, not here
        var currentTables = current.Tables.GroupBy(t => t.QualifiedName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var t in desired.Canonical().Tables)
        {
            var now = currentTables.GetValueOrDefault(t.QualifiedName);
            var (enabled, forced) = (now?.RowLevelSecurity ?? false, now?.ForceRowLevelSecurity ?? false);
            if (enabled == t.RowLevelSecurity && forced == t.ForceRowLevelSecurity) continue;
            // a kept table outside the current schema: its change is refused with the table's (bt49 L3: planned beside the refusal too)
            if (now is not null && t.Schema is not null) continue;
            var description = enabled == t.RowLevelSecurity && t.RowLevelSecurity
                ? $"{(t.ForceRowLevelSecurity ? "force" : "no longer force")} row level security on {t.QualifiedName} (it stays enabled)"
                : $"{(t.RowLevelSecurity ? t.ForceRowLevelSecurity ? "enable and force" : "enable" : "disable")} row level security on {t.QualifiedName}";
            if (!d.Routines.Policies) refuse(description, $"{d.Engine.DisplayName()} has no row-level security");
            else add(new SchemaChange(description, d.RowLevelSecuritySql(t.Name, t.RowLevelSecurity, t.ForceRowLevelSecurity, t.Schema), Destructive: enabled && !t.RowLevelSecurity));
        }
        foreach (var t in TriggerModel.InCreationOrder(desired.Canonical().Triggers ?? []))
        {
            var old = (current.Triggers ?? []).FirstOrDefault(x => SameTrigger(x, t));
            var rebuilt = rebuiltTables.Contains(t.Table, StringComparer.OrdinalIgnoreCase);
            if (old is not null && !rebuilt && !TriggerChanged(old, t)) continue;
            var description = $"{(old is null ? "create" : rebuilt ? "recreate" : "replace")} {t.Kind} {t.Name} on {t.QualifiedTable}{(rebuilt && old is not null ? " (its table was rebuilt)" : "")}";
            if (Unsupported(t.Kind + "s", d.Routines.Triggers, t.Engine, d) is { } reason) refuse(description, reason);
            else if (desired.Table(t.Schema, t.Table) is null && !desired.Views.Any(v => v.Schema == t.Schema && string.Equals(v.Name, t.Table, StringComparison.OrdinalIgnoreCase)))
                refuse(description, $"the schema has no table or view {t.QualifiedTable}");
            else add(new SchemaChange(description, d.CreateTriggerSql(t)));
        }
        foreach (var p in desired.Canonical().Policies ?? [])
        {
            var old = (current.Policies ?? []).FirstOrDefault(x => SamePolicy(x, p));
            if (old is not null && !Changed(old.Sql, old.Engine, p.Sql, p.Engine)) continue;
            var description = $"{(old is null ? "create" : "replace")} policy {p.Name} on {p.QualifiedTable}";
            if (Unsupported("policies", d.Routines.Policies, p.Engine, d) is { } reason) refuse(description, reason);
            else if (desired.Table(p.Schema, p.Table) is null) refuse(description, $"the schema has no table {p.QualifiedTable}");
            else add(new SchemaChange(description, [p.Sql]));
        }
        foreach (var r in current.Canonical().Routines ?? [])
            if (!(desired.Routines ?? []).Any(x => d.SameRoutine(r, x)))
                add(new SchemaChange($"drop {KindOf(r)} {r.Signature}", [d.DropRoutineSql(r)], Destructive: true));
    }
}
