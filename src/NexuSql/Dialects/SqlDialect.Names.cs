namespace NexuSql.Dialects;

public abstract partial class SqlDialect
{
    /// <summary>
    /// Why the engine cannot create a <paramref name="kind"/> named <paramref name="name"/> as it is (longer than
    /// <see cref="MaxIdentifierLength"/>, which PostgreSQL cuts off silently; a name MySQL/MariaDB refuses, or one SQLite
    /// or PostgreSQL keeps for itself), or null. Copy and restore across engines ask it of every name before anything is
    /// written.
    /// </summary>
    public virtual string? NameProblem(string name, IdentifierKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IdentifierLength(name) is var length && length <= MaxIdentifierLength) return null;
        var unit = IdentifierLengthInBytes ? "bytes" : "characters";
        return $"{length} {unit} long; {Engine.DisplayName()} keeps at most {MaxIdentifierLength} {unit} of a name";
    }

    /// <summary>
    /// Names the engine gives, by itself, to relations it makes for <paramref name="table"/> when the table is created
    /// (PostgreSQL: <c>t_id_seq</c> for an identity column's sequence, <c>t_pkey</c> for an unnamed primary key's
    /// index), in the schema where indexes are named too: an index of another table with such a name would fail after
    /// the rows were loaded (break test 24 B17). Empty where the engine makes none.
    /// </summary>
    public virtual IEnumerable<string> NamesTakenBy(Schema.TableModel table) => [];

    /// <summary>
    /// The name the engine gives the <paramref name="ordinal"/>-th (1-based) unnamed foreign key of
    /// <paramref name="table"/> (InnoDB: <c>t_ibfk_1</c>), or null where NexuSQL names it or the engine's name needs no
    /// check. A copy names such a key itself where the engine's name would be too long (bt43: a 60-character SQLite
    /// table's key failed with 1059 after the rows).
    /// </summary>
    internal virtual string? GeneratedForeignKeyName(string table, int ordinal) => null;

    /// <summary>
    /// Whether the engine tells table, view and index names apart only regardless of case (SQLite: <c>Orders</c> and
    /// <c>orders</c> are one name), so two that differ only in case cannot both be created (break test 24 B2).
    /// </summary>
    public virtual bool RelationNamesIgnoreCase => false;

    /// <summary>
    /// Whether the engine compares a table's constraint names regardless of case (MySQL/MariaDB: checks <c>CK</c> and
    /// <c>ck</c> on one table are one name, error 1826), so two that differ only in case cannot both be created (break test 24 B22).
    /// </summary>
    public virtual bool ConstraintNamesIgnoreCase => false;

    /// <summary>
    /// Whether the engine keeps a table's constraint names apart (PostgreSQL, MySQL/MariaDB: two of one name fail with
    /// 42710 or 1826); SQLite accepts <c>CONSTRAINT u UNIQUE (a), CONSTRAINT u UNIQUE (b)</c> (break test 34 F2).
    /// </summary>
    internal virtual bool ConstraintNamesPerTable => true;

    /// <summary>
    /// Whether a primary or unique key's name is its index's name, taken where indexes are named (PostgreSQL: beside
    /// tables and views); false where the engine names a key's index itself (SQLite's <c>sqlite_autoindex_t_1</c>: a
    /// key's <c>CONSTRAINT</c> name names nothing else, and only a CREATE INDEX takes a name beside tables and views).
    /// </summary>
    internal virtual bool KeyNamesNameIndexes => true;
}
