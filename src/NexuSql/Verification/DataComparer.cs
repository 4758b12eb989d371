using System.Globalization;
using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.Verification;

/// <summary>One difference between two databases' data.</summary>
/// <param name="Table">The table.</param>
/// <param name="Kind"><c>changed</c>, <c>only-in-first</c>, <c>only-in-second</c>, <c>table-missing</c>, <c>columns</c>, <c>rows</c>,
/// <c>incomplete</c> (a database holds an interrupted copy or restore; <paramref name="Table"/> is its marker table), <c>position</c>
/// (a sequence's or identity column's next value; <paramref name="Table"/> is the sequence or the column's table).</param>
/// <param name="Key">The row's key (<c>id=42</c>), when the difference is one row.</param>
/// <param name="Detail">What differs, for people.</param>
public sealed record DataDifference(string Table, string Kind, string? Key, string Detail)
{
    /// <summary>The columns whose values differ, for a row found on both sides ("row differs in v"); null when not told.</summary>
    public IReadOnlyList<string>? Columns { get; init; }
}

/// <summary>How <see cref="DataComparer"/> works.</summary>
public sealed record DataCompareOptions
{
    /// <summary>Only these tables (case-insensitive); null for all.</summary>
    public IReadOnlyList<string>? Tables { get; init; }

    /// <summary>Rows per first-level chunk of an integer key range.</summary>
    public int ChunkRows { get; init; } = 50_000;

    /// <summary>A chunk whose hashes differ is split until it holds at most this many rows on each side; then its rows are compared one by one.</summary>
    public int LeafKeys { get; init; } = 2_000;

    /// <summary>Stop listing rows of one table after this many differences (the count goes on).</summary>
    public int MaxRowsPerTable { get; init; } = 100;

    /// <summary>Called after each table with the rows compared.</summary>
    public Action<string, long>? Progress { get; init; }
}

/// <summary>
/// Compares the data of two databases, of the same engine or not. Values are read exactly and hashed in the canonical
/// form of <see cref="TableHasher"/>, so the same rows hash the same on every engine. A table with a single integer
/// primary key is compared like data-diff does: row counts and content hashes of key ranges on both sides; a range
/// that differs is split in halves until it is small, and only then are its rows compared key by key — equal data
/// costs one streaming read per side and constant memory. Other keys (text, UUID, composite) are compared by
/// holding one side's key → row hash map in memory. Tables without a primary key are compared as multisets.
/// </summary>
public static class DataComparer
{
    /// <summary>
    /// Every difference between <paramref name="first"/> and <paramref name="second"/>; empty when their data is the same.
    /// Tables outside the current schema (PostgreSQL: every non-system schema, as pg_dump takes them) are compared
    /// schema by schema and named <c>schema.table</c>; a schema only one side has is reported table by table.
    /// </summary>
    /// <exception cref="NexuSqlException">A database could not be read.</exception>
    public static async Task<IReadOnlyList<DataDifference>> CompareAsync(NexuSqlDatabase first, NexuSqlDatabase second, DataCompareOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        options ??= new DataCompareOptions();
        var inFirst = await first.Provider.OtherSchemasAsync(first, cancellationToken).ConfigureAwait(false);
        var inSecond = await second.Provider.OtherSchemasAsync(second, cancellationToken).ConfigureAwait(false);
        // one engine with schemas whose two databases have different current schemas (a search_path naming app first):
        // every schema is compared with the same-named one, the current ones too (break test 23 F2: app's tables were
        // compared with public's, and public's with nothing)
        string? currents = null;
        if (first.Engine == second.Engine && first.Dialect.Capabilities.Schemas
            && await first.ExecuteScalarAsync<string?>(first.Dialect.CurrentSchemaSql, cancellationToken: cancellationToken).ConfigureAwait(false) is { } currentA
            && await second.ExecuteScalarAsync<string?>(second.Dialect.CurrentSchemaSql, cancellationToken: cancellationToken).ConfigureAwait(false) is { } currentB
            && !string.Equals(currentA, currentB, StringComparison.Ordinal))
        {
            currents = currentA;
            inFirst = [.. inFirst.Append(currentA)];
            inSecond = [.. inSecond.Append(currentB)];
        }
        var schemas = inFirst.Union(inSecond, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // --tables app.orders names a table of another schema; any other name, one of the current schema
        bool InOther(string table) => schemas.Any(s => table.StartsWith(s + ".", StringComparison.Ordinal));
        // there, --tables orders names the first database's current schema's table
        if (currents is not null && options.Tables is { Count: > 0 } plain) options = options with { Tables = [.. plain.Select(t => InOther(t) ? t : currents + "." + t)] };
        var differences = new List<DataDifference>();
        if (currents is null && (options.Tables is not { Count: > 0 } named || named.Any(t => !InOther(t))))
            differences.AddRange(await CompareSchemaAsync(first, second,
                options with { Tables = options.Tables?.Where(t => !InOther(t)).ToList() }, cancellationToken).ConfigureAwait(false));
        foreach (var schema in schemas)
        {
            var prefix = schema + ".";
            var only = options.Tables is { Count: > 0 } wanted
                ? wanted.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).Select(t => t[prefix.Length..]).ToList()
                : null;
            if (only is { Count: 0 }) continue;
            var a = inFirst.Contains(schema) ? InSchema(first, schema) : null;
            var b = inSecond.Contains(schema) ? InSchema(second, schema) : null;
            if ((inFirst.Contains(schema) && a is null) || (inSecond.Contains(schema) && b is null))
            {
                differences.Add(new DataDifference(prefix + "*", "not-compared", null,
                    $"schema {schema} was not compared: a database opened from a connection string, not a URL, cannot be read in another schema; compare it with URLs"));
                continue;
            }
            await using (a)
            await using (b)
            {
                var scoped = options with { Tables = only, Progress = options.Progress is { } progress ? (t, rows) => progress(prefix + t, rows) : null };
                if (a is not null && b is not null)
                    differences.AddRange((await CompareSchemaAsync(a, b, scoped, cancellationToken).ConfigureAwait(false)).Select(d => d with { Table = prefix + d.Table }));
                else
                {
                    var side = (a ?? b)!;
                    var tables = (await side.Provider.ReadSchemaAsync(side, cancellationToken).ConfigureAwait(false)).WithoutTables(SchemaModel.OwnTables()).Tables
                        .Where(t => only is null || only.Contains(t.Name, StringComparer.OrdinalIgnoreCase));
                    differences.AddRange(tables.Select(t => new DataDifference(prefix + t.Name, "table-missing", null,
                        $"only in the {(a is null ? "second" : "first")} database (schema {schema})")));
                }
            }
        }
        return differences;
    }

    /// <summary>The tables of <paramref name="tables"/> that <paramref name="only"/> (<c>--tables</c>) names, all of them without it.</summary>
    private static List<TableModel> Compared(IReadOnlyList<TableModel> tables, IReadOnlyList<string>? only) =>
        only is { Count: > 0 } ? [.. tables.Where(t => only.Contains(t.Name, StringComparer.OrdinalIgnoreCase))] : [.. tables];

    /// <summary>The same database with <paramref name="schema"/> as its current schema, or null when it was not opened from a URL.</summary>
    private static NexuSqlDatabase? InSchema(NexuSqlDatabase database, string schema) =>
        database.Url is { } url ? NexuSqlDatabase.Open(database.Provider.UrlInSchema(url, schema), database.Options) : null;

    private static async Task<IReadOnlyList<DataDifference>> CompareSchemaAsync(NexuSqlDatabase first, NexuSqlDatabase second, DataCompareOptions options,
        CancellationToken cancellationToken)
    {
        var own = SchemaModel.OwnTables();
        await first.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        await second.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        var (a, enumsA) = await ReadSchemaAsync(first, cancellationToken).ConfigureAwait(false);
        var (b, enumsB) = await ReadSchemaAsync(second, cancellationToken).ConfigureAwait(false);
        // only the tables compared: --tables leaves out those the user cannot read (bt37 M12)
        await Backup.BackupCreator.RefuseUnreadableAsync(first, Compared(a.Tables, options.Tables), "compared", cancellationToken).ConfigureAwait(false);
        await Backup.BackupCreator.RefuseUnreadableAsync(second, Compared(b.Tables, options.Tables), "compared", cancellationToken).ConfigureAwait(false);
        var differences = new List<DataDifference>();
        // a copy or restore that stopped half-way leaves its marker: whatever matches, that database is not complete
        foreach (var (database, which) in new[] { (first, "the first"), (second, "the second") })
            foreach (var (marker, finding) in await Backup.TransferMarker.IncompleteAsync(database, which, cancellationToken).ConfigureAwait(false))
                differences.Add(new DataDifference(marker, "incomplete", null, finding));
        // partitions are compared inside their partitioned table where the other engine has no partitioning (as copied)
        a = CrossEngineSchema.ComparedWith(a.WithoutTables(own), second.Dialect);
        b = CrossEngineSchema.ComparedWith(b.WithoutTables(own), first.Dialect);
        (a, b) = (CrossEngineSchema.FoldedAgainst(a, b, options.Tables), CrossEngineSchema.FoldedAgainst(b, a, options.Tables));
        // both sides are read with the first's column types: across engines, those a copy translates (MySQL
        // VARBINARY → binary, ...) are read as the copy wrote them
        var declared = a;
        if (first.Engine != second.Engine) a = MySqlTypesInPostgreSql.ForComparison(SchemaScript.TranslateNativeColumns(a), first.Engine, b, second.Engine);
        if (options.Tables is { Count: > 0 } only)
        {
            a = Backup.BackupCreator.Select(a, only);
            b = b with { Tables = [.. b.Tables.Where(t => only.Contains(t.Name, StringComparer.OrdinalIgnoreCase))] };
        }
        // between two databases of one engine, names it tells apart by case are other names: "Users" and users are two
        // tables of PostgreSQL, "Email" and email two columns (bt41 F1: paired regardless of case, verify said OK)
        var sameEngine = first.Engine == second.Engine;
        var foldTables = !sameEngine || first.Dialect.RelationNamesIgnoreCase;
        // tables matched regardless of case (across engines): "Mixed" and mixed would be compared with each other's
        // columns (only those compared count: --tables may leave one of them out); paired by their spelling, they are
        // two tables (bt43: two PostgreSQL databases with "Users" and users were refused in copy's words)
        if (foldTables)
        {
            const string Outcome = "across two engines; --tables cannot pick one of them either); nothing was compared";
            const string Where = "or compare with a database of the same engine, which pairs them by their spelling";
            SchemaScript.RefuseCaseClashes(a, Outcome, Where);
            SchemaScript.RefuseCaseClashes(b, Outcome, Where);
        }
        SchemaScript.RefuseUnnamedColumns(a);
        SchemaScript.RefuseUnnamedColumns(b);
        var foldColumns = !sameEngine || first.Dialect.ColumnNamesIgnoreCase;
        TableModel? Counterpart(SchemaModel other, TableModel t) => foldTables ? other.Table(t.Name)
            : other.Tables.FirstOrDefault(x => string.Equals(x.Schema, t.Schema, StringComparison.Ordinal) && string.Equals(x.Name, t.Name, StringComparison.Ordinal));
        foreach (var t in b.Tables.Where(t => Counterpart(a, t) is null))
            differences.Add(new DataDifference(t.Name, "table-missing", null, "only in the second database"));
        await using var left = await first.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        await using var right = await second.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sql in first.DataSessionSql) await left.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        foreach (var sql in second.DataSessionSql) await right.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        await first.Provider.CatchUpAsync(left, cancellationToken).ConfigureAwait(false);
        await second.Provider.CatchUpAsync(right, cancellationToken).ConfigureAwait(false);
        // behind a transaction-mode pooler the data-session settings (PostgreSQL's pinned text forms) cannot be made for
        // the session: that side is read in one read-only snapshot transaction, which sets them for itself
        if (!first.KeepsSessionState) foreach (var sql in first.Dialect.BeginSnapshotSql) await left.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        if (!second.KeepsSessionState) foreach (var sql in second.Dialect.BeginSnapshotSql) await right.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var ta in a.Tables)
            {
                if (Counterpart(b, ta) is not { } tb)
                {
                    differences.Add(new DataDifference(ta.Name, "table-missing", null, "only in the first database"));
                    continue;
                }
                // a table whose rows cannot be read back (a SQLite contentless full-text table, which keeps only its index:
                // copy and restore create it empty and name its rows) is compared by its number of rows (break test 25 F6)
                if (!first.Dialect.CarriesRowsOf(ta) || !second.Dialect.CarriesRowsOf(tb))
                {
                    differences.AddRange(await UnreadableRowsAsync(left, right, first.Dialect, second.Dialect, ta, tb, cancellationToken).ConfigureAwait(false));
                    continue;
                }
                // columns pair by their spelling first, then regardless of case where only one matches: "A" and a of one
                // PostgreSQL table are two columns (break test 40 N-H7: a was compared with the other side's "A")
                var pairs = NamePairing.Pair(ta.Columns.Select(c => c.Name), tb.Columns.Select(c => c.Name), foldColumns);
                var common = ta.Columns.Where(c => pairs.ContainsKey(c.Name)).ToList();
                var onlyA = ta.Columns.Except(common).Select(c => c.Name).ToList();
                var onlyB = tb.Columns.Where(c => !pairs.ContainsValue(c.Name)).Select(c => c.Name).ToList();
                if (onlyA.Count + onlyB.Count > 0)
                    differences.Add(new DataDifference(ta.Name, "columns", null, $"columns only in the first: [{string.Join(", ", onlyA)}], only in the second: [{string.Join(", ", onlyB)}]; comparing the others"));
                ColumnModel Other(ColumnModel c) => tb.Columns.First(d => d.Name == pairs[c.Name]);
                ColumnType Declared(ColumnModel c) => declared.Table(ta.Name)?.Columns.FirstOrDefault(d => d.Name == c.Name)?.Type ?? c.Type;
                // per column: the type the second side is read with and the type both are compared in (null: cannot be compared)
                // two enum columns of differently named types (mood, and the e_m a round trip through MariaDB made; app.mood
                // of another schema; arrays of them; MariaDB ENUMs of other label orders) hold labels: compared as their
                // text (break test 32 F4, 33 G2: "cannot be compared", a changed label went unseen)
                var plans = common.ToDictionary(c => c, c => sameEngine && Other(c).Type != c.Type && ColumnComparison.ComparedAsText(c.Type, enumsA, Other(c).Type, enumsB)
                    ? (Other(c).Type, new ColumnType(PortableType.Text))
                    : ColumnComparison.Plan(c.Type, Declared(c), first.Dialect, Other(c).Type, second.Dialect, sameEngine));
                // a key column without a common type (numbers on one side, text on the other): rows cannot be matched by key
                // (read with the first side's type, the other's 'a' was an InvalidCastException — break test F21)
                if (ta.PrimaryKey?.Columns.Select(k => common.FirstOrDefault(c => c.Name == k)).FirstOrDefault(c => c is not null && plans[c] is null) is { } mismatched)
                {
                    differences.Add(new DataDifference(ta.Name, "columns", null, $"key column {mismatched.Name} is {TypeName(first, mismatched)} in the first database, " +
                        $"{TypeName(second, Other(mismatched))} in the second: rows cannot be matched by key; the table is not compared"));
                    continue;
                }
                foreach (var c in common.Where(c => plans[c] is null).ToList())
                {
                    differences.Add(new DataDifference(ta.Name, "columns", null,
                        $"column {c.Name} is {TypeName(first, c)} in the first database, {TypeName(second, Other(c))} in the second: its values cannot be compared; comparing the others"));
                    common.Remove(c);
                }
                var model = ta with { Columns = common, PrimaryKey = ta.PrimaryKey is { } pk && pk.Columns.All(k => common.Any(c => c.Name == k)) ? pk : null };
                // the right side by its own names (identifiers match regardless of case: Orders and orders, break test 23
                // F7), each column read with the type its plan gives
                var rightModel = model with
                {
                    // (and its own partitions: a partition detached in the second database holds rows its table does not give)
                    Name = tb.Name, PartitionsFolded = tb.PartitionsFolded, ReadWithPartitions = tb.ReadWithPartitions,
                    Columns = [.. common.Select(c => c with { Name = Other(c).Name, Type = plans[c]!.Value.Item1 })],
                    PrimaryKey = model.PrimaryKey is { } key ? key with { Columns = [.. key.Columns.Select(k => Other(common.First(c => c.Name == k)).Name)] } : null,
                };
                // one engine, the same column type: values as the engine holds them, no canonical forms (which exist so
                // that the same data read from two engines hashes the same, and would hide 1.50 → 1.5 or a re-spelled time)
                var exact = common.Select(c => sameEngine && Other(c).Type == c.Type).ToArray();
                var compareAs = common.Select(c => plans[c]!.Value.Item2).ToArray();
                var table = new TableCompare(left, right, model, rightModel, compareAs, exact, exact.Any(e => e) && first.Dialect.ValuesKeepTheirStorageClass, options);
                try
                {
                    await table.RunAsync(cancellationToken).ConfigureAwait(false);
                    differences.AddRange(table.Differences);
                }
                catch (NexuSqlValueException e)
                {
                    // a value one side cannot be read as (PostgreSQL numeric NaN compared with a MariaDB DOUBLE): this
                    // table is reported not compared, and the others still are (break test F10)
                    differences.AddRange(table.Differences);
                    differences.Add(new DataDifference(ta.Name, "not-compared", e.Key, $"not compared: {e.Message}"));
                }
                differences.AddRange(await HistoryAsync(left, right, first.Dialect, second.Dialect, ta, tb, cancellationToken).ConfigureAwait(false));
                options.Progress?.Invoke(ta.Name, table.Compared);
            }
            differences.AddRange(await PositionComparer.CompareAsync(left, right, a, b, first.Dialect, second.Dialect,
                options.Tables is { Count: > 0 } chosen ? SchemaComparer.Only(declared, chosen, first.Dialect).Sequences : a.Sequences, cancellationToken)
                .ConfigureAwait(false));
        }
        finally
        {
            await left.RestoreSessionAsync(first.KeepsSessionState ? first.DataSessionEndSql : ["COMMIT"]).ConfigureAwait(false);
            await right.RestoreSessionAsync(second.KeepsSessionState ? second.DataSessionEndSql : ["COMMIT"]).ConfigureAwait(false);
        }
        return differences;
    }

    /// <summary>
    /// The history rows of a system-versioned table (MariaDB), compared by number: copy and restore carry the current
    /// rows only, so a copy whose source keeps a history differs here (bt29 M11). A side without versioning holds none.
    /// </summary>
    private static async Task<IReadOnlyList<DataDifference>> HistoryAsync(NexuSqlConnection left, NexuSqlConnection right, Dialects.SqlDialect da, Dialects.SqlDialect db,
        TableModel ta, TableModel tb, CancellationToken cancellationToken)
    {
        var (qa, qb) = (da.HistoryRowCountSql(ta), db.HistoryRowCountSql(tb));
        if (qa is null && qb is null) return [];
        var na = qa is null ? 0 : await left.ExecuteScalarAsync<long>(qa, cancellationToken: cancellationToken).ConfigureAwait(false);
        var nb = qb is null ? 0 : await right.ExecuteScalarAsync<long>(qb, cancellationToken: cancellationToken).ConfigureAwait(false);
        return na == nb ? [] : [new DataDifference(ta.Name, "history", null,
            $"{na} history rows (earlier versions of its rows, WITH SYSTEM VERSIONING) in the first database, {nb} in the second; copy and restore carry the current rows only")];
    }

    /// <summary>The row counts of a table whose rows one side cannot read back; a difference when they differ or cannot be counted.</summary>
    private static async Task<IReadOnlyList<DataDifference>> UnreadableRowsAsync(NexuSqlConnection left, NexuSqlConnection right, Dialects.SqlDialect da, Dialects.SqlDialect db,
        TableModel ta, TableModel tb, CancellationToken cancellationToken)
    {
        static async Task<long?> CountAsync(NexuSqlConnection session, Dialects.SqlDialect d, TableModel t, CancellationToken ct)
        {
            var sql = d.CarriesRowsOf(t) ? $"SELECT count(*) FROM {d.QuoteName(t.Schema, t.Name)}" : d.UnreadableRowCountSql(t);
            if (sql is null) return null;
            try
            {
                return await session.ExecuteScalarAsync<long>(sql, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (NexuSqlException)
            {
                return null;
            }
        }
        var why = "its rows cannot be read back (a contentless full-text table keeps only its index; copy and restore create it empty)";
        var na = await CountAsync(left, da, ta, cancellationToken).ConfigureAwait(false);
        var nb = await CountAsync(right, db, tb, cancellationToken).ConfigureAwait(false);
        if (na is null || nb is null) return [new DataDifference(ta.Name, "not-compared", null, $"not compared: {why}, and its rows cannot be counted")];
        return na == nb ? [] : [new DataDifference(ta.Name, "rows", null, $"{na} rows in the first, {nb} in the second: {why}")];
    }

    /// <summary>
    /// The current schema of <paramref name="database"/>, and the enum types of every schema: a column may be of another
    /// schema's enum type (<c>app.mood</c>), which the current schema's model leaves out (break test 33 G2).
    /// </summary>
    private static async Task<(SchemaModel Current, IReadOnlyList<EnumTypeModel> Enums)> ReadSchemaAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        if (!database.Dialect.SupportsEnumTypes) return (await database.Provider.ReadSchemaAsync(database, cancellationToken).ConfigureAwait(false), []);
        var all = await database.Provider.ReadSchemaAsync(database, allSchemas: true, cancellationToken).ConfigureAwait(false);
        if (all.CurrentSchema is not { } current) return (await database.Provider.ReadSchemaAsync(database, cancellationToken).ConfigureAwait(false), all.Enums ?? []);
        // the sequences of a schema without tables (app.s, which a table here may draw from) are compared in no schema's
        // own pass: here, by their qualified name (bt39 H6: a position set back behind the ids was "OK")
        var withTables = all.Tables.Select(t => t.Schema).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var here = all.InCurrentSchema(current);
        return (here with { Sequences = [.. here.Sequences, .. all.Sequences.Where(q => q.Schema is { } schema && !withTables.Contains(schema))] }, all.Enums ?? []);
    }

    /// <summary>A column's type as its database declares it.</summary>
    private static string TypeName(NexuSqlDatabase database, ColumnModel column) =>
        column.EngineType?.For(database.Engine) ?? database.Dialect.ColumnTypeSql(column.Type);

    /// <param name="left">The first database's session.</param>
    /// <param name="right">The second database's session.</param>
    /// <param name="model">The table with the first database's column types (the columns compared).</param>
    /// <param name="rightModel">The same columns with the second database's types (read with those).</param>
    /// <param name="compareAs">Per column, the type both sides' values are brought into and hashed as.</param>
    /// <param name="exact">Per column, whether its values are compared as stored (one engine, one declared type).</param>
    /// <param name="asStored">Read values as the provider returns them (SQLite storage classes); the other columns are normalized here.</param>
    /// <param name="options">The options.</param>
    private sealed class TableCompare(NexuSqlConnection left, NexuSqlConnection right, TableModel model, TableModel rightModel, ColumnType[] compareAs,
        bool[] exact, bool asStored, DataCompareOptions options)
    {
        private readonly TableHasher _hasher = new(compareAs, exact);
        // the two sides of a key range are read at once (CompareRangesAsync): each with its own hasher (a hasher reuses one buffer)
        private readonly TableHasher _rightHasher = new(compareAs, exact);
        private readonly int[] _converted = [.. Enumerable.Range(0, compareAs.Length).Where(i => !exact[i]
            && (asStored || compareAs[i] != model.Columns[i].Type || compareAs[i] != rightModel.Columns[i].Type))];
        private readonly int[] _key = model.PrimaryKey is { } pk ? [.. pk.Columns.Select(k => model.Columns.ToList().FindIndex(c => c.Name == k))] : [];
        private long _rowDifferences;

        public List<DataDifference> Differences { get; } = [];

        public long Compared { get; private set; }

        public async Task RunAsync(CancellationToken ct)
        {
            // key ranges need an integer key on both sides (a numeric(10,0) key on the other side is compared in memory)
            // holding integers only: a SQLite INT PRIMARY KEY other than the rowid keeps 2.5, 'abc' or NULL, which no
            // range holds (break test 23 F5: such rows were never compared; F6: MIN/MAX of text failed)
            var ranges = _key.Length == 1 && model.Columns[_key[0]].Type.Kind is PortableType.Int16 or PortableType.Int32 or PortableType.Int64
                && rightModel.Columns[_key[0]].Type.Kind is PortableType.Int16 or PortableType.Int32 or PortableType.Int64;
            if (ranges && await BothAsync(side => HoldsNotIntegerKeysAsync(side, ct), ct).ConfigureAwait(false) is var (a, b) && (a || b)) ranges = false;
            if (ranges)
                await CompareRangesAsync(ct).ConfigureAwait(false);
            else
                await CompareInMemoryAsync(ct).ConfigureAwait(false);
            if (_rowDifferences > options.MaxRowsPerTable)
                Differences.Add(new DataDifference(model.Name, "rows", null, $"{_rowDifferences} rows differ in all; the first {options.MaxRowsPerTable} are listed"));
        }

        /// <summary>Reads rows of one side with its own column types, each value brought into the type it is compared as.</summary>
        private Task<long> ReadSideAsync(NexuSqlConnection side, string? where, IReadOnlyList<object?> values, Action<object?[]> onRow, CancellationToken ct)
        {
            var own = Own(side);
            var pads = side.Database.Dialect.PadsFixedStrings;
            return TableReader.ReadAsync(side, null, own, where, values, asStored, row => onRow(Converted(row, own, pads)), ct);
        }

        private object?[] Converted(object?[] row, TableModel own, bool pads)
        {
            foreach (var i in _converted)
            {
                var type = own.Columns[i].Type;
                var value = asStored ? PortableValues.Normalize(row[i], PortableValues.Receiving(type, type, pads)) : row[i];
                row[i] = PortableValues.Normalize(value, PortableValues.Receiving(compareAs[i], type, pads));
            }
            return row;
        }

        private void Report(string kind, string key, string detail, IReadOnlyList<string>? columns = null)
        {
            if (++_rowDifferences <= options.MaxRowsPerTable) Differences.Add(new DataDifference(model.Name, kind, key, detail) { Columns = columns });
        }

        /// <summary>A row both sides hold that differs: "row differs in price, note", with the columns (<see cref="ChangedAsync"/>).</summary>
        private async Task ReportChangedAsync(string key, object?[] values, CancellationToken ct)
        {
            var columns = await ChangedAsync(values, ct).ConfigureAwait(false) is { Count: > 0 } named ? named : null;
            Report("changed", key, columns is null ? "row differs" : $"row differs in {string.Join(", ", columns)}", columns);
        }

        private async Task<bool> HoldsNotIntegerKeysAsync(NexuSqlConnection side, CancellationToken ct)
        {
            var d = side.Database.Dialect;
            var own = Own(side);
            return d.NotIntegerCountSql(d.RowsSql(own), d.QuoteIdentifier(own.Columns[_key[0]].Name)) is { } sql
                && await side.ExecuteScalarAsync<long>(sql, cancellationToken: ct).ConfigureAwait(false) > 0;
        }

        /// <summary>The table as <paramref name="side"/> names it (and reads it).</summary>
        private TableModel Own(NexuSqlConnection side) => side == right ? rightModel : model;

        /// <summary>
        /// The side's row count and lowest and highest key. Keys are <see cref="Int128"/>: an integer key of the model
        /// may hold values past int64 (MariaDB <c>BIGINT UNSIGNED AUTO_INCREMENT</c> is an int64 identity to the model,
        /// its ids go up to 2^64 − 1: verify crashed with an InvalidCastException on them).
        /// </summary>
        private async Task<(long Count, Int128? Min, Int128? Max)> BoundsAsync(NexuSqlConnection side, CancellationToken ct)
        {
            var d = side.Database.Dialect;
            var k = d.QuoteIdentifier(Own(side).Columns[_key[0]].Name);
            var row = await side.QuerySingleAsync<Row>($"SELECT COUNT(*) AS n, MIN({k}) AS lo, MAX({k}) AS hi FROM {d.RowsSql(Own(side))}", cancellationToken: ct).ConfigureAwait(false);
            return (row.Get<long>("n"), row.Get<decimal?>("lo") is { } lo ? (Int128)lo : null, row.Get<decimal?>("hi") is { } hi ? (Int128)hi : null);
        }

        /// <summary>An integer key value as <see cref="Int128"/>, or null when it is not a whole number.</summary>
        private static Int128? KeyOf(object? value) => value switch
        {
            long l => l,
            ulong u => u,
            int i => i,
            short s => s,
            decimal m when m == decimal.Truncate(m) => (Int128)m,
            _ => null,
        };

        /// <summary>A key bound as a parameter: an int64 while it is one (an index on a bigint is used), else a decimal.</summary>
        private static object KeyParameter(Int128 value) => value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : (decimal)value;

        /// <summary>
        /// Count and summed hash of the rows with lo ≤ key ≤ hi on one side, and each row's hash while there are at most
        /// <see cref="DataCompareOptions.LeafKeys"/> of them (null beyond: the range will be split).
        /// </summary>
        private async Task<(long Count, UInt128 Sum, Dictionary<Int128, UInt128>? Rows)> RangeAsync(NexuSqlConnection side, Int128 lo, Int128 hi, CancellationToken ct)
        {
            var d = side.Database.Dialect;
            var k = d.QuoteIdentifier(Own(side).Columns[_key[0]].Name);
            long count = 0;
            UInt128 sum = 0;
            Dictionary<Int128, UInt128>? rows = [];
            var hasher = side == right ? _rightHasher : _hasher;
            await ReadSideAsync(side, $"{k} >= {d.Placeholder(0)} AND {k} <= {d.Placeholder(1)}", [KeyParameter(lo), KeyParameter(hi)], row =>
            {
                var h = hasher.RowHash(row);
                unchecked { sum += h; }
                count++;
                if (rows is null) return;
                if (rows.Count < options.LeafKeys && KeyOf(row[_key[0]]) is { } key) rows[key] = h;
                else rows = null;
            }, ct).ConfigureAwait(false);
            return (count, sum, rows);
        }

        private async Task CompareRangesAsync(CancellationToken ct)
        {
            var ((na, loA, hiA), (nb, loB, hiB)) = await BothAsync(side => BoundsAsync(side, ct), ct).ConfigureAwait(false);
            if (na != nb) Differences.Add(new DataDifference(model.Name, "rows", null, $"{na} rows in the first, {nb} in the second"));
            if (loA is null && loB is null) return;
            var lo = Int128.Min(loA ?? Int128.MaxValue, loB ?? Int128.MaxValue);
            var hi = Int128.Max(hiA ?? Int128.MinValue, hiB ?? Int128.MinValue);
            // first-level chunks of equal key width; Int128 so that the whole int64 (and uint64) range has no overflow
            var chunks = Math.Max(1, Math.Max(na, nb) / options.ChunkRows);
            var width = (hi - lo + 1 + chunks - 1) / chunks;
            for (var start = lo; start <= hi; start += width)
                await RangeCompareAsync(start, Int128.Min(start + width - 1, hi), top: true, ct).ConfigureAwait(false);
        }

        /// <summary>
        /// The same read of both sides, at once: each on its own session and thread (a driver whose async calls complete
        /// synchronously, as SQLite's do, would otherwise read one side after the other). Both reads always finish; when
        /// both fail, the first side's error is the one thrown, as when they were read one after the other.
        /// </summary>
        private async Task<(T First, T Second)> BothAsync<T>(Func<NexuSqlConnection, Task<T>> read, CancellationToken ct)
        {
            var a = Task.Run(() => read(left), ct);
            var b = Task.Run(() => read(right), ct);
            try
            {
                await Task.WhenAll(a, b).ConfigureAwait(false);
            }
            catch (Exception) when (a.IsCompleted && b.IsCompleted)
            {
                // both have finished: each one's own exception is thrown below, the first side's first
            }
            return (await a.ConfigureAwait(false), await b.ConfigureAwait(false));
        }

        /// <summary>
        /// Compares [lo, hi]: equal counts and hashes end it; a range holding few rows on both sides is compared row by
        /// row; a larger one is split at the middle of its key values (so sparse keys over the whole int64 range narrow
        /// as fast as dense ones).
        /// </summary>
        private async Task RangeCompareAsync(Int128 lo, Int128 hi, bool top, CancellationToken ct)
        {
            var (a, b) = await BothAsync(side => RangeAsync(side, lo, hi, ct), ct).ConfigureAwait(false);
            if (top) Compared += Math.Max(a.Count, b.Count);
            if (a.Count == b.Count && a.Sum == b.Sum) return;
            if (a.Rows is null || b.Rows is null)
            {
                var mid = (lo + hi) >> 1;
                await RangeCompareAsync(lo, mid, top: false, ct).ConfigureAwait(false);
                await RangeCompareAsync(mid + 1, hi, top: false, ct).ConfigureAwait(false);
                return;
            }
            var name = model.Columns[_key[0]].Name;
            foreach (var (key, hash) in a.Rows.OrderBy(p => p.Key))
            {
                if (!b.Rows.TryGetValue(key, out var other)) Report("only-in-first", $"{name}={key}", "row only in the first database");
                else if (other != hash) await ReportChangedAsync($"{name}={key}", [KeyParameter(key)], ct).ConfigureAwait(false);
            }
            foreach (var key in b.Rows.Keys.Where(k => !a.Rows.ContainsKey(k)).Order())
                Report("only-in-second", $"{name}={key}", "row only in the second database");
        }

        /// <summary>
        /// A table without a primary key: each side's rows counted by their hash (duplicates are copies of one row), the
        /// first side in memory. A row that is not on both sides as often is named by all its values, with its copies.
        /// </summary>
        private async Task CompareKeylessAsync(CancellationToken ct)
        {
            var first = new Dictionary<UInt128, (int Count, int Matched)>();
            var (na, nb) = (0L, 0L);
            await ReadSideAsync(left, null, [], row =>
            {
                var h = _hasher.RowHash(row);
                first[h] = first.TryGetValue(h, out var seen) ? (seen.Count + 1, 0) : (1, 0);
                na++;
            }, ct).ConfigureAwait(false);
            var second = new Dictionary<UInt128, (int Count, string? Row)>();
            await ReadSideAsync(right, null, [], row =>
            {
                nb++;
                var h = _hasher.RowHash(row);
                if (first.TryGetValue(h, out var seen) && seen.Matched < seen.Count) first[h] = (seen.Count, seen.Matched + 1);
                else second[h] = second.TryGetValue(h, out var extra) ? (extra.Count + 1, extra.Row)
                    : (1, second.Count < options.MaxRowsPerTable ? DescribeRow(row) : null);
            }, ct).ConfigureAwait(false);
            var onlyFirst = first.Where(p => p.Value.Matched < p.Value.Count).Take(options.MaxRowsPerTable).ToDictionary(p => p.Key, p => p.Value);
            // the first side is read again for the values of its rows that differ: its scan above keeps hashes only
            var described = new Dictionary<UInt128, string>();
            if (onlyFirst.Count > 0)
                await ReadSideAsync(left, null, [], row =>
                {
                    if (described.Count < onlyFirst.Count && _hasher.RowHash(row) is var h && onlyFirst.ContainsKey(h)) described.TryAdd(h, DescribeRow(row));
                }, ct).ConfigureAwait(false);
            foreach (var (row, (count, matched)) in onlyFirst.Select(p => (described.GetValueOrDefault(p.Key, "(a row that changed while it was compared)"), p.Value)).OrderBy(p => p.Item1, StringComparer.Ordinal))
                Report("only-in-first", row, Copies(count - matched, "first", count, "second", matched));
            foreach (var (h, (count, row)) in second.Where(p => p.Value.Row is not null).OrderBy(p => p.Value.Row, StringComparer.Ordinal))
            {
                var matched = first.TryGetValue(h, out var seen) ? seen.Count : 0;
                Report("only-in-second", row!, Copies(count, "second", count + matched, "first", matched));
            }
            if (na != nb) Differences.Insert(0, new DataDifference(model.Name, "rows", null, $"{na} rows in the first, {nb} in the second"));
            Compared = Math.Max(na, nb);
        }

        /// <summary>"row only in the first database", or with copies: "2 copies of this row only in the first database (it holds 3, the second 1)".</summary>
        private static string Copies(int only, string side, int holds, string other, int otherHolds) =>
            only == 1 && holds == 1
                ? $"row only in the {side} database"
                : $"{only} {(only == 1 ? "copy" : "copies")} of this row only in the {side} database (it holds {holds}, the {other} {otherHolds})";

        /// <summary>
        /// A row of a table without a primary key by all its values as SQL literals, to find it with a WHERE
        /// (<c>a=1, b='x', c=X'00FF', d=NULL</c>); a value longer than 1,000 characters is cut there, with its length.
        /// </summary>
        private string DescribeRow(object?[] row) => string.Join(", ", model.Columns.Select((c, i) =>
        {
            var text = row[i] switch
            {
                null => "NULL",
                byte[] b => "X'" + Convert.ToHexString(b) + "'",
                bool b => b ? "TRUE" : "FALSE",
                sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or System.Numerics.BigInteger => PortableValues.SqlText(row[i]),
                var v => "'" + PortableValues.SqlText(v).Replace("'", "''", StringComparison.Ordinal) + "'",
            };
            return $"{c.Name}={(text.Length > 1000 ? $"{text[..1000]}… ({text.Length:N0} characters)" : text)}";
        }));

        /// <summary>Any other key: one side's key → hash map in memory, the other side streamed against it.</summary>
        private async Task CompareInMemoryAsync(CancellationToken ct)
        {
            if (_key.Length == 0)
            {
                await CompareKeylessAsync(ct).ConfigureAwait(false);
                return;
            }
            // a key held by more rows than one (SQLite keeps NULL in an INT PRIMARY KEY, and text '2' beside the
            // integer 2 reads as one key) keeps every row's hash: those rows are matched by content (break test 23 F5)
            var hashes = new Dictionary<string, (UInt128 Hash, List<UInt128>? More)>(StringComparer.Ordinal);
            // the key text matches rows (an integer-keyed side's 2 and the other's numeric '2' are one key): never quoted by the column's type
            string Key(object?[] row) => string.Join(", ", _key.Select(i => $"{PortableValues.KeyName(model.Columns[i].Name)}={PortableValues.KeyText(row[i], whole: true)}"));
            var (na, nb) = (0L, 0L);
            var changed = new List<(string Key, object?[] Values)>();
            await ReadSideAsync(left, null, [], row =>
            {
                var key = Key(row);
                var h = _hasher.RowHash(row);
                if (!hashes.TryGetValue(key, out var seen)) hashes[key] = (h, null);
                else if (seen.More is { } more) more.Add(h);
                else hashes[key] = (seen.Hash, [h]);
                na++;
            }, ct).ConfigureAwait(false);
            await ReadSideAsync(right, null, [], row =>
            {
                var key = Key(row);
                nb++;
                if (!hashes.TryGetValue(key, out var seen)) Report("only-in-second", key, "row only in the second database");
                else
                {
                    var h = _hasher.RowHash(row);
                    var more = seen.More?.IndexOf(h) ?? -1;
                    if (seen.Hash != h && more < 0)
                    {
                        // which columns differ is read once the scan is done (by key, for the rows that get listed)
                        if (changed.Count < options.MaxRowsPerTable) changed.Add((key, [.. _key.Select(i => row[i])]));
                        else Report("changed", key, "row differs");
                    }
                    if (seen.More is not { Count: > 0 } others) hashes.Remove(key);
                    else if (more >= 0) others.RemoveAt(more);
                    else
                    {
                        hashes[key] = (others[^1], others);
                        others.RemoveAt(others.Count - 1);
                    }
                }
            }, ct).ConfigureAwait(false);
            foreach (var (key, values) in changed) await ReportChangedAsync(key, values, ct).ConfigureAwait(false);
            foreach (var key in hashes.Keys.Order(StringComparer.Ordinal).ToList()) Report("only-in-first", key, "row only in the first database");
            if (na != nb) Differences.Insert(0, new DataDifference(model.Name, "rows", null, $"{na} rows in the first, {nb} in the second"));
            Compared = Math.Max(na, nb);
        }

        /// <summary>
        /// The columns of a row that differ ("row differs in price, note"): the row read again by its key on both sides,
        /// its columns hashed one by one; null when not read. Only for rows already found to differ (at most
        /// <see cref="DataCompareOptions.MaxRowsPerTable"/> per table).
        /// </summary>
        private async Task<IReadOnlyList<string>?> ChangedAsync(object?[] key, CancellationToken ct)
        {
            if (_rowDifferences >= options.MaxRowsPerTable) return null;
            async Task<object?[]?> ReadAsync(NexuSqlConnection side)
            {
                object?[]? found = null;
                var own = Own(side);
                var pads = side.Database.Dialect.PadsFixedStrings;
                // the key as this side's column holds it (an int key on one side, numeric(10,0) on the other)
                object?[] bound = ReferenceEquals(model, rightModel) ? key : [.. key.Select((v, i) => PortableValues.Normalize(v, own.Columns[_key[i]].Type))];
                await TableReader.ReadByKeyAsync(side, own, [.. _key.Select(c => own.Columns[c])], bound, asStored, row => found = [.. Converted(row, own, pads)], ct).ConfigureAwait(false);
                return found;
            }
            var (a, b) = (await ReadAsync(left).ConfigureAwait(false), await ReadAsync(right).ConfigureAwait(false));
            if (a is null || b is null) return null;
            return [.. model.Columns.Where((c, i) => _hasher.ValueHash(i, a[i]) != _hasher.ValueHash(i, b[i])).Select(c => c.Name)];
        }
    }
}
