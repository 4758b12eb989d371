namespace NexuSql;

/// <summary>
/// There is no room to write: the disk (or the user's quota) under a database file or a backup file is full, or the
/// database is at a size limit of its own (SQLite <c>max_page_count</c>): SQLite error 13 (SQLITE_FULL), PostgreSQL 53100
/// (disk_full), and a full disk under a backup file (<see cref="Backup.BackupCreator"/>). MySQL's codes for it (1021,
/// 1114) are not translated to it yet. The statement was rolled back; a backup file that was being written is removed. Running the same work
/// again cannot help until space is freed (or another place chosen): never transient. The message names the file
/// where it is known.
/// </summary>
public class NexuSqlStorageFullException : NexuSqlException
{
    /// <inheritdoc cref="NexuSqlException(string, NexuSqlEngine?, string?, Exception?, bool)"/>
    public NexuSqlStorageFullException(string message, NexuSqlEngine? engine = null, string? engineCode = null, Exception? innerException = null)
        : base(message, engine, engineCode, innerException, isTransient: false) { }

    /// <summary>
    /// True when <paramref name="exception"/> says the disk or a quota is full: ENOSPC or EDQUOT on Unix,
    /// ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on Windows (.NET keeps the system's code in <see cref="Exception.HResult"/>).
    /// </summary>
    public static bool IsDiskFull(IOException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var code = exception.HResult;
        if (OperatingSystem.IsWindows()) return (code & 0xFFFF) is 112 or 39 && (code >> 16 & 0x7FF) == 7; // FACILITY_WIN32
        // ENOSPC is 28 everywhere; EDQUOT is 122 on Linux, 69 on macOS and the BSDs
        return code == 28 || code == (OperatingSystem.IsLinux() ? 122 : 69);
    }
}
