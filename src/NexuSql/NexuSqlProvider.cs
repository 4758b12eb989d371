using System.Data.Common;
using NexuSql.Dialects;

namespace NexuSql;

/// <summary>
/// What one engine's project supplies to core: how to make a connection source from a URL or connection string,
/// how to turn the driver's exceptions into NexuSQL's, and how to hand values to the driver. Everything else
/// (SQL text, parameters, mapping, transactions) is engine-neutral core code.
/// </summary>
public abstract class NexuSqlProvider
{
    /// <summary>The engine this provider serves.</summary>
    public abstract NexuSqlEngine Engine { get; }

    /// <summary>The engine's text dialect.</summary>
    public virtual SqlDialect Dialect => SqlDialect.For(Engine);

    /// <summary>Creates a pooled connection source for a URL.</summary>
    /// <exception cref="ArgumentException">An option in the URL is not understood; the message names it.</exception>
    public abstract DbDataSource CreateDataSource(DatabaseUrl url);

    /// <summary>Creates a pooled connection source for a driver connection string.</summary>
    public abstract DbDataSource CreateDataSource(string connectionString);

    /// <summary>Turns a driver exception into NexuSQL's hierarchy, with the engine code attached.</summary>
    /// <remarks>Must never put a password or connection string into the message.</remarks>
    public abstract NexuSqlException TranslateException(DbException exception);

    /// <summary>
    /// True when the driver's typed getters (<c>GetInt32</c>, <c>GetGuid</c>, <c>GetDecimal</c>, ...) convert from any
    /// stored type themselves, as Microsoft.Data.Sqlite's do for SQLite's dynamic typing. The mapper then calls the
    /// getter of the member's type directly instead of boxing through a conversion.
    /// </summary>
    public virtual bool TypedGettersConvert => false;

    /// <summary>Adapts a non-null parameter value to what the driver accepts (after enums became numbers).</summary>
    public virtual object ToDbValue(object value) => value;

    /// <summary>A connection string with every secret (password, pwd, ...) masked, safe to print.</summary>
    public virtual string RedactConnectionString(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in builder.Keys.Cast<string>().ToList())
        {
            if (DatabaseUrl.IsSecretOption(key)) builder[key] = "***";
        }
        return builder.ConnectionString;
    }

    /// <summary>Builds the generic message for a driver error: engine, code and the driver's text.</summary>
    protected string Describe(DbException exception, string? code) =>
        code is null ? $"{Engine}: {exception.Message}" : $"{Engine} error {code}: {exception.Message}";
}
