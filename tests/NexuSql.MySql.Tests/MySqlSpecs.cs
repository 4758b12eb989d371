using NexuSql.Specification;

namespace NexuSql.MySql.Tests;

public sealed class MySqlQueryTests(MySqlFixture f) : QuerySpec<MySqlFixture>(f), IClassFixture<MySqlFixture>
{
    protected override IEnumerable<(string Sql, string Expected)> LiteralProbes() =>
    [
        .. base.LiteralProbes(),
        ("SELECT 'it\\'s :a' AS t, :v AS v", "it's :a"),
        ("SELECT \"dq :a\" AS t, :v AS v", "dq :a"),
        ("SELECT 'hash' AS t, # :a\n :v AS v", "hash"),
        ("SELECT `b:c` AS t, :v AS v FROM (SELECT 'tick' AS `b:c`) s", "tick"),
        ("SELECT @nx_var := 'uservar' AS t, :v AS v", "uservar"),
        ("SELECT 'C:\\\\dir' AS t, :v AS v", "C:\\dir"),
    ];
}

public sealed class MySqlErrorTests(MySqlFixture f) : ErrorSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>;

public sealed class MySqlTransactionTests(MySqlFixture f) : TransactionSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>;

public sealed class MySqlTypesTests(MySqlFixture f) : TypesSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>;

public sealed class MySqlPoolTests(MySqlFixture f) : PoolSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>;

public sealed class MySqlSchemaTests(MySqlFixture f) : SchemaSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>;

public sealed class MySqlBackupTests(MySqlFixture f) : BackupSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>;

public sealed class MySqlSchemaConvergenceTests(MySqlFixture f) : SchemaConvergenceSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>;
