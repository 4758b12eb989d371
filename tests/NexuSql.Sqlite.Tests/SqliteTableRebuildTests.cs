using NexuSql.Schema;

namespace NexuSql.Sqlite.Tests;

/// <summary>SQLite changes columns, foreign keys and checks by rebuilding the table, keeping every row.</summary>
public sealed class SqliteTableRebuildTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ColumnType T(string type) => ColumnType.Parse(type);

    private async Task<SchemaModel> ReadAsync(string p)
    {
        var all = await fixture.Database.Provider.ReadSchemaAsync(fixture.Database, Ct);
        return new SchemaModel([.. all.Tables.Where(t => t.Name.StartsWith(p, StringComparison.Ordinal))])
        {
            Views = [.. all.Views.Where(v => v.Name.StartsWith(p, StringComparison.Ordinal))],
        };
    }

    private async Task ApplyAsync(SchemaPlan plan)
    {
        await using var tx = await fixture.Database.BeginTransactionAsync(cancellationToken: Ct);
        foreach (var statement in plan.Statements) await tx.ExecuteRawAsync(statement, Ct);
        await tx.CommitAsync(Ct);
    }

    [Fact]
    public async Task Changing_a_column_and_adding_a_foreign_key_and_a_check_rebuilds_the_table_with_its_rows_indexes_and_views()
    {
        var db = fixture.Database;
        var p = $"r{Guid.NewGuid():N}"[..9] + "_";
        var owners = new TableModel($"{p}owners", [new("id", T("int64"), false, Identity: true), new("name", T("string(20)"), false)])
        {
            PrimaryKey = new KeyModel(null, ["id"]),
        };
        var pets = new TableModel($"{p}pets", [new("id", T("int64"), false, Identity: true), new("owner_id", T("int64")), new("name", T("string(20)"), false), new("legs", T("int32"))])
        {
            PrimaryKey = new KeyModel(null, ["id"]),
            Indexes = [new IndexModel($"{p}pets_name", [new("name")])],
        };
        var v1 = new SchemaModel([owners, pets]) { Views = [new ViewModel($"{p}pet_names", $"SELECT name FROM {p}pets")] };
        await ApplyAsync(SchemaDiff.Plan(await ReadAsync(p), v1, db.Dialect));
        await db.ExecuteAsync($"INSERT INTO {p}owners (name) VALUES ('Ann')", cancellationToken: Ct);
        await db.ExecuteAsync($"INSERT INTO {p}pets (owner_id, name, legs) VALUES (1, 'Rex', 4), (1, 'Tweety', 2), (NULL, 'Nemo', 0)", cancellationToken: Ct);

        var v2 = new SchemaModel([owners, pets with
        {
            Columns = [.. pets.Columns.Select(c => c.Name == "name" ? c with { Type = T("string(200)") } : c)],
            ForeignKeys = [new ForeignKeyModel(null, ["owner_id"], $"{p}owners", ["id"], OnDelete: "CASCADE")],
            Checks = [new CheckModel(null, "legs >= 0")],
        }]) { Views = v1.Views };
        var plan = SchemaDiff.Plan(await ReadAsync(p), v2, db.Dialect);
        Assert.Empty(plan.Refused);
        var rebuild = Assert.Single(plan.Changes);
        Assert.StartsWith($"rebuild table {p}pets (change column name: string(20) not null → string(200) not null; add foreign key (owner_id) → {p}owners; add check legs >= 0", rebuild.Description);
        Assert.False(rebuild.Destructive);
        await ApplyAsync(plan);

        Assert.True(SchemaDiff.Plan(await ReadAsync(p), v2, db.Dialect).IsEmpty);
        Assert.Equal(["Nemo", "Rex", "Tweety"], await db.QueryAsync<string>($"SELECT name FROM {p}pet_names ORDER BY name", cancellationToken: Ct));
        Assert.Equal(3L, await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {p}pets WHERE legs IS NOT NULL", cancellationToken: Ct));
        await Assert.ThrowsAsync<NexuSqlConstraintException>(() => db.ExecuteAsync($"INSERT INTO {p}pets (name, legs) VALUES ('x', -1)", cancellationToken: Ct));
        await db.ExecuteAsync($"DELETE FROM {p}owners", cancellationToken: Ct);
        Assert.Equal(["Nemo"], await db.QueryAsync<string>($"SELECT name FROM {p}pets", cancellationToken: Ct));
        // the identity keeps counting after the copied rows
        Assert.Equal(4L, await db.ExecuteScalarAsync<long>($"INSERT INTO {p}pets (name) VALUES ('Kit') RETURNING id", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_table_other_tables_reference_is_not_rebuilt_and_a_narrowing_rebuild_needs_allow_drop()
    {
        var db = fixture.Database;
        var p = $"r{Guid.NewGuid():N}"[..9] + "_";
        var parent = new TableModel($"{p}parent", [new("id", T("int64"), false), new("label", T("string(50)"))]) { PrimaryKey = new KeyModel(null, ["id"]) };
        var child = new TableModel($"{p}child", [new("id", T("int64"), false), new("parent_id", T("int64")), new("code", T("string(50)"))])
        {
            PrimaryKey = new KeyModel(null, ["id"]),
            ForeignKeys = [new ForeignKeyModel(null, ["parent_id"], $"{p}parent", ["id"], OnDelete: "CASCADE")],
        };
        await ApplyAsync(SchemaDiff.Plan(await ReadAsync(p), new SchemaModel([parent, child]), db.Dialect));

        var narrower = new SchemaModel([
            parent with { Columns = [parent.Columns[0], parent.Columns[1] with { Type = T("string(10)") }] },
            child with { Columns = [child.Columns[0], child.Columns[1], child.Columns[2] with { Type = T("string(10)") }] },
        ]);
        var plan = SchemaDiff.Plan(await ReadAsync(p), narrower, db.Dialect);
        Assert.Contains(plan.Refused, r => r.Description.StartsWith($"change column {p}parent.label", StringComparison.Ordinal) && r.Description.Contains("rebuild", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, r => r.Description.StartsWith($"rebuild table {p}child", StringComparison.Ordinal) && r.Description.Contains("destructive", StringComparison.Ordinal));
        Assert.Empty(plan.Changes);
        Assert.Contains(SchemaDiff.Plan(await ReadAsync(p), narrower, db.Dialect, allowDrop: true).Changes, c => c.Description.StartsWith($"rebuild table {p}child", StringComparison.Ordinal));
    }
}
