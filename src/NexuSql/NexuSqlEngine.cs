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
