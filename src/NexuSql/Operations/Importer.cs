namespace NexuSql.Operations;

/// <summary>A record import did not load, and why.</summary>
/// <param name="Position">Line (CSV) or index (JSON) in the file.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record ImportRejection(int Position, string Reason);

/// <summary>What import did with one file.</summary>
/// <param name="File">The file.</param>
/// <param name="Table">The table it loads.</param>
/// <param name="Inserted">Rows inserted (or that would be, in a dry run).</param>
/// <param name="Skipped">Records whose key is already in the table or earlier in the file.</param>
/// <param name="Rejected">Records that cannot be loaded (<see cref="Rejections"/> says why).</param>
/// <param name="Rejections">The first rejections, with reasons.</param>
/// <param name="StoppedAtLimit">The limit was reached before the end of the file.</param>
public sealed record ImportFileResult(string File, string Table, long Inserted, long Skipped, long Rejected, IReadOnlyList<ImportRejection> Rejections, bool StoppedAtLimit);

/// <summary>How <see cref="Importer"/> works.</summary>
public sealed record ImportOptions
{
    /// <summary>Count what would happen; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Insert at most this many rows in all (null: no limit).</summary>
    public long? Limit { get; init; }

    /// <summary>The natural key that recognises existing rows (default: the table's first unique constraint, else its primary key).</summary>
    public IReadOnlyList<string>? Key { get; init; }

    /// <summary>
    /// Settings for the load (<see cref="TransactionOptions.Settings"/>), e.g. what a row-level-security policy reads:
    /// each file then loads in one transaction that has them, each record under a savepoint (a rejected record still
    /// leaves the others), committed at the end of the file.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>How many rejections per file are listed (all are counted).</summary>
    public int MaxRejectionsListed { get; init; } = 50;

    /// <summary>
    /// Called as each file is done (its rows written, unless a dry run), before the next starts: what a failure of a
    /// later file leaves written.
    /// </summary>
    public Action<ImportFileResult>? FileDone { get; init; }
}

/// <summary>
/// Loads a folder of JSON or CSV files (<see cref="DataFiles"/>) into existing tables, idempotently: a record whose
/// natural key is already in the table (or earlier in the file) is skipped, never updated or duplicated; a record that
/// cannot be loaded (a value of the wrong type or too large, a missing required column, a missing key, a constraint
/// the database enforces) is rejected with its reason while the others load. Run twice, the second run inserts nothing.
/// </summary>
public static class Importer
{
    /// <summary>Why <c>import</c> and <c>seed</c> refuse a database holding an interrupted copy or restore (<see cref="Backup.TransferMarker.RefuseInterruptedAsync"/>).</summary>
    /// <summary>
    /// Refuses, before anything is written, a database whose sessions do not check foreign keys or checks
    /// (<see cref="NexuSqlProvider.UncheckedWritesReasonAsync"/>): import and seed reject a record by what the database
    /// refuses, and it would refuse nothing.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Names the setting and how to reset it.</exception>
    internal static async Task RefuseUncheckedWritesAsync(NexuSqlDatabase database, string nothing, CancellationToken ct)
    {
        if (await database.Provider.UncheckedWritesReasonAsync(database, ct).ConfigureAwait(false) is { } reason)
            throw new NexuSqlRefusedException($"{database.Url?.Redacted ?? "The database"}: {reason} {nothing}");
    }

    internal const string ResumeEmpties = ", and its '--resume' empties each table it has not loaded yet before loading it: rows written now would be lost after a reported success";

    /// <summary>Imports every data file of <paramref name="folder"/>, in name order.</summary>
    /// <exception cref="FormatException">A malformed file, or one naming a table or column that does not exist (tables and CSV headers are checked before any file is loaded).</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="folder"/> is not a folder (missing, or a file).</exception>
    public static async Task<IReadOnlyList<ImportFileResult>> RunAsync(NexuSqlDatabase database, string folder, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        options ??= new ImportOptions();
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException(File.Exists(folder)
                ? $"'{folder}' is a file; import reads a folder of data files named for their tables (TABLE.csv, TABLE.json, ...): pass the folder that holds it."
                : $"The import folder '{folder}' does not exist.");
        var files = DataFiles.In(folder);
        if (files.Count == 0) throw new FormatException($"{folder} has no .csv or .json files to import.");
        await Backup.TransferMarker.RefuseInterruptedAsync(database, ResumeEmpties, "Nothing was imported.", cancellationToken).ConfigureAwait(false);
        await RefuseUncheckedWritesAsync(database, "Nothing was imported.", cancellationToken).ConfigureAwait(false);
        // every schema's tables: SCHEMA.TABLE.csv loads a table of another schema (bt41 F14: only the current one was read)
        var schema = await database.Provider.ReadSchemaAsync(database, allSchemas: true, cancellationToken).ConfigureAwait(false);
        var statementLimit = await database.Provider.StatementValueProblemAsync(database, cancellationToken).ConfigureAwait(false);
        // every file's table and (CSV) header checked before the first is loaded: a later file's mistake stopped the
        // import as a usage error after earlier files were written (bt42 N3)
        foreach (var file in files)
        {
            try
            {
                FileTable.Check(file, schema, database, options.Key, naturalKeyFirst: true);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{e.Message} Nothing was imported (every file is checked before the first is loaded).", e);
            }
        }
        var results = new List<ImportFileResult>();
        long total = 0;
        foreach (var file in files)
        {
            long inserted = 0, skipped = 0, rejected = 0;
            var rejections = new List<ImportRejection>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stopped = false;
            var tables = new FileTable.Cache(file, schema, database, options.Key, naturalKeyFirst: true);
            // a dry run inserts too, inside a transaction rolled back at the end (each record under a savepoint), so it
            // reports the rejections — foreign keys, checks, uniques — the real run would make; with settings, the real
            // run works the same way and commits
            await using var tx = options.DryRun || options.Settings is { Count: > 0 }
                ? await database.BeginTransactionAsync(new TransactionOptions { Settings = options.Settings }, cancellationToken).ConfigureAwait(false)
                : null;
            // each record checked as its own statement, as the real run without a transaction commits it (a deferred
            // constraint would be checked at the end, for the whole file, or never in a dry run: break test F12)
            if (tx is not null && database.Dialect.ImmediateConstraintsSql is { } immediate) await tx.ExecuteRawAsync(immediate, cancellationToken).ConfigureAwait(false);
            await using var connection = tx is null ? await database.OpenSessionAsync(cancellationToken).ConfigureAwait(false) : null;
            NexuSqlSession target = (NexuSqlSession?)tx ?? connection!;
            void Reject(int position, string reason)
            {
                rejected++;
                if (rejections.Count < options.MaxRejectionsListed) rejections.Add(new ImportRejection(position, reason));
            }
            var records = DataFiles.Read(file);
            tables.BindWhole(records);
            // a streamed file (CSV) is read through once before loading, so a malformed record (a field too many, an
            // unclosed quote) refuses the file before any of it is committed, as a JSON file's does (break test 23 F1)
            if (records is not IReadOnlyCollection<DataRecord>)
                foreach (var _ in DataFiles.Read(file)) cancellationToken.ThrowIfCancellationRequested();
            foreach (var record in records)
            {
                var bound = tables.For(record);
                if (options.Limit is { } limit && total >= limit)
                {
                    stopped = true;
                    break;
                }
                object?[] values;
                try
                {
                    values = bound.Values(record);
                }
                catch (FormatException e)
                {
                    Reject(record.Position, e.Message);
                    continue;
                }
                if (Problem(bound, values) is { } problem)
                {
                    Reject(record.Position, problem);
                    continue;
                }
                if (bound.ReadsBackValues)
                {
                    // values of the engine's own types as the table holds them (an inet key's other spelling finds its row)
                    if (tx is not null) await tx.SaveAsync("nexusql_record", cancellationToken).ConfigureAwait(false);
                    try
                    {
                        values = await bound.AsHeldAsync(target, values, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RecordValueException e)
                    {
                        Reject(record.Position, e.Message);
                        continue;
                    }
                    catch (NexuSqlException e) when (e is not (NexuSqlConnectionException or NexuSqlTimeoutException or NexuSqlTransientException))
                    {
                        if (tx is not null) await tx.RollbackToAsync("nexusql_record", cancellationToken).ConfigureAwait(false);
                        var native = await bound.NativeValueProblemAsync(target, values, cancellationToken).ConfigureAwait(false);
                        // the probe's own failure ends the transaction's work too
                        if (tx is not null) await tx.RollbackToAsync("nexusql_record", cancellationToken).ConfigureAwait(false);
                        Reject(record.Position, native?.Message ?? e.Message);
                        continue;
                    }
                }
                var key = bound.DescribeKey(values);
                var parameters = bound.Parameters(values);
                if (!seen.Add(key))
                {
                    skipped++;
                    continue;
                }
                if (await bound.ReadRowAsync(target, values, cancellationToken).ConfigureAwait(false) is { } found)
                {
                    // the key is there — unless the row found spells it otherwise (one key only under the column's collation)
                    if (bound.KeySpellingProblem(found, values, seen.Contains(bound.DescribeKey(found))) is { } spelling) Reject(record.Position, spelling.Message);
                    else skipped++;
                    continue;
                }
                if (bound.StatementLimitProblem(values, statementLimit) is { } tooBig)
                {
                    Reject(record.Position, tooBig.Message);
                    continue;
                }
                if (tx is not null) await tx.SaveAsync("nexusql_record", cancellationToken).ConfigureAwait(false);
                try
                {
                    await target.ExecuteAsync(bound.InsertSql, parameters, cancellationToken).ConfigureAwait(false);
                }
                catch (NexuSqlException e) when (e is not (NexuSqlConnectionException or NexuSqlTimeoutException or NexuSqlTransientException))
                {
                    if (tx is not null) await tx.RollbackToAsync("nexusql_record", cancellationToken).ConfigureAwait(false);
                    // a value the engine could not read as its column's type (interval, array, enum ...): name the column
                    if (e is not NexuSqlConstraintException
                        && (bound.RefusedValue(e, values) ?? await bound.NativeValueProblemAsync(target, values, cancellationToken).ConfigureAwait(false)) is { } native)
                    {
                        if (tx is not null) await tx.RollbackToAsync("nexusql_record", cancellationToken).ConfigureAwait(false);
                        Reject(record.Position, native.Message);
                        continue;
                    }
                    // a constraint named with the row's key and the column where the engine says it (session 21 break test F12)
                    Reject(record.Position, e is NexuSqlConstraintException c
                        ? $"{(c.ColumnName is { } column ? $"column {column}, " : "")}row {bound.DescribeKey(values)}: {c.Kind.Words()} constraint{(c.ConstraintName is { } name ? " " + name : "")}: {e.Message}"
                        : e.Message);
                    continue;
                }
                inserted++;
                total++;
            }
            if (tx is not null && !options.DryRun) await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (!options.DryRun && inserted > 0)
                foreach (var sql in tables.All.SelectMany(t => t.ResetIdentitySql(database.Dialect)).Distinct()) await database.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
            var result = new ImportFileResult(file, tables.First?.Table.QualifiedName ?? FileTable.Match(file, schema).Table?.QualifiedName ?? DataFiles.TableOf(file), inserted, skipped, rejected, rejections, stopped);
            results.Add(result);
            options.FileDone?.Invoke(result);
        }
        return results;
    }

    /// <summary>A key left empty or a required column missing (a value the column cannot hold is found by <see cref="FileTable.Values"/>).</summary>
    private static string? Problem(FileTable bound, object?[] values)
    {
        // the rule seed follows: an empty key is refused, never given an id the engine picks (break test F11)
        if (bound.EmptyKeyColumn(values) is var empty and >= 0)
            return $"the key column {bound.Columns[empty].Name} is empty" + (bound.Columns[empty].Identity && !bound.KeyIndex.Contains(empty)
                ? ", and the database would give the row an id the file does not (leave the column out of the file for that)" : "");
        foreach (var c in bound.Table.Columns.Where(c => !c.Nullable && c.Default is null && !c.Identity))
        {
            var i = bound.Columns.ToList().IndexOf(c);
            if (i < 0 || values[i] is null) return $"the required column {c.Name} is {(i < 0 ? "missing" : "empty")}";
        }
        return null;
    }
}
