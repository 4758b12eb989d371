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
}
