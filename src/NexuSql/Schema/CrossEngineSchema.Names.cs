using NexuSql.Dialects;

namespace NexuSql.Schema;

internal static partial class CrossEngineSchema
{
    /// <summary>
    /// The schema with index, unique-key, foreign-key and check names the target can create (<see cref="NameScopes"/>):
    /// MySQL/MariaDB names indexes per table, where PostgreSQL and SQLite name them per schema (beside its tables, views
    /// and sequences, and the relations the target makes by itself: PostgreSQL's <c>t_id_seq</c> and <c>t_pkey</c>,
    /// <see cref="SqlDialect.NamesTakenBy"/>); PostgreSQL and SQLite name foreign keys per table, MySQL/MariaDB per
    /// database; PostgreSQL and MySQL/MariaDB keep a table's constraint names apart, SQLite does not (two UNIQUE, or a
    /// CHECK and a FOREIGN KEY, of one name: 42710, 1061 or 1826 after the rows, break test 34 F2). A name another
    /// object of the target's scope already has — compared regardless of case, as SQLite does, but within a table as
    /// written (two that differ only in case are refused below) — is given its table's name in front (<c>b_by_email</c>),
    /// as pgloader does, and named in <paramref name="notes"/>; it failed the move after the rows with the engine's
    /// "already exists" (break test 23 F24, break test 24 B2, B17). The name NexuSQL gives an unnamed unique key
    /// (<c>t_a_key</c>) is made to fit the target too: PostgreSQL cut a long one to 63 bytes, and two cut to the same
    /// name collided (break test 24 B28).
    /// </summary>
    private static SchemaModel WithNamesTheTargetTakes(SchemaModel schema, SqlDialect source, SqlDialect target, List<string> notes)
    {
        // a source that names foreign keys per database has none of one name
        var foreignKeysPerDatabase = !source.ForeignKeyNamesPerDatabase;
        var names = NameScopes.For(target, copy: true);
        names.TakeRelations(schema);
        // a name of the source stays as it is (one the target cannot take for its length is refused by name below);
        // NexuSQL's own names (generated, or with the table's name in front) are made to fit
        string Unique(TableModel t, string name, NameScopes.Kind kind, IReadOnlyList<string> columns, bool generated = false)
        {
            var what = NameScopes.Words(kind);
            var fitted = generated ? Fit(name, target) : name;
            if (names.Clash(kind, t, fitted, columns, foreignKeysPerDatabase) is not { } clash)
            {
                names.Take(kind, t, fitted, columns, foreignKeysPerDatabase);
                if (fitted != name) notes.Add($"{what} {name} on {t.QualifiedName} is named {fitted}: {Why(name)}");
                return fitted;
            }
            var renamed = Fit($"{t.Name}_{name}", target);
            for (var n = 2; names.Clash(kind, t, renamed, columns, foreignKeysPerDatabase) is not null; n++) renamed = Fit($"{t.Name}_{name}_{n}", target);
            names.Take(kind, t, renamed, columns, foreignKeysPerDatabase);
            var other = clash.Other.EndsWith($" on {t.QualifiedName}", StringComparison.Ordinal) ? "its " + clash.Other[..^$" on {t.QualifiedName}".Length] : clash.Other;
            notes.Add($"{what} {name} on {t.QualifiedName} is named {renamed}: " + (other.StartsWith("its ", StringComparison.Ordinal)
                ? $"{clash.Why}, and {other} has that name"
                : source.IndexNamesPerTable || kind == NameScopes.Kind.ForeignKey
                ? $"{source.Engine.DisplayName()} names {(kind == NameScopes.Kind.Index ? "indexes" : what + "s")} per table, {target.Engine.DisplayName()} per {(kind == NameScopes.Kind.ForeignKey ? "database" : "schema")}, where another object has its name"
                : $"on {target.Engine.DisplayName()} another object of the schema has that name{(target.RelationNamesIgnoreCase ? " (names that differ only in case are one name there)" : "")}"));
            return renamed;
        }
        string Why(string name) => $"{target.NameProblem(name, IdentifierKind.Index)}";
        // an unnamed unique key gets NexuSQL's name for it on the target (SqlDialect.AddUniqueSql): named here only when
        // that name would not fit or is taken; where indexes are named per table (MySQL/MariaDB) only when it would not
        // fit (bt41 F24: a 58-character SQLite table's key failed with 1059 after the rows, and --resume the same way)
        KeyModel NameUnique(TableModel t, KeyModel u)
        {
            if (u.Name is { } name) return u with { Name = Unique(t, name, NameScopes.Kind.Unique, u.Columns) };
            var generated = $"{t.Name}_{string.Join("_", u.Columns)}_key";
            if (target.IndexNamesPerTable)
                return Fit(generated, target) == generated ? u : u with { Name = Unique(t, generated, NameScopes.Kind.Unique, u.Columns, generated: true) };
            if (Fit(generated, target) == generated && names.Clash(NameScopes.Kind.Unique, t, generated, u.Columns) is null)
            {
                names.Take(NameScopes.Kind.Unique, t, generated, u.Columns);
                return u;
            }
            return u with { Name = Unique(t, generated, NameScopes.Kind.Unique, u.Columns, generated: true) };
        }
        return schema with
        {
            Tables = [.. schema.Tables.Select(t =>
            {
                // a named primary key keeps its name: the others make way for it
                if (t.PrimaryKey is { Name: { } pk }) names.Take(NameScopes.Kind.PrimaryKey, t, pk, t.PrimaryKey.Columns);
                return t with
                {
                    Uniques = [.. t.Uniques.Select(u => NameUnique(t, u))],
                    Indexes = [.. (t.Indexes ?? []).Select(i => i with { Name = Unique(t, i.Name, NameScopes.Kind.Index, [.. i.Columns.Select(c => c.Name ?? "")]) })],
                    ForeignKeys = [.. t.ForeignKeys.Select(f => f.Name is { } name ? f with { Name = Unique(t, name, NameScopes.Kind.ForeignKey, f.Columns) }
                        // an unnamed one the engine would name too long for itself (InnoDB's t_ibfk_1) is named, fitted
                        : target.GeneratedForeignKeyName(t.Name, t.ForeignKeys.Where(g => g.Name is null).ToList().IndexOf(f) + 1) is { } own && Fit(own, target) != own
                            ? f with { Name = Unique(t, own, NameScopes.Kind.ForeignKey, f.Columns, generated: true) } : f)],
                    Checks = [.. t.Checks.Select(k => k.Name is { } name ? k with { Name = Unique(t, name, NameScopes.Kind.Check, []) } : k)],
                };
            })],
        };
    }

    /// <summary>
    /// <paramref name="name"/>, or where the target cannot take it for its length, its start and 8 hex digits of a hash
    /// of the whole (two long names that share a start stay two names).
    /// </summary>
    private static string Fit(string name, SqlDialect target)
    {
        if (target.NameProblem(name, IdentifierKind.Index) is null || name.Length < 10) return name;
        var hash = "_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..8];
        var start = name.Length - hash.Length;
        while (start > 0 && target.NameProblem(name[..start] + hash, IdentifierKind.Index) is not null) start--;
        // never cut a character in two
        if (start > 0 && char.IsLowSurrogate(name[start])) start--;
        return start == 0 ? name : name[..start] + hash;
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
            if (target.ConstraintNamesIgnoreCase)
            {
                foreach (var same in t.Checks.Where(k => k.Name is not null).GroupBy(k => k.Name!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                    problems.Add($"checks {string.Join(" and ", same.Select(k => $"\"{k.Name}\""))} on {t.QualifiedName} (names that differ only in case, one name on {target.Engine.DisplayName()})");
                // unique keys and indexes share one name space per table there (break test 25 F19: error 1061 after the rows)
                foreach (var same in t.Uniques.Select(u => u.Name).Concat((t.Indexes ?? []).Select(i => i.Name)).OfType<string>()
                             .GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1 && g.Distinct(StringComparer.Ordinal).Count() > 1))
                    problems.Add($"indexes {string.Join(" and ", same.Select(n => $"\"{n}\""))} on {t.QualifiedName} (names that differ only in case, one name on {target.Engine.DisplayName()})");
            }
        }
        if (target.RelationNamesIgnoreCase)
            foreach (var same in schema.Tables.Select(t => (What: "table", Name: t.QualifiedName)).Concat(schema.Views.Select(v => (What: "view", Name: v.QualifiedName)))
                         .GroupBy(x => x.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1 && g.Any(x => x.What == "view")))
                problems.Add($"{string.Join(" and ", same.Select(x => $"{x.What} \"{x.Name}\""))} (names that differ only in case, one name on {target.Engine.DisplayName()})");
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
