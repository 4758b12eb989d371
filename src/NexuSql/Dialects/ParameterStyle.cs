namespace NexuSql.Dialects;

/// <summary>How the driver wants placeholders written.</summary>
public enum ParameterStyle
{
    /// <summary><c>$1, $2, ...</c> with unnamed parameters (Npgsql's raw mode: the SQL is not parsed again by the driver).</summary>
    DollarPositional,
    /// <summary><c>@p0, @p1, ...</c> with parameters named accordingly (SQLite, MySQL, SQL Server).</summary>
    AtNamed,
}
