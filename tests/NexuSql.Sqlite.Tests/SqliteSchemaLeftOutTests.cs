using NexuSql.Schema;

namespace NexuSql.Sqlite.Tests;

/// <summary>What the model does not hold is named, never read as something else (issue 12 items 4 and 5).</summary>
public sealed class SqliteSchemaLeftOutTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadSchemaAsync_names_partial_and_expression_indexes_and_generated_columns_and_the_dump_applies()
    {
        var db = fixture.Database;
        var p = $"l{Guid.NewGuid():N}"[..9] + "_";
        await db.ExecuteRawAsync($"CREATE TABLE {p}users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, deleted_at TEXT, price REAL, qty INT, " +
            "total REAL GENERATED ALWAYS AS (price * qty) STORED)", Ct);
        await db.ExecuteRawAsync($"CREATE UNIQUE INDEX {p}users_email_live ON {p}users (email) WHERE deleted_at IS NULL", Ct);
        await db.ExecuteRawAsync($"CREATE INDEX {p}users_lower_email ON {p}users (lower(email))", Ct);
        await db.ExecuteRawAsync($"CREATE INDEX {p}users_qty ON {p}users (qty)", Ct);

        var model = await db.Provider.ReadSchemaAsync(db, Ct);
        var users = model.Table($"{p}users")!;
        Assert.Equal([$"{p}users_qty"], users.Indexes.Select(i => i.Name)); // never a full unique index, never "columns":[{}]
        Assert.Contains($"index {p}users_email_live on {p}users (a partial index (WHERE))", model.LeftOut);
        Assert.Contains($"index {p}users_lower_email on {p}users (an expression index)", model.LeftOut);
        Assert.Equal(new GeneratedColumn("price * qty", Stored: true), users.Columns.Single(c => c.Name == "total").Generated); // in the model now, not left out

        // the dump applies to an empty database (no "Value cannot be null")
        var file = SchemaModel.FromJson(new SchemaModel([users]).ToJson());
        var plan = SchemaDiff.Plan(new SchemaModel([]), file with { Tables = [file.Tables[0] with { Name = p + "copy", Indexes = [] }] }, db.Dialect);
        Assert.Empty(plan.Refused);
        foreach (var statement in plan.Statements) await db.ExecuteRawAsync(statement, Ct);
    }
}
