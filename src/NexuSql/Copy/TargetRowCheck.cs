using NexuSql.Backup;
using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.Copy;

/// <summary>
/// A <c>--data-only</c> copy writes into tables the target made, whose own rules the source never saw: CHECK constraints
/// and domain CHECKs, unique keys whose type or collation takes two source values for one (interval '1 day' =
/// '24:00:00', numeric 1.0 = 1.00, a nondeterministic ICU collation), partitions that hold no row for a key, foreign keys
/// whose parents are neither in the target nor among the copied rows. Rather than imitate each rule, the rows are
/// loaded into the target's own tables inside one transaction that is always rolled back: the target decides, and
/// nothing it is asked ever becomes visible or stays. A refusal is then narrowed to its row by loading the first half
/// of the rows again (each time rolled back) until the first row the target refuses is found, and named by table,
/// column, key and constraint before the copy writes anything.
/// </summary>
/// <remarks>
/// Costs one more load of the copied tables (only when the target declares a rule of this kind). Constraints the target
/// checks only at commit (PostgreSQL's DEFERRABLE INITIALLY DEFERRED), and foreign keys an engine checks after the load
/// (SQLite, MariaDB with foreign_key_checks off during a load) are not seen here: the copy names those as it loads.
/// </remarks>
internal static class TargetRowCheck
{
    /// <summary>Whether <paramref name="target"/> (the table as the target declares it) has a rule a source row may break that the value checks do not cover.</summary>
    internal static bool HasRules(TableModel target, SchemaModel existing) =>
        target.Checks.Count > 0 || target.Columns.Any(c => c.Check is not null) || target.ForeignKeys.Count > 0 || target.PartitionBy is not null
        || target.Columns.Any(c => c.EngineType is { } e && existing.Domains?.Any(d => string.Equals(d.Name, e.Type, StringComparison.OrdinalIgnoreCase) && d.Checks.Count > 0) == true)
        || new[] { target.PrimaryKey }.OfType<KeyModel>().Concat(target.Uniques).Any(k => k.Columns.Any(n => target.Columns.FirstOrDefault(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase))
            is { Type.Kind: not (PortableType.Int16 or PortableType.Int32 or PortableType.Int64) }))
        || target.Indexes.Any(i => i.Unique);

    /// <summary>
    /// Loads every row of <paramref name="tables"/> (in the order the target's foreign keys need; each as the source
    /// declares it, as the copy writes it, and as the target declares it) into the target in a transaction that is
    /// rolled back, and refuses the first row the target refuses.
    /// </summary>
    /// <exception cref="NexuSqlValueException">A row the target's own constraints refuse; names table, column, key and constraint, and says nothing was written.</exception>
    internal static async Task RefuseAsync(NexuSqlDatabase source, NexuSqlDatabase target, IReadOnlyList<(TableModel Table, TableModel Into, TableModel Declared)> tables,
        SchemaModel existing, Action<string>? phase, CancellationToken ct)
    {
        if (tables.Count == 0 || !tables.Any(t => HasRules(t.Declared, existing) || TableSelection.RewritingOnLoad(t.Declared, existing, target.Dialect).Count > 0)) return;
        phase?.Invoke($"loading the rows into {target.Engine.DisplayName()} in a transaction that is rolled back, to check them against its constraints");
        await using var session = await KeyCollisionCheck.OpenSessionAsync(target, ct).ConfigureAwait(false);
        await using var reader = await source.OpenSessionAsync(ct).ConfigureAwait(false);
        foreach (var sql in source.DataSessionSql) await reader.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        await source.Provider.CatchUpAsync(reader, ct).ConfigureAwait(false);
        foreach (var sql in source.Dialect.BeginSnapshotSql) await reader.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        await Backup.BackupCreator.LockForReadAsync(reader, [.. tables.Select(t => t.Table)], "copy", ct).ConfigureAwait(false);
        foreach (var sql in target.Dialect.BulkLoadBeginSql) await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        try
        {
            if (await TrialAsync(session, reader, tables, existing, tables.Count - 1, long.MaxValue, withEarlier: true, ct).ConfigureAwait(false) is not { } failed) return;
            // the first row of the failing table whose load fails: halved by how many of its rows are loaded
            var (at, error, sent, key) = failed;
            var withEarlier = error is NexuSqlConstraintException { Kind: ConstraintKind.ForeignKey };
            var (low, high) = (1L, Math.Max(1, sent));
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (await TrialAsync(session, reader, tables, existing, at, middle, withEarlier, ct).ConfigureAwait(false) is { } half && half.Table == at)
                    (high, error, key) = (middle, half.Error, half.Key);
                else low = middle + 1;
            }
            if (low != sent && await TrialAsync(session, reader, tables, existing, at, low, withEarlier, ct).ConfigureAwait(false) is { } single && single.Table == at)
                (error, key) = (single.Error, single.Key);
            if (error is RewrittenException rewritten)
                throw new NexuSqlRefusedException(
                    $"Table {tables[at].Table.QualifiedName}: {rewritten.Message}. {DatabaseCopier.RewrittenBy(tables[at].Declared, TableSelection.RewritingOnLoad(tables[at].Declared, existing, target.Dialect), target.Dialect, written: false)} " +
                    "Nothing was written to the target (the rows were loaded in a transaction that was rolled back).");
            throw Refusal(target.Dialect, tables[at].Table, tables[at].Declared, existing, error, key);
        }
        finally
        {
            await session.RestoreSessionAsync(target.Dialect.BulkLoadEndSql).ConfigureAwait(false);
            await BackupCreator.EndAsync(reader, source.Dialect).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Loads the tables up to <paramref name="last"/> (the earlier ones only when <paramref name="withEarlier"/>), of the last
    /// only its first <paramref name="limit"/> rows, in one transaction that is rolled back; the table whose load the
    /// target refused, with its error, the rows sent and the key of the last row sent, or null.
    /// </summary>
    private static async Task<(int Table, NexuSqlException Error, long Sent, string Key)?> TrialAsync(NexuSqlConnection session, NexuSqlConnection reader,
        IReadOnlyList<(TableModel Table, TableModel Into, TableModel Declared)> tables, SchemaModel existing, int last, long limit, bool withEarlier, CancellationToken ct)
    {
        await using var tx = await session.DbConnection.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            for (var i = withEarlier ? 0 : last; i <= last; i++)
            {
                var (table, into, declared) = tables[i];
                var admission = new CopyValueCheck(reader.Database, session.Database.Dialect, table, into);
                var take = i == last ? limit : long.MaxValue;
                long sent = 0;
                var key = "?";
                // rows the target's own trigger or conflict clause may change as they go in: read back in the transaction (bt34 F6)
                var rewriting = TableSelection.RewritingOnLoad(declared, existing, session.Database.Dialect).Count > 0;
                var hasher = rewriting ? new TableHasher(into.Columns.Select(c => c.Type)) : null;
                object?[]? lastRow = null;
                try
                {
                    using var pipe = new RowPipe(5_000, ct);
                    pipe.Start((add, token) => TableReader.ReadAsync(reader, null, table, row =>
                    {
                        if (sent >= take) return;
                        sent++;
                        key = TableReader.DescribeKey(table, row);
                        var admitted = admission.Admit(row);
                        hasher?.Add(admitted);
                        lastRow = admitted; // (a new array each row: the pipe holds it)
                        add(admitted);
                    }, token));
                    await pipe.RunAsync(() => session.TranslatingAsync(async () =>
                    {
                        var n = await WritableColumns.BulkLoadAsync(session, tx, into, pipe.Rows, ct).ConfigureAwait(false);
                        await pipe.Completion.ConfigureAwait(false);
                        return n;
                    })).ConfigureAwait(false);
                }
                catch (NexuSqlConstraintException e)
                {
                    return (i, e, sent, key);
                }
                if (hasher is not null && await ChangedAsync(session, tx, into, hasher, lastRow, ct).ConfigureAwait(false) is { } changed)
                    return (i, new RewrittenException(changed), sent, key);
            }
            return null;
        }
        finally
        {
            await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What the target made of the rows just loaded into <paramref name="into"/> (in <paramref name="tx"/>) when they do not
    /// read back as <paramref name="loaded"/> hashed them: the last row loaded (<paramref name="lastRow"/>) missing, or
    /// the columns in which it reads back otherwise, or the count; null when they read back as loaded.
    /// </summary>
    private static async Task<string?> ChangedAsync(NexuSqlConnection session, System.Data.Common.DbTransaction tx, TableModel into, TableHasher loaded, object?[]? lastRow, CancellationToken ct)
    {
        var back = new TableHasher(into.Columns.Select(c => c.Type));
        var key = lastRow is null ? null : TableReader.DescribeKey(into, lastRow);
        object?[]? found = null;
        await TableReader.ReadAsync(session, tx, into, row =>
        {
            back.Add(row);
            if (key is not null && found is null && TableReader.DescribeKey(into, row) == key) found = (object?[])row.Clone();
        }, ct).ConfigureAwait(false);
        if (back.Count == loaded.Count && back.Hash == loaded.Hash) return null;
        string Hash(int i, object? value)
        {
            var one = new TableHasher([into.Columns[i].Type]);
            one.Add([value]);
            return one.Hash;
        }
        var differing = lastRow is null || found is null ? [] : into.Columns.Select((c, i) => (c.Name, i)).Where(x => Hash(x.i, lastRow[x.i]) != Hash(x.i, found[x.i])).Select(x => x.Name).ToList();
        return lastRow is not null && found is null ? $"row {key} is not in the table once loaded ({back.Count} rows read back of {loaded.Count} loaded)"
            : differing.Count > 0 ? $"row {key} reads back with other values in {string.Join(", ", differing)} than were loaded"
            : $"loading row {key} changed the table's other rows ({back.Count} rows read back of {loaded.Count} loaded, with other values)";
    }

    /// <summary>A load's rows that do not read back as loaded: what <see cref="ChangedAsync"/> found, carried through the search for the first such row.</summary>
    private sealed class RewrittenException(string message) : NexuSqlException(message);

    /// <summary>The refusal of the row with key <paramref name="key"/>: the constraint the target named, found in its table or its domains, with the columns it is about.</summary>
    private static NexuSqlConstraintException Refusal(Dialects.SqlDialect d, TableModel table, TableModel declared, SchemaModel existing, NexuSqlException error, string key)
    {
        var constraint = (error as NexuSqlConstraintException)?.ConstraintName;
        bool Named(string? name) => name is not null && string.Equals(name, constraint, StringComparison.Ordinal);
        var names = declared.Columns.Select(c => c.Name).ToList();
        string? columns = null;
        string what;
        // a check is named by its name, or by its text where the engine names none (SQLite: "CHECK constraint failed: v>0");
        // a column's own check by the column (MariaDB: `ck.v`)
        var only = constraint is null && error is NexuSqlConstraintException { Kind: ConstraintKind.Check } && declared.Checks.Count + declared.Columns.Count(c => c.Check is not null) == 1;
        static string Bare(string? e) => new([.. (e ?? "").Where(ch => !char.IsWhiteSpace(ch) && ch is not ('(' or ')' or '`' or '"'))]);
        if (declared.Checks.FirstOrDefault(c => only || Named(c.Name) || constraint is not null && Bare(c.Expression) == Bare(constraint)) is { } check)
        {
            columns = string.Join(", ", SqlExpressionText.ColumnsIn(check.Expression, names));
            what = $"the target's check constraint {check.Name ?? ""} (CHECK ({check.Expression})) refuses the row".Replace("constraint  (", "constraint (", StringComparison.Ordinal);
        }
        else if (declared.Columns.FirstOrDefault(c => c.Check is { } k && (only || constraint is not null && (Named(k.Name) || Bare(k.Expression) == Bare(constraint)
            || constraint.EndsWith("." + c.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(constraint, c.Name, StringComparison.OrdinalIgnoreCase)))) is { } owner)
        {
            columns = owner.Name;
            what = $"the target's check constraint of column {owner.Name} (CHECK ({owner.Check!.Expression})) refuses the row";
        }
        else if (existing.Domains?.FirstOrDefault(x => x.Checks.Any(c => Named(c.Name))) is { } domain)
        {
            var c = domain.Checks.First(c => Named(c.Name));
            columns = string.Join(", ", declared.Columns.Where(x => x.EngineType is { } e && string.Equals(e.For(d.Engine), domain.Name, StringComparison.OrdinalIgnoreCase)).Select(x => x.Name));
            what = $"the value breaks check constraint {c.Name} (CHECK ({c.Expression})) of domain {domain.Name}, the column's type in the target";
        }
        else if (new[] { declared.PrimaryKey }.OfType<KeyModel>().Concat(declared.Uniques).FirstOrDefault(k => Named(k.Name)) is { } unique)
        {
            columns = string.Join(", ", unique.Columns);
            what = $"its key ({columns}) differs from that of an earlier row at the source, but the target takes the two for one under its {(Named(declared.PrimaryKey?.Name) ? "primary key" : "unique constraint")} {unique.Name} " +
                   "(the column's type or collation compares them as equal): the row would be refused as a duplicate";
        }
        else if (declared.Indexes.FirstOrDefault(i => Named(i.Name)) is { } index)
        {
            columns = string.Join(", ", index.Columns.Select(c => c.Name ?? c.Expression));
            what = $"its key in unique index {index.Name} ({columns}) is one the target takes for that of an earlier row: the row would be refused as a duplicate";
        }
        else if (declared.ForeignKeys.FirstOrDefault(f => Named(f.Name)) is { } fk)
        {
            columns = string.Join(", ", fk.Columns);
            what = $"foreign key {fk.Name} ({columns}) references {fk.ReferencedTable} ({string.Join(", ", fk.ReferencedColumns)}), which holds no row of that key, neither in the target nor among the copied rows";
        }
        else
        {
            columns = (error as NexuSqlConstraintException)?.ColumnName ?? (declared.PartitionBy is { } by ? string.Join(", ", SqlExpressionText.ColumnsIn(by, names)) : null);
            what = declared.PartitionBy is not null && constraint is null ? $"the target's partitioned table (PARTITION BY {declared.PartitionBy}) refuses the row" : "the target refuses the row";
        }
        // a constraint error (kind, constraint, table, column, key), as one found while loading is, but found before writing
        var column = string.IsNullOrEmpty(columns) ? "?" : columns;
        var violated = error as NexuSqlConstraintException;
        return new NexuSqlConstraintException(violated?.Kind ?? ConstraintKind.Check,
            $"Table {table.QualifiedName}, column {column}, row {key}: {what} ({error.Message.TrimEnd('.')}). " +
            "Fix the row at the source, or change the target's table or constraint; a copy into a table made by hand takes the target's rules as they are. " +
            "Nothing was written to the target (the rows were loaded in a transaction that was rolled back); run the copy again once this is fixed.",
            d.Engine, error.EngineCode, error, violated?.ConstraintName, table.QualifiedName, column) { Key = key, BeforeWriting = true };
    }
}
