namespace NexuSql.Schema;

/// <summary>
/// A collation made with PostgreSQL's <c>CREATE COLLATION</c> (pg_collation of the current schema): columns, domains
/// and composite attributes that name it need it to exist. PostgreSQL → PostgreSQL recreates it before every type and
/// table; other engines have their own collations, so it is not carried there (a column's collation is named).
/// </summary>
/// <param name="Name">The collation's name as written (<c>ci</c>, <c>Mixed</c>).</param>
/// <param name="Provider">The locale provider: <c>icu</c>, <c>libc</c> or <c>builtin</c> (PostgreSQL 17).</param>
public sealed record CollationModel(string Name, string Provider)
{
    /// <summary>The locale (<c>und-u-ks-level2</c>, <c>C.UTF-8</c>) when LC_COLLATE and LC_CTYPE are one, else null.</summary>
    public string? Locale { get; init; }

    /// <summary>LC_COLLATE of a libc collation whose LC_CTYPE differs (<see cref="Locale"/> is null then).</summary>
    public string? LcCollate { get; init; }

    /// <summary>LC_CTYPE of a libc collation whose LC_COLLATE differs.</summary>
    public string? LcCtype { get; init; }

    /// <summary>False for a nondeterministic collation (ICU: equal strings that differ in bytes, such as case-insensitive ones).</summary>
    public bool Deterministic { get; init; } = true;

    /// <summary>ICU tailoring rules (PostgreSQL 16's <c>rules</c>), or null.</summary>
    public string? Rules { get; init; }
}

/// <summary>Creation order of the types a schema makes itself: collations, enum types, then domains and composite types by what they use.</summary>
internal static class UserTypes
{
    /// <summary>
    /// A type name as the model names it (<see cref="SchemaModel.Qualify"/>: unquoted, <c>schema.name</c> outside the
    /// current schema), without array brackets and quotes: <c>pair</c> for <c>"pair"[]</c>, <c>Sales.Mood</c> for
    /// <c>"Sales"."Mood"</c>, <c>app.mood</c> for <c>app.mood[]</c>.
    /// </summary>
    public static string Element(string type)
    {
        var t = type.Trim();
        while (t.EndsWith("[]", StringComparison.Ordinal)) t = t[..^2].TrimEnd();
        if (!t.Contains('"', StringComparison.Ordinal)) return t;
        // "a""b".c: quoted parts keep their text (doubled quotes undone), unquoted ones are as written
        var name = new System.Text.StringBuilder(t.Length);
        for (var i = 0; i < t.Length; i++)
        {
            if (t[i] != '"') { name.Append(t[i]); continue; }
            for (i++; i < t.Length; i++)
            {
                if (t[i] != '"') name.Append(t[i]);
                else if (i + 1 < t.Length && t[i + 1] == '"') name.Append(t[++i]);
                else break;
            }
        }
        return name.ToString();
    }

    /// <summary>
    /// Domains, composite and range types in one creation order: one that uses another (a domain over a composite type, a
    /// composite with a domain or composite attribute, a range over a domain) after it; otherwise by name. A cycle (which PostgreSQL does not
    /// allow) keeps name order.
    /// </summary>
    public static IReadOnlyList<object> DomainsAndComposites(SchemaModel schema)
    {
        var items = (schema.Domains ?? []).Select(d => (Name: d.QualifiedName, Item: (object)d, Uses: (IEnumerable<string>)[Element(d.BaseType)]))
            .Concat((schema.Composites ?? []).Select(c => (Name: c.QualifiedName, Item: (object)c, Uses: c.UsedTypes)))
            .Concat((schema.Ranges ?? []).Select(r => (Name: r.QualifiedName, Item: (object)r, Uses: (IEnumerable<string>)[Element(r.Subtype)])))
            .OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<object>();
        while (items.Count > 0)
        {
            var ready = items.FirstOrDefault(x => !x.Uses.Any(u => items.Any(o => o.Item != x.Item && o.Name == u)));
            if (ready.Item is null) ready = items[0];
            ordered.Add(ready.Item);
            items.Remove(ready);
        }
        return ordered;
    }
}
