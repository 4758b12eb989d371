using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.Copy;

/// <summary>
/// Keys the source keeps apart that the target takes for one, found before anything is written: text keys under the
/// target's collation (MariaDB's utf8mb4_unicode_ci: 'a' = 'A', 'a' = 'a ', and one emoji equal to another; also a
/// MariaDB → MariaDB <c>--data-only</c> into a table of another collation), and date/time keys that the source keeps as
/// the text written (SQLite: '2020-01-01 10:00:00' and '2020-01-01T10:00:00') and the target as the one instant they
/// spell; and keys of a unique expression index that the target computes otherwise (SQLite's lower() changes only A–Z,
/// PostgreSQL's every letter: 'É@x' and 'é@x' are two keys in one, one in the other). The key values are loaded into a
/// TEMPORARY table of the target (session-private, gone when the session ends), with each row's key as the source
/// spells it, and the target's own comparison (and its own functions) then groups them — the engine decides, not an
/// imitation of its collation, its date parser or its lower(). The same load carries text going into a column of the
/// target's own type (<c>--data-only</c> into a table made by hand: text into PostgreSQL's inet, interval, bit(4)), which
/// the target then reads as that type (<see cref="Dialects.SqlDialect.ReadBackSql"/>): a text it cannot read, or one it
/// would give back otherwise (<c>10.0.0.1/32</c> as <c>10.0.0.1</c>), is refused by key before anything is written.
/// </summary>
internal sealed class KeyCollisionCheck
{
    /// <summary>The temporary table the key values are loaded into.</summary>
    internal const string ProbeTable = "nexusql_key_check";

    /// <summary>The probe's column holding each row's key as the source spells it, for the message.</summary>
    private const string SourceRow = "nexusql_source_row";

    /// <summary>The probe's column numbering the rows as they are read (to find the first text the target cannot read).</summary>
    private const string RowNumber = "nexusql_row_number";

    private readonly TableModel _table;
    private readonly TableModel _into;
    private readonly TableModel _probe;
    private readonly int[] _from;
    private readonly List<Key> _keys;
    private readonly Dialects.SqlDialect _source;

    /// <summary>The target columns (by index) of the engine's own types that take the source's text.</summary>
    private readonly int[] _texts;

    /// <summary>
    /// One key to check: its columns (those the probe table holds), and for a unique expression index its name, key parts
    /// and predicate written for the target.
    /// </summary>
    private sealed record Key(IReadOnlyList<string> Columns, bool Collated, bool Spelled)
    {
        public string? Index { get; init; }
        public IReadOnlyList<string>? Parts { get; init; }
        public string? Where { get; init; }
        public string? Display { get; init; }
    }

    private KeyCollisionCheck(Dialects.SqlDialect source, TableModel table, TableModel into, List<Key> keys, int[] texts)
    {
        _source = source;
        _table = table;
        _into = into;
        _keys = keys;
        _texts = texts;
        var names = (keys.Count > 0 ? into.PrimaryKey?.Columns ?? [] : []).Concat(keys.SelectMany(k => k.Columns)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var columns = names.Select(n => into.Columns.First(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase)))
            // a key column taking text into a type of the engine's own is loaded as that text: the probe must not fail on it
            .Select(c => (texts.Any(i => into.Columns[i] == c) ? c with { Type = new ColumnType(PortableType.Text), EngineType = null, Collation = null } : c) with
            {
                Nullable = true, Default = null, Identity = false, IdentityOptions = null, Generated = null, Check = null, OnUpdate = null, Invisible = false,
            })
            .Concat(texts.Select(TextColumn))
            .Append(new ColumnModel(RowNumber, new ColumnType(PortableType.Int64)))
            .Append(new ColumnModel(SourceRow, new ColumnType(PortableType.Text))).ToList();
        _probe = new TableModel(ProbeTable, columns) { Collation = into.Collation };
        _from = [.. names.Select(n => into.Columns.ToList().FindIndex(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase)))];
    }

    private static ColumnModel TextColumn(int i) => new("nexusql_text_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), new ColumnType(PortableType.Text));

    /// <summary>
    /// The check for <paramref name="into"/> (the table as the target declares it; <paramref name="table"/> as the source
    /// does, in the same column order) when a move from <paramref name="source"/> into <paramref name="target"/> may join
    /// keys: a primary key, unique constraint or unique index on plain columns holding a text column the target compares
    /// by a collation (from another engine, or under another collation than the source's), or a date/time column the
    /// source keeps as text (from such an engine into another); or a unique expression index, from another engine (whose
    /// functions may take more keys for one); or text going into a column of the target's own type; null otherwise.
    /// </summary>
    internal static KeyCollisionCheck? For(Dialects.SqlDialect source, Dialects.SqlDialect target, TableModel table, TableModel into)
    {
        var otherEngine = source.Engine != target.Engine;
        ColumnModel? Column(TableModel t, string name) => t.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        bool Collated(string name) => target.TextKeysFollowCollation && Column(into, name) is { Type.Kind: PortableType.String or PortableType.Text } c
            && (otherEngine || !string.Equals(Column(table, name)?.Collation ?? table.Collation, c.Collation ?? into.Collation, StringComparison.OrdinalIgnoreCase));
        bool Spelled(string name) => otherEngine && source.TemporalValuesAreText
            && Column(into, name) is { Type.Kind: PortableType.Date or PortableType.Time or PortableType.Timestamp or PortableType.TimestampTz };
        var keys = new[] { into.PrimaryKey?.Columns }.Concat(into.Uniques.Select(u => u.Columns))
            .Concat(into.Indexes.Where(i => i.Unique && !i.IsSpecial && i.Columns.All(c => c.Name is not null)).Select(i => (IReadOnlyList<string>)[.. i.Columns.Select(c => c.Name!)]))
            .OfType<IReadOnlyList<string>>().Where(k => k.Count > 0 && k.All(n => Column(into, n) is not null))
            .DistinctBy(k => string.Join("\u0001", k).ToUpperInvariant())
            .Select(k => new Key(k, k.Any(Collated), k.Any(Spelled))).Where(k => k.Collated || k.Spelled).ToList();
        if (otherEngine)
            keys.AddRange(into.Indexes.Where(i => i.Unique && i.Columns.Any(c => c.Expression is not null) && i.Columns.All(c => c.Expression is not null || c.Name is not null))
                .Select(i => ExpressionKey(source, target, into, i)).OfType<Key>());
        // text into a column of the target's own type (PostgreSQL inet, interval, bit(4)): the target reads it
        int[] texts = [.. Enumerable.Range(0, Math.Min(table.Columns.Count, into.Columns.Count)).Where(i =>
            table.Columns[i].Type.Kind is PortableType.String or PortableType.Text && into.Columns[i].Type.Kind == PortableType.Native
            && target.ReadBackSql(into.Columns[i], "t", modifiers: true) is not null)];
        return keys.Count == 0 && texts.Length == 0 ? null : new KeyCollisionCheck(source, table, into, keys, texts);
    }

    /// <summary>The key of a unique expression index written for <paramref name="target"/>, or null when it does not translate (then it is not created either).</summary>
    private static Key? ExpressionKey(Dialects.SqlDialect source, Dialects.SqlDialect target, TableModel into, IndexModel index)
    {
        var names = into.Columns.Select(c => c.Name).ToList();
        var parts = new List<string>();
        var columns = new List<string>();
        foreach (var c in index.Columns)
        {
            if (c.Expression is not { } e) { parts.Add(target.QuoteIdentifier(c.Name!)); columns.Add(c.Name!); continue; }
            if (SqlExpressionText.Translate(e, names, source, target, SqlExpressionText.Use.UniqueKey, out _) is not { } sql) return null;
            parts.Add($"({sql})");
            columns.AddRange(SqlExpressionText.ColumnsIn(e, names));
        }
        string? where = null;
        if (index.Where is { } w)
        {
            if (SqlExpressionText.Translate(w, names, source, target, SqlExpressionText.Use.Exact, out _) is not { } sql) return null;
            where = sql;
            columns.AddRange(SqlExpressionText.ColumnsIn(w, names));
        }
        var distinct = columns.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return distinct.Count == 0 ? null : new Key(distinct, false, false)
        {
            Index = index.Name, Parts = parts, Where = where, Display = string.Join(", ", parts.Select(IndexText.Unwrap)),
        };
    }

    /// <summary>A session on <paramref name="target"/> for the temporary table, set up as data sessions are.</summary>
    internal static async Task<NexuSqlConnection> OpenSessionAsync(NexuSqlDatabase target, CancellationToken ct)
    {
        var session = await target.OpenSessionAsync(ct).ConfigureAwait(false);
        foreach (var sql in target.DataSessionSql) await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        return session;
    }

    /// <summary>
    /// Loads the key values of every row <paramref name="read"/> gives (each row as the source holds it, then as the
    /// target receives it, both in the target table's column order) into the temporary table on
    /// <paramref name="session"/>, and refuses the first two rows whose keys the target takes for one.
    /// </summary>
    /// <param name="session">A session on the target (<see cref="OpenSessionAsync"/>).</param>
    /// <param name="read">Reads the rows, handing each to the callback as (source row, admitted row).</param>
    /// <param name="fromBackup">The rows come from a backup (a restore): the advice says what to do then.</param>
    /// <param name="ct">Cancels the load.</param>
    /// <exception cref="NexuSqlValueException">Two keys equal in the target; names table, columns and both rows as the source spells them.</exception>
    internal async Task RefuseAsync(NexuSqlConnection session, Func<Action<object?[], object?[]>, CancellationToken, Task> read, bool fromBackup, CancellationToken ct)
    {
        var d = session.Database.Dialect;
        var quoted = d.QuoteIdentifier(ProbeTable);
        await session.ExecuteRawAsync(d.CreateTemporaryTableSql(SchemaScript.CreateTable(_probe, d, inlineForeignKeys: false)), ct).ConfigureAwait(false);
        try
        {
            using (var pipe = new RowPipe(5_000, ct))
            {
                long n = 0;
                pipe.Start((add, token) => read((source, row) =>
                {
                    var key = new object?[_from.Length + _texts.Length + 2];
                    for (var i = 0; i < _from.Length; i++) key[i] = _texts.Contains(_from[i]) ? source[_from[i]] : row[_from[i]];
                    for (var i = 0; i < _texts.Length; i++) key[_from.Length + i] = source[_texts[i]];
                    key[^2] = ++n;
                    key[^1] = TableReader.DescribeKey(_table, source);
                    add(key);
                }, token));
                await pipe.RunAsync(async () =>
                {
                    var n = await session.Database.Provider.BulkLoadAsync(session.DbConnection, null, _probe, pipe.Rows, ct).ConfigureAwait(false);
                    await pipe.Completion.ConfigureAwait(false);
                    return n;
                }).ConfigureAwait(false);
            }
            foreach (var k in _keys)
            {
                var parts = k.Parts ?? [.. k.Columns.Select(d.QuoteIdentifier)];
                var columns = string.Join(", ", parts);
                var where = string.Join(" AND ", parts.Select(p => p + " IS NOT NULL")) + (k.Where is { } w ? $" AND ({w})" : "");
                var found = await session.QueryAsync($"SELECT {columns} FROM {quoted} WHERE {where} GROUP BY {columns} HAVING COUNT(*) > 1 LIMIT 1", cancellationToken: ct).ConfigureAwait(false);
                if (found.Count == 0) continue;
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < parts.Count; i++) values["k" + i] = found[0][i];
                var rows = (await session.QueryAsync($"SELECT {d.QuoteIdentifier(SourceRow)} FROM {quoted} " +
                    $"WHERE {where} AND {string.Join(" AND ", parts.Select((p, i) => $"{p} = :k{i}"))} LIMIT 2", values, ct).ConfigureAwait(false))
                    .Select(r => r[0] as string ?? "?").ToList();
                throw k.Index is { } index ? ExpressionCollision(d, k, index, rows[0], rows.Count > 1 ? rows[1] : "?", fromBackup)
                    : Collision(d, k.Columns, k.Collated, k.Spelled, rows[0], rows.Count > 1 ? rows[1] : "?", fromBackup);
            }
            for (var i = 0; i < _texts.Length; i++) await RefuseTextAsync(session, _texts[i], ct).ConfigureAwait(false);
        }
        finally
        {
            // the temporary table hides any real one of its name: this drops it
            await session.ExecuteRawAsync($"DROP TABLE {quoted}", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Refuses the first text of column <paramref name="i"/> in the probe table that the target cannot read as the
    /// column's type, or would give back otherwise. The engine stops a query at the first text its type refuses without
    /// saying which row held it: the rows are then halved by number until the one is found.
    /// </summary>
    private async Task RefuseTextAsync(NexuSqlConnection session, int i, CancellationToken ct)
    {
        var d = session.Database.Dialect;
        var (column, text, number) = (_into.Columns[i], d.QuoteIdentifier(TextColumn(i).Name), d.QuoteIdentifier(RowNumber));
        var readBack = d.ReadBackSql(column, text, modifiers: true)!;
        var from = $"FROM {d.QuoteIdentifier(ProbeTable)} WHERE {text} IS NOT NULL";
        var type = column.EngineType?.For(d.Engine) ?? d.ColumnTypeSql(column.Type);
        NexuSqlValueException Refusal(object? row, string problem) =>
            new(_table.QualifiedName, _table.Columns[i].Name, row as string ?? "?", problem, d.Engine,
                advice: $"Write the value at the source as {d.Engine.DisplayName()} prints values of type {type}, or declare the target column as text.");
        try
        {
            // (MariaDB's cast gives NULL for text that is not a value of the type)
            var changed = await session.QueryAsync($"SELECT {d.QuoteIdentifier(SourceRow)}, {text}, {readBack} {from} AND ({readBack} IS NULL OR {readBack} <> {text}) " +
                $"ORDER BY {number} LIMIT 1", cancellationToken: ct).ConfigureAwait(false);
            if (changed.Count == 1)
                throw Refusal(changed[0][0], changed[0][2] is null ? $"the text '{changed[0][1]}' is not a value of type {type}"
                    : $"the text '{changed[0][1]}' would be held as {type} and read back as '{changed[0][2]}', so the copy would not be identical");
            return;
        }
        catch (NexuSqlException e) when (e is not (NexuSqlValueException or NexuSqlConnectionException or NexuSqlTimeoutException or NexuSqlTransientException))
        {
            // some text is not a value of the type: find the first row that holds one
            var (low, high) = (1L, Convert.ToInt64(await session.ExecuteScalarAsync<object>($"SELECT MAX({number}) {from}", cancellationToken: ct).ConfigureAwait(false),
                System.Globalization.CultureInfo.InvariantCulture));
            var refusal = e;
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                try
                {
                    await session.QueryAsync($"SELECT {readBack} {from} AND {number} BETWEEN {low} AND {middle}", cancellationToken: ct).ConfigureAwait(false);
                    low = middle + 1;
                }
                catch (NexuSqlException half) when (half is not (NexuSqlConnectionException or NexuSqlTimeoutException or NexuSqlTransientException))
                {
                    (high, refusal) = (middle, half);
                }
            }
            try
            {
                await session.QueryAsync($"SELECT {readBack} {from} AND {number} = {low}", cancellationToken: ct).ConfigureAwait(false);
                throw; // no row fails alone: the query failed for another reason than a value
            }
            catch (NexuSqlException single) when (single is not (NexuSqlConnectionException or NexuSqlTimeoutException or NexuSqlTransientException) && single != e)
            {
                refusal = single;
            }
            var row = await session.QueryAsync($"SELECT {d.QuoteIdentifier(SourceRow)}, {text} {from} AND {number} = {low}", cancellationToken: ct).ConfigureAwait(false);
            throw Refusal(row.Count == 1 ? row[0][0] : null,
                $"the text '{(row.Count == 1 ? row[0][1] : "?")}' is not a value of type {type} ({refusal.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The refusal of two rows to which the target's functions give one key of unique expression index <paramref name="index"/>.</summary>
    private NexuSqlValueException ExpressionCollision(Dialects.SqlDialect d, Key key, string index, string first, string second, bool fromBackup) =>
        new(_table.QualifiedName, string.Join(", ", key.Columns), first,
            $"its key in unique index {index} ({key.Display}) differs from that of row {second} in the {(fromBackup ? "backup" : "source")} as {_source.Engine.DisplayName()} " +
            $"computes it, but {d.Engine.DisplayName()} computes one key for both with its own functions" +
            (_source.CaseMapsAsciiOnly && !d.CaseMapsAsciiOnly ? " (lower() and upper() change every letter there, not only A–Z)" : "") + ": the index could not be created", d.Engine,
            advice: $"Make the keys distinct at the source, drop or rewrite index {index} in the source, or leave the table out (--tables).");

    /// <summary>The refusal of two rows whose <paramref name="key"/> the target takes for one, with what to do.</summary>
    private NexuSqlValueException Collision(Dialects.SqlDialect d, IReadOnlyList<string> key, bool collated, bool spelled, string first, string second, bool fromBackup)
    {
        var which = _table.PrimaryKey is { } pk && key.SequenceEqual(pk.Columns, StringComparer.OrdinalIgnoreCase) ? "primary key" : "unique key";
        var keyColumns = key.Select(k => _probe.Columns.First(c => string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase))).ToList();
        var why = new List<string>();
        if (collated)
        {
            var collation = keyColumns.Where(c => c.Type.Kind is PortableType.String or PortableType.Text).Select(c => c.Collation ?? _probe.Collation).FirstOrDefault();
            why.Add($"under the collation it compares the key by ({collation ?? "the target database's default"})");
        }
        if (spelled)
            why.Add($"as it keeps {string.Join(", ", keyColumns.Where(c => c.Type.Kind is PortableType.Date or PortableType.Time or PortableType.Timestamp or PortableType.TimestampTz).Select(c => c.Name))} " +
                "as the date or time the text spells, not as the text written");
        var then = fromBackup ? "restore the backup into an engine that keeps them apart and copy the table from there with --data-only" : "copy with --data-only";
        var advice = new List<string>();
        if (collated)
            advice.Add($"create the table in the target with a collation that keeps the keys apart (a binary one; utf8mb4_nopad_bin where keys differ in trailing blanks, which MariaDB's _bin collations ignore) and {then}");
        if (spelled) advice.Add("write the source's dates and times in one spelling (yyyy-MM-dd HH:mm:ss)");
        advice.Add("make the keys distinct at the source");
        return new NexuSqlValueException(_table.QualifiedName, string.Join(", ", key), first,
            $"its {which} ({string.Join(", ", key)}) differs from that of row {second} in the {(fromBackup ? "backup" : "source")}, but {d.Engine.DisplayName()} " +
            $"takes the two for one {string.Join(" and ", why)}: the second row would be refused as a duplicate", d.Engine,
            advice: char.ToUpperInvariant(advice[0][0]) + string.Join(", or ", advice)[1..] + ".");
    }
}
