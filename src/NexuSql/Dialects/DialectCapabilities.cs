namespace NexuSql.Dialects;

/// <summary>What an engine can do, checked before work starts instead of failing halfway.</summary>
public sealed record DialectCapabilities
{
    /// <summary>DDL statements take part in transactions and roll back with them.</summary>
    public bool TransactionalDdl { get; init; }

    /// <summary>Tables live in named schemas (namespaces) inside a database.</summary>
    public bool Schemas { get; init; }

    /// <summary>Session-level advisory locks exist (pg_advisory_lock, GET_LOCK, sp_getapplock).</summary>
    public bool AdvisoryLocks { get; init; }

    /// <summary><c>INSERT ... RETURNING</c> (or SQL Server's OUTPUT) is available.</summary>
    public bool Returning { get; init; }

    /// <summary>
    /// One writer at a time for the whole database (SQLite): a second transaction that writes waits for the first to
    /// end, so one started inside another's unit of work can never finish.
    /// </summary>
    public bool SingleWriter { get; init; }

    /// <summary>Savepoints inside a transaction.</summary>
    public bool Savepoints { get; init; } = true;

    /// <summary>
    /// The savepoint of the engine's client-side retry protocol (CockroachDB: <c>cockroach_restart</c>), or null.
    /// When set, a retried unit of work rolls back to it and runs again in the same transaction, and commits by
    /// releasing it.
    /// </summary>
    public string? RestartSavepoint { get; init; }
}
