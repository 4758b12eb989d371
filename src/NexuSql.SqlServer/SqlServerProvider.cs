using System.Data.Common;
using System.Globalization;

[assembly: NexuSql.NexuSqlProvider(typeof(NexuSql.SqlServer.SqlServerProvider))]

namespace NexuSql.SqlServer;

/// <summary>
/// Microsoft SQL Server through the driver the application references (Microsoft.Data.SqlClient, else
/// System.Data.SqlClient), or the factory given to the constructor. Errors are translated from the server's error
/// number, read from the driver's exception without referencing its type.
/// </summary>
/// <remarks>No SQL Server installs on NexuSQL's build machines: this provider is tested against the real
/// Microsoft.Data.SqlClient 7.1 (connection strings through its SqlConnectionStringBuilder, SqlException numbers,
/// SqlBulkCopy set-up) and at the level of SQL text, not against a live server.</remarks>
public sealed class SqlServerProvider : DriverAgnosticProvider
{
    private static readonly string[] KnownFactories =
    [
        "Microsoft.Data.SqlClient.SqlClientFactory, Microsoft.Data.SqlClient",
        "System.Data.SqlClient.SqlClientFactory, System.Data.SqlClient",
    ];

    private const string MissingDriver =
        "No SQL Server ADO.NET driver was found. Reference Microsoft.Data.SqlClient, or register new SqlServerProvider(factory) with NexuSqlProviders.Register.";

    private static readonly Dictionary<string, string> OptionAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["encrypt"] = "Encrypt",
        ["trust_server_certificate"] = "TrustServerCertificate",
        ["trustservercertificate"] = "TrustServerCertificate",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Connect Timeout",
        ["multi_subnet_failover"] = "MultiSubnetFailover",
        ["application_intent"] = "ApplicationIntent",
    };

    /// <summary>Uses Microsoft.Data.SqlClient (or System.Data.SqlClient) from the application.</summary>
    public SqlServerProvider() : base(KnownFactories, MissingDriver) { }

    /// <summary>Uses the given driver factory, e.g. <c>SqlClientFactory.Instance</c>.</summary>
    public SqlServerProvider(DbProviderFactory factory) : base(KnownFactories, MissingDriver) => UseFactory(factory);

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.SqlServer;

    /// <inheritdoc/>
    public override bool SupportsSchemaReading => true;

    /// <inheritdoc/>
    public override Task<Schema.SchemaModel> ReadSchemaAsync(NexuSqlDatabase database, CancellationToken cancellationToken) =>
        SqlServerSchemaReader.ReadAsync(database, cancellationToken);

    /// <summary>The driver connection string for a URL (exposed for tests and diagnostics; it holds the password).</summary>
    internal string ConnectionStringFor(DatabaseUrl url)
    {
        var builder = NewConnectionStringBuilder();
        var host = url.Host ?? new DatabaseHost("localhost", null);
        builder["Data Source"] = host.Port is { } port ? $"{host.Name},{port.ToString(CultureInfo.InvariantCulture)}" : host.Name;
        if (url.Database is not null) builder["Initial Catalog"] = url.Database;
        if (url.UserName is not null)
        {
            builder["User ID"] = url.UserName;
            if (url.Password is not null) builder["Password"] = url.Password;
        }
        else
        {
            builder["Integrated Security"] = "true";
        }
        UrlOptions.ApplyTo(builder, url, OptionAliases, ["Data Source", "Initial Catalog", "User ID", "Password"]);
        return builder.ConnectionString;
    }

    /// <inheritdoc/>
    public override DbDataSource CreateDataSource(DatabaseUrl url) => Factory.CreateDataSource(ConnectionStringFor(url));

    /// <inheritdoc/>
    public override NexuSqlException TranslateException(DbException exception)
    {
        var number = ReadErrorNumber(exception);
        var code = number?.ToString(CultureInfo.InvariantCulture);
        var message = Describe(exception, code);
        return number switch
        {
            2627 or 2601 => new NexuSqlConstraintException(ConstraintKind.Unique, message, Engine, code, exception),
            547 when exception.Message.Contains("CHECK constraint", StringComparison.OrdinalIgnoreCase)
                => new NexuSqlConstraintException(ConstraintKind.Check, message, Engine, code, exception),
            547 => new NexuSqlConstraintException(ConstraintKind.ForeignKey, message, Engine, code, exception),
            515 => new NexuSqlConstraintException(ConstraintKind.NotNull, message, Engine, code, exception),
            1205 or 3960 or 1222 => new NexuSqlTransientException(message, Engine, code, exception),
            -2 => new NexuSqlTimeoutException(message, Engine, code, exception),
            18456 or 18452 or 4060 => new NexuSqlConnectionException(message, Engine, code, exception, isTransient: false),
            53 or 40 or 64 or 233 or 10053 or 10054 or 10060 or 10928 or 10929 or 40197 or 40501 or 40613 or 49918 or 49919 or 49920
                => new NexuSqlConnectionException(message, Engine, code, exception),
            // no server number: SqlClient could not reach the server (TCP connect failed, "error: 35"); severity 20+ means the connection is gone
            null when ReadErrorClass(exception) >= 20 => new NexuSqlConnectionException(message, Engine, code, exception),
            _ => new NexuSqlException(message, Engine, code, exception, exception.IsTransient),
        };
    }

    /// <summary>SqlException.Class (the severity, 0–25), read without referencing the driver; null for other exceptions.</summary>
    private static byte? ReadErrorClass(DbException exception) =>
        exception.GetType().GetProperty("Class") is { PropertyType: var t } p && t == typeof(byte) ? (byte?)p.GetValue(exception) : null;

    /// <summary>
    /// The driver's <c>SqlBulkCopy</c> (TDS bulk load: identities kept, NULLs kept, CHECK constraints checked) when the
    /// connection is a SqlClient one and every column has a bulk value form; otherwise multi-row INSERTs.
    /// </summary>
    public override Task<long> BulkLoadAsync(DbConnection connection, DbTransaction? transaction, Schema.TableModel table,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        SqlServerBulkCopy.BulkCopyType(connection) is not null && SqlServerBulkCopy.CanCopy(table)
            ? SqlServerBulkCopy.WriteAsync(connection, transaction, table, rows, cancellationToken)
            : base.BulkLoadAsync(connection, transaction, table, rows, cancellationToken);

    /// <inheritdoc/>
    public override bool SupportsMigrationLock => true;

    /// <inheritdoc/>
    public override Task<IAsyncDisposable> AcquireMigrationLockAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken cancellationToken) =>
        SqlServerMigrationLock.AcquireAsync(database, scope, timeout, cancellationToken);

    /// <summary>Dates and times as the oldest supported SqlClient accepts them.</summary>
    public override object ToDbValue(object value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        TimeOnly t => t.ToTimeSpan(),
        _ => value,
    };
}
