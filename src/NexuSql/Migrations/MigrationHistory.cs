using NexuSql.Dialects;

namespace NexuSql.Migrations;

/// <summary>
/// The history table: its DDL and every read and write. Identifiers go through the dialect's quoting and every
/// value is a parameter, whatever a script name or description contains.
/// </summary>
/// <remarks>
/// A table NexuSQL creates has Flyway's columns plus <c>failed_statement</c>. An existing table without that column
/// is Flyway's own (<c>flyway_schema_history</c>): it is used unchanged — no column is added, the failed statement of
/// a non-transactional migration is not recorded — and its checksums are Flyway's (see <see cref="IsFlywayTable"/>).
/// </remarks>
internal sealed class MigrationHistory(NexuSqlDatabase database, string table, string? schema = null)
{
    private string? _schema = schema;
    private bool _resolved = schema is not null;

    /// <summary>
    /// Where the engine has schemas to switch between (PostgreSQL, MySQL), the history table is named with the schema
    /// current when the command starts: a script that changes the <c>search_path</c> (pg_dump's
    /// <c>set_config('search_path', '', false)</c>) or <c>USE</c>s another database still records into it.
    /// </summary>
    private async Task ResolveSchemaAsync(CancellationToken ct)
    {
        if (_resolved) return;
        _resolved = true;
        if (Dialect.UseSchemaSql(table, untilTransactionEnds: false) is null) return;
        _schema = await database.ExecuteScalarAsync<string?>(Dialect.CurrentSchemaSql, cancellationToken: ct).ConfigureAwait(false);
    }

    internal const string Sql = "SQL";
    internal const string UndoSql = "UNDO_SQL";
    internal const string Baseline = "BASELINE";

    /// <summary>Flyway's marker of a missing migration that <c>flyway repair</c> marked as deleted.</summary>
    internal const string Delete = "DELETE";

    /// <summary>Flyway's marker (<c>&lt;&lt; Flyway Schema Creation &gt;&gt;</c>, version 0) of the schemas it created.</summary>
    internal const string Schema = "SCHEMA";

    private const string FlywayColumns =
        "installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success";

    private string Columns => IsFlywayTable ? FlywayColumns : FlywayColumns + ", failed_statement";

    /// <summary>Flyway's default history table.</summary>
    internal const string FlywayTableName = "flyway_schema_history";

    /// <summary>
    /// True once <see cref="ReadAsync"/> found an existing table without <c>failed_statement</c> (Flyway's), or when the
    /// table does not exist yet and has Flyway's name (<see cref="FlywayTableName"/>).
    /// </summary>
    public bool IsFlywayTable { get; private set; }

    private SqlDialect Dialect => database.Dialect;

    /// <summary>The table's name in SQL: qualified by <c>schema</c> (Flyway's <c>defaultSchema</c>) when one is given.</summary>
    private string Table => _schema is null ? Dialect.QuoteIdentifier(table) : Dialect.QuoteQualified(_schema, table);

    public string CreateSql
    {
        get
        {
            string T(SqlType type, int length = 0) => Dialect.TypeName(type, length);
            return $"CREATE TABLE {Table} (installed_rank {T(SqlType.Int32)} NOT NULL PRIMARY KEY, version {T(SqlType.VarChar, 50)} NULL, " +
                   $"description {T(SqlType.VarChar, 200)} NOT NULL, type {T(SqlType.VarChar, 20)} NOT NULL, script {T(SqlType.VarChar, 1000)} NOT NULL, " +
                   $"checksum {T(SqlType.Int32)} NULL, installed_by {T(SqlType.VarChar, 100)} NOT NULL, installed_on {T(SqlType.Timestamp)} NOT NULL, " +
                   $"execution_time {T(SqlType.Int32)} NOT NULL, success {T(SqlType.Boolean)} NOT NULL{(IsFlywayTable ? "" : $", failed_statement {T(SqlType.Int32)} NULL")})";
        }
    }

    public string InsertSql =>
        $"INSERT INTO {Table} ({Columns}) VALUES (:installed_rank, :version, :description, :type, :script, :checksum, " +
        ":installed_by, :installed_on, :execution_time, :success" + (IsFlywayTable ? ")" : ", :failed_statement)");

    public string NextRankSql => $"SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM {Table}";

    public async Task<bool> ExistsAsync(CancellationToken ct)
    {
        await ResolveSchemaAsync(ct).ConfigureAwait(false);
        var exists = _schema is null
            ? await database.ExecuteScalarAsync<long>(Dialect.TableExistsSql, new { name = table }, ct).ConfigureAwait(false) > 0
            : (await database.QueryAsync<string>(Dialect.SchemaTablesSql, new { schema = _schema }, ct).ConfigureAwait(false)).Contains(table, StringComparer.Ordinal);
        // a new table with Flyway's name is made in Flyway's shape, with Flyway's checksums: Flyway can take it back
        if (!exists) IsFlywayTable = string.Equals(table, FlywayTableName, StringComparison.OrdinalIgnoreCase);
        return exists;
    }

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (!await ExistsAsync(ct).ConfigureAwait(false)) await database.ExecuteRawAsync(CreateSql, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AppliedMigration>> ReadAsync(CancellationToken ct)
    {
        if (!await ExistsAsync(ct).ConfigureAwait(false)) return [];
        IsFlywayTable = !(await ColumnNamesAsync(ct).ConfigureAwait(false)).Contains("failed_statement", StringComparer.OrdinalIgnoreCase);
        return await database.QueryAsync<AppliedMigration>($"SELECT {Columns} FROM {Table} ORDER BY installed_rank", cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>The table's column names, from the driver's result metadata (no row is read).</summary>
    private async Task<List<string>> ColumnNamesAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {Table} WHERE 1 = 0";
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SchemaOnly, ct).ConfigureAwait(false);
            return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
        }
        catch (System.Data.Common.DbException e) when (e is not NexuSqlException)
        {
            throw database.Provider.TranslateException(e);
        }
    }

    /// <summary>Inserts a row through <paramref name="session"/> (the migration's transaction when there is one); returns its rank.</summary>
    public async Task<int> InsertAsync(NexuSqlSession session, AppliedMigration row, CancellationToken ct)
    {
        async Task<int> Insert()
        {
            var rank = await session.ExecuteScalarAsync<int>(NextRankSql, cancellationToken: ct).ConfigureAwait(false);
            await session.ExecuteAsync(InsertSql, Parameters(row with { InstalledRank = rank }), ct).ConfigureAwait(false);
            return rank;
        }
        // in the migration's transaction a transient failure aborts the whole unit: only a write of its own is repeated
        return session is NexuSqlDatabase ? await OnItsOwnAsync(Insert, ct).ConfigureAwait(false) : await Insert().ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a history write that commits on its own. A transient failure (a deadlock, a Galera certification conflict)
    /// rolled it back whole, so it is repeated a few times after a short jittered pause; the lock keeps other
    /// migrators from writing meanwhile.
    /// </summary>
    private static async Task<T> OnItsOwnAsync<T>(Func<Task<T>> write, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write().ConfigureAwait(false);
            }
            catch (NexuSqlTransientException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt + Random.Shared.Next(100)), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Records that a migration running without a transaction has reached statement <paramref name="statement"/>.</summary>
    /// <remarks>Not on a Flyway table, which has no column for it (the row stays failed, without the statement): there only whether the row is still there.</remarks>
    public Task<int> MarkProgressAsync(int rank, int statement, CancellationToken ct) => IsFlywayTable
        // Flyway's table has no column for it: whether the row is still there is the answer (0 was taken for "deleted
        // by another process" and stopped every multi-statement script on MariaDB, bt38 M1)
        ? OnItsOwnAsync(async () => (int)await database.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {Table} WHERE installed_rank = :rank", new { rank }, ct).ConfigureAwait(false), ct)
        : OnItsOwnAsync(() => database.ExecuteAsync($"UPDATE {Table} SET failed_statement = :statement WHERE installed_rank = :rank", new { statement, rank }, ct), ct);

    /// <summary>Marks a migration that ran without a transaction as complete.</summary>
    public Task<int> MarkSuccessAsync(int rank, int executionTime, CancellationToken ct) =>
        OnItsOwnAsync(() => database.ExecuteAsync(
            $"UPDATE {Table} SET success = :success{(IsFlywayTable ? "" : ", failed_statement = NULL")}, execution_time = :executionTime WHERE installed_rank = :rank",
            new { success = true, executionTime, rank }, ct), ct);

    /// <summary>The values of <see cref="InsertSql"/> for <paramref name="row"/>.</summary>
    public Dictionary<string, object?> Parameters(AppliedMigration row)
    {
        var values = AllParameters(row);
        if (IsFlywayTable) values.Remove("failed_statement");
        return values;
    }

    private static Dictionary<string, object?> AllParameters(AppliedMigration row) => new()
    {
        ["installed_rank"] = row.InstalledRank,
        ["version"] = row.Version,
        ["description"] = StoredDescription(row.Description),
        ["type"] = row.Type,
        ["script"] = Truncate(row.Script, 1000),
        ["checksum"] = row.Checksum,
        ["installed_by"] = Truncate(row.InstalledBy, 100),
        ["installed_on"] = row.InstalledOn,
        ["execution_time"] = row.ExecutionTime,
        ["success"] = row.Success,
        ["failed_statement"] = row.FailedStatement,
    };

    /// <summary>A description as the history keeps it: cut to the column's 200 characters (Flyway's width too).</summary>
    public static string StoredDescription(string description) => Truncate(description, 200);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    public Task<int> DeleteFailedAsync(CancellationToken ct) =>
        database.ExecuteAsync($"DELETE FROM {Table} WHERE success = :success", new { success = false }, ct);

    public Task<int> UpdateChecksumAsync(int rank, int checksum, CancellationToken ct) =>
        database.ExecuteAsync($"UPDATE {Table} SET checksum = :checksum WHERE installed_rank = :rank", new { checksum, rank }, ct);
}
