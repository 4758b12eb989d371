namespace NexuSql.Migrations;

/// <summary>What a migration script does.</summary>
public enum MigrationKind
{
    /// <summary><c>V&lt;version&gt;__&lt;description&gt;.sql</c>: applied once, in version order.</summary>
    Versioned,
    /// <summary><c>U&lt;version&gt;__&lt;description&gt;.sql</c>: reverts the versioned migration of the same version.</summary>
    Undo,
    /// <summary><c>R__&lt;description&gt;.sql</c>: re-applied whenever its checksum changes, after all versioned ones.</summary>
    Repeatable,
}
