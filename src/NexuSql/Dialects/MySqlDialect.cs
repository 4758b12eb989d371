namespace NexuSql.Dialects;

/// <summary>MySQL/MariaDB: `identifiers`, backslash escapes, # comments, "--" needs a following space, no transactional DDL.</summary>
public sealed class MySqlDialect : SqlDialect
{
    /// <summary>The shared instance.</summary>
    public static MySqlDialect Instance { get; } = new();

    private MySqlDialect() { }

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.MySql;

    /// <inheritdoc/>
    public override SqlLexicalRules Lexical { get; } = new()
    {
        BackslashEscapesInStrings = true,
        DoubleQuotedStrings = true,
        HashComments = true,
        DashDashNeedsWhitespace = true,
        ExecutableComments = true,
        BacktickIdentifiers = true,
    };

    /// <inheritdoc/>
    public override DialectCapabilities Capabilities { get; } = new() { AdvisoryLocks = true };

    /// <inheritdoc/>
    protected override char OpenQuote => '`';

    /// <inheritdoc/>
    protected override char CloseQuote => '`';

    /// <inheritdoc/>
    public override string ServerVersionSql => "SELECT VERSION()";

    /// <inheritdoc/>
    public override string TypeName(SqlType type, int length = 0) => type switch
    {
        SqlType.Timestamp => "DATETIME(6)",
        _ => base.TypeName(type, length),
    };

    /// <inheritdoc/>
    public override string TableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = :name";
}
