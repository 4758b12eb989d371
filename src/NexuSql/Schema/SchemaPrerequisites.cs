namespace NexuSql.Schema;

/// <summary>
/// What the tables a copy or restore creates need from the target and do not bring themselves: an engine type that is
/// not built in (a PostgreSQL composite type, an extension's type such as citext or hstore) and a collation the user
/// created (<c>CREATE COLLATION</c>). Enum types, domains, composite types and collations of the schema are created with it, and so are the types of
/// its extensions where the target's server has the extension (pg_available_extensions), so they are not asked for.
/// </summary>
internal static class SchemaPrerequisites
{
    /// <summary>
    /// Refuses, before anything is written, to create tables whose column types or collations <paramref name="target"/>
    /// does not have (<see cref="NexuSqlProvider.UndefinedTypesAsync"/>, <see cref="NexuSqlProvider.UndefinedCollationsAsync"/>):
    /// the CREATE TABLE would fail with the engine's raw "type ... does not exist" after the target was marked.
    /// </summary>
    /// <param name="target">The database the tables go into.</param>
    /// <param name="tables">The tables that will be created (not those that exist already).</param>
    /// <param name="schema">The whole schema moved, whose enum types and domains are created before the tables.</param>
    /// <param name="ct">Cancels the check.</param>
    /// <exception cref="NexuSqlRefusedException">Names each table, column and missing type or collation, and what to do.</exception>
    /// <param name="existing">What the target holds now, whose types of the same name are kept (null when they are dropped first: <c>--clean</c>).</param>
    public static async Task RefuseMissingAsync(NexuSqlDatabase target, IReadOnlyList<TableModel> tables, SchemaModel schema, SchemaModel? existing, CancellationToken ct)
    {
        if (existing is not null && Conflicts(schema, existing) is { Count: > 0 } conflicts)
            throw new NexuSqlRefusedException(
                $"The target database has its own {string.Join("; ", conflicts)}; the tables would be created on the target's and the rows would not fit or mean the same. " +
                "Nothing was written. Drop or rename it in the target, or start from an empty target (--clean drops everything in it first).");
        var problems = await MissingAsync(target, tables, schema, ct).ConfigureAwait(false);
        if (problems.Count == 0) return;
        throw new NexuSqlRefusedException(
            $"The target database has no such type, collation or operator class for these: {string.Join(", ", problems)}; nothing was written. " +
            "Create them in the target first — CREATE EXTENSION for an extension's type (citext, hstore) or operator classes (btree_gist), CREATE TYPE for a composite type, CREATE COLLATION — " +
            "for example in a migration, then run this again; or create the tables yourself and move the rows with --data-only.");
    }

    /// <summary>
    /// The types and collations of <paramref name="schema"/> that <paramref name="existing"/> holds under the same name
    /// with another definition (they are kept, not created again): <c>composite type pair (x date) where the source has (a integer, b text)</c>.
    /// </summary>
    public static IReadOnlyList<string> Conflicts(SchemaModel schema, SchemaModel existing)
    {
        static T? Named<T>(IEnumerable<T>? list, Func<T, string> name, string wanted) where T : class =>
            (list ?? []).FirstOrDefault(x => string.Equals(name(x), wanted, StringComparison.OrdinalIgnoreCase));
        var conflicts = new List<string>();
        foreach (var c in schema.Collations ?? [])
            if (Named(existing.Collations, x => x.Name, c.Name) is { } there && there != c with { Name = there.Name })
                conflicts.Add($"collation {c.Name} ({there.Provider} {there.Locale ?? there.LcCollate}{(there.Deterministic ? "" : ", nondeterministic")}) where the source has ({c.Provider} {c.Locale ?? c.LcCollate}{(c.Deterministic ? "" : ", nondeterministic")})");
        foreach (var e in schema.Enums ?? [])
            if (Named(existing.Enums, x => x.QualifiedName, e.QualifiedName) is { } there && !there.Values.SequenceEqual(e.Values, StringComparer.Ordinal))
                conflicts.Add($"enum type {e.QualifiedName} ({string.Join(", ", there.Values)}) where the source has ({string.Join(", ", e.Values)})");
        foreach (var x in schema.Domains ?? [])
            if (Named(existing.Domains, o => o.QualifiedName, x.QualifiedName) is { } there && !there.Same(x))
                conflicts.Add($"domain {x.QualifiedName} (over {there.BaseType}) that differs from the source's (over {x.BaseType})");
        foreach (var c in schema.Composites ?? [])
            if (Named(existing.Composites, o => o.QualifiedName, c.QualifiedName) is { } there && !there.Same(c))
                conflicts.Add($"composite type {c.QualifiedName} ({there.AttributeList}) where the source has ({c.AttributeList})");
        foreach (var r in schema.Ranges ?? [])
            if (Named(existing.Ranges, o => o.QualifiedName, r.QualifiedName) is { } there && there != r)
                conflicts.Add($"range type {r.QualifiedName} ({there.Definition}) where the source has ({r.Definition})");
        return conflicts;
    }

    /// <summary>
    /// What <see cref="RefuseMissingAsync"/> refuses, one entry per use: <c>t.c (type addr)</c>, <c>t.c (collation ci)</c>,
    /// <c>domain d (type x)</c>; empty when the target has everything.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(NexuSqlDatabase target, IReadOnlyList<TableModel> tables, SchemaModel schema, CancellationToken ct)
    {
        // the schema's own types and collations are created before the tables (SchemaScript.UserTypeStatements)
        var created = (schema.Enums ?? []).Select(e => e.QualifiedName).Concat((schema.Domains ?? []).Select(x => x.QualifiedName)).Concat((schema.Composites ?? []).Select(x => x.QualifiedName))
            .Concat((schema.Ranges ?? []).SelectMany(x => new[] { x.QualifiedName, x.QualifiedMultirangeName }))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var createdCollations = (schema.Collations ?? []).Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
        var typeUses = tables.SelectMany(t => t.Columns.Where(c => c.Type.Kind == PortableType.Native && c.Type.Native is not null && !created.Contains(UserTypes.Element(c.Type.Native))
                    // MariaDB's BIT, INET6, ENUM declared as bit(n), inet or the enum type made for it (created above)
                    && !MySqlTypesInPostgreSql.IsCarried(c, target.Dialect.Engine))
                .Select(c => (Where: $"{t.QualifiedName}.{c.Name}", Name: c.Type.Native!)))
            .Concat((schema.Domains ?? []).Where(x => !created.Contains(UserTypes.Element(x.BaseType))).Select(x => (Where: $"domain {x.QualifiedName}", Name: x.BaseType)))
            .Concat((schema.Composites ?? []).SelectMany(x => x.Attributes.Where(a => !created.Contains(UserTypes.Element(a.Type))).Select(a => (Where: $"type {x.QualifiedName}.{a.Name}", Name: a.Type))))
            .Concat((schema.Ranges ?? []).Where(x => !created.Contains(UserTypes.Element(x.Subtype))).Select(x => (Where: $"range type {x.QualifiedName}", Name: x.Subtype)))
            .ToList();
        var collationUses = tables.SelectMany(t => t.Columns.Where(c => c.Collation is not null).Select(c => (Where: $"{t.Name}.{c.Name}", Name: c.Collation!)))
            .Concat((schema.Domains ?? []).Where(x => x.Collation is not null).Select(x => (Where: $"domain {x.QualifiedName}", Name: x.Collation!)))
            .Concat((schema.Composites ?? []).SelectMany(x => x.Attributes.Where(a => a.Collation is not null).Select(a => (Where: $"type {x.QualifiedName}.{a.Name}", Name: a.Collation!))))
            .Where(u => !createdCollations.Contains(u.Name))
            .ToList();
        // an extension an exclusion constraint's operator classes come from (btree_gist): created before the tables
        // where the server has it; where not, the constraint is named here rather than failing after the rows
        var exclusions = tables.SelectMany(t => (t.Exclusions ?? []).Select(e => $"{e.Name} on {t.Name}")).ToList();
        var serving = exclusions.Count == 0 ? [] : (schema.Extensions ?? []).Where(x => x.Types.Count == 0 && target.Dialect.CreateExtensionSql(x.Name) is not null).ToList();
        if (typeUses.Count + collationUses.Count + serving.Count == 0) return [];
        // an extension's types come with it (CREATE EXTENSION IF NOT EXISTS, before the tables) where the server has it
        var extensions = (schema.Extensions ?? []).Where(x => target.Dialect.CreateExtensionSql(x.Name) is not null).ToList();
        IReadOnlySet<string> unavailable = extensions.Count == 0 ? new HashSet<string>()
            : await target.Provider.UnavailableExtensionsAsync(target, [.. extensions.Select(x => x.Name)], ct).ConfigureAwait(false);
        var missingOperators = serving.Where(x => unavailable.Contains(x.Name))
            .Select(x => $"exclusion constraints {string.Join(", ", exclusions)} (operator classes of extension {x.Name}, which this server does not have)").ToList();
        var fromExtension = extensions.SelectMany(x => x.Types.Select(t => (Type: t, x.Name))).ToLookup(p => p.Type, p => p.Name, StringComparer.OrdinalIgnoreCase);
        typeUses = [.. typeUses.Where(u => !fromExtension[UserTypes.Element(u.Name)].Any(x => !unavailable.Contains(x)))];
        IReadOnlySet<string> missingTypes = typeUses.Count == 0 ? new HashSet<string>() : await target.Provider.UndefinedTypesAsync(target, [.. typeUses.Select(u => u.Name).Distinct(StringComparer.Ordinal)], ct).ConfigureAwait(false);
        IReadOnlySet<string> missingCollations = collationUses.Count == 0 ? new HashSet<string>() : await target.Provider.UndefinedCollationsAsync(target, [.. collationUses.Select(u => u.Name).Distinct(StringComparer.Ordinal)], ct).ConfigureAwait(false);
        var problems = typeUses.Where(u => missingTypes.Contains(u.Name))
                .Select(u => fromExtension[UserTypes.Element(u.Name)].FirstOrDefault() is { } x ? $"{u.Where} (type {u.Name} of extension {x}, which this server does not have)" : $"{u.Where} (type {u.Name})")
            .Concat(collationUses.Where(u => missingCollations.Contains(u.Name)).Select(u => $"{u.Where} (collation {u.Name})")).Concat(missingOperators).ToList();
        return problems;
    }
}
