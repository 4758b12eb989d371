using System.Data;
using NexuSql.Specification;

namespace NexuSql.MySql.Tests;

/// <summary>A scratch database on the MariaDB test server (NEXUSQL_TEST_MYSQL_URL, default: scripts/test-servers.sh's).</summary>
public sealed class MySqlFixture : DatabaseFixture
{
    public static DatabaseUrl AdminUrl => LiveServers.MySql;

    public override NexuSqlEngine Engine => NexuSqlEngine.MySql;

    public override string TypeName(SpecType type) => type switch
    {
        SpecType.Boolean => "BOOLEAN",
        SpecType.Int32 => "INT",
        SpecType.Int64 => "BIGINT",
        SpecType.Decimal => "DECIMAL(38,10)",
        SpecType.Double => "DOUBLE",
        SpecType.Text => "LONGTEXT",
        SpecType.Binary => "LONGBLOB",
        SpecType.Uuid => "CHAR(36)",
        SpecType.Date => "DATE",
        SpecType.Time => "TIME(6)",
        SpecType.Timestamp or SpecType.TimestampTz => "DATETIME(6)",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public override string IdentityColumn(string name) => $"{name} BIGINT AUTO_INCREMENT PRIMARY KEY";

    public override IsolationLevel? ContentionIsolation => IsolationLevel.Serializable;

    public override string BadCredentialsUrl(string password) =>
        $"mysql://nexusql_no_such_user:{Uri.EscapeDataString(password)}@{AdminUrl.Host}/mysql";

    protected override async Task<DatabaseUrl> CreateScratchAsync()
    {
        var name = $"nexusql_test_{Guid.NewGuid():N}"[..30];
        await using var admin = NexuSqlDatabase.Open(AdminUrl);
        await admin.ExecuteAsync($"CREATE DATABASE {admin.Dialect.QuoteIdentifier(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return AdminUrl.WithDatabase(name);
    }

    protected override async Task DropScratchAsync(DatabaseUrl url)
    {
        await using var admin = NexuSqlDatabase.Open(AdminUrl);
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {admin.Dialect.QuoteIdentifier(url.Database!)}");
    }
}
