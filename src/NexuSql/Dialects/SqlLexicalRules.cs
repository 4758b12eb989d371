namespace NexuSql.Dialects;

/// <summary>
/// What a dialect's SQL text looks like to a scanner: which quotes, comments and escapes exist.
/// The named-parameter rewriter and statement splitters read these flags; nothing else does.
/// </summary>
public sealed record SqlLexicalRules
{
    /// <summary>Backslash escapes inside '...' and "..." strings (MySQL/MariaDB without NO_BACKSLASH_ESCAPES).</summary>
    public bool BackslashEscapesInStrings { get; init; }

    /// <summary><c>E'...'</c> strings with backslash escapes (PostgreSQL, CockroachDB).</summary>
    public bool EscapeStringPrefix { get; init; }

    /// <summary><c>"..."</c> is a string literal with backslash escapes rather than an identifier (MySQL without ANSI_QUOTES).</summary>
    public bool DoubleQuotedStrings { get; init; }

    /// <summary><c>$$...$$</c> and <c>$tag$...$tag$</c> strings (PostgreSQL, CockroachDB).</summary>
    public bool DollarQuotedStrings { get; init; }

    /// <summary><c>/* /* */ */</c> nest (PostgreSQL, SQL Server).</summary>
    public bool NestedBlockComments { get; init; }

    /// <summary><c>#</c> starts a line comment (MySQL).</summary>
    public bool HashComments { get; init; }

    /// <summary><c>--</c> starts a comment only when followed by whitespace or the end (MySQL).</summary>
    public bool DashDashNeedsWhitespace { get; init; }

    /// <summary><c>/*! ... */</c> comments hold code the server runs (MySQL): never inert for statement splitting.</summary>
    public bool ExecutableComments { get; init; }

    /// <summary><c>`identifier`</c> (MySQL, SQLite).</summary>
    public bool BacktickIdentifiers { get; init; }

    /// <summary><c>[identifier]</c> (SQL Server, SQLite). Where false, <c>[</c> is an array subscript.</summary>
    public bool BracketIdentifiers { get; init; }

    /// <summary>
    /// The server's <c>sql_mode</c> changes these rules (MySQL/MariaDB): <c>SET [SESSION] sql_mode = '...'</c> in a
    /// query or script is followed by the scanner from the next statement on; see <see cref="WithSqlMode"/>.
    /// </summary>
    public bool FollowsSqlMode { get; init; }

    /// <summary>
    /// These rules as a MySQL/MariaDB <c>sql_mode</c> value changes them: <c>NO_BACKSLASH_ESCAPES</c> makes '\' an
    /// ordinary character in strings; <c>ANSI_QUOTES</c> (also implied by the combination modes <c>ANSI</c>,
    /// <c>ORACLE</c>, <c>POSTGRESQL</c>, <c>MSSQL</c>, <c>DB2</c>, <c>MAXDB</c>) makes <c>"..."</c> an identifier.
    /// Modes absent from <paramref name="sqlMode"/> are off, as on the server (the value replaces the whole mode).
    /// Rules that do not follow <c>sql_mode</c> (<see cref="FollowsSqlMode"/> false) are returned unchanged.
    /// </summary>
    /// <param name="sqlMode">A comma-separated <c>sql_mode</c> value, e.g. <c>"STRICT_TRANS_TABLES,ANSI_QUOTES"</c>.</param>
    /// <remarks>Mode names from the MySQL 8.0 and MariaDB 10.11 reference manuals ("Server SQL Modes").</remarks>
    public SqlLexicalRules WithSqlMode(string sqlMode)
    {
        ArgumentNullException.ThrowIfNull(sqlMode);
        if (!FollowsSqlMode) return this;
        var modes = sqlMode.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(m => m.ToUpperInvariant()).ToHashSet();
        var ansiQuotes = modes.Overlaps(["ANSI_QUOTES", "ANSI", "ORACLE", "POSTGRESQL", "MSSQL", "DB2", "MAXDB"]);
        return this with { BackslashEscapesInStrings = !modes.Contains("NO_BACKSLASH_ESCAPES"), DoubleQuotedStrings = !ansiQuotes };
    }
}
