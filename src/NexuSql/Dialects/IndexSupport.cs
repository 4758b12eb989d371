namespace NexuSql.Dialects;

/// <summary>
/// What an engine's indexes can be beyond plain columns in a B-tree. Checked before anything runs: a plan, restore or
/// copy that needs more is refused (or the index listed as skipped) by name, never written as a weaker index.
/// </summary>
public sealed record IndexSupport
{
    /// <summary>Plain B-tree indexes only.</summary>
    public static IndexSupport Plain { get; } = new();

    /// <summary>Partial indexes (<c>CREATE INDEX ... WHERE predicate</c>).</summary>
    public bool Partial { get; init; }

    /// <summary>Expression key parts (<c>CREATE INDEX ... (lower(email))</c>).</summary>
    public bool Expressions { get; init; }

    /// <summary>Included, non-key columns (<c>INCLUDE (...)</c>).</summary>
    public bool Include { get; init; }

    /// <summary>
    /// Included columns on primary keys and unique constraints (<c>UNIQUE (a) INCLUDE (b)</c>: PostgreSQL 11+; see
    /// <see cref="Schema.KeyModel.Include"/>). Where false a key is created without them, and copy and restore name it.
    /// </summary>
    public bool KeyInclude { get; init; }

    /// <summary>
    /// Indexes the optimizer does not use (MariaDB 10.6+ <c>IGNORED</c>, <see cref="Schema.IndexModel.Ignored"/>). Where
    /// false such an index is created as an ordinary one, and copy and restore name it.
    /// </summary>
    public bool Ignored { get; init; }

    /// <summary>Prefix lengths (MySQL <c>KEY (name(10))</c>).</summary>
    public bool PrefixLengths { get; init; }

    /// <summary>Operator classes and NULLS FIRST/LAST per key part (PostgreSQL).</summary>
    public bool OperatorClasses { get; init; }

    /// <summary>Unique indexes whose NULL keys collide (<c>NULLS NOT DISTINCT</c>, PostgreSQL 15).</summary>
    public bool NullsNotDistinct { get; init; }

    /// <summary>A collation per key part (<c>(name COLLATE NOCASE)</c>: SQLite, PostgreSQL).</summary>
    public bool Collations { get; init; }

    /// <summary>Storage parameters (<c>WITH (fillfactor=70)</c>: PostgreSQL); elsewhere the index is created without them.</summary>
    public bool StorageParameters { get; init; }

    /// <summary>Access methods besides the default B-tree (<c>hash</c>, <c>gin</c>, ...).</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>Why <paramref name="index"/> cannot be created as it is on this engine, or null when it can.</summary>
    public string? Unsupported(Schema.IndexModel index, NexuSqlEngine engine)
    {
        ArgumentNullException.ThrowIfNull(index);
        var missing = new List<string>();
        if (index.Where is not null && !Partial) missing.Add("partial indexes (WHERE)");
        if (index.Columns.Any(c => c.Expression is not null) && !Expressions) missing.Add("expression indexes");
        if (index.NullsNotDistinct && !NullsNotDistinct) missing.Add("NULLS NOT DISTINCT");
        if (index.Include is { Count: > 0 } && !Include) missing.Add("included columns (INCLUDE)");
        if (index.Columns.Any(c => c.Length is not null) && !PrefixLengths) missing.Add("prefix lengths");
        if (index.Columns.Any(c => c.OperatorClass is not null || c.Nulls is not null) && !OperatorClasses) missing.Add("operator classes or NULLS FIRST/LAST");
        if (index.Columns.Any(c => c.Collation is not null) && !Collations) missing.Add("collations on index key parts");
        if (!Schema.IndexModel.IsDefaultMethod(index.Method) && !Methods.Contains(index.Method!, StringComparer.OrdinalIgnoreCase))
            missing.Add($"{index.Method} index method");
        return missing.Count == 0 ? null : $"{engine.DisplayName()} has no {string.Join(", no ", missing)}";
    }
}
