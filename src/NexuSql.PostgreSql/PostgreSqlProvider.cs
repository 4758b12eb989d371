using System.Data.Common;
using NexuSql.Dialects;
using Npgsql;

[assembly: NexuSql.NexuSqlProvider(typeof(NexuSql.PostgreSql.PostgreSqlProvider))]
[assembly: NexuSql.NexuSqlProvider(typeof(NexuSql.PostgreSql.CockroachDbProvider))]

namespace NexuSql.PostgreSql;

/// <summary>
/// PostgreSQL through Npgsql: one <see cref="NpgsqlDataSource"/> per database (multi-host when the URL names several
/// hosts), positional <c>$n</c> parameters so Npgsql never re-parses the SQL, SQLSTATE-based error translation.
/// </summary>
public class PostgreSqlProvider : NexuSqlProvider
{
    /// <summary>
    /// Turns off Npgsql's mapping of DateTime.MinValue/MaxValue to -infinity/infinity (an AppContext switch, read once
    /// by Npgsql): with it a real 0001-01-01 is written as -infinity and read back as DateTime.MinValue. Reading an
    /// infinity as DateTime then fails with InvalidCastException instead of returning a wrong date.
    /// </summary>
    static PostgreSqlProvider() => AppContext.SetSwitch("Npgsql.DisableDateTimeInfinityConversions", true);

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.PostgreSql;

    /// <summary>The port used when the URL names none.</summary>
    protected virtual int DefaultPort => 5432;

    /// <summary>libpq spellings that differ from Npgsql's connection string keywords.</summary>
    private static readonly Dictionary<string, string> OptionAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["target_session_attrs"] = "Target Session Attributes",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
    };

    /// <inheritdoc/>
    /// <remarks>
    /// <c>?pooler=transaction</c> (or <c>statement</c>) says a connection pooler such as PgBouncer hands each
    /// transaction whichever server session is free: Npgsql then prepares no statements on the server and sends no
    /// <c>DISCARD ALL</c> when a connection goes back to its pool, and migrations take a lease lock instead of a
    /// session-level advisory lock. <c>?pooler=session</c> only leaves out the startup options below (<c>none</c>
    /// changes nothing). A pooler cannot be
    /// recognised reliably from a client connection, so the URL has to say it.
    /// <para>
    /// Every session gets <see cref="PostgreSqlDialect.SessionSettings"/> (DateStyle, IntervalStyle,
    /// extra_float_digits, TimeZone, standard_conforming_strings, bytea_output) as its session defaults, sent in the
    /// startup packet's <c>options</c> (<c>-c name=value</c>): they hold for everything NexuSQL reads and writes, and
    /// survive the <c>DISCARD ALL</c> a pooled connection gets when it is given back. The URL's own <c>options</c> are
    /// kept; one that sets one of these settings to another value is refused (values would be read in another form).
    /// Behind a pooler the startup packet cannot carry them (PgBouncer refuses an <c>options</c> it does not track,
    /// and says so when the URL does not name the pooler): with <c>?pooler=session</c> each data session SETs them
    /// (<see cref="PostgreSqlDialect.DataSessionSql"/>); with <c>?pooler=transaction</c> the settings PgBouncer tracks per client (DateStyle, TimeZone, standard_conforming_strings)
    /// are SET once on each connection to the pooler, which then sets them on whichever server session serves it;
    /// the others are SET LOCAL at the start of each data transaction (<see cref="PostgreSqlDialect.BeginSnapshotSql"/>).
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">An option is not understood, or the URL's <c>options</c> set a pinned setting to another value.</exception>
    public override DbDataSource CreateDataSource(DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var pooled = TransactionPooled(url);
        var pooler = pooled || SessionPooled(url);
        url = url.WithoutOptions(PoolerOption);
        var builder = new NpgsqlConnectionStringBuilder
        {
            // an IPv6 address in brackets, as Npgsql splits host:port at the last colon outside them (bt35 L4)
            Host = url.Hosts.Count == 0 ? "localhost" : string.Join(',', url.Hosts.Select(h => $"{(h.ConnectName.Contains(':', StringComparison.Ordinal) ? $"[{h.ConnectName}]" : h.ConnectName)}:{h.Port ?? DefaultPort}")),
            Database = url.Database,
            Username = url.UserName,
            Password = url.Password,
            // the server's DETAIL ("Failing row contains (3, -5)", "Key (id)=(7) already exists") names the row a
            // constraint error is about; Npgsql redacts it by default. It holds row values, never the password.
            IncludeErrorDetail = true,
            // backup, restore, copy and verify move whole tables: 8 KB buffers (Npgsql's default) meant a socket call and,
            // reading column by column, a timeout reset under a contended lock every ~80 rows of 100 bytes (issue 14
            // profile); 64 KB per connection cut those 8-fold. A URL's own read/write_buffer_size still wins below.
            ReadBufferSize = 1 << 16,
            WriteBufferSize = 1 << 16,
        };
        // libpq writes "verify-full", Npgsql's enum is VerifyFull
        UrlOptions.ApplyTo(builder, url, OptionAliases, ["Host", "Port", "Database", "Username", "Password"], (keyword, value) => keyword == "SSL Mode" ? value.Replace("-", "") : value);
        RefuseValueChangingOptions(url);
        // Several hosts: writes must reach the primary unless the URL says otherwise; ForReads() targets standbys.
        if (url.Hosts.Count > 1 && !url.Options.ContainsKey("target_session_attrs")) builder.TargetSessionAttributes = "primary";
        if (pooled)
        {
            builder.MaxAutoPrepare = 0;
            builder.NoResetOnClose = true;
            // PgBouncer answers a login the server refuses (a database that does not exist: 3D000) only after its
            // server_login_retry (15 s), just as Npgsql's 15 s connect timeout runs out: wait longer, so the user sees why
            if (!url.Options.ContainsKey("connect_timeout")) builder.Timeout = 30;
        }
        if (Engine != NexuSqlEngine.PostgreSql) return NpgsqlDataSource.Create(builder);
        if (!pooler)
        {
            builder.Options = PostgreSqlSessionSettings.StartupOptions(builder.Options, PostgreSqlDialect.Instance.SessionSettings);
            return NpgsqlDataSource.Create(builder);
        }
        // a session-mode pooler: the data sessions SET them (SqlDialect.DataSessionSql), and a SET on the connection
        // would be undone by the DISCARD ALL Npgsql sends when it is given back
        if (!pooled) return NpgsqlDataSource.Create(builder);
        var pooledSource = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        var set = PostgreSqlSessionSettings.PoolerTrackedSql(PostgreSqlDialect.Instance.SessionSettings);
        pooledSource.UsePhysicalConnectionInitializer(
            connection => { using var command = new NpgsqlCommand(set, connection); command.ExecuteNonQuery(); },
            async connection => { await using var command = new NpgsqlCommand(set, connection); await command.ExecuteNonQueryAsync().ConfigureAwait(false); });
        return pooledSource.Build();
    }

    /// <summary>
    /// Refuses a URL option that makes Npgsql or the server change values as they are read or written: <c>encoding</c>
    /// or <c>client_encoding</c> other than UTF8 (text is then decoded with another character set: 'é' becomes 'Ã©',
    /// characters it cannot hold are lost), and on PostgreSQL <c>timezone</c> other than the pinned UTC (a startup
    /// parameter that would override the pinned session TimeZone). Each option is tried alone, so synonyms are caught
    /// and UTF8 itself is accepted.
    /// </summary>
    /// <exception cref="ArgumentException">An option changes values; the message names it, says what it does and to remove it.</exception>
    private void RefuseValueChangingOptions(DatabaseUrl url)
    {
        foreach (var (key, value) in url.Options)
        {
            var probe = new NpgsqlConnectionStringBuilder();
            try
            {
                probe[OptionAliases.TryGetValue(key, out var alias) ? alias : key.Replace('_', ' ')] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                continue; // UrlOptions.ApplyTo names an option Npgsql does not understand
            }
            string? harm = null, kept = null;
            if (!IsUtf8(probe.Encoding))
                (harm, kept) = ("text is decoded and encoded in that character set instead of the server's UTF8: 'é' becomes 'Ã©', characters it cannot hold are lost", "Encoding=UTF8");
            else if (probe.ClientEncoding is { Length: > 0 } clientEncoding && !IsUtf8(clientEncoding))
                (harm, kept) = ("the server converts text to that character set while Npgsql reads it as UTF8: characters are changed or refused", "client_encoding=UTF8");
            else if (Engine == NexuSqlEngine.PostgreSql && probe.Timezone is { Length: > 0 } zone && !zone.Equals("UTC", StringComparison.OrdinalIgnoreCase))
                (harm, kept) = ("it sets the session TimeZone, which NexuSQL pins to UTC (as pg_dump does): timestamptz in arrays and ranges, defaults and expressions are read in another zone", "TimeZone=UTC");
            if (harm is not null)
                throw new ArgumentException(
                    $"The PostgreSQL URL option {key}={value} changes values as they are read or written: {harm}. Copies, backups and verify would then " +
                    $"carry and compare the changed values, and could not see it. NexuSQL reads and writes every value as stored ({kept}): remove {key} from the URL.", nameof(url));
        }
    }

    private static bool IsUtf8(string? encoding) =>
        string.IsNullOrEmpty(encoding) || encoding.Replace("-", "").Replace("_", "").ToUpperInvariant() is "UTF8" or "UNICODE";

    private const string PoolerOption = "pooler";

    /// <inheritdoc/>
    public override bool KeepsSessionState(DatabaseUrl? url) => !TransactionPooled(url);

    /// <summary>True when the URL says a pooler hands out one server session per client session (<c>?pooler=session</c>).</summary>
    private static bool SessionPooled(DatabaseUrl url) =>
        !TransactionPooled(url) && url.Options.TryGetValue(PoolerOption, out var mode) && mode.Equals("session", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the URL says a pooler hands out server sessions per transaction (<c>?pooler=transaction</c> or <c>statement</c>).</summary>
    /// <exception cref="ArgumentException">The option has another value.</exception>
    internal static bool TransactionPooled(DatabaseUrl? url)
    {
        if (url is null || !url.Options.TryGetValue(PoolerOption, out var mode)) return false;
        return mode.ToLowerInvariant() switch
        {
            "transaction" or "statement" => true,
            "session" or "none" => false,
            _ => throw new ArgumentException(
                $"The URL option pooler={mode} is not understood: write pooler=transaction (PgBouncer's pool_mode=transaction or statement) or pooler=session.", nameof(url)),
        };
    }

    /// <inheritdoc/>
    public override DbDataSource CreateDataSource(string connectionString) => NpgsqlDataSource.Create(connectionString);

    /// <inheritdoc/>
    public override NexuSqlException TranslateException(DbException exception)
    {
        if (exception is PostgresException pg)
        {
            var code = pg.SqlState;
            // MessageText, not Message: Message repeats the SQLSTATE.
            var message = $"{Engine.DisplayName()} error {code}: {pg.MessageText}" + (pg.Detail is { Length: > 0 } d ? " " + d : "")
                + (pg.Position > 0 ? $" (at character {pg.Position})" : "");
            // PgBouncer (before 1.20, or with settings it does not track) refuses the startup options CreateDataSource sends
            if (code == PostgresErrorCodes.ProtocolViolation && pg.MessageText.Contains("startup parameter: options", StringComparison.Ordinal))
                return new NexuSqlConnectionException(message + ": the server is a connection pooler (such as PgBouncer) that does not pass on the options " +
                    "in which NexuSQL fixes DateStyle, IntervalStyle, extra_float_digits, TimeZone, standard_conforming_strings and bytea_output. " +
                    "Add ?pooler=transaction to the URL (PgBouncer's pool_mode=transaction or statement) or ?pooler=session (pool_mode=session), or connect to the server directly.",
                    Engine, code, pg, isTransient: false);
            return code switch
            {
                PostgresErrorCodes.UniqueViolation => Constraint(ConstraintKind.Unique),
                PostgresErrorCodes.ForeignKeyViolation => Constraint(ConstraintKind.ForeignKey),
                PostgresErrorCodes.NotNullViolation => Constraint(ConstraintKind.NotNull),
                PostgresErrorCodes.CheckViolation => Constraint(ConstraintKind.Check),
                PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                    => new NexuSqlTransientException(message, Engine, code, pg),
                // statement_completion_unknown: CockroachDB cannot tell whether a COMMIT took effect
                PostgresErrorCodes.StatementCompletionUnknown
                    => new NexuSqlAmbiguousCommitException(message + " The transaction may or may not have committed; check before retrying.", Engine, code, pg),
                // the server's own statement_timeout (NexuSQL's timeout cancels from the client: "due to user request"),
                // which NexuSQL turns off in its sessions once connected, but a statement run before that may meet
                PostgresErrorCodes.QueryCanceled when pg.MessageText.Contains("due to statement timeout", StringComparison.Ordinal)
                    => new NexuSqlTimeoutException(message + ". " + StatementTimeoutAdvice, Engine, code, pg),
                PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.LockNotAvailable
                    => new NexuSqlTimeoutException(message, Engine, code, pg),
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification
                    => new NexuSqlConnectionException(message, Engine, code, pg, isTransient: false),
                // the URL names a database the server does not have: running the command again cannot help (bt33 L2)
                PostgresErrorCodes.InvalidCatalogName
                    => new NexuSqlConnectionException(message + ". Create it first (CREATE DATABASE), or check the database name in the URL.",
                        Engine, code, pg, isTransient: false),
                PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                    or PostgresErrorCodes.TooManyConnections
                    => new NexuSqlConnectionException(message, Engine, code, pg),
                _ when code.StartsWith("08", StringComparison.Ordinal) => new NexuSqlConnectionException(message, Engine, code, pg),
                PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn
                    => new NexuSqlUndefinedObjectException(message, QuotedName(pg.MessageText, '"'), Engine, code, pg),
                // "function nope(integer) does not exist" names no quoted object: the name before its argument types
                PostgresErrorCodes.UndefinedFunction
                    => new NexuSqlUndefinedObjectException(message, FunctionName(pg.MessageText) ?? QuotedName(pg.MessageText, '"'), Engine, code, pg),
                PostgresErrorCodes.SyntaxError => new NexuSqlSyntaxException(message, Engine, code, pg),
                // the user lacks a privilege (or row-level security refuses a read with row_security = off): said, not only the code (bt35 M2)
                PostgresErrorCodes.InsufficientPrivilege => new NexuSqlException(message + (pg.MessageText.Contains("row-level security", StringComparison.Ordinal)
                    ? ". NexuSQL reads every row with row_security = off, as pg_dump does: connect as a superuser, a role with BYPASSRLS, or the table's owner."
                    : ". The connected user lacks a privilege for this: grant it (GRANT ... TO the user) or connect as a user who has it; the same command fails the same way until then."),
                    Engine, code, pg),
                PostgresErrorCodes.DiskFull => new NexuSqlStorageFullException(message + " The server's disk is full: the statement was rolled back. " +
                    "Free space on the database server, then run it again.", Engine, code, pg),
                _ => new NexuSqlException(message, Engine, code, pg, pg.IsTransient),
            };

            // DETAIL "Key (id)=(7) already exists." / "Key (pid)=(1) is not present in table ..." names the row as id=7
            NexuSqlConstraintException Constraint(ConstraintKind kind) =>
                new(kind, message, Engine, code, pg, pg.ConstraintName, pg.TableName, pg.ColumnName)
                {
                    Key = pg.Detail is { } detail && System.Text.RegularExpressions.Regex.Match(detail, @"^Key \((.+?)\)=\((.*?)\)( already exists| is not present| is still referenced)") is { Success: true } m
                        && !m.Groups[1].Value.Contains(',', StringComparison.Ordinal) ? $"{m.Groups[1].Value}={m.Groups[2].Value}" : null,
                };
        }
        if (exception.InnerException is TimeoutException)
            return new NexuSqlTimeoutException(Describe(exception, null) + ": the statement did not finish within the command timeout " +
                "(the URL's statement_timeout, in seconds; else the driver's 30 s, which migration statements do not have) and was cancelled.", Engine, null, exception);
        // An NpgsqlException that is not a PostgresException never came from the server: the connection failed
        // (refused, reset, no suitable host among several, TLS, protocol).
        // ... except the driver's own limits, found before anything was sent ("A statement cannot have more than 65535
        // parameters"): not transient, the connection is fine, and retrying cannot help.
        if (exception is NpgsqlException { InnerException: null } && exception.Message.StartsWith("A statement cannot have more than", StringComparison.Ordinal))
            return new NexuSqlLimitException(Describe(exception, null) + " This is a limit of the driver (nothing was sent to the server): send fewer values per statement.", Engine, null, exception);
        if (exception.InnerException is IOException or System.Net.Sockets.SocketException && exception.InnerException.Message is var cause)
            return new NexuSqlConnectionException($"{Describe(exception, null)} ({cause}): " + (exception.InnerException is System.Net.Sockets.SocketException
                { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain or System.Net.Sockets.SocketError.NoData }
                ? "the server's host name could not be resolved. Check the URL's host."
                : exception.Message.StartsWith("Failed to connect", StringComparison.Ordinal)
                ? "the server could not be reached. Check that it is running and that the URL's host and port are right."
                : "the connection to the server was lost."), Engine, null, exception);
        return exception is NpgsqlException
            ? new NexuSqlConnectionException(Describe(exception, null), Engine, null, exception)
            : new NexuSqlException(Describe(exception, null), Engine, exception.SqlState, exception);
    }

    /// <summary>For a multi-host data source: the same pool, preferring standbys (<c>prefer-standby</c>).</summary>
    public override DbDataSource? CreateReadDataSource(DbDataSource primary) =>
        primary is NpgsqlMultiHostDataSource multiHost ? multiHost.WithTargetSession(TargetSessionAttributes.PreferStandby) : null;

    /// <inheritdoc/>
    public override bool SupportsSchemaReading => true;

    /// <inheritdoc/>
    public override Task<Schema.SchemaModel> ReadSchemaAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        ReadSchemaAsync(database, allSchemas: false, cancellationToken);

    /// <inheritdoc/>
    public override async Task<Schema.SchemaModel> ReadSchemaAsync(NexuSqlDatabase database, bool allSchemas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        // on one session without the database's statement and lock timeouts (PostgreSqlDialect.CatalogSessionSql)
        var model = await database.InCatalogSessionAsync(async session =>
            await PostgreSqlRoutineReader.AddToAsync(session, await PostgreSqlSchemaReader.ReadAsync(session, cancellationToken).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return allSchemas ? model : model.InCurrentSchema(model.CurrentSchema ?? "public");
    }

    /// <inheritdoc/>
    /// <remarks>
    /// From pg_class and pg_roles: <c>has_table_privilege(..., 'SELECT')</c>, and row-level security, which NexuSQL's
    /// reads (<c>row_security = off</c>, as pg_dump sets it) pass only as a superuser, a role with BYPASSRLS, or the
    /// table's owner when the security is not forced.
    /// </remarks>
    internal override async Task<IReadOnlyList<string>> UnreadableTablesAsync(NexuSqlDatabase database, IReadOnlyList<Schema.TableModel> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(tables);
        if (Engine != NexuSqlEngine.PostgreSql || tables.Count == 0) return [];
        var d = database.Dialect;
        var rows = await database.QueryAsync(
            "SELECT n.name, n.i, current_user AS who, NOT has_table_privilege(c.oid, 'SELECT') AS no_select, " +
            "c.relrowsecurity AND NOT (r.rolsuper OR r.rolbypassrls) AND (c.relforcerowsecurity OR NOT pg_has_role(c.relowner, 'MEMBER')) AS rls " +
            "FROM unnest(CAST(ARRAY[:names] AS text[])) WITH ORDINALITY AS n(name, i) JOIN pg_class c ON c.oid = to_regclass(n.name) " +
            "JOIN pg_roles r ON r.rolname = current_user ORDER BY n.i",
            new { names = tables.Select(t => d.QuoteName(t.Schema, t.Name)).ToArray() }, cancellationToken).ConfigureAwait(false);
        var unreadable = new List<string>();
        foreach (var row in rows)
        {
            var (name, who) = ((string)row["name"]!, d.QuoteIdentifier((string)row["who"]!));
            var table = tables[(int)Convert.ToInt64(row["i"], System.Globalization.CultureInfo.InvariantCulture) - 1].QualifiedName;
            if (row["no_select"] is true)
                unreadable.Add($"{table} (no SELECT privilege: GRANT SELECT ON {name} TO {who})");
            else if (row["rls"] is true)
                unreadable.Add($"{table} (row-level security: NexuSQL reads every row with row_security = off, as pg_dump does, and PostgreSQL allows that only to " +
                    $"a superuser, a role with BYPASSRLS — ALTER ROLE {who} BYPASSRLS — or the table's owner when the security is not forced)");
        }
        // the sequences the tables' identity, serial and default columns draw from: their positions are read with the
        // rows (bt37 M11: a 42501 "permission denied for sequence" after every row was read or written, and --resume advice
        // that failed the same way)
        var sequences = await database.QueryAsync(
            "SELECT DISTINCT n.i, s.oid::regclass::text AS seq, current_user AS who FROM unnest(CAST(ARRAY[:names] AS text[])) WITH ORDINALITY AS n(name, i) " +
            "JOIN pg_depend dep ON dep.refclassid = 'pg_class'::regclass AND dep.classid = 'pg_class'::regclass AND dep.refobjid = to_regclass(n.name) AND dep.deptype IN ('a', 'i') " +
            "JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S' WHERE CASE WHEN s.relkind = 'S' THEN NOT has_sequence_privilege(s.oid, 'SELECT') END " +
            "UNION SELECT n.i, s.oid::regclass::text, current_user FROM unnest(CAST(ARRAY[:names] AS text[])) WITH ORDINALITY AS n(name, i) " +
            "JOIN pg_attrdef ad ON ad.adrelid = to_regclass(n.name) JOIN pg_depend dep ON dep.classid = 'pg_attrdef'::regclass AND dep.objid = ad.oid AND dep.refclassid = 'pg_class'::regclass " +
            "JOIN pg_class s ON s.oid = dep.refobjid AND s.relkind = 'S' WHERE CASE WHEN s.relkind = 'S' THEN NOT has_sequence_privilege(s.oid, 'SELECT') END ORDER BY 1, 2",
            new { names = tables.Select(t => d.QuoteName(t.Schema, t.Name)).ToArray() }, cancellationToken).ConfigureAwait(false);
        foreach (var row in sequences)
        {
            var (sequence, who) = ((string)row["seq"]!, d.QuoteIdentifier((string)row["who"]!));
            var table = tables[(int)Convert.ToInt64(row["i"], System.Globalization.CultureInfo.InvariantCulture) - 1].QualifiedName;
            unreadable.Add($"{table} (no SELECT privilege on its sequence {sequence}, whose position is carried with the rows: GRANT SELECT ON SEQUENCE {sequence} TO {who})");
        }
        return unreadable;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A hot standby (<c>pg_is_in_recovery()</c>), or <c>transaction_read_only</c> on for every transaction of the session
    /// (<c>default_transaction_read_only</c> set for the database, the user or in the URL's options). NexuSQL does not
    /// turn it off: the database was made read-only on purpose.
    /// </remarks>
    internal override async Task<string?> ReadOnlyReasonAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (Engine != NexuSqlEngine.PostgreSql) return null;
        var row = (await database.QueryAsync(
            "SELECT pg_is_in_recovery() AS standby, current_setting('default_transaction_read_only') AS read_only, current_database() AS db, current_user AS who",
            cancellationToken: cancellationToken).ConfigureAwait(false)).Single();
        var d = database.Dialect;
        if (row["standby"] is true)
            return "the server is a hot standby (pg_is_in_recovery() is true), which refuses every write. Point the URL at the primary server.";
        if (string.Equals(row["read_only"] as string, "on", StringComparison.OrdinalIgnoreCase))
            return "its sessions begin read-only (default_transaction_read_only = on, set for the database, the user or in the URL's options), so PostgreSQL refuses " +
                $"every CREATE and INSERT. Turn it off for the target (ALTER DATABASE {d.QuoteIdentifier((string)row["db"]!)} SET default_transaction_read_only = off, " +
                $"or ALTER ROLE {d.QuoteIdentifier((string)row["who"]!)} SET default_transaction_read_only = off), or write into another database; running the same command again is refused the same way.";
        return null;
    }

    /// <inheritdoc/>
    /// <remarks><c>session_replication_role</c> other than <c>origin</c>: foreign keys and user triggers do not fire (PostgreSQL manual, "Client Connection Defaults").</remarks>
    internal override async Task<string?> UncheckedWritesReasonAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (Engine != NexuSqlEngine.PostgreSql) return null;
        var row = (await database.QueryAsync("SELECT current_setting('session_replication_role') AS role, current_database() AS db, current_user AS who",
            cancellationToken: cancellationToken).ConfigureAwait(false)).Single();
        if (row["role"] is not string role || string.Equals(role, "origin", StringComparison.OrdinalIgnoreCase)) return null;
        var d = database.Dialect;
        return $"its sessions run with session_replication_role = {role} (set for the database or the user), under which foreign keys and triggers do not fire, so rows " +
               $"breaking a key would be written and none rejected. Reset it (ALTER DATABASE {d.QuoteIdentifier((string)row["db"]!)} RESET session_replication_role, " +
               $"or ALTER ROLE {d.QuoteIdentifier((string)row["who"]!)} RESET session_replication_role) and run again.";
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The CREATE privilege on the current schema, where copy and restore create the tables, views, functions and
    /// triggers (bt37 M13: a raw 42501 "permission denied for schema public" with advice to run the same command again).
    /// PostgreSQL 15 gives it on public to the database owner only.
    /// </remarks>
    internal override async Task<(IReadOnlyDictionary<string, string> Privileges, string Grant)?> MissingCreatePrivilegesAsync(NexuSqlDatabase database,
        IReadOnlyList<string> kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(kinds);
        if (Engine != NexuSqlEngine.PostgreSql || kinds.Count == 0) return null;
        var row = (await database.QueryAsync("SELECT current_schema() AS s, current_user AS who, current_schema() IS NOT NULL AND NOT has_schema_privilege(current_schema(), 'CREATE') AS denied",
            cancellationToken: cancellationToken).ConfigureAwait(false)).Single();
        if (row["denied"] is not true) return null;
        var d = database.Dialect;
        var schema = d.QuoteIdentifier((string)row["s"]!);
        var needed = $"CREATE on schema {schema}";
        return (kinds.ToDictionary(k => k, _ => needed, StringComparer.Ordinal), $"GRANT CREATE ON SCHEMA {schema} TO {d.QuoteIdentifier((string)row["who"]!)}, or make the user the database's owner");
    }

    /// <inheritdoc/>
    internal override string? ServerTimeoutWhileConnecting(NexuSqlDatabase database, NexuSqlTimeoutException timeout) =>
        $"{Engine.DisplayName()} error {timeout.EngineCode}: {(timeout.InnerException as PostgresException)?.MessageText ?? timeout.Message} (while connecting). " +
        "Npgsql's first query on a new connection (loading the database's types) ran into a statement_timeout or lock_timeout set for the database or the user, " +
        "which NexuSQL turns off only for its own sessions once connected. Raise it or turn it off for the user NexuSQL connects as " +
        "(ALTER ROLE ... IN DATABASE ... SET statement_timeout = 0), or add it to the URL: ?options=-c%20statement_timeout%3D0; " +
        "running the same command again is cancelled the same way.";

    private const string StatementTimeoutAdvice = "A statement_timeout set for the database or the user cancelled it (NexuSQL turns it off for its own sessions " +
        "once connected, as pg_dump does, but not for every statement before that): turn it off for the user NexuSQL connects as " +
        "(ALTER ROLE ... IN DATABASE ... SET statement_timeout = 0), or add it to the URL: ?options=-c%20statement_timeout%3D0.";

    /// <summary>Large objects (pg_largeobject), carried with their oids (<see cref="PostgreSqlLargeObjects"/>).</summary>
    public override Data.OutsideContent? OutsideContent => PostgreSqlLargeObjects.Instance;

    /// <summary>Large objects (pg_largeobject): their count, bytes and a hash over each one's oid and content.</summary>
    public override async Task<IReadOnlyList<string>> ContentOutsideTablesAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (OutsideContent is not { } content) return [];
        await using var session = await database.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        var summary = await content.SummarizeAsync(session, null, cancellationToken).ConfigureAwait(false);
        return summary.Count == 0 ? [] : [content.Describe(summary)];
    }

    /// <inheritdoc/>
    /// <remarks>Read from pg_depend, as <c>DROP ... CASCADE</c> follows it (<see cref="PostgreSqlDependents"/>).</remarks>
    public override async Task<IReadOnlyList<string>?> ObjectsDroppedWithAsync(NexuSqlDatabase database, IReadOnlyList<Schema.TableModel> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(tables);
        return await PostgreSqlDependents.ReadAsync(database, tables, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each name through <c>to_regtype</c> (a name it cannot parse counts as present: the CREATE TABLE will say).</summary>
    public override async Task<IReadOnlySet<string>> UndefinedTypesAsync(NexuSqlDatabase database, IReadOnlyList<string> typeNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(typeNames);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in typeNames)
        {
            try
            {
                if (await database.ExecuteScalarAsync<bool>("SELECT to_regtype(:name) IS NULL", new { name }, cancellationToken).ConfigureAwait(false)) missing.Add(name);
            }
            catch (NexuSqlException)
            {
                // not a type name to_regtype reads: left to CREATE TABLE
            }
        }
        return missing;
    }

    /// <summary>Extensions by name in pg_available_extensions (installed or installable).</summary>
    public override async Task<IReadOnlySet<string>> UnavailableExtensionsAsync(NexuSqlDatabase database, IReadOnlyList<string> extensions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(extensions);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in extensions)
            if (!await database.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = :name)", new { name }, cancellationToken).ConfigureAwait(false))
                missing.Add(name);
        return missing;
    }

    /// <summary>Collations by name in pg_collation (for the database's encoding, or any).</summary>
    public override async Task<IReadOnlySet<string>> UndefinedCollationsAsync(NexuSqlDatabase database, IReadOnlyList<string> collations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(collations);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in collations)
            if (!await database.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = :name " +
                    "AND collencoding IN (-1, (SELECT encoding FROM pg_database WHERE datname = current_database())))", new { name }, cancellationToken).ConfigureAwait(false))
                missing.Add(name);
        return missing;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A database whose <c>server_encoding</c> is one of PostgreSQL's single-byte encodings (LATIN1 to LATIN10, WIN1250
    /// to WIN1258, ISO_8859_5 to 8, KOI8R, KOI8U, WIN866, WIN874) holds ASCII and the characters its bytes 0x80 to 0xFF
    /// stand for, as the server itself converts them to UTF-8 (asked once, each byte alone where one is undefined);
    /// any other character is refused (22P05 when the row is written). UTF8 holds every character: null. SQL_ASCII stores
    /// the bytes as sent and counts the length of <c>varchar(n)</c> and <c>char(n)</c> in those bytes (PostgreSQL manual,
    /// 24.3.1: no conversion or validation), so a value of more than n UTF-8 bytes is refused there (22001, or blanks cut
    /// off its end) even where its n characters fit (break test 30 F13). Multi-byte encodings (EUC_JP, EUC_KR, ...) are
    /// not checked: left to the load.
    /// </remarks>
    public override async Task<(string Encoding, Func<object?, Schema.ColumnModel, (string Problem, string Advice)?> Problem)?> TextEncodingProblemAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var encoding = await database.ExecuteScalarAsync<string>("SHOW server_encoding", cancellationToken: cancellationToken).ConfigureAwait(false) ?? "UTF8";
        if (encoding == "SQL_ASCII") return (encoding, LongerInBytes);
        if (encoding == "UTF8" || !SingleByteEncodings.Contains(encoding)) return null;
        var held = new HashSet<int>();
        var high = Enumerable.Range(0x80, 0x80).Select(b => (byte)b).ToArray();
        try
        {
            var utf8 = await database.ExecuteScalarAsync<byte[]>("SELECT convert(:bytes, :encoding, 'UTF8')", new { bytes = high, encoding }, cancellationToken).ConfigureAwait(false);
            foreach (var rune in System.Text.Encoding.UTF8.GetString(utf8 ?? []).EnumerateRunes()) held.Add(rune.Value);
        }
        catch (NexuSqlException)
        {
            // a byte the encoding leaves undefined (WIN1252's 0x81) fails the whole conversion: each byte alone
            foreach (var b in high)
                try
                {
                    var utf8 = await database.ExecuteScalarAsync<byte[]>("SELECT convert(:bytes, :encoding, 'UTF8')", new { bytes = new[] { b }, encoding }, cancellationToken).ConfigureAwait(false);
                    foreach (var rune in System.Text.Encoding.UTF8.GetString(utf8 ?? []).EnumerateRunes()) held.Add(rune.Value);
                }
                catch (NexuSqlException)
                {
                    // not a character of this encoding
                }
        }
        (string Problem, string Advice)? Problem(object? value)
        {
            switch (value)
            {
                case string text:
                    foreach (var rune in text.EnumerateRunes())
                        if (rune.Value >= 0x80 && !held.Contains(rune.Value))
                            return ($"'{rune}' (U+{rune.Value:X4}) has no equivalent in the target database's encoding {encoding}",
                                "PostgreSQL refuses it there (error 22P05). Change the character at the source, or use a target database created with ENCODING 'UTF8'.");
                    return null;
                case KeyValuePair<string, string?> pair:
                    return Problem(pair.Key) ?? Problem(pair.Value);
                case System.Collections.IEnumerable items and not byte[]:
                    foreach (var item in items)
                        if (Problem(item) is { } problem) return problem;
                    return null;
                default:
                    return null;
            }
        }
        return (encoding, (value, _) => Problem(value));
    }

    // SQL_ASCII: a varchar(n) / char(n) holds n bytes, not n characters (TextEncodingProblemAsync)
    private static (string Problem, string Advice)? LongerInBytes(object? value, Schema.ColumnModel column)
    {
        if (column.Type is not { Kind: Schema.PortableType.String, Length: int length } || value is not string text) return null;
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        return bytes <= length ? null
            : ($"{Data.PortableValues.Describe(text)} is {bytes} bytes long in UTF-8, and a database whose encoding is SQL_ASCII counts {Dialects.SqlDialect.For(NexuSqlEngine.PostgreSql).ColumnTypeSql(column.Type)} in bytes",
                "PostgreSQL refuses it there (error 22001). Widen the column in the target (create the table yourself and copy with --data-only), " +
                "or use a target database created with ENCODING 'UTF8'.");
    }

    // PostgreSQL's single-byte server encodings (the multi-byte ones are EUC_*, MULE_INTERNAL, UTF8)
    private static readonly HashSet<string> SingleByteEncodings = new(StringComparer.Ordinal)
    {
        "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6", "LATIN7", "LATIN8", "LATIN9", "LATIN10",
        "WIN1250", "WIN1251", "WIN1252", "WIN1253", "WIN1254", "WIN1255", "WIN1256", "WIN1257", "WIN1258",
        "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "KOI8R", "KOI8U", "WIN866", "WIN874",
    };

    /// <inheritdoc/>
    /// <remarks>
    /// The server's start time (to the microsecond: it tells server instances apart however they are reached, through
    /// a pooler too), the database and the current schema (two schemas of one database are two places to copy between).
    /// </remarks>
    public override async Task<string?> DatabaseIdentityAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        await database.ExecuteScalarAsync<string>(
            "SELECT to_char(pg_postmaster_start_time() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '|' || current_database() || '|' || coalesce(current_schema(), '')",
            cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>
    /// Also a hot standby and its primary (or two standbys of one primary): two servers, one database, which a copy from
    /// the standby into the primary would drop while the standby replays the drop (bt41 F30: both were emptied). They
    /// share the cluster's <c>system_identifier</c>; one at least is in recovery (a clone made from a base backup and
    /// promoted shares it too, and is a database of its own). Where <c>pg_control_system()</c> is not readable, the server
    /// identity alone decides.
    /// </remarks>
    public override async Task<bool> IsSameDatabaseAsync(NexuSqlDatabase database, NexuSqlDatabase other, CancellationToken cancellationToken)
    {
        if (await base.IsSameDatabaseAsync(database, other, cancellationToken).ConfigureAwait(false)) return true;
        return await ReplicationIdentityAsync(database, cancellationToken).ConfigureAwait(false) is { } a
               && await ReplicationIdentityAsync(other, cancellationToken).ConfigureAwait(false) is { } b
               && a.Identity == b.Identity && (a.InRecovery || b.InRecovery);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A hot standby (<c>pg_is_in_recovery()</c>) holding sequences: each reads as the position its primary wrote to the
    /// WAL ahead of use (up to 32 values past the last one handed out), so a backup or copy of it records positions
    /// ahead of the primary's — a gap in the ids handed out next, never one used twice; pg_dump reads a standby alike
    /// (bt41 F31: "verified", and verify against the primary then named the sequence, without a word before).
    /// </remarks>
    public override async Task<IReadOnlyList<string>> TopologyWarningsAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        try
        {
            if (!await database.ExecuteScalarAsync<bool>("SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_sequence)", cancellationToken: cancellationToken).ConfigureAwait(false))
                return [];
        }
        catch (NexuSqlException e) when (e is not (NexuSqlConnectionException or NexuSqlTimeoutException))
        {
            return []; // not PostgreSQL's catalog (CockroachDB)
        }
        return ["the server is a hot standby: its sequences read as the positions the primary logged ahead of use (up to 32 values past the last one handed out), " +
                "so the next values they hand out after a restore or copy of this read skip some — a gap, never a value used twice (pg_dump reads a standby alike); " +
                "read the primary where the positions should be exact"];
    }

    private static async Task<(string Identity, bool InRecovery)?> ReplicationIdentityAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            var row = (await database.QueryAsync(
                "SELECT (SELECT system_identifier::text FROM pg_control_system()) || '|' || current_database() || '|' || coalesce(current_schema(), '') AS id, " +
                "pg_is_in_recovery() AS recovery", cancellationToken: cancellationToken).ConfigureAwait(false))[0];
            return row["id"] is string id ? (id, row.Get<bool>("recovery")) : null;
        }
        catch (NexuSqlException)
        {
            return null; // not readable by this user (or not PostgreSQL's control data: CockroachDB)
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <c>pg_class.reltuples</c> (kept by VACUUM and ANALYZE), or while that is unknown (-1: never analysed) the statistics
    /// system's <c>n_live_tup</c>, of the current schema's tables.
    /// </remarks>
    public override async Task<IReadOnlyDictionary<string, long>> EstimateRowCountsAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var rows = await database.QueryAsync<Row>(
            "SELECT c.relname, CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE coalesce(s.n_live_tup, 0) END " +
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid " +
            "WHERE c.relkind = 'r' AND n.nspname = current_schema()", cancellationToken: cancellationToken).ConfigureAwait(false);
        return rows.GroupBy(r => r.Get<string>(0), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Get<long>(1), StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    /// <remarks>Every schema but <c>pg_catalog</c>, <c>information_schema</c> and <c>pg_*</c> (toast, temp) that holds a table, a partitioned table included.</remarks>
    public override async Task<IReadOnlyList<string>> OtherSchemasAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        [.. await database.QueryAsync<string>(
            "SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') " +
            "AND n.nspname IS DISTINCT FROM current_schema() AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' " +
            "ORDER BY n.nspname", cancellationToken: cancellationToken).ConfigureAwait(false)];

    /// <inheritdoc/>
    /// <remarks><c>search_path</c> set to the schema alone, quoted (a schema <c>App</c> is not <c>app</c>).</remarks>
    public override DatabaseUrl UrlInSchema(DatabaseUrl url, string schema)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        return url.WithOption("search_path", "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
    }

    /// <inheritdoc/>
    public override bool SupportsMigrationLock => true;

    /// <inheritdoc/>
    /// <remarks>
    /// Behind a transaction-mode pooler (<c>?pooler=transaction</c>) the lease-based
    /// <see cref="Migrations.LeaseMigrationLock"/>: a session-level advisory lock would be taken on whichever server
    /// session served that one statement, and other migrators' statements could run on that very session. Each kind
    /// waits while a migrator holds the other.
    /// </remarks>
    public override async Task<IAsyncDisposable> AcquireMigrationLockAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return TransactionPooled(database.Url)
            ? await PostgreSqlMigrationLock.AcquireLeaseAsync(database, scope, timeout, cancellationToken).ConfigureAwait(false)
            : await PostgreSqlMigrationLock.AcquireAsync(database, scope, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A migration runs in one transaction here, but a backup or copy reads the schema before its rows' snapshot begins:
    /// it waits for a running migrator and holds the next one off with the advisory lock (behind a transaction-mode
    /// pooler: waits only). bt37 M10.
    /// </remarks>
    public override async Task<IAsyncDisposable?> HoldMigrationsAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return await PostgreSqlMigrationLock.HoldAsync(database, scope, timeout, TransactionPooled(database.Url), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Behind a transaction-mode pooler, or for a migrator that went through one, the lease of <paramref name="scope"/> only.</remarks>
    public override async Task<string?> RunningMigratorAsync(NexuSqlDatabase database, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return (TransactionPooled(database.Url) ? null : await PostgreSqlMigrationLock.AnyHolderAsync(database, cancellationToken).ConfigureAwait(false))
               ?? await MigrationLockHolderAsync(database, scope, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override Task<string?> MigrationLockHolderAsync(NexuSqlDatabase database, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return HolderAsync();

        // either kind: a migrator connected directly holds the advisory lock, one behind a pooler the lease
        async Task<string?> HolderAsync() =>
            await PostgreSqlMigrationLock.HolderAsync(database, scope, cancellationToken).ConfigureAwait(false)
            ?? await Migrations.LeaseMigrationLock.HolderAsync(database, scope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Binary COPY where every column has a wire type; otherwise parameterised multi-row INSERTs.</summary>
    public override Task<long> BulkLoadAsync(DbConnection connection, DbTransaction? transaction, Schema.TableModel table,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        connection is NpgsqlConnection npgsql && Engine == NexuSqlEngine.PostgreSql && PostgreSqlBulkLoader.CanCopy(table)
            ? PostgreSqlBulkLoader.CopyAsync(this, npgsql, transaction, table, rows, cancellationToken)
            : base.BulkLoadAsync(connection, transaction, table, PostgreSqlBulkLoader.NativeAsText(table, rows), cancellationToken);

    /// <summary>Engine-native values (arrays, enums, tsvector, ... read as text) go as untyped literals the server parses as the column's type.</summary>
    public override void PrepareParameter(DbParameter parameter, Schema.ColumnType type)
    {
        if (parameter is not NpgsqlParameter npgsql) return;
        if (type.Kind == Schema.PortableType.Native) npgsql.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Unknown;
        // a TimeSpan would go as interval, and interval → time keeps the time of day: 24:00:00 became 00:00:00
        else if (type.Kind == Schema.PortableType.Time) npgsql.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Time;
    }

    /// <inheritdoc/>
    public override void PrepareJsonParameter(DbParameter parameter)
    {
        if (parameter is NpgsqlParameter npgsql) npgsql.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Unknown;
    }

    /// <summary>Npgsql's <c>NpgsqlDataSource.Clear()</c>: idle connections are closed, busy ones when given back.</summary>
    public override void ClearPool(DbDataSource dataSource)
    {
        if (dataSource is NpgsqlDataSource npgsql) npgsql.Clear();
    }

    /// <summary>Every column in text format (Npgsql's <c>AllResultTypesAreUnknown</c>): exactly what psql prints.</summary>
    public override bool PrepareResultText(DbCommand command)
    {
        if (command is not NpgsqlCommand npgsql) return false;
        npgsql.AllResultTypesAreUnknown = true;
        return true;
    }

    /// <inheritdoc/>
    public override Data.ResultValueKind ResultKindOf(string dataTypeName) => (dataTypeName ?? "").Split('(')[0] switch
    {
        "smallint" or "integer" or "bigint" or "numeric" or "real" or "double precision" or "oid" => Data.ResultValueKind.Number,
        "boolean" => Data.ResultValueKind.Boolean,
        "bytea" => Data.ResultValueKind.Binary,
        _ => Data.ResultValueKind.Text,
    };

    /// <summary>Text as psql prints it (booleans <c>t</c>/<c>f</c>, which JSON output writes as true/false); bytea from its hex form (<c>\x00ff</c>, the server default).</summary>
    public override object ReadResultValue(DbDataReader reader, int ordinal, Data.ResultColumn column, bool asText)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(column);
        if (!asText) return reader.GetValue(ordinal);
        var text = reader.GetString(ordinal);
        return column.Kind switch
        {
            Data.ResultValueKind.Binary when text.StartsWith("\\x", StringComparison.Ordinal) => Convert.FromHexString(text.AsSpan(2)),
            _ => text,
        };
    }

    /// <summary>
    /// In a database whose encoding is SQL_ASCII (the server's <c>server_encoding</c>, reported at connect), text is read
    /// through <see cref="Dialects.PostgreSqlDialect.SelectSqlAsciiDataSql"/>: bytes that are not UTF-8 are refused by key
    /// instead of failing the whole read with 22021 (break test 27 K7).
    /// </summary>
    public override string SelectDataSql(DbConnection connection, Schema.ColumnModel column) =>
        connection is NpgsqlConnection npgsql && Dialect is Dialects.PostgreSqlDialect dialect
            && npgsql.PostgresParameters.TryGetValue("server_encoding", out var encoding) && encoding == "SQL_ASCII"
            ? dialect.SelectSqlAsciiDataSql(column)
            : base.SelectDataSql(connection, column);

    /// <summary>
    /// 22P05 "character with byte sequence 0xf5 0xa1 in encoding "EUC_JP" has no equivalent in encoding "UTF8"" (a
    /// database in a legacy encoding holding a user-defined character) or 22021 "invalid byte sequence for encoding
    /// "UTF8"": the rows whose text holds those bytes, read in the database's own encoding (break test 27 K7).
    /// </summary>
    public override (string Where, string Problem)? UnsendableTextCheck(DbException exception, Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (exception is not PostgresException { SqlState: "22P05" or "22021" } pg || Dialect is not Dialects.PostgreSqlDialect dialect) return null;
        var bytes = System.Text.RegularExpressions.Regex.Matches(pg.MessageText, "0x([0-9a-fA-F]{2})").Select(m => m.Groups[1].Value).ToList();
        var encoding = System.Text.RegularExpressions.Regex.Match(pg.MessageText, "in encoding \"([^\"]+)\" has no equivalent") is { Success: true } m ? m.Groups[1].Value : null;
        if (bytes.Count == 0 || dialect.ContainsBytesSql(column, string.Concat(bytes)) is not { } where) return null;
        var hex = string.Concat(bytes).ToUpperInvariant();
        return (where, encoding is null
            ? $"the text is not valid UTF-8: it holds the bytes {hex}, which PostgreSQL cannot send as UTF-8 (error 22021)"
            : $"the text holds the character with bytes {hex} in the database's encoding {encoding}, which has no equivalent in Unicode: PostgreSQL cannot send it as UTF-8 (error 22P05)");
    }

    /// <summary>
    /// Dates and timestamps in PostgreSQL's raw form (<see cref="PostgreSqlTemporal"/>): year 1 stays year 1, and
    /// infinity, -infinity and BC dates arrive as <see cref="Data.SpecialTemporal"/>.
    /// </summary>
    /// <remarks>
    /// Text a SQL_ASCII database holds that is not valid UTF-8 arrives as <see cref="Dialects.SqlDialect.UnfaithfulTextMarker"/>
    /// and its bytes (<see cref="SelectDataSql"/>) and is refused, as SQLite's is: the caller names table, column and key.
    /// </remarks>
    /// <exception cref="FormatException">The text is not valid UTF-8; the message gives its bytes in hex and what to do.</exception>
    public override object ReadDataValue(DbDataReader reader, int ordinal, Schema.ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(type);
        if (type.Kind is Schema.PortableType.String or Schema.PortableType.Text or Schema.PortableType.Json or Schema.PortableType.Native)
        {
            var value = reader.GetValue(ordinal);
            if (value is string { Length: > 0 } marked && marked[0] == '\u0001' && marked.StartsWith(Dialects.SqlDialect.UnfaithfulTextMarker, StringComparison.Ordinal))
            {
                var hex = marked[Dialects.SqlDialect.UnfaithfulTextMarker.Length..].ToUpperInvariant();
                throw new FormatException($"the text is not valid UTF-8: bytes {(hex.Length > 64 ? hex[..64] + "…" : hex)}; the database's encoding is SQL_ASCII, " +
                    "which stores whatever bytes it is given, and every other engine (and a UTF-8 PostgreSQL database) holds text as characters. " +
                    "Fix its encoding at the source (store it as UTF-8), or keep the bytes in a bytea column");
            }
            // a MariaDB column carried into PostgreSQL's type (Schema.MySqlTypesInPostgreSql), in MariaDB's value form:
            // an unsigned BIT(64) number above bigint's range, an INET6 address as MariaDB spells it
            if (value is decimal bits && Schema.MySqlTypesInPostgreSql.BitWidth(type.Native) is not null)
                return bits <= long.MaxValue ? (object)(long)bits : (ulong)bits;
            if (value is string address && Schema.MySqlTypesInPostgreSql.IsInet6(type.Native)) return Data.Inet6Text.MariaDb(address);
            return value;
        }
        if (type.Kind is not (Schema.PortableType.Date or Schema.PortableType.Timestamp or Schema.PortableType.TimestampTz or Schema.PortableType.Time)
            || reader.IsDBNull(ordinal))
            return reader.GetValue(ordinal);
        if (type.Kind == Schema.PortableType.Time) return reader.GetFieldValue<TimeSpan>(ordinal); // 24:00:00 is no TimeOnly
        return type.Kind == Schema.PortableType.Date
            ? PostgreSqlTemporal.FromDate(reader.GetFieldValue<int>(ordinal))
            : PostgreSqlTemporal.FromTimestamp(reader.GetFieldValue<long>(ordinal), type.Kind == Schema.PortableType.TimestampTz);
    }

    /// <summary>
    /// Npgsql writes timestamptz only from UTC values; any offset is converted to UTC first (same instant). A
    /// <see cref="Data.SpecialTemporal"/> goes as its text, which the column's CAST parses. A NaN goes as PostgreSQL's
    /// own <c>'NaN'</c> (<c>0x7ff8…</c>), not as .NET's negative one (<see cref="Data.PortableValues.OneNaN"/>).
    /// </summary>
    public override object ToDbValue(object value) => value switch
    {
        DateTimeOffset { Offset.Ticks: not 0 } dto => dto.ToUniversalTime(),
        Data.SpecialTemporal special => special.Text,
        double or float => Data.PortableValues.OneNaN(value)!,
        _ => value,
    };

    /// <summary>"function nope(integer) does not exist" → nope (schema-qualified when the message is); null for other messages (operators).</summary>
    private static string? FunctionName(string message)
    {
        const string prefix = "function ";
        if (!message.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var open = message.IndexOf('(', prefix.Length);
        return open > prefix.Length ? message[prefix.Length..open].Trim('"') : null;
    }
}
