using NexuSql.Schema;

namespace NexuSql.PostgreSql;

/// <summary>
/// Reads functions, procedures, triggers, rules, row-level security and policies of every non-system schema (those outside
/// the current schema carry their schema's name) as PostgreSQL's own SQL: <c>pg_get_functiondef</c> and
/// <c>pg_get_triggerdef</c>, <c>pg_get_ruledef</c> (which name another schema's objects with it), and a CREATE POLICY written from
/// <c>pg_policy</c>. Objects that belong to an extension are left out (the extension creates them).
/// </summary>
internal static class PostgreSqlRoutineReader
{
    private const string UserSchema = PostgreSqlSchemaReader.UserSchema;

    private const string ExtensionMember = PostgreSqlSchemaReader.ExtensionMember;

    // the schema's name outside the current schema, null in it
    private const string SchemaColumn = "CASE WHEN n.nspname <> current_schema() THEN n.nspname END AS schema";

    // prokind: f = function, p = procedure (aggregates and window functions have no CREATE FUNCTION text)
    private const string RoutinesSql =
        "SELECT p.proname AS name, " + SchemaColumn + ", pg_get_function_identity_arguments(p.oid) AS args, p.prokind AS kind, pg_get_functiondef(p.oid) AS def " +
        "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace " +
        "WHERE " + UserSchema + " AND p.prokind IN ('f', 'p') " +
        // not an extension's, nor one PostgreSQL made with a type ('i': a range type's constructors, which CREATE TYPE makes)
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype IN ('e', 'i')) " +
        "ORDER BY p.proname, n.nspname, args";

    // not those on an extension's table of another schema (the tables read leave those out), nor the clones a row
    // trigger of a partitioned table makes on each partition (tgparentid, PostgreSQL 13; read through to_jsonb so that
    // older servers, without it, read none): the parent's trigger makes them again, as pg_dump leaves them to it (break
    // test 24 B5: read as triggers of their own, they failed with 42710 "already exists")
    private const string TriggersSql =
        "SELECT t.tgname AS name, c.relname AS table_name, " + SchemaColumn + ", pg_get_triggerdef(t.oid) AS def, t.tgenabled::text AS state, t.oid::bigint AS oid, obj_description(t.oid, 'pg_trigger') AS comment " +
        "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE " + UserSchema + " AND NOT t.tgisinternal AND COALESCE((to_jsonb(t) ->> 'tgparentid')::oid, 0) = 0 " +
        "AND (n.nspname = current_schema() OR NOT " + ExtensionMember + ") ORDER BY c.relname, n.nspname, t.tgname";

    // the states of the partitions' clones of a partitioned table's trigger (tgparentid, PostgreSQL 13, through to_jsonb), parents before their
    // partitions, of the triggers one of whose clones is not in the trigger's own state (ALTER TABLE partition DISABLE TRIGGER: break test 25 F5)
    private const string CloneStatesSql =
        "WITH RECURSIVE clones AS (" +
        "  SELECT t.oid AS root, t.oid, t.tgenabled AS root_state, 0 AS depth FROM pg_trigger t WHERE NOT t.tgisinternal AND COALESCE((to_jsonb(t) ->> 'tgparentid')::oid, 0) = 0 " +
        "  AND EXISTS (SELECT 1 FROM pg_class p WHERE p.oid = t.tgrelid AND p.relkind = 'p') " +
        "  UNION ALL SELECT c.root, x.oid, c.root_state, c.depth + 1 FROM clones c JOIN pg_trigger x ON COALESCE((to_jsonb(x) ->> 'tgparentid')::oid, 0) = c.oid) " +
        "SELECT c.root::bigint AS root, r.relname AS table_name, x.tgenabled::text AS state FROM clones c JOIN pg_trigger x ON x.oid = c.oid JOIN pg_class r ON r.oid = x.tgrelid " +
        "WHERE c.depth > 0 AND c.root IN (SELECT d.root FROM clones d JOIN pg_trigger y ON y.oid = d.oid WHERE d.depth > 0 AND y.tgenabled <> d.root_state) " +
        "ORDER BY c.root, c.depth, r.relname";

    // rules of tables and views (not a view's own ON SELECT rule "_RETURN", which is the view): break test 23 F28
    private const string RulesSql =
        "SELECT r.rulename AS name, c.relname AS table_name, " + SchemaColumn + ", pg_get_ruledef(r.oid) AS def, r.ev_enabled::text AS state " +
        "FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE " + UserSchema + " AND r.rulename <> '_RETURN' AND c.relkind IN ('r', 'p', 'v') AND (n.nspname = current_schema() OR NOT " + ExtensionMember + ") " +
        "ORDER BY c.relname, n.nspname, r.rulename";

    private const string PoliciesSql =
        "SELECT pol.polname AS name, c.relname AS table_name, " + SchemaColumn + ", pol.polpermissive AS permissive, pol.polcmd AS cmd, " +
        "  (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END, ', ' ORDER BY CASE WHEN r = 0 THEN '' ELSE pg_get_userbyid(r)::text END) " +
        "     FROM unnest(pol.polroles) r) AS roles, " +
        "  pg_get_expr(pol.polqual, pol.polrelid) AS using_expr, pg_get_expr(pol.polwithcheck, pol.polrelid) AS check_expr " +
        "FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE " + UserSchema + " AND (n.nspname = current_schema() OR NOT " + ExtensionMember + ") ORDER BY c.relname, n.nspname, pol.polname";

    private const string RowSecuritySql =
        "SELECT c.relname AS name, " + SchemaColumn + ", c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced FROM pg_class c " +
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + UserSchema + " AND c.relkind IN ('r', 'p') " +
        "AND (c.relrowsecurity OR c.relforcerowsecurity)";

    /// <summary>The model with the database's routines, triggers, policies and row-level-security flags added.</summary>
    public static async Task<SchemaModel> AddToAsync(NexuSqlSession db, SchemaModel model, CancellationToken ct)
    {
        if (!db.Dialect.Routines.Triggers) return model; // CockroachDB: not read
        var engine = db.Engine;
        var routines = (await db.QueryAsync(RoutinesSql, cancellationToken: ct).ConfigureAwait(false)).Select(r => new RoutineModel((string)r["name"]!, (string)r["def"]!)
        {
            Schema = (string?)r["schema"],
            Kind = r.Get<char>("kind") == 'p' ? "procedure" : "function",
            Arguments = (string)r["args"]!,
            Engine = engine,
        }).ToList();
        var clones = (await db.QueryAsync(CloneStatesSql, cancellationToken: ct).ConfigureAwait(false))
            .GroupBy(c => c.Get<long>("root"))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TriggerPartitionState>)[.. g.Select(c => new TriggerPartitionState((string)c["table_name"]!, State((string?)c["state"]) ?? "enabled"))]);
        var triggers = (await db.QueryAsync(TriggersSql, cancellationToken: ct).ConfigureAwait(false))
            .Select(t => new TriggerModel((string)t["name"]!, (string)t["table_name"]!, (string)t["def"]!)
            {
                Schema = (string?)t["schema"],
                Engine = engine,
                State = State((string?)t["state"]),
                PartitionStates = clones.GetValueOrDefault(t.Get<long>("oid")),
                Comment = (string?)t["comment"],
            }).ToList();
        triggers.AddRange((await db.QueryAsync(RulesSql, cancellationToken: ct).ConfigureAwait(false))
            .Select(t => new TriggerModel((string)t["name"]!, (string)t["table_name"]!, (string)t["def"]!)
            {
                Schema = (string?)t["schema"], Engine = engine, Rule = true, State = State((string?)t["state"]),
            }));
        var policies = (await db.QueryAsync(PoliciesSql, cancellationToken: ct).ConfigureAwait(false))
            .Select(p => new PolicyModel((string)p["name"]!, (string)p["table_name"]!, PolicySql(db.Dialect, (string)p["name"]!, (string?)p["schema"], (string)p["table_name"]!,
                p.Get<bool>("permissive"), p.Get<char>("cmd"), (string?)p["roles"], (string?)p["using_expr"], (string?)p["check_expr"])) { Schema = (string?)p["schema"], Engine = engine }).ToList();
        var secured = (await db.QueryAsync(RowSecuritySql, cancellationToken: ct).ConfigureAwait(false))
            .ToDictionary(r => SchemaModel.Qualify((string?)r["schema"], (string)r["name"]!), r => (Enabled: r.Get<bool>("enabled"), Forced: r.Get<bool>("forced")), StringComparer.Ordinal);
        return (model with
        {
            Routines = routines.Count > 0 ? routines : null,
            Triggers = triggers.Count > 0 ? triggers : null,
            Policies = policies.Count > 0 ? policies : null,
            Tables = [.. model.Tables.Select(t => secured.TryGetValue(t.QualifiedName, out var s) ? t with { RowLevelSecurity = s.Enabled, ForceRowLevelSecurity = s.Forced } : t)],
        }).Canonical();
    }

    // pg_get_triggerdef and pg_get_ruledef leave out ALTER TABLE ... DISABLE TRIGGER/RULE: 'O' fires (the default),
    // 'D' never, 'R' in replica sessions only, 'A' always
    private static string? State(string? enabled) => enabled switch { "D" => "disabled", "R" => "replica", "A" => "always", _ => null };

    /// <summary>The CREATE POLICY statement for one row of pg_policy (the form pg_dump writes).</summary>
    internal static string PolicySql(Dialects.SqlDialect d, string name, string? schema, string table, bool permissive, char command, string? roles, string? usingExpression, string? checkExpression)
    {
        var sb = new System.Text.StringBuilder($"CREATE POLICY {d.QuoteIdentifier(name)} ON {d.QuoteName(schema, table)}");
        if (!permissive) sb.Append(" AS RESTRICTIVE");
        sb.Append(" FOR ").Append(command switch { 'r' => "SELECT", 'a' => "INSERT", 'w' => "UPDATE", 'd' => "DELETE", _ => "ALL" });
        sb.Append(" TO ").Append(string.IsNullOrEmpty(roles) ? "PUBLIC" : roles);
        if (usingExpression is not null) sb.Append(" USING (").Append(usingExpression).Append(')');
        if (checkExpression is not null) sb.Append(" WITH CHECK (").Append(checkExpression).Append(')');
        return sb.ToString();
    }
}
