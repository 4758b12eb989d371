using NexuSql.Dialects;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// A model read from an engine (<see cref="SchemaModel.Engine"/>) says how every column is declared there: a column
/// changed to another spelling of the same portable type (MariaDB MEDIUMINT → INT, both int32) is a difference when
/// both sides were read from that engine, and none against a hand-written file, which says nothing of spellings.
/// </summary>
public class EngineSpellingTests
{
    private static SchemaModel Table(EngineColumnType? engineType, NexuSqlEngine? engine) =>
        new([new TableModel("t", [new("id", ColumnType.Parse("int32"), false), new("n", ColumnType.Parse("int32")) { EngineType = engineType }])
            { PrimaryKey = new KeyModel("PRIMARY", ["id"]) }]) { Engine = engine };

    [Fact]
    public void Mediumint_to_int_is_a_difference_between_two_reads_and_none_against_a_portable_file()
    {
        var d = MySqlDialect.Instance;
        var mediumint = new EngineColumnType(NexuSqlEngine.MySql, "mediumint(9)");
        var live = Table(null, NexuSqlEngine.MySql); // INT: the engine's own spelling of int32, so no engine type
        var plan = SchemaDiff.Plan(live, Table(mediumint, NexuSqlEngine.MySql), d);
        var change = Assert.Single(plan.Changes);
        Assert.StartsWith("change column t.n: int32 → int32 (mysql:mediumint(9))", change.Description, StringComparison.Ordinal);
        Assert.Contains("MODIFY COLUMN `n` mediumint(9)", string.Join(";", change.Sql), StringComparison.Ordinal);
        Assert.True(SchemaDiff.Plan(Table(mediumint, NexuSqlEngine.MySql), live, d).Changes.Count == 1);
        // a hand-written file (no engine): its int32 is any spelling
        Assert.True(SchemaDiff.Plan(Table(mediumint, NexuSqlEngine.MySql), Table(null, null), d).IsEmpty);
        // read from another engine: its spellings do not apply here
        Assert.True(SchemaDiff.Plan(live, Table(null, NexuSqlEngine.PostgreSql), d).IsEmpty);
        // the engine is carried by the schema file (schema dump)
        Assert.Equal(NexuSqlEngine.MySql, SchemaModel.FromJson(live.ToJson()).Engine);
    }
}
