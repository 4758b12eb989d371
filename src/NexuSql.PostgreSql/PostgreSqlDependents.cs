namespace NexuSql.PostgreSql;

/// <summary>
/// What <c>DROP TABLE ... CASCADE</c> of some tables would take besides them and what goes with them anyway, read from
/// pg_depend: a rule, policy or column default of another table, a view (also one over a function that reads them), a
/// function whose body reads them (<c>BEGIN ATOMIC</c>), a constraint trigger of another table declared <c>FROM</c> one of
/// them. A replace (<c>restore --tables T --replace</c>) is refused by
/// them before anything changes.
/// </summary>
internal static class PostgreSqlDependents
{
    // gone: the tables and what is part of them or dropped with them (deptype 'a' auto, 'i' internal: their indexes,
    // constraints, rules, triggers, policies, defaults, row type, owned sequences); cascade: everything DROP ... CASCADE
    // removes, marked where it was reached through a normal dependency ('n'); named: each object so reached outside
    // gone (an internal part by its owner: a view's _RETURN rule as the view), but not one that is itself part of
    // another object taken (a default of a child table that goes), nor foreign keys and inheritance children, which the
    // caller names from the model
    private const string Sql =
        "WITH RECURSIVE roots AS (SELECT to_regclass(x)::oid AS oid FROM jsonb_array_elements_text(CAST(:tables AS jsonb)) x), " +
        "gone(classid, objid) AS (SELECT 'pg_class'::regclass::oid, oid FROM roots WHERE oid IS NOT NULL " +
        "  UNION SELECT d.classid, d.objid FROM pg_depend d JOIN gone g ON d.refclassid = g.classid AND d.refobjid = g.objid WHERE d.deptype IN ('a', 'i')), " +
        "cascade(classid, objid, objsubid, normal) AS (SELECT classid, objid, 0, false FROM gone " +
        "  UNION SELECT d.classid, d.objid, d.objsubid, d.deptype = 'n' FROM pg_depend d JOIN cascade g ON d.refclassid = g.classid AND d.refobjid = g.objid " +
        "  WHERE d.deptype IN ('n', 'a', 'i')), " +
        "taken AS (SELECT DISTINCT c.classid, c.objid FROM cascade c WHERE NOT EXISTS (SELECT 1 FROM gone g WHERE g.classid = c.classid AND g.objid = c.objid)), " +
        "named AS (SELECT DISTINCT coalesce(o.refclassid, c.classid) AS classid, coalesce(o.refobjid, c.objid) AS objid, CASE WHEN o.refobjid IS NULL THEN c.objsubid ELSE 0 END AS objsubid " +
        "  FROM cascade c LEFT JOIN pg_depend o ON o.classid = c.classid AND o.objid = c.objid AND o.deptype = 'i' " +
        "  WHERE c.normal AND NOT EXISTS (SELECT 1 FROM gone g WHERE g.classid = c.classid AND g.objid = c.objid)) " +
        "SELECT DISTINCT pg_describe_object(n.classid, n.objid, n.objsubid) AS what FROM named n " +
        "WHERE NOT EXISTS (SELECT 1 FROM pg_depend a JOIN taken t ON t.classid = a.refclassid AND t.objid = a.refobjid " +
        "    WHERE a.classid = n.classid AND a.objid = n.objid AND a.deptype IN ('a', 'i') AND NOT (a.refclassid = n.classid AND a.refobjid = n.objid)) " +
        "  AND NOT (n.classid = 'pg_constraint'::regclass AND EXISTS (SELECT 1 FROM pg_constraint k WHERE k.oid = n.objid AND k.contype = 'f')) " +
        "  AND NOT (n.classid = 'pg_class'::regclass AND n.objsubid = 0 AND EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = n.objid AND r.relkind IN ('r', 'p') " +
        "    AND EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = r.oid))) " +
        // a trigger of a table that stays, taken with a table that goes: a constraint trigger declared FROM it (its
        // pg_depend on that table is 'a', as if it were part of it; break test 25 F29: the replace dropped it silently)
        "UNION SELECT pg_describe_object(g.classid, g.objid, 0) || ' (FROM ' || t.tgconstrrelid::regclass::text || ')' FROM gone g " +
        "  JOIN pg_trigger t ON g.classid = 'pg_trigger'::regclass AND g.objid = t.oid " +
        // (not a foreign key's internal RI trigger on the referenced table: the foreign key itself is named, or replaced with its table)
        "  WHERE NOT t.tgisinternal AND NOT EXISTS (SELECT 1 FROM gone h WHERE h.classid = 'pg_class'::regclass AND h.objid = t.tgrelid) " +
        "ORDER BY 1";

    /// <summary>The objects, as PostgreSQL describes them (<c>rule t_upd_log on table t</c>), that dropping <paramref name="tables"/> with CASCADE would take.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(NexuSqlDatabase database, IReadOnlyList<Schema.TableModel> tables, CancellationToken ct)
    {
        if (tables.Count == 0) return [];
        var names = System.Text.Json.JsonSerializer.Serialize(tables.Select(t => database.Dialect.QuoteName(t.Schema, t.Name)).ToArray());
        return [.. (await database.QueryAsync(Sql, new { tables = names }, ct).ConfigureAwait(false)).Select(r => (string)r["what"]!)];
    }
}
