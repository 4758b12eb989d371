using NexuSql.Specification;

namespace NexuSql.PostgreSql.Tests;

public sealed class PostgreSqlQueryTests(PostgreSqlFixture f) : QuerySpec<PostgreSqlFixture>(f), IClassFixture<PostgreSqlFixture>
{
    protected override IEnumerable<(string Sql, string Expected)> LiteralProbes() =>
    [
        .. base.LiteralProbes(),
        ("SELECT $$:a 'quoted'$$ AS t, :v AS v", ":a 'quoted'"),
        ("SELECT $tag$ :a $$ $tag$ AS t, :v AS v", " :a $$ "),
        ("SELECT E'\\':a' AS t, :v AS v", "':a"),
        ("SELECT '1'::int::text AS t, :v::text AS v", "1"),
        ("SELECT (ARRAY[10,20,30])[2:3]::text AS t, :v AS v", "{20,30}"),
        ("SELECT ('{\"a\":1}'::jsonb @> '{\"a\":1}')::text AS t, :v AS v", "true"),
        ("SELECT ('{\"a\":1}'::jsonb ?| array['a'])::text AS t, :v AS v", "true"),
        ("SELECT /* /* :a */ :b */ 'nested' AS t, :v AS v", "nested"),
        ("SELECT \"x:y\" AS t, :v AS v FROM (SELECT 'quoted ident' AS \"x:y\") s", "quoted ident"),
    ];
}

public sealed class PostgreSqlErrorTests(PostgreSqlFixture f) : ErrorSpec<PostgreSqlFixture>(f), IClassFixture<PostgreSqlFixture>;

public sealed class PostgreSqlTransactionTests(PostgreSqlFixture f) : TransactionSpec<PostgreSqlFixture>(f), IClassFixture<PostgreSqlFixture>;

public sealed class PostgreSqlTypesTests(PostgreSqlFixture f) : TypesSpec<PostgreSqlFixture>(f), IClassFixture<PostgreSqlFixture>;

public sealed class PostgreSqlPoolTests(PostgreSqlFixture f) : PoolSpec<PostgreSqlFixture>(f), IClassFixture<PostgreSqlFixture>;

public sealed class PostgreSqlSchemaTests(PostgreSqlFixture f) : SchemaSpec<PostgreSqlFixture>(f), IClassFixture<PostgreSqlFixture>;

public sealed class PostgreSqlBackupTests(PostgreSqlFixture f) : BackupSpec<PostgreSqlFixture>(f), IClassFixture<PostgreSqlFixture>;

public sealed class PostgreSqlSchemaConvergenceTests(PostgreSqlFixture f) : SchemaConvergenceSpec<PostgreSqlFixture>(f), IClassFixture<PostgreSqlFixture>;
