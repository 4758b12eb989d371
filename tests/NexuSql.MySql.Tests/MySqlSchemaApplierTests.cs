using NexuSql.Schema;

namespace NexuSql.MySql.Tests;

/// <summary>Issue 15: <c>schema apply</c> as a library call on an engine whose DDL commits statement by statement.</summary>
public sealed class MySqlSchemaApplierTests(MySqlFixture fixture) : IClassFixture<MySqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_that_fails_half_way_says_how_many_changes_were_made_before_it()
    {
        await using var scratch = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var db = scratch.Database;
        var name = db.Url!.Database!;
        await MySqlClient.QueryAsync(name, "CREATE TABLE t (id INT PRIMARY KEY, x INT NOT NULL); INSERT INTO t VALUES (1, 5), (2, 5)");
        var desired = SchemaModel.FromJson("""
            {"tables":[
              {"name":"t","columns":[{"name":"id","type":"int32","nullable":false},{"name":"x","type":"int32","nullable":false}],
               "primaryKey":{"columns":["id"]},"indexes":[{"name":"t_x","columns":[{"name":"x"}],"unique":true}]},
              {"name":"a_new","columns":[{"name":"id","type":"int32","nullable":false}],"primaryKey":{"columns":["id"]}}]}
            """);
        var plan = await SchemaApplier.PlanAsync(db, desired, cancellationToken: Ct);
        Assert.Equal(2, plan.Changes.Count);
        Assert.Empty(plan.Refused);

        var e = await Assert.ThrowsAnyAsync<NexuSqlException>(() => SchemaApplier.ApplyAsync(db, plan, Ct));
        Assert.Contains("1 of 2 change(s) were applied", e.Message, StringComparison.Ordinal);
        Assert.Contains("Duplicate", e.Message, StringComparison.OrdinalIgnoreCase);
        // the first change is there, the failed one is not (read with the server's own client)
        Assert.Equal("a_new\nt", (await MySqlClient.QueryAsync(name, "SHOW TABLES")).Trim());
        Assert.Equal("", (await MySqlClient.QueryAsync(name, "SHOW INDEX FROM t WHERE Key_name = 't_x'")).Trim());

        // plan again: only the index is left
        await MySqlClient.QueryAsync(name, "UPDATE t SET x = 6 WHERE id = 2");
        var rest = await SchemaApplier.PlanAsync(db, desired, cancellationToken: Ct);
        Assert.Contains("t_x", Assert.Single(rest.Changes).Description, StringComparison.Ordinal);
        await SchemaApplier.ApplyAsync(db, rest, Ct);
        Assert.True((await SchemaApplier.PlanAsync(db, desired, cancellationToken: Ct)).IsEmpty);
        Assert.Contains("t_x", await MySqlClient.QueryAsync(name, "SHOW INDEX FROM t WHERE Key_name = 't_x'"), StringComparison.Ordinal);
    }
}
