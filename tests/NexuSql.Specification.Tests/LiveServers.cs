namespace NexuSql.Specification;

/// <summary>Where the live test servers are: the environment, else the ports scripts/test-servers.sh uses.</summary>
public static class LiveServers
{
    /// <summary>The PostgreSQL admin URL.</summary>
    public static DatabaseUrl PostgreSql => FromEnvironment("NEXUSQL_TEST_POSTGRESQL_URL", "postgresql://postgres@127.0.0.1:25432/postgres");

    /// <summary>The MariaDB/MySQL admin URL.</summary>
    public static DatabaseUrl MySql => FromEnvironment("NEXUSQL_TEST_MYSQL_URL", "mysql://root@127.0.0.1:23306/mysql");

    /// <summary>PgBouncer in pool_mode=transaction in front of the PostgreSQL test server (<c>NEXUSQL_CLUSTERS=1</c>).</summary>
    public static DatabaseUrl PgBouncer => FromEnvironment("NEXUSQL_TEST_PGBOUNCER_URL", "postgresql://postgres@127.0.0.1:26432/postgres?pooler=transaction");

    /// <summary>The three nodes of the Galera test cluster, one URL each (<c>NEXUSQL_CLUSTERS=1</c>).</summary>
    public static IReadOnlyList<DatabaseUrl> GaleraNodes =>
        [.. (Environment.GetEnvironmentVariable("NEXUSQL_TEST_GALERA_URLS") is { Length: > 0 } v ? v
                : "mysql://root@127.0.0.1:23316/nexusql_test mysql://root@127.0.0.1:23317/nexusql_test mysql://root@127.0.0.1:23318/nexusql_test")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(u => DatabaseUrl.Parse(u))];

    /// <summary>True under CI, where a missing server is a failure.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the running test locally, fails it under CI.</summary>
    public static T Unavailable<T>(NexuSqlEngine engine, string why)
    {
        var reason = $"{engine} test server not available: {why}. Start it with scripts/test-servers.sh start (NEXUSQL_CLUSTERS=1 for Galera and PgBouncer).";
        if (IsCi) throw new InvalidOperationException("CI=true requires every live server. " + reason);
        Assert.Skip(reason);
        return default!;
    }

    private static DatabaseUrl FromEnvironment(string variable, string fallback) =>
        DatabaseUrl.Parse(Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v : fallback);
}
