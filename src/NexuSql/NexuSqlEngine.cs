namespace NexuSql;

/// <summary>The database engines NexuSQL knows. Each has exactly one spelling across the project.</summary>
public enum NexuSqlEngine
{
    /// <summary>SQLite (embedded), through Microsoft.Data.Sqlite.</summary>
    Sqlite,
    /// <summary>PostgreSQL, through Npgsql.</summary>
    PostgreSql,
    /// <summary>MySQL or MariaDB, through any ADO.NET MySQL driver (MySqlConnector or MySql.Data).</summary>
    MySql,
    /// <summary>Microsoft SQL Server, through the application's Microsoft.Data.SqlClient.</summary>
    SqlServer,
    /// <summary>CockroachDB, through Npgsql with CockroachDB's dialect and retry protocol.</summary>
    CockroachDb,
}

/// <summary>Helpers on <see cref="NexuSqlEngine"/>.</summary>
public static class NexuSqlEngineExtensions
{
    /// <summary>The engine's name as its makers spell it, for messages: SQLite, PostgreSQL, MySQL/MariaDB, SQL Server, CockroachDB.</summary>
    public static string DisplayName(this NexuSqlEngine engine) => engine switch
    {
        NexuSqlEngine.Sqlite => "SQLite",
        NexuSqlEngine.PostgreSql => "PostgreSQL",
        NexuSqlEngine.MySql => "MySQL/MariaDB",
        NexuSqlEngine.SqlServer => "SQL Server",
        NexuSqlEngine.CockroachDb => "CockroachDB",
        _ => engine.ToString(),
    };
}
