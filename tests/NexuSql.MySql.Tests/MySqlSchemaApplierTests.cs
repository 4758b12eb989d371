using NexuSql.Schema;

namespace NexuSql.MySql.Tests;

/// <summary>Issue 15: <c>schema apply</c> as a library call on an engine whose DDL commits statement by statement.</summary>
public sealed class MySqlSchemaApplierTests(MySqlFixture fixture) : IClassFixture<MySqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <remarks>
    /// A change the rows break where no query looks first: a column made NOT NULL that holds a NULL. (A new UNIQUE key
    /// over duplicates, which this test used, is now refused before the first change: bt53 O15.)
    /// </remarks>
    [Fact]
    public async Task A_change_that_fails_half_way_says_how_many_changes_were_made_before_it()
    {
        await using var scratch = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var db = scratch.Database;
        var name = db.Url!.Database!;
        await MySqlClient.QueryAsync(name, "CREATE TABLE t (id INT PRIMARY KEY, y INT NULL); INSERT INTO t VALUES (1, 5), (2, NULL)");
        var desired = SchemaModel.FromJson("""
            {"tables":[
              {"name":"t","columns":[{"name":"id","type":"int32","nullable":false},{"name":"y","type":"int32","nullable":false}],
               "primaryKey":{"columns":["id"]}},
              {"name":"a_new","columns":[{"name":"id","type":"int32","nullable":false}],"primaryKey":{"columns":["id"]}}]}
            """);
        var plan = await SchemaApplier.PlanAsync(db, desired, cancellationToken: Ct);
        Assert.Equal(2, plan.Changes.Count);
        Assert.Empty(plan.Refused);

        var e = await Assert.ThrowsAnyAsync<NexuSqlException>(() => SchemaApplier.ApplyAsync(db, plan, Ct));
        Assert.Contains("1 of 2 change(s) were applied", e.Message, StringComparison.Ordinal);
        Assert.Contains("change column t.y", e.Message, StringComparison.Ordinal);
        // the first change is there, the failed one is not (read with the server's own client)
        Assert.Equal("a_new\nt", (await MySqlClient.QueryAsync(name, "SHOW TABLES")).Trim());
        Assert.Equal("YES", (await MySqlClient.QueryAsync(name, "SELECT is_nullable FROM information_schema.columns WHERE table_schema = database() AND table_name = 't' AND column_name = 'y'")).Trim());

        // plan again: only the column is left
        await MySqlClient.QueryAsync(name, "UPDATE t SET y = 6 WHERE id = 2");
        var rest = await SchemaApplier.PlanAsync(db, desired, cancellationToken: Ct);
        Assert.Contains("t.y", Assert.Single(rest.Changes).Description, StringComparison.Ordinal);
        await SchemaApplier.ApplyAsync(db, rest, Ct);
        Assert.True((await SchemaApplier.PlanAsync(db, desired, cancellationToken: Ct)).IsEmpty);
        Assert.Equal("NO", (await MySqlClient.QueryAsync(name, "SELECT is_nullable FROM information_schema.columns WHERE table_schema = database() AND table_name = 't' AND column_name = 'y'")).Trim());
    }

    /// <summary>bt53 O15: a new UNIQUE key over duplicates is refused before the first change, naming the value; nothing is applied.</summary>
    [Fact]
    public async Task A_new_unique_key_over_duplicates_is_refused_before_anything()
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
        var e = await Assert.ThrowsAsync<NexuSqlRefusedException>(() => SchemaApplier.ApplyAsync(db, plan, Ct));
        Assert.Contains("'add unique t_x on t' would fail on the rows the table holds now (the value 5 is there more than once)", e.Message, StringComparison.Ordinal);
        Assert.Equal("t", (await MySqlClient.QueryAsync(name, "SHOW TABLES")).Trim());
    }
}
