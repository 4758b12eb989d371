using System.Data;

namespace NexuSql.Data;

/// <summary>
/// Names a connection lost while one table moves (copy, restore): which side lost it, the table, and what that table's
/// rows became — instead of the driver's bare "Exception while reading from stream" or MySqlConnector's "Connection must
/// be Open; current state is Broken" (an <see cref="InvalidOperationException"/> once the connection broke).
/// </summary>
internal static class LostConnection
{
    /// <summary>Runs one table's move; a connection lost meanwhile becomes a <see cref="NexuSqlConnectionException"/> naming side and table.</summary>
    /// <param name="work">The table's move.</param>
    /// <param name="table">The table's name.</param>
    /// <param name="moving">What is done to it, as in "while <c>copying</c> table t".</param>
    /// <param name="sides">The connections taking part, by the name the user knows them ("source", "target").</param>
    /// <param name="tablesDone">How many tables were moved and committed before this one.</param>
    /// <exception cref="NexuSqlConnectionException">A connection was lost.</exception>
    public static async Task<T> NamedAsync<T>(Func<Task<T>> work, string table, string moving, IReadOnlyList<(string Side, NexuSqlConnection Connection)> sides, int tablesDone)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NexuSqlConnectionException || (e is InvalidOperationException && sides.Any(s => s.Connection.DbConnection.State != ConnectionState.Open)))
        {
            var broken = sides.Where(s => s.Connection.DbConnection.State != ConnectionState.Open).Select(s => s.Side).ToList();
            var side = broken.Count == 1 ? broken[0] : string.Join(" or ", sides.Select(s => s.Side));
            var lost = e as NexuSqlConnectionException;
            var engine = lost?.Engine ?? sides.First(s => broken.Count == 0 || s.Side == broken[0]).Connection.Database.Engine;
            throw new NexuSqlConnectionException(
                $"The connection to the {side} was lost while {moving} table {table} (its rows were rolled back on the target; the {tablesDone} tables before it are kept): " +
                (lost?.Message ?? $"{engine.DisplayName()}: the connection broke ({e.Message})."), engine, lost?.EngineCode, e, lost?.IsTransient ?? true);
        }
    }

    /// <summary>
    /// Runs the step after the rows were loaded (keys, indexes, foreign keys, the count and hash check); a connection to
    /// the target lost meanwhile becomes a <see cref="NexuSqlConnectionException"/> naming that step and what is kept —
    /// instead of the driver's bare "Connection is not open", a failure with no way on (bt36 M1).
    /// </summary>
    /// <param name="work">The step.</param>
    /// <param name="step">What it does, as in "while <c>adding keys</c>".</param>
    /// <param name="target">The target's connection.</param>
    /// <param name="tablesDone">How many tables were loaded and are kept.</param>
    /// <exception cref="NexuSqlConnectionException">The connection was lost.</exception>
    public static async Task<T> FinishingAsync<T>(Func<Task<T>> work, string step, NexuSqlConnection target, int tablesDone)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NexuSqlConnectionException || (e is InvalidOperationException && target.DbConnection.State != ConnectionState.Open))
        {
            var lost = e as NexuSqlConnectionException;
            var engine = lost?.Engine ?? target.Database.Engine;
            throw new NexuSqlConnectionException(
                $"The connection to the target was lost while {step} (the rows of the {tablesDone} tables are loaded and kept): " +
                (lost?.Message ?? $"{engine.DisplayName()}: the connection broke ({e.Message})."), engine, lost?.EngineCode, e, lost?.IsTransient ?? true);
        }
    }
}
