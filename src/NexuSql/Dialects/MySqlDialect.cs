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
    public override string ColumnTypeSql(Schema.ColumnType type) => type.Kind switch
    {
        Schema.PortableType.Boolean => "TINYINT(1)",
        Schema.PortableType.Int32 => "INT",
        Schema.PortableType.Decimal => $"DECIMAL({type.Precision},{type.Scale})",
        Schema.PortableType.Float32 => "FLOAT",
        Schema.PortableType.Float64 => "DOUBLE",
        Schema.PortableType.Text => "LONGTEXT",
        Schema.PortableType.Binary => "LONGBLOB",
        Schema.PortableType.Uuid => "CHAR(36)",
        Schema.PortableType.Time => "TIME(6)",
        Schema.PortableType.Timestamp => "DATETIME(6)",
        Schema.PortableType.TimestampTz => "TIMESTAMP(6)",
        Schema.PortableType.Json => "JSON",
        _ => base.ColumnTypeSql(type),
    };

    /// <inheritdoc/>
    public override string IdentitySql => "AUTO_INCREMENT";

    /// <inheritdoc/>
    public override bool UniqueIndexesAreConstraints => true;

    /// <summary>MySQL restates the whole column with MODIFY COLUMN.</summary>
    public override IReadOnlyList<string> AlterColumnSql(string table, Schema.ColumnModel current, Schema.ColumnModel desired) =>
        current with { Name = desired.Name } == desired ? [] : [$"ALTER TABLE {QuoteIdentifier(table)} MODIFY COLUMN {Schema.SchemaScript.Column(desired, this)}"];

    /// <inheritdoc/>
    public override string DropIndexSql(string table, string index) => $"DROP INDEX {QuoteIdentifier(index)} ON {QuoteIdentifier(table)}";

    /// <inheritdoc/>
    public override string DropForeignKeySql(string table, string name) => $"ALTER TABLE {QuoteIdentifier(table)} DROP FOREIGN KEY {QuoteIdentifier(name)}";

    /// <inheritdoc/>
    public override string DropUniqueSql(string table, string name) => $"ALTER TABLE {QuoteIdentifier(table)} DROP INDEX {QuoteIdentifier(name)}";

    /// <inheritdoc/>
    public override string DefaultSql(string portable) => portable.Trim().ToLowerInvariant() switch
    {
        "now()" => "CURRENT_TIMESTAMP(6)",
        "uuid()" => "(UUID())",
        _ => portable,
    };

    /// <inheritdoc/>
    public override string TableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = :name";
}
