using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// What a SQLite CREATE VIRTUAL TABLE statement says about its rows (break test 24 B8, B21, B30, B31), read from the text
/// and asked of the dialect, and what --tables keeps of them and of triggers (B34).
/// </summary>
public class SqliteVirtualTableTests
{
    private static TableModel Virtual(string name, string statement) => new(name, [new ColumnModel("rowid", new ColumnType(PortableType.Int64), Nullable: false)]) { Virtual = statement };

    [Theory]
    [InlineData("CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='docs', content_rowid='id')", "fts5", "docs", null)]
    [InlineData("create virtual table if not exists \"a b\" using FTS4(x, content=\"My Docs\")", "fts4", "My Docs", null)]
    [InlineData("CREATE VIRTUAL TABLE main.f USING fts5(a, content = [c], tokenize = \"unicode61 remove_diacritics 2 tokenchars '-_,'\")", "fts5", "c", null)]
    [InlineData("CREATE VIRTUAL TABLE cl USING fts5(a, content='')", "fts5", null, null)]
    [InlineData("CREATE VIRTUAL TABLE p USING fts5(a, b, tokenize='porter ascii', prefix='2 3')", "fts5", null, null)]
    [InlineData("CREATE VIRTUAL TABLE voc USING fts5vocab(\"My Fts\", 'row')", "fts5vocab", null, "My Fts")]
    [InlineData("CREATE VIRTUAL TABLE voc USING fts5vocab(main, 'f', 'instance')", "fts5vocab", null, "f")]
    [InlineData("CREATE VIRTUAL TABLE fa USING fts4aux(f4)", "fts4aux", null, "f4")]
    [InlineData("CREATE VIRTUAL TABLE st USING dbstat", "dbstat", null, null)]
    [InlineData("CREATE VIRTUAL TABLE \"using (x\" USING rtree(id, minx, maxx)", "rtree", null, null)]
    public void Parse_reads_module_content_table_and_index_read(string statement, string module, string? content, string? indexOf)
    {
        var v = SqliteVirtualTable.Parse(statement);
        Assert.NotNull(v);
        Assert.Equal(module, v.Module);
        Assert.Equal(content, v.ContentTable);
        Assert.Equal(indexOf, v.IndexOf);
        Assert.Equal(content is not null || indexOf is not null, v.RowsAreDerived);
        Assert.Equal(content is not null || indexOf is not null, !SqliteDialect.Instance.LoadsRowsOf(Virtual("x", statement)));
    }

    [Fact]
    public void Parse_of_other_text_is_null() => Assert.Null(SqliteVirtualTable.Parse("CREATE TABLE t (a int)"));

    [Fact]
    public void EmptyTablesSql_deletes_content_rows_then_empties_the_index_and_leaves_index_readers_alone()
    {
        var tables = new[]
        {
            Virtual("docs_fts", "CREATE VIRTUAL TABLE docs_fts USING fts5(title, content='docs')"),
            new TableModel("docs", [new ColumnModel("id", new ColumnType(PortableType.Int64))]),
            Virtual("f4", "CREATE VIRTUAL TABLE f4 USING fts4(b, content='docs')"),
            Virtual("voc", "CREATE VIRTUAL TABLE voc USING fts5vocab(docs_fts, 'row')"),
            Virtual("rt", "CREATE VIRTUAL TABLE rt USING rtree(id, a, b)"),
        };
        Assert.Equal(["DELETE FROM \"docs\"", "DELETE FROM \"rt\"", "INSERT INTO \"docs_fts\"(\"docs_fts\") VALUES('delete-all')", "INSERT INTO \"f4\"(\"f4\") VALUES('rebuild')"],
            SqliteDialect.Instance.EmptyTablesSql(tables));
        Assert.Equal("INSERT INTO \"docs_fts\"(\"docs_fts\") VALUES('rebuild')", SqliteDialect.Instance.RebuildVirtualTableSql(tables[0]));
        Assert.Equal("INSERT INTO \"docs_fts\"(\"docs_fts\", rank) VALUES('integrity-check', 1)", SqliteDialect.Instance.VirtualTableCheckSql(tables[0]));
        Assert.Null(SqliteDialect.Instance.RebuildVirtualTableSql(tables[4]));
        Assert.Null(PostgreSqlDialect.Instance.RebuildVirtualTableSql(tables[0]));
        // the check's error: a stale index (SQLITE_CORRUPT_VTAB) is a finding, a read-only file (SQLITE_READONLY_*) skips it
        Assert.True(SqliteDialect.Instance.VirtualTableCheckFound("267"));
        Assert.False(SqliteDialect.Instance.VirtualTableCheckFound("8"));
        Assert.True(SqliteDialect.Instance.VirtualTableCheckCannotRun("8"));
        Assert.True(SqliteDialect.Instance.VirtualTableCheckCannotRun("1032"));
        Assert.False(SqliteDialect.Instance.VirtualTableCheckCannotRun("267"));
    }

    [Fact]
    public void Select_keeps_virtual_tables_and_triggers_with_the_tables_they_need()
    {
        var docs = new TableModel("docs", [new ColumnModel("id", new ColumnType(PortableType.Int64))]);
        var fts = Virtual("docs_fts", "CREATE VIRTUAL TABLE docs_fts USING fts5(title, content='docs')");
        var voc = Virtual("voc", "CREATE VIRTUAL TABLE voc USING fts5vocab(docs_fts, 'row')");
        var log = new TableModel("log", [new ColumnModel("id", new ColumnType(PortableType.Int64))]);
        var schema = new SchemaModel([docs, fts, voc, log])
        {
            Triggers =
            [
                new TriggerModel("docs_ai", "docs", "CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN INSERT INTO docs_fts(rowid, title) VALUES (new.id, new.title); END"),
                new TriggerModel("docs_up", "docs", "CREATE TRIGGER docs_up AFTER UPDATE ON docs BEGIN SELECT new.log; END"),
            ],
        };
        var refused = Assert.Throws<NexuSqlRefusedException>(() => Backup.BackupCreator.Select(schema, ["docs_fts"]));
        Assert.StartsWith("docs_fts is an external-content full-text table of docs (its rows are the rows of docs), which --tables leaves out", refused.Message, StringComparison.Ordinal);
        // a table named in --tables that reads a table left out is refused by name, never dropped (break test 25 F8)
        var orphan = Assert.Throws<NexuSqlRefusedException>(() => Backup.BackupCreator.Select(schema, ["docs", "voc"]));
        Assert.StartsWith("voc is an fts5vocab table over docs_fts (its rows are that table's full-text index), which --tables leaves out", orphan.Message, StringComparison.Ordinal);
        var kept = Backup.BackupCreator.Select(schema, ["docs"]);
        Assert.Equal(["docs"], kept.Tables.Select(t => t.Name));
        // new.log is a column of the row, not the table log
        Assert.Equal(["docs_up"], kept.Triggers!.Select(t => t.Name));
        Assert.Contains("trigger docs_ai on docs (it names docs_fts, which --tables leaves out: it would fail each time it fires)", kept.LeftOut);
        Assert.Equal(["docs", "docs_fts", "voc"], Backup.BackupCreator.Select(schema, ["docs", "docs_fts", "voc"]).Tables.Select(t => t.Name));
    }

    /// <summary>
    /// Break test 26 G22: an external-content table over a content table without INTEGER PRIMARY KEY finds its rows by
    /// rowids a copy numbers again: refused by name before writing; one whose rowid is a column, or content_rowid naming a
    /// column, is not.
    /// </summary>
    [Fact]
    public void RefuseContentByImplicitRowid_names_a_full_text_table_over_rowids_that_are_not_a_column()
    {
        var docs = new TableModel("docs", [new ColumnModel("title", new ColumnType(PortableType.Text))]);
        var fts = Virtual("dfts", "CREATE VIRTUAL TABLE dfts USING fts5(title, content='docs')");
        var refused = Assert.Throws<NexuSqlRefusedException>(() => Backup.TableSelection.RefuseContentByImplicitRowid(new SchemaModel([docs, fts])));
        Assert.StartsWith("dfts is an external-content full-text table of docs that finds its rows by the rowid of docs, which has no INTEGER PRIMARY KEY", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", refused.Message, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO \"dfts\"(\"dfts\") VALUES('rebuild')", refused.Message, StringComparison.Ordinal);
        Assert.Throws<NexuSqlRefusedException>(() => Backup.TableSelection.RefuseContentByImplicitRowid(
            new SchemaModel([docs, Virtual("f4", "CREATE VIRTUAL TABLE f4 USING fts4(title, content=\"docs\")")])));
        // the rowid is a column (INTEGER PRIMARY KEY: an identity), or content_rowid names one of its own
        var keyed = docs with { Columns = [new ColumnModel("id", new ColumnType(PortableType.Int64), Nullable: false, Identity: true), .. docs.Columns] };
        Backup.TableSelection.RefuseContentByImplicitRowid(new SchemaModel([keyed, fts]));
        var numbered = docs with { Columns = [new ColumnModel("n", new ColumnType(PortableType.Int64)), .. docs.Columns] };
        Backup.TableSelection.RefuseContentByImplicitRowid(new SchemaModel([numbered, Virtual("dfts", "CREATE VIRTUAL TABLE dfts USING fts5(title, content='docs', content_rowid='n')")]));
        // without its content table in the schema (left out, or a view) there is nothing to renumber
        Backup.TableSelection.RefuseContentByImplicitRowid(new SchemaModel([fts]));
    }
}
