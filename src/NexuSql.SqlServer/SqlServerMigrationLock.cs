namespace NexuSql.SqlServer;

/// <summary>
/// The migration lock on SQL Server: <c>sp_getapplock</c> in session mode on a resource scoped to the database and the
/// history table; the return code is checked (0/1 granted, -1 timeout, -2 cancelled, -3 deadlock, -999 error). The
/// server releases it when the session ends.
/// </summary>
internal static class SqlServerMigrationLock
{
    internal const string AcquireSql =
        "DECLARE @result int; EXEC @result = sp_getapplock @Resource = :resource, @LockMode = 'Exclusive', " +
        "@LockOwner = 'Session', @LockTimeout = :milliseconds; SELECT @result";

    internal const string ReleaseSql = "EXEC sp_releaseapplock @Resource = :resource, @LockOwner = 'Session'";

    internal const string HolderSql =
        "SELECT TOP 1 CONCAT('session ', s.session_id, ', ', s.program_name, ', host ', s.host_name, ', login ', s.login_name) " +
        "FROM sys.dm_tran_locks l JOIN sys.dm_exec_sessions s ON s.session_id = l.request_session_id " +
        "WHERE l.resource_type = 'APPLICATION' AND l.request_status = 'GRANT' AND l.resource_database_id = DB_ID() AND l.request_session_id <> @@SPID";

    /// <summary>The resource name: at most 255 characters, as sp_getapplock requires.</summary>
    internal static string Resource(string database, string scope)
    {
        var name = $"nexusql:{database}:{scope}";
        return name.Length <= 255 ? name : "nexusql:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
    }

    public static Task<IAsyncDisposable> AcquireAsync(NexuSqlDatabase database, string scope, TimeSpan timeout, CancellationToken ct) =>
        SessionLock.AcquireAsync(database, async session =>
        {
            var resource = Resource(await session.ExecuteScalarAsync<string>("SELECT DB_NAME()", cancellationToken: ct).ConfigureAwait(false), scope);
            var result = await session.ExecuteScalarAsync<int>(AcquireSql, new { resource, milliseconds = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds) }, ct).ConfigureAwait(false);
            if (result is 0 or 1) return (ReleaseSql, (object)new { resource });
            if (result == -1)
            {
                string? holder = null;
                try
                {
                    holder = await session.QueryFirstOrDefaultAsync<string>(HolderSql, cancellationToken: ct).ConfigureAwait(false);
                }
                catch (NexuSqlException)
                {
                    // VIEW SERVER STATE is needed to see other sessions
                }
                throw new NexuSqlTimeoutException(
                    $"Another migrator holds the migration lock '{resource}' ({holder ?? "holder not visible to this login"}); gave up after {timeout.TotalSeconds:0.#} s. " +
                    "Wait for it to finish, or raise --lock-timeout.", NexuSqlEngine.SqlServer);
            }
            throw new NexuSqlException($"sp_getapplock returned {result} for '{resource}' ({(result == -3 ? "chosen as deadlock victim" : "cancelled or invalid call")}).",
                NexuSqlEngine.SqlServer, result.ToString(System.Globalization.CultureInfo.InvariantCulture), isTransient: result == -3);
        }, ct);
}
