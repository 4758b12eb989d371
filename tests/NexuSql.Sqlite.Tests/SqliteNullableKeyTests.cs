using NexuSql.Schema;

namespace NexuSql.Sqlite.Tests;

/// <summary>
/// SQLite lets NULL into a PRIMARY KEY column of a rowid table that is not the INTEGER rowid (declared without NOT
/// NULL): the model keeps that (<see cref="KeyModel.NullsAllowed"/>) instead of forcing the column NOT NULL.
/// </summary>
public sealed class SqliteNullableKeyTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadSchemaAsync_rowid_table_key_keeps_declared_nullability_and_writes_back_the_same()
    {
        var db = fixture.Database;
        var p = $"n{Guid.NewGuid():N}"[..9] + "_";
        await db.ExecuteRawAsync($"CREATE TABLE {p}t (id TEXT PRIMARY KEY, v TEXT)", Ct);
        await db.ExecuteRawAsync($"CREATE TABLE {p}k (a TEXT NOT NULL, b INT, PRIMARY KEY (a, b))", Ct);
        await db.ExecuteRawAsync($"CREATE TABLE {p}r (id INTEGER PRIMARY KEY, v TEXT)", Ct);
        await db.ExecuteRawAsync($"CREATE TABLE {p}w (id TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID", Ct);
        var model = await db.Provider.ReadSchemaAsync(db, Ct);

        var t = model.Table($"{p}t")!;
        Assert.True(t.PrimaryKey!.NullsAllowed);
        Assert.True(t.Columns[0].Nullable);
        // a composite key: each column as declared
        var k = model.Table($"{p}k")!;
        Assert.True(k.PrimaryKey!.NullsAllowed);
        Assert.Equal([false, true], k.Columns.Select(c => c.Nullable));
        // the rowid and a WITHOUT ROWID key never hold NULL
        Assert.False(model.Table($"{p}r")!.PrimaryKey!.NullsAllowed);
        Assert.False(model.Table($"{p}w")!.PrimaryKey!.NullsAllowed);
        Assert.False(model.Table($"{p}w")!.Columns[0].Nullable);

        Assert.DoesNotContain("NOT NULL", SchemaScript.CreateTable(t, db.Dialect, inlineForeignKeys: true), StringComparison.Ordinal);
        Assert.Equal(model.ToJson(), SchemaModel.FromJson(model.ToJson()).ToJson());
        Assert.True(SchemaDiff.Plan(model, model, db.Dialect).IsEmpty);
        // engines whose keys are NOT NULL see no difference the flag could make
        var portable = model with { Tables = [.. model.Tables.Select(x => x.PrimaryKey is null ? x : x with { PrimaryKey = x.PrimaryKey with { NullsAllowed = false } })] };
        Assert.True(SchemaDiff.Plan(model, portable.Canonical(), Dialects.PostgreSqlDialect.Instance).IsEmpty);
        Assert.False(SchemaDiff.Plan(model, portable.Canonical(), db.Dialect).IsEmpty);
    }
}
