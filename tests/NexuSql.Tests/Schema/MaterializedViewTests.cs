using NexuSql.Backup;
using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// PostgreSQL materialized views in the model (break test M13): the flag, <c>WITH NO DATA</c> and their indexes travel
/// through the schema file; they are created after the views they read and before the views that read them, dropped with
/// DROP MATERIALIZED VIEW; a plan recreates a changed one (and the views that read it), adds and drops its indexes, and
/// refuses one on an engine without them; a file without the flag (an older backup) reads as plain views.
/// </summary>
public class MaterializedViewTests
{
    private static readonly ColumnModel Id = new("id", ColumnType.Parse("int32"), false);

    private static readonly ViewModel Mv = new("mv", "SELECT id FROM t;")
    {
        Materialized = true, Indexes = [new IndexModel("mv_id", [new IndexColumn("id")], Unique: true)],
    };

    private static SchemaModel With(params ViewModel[] views) =>
        new([new TableModel("t", [Id]) { PrimaryKey = new KeyModel("t_pkey", ["id"]) }]) { Views = views };

    [Fact]
    public void Create_postgresql_creates_a_materialized_view_with_data_and_its_indexes_after_the_view_it_reads()
    {
        var sql = SchemaScript.Create(With(new ViewModel("over", "SELECT id FROM mv"), Mv with { Sql = "SELECT id FROM base_v" }, new ViewModel("base_v", "SELECT id FROM t")),
            PostgreSqlDialect.Instance);
        Assert.Equal([
            "CREATE VIEW \"base_v\" AS SELECT id FROM t",
            "CREATE MATERIALIZED VIEW \"mv\" AS SELECT id FROM base_v WITH DATA",
            "CREATE UNIQUE INDEX \"mv_id\" ON \"mv\" (\"id\")",
            "CREATE VIEW \"over\" AS SELECT id FROM mv",
        ], sql.TakeLast(4));
    }

    [Fact]
    public void CreateView_unpopulated_and_in_another_schema_is_written_with_no_data_and_qualified()
    {
        Assert.Equal("CREATE MATERIALIZED VIEW \"rep\".\"mv\" AS SELECT id FROM t WITH NO DATA",
            SchemaScript.CreateView(Mv with { WithNoData = true, Schema = "rep" }, PostgreSqlDialect.Instance));
        Assert.Equal("DROP MATERIALIZED VIEW \"rep\".\"mv\"", SchemaScript.DropView(Mv with { Schema = "rep" }, PostgreSqlDialect.Instance));
        Assert.Equal("DROP VIEW \"v\"", SchemaScript.DropView(new ViewModel("v", "SELECT 1"), PostgreSqlDialect.Instance));
    }

    [Fact]
    public void CreateView_on_an_engine_without_materialized_views_is_refused_by_name()
    {
        Assert.True(PostgreSqlDialect.Instance.SupportsMaterializedViews);
        var e = Assert.Throws<NotSupportedException>(() => SchemaScript.CreateView(Mv, SqliteDialect.Instance));
        Assert.Contains("materialized view mv", e.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => SchemaScript.CreateView(Mv, MySqlDialect.Instance));
    }

    [Fact]
    public void Json_round_trip_keeps_flag_no_data_and_indexes_and_leaves_them_out_of_plain_views()
    {
        var model = With(Mv with { WithNoData = true }, new ViewModel("v", "SELECT id FROM t"));
        var json = model.ToJson();
        Assert.Contains("\"materialized\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"withNoData\": true", json, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "\"materialized\""));
        var read = SchemaModel.FromJson(json);
        Assert.Equal(json, read.ToJson());
        var mv = read.Views.Single(v => v.Name == "mv");
        Assert.True(mv.Materialized && mv.WithNoData);
        Assert.Equal("mv_id", Assert.Single(mv.Indexes!).Name);
        Assert.True(SchemaDiff.Plan(read, model, PostgreSqlDialect.Instance, compareViewText: true).IsEmpty);
    }

    [Fact]
    public void FromJson_without_the_flag_reads_a_plain_view_and_refuses_indexes_on_one()
    {
        var old = SchemaModel.FromJson("""{"tables":[],"views":[{"name":"v","sql":"SELECT 1"}]}""");
        Assert.False(old.Views[0].Materialized);
        Assert.Null(old.Views[0].Indexes);
        var e = Assert.Throws<FormatException>(() => SchemaModel.FromJson(
            """{"tables":[],"views":[{"name":"v","sql":"SELECT 1","indexes":[{"name":"i","columns":[{"name":"a"}]}]}]}"""));
        Assert.Contains("only a materialized view", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_carries_the_flag_and_a_format_12_file_reads_its_views_as_plain_ones()
    {
        var json = new BackupManifest { Schema = With(Mv with { WithNoData = true }) }.ToJson();
        var read = BackupManifest.FromJson(json, "x");
        Assert.True(read.FormatVersion >= 13, $"format {read.FormatVersion}");
        var mv = Assert.Single(read.Schema.Views);
        Assert.True(mv.Materialized && mv.WithNoData);
        Assert.Equal("mv_id", Assert.Single(mv.Indexes!).Name);

        var old = BackupManifest.FromJson("""{"format":"nexusql-backup","formatVersion":12,"hashAlgorithm":"HASH","schema":{"tables":[],"views":[{"name":"v","sql":"SELECT 1"}]}}"""
            .Replace("HASH", NexuSql.Data.TableHasher.Algorithm, StringComparison.Ordinal), "old");
        Assert.False(Assert.Single(old.Schema.Views).Materialized);
    }

    [Fact]
    public void Plan_creates_a_missing_materialized_view_and_is_empty_once_it_exists_whether_populated_or_not()
    {
        var plan = SchemaDiff.Plan(With(), With(Mv), PostgreSqlDialect.Instance);
        var change = Assert.Single(plan.Changes);
        Assert.Equal("create materialized view mv", change.Description);
        Assert.Equal(["CREATE MATERIALIZED VIEW \"mv\" AS SELECT id FROM t WITH DATA", "CREATE UNIQUE INDEX \"mv_id\" ON \"mv\" (\"id\")"], change.Sql);
        // WITH NO DATA or refreshed since: its state, not its definition
        Assert.True(SchemaDiff.Plan(With(Mv with { WithNoData = true }), With(Mv), PostgreSqlDialect.Instance, compareViewText: true).IsEmpty);
    }

    [Fact]
    public void Plan_turns_a_plain_view_into_a_materialized_one_by_drop_and_create()
    {
        var plan = SchemaDiff.Plan(With(new ViewModel("mv", "SELECT id FROM t")), With(Mv), PostgreSqlDialect.Instance);
        Assert.Equal(["drop view (to replace) mv", "create materialized view mv"], plan.Changes.Select(c => c.Description));
        Assert.Equal("DROP VIEW \"mv\"", plan.Changes[0].Sql.Single());
        Assert.All(plan.Changes, c => Assert.False(c.Destructive));

        var back = SchemaDiff.Plan(With(Mv), With(new ViewModel("mv", "SELECT id FROM t")), PostgreSqlDialect.Instance);
        Assert.Equal(["drop materialized view (to replace) mv", "create view mv"], back.Changes.Select(c => c.Description));
        Assert.Equal("DROP MATERIALIZED VIEW \"mv\"", back.Changes[0].Sql.Single());
    }

    [Fact]
    public void Plan_recreates_a_changed_materialized_view_with_the_views_that_read_it()
    {
        var over = new ViewModel("over_mv", "SELECT id FROM mv") { Engine = NexuSqlEngine.PostgreSql };
        var other = new ViewModel("mvx", "SELECT 1") { Engine = NexuSqlEngine.PostgreSql };
        var live = Mv with { Engine = NexuSqlEngine.PostgreSql };
        var plan = SchemaDiff.Plan(With(live, over, other), With(live with { Sql = "SELECT id FROM t WHERE id > 1" }, over, other), PostgreSqlDialect.Instance);
        Assert.Equal(["drop view (to replace) over_mv", "drop materialized view (to replace) mv", "create materialized view mv", "create view over_mv"],
            plan.Changes.Select(c => c.Description));
    }

    [Fact]
    public void Plan_adds_and_drops_the_indexes_of_a_materialized_view_that_stays()
    {
        var wanted = Mv with { Indexes = [new IndexModel("mv_id2", [new IndexColumn("id", Descending: true)])] };
        var plan = SchemaDiff.Plan(With(Mv), With(wanted), PostgreSqlDialect.Instance, allowDrop: true);
        Assert.Equal(["drop index mv_id on mv", "create index mv_id2 on mv"], plan.Changes.Select(c => c.Description));
        Assert.Equal(["DROP INDEX \"mv_id\"", "CREATE INDEX \"mv_id2\" ON \"mv\" (\"id\" DESC)"], plan.Changes.SelectMany(c => c.Sql));
        Assert.True(plan.Changes[0].Destructive);
    }

    [Fact]
    public void Plan_on_an_engine_without_materialized_views_refuses_them_by_name()
    {
        var plan = SchemaDiff.Plan(With(), With(Mv), SqliteDialect.Instance);
        Assert.DoesNotContain(plan.Changes, c => c.Description.Contains("mv", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("create materialized view mv", StringComparison.Ordinal));
    }

    [Fact]
    public void DropAllSql_drops_a_materialized_view_as_one_with_what_reads_it()
    {
        var sql = SchemaReset.DropAllSql(With(Mv, new ViewModel("over", "SELECT id FROM mv")), PostgreSqlDialect.Instance);
        Assert.Equal(["DROP VIEW IF EXISTS \"over\" CASCADE", "DROP MATERIALIZED VIEW IF EXISTS \"mv\" CASCADE"], sql.Take(2));
    }
}
