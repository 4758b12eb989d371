using System.Text.RegularExpressions;
using NexuSql.Dialects;

namespace NexuSql.Schema;

/// <summary>
/// A schema read from one engine, made ready for another before restore or copy touches the target: native column
/// types translated or refused, special indexes translated where the target can express them exactly (otherwise a
/// unique one is refused and a plain one listed as skipped), and defaults or checks that call a user function refused.
/// Never a weaker constraint in silence.
/// </summary>
internal static partial class CrossEngineSchema
{
    [GeneratedRegex(@"leave (their tables|the tables?|them) out \(--tables\)")]
    private static partial Regex TablesOption();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_$]*)\s*\(")]
    private static partial Regex Call();

    /// <summary>The table's exclusion constraints where <paramref name="target"/> has none, each as <c>exclusion constraint x on t (...)</c>.</summary>
    private static IEnumerable<string> Exclusions(TableModel t, SqlDialect target) =>
        target.ExclusionConstraints ? [] : (t.Exclusions ?? []).Select(e => $"exclusion constraint {e.Name} on {t.Name} ({e.Definition})");

    /// <summary>
    /// What of <paramref name="t"/> <paramref name="target"/> cannot express, so that a table there accepts rows this one
    /// refuses — each refused by <see cref="Prepare"/>: exclusion constraints, DEFERRABLE keys
    /// (<see cref="SchemaDiff.DeferrableKeys"/>), weaker keys (<see cref="SchemaDiff.WeakerConstraints"/>), keys WITHOUT
    /// OVERLAPS.
    /// </summary>
    internal static IEnumerable<string> Inexpressible(TableModel t, SqlDialect target) =>
        Exclusions(t, target).Concat(SchemaDiff.DeferrableKeys(t, target)).Concat(SchemaDiff.WeakerConstraints(t, target))
            .Concat(target.ApplicationPeriods ? [] : t.KeysWithoutOverlaps());

    /// <summary>The schema for <paramref name="target"/>; what cannot go is refused, what goes weaker-but-safe is named in <paramref name="notes"/>.</summary>
    /// <param name="schema">The source's schema.</param>
    /// <param name="source">The source's engine.</param>
    /// <param name="target">The target's dialect.</param>
    /// <param name="notes">Receives what goes weaker but safe.</param>
    /// <param name="intoExistingTables">
    /// <c>copy --data-only</c>: the target's tables exist with their own constraints, which decide (a row they refuse is
    /// an error by key), and nothing of the source's is created — its checks, defaults, indexes, exclusion constraints and
    /// deferral are not translated, so none of them is refused (break test 31 B10: the workaround every such refusal
    /// advises, a table made by a migration and --data-only, was refused the same way).
    /// </param>
    /// <exception cref="NexuSqlRefusedException">
    /// Native columns, unique indexes the target cannot express, defaults or checks calling user functions — every one
    /// named, every kind in one exception (<see cref="NexuSqlRefusedException.Reasons"/>).
    /// </exception>
    public static SchemaModel Prepare(SchemaModel schema, NexuSqlEngine source, SqlDialect target, List<string> notes, bool intoExistingTables = false)
    {
        var refusals = new SchemaRefusals();
        return refusals.Run(() => PrepareInto(schema, source, target, notes, intoExistingTables, refusals));
    }

    /// <summary>
    /// <see cref="Prepare(SchemaModel, NexuSqlEngine, SqlDialect, List{string}, bool)"/>, then
    /// <see cref="ColumnTranslation.ForEngine(SchemaModel, NexuSqlEngine, SqlDialect, ICollection{string}, ICollection{string})"/>:
    /// the one way copy, restore, verify and a schema file of another engine are made for <paramref name="target"/>,
    /// every refusal of both steps named in one exception.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Every refusal of both steps.</exception>
    internal static SchemaModel Translate(SchemaModel schema, NexuSqlEngine source, SqlDialect target, List<string> notes, ICollection<string> warnings, bool intoExistingTables = false)
    {
        var refusals = new SchemaRefusals();
        return refusals.Run(() =>
        {
            var prepared = PrepareInto(schema, source, target, notes, intoExistingTables, refusals);
            return ColumnTranslation.ForEngine(prepared, source, target, notes, warnings, intoExistingTables, refusals);
        });
    }

    private static SchemaModel PrepareInto(SchemaModel schema, NexuSqlEngine source, SqlDialect target, List<string> notes, bool intoExistingTables, SchemaRefusals refusals)
    {
        if (intoExistingTables)
            schema = schema with
            {
                Tables = [.. schema.Tables.Select(t => t with
                {
                    Checks = [], Indexes = [], Exclusions = null,
                    Columns = [.. t.Columns.Select(c => c with { Check = null, Default = null, OnUpdate = null })],
                    ForeignKeys = [.. t.ForeignKeys.Select(f => f with { Deferrable = null })],
                    PrimaryKey = t.PrimaryKey is { } pk ? pk with { Deferrable = null } : null,
                    Uniques = [.. t.Uniques.Select(u => u with { Deferrable = null })],
                })],
            };
        // a SQLite virtual table is its module's (FTS5, R*Tree): refused by name, never loaded as a plain table with its
        // shadow tables beside it (break test 23 F19)
        if (!target.VirtualTables && schema.Tables.Where(t => t.Virtual is not null).Select(t => $"{t.QualifiedName} ({t.Virtual})").ToList() is { Count: > 0 } virtuals)
            refusals.Add(
                $"These {source.DisplayName()} virtual tables cannot be created on {target.Engine.DisplayName()}, which has no virtual tables: {string.Join("; ", virtuals)}. " +
                $"Nothing was written. Leave them out (--tables; an external-content full-text table's rows are its content table's), or copy to {source.DisplayName()}.");
        // text that sorted by the source database's linguistic default (PostgreSQL en_US.UTF-8, ICU) sorts by the target's
        // default: the same values, another ORDER BY (checks and generated columns that order text are refused below)
        if (!intoExistingTables && schema.DefaultCollation is { } byDefault && SqlDialect.For(source) is { DefaultCollationKeysCompareCharacters: true } from
            && !from.CollationComparesBytes(byDefault))
            notes.Add($"default collation {byDefault} of the {source.DisplayName()} database: text columns without a collation of their own have " +
                $"{target.Engine.DisplayName()}'s default, which sorts otherwise (ORDER BY, <, min() give another order)");
        // MariaDB's INCREMENT BY 0 steps by the session's auto_increment_increment, which no other engine has: its
        // CREATE SEQUENCE (or the identity a drawn one becomes) failed with a raw 22023 after the target was marked (bt40 N-M6)
        if (source != target.Engine && schema.Sequences.Where(q => q.Increment == 0).Select(q => SchemaModel.Qualify(q.Schema, q.Name)).ToList() is { Count: > 0 } stepless)
            refusals.Add(
                $"These {source.DisplayName()} sequences have INCREMENT BY 0 (each step is the session's auto_increment_increment), which {target.Engine.DisplayName()} " +
                $"cannot express: {string.Join(", ", stepless)}. Nothing was written. Give them a step of their own in the source (ALTER SEQUENCE ... INCREMENT BY 1), " +
                $"or copy to {source.DisplayName()}.");
        // a standalone sequence no column draws from has nothing to become on an engine without sequences: named, not
        // dropped silently (bt37 H6); one a column draws from becomes that column's identity just below
        if (!target.SupportsSequences && schema.Sequences.Count > 0)
        {
            var drawn = schema.DrawnSequences(SqlDialect.For(source));
            notes.AddRange(schema.Sequences.Where(q => !drawn.Contains(q))
                .Select(q => $"sequence {q.QualifiedName} (no column draws its default from it): {target.Engine.DisplayName()} has no sequences; not created, and its position not kept"));
        }
        schema = refusals.Try(() => WithSequenceDefaultsAsIdentities(schema, SqlDialect.For(source), target), schema);
        if (!target.SupportsSequences) schema = schema with { Sequences = [] };
        var enumChecks = new List<(string Table, CheckModel Check)>();
        if (!target.DescendingKeyParts) schema = WithoutKeyOrder(schema, target, notes);
        if (!target.Indexes.KeyInclude) schema = WithoutKeyInclude(schema, target, notes);
        // a domain's check or default that does not translate is refused, as a column's own is (TranslateChecks,
        // TranslateDefaults): the column would take values the source refuses (bt49 H1: named only, apply exited 0)
        if (!target.SupportsDomains)
        {
            var untranslated = new List<string>();
            schema = WithoutDomains(schema, target, notes, untranslated, sourceSpelling: true);
            if (untranslated.Count > 0)
                refusals.Add($"These {source.DisplayName()} domain checks and defaults do not translate to {target.Engine.DisplayName()}, which has no domains: " +
                    $"{string.Join("; ", untranslated)}. Written as they are, they would fail there; left out, the columns would take values the source refuses. " +
                    "Nothing was written. Rewrite them in the source (the portable subset of expressions: docs/schema.md, Domains), leave their tables out (--tables), " +
                    $"or copy to {source.DisplayName()}.");
        }
        // an enum type no column uses has nothing to carry: named, not refused (a column of one is carried as text below: EnumColumns)
        if (!target.SupportsEnumTypes && schema.Enums is { Count: > 0 } enums)
        {
            var used = schema.Tables.SelectMany(t => t.Columns).Where(c => c.Type.Kind == PortableType.Native)
                .Select(c => UserTypes.Element(c.Type.Native!)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            notes.AddRange(enums.Where(e => !used.Contains(e.QualifiedName))
                .Select(e => $"enum type {e.QualifiedName}: no column uses it, and {target.Engine.DisplayName()} has no enum types"));
            schema = schema with { Enums = [.. enums.Where(e => used.Contains(e.QualifiedName))] };
        }
        // composite types and CREATE COLLATION collations are PostgreSQL's: a column of a composite type is refused
        // below with the other native columns, a column's collation is named; the objects themselves are named here
        if (schema.Composites is { Count: > 0 } composites && composites.Any(c => target.CreateCompositeTypeSql(c) is null))
        {
            notes.AddRange(composites.Select(c => $"composite type {c.QualifiedName}: {target.Engine.DisplayName()} has no composite types"));
            schema = schema with { Composites = null };
        }
        if (schema.Ranges is { Count: > 0 } ranges && ranges.Any(r => target.CreateRangeTypeSql(r) is null))
        {
            notes.AddRange(ranges.Select(r => $"range type {r.QualifiedName}: {target.Engine.DisplayName()} has no range types"));
            schema = schema with { Ranges = null };
        }
        if (schema.Collations is { Count: > 0 } collations && collations.Any(c => target.CreateCollationSql(c) is null))
        {
            notes.AddRange(collations.Select(c => $"collation {c.Name}: made with CREATE COLLATION, which {target.Engine.DisplayName()} does not have"));
            schema = schema with { Collations = null };
        }
        schema = SchemaScript.TranslateNativeColumns(schema);
        // MariaDB's BIT, INET6 and ENUM have PostgreSQL types with the same values (break test 30 F7); ZEROFILL is display only
        if (source == NexuSqlEngine.MySql)
        {
            notes.AddRange(MySqlTypesInPostgreSql.ZerofillNotes(schema, target));
            if (target.Engine == NexuSqlEngine.PostgreSql) schema = refusals.Try(() => MySqlTypesInPostgreSql.Translate(schema, notes), schema);
            // ENUM into SQLite: text with a check of its labels, as a PostgreSQL enum goes there (break test 32 F21)
            schema = EnumColumns.FromMySql(schema, target, notes, enumChecks);
            if (!intoExistingTables) schema = MySqlTypesInPostgreSql.WithRangeChecks(schema, target, notes);
        }
        schema = WithoutEngineTableOptions(schema, source, target, notes, refusals);
        schema = WithNamesTheTargetTakes(schema, SqlDialect.For(source), target, notes);
        schema = WithoutConflictClauses(schema, target, notes);
        if (schema.Settings is { Count: > 0 } settings && settings.Any(x => target.DatabaseSettingSql(x.Key, x.Value) is null))
        {
            notes.AddRange(settings.Where(x => target.DatabaseSettingSql(x.Key, x.Value) is null)
                .Select(x => $"database setting {x.Key} = {x.Value} of the {source.DisplayName()} database: not carried ({target.Engine.DisplayName()} has no such setting)"));
            schema = schema with { Settings = null };
        }
        if (!target.ColumnLevelChecks) schema = schema with { Tables = [.. schema.Tables.Select(t => t.WithColumnChecksAsTableChecks())] };
        // partitioning, inheritance and UNLOGGED are PostgreSQL's: plain tables, each with its own rows (read with
        // ONLY, so each row once), its inherited columns, keys, indexes and checks its own, and each named
        if (!target.SupportsPartitioning) schema = WithPartitionsInRoots(schema, notes);
        if (!target.SupportsPartitioning || !target.SupportsUnloggedTables)
        {
            // a foreign key to a partitioned table: its rows are in the partitions, so the plain table it would
            // reference is empty
            var partitioned = schema.Tables.Where(t => t.PartitionBy is not null).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            schema = schema with { Tables = [.. schema.Tables.Select(t => t.AsPlainTable(notes)).Select(t => !t.ForeignKeys.Any(f => partitioned.Contains(f.ReferencedTable)) ? t : t with
            {
                ForeignKeys = [.. t.ForeignKeys.Where(f =>
                {
                    if (!partitioned.Contains(f.ReferencedTable)) return true;
                    notes.Add($"foreign key {f.Name ?? "(unnamed)"} on {t.Name} ({string.Join(", ", f.Columns)}) references {f.ReferencedTable}, a partitioned table whose rows are in its partitions: not created");
                    return false;
                })],
            })] };
        }
        // a table's default collation is an engine name too: the target's default applies. Where it is not the source
        // database's default (a latin1 table in a utf8mb4 database), its text columns compare otherwise than the rest:
        // they take it as their own, and are named below like any collated column
        schema = schema with
        {
            Tables = [.. schema.Tables.Select(t => t.Collation is not { } own ? t : t with
            {
                Collation = null,
                Columns = string.Equals(own, schema.DefaultCollation, StringComparison.OrdinalIgnoreCase) ? t.Columns
                    : [.. t.Columns.Select(c => c.Collation is null && c.Type.Kind is PortableType.String or PortableType.Text ? c with { Collation = own } : c)],
            })],
        };
        // JSON kept as written in the source (MariaDB, SQLite) goes into the target type that keeps it as written too:
        // jsonb would reorder keys, drop duplicates and rewrite numbers while the canonical hash still matched
        if (SqlDialect.For(source).TextKeepingJsonType is null && target.TextKeepingJsonType is { } keepsText)
            schema = schema with
            {
                Tables = [.. schema.Tables.Select(t => t with { Columns = [.. t.Columns.Select(c => c.Type.Kind == PortableType.Json ? c with { Type = keepsText } : c)] })],
            };
        // a column of an enum type: the target's own enum column type (MariaDB's ENUM), or text with a check of its labels (break test 31 B2)
        schema = refusals.Try(() => EnumColumns.Translate(schema, SqlDialect.For(source), target, notes), schema);
        refusals.Try(() => SchemaScript.RefuseNativeColumns(schema, source, target));
        // columns the target cannot declare as they are, or whose names it takes for one (break test M9, M4): named
        // before anything is written, not a raw DDL error after the target was marked
        var undeclarable = schema.Tables.SelectMany(t => t.Columns.Select(c => target.ColumnTypeProblem(c.Type) is { } why ? $"{t.Name}.{c.Name} ({why})" : null)).OfType<string>()
            .Concat(!target.ColumnNamesIgnoreCase ? [] : schema.Tables.SelectMany(t => t.Columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
                .Select(g => $"{t.Name}.{string.Join(" and " + t.Name + ".", g.Select(c => c.Name))} (names that differ only in case, one column on {target.Engine.DisplayName()})")))
            .ToList();
        if (undeclarable.Count > 0)
            refusals.Add(
                $"These {source.DisplayName()} columns cannot be created on {target.Engine.DisplayName()} as they are: {string.Join("; ", undeclarable)}. " +
                $"Nothing was written. Change them in the source, leave their tables out (--tables), or copy to {source.DisplayName()}.");
        refusals.Try(() => RefuseDecimalKeysOfOtherScales(schema, source, target));
        refusals.Try(() => RefuseUserFunctionCalls(schema, source, target));
        schema = refusals.Try(() => TranslateChecks(schema, source, target), schema);
        if (enumChecks.Count > 0)
            schema = schema with
            {
                Tables = [.. schema.Tables.Select(t => t with { Checks = [.. t.Checks, .. enumChecks.Where(k => k.Table == t.QualifiedName).Select(k => k.Check)] })],
            };
        schema = refusals.Try(() => TranslateDefaults(schema, source, target), schema);
        var exclusions = schema.Tables.SelectMany(t => Exclusions(t, target)).ToList();
        if (exclusions.Count > 0)
            refusals.Add(
                $"{target.Engine.DisplayName()} has no exclusion constraints, and without them the tables would accept rows the source refuses: {string.Join("; ", exclusions)}. " +
                $"Nothing was written. Leave their tables out (--tables), or copy to {source.DisplayName()}.");
        // a constraint checked at COMMIT becomes one checked at every statement: transactions the source accepts
        // (a child row before its parent, swapped unique values) would fail there
        var deferrable = schema.Tables.SelectMany(t => SchemaDiff.DeferrableKeys(t, target)).ToList();
        if (deferrable.Count > 0)
            refusals.Add(
                $"These {source.DisplayName()} constraints are DEFERRABLE, which {target.Engine.DisplayName()} cannot express (it checks them at every statement, so transactions " +
                $"the source accepts would fail): {string.Join("; ", deferrable)}. Nothing was written. Make them NOT DEFERRABLE in the source, leave their tables out (--tables), " +
                $"or copy to {source.DisplayName()}.");
        // a plain unique or a MATCH SIMPLE key takes rows the source refuses; SET NULL without its list nulls more
        var weaker = schema.Tables.SelectMany(t => SchemaDiff.WeakerConstraints(t, target)).ToList();
        if (weaker.Count > 0)
            refusals.Add(
                $"These {source.DisplayName()} constraints cannot be created on {target.Engine.DisplayName()} with the same meaning: {string.Join("; ", weaker)}. " +
                $"A weaker constraint would let rows in that the source refuses (or, for ON DELETE SET NULL (columns), clear more columns than the source does; for SET DEFAULT, " +
                "refuse the parent's DELETE or UPDATE that the source carries out). " +
                $"Nothing was written. Drop or rewrite them in the source, leave their tables out (--tables), or copy to {source.DisplayName()}.");
        // a SQLite foreign key to columns that are no key of the parent: the target refused it after the rows (42830,
        // errno 150; break test 34 F7)
        var parents = schema.Tables.GroupBy(t => t.QualifiedName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var keyless = intoExistingTables ? [] : schema.Tables.SelectMany(t => t.ForeignKeys.Select(f => parents.GetValueOrDefault(f.QualifiedReferencedTable) is { } p && target.ReferencedKeyProblem(p, f.ReferencedColumns) is { } why
            ? $"foreign key{(f.Name is null ? "" : " " + f.Name)} on {t.QualifiedName} ({string.Join(", ", f.Columns)}) → {f.QualifiedReferencedTable}: {why}" : null)).OfType<string>().ToList();
        if (keyless.Count > 0)
            refusals.Add(
                $"These {source.DisplayName()} foreign keys cannot be created on {target.Engine.DisplayName()}: {string.Join("; ", keyless)}. " +
                $"Nothing was written. Declare the key they reference in the source, drop them there, leave their tables out (--tables), or copy to {source.DisplayName()}.");
        refusals.Try(() => RefuseIdentities(schema, source, target));
        if (!target.NullablePrimaryKeyColumns) schema = SchemaDiff.NotNullKeys(schema);
        var refused = new List<string>();
        schema = schema with { Tables = [.. schema.Tables.Select(t => t with { Indexes = [.. t.Indexes.Select(i => TranslateIndex(schema, t, i, source, target, notes, refused)).OfType<IndexModel>()] })] };
        if (refused.Count > 0)
            refusals.Add(
                $"These {source.DisplayName()} unique indexes cannot be created on {target.Engine.DisplayName()} with the same meaning: {string.Join("; ", refused)}. " +
                $"A weaker index would let rows in that the source refuses. Drop or rewrite them in the source, leave their tables out (--tables), or copy to {source.DisplayName()}.");
        refusals.Try(() => RefuseNamesTheTargetCannotTake(schema, source, target));
        return schema;
    }

    /// <summary>
    /// A schema file read from another engine (<see cref="SchemaModel.Engine"/>) as a copy or restore makes it on
    /// <paramref name="target"/> (<see cref="Prepare"/>, then <see cref="ColumnTranslation.ForEngine(SchemaModel, NexuSqlEngine, SqlDialect, ICollection{string}, ICollection{string})"/>):
    /// one pipeline for copy, restore, verify and <c>schema apply</c>/<c>diff</c> (bt46 F1–F3: apply wrote another engine's
    /// defaults that compute otherwise — <c>7 / 2</c> is 4 on MariaDB, <c>CURRENT_DATE + 1</c> the integer 2027 on SQLite —
    /// failed half-way on <c>clock_timestamp()</c>, and dropped a <c>_ci</c> key's collation and MariaDB's unsigned ranges
    /// without a word, where copy refused or made them). A schema of the target's engine, or a hand-written one, is
    /// returned as it is.
    /// </summary>
    /// <param name="schema">The file's schema.</param>
    /// <param name="target">The engine it is planned for.</param>
    /// <param name="refuse">Receives each refusal, a sentence naming every table and column of its kind; the schema is then returned as it is.</param>
    /// <param name="notes">Receives what is made otherwise (a collation that does not translate, an identity's step).</param>
    internal static SchemaModel ForFile(SchemaModel schema, SqlDialect target, Action<string> refuse, List<string> notes)
    {
        if (schema.Engine is not { } source || source == target.Engine) return schema;
        try
        {
            var made = new List<string>();
            var warnings = new List<string>();
            var translated = Translate(schema, source, target, made, warnings);
            notes.AddRange(made);
            notes.AddRange(warnings);
            return translated;
        }
        catch (NexuSqlRefusedException e)
        {
            // each refusal as copy words it, for a file: nothing is applied (the plan says so), and --tables is copy's;
            // the file's schema is then planned as it is, so the plan lists each object as the file has it
            foreach (var reason in e.Reasons)
                refuse(TablesOption().Replace(reason.Replace("Nothing was written. ", "", StringComparison.Ordinal), "leave $1 out of the file"));
            return schema;
        }
    }

    /// <summary>
    /// Within one engine whose databases' default collations keep keys byte-equal (PostgreSQL): checks, generated
    /// columns and unique indexes' predicates that order text (<c>&lt;</c>, BETWEEN) by the source database's default collation, refused by table when
    /// the target database's default is another (an <c>en_US.UTF-8</c> or ICU source into a <c>C.UTF-8</c> target): the
    /// tables are created there without a collation of their own, so the target's order would decide which rows the
    /// check lets in (break test 34 F10). Equalities are left alone; so is everything when the defaults agree.
    /// </summary>
    /// <param name="schema">The source's schema (<see cref="SchemaModel.DefaultCollation"/> null: byte order).</param>
    /// <param name="existing">The target's schema as read.</param>
    /// <param name="target">The target's dialect.</param>
    /// <param name="byteOrderKnown">
    /// A null default collation of the source is byte order (read from the live source), not unknown (a backup taken
    /// before backups recorded a PostgreSQL database's default collation: nothing is refused for it).
    /// </param>
    /// <exception cref="NexuSqlRefusedException">Every such check and generated column, by table.</exception>
    internal static void RefuseTextOrderOfOtherDefaultCollation(SchemaModel schema, SchemaModel existing, SqlDialect target, bool byteOrderKnown)
    {
        if (!target.DefaultCollationKeysCompareCharacters || string.Equals(schema.DefaultCollation, existing.DefaultCollation, StringComparison.OrdinalIgnoreCase)
            || (schema.DefaultCollation is null && !byteOrderKnown)) return;
        var refused = new List<string>();
        foreach (var t in schema.Tables)
        {
            var uncollated = t.Columns.Where(c => c.Collation is null).ToList();
            foreach (var k in t.Checks.Concat(t.Columns.Select(c => c.Check).OfType<CheckModel>()))
                if (SqlExpressionText.OrdersText(k.Expression, uncollated, target) is { } ordering)
                    refused.Add($"check {k.Name ?? SchemaScript.CheckName(t, k)} on {t.Name} ({k.Expression}: {ordering})");
            foreach (var c in t.Columns.Where(c => c.Generated is not null))
                if (SqlExpressionText.OrdersText(c.Generated!.Expression, uncollated, target) is { } ordering)
                    refused.Add($"generated column {t.Name}.{c.Name} ({c.Generated.Expression}: {ordering})");
            foreach (var i in t.Indexes.Where(i => i.Unique && i.Where is not null))
                if (SqlExpressionText.OrdersText(i.Where!, uncollated, target) is { } ordering)
                    refused.Add($"unique index {i.Name} on {t.Name} (WHERE {i.Where}: {ordering})");
        }
        if (refused.Count > 0)
            throw new NexuSqlRefusedException(
                $"These checks, generated columns and unique indexes' predicates order text by the source database's default collation ({schema.DefaultCollation ?? "byte order"}), and the target " +
                $"database's default is another ({existing.DefaultCollation ?? "byte order"}), which would let in or refuse other rows: {string.Join("; ", refused)}. " +
                "Nothing was written. Make the target a database created with the source's collation (CREATE DATABASE ... TEMPLATE template0 with its LOCALE or ICU_LOCALE), " +
                "give the columns the collation in the source (COLLATE), or leave the tables out (--tables).");
    }

    /// <summary>Refuses tables whose identity columns <paramref name="target"/> cannot create as they are, each named (within one engine too).</summary>
    /// <exception cref="NexuSqlRefusedException">Names every such table and why.</exception>
    public static void RefuseIdentities(SchemaModel schema, NexuSqlEngine source, SqlDialect target)
    {
        var identities = schema.Tables.Select(t => target.IdentityProblem(t) is { } problem ? $"{t.Name}: {problem}" : null).OfType<string>().ToList();
        if (identities.Count > 0)
            throw new NexuSqlRefusedException(
                $"These tables' identity columns cannot be created on {target.Engine.DisplayName()} with the same meaning: {string.Join("; ", identities)}. " +
                $"Nothing was written. Change them in the source (one identity column, the primary key), leave their tables out (--tables), or copy to {source.DisplayName()}.");
    }

    /// <summary>
    /// Refuses identity positions (<paramref name="positions"/>, of <paramref name="schema"/>'s tables) above what
    /// <paramref name="target"/>'s counters hold (<see cref="SqlDialect.HighestIdentityNextValue"/>: a MariaDB BIGINT
    /// UNSIGNED AUTO_INCREMENT at or above 2^63 into PostgreSQL or SQLite), each named, before anything is written:
    /// the target would otherwise go on from its largest id and hand out ids the source already gave (bt29 M2).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Names every such table and column and its next value.</exception>
    public static void RefusePositions(IEnumerable<Backup.BackupSequence> positions, SchemaModel schema, NexuSqlEngine source, SqlDialect target)
    {
        var beyond = positions.Where(q => q.Column is not null && q.Next > target.HighestIdentityNextValue
                && schema.Tables.Any(t => string.Equals(t.Name, q.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(q => $"{SchemaModel.Qualify(q.Schema, q.Name)}.{q.Column} (next value {q.Next.ToString(System.Globalization.CultureInfo.InvariantCulture)})").ToList();
        if (beyond.Count > 0)
            throw new NexuSqlRefusedException(
                $"These identity columns go on from values that {target.Engine.DisplayName()}'s identity counters cannot hold (at most " +
                $"{target.HighestIdentityNextValue.ToString(System.Globalization.CultureInfo.InvariantCulture)}): {string.Join("; ", beyond)}. " +
                "The target would go on from its largest id instead and hand out ids the source already gave. Nothing was written. " +
                $"Leave their tables out (--tables), or copy to {source.DisplayName()}.");
    }

    /// <summary>
    /// What MySQL/MariaDB keep per table that another engine has no word for: a MyISAM/Aria AUTO_INCREMENT numbered per
    /// group and keys WITHOUT OVERLAPS are refused by name (the target would number or accept rows otherwise); the storage
    /// engine and the partitioning clause are named in <paramref name="notes"/> and left out, a period becomes its check.
    /// (Views and their options are not here: copy and restore into another engine skip every view by name.)
    /// </summary>
    private static SchemaModel WithoutEngineTableOptions(SchemaModel schema, NexuSqlEngine source, SqlDialect target, List<string> notes, SchemaRefusals refusals)
    {
        var perGroup = schema.Tables.Select(t => SqlDialect.For(source).IdentityNumberedPerGroup(t) is { } why ? $"{t.Name}: {why}" : null).OfType<string>().ToList();
        if (perGroup.Count > 0)
            refusals.Add(
                $"These tables' identity columns cannot be created on {target.Engine.DisplayName()} with the same meaning: {string.Join("; ", perGroup)}; " +
                $"{target.Engine.DisplayName()} would number new rows across the whole table. Nothing was written. Leave their tables out (--tables), or copy to {source.DisplayName()}.");
        var overlaps = target.ApplicationPeriods ? [] : schema.Tables.SelectMany(t => t.KeysWithoutOverlaps()).ToList();
        if (overlaps.Count > 0)
            refusals.Add(
                $"These {source.DisplayName()} keys cannot be created on {target.Engine.DisplayName()} with the same meaning: {string.Join("; ", overlaps)}. " +
                $"A weaker constraint would let rows in that the source refuses (periods that overlap). " +
                $"Nothing was written. Drop or rewrite them in the source, leave their tables out (--tables), or copy to {source.DisplayName()}.");
        if (target.TableStorageEngines && target.ApplicationPeriods) return schema;
        return schema with
        {
            Tables = [.. schema.Tables.Select(t =>
            {
                if (!target.ApplicationPeriods && t.Period is { } p)
                {
                    notes.Add($"period {p.Name} on {t.Name} (PERIOD FOR {p.Name} ({p.StartColumn}, {p.EndColumn}): created as the check {p.StartColumn} < {p.EndColumn})");
                    t = t.WithoutPeriod();
                }
                // MariaDB's system versioning (break test 25 F10): the table's own ROW START / ROW END columns go as plain
                // timestamp columns holding their values; the versioning and the history rows do not
                if (!target.TableStorageEngines && t.SystemVersioned)
                {
                    var unversioned = t.Columns.Where(c => c.WithoutSystemVersioning).Select(c => c.Name).ToList() is { Count: > 0 } u
                        ? $"; its columns WITHOUT SYSTEM VERSIONING ({string.Join(", ", u)}) are plain columns like the others" : "";
                    notes.Add(t.SystemPeriodColumns() is var (s, e)
                        ? $"table {t.Name} (WITH SYSTEM VERSIONING: created as a plain table, its ROW START / ROW END columns {s}, {e} as plain columns holding their values; its history rows are not carried{unversioned})"
                        : $"table {t.Name} (WITH SYSTEM VERSIONING: created as a plain table with its current rows; its history rows are not carried{unversioned})");
                    t = t.WithoutSystemVersioning();
                }
                if (target.TableStorageEngines) return t;
                if (t.StorageEngine is { } engine) notes.Add($"table {t.Name} (ENGINE={engine}: created as a {target.Engine.DisplayName()} table)");
                if (t.PartitionClause is not null) notes.Add($"table {t.Name} (partitioned, {source.DisplayName()}'s PARTITION BY: created as a plain table)");
                if (t.CreateOptions is { } options) notes.Add($"table {t.Name} ({source.DisplayName()}'s table options {options}: not carried)");
                return t with { StorageEngine = null, PartitionClause = null, CreateOptions = null };
            })],
        };
    }

    /// <summary>
    /// A column whose default draws from a standalone sequence (PostgreSQL <c>DEFAULT nextval('app.ticket_seq')</c>) is,
    /// on another engine, an identity column: its values are the engine's, as the source's are the sequence's. The
    /// sequence's start, step, bounds and cycling go with it as the identity's options, which the target keeps or
    /// <see cref="ColumnTranslation"/> names as not kept (bt39 H1: INCREMENT 3 became steps of 1, silently).
    /// </summary>
    private static SchemaModel WithSequenceDefaultsAsIdentities(SchemaModel schema, SqlDialect source, SqlDialect target)
    {
        if (!schema.Tables.Any(t => t.Columns.Any(c => source.SequenceOfDefault(c.Default) is not null))) return schema;
        RefuseSharedOrDescendingSequences(schema, source, target);
        return schema with
        {
            Tables = [.. schema.Tables.Select(t => t with
            {
                Columns = [.. t.Columns.Select(c => source.SequenceOfDefault(c.Default) is null ? c : c with
                {
                    Default = null, Identity = true,
                    IdentityOptions = schema.SequenceOfDefault(c, source) is { } q ? q.AsIdentityOptions(c.Type).OrNull() : c.IdentityOptions,
                })],
            })],
        };
    }

    /// <summary>
    /// A standalone sequence (<see cref="SchemaModel.Sequences"/>) that several columns draw their defaults from, or
    /// one that counts down, cannot become the per-table counters of <see cref="WithSequenceDefaultsAsIdentities"/>: two
    /// tables sharing one sequence would be given the same ids, a descending one would count up (bt35 H1: a3 and b2 both
    /// got id 4; -3 became 1). Refused by column and sequence before anything is written.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Every such column, with its sequence and why.</exception>
    private static void RefuseSharedOrDescendingSequences(SchemaModel schema, SqlDialect source, SqlDialect target)
    {
        var users = schema.Tables.SelectMany(t => t.Columns.Select(c => (Column: $"{t.Name}.{c.Name}", Sequence: schema.SequenceOfDefault(c, source))))
            .Where(x => x.Sequence is not null).GroupBy(x => x.Sequence!).ToList();
        var refused = users.Where(g => g.Count() > 1 || g.Key.Increment < 0).Select(g =>
            $"{string.Join(", ", g.Select(x => x.Column))} (sequence {g.Key.QualifiedName}: " +
            (g.Count() > 1 ? "shared; each table would number its rows on its own and give the same ids" : "it counts down; the target's counter counts up") + ")").ToList();
        if (refused.Count > 0)
            throw new NexuSqlRefusedException(
                $"These {source.Engine.DisplayName()} columns draw their defaults from a sequence, which {target.Engine.DisplayName()} would make a counter of each table: " +
                $"{string.Join("; ", refused)}. Nothing was written. Give each table its own identity in the source, leave the tables out (--tables), or copy to {source.Engine.DisplayName()}.");
    }

    /// <summary>
    /// Tables created for another engine's text in a target database whose default does not hold every character (a
    /// latin1 MariaDB database) declare the dialect's Unicode character set (<see cref="SqlDialect.UnicodeCharacterSet"/>):
    /// otherwise a character outside it would be found only while loading, the target half-written.
    /// </summary>
    internal static SchemaModel InUnicodeTables(SchemaModel schema, SqlDialect target, SchemaModel existing) =>
        target.UnicodeCharacterSet(existing.DefaultCollation) is not { } set ? schema
            : schema with { Tables = [.. schema.Tables.Select(t => t.Collation is null ? t with { Collation = set } : t)] };

    /// <summary>
    /// The schema for an engine without domains: each column of a domain keeps its portable base type and takes the
    /// domain's NOT NULL, its default (when the column has none) and its checks, written for the column
    /// (<c>VALUE</c> → the column) where they translate to <paramref name="target"/>; a check that does not is named in
    /// <paramref name="notCarried"/>, and each domain with what became of it in <paramref name="notes"/>.
    /// </summary>
    // sourceSpelling: the checks are added as PostgreSQL writes them (VALUE made the column), for Prepare's TranslateChecks to
    // translate with the table's own (bt49 M3: a translated CAST(x AS BINARY) was translated again, and refused)
    internal static SchemaModel WithoutDomains(SchemaModel schema, SqlDialect target, List<string> notes, List<string> notCarried, bool sourceSpelling = false)
    {
        if (schema.Domains is not { Count: > 0 } domains) return schema;
        // by the name a column declares: posint, or app.posint for one of another schema
        var byName = domains.ToDictionary(x => x.QualifiedName, StringComparer.OrdinalIgnoreCase);
        // a domain over a domain has its base's constraints too
        IEnumerable<DomainModel> Chain(DomainModel x)
        {
            for (var seen = 0; x is not null && seen < domains.Count; seen++)
            {
                yield return x;
                if (!byName.TryGetValue(x.BaseType.Trim('"'), out x!)) yield break;
            }
        }
        var tables = schema.Tables.Select(t =>
        {
            var names = t.Columns.Select(c => c.Name).ToList();
            var checks = t.Checks.ToList();
            var columns = t.Columns.Select(c =>
            {
                if (c.EngineType is not { } e || !byName.TryGetValue(e.Type.Trim('"'), out var domain)) return c;
                var carried = new List<string>();
                foreach (var x in Chain(domain))
                {
                    if (x.NotNull && c.Nullable) { c = c with { Nullable = false }; carried.Add("NOT NULL"); }
                    if (x.Default is { } def && c.Default is null && c.Identity == false)
                    {
                        // a literal, or the portable now() / uuid(); a call of anything else does not translate
                        if (ColumnDefault.Normalize(def, c.Type) is { } normal && (normal is "now()" or "uuid()" || !normal.Contains('(', StringComparison.Ordinal)))
                        {
                            c = c with { Default = normal };
                            carried.Add("DEFAULT " + normal);
                        }
                        else notCarried.Add($"default {def} of domain {x.Name} on {t.Name}.{c.Name} (it does not translate to {target.Engine.DisplayName()})");
                    }
                    foreach (var k in x.Checks)
                    {
                        var expression = ValueWord().Replace(k.Expression, PlainName().IsMatch(c.Name) ? c.Name : "\"" + c.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
                        if (SqlExpressionText.Translate(expression, names, PostgreSqlDialect.Instance, target, out var problem) is { } translated)
                        {
                            var name = $"{t.Name}_{c.Name}_{k.Name}";
                            checks.Add(new CheckModel(name.Length > 63 ? name[..63] : name, sourceSpelling ? expression : translated));
                            carried.Add($"CHECK {k.Name}");
                        }
                        else notCarried.Add($"check {k.Name} of domain {x.Name} on {t.Name}.{c.Name} ({k.Expression}: {problem})");
                    }
                }
                notes.Add($"domain {domain.Name} of {t.Name}.{c.Name}: {target.Engine.DisplayName()} has no domains; the column is created as its base type " +
                    (carried.Count > 0 ? $"with {string.Join(", ", carried)}" : "without constraints"));
                return c with { EngineType = null };
            }).ToList();
            return t with { Columns = columns, Checks = checks };
        }).ToList();
        return schema with { Tables = tables, Domains = null };
    }

    // VALUE, the domain's value in its checks (not inside a string literal)
    [GeneratedRegex(@"\bVALUE\b(?=(?:[^']*'[^']*')*[^']*$)", RegexOptions.IgnoreCase)]
    private static partial Regex ValueWord();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();

    /// <summary>
    /// A default or check that calls one of the schema's own functions cannot be created where the function is not:
    /// routines do not translate between engines. Refused before anything is written, by table, column or check, and function.
    /// </summary>
    private static void RefuseUserFunctionCalls(SchemaModel schema, NexuSqlEngine source, SqlDialect target)
    {
        var found = UserFunctionCalls(schema, (schema.Routines ?? []).Where(r => !r.IsProcedure).Select(r => r.Name));
        if (found.Count > 0)
            throw new NexuSqlRefusedException(
                $"These {source.DisplayName()} defaults and checks call the source's own functions, which are not created on {target.Engine.DisplayName()} ({source.DisplayName()} SQL does not translate): " +
                $"{string.Join("; ", found)}. Nothing was written. Give them a portable default or check in the source, leave their tables out (--tables), or copy to {source.DisplayName()}.");
    }

    /// <summary>
    /// Column defaults and checks of <paramref name="schema"/> that call one of <paramref name="functions"/>, each as
    /// <c>column t.c (default f() calls function f())</c> or <c>check name on t (calls function f())</c>.
    /// </summary>
    internal static IReadOnlyList<string> UserFunctionCalls(SchemaModel schema, IEnumerable<string> functions)
    {
        var names = functions.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (names.Count == 0) return [];
        string? Calls(string? sql) => sql is null ? null
            : Call().Matches(sql).Select(m => m.Groups["name"].Value).FirstOrDefault(names.Contains) is { } f ? f + "()" : null;
        var found = new List<string>();
        foreach (var t in schema.Tables)
        {
            found.AddRange(t.Columns.Where(c => Calls(c.Default) is not null).Select(c => $"column {t.Name}.{c.Name} (default {c.Default} calls function {Calls(c.Default)})"));
            found.AddRange(t.Checks.Where(c => Calls(c.Expression) is not null).Select(c => $"check {c.Name ?? c.Expression} on {t.Name} (calls function {Calls(c.Expression)})"));
        }
        return found;
    }

    /// <summary>
    /// A foreign key between decimal columns of different scales, into an engine that holds decimals as text
    /// (<see cref="SqlDialect.DecimalComparisonOperand"/>, SQLite): the child's 1.50 and the parent's 1.5000 are different
    /// texts there, so every child row would break the key after loading (session 21 break test F10). Refused before
    /// anything is written, by table, key and both columns' types.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Such foreign keys.</exception>
    private static void RefuseDecimalKeysOfOtherScales(SchemaModel schema, NexuSqlEngine source, SqlDialect target)
    {
        if (target.DecimalComparisonOperand("x") is null || SqlDialect.For(source).DecimalComparisonOperand("x") is not null) return;
        var refused = new List<string>();
        foreach (var t in schema.Tables)
            foreach (var fk in t.ForeignKeys)
                foreach (var (column, referenced) in fk.Columns.Zip(fk.ReferencedColumns))
                {
                    var child = t.Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase))?.Type;
                    var parent = schema.Table(t.Schema, fk.ReferencedTable)?.Columns.FirstOrDefault(c => string.Equals(c.Name, referenced, StringComparison.OrdinalIgnoreCase))?.Type;
                    if (child is { Kind: PortableType.Decimal } && parent is { Kind: PortableType.Decimal } && child.Scale != parent.Scale)
                        refused.Add($"foreign key {fk.Name ?? "(unnamed)"} on {t.Name}: {t.Name}.{column} is {child}, {fk.ReferencedTable}.{referenced} is {parent}");
                }
        if (refused.Count > 0)
            throw new NexuSqlRefusedException(
                $"These {source.DisplayName()} foreign keys join decimal columns of different scales, which {target.Engine.DisplayName()} holds as text (1.50 and 1.5000 are " +
                $"two texts there, so no child row would find its parent): {string.Join("; ", refused)}. Nothing was written. Give both columns one scale in the source, " +
                "leave the tables out (--tables), or copy to another engine.");
    }

    /// <summary>
    /// Every check written for <paramref name="target"/> (<see cref="SqlExpressionText.Translate(string, IReadOnlyCollection{string}, SqlDialect, SqlDialect, out string?)"/>);
    /// one that does not translate — an operator or function the target lacks, or one that means something else there
    /// (lower() of A–Z only, round() of halves) — is refused before anything is written, by table and check: written as
    /// it is it would fail on the target half-way (a raw syntax error) or accept rows the source refuses.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Checks that do not translate, each by table, name, expression and reason.</exception>
    private static SchemaModel TranslateChecks(SchemaModel schema, NexuSqlEngine source, SqlDialect target)
    {
        var refused = new List<string>();
        var translated = TranslateChecks(schema, source, target, (what, reason) => refused.Add($"{what} ({reason})"));
        if (refused.Count > 0)
            throw new NexuSqlRefusedException(
                $"These {source.DisplayName()} checks do not translate to {target.Engine.DisplayName()}: {string.Join("; ", refused)}. Nothing was written. Written as they are, " +
                $"they would fail on {target.Engine.DisplayName()} or let rows in that the source refuses. Only column names, numbers, strings, arithmetic, comparisons, CASE, " +
                "LIKE with a pattern without letters, and abs, coalesce, nullif, trim, replace, substr (from a whole-number start of 1 or more) and the character count translate " +
                "(lower, upper, round, division, integer arithmetic and text comparisons only where both engines compute them alike; see docs/backup.md, generated columns). Rewrite them in the source, leave their tables out (--tables), " +
                $"or create the tables in {target.Engine.DisplayName()} by a migration and copy with --data-only.");
        return translated;
    }

    /// <summary>
    /// <paramref name="schema"/>'s checks in <paramref name="target"/>'s spelling (SqlExpressionText.Translate),
    /// each one that does not translate given to <paramref name="refuse"/> (what, and the expression with why) and kept
    /// as it is. Copy and restore refuse the lot; <c>schema apply</c> of another engine's file refuses each by name in its
    /// plan (bt44 H1: a PostgreSQL <c>n/2*2 = n</c> or <c>a||b</c> check was written as it is into MariaDB, where it meant
    /// something else, and applied).
    /// </summary>
    internal static SchemaModel TranslateChecks(SchemaModel schema, NexuSqlEngine source, SqlDialect target, Action<string, string> refuse)
    {
        var from = SqlDialect.For(source);
        CheckModel? Translated(TableModel t, CheckModel check, string what)
        {
            // a column's own collation, or the source database's non-byte default ordering text, does not translate
            if (ColumnTranslation.CollationProblem(t, check.Expression, schema, from, target) is { } collation)
            {
                refuse(what, $"{check.Expression}: {collation}");
                return check;
            }
            if (SqlExpressionText.Translate(check.Expression, t.Columns, from, target, SqlExpressionText.Use.Exact, out var problem) is { } sql) return check with { Expression = sql };
            refuse(what, $"{check.Expression}: {problem}");
            return check;
        }
        return schema with
        {
            Tables = [.. schema.Tables.Select(t => t with
            {
                Checks = [.. t.Checks.Select(k => Translated(t, k, $"check {k.Name ?? SchemaScript.CheckName(t, k)} on {t.Name}")!)],
                Columns = [.. t.Columns.Select(c => c.Check is { } k ? c with { Check = Translated(t, k, $"check {k.Name ?? c.Name} of column {t.Name}.{c.Name}") } : c)],
            })],
        };
    }

    /// <summary>
    /// Keys with included columns (<see cref="KeyModel.Include"/>) into an engine whose keys take none: created without
    /// them, each named (issue #12 L15) — the same rows are allowed; a query reading those columns no longer finds them in the index.
    /// </summary>
    private static SchemaModel WithoutKeyInclude(SchemaModel schema, SqlDialect target, List<string> notes) => schema with
    {
        Tables = [.. schema.Tables.Select(t =>
        {
            if (t.PrimaryKey?.Include is null && t.Uniques.All(u => u.Include is null)) return t;
            foreach (var (what, key) in new[] { ("primary key", t.PrimaryKey) }.Concat(t.Uniques.Select(u => ($"unique key {u.Name ?? string.Join("_", u.Columns)}", (KeyModel?)u))))
                if (key?.Include is { } include)
                    notes.Add($"{what} of {t.Name} (INCLUDE ({string.Join(", ", include)}): created without; {target.Engine.DisplayName()}'s keys take no included columns)");
            return t with { PrimaryKey = t.PrimaryKey is { } pk ? pk with { Include = null } : null, Uniques = [.. t.Uniques.Select(u => u with { Include = null })] };
        })],
    };

    /// <summary>
    /// Keys whose columns are declared DESC (<see cref="KeyModel.Descending"/>) into an engine whose keys have no order:
    /// created ascending, each named (break test 28 L14) — the same rows are allowed, only the order they are kept in differs.
    /// </summary>
    private static SchemaModel WithoutKeyOrder(SchemaModel schema, SqlDialect target, List<string> notes) => schema with
    {
        Tables = [.. schema.Tables.Select(t =>
        {
            if (t.PrimaryKey?.Descending is null && t.Uniques.All(u => u.Descending is null)) return t;
            foreach (var (what, key) in new[] { ("primary key", t.PrimaryKey) }.Concat(t.Uniques.Select(u => ($"unique key {u.Name ?? string.Join("_", u.Columns)}", (KeyModel?)u))))
                if (key?.Descending is { } desc)
                    notes.Add($"{what} of {t.Name} ({string.Join(", ", desc)} DESC: created ascending; {target.Engine.DisplayName()}'s keys have no order)");
            return t with { PrimaryKey = t.PrimaryKey is { } pk ? pk with { Descending = null } : null, Uniques = [.. t.Uniques.Select(u => u with { Descending = null })] };
        })],
    };

    /// <summary>
    /// Column defaults that are expressions (<c>lower('ABC')</c>, <c>abs(-3)</c>, <c>1 + 2</c>), not a literal, a
    /// keyword or now()/uuid(), go through the same translator as checks; the dialect writes them in parentheses
    /// (SQLite takes no other expression). One that does not translate is refused before anything is written, by table
    /// and column: written as it is it would be a raw syntax error on the target after the copy started (break test F8).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Defaults that do not translate, each by table, column, default and reason.</exception>
    private static SchemaModel TranslateDefaults(SchemaModel schema, NexuSqlEngine source, SqlDialect target)
    {
        var from = SqlDialect.For(source);
        var refused = new List<string>();
        var tables = schema.Tables.Select(t => t with
        {
            Columns = [.. t.Columns.Select(c =>
            {
                // the current time in a text column is text in the source engine's format (break test 28 L11): SQLite's
                // CURRENT_TIMESTAMP takes the target's spelling of the same text; another engine's is refused by name
                if (c.Generated is null && c.Type.Kind is PortableType.Text or PortableType.String && c.Default?.Trim().ToLowerInvariant() is { } now
                    && ColumnDefault.IsCurrentTime(now, c.Type))
                {
                    if (from.UtcTimestampTextSql is { } utc && SqlText.Same(now, utc) && target.UtcTimestampTextSql is { } there) return c with { Default = there };
                    refused.Add($"column {t.Name}.{c.Name} (default {c.Default}: the current time as {source.DisplayName()} writes it into a text column; " +
                        $"{target.Engine.DisplayName()} would write another text for it)");
                    return c;
                }
                // a value not every engine has (infinity, NaN, a zero date) is asked about as a row's value is (bt29 M19)
                if (c.Generated is null && ColumnDefault.SpecialValue(c.Default, c.Type) is { } special)
                {
                    if (target.ValueProblem(special, c.Type) is { } why)
                    {
                        refused.Add($"column {t.Name}.{c.Name} (default {c.Default}: {why})");
                        return c;
                    }
                    return special is double or float && target.FloatLiteralSql(Convert.ToDouble(special, System.Globalization.CultureInfo.InvariantCulture)) is { } literal ? c with { Default = literal } : c;
                }
                if (c.Generated is not null || ColumnDefault.Normalize(c.Default, c.Type) is not { } normal || !ColumnDefault.IsExpression(normal)) return c;
                // a default reads no column: every word in it is a function or a keyword
                if (SqlExpressionText.Translate(normal, Array.Empty<ColumnModel>(), from, target, SqlExpressionText.Use.Exact, out var problem) is { } sql) return c with { Default = sql };
                refused.Add($"column {t.Name}.{c.Name} (default {c.Default}: {problem})");
                return c;
            })],
        }).ToList();
        if (refused.Count > 0)
            throw new NexuSqlRefusedException(
                $"These {source.DisplayName()} column defaults do not translate to {target.Engine.DisplayName()}: {string.Join("; ", refused)}. Nothing was written. Only literals the target holds, " +
                "now(), uuid(), and expressions of numbers, strings, arithmetic and the functions that compute alike on both engines translate. Give the columns a literal default " +
                $"in the source, leave their tables out (--tables), or create the tables in {target.Engine.DisplayName()} by a migration and copy with --data-only.");
        return schema with { Tables = tables };
    }

    /// <summary>The index as <paramref name="target"/> can hold it with the same meaning, or null when it is skipped (named in <paramref name="notes"/>).</summary>
    private static IndexModel? TranslateIndex(SchemaModel schema, TableModel table, IndexModel index, NexuSqlEngine source, SqlDialect target, List<string> notes, List<string> refused)
    {
        if (!index.IsSpecial) return index;
        var support = target.Indexes;
        var what = $"index {index.Name} on {table.Name} {IndexText.Describe(index)}";
        IndexModel? Skip(string reason)
        {
            if (index.Unique) refused.Add($"{what}: {reason}");
            else notes.Add($"{what}: not created ({reason})");
            return null;
        }
        var i = index;
        // only a unique index has it, and elsewhere NULL keys never collide: the same index would accept more rows
        if (i.NullsNotDistinct && !support.NullsNotDistinct) return Skip($"{target.Engine.DisplayName()} has no NULLS NOT DISTINCT");
        // the optimizer ignores it at the source: an ordinary index takes the same rows, but plans may use it (issue #12 L15)
        if (i.Ignored && !support.Ignored)
        {
            notes.Add($"{what}: created as an ordinary index ({target.Engine.DisplayName()} has no ignored indexes; its planner may use it)");
            i = i with { Ignored = false };
        }
        // INCLUDE columns are outside the key and its uniqueness: leaving them out loses coverage, not meaning
        if (i.Include is { Count: > 0 } include && !support.Include)
        {
            notes.Add($"{what}: INCLUDE ({string.Join(", ", include)}) left out ({target.Engine.DisplayName()} has no included columns; the key and its uniqueness are unchanged)");
            i = i with { Include = null };
        }
        // a key part in byte order (PostgreSQL's "C") is in the target's byte order (SQLite's BINARY): the same keys
        // (break test 30 F1)
        bool InByteOrder(string? k) => k is not null && support.Collations && target.BytewiseCollation is not null && SqlDialect.For(source).CollationComparesBytes(k);
        // collation names are the engine's own (NOCASE, "C", utf8mb4_bin): without one a unique key may refuse rows the source holds, or accept more
        if (i.Columns.Any(c => c.Collation is not null && !InByteOrder(c.Collation)))
        {
            if (i.Unique) return Skip($"its key parts have collations ({string.Join(", ", i.Columns.Where(c => c.Collation is not null).Select(c => $"{c.Display} {c.Collation}"))}), which do not translate between engines");
            notes.Add($"{what}: collations of its key parts left out (collations do not translate between engines; the same rows are indexed, sorted by {target.Engine.DisplayName()}'s default)");
            i = i with { Columns = [.. i.Columns.Select(c => c with { Collation = null })] };
        }
        if (i.Columns.Any(c => InByteOrder(c.Collation)))
            i = i with { Columns = [.. i.Columns.Select(c => InByteOrder(c.Collation) ? c with { Collation = target.BytewiseCollation } : c)] };
        if (!IndexModel.IsDefaultMethod(i.Method) && !support.Methods.Contains(i.Method!, StringComparer.OrdinalIgnoreCase))
        {
            // a hash index answers equality, which a B-tree answers too; gin, gist, brin and spgist index what a B-tree cannot
            if (!string.Equals(i.Method, "hash", StringComparison.OrdinalIgnoreCase)) return Skip($"{target.Engine.DisplayName()} has no {i.Method} indexes");
            notes.Add($"{what}: created as a B-tree ({target.Engine.DisplayName()} has no hash indexes; it answers the same equality lookups)");
            i = i with { Method = null };
        }
        if (i.Columns.Any(c => c.OperatorClass is not null || c.Nulls is not null) && !support.OperatorClasses)
        {
            notes.Add($"{what}: operator classes and NULLS FIRST/LAST left out ({target.Engine.DisplayName()} has none; the same rows are indexed)");
            i = i with { Columns = [.. i.Columns.Select(c => c with { OperatorClass = null, Nulls = null })] };
        }
        // a prefix length: substr(column, 1, n) is the same key where expressions exist; a plain index may take the whole column
        if (i.Columns.Any(c => c.Length is not null) && !support.PrefixLengths)
        {
            if (support.Expressions)
                i = i with { Columns = [.. i.Columns.Select(c => c.Length is { } n ? new IndexColumn(null, c.Descending) { Expression = $"substr({c.Name}, 1, {n})" } : c)] };
            else if (i.Unique) return Skip($"{target.Engine.DisplayName()} has no prefix lengths or expression indexes");
            else
            {
                notes.Add($"{what}: indexes whole columns ({target.Engine.DisplayName()} has no prefix lengths)");
                i = i with { Columns = [.. i.Columns.Select(c => c with { Length = null })] };
            }
        }
        // a unique key may come out stricter (lower() of every letter, not only A–Z): the rows are then checked against
        // the target's own function before anything is written (KeyCollisionCheck); never weaker
        var from = SqlDialect.For(source);
        var names = table.Columns;
        var use = i.Unique ? SqlExpressionText.Use.UniqueKey : SqlExpressionText.Use.Indexed;
        if (i.Columns.Any(c => c.Expression is not null))
        {
            if (!support.Expressions) return Skip($"{target.Engine.DisplayName()} has no expression indexes");
            var parts = new List<IndexColumn>();
            foreach (var c in i.Columns)
            {
                if (c.Expression is not { } x) { parts.Add(c); continue; }
                if (SqlExpressionText.Translate(x, names, from, target, use, out var problem) is not { } sql)
                    return Skip($"the expression {IndexText.Unwrap(x)} does not translate ({problem})");
                // kept, and the rows checked against the target's own lower() before anything is written; but the key is
                // stricter there for rows to come, which is said rather than refused (break test F5)
                if (i.Unique && from.CaseMapsAsciiOnly && !target.CaseMapsAsciiOnly && SqlExpressionText.CallsCaseMapping(x))
                    notes.Add($"{what}: {target.Engine.DisplayName()}'s lower() and upper() change every letter, {source.DisplayName()}'s only A–Z: the rows held now were " +
                        $"checked and keep distinct keys, but {target.Engine.DisplayName()} will refuse new rows that differ from one only in the case of a letter outside A–Z " +
                        $"('é@x' beside 'É@x'), which {source.DisplayName()} accepts");
                parts.Add(c with { Expression = sql });
            }
            i = i with { Columns = parts };
        }
        if (i.Where is { } where)
        {
            if (!support.Partial) return Skip($"{target.Engine.DisplayName()} has no partial indexes");
            // the predicate decides which rows the key covers: it must mean the same, even on a plain index; a unique
            // one's may not order text by a collation the target lacks (bt34 F10: WHERE name >= 'a' under ICU)
            if (i.Unique && ColumnTranslation.CollationProblem(table, where, schema, from, target) is { } collation)
                return Skip($"the predicate {where} does not translate ({collation})");
            if (SqlExpressionText.Translate(where, names, from, target, i.Unique ? SqlExpressionText.Use.Exact : use, out var problem) is not { } sql)
                return Skip($"the predicate {where} does not translate ({problem})");
            i = i with { Where = sql };
        }
        return i;
    }
}
