using System.Text;

namespace NexuSql.Dialects;

/// <summary>SQL Server: [identifiers], N'' strings, nested comments, OFFSET/FETCH paging, SAVE TRANSACTION.</summary>
public sealed class SqlServerDialect : SqlDialect
{
    /// <summary>The shared instance.</summary>
    public static SqlServerDialect Instance { get; } = new();

    /// <summary>SQL Server's default collations are case-insensitive (<c>SQL_Latin1_General_CP1_CI_AS</c>).</summary>
    internal override bool DefaultCollationKeysCompareCharacters => false;

    private SqlServerDialect() { }

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.SqlServer;

    /// <summary>None: <c>LEN</c> leaves trailing blanks out of the count.</summary>
    public override string? CharacterLengthFunction => null;

    /// <inheritdoc/>
    public override SqlLexicalRules Lexical { get; } = new() { NestedBlockComments = true, BracketIdentifiers = true };

    /// <summary>sqlcmd: batches end at a <c>GO</c> line; Unicode string literals; BIT literals 1 / 0.</summary>
    public override ScriptSyntax Scripts { get; } = new()
    {
        BatchSeparator = "GO", BeginTransaction = "BEGIN TRANSACTION", CommitTransaction = "COMMIT TRANSACTION", StringLiteralPrefix = "N", BooleansAsNumbers = true,
    };

    /// <inheritdoc/>
    public override DialectCapabilities Capabilities { get; } = new()
    {
        TransactionalDdl = true, Schemas = true, AdvisoryLocks = true, Returning = true,
    };

    /// <inheritdoc/>
    protected override char OpenQuote => '[';

    /// <inheritdoc/>
    protected override char CloseQuote => ']';

    /// <inheritdoc/>
    public override string ServerVersionSql => "SELECT @@VERSION";

    /// <inheritdoc/>
    public override string TypeName(SqlType type, int length = 0) => type switch
    {
        SqlType.Boolean => "BIT",
        SqlType.VarChar => $"NVARCHAR({length})",
        SqlType.Text => "NVARCHAR(MAX)",
        SqlType.Timestamp => "DATETIME2",
        _ => base.TypeName(type, length),
    };

    /// <inheritdoc/>
    public override string ColumnTypeSql(Schema.ColumnType type) => type.Kind switch
    {
        Schema.PortableType.Boolean => "BIT",
        Schema.PortableType.Int32 => "INT",
        Schema.PortableType.Decimal => $"DECIMAL({type.Precision},{type.Scale})",
        Schema.PortableType.Float64 => "FLOAT",
        Schema.PortableType.String => type.Fixed ? $"NCHAR({type.Length})" : $"NVARCHAR({type.Length})",
        Schema.PortableType.Text or Schema.PortableType.Json => "NVARCHAR(MAX)",
        Schema.PortableType.Binary => "VARBINARY(MAX)",
        Schema.PortableType.Uuid => "UNIQUEIDENTIFIER",
        Schema.PortableType.Time => $"TIME({type.Precision ?? 7})",
        Schema.PortableType.Timestamp => $"DATETIME2({type.Precision ?? 7})",
        Schema.PortableType.TimestampTz => $"DATETIMEOFFSET({type.Precision ?? 7})",
        _ => base.ColumnTypeSql(type),
    };

    /// <inheritdoc/>
    public override string IdentitySql => "IDENTITY(1,1)";

    /// <summary>SQL Server's computed columns have no declared type (<c>name AS (expression) PERSISTED</c>): not written by NexuSQL.</summary>
    public override string GeneratedColumnSql(Schema.GeneratedColumn generated) =>
        throw new NotSupportedException("NexuSQL does not write SQL Server computed columns; create them in a migration.");

    /// <summary>SQL Server restates type and nullability with ALTER COLUMN; defaults are constraints (not planned yet).</summary>
    public override IReadOnlyList<string> AlterColumnSql(string table, Schema.ColumnModel current, Schema.ColumnModel desired)
    {
        if (current.Default != desired.Default) throw new NotSupportedException($"Changing the default of {table}.{desired.Name} on SQL Server (a named constraint) is not planned yet.");
        return current.Type == desired.Type && current.Nullable == desired.Nullable ? []
            : [$"ALTER TABLE {QuoteIdentifier(table)} ALTER COLUMN {QuoteIdentifier(desired.Name)} {ColumnTypeSql(desired.Type)} {(desired.Nullable ? "NULL" : "NOT NULL")}"];
    }

    /// <inheritdoc/>
    public override string AddColumnSql(string table, Schema.ColumnModel column) =>
        $"ALTER TABLE {QuoteIdentifier(table)} ADD {Schema.SchemaScript.Column(column, this)}";

    /// <inheritdoc/>
    public override string DropIndexSql(string table, string index) => $"DROP INDEX {QuoteIdentifier(index)} ON {QuoteIdentifier(table)}";

    /// <summary>Filtered indexes (WHERE) and included columns.</summary>
    public override IndexSupport Indexes { get; } = new() { Partial = true, Include = true };

    /// <inheritdoc/>
    public override string DefaultSql(string portable) => portable.Trim().ToLowerInvariant() switch
    {
        "now()" or "utc_timestamp()" => "SYSUTCDATETIME()",
        "uuid()" => "NEWID()",
        "true" => "1", // BIT has no boolean literals
        "false" => "0",
        _ => portable,
    };

    /// <inheritdoc/>
    public override string CurrentSchemaSql => "SELECT SCHEMA_NAME()";

    /// <inheritdoc/>
    public override string TableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = SCHEMA_NAME() AND table_name = :name";

    /// <inheritdoc/>
    public override string TableSchemasSql =>
        "SELECT CASE WHEN table_schema = SCHEMA_NAME() THEN NULL ELSE table_schema END FROM information_schema.tables " +
        "WHERE table_name = :name AND table_type = 'BASE TABLE'";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> NonTransactionalStatements =>
        ["CREATE DATABASE", "DROP DATABASE", "ALTER DATABASE", "BACKUP", "RESTORE", "CREATE FULLTEXT CATALOG"];

    /// <inheritdoc/>
    public override string SavepointSql(string name) => "SAVE TRANSACTION " + QuoteIdentifier(name);

    /// <inheritdoc/>
    public override string RollbackToSavepointSql(string name) => "ROLLBACK TRANSACTION " + QuoteIdentifier(name);

    /// <summary>SQL Server has no savepoint release; the savepoint ends with the transaction.</summary>
    public override string ReleaseSavepointSql(string name) => "";

    /// <summary><c>INSERT INTO [t] (...) OUTPUT INSERTED.[id] VALUES (...)</c>.</summary>
    public override string InsertReturning(string table, IReadOnlyList<string> columns, IReadOnlyList<string> returning) =>
        $"INSERT INTO {QuoteIdentifier(table)} ({string.Join(", ", columns.Select(QuoteIdentifier))}) " +
        $"OUTPUT {string.Join(", ", returning.Select(r => "INSERTED." + QuoteIdentifier(r)))} " +
        $"VALUES ({string.Join(", ", columns.Select(c => ":" + c))})";

    /// <inheritdoc/>
    public override string Paginate(string orderedSql, long limit, long offset = 0) =>
        new StringBuilder(orderedSql).Append(" OFFSET ").Append(offset).Append(" ROWS FETCH NEXT ").Append(limit).Append(" ROWS ONLY").ToString();

    /// <summary>Snapshot isolation (the database needs ALLOW_SNAPSHOT_ISOLATION ON).</summary>
    public override IReadOnlyList<string> BeginSnapshotSql => ["SET TRANSACTION ISOLATION LEVEL SNAPSHOT", "BEGIN TRANSACTION"];
}
