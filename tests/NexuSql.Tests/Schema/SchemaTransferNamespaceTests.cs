using NexuSql.Backup;
using NexuSql.Data;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// PostgreSQL schemas other than the current one in backup, restore and copy: manifest entries carry the table's schema
/// (format 11; a format-10 file reads as the current schema), reads, keys and identity positions name the table with its
/// schema, <c>--tables b.t</c> picks by qualified name, and an engine without schemas refuses such tables by name.
/// </summary>
public class SchemaTransferNamespaceTests
{
    private static readonly ColumnModel Id = new("id", ColumnType.Parse("int32"), false) { Identity = true };

    private static readonly SchemaModel Model = new([
        new TableModel("t", [Id]) { Schema = "a", PrimaryKey = new KeyModel("t_pkey", ["id"]) },
        new TableModel("t", [Id, new("a_id", ColumnType.Parse("int32"))])
        {
            Schema = "b", PrimaryKey = new KeyModel("t_pkey", ["id"]),
            ForeignKeys = [new ForeignKeyModel("t_a_id_fkey", ["a_id"], "t", ["id"]) { ReferencedSchema = "a" }],
        },
        new TableModel("t", [Id]) { PrimaryKey = new KeyModel("t_pkey", ["id"]) },
    ]) { Views = [new ViewModel("v", "SELECT id FROM b.t") { Schema = "b" }] };

    [Fact]
    public void Manifest_tables_carry_their_schema_and_a_format_10_file_reads_as_the_current_one()
    {
        var manifest = new BackupManifest
        {
            Tables = [new BackupTable("t", "tables/0001.rows", 2, "h1") { Schema = "sales" }, new BackupTable("t", "tables/0002.rows", 1, "h2")],
            Sequences = [new BackupSequence("t", 5, "id") { Schema = "sales" }],
        };
        var json = manifest.ToJson();
        Assert.Equal(2, json.Split("\"schema\": \"sales\"").Length - 1); // the table and the position; not the current schema's t
        var read = BackupManifest.FromJson(json, "x");
        Assert.Equal(BackupManifest.CurrentFormatVersion, read.FormatVersion);
        Assert.Equal(["sales.t", "t"], read.Tables.Select(t => t.QualifiedName));
        Assert.Equal("sales", Assert.Single(read.Sequences).Schema);

        var old = BackupManifest.FromJson(
            $$"""{"format":"nexusql-backup","formatVersion":10,"hashAlgorithm":"{{TableHasher.Algorithm}}","tables":[{"name":"t","entry":"tables/0001.rows","rows":1,"hash":"h"}]}""", "old");
        Assert.Null(Assert.Single(old.Tables).Schema);
        Assert.Equal("t", old.Tables[0].QualifiedName);
    }

    [Fact]
    public void Reads_keys_and_identity_positions_name_the_table_with_its_schema()
    {
        var d = PostgreSqlDialect.Instance;
        Assert.Equal("SELECT \"id\" FROM ONLY \"a\".\"t\"", TableReader.SelectSql(Model.Table("a", "t")!, d));
        Assert.Equal("SELECT \"id\" FROM ONLY \"t\"", TableReader.SelectSql(Model.Table("t")!, d));
        var sql = BackupRestorer.AfterLoadSql(Model, [new BackupSequence("t", 7, "id") { Schema = "b" }, new BackupSequence("t", 3, "id")], d, new SchemaModel([])).ToList();
        Assert.Contains("ALTER TABLE \"b\".\"t\" ADD CONSTRAINT \"t_pkey\" PRIMARY KEY (\"id\")", sql);
        Assert.Contains("ALTER TABLE \"b\".\"t\" ADD CONSTRAINT \"t_a_id_fkey\" FOREIGN KEY (\"a_id\") REFERENCES \"a\".\"t\" (\"id\")", sql);
        // at its bound as called when beyond it (an exhausted sequence: break test 26 G3)
        Assert.Contains("SELECT setval(pg_get_serial_sequence('\"b\".\"t\"', 'id'), GREATEST(LEAST(7, seqmax), seqmin), 7 NOT BETWEEN seqmin AND seqmax) " +
            "FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('\"b\".\"t\"', 'id')::regclass", sql);
        Assert.Contains(sql, s => s.StartsWith("SELECT setval(pg_get_serial_sequence('\"t\"', 'id'), GREATEST(LEAST(3, seqmax)", StringComparison.Ordinal));
        // a.t has no recorded position: its counter follows its rows, in its own schema
        Assert.Contains(sql, s => s.StartsWith("SELECT setval(pg_get_serial_sequence('\"a\".\"t\"', 'id'), GREATEST(", StringComparison.Ordinal) && s.EndsWith("FROM \"a\".\"t\"", StringComparison.Ordinal));
        Assert.Equal("DROP TABLE IF EXISTS \"b\".\"t\" CASCADE", SchemaReset.DropAllSql(Model with { Views = [] }, d)[1]);
        Assert.Contains("pg_get_serial_sequence('\"b\".\"t\"', 'id')", d.IdentityNextValueSql("t", "id", "b"), StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_are_chosen_by_qualified_name_and_a_foreign_key_to_one_left_out_is_named()
    {
        var only = BackupCreator.Select(Model, ["b.t"]);
        var t = Assert.Single(only.Tables);
        Assert.Equal("b", t.Schema);
        Assert.Empty(t.ForeignKeys);
        Assert.Contains("foreign key t_a_id_fkey on b.t (a_id) references a.t, which --tables leaves out", only.LeftOut);
        Assert.Contains("view b.v (--tables leaves tables out; views are kept only when every table is)", only.LeftOut);
        Assert.Null(Assert.Single(BackupCreator.Select(Model, ["T"]).Tables).Schema);
        Assert.Single(BackupCreator.Select(Model, ["a.t", "b.t"]).Table("b", "t")!.ForeignKeys);
        Assert.Contains("No table named c.t", Assert.Throws<ArgumentException>(() => BackupCreator.Select(Model, ["c.t"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_engine_without_schemas_refuses_tables_of_other_schemas_by_name()
    {
        var e = Assert.Throws<NexuSqlRefusedException>(() => Model.RefuseOtherSchemas(SqliteDialect.Instance, "copied", "Copy the current schema only: --schemas public"));
        Assert.Contains("SQLite has no schemas inside a database, so these cannot be copied as they are: table a.t, table b.t, view b.v. Copy the current schema only", e.Message, StringComparison.Ordinal);
        Model.RefuseOtherSchemas(PostgreSqlDialect.Instance, "copied", "");
        new SchemaModel([new TableModel("t", [Id])]).RefuseOtherSchemas(MySqlDialect.Instance, "copied", "");
    }
}
