namespace NexuSql.Dialects;

/// <summary>SQLite: "identifiers" (also `x` and [x]), no nested comments, no backslash escapes.</summary>
public sealed class SqliteDialect : SqlDialect
{
    /// <summary>The shared instance.</summary>
    public static SqliteDialect Instance { get; } = new();

    private SqliteDialect() { }

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.Sqlite;

    /// <inheritdoc/>
    public override SqlLexicalRules Lexical { get; } = new() { BacktickIdentifiers = true, BracketIdentifiers = true };

    /// <inheritdoc/>
    public override DialectCapabilities Capabilities { get; } = new() { TransactionalDdl = true, Returning = true };

    /// <inheritdoc/>
    public override string ServerVersionSql => "SELECT sqlite_version()";

    /// <inheritdoc/>
    public override string TypeName(SqlType type, int length = 0) => type switch
    {
        SqlType.Boolean => "INTEGER",
        SqlType.Timestamp => "TEXT",
        _ => base.TypeName(type, length),
    };

    /// <inheritdoc/>
    public override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = :name";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> NonTransactionalStatements => ["VACUUM"];
}
