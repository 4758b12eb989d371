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
    /// <summary>
    /// A SQL callback with Flyway's name (<c>beforeMigrate.sql</c>, <c>afterEachMigrate__note.sql</c>, ...; see
    /// <see cref="MigrationScriptName.CallbackEvents"/>): run at that moment of every migrate, never recorded in the history.
    /// </summary>
    Callback,
}
