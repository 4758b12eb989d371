using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// PostgreSQL partitioning, inheritance and UNLOGGED in the model: written by PostgreSQL's DDL with parents first and
/// nothing a parent makes declared twice, planned by the diff, and plain tables (named) for other engines.
/// </summary>
public class PartitioningTests
{
    private static readonly ColumnModel Id = new("id", ColumnType.Parse("int32"), false);
    private static readonly ColumnModel D = new("d", ColumnType.Parse("date"), false);

    // "a_2024" sorts before its parent "z_meas": created after it all the same
    private static readonly SchemaModel Schema = new([
        new TableModel("z_meas", [Id, D]) { PrimaryKey = new KeyModel("z_meas_pkey", ["id", "d"]), PartitionBy = "RANGE (d)",
            Indexes = [new IndexModel("z_meas_d", [new IndexColumn("d")])] },
        new TableModel("a_2024", [Id with { Inherited = true }, D with { Inherited = true, Default = "'2024-06-01'" }])
        {
            PrimaryKey = new KeyModel("a_2024_pkey", ["id", "d"]) { Inherited = true }, PartitionOf = "z_meas", PartitionBound = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            Indexes = [new IndexModel("a_2024_d_idx", [new IndexColumn("d")]) { Inherited = true }],
        },
        new TableModel("parent", [Id, new("a", ColumnType.Parse("int32"), false, "5")]) { Checks = [new CheckModel("parent_a_check", "a > 0")] },
        new TableModel("child", [Id with { Inherited = true }, new("a", ColumnType.Parse("int32"), false, "5") { Inherited = true }, new("b", ColumnType.Parse("text"))])
        {
            Inherits = ["parent"], Checks = [new CheckModel("parent_a_check", "a > 0") { Inherited = true }],
        },
        new TableModel("ul", [Id]) { Unlogged = true },
    ]);

    [Fact]
    public void Create_postgresql_writes_parents_first_and_nothing_a_parent_makes_twice()
    {
        var sql = SchemaScript.Create(Schema, PostgreSqlDialect.Instance);
        var partition = sql.Single(s => s.StartsWith("CREATE TABLE \"a_2024\"", StringComparison.Ordinal));
        Assert.Equal("CREATE TABLE \"a_2024\" PARTITION OF \"z_meas\" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", partition);
        Assert.True(sql.ToList().IndexOf(partition) > sql.ToList().FindIndex(s => s.StartsWith("CREATE TABLE \"z_meas\"", StringComparison.Ordinal)));
        Assert.EndsWith(") PARTITION BY RANGE (d)", sql.Single(s => s.StartsWith("CREATE TABLE \"z_meas\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        // the partition's own default, which its parent does not have
        Assert.Contains("ALTER TABLE \"a_2024\" ALTER COLUMN \"d\" SET DEFAULT '2024-06-01', ALTER COLUMN \"d\" SET NOT NULL", sql);
        var child = sql.Single(s => s.StartsWith("CREATE TABLE \"child\"", StringComparison.Ordinal));
        Assert.Equal("CREATE TABLE \"child\" (\n  \"b\" TEXT\n) INHERITS (\"parent\")", child);
        Assert.Contains("CREATE UNLOGGED TABLE \"ul\"", string.Join("\n", sql), StringComparison.Ordinal);
        Assert.Single(sql, s => s.StartsWith("CREATE INDEX", StringComparison.Ordinal));
        Assert.DoesNotContain(sql, s => s.Contains("a_2024_d_idx", StringComparison.Ordinal) || s.Contains("a_2024_pkey", StringComparison.Ordinal));
    }

    [Fact]
    public void SchemaModel_json_round_trips_the_fields_and_a_file_without_them_reads_as_plain_tables()
    {
        var json = Schema.ToJson();
        foreach (var field in new[] { "\"partitionBy\": \"RANGE (d)\"", "\"partitionOf\": \"z_meas\"", "\"partitionBound\": \"FOR VALUES", "\"inherits\": [", "\"unlogged\": true", "\"inherited\": true" })
            Assert.Contains(field, json, StringComparison.Ordinal);
        Assert.Equal(json, SchemaModel.FromJson(json).ToJson());
        var plain = SchemaModel.FromJson("""{"tables":[{"name":"t","columns":[{"name":"a","type":"int32"}]}]}""").Tables[0];
        Assert.Equal((null, null, null, null, false), (plain.PartitionBy, plain.PartitionOf, plain.PartitionBound, plain.Inherits, plain.Unlogged));
        Assert.DoesNotContain("partition", new SchemaModel([plain]).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_changed_bound_detaches_and_attaches_and_a_changed_key_or_parent_is_refused()
    {
        var d = PostgreSqlDialect.Instance;
        var moved = Schema with { Tables = [.. Schema.Tables.Select(t => t.Name == "a_2024" ? t with { PartitionBound = "FOR VALUES FROM ('2024-01-01') TO ('2026-01-01')" } : t)] };
        var plan = SchemaDiff.Plan(Schema, moved, d);
        var change = Assert.Single(plan.Changes);
        Assert.Equal(["ALTER TABLE \"z_meas\" DETACH PARTITION \"a_2024\"", "ALTER TABLE \"z_meas\" ATTACH PARTITION \"a_2024\" FOR VALUES FROM ('2024-01-01') TO ('2026-01-01')"], change.Sql);
        Assert.Empty(plan.Refused);
        // the same bound spelled with a cast and other spacing is no change
        Assert.Empty(SchemaDiff.Plan(Schema, Schema with { Tables = [.. Schema.Tables.Select(t => t.Name == "a_2024"
            ? t with { PartitionBound = "FOR VALUES FROM ('2024-01-01'::date)  TO ('2025-01-01')" } : t)] }, d).Changes);
        var logged = SchemaDiff.Plan(Schema, Schema with { Tables = [.. Schema.Tables.Select(t => t.Name == "ul" ? t with { Unlogged = false } : t)] }, d);
        Assert.Equal(["ALTER TABLE \"ul\" SET LOGGED"], Assert.Single(logged.Changes).Sql);
        var rekeyed = SchemaDiff.Plan(Schema, Schema with { Tables = [.. Schema.Tables.Select(t => t.Name switch
        {
            "z_meas" => t with { PartitionBy = "LIST (d)" },
            "child" => t with { Inherits = null },
            _ => t,
        })] }, d);
        Assert.Contains(rekeyed.Refused, r => r.Description.StartsWith("change the partitioning of z_meas: PARTITION BY RANGE (d) → PARTITION BY LIST (d)", StringComparison.Ordinal));
        Assert.Contains(rekeyed.Refused, r => r.Description.StartsWith("change what child inherits: (parent) → ()", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_from_empty_creates_partitions_after_their_parent_and_a_second_plan_is_empty()
    {
        var plan = SchemaDiff.Plan(new SchemaModel([]), Schema, PostgreSqlDialect.Instance);
        var names = plan.Changes.Select(c => c.Description).ToList();
        Assert.True(names.IndexOf("create partition a_2024 of z_meas (FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'))") > names.IndexOf("create table z_meas"), string.Join("\n", names));
        Assert.True(names.IndexOf("create table child") > names.IndexOf("create table parent"));
        Assert.Single(names, n => n.StartsWith("create index", StringComparison.Ordinal));
        Assert.Empty(SchemaDiff.Plan(Schema, Schema, PostgreSqlDialect.Instance).Changes);
    }

    [Theory]
    [InlineData("S")]
    [InlineData("M")]
    [InlineData("C")]
    public void Plan_for_an_engine_without_partitioning_refuses_it_by_name(string code)
    {
        var d = DialectCodes.Get(code[0]);
        Assert.False(d.SupportsPartitioning);
        var plan = SchemaDiff.Plan(new SchemaModel([]), Schema, d);
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("PARTITION BY RANGE (d) of table z_meas", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("PARTITION OF z_meas FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') of table a_2024", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, r => r.Description.StartsWith("INHERITS (parent) of table child", StringComparison.Ordinal));
        Assert.Throws<NotSupportedException>(() => SchemaScript.CreateTable(Schema.Tables[0], d, inlineForeignKeys: false));
    }
}
