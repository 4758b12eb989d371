using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>Special indexes in the model: the file format, the DDL per engine, the plan, and the cross-engine rules.</summary>
public class IndexModelTests
{
    private static readonly ColumnType Text = new(PortableType.Text);

    private static TableModel Users(params IndexModel[] indexes) => new("users",
        [new ColumnModel("id", new ColumnType(PortableType.Int64), false), new ColumnModel("email", Text), new ColumnModel("deleted_at", new ColumnType(PortableType.Timestamp)),
         new ColumnModel("name", new ColumnType(PortableType.String, Length: 50))])
    { PrimaryKey = new KeyModel(null, ["id"]), Indexes = indexes };

    private static readonly IndexModel Live = new("users_email_live", [new IndexColumn(null) { Expression = "lower(email)" }], Unique: true) { Where = "deleted_at IS NULL" };

    [Fact]
    public void A_file_without_the_new_fields_reads_and_writes_unchanged()
    {
        const string json = """{"tables":[{"name":"t","columns":[{"name":"id","type":"int64","nullable":false}],"indexes":[{"name":"t_id","columns":[{"name":"id","descending":true}]}]}]}""";
        var model = SchemaModel.FromJson(json);
        var text = model.ToJson();
        Assert.DoesNotContain("where", text, StringComparison.Ordinal);
        Assert.DoesNotContain("expression", text, StringComparison.Ordinal);
        Assert.DoesNotContain("method", text, StringComparison.Ordinal);
        Assert.Equal(text, SchemaModel.FromJson(text).ToJson());
    }

    [Fact]
    public void Special_indexes_survive_the_file_and_are_written_per_engine()
    {
        var model = SchemaModel.FromJson(new SchemaModel([Users(Live, new IndexModel("users_name", [new IndexColumn("name", true) { Length = 10, OperatorClass = "varchar_pattern_ops", Nulls = "last" }])
        {
            Include = ["email"], Method = "hash",
        })]).ToJson());
        var live = model.Tables[0].Indexes.Single(i => i.Name == "users_email_live");
        Assert.Equal(("lower(email)", "deleted_at IS NULL"), (live.Columns[0].Expression, live.Where));
        Assert.Equal("CREATE UNIQUE INDEX \"users_email_live\" ON \"users\" ((lower(email))) WHERE deleted_at IS NULL", SchemaScript.CreateIndex(model.Tables[0], live, SqliteDialect.Instance));
        Assert.Equal("CREATE UNIQUE INDEX \"users_email_live\" ON \"users\" ((lower(email))) WHERE deleted_at IS NULL", SchemaScript.CreateIndex(model.Tables[0], live, PostgreSqlDialect.Instance));
        var prefix = new IndexModel("users_name", [new IndexColumn("name") { Length = 10 }], Unique: true);
        Assert.Equal("CREATE UNIQUE INDEX `users_name` ON `users` (`name`(10))", SchemaScript.CreateIndex(model.Tables[0], prefix, MySqlDialect.Instance));
        Assert.Throws<NotSupportedException>(() => SchemaScript.CreateIndex(model.Tables[0], live, MySqlDialect.Instance));
    }

    [Fact]
    public void A_plan_compares_by_meaning_reports_a_changed_predicate_and_refuses_what_the_engine_cannot_create()
    {
        // PostgreSQL reads lower((email)::text): the same index as the file's lower(email)
        var read = Users(Live with { Columns = [new IndexColumn(null) { Expression = "lower((email)::text)" }], Where = "(deleted_at IS NULL)" });
        Assert.Empty(SchemaDiff.Plan(new SchemaModel([read]), new SchemaModel([Users(Live)]), PostgreSqlDialect.Instance).Changes);
        var changed = SchemaDiff.Plan(new SchemaModel([read]), new SchemaModel([Users(Live with { Where = "deleted_at IS NOT NULL" })]), PostgreSqlDialect.Instance, allowDrop: true);
        Assert.Contains(changed.Changes, c => c.Description.StartsWith("change index users_email_live on users:", StringComparison.Ordinal) && c.Description.Contains("where deleted_at IS NOT NULL", StringComparison.Ordinal));
        Assert.Contains(changed.Changes, c => c.Description.StartsWith("create index users_email_live on users", StringComparison.Ordinal));
        var mysql = SchemaDiff.Plan(new SchemaModel([]), new SchemaModel([Users(Live)]), MySqlDialect.Instance);
        Assert.Contains(mysql.Refused, c => c.Description.StartsWith("create index users_email_live on users", StringComparison.Ordinal) && c.Description.Contains("MySQL/MariaDB has no partial indexes", StringComparison.Ordinal));
        Assert.DoesNotContain(mysql.Changes, c => c.Description.Contains("users_email_live", StringComparison.Ordinal));
    }

    [Fact]
    public void Unique_partial_and_expression_indexes_stay_unique_only_with_the_same_meaning_across_engines()
    {
        var notes = new List<string>();
        var lite = CrossEngineSchema.Prepare(new SchemaModel([Users(Live with { Columns = [new IndexColumn(null) { Expression = "COALESCE((email)::text, ''::text)" }] })]),
            NexuSqlEngine.PostgreSql, SqliteDialect.Instance, notes);
        Assert.Equal("coalesce(\"email\", '')", lite.Tables[0].Indexes[0].Columns[0].Expression);
        Assert.Equal("\"deleted_at\" IS NULL", lite.Tables[0].Indexes[0].Where);
        Assert.Empty(notes);
        // SQLite's lower() changes only A–Z: the same unique index would take 'É@x' and 'é@x' both (break test H3)
        var weaker = Assert.Throws<NexuSqlRefusedException>(() => CrossEngineSchema.Prepare(
            new SchemaModel([Users(Live with { Columns = [new IndexColumn(null) { Expression = "lower((email)::text)" }] })]), NexuSqlEngine.PostgreSql, SqliteDialect.Instance, notes));
        Assert.Contains("index users_email_live on users unique ((lower((email)::text))) where deleted_at IS NULL: the expression lower((email)::text) does not translate " +
            "(lower() changes only the letters A–Z on SQLite", weaker.Message, StringComparison.Ordinal);
        var refused = Assert.Throws<NexuSqlRefusedException>(() => CrossEngineSchema.Prepare(new SchemaModel([Users(Live)]), NexuSqlEngine.Sqlite, MySqlDialect.Instance, notes));
        Assert.Contains("index users_email_live on users", refused.Message, StringComparison.Ordinal);
        // NULLS NOT DISTINCT: elsewhere NULL keys never collide, so the same unique index would accept more rows
        var nulls = new IndexModel("users_name", [new IndexColumn("name")], Unique: true) { NullsNotDistinct = true };
        Assert.Contains("SQLite has no NULLS NOT DISTINCT", Assert.Throws<NexuSqlRefusedException>(() => CrossEngineSchema.Prepare(new SchemaModel([Users(nulls)]), NexuSqlEngine.PostgreSql, SqliteDialect.Instance, notes)).Message, StringComparison.Ordinal);
        Assert.Equal("CREATE UNIQUE INDEX \"users_name\" ON \"users\" (\"name\") NULLS NOT DISTINCT", PostgreSqlDialect.Instance.CreateIndexSql("users", nulls));
        // a function NexuSQL does not know to mean the same elsewhere is not translated
        var custom = Live with { Columns = [new IndexColumn(null) { Expression = "my_norm(email)" }] };
        Assert.Contains("my_norm()", Assert.Throws<NexuSqlRefusedException>(() => CrossEngineSchema.Prepare(new SchemaModel([Users(custom)]), NexuSqlEngine.PostgreSql, SqliteDialect.Instance, notes)).Message, StringComparison.Ordinal);
        // INCLUDE is outside the key: a unique index keeps its key, the included columns are named as left out
        var covering = new IndexModel("users_email", [new IndexColumn("email")], Unique: true) { Include = ["name"] };
        var moved = CrossEngineSchema.Prepare(new SchemaModel([Users(covering)]), NexuSqlEngine.PostgreSql, SqliteDialect.Instance, notes);
        Assert.Equal(["email"], moved.Tables[0].Indexes[0].Columns.Select(c => c.Name!));
        Assert.True(moved.Tables[0].Indexes[0].Unique);
        Assert.Null(moved.Tables[0].Indexes[0].Include);
        Assert.Contains(notes, n => n.Contains("INCLUDE (name) left out", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CREATE UNIQUE INDEX u ON t (email) WHERE deleted_at IS NULL", new[] { "email" }, "deleted_at IS NULL")]
    [InlineData("CREATE INDEX \"i(x)\" ON \"t\" ((lower(\"e\")), name COLLATE NOCASE DESC, 'a,b' ASC)", new[] { "(lower(\"e\"))", "name", "'a,b'" }, null)]
    [InlineData("create index i on t(a) where b = 'where (x'", new[] { "a" }, "b = 'where (x'")]
    public void Sqlite_index_text_is_split_into_key_parts_and_predicate(string sql, string[] parts, string? where)
    {
        var (p, w) = IndexText.Parse(sql, SqliteDialect.Instance);
        Assert.Equal(parts, p);
        Assert.Equal(where, w);
    }

    [Fact]
    public void A_key_part_with_neither_name_nor_expression_is_a_format_error_naming_the_index()
    {
        var e = Assert.Throws<FormatException>(() => SchemaModel.FromJson("""{"tables":[{"name":"t","columns":[],"indexes":[{"name":"t_x","columns":[{}]}]}]}"""));
        Assert.Contains("Index t_x on table t: key part 1", e.Message, StringComparison.Ordinal);
    }

    /// <summary>bt40 N-L6: a value of the wrong JSON kind is named by what belongs there, never by a .NET type.</summary>
    [Theory]
    [InlineData("""{"tables":{"name":"t"}}""", "at $.tables: a list belongs here ([...])")]
    [InlineData("""[{"name":"t"}]""", "at $: the file must hold one object, {\"tables\": [...]}")]
    [InlineData("""{"tables":["t"]}""", "at $.tables[0]: an object belongs here ({...})")]
    [InlineData("""{"tables":[{"name":"t","columns":[{"name":"id","type":"int64","nullable":"no"}]}]}""", "at $.tables[0].columns[0].nullable: \"nullable\" holds a value of the wrong kind")]
    public void A_value_of_the_wrong_kind_is_named_by_what_belongs_there(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SchemaModel.FromJson(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("NexuSql.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", e.Message, StringComparison.Ordinal);
    }
}
