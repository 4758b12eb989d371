using System.Text;
using NexuSql.Dialects;

namespace NexuSql.Schema;

/// <summary>
/// Writes the DDL that creates a schema on one engine, in dependency order: tables first (without foreign keys where
/// the engine can add them later, so cycles need no special case), then foreign keys, then indexes.
/// </summary>
public static partial class SchemaScript
{
    /// <summary>Every statement that creates <paramref name="schema"/> in an empty database.</summary>
    public static IReadOnlyList<string> Create(SchemaModel schema, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var tables = schema.Canonical().Tables;
        var statements = new List<string>();
        if (schema.Sequences.Count > 0 && !dialect.SupportsSequences)
            throw new NotSupportedException($"{dialect.Engine} has no sequences ({string.Join(", ", schema.Sequences.Select(q => q.Name))}); use identity columns.");
        statements.AddRange((schema.Canonical().Extensions ?? []).Select(x => dialect.CreateExtensionSql(x.Name)).OfType<string>());
        // the schemas first: an enum type, domain or sequence of another schema is created in it
        statements.AddRange(SchemasOf(schema).Select(s => dialect.CreateSchemaSql(s)
            ?? throw new NotSupportedException($"{dialect.Engine.DisplayName()} has no schemas inside a database (schema {s}); choose the current schema's tables only.")));
        statements.AddRange(UserTypeStatements(schema, dialect, existing: null).Select(x => x.Sql));
        statements.AddRange(schema.Canonical().Sequences.SelectMany(q => CreateSequenceStatements(q, dialect)));
        foreach (var table in InCreationOrder(tables)) statements.AddRange(CreateTableStatements(table, dialect, inlineForeignKeys: !dialect.AlterTableAddsForeignKeys, schema.Table));
        // keys, foreign keys and indexes a partition takes from its parent are created by the parent's
        tables = [.. tables.Select(t => t.WithoutInherited())];
        if (dialect.AlterTableAddsForeignKeys)
            foreach (var table in tables)
                statements.AddRange(table.ForeignKeys.Select(fk => AddForeignKey(table, fk, dialect)));
        foreach (var table in tables) statements.AddRange(AddNotValidChecks(table, dialect));
        foreach (var table in tables) statements.AddRange(table.Indexes.SelectMany(i => CreateIndexStatements(table, i, dialect)));
        statements.AddRange(InDependencyOrder(schema.Canonical().Views).SelectMany(v => CreateViewStatements(v, dialect)));
        return statements;
    }

    /// <summary>
    /// The schemas other than the current one that tables, views, enum types, domains, composite types, sequences or routines of
    /// <paramref name="schema"/> are in, by name.
    /// </summary>
    public static IReadOnlyList<string> SchemasOf(SchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return [.. schema.Tables.Select(t => t.Schema).Concat(schema.Views.Select(v => v.Schema)).Concat((schema.Enums ?? []).Select(e => e.Schema))
            .Concat((schema.Domains ?? []).Select(x => x.Schema)).Concat((schema.Composites ?? []).Select(x => x.Schema)).Concat((schema.Ranges ?? []).Select(x => x.Schema)).Concat(schema.Sequences.Select(q => q.Schema)).Concat((schema.Routines ?? []).Select(r => r.Schema))
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The types a schema makes itself, in creation order: collations, enum types, then domains and composite types in
    /// the order they use each other (<see cref="UserTypes.DomainsAndComposites"/>); those <paramref name="existing"/>
    /// has already (by name) left out. Restore, copy and <see cref="Create"/> share it.
    /// </summary>
    /// <exception cref="NotSupportedException">The engine cannot create one of them (named).</exception>
    internal static IEnumerable<(string What, string Sql)> UserTypeStatements(SchemaModel schema, SqlDialect dialect, SchemaModel? existing)
    {
        // by schema and name: app.mood is not the current schema's mood
        static bool Has<T>(IEnumerable<T>? list, Func<T, string> name, string wanted) => (list ?? []).Any(x => string.Equals(name(x), wanted, StringComparison.OrdinalIgnoreCase));
        var canonical = schema.Canonical();
        foreach (var c in (canonical.Collations ?? []).Where(c => !Has(existing?.Collations, x => x.Name, c.Name)))
            yield return ($"collation {c.Name}", dialect.CreateCollationSql(c) ?? throw new NotSupportedException($"{dialect.Engine.DisplayName()} cannot create collation {c.Name} (CREATE COLLATION is PostgreSQL's)."));
        foreach (var e in EnumsFor(schema, dialect).Where(e => !Has(existing?.Enums, x => x.QualifiedName, e.QualifiedName)))
            yield return ($"enum type {e.QualifiedName}", dialect.CreateEnumSql(e));
        foreach (var item in UserTypes.DomainsAndComposites(canonical))
        {
            if (item is DomainModel x && !Has(existing?.Domains, o => o.QualifiedName, x.QualifiedName)) yield return ($"domain {x.QualifiedName}", dialect.CreateDomainSql(x));
            else if (item is CompositeTypeModel c && !Has(existing?.Composites, o => o.QualifiedName, c.QualifiedName))
                yield return ($"composite type {c.QualifiedName}", dialect.CreateCompositeTypeSql(c) ?? throw new NotSupportedException($"{dialect.Engine.DisplayName()} has no composite types ({c.QualifiedName})."));
            else if (item is RangeTypeModel r && !Has(existing?.Ranges, o => o.QualifiedName, r.QualifiedName))
                yield return ($"range type {r.QualifiedName}", dialect.CreateRangeTypeSql(r) ?? throw new NotSupportedException($"{dialect.Engine.DisplayName()} has no range types ({r.QualifiedName})."));
        }
    }

    /// <summary>The schema's enum types, checked against the engine.</summary>
    /// <exception cref="NotSupportedException">The engine has no enum types.</exception>
    public static IReadOnlyList<EnumTypeModel> EnumsFor(SchemaModel schema, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(dialect);
        var enums = schema.Canonical().Enums ?? [];
        if (enums.Count > 0 && !dialect.SupportsEnumTypes)
            throw new NotSupportedException($"{dialect.Engine} has no enum types ({string.Join(", ", enums.Select(e => e.QualifiedName))}); use string columns with a check.");
        return enums;
    }

    /// <summary>
    /// CREATE VIEW name AS select; for a materialized view <c>CREATE MATERIALIZED VIEW name AS select WITH [NO] DATA</c>
    /// (its indexes: <see cref="CreateViewStatements"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">A materialized view on an engine without them (named).</exception>
    public static string CreateView(ViewModel view, SqlDialect d)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(d);
        if (!view.Materialized)
        {
            // the check option after the SELECT (its own trailing semicolon would end the statement before it)
            var body = d.Requote(view.Sql);
            if (view.CheckOption is { } option && d.ViewCheckOptions) body = $"{body.Trim().TrimEnd(';').TrimEnd()} WITH {option.ToUpperInvariant()} CHECK OPTION";
            return $"{d.CreateViewHead(view)} AS {body}";
        }
        if (!d.SupportsMaterializedViews)
            throw new NotSupportedException($"{d.Engine.DisplayName()} has no materialized views (materialized view {view.QualifiedName}).");
        return $"CREATE MATERIALIZED VIEW {d.QuoteName(view.Schema, view.Name)} AS {d.Requote(view.Sql).Trim().TrimEnd(';').TrimEnd()} WITH {(view.WithNoData ? "NO DATA" : "DATA")}";
    }

    /// <summary>The view's CREATE statement (<see cref="CreateView"/>), then the CREATE INDEX of each index of a materialized view.</summary>
    /// <exception cref="NotSupportedException">A materialized view on an engine without them, or an index the engine cannot create (named).</exception>
    public static IReadOnlyList<string> CreateViewStatements(ViewModel view, SqlDialect d)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(d);
        return [CreateView(view, d), .. (view.Comment is not null && d.ViewCommentSql(view) is { } comment ? [comment] : Array.Empty<string>()), .. d.ViewColumnSettingsSql(view),
            .. (view.Indexes ?? []).SelectMany(i => IndexStatements(d.CreateIndexSql(view.Name, i, view.Schema), i, view.Schema, d))];
    }

    /// <summary>CREATE SEQUENCE, then its comment where the engine sets one by a statement of its own (PostgreSQL <c>COMMENT ON SEQUENCE</c>).</summary>
    public static IReadOnlyList<string> CreateSequenceStatements(SequenceModel sequence, SqlDialect d)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(d);
        return sequence.Comment is not null && d.SequenceCommentSql(sequence) is { } comment ? [d.CreateSequenceSql(sequence), comment] : [d.CreateSequenceSql(sequence)];
    }

    /// <summary><see cref="CreateIndex"/>, then the index's comment where the engine sets one by a statement of its own (PostgreSQL <c>COMMENT ON INDEX</c>).</summary>
    public static IReadOnlyList<string> CreateIndexStatements(TableModel table, IndexModel index, SqlDialect d)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(index);
        return IndexStatements(CreateIndex(table, index, d), index, table.Schema, d);
    }

    private static IReadOnlyList<string> IndexStatements(string create, IndexModel index, string? schema, SqlDialect d) =>
        index.Comment is not null && d.IndexCommentSql(index, schema) is { } comment ? [create, comment] : [create];

    /// <summary>DROP VIEW name, or DROP MATERIALIZED VIEW name (its indexes go with it).</summary>
    public static string DropView(ViewModel view, SqlDialect d)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(d);
        return $"DROP {(view.Materialized ? "MATERIALIZED VIEW" : "VIEW")} {d.QuoteName(view.Schema, view.Name)}";
    }

    /// <summary>Views that mention other views come after them.</summary>
    public static IReadOnlyList<ViewModel> InDependencyOrder(IReadOnlyList<ViewModel> views)
    {
        var ordered = new List<ViewModel>();
        var pending = views.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(v => !pending.Any(o => o != v && v.Sql.Contains(o.Name, StringComparison.OrdinalIgnoreCase))) ?? pending[0];
            ordered.Add(ready);
            pending.Remove(ready);
        }
        return ordered;
    }

    /// <summary>
    /// <paramref name="views"/> and <paramref name="routines"/> (those created after the views,
    /// <see cref="RoutineStage.AfterViews"/>, in their creation order) in one order: each after the views its text names
    /// and the routines it calls, else views first (bt52 N3: a view calling a function whose SQL-standard body reads
    /// another view came before that function: <c>schema apply</c> failed with 42883, copy and restore left the view
    /// out). Each item is a <see cref="ViewModel"/> or a <see cref="RoutineModel"/>; a cycle keeps the order given.
    /// Restore, copy and <c>schema apply</c> share it.
    /// </summary>
    internal static IReadOnlyList<object> InCreationOrder(IReadOnlyList<ViewModel> views, IReadOnlyList<RoutineModel> routines)
    {
        var ordered = new List<object>();
        var pending = new List<object>([.. InDependencyOrder(views), .. routines]);
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(x => !pending.Any(o => o != x && Needs(x, o))) ?? pending[0];
            ordered.Add(ready);
            pending.Remove(ready);
        }
        return ordered;

        static bool Needs(object item, object other) => (item, other) switch
        {
            (ViewModel v, ViewModel o) => v.Sql.Contains(o.Name, StringComparison.OrdinalIgnoreCase),
            (ViewModel v, RoutineModel r) => r.IsCalledBy(v.Sql),
            (RoutineModel r, ViewModel o) => SqlText.Mentions(r.Sql, o.Name), // (a view v is not named by a function fv)
            (RoutineModel r, RoutineModel c) => !string.Equals(r.Name, c.Name, StringComparison.OrdinalIgnoreCase) && c.IsCalledBy(r.Sql),
            _ => false,
        };
    }

    /// <summary>
    /// Tables in the order they can be created: a partition after its partitioned table, an inheritance child after
    /// its parents, a table with a column default that draws from another table's serial sequence
    /// (<c>DEFAULT nextval('log_id_seq')</c>) after that table (a cycle, or a parent that is not in the list, keeps the
    /// order given).
    /// </summary>
    public static IReadOnlyList<TableModel> InCreationOrder(IReadOnlyList<TableModel> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var ordered = new List<TableModel>();
        var pending = tables.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(t => !t.Parents.Any(p => pending.Any(o => o != t && o.Schema == t.Schema && string.Equals(o.Name, p, StringComparison.OrdinalIgnoreCase)))
                && !pending.Any(o => o != t && DrawsFromSequenceOf(t, o))) ?? pending[0];
            ordered.Add(ready);
            pending.Remove(ready);
        }
        return ordered;
    }

    // a column default of t is nextval() of the sequence PostgreSQL names for a serial or identity column of o (o_id_seq):
    // that sequence is created with o
    private static bool DrawsFromSequenceOf(TableModel t, TableModel o) => t.Columns.Any(c => DrawsFromSequenceOf(c, o));

    /// <summary>
    /// Whether the column's default is nextval() of the sequence PostgreSQL makes for a serial or identity column of
    /// <paramref name="owner"/> (<c>DEFAULT nextval('log_id_seq')</c>, log.id a serial): that sequence comes and goes with its table.
    /// </summary>
    internal static bool DrawsFromSequenceOf(ColumnModel column, TableModel owner) =>
        column.Default is { } d && NextvalSequence().Match(d) is { Success: true } m
        && owner.Columns.Any(x => x.Identity && string.Equals(m.Groups["name"].Value.Replace("\"", "", StringComparison.Ordinal).Split('.')[^1],
            $"{owner.Name}_{x.Name}_seq", StringComparison.OrdinalIgnoreCase));

    [System.Text.RegularExpressions.GeneratedRegex(@"nextval\(\s*'(?<name>(?:[^']|'')*)'", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NextvalSequence();

    /// <summary>Tables with the ones they reference first (cycles keep their order): the order to load or, reversed, to empty them.</summary>
    public static IReadOnlyList<TableModel> InDependencyOrder(IReadOnlyList<TableModel> tables)
    {
        var ordered = new List<TableModel>();
        var pending = tables.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(t => t.ForeignKeys.All(f => (f.ReferencedSchema == t.Schema && string.Equals(f.ReferencedTable, t.Name, StringComparison.OrdinalIgnoreCase))
                || !pending.Any(p => p.Schema == f.ReferencedSchema && string.Equals(p.Name, f.ReferencedTable, StringComparison.OrdinalIgnoreCase)))) ?? pending[0];
            ordered.Add(ready);
            pending.Remove(ready);
        }
        return ordered;
    }

    /// <summary>
    /// CREATE TABLE with columns, primary key and unique constraints (and foreign keys when asked). A partition or an
    /// inheritance child declares only its own columns and constraints (the parent's DDL creates the inherited ones);
    /// see <see cref="CreateTableStatements"/> for what its inherited columns may need after it.
    /// </summary>
    public static string CreateTable(TableModel table, SqlDialect d, bool inlineForeignKeys) => CreateTableStatements(table, d, inlineForeignKeys, null)[0];

    /// <summary>
    /// <see cref="CreateTable(TableModel, SqlDialect, bool)"/>, then for a partition or inheritance child the statement
    /// giving its inherited columns a default or NOT NULL that is not their parent's (found through
    /// <paramref name="parentOf"/>; every inherited column's when it is null).
    /// </summary>
    public static IReadOnlyList<string> CreateTableStatements(TableModel table, SqlDialect d, bool inlineForeignKeys, Func<string, TableModel?>? parentOf)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(d);
        // a virtual table is its module's: its own statement creates it (and its shadow tables)
        if (table.Virtual is { } statement)
            return d.VirtualTables ? [statement, .. d.VirtualTableConfigSql(table)] : throw new NotSupportedException($"{d.Engine.DisplayName()} has no virtual tables ({table.Name}: {statement}).");
        var lines = new List<string>();
        // the comments of the table and of every column it has, inherited ones too (PostgreSQL: COMMENT ON after CREATE TABLE)
        var comments = d.TableStorageSettingsSql(table).Concat(d.TableCommentsSql(table)).ToList();
        var child = table.Parents.Any();
        // a child's inherited columns come first, in its parents' order: a child whose columns stand otherwise (a column
        // added to the parent after the child's own, a partition attached with its own order) is created on its own with
        // every column in its order, then attached (break test 26 G21: INSERT without a column list swapped values)
        if (child && parentOf is not null && d.AttachToParentsSql(table) is { Count: > 0 } attach && !InCreatedOrder(table, parentOf))
            return [.. CreateTableStatements(table.WithoutInherited() with
            {
                PartitionOf = null, PartitionBound = null, Inherits = null,
                Columns = [.. table.Columns.Select(c => c with { Inherited = false })],
                // attaching asks the child for its parents' checks (a plan's model holds them on the parent only)
                Checks = [.. table.Checks.Select(c => c with { Inherited = false })
                    .Concat(AncestorChecks(table, parentOf).Where(a => !table.Checks.Any(c => c.Name == a.Name))).DistinctBy(c => c.Name)],
            }, d, inlineForeignKeys, parentOf), .. attach];
        var inherited = child ? table.Columns.Where(c => c.Inherited).ToList() : [];
        table = table.WithoutInherited() with { Columns = [.. table.Columns.Where(c => !inherited.Contains(c))] };
        if (!d.ColumnLevelChecks) table = table.WithColumnChecksAsTableChecks();
        // SQLite: the identity column carries PRIMARY KEY in its definition (the rowid), as does an INTEGER key that must not become the rowid
        var inlinePk = (d.IdentityIsPrimaryKey && table.Columns.Any(c => c.Identity)) || table.Columns.Any(c => d.ColumnPrimaryKeySql(table, c) is not null);
        // SQLite's ON CONFLICT of the key: after PRIMARY KEY [DESC], before AUTOINCREMENT (break test 23 F31)
        var keyConflict = table.PrimaryKey?.OnConflict is { } algorithm ? d.ConflictClauseSql(algorithm) : null;
        foreach (var c in table.Columns)
            lines.Add(Column(c, d, table.Strict, keyConflict) + (d.ColumnPrimaryKeySql(table, c) is { } columnPk ? " " + columnPk + (keyConflict is null ? "" : " " + keyConflict) : ""));
        if (table.Period is { } period) lines.Add(PeriodSql(period, table.Name, d));
        // MariaDB's system period over the table's own ROW START / ROW END columns (break test 25 F10)
        if (table.SystemVersioned && table.SystemPeriodColumns() is var (start, end)) lines.Add($"PERIOD FOR SYSTEM_TIME ({d.QuoteIdentifier(start)}, {d.QuoteIdentifier(end)})");
        if (table.PrimaryKey is { } pk && !inlinePk)
            lines.Add(Constraint(pk.Name, d) + "PRIMARY KEY (" + KeyColumnsSql(pk, d) + ")" + KeyIncludeSql(pk, d) + (keyConflict is null ? "" : " " + keyConflict) + Deferrable(pk.Deferrable, d, foreignKey: false));
        foreach (var u in table.Uniques)
            lines.Add(Constraint(u.Name, d) + "UNIQUE" + NullsNotDistinctSql(u, d) + " (" + KeyColumnsSql(u, d) + ")" + KeyIncludeSql(u, d) +
                (u.OnConflict is { } a && d.ConflictClauseSql(a) is { } uniqueConflict ? " " + uniqueConflict : "") + Deferrable(u.Deferrable, d, foreignKey: false));
        if (inlineForeignKeys) lines.AddRange(table.ForeignKeys.Select(fk => Constraint(fk.Name, d) + References(fk, d)));
        // a NOT VALID check is added after the rows (AddNotValidChecks): in CREATE TABLE PostgreSQL would validate it
        lines.AddRange(table.Checks.Where(c => !(c.NotValid && d.NotValidConstraints)).Select(c => Check(c, d, table)));
        lines.AddRange((table.Exclusions ?? []).Select(e => Exclusion(e, d)));
        // an inherited column as the child has it where that is not what it takes from its parent(s)
        var own = inherited.Where(c => parentOf is null || table.Parents.Select(parentOf).OfType<TableModel>().Select(p => p.Columns.FirstOrDefault(x => x.Name == c.Name))
            .OfType<ColumnModel>().ToList() is not { Count: > 0 } from
            || !from.Any(p => SchemaDiff.SameDefault(p.Default, c.Default)) || (!c.Nullable && from.All(p => p.Nullable))).ToList();
        return d.InheritedColumnsSql(table.Name, own, table.Schema) is { } alter ? [d.CreateTableSql(table, lines), alter, .. comments] : [d.CreateTableSql(table, lines), .. comments];
    }

    /// <summary>The checks <paramref name="table"/>'s parents (and theirs) pass on to it (all but NO INHERIT ones).</summary>
    private static IEnumerable<CheckModel> AncestorChecks(TableModel table, Func<string, TableModel?> parentOf) =>
        table.Parents.Select(parentOf).OfType<TableModel>()
            .SelectMany(p => p.Checks.Where(c => !c.NoInherit).Select(c => c with { Inherited = false }).Concat(AncestorChecks(p, parentOf)));

    /// <summary>
    /// The columns of <paramref name="table"/> stand as <c>INHERITS</c> or <c>PARTITION OF</c> creates them: its
    /// parents' columns first (in their order, each once), then its own; true when a parent is not known.
    /// </summary>
    private static bool InCreatedOrder(TableModel table, Func<string, TableModel?> parentOf)
    {
        var parents = table.Parents.Select(parentOf).ToList();
        if (parents.Any(p => p is null)) return true;
        var order = parents.SelectMany(p => p!.Columns.Select(c => c.Name)).Distinct(StringComparer.Ordinal).ToList();
        order.AddRange(table.Columns.Select(c => c.Name).Where(n => !order.Contains(n, StringComparer.Ordinal)));
        return order.SequenceEqual(table.Columns.Select(c => c.Name), StringComparer.Ordinal);
    }

    /// <summary>One column definition.</summary>
    public static string Column(ColumnModel c, SqlDialect d) => Column(c, d, strictTable: false);

    /// <summary>One column definition, its type spelled for a STRICT table when <paramref name="strictTable"/> and the engine has them.</summary>
    public static string Column(ColumnModel c, SqlDialect d, bool strictTable) => Column(c, d, strictTable, keyConflict: null);

    // keyConflict: the primary key's conflict clause, written in an identity column that is the key (SQLite's rowid)
    private static string Column(ColumnModel c, SqlDialect d, bool strictTable, string? keyConflict)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(d);
        var type = d.DeclaredTypeSql(c, strictTable);
        var sb = new StringBuilder(d.QuoteIdentifier(c.Name)).Append(' ').Append(type);
        if (c.Collation is { } collation) sb.Append(' ').Append(d.CollationSql(collation));
        if (c.Generated is { } generated)
        {
            // the engine computes the value: no identity, default or ON UPDATE
            sb.Append(' ').Append(d.GeneratedColumnSql(generated));
            if (!c.Nullable && d.GeneratedColumnsTakeNotNull) sb.Append(" NOT NULL");
            return Invisible(sb, c, d);
        }
        if (c.Identity && d.IdentityClauseSql(c) is { } identity)
            sb.Append(' ').Append(keyConflict is null || !d.IdentityIsPrimaryKey ? identity
                : identity.StartsWith("PRIMARY KEY", StringComparison.Ordinal) ? "PRIMARY KEY " + keyConflict + identity["PRIMARY KEY".Length..] : identity + " " + keyConflict);
        if (!c.Nullable && !(c.Identity && d.IdentityIsPrimaryKey))
            sb.Append(" NOT NULL").Append(c.NotNullOnConflict is { } algorithm && d.ConflictClauseSql(algorithm) is { } conflict ? " " + conflict : "");
        // the portable spelling first: a boolean default of 0 or 'f' is written as false, DEFAULT NULL as no default
        if (d.ColumnDefaultSql(c) is { } def) sb.Append(" DEFAULT ").Append(def);
        if (c.OnUpdate is not null)
            sb.Append(' ').Append(d.OnUpdateSql(c) ?? throw new NotSupportedException($"{d.Engine.DisplayName()} has no ON UPDATE clause for column {c.Name} (it needs a trigger)."));
        return Invisible(sb, c, d);
    }

    // INVISIBLE, then a column-level CHECK (MariaDB: the column's own; where the engine has none, the caller has made it a table check)
    private static string Invisible(StringBuilder sb, ColumnModel c, SqlDialect d)
    {
        if (c.Invisible) sb.Append(' ').Append(d.InvisibleColumnSql ?? throw new NotSupportedException($"{d.Engine.DisplayName()} has no invisible columns ({c.Name})."));
        if (c.WithoutSystemVersioning && d.UnversionedColumnSql is { } unversioned) sb.Append(' ').Append(unversioned);
        if (c.Comment is { } comment && d.ColumnCommentClause(comment) is { } clause) sb.Append(' ').Append(clause);
        if (c.Check is { } check)
        {
            if (!d.ColumnLevelChecks) throw new NotSupportedException($"{d.Engine.DisplayName()} keeps no column-level checks ({c.Name}); write it as a table check.");
            sb.Append(" CHECK (").Append(d.ExpressionSql(check.Expression)).Append(')');
        }
        return sb.ToString();
    }

    /// <summary><c>CONSTRAINT name CHECK (expression)</c>.</summary>
    /// <remarks>A check read from PostgreSQL (<c>'-1'::integer</c>, <c>= ANY (ARRAY[...])</c>) is written in its normalised form where the engine reads neither.</remarks>
    public static string Check(CheckModel check, SqlDialect d)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(d);
        return $"{Constraint(check.Name, d)}CHECK ({d.ExpressionSql(check.Expression)}){(check.NoInherit && d.CheckNoInherit ? " NO INHERIT" : "")}" +
            (check.NotValid && d.NotValidConstraints ? " NOT VALID" : "");
    }

    /// <summary>
    /// <c>CONSTRAINT name CHECK (expression)</c> for a check of <paramref name="table"/>; an unnamed check gets a stable
    /// name (<see cref="CheckName"/>) instead of whatever the engine would choose (MariaDB: CONSTRAINT_1).
    /// </summary>
    public static string Check(CheckModel check, SqlDialect d, TableModel table)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(table);
        return Check(check.Name is null ? check with { Name = CheckName(table, check) } : check, d);
    }

    /// <summary>
    /// The name NexuSQL gives an unnamed check: <c>table_check_</c> and 8 hex digits of a hash of its normalised
    /// expression, so the same check gets the same name on every engine and every run (at most 63 characters).
    /// </summary>
    public static string CheckName(TableModel table, CheckModel check)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(check);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(SqlExpressionText.Normalize(check.Expression))))[..8];
        var prefix = table.Name.Length > 48 ? table.Name[..48] : table.Name;
        return $"{prefix}_check_{hash}";
    }

    /// <summary><c>CONSTRAINT name EXCLUDE USING ...</c>.</summary>
    /// <exception cref="NotSupportedException">The engine has no exclusion constraints.</exception>
    public static string Exclusion(ExclusionModel exclusion, SqlDialect d)
    {
        ArgumentNullException.ThrowIfNull(exclusion);
        ArgumentNullException.ThrowIfNull(d);
        return d.ExclusionConstraints ? $"{Constraint(exclusion.Name, d)}{exclusion.Definition}"
            : throw new NotSupportedException($"{d.Engine.DisplayName()} has no exclusion constraints ({exclusion.Name}).");
    }

    /// <summary>
    /// <c>ALTER TABLE ... ADD CONSTRAINT ... CHECK (...) NOT VALID</c> for the table's NOT VALID checks, which
    /// <see cref="CreateTableStatements"/> leaves out where the engine has them: after the rows, so those the source
    /// holds that break them arrive too. None elsewhere (there they are plain checks of the CREATE TABLE).
    /// </summary>
    internal static IEnumerable<string> AddNotValidChecks(TableModel table, SqlDialect d) =>
        !d.NotValidConstraints ? [] : table.WithoutInherited().Checks.Where(c => c.NotValid)
            .Select(c => $"ALTER TABLE {d.QuoteName(table.Schema, table.Name)} ADD {Check(c, d, table)}");

    /// <summary>ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY.</summary>
    public static string AddForeignKey(TableModel table, ForeignKeyModel fk, SqlDialect d) =>
        $"ALTER TABLE {d.QuoteName(table.Schema, table.Name)} ADD {Constraint(fk.Name, d)}{References(fk, d)}";

    /// <summary>CREATE [UNIQUE] INDEX, with whatever the model holds (WHERE, expressions, INCLUDE, method, prefix lengths).</summary>
    /// <exception cref="NotSupportedException">The engine cannot create the index as it is; the message names it.</exception>
    public static string CreateIndex(TableModel table, IndexModel index, SqlDialect d)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(d);
        return d.CreateIndexSql(table.Name, index, table.Schema);
    }

    private static string References(ForeignKeyModel fk, SqlDialect d)
    {
        var sb = new StringBuilder($"FOREIGN KEY ({Columns(fk.Columns, d)}) REFERENCES {d.QuoteName(fk.ReferencedSchema, fk.ReferencedTable)} ({Columns(fk.ReferencedColumns, d)})");
        // for one column MATCH FULL and MATCH SIMPLE take the same rows; for more, an engine without it is refused
        // the key by name before anything runs (ForeignKeyProblems), so this is the last guard
        if (fk.MatchFull && d.ForeignKeyMatchFull) sb.Append(" MATCH FULL");
        else if (fk.MatchFull && fk.Columns.Count > 1) throw new NotSupportedException($"{d.Engine.DisplayName()} has no MATCH FULL foreign keys ({fk.Name ?? string.Join(", ", fk.Columns)}).");
        if (!IsNoAction(fk.OnDelete)) sb.Append(" ON DELETE ").Append(fk.OnDelete.ToUpperInvariant());
        if (OnDeleteColumns(fk) is { } set)
        {
            if (!d.ForeignKeyActionColumns)
                throw new NotSupportedException($"{d.Engine.DisplayName()} has no column list on ON DELETE {fk.OnDelete.ToUpperInvariant()} ({fk.Name ?? string.Join(", ", fk.Columns)}).");
            sb.Append(" (").Append(Columns(set, d)).Append(')');
        }
        if (!IsNoAction(fk.OnUpdate)) sb.Append(" ON UPDATE ").Append(fk.OnUpdate.ToUpperInvariant());
        return sb.Append(Deferrable(fk.Deferrable, d, foreignKey: true)).Append(fk.NotValid && d.NotValidConstraints ? " NOT VALID" : "").ToString();
    }

    private static string Deferrable(string? deferrable, SqlDialect d, bool foreignKey) =>
        deferrable is null || (foreignKey ? d.DeferrableForeignKeys : d.DeferrableKeys) ? DeferrableSql(deferrable)
            : throw new NotSupportedException($"{d.Engine.DisplayName()} has no DEFERRABLE {(foreignKey ? "foreign keys" : "keys")}.");

    /// <summary><c> DEFERRABLE INITIALLY DEFERRED|IMMEDIATE</c> for a key's <c>deferrable</c>, or "" when it is null.</summary>
    public static string DeferrableSql(string? deferrable) => deferrable switch
    {
        null => "",
        "deferred" => " DEFERRABLE INITIALLY DEFERRED",
        _ => " DEFERRABLE INITIALLY IMMEDIATE",
    };

    /// <summary><c> NULLS NOT DISTINCT</c> for a unique key that has it, or "".</summary>
    /// <exception cref="NotSupportedException">The engine has no such keys; the message names the key.</exception>
    internal static string NullsNotDistinctSql(KeyModel key, SqlDialect d) =>
        !key.NullsNotDistinct ? ""
            : d.Indexes.NullsNotDistinct ? " NULLS NOT DISTINCT"
            : throw new NotSupportedException($"{d.Engine.DisplayName()} has no NULLS NOT DISTINCT unique constraints ({key.Name ?? string.Join(", ", key.Columns)}).");

    /// <summary><c> INCLUDE (b)</c> for a key's included columns (<see cref="KeyModel.Include"/>), or "" when it has none.</summary>
    /// <exception cref="NotSupportedException">The engine's keys take no included columns; the message names the key.</exception>
    internal static string KeyIncludeSql(KeyModel key, SqlDialect d) =>
        key.Include is not { Count: > 0 } include ? ""
            : d.Indexes.KeyInclude ? $" INCLUDE ({string.Join(", ", include.Select(d.QuoteIdentifier))})"
            : throw new NotSupportedException($"{d.Engine.DisplayName()} has no included columns on keys ({key.Name ?? string.Join(", ", key.Columns)} INCLUDE ({string.Join(", ", include)})).");

    /// <summary>A key's columns, then its period <c>WITHOUT OVERLAPS</c> where it has one (MariaDB).</summary>
    /// <exception cref="NotSupportedException">The key is <c>WITHOUT OVERLAPS</c> and the engine has no application-time periods.</exception>
    internal static string KeyColumnsSql(KeyModel key, SqlDialect d) =>
        string.Join(", ", key.Columns.Select(c => d.QuoteIdentifier(c) + (d.DescendingKeyParts && key.IsDescending(c) ? " DESC" : ""))) + (key.WithoutOverlaps is not { } period ? ""
            : d.ApplicationPeriods ? $", {d.QuoteIdentifier(period)} WITHOUT OVERLAPS"
            : throw new NotSupportedException($"{d.Engine.DisplayName()} has no keys WITHOUT OVERLAPS ({key.Name ?? string.Join(", ", key.Columns)})."));

    /// <summary><c>PERIOD FOR name (start, end)</c>.</summary>
    /// <exception cref="NotSupportedException">The engine has no application-time periods.</exception>
    private static string PeriodSql(PeriodModel period, string table, SqlDialect d) => d.ApplicationPeriods
        ? $"PERIOD FOR {d.QuoteIdentifier(period.Name)} ({d.QuoteIdentifier(period.StartColumn)}, {d.QuoteIdentifier(period.EndColumn)})"
        : throw new NotSupportedException($"{d.Engine.DisplayName()} has no application-time periods (PERIOD FOR {period.Name} on {table}).");

    /// <summary>
    /// The columns <c>ON DELETE SET NULL/SET DEFAULT (...)</c> names, or null when the action sets every key column
    /// (or names them all, which means the same).
    /// </summary>
    internal static IReadOnlyList<string>? OnDeleteColumns(ForeignKeyModel fk) =>
        fk.OnDeleteColumns is { Count: > 0 } set && !(set.Count == fk.Columns.Count && set.All(c => fk.Columns.Contains(c, StringComparer.OrdinalIgnoreCase))) ? set : null;

    /// <summary><c>DEFERRABLE INITIALLY DEFERRED</c> as diff and refusals describe it ("" when not deferrable).</summary>
    internal static string DescribeDeferrable(string? deferrable) => DeferrableSql(deferrable).Trim();

    private static bool IsNoAction(string action) => string.Equals(action.Trim(), "NO ACTION", StringComparison.OrdinalIgnoreCase);

    private static string Constraint(string? name, SqlDialect d) => name is null ? "" : $"CONSTRAINT {d.QuoteIdentifier(name)} ";

    private static string Columns(IEnumerable<string> columns, SqlDialect d) => string.Join(", ", columns.Select(d.QuoteIdentifier));

    /// <summary>
    /// For another engine: native columns whose type has a portable equivalent take it (PostgreSQL <c>json</c>, kept
    /// as written on its own engine, becomes <c>json</c>; MySQL <c>binary(n)</c> and <c>varbinary(n)</c> become
    /// <c>binary</c>; MariaDB's <c>uuid</c> becomes <c>uuid</c>); the rest stay native, for <see cref="RefuseNativeColumns"/>.
    /// </summary>
    public static SchemaModel TranslateNativeColumns(SchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        // MySQL's BINARY(n)/VARBINARY(n) hold bytes (BINARY's zero padding is part of the value as read), which every
        // engine's binary type holds identically
        static ColumnType Portable(ColumnType t) => t.Kind != PortableType.Native ? t
            : string.Equals(t.Native, "json", StringComparison.OrdinalIgnoreCase) ? new ColumnType(PortableType.Json)
            // MariaDB's UUID prints the canonical lower-case text, which is the portable uuid (break test L4)
            : string.Equals(t.Native, "uuid", StringComparison.OrdinalIgnoreCase) ? new ColumnType(PortableType.Uuid)
            : t.Native is { } n && (n.StartsWith("binary(", StringComparison.OrdinalIgnoreCase) || n.StartsWith("varbinary(", StringComparison.OrdinalIgnoreCase))
                ? new ColumnType(PortableType.Binary)
            : t;
        return schema with { Tables = [.. schema.Tables.Select(t => t with { Columns = [.. t.Columns.Select(c => c with { Type = Portable(c.Type) })] })] };
    }

    /// <summary>
    /// Refuses, before anything is written, to move tables whose names differ only in case (PostgreSQL <c>"Users"</c> and
    /// <c>users</c>): NexuSQL matches tables regardless of case, so their rows could land in the wrong one.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Names each such group of tables.</exception>
    public static void RefuseCaseClashes(SchemaModel schema) =>
        RefuseCaseClashes(schema, "--tables cannot pick one of them either); nothing was written", "in the source");

    /// <summary>
    /// <see cref="RefuseCaseClashes(SchemaModel)"/> in the words of the command: <paramref name="outcome"/> ends the
    /// parenthesis and says what was done (verify: nothing was compared), <paramref name="where"/> says where to rename.
    /// </summary>
    internal static void RefuseCaseClashes(SchemaModel schema, string outcome, string where)
    {
        ArgumentNullException.ThrowIfNull(schema);
        // a table named "sales.t" in the current schema reads as table t of schema sales: not a clash of case (break test 23)
        var dotted = schema.Tables.GroupBy(t => t.QualifiedName, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(t => (t.Schema, t.Name)).Distinct().Count() > 1 && g.Any(t => t.Name.Contains('.', StringComparison.Ordinal)))
            .Select(g => string.Join(" and ", g.Select(t => t.Schema is null ? $"table \"{t.Name}\" of the current schema" : $"table \"{t.Name}\" of schema \"{t.Schema}\""))).ToList();
        if (dotted.Count > 0)
            throw new NexuSqlRefusedException(
                $"These tables have one name as NexuSQL writes a table's name (schema.table): {string.Join("; ", dotted)}. Their rows could land in the " +
                $"wrong one ({outcome}. Rename the table whose name has a dot in it {where}.");
        var clashes = schema.Tables.GroupBy(t => t.QualifiedName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => string.Join(" and ", g.Select(t => $"\"{t.QualifiedName}\""))).ToList();
        if (clashes.Count > 0)
            throw new NexuSqlRefusedException(
                $"Tables {string.Join("; ", clashes)} have names that differ only in case, which NexuSQL does not tell apart when it " +
                $"matches tables ({outcome}. Rename one of them {where}.");
    }

    /// <summary>
    /// Refuses, before anything is read or written, tables with a column whose name is empty (SQLite takes
    /// <c>""</c> as a name): NexuSQL cannot name it in the statements that read, compare or load it, and PostgreSQL and
    /// MySQL/MariaDB have no such name.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Names each such table.</exception>
    public static void RefuseUnnamedColumns(SchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var tables = schema.Tables.Where(t => t.Columns.Any(c => c.Name.Length == 0)).Select(t => $"\"{t.QualifiedName}\"").ToList();
        if (tables.Count > 0)
            throw new NexuSqlRefusedException(
                $"These tables have a column whose name is empty: {string.Join(", ", tables)}. NexuSQL cannot name that column in the statements that read, " +
                "compare or load it; nothing was written. Rename it in the source (SQLite: ALTER TABLE t RENAME COLUMN \"\" TO name), or leave the table out (--tables).");
    }

    /// <summary>
    /// Refuses, before anything is written, to move engine-native columns (MySQL SET, or BIT and ENUM into SQLite;
    /// PostgreSQL arrays, unconstrained numeric, ...) to another engine: their type has no equivalent there, and creating
    /// or filling them would fail half-way or change their values. A column the translation declared for the target
    /// (<see cref="ColumnModel.EngineType"/> of the target's engine: MariaDB's BIT, INET6 and ENUM into PostgreSQL) goes.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Names every such table and column.</exception>
    public static void RefuseNativeColumns(SchemaModel schema, NexuSqlEngine source, SqlDialect target)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(target);
        var columns = schema.Tables.SelectMany(t => t.Columns.Where(c => c.Type.Kind == PortableType.Native && !target.HoldsNativeType(c.Type.Native!)
                && !MySqlTypesInPostgreSql.IsCarried(c, target.Engine)).Select(c => (Table: t, Column: c))).ToList();
        var native = columns.Select(x => $"{x.Table.Name}.{x.Column.Name} ({(string.IsNullOrWhiteSpace(x.Column.Type.Native) ? "no declared type: any value" : x.Column.Type.Native)})").ToList();
        // where the target has a type of that name which would change values, why (bt39 M3: SQLite's NUMERIC)
        var limits = columns.Select(x => target.NativeTypeLimit(x.Column.Type.Native!.Trim())).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (native.Count > 0)
            throw new NexuSqlRefusedException(
                $"These {source.DisplayName()} columns have engine-native types with no {target.Engine.DisplayName()} equivalent: {string.Join(", ", native)}. " +
                string.Concat(limits.Select(l => l + ". ")) +
                $"Give them portable types in the source's schema (e.g. boolean, int64, binary, string(n), decimal(p,s)), leave their tables out (--tables), or move them to {source.DisplayName()}.");
    }
}
