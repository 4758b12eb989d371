using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

[assembly: NexuSql.NexuSqlProvider(typeof(NexuSql.MySql.MySqlProvider))]

namespace NexuSql.MySql;

/// <summary>
/// MySQL and MariaDB through any ADO.NET driver: the one given to the constructor, else MySqlConnector, else
/// MySql.Data, whichever the application references. Errors are translated from the server's error number, read
/// from the driver's exception without referencing its type.
/// </summary>
public sealed partial class MySqlProvider : DriverAgnosticProvider
{
    private static readonly string[] KnownFactories =
    [
        "MySqlConnector.MySqlConnectorFactory, MySqlConnector",
        "MySql.Data.MySqlClient.MySqlClientFactory, MySql.Data",
    ];

    private const string MissingDriver =
        "No MySQL ADO.NET driver was found. Reference MySqlConnector (or MySql.Data), or register " +
        "new MySqlProvider(factory) with NexuSqlProviders.Register.";

    /// <summary>Uses MySqlConnector or MySql.Data, whichever is loadable (in that order).</summary>
    public MySqlProvider() : base(KnownFactories, MissingDriver) { }

    /// <summary>Uses the given driver factory (for example <c>MySqlConnectorFactory.Instance</c>).</summary>
    public MySqlProvider(DbProviderFactory factory) : base(KnownFactories, MissingDriver) => UseFactory(factory);

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.MySql;

    private static readonly Dictionary<string, string> OptionAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SslMode",
        ["ssl_mode"] = "SslMode",
        ["connect_timeout"] = "Connection Timeout",
        ["charset"] = "CharSet",
        ["application_name"] = "Application Name",
    };

    /// <inheritdoc/>
    public override DbDataSource CreateDataSource(DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var builder = NewConnectionStringBuilder();
        var host = url.Host ?? new DatabaseHost("localhost", null);
        builder["Server"] = Servers(url);
        builder["Port"] = (host.Port ?? 3306).ToString(CultureInfo.InvariantCulture);
        // several nodes (a Galera cluster): the first that answers, not round robin, so that a job reads its own
        // writes on the node it wrote them to
        if (url.Hosts.Count > 1 && Factory.GetType().FullName == MySqlDriver.MySqlConnectorFactory) builder["Load Balance"] = "FailOver";
        if (url.Database is not null) builder["Database"] = url.Database;
        if (url.UserName is not null) builder["User ID"] = url.UserName;
        if (url.Password is not null) builder["Password"] = url.Password;
        // ":name" becomes "@pN"; MySQL's own @variables must then pass through untouched.
        builder["Allow User Variables"] = "true";
        // 4-byte Unicode (emoji, rare CJK) survives only with utf8mb4 on the connection.
        builder["CharSet"] = "utf8mb4";
        var sslGiven = url.Options.Keys.Any(k => OptionAliases.TryGetValue(k, out var a) && a == "SslMode");
        if (!sslGiven && IsLoopback(host.ConnectName)) builder["SslMode"] = "Disabled";
        // values as stored (issue 11); a URL option that would change values is refused, one that does not may still change them
        foreach (var (key, value) in MySqlDriver.ReadAsStoredOptions(Factory)) builder[key] = value;
        RefuseValueChangingOptions(url);
        // (the protocol too: under protocol=unix or pipe the URL's host is a socket file or a pipe's name, bt41 F11: a raw
        // "Cannot find Unix Socket at 127.0.0.1" as an internal error)
        UrlOptions.ApplyTo(builder, url, OptionAliases, ["Server", "Port", "Database", "User ID", "Password", "Connection Protocol"]);
        AdaptDateTimes();
        return Factory.CreateDataSource(builder.ConnectionString);
    }

    /// <summary>
    /// Refuses a URL option that makes the driver change values as it reads or writes them
    /// (<see cref="MySqlDriver.ValueKeepingOptions"/>): each option is tried alone on a builder holding NexuSQL's values,
    /// so a synonym (<c>TreatTinyAsBoolean</c>, <c>treat_tiny_as_boolean</c>) is caught and the value NexuSQL uses anyway
    /// (<c>treat_tiny_as_boolean=false</c>) is accepted.
    /// </summary>
    /// <exception cref="ArgumentException">An option changes values; the message names it, says what it does and to remove it.</exception>
    private void RefuseValueChangingOptions(DatabaseUrl url)
    {
        var kept = MySqlDriver.ValueKeepingOptions(Factory);
        if (kept.Count == 0) return;
        foreach (var (key, value) in url.Options)
        {
            var probe = NewConnectionStringBuilder();
            foreach (var option in kept) probe[option.Key] = option.Value;
            try
            {
                probe[OptionAliases.TryGetValue(key, out var alias) ? alias : key.Replace('_', ' ')] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                continue; // UrlOptions.ApplyTo names an option the driver does not understand
            }
            foreach (var option in kept)
                if (!string.Equals(Convert.ToString(probe[option.Key], CultureInfo.InvariantCulture), option.Value, StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException(
                        $"The {Engine.DisplayName()} URL option {key}={value} makes the driver change values as it reads or writes them: {option.Harm}. " +
                        "Copies, backups and verify would then carry and compare the changed values, and could not see it. NexuSQL reads and writes " +
                        $"every value as stored ({option.Key}={option.Value}): remove {key} from the URL.", nameof(url));
        }
    }

    /// <summary>
    /// The URL's hosts as the driver's <c>Server</c> list (<c>mysql://u@node1,node2,node3/db</c>). The drivers take one
    /// port for every host, so hosts with different ports are refused.
    /// </summary>
    /// <exception cref="ArgumentException">The hosts name different ports.</exception>
    private static string Servers(DatabaseUrl url)
    {
        if (url.Hosts.Count <= 1) return (url.Host ?? new DatabaseHost("localhost", null)).ConnectName;
        if (url.Hosts.Select(h => h.Port ?? 3306).Distinct().Count() > 1)
            throw new ArgumentException(
                $"The URL lists {url.Hosts.Count} hosts on different ports ({string.Join(", ", url.Hosts)}): the MySQL drivers take one port for " +
                "every host. Put the nodes on one port, or give one node per URL.", nameof(url));
        return string.Join(",", url.Hosts.Select(h => h.ConnectName));
    }

    /// <inheritdoc/>
    /// <remarks>The connection string is used as given: the options a URL gets (see <see cref="CreateDataSource(DatabaseUrl)"/>) are not added.</remarks>
    public override DbDataSource CreateDataSource(string connectionString)
    {
        AdaptDateTimes();
        return base.CreateDataSource(connectionString);
    }

    private void AdaptDateTimes()
    {
        if (MySqlDriver.DateTimeAdapter(Factory) is { } adapter) AdaptDriverValues(adapter.Type, adapter.Adapt);
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    /// <inheritdoc/>
    public override NexuSqlException TranslateException(DbException exception)
    {
        var number = ReadErrorNumber(exception);
        var code = number?.ToString(CultureInfo.InvariantCulture);
        var message = Describe(exception, code);
        var text = exception.Message;
        return number switch
        {
            1062 or 1586 => new NexuSqlConstraintException(ConstraintKind.Unique, message, Engine, code, exception,
                constraintName: Match(KeyName(), text)),
            1451 or 1452 or 1216 or 1217 => new NexuSqlConstraintException(ConstraintKind.ForeignKey, message, Engine, code, exception,
                constraintName: Match(ConstraintName(), text)),
            1048 or 1364 => new NexuSqlConstraintException(ConstraintKind.NotNull, message, Engine, code, exception,
                columnName: Match(ColumnName(), text)),
            3819 or 4025 => new NexuSqlConstraintException(ConstraintKind.Check, message, Engine, code, exception,
                constraintName: Match(ConstraintName(), text)),
            1213 or 1205 => new NexuSqlTransientException(message, Engine, code, exception),
            1153 or 1390 => new NexuSqlLimitException(message + (number == 1153
                ? " The statement is bigger than the server's max_allowed_packet: send fewer or smaller values per statement, or raise max_allowed_packet."
                : " A prepared statement takes at most 65,535 placeholders: send fewer values per statement."), Engine, code, exception),
            1146 or 1054 => new NexuSqlUndefinedObjectException(message, QuotedName(text, '\''), Engine, code, exception),
            // "FUNCTION shop.nope does not exist" / "PROCEDURE shop.p does not exist": no quotes around the name
            1305 => new NexuSqlUndefinedObjectException(message, Match(RoutineName(), text) ?? QuotedName(text, '\''), Engine, code, exception),
            1064 or 1149 => new NexuSqlSyntaxException(message, Engine, code, exception),
            // ER_DISK_FULL; ER_RECORD_FILE_FULL ("The table 't' is full": InnoDB cannot grow its tablespace file, or a
            // MEMORY table is at max_heap_table_size); ER_ERROR_ON_WRITE with errno 28, ENOSPC (bt29 M13)
            1021 or 1114 => new NexuSqlStorageFullException(message + " The server's disk is full, or the table reached its size limit (InnoDB's " +
                "innodb_data_file_path maximum, a MEMORY table's max_heap_table_size): the statement was rolled back. Free space on the database " +
                "server or raise the limit, then run it again.", Engine, code, exception),
            1026 or 3 when text.Contains("errno: 28", StringComparison.Ordinal)
                => new NexuSqlStorageFullException(message + " The server's disk is full: the statement was rolled back. Free space on the " +
                    "database server, then run it again.", Engine, code, exception),
            1317 or 3024 or 1969 => new NexuSqlTimeoutException(message, Engine, code, exception),
            1045 or 1044 or 1698 => new NexuSqlConnectionException(message, Engine, code, exception, isTransient: false),
            // the URL names a database the server does not have: running the command again cannot help (bt38 L1; as PostgreSQL's 3D000)
            1049 => new NexuSqlConnectionException(message + ". Create it first (CREATE DATABASE), or check the database name in the URL.", Engine, code, exception, isTransient: false),
            1042 => new NexuSqlConnectionException(message + " Check that the server is running and that the URL's host and port are right.", Engine, code, exception),
            // a Galera node that is not Synced (desynced by FLUSH TABLES WITH READ LOCK or a backup, joining, or cut off)
            1047 when text.Contains("TOI", StringComparison.Ordinal) || text.Contains("WSREP", StringComparison.OrdinalIgnoreCase)
                => new NexuSqlConnectionException(message + " This Galera node does not take schema changes or writes now: it is desynced (FLUSH TABLES " +
                    "WITH READ LOCK, a backup tool), joining, or cut off from the cluster. Run again once it is Synced (SHOW STATUS LIKE " +
                    "'wsrep_local_state_comment'), or use another node.", Engine, code, exception),
            1040 or 1043 or 1047 or 1053 or 1077 or 2002 or 2003
                => new NexuSqlConnectionException(message, Engine, code, exception),
            // killed, gone away, lost during a query, lost while reading the handshake
            1927 or 2006 or 2013 or 2055 => new NexuSqlConnectionException(message + Lost, Engine, code, exception),
            _ when exception.InnerException is TimeoutException || text.Contains("Timeout expired", StringComparison.OrdinalIgnoreCase)
                => new NexuSqlTimeoutException(message, Engine, code, exception),
            _ when exception.InnerException is System.Net.Sockets.SocketException or IOException
                => new NexuSqlConnectionException(message + Lost, Engine, code, exception),
            _ => new NexuSqlException(message, Engine, code, exception, exception.IsTransient),
        };
    }

    private const string Lost = " The connection to the server was lost.";

    private static string? Match(Regex regex, string text)
    {
        var m = regex.Match(text);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"for key '([^']+)'")]
    private static partial Regex KeyName();

    [GeneratedRegex(@"CONSTRAINT `([^`]+)`")]
    private static partial Regex ConstraintName();

    [GeneratedRegex(@"^(?:FUNCTION|PROCEDURE) (\S+) does not exist")]
    private static partial Regex RoutineName();

    [GeneratedRegex(@"Column '([^']+)'")]
    private static partial Regex ColumnName();

    /// <inheritdoc/>
    /// <remarks>
    /// Read from SHOW GRANTS (<see cref="MySqlGrants"/>: global and database grants, a database grant's name being a LIKE
    /// pattern; on MariaDB the active role's too).
    /// </remarks>
    internal override async Task<(IReadOnlyDictionary<string, string> Privileges, string Grant)?> MissingCreatePrivilegesAsync(NexuSqlDatabase database,
        IReadOnlyList<string> kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return await database.InCatalogSessionAsync<(IReadOnlyDictionary<string, string>, string)?>(async session =>
        {
            // SHOW GRANTS: the active role's grants too (MySqlGrants)
            var grants = await MySqlGrants.ReadAsync(session, cancellationToken).ConfigureAwait(false);
            if (await session.ExecuteScalarAsync<string>("SELECT DATABASE()", cancellationToken: cancellationToken).ConfigureAwait(false) is not { } db) return null;
            var missing = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var kind in kinds)
                if (kind switch { "table" => "CREATE", "view" => "CREATE VIEW", "function" or "procedure" => "CREATE ROUTINE", "trigger" => "TRIGGER", _ => null } is { } needed
                    && !grants.HoldsDatabaseWide(needed, db))
                    missing[kind] = needed;
            return missing.Count == 0 ? null
                : (missing, $"GRANT {string.Join(", ", missing.Values.Distinct(StringComparer.Ordinal))} ON {Dialect.QuoteIdentifier(db)}.* TO {grants.Account}");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// InnoDB tables without a row format of their own get <c>row_format=DYNAMIC</c> when the server's
    /// <c>innodb_default_row_format</c> is COMPACT or REDUNDANT (bt35 M3: a PostgreSQL text key mapped to VARCHAR(768)
    /// failed with a raw 1709 "Index column size too large" after the target was marked). DYNAMIC stores the rows alike and
    /// indexes up to 3072 bytes of a key, as the default row format has since MariaDB 10.2 and MySQL 5.7.
    /// </remarks>
    internal override async Task<Schema.SchemaModel> ForServerDefaultsAsync(NexuSqlDatabase database, Schema.SchemaModel schema, List<string> warnings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(warnings);
        string? format;
        try
        {
            format = await database.ExecuteScalarAsync<string>("SELECT @@innodb_default_row_format", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NexuSqlException e) when (e is not NexuSqlConnectionException)
        {
            return schema; // a server without the variable (before MariaDB 10.2, MySQL 5.7): nothing to say
        }
        if (format is null || !(format.Equals("compact", StringComparison.OrdinalIgnoreCase) || format.Equals("redundant", StringComparison.OrdinalIgnoreCase))) return schema;
        var changed = new List<string>();
        var tables = schema.Tables.Select(t =>
        {
            if (t.StorageEngine is not null || t.CreateOptions?.Contains("row_format=", StringComparison.OrdinalIgnoreCase) == true) return t;
            changed.Add(t.QualifiedName);
            return t with { CreateOptions = t.CreateOptions is { } other ? other + " row_format=DYNAMIC" : "row_format=DYNAMIC" };
        }).ToList();
        if (changed.Count == 0) return schema;
        warnings.Add($"target: tables created with ROW_FORMAT=DYNAMIC ({string.Join(", ", changed.Take(10))}{(changed.Count > 10 ? $" and {changed.Count - 10} more" : "")}): " +
            $"the server's innodb_default_row_format is {format.ToUpperInvariant()}, which indexes at most 767 bytes of a key; verify names the option as a difference.");
        return schema with { Tables = tables };
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <c>foreign_key_checks</c> (or MariaDB's <c>check_constraint_checks</c>) off for new sessions: <c>SET GLOBAL</c> or the
    /// server's configuration (MariaDB manual, "Server System Variables").
    /// </remarks>
    internal override async Task<string?> UncheckedWritesReasonAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var row = (await database.QueryAsync("SELECT @@SESSION.foreign_key_checks AS fk /*M!100201 , @@SESSION.check_constraint_checks AS ck */",
            cancellationToken: cancellationToken).ConfigureAwait(false)).Single();
        static bool Off(object? value) => value is not null and not DBNull && Convert.ToInt64(value, CultureInfo.InvariantCulture) == 0;
        var off = new[] { Off(row["fk"]) ? "foreign_key_checks" : null, row.ColumnNames.Contains("ck") && Off(row["ck"]) ? "check_constraint_checks" : null }.OfType<string>().ToList();
        return off.Count == 0 ? null
            : $"its sessions begin with {string.Join(" and ", off.Select(v => v + " = 0"))} (SET GLOBAL, or the server's configuration), under which the server " +
              $"does not check {(off.Count == 2 ? "foreign keys and checks" : off[0] == "foreign_key_checks" ? "foreign keys" : "checks")}, so rows breaking them would be written and none rejected. " +
              $"Turn {(off.Count == 2 ? "them" : "it")} on ({string.Join(", ", off.Select(v => $"SET GLOBAL {v} = 1"))}) and run again.";
    }

    /// <inheritdoc/>
    public override bool SupportsSchemaReading => true;

    /// <summary>
    /// Collations by name in <c>information_schema.COLLATIONS</c>, regardless of case (bt45 M4: a SQLite dump's
    /// <c>COLLATE NOCASE</c> column applied here failed with error 1273 after the tables before it were created).
    /// </summary>
    public override async Task<IReadOnlySet<string>> UndefinedCollationsAsync(NexuSqlDatabase database, IReadOnlyList<string> collations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(collations);
        var known = (await database.QueryAsync<string>("SELECT collation_name FROM information_schema.collations", cancellationToken: cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return collations.Where(c => !known.Contains(c)).ToHashSet(StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// On one session under the dialect's <see cref="Dialects.SqlDialect.CatalogSessionSql"/> (a known sql_mode). What
    /// the account may not see (MariaDB hides it from information_schema without an error) is named in
    /// <see cref="Schema.SchemaModel.LeftOut"/>: triggers without the TRIGGER privilege, routines not its own, tables
    /// outside its table-level grants; a table it may select some columns of and a view it may not read are
    /// unreadable (backup and copy refuse by them).
    /// </remarks>
    public override Task<Schema.SchemaModel> ReadSchemaAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.InCatalogSessionAsync(async session =>
        {
            var grants = await MySqlGrants.ReadAsync(session, cancellationToken).ConfigureAwait(false);
            return await MySqlRoutineReader.AddToAsync(session, await MySqlSchemaReader.ReadAsync(session, grants, cancellationToken).ConfigureAwait(false), grants, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public override bool SupportsMigrationLock => true;

    /// <inheritdoc/>
    /// <remarks>
    /// A MariaDB Galera node (<c>wsrep_on=ON</c>) takes the cluster-replicated <see cref="Migrations.LeaseMigrationLock"/>:
    /// <c>GET_LOCK</c> is local to one node. A node set to run DDL with <c>wsrep_OSU_method=RSU</c> is refused
    /// (<see cref="NexuSqlRefusedException"/>): the migration would change that node's schema only.
    /// </remarks>
    public override Task<IAsyncDisposable> AcquireMigrationLockAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken cancellationToken) =>
        AcquireMigrationLockAsync(database, scope, [], timeout, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Off a Galera node, the migrator holds a slot of each database of <paramref name="schemas"/> (else of the URL's):
    /// a migrate connected to <c>app</c> with <c>--schemas app_h</c> writes into <c>app_h</c>, and a backup or copy of
    /// <c>app_h</c> waits for it (bt39 H7).
    /// </remarks>
    public override async Task<IAsyncDisposable> AcquireMigrationLockAsync(NexuSqlDatabase database, string scope, IReadOnlyList<string> schemas, TimeSpan timeout, CancellationToken cancellationToken) =>
        await MySqlGalera.IsMigratableClusterNodeAsync(database, cancellationToken).ConfigureAwait(false)
            ? await Migrations.LeaseMigrationLock.AcquireAsync(database, scope, timeout, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await MySqlMigrationLock.AcquireAsync(database, scope, schemas ?? [], timeout, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>
    /// MariaDB and MySQL commit each DDL statement on its own, so a snapshot taken while a migration runs holds it
    /// half-applied (its history row still failed: bt36 M2). <c>GET_LOCK</c> on the migration lock's name (no privilege
    /// needed) on the database's migration slots, which every migrator holds one of whatever its history table (bt38 H2),
    /// held until the snapshot began. A Galera node's lease lock is written to a table: there, the wait is for the lease
    /// of <paramref name="scope"/> to be free, read only.
    /// </remarks>
    public override async Task<IAsyncDisposable?> HoldMigrationsAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // a node set to wsrep_OSU_method=RSU refuses migrations, not backups: only whether it is a cluster node is asked
        if (!await MySqlGalera.IsClusterNodeAsync(database, cancellationToken).ConfigureAwait(false))
            return await MySqlMigrationLock.HoldAsync(database, scope, timeout, cancellationToken).ConfigureAwait(false);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await Migrations.LeaseMigrationLock.HolderAsync(database, scope, cancellationToken).ConfigureAwait(false) is { } holder)
        {
            if (clock.Elapsed >= timeout)
                throw new NexuSqlTimeoutException($"A migrator holds the migration lock ({holder}).", Engine);
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
        return null;
    }

    /// <inheritdoc/>
    public override async Task<string?> RunningMigratorAsync(NexuSqlDatabase database, string scope, CancellationToken cancellationToken) =>
        await MySqlGalera.IsClusterNodeAsync(database, cancellationToken).ConfigureAwait(false)
            ? await Migrations.LeaseMigrationLock.HolderAsync(database, scope, cancellationToken).ConfigureAwait(false)
            : await MySqlMigrationLock.AnyHolderAsync(database, scope, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public override async Task<string?> MigrationLockHolderAsync(NexuSqlDatabase database, string scope, CancellationToken cancellationToken) =>
        await MySqlGalera.IsMigratableClusterNodeAsync(database, cancellationToken).ConfigureAwait(false)
            ? await Migrations.LeaseMigrationLock.HolderAsync(database, scope, cancellationToken).ConfigureAwait(false)
            : await MySqlMigrationLock.HolderAsync(database, scope, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>
    /// On a Galera node: one read with causal waiting (<c>SET STATEMENT wsrep_sync_wait = 1 FOR SELECT 1</c>), which
    /// returns once this node has applied everything the cluster had committed when the read began; a snapshot any
    /// session of this node begins afterwards holds all of it. The read runs on a new connection of its own (pooling off),
    /// never a pooled one: MariaDB skips the causal wait on a connection reset by <c>COM_RESET_CONNECTION</c> or
    /// <c>COM_CHANGE_USER</c> (the reset clears the server's client-thread flag; Galera issue 613, fixed in Percona XtraDB
    /// Cluster as PXC-4003), which MySqlConnector sends whenever it reuses a pooled connection. The setting lasts for that
    /// one statement only.
    /// </remarks>
    /// <exception cref="NexuSqlTimeoutException">
    /// The node did not catch up within the provider's <c>repl.causal_read_timeout</c> (30 s by default): it is desynced
    /// (a <c>FLUSH TABLES WITH READ LOCK</c>, a backup tool, a donor) or far behind. The message names the node and its state.
    /// </exception>
    public override async Task CatchUpAsync(NexuSqlConnection session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var database = session.Database;
        if (!await MySqlGalera.IsClusterNodeAsync(database, cancellationToken).ConfigureAwait(false)) return;
        var builder = NewConnectionStringBuilder();
        builder.ConnectionString = database.DataSource.ConnectionString;
        builder["Pooling"] = "false";
        await using var fresh = Factory.CreateConnection() ?? throw new InvalidOperationException($"{Factory.GetType().FullName} created no connection.");
        fresh.ConnectionString = builder.ConnectionString;
        try
        {
            await fresh.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = fresh.CreateCommand();
            command.CommandText = MySqlGalera.CatchUpSql;
            command.CommandTimeout = 0; // the provider's causal_read_timeout ends the wait
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (ReadErrorNumber(e) == 1205)
        {
            var state = await database.QueryFirstOrDefaultAsync<Row>("SHOW STATUS LIKE 'wsrep_local_state_comment'", cancellationToken: cancellationToken).ConfigureAwait(false);
            throw new NexuSqlTimeoutException(
                $"The Galera node {NodeName(builder)} did not catch up with the cluster " +
                $"within its causal read timeout (repl.causal_read_timeout; its state: {state?[1] ?? "unknown"}): it is desynced (FLUSH TABLES WITH READ LOCK, " +
                "a backup tool, a state transfer) or far behind, so what it holds now may be stale. Run again once it is Synced, or use another node.",
                Engine, "1205", e);
        }
        catch (DbException e) when (e is not NexuSqlException)
        {
            throw TranslateException(e);
        }
    }

    /// <summary><c>host:port</c> of a connection string's first server, for messages (never the password).</summary>
    private static string NodeName(DbConnectionStringBuilder builder) =>
        $"{Convert.ToString(builder["Server"], CultureInfo.InvariantCulture)?.Split(',')[0]}:{(builder.TryGetValue("Port", out var port) ? port : 3306)}";

    /// <inheritdoc/>
    /// <remarks>
    /// The server's host name, port and data directory with the current database; on a Galera node the cluster's state
    /// UUID instead of the node (every node holds the same databases: a copy from one node into another is a copy into
    /// itself).
    /// </remarks>
    public override async Task<string?> DatabaseIdentityAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var server = await MySqlGalera.IsClusterNodeAsync(database, cancellationToken).ConfigureAwait(false)
            ? "galera:" + (await database.QueryFirstOrDefaultAsync<Row>("SHOW GLOBAL STATUS LIKE 'wsrep_cluster_state_uuid'", cancellationToken: cancellationToken).ConfigureAwait(false))?[1]
            : await database.ExecuteScalarAsync<string>("SELECT CONCAT_WS('|', @@hostname, @@port, @@datadir)", cancellationToken: cancellationToken).ConfigureAwait(false);
        return server + "|" + await database.ExecuteScalarAsync<string>("SELECT DATABASE()", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks><c>information_schema.TABLES.TABLE_ROWS</c> of the current database's base tables (InnoDB's sampled estimate).</remarks>
    public override async Task<IReadOnlyDictionary<string, long>> EstimateRowCountsAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var rows = await database.QueryAsync<Row>(
            "SELECT TABLE_NAME, CAST(TABLE_ROWS AS SIGNED) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return rows.Where(r => r[1] is not null).GroupBy(r => r.Get<string>(0), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Get<long>(1), StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    /// <remarks>On a Galera node: each table of the current database without a primary key.</remarks>
    public override Task<IReadOnlyList<string>> TopologyWarningsAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        MySqlGalera.WarningsAsync(database, cancellationToken);

    /// <summary>
    /// MySqlConnector's <c>MySqlBulkCopy</c> (LOAD DATA LOCAL from a stream) where the connection and server allow it;
    /// otherwise, and for tables with engine-native columns, parameterised multi-row INSERTs (the fallback is reported
    /// once per process through <see cref="System.Diagnostics.Trace"/>).
    /// </summary>
    /// <remarks>
    /// A table with DATE or DATETIME columns loads under sql_mode ALLOW_INVALID_DATES (added to the session's mode for
    /// the load only): a '2020-02-30' read from MySQL arrives as itself instead of failing under a strict mode or turning
    /// into '0000-00-00' under a lax one. Values from other engines are valid dates, which the mode does not change;
    /// routines and triggers, which keep the sql_mode they were created in, are never created under it. A table with an
    /// AUTO_INCREMENT column loads under NO_AUTO_VALUE_ON_ZERO as well: a row whose id is 0 (made under that mode) keeps
    /// 0 instead of taking the next id ("Duplicate entry '1'").
    /// </remarks>
    public override async Task<long> BulkLoadAsync(DbConnection connection, DbTransaction? transaction, Schema.TableModel table,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        string[] modes =
        [
            .. table.Columns.Any(c => c.Type.Kind is Schema.PortableType.Date or Schema.PortableType.Timestamp) ? ["ALLOW_INVALID_DATES"] : Array.Empty<string>(),
            .. table.Columns.Any(c => c.Identity) ? ["NO_AUTO_VALUE_ON_ZERO"] : Array.Empty<string>(),
        ];
        var modeAdded = modes.Length > 0;
        // YEAR 0 is the year 0000 only as the number 0 or the text '0000': LOAD DATA reads its text "0" as the two-digit year 2000
        var years = table.Columns.Select((c, i) => (c, i)).Where(x => Dialects.MySqlDialect.Instance.IsYear(x.c)).Select(x => x.i).ToArray();
        if (years.Length > 0)
            rows = rows.Select(r =>
            {
                foreach (var i in years)
                    if (r[i] is sbyte or byte or short or ushort or int or uint or long or ulong or decimal or string && Convert.ToString(r[i], CultureInfo.InvariantCulture)?.Trim() is "0" or "00" or "000")
                        r[i] = "0000";
                return r;
            });
        // MySQL's ENUM error value '' (index 0, which a lax sql_mode stores for a value that is not a label): no load takes
        // it under a strict mode, so rows holding it are held back and inserted one by one without STRICT_* below
        // it, where '' is also a label (read as the number 0 then: MySqlDialect.ReadsByNumber), goes in as the number 0
        var enums = table.Columns.Select((c, i) => (Labels: Dialects.MySqlDialect.EnumLabels(c.Type.Native), i)).Where(x => x.Labels is not null).ToArray();
        var errorValues = enums.Where(x => !x.Labels!.Contains("")).Select(x => x.i).ToArray();
        var errorIndexes = enums.Where(x => x.Labels!.Contains("")).Select(x => x.i).ToArray();
        List<object?[]>? held = null;
        if (errorValues.Length > 0 || errorIndexes.Length > 0)
            rows = rows.Where(r =>
            {
                if (!errorValues.Any(i => r[i] is "") && !errorIndexes.Any(i => IsIndexZero(r[i]))) return true;
                (held ??= []).Add(r);
                return false;
            });
        if (modeAdded)
            await ExecuteAsync(connection, transaction,
                $"SET @nexusql_sql_mode = @@SESSION.sql_mode, SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), '{string.Join(",", modes)}')", cancellationToken).ConfigureAwait(false);
        try
        {
            long loaded;
            if (MySqlBulkLoader.For(connection) is { } loader && MySqlBulkLoader.CanLoad(table)
                && await MySqlBulkLoader.AllowedAsync(Factory, connection, transaction, cancellationToken).ConfigureAwait(false))
                loaded = await loader.LoadAsync(this, connection, transaction, table, rows, cancellationToken).ConfigureAwait(false);
            else
            {
                var packet = await MaxPacketAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                loaded = await base.BulkLoadAsync(connection, transaction, table, WithinPacket(table, rows, packet), cancellationToken).ConfigureAwait(false);
            }
            return held is null ? loaded : loaded + await LoadEnumErrorValuesAsync(connection, transaction, table, held, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // a broken connection has no session left to restore
            if (modeAdded && connection.State == System.Data.ConnectionState.Open)
                await ExecuteAsync(connection, transaction, "SET SESSION sql_mode = @nexusql_sql_mode", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static bool IsIndexZero(object? value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or decimal && Convert.ToDecimal(value, CultureInfo.InvariantCulture) == 0;

    /// <summary>
    /// Rows holding MySQL's ENUM error value '' (index 0; the number 0 in a column that has the label '' too): each row one INSERT under the session's sql_mode without
    /// STRICT_TRANS_TABLES and STRICT_ALL_TABLES, the only mode in which the server stores it (with warning 1265), as it
    /// was stored at the source. One row per statement, so a NULL into a NOT NULL column is still an error; every other
    /// value of the table was checked before the load (<see cref="Dialects.SqlDialect.ChecksEveryValue"/>), and the
    /// copy's counts and hashes check the rows after it.
    /// </summary>
    private async Task<long> LoadEnumErrorValuesAsync(DbConnection connection, DbTransaction? transaction, Schema.TableModel table, List<object?[]> rows, CancellationToken ct)
    {
        string mode;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT @@SESSION.sql_mode";
            mode = Convert.ToString(await read.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? "";
        }
        var lax = string.Join(",", mode.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(m => m is not ("STRICT_TRANS_TABLES" or "STRICT_ALL_TABLES")));
        async Task SetModeAsync(string value, CancellationToken token)
        {
            await using var set = connection.CreateCommand();
            set.Transaction = transaction;
            set.CommandText = "SET SESSION sql_mode = @mode";
            var p = set.CreateParameter();
            p.ParameterName = "@mode";
            p.Value = value;
            set.Parameters.Add(p);
            await set.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }
        await SetModeAsync(lax, ct).ConfigureAwait(false);
        long loaded = 0;
        try
        {
            foreach (var row in rows) loaded += await base.BulkLoadAsync(connection, transaction, table, [row], ct).ConfigureAwait(false);
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open) await SetModeAsync(mode, CancellationToken.None).ConfigureAwait(false);
        }
        return loaded;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<long> MaxPacketAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT @@max_allowed_packet";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An INSERT carries each value whole: one bigger than the server's max_allowed_packet would break the connection
    /// ("Connection must be Open") — it is refused by name instead, with the setting to raise. (LOAD DATA streams, and
    /// has no such limit per value.)
    /// </summary>
    private static IEnumerable<object?[]> WithinPacket(Schema.TableModel table, IEnumerable<object?[]> rows, long packet)
    {
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
                if (PacketProblem(row[i], packet) is { } problem)
                    throw new NexuSqlValueException(table.Name, table.Columns[i].Name, Data.TableReader.DescribeKey(table, row), problem, NexuSqlEngine.MySql, advice: PacketAdvice);
            yield return row;
        }
    }

    private const string PacketAdvice = "Raise max_allowed_packet on the server (SET GLOBAL max_allowed_packet = 1073741824), or allow LOAD DATA LOCAL (local_infile=ON), which has no such limit.";

    private static string? PacketProblem(object? value, long packet)
    {
        // a quote, a backslash and NUL are escaped with a backslash in the statement (break test M7: 9 MB of \' took 18 MB)
        var bytes = value switch { string s => System.Text.Encoding.UTF8.GetByteCount(s) + (long)s.AsSpan().Count('\'') + s.AsSpan().Count('\\') + s.AsSpan().Count('\0'),
            byte[] b => b.Length * 2L, _ => 0 };
        return bytes > packet - 1024 ? $"the value takes {bytes:N0} bytes in an INSERT, more than the server's max_allowed_packet ({packet:N0} bytes)" : null;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Where LOAD DATA LOCAL is allowed (the connection string and the server's <c>local_infile</c>) there is no limit
    /// per value; otherwise rows go as INSERT statements, and a value larger than <c>max_allowed_packet</c> (less 1 KiB for
    /// the statement around it; bytes count twice, as hex, and a text's quotes, backslashes and NULs twice, escaped) is
    /// refused with the setting to raise.
    /// </remarks>
    public override async Task<Func<object?, (string Problem, string Advice)?>?> BulkLoadValueProblemAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var session = await database.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        var connection = session.DbConnection;
        var time = await TimeCheckAsync(connection, cancellationToken).ConfigureAwait(false);
        if (MySqlBulkLoader.For(connection) is not null && await MySqlBulkLoader.AllowedAsync(Factory, connection, null, cancellationToken).ConfigureAwait(false))
            return time;
        return Both(PacketCheck(await MaxPacketAsync(connection, null, cancellationToken).ConfigureAwait(false), PacketAdvice), time);
    }

    private static readonly TimeSpan MySqlMaxTime = new(838, 59, 59);

    /// <summary>
    /// Where the server is MySQL (not MariaDB): a TIME beyond ±838:59:59, which MariaDB holds to .999999 (the dialect's
    /// range) and MySQL refuses or clips to 838:59:59.000000; null on MariaDB.
    /// </summary>
    private static async Task<Func<object?, (string Problem, string Advice)?>?> TimeCheckAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT VERSION()";
        var version = Convert.ToString(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? "";
        if (version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase)) return null;
        return value => value is TimeSpan t && (t > MySqlMaxTime || t < -MySqlMaxTime)
            ? ($"{Data.PortableValues.SqlText(t)} is outside MySQL's time range (-838:59:59 to 838:59:59; MariaDB's ends at 838:59:59.999999)",
               "MySQL cannot hold this value; change it in the source, or use MariaDB")
            : null;
    }

    private static Func<object?, (string Problem, string Advice)?>? Both(Func<object?, (string Problem, string Advice)?>? a, Func<object?, (string Problem, string Advice)?>? b) =>
        a is null ? b : b is null ? a : value => a(value) ?? b(value);

    /// <inheritdoc/>
    /// <remarks>
    /// A value larger than <c>max_allowed_packet</c> less 1 KiB (counted as <see cref="BulkLoadValueProblemAsync"/> counts
    /// it: the driver writes parameters into the statement's text) is refused with the setting to raise; sent, it would
    /// break the connection (break test F9: seed and import ended in a SocketException, import half-written).
    /// </remarks>
    public override async Task<Func<object?, (string Problem, string Advice)?>?> StatementValueProblemAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var session = await database.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        return Both(PacketCheck(await MaxPacketAsync(session.DbConnection, null, cancellationToken).ConfigureAwait(false), StatementPacketAdvice),
            await TimeCheckAsync(session.DbConnection, cancellationToken).ConfigureAwait(false));
    }

    private static Func<object?, (string Problem, string Advice)?> PacketCheck(long packet, string advice) =>
        value => PacketProblem(value, packet) is { } problem ? (problem, advice) : null;

    private const string StatementPacketAdvice = "Raise max_allowed_packet on the server (SET GLOBAL max_allowed_packet = 1073741824)";

    /// <summary>
    /// DECIMAL values as their exact text through the driver's own decimal type (MySqlConnector's
    /// <c>GetMySqlDecimal</c>, found by reflection: the provider has no driver reference): <see cref="decimal"/> holds
    /// 28 digits after the point and fewer than 65 in all, and the driver rounds a value of DECIMAL(65,30) silently.
    /// </summary>
    public override object ReadResultValue(DbDataReader reader, int ordinal, Data.ResultColumn column, bool asText)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(column);
        if (column.Kind == Data.ResultValueKind.Number && column.DataTypeName.Equals("DECIMAL", StringComparison.OrdinalIgnoreCase) &&
            ExactDecimal.GetOrAdd(reader.GetType(), t => t.GetMethod("GetMySqlDecimal", [typeof(int)])) is { } exact)
            return exact.Invoke(reader, [ordinal])?.ToString() ?? "";
        var value = reader.GetValue(ordinal);
        // a zero, partial or invalid DATETIME or TIMESTAMP with its time, as the mysql client prints it; a DATE (and any
        // other date type) is its date alone
        if (column.DataTypeName.ToUpperInvariant() is not ("DATETIME" or "TIMESTAMP") || MySqlDriver.Fields(value) is not { } f
            || Data.MySqlTemporalText.Representable(f))
            return value;
        if (ReadingTextProtocol.Value && f[0] == 0 && f[1] == 0 && f[2] == 0)
            throw new InvalidCastException("this statement ran unprepared, and MySQL's text protocol reaches the driver without a zero date's time " +
                "('0000-00-00 10:00:00' reads as '0000-00-00 00:00:00')");
        return Data.MySqlTemporalText.TimestampText(f);
    }

    /// <summary>Whether the query being read runs unprepared: set by <see cref="PrepareResultText"/>, read by <see cref="ReadResultValue"/> in the same flow.</summary>
    private static readonly AsyncLocal<bool> ReadingTextProtocol = new();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo?> IsPreparedProperty = new();

    /// <summary>The driver's <c>IsPrepared</c> (both drivers have it; false when the connection says IgnorePrepare).</summary>
    private static bool IsPrepared(DbCommand command) =>
        IsPreparedProperty.GetOrAdd(command.GetType(), t => t.GetProperty("IsPrepared") is { PropertyType: var type } p && type == typeof(bool) ? p : null)
            ?.GetValue(command) is true;

    /// <summary>
    /// Prepares a SELECT on the server, so that its rows come in the binary protocol: the text protocol's
    /// '0000-00-00 10:00:00.000001' reaches the drivers' MySqlDateTime as an all-zero value without its time, the
    /// binary one keeps every field (and FLOAT its exact bits instead of 6 digits). Other statements, and a SELECT
    /// naming a user variable (<c>@x</c>, which MySqlConnector would send as a placeholder when preparing), run
    /// unprepared: a zero DATETIME or TIMESTAMP in their rows is refused (its time is unknown), with the advice to
    /// select it as text.
    /// </summary>
    public override bool PrepareResultText(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        ReadingTextProtocol.Value = true;
        if (!IsPlainSelect(command)) return false;
        try
        {
            command.Prepare();
        }
        catch (DbException e) when (ReadErrorNumber(e) == 1295)
        {
            // "not supported in the prepared statement protocol yet": the text protocol, as before
        }
        ReadingTextProtocol.Value = !IsPrepared(command);
        return false;
    }

    /// <summary>A statement that starts with SELECT or WITH (after comments) and whose every '@' starts one of its parameters.</summary>
    private static bool IsPlainSelect(DbCommand command)
    {
        var sql = command.CommandText ?? "";
        var i = 0;
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i])) i++;
            else if (sql[i] == '#' || (sql[i] == '-' && i + 2 < sql.Length && sql[i + 1] == '-' && char.IsWhiteSpace(sql[i + 2])))
                i = sql.IndexOf('\n', i) is var end and >= 0 ? end + 1 : sql.Length;
            else if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
                i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : sql.Length;
            else break;
        }
        var word = new string([.. sql.Skip(i).TakeWhile(char.IsAsciiLetter)]);
        if (!word.Equals("SELECT", StringComparison.OrdinalIgnoreCase) && !word.Equals("WITH", StringComparison.OrdinalIgnoreCase)) return false;
        var names = command.Parameters.Cast<DbParameter>().Select(p => p.ParameterName.StartsWith('@') ? p.ParameterName : "@" + p.ParameterName).ToList();
        for (var at = sql.IndexOf('@', StringComparison.Ordinal); at >= 0; at = sql.IndexOf('@', at + 1))
        {
            var name = new string([.. sql.Skip(at + 1).TakeWhile(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '.')]);
            if (!names.Contains("@" + name, StringComparer.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.MethodInfo?> ExactDecimal = new();

    /// <summary>
    /// DATETIME and TIMESTAMP arrive as MySQL's text (<see cref="Dialects.MySqlDialect.SelectDataSql"/>) and are read
    /// here (<see cref="Data.MySqlTemporalText"/>): a zero date keeps its time and fraction ('0000-00-00 00:00:00.000001'),
    /// which the driver's MySqlDateTime drops.
    /// </summary>
    public override object ReadDataValue(DbDataReader reader, int ordinal, Schema.ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(type);
        var value = reader.GetValue(ordinal);
        if (value is string marked && marked.StartsWith(Dialects.MySqlDialect.UnfaithfulTextMarker, StringComparison.Ordinal))
            throw new FormatException($"its bytes (hex {marked[Dialects.MySqlDialect.UnfaithfulTextMarker.Length..]}) are not all characters of the column's character set: " +
                "the server would send '?' or U+FFFD in their place; change the value, or make the column utf8mb4 or a binary type");
        return type.Kind is Schema.PortableType.Timestamp or Schema.PortableType.TimestampTz && value is string text
            ? Data.MySqlTemporalText.Parse(text)
            // ENUM and SET whose text is ambiguous are read by index or bits (MySqlDialect.SelectDataSql)
            : value is not DBNull && Dialects.MySqlDialect.ReadsByNumber(type) ? Dialects.MySqlDialect.FromNumber(type, value)
            : value;
    }

    /// <summary>
    /// Values both MySQL drivers accept: dates and times as DateTime/TimeSpan, DateTimeOffset as its UTC DateTime
    /// (MySQL's DATETIME has no zone; NexuSQL reads it back as UTC), Guid as its 36-character text.
    /// </summary>
    public override object ToDbValue(object value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        TimeOnly t => t.ToTimeSpan(),
        DateTimeOffset dto => dto.UtcDateTime,
        Guid g => g.ToString("D"),
        // MySQL parses FLOAT text as a double: float.MaxValue's shortest text (3.4028235E+38) is above FLOAT's range,
        // its exact double (3.4028234663852886E+38) is not
        float f => (double)f,
        // zero dates ('0000-00-00') go back as the text they were read as
        Data.SpecialTemporal special => special.Text,
        _ => value,
    };
}
