using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

[assembly: NexuSql.NexuSqlProvider(typeof(NexuSql.Sqlite.SqliteProvider))]

namespace NexuSql.Sqlite;

/// <summary>
/// SQLite through Microsoft.Data.Sqlite. Foreign keys are enforced on every connection; <c>sqlite::memory:</c> is a
/// shared in-memory database that lives as long as the <see cref="NexuSqlDatabase"/>.
/// </summary>
public sealed class SqliteProvider : NexuSqlProvider
{
    static SqliteProvider() => SQLitePCL.Batteries_V2.Init();

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.Sqlite;

    private static readonly Dictionary<string, string> NoAliases = [];

    /// <summary>
    /// <c>sqlite3_interrupt</c> on the connection when the token is cancelled: the running statement stops at its next
    /// step with SQLITE_INTERRUPT and its changes are rolled back (SQLite C API, "Interrupt A Long-Running Query"); a
    /// statement started later on the connection is not affected once the registration is disposed.
    /// </summary>
    internal override IDisposable? InterruptOnCancel(DbConnection connection, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled && connection is SqliteConnection { Handle: { } handle }
            ? cancellationToken.Register(static h => SQLitePCL.raw.sqlite3_interrupt((SQLitePCL.sqlite3)h!), handle)
            : null;

    /// <summary>Microsoft.Data.Sqlite's getters convert between SQLite's storage classes (TEXT → Guid, INTEGER → bool, ...).</summary>
    public override bool TypedGettersConvert => true;

    /// <inheritdoc/>
    public override DbDataSource CreateDataSource(DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new SqliteDataSource(Builder(url).ConnectionString, keepAlive: url.IsInMemory);
    }

    private static SqliteConnectionStringBuilder Builder(DatabaseUrl url)
    {
        var builder = new SqliteConnectionStringBuilder { ForeignKeys = true, DefaultTimeout = 30 };
        if (url.IsInMemory)
        {
            builder.DataSource = "nexusql-memory-" + Guid.NewGuid().ToString("N");
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }
        else
        {
            builder.DataSource = url.Database;
        }
        UrlOptions.ApplyTo(builder, url, NoAliases, ["Data Source"]);
        // foreign keys stay on: a load relies on them to refuse the rows the database would (bt41 F6: ?foreign_keys=false
        // let an import write orphans and report none rejected)
        if (builder.ForeignKeys != true)
            throw new ArgumentException("The SQLite URL option foreign_keys turns foreign keys off: NexuSQL keeps them on, so that what it writes holds its " +
                                        "references and every check sees the database's own rules. Remove it from the URL.", "url");
        return builder;
    }

    /// <summary>
    /// Collations by name in <c>PRAGMA collation_list</c>, regardless of case: SQLite's own BINARY, NOCASE and RTRIM
    /// and those the connection registers (bt44 L1: a MariaDB dump's <c>utf8mb4_bin</c> column applied here failed with a
    /// raw "no such collation sequence" and left an empty file).
    /// </summary>
    public override async Task<IReadOnlySet<string>> UndefinedCollationsAsync(NexuSqlDatabase database, IReadOnlyList<string> collations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(collations);
        var known = (await database.QueryAsync<string>("SELECT name FROM pragma_collation_list", cancellationToken: cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return collations.Where(c => !known.Contains(c)).ToHashSet(StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <c>sqlite::memory:</c> (<c>sqlite:///:memory:</c>), a <c>mode=memory</c> option (<c>sqlite:///x.db?mode=memory</c>:
    /// an in-memory database named x.db, no file), and a SQLite URI file name that says so (<c>file::memory:</c>,
    /// <c>file:x.db?mode=memory</c>), and SQLite's memdb VFS (<c>?vfs=memdb</c>).
    /// </remarks>
    public override bool IsInMemory(DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsInMemory) return true;
        var builder = Builder(url);
        var source = builder.DataSource;
        // SQLite's memdb VFS keeps the database in memory too, whatever the file name (bt41 F21: a copy into it said "counts and hashes match")
        return builder.Mode == SqliteOpenMode.Memory || source == ":memory:"
            || builder.TryGetValue("Vfs", out var vfs) && string.Equals(vfs as string, "memdb", StringComparison.OrdinalIgnoreCase)
            || source.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase)
            // (a URI file name's own query too: sqlite:///file:x.db%3Fvfs%3Dmemdb reached SQLite as file:x.db?vfs=memdb; bt42 F21)
            || (source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
                && (source.Contains("mode=memory", StringComparison.OrdinalIgnoreCase) || source.Contains("vfs=memdb", StringComparison.OrdinalIgnoreCase)));
    }

    /// <inheritdoc/>
    public override DbDataSource CreateDataSource(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return new SqliteDataSource(builder.ConnectionString, keepAlive: builder.Mode == SqliteOpenMode.Memory);
    }

    /// <summary>A temporary database file, deleted on dispose.</summary>
    public override Task<ScratchDatabase> CreateScratchDatabaseAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nexusql-scratch-{Guid.NewGuid():N}.db");
        var scratch = NexuSqlDatabase.Open(DatabaseUrl.Parse("sqlite:///" + path), database.Options);
        return Task.FromResult(new ScratchDatabase(scratch, async () =>
        {
            await scratch.DisposeAsync().ConfigureAwait(false);
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }));
    }

    /// <inheritdoc/>
    public override bool SupportsSchemaReading => true;

    /// <inheritdoc/>
    public override async Task<Schema.SchemaModel> ReadSchemaAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        await SqliteRoutineReader.AddToAsync(database, await SqliteSchemaReader.ReadAsync(database, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The rowids of rowid tables without a primary key, where they are not 1 to the row count: there the rowid is the
    /// only name a row has (with a declared key — <c>id INT PRIMARY KEY</c> — it is an internal detail), and it is no column, so copy and restore write the rows without it and the target numbers them again from 1 (as
    /// SQLite's own <c>VACUUM</c> and <c>sqlite3 .dump</c> without <c>--preserve-rowids</c> may) — bt29 M12. One line per
    /// table with its count, lowest, highest and an XxHash64 of the rowids in order, so copy and backup say what they do
    /// not carry and <c>verify --against</c> names the renumbering instead of "OK".
    /// </summary>
    public override async Task<IReadOnlyList<string>> ContentOutsideTablesAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var schema = await SqliteSchemaReader.ReadAsync(database, cancellationToken).ConfigureAwait(false);
        var lines = new List<string>();
        await using var session = await database.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in schema.Tables.Where(t => t.Virtual is null && !t.WithoutRowid && t.PrimaryKey is null && !t.Columns.Any(c => c.Identity)))
        {
            // a declared column named rowid shadows the alias (its values are a column, compared as one): the rowid is read
            // through an alias no column takes, and not at all when all three are taken (bt41 F27: a column rowid was
            // named as rowids "which are no column")
            if (new[] { "rowid", "oid", "_rowid_" }.FirstOrDefault(a => !table.Columns.Any(c => string.Equals(c.Name, a, StringComparison.OrdinalIgnoreCase))) is not { } rowid)
                continue;
            var name = database.Dialect.QuoteIdentifier(table.Name);
            var range = (await session.QueryAsync($"SELECT count(*) AS n, min({rowid}) AS lo, max({rowid}) AS hi FROM {name}", cancellationToken: cancellationToken).ConfigureAwait(false))[0];
            var (count, low, high) = (Convert.ToInt64(range["n"], CultureInfo.InvariantCulture), range["lo"], range["hi"]);
            if (count == 0 || Convert.ToInt64(low, CultureInfo.InvariantCulture) == 1 && Convert.ToInt64(high, CultureInfo.InvariantCulture) == count) continue;
            var hash = new System.IO.Hashing.XxHash64();
            var bytes = new byte[8];
            await foreach (var row in session.QueryStreamAsync($"SELECT {rowid} AS r FROM {name} ORDER BY {rowid}", cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes, Convert.ToInt64(row["r"], CultureInfo.InvariantCulture));
                hash.Append(bytes);
            }
            lines.Add($"rowids of {table.Name}: {count} rows numbered {low} to {high} (hash {hash.GetCurrentHashAsUInt64():x16}), which are no column: " +
                      "the target numbers the rows again from 1 (give the table an INTEGER PRIMARY KEY to keep them)");
        }
        return lines;
    }

    /// <inheritdoc/>
    /// <remarks>SQLite keeps no estimate: each table's <c>count(*)</c> (a walk of its b-tree's pages, no row decoded; ~65 ms per million rows).</remarks>
    public override async Task<IReadOnlyDictionary<string, long>> EstimateRowCountsAsync(NexuSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var counts = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var rows = await database.QueryAsync(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", cancellationToken: cancellationToken).ConfigureAwait(false);
        var modules = await SqliteSchemaReader.ModulesAsync(database, cancellationToken).ConfigureAwait(false);
        // a virtual table of a module this SQLite lacks cannot be counted (its reading is refused by name elsewhere)
        // nor a contentless FTS4 table (SQLite refuses to scan one: "SQL logic error"), whose rows are not carried
        var readable = rows.Where(r => Dialects.SqliteVirtualTable.Parse((string?)r["sql"] ?? "") is not { } v || modules.Contains(v.Module) && !v.Contentless);
        foreach (var table in readable.Select(r => (string)r["name"]!))
            counts[table] = await database.ExecuteScalarAsync<long>($"SELECT count(*) FROM {database.Dialect.QuoteIdentifier(table)}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return counts;
    }

    /// <inheritdoc/>
    public override bool SupportsMigrationLock => true;

    /// <inheritdoc/>
    public override Task<IAsyncDisposable> AcquireMigrationLockAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken cancellationToken) =>
        SqliteMigrationLock.AcquireAsync(database, scope, timeout, cancellationToken);

    /// <inheritdoc/>
    public override NexuSqlException TranslateException(DbException exception)
    {
        if (exception is not SqliteException e)
            return new NexuSqlException(Describe(exception, null), Engine, null, exception);
        var code = e.SqliteExtendedErrorCode.ToString(CultureInfo.InvariantCulture);
        var message = Describe(e, code);
        var (table, column) = ParseTarget(e.Message);
        return e.SqliteExtendedErrorCode switch
        {
            2067 or 1555 => new NexuSqlConstraintException(ConstraintKind.Unique, message, Engine, code, e, tableName: table, columnName: column),
            787 => new NexuSqlConstraintException(ConstraintKind.ForeignKey, message, Engine, code, e),
            1299 => new NexuSqlConstraintException(ConstraintKind.NotNull, message, Engine, code, e, tableName: table, columnName: column),
            275 => new NexuSqlConstraintException(ConstraintKind.Check, message, Engine, code, e, constraintName: column ?? table),
            // SQLITE_CONSTRAINT_DATATYPE: like PostgreSQL's 22P02 for 'abc' into bigint, a value error rather than a constraint
            3091 => new NexuSqlException(message + " The table is STRICT: give the column a value of its declared type.", Engine, code, e),
            _ => e.SqliteErrorCode switch
            {
                5 or 6 => new NexuSqlTransientException(message + " Another connection holds a lock on the database.", Engine, code, e),
                // SQLITE_TOOBIG, or more than SQLITE_MAX_VARIABLE_NUMBER parameters
                18 => Limit(),
                1 when e.Message.Contains("too many SQL variables", StringComparison.Ordinal) => Limit(),
                14 => new NexuSqlConnectionException(message + " Check that the file's folder exists and is writable.", Engine, code, e, isTransient: false),
                // SQLITE_NOTADB: running the same command again cannot help (bt35 L8); SQLite read and wrote nothing in it
                26 => new NexuSqlConnectionException(message + " The URL's file is not a SQLite database (a wrong path, or an encrypted or damaged file), and it was " +
                    "left as it is: check the path in the URL, or give the path of a new file to create one.", Engine, code, e, isTransient: false),
                // SQLITE_FULL: the disk under the database file (or its journal), or the database's max_page_count
                13 => new NexuSqlStorageFullException(message + " The disk holding the database file is full (or the database is at its max_page_count): " +
                    "the statement was rolled back. Free space there, then run it again.", Engine, code, e),
                1 when Undefined(e.Message) is { } name => new NexuSqlUndefinedObjectException(message, name, Engine, code, e),
                1 when e.Message.Contains("syntax error", StringComparison.Ordinal) || e.Message.Contains("incomplete input", StringComparison.Ordinal)
                    => new NexuSqlSyntaxException(message, Engine, code, e),
                _ => new NexuSqlException(message, Engine, code, e),
            },
        };

        NexuSqlLimitException Limit() => new(message + " This is a limit of SQLite (32,766 parameters; 1,000,000,000 bytes per value " +
            "or statement): send fewer values per statement.", Engine, code, e);
    }

    /// <summary>"no such table: main.orders" → main.orders (also column, function); null for other messages.</summary>
    private static string? Undefined(string message)
    {
        foreach (var marker in (ReadOnlySpan<string>)["no such table: ", "no such column: ", "no such function: "])
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) return message[(at + marker.Length)..].Split('\'', 2)[0].Trim();
        }
        return null;
    }

    /// <summary>"UNIQUE constraint failed: users.email" → (users, email).</summary>
    private static (string? Table, string? Column) ParseTarget(string message)
    {
        var marker = "constraint failed: ";
        var at = message.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return (null, null);
        var target = message[(at + marker.Length)..].Split([',', '\''], 2)[0].Trim();
        var dot = target.IndexOf('.');
        return dot < 0 ? (target, null) : (target[..dot], target[(dot + 1)..]);
    }

    /// <summary>One prepared INSERT per row inside the caller's transaction: SQLite's fastest path.</summary>
    public override Task<long> BulkLoadAsync(DbConnection connection, DbTransaction? transaction, Schema.TableModel table,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        Data.BulkInsert.PreparedAsync(this, connection, transaction, table, rows, cancellationToken);

    /// <summary>
    /// The driver's value, except that TEXT which is not valid UTF-8 (SQLite stores whatever bytes it is given, e.g.
    /// <c>CAST(x'4a6f73e9' AS TEXT)</c>) is refused instead of arriving with U+FFFD in place of the bad bytes: the driver
    /// decodes lossily, so two different values could become one and a copy would still hash equal.
    /// </summary>
    /// <exception cref="FormatException">The text is not valid UTF-8; the message gives its bytes in hex and what to do.</exception>
    public override object ReadDataValue(DbDataReader reader, int ordinal, Schema.ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var value = reader.GetValue(ordinal);
        if (value is string text && text.Contains('\uFFFD', StringComparison.Ordinal))
        {
            var bytes = reader.GetFieldValue<byte[]>(ordinal);
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
                throw new Data.UnreadableTextException(
                    $"the text is not valid UTF-8: bytes {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 32)))}{(bytes.Length > 32 ? "…" : "")}; " +
                    "fix its encoding, or keep the bytes as a BLOB: UPDATE ... SET col = CAST(col AS BLOB)", bytes);
        }
        return value;
    }

    /// <inheritdoc/>
    /// <remarks>Text that is not valid UTF-8 is refused as <see cref="ReadDataValue"/> refuses it: the driver would give U+FFFD for its bytes.</remarks>
    public override object ReadResultValue(DbDataReader reader, int ordinal, Data.ResultColumn column, bool asText) =>
        asText ? base.ReadResultValue(reader, ordinal, column, asText) : ReadDataValue(reader, ordinal, Schema.ColumnType.Parse("text"));

    /// <summary>
    /// SQLite stores what it is given; NexuSQL writes Guid, DateOnly, TimeOnly, TimeSpan and DateTimeOffset as ISO text so
    /// that values read the same from every engine and sort correctly.
    /// </summary>
    public override object ToDbValue(object value) => value switch
    {
        Guid g => g.ToString("D"),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan t => Data.PortableValues.TimeText(t), // 23:59:59.999999, as PostgreSQL and SQLite's time() write it (the driver: 23:59:59.9999990)
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        _ => value,
    };
}
