using System.Text.Json.Serialization;

namespace NexuSql.Schema;

/// <summary>
/// A key part of an index: a column (<paramref name="Name"/>) or an expression (<see cref="Expression"/>), ascending
/// unless <paramref name="Descending"/>. The optional facts are left out of the schema file when absent, so files
/// written before them read unchanged.
/// </summary>
/// <param name="Name">The column; null for an expression key part.</param>
/// <param name="Descending">Sorted descending.</param>
public sealed record IndexColumn(string? Name, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Descending = false)
{
    /// <summary>An expression instead of a column, as the engine's SQL (<c>lower(email)</c>, PostgreSQL <c>lower((email)::text)</c>).</summary>
    public string? Expression { get; init; }

    /// <summary>A prefix length (MySQL/MariaDB <c>KEY (name(10))</c>): only the first characters or bytes are indexed.</summary>
    public int? Length { get; init; }

    /// <summary>A PostgreSQL operator class other than the type's default (<c>varchar_pattern_ops</c>, <c>jsonb_path_ops</c>).</summary>
    public string? OperatorClass { get; init; }

    /// <summary>
    /// The key part's own collation when it is not its column's (SQLite <c>CREATE INDEX ... (name COLLATE NOCASE)</c>),
    /// in the engine's name. Collations do not translate between engines: copy and restore into another one refuse it
    /// on a unique index and leave it out (named) on another.
    /// </summary>
    public string? Collation { get; init; }

    /// <summary>PostgreSQL <c>NULLS FIRST</c> / <c>NULLS LAST</c> ("first" or "last") when it is not the default for the direction.</summary>
    public string? Nulls { get; init; }

    /// <summary>The column name or the expression, for messages.</summary>
    [JsonIgnore]
    public string Display => Name ?? $"({Expression})";
}
