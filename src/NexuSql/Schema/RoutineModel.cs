using System.Text.Json.Serialization;

namespace NexuSql.Schema;

/// <summary>
/// A stored function or procedure, kept as the engine's own <c>CREATE</c> statement (PostgreSQL
/// <c>pg_get_functiondef</c>, MariaDB/MySQL <c>SHOW CREATE FUNCTION/PROCEDURE</c> without its DEFINER). Routine text
/// does not translate between engines: <see cref="Engine"/> says whose SQL it is.
/// </summary>
/// <param name="Name">The routine's name.</param>
/// <param name="Sql">The complete CREATE statement.</param>
public sealed record RoutineModel(string Name, string Sql)
{
    /// <summary>
    /// The routine's schema when it is not the connection's current one (see <see cref="TableModel.Schema"/>); null
    /// otherwise. <see cref="Sql"/> names it already (PostgreSQL writes <c>CREATE FUNCTION app.touch()</c>).
    /// </summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; init; }

    /// <summary><c>function</c> or <c>procedure</c>.</summary>
    public string Kind { get; init; } = "function";

    /// <summary>
    /// The argument types that tell overloads apart (PostgreSQL <c>pg_get_function_identity_arguments</c>, e.g.
    /// <c>integer, text</c>); null on engines without overloading.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Arguments { get; init; }

    /// <summary>The engine whose SQL <see cref="Sql"/> is (set when read from a database); null for "the target's".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(JsonStringEnumConverter<NexuSqlEngine>))]
    public NexuSqlEngine? Engine { get; init; }

    /// <summary>
    /// MariaDB/MySQL: the <c>sql_mode</c> it was created under (information_schema's <c>SQL_MODE</c>), which decides how its
    /// body reads and runs (<c>||</c> is concatenation under PIPES_AS_CONCAT, <c>"</c> quotes names under ANSI_QUOTES);
    /// it is created under that mode again. Null on other engines.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SqlMode { get; init; }

    /// <summary>Name and arguments: what identifies the routine (<c>audit_row()</c>, <c>add(integer, integer)</c>).</summary>
    [JsonIgnore]
    public string Signature => SchemaModel.Qualify(Schema, Arguments is null ? Name : $"{Name}({Arguments})");

    /// <summary>True for a procedure.</summary>
    [JsonIgnore]
    public bool IsProcedure => string.Equals(Kind, "procedure", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="sql"/> (a default, check, view or trigger) calls the routine by its name, alone or
    /// schema-qualified (<c>s2.ok(s)</c>, <c>"s2"."ok"(s)</c>: bt52 N2, such a check was created before its function).
    /// </summary>
    internal bool IsCalledBy(string? sql) => sql is not null && System.Text.RegularExpressions.Regex.IsMatch(sql,
        $@"(?<![\w$.""])(?:""?[\w$]+""?\s*\.\s*)?""?{System.Text.RegularExpressions.Regex.Escape(Name)}""?\s*\(", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
