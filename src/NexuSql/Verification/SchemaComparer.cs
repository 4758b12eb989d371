using System.Text.Json;
using System.Text.Json.Nodes;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Verification;

/// <summary>
/// The schema check of <c>verify --against</c>: the two databases' schemas, object by object. Between two databases of
/// one engine the whole schema model is compared (every table's columns with their types, defaults, identity and
/// generation, keys, foreign keys, indexes, checks and engine options; views with their options, sequences, routines,
/// triggers, rules, policies, types and database settings), each read the same way from its engine, so a copy or
/// restore that left out a primary key, a view or a trigger — or a database changed behind the tool's back — is a
/// difference by name. Between two engines, whose schemas spell the same thing differently, the structure a copy
/// carries is compared: tables, their columns (order, portable type, nullability), primary keys, unique keys (a unique
/// constraint or a unique index on the same columns) and foreign keys with their actions. Column order is compared
/// on both: <c>INSERT</c> without a column list and <c>SELECT *</c> go by position. Extensions are not compared as such: the model holds those whose types or
/// functions the schema uses, so a difference shows where they are used.
/// </summary>
internal static class SchemaComparer
{
    private const string Separator = "\u001f";

    /// <summary>One line per difference, with the table it concerns where there is one.</summary>
    /// <param name="first">The database verified.</param>
    /// <param name="second">The database it is compared with.</param>
    /// <param name="tables">Only these tables (and their triggers, rules and policies); null for the whole schema.</param>
    /// <param name="withPresence">
    /// Whether tables and columns that only one side has are named here (false when the data check runs, which names them).
    /// </param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<IReadOnlyList<(string Message, string? Table)>> CompareAsync(NexuSqlDatabase first, NexuSqlDatabase second,
        IReadOnlyList<string>? tables, bool withPresence, CancellationToken cancellationToken)
    {
        var sameEngine = first.Engine == second.Engine;
        var own = SchemaModel.OwnTables();
        // one engine: every schema (pg_dump's scope); two engines: the current schema, the one a copy carries
        var a = (await first.Provider.ReadSchemaAsync(first, allSchemas: sameEngine, cancellationToken).ConfigureAwait(false)).WithoutTables(own);
        SchemaModel b;
        await using (var relative = sameEngine ? await InSameCurrentSchemaAsync(first, second, cancellationToken).ConfigureAwait(false) : null)
            b = (await second.Provider.ReadSchemaAsync(relative ?? second, allSchemas: sameEngine, cancellationToken).ConfigureAwait(false)).WithoutTables(own);
        // partitions are compared inside their partitioned table where the other engine has no partitioning (as copied)
        (a, b) = (CrossEngineSchema.ComparedWith(a, second.Dialect), CrossEngineSchema.ComparedWith(b, first.Dialect));
        var (wholeA, wholeB) = (a, b);
        if (tables is { Count: > 0 })
        {
            a = Only(a, tables, first.Dialect);
            b = Only(b, tables, second.Dialect);
        }
        var found = new List<(string, string?)>();
        var comparer = new Walker(found, withPresence, sameEngine ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        if (sameEngine)
        {
            // an unnamed check is written with the name NexuSQL gives it (SchemaScript.CheckName): compared by that name on
            // both sides, a faithful copy's named check is the source's unnamed one (break test 26 G24)
            a = WithCheckNames(a);
            b = WithFirstSpellings(WithCheckNames(b), a);
            comparer.Objects(JsonNode.Parse(a.ToJson())!.AsObject(), JsonNode.Parse(b.ToJson())!.AsObject(), "", null);
            // what the model does not hold (a contentless full-text table, extended statistics, a view's ALGORITHM) is
            // read as a description: one that only one side has is a difference too (break test 25 F6, F14, F17)
            // with --tables, of those only the privileges given on the chosen tables and on the sequences and routines that
            // go along (bt40 N-H9: a REVOKE on a chosen table was "OK"), read from the whole models (Only keeps no LeftOut)
            var chosen = tables is { Count: > 0 } ? PrivilegeEntries(a, b) : null;
            var (fromA, fromB) = chosen is null ? (a, b) : (wholeA, wholeB);
            {
                // (what an account is not shown is named below as not compared, whatever the other side's account sees)
                var (leftA, leftB) = (fromA.LeftOut.Except(fromA.NotRead.Select(x => x.What)).Where(x => chosen is null || chosen(x)).ToList(),
                    fromB.LeftOut.Except(fromB.NotRead.Select(x => x.What)).Where(x => chosen is null || chosen(x)).ToList());
                found.AddRange(leftA.Except(leftB, StringComparer.Ordinal).Select(x => ($"only in the first database (not in the schema model): {x}", (string?)null)));
                found.AddRange(leftB.Except(leftA, StringComparer.Ordinal).Select(x => ($"only in the second database (not in the schema model): {x}", (string?)null)));
                // and one both have, by its definition where the engine gives one (break test 26 G20)
                foreach (var entry in leftA.Intersect(leftB, StringComparer.Ordinal))
                    if (fromA.LeftOutDefinitions?.GetValueOrDefault(entry) is { } x && fromB.LeftOutDefinitions?.GetValueOrDefault(entry) is { } y && x != y)
                        found.Add(($"{entry}: differs (not in the schema model): {Walker.Show(JsonValue.Create(x))} in the first database, {Walker.Show(JsonValue.Create(y))} in the second", null));
            }
        }
        else
        {
            // a domain's NOT NULL is its column's on an engine without domains, as a copy makes it (bt50 M7: "nullable: true in
            // the first database, false in the second" after every copy of a NOT NULL domain's column)
            static SchemaModel Flat(SchemaModel x, SqlDialect other) => other.SupportsDomains ? x : CrossEngineSchema.WithoutDomains(x, other, [], [], sourceSpelling: true);
            comparer.Objects(Structure(Flat(a, second.Dialect), b, first.Dialect, second.Dialect), Structure(Flat(b, first.Dialect), a, second.Dialect, first.Dialect), "", null);
            // made for the second engine, or — where the first's schema does not translate to it (a PostgreSQL numeric
            // without precision into SQLite, read back from SQLite's own) — the second's made for the first
            // (with the types the chosen tables' columns may use: without its enum type a --tables choice did not
            // translate, and only the structure was compared; bt37 H2)
            // (collations left out: a key's is compared below, by what it takes for one key; on a key it made the table
            // translate neither way, and its checks, defaults and indexes went uncompared)
            static SchemaModel Typed(SchemaModel x, SchemaModel whole) => x with
            {
                Enums = whole.Enums, Domains = whole.Domains, Composites = whole.Composites, Extensions = whole.Extensions,
                Tables = [.. x.Tables.Select(t => t with { Collation = null, Columns = [.. t.Columns.Select(c => c with { Collation = null })] })],
            };
            var (ta, tb) = (Typed(a, wholeA), Typed(b, wholeB));
            var planned = PlannedDifferences(ta, tb, first.Engine, second.Dialect, "first", "second") ?? PlannedDifferences(tb, ta, second.Engine, first.Dialect, "second", "first")
                ?? PlannedByTable(ta, tb, first.Dialect, second.Dialect);
            found.AddRange(planned.Distinct(StringComparer.Ordinal).Select(x => (x, (string?)null)));
            found.AddRange(Inexpressible(a, b, first.Dialect, second.Dialect));
            found.AddRange(KeyCollationDifferences(a, b, first.Dialect, second.Dialect));
            found.AddRange(ForeignKeyBlankDifferences(a, b, first.Dialect, second.Dialect));
        }
        // what an account could not read is not "OK" (bt37 H5: functions that differ, read by an account that sees only
        // its own routines): named, with the tables it concerns where --tables chose some
        foreach (var (side, whole) in new[] { ("first", wholeA), ("second", wholeB) })
            foreach (var (what, on) in whole.NotRead.Concat(whole.Unreadable.Select(u => (u.Why, (IReadOnlyList<string>?)[u.Name]))))
                if (tables is not { Count: > 0 } || on is not null && on.Intersect(tables, StringComparer.OrdinalIgnoreCase).Any())
                    found.Add(($"not compared, as the {side} database's account cannot read them: {what}", null));
        return found;
    }

    /// <summary>
    /// <paramref name="second"/> opened with <paramref name="first"/>'s current schema, where the two differ (a search path
    /// naming <c>sales</c> first, in the database's settings or the URL) and the second has that schema; else null. A
    /// schema model names objects relative to the current schema (none for it, the schema for any other), so the two were
    /// compared relative to different ones (bt41 F2: hr.q's foreign key to sales.p was "referenced schema: 'sales' in the
    /// first database, none in the second", and with the schema check alone sales.p and public.p were each "only in" one).
    /// </summary>
    private static async Task<NexuSqlDatabase?> InSameCurrentSchemaAsync(NexuSqlDatabase first, NexuSqlDatabase second, CancellationToken cancellationToken)
    {
        if (!first.Dialect.Capabilities.Schemas || second.Url is not { } url) return null;
        var currentA = await first.ExecuteScalarAsync<string?>(first.Dialect.CurrentSchemaSql, cancellationToken: cancellationToken).ConfigureAwait(false);
        var currentB = await second.ExecuteScalarAsync<string?>(second.Dialect.CurrentSchemaSql, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (currentA is null || currentB is null || string.Equals(currentA, currentB, StringComparison.Ordinal)) return null;
        // (one the second database does not have would leave it no current schema: compared as it is, the difference shows)
        if (!(await second.Provider.OtherSchemasAsync(second, cancellationToken).ConfigureAwait(false)).Contains(currentA, StringComparer.Ordinal)) return null;
        return NexuSqlDatabase.Open(second.Provider.UrlInSchema(url, currentA), second.Options);
    }

    /// <summary>
    /// <see cref="PlannedDifferences"/> where neither schema translates to the other engine as a whole: one object on each
    /// side that does not (a PostgreSQL <c>interval</c> column, a SQLite generated column calling <c>upper()</c>) left
    /// every check, default, index, generated column, view and trigger of every table uncompared, and verify said OK
    /// (bt41 F4). Each table is compared the way it translates, with its triggers, policies and the routines and types it
    /// uses (<see cref="Only"/>); a table that translates neither way is named, with the first refusal's reason; views,
    /// sequences, triggers and routines are compared without the tables.
    /// </summary>
    private static List<string> PlannedByTable(SchemaModel a, SchemaModel b, SqlDialect first, SqlDialect second)
    {
        IEnumerable<string>? Either(SchemaModel x, SchemaModel y) =>
            PlannedDifferences(x, y, first.Engine, second, "first", "second") ?? PlannedDifferences(y, x, second.Engine, first, "second", "first");
        static string Reason(SchemaModel x, SqlDialect from, SqlDialect to)
        {
            try
            {
                CrossEngineSchema.Translate(x, from.Engine, to, [], new List<string>());
                return "";
            }
            catch (NexuSqlRefusedException e)
            {
                var message = e.Message;
                return message.IndexOf(" Nothing was written.", StringComparison.Ordinal) is var end and > 0 ? message[..end] : message;
            }
        }
        var found = new List<string>();
        foreach (var x in a.Tables)
        {
            if (b.Tables.FirstOrDefault(y => string.Equals(y.Name, x.Name, StringComparison.OrdinalIgnoreCase)) is not { } y) continue;
            var (oa, ob) = (Only(a, [x.QualifiedName], first), Only(b, [y.QualifiedName], second));
            if (Either(oa, ob) is { } lines) found.AddRange(lines);
            else
                found.Add($"table {x.Name}: its checks, defaults, indexes, generated columns and identity are not compared, as its definition translates to neither " +
                    $"engine: {Reason(oa, first, second)}");
        }
        found.AddRange(Either(a with { Tables = [] }, b with { Tables = [] })
            ?? [$"views, sequences, triggers and routines are not compared, as they translate to neither engine: {Reason(a with { Tables = [] }, first, second)}"]);
        return found;
    }

    /// <summary>
    /// Between two engines, what one side's table holds that the other engine cannot express, as a copy refuses it
    /// (<see cref="CrossEngineSchema.Inexpressible"/>: an exclusion constraint, a DEFERRABLE key, UNIQUE NULLS NOT
    /// DISTINCT, MATCH FULL, ON DELETE SET NULL of some columns, a key WITHOUT OVERLAPS): the other side's table, whatever
    /// it holds, accepts rows this one refuses (bt41 F19: each was "OK").
    /// </summary>
    private static IEnumerable<(string Message, string? Table)> Inexpressible(SchemaModel a, SchemaModel b, SqlDialect first, SqlDialect second)
    {
        foreach (var x in a.Tables)
        {
            if (b.Tables.FirstOrDefault(y => string.Equals(y.Name, x.Name, StringComparison.OrdinalIgnoreCase)) is not { } y) continue;
            foreach (var (table, side, other) in new[] { (x, "first", second), (y, "second", first) })
                foreach (var what in CrossEngineSchema.Inexpressible(table, other))
                    yield return ($"table {x.Name}: {what} in the {side} database, which {other.Engine.DisplayName()} cannot express: the other accepts rows it refuses", x.Name);
        }
    }

    /// <summary>
    /// Between two engines, a text key that takes two different values for one on one side (its own collation folds:
    /// SQLite <c>NOCASE</c>, a MariaDB <c>_ci</c> one, a PostgreSQL nondeterministic collation, <c>citext</c>;
    /// <see cref="SqlDialect.KeyCollationFolds"/>, <see cref="SqlDialect.KeyTypeFolds"/>) and compares characters on the
    /// other (bt39 M4, bt41 F3: 'a@x.io' next to 'A@x.io' is refused by one database and accepted by the other, and verify
    /// said OK) — or folds otherwise there (bt41 F17: SQLite <c>NOCASE</c> takes 'A' for 'a', MariaDB's PAD SPACE
    /// <c>utf8mb4_bin</c> 'a ' for 'a'). Collations do not translate between engines, so a copy refuses such a key; two
    /// databases made apart are compared here. A column without a collation of its own compares by its table's or its
    /// database's default (MariaDB's <c>utf8mb4_unicode_ci</c>): named like a collation of its own (bt43 N-new-13; a copy
    /// into MariaDB gives such keys <c>utf8mb4_nopad_bin</c>).
    /// </summary>
    private static IEnumerable<(string Message, string? Table)> KeyCollationDifferences(SchemaModel a, SchemaModel b, SqlDialect first, SqlDialect second)
    {
        // two texts a key on c takes for one ("'A' and 'a'"), "" where it compares characters, null where a default
        // collation the schema does not name decides
        // (a collation that folds more than the type says first: a MariaDB CHAR under a _ci collation takes 'A' for 'a')
        static string? Folding(SchemaModel s, SqlDialect d, ColumnModel c) =>
            (c.Collation is not { } k ? (d.DefaultCollationKeysCompareCharacters ? "" : null)
                : d.KeyCollationFolds(k) ?? (s.Collations?.FirstOrDefault(x => !x.Deterministic && string.Equals(x.Name, k.Split('.')[^1].Trim('"'), StringComparison.Ordinal)) is { } nondeterministic
                    ? nondeterministic.Locale?.Contains("-ks-level", StringComparison.OrdinalIgnoreCase) == true ? "'A' and 'a'" : "any two the nondeterministic collation takes as equal" : "")) is { } byCollation
                ? byCollation.Length > 0 ? byCollation : d.KeyTypeFolds(c.Type) ?? "" : null;
        static string Under(SchemaModel s, TableModel t, SqlDialect d, ColumnModel c) =>
            c.Collation is { } k && d.KeyCollationFolds(k) is not null || d.KeyTypeFolds(c.Type) is null
                ? $"under collation {c.Collation}{(!d.DefaultCollationKeysCompareCharacters && string.Equals(c.Collation, t.Collation ?? s.DefaultCollation, StringComparison.OrdinalIgnoreCase) ? (string.Equals(t.Collation ?? s.DefaultCollation, s.DefaultCollation, StringComparison.OrdinalIgnoreCase) ? " (the database's default)" : " (the table's default)") : "")}"
                : $"as {c.Type.Native ?? d.ColumnTypeSql(c.Type)}";
        // a unique index's own collation on the column decides for it (bt43: CREATE UNIQUE INDEX ux ON u (email COLLATE ci)
        // against a binary key was "OK")
        static ColumnModel Keyed(TableModel t, ColumnModel c) =>
            t.Indexes.Where(i => i.Unique).SelectMany(i => i.Columns).FirstOrDefault(k => k.Collation is not null && string.Equals(k.Name, c.Name, StringComparison.OrdinalIgnoreCase)) is { } k
                ? c with { Collation = k.Collation } : c;
        foreach (var x in a.Tables)
        {
            if (b.Tables.FirstOrDefault(t => string.Equals(t.Name, x.Name, StringComparison.OrdinalIgnoreCase)) is not { } y) continue;
            var (keysA, keysB) = (ColumnTranslation.UniqueKeyColumns(x), ColumnTranslation.UniqueKeyColumns(y));
            foreach (var c in x.Columns.Where(c => keysA.Contains(c.Name)).Select(c => Keyed(x, Defaulted(a, first, x, c))))
            {
                if (y.Columns.FirstOrDefault(o => string.Equals(o.Name, c.Name, StringComparison.OrdinalIgnoreCase)) is not { } other || !keysB.Contains(other.Name)) continue;
                var o = Keyed(y, Defaulted(b, second, y, other));
                if (c.Type.Kind is not (PortableType.String or PortableType.Text) && first.KeyTypeFolds(c.Type) is null
                    || o.Type.Kind is not (PortableType.String or PortableType.Text) && second.KeyTypeFolds(o.Type) is null) continue;
                // alike where both compare characters, or both only leave trailing blanks out (SQLite RTRIM, MariaDB utf8mb4_bin)
                if (Folding(a, first, c) is not { } foldsA || Folding(b, second, o) is not { } foldsB || foldsA == foldsB && foldsA is "" or "'a' and 'a '") continue;
                var key = foldsA.Length > 0 ? ColumnTranslation.KeyNaming(x, c.Name) : ColumnTranslation.KeyNaming(y, o.Name);
                yield return (foldsA.Length > 0 && foldsB.Length > 0
                    ? $"table {x.Name}: column {c.Name}: {key} compares text {Under(a, x, first, c)} in the first database (two different texts can be one key: {foldsA}), " +
                        $"{Under(b, y, second, o)} in the second ({foldsB}): rows one database accepts the other refuses as duplicates"
                    : $"table {x.Name}: column {c.Name}: {key} compares text {(foldsA.Length > 0 ? Under(a, x, first, c) : Under(b, y, second, o))} in the {(foldsA.Length > 0 ? "first" : "second")} database " +
                        $"(two different texts can be one key: {(foldsA.Length > 0 ? foldsA : foldsB)}), by its characters in the {(foldsA.Length > 0 ? "second" : "first")}: " +
                        "rows one database accepts the other refuses as duplicates", x.Name);
            }
        }
    }

    /// <summary>
    /// <paramref name="c"/> with the collation it compares under: its own, else (where the engine's default collation does
    /// not compare characters) its table's or the database's default — named where that folds (a MariaDB database's
    /// utf8mb4_unicode_ci or PAD SPACE utf8mb4_bin default: bt41 F13, bt43 N-new-13).
    /// </summary>
    private static ColumnModel Defaulted(SchemaModel s, SqlDialect d, TableModel t, ColumnModel c) =>
        c.Collation is null && !d.DefaultCollationKeysCompareCharacters && (t.Collation ?? s.DefaultCollation) is { } byDefault ? c with { Collation = byDefault } : c;

    /// <summary>
    /// Between two engines, a foreign key on text columns that takes a referencing value with trailing blanks
    /// (<c>'ab '</c>) for the key's <c>'ab'</c> on one side and refuses it on the other
    /// (<see cref="SqlDialect.ForeignKeyIgnoresTrailingBlanks"/>): the keys themselves compare alike, yet rows one
    /// database accepts the other refuses (bt45 M1: a PostgreSQL text column referencing a char(4) key against MariaDB
    /// columns under utf8mb4_nopad_bin was "OK").
    /// </summary>
    private static IEnumerable<(string Message, string? Table)> ForeignKeyBlankDifferences(SchemaModel a, SchemaModel b, SqlDialect first, SqlDialect second)
    {
        static ColumnModel? Column(SchemaModel s, SqlDialect d, TableModel? t, string name) =>
            t?.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) is { } c ? Defaulted(s, d, t, c) : null;
        static bool Text(ColumnModel c) => c.Type.Kind is PortableType.String or PortableType.Text;
        static bool Same(IEnumerable<string> x, IEnumerable<string> y) => x.SequenceEqual(y, StringComparer.OrdinalIgnoreCase);
        foreach (var x in a.Tables)
        {
            if (b.Tables.FirstOrDefault(t => string.Equals(t.Name, x.Name, StringComparison.OrdinalIgnoreCase)) is not { } y) continue;
            foreach (var fk in x.ForeignKeys)
            {
                if (y.ForeignKeys.FirstOrDefault(o => Same(o.Columns, fk.Columns) && Same(o.ReferencedColumns, fk.ReferencedColumns)
                    && string.Equals(o.ReferencedTable.Split('.')[^1], fk.ReferencedTable.Split('.')[^1], StringComparison.OrdinalIgnoreCase)) is not { } other) continue;
                var (parentA, parentB) = (a.Table(fk.ReferencedTable), b.Table(other.ReferencedTable));
                for (var i = 0; i < fk.Columns.Count; i++)
                {
                    if (Column(a, first, x, fk.Columns[i]) is not { } childA || Column(a, first, parentA, fk.ReferencedColumns[i]) is not { } keyA
                        || Column(b, second, y, other.Columns[i]) is not { } childB || Column(b, second, parentB, other.ReferencedColumns[i]) is not { } keyB
                        || !Text(childA) || !Text(keyA) || !Text(childB) || !Text(keyB)) continue;
                    var (takesA, takesB) = (first.ForeignKeyIgnoresTrailingBlanks(keyA, childA), second.ForeignKeyIgnoresTrailingBlanks(keyB, childB));
                    if (takesA == takesB) continue;
                    yield return ($"table {x.Name}: column {childA.Name}: the foreign key to {fk.ReferencedTable}({string.Join(", ", fk.ReferencedColumns)}) takes a value with trailing " +
                        $"blanks ('ab ') for the key's 'ab' in the {(takesA ? "first" : "second")} database, not in the {(takesA ? "second" : "first")} " +
                        $"({Compares(takesA ? keyB : keyA, takesA ? childB : childA, takesA ? second : first)}): rows one database accepts the other refuses", x.Name);
                }
            }
        }
        static string Compares(ColumnModel key, ColumnModel child, SqlDialect d) =>
            $"{child.Name} {child.Type.Native ?? d.ColumnTypeSql(child.Type)}{(child.Collation is { } c ? $" COLLATE {c}" : "")} referencing " +
            $"{key.Type.Native ?? d.ColumnTypeSql(key.Type)}{(key.Collation is { } k ? $" COLLATE {k}" : "")}";
    }

    /// <summary>
    /// Between two engines, what <see cref="Structure"/> leaves out, by presence (bt36 H1: a CHECK, an index or a default
    /// dropped in the target, a trigger added there, was "OK: schema"). The first database's schema is made for the second
    /// engine as a copy makes it (<see cref="CrossEngineSchema.Prepare"/>,
    /// <see cref="ColumnTranslation.ForEngine(SchemaModel, NexuSqlEngine, SqlDialect, ICollection{string}, ICollection{string})"/>:
    /// an ENUM's check, a domain's checks), then compared with the second table by table: the number of checks, the
    /// secondary indexes on plain columns (by their columns), which columns have a default, and views and triggers by name.
    /// Expressions are not compared: each engine rewrites a check or a default it stores in its own spelling (MariaDB
    /// <c>cast(x as char charset binary)</c>, <c>curdate()</c>; PostgreSQL's BETWEEN as two comparisons), which a copy
    /// cannot make equal (bt37 M1–M4: every such check was a false difference). Null when a copy would refuse the first
    /// schema.
    /// </summary>
    private static IEnumerable<string>? PlannedDifferences(SchemaModel a, SchemaModel b, NexuSqlEngine firstEngine, SqlDialect second, string aName, string bName)
    {
        SchemaModel made;
        try
        {
            var notes = new List<string>();
            made = CrossEngineSchema.Translate(a, firstEngine, second, notes, new List<string>());
        }
        catch (NexuSqlRefusedException)
        {
            return null;
        }
        static bool Same(string x, string y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
        // a MariaDB ENUM (as read, or as a copy declares it: enum('a','b') COLLATE utf8mb4_nopad_bin), else a PostgreSQL
        // enum type (as read, or as a copy declares it for a MariaDB ENUM)
        static IReadOnlyList<string>? EnumLabels(SchemaModel s, ColumnModel c)
        {
            var native = c.Type.Kind == PortableType.Native ? c.Type.Native : null;
            var declared = c.EngineType?.Type;
            if ((MySqlDialect.EnumLabels(native) ?? MySqlDialect.EnumLabels(declared?[..(declared.LastIndexOf(')') + 1)])) is { } labels) return labels;
            return (declared ?? native) is { } name && !name.TrimEnd().EndsWith(']')
                ? s.Enums?.FirstOrDefault(e => Same(e.QualifiedName, UserTypes.Element(name)))?.Values : null;
        }
        static string Labels(IEnumerable<string> labels) => string.Join(", ", labels.Select(l => $"'{l.Replace("'", "''", StringComparison.Ordinal)}'"));
        // an identity's or a drawn sequence's step and bounds ("steps of 3, MAXVALUE 5 CYCLE"); the cache is each engine's
        static string Steps(SchemaModel s, ColumnModel c, SqlDialect d) =>
            (s.SequenceOfDefault(c, d) is { } q ? q.AsIdentityOptions(c.Type) : c.IdentityOptions ?? new IdentityOptions()) is var g && SequenceText.Bounds(g.MinValue, g.MaxValue, g.Cycle, null) is { Length: > 0 } bounds
                ? $"steps of {g.Increment}, {bounds}" : $"steps of {g.Increment}";
        // a default that is a literal in its portable spelling (a string without backslashes, each engine escapes those its
        // own way); null for an expression or none
        static string? LiteralDefault(ColumnModel c) =>
            ColumnDefault.Normalize(c.Default, c.Type) is { } v && !ColumnDefault.IsExpression(v) && !v.Contains('\\', StringComparison.Ordinal) ? v : null;
        static bool SameLiteral(string x, string y) =>
            decimal.TryParse(x.Trim('\''), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var m)
            && decimal.TryParse(y.Trim('\''), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
                && !x.StartsWith('\'') && !y.StartsWith('\'')
                ? m == n : string.Equals(x, y, x.StartsWith('\'') ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
        static bool RowidAlias(string table, string column, SchemaModel s) =>
            s.Tables.FirstOrDefault(t => Same(t.Name, table))?.Columns.FirstOrDefault(c => Same(c.Name, column))?.IdentityOptions?.ReusesValues == true;
        // each check by the columns it reads (expressions are each engine's own; the columns are not): the table's and its
        // columns' checks but an enum's label check (compared as labels), those of the PostgreSQL domain a column is of
        // (which a copy elsewhere makes the column's), and the ranges a MariaDB column's type implies
        // (string literals left out, as the second engine writes them: MariaDB 'x\'b' — bt39 M1, "b" was read as a column)
        var literal = second.Lexical.BackslashEscapesInStrings ? @"'(?:[^'\\]|''|\\.)*'" : "'(?:[^']|'')*'";
        string On(TableModel t, string expression)
        {
            var text = System.Text.RegularExpressions.Regex.Replace(expression, literal, "''");
            return string.Join(", ", t.Columns.Select(c => c.Name).Where(n => System.Text.RegularExpressions.Regex.IsMatch(text,
                $@"(?<![\w$]){System.Text.RegularExpressions.Regex.Escape(n)}(?![\w$])", System.Text.RegularExpressions.RegexOptions.IgnoreCase)).Select(n => n.ToLowerInvariant()).Order(StringComparer.Ordinal));
        }
        List<string> Checks(SchemaModel s, TableModel t, List<CheckModel> labels, List<string> implied)
        {
            return [.. t.Checks.Concat(t.Columns.Select(c => c.Check).OfType<CheckModel>()).Where(k => !labels.Contains(k)).Select(k => On(t, k.Expression)),
                .. t.Columns.SelectMany(c => c.EngineType?.Type is { } type && s.Domains?.FirstOrDefault(d => Same(d.QualifiedName, UserTypes.Element(type))) is { } domain
                    ? domain.Checks.Select(_ => c.Name.ToLowerInvariant()) : []),
                .. implied.Select(n => n.ToLowerInvariant())];
        }
        // each check of the table (not an enum's label check) by the columns it reads, with the numbers in it: unsigned,
        // read from its normal form (bt52 N12: MariaDB stores a copied `a BETWEEN false AND true` as `a between 0 and 1`,
        // PostgreSQL a copied `(a or f) + 0` as a cast, and each was a difference right after a clean copy),
        // each engine writing a number its own way ('-1'::integer, (0)::numeric, 1e3), casts' type modifiers left out
        // (with those of the PostgreSQL domain a column is of, by its column, as Checks counts them)
        Dictionary<string, List<string>> CheckNumbers(SchemaModel s, TableModel t, List<CheckModel> labels) => t.Checks.Concat(t.Columns.Select(c => c.Check).OfType<CheckModel>())
            .Where(k => !labels.Contains(k)).Select(k => (On: On(t, k.Expression), k.Expression))
            .Concat(t.Columns.SelectMany(c => c.EngineType?.Type is { } type && s.Domains?.FirstOrDefault(d => Same(d.QualifiedName, UserTypes.Element(type))) is { } domain
                ? domain.Checks.Select(k => (On: c.Name.ToLowerInvariant(), k.Expression)) : []))
            .GroupBy(k => k.On, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(k => string.Join(Separator, NumbersIn(SqlExpressionText.Normalize(k.Expression)))).ToList(), StringComparer.Ordinal);
        // each check's numbers as [1, 3] ("no number" for none)
        static string Numbers(IEnumerable<string> checks) => string.Join(" and ", checks.Order(StringComparer.Ordinal).Select(n => n.Length == 0 ? "no number" : $"[{n.Replace(Separator, ", ", StringComparison.Ordinal)}]"));
        // the names of the table's checks that read those columns, as " (a, b)"
        // (a domain's as "code_check of domain code")
        string CheckNames(SchemaModel s, TableModel t, string on, List<CheckModel> labels) =>
            t.Checks.Concat(t.Columns.Select(c => c.Check).OfType<CheckModel>()).Where(k => !labels.Contains(k) && On(t, k.Expression) == on).Select(k => k.Name).OfType<string>()
                .Concat(t.Columns.Where(c => c.Name.ToLowerInvariant() == on).SelectMany(c => c.EngineType?.Type is { } type
                    && s.Domains?.FirstOrDefault(d => Same(d.QualifiedName, UserTypes.Element(type))) is { } domain ? domain.Checks.Select(k => $"{k.Name} of domain {domain.Name}") : []))
                .ToList() is { Count: > 0 } names ? $" ({string.Join(", ", names)})" : "";
        // and its strings that are words, not a number, date or time each engine may spell its own way (bt50 M7: a domain's
        // IN ('a', 'b', 'c') made ('a', 'b', 'c', 'd') behind the tool's back was "OK"), unescaped as the second engine reads them
        IEnumerable<string> NumbersIn(string expression) => NumbersOnlyIn(expression).Concat(System.Text.RegularExpressions.Regex.Matches(expression, literal)
            .Select(m => second.Lexical.BackslashEscapesInStrings
                ? System.Text.RegularExpressions.Regex.Replace(m.Value[1..^1].Replace("''", "'", StringComparison.Ordinal), @"\\(.)", "$1")
                : m.Value[1..^1].Replace("''", "'", StringComparison.Ordinal))
            .Where(v => !decimal.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
                && !DateTime.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)
                && !TimeSpan.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(v => $"'{v.Replace("'", "''", StringComparison.Ordinal)}'").Order(StringComparer.Ordinal));
        IEnumerable<string> NumbersOnlyIn(string expression)
        {
            var text = System.Text.RegularExpressions.Regex.Replace(expression, @"'([+-]?\d+(?:\.\d+)?)'", "$1");
            text = System.Text.RegularExpressions.Regex.Replace(text, literal, "''");
            text = System.Text.RegularExpressions.Regex.Replace(text, @"::\s*[A-Za-z_][\w ]*(?:\([\d\s,]*\))?", "");
            return System.Text.RegularExpressions.Regex.Matches(text, @"(?<![\w$.])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?").Select(m =>
                decimal.TryParse(m.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
                    ? n.ToString("G29", System.Globalization.CultureInfo.InvariantCulture) : m.Value.ToLowerInvariant()).Order(StringComparer.Ordinal);
        }
        // secondary indexes on whole columns (an expression or a prefix is each engine's own: a MariaDB name(20) is a
        // substr() expression elsewhere); unique ones are keys, compared by the structure
        static string Columns(IEnumerable<string> names) => string.Join(", ", names.Select(n => n.ToLowerInvariant()));
        static IEnumerable<(string Columns, string Where)> Partial(TableModel t) => t.Indexes.Where(i => i.Where is not null && i.Columns.All(c => c.Expression is null && c.Length is null))
            .Select(i => (Columns(i.Columns.Select(c => c.Name!)), i.Where!));
        static HashSet<string> Keys(TableModel t) => [.. t.Indexes.Where(i => i.Columns.All(c => c.Expression is null && c.Length is null)).Select(i => Columns(i.Columns.Select(c => c.Name!))),
            .. t.Uniques.Select(u => Columns(u.Columns)), .. t.PrimaryKey is { } pk ? [Columns(pk.Columns)] : Array.Empty<string>()];
        // an expression or prefix index's key parts: a column ("e"), a prefix ("e(10)": MariaDB's, or the substr(e, 1, 10)
        // a copy makes of it elsewhere), or null for another expression; prefixes are compared by their parts, the others
        // (each engine's own spelling) by their number, unique ones apart from the rest (bt41 F18, bt43: a unique lower(e)
        // index was "matched" by a unique prefix index)
        static string? Part(IndexColumn c) => c.Expression is null ? c.Length is { } n ? $"{c.Name!.ToLowerInvariant()}({n})" : c.Name!.ToLowerInvariant()
            : System.Text.RegularExpressions.Regex.Match(c.Expression, @"^\s*\(?\s*(?:substr|substring)\s*\(\s*\(?\s*[`""]?(?<col>[^`"",\s():]+)[`""]?\s*\)?\s*(?:::[\w ]+?)?\s*,\s*1\s*,\s*(?<n>\d+)\s*\)\s*\)?\s*$",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } m ? $"{m.Groups["col"].Value.ToLowerInvariant()}({m.Groups["n"].Value})" : null;
        static (List<string> Prefixes, int Others) Computed(TableModel t, bool unique)
        {
            var parts = t.Indexes.Where(i => i.Unique == unique && i.Columns.Any(c => c.Expression is not null || c.Length is not null))
                .Select(i => i.Columns.Select(Part).ToList()).ToList();
            return ([.. parts.Where(p => p.All(x => x is not null)).Select(p => string.Join(", ", p))], parts.Count(p => p.Any(x => x is null)));
        }
        static HashSet<string> Indexes(TableModel t) => [.. t.Indexes.Where(i => !i.Unique && i.Where is null && i.Columns.All(c => c.Expression is null && c.Length is null))
            .Select(i => string.Join(", ", i.Columns.Select(c => c.Name!.ToLowerInvariant())))];
        // the labels of a check a copy makes of an enum on an engine without enums (SQLite: "m" IN ('a', 'b'), in any
        // engine's spelling: MariaDB `m` in (...) — cast(`m` as binary) in (...) where it compares exactly
        // under a _ci collation —, PostgreSQL (m)::text = ANY (ARRAY[...]))
        static IReadOnlyList<string>? CheckLabels(CheckModel? k, ColumnModel c)
        {
            if (k is null) return null;
            var literals = System.Text.RegularExpressions.Regex.Matches(k.Expression, "'((?:[^']|'')*)'").Select(m => m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal)).ToList();
            var column = $"\"{c.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            var read = SqlExpressionText.Normalize(k.Expression);
            return literals.Count > 0 && new[] { column, $"cast({column} as binary)", $"cast({column} as char charset binary)" }.Any(x => read == SqlExpressionText.Normalize($"{x} IN ({Labels(literals)})"))
                ? literals : null;
        }
        static CheckModel? LabelCheck(TableModel t, ColumnModel c) => t.Checks.Append(c.Check).FirstOrDefault(k => CheckLabels(k, c) is not null);
        var found = new List<string>();
        foreach (var x in made.Tables)
        {
            if (b.Tables.FirstOrDefault(y => Same(y.Name, x.Name)) is not { } y) continue;
            var labelChecks = (First: new List<CheckModel>(), Second: new List<CheckModel>());
            foreach (var c in x.Columns)
            {
                if (y.Columns.FirstOrDefault(o => Same(o.Name, c.Name)) is not { } o) continue;
                // an enum's labels, in their order (MariaDB ENUM('a','b') or a PostgreSQL enum type, as read or as the copy
                // declares it): a label added or reordered in one database lets in, or sorts, other values (bt37 H4). On an
                // engine without enums a copy makes it a check of the labels, compared as such (bt38 H4, M2); an enum whose
                // column takes any text in the other database is a difference too (bt38 H7)
                var enumA = EnumLabels(made, c) ?? (a.Tables.FirstOrDefault(t => Same(t.Name, x.Name))?.Columns.FirstOrDefault(t => Same(t.Name, c.Name)) is { } original ? EnumLabels(a, original) : null);
                var enumB = EnumLabels(b, o);
                if (enumA is null && enumB is null) continue;
                var (checkA, checkB) = (LabelCheck(x, c), LabelCheck(y, o));
                if (checkA is not null) labelChecks.First.Add(checkA);
                if (checkB is not null) labelChecks.Second.Add(checkB);
                var (la, lb) = (EnumLabels(made, c) ?? CheckLabels(checkA, c) ?? enumA, enumB ?? CheckLabels(checkB, o));
                if (la is not null && lb is not null && !la.SequenceEqual(lb, StringComparer.Ordinal))
                    found.Add($"table {x.Name}: column {c.Name}: enum labels ({Labels(la)}) in the {aName} database, ({Labels(lb)}) in the {bName}");
                else if (la is null || lb is null)
                    found.Add($"table {x.Name}: column {c.Name}: an enum of the labels ({Labels(la ?? lb!)}) in the {(la is null ? bName : aName)} database, " +
                        $"a column taking other values in the {(la is null ? aName : bName)}");
            }
            // a MariaDB column type's own range (UNSIGNED, YEAR) is the check a copy elsewhere makes of it (bt37 M8)
            // (where the first's engine can write it); an enum's check of its labels is compared as labels, above
            var implied = second.Engine == NexuSqlEngine.MySql ? MySqlTypesInPostgreSql.Ranges(y, SqlDialect.For(firstEngine)).Where(r => r.Problem is null).Select(r => r.Column.Name).ToList() : [];
            var (checksA, checksB) = (Checks(made, x, labelChecks.First, []), Checks(b, y, labelChecks.Second, implied));
            // a check dropped, added, or on other columns (bt38 M14: p.price took negative prices, "OK"), by the columns it
            // reads and its name (bt50 M7: "3 check constraint(s) ..., 2 in the second" named neither)
            foreach (var on in checksA.Order(StringComparer.Ordinal).ToList()) if (checksB.Remove(on)) checksA.Remove(on);
            found.AddRange(checksA.Distinct().Order(StringComparer.Ordinal).Select(on => $"table {x.Name}: a check on ({on}) only in the {aName} database{CheckNames(made, x, on, labelChecks.First)}"));
            found.AddRange(checksB.Distinct().Order(StringComparer.Ordinal).Select(on => $"table {x.Name}: a check on ({on}) only in the {bName} database{CheckNames(b, y, on, labelChecks.Second)}"));
            // where as many checks read the same columns on both sides: the numbers and words each compares with, as a copy
            // makes the first (bt46 F4: qty > 0 against qty > 2 was "OK: schema")
            var (numbersA, numbersB) = (CheckNumbers(made, x, labelChecks.First), CheckNumbers(b, y, labelChecks.Second));
            foreach (var on in numbersA.Keys.Where(numbersB.ContainsKey).Order(StringComparer.Ordinal))
                if (numbersA[on].Count == numbersB[on].Count && !numbersA[on].Order(StringComparer.Ordinal).SequenceEqual(numbersB[on].Order(StringComparer.Ordinal)))
                    found.Add($"table {x.Name}: {(numbersA[on].Count == 1 ? "the check" : "the checks")} on ({on}) compare{(numbersA[on].Count == 1 ? "s" : "")} with {Numbers(numbersA[on])} " +
                              $"in the {aName} database{CheckNames(made, x, on, labelChecks.First)}, {Numbers(numbersB[on])} in the {bName}{CheckNames(b, y, on, labelChecks.Second)}");
            var (ix, iy) = (Indexes(x), Indexes(y));
            found.AddRange(ix.Except(iy).Order(StringComparer.Ordinal).Select(k => $"table {x.Name}: an index on ({k}) only in the {aName} database"));
            found.AddRange(iy.Except(ix).Order(StringComparer.Ordinal).Select(k => $"table {x.Name}: an index on ({k}) only in the {bName} database"));
            // a partial index on plain columns by its columns, against any index or key of the other side on them, and
            // expression and prefix indexes by their number (a MariaDB prefix is a substr() expression elsewhere), as the
            // first database holds them: an engine without partial or expression indexes gets none, which a copy names
            // as not recreated (bt38 M6: "OK" after it)
            var (ox, oy) = (a.Tables.FirstOrDefault(t => Same(t.Name, x.Name)) ?? x, y);
            foreach (var (one, other, oneName, otherName) in new[] { (ox, oy, aName, bName), (oy, ox, bName, aName) })
                found.AddRange(Partial(one).Where(k => !Keys(other).Contains(k.Columns)).Select(k => $"table {x.Name}: an index on ({k.Columns}) where {k.Where} only in the {oneName} database"));
            foreach (var (unique, kind) in new[] { (true, "unique "), (false, "") })
            {
                var ((pa, na), (pb, nb)) = (Computed(ox, unique), Computed(oy, unique));
                foreach (var (one, other, oneName) in new[] { (pa, pb, aName), (pb, pa, bName) })
                {
                    var left = other.ToList();
                    found.AddRange(one.Where(p => !left.Remove(p)).Order(StringComparer.Ordinal).Select(p => $"table {x.Name}: {(unique ? "a unique index" : "an index")} on ({p}) only in the {oneName} database"));
                }
                if (na != nb) found.Add($"table {x.Name}: {na} {kind}expression index(es) in the {aName} database, {nb} in the {bName}");
            }
            foreach (var c in x.Columns)
            {
                if (y.Columns.FirstOrDefault(o => Same(o.Name, c.Name)) is not { } o) continue;
                // an identity the copy made that is gone (or added): inserts without an id fail there (bt37 H3). A
                // PostgreSQL default drawing from a sequence generates ids as an identity does (a copy makes one of the
                // other). A SQLite INTEGER PRIMARY KEY is a rowid alias whether or not ids are meant to be generated
                // (ReusesValues, read from the schema as read: the translation for another engine drops it): it is not
                // told apart from a plain integer key elsewhere
                var (gc, go) = (c.Identity || made.SequenceOfDefault(c, second) is not null, o.Identity || b.SequenceOfDefault(o, second) is not null);
                // a generated column made plain (or a plain one made generated): its value goes stale on the next UPDATE (bt38
                // H8); by presence, as each engine spells the expression its own way (a copy makes STORED of VIRTUAL where
                // the engine has no other)
                if ((c.Generated is null) != (o.Generated is null))
                    // the expression as its own database holds it, not as a copy would make it (bt39 L2)
                    found.Add($"table {x.Name}: column {c.Name}: generated as ({(c.Generated is null ? o.Generated : ox.Columns.FirstOrDefault(f => Same(f.Name, c.Name))?.Generated ?? c.Generated)!.Expression}) " +
                        $"in the {(c.Generated is null ? bName : aName)} database, " +
                        $"a plain column in the {(c.Generated is null ? aName : bName)}");
                else if (gc != go && !RowidAlias(x.Name, c.Name, a) && !RowidAlias(x.Name, c.Name, b))
                    found.Add($"table {x.Name}: column {c.Name}: an identity (generated ids) only in the {(gc ? aName : bName)} database");
                // the steps and bounds of the ids each generates, as the first database holds them (a copy to an engine
                // keeping none per column names them): steps of 3 are not steps of 1 (bt39 H1)
                else if (gc && go && ox.Columns.FirstOrDefault(f => Same(f.Name, c.Name)) is { } first
                    && Steps(a, first, SqlDialect.For(firstEngine)) is var sa && Steps(b, o, second) is var sb && sa != sb)
                    found.Add($"table {x.Name}: column {c.Name}: ids generated in {sa} in the {aName} database, in {sb} in the {bName}");
                else if (c.Generated is null && o.Generated is null && !gc && !go && (c.Default is null) != (o.Default is null))
                    found.Add($"table {x.Name}: column {c.Name}: a default ({c.Default ?? o.Default}) only in the {(c.Default is null ? bName : aName)} database");
                // two literal defaults (a number, a string, a keyword), as a copy makes the first: another value is what an
                // INSERT without the column stores (bt46 F4: default 1 and 'new' against 7 and 'old' was "OK: schema")
                else if (c.Generated is null && o.Generated is null && !gc && !go && LiteralDefault(c) is { } da && LiteralDefault(o) is { } db && !SameLiteral(da, db))
                    found.Add($"table {x.Name}: column {c.Name}: default {da} in the {aName} database, {db} in the {bName}");
            }
        }
        found.AddRange(made.Views.Where(v => !b.Views.Any(w => Same(w.Name, v.Name) && w.Schema == v.Schema)).Select(v => $"{v.Kind} {v.QualifiedName} only in the {aName} database"));
        found.AddRange(b.Views.Where(v => !made.Views.Any(w => Same(w.Name, v.Name) && w.Schema == v.Schema)).Select(v => $"{v.Kind} {v.QualifiedName} only in the {bName} database"));
        // a standalone sequence no column draws from, by name (one a column draws from is that column's identity on an
        // engine without sequences, compared above); an engine without sequences has none: bt37 H6
        static IEnumerable<SequenceModel> Standalone(SchemaModel s, SqlDialect d)
        {
            var drawn = s.DrawnSequences(d);
            return s.Sequences.Where(q => !drawn.Contains(q));
        }
        found.AddRange(Standalone(a, SqlDialect.For(firstEngine)).Where(q => !b.Sequences.Any(o => Same(o.Name, q.Name))).Select(q => $"sequence {q.QualifiedName} only in the {aName} database"));
        found.AddRange(Standalone(b, second).Where(q => !a.Sequences.Any(o => Same(o.Name, q.Name))).Select(q => $"sequence {q.QualifiedName} only in the {bName} database"));
        // and the step of one both have (a copy carries it): 101, 106, 111 is not 101, 102, 103 (bt38 M3); its bounds and
        // cycling too (bt39 L6: NOCYCLE MAXVALUE 100 in the copy was OK), the cache being each engine's own
        foreach (var q in made.Sequences)
        {
            if (b.Sequences.FirstOrDefault(o => Same(o.Name, q.Name) && o.Schema == q.Schema) is not { } o) continue;
            if (o.Increment != q.Increment)
                found.Add($"sequence {q.QualifiedName}: increment {q.Increment} in the {aName} database, {o.Increment} in the {bName}");
            static string Bounds(SequenceModel x) => SequenceText.Bounds(x.MinValue, x.MaxValue, x.Cycle, null) is { Length: > 0 } text ? text : "none";
            if (Bounds(q) != Bounds(o))
                found.Add($"sequence {q.QualifiedName}: bounds and cycling {Bounds(q)} in the {aName} database, {Bounds(o)} in the {bName}");
        }
        bool Has(IReadOnlyList<TriggerModel>? triggers, TriggerModel t) => triggers?.Any(u => Same(u.Name, t.Name) && Same(u.Table, t.Table)) == true;
        found.AddRange((made.Triggers ?? []).Where(t => !Has(b.Triggers, t)).Select(t => $"{t.Kind} {t.Name} on {t.Table} only in the {aName} database"));
        found.AddRange((b.Triggers ?? []).Where(t => !Has(made.Triggers, t)).Select(t => $"{t.Kind} {t.Name} on {t.Table} only in the {bName} database"));
        // what a copy to another engine cannot recreate (engine SQL) and names as such is not "OK" either (bt38 M8): functions
        // and procedures, policies and row-level security, by name
        static IEnumerable<string> Routines(SchemaModel s) => (s.Routines ?? []).Select(r => $"{(r.IsProcedure ? "procedure" : "function")} {SchemaModel.Qualify(r.Schema, r.Name)}").Distinct(StringComparer.OrdinalIgnoreCase);
        static IEnumerable<string> Policies(SchemaModel s) => (s.Policies ?? []).Select(p => $"policy {p.Name} on {p.Table}")
            .Concat(s.Tables.Where(t => t.RowLevelSecurity).Select(t => $"row level security on {t.Name}"));
        foreach (var of in new Func<SchemaModel, IEnumerable<string>>[] { Routines, Policies })
        {
            found.AddRange(of(a).Except(of(b), StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).Select(x => $"{x} only in the {aName} database"));
            found.AddRange(of(b).Except(of(a), StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).Select(x => $"{x} only in the {bName} database"));
        }
        return found;
    }

    private static SchemaModel WithCheckNames(SchemaModel schema) => schema with
    {
        Tables = [.. schema.Tables.Select(t => t.Checks.All(c => c.Name is not null) ? t
            : t with { Checks = [.. t.Checks.Select(c => c.Name is null ? c with { Name = SchemaScript.CheckName(t, c) } : c).OrderBy(c => c.Name, StringComparer.Ordinal)] })],
    };

    /// <summary>
    /// <paramref name="second"/> with the spelling <paramref name="first"/> reads of a check's or a partial index's
    /// expression where the two mean the same (<see cref="SqlExpressionText.Normalize(string)"/>): PostgreSQL parses the text it
    /// deparsed of some expressions into another tree — <c>role IN ('a','b')</c> on a varchar is read as one cast of the
    /// array, written back, and read as a cast per element — so a faithful copy reads another spelling (break test 31 B1).
    /// </summary>
    private static SchemaModel WithFirstSpellings(SchemaModel second, SchemaModel first)
    {
        // both read from one engine: its own casts are spelled alike on both sides, so every other cast counts (bt53 O12)
        static bool Same(string x, string y) => string.Equals(SqlExpressionText.Normalize(x, exactCasts: true), SqlExpressionText.Normalize(y, exactCasts: true), StringComparison.Ordinal);
        return second with
        {
            Tables = [.. second.Tables.Select(t => first.Table(t.Schema, t.Name) is not { } f ? t : t with
            {
                Checks = [.. t.Checks.Select(c => f.Checks.FirstOrDefault(x => x.Name == c.Name) is { } x && x.Expression != c.Expression && Same(x.Expression, c.Expression)
                    ? c with { Expression = x.Expression } : c)],
                Indexes = [.. t.Indexes.Select(i => f.Indexes.FirstOrDefault(x => x.Name == i.Name) is { Where: { } w } && i.Where is { } v && w != v && Same(w, v)
                    ? i with { Where = w } : i)],
            })],
        };
    }

    /// <summary>
    /// Whether a left-out entry (<see cref="SchemaModel.LeftOut"/>) is the privileges given on a table, sequence,
    /// routine or type of <paramref name="chosen"/> (<see cref="Only"/>'s models: <c>privileges on table t (GRANT: ...)</c>,
    /// <c>privileges on function f(integer) (...)</c>).
    /// </summary>
    private static Func<string, bool> PrivilegeEntries(params SchemaModel[] chosen)
    {
        var prefixes = chosen.SelectMany(s => s.Tables.SelectMany(t => new[] { $"table {t.QualifiedName} (", $"materialized view {t.QualifiedName} (" })
                .Concat(s.Sequences.Select(q => $"sequence {SchemaModel.Qualify(q.Schema, q.Name)} ("))
                .Concat((s.Routines ?? []).SelectMany(r => new[] { $"function {SchemaModel.Qualify(r.Schema, r.Name)}(", $"procedure {SchemaModel.Qualify(r.Schema, r.Name)}(" }))
                .Concat((s.Enums ?? []).Select(e => SchemaModel.Qualify(e.Schema, e.Name)).Concat((s.Composites ?? []).Select(x => SchemaModel.Qualify(x.Schema, x.Name)))
                    .Concat((s.Ranges ?? []).Select(r => SchemaModel.Qualify(r.Schema, r.Name))).Select(n => $"type {n} ("))
                .Concat((s.Domains ?? []).Select(d => $"domain {SchemaModel.Qualify(d.Schema, d.Name)} (")))
            .Select(p => "privileges on " + p).ToHashSet(StringComparer.Ordinal);
        return entry => entry.StartsWith("privileges on ", StringComparison.Ordinal) && prefixes.Any(p => entry.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>
    /// The tables named (by name, or <c>schema.table</c>) with their triggers, rules and policies, and what those depend
    /// on: the enum, domain, composite and range types their columns use (and the types those are made of), the sequences
    /// their defaults draw from, and the routines their triggers, policies, defaults and checks call (and the routines
    /// those call). An enum label added, a domain's check changed or a trigger function replaced changes what the
    /// chosen tables accept or do (bt38 H1: each was "OK" with <c>--tables</c>).
    /// </summary>
    internal static SchemaModel Only(SchemaModel schema, IReadOnlyList<string> tables, SqlDialect dialect)
    {
        var kept = schema.Tables.Where(t => tables.Any(n => string.Equals(n, t.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(n, t.QualifiedName, StringComparison.OrdinalIgnoreCase))).ToList();
        bool Kept(string? tableSchema, string table) => kept.Any(t => t.Schema == tableSchema && string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase));
        var triggers = schema.Triggers?.Where(t => Kept(t.Schema, t.Table)).ToList();
        var policies = schema.Policies?.Where(p => Kept(p.Schema, p.Table)).ToList();
        // types by name, closed over what a domain, composite or range is made of
        var used = kept.SelectMany(t => t.Columns).SelectMany(c => new[] { c.Type.Kind == PortableType.Native ? c.Type.Native : null, c.EngineType?.Type })
            .OfType<string>().Select(UserTypes.Element).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Uses(string? typeSchema, string name) => used.Contains(SchemaModel.Qualify(typeSchema, name)) || typeSchema is null && used.Contains(name);
        for (var before = -1; before != used.Count;)
        {
            before = used.Count;
            foreach (var d in (schema.Domains ?? []).Where(d => Uses(d.Schema, d.Name))) used.Add(UserTypes.Element(d.BaseType));
            foreach (var x in (schema.Composites ?? []).Where(x => Uses(x.Schema, x.Name))) used.UnionWith(x.Attributes.Select(a => UserTypes.Element(a.Type)));
            foreach (var r in (schema.Ranges ?? []).Where(r => Uses(r.Schema, r.Name))) used.Add(UserTypes.Element(r.Subtype));
        }
        var domains = schema.Domains?.Where(d => Uses(d.Schema, d.Name)).ToList();
        // routines by a call of their name in what the chosen tables run, closed over the routines those call
        var texts = kept.SelectMany(t => t.Columns.SelectMany(c => new[] { c.Default, c.Generated?.Expression, c.Check?.Expression })
                .Concat(t.Checks.Select(c => c.Expression)))
            .Concat((triggers ?? []).Select(t => t.Sql)).Concat((policies ?? []).Select(p => p.Sql))
            .Concat((domains ?? []).SelectMany(d => d.Checks.Select(c => c.Expression).Append(d.Default)))
            .OfType<string>().ToList();
        static bool Calls(string sql, RoutineModel r) => System.Text.RegularExpressions.Regex.IsMatch(sql,
            $@"(?<![\w$]){System.Text.RegularExpressions.Regex.Escape(r.Name)}""?\s*\(", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        var routines = new List<RoutineModel>();
        for (var more = true; more;)
        {
            var called = (schema.Routines ?? []).Where(r => !routines.Contains(r) && texts.Any(x => Calls(x, r))).ToList();
            routines.AddRange(called);
            texts.AddRange(called.Select(r => r.Sql));
            more = called.Count > 0;
        }
        // sequences the chosen tables' defaults draw from, and those what they run names (a routine's nextval('hid'), a
        // trigger's): as a copy with --tables takes them (bt39 H2)
        var drawn = schema.DrawnSequences(dialect, kept);
        var sequences = schema.Sequences.Where(q => drawn.Contains(q) || texts.Any(x => System.Text.RegularExpressions.Regex.IsMatch(x,
            $@"(?<![\w$]){System.Text.RegularExpressions.Regex.Escape(q.Name)}(?![\w$])", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant))).ToList();
        static IReadOnlyList<T>? NonEmpty<T>(IEnumerable<T>? items) => items?.ToList() is { Count: > 0 } list ? list : null;
        return new SchemaModel(kept)
        {
            CurrentSchema = schema.CurrentSchema,
            Engine = schema.Engine,
            Triggers = triggers,
            Policies = policies,
            Enums = NonEmpty(schema.Enums?.Where(e => Uses(e.Schema, e.Name))),
            Domains = NonEmpty(domains),
            Composites = NonEmpty(schema.Composites?.Where(x => Uses(x.Schema, x.Name))),
            Ranges = NonEmpty(schema.Ranges?.Where(r => Uses(r.Schema, r.Name))),
            Routines = NonEmpty(routines),
            Sequences = sequences,
        };
    }

    /// <summary>
    /// What a copy between engines carries of each table: columns by name in their order, with their portable type and
    /// nullability; primary key, unique keys, foreign keys with their actions and deferral.
    /// A column of an engine-native type on either side has no type compared; where one engine only declares types
    /// (SQLite), an integer primary key column is an integer of any width (a rowid) and fractional-second digits are not
    /// compared; a key column's integer width and text length are not (a copy makes a referencing column as wide as
    /// the key it references, and a text key one the target can index). <c>RESTRICT</c> and <c>NO ACTION</c> are one
    /// action across engines (they differ only in when PostgreSQL checks a deferred key).
    /// </summary>
    /// <param name="schema">The side written.</param>
    /// <param name="other">The other side (a column whose counterpart is native has no type compared).</param>
    /// <param name="own">This side's dialect.</param>
    /// <param name="theirs">The other side's dialect.</param>
    private static JsonObject Structure(SchemaModel schema, SchemaModel other, SqlDialect own, SqlDialect theirs)
    {
        static JsonArray Names(IEnumerable<string> names) => new([.. names.Select(n => (JsonNode)JsonValue.Create(n.ToLowerInvariant()))]);
        static string Action(string action) => action.Equals("RESTRICT", StringComparison.OrdinalIgnoreCase) ? "NO ACTION" : action.ToUpperInvariant();
        var declaredOnly = own.ValuesKeepTheirStorageClass || theirs.ValuesKeepTheirStorageClass;
        string? TypeOf(TableModel t, ColumnModel c)
        {
            var otherTable = other.Tables.FirstOrDefault(o => string.Equals(o.Name, t.Name, StringComparison.OrdinalIgnoreCase));
            var counterpart = otherTable?.Columns.FirstOrDefault(o => string.Equals(o.Name, c.Name, StringComparison.OrdinalIgnoreCase));
            if (c.Type.Kind == PortableType.Native || counterpart?.Type.Kind == PortableType.Native) return null;
            // a CHAR(n) of an engine that pads nothing (SQLite) is a VARCHAR(n) where CHAR(n) pads, as a copy makes it (bt45 M2)
            if (c.Type is { Kind: PortableType.String, Fixed: true } && !own.PadsFixedStrings && theirs.PadsFixedStrings && counterpart?.Type is { Kind: PortableType.String, Fixed: false })
                c = c with { Type = c.Type with { Fixed = false } };
            if (declaredOnly && c.Type.Kind is PortableType.Int16 or PortableType.Int32 or PortableType.Int64 && t.PrimaryKey?.Columns is [var only]
                && string.Equals(only, c.Name, StringComparison.OrdinalIgnoreCase)) return "integer";
            // a key column is what a copy adapts, and says so: an integer takes the width of the key it references, a
            // text in a key a length the target can index (MariaDB: string(768)) — compared by kind (break test 26 G18)
            // (a key column on either side: a key only one side has is a finding of its own, its column's type is not)
            static bool InKey(TableModel table, string column) => (table.PrimaryKey?.Columns ?? []).Concat(table.Uniques.SelectMany(u => u.Columns))
                .Concat(table.ForeignKeys.SelectMany(f => f.Columns)).Concat(table.Indexes.Where(i => i.Unique).SelectMany(i => i.Columns.Select(x => x.Name ?? "")))
                .Contains(column, StringComparer.OrdinalIgnoreCase);
            var inKey = InKey(t, c.Name) || otherTable is not null && InKey(otherTable, c.Name);
            if (inKey && c.Type.Kind is PortableType.Int16 or PortableType.Int32 or PortableType.Int64) return "integer";
            if (inKey && c.Type.Kind is PortableType.Text || inKey && c.Type is { Kind: PortableType.String, Fixed: false }) return "text";
            if (declaredOnly && c.Type.Kind is PortableType.Time or PortableType.Timestamp or PortableType.TimestampTz) return (c.Type with { Precision = null }).ToString();
            return c.Type.ToString();
        }
        var result = new JsonArray();
        foreach (var t in schema.Tables.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase))
        {
            var uniques = t.Uniques.Select(u => u.Columns)
                .Concat(t.Indexes.Where(i => i.Unique && i.Where is null && i.Columns.All(c => c.Expression is null)).Select(i => (IReadOnlyList<string>)[.. i.Columns.Select(c => c.Name!)]))
                .Select(c => string.Join(", ", c.Select(n => n.ToLowerInvariant()))).Distinct().Order(StringComparer.Ordinal)
                .Select(c => (JsonNode)new JsonObject { ["columns"] = c });
            var key = t.PrimaryKey?.Columns ?? [];
            var table = new JsonObject
            {
                ["name"] = t.Name,
                ["columns"] = new JsonArray([.. t.Columns.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name,
                    ["type"] = TypeOf(t, c),
                    // a primary key's columns are NOT NULL on every engine but SQLite, which lets a declared one hold NULL
                    ["nullable"] = key.Contains(c.Name, StringComparer.OrdinalIgnoreCase) ? null : c.Nullable,
                })]),
                ["primaryKey"] = t.PrimaryKey is { } pk ? Names(pk.Columns) : null,
                ["uniques"] = new JsonArray([.. uniques]),
                ["foreignKeys"] = new JsonArray([.. t.ForeignKeys.Select(f => (JsonNode)new JsonObject
                {
                    ["columns"] = $"({string.Join(", ", f.Columns.Select(c => c.ToLowerInvariant()))}) references {f.ReferencedTable.ToLowerInvariant()} ({string.Join(", ", f.ReferencedColumns.Select(c => c.ToLowerInvariant()))})",
                    ["onDelete"] = Action(f.OnDelete),
                    ["onUpdate"] = Action(f.OnUpdate),
                    // an engine without deferral (MariaDB) reads none: a deferred key against it is a difference (G7)
                    ["deferrable"] = f.Deferrable,
                })]),
            };
            result.Add(table);
        }
        return new JsonObject { ["tables"] = result };
    }

    /// <summary>Walks two schema files side by side, naming each object that one side lacks or that differs.</summary>
    /// <summary>
    /// What changed in a schema between two readings of one database (<see cref="SchemaModel.ToJson"/> then and now), one
    /// line each: "table b: column extra added", "table ev_c: partition of: 'ev' then, none now".
    /// </summary>
    /// <param name="then">The schema as read earlier (a marker's record of an interrupted copy).</param>
    /// <param name="now">The schema as read now.</param>
    public static IReadOnlyList<string> Changes(string then, string now)
    {
        var found = new List<(string, string?)>();
        new Walker(found, withPresence: true, StringComparer.Ordinal, new Wording("dropped", "added", "then", "now"))
            .Objects(JsonNode.Parse(then)!.AsObject(), JsonNode.Parse(now)!.AsObject(), "", null);
        return [.. found.Select(f => f.Item1)];
    }

    /// <summary>How a difference names the two sides: what only one holds is "only in the first database", a value "... in the second".</summary>
    private sealed record Wording(string OnlyFirst, string OnlySecond, string First, string Second)
    {
        public static readonly Wording Databases = new("only in the first database", "only in the second database", "in the first database", "in the second");
    }

    private sealed class Walker(List<(string, string?)> found, bool withPresence, StringComparer names, Wording? wording = null)
    {
        private readonly Wording _words = wording ?? Wording.Databases;

        /// <summary>Collections of the schema file by property name: what one element is called in a message.</summary>
        private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
        {
            ["tables"] = "table", ["views"] = "view", ["sequences"] = "sequence", ["routines"] = "routine", ["triggers"] = "trigger",
            ["policies"] = "policy", ["enums"] = "enum type", ["domains"] = "domain", ["composites"] = "composite type",
            ["collations"] = "collation", ["extensions"] = "extension", ["columns"] = "column", ["indexes"] = "index",
            ["checks"] = "check", ["uniques"] = "unique key", ["foreignKeys"] = "foreign key", ["exclusions"] = "exclusion constraint",
        };

        /// <param name="a">The first side's object.</param>
        /// <param name="b">The second side's object.</param>
        /// <param name="where">What the object is, as a message starts.</param>
        /// <param name="table">The table it belongs to, where one.</param>
        /// <param name="owner">The kind of element the objects are (null for the whole schema): only a table's own
        /// columns are left to the data check's presence findings — an index's columns are compared here (bt38 H5: an
        /// index rebuilt on other columns was "OK").</param>
        public void Objects(JsonObject a, JsonObject b, string where, string? table, string? owner = null)
        {
            foreach (var property in a.Select(p => p.Key).Union(b.Select(p => p.Key)).ToList())
            {
                var x = a[property];
                var y = b[property];
                if (JsonNode.DeepEquals(x, y)) continue;
                // extensions are read from what uses them (a column's type, a default): a difference there is named by what uses it
                if (where.Length == 0 && property == "extensions") continue;
                // a list of objects (columns, indexes, triggers) element by element; a list of names (a key's columns) as a whole
                if (Kinds.TryGetValue(property, out var kind) && (x is JsonArray or null) && (y is JsonArray or null) && (x ?? y) is JsonArray
                    && (x as JsonArray ?? []).Concat(y as JsonArray ?? []).All(e => e is JsonObject))
                    Collection(kind, x as JsonArray ?? [], y as JsonArray ?? [], where, table, presence: withPresence || kind == "column" && owner is not (null or "table"));
                else if (x is JsonObject ox && y is JsonObject oy)
                    Objects(ox, oy, $"{where}{Words(property)}: ", table, owner);
                else
                    Report($"{where}{Words(property)}: {Show(x, property)} {_words.First}, {Show(y, property)} {_words.Second}", table);
            }
        }

        private void Collection(string kind, JsonArray a, JsonArray b, string where, string? table, bool presence)
        {
            var left = Keyed(a);
            var right = Keyed(b);
            foreach (var (key, x) in left)
            {
                var label = Label(kind, x!.AsObject());
                var inTable = kind == "table" ? Qualified(x!.AsObject()) : Table(x!.AsObject()) ?? table;
                if (!right.TryGetValue(key, out var y))
                {
                    if (presence || kind is not ("table" or "column")) Report($"{where}{label} {_words.OnlyFirst}", inTable);
                    continue;
                }
                if (!JsonNode.DeepEquals(x, y)) Objects(x!.AsObject(), y!.AsObject(), $"{where}{label}: ", inTable, kind);
            }
            foreach (var (key, y) in right.Where(r => !left.ContainsKey(r.Key)))
                if (presence || kind is not ("table" or "column"))
                    Report($"{where}{Label(kind, y!.AsObject())} {_words.OnlySecond}", kind == "table" ? Qualified(y!.AsObject()) : Table(y!.AsObject()) ?? table);
            // INSERT without a column list, SELECT * and COPY go by position: the columns both have, in their order (break test 25 F22)
            if (kind == "column" && left.Keys.Where(right.ContainsKey).ToList() is var common
                && !common.SequenceEqual(right.Keys.Where(left.ContainsKey), names))
                Report($"{where}column order: ({string.Join(", ", common.Select(k => left[k]!["name"]))}) {_words.First}, " +
                    $"({string.Join(", ", right.Keys.Where(left.ContainsKey).Select(k => right[k]!["name"]))}) {_words.Second}", table);
        }

        /// <summary>Elements by identity: schema, name and table (a trigger's), or their columns when unnamed; the text itself when two share one.</summary>
        private Dictionary<string, JsonNode?> Keyed(JsonArray items)
        {
            var keyed = new Dictionary<string, JsonNode?>(names);
            foreach (var item in items)
            {
                var o = item as JsonObject;
                var key = o is null ? item?.ToJsonString() ?? "null"
                    : o["name"] is { } name ? $"{o["schema"]}.{name}|{o["table"]}|{o["arguments"]}"
                    : o["columns"]?.ToJsonString() ?? o["expression"]?.ToJsonString() ?? o.ToJsonString();
                if (!keyed.TryAdd(key, item)) keyed[item?.ToJsonString() ?? "null"] = item;
            }
            return keyed;
        }

        private static string Label(string kind, JsonObject o)
        {
            if (kind == "trigger" && o["rule"] is JsonValue rule && rule.GetValue<bool>()) kind = "rule";
            var name = o["name"] is { } n ? Qualified(o)! : o["columns"] is JsonArray columns ? $"({string.Join(", ", columns.Select(c => c is JsonObject co ? co["name"]?.ToString() ?? co.ToJsonString() : c?.ToString()))})"
                : o["columns"]?.ToString() ?? o["expression"]?.ToString() ?? o.ToJsonString();
            if (o["arguments"] is { } arguments) name += $"({arguments})";
            return o["table"] is { } t && kind is "trigger" or "rule" or "policy" ? $"{kind} {name} on {t}" : $"{kind} {name}";
        }

        /// <summary>A schema file's property name in words: <c>primaryKey</c> is "primary key".</summary>
        private static string Words(string property) => string.Concat(property.Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

        private static string? Qualified(JsonObject o) => o["name"] is { } n ? o["schema"] is { } s ? $"{s}.{n}" : n.ToString() : null;

        private static string? Table(JsonObject o) => o["table"] is { } t ? o["schema"] is { } s ? $"{s}.{t}" : t.ToString() : null;

        /// <summary>A value of <paramref name="property"/> as messages show it: an identity without options of its own has the defaults, not "none" (bt39 L5).</summary>
        private static string Show(JsonNode? value, string property) =>
            value is null && property == "identityOptions" ? "the defaults (BY DEFAULT, start 1, increment 1)" : Show(value);

        internal static string Show(JsonNode? value)
        {
            if (value is null) return "none";
            var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? $"'{v}'" : value.ToJsonString(Compact);
            return text.Length > 300 ? text[..300] + $"… ({text.Length} characters)" : text;
        }

        private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private void Report(string message, string? table) => found.Add((message, table));
    }
}
