using NexuSql.Examples;

namespace NexuSql.Sqlite.Tests;

public sealed class BackupAndCopyExampleTests
{
    [Fact]
    public async Task BackupAndCopy_example_runs_and_prints_what_the_docs_promise()
    {
        var dir = Directory.CreateTempSubdirectory("nexusql-example-").FullName;
        try
        {
            string Url(string name) => "sqlite:///" + Path.Combine(dir, name);
            var output = await BackupAndCopy.RunAsync(Url("source.db"), Url("restored.db"), Url("copy.db"), Path.Combine(dir, "source.nxb"), TestContext.Current.CancellationToken);
            Assert.Equal(
                [
                    "backup: 1 table(s), 2 row(s)",
                    "restored: 2 row(s)",
                    "copied: 2 row(s)",
                    "differences: 0",
                    "difference: accounts id=2 row differs in balance",
                ],
                output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
