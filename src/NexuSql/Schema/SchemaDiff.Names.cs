using NexuSql.Dialects;

namespace NexuSql.Schema;

public static partial class SchemaDiff
{
    /// <summary>
    /// Names of the desired schema that <paramref name="d"/> keeps in one scope (<see cref="NameScopes"/>), each the
    /// second of two: a UNIQUE constraint and a CREATE INDEX of one name, a key named like a table, two constraints of
    /// one name on a table, one foreign-key name on two tables of MariaDB. A SQLite schema file holds them (SQLite keeps
    /// no constraint names apart, and a UNIQUE's index is its own); applied elsewhere the second CREATE failed with 42P07,
    /// 42710, 1061 or 1826, MariaDB's changes before it kept (break test 34 F7). An engine that keeps no constraint names
    /// apart (SQLite) is asked only about its CREATE INDEX names, which it keeps beside tables and views regardless of
    /// case (<c>Ix</c> and <c>ix</c> failed with "index ix already exists", bt43 N-new-11).
    /// </summary>
    internal static IEnumerable<(string What, string Reason)> NameClashes(SchemaModel desired, SqlDialect d)
    {
        var names = NameScopes.For(d, copy: false);
        foreach (var (what, other) in names.TakeRelations(desired))
            yield return (what, $"{other} has that name, and {d.Engine.DisplayName()} names indexes and sequences beside tables and views; rename the table, or name the key, in the file");
        foreach (var t in desired.Tables)
        {
            var named = new List<(NameScopes.Kind Kind, string Name, IReadOnlyList<string> Columns)>();
            if (t.PrimaryKey is { Name: { } pk } key) named.Add((NameScopes.Kind.PrimaryKey, pk, key.Columns));
            // an unnamed unique key is created with NexuSQL's name for it (MySQL/MariaDB gives one a name not taken)
            named.AddRange(t.Uniques.Where(u => u.Name is not null || !d.IndexNamesPerTable).Select(u => (NameScopes.Kind.Unique, u.Name ?? $"{t.Name}_{string.Join("_", u.Columns)}_key", u.Columns)));
            named.AddRange((t.Indexes ?? []).Select(i => (NameScopes.Kind.Index, i.Name, (IReadOnlyList<string>)[.. i.Columns.Select(c => c.Name ?? "")])));
            named.AddRange(t.ForeignKeys.Where(f => f.Name is not null).Select(f => (NameScopes.Kind.ForeignKey, f.Name!, f.Columns)));
            named.AddRange(t.Checks.Where(c => c.Name is not null).Select(c => (NameScopes.Kind.Check, c.Name!, (IReadOnlyList<string>)[])));
            foreach (var (kind, name, columns) in named)
            {
                if (names.Clash(kind, t, name, columns) is { } clash)
                    yield return ($"{NameScopes.Words(kind)} {name} on {t.QualifiedName}", $"{clash.Other} has that name, and {clash.Why}; rename one of them in the file");
                else names.Take(kind, t, name, columns);
            }
        }
    }
}
