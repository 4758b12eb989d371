using System.Data.Common;
using Microsoft.Data.SqlClient;
using NexuSql.Dialects;
using NexuSql.Internal;

namespace NexuSql.SqlServer.Tests;

/// <summary>The provider against the real Microsoft.Data.SqlClient 7.1 (no server: nothing here opens a connection that succeeds).</summary>
public class SqlServerProviderTests
{
    private static readonly SqlServerProvider Provider = new(SqlClientFactory.Instance);

    private static SqlConnectionStringBuilder Built(string url) => new(Provider.ConnectionStringFor(DatabaseUrl.Parse(url)));

    [Fact]
    public void ConnectionStringFor_maps_host_port_database_credentials_and_options_through_SqlConnectionStringBuilder()
    {
        var cs = Built("sqlserver://sa:p%40ss@db.local:1444/shop?encrypt=false&trust_server_certificate=true&application_name=api&connect_timeout=7");
        Assert.Equal("db.local,1444", cs.DataSource);
        Assert.Equal("shop", cs.InitialCatalog);
        Assert.Equal("sa", cs.UserID);
        Assert.Equal("p@ss", cs.Password);
        Assert.False(cs.IntegratedSecurity);
        Assert.Equal(SqlConnectionEncryptOption.Optional, cs.Encrypt);
        Assert.True(cs.TrustServerCertificate);
        Assert.Equal("api", cs.ApplicationName);
        Assert.Equal(7, cs.ConnectTimeout);
        // the driver accepts what it built: a connection object takes the string unchanged
        using var connection = new SqlConnection(cs.ConnectionString);
        Assert.Equal("shop", connection.Database);
        Assert.Equal("db.local,1444", connection.DataSource);
    }

    [Fact]
    public void ConnectionStringFor_without_user_uses_integrated_security_and_the_default_port()
    {
        var cs = Built("mssql://server/db");
        Assert.True(cs.IntegratedSecurity);
        Assert.Equal("", cs.UserID);
        Assert.Equal("", cs.Password);
        Assert.Equal("server", cs.DataSource);
    }

    [Theory]
    [InlineData("strict", "Strict")]
    [InlineData("true", "Mandatory")]
    [InlineData("mandatory", "Mandatory")]
    [InlineData("optional", "Optional")]
    public void ConnectionStringFor_encrypt_option_reaches_the_driver(string value, string expected)
    {
        var option = expected switch
        {
            "Strict" => SqlConnectionEncryptOption.Strict,
            "Mandatory" => SqlConnectionEncryptOption.Mandatory,
            _ => SqlConnectionEncryptOption.Optional,
        };
        Assert.Equal(option, Built($"sqlserver://u:p@h/db?encrypt={value}").Encrypt);
    }

    [Fact]
    public void ConnectionStringFor_option_the_driver_does_not_know_is_an_argument_error_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => Provider.ConnectionStringFor(DatabaseUrl.Parse("sqlserver://u:p@h/db?no_such_thing=1")));
        Assert.Contains("no_such_thing", e.Message);
    }

    [Fact]
    public void RedactConnectionString_masks_the_password_the_driver_built()
    {
        var url = DatabaseUrl.Parse("sqlserver://sa:Sup3r%3Bsecret@db.local:1444/shop");
        var cs = Provider.ConnectionStringFor(url);
        Assert.Contains("Sup3r;secret", new SqlConnectionStringBuilder(cs).Password);
        var redacted = Provider.RedactConnectionString(cs);
        Assert.DoesNotContain("Sup3r", redacted);
        Assert.Equal("***", new SqlConnectionStringBuilder(redacted).Password);
        Assert.Equal("db.local,1444", new SqlConnectionStringBuilder(redacted).DataSource);
        Assert.DoesNotContain("Sup3r", url.ToString());
    }

    [Fact]
    public void Default_provider_finds_Microsoft_Data_SqlClient()
    {
        var provider = Assert.IsType<SqlServerProvider>(NexuSqlProviders.Get(NexuSqlEngine.SqlServer));
        Assert.Same(SqlClientFactory.Instance, provider.Factory);
    }

    [Theory]
    [InlineData(2627, "Violation of PRIMARY KEY constraint 'pk'. Cannot insert duplicate key in object 'dbo.t'.", ConstraintKind.Unique)]
    [InlineData(2601, "Cannot insert duplicate key row in object 'dbo.t' with unique index 'ix'.", ConstraintKind.Unique)]
    [InlineData(547, "The INSERT statement conflicted with the FOREIGN KEY constraint \"fk\".", ConstraintKind.ForeignKey)]
    [InlineData(547, "The DELETE statement conflicted with the REFERENCE constraint \"fk\".", ConstraintKind.ForeignKey)]
    [InlineData(547, "The INSERT statement conflicted with the CHECK constraint \"ck\".", ConstraintKind.Check)]
    [InlineData(515, "Cannot insert the value NULL into column 'x', table 'db.dbo.t'; column does not allow nulls.", ConstraintKind.NotNull)]
    public void TranslateException_real_SqlException_constraint_numbers_map_to_the_common_kinds(int number, string message, ConstraintKind kind)
    {
        var sqlException = RealSqlException.Create(number, message);
        Assert.Equal(number, sqlException.Number);
        var e = Assert.IsType<NexuSqlConstraintException>(Provider.TranslateException(sqlException));
        Assert.Equal(kind, e.Kind);
        Assert.Equal(number.ToString(), e.EngineCode);
        Assert.Equal(NexuSqlEngine.SqlServer, e.Engine);
        Assert.Same(sqlException, e.InnerException);
    }

    [Theory]
    [InlineData(1205, 13, typeof(NexuSqlTransientException), true)]
    [InlineData(3960, 16, typeof(NexuSqlTransientException), true)]
    [InlineData(-2, 11, typeof(NexuSqlTimeoutException), true)]
    [InlineData(18456, 14, typeof(NexuSqlConnectionException), false)]
    [InlineData(40613, 17, typeof(NexuSqlConnectionException), true)]
    [InlineData(102, 15, typeof(NexuSqlException), false)]
    [InlineData(0, 20, typeof(NexuSqlConnectionException), true)]
    public void TranslateException_real_SqlException_deadlock_timeout_and_login_have_their_own_types(int number, byte severity, Type type, bool transient)
    {
        var e = Provider.TranslateException(RealSqlException.Create(number, "server says no", severity));
        Assert.IsType(type, e);
        Assert.Equal(transient, e.IsTransient);
    }

    [Fact]
    public async Task Open_unreachable_server_is_a_connection_error_without_the_password()
    {
        // port 1 on loopback refuses at once; SqlClient reports it as number 0, severity 20 ("error: 35")
        await using var db = NexuSqlDatabase.Open("sqlserver://sa:Sup3rSecret@127.0.0.1:1/shop?connect_timeout=5&encrypt=false");
        var e = await Assert.ThrowsAsync<NexuSqlConnectionException>(() => db.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(NexuSqlEngine.SqlServer, e.Engine);
        Assert.IsType<SqlException>(e.InnerException);
        Assert.DoesNotContain("Sup3rSecret", e.ToString());
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
}
