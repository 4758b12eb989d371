namespace NexuSql.Dialects;

/// <summary>
/// How the engine's own command-line client reads a script (psql, mysql, sqlite3, sqlcmd): what ends a statement,
/// which words open a block whose ';' do not end it, and how a planned script spells transactions and literals.
/// The migration splitter and the dry-run script writer read it instead of asking which engine this is.
/// </summary>
public sealed record ScriptSyntax
{
    /// <summary>Standard SQL scripts: statements end at ';', <c>BEGIN ... END</c> and <c>CASE ... END</c> are blocks.</summary>
    public static ScriptSyntax Standard { get; } = new();

    /// <summary>A line that ends a batch instead of ';' (SQL Server's <c>GO</c>), or null.</summary>
    public string? BatchSeparator { get; init; }

    /// <summary>The client has a <c>DELIMITER</c> command (mysql): a script may change what ends a statement, and a routine body holding ';' is written inside one.</summary>
    public bool DelimiterCommand { get; init; }

    /// <summary>A ';' inside parentheses does not end a statement (psql).</summary>
    public bool ParenthesesHoldStatements { get; init; }

    /// <summary>
    /// <c>BEGIN</c> opens a compound block whose ';' do not end the statement (MySQL, SQLite triggers). False where a
    /// bare <c>BEGIN</c> starts a transaction and only <c>BEGIN ATOMIC</c> opens a block (PostgreSQL).
    /// </summary>
    public bool BeginOpensBlock { get; init; } = true;

    /// <summary><c>END IF</c>, <c>END LOOP</c>, <c>END WHILE</c>, <c>END REPEAT</c>, <c>END FOR</c> close those statements, not a block (MySQL).</summary>
    public bool EndClosesLoops { get; init; }

    /// <summary>The statement that opens a transaction in a written script.</summary>
    public string BeginTransaction { get; init; } = "BEGIN";

    /// <summary>The statement that commits it.</summary>
    public string CommitTransaction { get; init; } = "COMMIT";

    /// <summary>What goes before the quote of a string literal (SQL Server: <c>N</c>, so that the text is Unicode).</summary>
    public string StringLiteralPrefix { get; init; } = "";

    /// <summary>Booleans are written <c>1</c> / <c>0</c> (SQL Server, SQLite) rather than <c>TRUE</c> / <c>FALSE</c>.</summary>
    public bool BooleansAsNumbers { get; init; }
}
