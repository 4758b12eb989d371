using NexuSql.Schema;

namespace NexuSql.Sqlite.Tests;

/// <summary>What the model does not hold is named, never read as something else (issue 12 items 4 and 5).</summary>
public sealed class SqliteSchemaLeftOutTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadSchemaAsync_reads_partial_and_expression_indexes_names_generated_columns_and_the_dump_applies()
    {
        var db = fixture.Database;
        var p = $"l{Guid.NewGuid():N}"[..9] + "_";
        await db.ExecuteRawAsync($"CREATE TABLE {p}users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, deleted_at TEXT, price REAL, qty INT, " +
            "total REAL GENERATED ALWAYS AS (price * qty) STORED)", Ct);
        await db.ExecuteRawAsync($"CREATE UNIQUE INDEX {p}users_email_live ON {p}users (email) WHERE deleted_at IS NULL", Ct);
        await db.ExecuteRawAsync($"CREATE INDEX {p}users_lower_email ON {p}users (lower(email))", Ct);
        await db.ExecuteRawAsync($"CREATE INDEX {p}users_qty ON {p}users (qty)", Ct);
        await db.ExecuteRawAsync($"CREATE UNIQUE INDEX {p}users_email_nocase ON {p}users (email COLLATE NOCASE)", Ct);

        var model = await db.Provider.ReadSchemaAsync(db, Ct);
        var users = model.Table($"{p}users")!;
        // never a full unique index, never "columns":[{}]: the predicate and the expression are in the model
        var live = users.Indexes.Single(i => i.Name == $"{p}users_email_live");
        Assert.Equal((true, "deleted_at IS NULL", "email"), (live.Unique, live.Where, live.Columns.Single().Name));
        Assert.Equal("lower(email)", users.Indexes.Single(i => i.Name == $"{p}users_lower_email").Columns.Single().Expression);
        // an index key part's own collation is in the model (was: named as left out)
        Assert.Equal("NOCASE", users.Indexes.Single(i => i.Name == $"{p}users_email_nocase").Columns.Single().Collation);
        Assert.DoesNotContain(model.LeftOut, l => l.StartsWith("index ", StringComparison.Ordinal));
        Assert.Equal(new GeneratedColumn("price * qty", Stored: true), users.Columns.Single(c => c.Name == "total").Generated); // in the model now, not left out

        // the dump applies to an empty database (no "Value cannot be null")
        var file = SchemaModel.FromJson(new SchemaModel([users]).ToJson());
        var copy = file.Tables[0] with { Name = p + "copy", Indexes = [.. file.Tables[0].Indexes.Select(i => i with { Name = p + "copy_" + i.Name })] };
        var plan = SchemaDiff.Plan(new SchemaModel([]), file with { Tables = [copy] }, db.Dialect);
        Assert.Empty(plan.Refused);
        foreach (var statement in plan.Statements) await db.ExecuteRawAsync(statement, Ct);
    }
}
