using NexuSql.Backup;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>Functions, procedures, triggers and policies in the model, its JSON, and the plans (issue 12, items 12–13).</summary>
public class RoutineModelTests
{
    private static readonly TableModel Orders = new("orders", [new ColumnModel("id", ColumnType.Parse("int64"), false), new ColumnModel("user_id", ColumnType.Parse("int32"), false)])
    {
        PrimaryKey = new KeyModel(null, ["id"]),
    };

    private const string AuditFunction = "CREATE OR REPLACE FUNCTION public.audit_row()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ BEGIN RETURN NULL; END $function$";

    private static SchemaModel Live(string functionSql = AuditFunction, bool withTrigger = true, bool rls = true) => new([Orders with { RowLevelSecurity = rls, ForceRowLevelSecurity = rls }])
    {
        Routines = [new RoutineModel("audit_row", functionSql) { Arguments = "", Engine = NexuSqlEngine.PostgreSql }],
        Triggers = withTrigger ? [new TriggerModel("orders_audit", "orders", "CREATE TRIGGER orders_audit AFTER INSERT ON public.orders FOR EACH ROW EXECUTE FUNCTION audit_row()") { Engine = NexuSqlEngine.PostgreSql }] : null,
        Policies = [new PolicyModel("tenant_isolation", "orders", "CREATE POLICY \"tenant_isolation\" ON \"orders\" FOR ALL TO PUBLIC USING ((user_id = 1))") { Engine = NexuSqlEngine.PostgreSql }],
    };

    /// <summary>Break test 26 G9: a function of a table's row type was created before the tables (42704), and views using it failed.</summary>
    [Theory]
    [InlineData("CREATE OR REPLACE FUNCTION public.all_orders()\n RETURNS SETOF orders\n LANGUAGE sql\nAS $function$ select 1 $function$", true)]
    [InlineData("CREATE FUNCTION f(x orders, n int DEFAULT 3) RETURNS int LANGUAGE sql AS $$ select 1 $$", true)]
    [InlineData("CREATE FUNCTION f(xs public.orders[]) RETURNS int AS $$ select 1 $$ LANGUAGE sql", true)]
    [InlineData("CREATE FUNCTION f() RETURNS TABLE (o orders, k int) AS $$ select 1 $$ LANGUAGE sql", true)]
    [InlineData("CREATE FUNCTION f() RETURNS \"Items\" AS $$ select 1 $$ LANGUAGE sql", true)]
    [InlineData("CREATE FUNCTION f() RETURNS items AS $$ select 1 $$ LANGUAGE sql", false)]
    [InlineData("CREATE FUNCTION orders(orders int) RETURNS bigint AS $$ select count(*) from orders $$ LANGUAGE sql", false)]
    // a SQL-standard body is checked at creation: after the tables when it names one (bt49 M1: one that names none goes first)
    [InlineData("CREATE FUNCTION f() RETURNS bigint LANGUAGE sql RETURN (SELECT count(*) FROM orders)", true)]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1 FROM \"Items\"; END", true)]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN (SELECT 1)", false)]
    [InlineData("CREATE FUNCTION is_pos(n int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN n > 0", false)]
    public void A_postgresql_routine_of_a_table_row_type_is_created_after_the_tables(string sql, bool after)
    {
        var schema = new SchemaModel([Orders, new TableModel("Items", Orders.Columns)]);
        Assert.Equal(after, PostgreSqlDialect.Instance.RoutineNeedsTables(new RoutineModel("f", sql), schema));
        Assert.False(MySqlDialect.Instance.RoutineNeedsTables(new RoutineModel("f", sql), schema));
    }

    [Theory]
    [InlineData("CREATE  TRIGGER t\n  AFTER insert ON x;", "create trigger t after INSERT on x")]
    [InlineData("SELECT a , b FROM t -- note\n", "select a,b from t")]
    [InlineData("select /* c */ 1", "SELECT 1")]
    public void SqlText_Same_ignores_whitespace_case_and_comments_outside_quotes(string a, string b) => Assert.True(SqlText.Same(a, b));

    [Theory]
    [InlineData("SELECT 'Paid'", "SELECT 'paid'")]
    [InlineData("SELECT \"Total\" FROM t", "SELECT \"total\" FROM t")]
    [InlineData("SELECT a FROM t WHERE x = 'a  b'", "SELECT a FROM t WHERE x = 'a b'")]
    [InlineData("SELECT 1", "SELECT 2")]
    public void SqlText_Same_keeps_literals_and_quoted_identifiers_exact(string a, string b) => Assert.False(SqlText.Same(a, b));

    [Fact]
    public void Json_without_routines_is_read_and_written_as_before()
    {
        var old = """{"tables":[{"name":"t","columns":[{"name":"id","type":"int64","nullable":false}]}]}""";
        var model = SchemaModel.FromJson(old);
        Assert.Null(model.Routines);
        Assert.False(model.HasRoutines);
        var json = model.ToJson();
        Assert.DoesNotContain("routines", json, StringComparison.Ordinal);
        Assert.DoesNotContain("rowLevelSecurity", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_round_trip_keeps_routines_triggers_policies_and_row_level_security()
    {
        var json = Live().ToJson();
        Assert.Contains("\"engine\": \"PostgreSql\"", json, StringComparison.Ordinal);
        Assert.Contains("\"forceRowLevelSecurity\": true", json, StringComparison.Ordinal);
        var back = SchemaModel.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.True(SchemaDiff.Plan(Live(), back, PostgreSqlDialect.Instance).IsEmpty);
    }

    [Fact]
    public void Plan_from_empty_creates_routines_before_tables_and_triggers_policies_after()
    {
        var plan = SchemaDiff.Plan(new SchemaModel([]), Live(), PostgreSqlDialect.Instance);
        var order = plan.Changes.Select(c => c.Description).ToList();
        Assert.Empty(plan.Refused);
        Assert.Equal("create function audit_row()", order[0]);
        Assert.True(order.IndexOf("create table orders") > 0);
        Assert.True(order.IndexOf("create trigger orders_audit on orders") > order.IndexOf("create table orders"));
        Assert.Contains("enable and force row level security on orders", order);
        Assert.Contains("ALTER TABLE \"orders\" FORCE ROW LEVEL SECURITY", plan.Statements);
    }

    [Fact]
    public void Plan_replaces_a_changed_function_in_place_and_ignores_whitespace_and_case()
    {
        var changed = SchemaDiff.Plan(Live(), Live(AuditFunction.Replace("RETURN NULL", "RETURN NEW", StringComparison.Ordinal)), PostgreSqlDialect.Instance);
        var change = Assert.Single(changed.Changes);
        Assert.Equal("replace function audit_row() (its definition changed)", change.Description);
        Assert.DoesNotContain(change.Sql, s => s.StartsWith("DROP", StringComparison.Ordinal));
        Assert.True(SchemaDiff.Plan(Live(), Live(AuditFunction.Replace("BEGIN RETURN", "begin\n   return", StringComparison.Ordinal)), PostgreSqlDialect.Instance).IsEmpty);
    }

    [Fact]
    public void Plan_drops_a_trigger_only_with_allow_drop()
    {
        var refused = SchemaDiff.Plan(Live(), Live(withTrigger: false), PostgreSqlDialect.Instance);
        Assert.Empty(refused.Changes);
        Assert.StartsWith("drop trigger orders_audit on orders", Assert.Single(refused.Refused).Description, StringComparison.Ordinal);
        var allowed = SchemaDiff.Plan(Live(), Live(withTrigger: false), PostgreSqlDialect.Instance, allowDrop: true);
        Assert.Equal("DROP TRIGGER \"orders_audit\" ON \"orders\"", Assert.Single(allowed.Statements));
    }

    [Fact]
    public void Hand_written_definitions_match_by_name_only()
    {
        var file = Live() with { Routines = [new RoutineModel("audit_row", "CREATE FUNCTION audit_row() RETURNS trigger AS $$ BEGIN RETURN NULL; END $$ LANGUAGE plpgsql")] };
        Assert.True(SchemaDiff.Plan(Live(), file, PostgreSqlDialect.Instance).IsEmpty);
    }

    [Theory]
    [InlineData('M')]
    [InlineData('S')]
    public void Plan_for_another_engine_refuses_them_by_name_with_the_reason(char code)
    {
        var d = DialectCodes.Get(code);
        var plan = SchemaDiff.Plan(new SchemaModel([]), Live(), d);
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("create function audit_row() (PostgreSQL SQL", StringComparison.Ordinal)
            || r.Description.StartsWith("create function audit_row() (" + d.Engine.DisplayName() + " has no function", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("create trigger orders_audit on orders (PostgreSQL SQL", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("create policy tenant_isolation on orders (", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("enable and force row level security on orders (", StringComparison.Ordinal));
        Assert.Contains(plan.Changes, c => c.Description == "create table orders");
    }

    [Fact]
    public void Drop_sql_is_each_engines_own()
    {
        var f = new RoutineModel("add", "") { Arguments = "integer, integer" };
        Assert.Equal("DROP FUNCTION \"add\"(integer, integer)", PostgreSqlDialect.Instance.DropRoutineSql(f));
        Assert.Equal("DROP PROCEDURE `add`", MySqlDialect.Instance.DropRoutineSql(f with { Kind = "procedure", Arguments = null }));
        Assert.Equal("DROP TRIGGER \"t\"", SqliteDialect.Instance.DropTriggerSql(new TriggerModel("t", "x", "")));
        Assert.False(CockroachDbDialect.Instance.Routines.Triggers);
        Assert.Throws<NotSupportedException>(() => MySqlDialect.Instance.RowLevelSecuritySql("t", true, false));
    }

    [Fact]
    public void Backup_format_7_is_written_and_format_2_is_read_with_a_note_about_what_it_lacks()
    {
        Assert.Equal(20, BackupManifest.CurrentFormatVersion);
        var manifest = new BackupManifest { FormatVersion = 2, Migrations = [new BackupMigration(null, "triggers", "SQL", 1, true)] };
        Assert.Contains("format 2", Assert.Single(RoutineTransfer.Warnings(manifest, [], PostgreSqlDialect.Instance)), StringComparison.Ordinal);
        Assert.Empty(RoutineTransfer.Warnings(manifest with { FormatVersion = 3 }, [], PostgreSqlDialect.Instance));
        Assert.Contains("migration history", Assert.Single(RoutineTransfer.Warnings(manifest with { FormatVersion = 3 }, ["trigger x on t: ..."], MySqlDialect.Instance)), StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_table_rebuild_recreates_the_tables_triggers_after_it()
    {
        SchemaModel Pets(string type) => new([new TableModel("pets", [new ColumnModel("id", ColumnType.Parse("int64"), false), new ColumnModel("name", ColumnType.Parse(type))])
        {
            PrimaryKey = new KeyModel(null, ["id"]),
        }])
        {
            Triggers = [new TriggerModel("pets_t", "pets", "CREATE TRIGGER pets_t AFTER INSERT ON pets BEGIN SELECT 1; END") { Engine = NexuSqlEngine.Sqlite }],
        };
        var plan = SchemaDiff.Plan(Pets("string(20)"), Pets("string(200)"), SqliteDialect.Instance);
        var descriptions = plan.Changes.Select(c => c.Description).ToList();
        Assert.StartsWith("rebuild table pets", descriptions[0], StringComparison.Ordinal);
        Assert.Equal("recreate trigger pets_t on pets (its table was rebuilt)", descriptions[1]);
        Assert.True(SchemaDiff.Plan(Pets("string(20)"), Pets("string(20)"), SqliteDialect.Instance).IsEmpty);
    }

    [Fact]
    public void A_plan_for_another_engine_refuses_defaults_and_checks_calling_the_sources_functions_by_name()
    {
        var tickets = new TableModel("tickets", [new ColumnModel("id", new ColumnType(PortableType.Int32), false), new ColumnModel("code", new ColumnType(PortableType.Text), Default: "next_code()")])
        {
            Checks = [new CheckModel("id_valid", "is_valid(id)")],
        };
        var schema = new SchemaModel([tickets])
        {
            Routines = [new RoutineModel("next_code", "CREATE FUNCTION next_code() ...") { Engine = NexuSqlEngine.PostgreSql },
                        new RoutineModel("is_valid", "CREATE FUNCTION is_valid(x int) ...") { Engine = NexuSqlEngine.PostgreSql }],
        };
        var refused = SchemaDiff.Plan(new SchemaModel([]), schema, MySqlDialect.Instance).Refused.Select(c => c.Description).ToList();
        Assert.Contains(refused, r => r.StartsWith("column tickets.code (default next_code() calls function next_code()) (the function is not created on MySQL/MariaDB", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.StartsWith("check id_valid on tickets (calls function is_valid())", StringComparison.Ordinal));
        Assert.DoesNotContain(SchemaDiff.Plan(new SchemaModel([]), schema, PostgreSqlDialect.Instance).Refused, c => c.Description.StartsWith("column ", StringComparison.Ordinal));
    }
}
