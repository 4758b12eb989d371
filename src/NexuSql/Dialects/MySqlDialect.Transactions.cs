namespace NexuSql.Dialects;

public sealed partial class MySqlDialect
{
    // the statements MariaDB and MySQL say "cause an implicit commit" ("SQL statements that cause an implicit commit",
    // MariaDB and MySQL 8.0 reference manuals), by their first words; CREATE/DROP TEMPORARY TABLE do not
    private static readonly string[] ImplicitCommitStatements =
    [
        "CREATE ", "ALTER ", "DROP ", "RENAME ", "TRUNCATE ", "GRANT ", "REVOKE ", "SET PASSWORD", "LOCK TABLE", "UNLOCK TABLE",
        "ANALYZE ", "CHECK TABLE", "OPTIMIZE ", "REPAIR ", "FLUSH ", "RESET ", "CACHE INDEX", "LOAD INDEX", "INSTALL ", "UNINSTALL ",
    ];

    /// <inheritdoc/>
    /// <remarks>DDL commits by itself here, so a script's text does not say whether its START TRANSACTION is still open.</remarks>
    internal override string? InTransactionSql => "SELECT @@in_transaction";

    /// <inheritdoc/>
    /// <remarks>
    /// DDL (CREATE, ALTER, DROP, RENAME, TRUNCATE), account statements (GRANT, REVOKE, SET PASSWORD), LOCK/UNLOCK TABLES and
    /// table maintenance (ANALYZE, CHECK, OPTIMIZE, REPAIR TABLE, FLUSH, RESET); not CREATE or DROP TEMPORARY TABLE.
    /// </remarks>
    internal override bool CommitsImplicitly(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var words = string.Join(' ', statement.Split((char[]?)null, 6, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant() + " ";
        if (words.StartsWith("CREATE TEMPORARY ", StringComparison.Ordinal) || words.StartsWith("DROP TEMPORARY ", StringComparison.Ordinal)) return false;
        return ImplicitCommitStatements.Any(p => words.StartsWith(p, StringComparison.Ordinal));
    }
}
