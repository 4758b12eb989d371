namespace NexuSql.Dialects;

/// <summary>What a name is given to, for the rules an engine has about names (<see cref="SqlDialect.NameProblem"/>).</summary>
public enum IdentifierKind
{
    /// <summary>A table or view.</summary>
    Table,

    /// <summary>A column of a table.</summary>
    Column,

    /// <summary>An index, primary or unique key, or foreign key: what MySQL/MariaDB keeps as an index.</summary>
    Index,

    /// <summary>A CHECK constraint.</summary>
    Check,
}
