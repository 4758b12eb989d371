using NexuSql.Examples;

namespace NexuSql.Sqlite.Tests;

public sealed class QuickStartExampleTests
{
    [Fact]
    public async Task QuickStart_example_runs_and_prints_what_the_docs_promise()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nexusql-quickstart-{Guid.NewGuid():N}.db");
        try
        {
            var output = await QuickStart.RunAsync("sqlite:///" + path, TestContext.Current.CancellationToken);
            Assert.Equal(
                [
                    "users: ann@example.com, bob@example.com",
                    "user 2: bob",
                    "updated: 2",
                    "ann@example.com admin=True",
                    "bob@example.com admin=False",
                    "cy@example.com admin=True",
                    "duplicate refused (Sqlite code 2067)",
                    "count: 2",
                ],
                output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
