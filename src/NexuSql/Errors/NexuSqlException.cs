using System.Data.Common;

namespace NexuSql;

/// <summary>
/// The root of every database failure NexuSQL reports. Carries the engine and the engine's own error code
/// (SQLSTATE on PostgreSQL/CockroachDB, the error number on MySQL/MariaDB and SQL Server, the extended
/// result code on SQLite). Subtypes exist only where the caller's next step differs.
/// </summary>
public class NexuSqlException : DbException
{
    private readonly bool _isTransient;

    /// <summary>Creates an exception.</summary>
    /// <param name="message">What went wrong, where, and what to do; never a password.</param>
    /// <param name="engine">The engine that reported the failure, when known.</param>
    /// <param name="engineCode">The engine's own code (SQLSTATE, error number).</param>
    /// <param name="innerException">The driver's exception.</param>
    /// <param name="isTransient">True when running the same work again may succeed.</param>
    public NexuSqlException(string message, NexuSqlEngine? engine = null, string? engineCode = null,
        Exception? innerException = null, bool isTransient = false)
        : base(message, innerException)
    {
        Engine = engine;
        EngineCode = engineCode;
        _isTransient = isTransient;
    }

    /// <summary>The engine that reported the failure, when known.</summary>
    public NexuSqlEngine? Engine { get; }

    /// <summary>The engine's own code: SQLSTATE (PostgreSQL), error number (MySQL, SQL Server), extended result code (SQLite).</summary>
    public string? EngineCode { get; }

    /// <summary>The SQLSTATE when the engine reports one in that form, otherwise the engine code.</summary>
    public override string? SqlState => EngineCode;

    /// <summary>True when running the same unit of work again may succeed (serialization failure, deadlock, lost connection).</summary>
    public override bool IsTransient => _isTransient;
}
