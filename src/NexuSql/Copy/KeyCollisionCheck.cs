using NexuSql.Data;
using NexuSql.Schema;

namespace NexuSql.Copy;

/// <summary>
/// Text keys the source keeps apart that the target's collation takes for one (MariaDB's utf8mb4_unicode_ci: 'a' = 'A',
/// 'a' = 'a ', and one emoji equal to another), found before anything is written: the key values are loaded into a
/// TEMPORARY table of the target (session-private, gone when the session ends), whose own comparison then groups them —
/// the engine decides, not an imitation of its collation. Only into engines whose text keys compare by such a collation
/// (<see cref="Dialects.SqlDialect.TextKeysFollowCollation"/>) from another engine.
/// </summary>
internal sealed class KeyCollisionCheck
{
    /// <summary>The temporary table the key values are loaded into.</summary>
    internal const string ProbeTable = "nexusql_key_check";

    private readonly TableModel _table;
    private readonly TableModel _probe;
    private readonly int[] _from;
    private readonly List<IReadOnlyList<string>> _keys;

    private KeyCollisionCheck(TableModel table, TableModel into, List<IReadOnlyList<string>> keys)
    {
        _table = table;
        _keys = keys;
        var names = (into.PrimaryKey?.Columns ?? []).Concat(keys.SelectMany(k => k)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var columns = names.Select(n => into.Columns.First(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase)) with
        {
            Nullable = true, Default = null, Identity = false, IdentityOptions = null, Generated = null, Check = null, OnUpdate = null, Invisible = false,
        }).ToList();
        _probe = new TableModel(ProbeTable, columns) { PrimaryKey = into.PrimaryKey, Collation = into.Collation };
        _from = [.. names.Select(n => into.Columns.ToList().FindIndex(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>
    /// The check for <paramref name="into"/> (the table as the target declares it) when a copy from
    /// <paramref name="source"/> into <paramref name="target"/> may join keys: a primary key, unique constraint or
    /// unique index on plain columns holding a text column; null otherwise.
    /// </summary>
    internal static KeyCollisionCheck? For(Dialects.SqlDialect source, Dialects.SqlDialect target, TableModel table, TableModel into)
    {
        if (source.Engine == target.Engine || !target.TextKeysFollowCollation) return null;
        bool Text(string name) => into.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            is { Type.Kind: PortableType.String or PortableType.Text };
        var keys = new[] { into.PrimaryKey?.Columns }.Concat(into.Uniques.Select(u => u.Columns))
            .Concat(into.Indexes.Where(i => i.Unique && !i.IsSpecial && i.Columns.All(c => c.Name is not null)).Select(i => (IReadOnlyList<string>)[.. i.Columns.Select(c => c.Name!)]))
            .OfType<IReadOnlyList<string>>().Where(k => k.Count > 0 && k.Any(Text) && k.All(n => into.Columns.Any(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase))))
            .DistinctBy(k => string.Join("\u0001", k).ToUpperInvariant()).ToList();
        return keys.Count == 0 ? null : new KeyCollisionCheck(table, into, keys);
    }

    /// <summary>A session on <paramref name="target"/> for the temporary table, set up as data sessions are.</summary>
    internal static async Task<NexuSqlConnection> OpenSessionAsync(NexuSqlDatabase target, CancellationToken ct)
    {
        var session = await target.OpenSessionAsync(ct).ConfigureAwait(false);
        foreach (var sql in target.DataSessionSql) await session.ExecuteRawAsync(sql, ct).ConfigureAwait(false);
        return session;
    }

    /// <summary>
    /// Loads the key values of every row <paramref name="read"/> gives (rows as the target receives them, in the
    /// target table's column order) into the temporary table on <paramref name="session"/>, and refuses the first two
    /// rows whose keys the target takes for one.
    /// </summary>
    /// <exception cref="NexuSqlValueException">Two keys equal under the target's collation; names table, columns and both rows.</exception>
    internal async Task RefuseAsync(NexuSqlConnection session, Func<Action<object?[]>, CancellationToken, Task> read, CancellationToken ct)
    {
        var d = session.Database.Dialect;
        var quoted = d.QuoteIdentifier(ProbeTable);
        await session.ExecuteRawAsync(SchemaScript.CreateTable(_probe with { PrimaryKey = null }, d, inlineForeignKeys: false)
            .Replace("CREATE TABLE", "CREATE TEMPORARY TABLE", StringComparison.Ordinal), ct).ConfigureAwait(false);
        try
        {
            using (var pipe = new RowPipe(5_000, ct))
            {
                pipe.Start((add, token) => read(row =>
                {
                    var key = new object?[_from.Length];
                    for (var i = 0; i < _from.Length; i++) key[i] = row[_from[i]];
                    add(key);
                }, token));
                await pipe.RunAsync(async () =>
                {
                    var n = await session.Database.Provider.BulkLoadAsync(session.DbConnection, null, _probe with { PrimaryKey = null }, pipe.Rows, ct).ConfigureAwait(false);
                    await pipe.Completion.ConfigureAwait(false);
                    return n;
                }).ConfigureAwait(false);
            }
            foreach (var key in _keys)
            {
                var columns = string.Join(", ", key.Select(d.QuoteIdentifier));
                var found = await session.QueryAsync($"SELECT {columns} FROM {quoted} WHERE {string.Join(" AND ", key.Select(k => d.QuoteIdentifier(k) + " IS NOT NULL"))} " +
                    $"GROUP BY {columns} HAVING COUNT(*) > 1 LIMIT 1", cancellationToken: ct).ConfigureAwait(false);
                if (found.Count == 0) continue;
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < key.Count; i++) values["k" + i] = found[0][i];
                var pair = await session.QueryAsync($"SELECT {string.Join(", ", _probe.Columns.Select(c => d.QuoteIdentifier(c.Name)))} FROM {quoted} " +
                    $"WHERE {string.Join(" AND ", key.Select((k, i) => $"{d.QuoteIdentifier(k)} = :k{i}"))} LIMIT 2", values, ct).ConfigureAwait(false);
                var rows = pair.Select(r => TableReader.DescribeKey(_probe, [.. Enumerable.Range(0, _probe.Columns.Count).Select(i => r[i] is DBNull ? null : r[i])])).ToList();
                var which = _table.PrimaryKey is { } pk && key.SequenceEqual(pk.Columns, StringComparer.OrdinalIgnoreCase) ? "primary key" : "unique key";
                var collation = key.Select(k => _probe.Columns.First(c => string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase)))
                    .Where(c => c.Type.Kind is PortableType.String or PortableType.Text).Select(c => c.Collation ?? _probe.Collation).FirstOrDefault();
                throw new NexuSqlValueException(_table.QualifiedName, string.Join(", ", key), rows[0],
                    $"its {which} ({string.Join(", ", key)}) differs from that of row {(rows.Count > 1 ? rows[1] : "?")} in the source, but {d.Engine.DisplayName()} " +
                    $"takes the two for one under the collation it compares the key by ({collation ?? "the target database's default"}): the second row would be refused as a duplicate", d.Engine,
                    advice: $"Create the table in the target with a collation that keeps the keys apart (a binary one) and copy with --data-only, or make the keys distinct at the source.");
            }
        }
        finally
        {
            // the temporary table hides any real one of its name: this drops it
            await session.ExecuteRawAsync($"DROP TABLE {quoted}", CancellationToken.None).ConfigureAwait(false);
        }
    }
}
