namespace NexuSql.MySql;

/// <summary>
/// What changes when the server is a MariaDB Galera cluster node (<c>wsrep_on=ON</c>): <c>GET_LOCK</c> is local to the
/// node, so migrations take the cluster-replicated <see cref="Migrations.LeaseMigrationLock"/>; DDL runs in total order
/// (TOI, the default <c>wsrep_OSU_method</c>) on every node; and a table without a primary key replicates unreliably
/// (rows are found by full scans on the other nodes, and deletes or updates of duplicate rows can diverge).
/// </summary>
internal static class MySqlGalera
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<NexuSqlDatabase, object> ClusterNodes = [];

    /// <summary>
    /// True when this database's sessions replicate through Galera (MariaDB's <c>wsrep_on</c>; MySQL has no such variable
    /// and says false). Asked once per database: a server does not join or leave a cluster under a running job.
    /// </summary>
    public static async Task<bool> IsClusterNodeAsync(NexuSqlDatabase database, CancellationToken ct)
    {
        if (ClusterNodes.TryGetValue(database, out var known)) return (bool)known;
        // SHOW answers on every MySQL and MariaDB, with no row where the variable does not exist
        var row = await database.QueryFirstOrDefaultAsync<Row>("SHOW SESSION VARIABLES LIKE 'wsrep_on'", cancellationToken: ct).ConfigureAwait(false);
        var node = row is not null && string.Equals(Convert.ToString(row[1], System.Globalization.CultureInfo.InvariantCulture), "ON", StringComparison.OrdinalIgnoreCase);
        ClusterNodes.AddOrUpdate(database, node);
        return node;
    }

    /// <summary>
    /// A read the causal wait applies to (bit 1 of <c>wsrep_sync_wait</c>: SELECT, and BEGIN / START TRANSACTION), with
    /// the setting made for this statement only so that a pooled session keeps none: it returns once the node has applied
    /// every write-set the cluster had committed when it began. Node-local state only moves forward, so a snapshot begun
    /// after it on the same session holds all of that.
    /// </summary>
    public const string CatchUpSql = "SET STATEMENT wsrep_sync_wait = 1 FOR SELECT 1";

    /// <summary>
    /// True on a Galera node that will run DDL in total order (TOI) on every node; false where the server is not a
    /// Galera node.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">
    /// The session's <c>wsrep_OSU_method</c> is RSU (or anything but TOI): a migration's DDL would change this node only,
    /// and the cluster's nodes would hold different schemas.
    /// </exception>
    public static async Task<bool> IsMigratableClusterNodeAsync(NexuSqlDatabase database, CancellationToken ct)
    {
        var settings = (await database.QueryAsync<Row>("SHOW SESSION VARIABLES WHERE Variable_name IN ('wsrep_on', 'wsrep_OSU_method')", cancellationToken: ct).ConfigureAwait(false))
            .ToDictionary(r => Convert.ToString(r[0], System.Globalization.CultureInfo.InvariantCulture)!.ToLowerInvariant(),
                r => Convert.ToString(r[1], System.Globalization.CultureInfo.InvariantCulture) ?? "");
        if (!settings.TryGetValue("wsrep_on", out var on) || !on.Equals("ON", StringComparison.OrdinalIgnoreCase)) return false;
        if (settings.TryGetValue("wsrep_osu_method", out var method) && !method.Equals("TOI", StringComparison.OrdinalIgnoreCase))
            throw new NexuSqlRefusedException(
                $"This Galera node runs DDL with wsrep_OSU_method={method}: a migration would change the schema of this node only. " +
                "Migrate with TOI, the default (SET GLOBAL wsrep_OSU_method = 'TOI', or remove the setting for this user).");
        return true;
    }

    /// <summary>
    /// On a Galera node, one warning per base table of the current database that Galera does not replicate (an engine
    /// other than InnoDB: MyISAM, Aria, ...) and per table that has no primary key; none elsewhere.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WarningsAsync(NexuSqlDatabase database, CancellationToken ct)
    {
        if (!await IsClusterNodeAsync(database, ct).ConfigureAwait(false)) return [];
        var tables = await database.QueryAsync<string>(
            "SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' " +
            "AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c WHERE c.table_schema = t.table_schema " +
            "AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY') ORDER BY t.table_name", cancellationToken: ct).ConfigureAwait(false);
        // Galera replicates InnoDB only: MyISAM or Aria rows stay on the node that wrote them
        var engines = await database.QueryAsync(
            "SELECT table_name, engine FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' " +
            "AND engine IS NOT NULL AND engine <> 'InnoDB' ORDER BY table_name", cancellationToken: ct).ConfigureAwait(false);
        return
        [
            .. engines.Select(r =>
                $"Table '{r[0]}' uses the {r[1]} engine, which Galera does not replicate: each node holds its own rows, and a backup, copy or " +
                $"comparison reads this node's only. Convert it: ALTER TABLE `{r[0]}` ENGINE=InnoDB."),
            .. tables.Select(t =>
                $"Table '{t}' has no primary key: in a Galera cluster its rows replicate unreliably (other nodes find them by full scans, " +
                "and updates or deletes of duplicate rows can diverge). Add a primary key."),
        ];
    }
}
