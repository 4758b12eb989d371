using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// PostgreSQL composite types and CREATE COLLATION collations in the model: written as PostgreSQL's CREATE statements,
/// created in the order they use each other (collations, enums, then domains and composites by use), carried through
/// the schema file, planned by diff (create, refuse a change, drop with --allow-drop), a same-named one that differs in
/// the target named, and left out (named) for engines without them.
/// </summary>
public class UserTypeTests
{
    private static readonly CollationModel Ci = new("ci", "icu") { Locale = "und-u-ks-level2", Deterministic = false };
    private static readonly CollationModel Mixed = new("Mixed", "libc") { LcCollate = "C", LcCtype = "C.UTF-8" };
    private static readonly CompositeTypeModel Pair = new("pair", [new("a", "integer"), new("b", "text") { Collation = "ci" }]);
    private static readonly CompositeTypeModel Outer = new("Outer", [new("p", "pair"), new("d", "pos_pair[]"), new("o", "mood")]);
    private static readonly DomainModel PosPair = new("pos_pair", "pair") { Checks = [new CheckModel("pos_pair_check", "((VALUE).a > 0)")] };

    private static SchemaModel Model => new([new TableModel("t", [new("id", ColumnType.Parse("int32"), false), new("o", new ColumnType(PortableType.Native, Native: "\"Outer\""))])
        { PrimaryKey = new KeyModel("t_pkey", ["id"]) }])
    {
        Collations = [Mixed, Ci], Composites = [Outer, Pair], Domains = [PosPair], Enums = [new EnumTypeModel("mood", ["sad", "ok"])],
    };

    [Fact]
    public void Postgresql_statements_create_collations_enums_then_domains_and_composites_in_the_order_they_use_each_other()
    {
        var sql = SchemaScript.Create(Model, PostgreSqlDialect.Instance);
        Assert.Equal(
        [
            "CREATE COLLATION \"Mixed\" (provider = libc, lc_collate = 'C', lc_ctype = 'C.UTF-8')",
            "CREATE COLLATION \"ci\" (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
            "CREATE TYPE \"mood\" AS ENUM ('sad', 'ok')",
            "CREATE TYPE \"pair\" AS (\"a\" integer, \"b\" text COLLATE \"ci\")",
            "CREATE DOMAIN \"pos_pair\" AS pair CONSTRAINT \"pos_pair_check\" CHECK (((VALUE).a > 0))",
            "CREATE TYPE \"Outer\" AS (\"p\" pair, \"d\" pos_pair[], \"o\" mood)",
        ], sql.Take(6));
        Assert.StartsWith("CREATE TABLE \"t\"", sql[6], StringComparison.Ordinal);
        Assert.Equal("CREATE COLLATION \"r\" (provider = icu, locale = 'und', rules = '&a < g''s')",
            PostgreSqlDialect.Instance.CreateCollationSql(new CollationModel("r", "icu") { Locale = "und", Rules = "&a < g's" }));
        Assert.Null(MySqlDialect.Instance.CreateCompositeTypeSql(Pair));
        Assert.Null(SqliteDialect.Instance.CreateCollationSql(Ci));
    }

    [Theory]
    [InlineData("pair", "pair")]
    [InlineData("\"pair\"[]", "pair")]
    [InlineData("app.mood[]", "app.mood")]
    [InlineData("\"Sales\".\"Mood\"", "Sales.Mood")]
    [InlineData("\"Sales\".pt[][]", "Sales.pt")]
    [InlineData("\"a\"\"b\".\"c.d\"", "a\"b.c.d")]
    public void A_type_name_is_read_as_the_model_names_it_unquoted_and_schema_qualified(string written, string name) =>
        Assert.Equal(name, UserTypes.Element(written));

    [Fact]
    public void A_composite_type_of_another_schema_is_created_and_dropped_there()
    {
        var geo = new CompositeTypeModel("Pt", [new CompositeAttribute("x", "integer")]) { Schema = "Geo" };
        Assert.Equal("CREATE TYPE \"Geo\".\"Pt\" AS (\"x\" integer)", PostgreSqlDialect.Instance.CreateCompositeTypeSql(geo));
        Assert.Equal("Geo.Pt", geo.QualifiedName);
        Assert.False(geo.Same(geo with { Schema = null }));
        var plan = SchemaDiff.Plan(new SchemaModel([]) { Composites = [geo] }, new SchemaModel([]), PostgreSqlDialect.Instance, allowDrop: true);
        Assert.Contains(plan.Changes, c => c.Description == "drop composite type Geo.Pt" && c.Sql.Single() == "DROP TYPE \"Geo\".\"Pt\"");
    }

    [Fact]
    public void The_schema_file_carries_them_and_an_old_file_without_them_reads_as_none()
    {
        var json = Model.ToJson();
        Assert.Contains("\"deterministic\": false", json, StringComparison.Ordinal);
        Assert.Contains("\"lcCtype\": \"C.UTF-8\"", json, StringComparison.Ordinal);
        var back = SchemaModel.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.True(back.Composites!.Single(c => c.Name == "pair").Same(Pair));
        Assert.Equal(Ci, back.Collations!.Single(c => c.Name == "ci"));
        var old = SchemaModel.FromJson("""{"tables":[]}""");
        Assert.Null(old.Composites);
        Assert.Null(old.Collations);
    }

    [Fact]
    public void Diff_creates_missing_ones_refuses_a_change_and_drops_only_with_allow_drop()
    {
        var d = PostgreSqlDialect.Instance;
        var empty = new SchemaModel([]);
        var create = SchemaDiff.Plan(empty, Model, d, allowDrop: false);
        var descriptions = create.Changes.Select(c => c.Description).ToList();
        Assert.True(descriptions.IndexOf("create collation ci") < descriptions.IndexOf("create composite type pair"), string.Join("\n", descriptions));
        Assert.True(descriptions.IndexOf("create composite type pair") < descriptions.IndexOf("create domain pos_pair"), string.Join("\n", descriptions));
        Assert.True(descriptions.IndexOf("create domain pos_pair") < descriptions.IndexOf("create composite type Outer"), string.Join("\n", descriptions));
        Assert.True(descriptions.IndexOf("create composite type Outer") < descriptions.IndexOf("create table t"), string.Join("\n", descriptions));

        var changed = Model with { Composites = [Outer, Pair with { Attributes = [.. Pair.Attributes, new CompositeAttribute("c", "date")] }], Collations = [Mixed, Ci with { Deterministic = true }] };
        var plan = SchemaDiff.Plan(Model, changed, d, allowDrop: true);
        Assert.Empty(plan.Changes);
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("change composite type pair: (a integer, b text COLLATE ci) → (a integer, b text COLLATE ci, c date)", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("change collation ci", StringComparison.Ordinal));

        var without = Model with { Tables = [], Composites = null, Collations = null, Domains = null, Enums = null };
        Assert.Contains(SchemaDiff.Plan(Model, without, d, allowDrop: false).Refused, r => r.Description == "drop composite type Outer (destructive: needs --allow-drop)");
        var drops = SchemaDiff.Plan(Model, without, d, allowDrop: true).Changes.Select(c => c.Description).ToList();
        // dependents first: Outer uses pos_pair, which is over pair; the collations after every type
        Assert.Equal(["drop composite type Outer", "drop domain pos_pair", "drop composite type pair", "drop enum type mood", "drop collation Mixed", "drop collation ci"],
            drops.Where(x => !x.StartsWith("drop table", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_same_named_type_or_collation_that_differs_in_the_target_is_named()
    {
        var target = Model with { Composites = [Pair with { Attributes = [new CompositeAttribute("x", "date")] }, Outer], Collations = [Ci with { Locale = "de" }] };
        var conflicts = SchemaPrerequisites.Conflicts(Model, target);
        Assert.Equal(["collation ci (icu de, nondeterministic) where the source has (icu und-u-ks-level2, nondeterministic)",
            "composite type pair (x date) where the source has (a integer, b text COLLATE ci)"], conflicts);
        Assert.Empty(SchemaPrerequisites.Conflicts(Model, Model));
    }

    /// <summary>Break test 31 B2: a column of an enum type is MariaDB's ENUM of its labels, or SQLite text with a check of them.</summary>
    [Fact]
    public void A_column_of_an_enum_type_is_an_enum_column_on_mariadb_and_checked_text_on_sqlite()
    {
        var schema = new SchemaModel([new TableModel("o", [new("id", ColumnType.Parse("int32"), false), new("s", ColumnType.Parse("native:app.mood"), false, "'sad'::app.mood"),
            new("a", ColumnType.Parse("native:app.mood[]"))]) { PrimaryKey = new KeyModel("o_pkey", ["id"]), Checks = [new CheckModel("o_s_check", "s <> 'ok'::app.mood")] }])
        {
            Enums = [new EnumTypeModel("mood", ["sad", "ok", "it's"]) { Schema = "app" }],
        };
        var notes = new List<string>();
        var mariadb = EnumColumns.Translate(schema, PostgreSqlDialect.Instance, MySqlDialect.Instance, notes);
        var s = mariadb.Tables[0].Columns[1];
        Assert.Equal((PortableType.String, 4, "enum('sad','ok','it''s') COLLATE utf8mb4_nopad_bin"), (s.Type.Kind, s.Type.Length, s.EngineType?.For(NexuSqlEngine.MySql)));
        Assert.Equal("`s` enum('sad','ok','it''s') COLLATE utf8mb4_nopad_bin NOT NULL DEFAULT 'sad'", SchemaScript.Column(s, MySqlDialect.Instance));
        // the array stays PostgreSQL's (refused with the other native columns), and so does its type
        Assert.Equal("native:app.mood[]", mariadb.Tables[0].Columns[2].Type.ToString());
        Assert.Equal("mood", Assert.Single(mariadb.Enums!).Name);
        var sqlite = EnumColumns.Translate(schema, PostgreSqlDialect.Instance, SqliteDialect.Instance, notes);
        Assert.Equal(PortableType.Text, sqlite.Tables[0].Columns[1].Type.Kind);
        // the check's name is free on the table
        Assert.Equal("o_s_check_2: \"s\" IN ('sad', 'ok', 'it''s')", sqlite.Tables[0].Checks.Skip(1).Select(k => $"{k.Name}: {k.Expression}").Single());
        Assert.Contains("o.s: enum type app.mood created as text with the check o_s_check_2 (its labels; SQLite sorts the values as text, not in the labels' order)", notes);
        // the source's check comparing the column with a label of the type of another schema translates (its cast dropped)
        Assert.Equal("\"s\" <> 'ok'", SqlExpressionText.Translate("s <> 'ok'::app.mood", ["s"], PostgreSqlDialect.Instance, SqliteDialect.Instance, out var problem));
        Assert.Null(problem);
        // labels MariaDB would change are refused by name
        var spaced = schema with { Enums = [new EnumTypeModel("mood", ["sad ", "ok"]) { Schema = "app" }] };
        var refused = Assert.Throws<NexuSqlRefusedException>(() => EnumColumns.Translate(spaced, PostgreSqlDialect.Instance, MySqlDialect.Instance, notes));
        Assert.Contains("o.s (app.mood: the label 'sad ' ends in a space, which MariaDB drops from ENUM labels)", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Break test 32 F16: an enum compared by its order (PostgreSQL: the labels' positions) would be compared as text elsewhere.</summary>
    [Theory]
    [InlineData("(v <= 'mid'::sev)", true)]
    [InlineData("('mid'::sev > v)", true)]
    [InlineData("((\"v\" >= 'low'::app.sev) AND (\"v\" <= 'mid'::app.sev))", true)]
    [InlineData("(w > 'low'::sev)", true)]
    [InlineData("v BETWEEN 'low' AND 'mid'", true)]
    [InlineData("(v <> 'mid'::sev)", false)]
    [InlineData("(v = ANY (ARRAY['low'::sev, 'mid'::sev]))", false)]
    [InlineData("((vv > 3) AND (v <> 'low'::sev))", false)]
    [InlineData("(qty > 0)", false)]
    public void An_order_comparison_of_an_enum_is_found(string sql, bool found) =>
        Assert.Equal(found, EnumColumns.ComparesByOrder(sql, "v", "sev"));

    [Fact]
    public void An_enum_compared_by_its_order_is_refused_by_name_into_mariadb_and_sqlite()
    {
        var schema = new SchemaModel([new TableModel("s2", [new("id", ColumnType.Parse("int32"), false), new("v", ColumnType.Parse("native:sev"))])
            { Checks = [new CheckModel("s2_v_check", "(v <= 'mid'::sev)")] }]) { Enums = [new EnumTypeModel("sev", ["low", "mid", "high"])] };
        foreach (var target in new SqlDialect[] { MySqlDialect.Instance, SqliteDialect.Instance })
        {
            var refused = Assert.Throws<NexuSqlRefusedException>(() => EnumColumns.Translate(schema, PostgreSqlDialect.Instance, target, []));
            Assert.Contains($"s2.v (check s2_v_check compares enum sev by its order, which {target.Engine.DisplayName()} would compare as text)", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Into_an_engine_without_them_they_are_named_and_not_carried()
    {
        var notes = new List<string>();
        var plain = new SchemaModel([new TableModel("t", [new("id", ColumnType.Parse("int32"), false)]) { PrimaryKey = new KeyModel("t_pkey", ["id"]) }])
        {
            Composites = [Pair], Collations = [Ci],
        };
        var prepared = CrossEngineSchema.Prepare(plain, NexuSqlEngine.PostgreSql, MySqlDialect.Instance, notes);
        Assert.Null(prepared.Composites);
        Assert.Null(prepared.Collations);
        Assert.Contains("composite type pair: MySQL/MariaDB has no composite types", notes);
        Assert.Contains(notes, n => n.StartsWith("collation ci: made with CREATE COLLATION", StringComparison.Ordinal));
    }
}
