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
}
