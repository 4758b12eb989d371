using NexuSql.Dialects;

namespace NexuSql.Schema;

internal static partial class CrossEngineSchema
{
    /// <summary>
    /// The schema with index, unique-key and foreign-key names the target can create: MySQL/MariaDB names indexes per
    /// table, where PostgreSQL and SQLite name them per schema (beside its tables, views and sequences); PostgreSQL and
    /// SQLite name foreign keys per table, MySQL/MariaDB per database. A name another object of the target's scope
    /// already has is given its table's name in front (<c>b_by_email</c>), as pgloader does, and named in
    /// <paramref name="notes"/>; it failed the move after the rows with the engine's "already exists" (break test 23 F24).
    /// </summary>
    private static SchemaModel WithNamesTheTargetTakes(SchemaModel schema, SqlDialect source, SqlDialect target, List<string> notes)
    {
        var indexes = source.IndexNamesPerTable && !target.IndexNamesPerTable;
        var foreignKeys = !source.ForeignKeyNamesPerDatabase && target.ForeignKeyNamesPerDatabase;
        if (!indexes && !foreignKeys) return schema;
        // the names of one scope, per schema (case-insensitive: an engine may fold them)
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (indexes)
            foreach (var name in schema.Tables.Select(t => t.QualifiedName).Concat(schema.Views.Select(v => v.QualifiedName)).Concat(schema.Sequences.Select(q => q.QualifiedName)))
                taken.Add(name);
        string Unique(TableModel t, string name, string what)
        {
            if (taken.Add(SchemaModel.Qualify(t.Schema, name))) return name;
            var renamed = $"{t.Name}_{name}";
            for (var n = 2; !taken.Add(SchemaModel.Qualify(t.Schema, renamed)); n++) renamed = $"{t.Name}_{name}_{n}";
            notes.Add($"{what} {name} on {t.QualifiedName} is named {renamed}: {source.Engine.DisplayName()} names {(what == "index" ? "indexes" : what + "s")} per table, " +
                      $"{target.Engine.DisplayName()} per {(what == "foreign key" ? "database" : "schema")}, where another object has its name");
            return renamed;
        }
        return schema with
        {
            Tables = [.. schema.Tables.Select(t => t with
            {
                Uniques = indexes ? [.. t.Uniques.Select(u => u.Name is { } name ? u with { Name = Unique(t, name, "unique key") } : u)] : t.Uniques,
                Indexes = indexes ? [.. (t.Indexes ?? []).Select(i => i with { Name = Unique(t, i.Name, "index") })] : t.Indexes,
                ForeignKeys = foreignKeys ? [.. t.ForeignKeys.Select(f => f.Name is { } name ? f with { Name = Unique(t, name, "foreign key") } : f)] : t.ForeignKeys,
            })],
        };
    }

    /// <summary>
    /// Refuses, before anything is written, names <paramref name="target"/> cannot take as they are (<see cref="SqlDialect.NameProblem"/>):
    /// PostgreSQL cut a 70-character SQLite name to 63 bytes silently (two that share those became one, 42701), and
    /// MySQL/MariaDB refused a name ending in a blank with 1103 or 1166 after the tables before it were created (break test 23 F22, F23).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Names every table, column, index and constraint, with the target's rule.</exception>
    private static void RefuseNamesTheTargetCannotTake(SchemaModel schema, NexuSqlEngine source, SqlDialect target)
    {
        var problems = new List<string>();
        void Ask(string what, string? name, IdentifierKind kind)
        {
            if (name is not null && target.NameProblem(name, kind) is { } why) problems.Add($"{what} ({why})");
        }
        foreach (var t in schema.Tables)
        {
            Ask($"table \"{t.QualifiedName}\"", t.Name, IdentifierKind.Table);
            foreach (var c in t.Columns) Ask($"column \"{t.QualifiedName}\".\"{c.Name}\"", c.Name, IdentifierKind.Column);
            foreach (var u in t.Uniques) Ask($"unique key \"{u.Name}\" on {t.QualifiedName}", u.Name, IdentifierKind.Index);
            foreach (var i in t.Indexes ?? []) Ask($"index \"{i.Name}\" on {t.QualifiedName}", i.Name, IdentifierKind.Index);
            foreach (var f in t.ForeignKeys) Ask($"foreign key \"{f.Name}\" on {t.QualifiedName}", f.Name, IdentifierKind.Index);
            foreach (var k in t.Checks) Ask($"check \"{k.Name}\" on {t.QualifiedName}", k.Name, IdentifierKind.Check);
        }
        if (problems.Count > 0)
            throw new NexuSqlRefusedException(
                $"These {source.DisplayName()} names cannot be created on {target.Engine.DisplayName()} as they are: {string.Join("; ", problems)}. " +
                $"Nothing was written. Rename them in the source, leave their tables out (--tables), or copy to {source.DisplayName()}.");
    }

    /// <summary>
    /// The schema without SQLite's <c>ON CONFLICT</c> clauses of keys and NOT NULL where <paramref name="target"/> has
    /// none (<see cref="SqlDialect.ConflictClauseSql"/>), each named in <paramref name="notes"/> with what the target's
    /// table does otherwise: the rows copied are the same, but an application's INSERT that REPLACE or IGNORE absorbed
    /// fails there (break test 23 F31). ABORT, the default, needs no clause.
    /// </summary>
    internal static SchemaModel WithoutConflictClauses(SchemaModel schema, SqlDialect target, List<string> notes)
    {
        if (target.ConflictClauseSql("ABORT") is not null) return schema;
        static string? Instead(string? algorithm, bool notNull = false) => algorithm?.ToUpperInvariant() switch
        {
            "REPLACE" => notNull ? "taking the column's default" : "replacing the rows it collides with",
            "IGNORE" => "skipping the row",
            "FAIL" => "stopping with the statement's earlier changes kept",
            "ROLLBACK" => "rolling back the whole transaction",
            _ => null,
        };
        var engine = target.Engine.DisplayName();
        void Note(string what, string algorithm, string instead) =>
            notes.Add($"ON CONFLICT {algorithm.ToUpperInvariant()} of {what}: not carried ({engine} has no conflict clause in a table's definition, " +
                      $"so an INSERT or UPDATE that breaks it fails there (its statement undone) instead of {instead})");
        return schema with
        {
            Tables = [.. schema.Tables.Select(t =>
            {
                if (t.PrimaryKey is { OnConflict: { } k } && Instead(k) is { } a) Note($"the primary key of {t.QualifiedName} ({string.Join(", ", t.PrimaryKey.Columns)})", k, a);
                foreach (var u in t.Uniques)
                    if (u.OnConflict is { } x && Instead(x) is { } b) Note($"the unique key of {t.QualifiedName} ({string.Join(", ", u.Columns)})", x, b);
                foreach (var c in t.Columns)
                    if (c.NotNullOnConflict is { } x && Instead(x, notNull: true) is { } b) Note($"NOT NULL of {t.QualifiedName}.{c.Name}", x, b);
                return t with
                {
                    PrimaryKey = t.PrimaryKey is { } pk ? pk with { OnConflict = null } : null,
                    Uniques = [.. t.Uniques.Select(u => u with { OnConflict = null })],
                    Columns = [.. t.Columns.Select(c => c with { NotNullOnConflict = null })],
                };
            })],
        };
    }
}
