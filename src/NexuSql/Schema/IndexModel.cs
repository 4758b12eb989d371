using System.Text.Json.Serialization;

namespace NexuSql.Schema;

/// <summary>
/// An index (not one backing a key constraint). Beyond its key parts it may be partial (<see cref="Where"/>), cover
/// extra columns (<see cref="Include"/>) and use another access method (<see cref="Method"/>); each is left out of the
/// schema file when absent.
/// </summary>
/// <param name="Name">Index name.</param>
/// <param name="Columns">Key parts, in order.</param>
/// <param name="Unique">A unique index (when partial: unique among the rows the predicate selects).</param>
public sealed record IndexModel(string Name, IReadOnlyList<IndexColumn> Columns, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Unique = false)
{
    /// <summary>The predicate of a partial index, as the engine's SQL (<c>deleted_at IS NULL</c>).</summary>
    public string? Where { get; init; }

    /// <summary>PostgreSQL / SQL Server <c>INCLUDE (...)</c>: columns stored in the index but not part of its key (nor of its uniqueness).</summary>
    public IReadOnlyList<string>? Include { get; init; }

    /// <summary>The access method when it is not the engine's default B-tree (PostgreSQL <c>hash</c>, <c>gin</c>, <c>gist</c>, <c>brin</c>, <c>spgist</c>; MySQL/MariaDB <c>fulltext</c>, <c>spatial</c>).</summary>
    public string? Method { get; init; }

    /// <summary>PostgreSQL 15 <c>NULLS NOT DISTINCT</c>: a unique index that lets only one row have NULL keys (elsewhere NULLs never collide).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NullsNotDistinct { get; init; }

    /// <summary>
    /// A partition's index attached to its partitioned parent's (PostgreSQL <c>pg_inherits</c> on the index): created by the parent's
    /// DDL, so the table's own DDL does not declare it again. Other engines take it as the table's own.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Inherited { get; init; }

    /// <summary>
    /// PostgreSQL storage parameters, as <c>pg_class.reloptions</c> lists them (<c>["fillfactor=70"]</c>,
    /// <c>["pages_per_range=16"]</c>): written as <c>WITH (...)</c> where the engine has them
    /// (<see cref="Dialects.IndexSupport.StorageParameters"/>). They tune storage, not what the index accepts: engines
    /// without them create the index without.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? StorageParameters { get; init; }

    /// <summary>
    /// The index's comment (PostgreSQL <c>COMMENT ON INDEX</c>, MariaDB/MySQL <c>COMMENT '...'</c>), or null. Engines
    /// without comments (<see cref="Dialects.SqlDialect.Comments"/>) leave it out, and copy and restore name it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Comment { get; init; }

    /// <summary>
    /// MariaDB 10.6+ <c>IGNORED</c> (<c>ALTER TABLE t ALTER INDEX i IGNORED</c>): the index is kept up to date (a unique
    /// one still refuses duplicates) but the optimizer does not use it, so plans are as without it. Engines without such
    /// indexes (<see cref="Dialects.IndexSupport.Ignored"/> false) create an ordinary index, named by copy and restore
    /// (issue #12 L15: it arrived as an index the optimizer uses, without a word).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Ignored { get; init; }

    /// <summary>True when the index is more than plain columns in a B-tree (a WHERE, an expression, INCLUDE, a method, a prefix length, ...).</summary>
    [JsonIgnore]
    public bool IsSpecial => Where is not null || NullsNotDistinct || Ignored || Include is { Count: > 0 } || !IsDefaultMethod(Method)
        || Columns.Any(c => c.Expression is not null || c.Length is not null || c.OperatorClass is not null || c.Nulls is not null || c.Collation is not null);

    /// <summary>True for no method or <c>btree</c> (the default everywhere).</summary>
    public static bool IsDefaultMethod(string? method) => method is null || string.Equals(method, "btree", StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks what a schema file cannot leave out: a name, and a column or an expression in every key part.</summary>
    /// <exception cref="FormatException">Names the table and index.</exception>
    public void Validate(string table)
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new FormatException($"An index on table {table} has no name.");
        if (Columns is null || Columns.Count == 0) throw new FormatException($"Index {Name} on table {table} has no columns.");
        for (var i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            if (c is null || (string.IsNullOrWhiteSpace(c.Name) == string.IsNullOrWhiteSpace(c.Expression)))
                throw new FormatException($"Index {Name} on table {table}: key part {i + 1} needs either \"name\" (a column) or \"expression\", not {(c?.Name is null ? "neither" : "both")}.");
            if (c.Length is <= 0) throw new FormatException($"Index {Name} on table {table}: the length of {c.Display} must be positive.");
        }
    }
}
