using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Backup;

/// <summary>
/// Functions, procedures, triggers, row-level security and policies in restore and copy. They are engine SQL, so they
/// are recreated only on the engine they were read from; otherwise each is listed as skipped with the reason. Order:
/// routines before the tables (a default or check may call one), triggers, row-level security and policies after the
/// rows (a trigger must not fire during the load, and a policy must not hide rows from the final check).
/// </summary>
internal static class RoutineTransfer
{
    /// <summary>
    /// Creates the schema's routines that <paramref name="present"/> lacks; the ones that cannot be are added to
    /// <paramref name="skipped"/> (at the first <paramref name="stage"/>). Called three times: before the user types (a
    /// domain's check may call them), after them and before the tables (a default or check may call them) for routines
    /// whose bodies are checked when they run and whose header names a type, and after the tables, before the
    /// views, for those the engine checks against the tables at creation (PostgreSQL <c>BEGIN ATOMIC</c>).
    /// </summary>
    public static async Task CreateRoutinesAsync(NexuSqlConnection session, SchemaModel schema, NexuSqlEngine source, SchemaModel present,
        List<string> skipped, CancellationToken ct, RoutineStage stage)
    {
        foreach (var r in RoutinesAt(session.Database.Dialect, schema, source, present, skipped, stage)) await CreateAsync(session, r, skipped, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The routines of <paramref name="schema"/> created at <paramref name="stage"/> that <paramref name="present"/>
    /// lacks, in creation order; at <see cref="RoutineStage.BeforeTypes"/>, those <paramref name="d"/>'s engine cannot
    /// create are added to <paramref name="skipped"/> with the reason.
    /// </summary>
    internal static IReadOnlyList<RoutineModel> RoutinesAt(Dialects.SqlDialect d, SchemaModel schema, NexuSqlEngine source, SchemaModel present, List<string> skipped, RoutineStage stage)
    {
        var result = new List<RoutineModel>();
        foreach (var r in Dialects.SqlDialect.InCreationOrder(schema))
        {
            if (Reason(r.IsProcedure ? "procedures" : "functions", r.IsProcedure ? d.Routines.Procedures : d.Routines.Functions, r.Engine ?? source, d) is { } reason)
            {
                if (stage == RoutineStage.BeforeTypes) skipped.Add($"{What(r)}: {reason}");
            }
            else if (d.StageOf(r, schema) == stage && (present.Routines ?? []).All(x => !string.Equals(x.Signature, r.Signature, StringComparison.OrdinalIgnoreCase)))
                result.Add(r);
        }
        return result;
    }

    /// <summary>Creates <paramref name="routine"/>; a failure is added to <paramref name="skipped"/> (a missing privilege stops).</summary>
    internal static Task CreateAsync(NexuSqlConnection session, RoutineModel routine, List<string> skipped, CancellationToken ct) =>
        RunAsync(session, session.Database.Dialect.CreateRoutineSql(routine), What(routine), skipped, ct);

    private static string What(RoutineModel r) => $"{(r.IsProcedure ? "procedure" : "function")} {r.Signature}";

    /// <summary>After the rows: triggers, row-level security of <paramref name="tables"/>, policies — what <paramref name="present"/> lacks.</summary>
    public static async Task CreateAfterDataAsync(NexuSqlConnection session, SchemaModel schema, IEnumerable<TableModel> tables, NexuSqlEngine source,
        SchemaModel present, List<string> skipped, CancellationToken ct)
    {
        var d = session.Database.Dialect;
        // the defaults and checks their tables were created without that wait for the rows, and for the routines created
        // with the views (BackupRestorer.FinishAsync) (LateCalls)
        if (source == d.Engine) await LateCalls.AddAsync(session, LateCalls.Of(schema, d, RoutineStage.AfterTables).Where(LateCalls.AfterRows), present, ct).ConfigureAwait(false);
        foreach (var t in TriggerModel.InCreationOrder(schema.Triggers ?? []))
        {
            var what = $"{t.Kind} {t.Name} on {t.QualifiedTable}";
            if (Reason(t.Kind + "s", d.Routines.Triggers, t.Engine ?? source, d) is { } reason) skipped.Add($"{what}: {reason}");
            else if ((present.Triggers ?? []).All(x => !string.Equals(x.Name, t.Name, StringComparison.OrdinalIgnoreCase) || x.Schema != t.Schema || x.Rule != t.Rule
                || !string.Equals(x.Table, t.Table, StringComparison.OrdinalIgnoreCase)))
                await RunAsync(session, d.CreateTriggerSql(t), what, skipped, ct).ConfigureAwait(false);
        }
        foreach (var t in tables.Where(t => t.RowLevelSecurity || t.ForceRowLevelSecurity))
        {
            var what = $"row level security on {t.QualifiedName}";
            if (Reason("row-level security settings", d.Routines.Policies, source, d) is { } reason) skipped.Add($"{what}: {reason}");
            else await RunAsync(session, d.RowLevelSecuritySql(t.Name, t.RowLevelSecurity, t.ForceRowLevelSecurity, t.Schema), what, skipped, ct).ConfigureAwait(false);
        }
        foreach (var p in schema.Policies ?? [])
        {
            var what = $"policy {p.Name} on {p.QualifiedTable}";
            if (Reason("policies", d.Routines.Policies, p.Engine ?? source, d) is { } reason) skipped.Add($"{what}: {reason}");
            else if ((present.Policies ?? []).All(x => !string.Equals(x.Name, p.Name, StringComparison.OrdinalIgnoreCase) || x.Schema != p.Schema
                || !string.Equals(x.Table, p.Table, StringComparison.OrdinalIgnoreCase)))
                await RunAsync(session, [p.Sql], what, skipped, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Refuses, before anything is written, a restore or copy into a database that takes no writes
    /// (<see cref="NexuSqlProvider.ReadOnlyReasonAsync"/>: a PostgreSQL target with <c>default_transaction_read_only</c>
    /// on failed at its first CREATE TABLE with a raw 25006 and advice to run the same command again, bt37 M16).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Names the setting and what helps.</exception>
    public static async Task RefuseReadOnlyAsync(NexuSqlDatabase target, CancellationToken ct)
    {
        if (await target.Provider.ReadOnlyReasonAsync(target, ct).ConfigureAwait(false) is { } reason)
            throw new NexuSqlRefusedException($"The target {target.Url?.Redacted ?? "database"} takes no writes: {reason} Nothing was written.");
    }

    /// <summary>
    /// Refuses, before anything is written, a restore or copy whose target user may not create the kinds of objects it
    /// would create there (<see cref="NexuSqlProvider.MissingCreatePrivilegesAsync"/>: a MariaDB user without CREATE
    /// ROUTINE failed half-way with a raw 1044 naming nothing, one without TRIGGER lost the triggers with exit 0, bt35 M4).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Names each object, the privilege it needs and the GRANT that gives it.</exception>
    public static async Task RefuseMissingPrivilegesAsync(NexuSqlDatabase target, SchemaModel schema, NexuSqlEngine source, SchemaModel? present,
        bool createsTables, CancellationToken ct)
    {
        var d = target.Dialect;
        var objects = new List<(string What, string Kind)>();
        if (createsTables) objects.AddRange(schema.Tables.Where(t => present?.Table(t.Schema, t.Name) is null).Select(t => ($"table {t.QualifiedName}", "table")));
        foreach (var r in schema.Routines ?? [])
            if (Reason("", r.IsProcedure ? d.Routines.Procedures : d.Routines.Functions, r.Engine ?? source, d) is null
                && (present?.Routines ?? []).All(x => !string.Equals(x.Signature, r.Signature, StringComparison.OrdinalIgnoreCase)))
                objects.Add(($"{(r.IsProcedure ? "procedure" : "function")} {r.Signature}", r.IsProcedure ? "procedure" : "function"));
        foreach (var t in schema.Triggers ?? [])
            if (Reason("", d.Routines.Triggers, t.Engine ?? source, d) is null
                && (present?.Triggers ?? []).All(x => !string.Equals(x.Name, t.Name, StringComparison.OrdinalIgnoreCase) || x.Schema != t.Schema))
                objects.Add(($"{t.Kind} {t.Name} on {t.QualifiedTable}", "trigger"));
        objects.AddRange(schema.Views.Where(v => (present?.Views ?? []).All(x => !string.Equals(x.Name, v.Name, StringComparison.OrdinalIgnoreCase) || x.Schema != v.Schema))
            .Select(v => ($"view {v.Name}", "view")));
        if (objects.Count == 0) return;
        var missing = await target.Provider.MissingCreatePrivilegesAsync(target, [.. objects.Select(o => o.Kind).Distinct(StringComparer.Ordinal)], ct).ConfigureAwait(false);
        if (missing is not { Privileges.Count: > 0 } m) return;
        var named = objects.Where(o => m.Privileges.ContainsKey(o.Kind)).Select(o => $"{o.What} (needs {m.Privileges[o.Kind]})").ToList();
        throw new NexuSqlRefusedException(
            $"The target's user may not create these: {string.Join(", ", named.Take(20))}{(named.Count > 20 ? $" and {named.Count - 20} more" : "")}; nothing was written. " +
            $"Give the user what is missing ({m.Grant}), or connect to the target as a user who has it, then run this again.");
    }

    /// <summary>
    /// What the caller should know beyond the skipped list: objects the restored migration history says were created
    /// but that are not in the target, or a backup older than format 3 that does not record them at all.
    /// </summary>
    public static IReadOnlyList<string> Warnings(BackupManifest manifest, IReadOnlyList<string> skipped, SqlDialect target)
    {
        if (manifest.Migrations.Count == 0) return [];
        if (skipped.Count > 0)
            return [$"The migration history restored says {manifest.Migrations.Count} migrations ran, and they created objects this restore could not recreate " +
                $"({string.Join("; ", skipped)}). `migrate` will not run those scripts again and the target lacks them: recreate them with a migration, or restore into {manifest.Engine}."];
        var supports = target.Routines;
        if (manifest.FormatVersion < 3 && (supports.Functions || supports.Triggers || supports.Policies))
            return [$"This backup (format {manifest.FormatVersion}) does not record functions, procedures, triggers or policies: any the migration history created " +
                "are not in the target. Run `verify --checks drift` to list them."];
        return [];
    }

    private static string? Reason(string what, bool supported, NexuSqlEngine source, SqlDialect d) =>
        source != d.Engine ? $"{source.DisplayName()} SQL; {what} are not translated between engines (not created on {d.Engine.DisplayName()})"
        : !supported ? $"{d.Engine.DisplayName()} {what} are not recreated by NexuSQL"
        : null;

    private static async Task RunAsync(NexuSqlConnection session, IReadOnlyList<string> statements, string what, List<string> skipped, CancellationToken ct)
    {
        try
        {
            foreach (var sql in statements) await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        }
        catch (NexuSqlException e) when (session.Database.Dialect.IsPermissionDenied(e))
        {
            // never filed among the skipped objects: the target would behave otherwise with exit 0 (bt35 M4)
            throw new NexuSqlException($"Could not create {what} in the target: {e.Message}. The target's user lacks a privilege for it: grant it " +
                "(or connect as a user who has it) before going on.", e.Engine, e.EngineCode, e);
        }
        catch (NexuSqlException e) when (e is not NexuSqlConnectionException)
        {
            // e.g. a policy for a role the target server lacks: the data is restored, the object is reported
            skipped.Add($"{what}: {e.Message}");
            // statements that changed the session for this object (MySQL's sql_mode) undone for the ones after it
            if (session.Database.Dialect.AfterFailedCreateSql is { } undo) await session.ExecuteRawAsync(undo, ct).ConfigureAwait(false);
        }
    }
}
