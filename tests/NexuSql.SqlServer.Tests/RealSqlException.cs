using System.Reflection;
using Microsoft.Data.SqlClient;

namespace NexuSql.SqlServer.Tests;

/// <summary>
/// Real <see cref="SqlException"/> instances as the driver makes them from a server's error tokens: SqlClient has no
/// public constructor, so its internal factory (<c>SqlException.CreateException(SqlErrorCollection, string)</c>) and the
/// internal <c>SqlError</c> constructor are called by reflection. Fails loudly if a SqlClient version renames them.
/// </summary>
internal static class RealSqlException
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static SqlException Create(int number, string message, byte severity = 16)
    {
        // SqlError(int infoNumber, byte errorState, byte errorClass, string server, string errorMessage, string procedure, int lineNumber, Exception exception)
        var errorCtor = typeof(SqlError).GetConstructor(Any, [typeof(int), typeof(byte), typeof(byte), typeof(string), typeof(string), typeof(string), typeof(int), typeof(Exception)])
            ?? throw new MissingMethodException("SqlError(int, byte, byte, string, string, string, int, Exception) is gone from this SqlClient.");
        var error = (SqlError)errorCtor.Invoke([number, (byte)1, severity, "db.local", message, "", 1, null]);
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        (typeof(SqlErrorCollection).GetMethod("Add", Any, [typeof(SqlError)]) ?? throw new MissingMethodException("SqlErrorCollection.Add(SqlError)"))
            .Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethod("CreateException", Any, [typeof(SqlErrorCollection), typeof(string)])
            ?? throw new MissingMethodException("SqlException.CreateException(SqlErrorCollection, string) is gone from this SqlClient.");
        return (SqlException)create.Invoke(null, [errors, "16.00.1000"])!;
    }
}
