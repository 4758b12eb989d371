using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>Generated columns, identity options and ON UPDATE in the model: file format, DDL per engine, diff, and cross-engine translation.</summary>
public class ColumnOptionsTests
{
    private static readonly ColumnModel Total = new("total", ColumnType.Parse("decimal(12,2)")) { Generated = new GeneratedColumn("price * qty") };

    private static TableModel Orders(params ColumnModel[] extra) => new("o",
        [new ColumnModel("id", ColumnType.Parse("int64"), false, Identity: true), new ColumnModel("price", ColumnType.Parse("decimal(10,2)")), new ColumnModel("qty", ColumnType.Parse("int32")), .. extra])
    {
        PrimaryKey = new KeyModel(null, ["id"]),
    };

    [Fact]
    public void ToJson_writes_generated_identity_options_and_on_update_only_when_present_and_reads_them_back()
    {
        var id = new ColumnModel("id", ColumnType.Parse("int64"), false, Identity: true) { IdentityOptions = new IdentityOptions(true, 1000, 10) };
        var at = new ColumnModel("at", ColumnType.Parse("timestamp")) { OnUpdate = "now()" };
        var schema = new SchemaModel([Orders(Total) with { Columns = [id, .. Orders(Total).Columns.Skip(1), at] }]);
        var json = schema.ToJson();
        Assert.Contains("\"generated\": {\n            \"expression\": \"price * qty\",\n            \"stored\": true\n          }", json.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"identityOptions\"", json, StringComparison.Ordinal);
        Assert.Contains("\"onUpdate\": \"now()\"", json, StringComparison.Ordinal);
        Assert.Equal(json, SchemaModel.FromJson(json).ToJson());
        Assert.DoesNotContain("generated", new SchemaModel([Orders()]).ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("identityOptions", new SchemaModel([Orders()]).ToJson(), StringComparison.Ordinal);
        Assert.Null(new IdentityOptions().OrNull());
    }

    [Fact]
    public void Column_writes_a_generated_column_per_engine()
    {
        var @virtual = Total with { Generated = new GeneratedColumn("`price` * `qty`", Stored: false), Nullable = false };
        Assert.Equal("\"total\" NUMERIC(12,2) GENERATED ALWAYS AS (\"price\" * \"qty\") STORED NOT NULL", SchemaScript.Column(@virtual, PostgreSqlDialect.Instance));
        Assert.Equal("`total` DECIMAL(12,2) GENERATED ALWAYS AS (`price` * `qty`) VIRTUAL", SchemaScript.Column(@virtual, MySqlDialect.Instance));
        Assert.Equal("\"total\" DECIMAL_TEXT(12,2) GENERATED ALWAYS AS (\"price\" * \"qty\") VIRTUAL NOT NULL", SchemaScript.Column(@virtual, SqliteDialect.Instance));
        Assert.Throws<NotSupportedException>(() => SchemaScript.Column(@virtual, SqlServerDialect.Instance));
    }

    [Fact]
    public void Column_writes_identity_options_on_postgresql_and_on_update_on_mysql()
    {
        var id = new ColumnModel("id", ColumnType.Parse("int32"), false, Identity: true) { IdentityOptions = new IdentityOptions(true, 1000, 10) };
        Assert.Equal("\"id\" INTEGER GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 10) NOT NULL", SchemaScript.Column(id, PostgreSqlDialect.Instance));
        Assert.Equal("`id` INT AUTO_INCREMENT NOT NULL", SchemaScript.Column(id, MySqlDialect.Instance));
        var at = new ColumnModel("at", ColumnType.Parse("timestamp(3)"), Default: "now()") { OnUpdate = "now()" };
        Assert.Equal("`at` DATETIME(3) DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(3)", SchemaScript.Column(at, MySqlDialect.Instance));
        Assert.Contains("at", Assert.Throws<NotSupportedException>(() => SchemaScript.Column(at, PostgreSqlDialect.Instance)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_sees_a_changed_generated_expression_and_ignores_the_casts_postgresql_adds()
    {
        var current = new SchemaModel([Orders(Total with { Generated = new GeneratedColumn("(price * (qty)::numeric)") })]);
        Assert.True(SchemaDiff.Plan(current, new SchemaModel([Orders(Total)]), PostgreSqlDialect.Instance).IsEmpty);
        var changed = SchemaDiff.Plan(current, new SchemaModel([Orders(Total with { Generated = new GeneratedColumn("price + qty") })]), PostgreSqlDialect.Instance);
        var change = Assert.Single(changed.Changes);
        Assert.Contains("generated as (price + qty)", change.Description, StringComparison.Ordinal);
        Assert.StartsWith("ALTER TABLE \"o\" DROP COLUMN \"total\"", change.Sql[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_folds_what_the_engine_cannot_hold_and_refuses_on_update_by_name()
    {
        var virtualTotal = Total with { Generated = new GeneratedColumn("price * qty", Stored: false) };
        Assert.True(SchemaDiff.Plan(new SchemaModel([Orders(Total)]), new SchemaModel([Orders(virtualTotal)]), PostgreSqlDialect.Instance).IsEmpty);
        var withOptions = Orders() with { Columns = [Orders().Columns[0] with { IdentityOptions = new IdentityOptions(true, 5, 2) }, .. Orders().Columns.Skip(1)] };
        Assert.True(SchemaDiff.Plan(new SchemaModel([Orders()]), new SchemaModel([withOptions]), MySqlDialect.Instance).IsEmpty);
        var options = Assert.Single(SchemaDiff.Plan(new SchemaModel([Orders()]), new SchemaModel([withOptions]), PostgreSqlDialect.Instance).Changes);
        Assert.Contains("SET GENERATED ALWAYS SET START WITH 5 SET INCREMENT BY 2", options.Sql[0], StringComparison.Ordinal);
        var onUpdate = new SchemaModel([Orders(new ColumnModel("at", ColumnType.Parse("timestamp")) { OnUpdate = "now()" })]);
        var plan = SchemaDiff.Plan(new SchemaModel([]), onUpdate, PostgreSqlDialect.Instance);
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("ON UPDATE now() of column o.at (PostgreSQL has no such column option", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("(price * (qty)::numeric)", "`price` * `qty`")]
    [InlineData("`price` + 1", "`price` + 1")]
    [InlineData("round(price, 1) * coalesce(qty, 0)", "round(`price`, 1) * coalesce(`qty`, 0)")]
    [InlineData("CASE WHEN qty > 0 THEN price ELSE NULL END", "CASE WHEN `qty` > 0 THEN `price` ELSE NULL END")]
    public void Translate_writes_portable_expressions_with_the_targets_quoting(string expression, string mysql)
    {
        Assert.Equal(mysql, SqlExpressionText.Translate(expression, ["price", "qty"], PostgreSqlDialect.Instance, MySqlDialect.Instance, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("md5(name)", "the function md5() is not one every engine has")]
    [InlineData("now() AT TIME ZONE 'utc'", "the current time (now()) translates to MySQL/MariaDB only as a default that is now() alone")]
    [InlineData("name || 'x'", "|| is OR on MySQL")]
    [InlineData("other + 1", "other is not a column of the table")]
    [InlineData("current_date + 1", "the keyword CURRENT_DATE is not translated for MySQL/MariaDB within an expression")]
    [InlineData("tags[1]", "arrays are PostgreSQL's own")]
    [InlineData("name / 2", "the operator / divides integers differently (PostgreSQL: 7 / 2 = 3; MySQL/MariaDB: 3.5)")]
    public void Translate_refuses_what_does_not_port_with_the_reason(string expression, string why)
    {
        // between two engines that divide integers alike, / is the same operator
        Assert.Equal("\"name\" / 2", SqlExpressionText.Translate("name / 2", ["name"], PostgreSqlDialect.Instance, SqliteDialect.Instance, out _));
        Assert.Null(SqlExpressionText.Translate(expression, ["name", "tags"], PostgreSqlDialect.Instance, MySqlDialect.Instance, out var problem));
        Assert.StartsWith(why, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_finds_sqlite_generated_columns_in_create_table_text()
    {
        var found = GeneratedColumnText.Parse(
            "CREATE TABLE o (id INTEGER PRIMARY KEY, \"w x\" TEXT GENERATED ALWAYS AS (upper('a,(b' || qty)) VIRTUAL, t NUMERIC AS (price*qty) STORED, " +
            "c INT CHECK (CAST(c AS INT) > 0), /* s AS (1) */ d INT AS (abs(c)))", SqliteDialect.Instance);
        Assert.Equal(3, found.Count);
        Assert.Equal(new GeneratedColumn("upper('a,(b' || qty)", false), found["w x"]);
        Assert.Equal(new GeneratedColumn("price*qty", true), found["t"]);
        Assert.Equal(new GeneratedColumn("abs(c)", false), found["D"]);
    }

    [Fact]
    public void Sqlite_identity_that_reuses_ids_is_written_without_autoincrement_kept_by_sqlite_only_and_a_difference_there()
    {
        var reuses = Orders().Columns[0] with { IdentityOptions = new IdentityOptions { ReusesValues = true } };
        var plain = new SchemaModel([Orders() with { Columns = [reuses, .. Orders().Columns.Skip(1)] }]);
        Assert.Contains("\"id\" INTEGER PRIMARY KEY,", SchemaScript.Create(plain, SqliteDialect.Instance)[0], StringComparison.Ordinal);
        Assert.Contains("\"id\" INTEGER PRIMARY KEY AUTOINCREMENT,", SchemaScript.Create(new SchemaModel([Orders()]), SqliteDialect.Instance)[0], StringComparison.Ordinal);
        Assert.Equal(plain.ToJson(), SchemaModel.FromJson(plain.ToJson()).ToJson());
        Assert.Contains("\"reusesValues\": true", plain.ToJson(), StringComparison.Ordinal);
        // SQLite: AUTOINCREMENT or not is a change (a rebuild); PostgreSQL never reuses ids, so there it is none
        var sqlite = SchemaDiff.Plan(plain, new SchemaModel([Orders()]), SqliteDialect.Instance);
        Assert.Contains(sqlite.Changes, c => c.Description.StartsWith("rebuild table o (change column id", StringComparison.Ordinal));
        Assert.Empty(SchemaDiff.Plan(plain, new SchemaModel([Orders()]), PostgreSqlDialect.Instance).Changes);
        // into PostgreSQL the option is dropped without a note (no id is lost); PostgreSQL's own options are named going to SQLite
        List<string> skipped = [], warnings = [];
        Assert.Null(ColumnTranslation.ForEngine(plain, NexuSqlEngine.Sqlite, PostgreSqlDialect.Instance, skipped, warnings).Tables[0].Columns[0].IdentityOptions);
        Assert.Empty(skipped);
        var always = new SchemaModel([Orders() with { Columns = [Orders().Columns[0] with { IdentityOptions = new IdentityOptions(true, 5, 1) }, .. Orders().Columns.Skip(1)] }]);
        Assert.Null(ColumnTranslation.ForEngine(always, NexuSqlEngine.PostgreSql, SqliteDialect.Instance, skipped, warnings).Tables[0].Columns[0].IdentityOptions);
        Assert.StartsWith("identity options of o.id (GENERATED ALWAYS, start 5, step 1)", Assert.Single(skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void ForEngine_translates_generated_columns_names_what_it_drops_and_sizes_text_keys_for_mysql()
    {
        var tags = new TableModel("tags", [new ColumnModel("name", ColumnType.Parse("text"), false), new ColumnModel("n", ColumnType.Parse("int32"))])
        {
            PrimaryKey = new KeyModel(null, ["name", "n"]),
        };
        var id = Orders().Columns[0] with { IdentityOptions = new IdentityOptions(true, 1000, 10) };
        var at = new ColumnModel("at", ColumnType.Parse("timestamp")) { OnUpdate = "now()" };
        var schema = new SchemaModel([Orders(Total with { Generated = new GeneratedColumn("(price * (qty)::numeric)") }) with { Columns = [id, .. Orders().Columns.Skip(1), Total, at] }, tags]);
        List<string> skipped = [], warnings = [];
        var mysql = ColumnTranslation.ForEngine(schema, NexuSqlEngine.PostgreSql, MySqlDialect.Instance, skipped, warnings);
        Assert.Equal("`price` * `qty`", mysql.Table("o")!.Columns.Single(c => c.Name == "total").Generated!.Expression);
        Assert.Null(mysql.Table("o")!.Columns[0].IdentityOptions);
        Assert.Equal("now()", mysql.Table("o")!.Columns.Single(c => c.Name == "at").OnUpdate); // MySQL has it
        Assert.StartsWith("identity options of o.id (GENERATED ALWAYS, start 1000, step 10)", Assert.Single(skipped), StringComparison.Ordinal);
        Assert.Equal("string(764)", mysql.Table("tags")!.Columns[0].Type.ToString()); // (3072 - 16) / 4
        Assert.Single(warnings);
        var postgresql = ColumnTranslation.ForEngine(schema with { Tables = [schema.Tables[0]] }, NexuSqlEngine.MySql, PostgreSqlDialect.Instance, skipped, warnings);
        Assert.Null(postgresql.Table("o")!.Columns.Single(c => c.Name == "at").OnUpdate);
        Assert.StartsWith("ON UPDATE CURRENT_TIMESTAMP of o.at: PostgreSQL has no such column option", skipped[^1], StringComparison.Ordinal);
        var refused = Assert.Throws<NexuSqlRefusedException>(() => ColumnTranslation.ForEngine(
            new SchemaModel([Orders(Total with { Generated = new GeneratedColumn("md5(price::text)") })]), NexuSqlEngine.PostgreSql, MySqlDialect.Instance, skipped, warnings));
        Assert.Contains("o.total (generated as md5(price::text)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForEngine_key_column_under_a_case_insensitive_database_default_is_refused_unless_it_compares_characters()
    {
        var cust = new TableModel("cust", [new ColumnModel("id", ColumnType.Parse("int32"), false), new ColumnModel("email", ColumnType.Parse("string(190)"), false),
            new ColumnModel("note", ColumnType.Parse("text"))])
        {
            PrimaryKey = new KeyModel(null, ["id"]), Uniques = [new KeyModel("uq_email", ["email"])],
        };
        var maria = new SchemaModel([cust]) { DefaultCollation = "utf8mb4_unicode_ci" };
        List<string> skipped = [], warnings = [];
        // the key compares as the database's default does: 'A@X' = 'a@x' on MariaDB, not on PostgreSQL or SQLite
        foreach (var target in new SqlDialect[] { PostgreSqlDialect.Instance, SqliteDialect.Instance })
        {
            var refused = Assert.Throws<NexuSqlRefusedException>(() => ColumnTranslation.ForEngine(maria, NexuSqlEngine.MySql, target, skipped, warnings));
            Assert.Contains("cust.email (collation utf8mb4_unicode_ci, the source database's default, in unique uq_email)", refused.Message, StringComparison.Ordinal);
            Assert.Contains("COLLATE utf8mb4_nopad_bin", refused.Message, StringComparison.Ordinal);
        }
        // a collation that compares characters keeps the key's meaning: the column's collation is named, not refused
        var exact = maria with { Tables = [cust with { Columns = [cust.Columns[0], cust.Columns[1] with { Collation = "utf8mb4_nopad_bin" }, cust.Columns[2]] }] };
        Assert.Null(ColumnTranslation.ForEngine(exact, NexuSqlEngine.MySql, PostgreSqlDialect.Instance, skipped, warnings).Table("cust")!.Columns[1].Collation);
        Assert.StartsWith("collation utf8mb4_nopad_bin of cust.email:", Assert.Single(skipped), StringComparison.Ordinal);
        // utf8mb4_bin pads ('a' = 'a '): still refused
        var padded = maria with { Tables = [cust with { Columns = [cust.Columns[0], cust.Columns[1] with { Collation = "utf8mb4_bin" }, cust.Columns[2]] }] };
        Assert.Throws<NexuSqlRefusedException>(() => ColumnTranslation.ForEngine(padded, NexuSqlEngine.MySql, PostgreSqlDialect.Instance, skipped, warnings));
        // into tables the target has (copy --data-only) the target's keys decide; without a known default nothing is refused
        ColumnTranslation.ForEngine(maria, NexuSqlEngine.MySql, PostgreSqlDialect.Instance, skipped, warnings, intoExistingTables: true);
        ColumnTranslation.ForEngine(maria with { DefaultCollation = null }, NexuSqlEngine.MySql, PostgreSqlDialect.Instance, skipped, warnings);
        Assert.Single(skipped);
        // NexuSQL's own migration lock (its key holds the names NexuSQL writes) is carried
        var locks = new TableModel("nexusql_schema_history_lock", [new ColumnModel("name", ColumnType.Parse("string(64)"), false)]) { PrimaryKey = new KeyModel(null, ["name"]) };
        ColumnTranslation.ForEngine(maria with { Tables = [locks] }, NexuSqlEngine.MySql, SqliteDialect.Instance, skipped, warnings);
    }

    [Fact]
    public void Translate_names_every_kind_of_refusal_in_one_exception()
    {
        // bt48 L1: a refused plan named one kind per run (a check first, the next run the key collations)
        var cust = new TableModel("cust", [new ColumnModel("id", ColumnType.Parse("int32"), false), new ColumnModel("email", ColumnType.Parse("string(190)"), false),
            new ColumnModel("note", ColumnType.Parse("text")), new ColumnModel("digest", ColumnType.Parse("text")) { Generated = new GeneratedColumn("md5(`note`)") }])
        {
            PrimaryKey = new KeyModel(null, ["id"]), Uniques = [new KeyModel("uq_email", ["email"])],
            Checks = [new CheckModel("ck_note", "score_of(`note`) > 0")],
        };
        var maria = new SchemaModel([cust]) { DefaultCollation = "utf8mb4_unicode_ci", Engine = NexuSqlEngine.MySql };
        var refused = Assert.Throws<NexuSqlRefusedException>(() => CrossEngineSchema.Translate(maria, NexuSqlEngine.MySql, PostgreSqlDialect.Instance, [], new List<string>()));
        Assert.Equal(3, refused.Reasons.Count);
        Assert.Contains("score_of", refused.Reasons[0], StringComparison.Ordinal);
        Assert.Contains("cust.digest (generated as md5(`note`)", refused.Reasons[1], StringComparison.Ordinal);
        Assert.Contains("cust.email (collation utf8mb4_unicode_ci", refused.Reasons[2], StringComparison.Ordinal);
        Assert.StartsWith("Nothing was written. Refused for 3 reasons:\n  1. ", refused.Message, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(refused.Message, "Nothing was written"));
        // one kind alone: its own sentence, as before
        var one = Assert.Throws<NexuSqlRefusedException>(() => CrossEngineSchema.Translate(maria with { Tables = [cust with { Checks = [], Columns = [.. cust.Columns.Take(3)] }] },
            NexuSqlEngine.MySql, PostgreSqlDialect.Instance, [], new List<string>()));
        Assert.Equal(one.Message, Assert.Single(one.Reasons));
        Assert.Contains("key columns have a collation", one.Message, StringComparison.Ordinal);
    }
}
