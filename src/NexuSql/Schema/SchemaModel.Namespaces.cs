namespace NexuSql.Schema;

public sealed partial record SchemaModel
{
    /// <summary>
    /// A table by the name messages, markers and <c>--tables</c> use (<see cref="TableModel.QualifiedName"/>: <c>t</c> in
    /// the current schema, <c>sales.t</c> in another), case-insensitive; a table of the current schema wins over a
    /// same-spelled one of another schema. The current schema's own name may qualify its tables (<c>public.t</c>; bt39 L1:
    /// "No table named public.p").
    /// </summary>
    /// <remarks>Two tables whose qualified names differ from it by case alone are neither (null), never one of them by chance.</remarks>
    internal TableModel? TableNamed(string qualifiedName) =>
        Table(qualifiedName) ?? NamePairing.Find(Tables, t => t.QualifiedName, qualifiedName)
        ?? (Unqualified(qualifiedName, CurrentSchema) is var bare && bare != qualifiedName ? Table(bare) : null);

    /// <summary>
    /// The tables <paramref name="names"/> (<c>--tables</c>) name, each as <see cref="TableNamed"/> finds it: one rule and one
    /// message for copy, backup, restore and seed.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Names no table: <c>No table named nosuch. Tables: a, sales.p.</c>, saying so where two tables differ from a name by case alone.
    /// </exception>
    internal IReadOnlyList<TableModel> TablesNamed(IReadOnlyList<string> names, string paramName)
    {
        ArgumentNullException.ThrowIfNull(names);
        var missing = names.Where(n => TableNamed(n) is null).ToList();
        if (missing.Count == 0) return [.. names.Select(n => TableNamed(n)!)];
        var byCase = missing.Where(n => Tables.Count(t => string.Equals(t.QualifiedName, n, StringComparison.OrdinalIgnoreCase)
            || string.Equals(t.QualifiedName, Unqualified(n, CurrentSchema), StringComparison.OrdinalIgnoreCase)) > 1).ToList();
        throw new ArgumentException($"No table named {string.Join(", ", missing)}" +
            (byCase.Count > 0 ? $" ({string.Join(", ", byCase)}: two tables differ from it by case alone; give the one meant as it is spelled)" : "") +
            $". Tables: {string.Join(", ", Tables.Select(t => t.QualifiedName))}.", paramName);
    }

    /// <summary><paramref name="name"/> without the <c>current.</c> of the current schema (<c>public.t</c> is <c>t</c>); as it is otherwise.</summary>
    internal static string Unqualified(string name, string? currentSchema) =>
        currentSchema is { Length: > 0 } && name.Length > currentSchema.Length + 1 && name.StartsWith(currentSchema + ".", StringComparison.Ordinal)
            ? name[(currentSchema.Length + 1)..] : name;

    /// <summary>
    /// Refuses, before anything is written, to move tables or views of schemas other than the current one into an engine
    /// without schemas inside a database (MariaDB, SQLite): each is named, with what to do instead.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">The schema holds such tables or views and <paramref name="target"/> has no schemas.</exception>
    internal void RefuseOtherSchemas(Dialects.SqlDialect target, string work, string advice)
    {
        if (target.Capabilities.Schemas) return;
        var names = Tables.Where(t => t.Schema is not null).Select(t => "table " + t.QualifiedName)
            .Concat(Views.Where(v => v.Schema is not null).Select(v => "view " + v.QualifiedName))
            // a sequence of another schema that a chosen table draws from (nextval('app.s')): a raw "Unknown database 'app'"
            // after the target was marked (break test 33 G7)
            .Concat(Sequences.Where(q => q.Schema is not null).Select(q => $"sequence {q.QualifiedName} (move it into the current schema: ALTER SEQUENCE {q.QualifiedName} SET SCHEMA ...)")).ToList();
        if (names.Count == 0) return;
        throw new NexuSqlRefusedException(
            $"Nothing was written: {target.Engine.DisplayName()} has no schemas inside a database, so these cannot be {work} as they are: {string.Join(", ", names)}. " +
            $"{advice} (a table of another schema is never put into the current one, onto a table that may have its name).");
    }

    /// <summary>
    /// Refuses, before anything is written, to move a database whose current schema (PostgreSQL: the first schema of its
    /// search_path that exists) is not the target's, within one engine with schemas: the current schema's objects are
    /// named without a schema, so they would be created in the target's current schema — moved without a word, or onto
    /// a table of that name half-way (break test 23 F2). pg_dump names every object with its schema; NexuSQL names the
    /// difference instead.
    /// </summary>
    /// <param name="sourceEngine">The engine the schema was read from.</param>
    /// <param name="sourceCurrent">The source's current schema (a backup's manifest: null for a backup written before it was recorded, taken as <c>public</c>).</param>
    /// <param name="target">The target's dialect.</param>
    /// <param name="existing">What the target holds now (its <see cref="CurrentSchema"/>).</param>
    /// <param name="work">"copied", "restored".</param>
    /// <exception cref="NexuSqlRefusedException">The two current schemas differ.</exception>
    internal static void RefuseOtherCurrentSchema(NexuSqlEngine sourceEngine, string? sourceCurrent, Dialects.SqlDialect target, SchemaModel existing, string work)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(existing);
        if (sourceEngine != target.Engine || !target.Capabilities.Schemas || existing.CurrentSchema is not { } targetCurrent) return;
        var current = sourceCurrent ?? "public";
        if (string.Equals(current, targetCurrent, StringComparison.Ordinal)) return;
        var quoted = target.QuoteIdentifier(current);
        throw new NexuSqlRefusedException(
            $"Nothing was written: the source's current schema is {current} (the first schema of its search_path) and the target's is {targetCurrent}, " +
            $"so the tables of {current} would be {work} into {targetCurrent}. Make {current} the target's current schema first " +
            $"(CREATE SCHEMA {quoted}; ALTER DATABASE ... SET search_path = {quoted}, public; then connect again) and run this again.");
    }
}
