namespace NexuSql.Operations;

/// <summary>One table's statistics.</summary>
/// <param name="Table">The table.</param>
/// <param name="Rows">Exact row count (COUNT(*)).</param>
/// <param name="DataBytes">Size of the table's data on disk; null where the engine does not tell.</param>
/// <param name="IndexBytes">Size of its indexes on disk; null where the engine does not tell.</param>
/// <param name="Indexes">Number of indexes (including the primary key's).</param>
public sealed record TableStats(string Table, long Rows, long? DataBytes, long? IndexBytes, int Indexes);

/// <summary>A database's statistics.</summary>
/// <param name="Tables">Per table, by name; tables of other schemas (PostgreSQL) as <c>schema.table</c>, after the current schema's.</param>
/// <param name="TotalBytes">The whole database on disk, when the engine tells.</param>
public sealed record DatabaseStatsReport(IReadOnlyList<TableStats> Tables, long? TotalBytes)
{
    /// <summary>Rows in all tables.</summary>
    public long Rows => Tables.Sum(t => t.Rows);

    /// <summary>
    /// Schemas that hold tables but could not be read: a database opened from a connection string rather than a URL
    /// cannot be opened in another schema. Empty when every schema was read.
    /// </summary>
    public IReadOnlyList<string> SchemasNotRead { get; init; } = [];
}

/// <summary>Per-table rows, size on disk, index count and size (<see cref="Dialects.SqlDialect.TableStatsSql"/>).</summary>
public static class DatabaseStats
{
    /// <summary>
    /// Reads the statistics of every table: the current schema's, then (PostgreSQL) every other schema's that holds
    /// tables, as pg_dump would take them; row counts are exact (one COUNT(*) per table).
    /// </summary>
    public static async Task<DatabaseStatsReport> ReadAsync(NexuSqlDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var tables = await ReadSchemaAsync(database, "", cancellationToken).ConfigureAwait(false);
        var notRead = new List<string>();
        foreach (var schema in await database.Provider.OtherSchemasAsync(database, cancellationToken).ConfigureAwait(false))
        {
            await using var other = database.OpenInSchema(schema);
            if (other is null) notRead.Add(schema);
            else tables.AddRange(await ReadSchemaAsync(other, schema + ".", cancellationToken).ConfigureAwait(false));
        }
        var d = database.Dialect;
        var total = d.DatabaseSizeSql is { } sql ? await database.ExecuteScalarAsync<long?>(sql, cancellationToken: cancellationToken).ConfigureAwait(false) : null;
        return new DatabaseStatsReport(tables, total) { SchemasNotRead = notRead };
    }

    private static async Task<List<TableStats>> ReadSchemaAsync(NexuSqlDatabase database, string prefix, CancellationToken cancellationToken)
    {
        var d = database.Dialect;
        var tables = new List<TableStats>();
        foreach (var row in (await database.QueryAsync(d.TableStatsSql, cancellationToken: cancellationToken).ConfigureAwait(false)).OrderBy(r => r.Get<string>("table_name"), StringComparer.Ordinal))
        {
            var name = row.Get<string>("table_name");
            var count = await database.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {d.QuoteIdentifier(name)}", cancellationToken: cancellationToken).ConfigureAwait(false);
            tables.Add(new TableStats(prefix + name, count, row.Get<long?>("data_bytes"), row.Get<long?>("index_bytes"), (int)(row.Get<long?>("index_count") ?? 0)));
        }
        return tables;
    }
}
