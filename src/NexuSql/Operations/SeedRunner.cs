namespace NexuSql.Operations;

/// <summary>What seeding did with one file.</summary>
/// <param name="File">The file.</param>
/// <param name="Table">The table a data file loads; null for a SQL script.</param>
/// <param name="Inserted">Rows inserted (or that would be, in a dry run).</param>
/// <param name="Updated">Rows updated because a value differed.</param>
/// <param name="Unchanged">Rows already as the file says.</param>
public sealed record SeedFileResult(string File, string? Table, long Inserted, long Updated, long Unchanged);

/// <summary>How <see cref="SeedRunner"/> works.</summary>
public sealed record SeedOptions
{
    /// <summary>Count what would be inserted and updated; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Only the data files of these tables, named as copy's and backup's <c>--tables</c> name them (the one spelled so,
    /// else the only one regardless of case; <c>schema.table</c> for another schema's); SQL scripts are then not run. Null: everything.
    /// </summary>
    public IReadOnlyList<string>? Tables { get; init; }

    /// <summary>Settings for each file's transaction (<see cref="TransactionOptions.Settings"/>), e.g. what a row-level-security policy reads.</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>
    /// Called as each file is done (committed, unless a dry run), before the next starts: what a failure of a later file
    /// leaves written.
    /// </summary>
    public Action<SeedFileResult>? FileDone { get; init; }

    /// <summary>
    /// Called with a line for the user before anything is loaded: a table <see cref="Tables"/> names that no file of the
    /// folders loads ("--tables names t, but no seed file in seeds/dev loads it ...").
    /// </summary>
    public Action<string>? Notice { get; init; }
}

/// <summary>
/// Seeds a database from folders (shared ones first, then the environment's): <c>*.sql</c> scripts are run (they must
/// be idempotent themselves; see <see cref="SqlScript"/>), <c>TABLE.csv</c> / <c>TABLE.json</c> are upserted by the table's primary key (else its
/// first unique constraint) — missing rows inserted, differing rows updated, equal rows left alone — each file in one
/// transaction. A dry run counts without writing.
/// </summary>
public static class SeedRunner
{
    /// <summary>Seeds <paramref name="database"/> from <paramref name="folders"/> in order.</summary>
    /// <exception cref="FormatException">A malformed file, an unknown table or column (file and line named); that file's changes are rolled back.</exception>
    /// <exception cref="NexuSqlValueException">A value that is not of its column's type or that the engine cannot hold (table, column, key, file and line named); that file's changes are rolled back.</exception>
    public static Task<IReadOnlyList<SeedFileResult>> RunAsync(NexuSqlDatabase database, IReadOnlyList<string> folders, bool dryRun, CancellationToken cancellationToken = default) =>
        RunAsync(database, folders, new SeedOptions { DryRun = dryRun }, cancellationToken);

    /// <summary>Seeds <paramref name="database"/> from <paramref name="folders"/> in order, as <paramref name="options"/> say; one result per file.</summary>
    /// <exception cref="FormatException">A malformed file, an unknown table or column (file and line named); that file's changes are rolled back.
    /// An unknown table, a CSV header naming no column, or a script NexuSQL cannot run as written is found before any file is loaded.</exception>
    /// <exception cref="NexuSqlValueException">A value that is not of its column's type or that the engine cannot hold (table, column, key, file and line named); that file's changes are rolled back.
    /// A row two records of one file name likewise; a row that two files of one folder for one table both name is found before any file is loaded (table, key and both files named).</exception>
    /// <exception cref="NexuSqlException">A statement of a <c>.sql</c> file failed: file, statement, line, and which of its statements stayed applied are named.</exception>
    /// <exception cref="ArgumentException"><see cref="SeedOptions.Tables"/> names a table the database does not have (<c>No table named nosuch. Tables: ...</c>, as copy says it); nothing was seeded.</exception>
    /// <exception cref="NotSupportedException">Settings were given and the engine has none (SQLite).</exception>
    public static async Task<IReadOnlyList<SeedFileResult>> RunAsync(NexuSqlDatabase database, IReadOnlyList<string> folders, SeedOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(options);
        await Backup.TransferMarker.RefuseInterruptedAsync(database, Importer.ResumeEmpties, "Nothing was seeded.", cancellationToken).ConfigureAwait(false);
        await Importer.RefuseUncheckedWritesAsync(database, "Nothing was seeded.", cancellationToken).ConfigureAwait(false);
        var dryRun = options.DryRun;
        var unit = new TransactionOptions { Settings = options.Settings };
        // every schema's tables: SCHEMA.TABLE.csv loads a table of another schema (bt41 F14: only the current one was read)
        var schema = await database.Provider.ReadSchemaAsync(database, allSchemas: true, cancellationToken).ConfigureAwait(false);
        var limit = await database.Provider.StatementValueProblemAsync(database, cancellationToken).ConfigureAwait(false);
        // --tables names tables as copy and backup do (SchemaModel.TablesNamed: the one spelled so, else the only one
        // regardless of case; schema.table for another schema's), and a file is loaded only when its own table is chosen:
        // seed --tables Users upserted users.csv into users too (bt42 N10). A name no table has is refused with copy's
        // words, not a seed that loads nothing (bt41 F14)
        HashSet<Schema.TableModel>? chosen = options.Tables is { } only ? [.. schema.TablesNamed(only, nameof(options))] : null;
        // every file chosen, checked before the first is loaded: a later file naming no table, or a column its table does
        // not have, or a script NexuSQL cannot run as written, stopped the seed after earlier files were committed (bt42 N3)
        var files = new List<string>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                if (file.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
                {
                    if (options.Tables is not null) continue;
                    files.Add(file);
                }
                else if (file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    // a file two tables could be meant by is kept, for the check below to refuse by name
                    if (chosen is not null && FileTable.Match(file, schema) is var (table, ambiguity) && ambiguity is null && (table is null || !chosen.Contains(table))) continue;
                    files.Add(file);
                }
            }
        }
        // a chosen table no file loads: said, not passed over (bt41 F14: --tables p,nosuch said nothing of nosuch)
        if (chosen is not null)
            foreach (var table in chosen.Where(t => !files.Any(f => FileTable.Match(f, schema).Table == t)).OrderBy(t => t.QualifiedName, StringComparer.Ordinal))
                options.Notice?.Invoke($"--tables names {table.QualifiedName}, but no seed file in {string.Join(" or ", folders.Where(Directory.Exists))} loads it " +
                    $"({(table.Schema is null ? "" : "SCHEMA.")}TABLE.csv or .json, named as the table): nothing was seeded into it.");
        var scripts = new Dictionary<string, SqlScript>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                if (file.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
                    scripts[file] = SqlScript.Read(database, $"Seed file {file}", "the file", await Internal.TextFiles.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false),
                        "seed runs each .sql file in a transaction of its own", "Undo by hand what stayed, or make the file idempotent, before seeding again.");
                else FileTable.Check(file, schema, database, null, naturalKeyFirst: false);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{e.Message} Nothing was seeded (every file is checked before the first is loaded).", e);
            }
        }
        await RefuseRowsOfTwoFilesAsync(database, schema, files, cancellationToken).ConfigureAwait(false);
        var results = new List<SeedFileResult>();
        foreach (var file in files)
        {
            SeedFileResult result;
            if (scripts.TryGetValue(file, out var script))
            {
                if (!dryRun) await script.RunAsync(database, unit, null, cancellationToken).ConfigureAwait(false);
                result = new SeedFileResult(file, null, 0, 0, 0);
            }
            else result = await UpsertAsync(database, schema, limit, file, dryRun, unit, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            options.FileDone?.Invoke(result);
        }
        return results;
    }

    /// <summary>
    /// Refuses, before anything is loaded, a row that two data files of one folder for one table both name
    /// (<see cref="SeedKeys"/>): such files are meant to hold different rows of the table (<c>01_fl.csv</c> and
    /// <c>02_fl.json</c>), and each is otherwise loaded as it is, so the row took the first file's values, then the
    /// second's, on every seed. A record whose values or key cannot be read is left to the load of its file, which names it.
    /// </summary>
    /// <exception cref="NexuSqlValueException">Names the table, the key, and both files with the records' places.</exception>
    private static async Task RefuseRowsOfTwoFilesAsync(NexuSqlDatabase database, Schema.SchemaModel schema, IReadOnlyList<string> files,
        CancellationToken ct)
    {
        var shared = files.Where(f => !f.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            .GroupBy(f => (Folder: Path.GetDirectoryName(f) ?? "", FileTable.Match(f, schema).Table))
            .Where(g => g.Key.Table is not null && g.Count() > 1)
            .ToList();
        if (shared.Count == 0) return;
        // a key is compared as the table holds it (an inet 10.0.0.1/32 is 10.0.0.1), as the load compares a file's own
        await using var session = await database.OpenSessionAsync(ct).ConfigureAwait(false);
        foreach (var group in shared)
        {
            var keys = new SeedKeys();
            foreach (var file in group)
            {
                var tables = new FileTable.Cache(file, schema, database, null, naturalKeyFirst: false);
                foreach (var record in Readable(file))
                {
                    ct.ThrowIfCancellationRequested();
                    FileTable bound;
                    object?[] values;
                    try
                    {
                        bound = tables.For(record);
                        values = await bound.AsHeldAsync(session, bound.Values(record), ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is FormatException || e is NexuSqlException
                                                  and not (NexuSqlConnectionException or NexuSqlTimeoutException or NexuSqlTransientException))
                    {
                        continue; // a field no column takes, a value its column cannot: the load of this file refuses it by name
                    }
                    if (bound.EmptyKeyColumn(values) >= 0) continue; // likewise
                    // one file naming a row twice is refused by the load of that file, as before
                    // (as the key compares: two spellings a MariaDB _ci or SQLite NOCASE key takes for one name one row)
                    if (keys.Add(await bound.RowNamedAsync(session, values, ct).ConfigureAwait(false), file, record.Position) is { } earlier && earlier.File != file)
                        throw SeedKeys.Refusal(bound, values, earlier, file, record.Position, database.Engine,
                            "Nothing was seeded (every file is checked before the first is loaded).");
                }
            }
        }
    }

    /// <summary>The records of <paramref name="file"/> up to the first it cannot read (the load of the file names that one).</summary>
    private static IEnumerable<DataRecord> Readable(string file)
    {
        IEnumerator<DataRecord>? records = null;
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    records ??= DataFiles.Read(file).GetEnumerator();
                    more = records.MoveNext();
                }
                catch (FormatException)
                {
                    more = false;
                }
                if (!more) yield break;
                yield return records!.Current;
            }
        }
        finally
        {
            records?.Dispose();
        }
    }

    private static string Advice(string file, int position) =>
        $"Fix the value in {file}, {(file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "item" : "line")} {position}; nothing from this file was written.";

    /// <summary>The engine's refusal <paramref name="e"/> of the record named by column and key where the value is found; else <paramref name="e"/>.</summary>
    private static async Task<Exception> NativeRefusalAsync(NexuSqlDatabase database, FileTable bound, object?[] values, NexuSqlException e, string advice, CancellationToken ct) =>
        (bound.RefusedValue(e, values) ?? await bound.NativeValueProblemAsync(database, values, ct).ConfigureAwait(false)) is { } native
            ? new NexuSqlValueException(bound.Table.QualifiedName, native.Column, native.Key, native.Problem, database.Engine, e, advice: advice)
            : e;

    private static async Task<SeedFileResult> UpsertAsync(NexuSqlDatabase database, Schema.SchemaModel schema, Func<object?, (string Problem, string Advice)?>? limit, string file, bool dryRun, TransactionOptions unit, CancellationToken ct)
    {
        long inserted = 0, updated = 0, unchanged = 0;
        var tables = new FileTable.Cache(file, schema, database, null, naturalKeyFirst: false);
        var written = new SeedKeys(); // the keys of the file's records so far
        var records = DataFiles.Read(file);
        tables.BindWhole(records);
        await using var tx = await database.BeginTransactionAsync(unit, ct).ConfigureAwait(false);
        foreach (var record in records)
        {
            var bound = tables.For(record);
            object?[] values;
            try
            {
                values = bound.Values(record);
            }
            catch (RecordValueException e)
            {
                // a data problem of one record, named like copy and restore name one: a value error, not a usage error
                throw new NexuSqlValueException(bound.Table.QualifiedName, e.Column, e.Key, e.Problem, database.Engine, advice: Advice(file, record.Position));
            }
            try
            {
                values = await bound.AsHeldAsync(tx, values, ct).ConfigureAwait(false);
            }
            catch (RecordValueException e)
            {
                throw new NexuSqlValueException(bound.Table.QualifiedName, e.Column, e.Key, e.Problem, database.Engine, advice: Advice(file, record.Position));
            }
            catch (NexuSqlException e) when (e is not (NexuSqlConnectionException or NexuSqlTimeoutException or NexuSqlTransientException))
            {
                await tx.RollbackAsync(ct).ConfigureAwait(false);
                throw await NativeRefusalAsync(database, bound, values, e, Advice(file, record.Position), ct).ConfigureAwait(false);
            }
            // a record without its key names no row: inserted again on every run, or given an id that a later record
            // names (SQLite's INTEGER PRIMARY KEY, an AUTO_INCREMENT column) — session 21 break test F13
            if (bound.EmptyKeyColumn(values) is var empty and >= 0)
                throw new NexuSqlValueException(bound.Table.QualifiedName, bound.Columns[empty].Name, bound.DescribeKey(values),
                    $"the key column {bound.Columns[empty].Name} is empty, and seed recognises each row by its key (a record without one would be inserted again on every run)",
                    database.Engine, advice: $"Give every record of {file} its key ({(file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "item" : "line")} {record.Position}); nothing from this file was written.");
            var parameters = bound.Parameters(values);
            var current = await bound.ReadRowAsync(tx, values, ct).ConfigureAwait(false);
            if (current is not null && bound.KeySpellingProblem(current, values, written.Contains(bound.DescribeKey(current))) is { } spelling)
                throw new NexuSqlValueException(bound.Table.QualifiedName, spelling.Column, spelling.Key, spelling.Problem, database.Engine, advice: Advice(file, record.Position));
            // two records naming one row: the file does not say which one the table should hold (break test F22)
            if (written.Add(bound.DescribeKey(values), file, record.Position) is { } earlier)
                throw SeedKeys.Refusal(bound, values, earlier, file, record.Position, database.Engine, "nothing from this file was written.");
            string? sql;
            if (current is null)
            {
                sql = bound.InsertSql;
                inserted++;
            }
            else if (bound.Hasher.RowHash(current) == bound.Hasher.RowHash(values))
            {
                unchanged++;
                continue;
            }
            else
            {
                sql = bound.UpdateSql;
                updated++;
            }
            if (bound.StatementLimitProblem(values, limit) is { } tooBig)
                throw new NexuSqlValueException(bound.Table.QualifiedName, tooBig.Column, tooBig.Key, tooBig.Problem, database.Engine, advice: Advice(file, record.Position));
            // a dry run writes nothing: a later file may need an earlier file's rows, which a rolled-back file would not leave
            if (dryRun || sql is null) continue;
            try
            {
                await tx.ExecuteAsync(sql, parameters, ct).ConfigureAwait(false);
            }
            catch (NexuSqlConstraintException e)
            {
                throw new NexuSqlConstraintException(e.Kind, $"Table {bound.Table.QualifiedName}, row {bound.DescribeKey(values)}: {e.Message} {Advice(file, record.Position)}",
                    e.Engine, e.EngineCode, e, e.ConstraintName, e.TableName ?? bound.Table.QualifiedName, e.ColumnName) { Key = bound.DescribeKey(values) };
            }
            catch (NexuSqlException e) when (e is not (NexuSqlConstraintException or NexuSqlConnectionException or NexuSqlTimeoutException or NexuSqlTransientException))
            {
                // a value the engine could not read as its column's type (interval, array, enum ...): named like the
                // values seed checks itself, after the transaction is gone (nothing of the file was written)
                await tx.RollbackAsync(ct).ConfigureAwait(false);
                throw await NativeRefusalAsync(database, bound, values, e, Advice(file, record.Position), ct).ConfigureAwait(false);
            }
        }
        if (!dryRun && inserted > 0)
            foreach (var sql in tables.All.SelectMany(t => t.ResetIdentitySql(database.Dialect)).Distinct()) await tx.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        // deferred constraints checked now, named by the file, and by a dry run too (break test F12)
        if (database.Dialect.ImmediateConstraintsSql is { } immediate)
            try
            {
                await tx.ExecuteRawAsync(immediate, ct).ConfigureAwait(false);
            }
            catch (NexuSqlConstraintException e)
            {
                var table = tables.First?.Table.QualifiedName ?? DataFiles.TableOf(file);
                throw new NexuSqlConstraintException(e.Kind, $"Table {e.TableName ?? table}: {e.Message} This deferred constraint was checked at the end of {file}; nothing from the file was written.",
                    e.Engine, e.EngineCode, e, e.ConstraintName, e.TableName ?? table, e.ColumnName) { Key = e.Key };
            }
        if (dryRun) await tx.RollbackAsync(ct).ConfigureAwait(false);
        else await tx.CommitAsync(ct).ConfigureAwait(false);
        return new SeedFileResult(file, tables.First?.Table.QualifiedName ?? FileTable.Match(file, schema).Table?.QualifiedName ?? DataFiles.TableOf(file), inserted, updated, unchanged);
    }
}
