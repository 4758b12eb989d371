using System.Text.RegularExpressions;
using NexuSql.Schema;

namespace NexuSql.MySql;

/// <summary>
/// Reads triggers (from <c>information_schema.TRIGGERS</c>) and stored functions and procedures (<c>SHOW CREATE
/// FUNCTION/PROCEDURE</c>) of the current database as MariaDB/MySQL's own SQL. The DEFINER clause is left out: the
/// objects are recreated as the user who restores them, who may not be allowed to name another definer. Each keeps the
/// sql_mode it was created under (break test 25 F27: a trigger using <c>||</c> under PIPES_AS_CONCAT computed otherwise).
/// </summary>
internal static partial class MySqlRoutineReader
{
    [GeneratedRegex(@"\s+DEFINER\s*=\s*(?:CURRENT_USER(?:\(\))?|(?:`[^`]*`|'[^']*'|[^\s@]+)(?:@(?:`[^`]*`|'[^']*'|\S+))?)(?=\s)", RegexOptions.IgnoreCase)]
    private static partial Regex Definer();

    private const string TriggersSql =
        "SELECT trigger_name AS name, event_object_table AS table_name, action_timing AS timing, event_manipulation AS event, action_statement AS body, sql_mode " +
        "FROM information_schema.triggers WHERE trigger_schema = DATABASE() ORDER BY event_object_table, action_timing, event_manipulation, action_order";

    private const string RoutinesSql =
        "SELECT routine_name AS name, routine_type AS kind, sql_mode FROM information_schema.routines WHERE routine_schema = DATABASE() AND routine_type IN ('FUNCTION', 'PROCEDURE') ORDER BY routine_name, routine_type";

    /// <summary>The model with the database's triggers and routines added.</summary>
    public static async Task<SchemaModel> AddToAsync(NexuSqlSession db, SchemaModel model, MySqlGrants grants, CancellationToken ct)
    {
        var d = db.Dialect;
        var database = await db.ExecuteScalarAsync<string>("SELECT DATABASE()", cancellationToken: ct).ConfigureAwait(false) ?? "";
        // what information_schema hides from the account, without an error: named, so a backup taken through it says
        // what it may lack (break test 35 H2)
        var leftOut = new List<string>(model.LeftOut);
        var notRead = new List<(string, IReadOnlyList<string>?)>(model.NotRead);
        void NotRead(string what, IReadOnlyList<string>? tables)
        {
            leftOut.Add(what);
            notRead.Add((what, tables));
        }
        if (model.Tables.Where(t => !grants.Holds("TRIGGER", database, t.Name)).Select(t => t.Name).ToList() is { Count: > 0 } blind)
            NotRead($"triggers of {(blind.Count == model.Tables.Count ? "every table" : $"table{(blind.Count > 1 ? "s" : "")} {string.Join(", ", blind)}")} " +
                        $"(the account {grants.Account} lacks the TRIGGER privilege and does not see them: any they have are not read; GRANT TRIGGER ON `{database}`.* TO {grants.Account} to read them)", blind);
        if (!grants.Holds("SELECT", "mysql", "proc") && !grants.HoldsDatabaseWide("SHOW CREATE ROUTINE", database) && !grants.HoldsDatabaseWide("SHOW_ROUTINE", database))
            NotRead($"functions and procedures the account {grants.Account} did not create (it sees only its own: any others are not read; " +
                    $"GRANT SELECT ON mysql.proc TO {grants.Account} (MariaDB), or SHOW_ROUTINE (MySQL), to read them)", null);
        // triggers of one table, timing and event fire in action_order (counted within those three): each after the one
        // before it (FOLLOWS), whatever their names; a trigger of another timing or event between them in the list broke
        // the chain (break test 28 L5)
        var rows = await db.QueryAsync(TriggersSql, cancellationToken: ct).ConfigureAwait(false);
        var triggers = rows.Select((t, i) =>
        {
            var previous = i > 0 && rows[i - 1] is var p && Equals(p["table_name"], t["table_name"]) && Equals(p["timing"], t["timing"]) && Equals(p["event"], t["event"])
                ? (string)p["name"]! : null;
            return new TriggerModel((string)t["name"]!, (string)t["table_name"]!,
                $"CREATE TRIGGER {d.QuoteIdentifier((string)t["name"]!)} {t["timing"]} {t["event"]} ON {d.QuoteIdentifier((string)t["table_name"]!)} FOR EACH ROW " +
                $"{(previous is null ? "" : $"FOLLOWS {d.QuoteIdentifier(previous)} ")}{t["body"]}")
            { Engine = db.Engine, Follows = previous, SqlMode = (string?)t["sql_mode"] };
        }).ToList();
        var routines = new List<RoutineModel>();
        foreach (var r in await db.QueryAsync(RoutinesSql, cancellationToken: ct).ConfigureAwait(false))
        {
            var name = (string)r["name"]!;
            var kind = string.Equals((string)r["kind"]!, "PROCEDURE", StringComparison.OrdinalIgnoreCase) ? "procedure" : "function";
            var row = await db.QuerySingleAsync<Row>($"SHOW CREATE {kind.ToUpperInvariant()} {d.QuoteIdentifier(name)}", cancellationToken: ct).ConfigureAwait(false);
            // NULL when the user may not see the routine's body (neither its definer nor holding SELECT on mysql.proc)
            var sql = row[kind == "procedure" ? "Create Procedure" : "Create Function"] as string;
            if (sql is null)
            {
                NotRead($"{kind} {name} (the account {grants.Account} may not read its text: GRANT SELECT ON mysql.proc TO {grants.Account} (MariaDB), or SHOW_ROUTINE (MySQL), to read it)", null);
                continue;
            }
            routines.Add(new RoutineModel(name, WithoutDefiner(sql)) { Kind = kind, Engine = db.Engine, SqlMode = (string?)r["sql_mode"] });
        }
        return (model with { Triggers = triggers.Count > 0 ? triggers : null, Routines = routines.Count > 0 ? routines : null, LeftOut = leftOut, NotRead = notRead }).Canonical();
    }

    /// <summary>The CREATE statement without its <c>DEFINER=user@host</c> clause.</summary>
    internal static string WithoutDefiner(string createSql) => Definer().Replace(createSql, "", 1);
}
