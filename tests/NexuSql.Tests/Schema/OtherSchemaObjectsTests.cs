using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// Issue 12 item 7: enum types, domains, sequences, routines, triggers and policies of a PostgreSQL schema other than
/// the current one are written schema-qualified after their schema is created, matched by schema and name, kept or
/// left out with their schema, and a default drawing from a sequence is an identity on another engine.
/// </summary>
public class OtherSchemaObjectsTests
{
    private static readonly SchemaModel Model = new([
        new TableModel("t", [
            new ColumnModel("id", ColumnType.Parse("int32"), false, "nextval('app.ticket_seq'::regclass)"),
            new ColumnModel("m", ColumnType.Parse("native:app.mood")),
            new ColumnModel("p", ColumnType.Parse("int32")) { EngineType = new EngineColumnType(NexuSqlEngine.PostgreSql, "app.posint") },
        ]) { Schema = "app", PrimaryKey = new KeyModel("t_pkey", ["id"]), RowLevelSecurity = true },
    ])
    {
        Enums = [new EnumTypeModel("mood", ["sad", "ok"]) { Schema = "app" }],
        Domains = [new DomainModel("posint", "integer") { Schema = "app", Checks = [new CheckModel("posint_check", "(VALUE > 0)")] }],
        Sequences = [new SequenceModel("ticket_seq", 500) { Schema = "app" }],
        Routines = [new RoutineModel("touch", "CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$")
            { Schema = "app", Arguments = "", Engine = NexuSqlEngine.PostgreSql }],
        Triggers = [new TriggerModel("t_touch", "t", "CREATE TRIGGER t_touch BEFORE UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION app.touch()")
            { Schema = "app", Engine = NexuSqlEngine.PostgreSql }],
        Policies = [new PolicyModel("p1", "t", "CREATE POLICY p1 ON app.t USING (p > 0)") { Schema = "app", Engine = NexuSqlEngine.PostgreSql }],
        CurrentSchema = "public",
    };

    [Fact]
    public void Create_postgresql_makes_the_schema_before_its_types_and_sequence_and_names_them_with_it()
    {
        var sql = SchemaScript.Create(Model, PostgreSqlDialect.Instance);
        Assert.Equal("CREATE SCHEMA IF NOT EXISTS \"app\"", sql[0]);
        Assert.Equal("CREATE TYPE \"app\".\"mood\" AS ENUM ('sad', 'ok')", sql[1]);
        Assert.StartsWith("CREATE DOMAIN \"app\".\"posint\" AS integer", sql[2], StringComparison.Ordinal);
        Assert.Equal("CREATE SEQUENCE \"app\".\"ticket_seq\" START WITH 500 INCREMENT BY 1", sql[3]);
    }

    [Fact]
    public void Drop_statements_name_the_schema()
    {
        var d = PostgreSqlDialect.Instance;
        Assert.Equal("DROP FUNCTION \"app\".\"touch\"()", d.DropRoutineSql(Model.Routines![0]));
        Assert.Equal("DROP TRIGGER \"t_touch\" ON \"app\".\"t\"", d.DropTriggerSql(Model.Triggers![0]));
        Assert.Equal("DROP POLICY \"p1\" ON \"app\".\"t\"", d.DropPolicySql(Model.Policies![0]));
        Assert.Equal("ALTER TABLE \"app\".\"t\" ENABLE ROW LEVEL SECURITY", d.RowLevelSecuritySql("t", true, false, "app")[0]);
        Assert.Equal("SELECT setval('\"app\".\"ticket_seq\"', GREATEST(LEAST(501, seqmax), seqmin), 501 NOT BETWEEN seqmin AND seqmax) FROM pg_sequence WHERE seqrelid = '\"app\".\"ticket_seq\"'::regclass",
            d.SetSequenceNextValueSql("ticket_seq", 501, "app"));
        Assert.Contains("DROP SEQUENCE \"app\".\"ticket_seq\"", SchemaReset.DropAllSql(Model, d));
        Assert.Contains("DROP TYPE \"app\".\"mood\"", SchemaReset.DropAllSql(Model, d));
    }

    [Fact]
    public void A_plan_against_itself_is_empty_and_a_trigger_of_the_same_name_in_another_schema_is_another_trigger()
    {
        Assert.Empty(SchemaDiff.Plan(Model, Model, PostgreSqlDialect.Instance, allowDrop: true).Changes);
        var elsewhere = Model with { Triggers = [Model.Triggers![0] with { Schema = null }] };
        var plan = SchemaDiff.Plan(Model, elsewhere, PostgreSqlDialect.Instance, allowDrop: true);
        Assert.Contains(plan.Changes, c => c.Description == "drop trigger t_touch on app.t");
        // the current schema has no table t: that trigger is refused by name, never put onto app.t
        Assert.Contains(plan.Refused, c => c.Description.StartsWith("create trigger t_touch on t", StringComparison.Ordinal) && c.Description.Contains("no table or view t", StringComparison.Ordinal));
    }

    [Fact]
    public void InCurrentSchema_leaves_another_schemas_objects_out_by_name()
    {
        var current = Model.InCurrentSchema("public");
        Assert.Null(current.Enums);
        Assert.Null(current.Domains);
        Assert.Empty(current.Sequences);
        Assert.Null(current.Routines);
        Assert.Null(current.Triggers);
        Assert.Null(current.Policies);
        Assert.Contains("enum type app.mood (outside the current schema, public)", current.LeftOut);
        Assert.Contains("sequence app.ticket_seq (outside the current schema, public)", current.LeftOut);
        Assert.Contains("function app.touch() (outside the current schema, public)", current.LeftOut);
    }

    [Fact]
    public void A_file_naming_no_other_schema_plans_no_drop_of_its_objects()
    {
        var file = new SchemaModel([]);
        var live = Model.WithinSchemasOf(file);
        Assert.Empty(SchemaDiff.Plan(live, file, PostgreSqlDialect.Instance, allowDrop: true).Changes);
    }

    [Fact]
    public void A_default_drawing_from_a_sequence_is_an_identity_on_another_engine()
    {
        Assert.Equal("app.ticket_seq", PostgreSqlDialect.Instance.SequenceOfDefault("nextval('app.ticket_seq'::regclass)"));
        Assert.Null(PostgreSqlDialect.Instance.SequenceOfDefault("now()"));
        var notes = new List<string>();
        var mine = new SchemaModel([new TableModel("u", [new ColumnModel("id", ColumnType.Parse("int64"), false, "nextval('codes'::regclass)")])
            { PrimaryKey = new KeyModel("u_pkey", ["id"]) }]) { Sequences = [new SequenceModel("codes")] };
        var sqlite = CrossEngineSchema.Prepare(mine, NexuSqlEngine.PostgreSql, SqliteDialect.Instance, notes);
        Assert.True(sqlite.Tables[0].Columns[0].Identity);
        Assert.Null(sqlite.Tables[0].Columns[0].Default);
    }
}
