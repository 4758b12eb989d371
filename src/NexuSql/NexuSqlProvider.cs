using System.Data.Common;
using NexuSql.Dialects;

namespace NexuSql;

/// <summary>
/// What one engine's project supplies to core: how to make a connection source from a URL or connection string,
/// how to turn the driver's exceptions into NexuSQL's, and how to hand values to the driver. Everything else
/// (SQL text, parameters, mapping, transactions) is engine-neutral core code.
/// </summary>
public abstract class NexuSqlProvider
{
    /// <summary>The engine this provider serves.</summary>
    public abstract NexuSqlEngine Engine { get; }

    /// <summary>The engine's text dialect.</summary>
    public virtual SqlDialect Dialect => SqlDialect.For(Engine);

    /// <summary>Creates a pooled connection source for a URL.</summary>
    /// <exception cref="ArgumentException">An option in the URL is not understood; the message names it.</exception>
    public abstract DbDataSource CreateDataSource(DatabaseUrl url);

    /// <summary>Creates a pooled connection source for a driver connection string.</summary>
    public abstract DbDataSource CreateDataSource(string connectionString);

    /// <summary>Turns a driver exception into NexuSQL's hierarchy, with the engine code attached.</summary>
    /// <remarks>Must never put a password or connection string into the message.</remarks>
    public abstract NexuSqlException TranslateException(DbException exception);

    /// <summary>
    /// True when the driver's typed getters (<c>GetInt32</c>, <c>GetGuid</c>, <c>GetDecimal</c>, ...) convert from any
    /// stored type themselves, as Microsoft.Data.Sqlite's do for SQLite's dynamic typing. The mapper then calls the
    /// getter of the member's type directly instead of boxing through a conversion.
    /// </summary>
    public virtual bool TypedGettersConvert => false;

    /// <summary>
    /// A connection source that prefers read replicas, built on <paramref name="primary"/>'s pool, or
    /// <see langword="null"/> when the engine or URL has no replicas (then reads use the primary).
    /// </summary>
    public virtual DbDataSource? CreateReadDataSource(DbDataSource primary) => null;

    /// <summary>Reads the live schema (tables, columns, keys, foreign keys, indexes) into the portable model.</summary>
    /// <exception cref="NotSupportedException">The provider cannot read schemas yet; check <see cref="SupportsSchemaReading"/> first.</exception>
    public virtual Task<Schema.SchemaModel> ReadSchemaAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"Reading the schema of a {Engine.DisplayName()} database is not supported yet.");

    /// <summary>
    /// Reads the live schema; with <paramref name="allSchemas"/>, also the tables and views of every non-system schema
    /// other than the connection's current one (PostgreSQL), each carrying its schema (<see cref="Schema.TableModel.Schema"/>).
    /// Without it (and on engines without schemas inside a database) the same as <see cref="ReadSchemaAsync(NexuSqlDatabase, CancellationToken)"/>,
    /// which names the other schemas in <see cref="Schema.SchemaModel.LeftOut"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The provider cannot read schemas yet; check <see cref="SupportsSchemaReading"/> first.</exception>
    public virtual Task<Schema.SchemaModel> ReadSchemaAsync(NexuSqlDatabase database, bool allSchemas, CancellationToken cancellationToken) =>
        ReadSchemaAsync(database, cancellationToken);

    /// <summary>
    /// The schemas (namespaces inside one database, as PostgreSQL's) other than the connection's current one that hold
    /// tables, ordered by name; empty for engines without them (the default). <see cref="ReadSchemaAsync(NexuSqlDatabase, CancellationToken)"/> reads the
    /// current schema only: a data comparison reads each of these through <see cref="UrlInSchema"/>, so that tables
    /// outside the current schema are compared (or reported missing) instead of passed over.
    /// </summary>
    public virtual Task<IReadOnlyList<string>> OtherSchemasAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>The URL of the same database with <paramref name="schema"/> as its current schema (PostgreSQL: <c>search_path</c>).</summary>
    /// <exception cref="NotSupportedException">The engine has no schemas inside a database (see <see cref="OtherSchemasAsync"/>).</exception>
    public virtual DatabaseUrl UrlInSchema(DatabaseUrl url, string schema) =>
        throw new NotSupportedException($"A {Engine.DisplayName()} database has no schemas of its own.");

    /// <summary>True when <see cref="ReadSchemaAsync(NexuSqlDatabase, CancellationToken)"/> is implemented.</summary>
    public virtual bool SupportsSchemaReading => false;

    /// <summary>
    /// Creates an empty database like <paramref name="database"/> (a temporary file for SQLite, a new database on the same
    /// server otherwise) and returns its URL; disposing the result drops it.
    /// </summary>
    public virtual Task<ScratchDatabase> CreateScratchDatabaseAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        ScratchDatabase.OnSameServerAsync(database, cancellationToken);

    /// <summary>
    /// Loads rows (portable values in <paramref name="table"/>'s column order, see <see cref="Data.PortableValues"/>)
    /// into an existing table through the engine's fastest path, inside <paramref name="transaction"/>. The default is
    /// multi-row parameterised INSERTs; PostgreSQL overrides it with binary COPY, SQLite with one prepared INSERT.
    /// Each row array may be reused by the caller once the next row is asked for. Returns the rows written.
    /// </summary>
    public virtual Task<long> BulkLoadAsync(DbConnection connection, DbTransaction? transaction, Schema.TableModel table,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        Data.BulkInsert.MultiRowAsync(this, connection, transaction, table, rows, cancellationToken);

    /// <summary>
    /// The select-list expression that reads <paramref name="column"/> for moving and comparing data (backup, copy,
    /// verify) on <paramref name="connection"/>: by default the dialect's <see cref="Dialects.SqlDialect.SelectDataSql"/>.
    /// A provider overrides it where the reading depends on the database (PostgreSQL: text in a SQL_ASCII database is
    /// checked for UTF-8, <see cref="Dialects.PostgreSqlDialect.SelectSqlAsciiDataSql"/>).
    /// </summary>
    public virtual string SelectDataSql(DbConnection connection, Schema.ColumnModel column) => Dialect.SelectDataSql(column);

    /// <summary>
    /// For an error the server gave because it cannot send a text value in the connection's encoding (PostgreSQL 22P05:
    /// a database in EUC_JP holding a character UTF-8 has no equivalent for), a WHERE condition finding the rows whose
    /// <paramref name="column"/> holds it and what to say about it, so the read names table, column and key; null for
    /// other errors and columns (the default).
    /// </summary>
    public virtual (string Where, string Problem)? UnsendableTextCheck(DbException exception, Schema.ColumnModel column) => null;

    /// <summary>
    /// Reads column <paramref name="ordinal"/> of the current row for moving data (backup, copy, compare), as the driver
    /// value <see cref="Data.PortableValues.Normalize"/> then makes portable. The default is <c>GetValue</c>;
    /// providers override it where that loses information (PostgreSQL reads dates and timestamps in their raw form,
    /// so infinities and years outside 1–9999 survive as <see cref="Data.SpecialTemporal"/>). NULL is DBNull.
    /// </summary>
    /// <exception cref="InvalidCastException">The driver cannot read the value.</exception>
    public virtual object ReadDataValue(DbDataReader reader, int ordinal, Schema.ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetValue(ordinal);
    }

    /// <summary>
    /// Drops the idle connections of <paramref name="dataSource"/>'s pool (after a connection was found dead, the others
    /// most likely are too). The default does nothing; the pool then finds them one by one.
    /// </summary>
    public virtual void ClearPool(DbDataSource dataSource)
    {
    }

    /// <summary>
    /// The first text between two <paramref name="quote"/> characters in an engine's error text
    /// (<c>relation "orders" does not exist</c> → <c>orders</c>); null when there is none.
    /// </summary>
    protected static string? QuotedName(string message, char quote)
    {
        ArgumentNullException.ThrowIfNull(message);
        var start = message.IndexOf(quote);
        if (start < 0) return null;
        var end = message.IndexOf(quote, start + 1);
        return end < 0 ? null : message[(start + 1)..end];
    }

    /// <summary>
    /// Asks the driver to return a query's values as the engine's own text when its CLR types would lose or refuse
    /// some (PostgreSQL: <c>infinity</c>, BC dates, <c>24:00:00</c>, <c>NaN</c>, numerics beyond <see cref="decimal"/>).
    /// Returns true when it did; the values are then read as strings and turned into results by
    /// <see cref="ReadResultValue"/>. The default leaves the command alone (the driver's values are exact).
    /// </summary>
    public virtual bool PrepareResultText(DbCommand command) => false;

    /// <summary>How values of the engine type <paramref name="dataTypeName"/> are written where types matter, when read as text.</summary>
    public virtual Data.ResultValueKind ResultKindOf(string dataTypeName) => Data.ResultValueKind.Text;

    /// <summary>
    /// Reads column <paramref name="ordinal"/> of a query result's current row (not NULL) for
    /// <see cref="NexuSqlSession.QueryResultAsync"/>. When <paramref name="asText"/> (<see cref="PrepareResultText"/>
    /// returned true) the value is the engine's text; otherwise the default is <c>GetValue</c>, which providers override
    /// where a driver refuses a value it could give exactly in another form.
    /// </summary>
    /// <exception cref="InvalidCastException">The driver cannot read the value.</exception>
    /// <exception cref="FormatException">The driver cannot read the value.</exception>
    /// <exception cref="OverflowException">The driver cannot read the value.</exception>
    public virtual object ReadResultValue(DbDataReader reader, int ordinal, Data.ResultColumn column, bool asText)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return asText ? reader.GetString(ordinal) : reader.GetValue(ordinal);
    }

    /// <summary>
    /// Sets driver-specific facts on a bulk-load parameter for a column of <paramref name="type"/> (PostgreSQL sends
    /// engine-native values as untyped text, so the server parses them as the column's own type).
    /// </summary>
    public virtual void PrepareParameter(DbParameter parameter, Schema.ColumnType type)
    {
    }

    /// <summary>
    /// Types a parameter whose value is JSON text (<see cref="SqlJson"/>, JsonElement, JsonNode ...) so the engine takes
    /// it as JSON without a CAST (PostgreSQL: untyped, so it becomes json or jsonb by what it meets). Nothing by default:
    /// text is what MySQL's JSON and SQLite expect.
    /// </summary>
    public virtual void PrepareJsonParameter(DbParameter parameter)
    {
    }

    /// <summary>Adapts a non-null parameter value to what the driver accepts (after enums became numbers).</summary>
    public virtual object ToDbValue(object value) => value;

    /// <summary>
    /// Declares that the driver returns values of <paramref name="driverType"/> (for example MySQL's <c>MySqlDateTime</c>)
    /// and how to turn each into a plain CLR value (DateTime, string, ...). Core applies it wherever it reads values
    /// (untyped rows, mapping, scalars, data movement), so no driver type reaches callers. Process-wide: a driver type
    /// belongs to one driver.
    /// </summary>
    protected static void AdaptDriverValues(Type driverType, Func<object, object> toPlain)
    {
        ArgumentNullException.ThrowIfNull(driverType);
        ArgumentNullException.ThrowIfNull(toPlain);
        Internal.DriverValues.Register(driverType, toPlain);
    }

    /// <summary>
    /// Takes the lock that makes concurrent migrators safe, scoped to this database and <paramref name="scope"/>
    /// (the history table). Waits up to <paramref name="timeout"/>; a waiter that gives up throws
    /// <see cref="NexuSqlTimeoutException"/> naming who holds the lock. Disposing releases it; so does the end of the
    /// process (a killed migrator never leaves the lock behind), at once for a session lock, or when its lease runs out
    /// for <see cref="Migrations.LeaseMigrationLock"/> (taken where a session lock would not hold: clusters, poolers).
    /// </summary>
    /// <exception cref="NotSupportedException">The provider has no migration lock; checked before any migration runs.</exception>
    public virtual Task<IAsyncDisposable> AcquireMigrationLockAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Engine.DisplayName()} has no migration lock in NexuSQL yet, so concurrent migrators would not be safe.");

    /// <summary>
    /// <see cref="AcquireMigrationLockAsync(NexuSqlDatabase, string, TimeSpan, CancellationToken)"/> for a migrator that
    /// writes into <paramref name="schemas"/> (its <c>schemas</c> and <c>defaultSchema</c>; empty: the connection's own).
    /// Where the database-wide part of the lock, which <see cref="HoldMigrationsAsync"/> waits for, is per schema
    /// (MariaDB/MySQL, whose schemas are databases) it is taken for each of them, so that a backup or copy of any of
    /// them waits for the migrator. The default ignores <paramref name="schemas"/>: a PostgreSQL database's schemas share its lock.
    /// </summary>
    /// <exception cref="NotSupportedException">The provider has no migration lock; checked before any migration runs.</exception>
    public virtual Task<IAsyncDisposable> AcquireMigrationLockAsync(NexuSqlDatabase database, string scope, IReadOnlyList<string> schemas, TimeSpan timeout, CancellationToken cancellationToken) =>
        AcquireMigrationLockAsync(database, scope, timeout, cancellationToken);

    /// <summary>
    /// Who holds the migration lock of <paramref name="scope"/> right now (a description: session, client, since
    /// when), or <see langword="null"/> when nobody does or this provider cannot tell. Read-only: takes no lock and
    /// writes nothing. <c>migrate info</c> and <c>validate</c> use it to tell a migration that is still running
    /// without a transaction (its history row says "failed at statement k" until it ends) from one that failed.
    /// </summary>
    public virtual Task<string?> MigrationLockHolderAsync(NexuSqlDatabase database, string scope, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <summary>
    /// Who <see cref="HoldMigrationsAsync"/> would wait for now (session, user, since when), or <see langword="null"/>:
    /// where the hold covers every migrator of the database whatever its history table (PostgreSQL, MariaDB/MySQL
    /// connected directly), any of them; elsewhere the holder of <paramref name="scope"/>'s lock
    /// (<see cref="MigrationLockHolderAsync"/>). A backup or copy names it while it waits. Writes nothing.
    /// </summary>
    public virtual Task<string?> RunningMigratorAsync(NexuSqlDatabase database, string scope, CancellationToken cancellationToken) =>
        MigrationLockHolderAsync(database, scope, cancellationToken);

    /// <summary>
    /// Keeps a snapshot (backup, copy) from beginning in the middle of a migration whose statements commit one by one:
    /// waits up to <paramref name="timeout"/> for the migrate that holds the migration lock of <paramref name="scope"/>
    /// (where the engine allows, for every migrate of the database, whatever its history table) to finish, and keeps the next one from starting until the handle returned is disposed (right after the snapshot
    /// began). Takes no lock that writes, so a read-only account can back up. Null where nothing needs to be held: the
    /// engine runs a migration's DDL and its history row in one transaction, and the snapshot waits for it by itself.
    /// </summary>
    /// <exception cref="NexuSqlTimeoutException">A migration still runs after <paramref name="timeout"/>.</exception>
    public virtual Task<IAsyncDisposable?> HoldMigrationsAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>True when <see cref="AcquireMigrationLockAsync(NexuSqlDatabase, string, TimeSpan, CancellationToken)"/> is implemented.</summary>
    public virtual bool SupportsMigrationLock => false;

    /// <summary>
    /// False when the URL says a pooler in front of the server hands each transaction whichever server session is
    /// free (PostgreSQL <c>?pooler=transaction</c>, PgBouncer's transaction mode): a session setting made between
    /// transactions would land on another client's session and not be there for the next statement. NexuSQL then
    /// makes no session settings, only transaction-local ones.
    /// </summary>
    public virtual bool KeepsSessionState(DatabaseUrl? url) => true;

    /// <summary>
    /// True when the database <paramref name="url"/> opens lives in this process's memory only (SQLite <c>:memory:</c>):
    /// whatever is written into it is gone when the process ends. The CLI refuses such a database as the target of a
    /// command whose point is what it leaves there (copy, restore, import, seed, migrate, schema apply). False by default.
    /// </summary>
    public virtual bool IsInMemory(DatabaseUrl url) => false;

    /// <summary>
    /// Makes <paramref name="session"/> see every write its server's cluster committed before this call, before it reads
    /// data to back up, copy or compare (on a MariaDB Galera node, which applies other nodes' commits some time after they
    /// returned: a backup right after another node committed 300,000 rows held none of them and still said "verified").
    /// Nothing to do by default. Called on each reading session before its snapshot begins, and once before the schema
    /// is read.
    /// </summary>
    /// <remarks>Throws what the session's statements throw (a wait the server gives up on: a timeout).</remarks>
    public virtual Task CatchUpAsync(NexuSqlConnection session, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The objects outside <paramref name="tables"/> that dropping them (PostgreSQL <c>DROP TABLE ... CASCADE</c>) would
    /// take with them, one description each (<c>rule t_upd_log on table t</c>, <c>policy pt on table t</c>, <c>default
    /// value for column lid of table t</c>, <c>view vv</c>), leaving out what is part of those tables or goes with them
    /// anyway, foreign keys and inheritance children (which the caller reads from the schema model); null where the
    /// engine cannot tell (then only the model's foreign keys, children and views are checked). A replace
    /// (<c>restore --tables T --replace</c>) is refused by them before anything changes.
    /// </summary>
    /// <param name="database">The database holding the tables.</param>
    /// <param name="tables">The tables to be dropped, as read from <paramref name="database"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public virtual Task<IReadOnlyList<string>?> ObjectsDroppedWithAsync(NexuSqlDatabase database, IReadOnlyList<Schema.TableModel> tables, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>?>(null);

    /// <summary>
    /// What the server's topology cannot handle well in the current database (a MariaDB Galera cluster: each table
    /// without a primary key), one sentence per problem; empty where nothing is known to be wrong. Read after
    /// migrations and before a copy writes into the database, and reported as warnings.
    /// </summary>
    public virtual Task<IReadOnlyList<string>> TopologyWarningsAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>
    /// What a bulk load into <paramref name="database"/> cannot carry in one value whatever its column: a function that
    /// gives the problem of a value and the advice (what to change), or null for a value it takes; null where loads
    /// have no such limit. Copy and restore into another engine's tables ask it before they write, so such a value is
    /// refused by table, column and key with nothing written (MySQL: a value larger than <c>max_allowed_packet</c>
    /// when LOAD DATA LOCAL is not allowed and rows go as INSERT statements).
    /// </summary>
    public virtual Task<Func<object?, (string Problem, string Advice)?>?> BulkLoadValueProblemAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        Task.FromResult<Func<object?, (string Problem, string Advice)?>?>(null);

    /// <summary>
    /// The text <paramref name="database"/>'s encoding cannot hold: the name of the database's encoding and a function
    /// giving the problem of a value in a column of the target (as it is created there) and the advice, or null for a
    /// value it holds; null where every text fits whatever the encoding (the default). Copy and restore check every value
    /// against it before anything is written, within one engine too unless the source has that encoding (PostgreSQL: a
    /// server_encoding such as LATIN1 refuses 'Ā' with 22P05 when the row is written; in SQL_ASCII varchar(n) counts bytes).
    /// </summary>
    public virtual Task<(string Encoding, Func<object?, Schema.ColumnModel, (string Problem, string Advice)?> Problem)?> TextEncodingProblemAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        Task.FromResult<(string Encoding, Func<object?, Schema.ColumnModel, (string Problem, string Advice)?> Problem)?>(null);

    /// <summary>
    /// What one statement's parameter into <paramref name="database"/> cannot carry whatever its column, in the shape of
    /// <see cref="BulkLoadValueProblemAsync"/>; null where statements have no such limit. Seed and import ask it once and
    /// check every record before writing it, so such a value is refused by table, column and key (seed) or its record
    /// rejected (import) instead of breaking the connection (MySQL: a value larger than <c>max_allowed_packet</c>, which
    /// the driver puts into the statement's text).
    /// </summary>
    public virtual Task<Func<object?, (string Problem, string Advice)?>?> StatementValueProblemAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        Task.FromResult<Func<object?, (string Problem, string Advice)?>?>(null);

    /// <summary>
    /// How copy, backup and restore carry the data the database holds outside its tables (PostgreSQL large objects, with
    /// their oids), or null where the engine has none (the default): then content of that kind from another engine is
    /// not carried and said so.
    /// </summary>
    public virtual Data.OutsideContent? OutsideContent => null;

    /// <summary>
    /// Data the database holds outside its tables (PostgreSQL large objects), one line each with its count and a content
    /// hash; empty where there is none. <c>verify --against</c> compares the two databases' lines: a difference is a data
    /// finding, never "OK". Copy and backup carry it where <see cref="OutsideContent"/> says how, and warn with these lines
    /// where they do not (another engine as the target, <c>--tables</c>).
    /// </summary>
    public virtual Task<IReadOnlyList<string>> ContentOutsideTablesAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>
    /// <paramref name="schema"/>'s tables as <paramref name="database"/>'s server must be told to create them so that
    /// they hold what the schema says, where its defaults differ from the usual ones (MariaDB/MySQL: an explicit
    /// <c>ROW_FORMAT=DYNAMIC</c> under <c>innodb_default_row_format</c> COMPACT or REDUNDANT, which index at most 767
    /// bytes of a key); each change said in <paramref name="warnings"/>. The schema itself by default.
    /// </summary>
    internal virtual Task<Schema.SchemaModel> ForServerDefaultsAsync(NexuSqlDatabase database, Schema.SchemaModel schema, List<string> warnings, CancellationToken cancellationToken) =>
        Task.FromResult(schema);

    /// <summary>
    /// The tables of <paramref name="tables"/> the connected user cannot read whole, each with why and what helps
    /// (PostgreSQL: no SELECT privilege; row-level security that a read with <c>row_security = off</c> refuses); empty
    /// when every one can be read or the engine cannot tell (the default).
    /// </summary>
    internal virtual Task<IReadOnlyList<string>> UnreadableTablesAsync(NexuSqlDatabase database, IReadOnlyList<Schema.TableModel> tables, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>
    /// Makes <paramref name="cancellationToken"/> stop the statement running on <paramref name="connection"/> where the
    /// driver's own cancellation does not reach it, until the returned registration is disposed (when the statement and
    /// its rows are done); null where the driver cancels by itself (Npgsql, MySqlConnector: the default).
    /// Microsoft.Data.Sqlite looks at the token only between rows (its <c>Cancel()</c> does nothing), so a long statement
    /// ran on after Ctrl-C or SIGTERM until the process was killed (bt42 N16).
    /// </summary>
    internal virtual IDisposable? InterruptOnCancel(DbConnection connection, CancellationToken cancellationToken) => null;

    /// <summary>
    /// Why <paramref name="database"/> takes no writes at all, with what helps (PostgreSQL: a hot standby, or
    /// <c>default_transaction_read_only</c> on for the database or user); null when it takes them or the engine cannot
    /// tell (the default). Copy and restore refuse by it before they write.
    /// </summary>
    internal virtual Task<string?> ReadOnlyReasonAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <summary>
    /// Why the database's sessions do not check foreign keys (or checks) as rows are written, set on the server's side
    /// for every session (PostgreSQL <c>session_replication_role = replica</c> for the database or role, MariaDB's global
    /// <c>foreign_key_checks = 0</c>), with what helps; null where they do (the default). Import and seed rely on the
    /// database to refuse a row that breaks a key, so they refuse by it before they write (bt41/bt42 F6: orphans loaded,
    /// "0 rejected").
    /// </summary>
    internal virtual Task<string?> UncheckedWritesReasonAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <summary>
    /// What to say when the server itself cancelled a statement while a connection was being opened (<paramref name="timeout"/>
    /// carries its code: PostgreSQL's driver runs a query of its own then, which the database's or user's
    /// <c>statement_timeout</c> can cut short): the whole message, with the server's error, the cause and what helps.
    /// Null: the engine names none.
    /// </summary>
    internal virtual string? ServerTimeoutWhileConnecting(NexuSqlDatabase database, NexuSqlTimeoutException timeout) => null;

    /// <summary>
    /// The privileges the connected user lacks in <paramref name="database"/> to create objects of these kinds
    /// (<c>table</c>, <c>view</c>, <c>function</c>, <c>procedure</c>, <c>trigger</c>): each kind mapped to the privilege it
    /// needs, with the GRANT that gives them; null when the user has them or the engine cannot tell (the default).
    /// </summary>
    internal virtual Task<(IReadOnlyDictionary<string, string> Privileges, string Grant)?> MissingCreatePrivilegesAsync(NexuSqlDatabase database,
        IReadOnlyList<string> kinds, CancellationToken cancellationToken) =>
        Task.FromResult<(IReadOnlyDictionary<string, string>, string)?>(null);

    /// <summary>
    /// Of <paramref name="typeNames"/> (engine type names that columns of a schema use, as the schema model spells them),
    /// the ones <paramref name="database"/> does not have, so that a copy or restore refuses by name before it writes
    /// instead of failing half-way (PostgreSQL: a composite type, an extension's type not installed). Empty by default:
    /// the engine's native types are its built-in ones.
    /// </summary>
    public virtual Task<IReadOnlySet<string>> UndefinedTypesAsync(NexuSqlDatabase database, IReadOnlyList<string> typeNames, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

    /// <summary>
    /// Of <paramref name="extensions"/>, the ones the server of <paramref name="database"/> cannot install (PostgreSQL:
    /// not in pg_available_extensions). All of them by default: the engine has no extensions.
    /// </summary>
    public virtual Task<IReadOnlySet<string>> UnavailableExtensionsAsync(NexuSqlDatabase database, IReadOnlyList<string> extensions, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(extensions ?? [], StringComparer.Ordinal));

    /// <summary>
    /// Of <paramref name="collations"/> (collation names that columns of a schema use), the ones <paramref name="database"/>
    /// does not have (PostgreSQL: one made by <c>CREATE COLLATION</c> in the source). Empty by default.
    /// </summary>
    public virtual Task<IReadOnlySet<string>> UndefinedCollationsAsync(NexuSqlDatabase database, IReadOnlyList<string> collations, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

    /// <summary>
    /// What identifies the database <paramref name="database"/> reaches however its URL is spelled (<c>127.0.0.1</c> or
    /// <c>localhost</c>, another option, a path through <c>./</c> or a symbolic link), so that a copy never drops the
    /// database it reads from: two databases with the same identity are one. Null when it cannot be told. By default:
    /// a database file's real path (symbolic links resolved), else null; server engines ask the server. A path cannot
    /// tell two hard links of one file apart: <see cref="IsSameDatabaseAsync"/> compares two database files by the file
    /// itself.
    /// </summary>

    public virtual Task<string?> DatabaseIdentityAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return Task.FromResult(database.Url?.FilePath is { } path ? "file:" + Internal.RealPath.Of(path) : null);
    }

    /// <summary>
    /// True when <paramref name="database"/> and <paramref name="other"/> (of this provider's engine) are one database,
    /// however they are reached: then a copy from one into the other would drop or overwrite what it reads. Two database
    /// files are compared by the file itself, so that two hard links of one file (<c>ln a.db b.db</c>) are one database
    /// as a symbolic link is: by an exclusive-open probe that writes nothing (see the remarks); where the probe cannot
    /// tell (a file held open on Windows, a file system without locks), by their real paths. Other databases are one
    /// when their <see cref="DatabaseIdentityAsync"/> is the same, and not when either identity is unknown.
    /// </summary>
    /// <remarks>
    /// .NET 10 gives no file identity (device and inode, volume serial and file index); an exclusive open
    /// (<see cref="FileShare.None"/>: a share mode on Windows, a <c>flock(2)</c> lock on Unix, independent of SQLite's
    /// <c>fcntl(2)</c> locks) belongs to the file, not to its name. The first path is held exclusively; the second is
    /// then opened exclusively: allowed means two files; refused, and allowed once the first is let go, means one. The
    /// probe first checks that a second exclusive open of the first path is refused, or it says nothing.
    /// </remarks>
    public virtual async Task<bool> IsSameDatabaseAsync(NexuSqlDatabase database, NexuSqlDatabase other, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(other);
        if (database.Url?.FilePath is { } path && other.Url?.FilePath is { } otherPath) return Internal.SameFile.Is(path, otherPath);
        return await DatabaseIdentityAsync(database, cancellationToken).ConfigureAwait(false) is { } identity
               && identity == await other.Provider.DatabaseIdentityAsync(other, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The number of rows of each table of the current schema as the catalog estimates it, for progress bars with totals
    /// (backup, copy): never exact and never used to check anything. Keys are table names (case-insensitive); a table the
    /// catalog has no estimate for is absent. By default: none (empty). It is read before a long read starts, so it must
    /// cost little next to that read (a catalog query; SQLite, which keeps no estimate, counts: a walk of the table's
    /// pages without decoding a row).
    /// </summary>
    public virtual Task<IReadOnlyDictionary<string, long>> EstimateRowCountsAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase));

    /// <summary>A connection string with every secret (password, pwd, ...) masked, safe to print.</summary>
    public virtual string RedactConnectionString(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in builder.Keys.Cast<string>().ToList())
        {
            if (DatabaseUrl.IsSecretOption(key)) builder[key] = "***";
        }
        return builder.ConnectionString;
    }

    /// <summary>Builds the generic message for a driver error: engine, code and the driver's text.</summary>
    protected string Describe(DbException exception, string? code)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = exception.Message;
        // Microsoft.Data.Sqlite starts its messages with "SQLite Error 1: ": said once, not twice
        var own = $"{Engine.DisplayName()} error {code}: ";
        if (code is not null && text.StartsWith(own, StringComparison.OrdinalIgnoreCase)) text = text[own.Length..];
        return code is null ? $"{Engine.DisplayName()}: {text}" : $"{own}{text}";
    }
}
