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
    /// <exception cref="NexuSqlRefusedException">The database takes no writes (a hot standby, read-only sessions): nothing dropped.</exception>
    public static async Task DropAllAsync(NexuSqlConnection session, SchemaModel schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await Backup.RoutineTransfer.RefuseReadOnlyAsync(session.Database, cancellationToken).ConfigureAwait(false);
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
    /// <exception cref="NexuSqlRefusedException">The database takes no writes (a hot standby, read-only sessions; bt42: a raw 25006 from TRUNCATE): nothing emptied.</exception>
    public static async Task EmptyTablesAsync(NexuSqlConnection session, IReadOnlyList<TableModel> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tables);
        await Backup.RoutineTransfer.RefuseReadOnlyAsync(session.Database, cancellationToken).ConfigureAwait(false);
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
                // no user trigger fires while the tables are emptied (bt42 N8: a SQLite DELETE trigger that wrote into a
                // log table left it holding rows after "Emptied"): switched off where the engine can (PostgreSQL's
                // TRUNCATE triggers), otherwise dropped and created again from their own statements, in this transaction
                var switchedOff = new List<(string Relation, string Trigger, string State)>();
                var dropped = new List<(TriggerModel Trigger, string Sql)>();
                foreach (var t in ordered)
                {
                    switchedOff.AddRange(await Backup.WritableColumns.FiringTriggersAsync(session, tx, t, cancellationToken).ConfigureAwait(false));
                    if (d.TriggersDroppedForEmptyingSql(t) is { } triggers)
                        foreach (var row in await ReadAsync(session, tx, triggers, cancellationToken).ConfigureAwait(false))
                            dropped.Add((new TriggerModel(row[0]!, t.Name, row[1]!) { Schema = t.Schema }, row[1]!));
                }
                foreach (var (relation, trigger, _) in switchedOff)
                    await Backup.BackupRestorer.Raw(session, tx, d.SetTriggerStateSql(relation, trigger, null), null, cancellationToken).ConfigureAwait(false);
                foreach (var (trigger, _) in dropped)
                    await Backup.BackupRestorer.Raw(session, tx, d.DropTriggerSql(trigger), null, cancellationToken).ConfigureAwait(false);
                foreach (var sql in d.EmptyTablesSql(ordered)) await Backup.BackupRestorer.Raw(session, tx, sql, null, cancellationToken).ConfigureAwait(false);
                foreach (var (_, sql) in dropped) await Backup.BackupRestorer.Raw(session, tx, sql, null, cancellationToken).ConfigureAwait(false);
                foreach (var (relation, trigger, state) in switchedOff)
                    await Backup.BackupRestorer.Raw(session, tx, d.SetTriggerStateSql(relation, trigger, state), null, cancellationToken).ConfigureAwait(false);
                // what is reported emptied is empty: anything else that wrote rows meanwhile (a rule, a trigger the
                // engine fires anyway) is a failure that names the table, not an "Emptied" over rows
                foreach (var t in ordered.Where(t => d.LoadsRowsOf(t) && d.CarriesRowsOf(t)))
                {
                    var rows = await ReadAsync(session, tx, $"SELECT COUNT(*) FROM {d.QuoteName(t.Schema, t.Name)}", cancellationToken).ConfigureAwait(false);
                    if (rows.Count > 0 && rows[0][0] is { } n && n != "0")
                        throw new NexuSqlException($"Table {t.QualifiedName} still holds {n} row(s) after it was emptied: something that runs on the emptying " +
                            $"(a trigger or rule) wrote them. {(d.Capabilities.TransactionalDdl ? "Nothing was emptied (rolled back)" : "Some tables were emptied")}; " +
                            "find what writes into it and empty the tables again.", d.Engine);
                }
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

    /// <summary>The rows of <paramref name="sql"/>, each value as text (null as null), read in <paramref name="tx"/>.</summary>
    private static async Task<List<string?[]>> ReadAsync(NexuSqlConnection session, System.Data.Common.DbTransaction tx, string sql, CancellationToken ct)
    {
        var rows = new List<string?[]>();
        await session.TranslatingAsync(async () =>
        {
            await using var command = session.DbConnection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var row = new string?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                    row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                rows.Add(row);
            }
            return 0;
        }).ConfigureAwait(false);
        return rows;
    }
}
