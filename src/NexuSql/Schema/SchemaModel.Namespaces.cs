namespace NexuSql.Schema;

public sealed partial record SchemaModel
{
    /// <summary>
    /// A table by the name messages, markers and <c>--tables</c> use (<see cref="TableModel.QualifiedName"/>: <c>t</c> in
    /// the current schema, <c>sales.t</c> in another), case-insensitive; a table of the current schema wins over a
    /// same-spelled one of another schema.
    /// </summary>
    internal TableModel? TableNamed(string qualifiedName) =>
        Table(qualifiedName) ?? Tables.FirstOrDefault(t => string.Equals(t.QualifiedName, qualifiedName, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Refuses, before anything is written, to move tables or views of schemas other than the current one into an engine
    /// without schemas inside a database (MariaDB, SQLite): each is named, with what to do instead.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">The schema holds such tables or views and <paramref name="target"/> has no schemas.</exception>
    internal void RefuseOtherSchemas(Dialects.SqlDialect target, string work, string advice)
    {
        if (target.Capabilities.Schemas) return;
        var names = Tables.Where(t => t.Schema is not null).Select(t => "table " + t.QualifiedName)
            .Concat(Views.Where(v => v.Schema is not null).Select(v => "view " + v.QualifiedName)).ToList();
        if (names.Count == 0) return;
        throw new NexuSqlRefusedException(
            $"Nothing was written: {target.Engine.DisplayName()} has no schemas inside a database, so these cannot be {work} as they are: {string.Join(", ", names)}. " +
            $"{advice} (a table of another schema is never put into the current one, onto a table that may have its name).");
    }
}
