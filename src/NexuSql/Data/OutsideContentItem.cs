namespace NexuSql.Data;

/// <summary>One piece of data a database holds outside its tables (a PostgreSQL large object), as <see cref="OutsideContent.ListAsync"/> lists it.</summary>
/// <param name="Id">Its number in the database (a large object's oid), kept as it is by copy and restore.</param>
public sealed record OutsideContentItem(long Id)
{
    /// <summary>The role that owns it, when the engine records one; a target keeps it where that role exists there.</summary>
    public string? Owner { get; init; }

    /// <summary>What copy and restore do not carry of it (privileges, a comment), in words; null when nothing.</summary>
    public string? NotCarried { get; init; }
}
