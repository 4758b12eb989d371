namespace NexuSql.Cli.Tests;

/// <summary>Issue 12: schema apply converges — the second apply of a file is a no-op and diff exits 0.</summary>
public sealed class SchemaConvergenceCliTests : IDisposable
{
    private readonly LiveDatabases _live = new("converge");

    public void Dispose() => _live.Dispose();

    private const string Orders = """
        {"tables":[{"name":"orders","columns":[
          {"name":"id","type":"int64","nullable":false},
          {"name":"qty","type":"int32","nullable":false,"default":"-1"},
          {"name":"paid","type":"boolean","nullable":false,"default":"false"},
          {"name":"amount","type":"decimal(10,2)","nullable":false,"default":"-0.50"},
          {"name":"memo","type":"string(20)","default":"NULL"}],
          "primaryKey":{"columns":["id"]},"checks":[{"expression":"qty >= -1"}]}]}
        """;

    public static TheoryData<string> Engines => ["postgresql", "mysql", "sqlite"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Schema_apply_twice_of_the_orders_file_makes_the_second_a_no_op_and_diff_exits_0(string engine)
    {
        try
        {
            var url = await _live.NewAsync(engine);
            var file = _live.File("orders.json");
            await System.IO.File.WriteAllTextAsync(file, Orders, TestContext.Current.CancellationToken);
            var first = await CliRunner.RunAsync("--url", url, "schema", "apply", file);
            Assert.True(first.ExitCode == 0, first.All);
            var second = await CliRunner.RunAsync("--url", url, "schema", "apply", file, "--allow-drop", "--yes");
            Assert.True(second.ExitCode == 0 && second.All.Contains("No differences", StringComparison.Ordinal), second.All);
            var diff = await CliRunner.RunAsync("schema", "diff", "--from", url, "--to", file);
            Assert.True(diff.ExitCode == 0, diff.All);
            // the dump holds no engine cast or engine-chosen name (memo's DEFAULT NULL is no default at all)
            var dump = await CliRunner.RunAsync("--url", url, "schema", "dump");
            Assert.DoesNotContain("character varying", dump.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("CONSTRAINT_1", dump.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("NULL", dump.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await _live.CleanupAsync();
        }
    }
}
