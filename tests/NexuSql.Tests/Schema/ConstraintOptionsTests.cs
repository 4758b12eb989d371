using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>Invisible columns and DEFERRABLE constraints in the model: file format, DDL per engine, reading SQLite's CREATE text, and plans.</summary>
public class ConstraintOptionsTests
{
    [Fact]
    public void Deferrable_keys_are_written_where_the_engine_has_them_and_refused_by_name_by_a_plan_elsewhere()
    {
        var parent = new TableModel("p", [new ColumnModel("id", ColumnType.Parse("int32"), false), new ColumnModel("code", ColumnType.Parse("text"))])
        {
            PrimaryKey = new KeyModel(null, ["id"]),
            Uniques = [new KeyModel("p_code", ["code"]) { Deferrable = "immediate" }],
        };
        var child = new TableModel("c", [new ColumnModel("id", ColumnType.Parse("int32"), false), new ColumnModel("p_id", ColumnType.Parse("int32"))])
        {
            ForeignKeys = [new ForeignKeyModel("c_p", ["p_id"], "p", ["id"]) { Deferrable = "deferred" }],
        };
        var schema = new SchemaModel([parent, child]);
        Assert.Equal(schema.ToJson(), SchemaModel.FromJson(schema.ToJson()).ToJson());
        Assert.Contains("\"deferrable\": \"deferred\"", schema.ToJson(), StringComparison.Ordinal);
        var pg = string.Join("\n", SchemaScript.Create(schema, PostgreSqlDialect.Instance));
        Assert.Contains("CONSTRAINT \"p_code\" UNIQUE (\"code\") DEFERRABLE INITIALLY IMMEDIATE", pg, StringComparison.Ordinal);
        Assert.Contains("REFERENCES \"p\" (\"id\") DEFERRABLE INITIALLY DEFERRED", pg, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => SchemaScript.Create(schema, MySqlDialect.Instance));
        var plan = SchemaDiff.Plan(new SchemaModel([]), schema, MySqlDialect.Instance);
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("DEFERRABLE INITIALLY DEFERRED foreign key c_p on c (p_id) → p", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("DEFERRABLE INITIALLY IMMEDIATE unique p_code on p (code)", StringComparison.Ordinal));
        // the same keys without DEFERRABLE differ
        var plain = new SchemaModel([parent with { Uniques = [new KeyModel("p_code", ["code"])] }, child with { ForeignKeys = [new ForeignKeyModel("c_p", ["p_id"], "p", ["id"])] }]);
        Assert.NotEmpty(SchemaDiff.Plan(plain, schema, PostgreSqlDialect.Instance, allowDrop: true).Changes);
        Assert.Empty(SchemaDiff.Plan(schema, schema, PostgreSqlDialect.Instance).Changes);
        Assert.Throws<FormatException>(() => SchemaModel.FromJson(schema.ToJson().Replace("\"deferred\"", "\"later\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Nulls_not_distinct_and_match_full_are_written_on_postgresql_diffed_and_refused_by_name_by_a_plan_elsewhere()
    {
        var parent = new TableModel("p", [new ColumnModel("id", ColumnType.Parse("int32"), false), new ColumnModel("id2", ColumnType.Parse("int32"), false)])
        {
            PrimaryKey = new KeyModel(null, ["id", "id2"]),
            Uniques = [new KeyModel("p_id2", ["id2"]) { NullsNotDistinct = true }],
        };
        var child = new TableModel("c", [new ColumnModel("a", ColumnType.Parse("int32")), new ColumnModel("b", ColumnType.Parse("int32"))])
        {
            ForeignKeys = [new ForeignKeyModel("fk1", ["a", "b"], "p", ["id", "id2"], OnDelete: "SET NULL") { MatchFull = true, OnDeleteColumns = ["a"] }],
        };
        var schema = new SchemaModel([parent, child]);
        Assert.Equal(schema.ToJson(), SchemaModel.FromJson(schema.ToJson()).ToJson());
        var pg = string.Join("\n", SchemaScript.Create(schema, PostgreSqlDialect.Instance));
        Assert.Contains("CONSTRAINT \"p_id2\" UNIQUE NULLS NOT DISTINCT (\"id2\")", pg, StringComparison.Ordinal);
        Assert.Contains("REFERENCES \"p\" (\"id\", \"id2\") MATCH FULL ON DELETE SET NULL (\"a\")", pg, StringComparison.Ordinal);
        Assert.Equal("ALTER TABLE \"p\" ADD CONSTRAINT \"p_id2\" UNIQUE NULLS NOT DISTINCT (\"id2\")", PostgreSqlDialect.Instance.AddUniqueSql("p", parent.Uniques[0]));
        Assert.Throws<NotSupportedException>(() => SchemaScript.Create(schema, SqliteDialect.Instance));
        foreach (var d in new SqlDialect[] { MySqlDialect.Instance, SqliteDialect.Instance })
        {
            var plan = SchemaDiff.Plan(new SchemaModel([]), schema, d);
            Assert.Contains(plan.Refused, r => r.Description.StartsWith("unique p_id2 on p (id2) NULLS NOT DISTINCT (", StringComparison.Ordinal));
            Assert.Contains(plan.Refused, r => r.Description.StartsWith("foreign key fk1 on c (a, b) → p MATCH FULL (", StringComparison.Ordinal));
            Assert.Contains(plan.Refused, r => r.Description.StartsWith("foreign key fk1 on c (a, b) → p ON DELETE SET NULL (a) (", StringComparison.Ordinal));
        }
        // without the options the keys differ; a SET NULL list naming every key column is the plain SET NULL
        var plain = new SchemaModel([parent with { Uniques = [new KeyModel("p_id2", ["id2"])] },
            child with { ForeignKeys = [new ForeignKeyModel("fk1", ["a", "b"], "p", ["id", "id2"], OnDelete: "SET NULL")] }]);
        var changes = SchemaDiff.Plan(plain, schema, PostgreSqlDialect.Instance, allowDrop: true).Changes.Select(c => c.Description).ToList();
        Assert.Contains("add unique p_id2 on p NULLS NOT DISTINCT", changes);
        Assert.Contains("add foreign key c(a, b) → p MATCH FULL ON DELETE SET NULL (a)", changes);
        Assert.Empty(SchemaDiff.Plan(schema, schema, PostgreSqlDialect.Instance).Changes);
        var all = new SchemaModel([parent, child with { ForeignKeys = [child.ForeignKeys[0] with { MatchFull = false, OnDeleteColumns = ["b", "a"] }] }]);
        Assert.Empty(SchemaDiff.Plan(plain with { Tables = [parent, plain.Tables[1]] }, all, PostgreSqlDialect.Instance).Changes);
        // one column: MATCH FULL is MATCH SIMPLE, written plain where the engine has no MATCH FULL
        var one = new SchemaModel([parent, child with { ForeignKeys = [new ForeignKeyModel("fk2", ["a"], "p", ["id"]) { MatchFull = true }] }]);
        Assert.DoesNotContain("MATCH", string.Join("\n", SchemaScript.Create(one with { Tables = [parent with { Uniques = [] }, one.Tables[1]] }, MySqlDialect.Instance)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_format_13_manifest_without_the_key_options_reads_plain_keys_and_checks()
    {
        const string Json = """
            { "format": "nexusql-backup", "formatVersion": 13, "schema": { "tables": [ { "name": "c",
              "columns": [ { "name": "a", "type": "int32" } ],
              "uniques": [ { "name": "uq", "columns": ["a"] } ],
              "foreignKeys": [ { "name": "fk", "columns": ["a"], "referencedTable": "p", "referencedColumns": ["id"], "onDelete": "SET NULL" } ],
              "checks": [ { "name": "ck", "expression": "(a > 0)" } ] } ] } }
            """;
        var t = Assert.Single(NexuSql.Backup.BackupManifest.FromJson(Json, "old.nxb").Schema.Tables);
        Assert.False(Assert.Single(t.Uniques).NullsNotDistinct);
        Assert.False(t.ForeignKeys[0].MatchFull);
        Assert.Null(t.ForeignKeys[0].OnDeleteColumns);
        Assert.False(Assert.Single(t.Checks).NoInherit);
    }

    [Fact]
    public void No_inherit_checks_are_written_on_postgresql_plain_elsewhere_and_diffed()
    {
        var t = new TableModel("c", [new ColumnModel("t", ColumnType.Parse("int32"))]) { Checks = [new CheckModel("ck", "(t > 0)") { NoInherit = true }] };
        var schema = new SchemaModel([t]);
        Assert.Contains("CONSTRAINT \"ck\" CHECK ((t > 0)) NO INHERIT", SchemaScript.Create(schema, PostgreSqlDialect.Instance)[0], StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT \"ck\" CHECK ((t > 0))\n", SchemaScript.Create(schema, SqliteDialect.Instance)[0] + "\n", StringComparison.Ordinal);
        Assert.DoesNotContain("INHERIT", SchemaScript.Create(schema, MySqlDialect.Instance)[0], StringComparison.Ordinal);
        var plain = new SchemaModel([t with { Checks = [new CheckModel("ck", "(t > 0)")] }]);
        Assert.Equal("change check ck on c: ((t > 0)) → ((t > 0)) NO INHERIT", Assert.Single(SchemaDiff.Plan(plain, schema, PostgreSqlDialect.Instance).Changes).Description);
        Assert.Empty(SchemaDiff.Plan(plain, schema, SqliteDialect.Instance).Changes);
        Assert.Empty(SchemaDiff.Plan(schema, schema, PostgreSqlDialect.Instance).Changes);
    }

    [Fact]
    public void Not_valid_checks_are_added_after_create_table_on_postgresql_and_plain_elsewhere()
    {
        var p = new TableModel("p", [new ColumnModel("id", ColumnType.Parse("int32"), false)]) { PrimaryKey = new KeyModel(null, ["id"]) };
        var c = new TableModel("c", [new ColumnModel("v", ColumnType.Parse("int32")), new ColumnModel("p_id", ColumnType.Parse("int32"))])
        {
            Checks = [new CheckModel("pos", "(v > 0)") { NotValid = true }],
            ForeignKeys = [new ForeignKeyModel("fk", ["p_id"], "p", ["id"]) { NotValid = true }],
        };
        var schema = new SchemaModel([p, c]);
        var pg = SchemaScript.Create(schema, PostgreSqlDialect.Instance);
        Assert.DoesNotContain(pg, s => s.StartsWith("CREATE TABLE \"c\"", StringComparison.Ordinal) && s.Contains("pos", StringComparison.Ordinal));
        Assert.Contains("ALTER TABLE \"c\" ADD CONSTRAINT \"pos\" CHECK ((v > 0)) NOT VALID", pg);
        Assert.Contains(pg, s => s.EndsWith("REFERENCES \"p\" (\"id\") NOT VALID", StringComparison.Ordinal));
        var sqlite = string.Join("\n", SchemaScript.Create(schema, SqliteDialect.Instance));
        Assert.Contains("CONSTRAINT \"pos\" CHECK ((v > 0))", sqlite, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT VALID", sqlite, StringComparison.Ordinal);
        var plan = SchemaDiff.Plan(new SchemaModel([]), schema, PostgreSqlDialect.Instance).Changes.Select(x => x.Description).ToList();
        Assert.Contains("add check pos on c NOT VALID", plan);
        var valid = new SchemaModel([p, c with { Checks = [new CheckModel("pos", "(v > 0)")], ForeignKeys = [new ForeignKeyModel("fk", ["p_id"], "p", ["id"])] }]);
        Assert.NotEmpty(SchemaDiff.Plan(valid, schema, PostgreSqlDialect.Instance, allowDrop: true).Changes);
        Assert.Empty(SchemaDiff.Plan(valid, schema, MySqlDialect.Instance).Changes);
    }

    [Fact]
    public void Index_storage_parameters_are_written_on_postgresql_diffed_and_left_out_elsewhere()
    {
        var t = new TableModel("t", [new ColumnModel("b", ColumnType.Parse("int32"))])
        {
            Indexes = [new IndexModel("t_b", [new IndexColumn("b")]) { StorageParameters = ["fillfactor=70"] }],
        };
        var schema = new SchemaModel([t]);
        Assert.Contains("CREATE INDEX \"t_b\" ON \"t\" (\"b\") WITH (fillfactor=70)", SchemaScript.Create(schema, PostgreSqlDialect.Instance));
        Assert.DoesNotContain("fillfactor", string.Join("\n", SchemaScript.Create(schema, SqliteDialect.Instance)), StringComparison.Ordinal);
        var plain = new SchemaModel([t with { Indexes = [new IndexModel("t_b", [new IndexColumn("b")])] }]);
        Assert.Contains("create index t_b on t (b) with (fillfactor=70)", SchemaDiff.Plan(plain, schema, PostgreSqlDialect.Instance, allowDrop: true).Changes.Select(c => c.Description));
        Assert.Empty(SchemaDiff.Plan(plain, schema, SqliteDialect.Instance, allowDrop: true).Changes);
        Assert.Empty(SchemaDiff.Plan(schema, schema, PostgreSqlDialect.Instance).Changes);
    }

    [Fact]
    public void Invisible_is_written_on_mariadb_only_and_a_plan_for_postgresql_refuses_it_by_name()
    {
        var t = new TableModel("t", [new ColumnModel("id", ColumnType.Parse("int32"), false), new ColumnModel("secret", ColumnType.Parse("string(20)")) { Invisible = true }]);
        var schema = new SchemaModel([t]);
        Assert.Contains("`secret` VARCHAR(20) INVISIBLE", SchemaScript.Create(schema, MySqlDialect.Instance)[0], StringComparison.Ordinal);
        var plan = SchemaDiff.Plan(new SchemaModel([]), schema, PostgreSqlDialect.Instance);
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("INVISIBLE column t.secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Column_collations_are_written_in_each_engines_spelling()
    {
        var t = new TableModel("w", [new ColumnModel("note", ColumnType.Parse("string(20)")) { Collation = "C" }]);
        Assert.Contains("\"note\" VARCHAR(20) COLLATE \"C\"", SchemaScript.Create(new SchemaModel([t]), PostgreSqlDialect.Instance)[0], StringComparison.Ordinal);
        Assert.Contains("`note` VARCHAR(20) COLLATE utf8mb4_bin", SchemaScript.Create(new SchemaModel([t with { Columns = [t.Columns[0] with { Collation = "utf8mb4_bin" }] }]), MySqlDialect.Instance)[0], StringComparison.Ordinal);
    }
}
