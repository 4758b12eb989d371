using NexuSql.Backup;
using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.Copy;

/// <summary>
/// How a copied row becomes the row written into the target: each value admitted by the target's dialect (in the type
/// the target declares) and, where the target may refuse or change it, checked (<see cref="Dialects.SqlDialect.ValueProblem(object?, ColumnModel)"/>).
/// One rule for the pre-check that reads every row before the target is touched and for the copy itself.
/// </summary>
internal sealed class CopyValueCheck
{
    private readonly TableModel _table;
    private readonly TableModel _into;
    private readonly Dialects.SqlDialect _target;
    private readonly Dialects.SqlDialect _source;
    private readonly bool _sameTypes;
    private readonly bool _pads;

    private readonly IReadOnlyList<string>?[] _labels;

    /// <summary>What the target's bulk load cannot carry (<see cref="NexuSqlProvider.BulkLoadValueProblemAsync"/>), where the values are checked.</summary>
    internal Func<object?, (string Problem, string Advice)?>? LoadLimit { get; set; }

    // the characters the target database's encoding lacks (NexuSqlProvider.TextEncodingProblemAsync), checked in every value
    private readonly Func<object?, Schema.ColumnModel, (string Problem, string Advice)?>? _encoding;

    internal CopyValueCheck(NexuSqlDatabase source, Dialects.SqlDialect target, TableModel table, TableModel into, IReadOnlyList<EnumTypeModel>? targetEnums = null,
        Func<object?, Schema.ColumnModel, (string Problem, string Advice)?>? encoding = null)
    {
        _table = table;
        _encoding = encoding;
        _source = source.Dialect;
        // the labels of the target's enum types (--data-only into a table made by hand: its enum may lack a label the source has)
        _labels = [.. into.Columns.Select(c => c.Type is { Kind: PortableType.Native, Native: { } native }
            ? (targetEnums?.FirstOrDefault(e => string.Equals(e.QualifiedName, native, StringComparison.Ordinal))
                ?? targetEnums?.FirstOrDefault(e => string.Equals(e.Name, native.Split('.')[^1].Trim('"'), StringComparison.Ordinal)))?.Values : null)];
        _into = into;
        _target = target;
        _sameTypes = table.Columns.Select(c => c.Type).SequenceEqual(into.Columns.Select(c => c.Type));
        // a column declared otherwise in the target (--data-only) may change values by its declaration (SQLite's affinity)
        var sameDeclarations = table.Columns.Select(c => c.EngineType).SequenceEqual(into.Columns.Select(c => c.EngineType));
        ChecksValues = source.Engine != target.Engine || !_sameTypes || !sameDeclarations || into.Columns.Any(c => target.ChecksEveryValue(c.Type))
            || _labels.Any(l => l is not null);
        // a source that may hold values its own read refuses (SQLite: text that is not UTF-8) is read first, even into its own engine
        ReadsFirst = ChecksValues || source.Dialect.MayHoldUnreadableValues || encoding is not null;
        _pads = source.Dialect.PadsFixedStrings;
    }

    /// <summary>Whether the target may refuse or change a value of this table (every value is then checked).</summary>
    internal bool ChecksValues { get; }

    /// <summary>Whether the pre-check reads every row of this table before the target is touched.</summary>
    internal bool ReadsFirst { get; }

    /// <summary>The row as it is written into the target (a new array).</summary>
    /// <exception cref="NexuSqlValueException">A value the target cannot hold, named by table, column and key.</exception>
    internal object?[] Admit(object?[] row)
    {
        var copy = new object?[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            copy[i] = _target.Admit(_sameTypes ? row[i] : PortableValues.Normalize(row[i], PortableValues.Receiving(_into.Columns[i].Type, _table.Columns[i].Type, _pads)),
                _into.Columns[i].Type);
            if (_encoding?.Invoke(copy[i], _into.Columns[i]) is { } unencodable)
                throw new NexuSqlValueException(_table.QualifiedName, _table.Columns[i].Name, TableReader.DescribeKey(_table, row), unencodable.Problem, _target.Engine, advice: unencodable.Advice);
            if (!ChecksValues) continue;
            // a value the target's bulk load cannot carry (NexuSqlProvider.BulkLoadValueProblemAsync)
            if (LoadLimit?.Invoke(copy[i]) is { } tooBig)
                throw new NexuSqlValueException(_table.QualifiedName, _table.Columns[i].Name, TableReader.DescribeKey(_table, row), tooBig.Problem, _target.Engine, advice: tooBig.Advice);
            if (_labels[i] is { } labels && copy[i] is string label && !labels.Contains(label, StringComparer.Ordinal))
                throw new NexuSqlValueException(_table.QualifiedName, _table.Columns[i].Name, TableReader.DescribeKey(_table, row),
                    $"'{label}' is not a label of {_into.Columns[i].Type.Native} in the target (its labels: {string.Join(", ", labels.Select(l => $"'{l}'"))}); " +
                    $"add it there (ALTER TYPE ... ADD VALUE) or change the value at the source", _target.Engine);
            if (_target.ValueProblem(copy[i], _into.Columns[i]) is { } problem)
                throw new NexuSqlValueException(_table.QualifiedName, _table.Columns[i].Name, TableReader.DescribeKey(_table, row), Retarget(problem, row[i], i), _target.Engine,
                    advice: _sameTypes ? _source.NarrowTypeAdvice(_table.Columns[i], row[i], _target, restore: false) : null);
            // into a column of another type (--data-only into a table made by hand) the value must also arrive as the
            // source holds it: the text '007' is not the number 7, even where the column would take the number
            if (_table.Columns[i].Type != _into.Columns[i].Type && _target.OtherTypeValueProblem(row[i], copy[i], _table.Columns[i].Type, _into.Columns[i]) is { } changed)
                throw new NexuSqlValueException(_table.QualifiedName, _table.Columns[i].Name, TableReader.DescribeKey(_table, row), changed, _target.Engine);
        }
        return copy;
    }

    /// <summary>
    /// The problem of column <paramref name="i"/>'s value as it concerns the target: into a column of another type
    /// (<c>--data-only</c> into a table made by hand, MariaDB's DOUBLE into PostgreSQL's real) the value is not one of the
    /// target column's type, which is what the message must name — not the source, which holds it in its own type.
    /// </summary>
    private string Retarget(string problem, object? value, int i)
    {
        var (from, into) = (_table.Columns[i].Type, _into.Columns[i].Type);
        if (from == into || !PortableValues.IsPortable(value, from)) return problem;
        problem = problem.Replace(Dialects.SqlDialect.StoredAsItIs, $"the target column is {_target.ColumnTypeSql(into)} ({into}); the source column is {from}", StringComparison.Ordinal);
        // a decimal travels as its text, but it is a number at the source (break test L2: "the text '1.2345' is not a float64 value")
        return from.Kind == PortableType.Decimal && value is string digits
            ? problem.Replace($"the text '{digits}'", $"the decimal {digits}", StringComparison.Ordinal)
            : problem;
    }

    /// <summary>
    /// Reads every row of the tables whose values the target may refuse, in one snapshot of the source, and refuses the
    /// first value it cannot hold — before anything in the target is touched (as a restore into another engine checks
    /// the backup first). Costs one more read of those tables; the copy checks each row again as it writes (the source
    /// may change between the two snapshots), so that check stays the last word.
    /// </summary>
    /// <exception cref="NexuSqlValueException">A value the target cannot hold; says nothing was written.</exception>
    internal static async Task RefuseAsync(NexuSqlDatabase source, NexuSqlDatabase into, IReadOnlyList<(TableModel Table, TableModel Into)> tables,
        Action<string>? phase, CancellationToken ct, IReadOnlyList<EnumTypeModel>? targetEnums = null)
    {
        var target = into.Dialect;
        // a target database whose encoding lacks characters (PostgreSQL LATIN1): every text value is checked, within one
        // engine too unless the source has that encoding (break test 27 K8: a raw 22P05 after the table was created)
        var encoding = await into.Provider.TextEncodingProblemAsync(into, ct).ConfigureAwait(false) is { } limited
            && (source.Engine != into.Engine || (await source.Provider.TextEncodingProblemAsync(source, ct).ConfigureAwait(false))?.Encoding != limited.Encoding)
            ? limited.Problem : null;
        // keys the target may join (text under its collation, dates SQLite spells two ways): their values go into a
        // temporary table of the target as they are read
        var all = tables.Select(t => (Check: new CopyValueCheck(source, target, t.Table, t.Into, targetEnums, encoding), Keys: KeyCollisionCheck.For(source.Dialect, target, t.Table, t.Into)))
            .Where(c => c.Check.ReadsFirst || c.Keys is not null).ToList();
        if (all.Count == 0) return;
        // asked of the target only where values are checked at all
        if (all.Any(c => c.Check.ChecksValues) && await into.Provider.BulkLoadValueProblemAsync(into, ct).ConfigureAwait(false) is { } limit)
            foreach (var (check, _) in all) check.LoadLimit = limit;
        var (checks, keyChecks) = (all.Select(c => c.Check).ToList(), all.Select(c => c.Keys).ToList());
        phase?.Invoke($"checking every value fits {target.Engine.DisplayName()}");
        await using var probe = keyChecks.Any(k => k is not null) ? await KeyCollisionCheck.OpenSessionAsync(into, ct).ConfigureAwait(false) : null;
        await using var reader = await source.OpenSessionAsync(ct).ConfigureAwait(false);
        foreach (var sql in source.DataSessionSql) await reader.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        await source.Provider.CatchUpAsync(reader, ct).ConfigureAwait(false);
        foreach (var sql in source.Dialect.BeginSnapshotSql) await reader.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        await Backup.BackupCreator.LockForReadAsync(reader, [.. checks.Select(c => c._table)], "copy", ct).ConfigureAwait(false);
        var current = "";
        // every table is read on after a refusal, so that one run names each column holding a value the target cannot
        // hold (a table's rows are no longer checked after MaxRefusedRows refused ones: the next are most likely the same
        // column's, and each refusal costs an exception)
        var refusals = new ValueRefusals();
        try
        {
            foreach (var (check, keys) in checks.Zip(keyChecks))
            {
                current = check._table.QualifiedName;
                var refused = 0;
                object?[]? Admitted(object?[] row)
                {
                    if (refused >= MaxRefusedRows) return null;
                    try
                    {
                        return check.Admit(row);
                    }
                    catch (NexuSqlValueException e)
                    {
                        refusals.Add(e);
                        refused++;
                        return null;
                    }
                }
                try
                {
                    if (keys is null) await TableReader.ReadAsync(reader, null, check._table, row => Admitted(row), ct).ConfigureAwait(false);
                    else await keys.RefuseAsync(probe!, (onRow, token) => TableReader.ReadAsync(reader, null, check._table, row =>
                    {
                        if (Admitted(row) is { } admitted) onRow(row, admitted);
                    }, token), false, ct).ConfigureAwait(false);
                }
                catch (NexuSqlValueException key) when (refusals.Any)
                {
                    refusals.Add(key); // two keys the target takes for one, after a value refused
                }
            }
            refusals.ThrowIfAny();
        }
        catch (NexuSqlValueException value)
        {
            throw value.WithNote("Nothing was written to the target; run the copy again once this is fixed.");
        }
        catch (Exception e) when (e is NexuSqlConnectionException || (e is InvalidOperationException && reader.DbConnection.State != System.Data.ConnectionState.Open))
        {
            // as a loss during the copy itself is named (LostConnection), but nothing is in the target yet to continue from
            var lost = e as NexuSqlConnectionException;
            throw new NexuSqlConnectionException(
                $"The connection to the source was lost while checking the values of table {current} before the copy (nothing was written to the target): " +
                (lost?.Message ?? $"{source.Engine.DisplayName()}: the connection broke ({e.Message})."), lost?.Engine ?? source.Engine, lost?.EngineCode, e, lost?.IsTransient ?? true);
        }
        finally
        {
            await BackupCreator.EndAsync(reader, source.Dialect).ConfigureAwait(false);
        }
    }

    /// <summary>Refused rows after which a table's pre-check reads its other rows without checking them.</summary>
    private const int MaxRefusedRows = 1000;
}

