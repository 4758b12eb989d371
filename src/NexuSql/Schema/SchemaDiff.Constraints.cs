using NexuSql.Dialects;

namespace NexuSql.Schema;

public static partial class SchemaDiff
{
    /// <summary>
    /// The table's unique constraints and foreign keys that <paramref name="d"/> could only create weaker, each named as
    /// <c>unique uq_c on u (c) NULLS NOT DISTINCT</c> or <c>foreign key fk1 on c (a, b) → p MATCH FULL</c>: a plain
    /// unique, or a <c>MATCH SIMPLE</c> key, takes rows the source refuses; <c>ON DELETE SET NULL</c> without its column
    /// list nulls more columns than the source does; <c>SET DEFAULT</c> where the engine keeps NO ACTION refuses the
    /// parent's DELETE or UPDATE.
    /// </summary>
    internal static IEnumerable<string> WeakerConstraints(TableModel t, SqlDialect d)
    {
        if (!d.Indexes.NullsNotDistinct)
            foreach (var u in t.Uniques.Where(u => u.NullsNotDistinct))
                yield return $"unique{(u.Name is null ? "" : " " + u.Name)} on {t.Name} ({string.Join(", ", u.Columns)}) NULLS NOT DISTINCT";
        foreach (var f in t.ForeignKeys)
        {
            var what = $"foreign key{(f.Name is null ? "" : " " + f.Name)} on {t.Name} ({string.Join(", ", f.Columns)}) → {f.ReferencedTable}";
            // for one column MATCH FULL and MATCH SIMPLE take the same rows
            if (f.MatchFull && f.Columns.Count > 1 && !d.ForeignKeyMatchFull) yield return what + " MATCH FULL";
            if (!d.ForeignKeyActionColumns && SchemaScript.OnDeleteColumns(f) is { } set)
                yield return $"{what} ON DELETE {f.OnDelete.ToUpperInvariant()} ({string.Join(", ", set)})";
            // InnoDB keeps NO ACTION for SET DEFAULT: the parent's DELETE is refused where the source sets the default (bt35 H3)
            if (!d.ForeignKeySetDefault)
                foreach (var (on, action) in new[] { ("DELETE", f.OnDelete), ("UPDATE", f.OnUpdate) })
                    if (string.Equals(action?.Trim(), "SET DEFAULT", StringComparison.OrdinalIgnoreCase)) yield return $"{what} ON {on} SET DEFAULT";
        }
    }

    /// <summary>
    /// Why <paramref name="d"/> cannot create <paramref name="fk"/> of <paramref name="t"/> to <paramref name="parent"/>
    /// as the file says it, or null: the referenced columns are no key the engine references (<see cref="SqlDialect.ReferencedKeyProblem"/>),
    /// or a column's type cannot reference the other's there (<see cref="SqlDialect.ForeignKeyTypeProblem"/>, integers of
    /// two widths where <see cref="SqlDialect.ForeignKeysNeedSameIntegerType"/>). A SQLite schema file holds such keys,
    /// which failed with the engine's 42830 or errno 150 when the plan ran (break test 34 F7).
    /// </summary>
    internal static string? ForeignKeyProblem(TableModel t, ForeignKeyModel fk, TableModel parent, SqlDialect d)
    {
        if (d.ReferencedKeyProblem(parent, fk.ReferencedColumns) is { } key) return key + "; change the file, or drop the foreign key";
        for (var i = 0; i < fk.Columns.Count && i < fk.ReferencedColumns.Count; i++)
        {
            if (Column(t, fk.Columns[i], NameRules.For(d)) is not { } column || Column(parent, fk.ReferencedColumns[i], NameRules.For(d)) is not { } referenced) continue;
            var why = d.ForeignKeyTypeProblem(column.Type, referenced.Type);
            if (why is null && d.ForeignKeysNeedSameIntegerType && column.Type.Kind != referenced.Type.Kind
                && column.Type.Kind is PortableType.Int16 or PortableType.Int32 or PortableType.Int64 && referenced.Type.Kind is PortableType.Int16 or PortableType.Int32 or PortableType.Int64)
                why = $"{d.Engine.DisplayName()} makes a foreign key only between integers of one width (errno 150)";
            if (why is not null)
                return $"{t.QualifiedName}.{column.Name} is {column.Type} and {parent.QualifiedName}.{referenced.Name} {referenced.Type}: {why}; give both columns one type in the file";
        }
        return null;
    }

    /// <summary>
    /// The model without what <paramref name="d"/> cannot express of unique constraints and foreign keys: what would
    /// be weaker is refused by name in Plan (<see cref="WeakerConstraints"/>); a one-column MATCH FULL means MATCH SIMPLE,
    /// a NO INHERIT or NOT VALID check a plain one, and index storage parameters nothing, where the engine has none.
    /// </summary>
    private static SchemaModel FoldConstraints(SchemaModel model, SqlDialect d)
    {
        // storage parameters tune storage only: an engine without them creates the index without, so none differ
        if (!d.Indexes.StorageParameters)
            model = model with
            {
                Tables = [.. model.Tables.Select(t => t.Indexes.All(i => i.StorageParameters is null) ? t
                    : t with { Indexes = [.. t.Indexes.Select(i => i with { StorageParameters = null })] })],
            };
        // an IGNORED index where the engine has none is created as an ordinary one (named by copy and restore)
        if (!d.Indexes.Ignored)
            model = model with
            {
                Tables = [.. model.Tables.Select(t => t.Indexes.All(i => !i.Ignored) ? t : t with { Indexes = [.. t.Indexes.Select(i => i with { Ignored = false })] })],
            };
        // a key's INCLUDE columns where keys take none: the key allows the same rows
        if (!d.Indexes.KeyInclude)
            model = model with
            {
                Tables = [.. model.Tables.Select(t => t.PrimaryKey?.Include is null && t.Uniques.All(u => u.Include is null) ? t
                    : t with { PrimaryKey = t.PrimaryKey is { } pk ? pk with { Include = null } : null, Uniques = [.. t.Uniques.Select(u => u with { Include = null })] })],
            };
        // a key's DESC columns where keys have no order (PostgreSQL): the key is the same constraint
        if (!d.DescendingKeyParts)
            model = model with
            {
                Tables = [.. model.Tables.Select(t => t.PrimaryKey?.Descending is null && t.Uniques.All(u => u.Descending is null) ? t
                    : t with { PrimaryKey = t.PrimaryKey is { } pk ? pk with { Descending = null } : null, Uniques = [.. t.Uniques.Select(u => u with { Descending = null })] })],
            };
        if (d.Indexes.NullsNotDistinct && d.ForeignKeyMatchFull && d.ForeignKeyActionColumns && d.CheckNoInherit && d.NotValidConstraints && !d.ForeignKeyRestrictIsNoAction) return model;
        // RESTRICT where the engine makes it NO ACTION (MariaDB reads both back as one): a file's RESTRICT is what the database holds
        string Action(string action) => d.ForeignKeyRestrictIsNoAction && action.Trim().Equals("RESTRICT", StringComparison.OrdinalIgnoreCase) ? "NO ACTION" : action;
        return model with
        {
            Tables = [.. model.Tables.Select(t => t with
            {
                Checks = [.. t.Checks.Select(c => c with { NoInherit = c.NoInherit && d.CheckNoInherit, NotValid = c.NotValid && d.NotValidConstraints })],
                Uniques = d.Indexes.NullsNotDistinct ? t.Uniques : [.. t.Uniques.Select(u => u with { NullsNotDistinct = false })],
                ForeignKeys = [.. t.ForeignKeys.Select(f => f with
                {
                    MatchFull = f.MatchFull && d.ForeignKeyMatchFull,
                    OnDeleteColumns = d.ForeignKeyActionColumns ? f.OnDeleteColumns : null,
                    NotValid = f.NotValid && d.NotValidConstraints,
                    OnDelete = Action(f.OnDelete),
                    OnUpdate = Action(f.OnUpdate),
                })],
            })],
        };
    }

    /// <summary><c> NULLS NOT DISTINCT</c>, <c> MATCH FULL</c>, <c> ON DELETE SET NULL (a)</c> as a plan describes a key that has them.</summary>
    private static string Describe(KeyModel u) =>
        (u.NullsNotDistinct ? " NULLS NOT DISTINCT" : "") + (u.Include is { Count: > 0 } include ? $" INCLUDE ({string.Join(", ", include)})" : "");

    private static string Describe(CheckModel c) => $"({c.Expression}){(c.NoInherit ? " NO INHERIT" : "")}{(c.NotValid ? " NOT VALID" : "")}";

    private static string Describe(ForeignKeyModel f) =>
        (f.MatchFull ? " MATCH FULL" : "") + (SchemaScript.OnDeleteColumns(f) is { } set ? $" ON DELETE {f.OnDelete.ToUpperInvariant()} ({string.Join(", ", set)})" : "")
        + (f.NotValid ? " NOT VALID" : "");

    /// <summary>The same columns set by <c>ON DELETE SET NULL/DEFAULT</c> (none named: every key column).</summary>
    private static bool SameActionColumns(ForeignKeyModel a, ForeignKeyModel b) =>
        (SchemaScript.OnDeleteColumns(a), SchemaScript.OnDeleteColumns(b)) is var (x, y) && (x is null ? y is null : y is not null && x.SequenceEqual(y, StringComparer.OrdinalIgnoreCase));
}
