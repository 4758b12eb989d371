using NexuSql.Dialects;

namespace NexuSql.Schema;

/// <summary>
/// The names a target engine keeps apart, and where: the schema's relations (PostgreSQL and SQLite index names, which a
/// unique or primary key's index takes, beside tables, views and sequences); a table's constraints (PostgreSQL: keys,
/// checks and foreign keys; MySQL/MariaDB: checks beside keys and foreign keys, error 1826); a table's indexes on
/// MySQL/MariaDB (keys, indexes, and the index a foreign key makes where none begins with its columns and has its name,
/// 1061); the database's foreign keys (MySQL/MariaDB). Two names of one scope failed the second CREATE with the
/// engine's 42710, 42P07, 1061 or 1826; SQLite, which keeps no constraint names apart, accepts a file with such names
/// (break test 34 F2, F7). Copy and restore rename the second (<see cref="CrossEngineSchema"/>), the schema plan refuses
/// it (<see cref="SchemaDiff"/>): one set of rules for both.
/// </summary>
internal sealed class NameScopes(SqlDialect target, bool constraintCase, bool relationCase)
{
    /// <summary>What a name belongs to.</summary>
    internal enum Kind { PrimaryKey, Unique, Index, ForeignKey, Check }

    private const string Relations = "schema\0", Constraints = "constraints\0", Indexes = "indexes\0", Database = "database";

    private readonly Dictionary<string, (string What, Kind? Kind, IReadOnlyList<string>? Columns)> taken = new(StringComparer.Ordinal);

    /// <summary>
    /// Names compared as <paramref name="target"/> compares them (<see cref="SqlDialect.ConstraintNamesIgnoreCase"/>,
    /// <see cref="SqlDialect.RelationNamesIgnoreCase"/>), or, for a <paramref name="copy"/>, relations and foreign
    /// keys regardless of case and a table's constraints as written (copy: two that differ only in case are refused by name).
    /// </summary>
    internal static NameScopes For(SqlDialect target, bool copy) =>
        copy ? new(target, constraintCase: true, relationCase: false) : new(target, constraintCase: !target.ConstraintNamesIgnoreCase, relationCase: !target.RelationNamesIgnoreCase);

    private string Key(string scope, string name) =>
        scope + "\0" + ((scope.StartsWith(Relations, StringComparison.Ordinal) || scope == Database ? relationCase : constraintCase) ? name : name.ToUpperInvariant());

    /// <summary>
    /// Tables, views and sequences, and the relations the target makes for each table (<see cref="SqlDialect.NamesTakenBy"/>),
    /// where indexes are named beside them. Returns each relation the target makes whose name a table or view has: the
    /// one created second failed (PostgreSQL's <c>t_pkey</c> beside a table <c>t_pkey</c>, 42P07), unless PostgreSQL
    /// made the name up itself first (<c>t_pkey1</c>), as it does when the table exists already.
    /// </summary>
    internal List<(string What, string Other)> TakeRelations(SchemaModel schema)
    {
        var clashes = new List<(string, string)>();
        if (target.IndexNamesPerTable) return clashes;
        foreach (var t in schema.Tables) taken.TryAdd(Key(Relations + t.Schema, t.Name), ($"table {t.QualifiedName}", null, null));
        foreach (var v in schema.Views) taken.TryAdd(Key(Relations + v.Schema, v.Name), ($"{v.Kind} {v.QualifiedName}", null, null));
        foreach (var q in schema.Sequences) taken.TryAdd(Key(Relations + q.Schema, q.Name), ($"sequence {q.QualifiedName}", null, null));
        foreach (var t in schema.Tables)
            foreach (var n in target.NamesTakenBy(t))
            {
                var what = $"{n}, which {target.Engine.DisplayName()} makes for table {t.QualifiedName}";
                if (!taken.TryAdd(Key(Relations + t.Schema, n), (what, null, null)) && taken[Key(Relations + t.Schema, n)].What is var other && !other.StartsWith("sequence ", StringComparison.Ordinal))
                    clashes.Add((what, other));
            }
        return clashes;
    }

    private IEnumerable<string> Of(Kind kind, TableModel t, bool foreignKeysPerDatabase)
    {
        if (target.IndexNamesPerTable)
        {
            // MySQL/MariaDB call every primary key PRIMARY
            if (kind == Kind.PrimaryKey) yield break;
            if (kind != Kind.Check) yield return Indexes + t.QualifiedName;
            if (kind != Kind.Index) yield return Constraints + t.QualifiedName;
        }
        else
        {
            if (kind is Kind.Index || (kind is Kind.PrimaryKey or Kind.Unique && target.KeyNamesNameIndexes)) yield return Relations + t.Schema;
            if (kind != Kind.Index && target.ConstraintNamesPerTable) yield return Constraints + t.QualifiedName;
        }
        if (kind == Kind.ForeignKey && target.ForeignKeyNamesPerDatabase && foreignKeysPerDatabase) yield return Database;
    }

    /// <summary>
    /// What already has <paramref name="name"/> in a scope the <paramref name="kind"/> on <paramref name="t"/> (of
    /// <paramref name="columns"/>) takes it in, and why they collide; null where the name is free.
    /// <paramref name="foreignKeysPerDatabase"/>: whether foreign keys of one name on two tables are asked about (a
    /// source that names them per database has none).
    /// </summary>
    internal (string Other, string Why)? Clash(Kind kind, TableModel t, string name, IReadOnlyList<string>? columns, bool foreignKeysPerDatabase = true)
    {
        foreach (var scope in Of(kind, t, foreignKeysPerDatabase))
        {
            if (!taken.TryGetValue(Key(scope, name), out var other)) continue;
            // MariaDB: a foreign key whose columns begin an index of its name uses that index, and makes none of its own
            if (scope.StartsWith(Indexes, StringComparison.Ordinal) && (kind, other.Kind) is (Kind.ForeignKey, Kind.Unique or Kind.Index) or (Kind.Unique or Kind.Index, Kind.ForeignKey))
            {
                var (fk, index) = kind == Kind.ForeignKey ? (columns, other.Columns) : (other.Columns, columns);
                if (fk is not null && index is not null && index.Count >= fk.Count && index.Take(fk.Count).SequenceEqual(fk, StringComparer.OrdinalIgnoreCase)) continue;
            }
            var why = scope == Database ? $"{target.Engine.DisplayName()} names foreign keys per database"
                : scope.StartsWith(Relations, StringComparison.Ordinal) ? $"{target.Engine.DisplayName()} names indexes{(target.KeyNamesNameIndexes ? " and keys" : "")} per schema, " +
                    $"beside its {(target.SupportsSequences ? "tables, views and sequences" : "tables and views")}{(target.RelationNamesIgnoreCase ? ", regardless of case" : "")}"
                : scope.StartsWith(Indexes, StringComparison.Ordinal) ? $"{target.Engine.DisplayName()} names a table's keys, indexes and the index a foreign key makes in one name space"
                : $"{target.Engine.DisplayName()} names a table's keys, checks and foreign keys in one name space";
            return (other.What, why);
        }
        return null;
    }

    /// <summary>Takes <paramref name="name"/> in every scope of the <paramref name="kind"/> on <paramref name="t"/>.</summary>
    internal void Take(Kind kind, TableModel t, string name, IReadOnlyList<string>? columns, bool foreignKeysPerDatabase = true)
    {
        foreach (var scope in Of(kind, t, foreignKeysPerDatabase)) taken.TryAdd(Key(scope, name), ($"{Words(kind)} {name} on {t.QualifiedName}", kind, columns));
    }

    /// <summary>The words for a <paramref name="kind"/>.</summary>
    internal static string Words(Kind kind) => kind switch
    {
        Kind.PrimaryKey => "primary key",
        Kind.Unique => "unique key",
        Kind.Index => "index",
        Kind.ForeignKey => "foreign key",
        _ => "check",
    };
}
