using NexuSql.Dialects;

namespace NexuSql.PostgreSql;

/// <summary>CockroachDB through Npgsql, with CockroachDB's dialect and default port 26257.</summary>
public sealed class CockroachDbProvider : PostgreSqlProvider
{
    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.CockroachDb;

    /// <inheritdoc/>
    public override SqlDialect Dialect => CockroachDbDialect.Instance;

    /// <inheritdoc/>
    protected override int DefaultPort => 26257;
}
