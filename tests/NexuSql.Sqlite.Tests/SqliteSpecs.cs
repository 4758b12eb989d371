using NexuSql.Specification;

namespace NexuSql.Sqlite.Tests;

public sealed class SqliteQueryTests(SqliteFixture f) : QuerySpec<SqliteFixture>(f), IClassFixture<SqliteFixture>
{
    protected override IEnumerable<(string Sql, string Expected)> LiteralProbes() =>
        [.. base.LiteralProbes(), ("SELECT [t:a] AS t, :v AS v FROM (SELECT 'bracket' AS [t:a])", "bracket"),
            ("SELECT `b:c` AS t, :v AS v FROM (SELECT 'tick' AS `b:c`)", "tick")];
}

public sealed class SqliteErrorTests(SqliteFixture f) : ErrorSpec<SqliteFixture>(f), IClassFixture<SqliteFixture>;

public sealed class SqliteTransactionTests(SqliteFixture f) : TransactionSpec<SqliteFixture>(f), IClassFixture<SqliteFixture>;

public sealed class SqliteTypesTests(SqliteFixture f) : TypesSpec<SqliteFixture>(f), IClassFixture<SqliteFixture>;

public sealed class SqlitePoolTests(SqliteFixture f) : PoolSpec<SqliteFixture>(f), IClassFixture<SqliteFixture>;

public sealed class SqliteSchemaTests(SqliteFixture f) : SchemaSpec<SqliteFixture>(f), IClassFixture<SqliteFixture>;

public sealed class SqliteBackupTests(SqliteFixture f) : BackupSpec<SqliteFixture>(f), IClassFixture<SqliteFixture>;

public sealed class SqliteSchemaConvergenceTests(SqliteFixture f) : SchemaConvergenceSpec<SqliteFixture>(f), IClassFixture<SqliteFixture>;
