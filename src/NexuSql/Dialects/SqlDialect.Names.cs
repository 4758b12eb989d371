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
}
