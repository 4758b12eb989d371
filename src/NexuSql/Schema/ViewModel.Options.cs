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
    /// MySQL/MariaDB <c>SQL SECURITY INVOKER</c>: the view runs with the rights of whoever queries it, not its definer's.
    /// Engines without the clause (<see cref="Dialects.SqlDialect.SqlSecurityInvokerSql"/>) create the view without, and
    /// copy and restore name it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool SecurityInvoker { get; init; }
}
