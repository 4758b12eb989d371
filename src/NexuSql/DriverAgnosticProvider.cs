using System.Collections.Concurrent;
using System.Data.Common;

namespace NexuSql;

/// <summary>
/// Base for providers that reference no driver: the driver's <see cref="DbProviderFactory"/> is the one given, or the
/// first of <paramref name="knownFactoryTypes"/> the application can load (e.g. MySqlConnector, then MySql.Data).
/// The server's error number is read from the driver's exception by reflection (<c>int Number</c>).
/// </summary>
/// <param name="knownFactoryTypes">Assembly-qualified factory type names, in order of preference.</param>
/// <param name="missingDriverHint">What to reference when none is found.</param>
public abstract class DriverAgnosticProvider(IReadOnlyList<string> knownFactoryTypes, string missingDriverHint) : NexuSqlProvider
{
    private static readonly ConcurrentDictionary<Type, Func<Exception, int?>> NumberReaders = new();

    private Lazy<DbProviderFactory> _factory = new(() => Find(knownFactoryTypes, missingDriverHint));

    /// <summary>Uses <paramref name="factory"/> instead of looking for a driver.</summary>
    protected void UseFactory(DbProviderFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = new Lazy<DbProviderFactory>(factory);
    }

    /// <summary>The driver factory in use.</summary>
    /// <exception cref="InvalidOperationException">No driver is referenced; the message says which to add.</exception>
    public DbProviderFactory Factory => _factory.Value;

    private static DbProviderFactory Find(IReadOnlyList<string> names, string hint)
    {
        foreach (var name in names)
        {
            if (Type.GetType(name, throwOnError: false)?.GetField("Instance")?.GetValue(null) is DbProviderFactory instance) return instance;
        }
        throw new InvalidOperationException(hint);
    }

    /// <summary>A connection string builder from the driver (or a generic one).</summary>
    protected DbConnectionStringBuilder NewConnectionStringBuilder() => Factory.CreateConnectionStringBuilder() ?? new DbConnectionStringBuilder();

    /// <inheritdoc/>
    public override DbDataSource CreateDataSource(string connectionString) => Factory.CreateDataSource(connectionString);

    /// <summary>The server's error number from a driver exception, or null (0 counts as none).</summary>
    protected static int? ReadErrorNumber(Exception exception)
    {
        var reader = NumberReaders.GetOrAdd(exception.GetType(), static t =>
        {
            var property = t.GetProperty("Number");
            return property?.PropertyType == typeof(int) ? e => (int?)property.GetValue(e) : _ => null;
        });
        return reader(exception) is { } n and not 0 ? n : null;
    }
}
