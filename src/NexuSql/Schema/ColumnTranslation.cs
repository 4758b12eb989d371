using NexuSql.Dialects;

namespace NexuSql.Schema;

/// <summary>
/// What copy and restore do to columns read from one engine before creating them on another: generated-column
/// expressions translated (or refused by name), identity options and <c>ON UPDATE</c> clauses the target cannot hold
/// dropped and named, text key columns given a length MySQL can index.
/// </summary>
public static class ColumnTranslation
{
    /// <summary>The schema with its columns made for <paramref name="target"/>.</summary>
    /// <param name="schema">The source's schema (native types already translated).</param>
    /// <param name="source">The engine it was read from.</param>
    /// <param name="target">The engine it is for.</param>
    /// <param name="skipped">Receives what is not carried, each with the reason.</param>
    /// <param name="warnings">Receives changes the caller should know of (a text key column given a length).</param>
    /// <exception cref="NexuSqlRefusedException">Generated columns whose expression does not translate, each by table, column and reason.</exception>
    public static SchemaModel ForEngine(SchemaModel schema, NexuSqlEngine source, SqlDialect target, ICollection<string> skipped, ICollection<string> warnings) =>
        ForEngine(schema, source, target, skipped, warnings, intoExistingTables: false);

    // intoExistingTables: the rows go into tables the target has already (copy --data-only): their keys compare as the
    // target's tables were made, so a key column's collation is not refused
    internal static SchemaModel ForEngine(SchemaModel schema, NexuSqlEngine source, SqlDialect target, ICollection<string> skipped, ICollection<string> warnings, bool intoExistingTables)
    {
        var refusals = new SchemaRefusals();
        return refusals.Run(() => ForEngine(schema, source, target, skipped, warnings, intoExistingTables, refusals));
    }

    // each refusal noted in refusals, and the schema made as far as it goes (CrossEngineSchema.Translate throws them with its own)
    internal static SchemaModel ForEngine(SchemaModel schema, NexuSqlEngine source, SqlDialect target, ICollection<string> skipped, ICollection<string> warnings, bool intoExistingTables,
        SchemaRefusals refusals)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(skipped);
        ArgumentNullException.ThrowIfNull(warnings);
        var refused = new List<string>();
        var collated = new List<(string Collation, string Naming)>();
        var sourceDialect = SqlDialect.For(source);
        var own = SchemaModel.OwnTables().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var tables = schema.Tables.Select(t =>
        {
            var names = t.Columns.Select(c => c.Name).ToList();
            var keys = UniqueKeyColumns(t);
            var columns = t.Columns.Select(c =>
            {
                if (c.Generated is not null) c = Generated(t, c, schema, sourceDialect, target, why => refused.Add($"{t.Name}.{c.Name} ({why})"), skipped);
                // a CHAR(n) of an engine that keeps it as written (SQLite: 'b' and 'b ' are two values, two keys) into one whose
                // CHAR(n) pads (and so takes the two for one, and reads 'b ' back as 'b'): a VARCHAR(n) there, which keeps both
                // (bt45 M2: a SQLite CHAR(3) key became a MariaDB CHAR(3) one without a word, and verify then found the key changed)
                // (not one whose collation leaves trailing blanks out already, SQLite's RTRIM: a copy made it of a padding CHAR key)
                if (c.Type is { Kind: PortableType.String, Fixed: true } && c.Collation is null && !sourceDialect.PadsFixedStrings && target.PadsFixedStrings)
                {
                    skipped.Add($"{t.Name}.{c.Name}: {source.DisplayName()}'s CHAR({c.Type.Length}) keeps a value's trailing blanks as written ('b' and 'b ' are two values), " +
                                $"{target.Engine.DisplayName()}'s pads them away: created as VARCHAR({c.Type.Length}), which keeps them");
                    c = c with { Type = c.Type with { Fixed = false } };
                }
                if (c.IdentityOptions is { } o && target.KeptIdentityOptions(o) is var kept && kept != o)
                {
                    // an id reused by the source (SQLite without AUTOINCREMENT) but never by the target loses no id: not named
                    if (o with { ReusesValues = false } != (kept ?? new IdentityOptions()) with { ReusesValues = false })
                        skipped.Add($"identity options of {t.Name}.{c.Name} ({(o.Always ? "GENERATED ALWAYS, " : "")}start {o.Start}, step {o.Increment}" +
                            $"{(o.BoundsSql() is { Length: > 0 } bounds ? ", " + bounds : "")}): " +
                            $"{target.Engine.DisplayName()} keeps no kind, start, step, bounds or cycling per column ({target.IdentityStepRule}); " +
                            // a descending identity, or one below what the target's counter can hold, does not go on
                            // where the source's would (break test 27 K1: "continue from the source's next value" was untrue)
                            (o.Increment < 0 ? "new ids count upwards after the largest id, not down from the source's next value"
                                : target.LowestIdentityNextValue is { } lowest && o.Start < lowest
                                    ? $"new ids continue from the source's next value in steps of 1 where it is {lowest} or more, else from {lowest}"
                                    : "new ids continue from the source's next value in steps of 1") + ", and explicit ids are accepted");
                    c = c with { IdentityOptions = kept };
                }
                // SQLite's identity is its rowid, 64-bit (INTEGER PRIMARY KEY): a narrower one is created as it, named (bt48 M3:
                // the plan compared the file's int32 with it and wanted to rebuild the table on every apply)
                if (c.Identity && target.IdentityIsPrimaryKey && c.Type.Kind is PortableType.Int16 or PortableType.Int32)
                {
                    skipped.Add($"{t.Name}.{c.Name}: an {c.Type.Kind.ToString().ToLowerInvariant()} identity is created as {target.Engine.DisplayName()}'s INTEGER PRIMARY KEY, " +
                                "its only identity, which is 64-bit: an id given beyond the narrower range is taken there");
                    c = c with { Type = new ColumnType(PortableType.Int64) };
                }
                if (c.OnUpdate is not null && target.OnUpdateSql(c) is null)
                {
                    skipped.Add($"ON UPDATE CURRENT_TIMESTAMP of {t.Name}.{c.Name}: {target.Engine.DisplayName()} has no such column option; write a trigger in a migration");
                    c = c with { OnUpdate = null };
                }
                // collations are engine names (utf8mb4_bin, "C", NOCASE) and do not translate; on a key column the
                // target's default would decide which values collide (MariaDB's _ci: 'A' = 'a'; PostgreSQL's: not).
                // A text key without a collation of its own compares by the source database's default (MariaDB's
                // utf8mb4_unicode_ci: case-, accent- and trailing-space-insensitive), which counts the same way
                // (a table's own collation other than the default its columns hold already: CrossEngineSchema.Prepare; NexuSQL's
                // own tables are left alone: their keys hold the names NexuSQL writes, the migration lock's)
                var inherited = c.Collation is null && !sourceDialect.DefaultCollationKeysCompareCharacters && keys.Contains(c.Name) && c.Type.Kind is PortableType.String or PortableType.Text && !own.Contains(t.Name)
                    ? schema.DefaultCollation : null;
                // a byte-order collation (PostgreSQL's "C") is the target's byte-order one (SQLite BINARY, MariaDB
                // utf8mb4_nopad_bin): the same keys are equal, in the same order (break test 30 F1: refused on a key)
                // a key that takes 'a' and 'a ' for one and compares characters otherwise (a char(n) key where fixed strings pad:
                // PostgreSQL's bpchar, MariaDB's CHAR; SQLite RTRIM; MariaDB utf8mb4_bin) is made so in the target: SQLite's
                // CHAR(n) is plain text and took both (bt43 N-new-8), MariaDB's default collation folds case
                // and a text key that compares characters in the source (PostgreSQL's and SQLite's defaults) takes the target's
                // byte-order collation where the target's default folds (MariaDB's _ci: 'A' beside 'a' was refused there,
                // and copying that database back refused the key: bt41 F13, bt43 N-new-13)
                if (!intoExistingTables && (keys.Contains(c.Name) || c.Collation is not null) && c.Type.Kind is PortableType.String or PortableType.Text
                    && MadeKeyCollation(c, sourceDialect, target) is { } made)
                    c = c with { Collation = made.Length == 0 ? null : made };
                else if (c.Collation is { } bytewise && sourceDialect.CollationComparesBytes(bytewise) && target.BytewiseCollation is { } targetBytewise
                    && c.Type.Kind is PortableType.String or PortableType.Text)
                    c = c with { Collation = targetBytewise };
                else if ((c.Collation ?? inherited) is { } collation)
                {
                    // a key that takes two values for one only when they are the same characters on both sides keeps its meaning
                    var alike = intoExistingTables || (sourceDialect.KeyCollationComparesCharacters(collation) && target.DefaultCollationKeysCompareCharacters);
                    if (keys.Contains(c.Name) && !alike)
                        collated.Add((collation, $"{t.Name}.{c.Name} (collation {collation}{(inherited is null ? "" : ", the source database's default")}, in {KeyNaming(t, c.Name)})"));
                    else if (inherited is null)
                        skipped.Add($"collation {collation} of {t.Name}.{c.Name}: collations do not translate between engines; the column has {target.Engine.DisplayName()}'s default " +
                            // a foreign key's column takes its key's (ReferencedCollations, below; bt45 L1: "the default" was said of a utf8mb4_nopad_bin one)
                            (t.ForeignKeys.Any(f => f.Columns.Contains(c.Name, StringComparer.OrdinalIgnoreCase)) ? "(or, where the key it references was given one, that key's collation), " : "") +
                            "which may sort and compare text differently");
                    c = c with { Collation = null };
                }
                // what the target's column holds less of, or its key compares otherwise: named (bt49 M7, H2)
                if (!intoExistingTables && target.NarrowerColumnType(c.Type) is { } narrower)
                    skipped.Add($"{t.Name}.{c.Name}: {narrower}");
                if (!intoExistingTables && keys.Contains(c.Name) && sourceDialect.KeyComparesAsText(c.Type) is null && target.KeyComparesAsText(c.Type) is { } asText)
                    skipped.Add($"{t.Name}.{c.Name} (in {KeyNaming(t, c.Name)}): {asText}");
                if (c.Invisible && target.InvisibleColumnSql is null)
                {
                    skipped.Add($"INVISIBLE of {t.Name}.{c.Name}: {target.Engine.DisplayName()} has no invisible columns; the column and its values arrive, " +
                        "visible (SELECT * returns it, and an INSERT without a column list must give it a value)");
                    c = c with { Invisible = false };
                }
                return c;
            }).ToList();
            if (!target.TableStorageSettings) t = t.WithoutStorageSettings(skipped, target.Engine.DisplayName());
            return Comments(t with { Columns = refusals.Try(() => WithinRowSize(t, IndexableTextKeys(t, columns, target, intoExistingTables ? [] : warnings), target, skipped, intoExistingTables), columns) },
                target, skipped);
        }).ToList();
        // limits of the engine the schema alone shows (break test 27 K5: raw errors 1069, 1118, 185, 54011, 42804, 1825
        // after the pre-check, the target left marked): refused by table before anything is written; tables that are
        // there already (--data-only) are not created
        if (!intoExistingTables) refusals.Try(() => RefuseUncreatable(tables, target));
        if (refused.Count > 0)
            refusals.Add(
                $"These {source.DisplayName()} generated columns do not translate to {target.Engine.DisplayName()}: {string.Join("; ", refused)}. Nothing was written. Only column names, numbers, strings, arithmetic, " +
                "comparisons, CASE, LIKE with a pattern without letters, and abs, coalesce, nullif, trim, replace, substr (from a whole-number start of 1 or more) and the " +
                "character count translate (lower, upper, round, division, integer arithmetic and text comparisons only where both engines compute them alike; see " +
                "docs/backup.md, generated columns). Rewrite the expression in the source, " +
                $"leave the table out (--tables), or create the table in {target.Engine.DisplayName()} by a migration and copy with --data-only.");
        if (collated.Count > 0)
            refusals.Add(
                $"These {source.DisplayName()} key columns have a collation, which decides which values the key counts as equal, and collations do not translate to " +
                $"{target.Engine.DisplayName()}: {string.Join("; ", collated.Select(x => x.Naming))}. Nothing was written. With {target.Engine.DisplayName()}'s default collation the key could accept values " +
                $"the source refuses ('A' next to 'a' where the source compares case-insensitively) or refuse rows it holds. {sourceDialect.KeyCollationAdvice(collated[0].Collation)}; otherwise " +
                $"leave the table out (--tables), create the table in {target.Engine.DisplayName()} by a migration and copy with --data-only, or copy to {source.DisplayName()}.");
        var sequences = schema.Sequences.Select(q =>
        {
            // MariaDB NOCACHE (CACHE 0) is PostgreSQL's CACHE 1: one value at a time (break test 26 G30: raw 22023 half-way)
            if (q.Cache is { } cache && cache < target.SequenceCacheMinimum) q = q with { Cache = target.SequenceCacheMinimum };
            if (q.Comment is null || target.SequenceCommentSql(q) is not null) return q;
            skipped.Add($"comment on sequence {q.QualifiedName}: {target.Engine.DisplayName()} keeps no comments on sequences");
            return q with { Comment = null };
        }).ToList();
        // a view's column defaults and comments, where the target keeps none (the view itself is created or named by the view plan)
        var views = schema.Views.Select(v =>
        {
            if (v.ColumnDefaults is null && v.ColumnComments is null || target.ViewColumnSettingsSql(v).Any()) return v;
            foreach (var (column, expression) in v.ColumnDefaults ?? new Dictionary<string, string>())
                skipped.Add($"default {expression} of view column {v.QualifiedName}.{column}: {target.Engine.DisplayName()} keeps no defaults on view columns");
            foreach (var column in (v.ColumnComments ?? new Dictionary<string, string>()).Keys)
                skipped.Add($"comment on view column {v.QualifiedName}.{column}: {target.Engine.DisplayName()} keeps no comments on view columns");
            return v with { ColumnDefaults = null, ColumnComments = null };
        }).ToList();
        if (!intoExistingTables) tables = ReferencedCollations(tables, schema.Tables);
        return schema with { Tables = target.ForeignKeysNeedSameIntegerType ? SameIntegerTypes(tables, warnings) : tables, Sequences = sequences, Views = views };
    }

    /// <summary>
    /// The generated column <paramref name="c"/> of <paramref name="t"/> with its expression translated to
    /// <paramref name="target"/> (SqlExpressionText.Translate, exact use), STORED made VIRTUAL where the target computes
    /// stored columns before numbering the identity column it reads (said in <paramref name="skipped"/>); where it compares
    /// text under a collation that does not translate or does not translate at all, <paramref name="refuse"/> is given
    /// "generated as ...: why" and the column is returned as it is.
    /// </summary>
    private static ColumnModel Generated(TableModel t, ColumnModel c, SchemaModel schema, SqlDialect sourceDialect, SqlDialect target, Action<string> refuse, ICollection<string> skipped)
    {
        var g = c.Generated!;
        if (CollationProblem(t, g.Expression, schema, sourceDialect, target) is { } collation)
        {
            refuse($"generated as {g.Expression}: {collation}");
            return c;
        }
        // (a boolean column's value is a truth value, any other's a number: bt51 F3, g BOOLEAN AS (a + 0) and g INT AS (a))
        if (SqlExpressionText.Translate(g.Expression, t.Columns, sourceDialect, target, SqlExpressionText.Use.Exact, out var problem,
                wholeIsTruth: c.Type.Kind == PortableType.Boolean) is not { } expression)
        {
            refuse($"generated as {g.Expression}: {problem}");
            return c;
        }
        var stored = g.Stored || !target.HasVirtualGeneratedColumns;
        // MariaDB refuses a STORED one that reads the AUTO_INCREMENT id (1901, after the target was marked):
        // VIRTUAL computes the same values, when the row is read
        if (stored && !target.StoredGeneratedColumnsReadIdentity && target.HasVirtualGeneratedColumns
            && t.Columns.Where(x => x.Identity).Select(x => x.Name).ToList() is { Count: > 0 } ids && SqlExpressionText.ColumnsIn(g.Expression, ids).Count > 0)
        {
            stored = false;
            skipped.Add($"STORED of generated column {t.Name}.{c.Name}: it reads the identity column {string.Join(", ", SqlExpressionText.ColumnsIn(g.Expression, ids))}, " +
                $"which {target.Engine.DisplayName()} numbers after computing stored columns; it is VIRTUAL there (the same values, computed when read)");
        }
        return c with { Generated = new GeneratedColumn(SqlExpressionText.IsTruthValue(expression) ? target.TruthValueIn(expression, c.Type) : expression, stored) };
    }

    /// <summary>
    /// Why <paramref name="expression"/> — a check or generated column of <paramref name="table"/> — would compare text
    /// otherwise on <paramref name="target"/>, or null. It reads a text column with a collation of its own (ICU,
    /// <c>utf8mb4_bin</c>, NOCASE; not one in byte order, which the target has too: break test 30 F1): collations do not
    /// translate (break test F13, 34 F3). Or it orders text (<c>&lt;</c>, BETWEEN) under the source database's default
    /// collation where that is not byte order — a PostgreSQL database created with ICU or a libc locale such as
    /// <c>en_US.UTF-8</c> sorts <c>'a'</c> before <c>'B'</c>, the target's text compares by code point (break test 34 F10).
    /// An equality is left alone: a database's default collation is deterministic (equal only when the bytes are).
    /// </summary>
    internal static string? CollationProblem(TableModel table, string expression, SchemaModel schema, SqlDialect source, SqlDialect target)
    {
        if (!SqlExpressionText.MayCompareText(expression)) return null;
        var collated = SqlExpressionText.ColumnsIn(expression, [.. table.Columns.Select(c => c.Name)])
            .Select(n => table.Columns.First(c => c.Name == n)).Where(c => c.Collation is not null && c.Type.Kind is PortableType.String or PortableType.Text
                && !(source.CollationComparesBytes(c.Collation) && target.BytewiseCollation is not null)).ToList();
        if (collated.Count > 0)
            return $"it compares {string.Join(" and ", collated.Select(c => $"{table.Name}.{c.Name} (collation {c.Collation})"))}, and collations do not translate; under " +
                $"{target.Engine.DisplayName()}'s default collation it would let in or refuse other rows";
        if (schema.DefaultCollation is { } byDefault && source.DefaultCollationKeysCompareCharacters && !source.CollationComparesBytes(byDefault)
            && SqlExpressionText.OrdersText(expression, table.Columns, source) is { } ordering)
            return $"it orders text ({ordering}) by the source database's default collation {byDefault}, which does not translate: {target.Engine.DisplayName()} " +
                "would order it by code point ('B' before 'a', 'é' after 'z') and let in or refuse other rows";
        return null;
    }

    /// <summary>
    /// The comments of the table, its columns and indexes that <paramref name="target"/> keeps; the others (an engine
    /// without comments, or one longer than the engine keeps) named in <paramref name="skipped"/> and left out.
    /// </summary>
    private static TableModel Comments(TableModel t, SqlDialect target, ICollection<string> skipped)
    {
        string? Kept(string? comment, string what, bool table)
        {
            if (comment is null) return null;
            if (!target.Comments)
                skipped.Add($"comment on {what}: {target.Engine.DisplayName()} keeps no comments");
            else if (target.MaxCommentLength(table) is { } max && comment.Length > max)
                skipped.Add($"comment on {what}: {comment.Length} characters, {target.Engine.DisplayName()} keeps at most {max} there");
            else return comment;
            return null;
        }
        if (t.Comment is null && t.Columns.All(c => c.Comment is null) && t.Indexes.All(i => i.Comment is null)) return t;
        return t with
        {
            Comment = Kept(t.Comment, $"table {t.QualifiedName}", table: true),
            Columns = [.. t.Columns.Select(c => c.Comment is null ? c : c with { Comment = Kept(c.Comment, $"column {t.QualifiedName}.{c.Name}", table: false) })],
            Indexes = [.. t.Indexes.Select(i => i.Comment is null ? i : i with { Comment = Kept(i.Comment, $"index {i.Name} on {t.QualifiedName}", table: false) })],
        };
    }

    /// <summary>
    /// A text foreign key column without a collation of its own takes the collation its referenced key column was given
    /// for the target (<see cref="MadeKeyCollation"/>): the key compares the same texts as the column it points to, and
    /// MariaDB refuses a foreign key between text columns of two collations (error 1825 after the tables were filled;
    /// bt46: a PostgreSQL char(5) key and the char(5) column referencing it).
    /// </summary>
    private static List<TableModel> ReferencedCollations(List<TableModel> tables, IReadOnlyList<TableModel> source)
    {
        static ColumnModel? Find(IEnumerable<TableModel> ts, string table, string column) => ts.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase))
            ?.Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));
        return [.. tables.Select(t => t.ForeignKeys.Count == 0 ? t : t with
        {
            Columns = [.. t.Columns.Select(c =>
            {
                if (c.Collation is not null || c.Type.Kind is not (PortableType.String or PortableType.Text)) return c;
                foreach (var fk in t.ForeignKeys)
                {
                    var i = fk.Columns.ToList().FindIndex(k => string.Equals(k, c.Name, StringComparison.OrdinalIgnoreCase));
                    if (i >= 0 && i < fk.ReferencedColumns.Count && Find(tables, fk.ReferencedTable, fk.ReferencedColumns[i]) is { Collation: { } made } parent
                        && Find(source, fk.ReferencedTable, fk.ReferencedColumns[i])?.Collation != made && parent.Type.Kind is PortableType.String or PortableType.Text)
                        return c with { Collation = made };
                }
                return c;
            })],
        })];
    }

    /// <summary>
    /// A foreign key column whose integer width differs from the column it references (SQLite's <c>pid INT</c> against
    /// <c>id INTEGER PRIMARY KEY</c>: int32 and int64) takes the referenced column's type, where the engine refuses the
    /// key otherwise (MySQL 1825: "the size and sign of INTEGER must be the same"). Said in <paramref name="warnings"/>.
    /// </summary>
    private static List<TableModel> SameIntegerTypes(List<TableModel> tables, ICollection<string> warnings)
    {
        static bool IsInteger(ColumnType t) => t.Kind is PortableType.Int16 or PortableType.Int32 or PortableType.Int64;
        ColumnModel? Find(string table, string column) => tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase))
            ?.Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));
        return [.. tables.Select(t => t with
        {
            Columns = [.. t.Columns.Select(c =>
            {
                foreach (var fk in t.ForeignKeys)
                {
                    var i = fk.Columns.ToList().FindIndex(k => string.Equals(k, c.Name, StringComparison.OrdinalIgnoreCase));
                    if (i < 0 || i >= fk.ReferencedColumns.Count || Find(fk.ReferencedTable, fk.ReferencedColumns[i]) is not { } parent) continue;
                    if (IsInteger(c.Type) && IsInteger(parent.Type) && c.Type.Kind != parent.Type.Kind)
                    {
                        warnings.Add($"column {t.Name}.{c.Name}: {c.Type} → {parent.Type}, the type of {fk.ReferencedTable}.{parent.Name} it references " +
                            "(the engine wants a foreign key's integer columns to match)");
                        return c with { Type = parent.Type };
                    }
                }
                return c;
            })],
        })];
    }

    /// <summary>Columns of the primary key, unique constraints and unique indexes: their collation decides what collides.</summary>
    internal static HashSet<string> UniqueKeyColumns(TableModel t) =>
        new([.. t.PrimaryKey?.Columns ?? [], .. t.Uniques.SelectMany(u => u.Columns), .. t.Indexes.Where(i => i.Unique).SelectMany(i => i.Columns.Select(c => c.Name).OfType<string>())],
            StringComparer.OrdinalIgnoreCase);

    /// <summary>The key of <paramref name="t"/> that <paramref name="column"/> is in, as messages name it ("the primary key", "unique u_email_key").</summary>
    internal static string KeyNaming(TableModel t, string column) =>
        t.PrimaryKey?.Columns.Contains(column, StringComparer.OrdinalIgnoreCase) == true ? "the primary key"
        : t.Uniques.FirstOrDefault(u => u.Columns.Contains(column, StringComparer.OrdinalIgnoreCase)) is { } u ? $"unique {u.Name ?? "(" + string.Join(", ", u.Columns) + ")"}"
        : $"unique index {t.Indexes.First(i => i.Unique && i.Columns.Any(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase))).Name}";

    /// <summary>
    /// <paramref name="schema"/>'s text key columns given a length <paramref name="target"/> indexes, as a copy gives them
    /// (<see cref="IndexableTextKeys"/>), for <c>schema apply</c> of a file not read from the target's engine (bt45 H1: a
    /// PostgreSQL <c>text</c> primary key applied to MariaDB was LONGTEXT, error 1170 after the tables before it were
    /// made). A table whose binary key cannot be given one is given to <paramref name="refuse"/> and left as it is.
    /// </summary>
    internal static SchemaModel WithIndexableKeys(SchemaModel schema, SqlDialect target, Action<string, string> refuse) => target.MaxKeyBytes is null ? schema : schema with
    {
        Tables = [.. schema.Tables.Select(t =>
        {
            try
            {
                return t with { Columns = IndexableTextKeys(t, [.. t.Columns], target, []) };
            }
            catch (NexuSqlRefusedException e)
            {
                refuse($"table {t.Name}", e.Message);
                return t;
            }
        })],
    };

    /// <summary>
    /// Text columns in a primary key, unique constraint, foreign key or index become <c>string(n)</c> where the engine indexes only
    /// a bounded length (<see cref="SqlDialect.MaxKeyBytes"/>): n shares the key's bytes among its text columns.
    /// Longer values are then refused by table, column and key when they are written, never cut. Said in a warning when
    /// NexuSQL creates the column, not into tables the target has already (copy --data-only: bt30 F2).
    /// </summary>
    private static List<ColumnModel> IndexableTextKeys(TableModel t, List<ColumnModel> columns, SqlDialect target, ICollection<string> warnings)
    {
        if (target.MaxKeyBytes is not { } maxBytes) return columns;
        var keys = new List<IReadOnlyList<string>>();
        if (t.PrimaryKey is { } pk) keys.Add(pk.Columns);
        keys.AddRange(t.Uniques.Select(u => u.Columns));
        // a foreign key's columns too: InnoDB indexes them, and a LONGTEXT one cannot reference a VARCHAR key (1825)
        keys.AddRange(t.ForeignKeys.Select(f => f.Columns));
        // expression key parts and prefix lengths (MariaDB KEY (name(10))) are bounded already
        keys.AddRange(t.Indexes.Select(i => (IReadOnlyList<string>)[.. i.Columns.Where(c => c.Length is null).Select(c => c.Name).OfType<string>()]));
        ColumnModel? Find(string name) => columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        // a binary key has no length to give it that keeps every value apart: a prefix would take values that share
        // their first bytes as equal, so it is refused by name before anything is written (MySQL 1170 otherwise)
        if (keys.SelectMany(k => k).Distinct(StringComparer.OrdinalIgnoreCase).Where(k => Find(k)?.Type.Kind == PortableType.Binary).Select(k => $"{t.Name}.{k}").ToList() is { Count: > 0 } binary)
            throw new NexuSqlRefusedException(
                $"These key columns are binary, which {target.Engine.DisplayName()} indexes only by a prefix of a given length: {string.Join(", ", binary)}. Nothing was written. " +
                "Leave their tables out (--tables), or create the tables by a migration (VARBINARY(n) holds the longest value) and copy with --data-only.");
        var lengths = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            var text = key.Where(k => Find(k)?.Type.Kind == PortableType.Text).ToList();
            if (text.Count == 0) continue;
            // other key columns: 16 bytes each covers every fixed-size type; string(n) columns take n characters
            var other = key.Except(text, StringComparer.OrdinalIgnoreCase).Sum(k => Find(k)?.Type is { Kind: PortableType.String } s ? s.Length!.Value * target.BytesPerCharacter : 16);
            var each = Math.Max(1, (maxBytes - other) / text.Count / target.BytesPerCharacter);
            foreach (var k in text) lengths[k] = Math.Min(lengths.GetValueOrDefault(k, int.MaxValue), each);
        }
        return [.. columns.Select(c =>
        {
            if (!lengths.TryGetValue(c.Name, out var n)) return c;
            warnings.Add($"column {t.Name}.{c.Name}: text → string({n}) on {target.Engine.DisplayName()}, which indexes at most {maxBytes} bytes of a key " +
                $"({target.BytesPerCharacter} per character); a longer value is refused by table, column and key");
            return c with { Type = new ColumnType(PortableType.String, Length: n) };
        })];
    }

    /// <summary>The keys of several columns the engine indexes: primary key, unique constraints, foreign keys and indexes without prefix lengths.</summary>
    private static IEnumerable<IReadOnlyList<string>> CompositeKeys(TableModel t) =>
        new[] { t.PrimaryKey?.Columns ?? [] }
            .Concat(t.Uniques.Select(u => u.Columns))
            .Concat(t.ForeignKeys.Select(f => f.Columns))
            .Concat(t.Indexes.Where(i => i.Columns.All(c => c.Length is null && c.Name is not null)).Select(i => (IReadOnlyList<string>)[.. i.Columns.Select(c => c.Name!)]))
            .Where(k => k.Count > 1);

    /// <summary>
    /// <c>string(n)</c> columns the target cannot declare — longer than one row may be (<see cref="SqlDialect.MaxRowBytes"/>:
    /// MySQL's VARCHAR(20000) fails with 1074), or together over it (1118) — become text, longest first, each named in
    /// <paramref name="skipped"/>: the values arrive whole, but the length limit is not kept. Key columns are left alone.
    /// </summary>
    private static List<ColumnModel> WithinRowSize(TableModel t, List<ColumnModel> columns, SqlDialect target, ICollection<string> skipped, bool intoExistingTables)
    {
        if (target.MaxRowBytes is not { } maxBytes) return columns;
        var keys = new HashSet<string>([.. t.PrimaryKey?.Columns ?? [], .. t.Uniques.SelectMany(u => u.Columns), .. t.ForeignKeys.SelectMany(f => f.Columns),
            .. t.Indexes.SelectMany(i => i.Columns.Select(c => c.Name).OfType<string>())], StringComparer.OrdinalIgnoreCase);
        // a key column longer than the engine indexes cannot become text (text cannot be a key there): refused by name
        if (target.MaxKeyBytes is { } maxKey && columns.Where(c => keys.Contains(c.Name) && c.Type is { Kind: PortableType.String, Length: { } n } && n * target.BytesPerCharacter > maxKey)
                .Select(c => $"{t.Name}.{c.Name} (string({c.Type.Length}))").ToList() is { Count: > 0 } tooLong)
            throw new NexuSqlRefusedException(
                $"These key columns are longer than {target.Engine.DisplayName()} indexes ({maxKey:N0} bytes, {target.BytesPerCharacter} per character): {string.Join(", ", tooLong)}. " +
                "Nothing was written. Shorten them in the source (a key that long is rarely meant), leave their tables out (--tables), or create the tables by a migration and copy with --data-only.");
        // a key of several string columns counts their lengths together (MySQL 1071 otherwise, after the copy started)
        if (target.MaxKeyBytes is { } maxComposite && CompositeKeys(t).Select(k => (Key: k, Bytes: k.Sum(c => columns.FirstOrDefault(x => string.Equals(x.Name, c, StringComparison.OrdinalIgnoreCase))?.Type
                    is { Kind: PortableType.String, Length: { } n } ? (long)n * target.BytesPerCharacter : 0)))
                .Where(k => k.Bytes > maxComposite)
                .Select(k => $"{t.Name} ({string.Join(", ", k.Key)}): {k.Bytes:N0} bytes")
                .Distinct().ToList() is { Count: > 0 } tooWide)
            throw new NexuSqlRefusedException(
                $"These keys are together longer than {target.Engine.DisplayName()} indexes ({maxComposite:N0} bytes, {target.BytesPerCharacter} per character): {string.Join(", ", tooWide)}. " +
                "Nothing was written. Shorten their columns in the source, leave their tables out (--tables), or create the tables by a migration and copy with --data-only.");
        var result = columns.ToList();
        // CHAR(n) holds at most 255 characters (1074 beyond): VARCHAR(n) keeps every value as read, padding included
        for (var i = 0; i < result.Count; i++)
            if (result[i].Type is { Kind: PortableType.String, Fixed: true, Length: > 255 } wide)
            {
                skipped.Add($"fixed length of {t.Name}.{result[i].Name} (char({wide.Length})): {target.Engine.DisplayName()}'s CHAR holds at most 255 characters, so the column is " +
                    $"varchar({wide.Length}) there; values arrive as read, padding included, but new ones are no longer padded");
                result[i] = result[i] with { Type = wide with { Fixed = false } };
            }
        // other columns: 16 bytes each covers every fixed-size type (TEXT and BLOB count 9 to 12)
        int Bytes(ColumnModel c) => c.Type is { Kind: PortableType.String, Length: { } n } ? n * target.BytesPerCharacter + 2 : 16;
        while (result.Where(c => c.Type is { Kind: PortableType.String } && !keys.Contains(c.Name)).MaxBy(c => c.Type.Length) is { } longest
               && result.Sum(Bytes) > maxBytes)
        {
            skipped.Add($"length limit of {t.Name}.{longest.Name} ({(longest.Type.Fixed ? "char" : "string")}({longest.Type.Length})): {target.Engine.DisplayName()} declares at most {maxBytes:N0} bytes per row " +
                $"({target.BytesPerCharacter} per character of a string column), so the column is text there; every value arrives whole, but longer ones are no longer refused");
            result[result.IndexOf(longest)] = longest with { Type = new ColumnType(PortableType.Text) };
        }
        return intoExistingTables ? result : WithinInlineRow(t, result, keys, target, skipped);
    }

    /// <summary>
    /// <c>string(n)</c> columns that make a row longer than the engine keeps inside its page (<see cref="SqlDialect.MaxInlineRowBytes"/>:
    /// InnoDB's 8,126 bytes, where a VARCHAR of up to 255 bytes is never moved off the page; error 1118 at CREATE TABLE)
    /// become text, widest first, each named in <paramref name="skipped"/>; a row still too long (key columns, many
    /// fixed-size ones) is refused by table, naming its widest columns, before anything is written.
    /// </summary>
    private static List<ColumnModel> WithinInlineRow(TableModel t, List<ColumnModel> result, HashSet<string> keys, SqlDialect target, ICollection<string> skipped)
    {
        if (target.MaxInlineRowBytes is not { } maxInline) return result;
        var primaryKey = t.PrimaryKey is { Columns.Count: > 0 };
        var text = target.InlineBytes(new ColumnType(PortableType.Text));
        while (target.InlineRowBytes(result, primaryKey) > maxInline
               && result.Where(c => c.Type is { Kind: PortableType.String } && !keys.Contains(c.Name) && target.InlineBytes(c.Type) > text).MaxBy(c => target.InlineBytes(c.Type)) is { } widest)
        {
            skipped.Add($"length limit of {t.Name}.{widest.Name} ({(widest.Type.Fixed ? "char" : "string")}({widest.Type.Length})): {target.Engine.DisplayName()} keeps at most {maxInline:N0} bytes " +
                $"of a row inside the page (InnoDB; a string column of up to 255 bytes, {target.BytesPerCharacter} per character, is always kept there), so the column is text there; " +
                "every value arrives whole, but longer ones are no longer refused");
            result[result.IndexOf(widest)] = widest with { Type = new ColumnType(PortableType.Text) };
        }
        if (target.InlineRowBytes(result, primaryKey) is var bytes && bytes > maxInline)
            throw new NexuSqlRefusedException(
                $"Table {t.QualifiedName}: a row takes up to {bytes:N0} bytes inside the page, more than {target.Engine.DisplayName()} keeps there ({maxInline:N0} bytes, InnoDB); widest columns: " +
                string.Join(", ", result.OrderByDescending(c => target.InlineBytes(c.Type)).Take(5).Select(c => $"{c.Name} ({c.Type}, {target.InlineBytes(c.Type):N0} bytes)")) +
                ". Nothing was written. Make key columns shorter or the table narrower in the source, leave the table out (--tables), or create it by a migration and copy with --data-only.");
        return result;
    }

    /// <summary>
    /// The collation under which a key on the text column <paramref name="c"/> read from <paramref name="source"/> takes
    /// the same texts for one on <paramref name="target"/>: where it leaves only trailing blanks out, the target's collation
    /// for that (<see cref="TrailingBlanksCollation(ColumnType, SqlDialect)"/>); where it compares characters under the
    /// source's default and the target's default folds (MariaDB's <c>_ci</c>), the target's
    /// <see cref="SqlDialect.BytewiseCollation"/>. "" for the target's default; null where the column stays as it is.
    /// </summary>
    private static string? MadeKeyCollation(ColumnModel c, SqlDialect source, SqlDialect target) =>
        TrailingBlanksOnly(c, source) ? TrailingBlanksCollation(c.Type, target)
        : c.Collation is null && source.KeyTypeFolds(c.Type) is null && source.DefaultCollationKeysCompareCharacters && !target.DefaultCollationKeysCompareCharacters
            ? target.BytewiseCollation : null;

    private const string TrailingBlanks = "'a' and 'a '";

    /// <summary>Whether a key on <paramref name="c"/> takes two texts for one only when they differ in trailing blanks.</summary>
    private static bool TrailingBlanksOnly(ColumnModel c, SqlDialect source) =>
        source.KeyTypeFolds(c.Type) == TrailingBlanks && source.KeysCompareCharacters(c.Collation)
        || c.Collation is { } k && source.KeyCollationFolds(k) == TrailingBlanks;

    /// <summary>
    /// The collation under which a key on a column of <paramref name="type"/> in <paramref name="target"/> takes only
    /// texts that differ in trailing blanks for one: "" for the column's default where its type pads and the default
    /// compares characters, else <see cref="SqlDialect.TrailingBlanksCollation"/> (SQLite RTRIM, MariaDB's PAD SPACE
    /// <c>utf8mb4_bin</c>, also on a CHAR, so that a varchar column referencing it compares as PostgreSQL compares it
    /// with a bpchar key: bt45 H2, 'ab  ' referencing 'ab' was refused under <c>utf8mb4_nopad_bin</c>), else the
    /// byte-order collation where the type pads; null where there is none (PostgreSQL varchar).
    /// </summary>
    private static string? TrailingBlanksCollation(ColumnType type, SqlDialect target) =>
        target.KeyTypeFolds(type) == TrailingBlanks ? target.DefaultCollationKeysCompareCharacters ? "" : target.TrailingBlanksCollation ?? target.BytewiseCollation
        : target.KeyTypeFolds(type) is null ? target.TrailingBlanksCollation : null;

    /// <summary>
    /// Tables the target engine cannot create as they are, known from the schema alone: more columns than a table may
    /// have (<see cref="SqlDialect.MaxColumns"/>), more indexes (<see cref="SqlDialect.MaxIndexes"/>), a foreign key
    /// between columns of types the engine cannot compare (<see cref="SqlDialect.ForeignKeyTypeProblem"/>). Each named
    /// by table (and key) in one refusal, before anything is written.
    /// </summary>
    private static void RefuseUncreatable(List<TableModel> tables, SqlDialect target)
    {
        var engine = target.Engine.DisplayName();
        if (target.MaxColumns is { } maxColumns && tables.Where(t => t.Columns.Count > maxColumns).Select(t => $"{t.QualifiedName} ({t.Columns.Count:N0} columns)").ToList() is { Count: > 0 } wide)
            throw new NexuSqlRefusedException(
                $"These tables have more columns than {engine} creates in one table ({maxColumns:N0}): {string.Join(", ", wide)}. Nothing was written. " +
                "Split them in the source (a table of the key and some of the columns each), or leave them out (--tables).");
        if (target.MaxIndexes is { } maxIndexes && tables.Select(t => (Table: t, Count: IndexCount(t, target))).Where(x => x.Count > maxIndexes)
                .Select(x => $"{x.Table.QualifiedName} ({x.Count} indexes)").ToList() is { Count: > 0 } indexed)
            throw new NexuSqlRefusedException(
                $"These tables have more indexes than {engine} creates on one table ({maxIndexes}, counting the primary key, unique constraints" +
                $"{(target.IndexesForeignKeys ? " and an index for each foreign key no other index begins with" : "")}): {string.Join(", ", indexed)}. Nothing was written. " +
                $"Drop indexes the table can do without in the source, leave the table out (--tables), or create it in {engine} by a migration and copy with --data-only.");
        var mismatched = new List<string>();
        string? reason = null;
        foreach (var t in tables)
            foreach (var fk in t.ForeignKeys)
                for (var i = 0; i < fk.Columns.Count && i < fk.ReferencedColumns.Count; i++)
                {
                    var column = t.Columns.FirstOrDefault(c => string.Equals(c.Name, fk.Columns[i], StringComparison.OrdinalIgnoreCase));
                    var parent = tables.FirstOrDefault(p => string.Equals(p.Name, fk.ReferencedTable, StringComparison.OrdinalIgnoreCase) && (fk.ReferencedSchema is null || p.Schema is null || p.Schema == fk.ReferencedSchema))
                        ?.Columns.FirstOrDefault(c => string.Equals(c.Name, fk.ReferencedColumns[i], StringComparison.OrdinalIgnoreCase));
                    if (column is null || parent is null || target.ForeignKeyTypeProblem(column.Type, parent.Type) is not { } problem) continue;
                    reason ??= problem;
                    mismatched.Add($"{t.QualifiedName} foreign key {fk.Name ?? "(" + string.Join(", ", fk.Columns) + ")"}: {column.Name} ({column.Type}) references {fk.ReferencedTable}.{parent.Name} ({parent.Type})");
                }
        if (mismatched.Count > 0)
            throw new NexuSqlRefusedException(
                $"These foreign keys join columns of types {engine} cannot compare: {string.Join("; ", mismatched)}. Nothing was written. {reason}. " +
                "Give the column the type of the column it references in the source (SQLite: declare it INTEGER where it holds ids), drop the foreign key there, " +
                $"leave the table out (--tables), or create the tables in {engine} by a migration and copy with --data-only.");
    }

    /// <summary>The indexes a table has on an engine: primary key, unique constraints, indexes, and one for each foreign key no other index begins with where the engine makes those.</summary>
    private static int IndexCount(TableModel t, SqlDialect target)
    {
        var indexed = new List<IReadOnlyList<string>>();
        if (t.PrimaryKey is { Columns.Count: > 0 } pk) indexed.Add(pk.Columns);
        indexed.AddRange(t.Uniques.Select(u => u.Columns));
        indexed.AddRange(t.Indexes.Select(i => (IReadOnlyList<string>)[.. i.Columns.Select(c => c.Name ?? "")]));
        if (target.IndexesForeignKeys)
            foreach (var fk in t.ForeignKeys)
                if (!indexed.Any(k => k.Count >= fk.Columns.Count && k.Take(fk.Columns.Count).SequenceEqual(fk.Columns, StringComparer.OrdinalIgnoreCase)))
                    indexed.Add(fk.Columns);
        return indexed.Count;
    }
}
