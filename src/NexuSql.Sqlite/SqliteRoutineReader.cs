using NexuSql.Schema;

namespace NexuSql.Sqlite;

/// <summary>Reads triggers as SQLite keeps them: the CREATE TRIGGER text in <c>sqlite_master</c>.</summary>
internal static class SqliteRoutineReader
{
    /// <summary>The model with the database's triggers added.</summary>
    public static async Task<SchemaModel> AddToAsync(NexuSqlDatabase db, SchemaModel model, CancellationToken ct)
    {
        var triggers = (await db.QueryAsync("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL ORDER BY tbl_name, name", cancellationToken: ct)
            .ConfigureAwait(false)).Select(t => new TriggerModel((string)t["name"]!, (string)t["tbl_name"]!, (string)t["sql"]!) { Engine = db.Engine }).ToList();
        return triggers.Count == 0 ? model : (model with { Triggers = triggers }).Canonical();
    }
}
