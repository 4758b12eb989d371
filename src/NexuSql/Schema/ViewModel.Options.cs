using System.Text.Json.Serialization;

namespace NexuSql.Schema;

public sealed partial record ViewModel
{
    /// <summary>
    /// <c>WITH CASCADED CHECK OPTION</c> (<c>"cascaded"</c>) or <c>WITH LOCAL CHECK OPTION</c> (<c>"local"</c>): an INSERT or
    /// UPDATE through the view is refused when the row would not be visible through it. Null: no check option. Engines
    /// without it (<see cref="Dialects.SqlDialect.ViewCheckOptions"/>) create the view without, and copy and restore name it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CheckOption { get; init; }

    /// <summary>
    /// MySQL/MariaDB <c>SQL SECURITY INVOKER</c>, PostgreSQL 15 <c>WITH (security_invoker = true)</c>: the view runs with the
    /// rights (and row-level security) of whoever queries it, not its definer's or owner's. Engines without it
    /// (<see cref="Dialects.SqlDialect.ViewSecurityInvoker"/>) create the view without, and copy and restore name it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool SecurityInvoker { get; init; }

    /// <summary>
    /// PostgreSQL <c>WITH (security_barrier = true)</c>: the view's conditions run before a caller's functions, which then
    /// cannot see rows the view hides (PostgreSQL manual, "Rules and Privileges"). Engines without it
    /// (<see cref="Dialects.SqlDialect.ViewSecurityBarrier"/>) create the view without, and copy and restore name it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool SecurityBarrier { get; init; }

    /// <summary>
    /// MySQL/MariaDB <c>ALGORITHM=MERGE</c> (<c>"merge"</c>) or <c>ALGORITHM=TEMPTABLE</c> (<c>"temptable"</c>): how the
    /// server runs the view; a TEMPTABLE view cannot be written through (an INSERT into it is refused). Null: UNDEFINED
    /// (the server chooses). Views are created on the engine they were read from only.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Algorithm { get; init; }

    /// <summary>The view's comment (PostgreSQL <c>COMMENT ON VIEW</c> / <c>MATERIALIZED VIEW</c>), or null; other engines leave it out.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Comment { get; init; }

    /// <summary>
    /// PostgreSQL defaults of the view's columns by column name (<c>ALTER VIEW v ALTER COLUMN c SET DEFAULT 5</c>, the
    /// expression as <c>pg_get_expr</c> gives it): what an INSERT through the view (auto-updatable, or by an INSTEAD OF
    /// trigger) gets for a column it leaves out; null when none. Into an engine without them named as not carried
    /// (break test 26 G40).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? ColumnDefaults { get; init; }

    /// <summary>
    /// PostgreSQL comments on the view's columns by column name (<c>COMMENT ON COLUMN v.c</c>); null when none. Into an
    /// engine without them named as not carried (break test 26 G1).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? ColumnComments { get; init; }
}
