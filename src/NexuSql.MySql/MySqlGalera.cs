namespace NexuSql.MySql;

/// <summary>
/// What changes when the server is a MariaDB Galera cluster node (<c>wsrep_on=ON</c>): <c>GET_LOCK</c> is local to the
/// node, so migrations take the cluster-replicated <see cref="Migrations.LeaseMigrationLock"/>; DDL runs in total order
/// (TOI, the default <c>wsrep_OSU_method</c>) on every node; and a table without a primary key replicates unreliably
/// (rows are found by full scans on the other nodes, and deletes or updates of duplicate rows can diverge).
/// </summary>
internal static class MySqlGalera
{
    /// <summary>True when this session replicates through Galera (MariaDB's <c>wsrep_on</c>; MySQL has no such variable and says false).</summary>
    public static async Task<bool> IsClusterNodeAsync(NexuSqlDatabase database, CancellationToken ct)
    {
        // SHOW answers on every MySQL and MariaDB, with no row where the variable does not exist
        var row = await database.QueryFirstOrDefaultAsync<Row>("SHOW SESSION VARIABLES LIKE 'wsrep_on'", cancellationToken: ct).ConfigureAwait(false);
        return row is not null && string.Equals(Convert.ToString(row[1], System.Globalization.CultureInfo.InvariantCulture), "ON", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>One warning per base table of the current database that has no primary key, when the server is a Galera node.</summary>
    public static async Task<IReadOnlyList<string>> WarningsAsync(NexuSqlDatabase database, CancellationToken ct)
    {
        if (!await IsClusterNodeAsync(database, ct).ConfigureAwait(false)) return [];
        var tables = await database.QueryAsync<string>(
            "SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' " +
            "AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c WHERE c.table_schema = t.table_schema " +
            "AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY') ORDER BY t.table_name", cancellationToken: ct).ConfigureAwait(false);
        return [.. tables.Select(t =>
            $"Table '{t}' has no primary key: in a Galera cluster its rows replicate unreliably (other nodes find them by full scans, " +
            "and updates or deletes of duplicate rows can diverge). Add a primary key.")];
    }
}
