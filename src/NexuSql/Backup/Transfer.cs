namespace NexuSql.Backup;

/// <summary>What restore and copy share: which tables, what to do with a target that is not empty, and progress.</summary>
public abstract record TransferOptions
{
    /// <summary>Only these tables (case-insensitive); null for all.</summary>
    public IReadOnlyList<string>? Tables { get; init; }

    /// <summary>
    /// PostgreSQL: only the tables and views of these schemas (the current one by its name, e.g. <c>public</c>); null
    /// for every schema the source (or the backup) holds. Into an engine without schemas (MariaDB, SQLite) tables of a
    /// schema other than the current one are refused: name the current schema here.
    /// </summary>
    /// <remarks>A name that is not a schema with tables or views throws <see cref="ArgumentException"/>, before anything is written.</remarks>
    public IReadOnlyList<string>? Schemas { get; init; }

    /// <summary>Drop everything in the target first (otherwise a target that is not empty is refused).</summary>
    public bool Clean { get; init; }

    /// <summary>Finish an interrupted run into this target: tables already recorded as loaded are kept, the rest loaded.</summary>
    public bool Resume { get; init; }

    /// <summary>Called as tables load.</summary>
    public Action<TableProgress>? Progress { get; init; }

    /// <summary>Called with each phase ("creating tables", "checking counts and hashes", ...).</summary>
    public Action<string>? Phase { get; init; }

    /// <summary>
    /// Called once the target carries the unfinished-run marker (or already carried it, with <see cref="Resume"/>): from
    /// then on an interruption leaves a target that <see cref="Resume"/> finishes; before it, nothing was written.
    /// </summary>
    public Action? Marked { get; init; }
}

/// <summary>What a restore or copy did.</summary>
/// <param name="Tables">Tables loaded (or kept from an interrupted run), with their row counts and hashes.</param>
/// <param name="Rows">Rows in all.</param>
/// <param name="SkippedViews">Views not created: their SQL is another engine's.</param>
public sealed record TransferResult(IReadOnlyList<BackupTable> Tables, long Rows, IReadOnlyList<string> SkippedViews)
{
    /// <summary>
    /// Functions, procedures, triggers, row-level security and policies not recreated, each with the reason ("trigger
    /// orders_audit on orders: PostgreSql SQL; triggers are not translated between engines ...").
    /// </summary>
    public IReadOnlyList<string> SkippedObjects { get; init; } = [];

    /// <summary>
    /// What the source held that the schema model does not (<see cref="Schema.SchemaModel.LeftOut"/>: domains, rules,
    /// partitioning, ...), so neither did the copy or restore; each by name with the reason.
    /// </summary>
    public IReadOnlyList<string> LeftOut { get; init; } = [];

    /// <summary>What the caller should act on, e.g. a restored migration history that names objects the target lacks.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
