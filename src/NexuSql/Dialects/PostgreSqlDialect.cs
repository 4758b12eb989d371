namespace NexuSql.Dialects;

/// <summary>PostgreSQL: "identifiers", E'' and $tag$ strings, nested comments, <c>$1</c> placeholders.</summary>
public class PostgreSqlDialect : SqlDialect
{
    /// <summary>The shared instance.</summary>
    public static PostgreSqlDialect Instance { get; } = new();

    /// <summary>For derived dialects of the PostgreSQL family.</summary>
    protected PostgreSqlDialect() { }

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.PostgreSql;

    /// <inheritdoc/>
    public override SqlLexicalRules Lexical { get; } = new()
    {
        EscapeStringPrefix = true,
        DollarQuotedStrings = true,
        NestedBlockComments = true,
    };

    /// <inheritdoc/>
    public override DialectCapabilities Capabilities { get; } = new()
    {
        TransactionalDdl = true, Schemas = true, AdvisoryLocks = true, Returning = true,
    };

    /// <inheritdoc/>
    public override ParameterStyle ParameterStyle => ParameterStyle.DollarPositional;

    /// <inheritdoc/>
    public override string ServerVersionSql => "SELECT version()";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> NonTransactionalStatements =>
    [
        "VACUUM", "CREATE INDEX CONCURRENTLY", "CREATE UNIQUE INDEX CONCURRENTLY", "DROP INDEX CONCURRENTLY",
        "REINDEX DATABASE", "REINDEX SYSTEM", "ALTER SYSTEM", "CREATE DATABASE", "DROP DATABASE",
        "CREATE TABLESPACE", "DROP TABLESPACE", "CREATE SUBSCRIPTION", "DROP SUBSCRIPTION", "ALTER SUBSCRIPTION",
    ];
}
