namespace NexuSql.Schema;

public sealed partial record SchemaModel
{
    /// <summary>
    /// Every column a primary key, unique key, index (key or INCLUDE part) or foreign key names is a column of its table
    /// (and, for a foreign key to a table the file defines, of the referenced table): otherwise a plan would be written and
    /// the engine would refuse it half-way. Compared case-insensitively, so no engine's spelling is refused.
    /// </summary>
    /// <exception cref="FormatException">The first column that is not there, with its JSON path, table and column.</exception>
    private static void CheckColumnReferences(IReadOnlyList<TableModel> tables)
    {
        for (var k = 0; k < tables.Count; k++)
        {
            var t = tables[k];
            var at = $"$.tables[{k}]";
            if (t.PrimaryKey is { } pk) Check(t, pk.Columns, $"{at}.primaryKey.columns", $"the primary key of table {t.Name}");
            for (var u = 0; u < (t.Uniques ?? []).Count; u++) Check(t, t.Uniques![u].Columns, $"{at}.uniques[{u}].columns", $"a unique key of table {t.Name}");
            for (var i = 0; i < (t.Indexes ?? []).Count; i++)
            {
                var index = t.Indexes![i];
                // an expression part names no column of its own
                Check(t, [.. index.Columns.Select(c => c.Expression is null ? c.Name : null)], $"{at}.indexes[{i}].columns", $"index {index.Name} of table {t.Name}", "].name");
                if (index.Include is { } include) Check(t, include, $"{at}.indexes[{i}].include", $"index {index.Name} of table {t.Name}");
            }
            for (var f = 0; f < (t.ForeignKeys ?? []).Count; f++)
            {
                var fk = t.ForeignKeys![f];
                Check(t, fk.Columns, $"{at}.foreignKeys[{f}].columns", $"a foreign key of table {t.Name}");
                // the exact name first: PostgreSQL may hold "Users" and users side by side; in its schema (bt49 M2: app.film
                // was looked up as public.film, which has other columns, and the file was refused)
                var parent = tables.FirstOrDefault(r => r.QualifiedName == fk.QualifiedReferencedTable)
                    ?? OnlyOne(tables, r => string.Equals(r.QualifiedName, fk.QualifiedReferencedTable, StringComparison.OrdinalIgnoreCase))
                    ?? (fk.ReferencedSchema is not null ? null : tables.FirstOrDefault(r => r.Name == fk.ReferencedTable)
                        ?? OnlyOne(tables, r => string.Equals(r.Name, fk.ReferencedTable, StringComparison.OrdinalIgnoreCase)));
                if (parent is not null)
                    Check(parent, fk.ReferencedColumns, $"{at}.foreignKeys[{f}].referencedColumns", $"a foreign key of table {t.Name} (to {parent.Name})");
            }
        }
    }

    private static TableModel? OnlyOne(IReadOnlyList<TableModel> tables, Func<TableModel, bool> match) =>
        tables.Where(match).Take(2).ToList() is [var only] ? only : null;

    private static void Check(TableModel owner, IReadOnlyList<string?>? names, string path, string subject, string suffix = "]")
    {
        if (names is null) throw new FormatException($"The schema file is not valid at {path}: {subject} has no \"columns\".");
        for (var n = 0; n < names.Count; n++)
        {
            if (names[n] is not { } name || owner.Columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))) continue;
            throw new FormatException($"The schema file is not valid at {path}[{n}{suffix}: {subject} names column \"{name}\", which table {owner.Name} does not have " +
                $"(its columns: {string.Join(", ", owner.Columns.Select(c => c.Name))}).");
        }
    }
}
