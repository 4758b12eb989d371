using System.Data;

namespace NexuSql;

/// <summary>
/// How <c>Transaction(...)</c> runs a unit of work: isolation level, and how often and how patiently it re-runs the
/// whole unit after a serialization failure or deadlock (<see cref="NexuSqlTransientException"/>).
/// </summary>
public sealed record TransactionOptions
{
    /// <summary>Default: engine's isolation level, up to 10 attempts, 10 ms base delay doubling up to 1 s, jittered.</summary>
    public static TransactionOptions Default { get; } = new();

    /// <summary>The isolation level; <see langword="null"/> for the engine's default.</summary>
    public IsolationLevel? IsolationLevel { get; init; }

    /// <summary>
    /// Settings for this unit only, set right after BEGIN of every attempt, as <c>name → value</c> (null: SQL NULL) —
    /// e.g. <c>{ ["app.user_id"] = "42" }</c> for a row-level-security policy that reads
    /// <c>current_setting('app.user_id')</c>. PostgreSQL: <c>set_config(name, value, true)</c>, gone at COMMIT or
    /// ROLLBACK (the name needs a dot, as PostgreSQL requires of custom settings); MySQL/MariaDB: the user variable
    /// <c>@name</c>, set to NULL again before the connection returns to the pool. Nothing reaches another unit.
    /// </summary>
    /// <remarks>SQLite has no session settings: a unit given any throws <see cref="NotSupportedException"/>.</remarks>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>Total attempts, the first included; 1 disables retrying.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The delay before the second attempt; it doubles each time up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The cap on one delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The delay after failed attempt <paramref name="attempt"/> (1-based): "equal jitter", half fixed and half random,
    /// so that colliding transactions spread out without ever retrying immediately.
    /// </summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var exp = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)), MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(exp / 2 + Random.Shared.NextDouble() * exp / 2);
    }
}
