using System.Data.Common;
using NexuSql.Dialects;
using NexuSql.Internal;

namespace NexuSql.SqlServer.Tests;

public class SqlServerProviderTests
{
    /// <summary>Builds connection strings only; no driver exists on these machines.</summary>
    private sealed class ConnectionStringOnlyFactory : DbProviderFactory
    {
        public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new();
    }

    /// <summary>Stands in for SqlException, which cannot be constructed without the driver: the provider reads only Number and Message.</summary>
    private sealed class ServerError(int number, string message) : DbException(message)
    {
        public int Number { get; } = number;
    }

    private static readonly SqlServerProvider Provider = new(new ConnectionStringOnlyFactory());

    [Fact]
    public void ConnectionStringFor_maps_host_port_database_credentials_and_options()
    {
        var cs = new DbConnectionStringBuilder
        {
            ConnectionString = Provider.ConnectionStringFor(DatabaseUrl.Parse("sqlserver://sa:p%40ss@db.local:1444/shop?encrypt=false&trust_server_certificate=true&application_name=api")),
        };
        Assert.Equal("db.local,1444", cs["Data Source"]);
        Assert.Equal("shop", cs["Initial Catalog"]);
        Assert.Equal("sa", cs["User ID"]);
        Assert.Equal("p@ss", cs["Password"]);
        Assert.Equal("false", cs["Encrypt"]);
        Assert.Equal("true", cs["TrustServerCertificate"]);
        Assert.Equal("api", cs["Application Name"]);
    }

    [Fact]
    public void ConnectionStringFor_without_user_uses_integrated_security()
    {
        var cs = new DbConnectionStringBuilder { ConnectionString = Provider.ConnectionStringFor(DatabaseUrl.Parse("mssql://server/db")) };
        Assert.Equal("true", cs["Integrated Security"]);
        Assert.False(cs.ContainsKey("Password"));
    }

    [Theory]
    [InlineData(2627, "Violation of PRIMARY KEY constraint", ConstraintKind.Unique)]
    [InlineData(2601, "Cannot insert duplicate key row", ConstraintKind.Unique)]
    [InlineData(547, "The INSERT statement conflicted with the FOREIGN KEY constraint \"fk\"", ConstraintKind.ForeignKey)]
    [InlineData(547, "The DELETE statement conflicted with the REFERENCE constraint \"fk\"", ConstraintKind.ForeignKey)]
    [InlineData(547, "The INSERT statement conflicted with the CHECK constraint \"ck\"", ConstraintKind.Check)]
    [InlineData(515, "Cannot insert the value NULL into column 'x'", ConstraintKind.NotNull)]
    public void TranslateException_constraint_numbers_map_to_the_common_kinds(int number, string message, ConstraintKind kind)
    {
        var e = Assert.IsType<NexuSqlConstraintException>(Provider.TranslateException(new ServerError(number, message)));
        Assert.Equal(kind, e.Kind);
        Assert.Equal(number.ToString(), e.EngineCode);
        Assert.Equal(NexuSqlEngine.SqlServer, e.Engine);
    }

    [Theory]
    [InlineData(1205, typeof(NexuSqlTransientException), true)]
    [InlineData(3960, typeof(NexuSqlTransientException), true)]
    [InlineData(-2, typeof(NexuSqlTimeoutException), true)]
    [InlineData(18456, typeof(NexuSqlConnectionException), false)]
    [InlineData(40613, typeof(NexuSqlConnectionException), true)]
    [InlineData(102, typeof(NexuSqlException), false)]
    public void TranslateException_deadlock_timeout_and_login_have_their_own_types(int number, Type type, bool transient)
    {
        var e = Provider.TranslateException(new ServerError(number, "server says no"));
        Assert.IsType(type, e);
        Assert.Equal(transient, e.IsTransient);
    }

    [Fact]
    public void Lock_sql_binds_resource_and_timeout_as_parameters()
    {
        var parsed = ParsedSql.Parse(SqlServerMigrationLock.AcquireSql, SqlServerDialect.Instance);
        Assert.Equal(["resource", "milliseconds"], parsed.Names);
        Assert.Contains("@Resource = @p0", parsed.Rewritten);
        Assert.Contains("@LockTimeout = @p1", parsed.Rewritten);
        Assert.Contains("EXEC @result = sp_getapplock", parsed.Rewritten);
        Assert.Equal(["resource"], ParsedSql.Parse(SqlServerMigrationLock.ReleaseSql, SqlServerDialect.Instance).Names);
    }

    [Fact]
    public void Lock_resource_is_scoped_to_database_and_table_and_fits_255_characters()
    {
        Assert.Equal("nexusql:shop:nexusql_schema_history", SqlServerMigrationLock.Resource("shop", "nexusql_schema_history"));
        Assert.True(SqlServerMigrationLock.Resource(new string('d', 200), new string('t', 200)).Length <= 255);
        Assert.NotEqual(SqlServerMigrationLock.Resource("a", "t"), SqlServerMigrationLock.Resource("b", "t"));
    }

    [Fact]
    public void Default_provider_without_a_driver_says_which_package_to_reference()
    {
        var provider = Assert.IsType<SqlServerProvider>(NexuSqlProviders.Get(NexuSqlEngine.SqlServer));
        var e = Assert.Throws<InvalidOperationException>(() => provider.Factory);
        Assert.Contains("Microsoft.Data.SqlClient", e.Message);
    }
}
