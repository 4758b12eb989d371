using System.Text.RegularExpressions;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Backup;

/// <summary>
/// What a choice of tables (<c>--tables</c>) must not split, beside foreign keys and views (<see cref="BackupCreator.Select"/>):
/// a table that cannot be read, an external-content full-text table without its content table, a table reading another's
/// full-text index, and triggers whose body writes into or reads a table left out.
/// </summary>
internal static class TableSelection
{
    /// <summary>
    /// Refuses, before anything is written, a selection that holds a table the source cannot read (a SQLite virtual
    /// table of a module NexuSQL's SQLite lacks): the whole database when <paramref name="tables"/> is empty.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Each such table named, with the tables that can be chosen instead.</exception>
    public static void RefuseUnreadable(SchemaModel schema, IReadOnlyList<string>? tables)
    {
        var hit = schema.Unreadable.Where(u => tables is not { Count: > 0 } || tables.Contains(u.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (hit.Count == 0) return;
        throw new NexuSqlRefusedException($"{string.Join("; ", hit.Select(u => u.Why))}. Nothing was written. Leave {(hit.Count == 1 ? "it" : "them")} out with --tables " +
                                          $"(the tables that can be read: {string.Join(", ", schema.Tables.Select(t => t.QualifiedName))}).");
    }

    /// <summary>
    /// Refuses a PostgreSQL partitioned or inheritance parent with a partition or child in another schema: that one is
    /// read as a plain table, so the parent would arrive without its rows — <c>SELECT * FROM ev</c> in the target gave 52
    /// of 100 rows while the copy said its hashes matched (break test 32 F19).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Each such table named with its children elsewhere.</exception>
    public static void RefuseChildrenInOtherSchemas(SchemaModel selected)
    {
        var hit = selected.Tables.Where(t => t.ChildrenInOtherSchemas is { Count: > 0 }).ToList();
        if (hit.Count == 0) return;
        throw new NexuSqlRefusedException(
            $"{string.Join("; ", hit.Select(t => $"table {t.QualifiedName} has {(t.PartitionBy is null ? "inheritance children" : "partitions")} in another schema: " +
                                                 string.Join(", ", t.ChildrenInOtherSchemas!)))}. NexuSQL does not carry a partition or child apart from its parent's " +
            "schema yet: the table would arrive without their rows. Nothing was written. Move them into their parent's schema (ALTER TABLE ... SET SCHEMA), " +
            "or leave the table out with --tables.");
    }

    /// <summary>
    /// Refuses an external-content full-text table chosen without its content table: its rows are the content table's,
    /// which the target would not have ("no such table" half-way through a copy or restore).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Each such table named with its content table.</exception>
    public static void RefuseContentLeftOut(IEnumerable<TableModel> kept, ISet<string> keep)
    {
        // TableModel.Virtual is SQLite's statement: SQLite's dialect reads it
        var missing = kept.Select(t => (Table: t, Content: SqliteDialect.Instance.ContentTableOf(t)))
            .Where(x => x.Content is { } c && !keep.Contains(SchemaModel.Qualify(x.Table.Schema, c))).ToList();
        if (missing.Count == 0) return;
        throw new NexuSqlRefusedException(
            $"{string.Join("; ", missing.Select(x => $"{x.Table.QualifiedName} is an external-content full-text table of {x.Content} (its rows are the rows of {x.Content}), which --tables leaves out"))}. " +
            $"Nothing was written. Add {string.Join(", ", missing.Select(x => x.Content).Distinct(StringComparer.OrdinalIgnoreCase))} to --tables, " +
            $"or leave {string.Join(", ", missing.Select(x => x.Table.QualifiedName))} out.");
    }

    /// <summary>
    /// Refuses an external-content full-text table whose index finds its rows by the rowid of a content table that has no
    /// INTEGER PRIMARY KEY (break test 26 G22): copy and restore write the content table's rows without their rowids,
    /// which SQLite numbers again from 1, so the index built over them, and the rows read through it, are not the
    /// source's. A content table whose rowid is a column (<c>id INTEGER PRIMARY KEY</c>), or <c>content_rowid</c> naming
    /// a column of its own, keeps them.
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Each such table named with its content table, before anything is written.</exception>
    public static void RefuseContentByImplicitRowid(SchemaModel schema)
    {
        // TableModel.Virtual is SQLite's statement: SQLite's dialect reads it
        var hit = schema.Tables.Select(t => (Table: t, Of: SqliteVirtualTable.Of(t)))
            .Where(x => x.Of is { ContentTable: { } c } v && (v.Option("content_rowid") is not { } key || IsRowidName(key))
                        && schema.Table(x.Table.Schema, c) is { Virtual: null, WithoutRowid: false } content && !content.Columns.Any(k => k.Identity))
            .Select(x => (x.Table.QualifiedName, Content: x.Of!.ContentTable!)).ToList();
        if (hit.Count == 0) return;
        var contents = string.Join(", ", hit.Select(x => x.Content).Distinct(StringComparer.OrdinalIgnoreCase));
        throw new NexuSqlRefusedException(
            $"{string.Join("; ", hit.Select(x => $"{x.QualifiedName} is an external-content full-text table of {x.Content} that finds its rows by the rowid of {x.Content}, which has no INTEGER PRIMARY KEY"))}: " +
            $"rowids that are not a column are not carried — the target numbers the rows of {contents} again from 1, so the index would find other rows than at the source. " +
            $"Nothing was written. Give {contents} an INTEGER PRIMARY KEY column that holds its rowids (create the table anew with one, filled from SELECT rowid, ...), " +
            $"or leave {string.Join(", ", hit.Select(x => x.QualifiedName))} out with --tables and build it again on the target " +
            $"({string.Join("; ", hit.Select(x => SqliteDialect.Instance.RebuildVirtualTableSql(schema.TableNamed(x.QualifiedName)!)))}).");
    }

    /// <summary>SQLite's names of the rowid: <c>rowid</c>, <c>_rowid_</c>, <c>oid</c>.</summary>
    private static bool IsRowidName(string name) => name.Equals("rowid", StringComparison.OrdinalIgnoreCase)
        || name.Equals("_rowid_", StringComparison.OrdinalIgnoreCase) || name.Equals("oid", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Refuses a chosen table that reads the full-text index of a table left out (SQLite <c>fts5vocab</c>, <c>fts4aux</c>):
    /// created over nothing, reading it would fail, and a table named in --tables is never dropped in silence (break test
    /// 25 F8: it was left out after writing, exit 0).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Each such table named with the full-text table it reads.</exception>
    public static void RefuseOrphanIndexReaders(IEnumerable<TableModel> kept, Func<string, bool> referable)
    {
        var orphans = kept.Select(t => (Table: t, Of: SqliteVirtualTable.Of(t)))
            .Where(x => x.Of is { IndexOf: { } of } && !referable(SchemaModel.Qualify(x.Table.Schema, of))).ToList();
        if (orphans.Count == 0) return;
        throw new NexuSqlRefusedException(
            $"{string.Join("; ", orphans.Select(x => $"{x.Table.QualifiedName} is an {x.Of!.Module} table over {x.Of.IndexOf} (its rows are that table's full-text index), which --tables leaves out"))}. " +
            $"Nothing was written. Add {string.Join(", ", orphans.Select(x => x.Of!.IndexOf).Distinct(StringComparer.OrdinalIgnoreCase))} to --tables, " +
            $"or leave {string.Join(", ", orphans.Select(x => x.Table.QualifiedName))} out.");
    }

    /// <summary>
    /// The triggers of <paramref name="triggers"/> (those of the chosen tables) whose text names no table that
    /// <paramref name="referable"/> leaves out (SQLite and MariaDB keep a trigger's body in its statement; SQLite creates
    /// one naming a missing table and fails each statement that fires it). The others are named in <paramref name="leftOut"/>.
    /// </summary>
    public static List<TriggerModel> WithoutTriggersIntoLeftOut(IEnumerable<TriggerModel> triggers, IReadOnlyList<TableModel> all, Func<string, bool> referable, List<string> leftOut)
    {
        var gone = all.Where(t => !referable(t.QualifiedName)).ToList();
        var kept = new List<TriggerModel>();
        foreach (var trigger in triggers)
        {
            var names = gone.Where(t => !string.Equals(t.QualifiedName, trigger.QualifiedTable, StringComparison.OrdinalIgnoreCase) && Names(trigger.Sql, t.Name))
                .Select(t => t.QualifiedName).ToList();
            if (names.Count == 0) kept.Add(trigger);
            else leftOut.Add($"{trigger.Kind} {trigger.Name} on {trigger.QualifiedTable} (it names {string.Join(", ", names)}, which --tables leaves out: " +
                             "it would fail each time it fires)");
        }
        return kept;
    }

    /// <summary>
    /// Refuses a load into <paramref name="loaded"/> (a data-only copy into the target's own tables) that would fire a
    /// trigger of the target writing into a table the load leaves alone, where the target cannot turn its triggers off
    /// for a load (MariaDB, SQLite; PostgreSQL turns them off as <c>pg_restore --disable-triggers</c> does): the end
    /// check reads the loaded tables only, so those writes would go unseen (break test 26 G31: rows invented in an
    /// audit table, "counts and hashes match"). A trigger that writes only into loaded tables is caught by that check.
    /// INSERT triggers fire; DELETE ones too when <paramref name="emptied"/> (--clean empties the tables first).
    /// </summary>
    /// <exception cref="NexuSqlRefusedException">Each such trigger with the tables it names.</exception>
    public static void RefuseTriggersWritingElsewhere(IReadOnlyList<TableModel> loaded, SchemaModel target, SqlDialect d, bool emptied)
    {
        var fired = new List<string>();
        foreach (var table in loaded.Where(t => d.LoadsRowsOf(t) && d.FiringTriggersSql(t) is null))
            foreach (var trigger in target.Triggers ?? [])
            {
                if (trigger.Rule || !string.Equals(trigger.QualifiedTable, table.QualifiedName, StringComparison.OrdinalIgnoreCase)
                    || Regex.Match(trigger.Sql, @"\b(INSERT|UPDATE|DELETE)\b", RegexOptions.IgnoreCase) is not { Success: true } e
                    || !(e.Value.Equals("INSERT", StringComparison.OrdinalIgnoreCase) || emptied && e.Value.Equals("DELETE", StringComparison.OrdinalIgnoreCase)))
                    continue;
                var elsewhere = target.Tables.Where(t => !loaded.Any(l => string.Equals(l.QualifiedName, t.QualifiedName, StringComparison.OrdinalIgnoreCase)) && Names(trigger.Sql, t.Name))
                    .Select(t => t.QualifiedName).ToList();
                if (elsewhere.Count > 0)
                    fired.Add($"trigger {trigger.Name} ({e.Value.ToUpperInvariant()} on {table.QualifiedName}) names {string.Join(", ", elsewhere)}");
            }
        if (fired.Count > 0)
            throw new NexuSqlRefusedException(
                $"The load would fire the target's own triggers for each row, and {d.Engine.DisplayName()} cannot turn them off for a load: {string.Join("; ", fired)} — " +
                "tables this run does not load or check. Nothing was written to the target. Drop the trigger for the copy and create it again " +
                "afterwards, or copy into an empty database without --data-only (triggers are created after the rows).");
    }

    /// <summary>
    /// What of the target's own <paramref name="table"/> may change rows as a load writes them, where the engine cannot turn
    /// it off for the load: its INSERT triggers (MariaDB, SQLite; PostgreSQL's are off during a load), each as
    /// <c>trigger t_bi (BEFORE INSERT)</c>, and SQLite's <c>ON CONFLICT IGNORE</c> / <c>REPLACE</c> of its keys and NOT
    /// NULL columns, which drop or replace rows without an error. Empty when nothing of the kind is there.
    /// </summary>
    /// <param name="table">The target's table loaded.</param>
    /// <param name="target">The target's schema.</param>
    /// <param name="d">The target's dialect.</param>
    /// <param name="loaded">The other tables the load writes: their INSERT triggers that name <paramref name="table"/> too (<c>trigger t_ai (AFTER INSERT on t)</c>).</param>
    public static IReadOnlyList<string> RewritingOnLoad(TableModel table, SchemaModel target, SqlDialect d, IEnumerable<TableModel>? loaded = null)
    {
        var found = new List<string>();
        foreach (var on in new[] { table }.Concat((loaded ?? []).Where(l => !string.Equals(l.QualifiedName, table.QualifiedName, StringComparison.OrdinalIgnoreCase))))
            if (d.LoadsRowsOf(on) && d.FiringTriggersSql(on) is null)
                foreach (var trigger in target.Triggers ?? [])
                    if (!trigger.Rule && string.Equals(trigger.QualifiedTable, on.QualifiedName, StringComparison.OrdinalIgnoreCase)
                        && (on == table || Names(trigger.Sql, table.Name))
                        && Regex.Match(trigger.Sql, @"\b(?:(BEFORE|AFTER|INSTEAD\s+OF)\s+)?(INSERT|UPDATE|DELETE)\b", RegexOptions.IgnoreCase) is { Success: true } e
                        && e.Groups[2].Value.Equals("INSERT", StringComparison.OrdinalIgnoreCase))
                        found.Add($"trigger {trigger.Name} ({(e.Groups[1].Success ? Regex.Replace(e.Groups[1].Value, @"\s+", " ").ToUpperInvariant() + " " : "")}INSERT" +
                                  $"{(on == table ? "" : " on " + on.QualifiedName)})");
        static bool Silent(string? algorithm) => algorithm is { } a && (a.Equals("IGNORE", StringComparison.OrdinalIgnoreCase) || a.Equals("REPLACE", StringComparison.OrdinalIgnoreCase));
        if (table.PrimaryKey is { } pk && Silent(pk.OnConflict))
            found.Add($"PRIMARY KEY ({string.Join(", ", pk.Columns)}) ON CONFLICT {pk.OnConflict!.ToUpperInvariant()}");
        found.AddRange(table.Uniques.Where(u => Silent(u.OnConflict)).Select(u => $"UNIQUE ({string.Join(", ", u.Columns)}) ON CONFLICT {u.OnConflict!.ToUpperInvariant()}"));
        found.AddRange(table.Columns.Where(c => Silent(c.NotNullOnConflict)).Select(c => $"{c.Name} NOT NULL ON CONFLICT {c.NotNullOnConflict!.ToUpperInvariant()}"));
        return found;
    }

    /// <summary>
    /// <paramref name="sql"/> names <paramref name="table"/> as a word (quoted or not), not as a column of a row
    /// (<c>new.x</c>) or a qualified name's second part.
    /// </summary>
    private static bool Names(string sql, string table) =>
        Regex.IsMatch(sql, $@"(?<![\w$.]){Regex.Escape(table)}(?![\w$])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
