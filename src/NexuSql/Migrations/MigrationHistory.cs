using NexuSql.Dialects;

namespace NexuSql.Migrations;

/// <summary>
/// The history table: its DDL and every read and write. Identifiers go through the dialect's quoting and every
/// value is a parameter, whatever a script name or description contains.
/// </summary>
internal sealed class MigrationHistory(NexuSqlDatabase database, string table)
{
    internal const string Sql = "SQL";
    internal const string UndoSql = "UNDO_SQL";
    internal const string Baseline = "BASELINE";

    private const string Columns =
        "installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success, failed_statement";

    private SqlDialect Dialect => database.Dialect;

    private string Table => Dialect.QuoteIdentifier(table);

    public string CreateSql
    {
        get
        {
            string T(SqlType type, int length = 0) => Dialect.TypeName(type, length);
            return $"CREATE TABLE {Table} (installed_rank {T(SqlType.Int32)} NOT NULL PRIMARY KEY, version {T(SqlType.VarChar, 50)} NULL, " +
                   $"description {T(SqlType.VarChar, 200)} NOT NULL, type {T(SqlType.VarChar, 20)} NOT NULL, script {T(SqlType.VarChar, 1000)} NOT NULL, " +
                   $"checksum {T(SqlType.Int32)} NULL, installed_by {T(SqlType.VarChar, 100)} NOT NULL, installed_on {T(SqlType.Timestamp)} NOT NULL, " +
                   $"execution_time {T(SqlType.Int32)} NOT NULL, success {T(SqlType.Boolean)} NOT NULL, failed_statement {T(SqlType.Int32)} NULL)";
        }
    }

    public string InsertSql =>
        $"INSERT INTO {Table} ({Columns}) VALUES (:installed_rank, :version, :description, :type, :script, :checksum, " +
        ":installed_by, :installed_on, :execution_time, :success, :failed_statement)";

    public string NextRankSql => $"SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM {Table}";

    public async Task<bool> ExistsAsync(CancellationToken ct) =>
        await database.ExecuteScalarAsync<long>(Dialect.TableExistsSql, new { name = table }, ct).ConfigureAwait(false) > 0;

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (!await ExistsAsync(ct).ConfigureAwait(false)) await database.ExecuteRawAsync(CreateSql, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AppliedMigration>> ReadAsync(CancellationToken ct) =>
        await ExistsAsync(ct).ConfigureAwait(false)
            ? await database.QueryAsync<AppliedMigration>($"SELECT {Columns} FROM {Table} ORDER BY installed_rank", cancellationToken: ct).ConfigureAwait(false)
            : [];

    /// <summary>Inserts a row through <paramref name="session"/> (the migration's transaction when there is one); returns its rank.</summary>
    public async Task<int> InsertAsync(NexuSqlSession session, AppliedMigration row, CancellationToken ct)
    {
        var rank = await session.ExecuteScalarAsync<int>(NextRankSql, cancellationToken: ct).ConfigureAwait(false);
        await session.ExecuteAsync(InsertSql, Parameters(row with { InstalledRank = rank }), ct).ConfigureAwait(false);
        return rank;
    }

    /// <summary>Records that a migration running without a transaction has reached statement <paramref name="statement"/>.</summary>
    public Task<int> MarkProgressAsync(int rank, int statement, CancellationToken ct) =>
        database.ExecuteAsync($"UPDATE {Table} SET failed_statement = :statement WHERE installed_rank = :rank", new { statement, rank }, ct);

    /// <summary>Marks a migration that ran without a transaction as complete.</summary>
    public Task<int> MarkSuccessAsync(int rank, int executionTime, CancellationToken ct) =>
        database.ExecuteAsync($"UPDATE {Table} SET success = :success, failed_statement = NULL, execution_time = :executionTime WHERE installed_rank = :rank",
            new { success = true, executionTime, rank }, ct);

    public static Dictionary<string, object?> Parameters(AppliedMigration row) => new()
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
