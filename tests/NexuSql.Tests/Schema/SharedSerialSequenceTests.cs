using NexuSql.Backup;
using NexuSql.Schema;

namespace NexuSql.Tests.Schema;

/// <summary>
/// A column whose default draws from another table's serial sequence (PostgreSQL <c>lid int DEFAULT nextval('log_id_seq')</c>,
/// log.id a serial): its table is created after the sequence's, and <c>--tables</c> leaving the owner out drops that
/// default by name (break test 24 B10).
/// </summary>
public class SharedSerialSequenceTests
{
    private static readonly TableModel Log = new("log", [new ColumnModel("id", ColumnType.Parse("int32"), false, null, true), new ColumnModel("msg", ColumnType.Parse("text"), true)]);

    // "a" sorts before "log": created after it all the same
    private static readonly TableModel A = new("a", [new ColumnModel("id", ColumnType.Parse("int32"), false), new ColumnModel("lid", ColumnType.Parse("int32"), true, "nextval('public.log_id_seq'::regclass)")]);

    [Fact]
    public void InCreationOrder_table_drawing_from_another_tables_serial_sequence_comes_after_it()
    {
        Assert.Equal(["log", "a"], SchemaScript.InCreationOrder([A, Log]).Select(t => t.Name));
        Assert.Equal(["log", "a"], SchemaScript.InCreationOrder([Log, A]).Select(t => t.Name));
        // a default of a sequence of another name is no dependency
        var other = A with { Columns = [A.Columns[0], A.Columns[1] with { Default = "nextval('gs'::regclass)" }] };
        Assert.Equal(["a", "log"], SchemaScript.InCreationOrder([other, Log]).Select(t => t.Name));
    }

    [Fact]
    public void Select_tables_leaving_the_sequences_table_out_drops_the_default_and_names_it()
    {
        var only = BackupCreator.Select(new SchemaModel([A, Log]), ["a"]);
        Assert.Null(Assert.Single(only.Tables).Columns[1].Default);
        Assert.Contains(only.LeftOut, l => l.Contains("of column a.lid (the sequence of log, which --tables leaves out", StringComparison.Ordinal));
        Assert.Equal("nextval('public.log_id_seq'::regclass)", BackupCreator.Select(new SchemaModel([A, Log]), ["a", "log"]).Table(null, "a")!.Columns[1].Default);
        // present in the target already (a replace that keeps log): the default stays
        Assert.NotNull(BackupCreator.Select(new SchemaModel([A, Log]), ["a"], t => t == "log").Tables[0].Columns[1].Default);
    }
}
