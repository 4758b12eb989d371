using NexuSql.Specification;
using NexuSql.Schema;

namespace NexuSql.Sqlite.Tests;

/// <summary>Issue 15: <c>schema apply</c> as a library call: plan, refuse destructive changes unless allowed, apply in one transaction.</summary>
public sealed class SchemaApplierTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("nexusql-apply-").FullName, "app.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
    }

    private Task<string> Sqlite3(string sql) => EngineClient.RunAsync("sqlite:///" + _file, sql);

    [Fact]
    public async Task A_plan_is_applied_whole_and_a_drop_is_refused_until_allowed()
    {
        await Sqlite3("CREATE TABLE old (id INTEGER PRIMARY KEY); CREATE TABLE nexusql_schema_history (x INTEGER);");
        await using var db = NexuSqlDatabase.Open("sqlite:///" + _file);
        var desired = SchemaModel.FromJson("""
            {"tables":[{"name":"orders","columns":[{"name":"id","type":"int64","nullable":false},{"name":"note","type":"text"}],
                        "primaryKey":{"columns":["id"]}}]}
            """);

        var plan = await SchemaApplier.PlanAsync(db, desired, cancellationToken: Ct);
        Assert.Contains(plan.Refused, c => c.Description.Contains("old", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Changes.Concat(plan.Refused), c => c.Description.Contains("nexusql_schema_history", StringComparison.Ordinal));
        var refused = await Assert.ThrowsAsync<NexuSqlRefusedException>(() => SchemaApplier.ApplyAsync(db, plan, Ct));
        Assert.Contains("Nothing was applied", refused.Message, StringComparison.Ordinal);
        Assert.Equal("nexusql_schema_history\nold", await Sqlite3("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));

        var allowed = await SchemaApplier.PlanAsync(db, desired, allowDrop: true, Ct);
        Assert.Empty(allowed.Refused);
        await SchemaApplier.ApplyAsync(db, allowed, Ct);
        Assert.Equal("nexusql_schema_history\norders", await Sqlite3("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
        Assert.True((await SchemaApplier.PlanAsync(db, desired, cancellationToken: Ct)).IsEmpty);
    }
}
