namespace NexuSql;

/// <summary>
/// The scratch database the migrations are replayed in (to build the schema they make: drift, and the foreign keys the
/// integrity check reads from them) could not be created, most often because the account may not create databases.
/// The engine's failure is the inner exception; its code is kept.
/// </summary>
internal sealed class ScratchDatabaseException : NexuSqlException
{
    /// <summary>Creates the exception from the engine's failure.</summary>
    /// <param name="inner">Why the scratch database could not be created.</param>
    public ScratchDatabaseException(NexuSqlException inner)
        : base("The schema the migrations make is built by replaying them in a scratch database on the same server, and it could not be created: " +
               $"{First(inner.Message)} Grant the account the right to create and drop databases (PostgreSQL: ALTER ROLE ... CREATEDB), or leave " +
               "the drift check out.", inner.Engine, inner.EngineCode, inner)
    {
    }

    private static string First(string message)
    {
        message = message.TrimEnd();
        return message.IndexOf(". ", StringComparison.Ordinal) is var end and > 0 ? message[..(end + 1)] : message;
    }

    /// <summary>The engine's failure, its first sentence only ("PostgreSQL error 42501: permission denied to create database."), without the general advice after it.</summary>
    public string Reason => First(InnerException!.Message);
}
