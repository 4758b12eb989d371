using NexuSql.Dialects;

namespace NexuSql.Schema;

/// <summary>
/// Where a target engine keeps the names of a table's keys, indexes and constraints: the schema's relations
/// (PostgreSQL and SQLite index names, which a unique or primary key's index takes, beside tables, views and sequences),
/// the table's own constraints (PostgreSQL: keys, checks and foreign keys; MySQL/MariaDB: those and its indexes), and the
/// database (MySQL/MariaDB foreign keys). Two names of one scope fail the second CREATE with the engine's 42710, 42P07,
/// 1061 or 1826; SQLite, which keeps no constraint names apart, accepts a file with such names (break test 34 F2, F7).
/// Copy and restore rename the second (<see cref="CrossEngineSchema"/>), the schema plan refuses it (<see cref="SchemaDiff"/>).
/// </summary>
internal static class NameScopes
{
    /// <summary>What a name belongs to.</summary>
    internal enum Kind { PrimaryKey, Unique, Index, ForeignKey, Check }

    /// <summary>The scope of the relations of <paramref name="schema"/> (tables, views, sequences and, where not per table, indexes).</summary>
    internal static string Relations(string? schema) => "schema\0" + schema;

    /// <summary>The scopes a <paramref name="kind"/> named on <paramref name="t"/> takes its name in on <paramref name="target"/>.</summary>
    internal static IEnumerable<string> Of(Kind kind, TableModel t, SqlDialect target)
    {
        // MySQL/MariaDB call every primary key PRIMARY
        if (kind == Kind.PrimaryKey && target.IndexNamesPerTable) yield break;
        if (!target.IndexNamesPerTable && kind is Kind.PrimaryKey or Kind.Unique or Kind.Index) yield return Relations(t.Schema);
        if (target.ConstraintNamesPerTable && (kind != Kind.Index || target.IndexNamesPerTable)) yield return "table\0" + t.QualifiedName;
        if (kind == Kind.ForeignKey && target.ForeignKeyNamesPerDatabase) yield return "database";
    }

    /// <summary>Whether <paramref name="scope"/> is one table's.</summary>
    internal static bool IsTable(string scope) => scope.StartsWith("table\0", StringComparison.Ordinal);

    /// <summary>The words for a <paramref name="kind"/>.</summary>
    internal static string Words(Kind kind) => kind switch
    {
        Kind.PrimaryKey => "primary key",
        Kind.Unique => "unique key",
        Kind.Index => "index",
        Kind.ForeignKey => "foreign key",
        _ => "check",
    };

    /// <summary>Why two names of <paramref name="scope"/> collide on <paramref name="target"/>, in words.</summary>
    internal static string Shared(string scope, SqlDialect target) =>
        IsTable(scope) ? $"{target.Engine.DisplayName()} names a table's keys, checks{(target.IndexNamesPerTable ? ", indexes" : "")} and foreign keys in one name space"
        : scope == "database" ? $"{target.Engine.DisplayName()} names foreign keys per database"
        : $"{target.Engine.DisplayName()} names indexes and keys per schema, beside its tables, views and sequences";
}
