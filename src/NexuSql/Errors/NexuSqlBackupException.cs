namespace NexuSql;

/// <summary>
/// A backup file cannot be used: damaged (a checksum, count or hash does not match), truncated, incomplete (a
/// backup that was interrupted), or of a newer format. Raised before the restore target is touched.
/// </summary>
public sealed class NexuSqlBackupException : NexuSqlException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with which file and table, and what to do.</param>
    /// <param name="innerException">The underlying failure (an I/O or format error), if any.</param>
    public NexuSqlBackupException(string message, Exception? innerException = null) : base(message, innerException: innerException) { }
}
