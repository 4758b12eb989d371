using NexuSql.Dialects;

namespace NexuSql.Schema;

/// <summary>
/// Columns of a PostgreSQL enum type (<c>CREATE TYPE order_status AS ENUM (...)</c>) into an engine without enum types
/// (break test 31 B2: refused as "no equivalent", though status enums are in most PostgreSQL applications). The values
/// are the labels' text, so the column becomes a text column as long as the longest label that takes exactly those
/// labels: declared as the target's own enum column type where it has one (<see cref="SqlDialect.EnumColumnTypeSql"/>:
/// MariaDB's <c>ENUM('a','b')</c>, the same labels in the same order, compared by code point), otherwise with a check
/// <c>col IN ('a', 'b')</c> (SQLite), the form NexuSQL creates for a varchar column with such a check. Each is named in the
/// notes. The mirror of <see cref="MySqlTypesInPostgreSql"/> (MariaDB's ENUM into PostgreSQL as an enum type).
/// </summary>
internal static class EnumColumns
{
    /// <summary>
    /// <paramref name="schema"/> with every column of one of its enum types carried as above, and the enum types no column
    /// uses any longer left out. An array of an enum type stays as it is (refused with the other engine-native columns).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Labels the target's enum column type would change (MariaDB drops trailing spaces), each named by table and column.</exception>
    public static SchemaModel Translate(SchemaModel schema, SqlDialect source, SqlDialect target, List<string> notes)
    {
        if (target.SupportsEnumTypes || schema.Enums is not { Count: > 0 } enums) return schema;
        var byName = enums.ToDictionary(e => e.QualifiedName, StringComparer.OrdinalIgnoreCase);
        EnumTypeModel? EnumOf(ColumnModel c) =>
            c.Type.Kind == PortableType.Native && c.Type.Native is { } native && !native.TrimEnd().EndsWith("]", StringComparison.Ordinal)
            && byName.TryGetValue(UserTypes.Element(native), out var e) ? e : null;
        var refused = schema.Tables.SelectMany(t => t.Columns.Select(c => EnumOf(c) is { } e && target.EnumColumnTypeSql(e.Values) is not null
                && target.EnumLabelsProblem(e.Values) is { } why ? $"{t.Name}.{c.Name} ({e.QualifiedName}: {why})" : null)).OfType<string>().ToList();
        // an expression comparing an enum by its order (v <= 'mid' reads the labels' positions in PostgreSQL) would
        // compare the label text in the target: a check, generated column or partial index of another meaning (break test 32 F16)
        refused.AddRange(schema.Tables.SelectMany(t => t.Columns.Where(c => EnumOf(c) is not null).SelectMany(c => Expressions(t)
            .Where(x => ComparesByOrder(x.Sql, c.Name, EnumOf(c)!.Name))
            .Select(x => $"{t.Name}.{c.Name} ({x.What} compares enum {EnumOf(c)!.QualifiedName} by its order, which {target.Engine.DisplayName()} would compare as text)"))));
        if (refused.Count > 0)
            throw new NexuSqlRefusedException(
                $"These {source.Engine.DisplayName()} enum columns cannot be created on {target.Engine.DisplayName()} with the same labels: {string.Join("; ", refused)}. " +
                $"Nothing was written. Rename the labels in the source, leave their tables out (--tables), or copy to {source.Engine.DisplayName()}.");
        var tables = schema.Tables.Select(t =>
        {
            var checks = t.Checks.ToList();
            var columns = t.Columns.Select(c =>
            {
                if (EnumOf(c) is not { } e) return c;
                var text = new ColumnType(PortableType.String, Length: Math.Max(1, e.Values.Max(l => l.Length)));
                if (target.EnumColumnTypeSql(e.Values) is { } declared)
                {
                    notes.Add($"{t.Name}.{c.Name}: enum type {e.QualifiedName} created as {declared} (the same labels in the same order)");
                    return c with { Type = text, EngineType = new EngineColumnType(target.Engine, declared), Collation = null };
                }
                // written in the source's SQL: the checks are translated for the target after this, as the source's own are
                var name = MySqlTypesInPostgreSql.FreeName($"{t.Name}_{c.Name}_check",
                    checks.Select(k => k.Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase));
                var labels = string.Join(", ", e.Values.Select(l => "'" + l.Replace("'", "''", StringComparison.Ordinal) + "'"));
                checks.Add(new CheckModel(name, $"{source.QuoteIdentifier(c.Name)} IN ({labels})"));
                notes.Add($"{t.Name}.{c.Name}: enum type {e.QualifiedName} created as text with the check {name} (its labels; {target.Engine.DisplayName()} sorts the " +
                    "values as text, not in the labels' order)");
                return c with { Type = new ColumnType(PortableType.Text), EngineType = null, Collation = null };
            }).ToList();
            return t with { Columns = columns, Checks = checks };
        }).ToList();
        var stillUsed = tables.SelectMany(t => t.Columns).Where(c => c.Type.Kind == PortableType.Native && c.Type.Native is not null)
            .Select(c => UserTypes.Element(c.Type.Native!)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var left = enums.Where(e => stillUsed.Contains(e.QualifiedName)).ToList();
        return schema with { Tables = tables, Enums = left.Count > 0 ? left : null };
    }

    /// <summary>
    /// MariaDB's ENUM columns into SQLite (break test 32 F21: refused as "no equivalent" while a PostgreSQL enum went):
    /// text with the check <c>col IN ('a', 'b')</c> of its labels, as <see cref="Translate"/> carries a PostgreSQL enum, each
    /// named. The values are the labels; the ENUM error value (index 0) is none of them and is refused by key
    /// (<see cref="SqliteDialect.ValueProblem(object?, ColumnType)"/>). SET stays refused (a set of labels in one value).
    /// </summary>
    /// <param name="schema">The schema read from MariaDB.</param>
    /// <param name="target">The target's dialect.</param>
    /// <param name="notes">Receives each column carried so.</param>
    /// <param name="checks">
    /// Receives the checks, by table, in the target's SQL: added after the source's checks are translated (a text IN under
    /// MariaDB's default collation does not translate, but the labels are compared exactly here, as the column holds them).
    /// </param>
    public static SchemaModel FromMySql(SchemaModel schema, SqlDialect target, List<string> notes, List<(string Table, CheckModel Check)> checks)
    {
        if (target.Engine != NexuSqlEngine.Sqlite) return schema;
        return schema with
        {
            Tables = [.. schema.Tables.Select(t =>
            {
                var taken = t.Checks.Select(k => k.Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
                var columns = t.Columns.Select(c =>
                {
                    if (c.Type.Kind != PortableType.Native || MySqlDialect.EnumLabels(c.Type.Native) is not { } labels) return c;
                    var name = MySqlTypesInPostgreSql.FreeName($"{t.Name}_{c.Name}_check", taken);
                    taken.Add(name);
                    var list = string.Join(", ", labels.Select(l => "'" + l.Replace("'", "''", StringComparison.Ordinal) + "'"));
                    checks.Add((t.QualifiedName, new CheckModel(name, $"{target.QuoteIdentifier(c.Name)} IN ({list})")));
                    notes.Add($"{t.Name}.{c.Name}: {c.Type.Native} created as text with the check {name} (its labels; {target.Engine.DisplayName()} sorts the " +
                        "values as text, not in the labels' order)");
                    // it keeps its MariaDB type, read at the source as MariaDB reads it (by its index where '' is a label, so that
                    // the error value is not read as that label), and is declared TEXT; the labels are the values: the
                    // column's collation has nothing left to compare (as for an enum type)
                    return c with { EngineType = new EngineColumnType(NexuSqlEngine.Sqlite, "TEXT"), Collation = null };
                }).ToList();
                return t with { Columns = columns };
            })],
        };
    }

    /// <summary>The expressions of <paramref name="t"/> that keep a meaning of their own in the target: checks, generated columns, partial-index predicates.</summary>
    private static IEnumerable<(string What, string Sql)> Expressions(TableModel t) =>
        t.Checks.Concat(t.Columns.Select(c => c.Check).OfType<CheckModel>()).Select(k => ($"check {k.Name ?? "(unnamed)"}", k.Expression))
            .Concat(t.Columns.Where(c => c.Generated is not null).Select(c => ($"generated column {c.Name}", c.Generated!.Expression)))
            .Concat(t.Indexes.Where(i => i.Where is not null).Select(i => ($"the predicate of index {i.Name}", i.Where!)));

    /// <summary>
    /// <paramref name="sql"/> orders <paramref name="column"/>, or a literal cast to enum type <paramref name="type"/>
    /// (PostgreSQL writes <c>'mid'::sev</c>), with <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> or BETWEEN
    /// (<c>&lt;&gt;</c> and <c>=</c> compare labels alike everywhere).
    /// </summary>
    internal static bool ComparesByOrder(string sql, string column, string type)
    {
        var operand = $@"(?:""?{System.Text.RegularExpressions.Regex.Escape(column)}""?(?![\w""])|'(?:[^']|'')*'::(?:""?\w+""?\.)?""?{System.Text.RegularExpressions.Regex.Escape(type)}""?(?![\w""]))";
        return System.Text.RegularExpressions.Regex.IsMatch(sql,
            $@"(?<![\w""]){operand}\s*(?:<=|>=|<(?!>)|>|(?:NOT\s+)?BETWEEN\b)|(?:<=|>=|(?<!<)>|<)\s*{operand}", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }
}
