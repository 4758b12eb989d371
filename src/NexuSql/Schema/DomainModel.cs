using System.Text.Json.Serialization;

namespace NexuSql.Schema;

/// <summary>
/// A PostgreSQL domain (<c>CREATE DOMAIN name AS base [COLLATE c] [DEFAULT d] [NOT NULL] [CONSTRAINT n CHECK (...)]</c>):
/// a base type with constraints that every column of the domain obeys. Columns of a domain keep their portable base
/// type and declare the domain as their engine type (<c>postgresql:posint</c>), so PostgreSQL → PostgreSQL recreates the
/// domain and its columns; other engines have no domains: copy and restore give the columns the base type, NOT NULL and
/// the default, and the checks written for the column where they translate (named as left out where they do not).
/// </summary>
/// <param name="Name">The domain's name.</param>
/// <param name="BaseType">The base type as PostgreSQL prints it (<c>integer</c>, <c>character varying(20)</c>, another domain).</param>
public sealed record DomainModel(string Name, string BaseType)
{
    /// <summary>The domain's schema when it is not the connection's current one (see <see cref="TableModel.Schema"/>); null otherwise.</summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; init; }

    /// <summary>The domain as columns, plans and messages name it: <c>name</c> or <c>schema.name</c>.</summary>
    [JsonIgnore]
    public string QualifiedName => SchemaModel.Qualify(Schema, Name);

    /// <summary>NOT NULL: no column of the domain holds NULL.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NotNull { get; init; }

    /// <summary>The domain's default, as PostgreSQL prints it (a column's own default wins), or null.</summary>
    public string? Default { get; init; }

    /// <summary>The domain's collation when it is not its base type's (<c>C</c>), or null.</summary>
    public string? Collation { get; init; }

    /// <summary>The domain's CHECK constraints, their expressions in terms of <c>VALUE</c> (<c>(VALUE &gt; 0)</c>).</summary>
    public IReadOnlyList<CheckModel> Checks { get; init; } = [];

    /// <summary>The same domain: base type, NOT NULL, default, collation and checks (by name and normalised expression).</summary>
    public bool Same(DomainModel? other) => other is not null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(Schema, other.Schema, StringComparison.Ordinal)
        && string.Equals(BaseType, other.BaseType, StringComparison.OrdinalIgnoreCase) && NotNull == other.NotNull
        && ColumnDefault.Same(Default, other.Default, new ColumnType(PortableType.Text)) && string.Equals(Collation, other.Collation, StringComparison.Ordinal)
        && Checks.Count == other.Checks.Count && Checks.OrderBy(c => c.Name, StringComparer.Ordinal).Zip(other.Checks.OrderBy(c => c.Name, StringComparer.Ordinal))
            .All(p => p.First.Name == p.Second.Name && SqlExpressionText.SameMeaning(p.First.Expression, p.Second.Expression));

    private static string Base(DomainModel d) => d.BaseType.Trim('"');
}
