namespace NexuSql.Schema;

/// <summary>Drops every view, table, routine and sequence of a schema, whatever references what.</summary>
public static class SchemaReset
{
    /// <summary>
    /// The statements, in order: views and materialized views (dependents first; PostgreSQL with CASCADE, for views of
    /// schemas not read that read them), tables (PostgreSQL with CASCADE; MySQL and SQLite run them with foreign key
    /// checks off — <see cref="Dialects.SqlDialect.BulkLoadBeginSql"/>; their triggers and policies go with them), then
    /// functions and procedures, sequences, domains, composite and enum types, and collations.
    /// </summary>
    public static IReadOnlyList<string> DropAllSql(SchemaModel schema, Dialects.SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(dialect);
        var statements = new List<string>();
        statements.AddRange(SchemaScript.InDependencyOrder(schema.Views).Reverse().Select(dialect.DropViewForResetSql));
        statements.AddRange(schema.Tables.Select(t => dialect.DropTableSql(t.Name, t.Schema)));
        // triggers and policies go with their tables; routines are dropped after them (a default may call one)
        statements.AddRange((schema.Routines ?? []).Select(dialect.DropRoutineSql));
        statements.AddRange(schema.Sequences.Select(q => $"DROP SEQUENCE {dialect.QuoteName(q.Schema, q.Name)}"));
        // a domain may be over another (CASCADE) or over an enum type (dropped after it)
        statements.AddRange((schema.Domains ?? []).Select(x => $"DROP DOMAIN IF EXISTS {dialect.QuoteName(x.Schema, x.Name)} CASCADE"));
        // composite types may use each other, a domain or an enum type (CASCADE), and collations are used by all of them
        statements.AddRange((schema.Composites ?? []).Select(x => $"DROP TYPE IF EXISTS {dialect.QuoteName(x.Schema, x.Name)} CASCADE"));
        statements.AddRange((schema.Ranges ?? []).Select(x => $"DROP TYPE IF EXISTS {dialect.QuoteName(x.Schema, x.Name)} CASCADE"));
        statements.AddRange((schema.Enums ?? []).Select(e => $"DROP TYPE {dialect.QuoteName(e.Schema, e.Name)}"));
        statements.AddRange((schema.Collations ?? []).Select(x => $"DROP COLLATION IF EXISTS {dialect.QuoteIdentifier(x.Name)}"));
        return statements;
    }

    /// <summary>Runs <see cref="DropAllSql"/> on one connection, with foreign key checks off where the engine needs that.</summary>
    public static async Task DropAllAsync(NexuSqlConnection session, SchemaModel schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var d = session.Database.Dialect;
        foreach (var sql in d.BulkLoadBeginSql) await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var sql in DropAllSql(schema, d)) await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var sql in d.BulkLoadEndSql) await session.ExecuteRawAsync(sql, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Computes every populated materialized view of <paramref name="views"/> again from the tables' rows as they are
    /// now, a view that reads another after it — as pg_dump's MATERIALIZED VIEW DATA entries do after a data-only load:
    /// a data-only copy or reset changes the rows under them. One never populated (<see cref="ViewModel.WithNoData"/>)
    /// stays so.
    /// </summary>
    /// <returns>Each view that could not be refreshed, with the engine's message; it keeps the rows it held.</returns>
    /// <remarks>A lost connection is thrown; any other failure of one view is returned and the others are refreshed.</remarks>
    public static async Task<IReadOnlyList<string>> RefreshMaterializedViewsAsync(NexuSqlConnection session, IReadOnlyList<ViewModel> views, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(views);
        var d = session.Database.Dialect;
        var failed = new List<string>();
        foreach (var v in SchemaScript.InDependencyOrder(views).Where(v => v.Materialized && !v.WithNoData))
        {
            if (d.RefreshMaterializedViewSql(v) is not { } sql) continue;
            try
            {
                await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
            }
            catch (NexuSqlException e) when (e is not NexuSqlConnectionException)
            {
                failed.Add($"{v.QualifiedName} ({e.Message})");
            }
        }
        return failed;
    }

    /// <summary>
    /// Deletes every row of <paramref name="tables"/>, children before parents, in one transaction, with foreign key
    /// checks off where the engine needs that, and resets their identity counters.
    /// </summary>
    public static async Task EmptyTablesAsync(NexuSqlConnection session, IReadOnlyList<TableModel> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tables);
        var d = session.Database.Dialect;
        var ordered = SchemaScript.InDependencyOrder(tables).Reverse().ToList();
        var childrenFirst = ordered.Select(t => t.Name).ToList();
        foreach (var sql in d.BulkLoadBeginSql) await session.ExecuteRawAsync(sql, cancellationToken).ConfigureAwait(false);
        try
        {
            // one transaction: a statement that fails leaves every table as it was, not some of them emptied (break test
            // 24 B31; MySQL's TRUNCATE commits by itself, as it always did)
            await using (var tx = await session.DbConnection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var sql in d.EmptyTablesSql(ordered)) await Backup.BackupRestorer.Raw(session, tx, sql, null, cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            if (d.ForgetIdentityPositionsSql is { } forget && childrenFirst.Count > 0
                && (d.IdentityPositionsPresentSql is not { } present || await session.ExecuteScalarAsync<long>(present, cancellationToken: cancellationToken).ConfigureAwait(false) > 0))
                await session.ExecuteAsync(forget, new { names = childrenFirst }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var sql in d.BulkLoadEndSql) await session.ExecuteRawAsync(sql, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
