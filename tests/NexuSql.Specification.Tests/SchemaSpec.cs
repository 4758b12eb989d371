using NexuSql.Schema;

namespace NexuSql.Specification;

/// <summary>Introspection and DDL: a schema read from the engine, written back and read again, is identical.</summary>
public abstract class SchemaSpec<TFixture>(TFixture fixture) : SpecBase<TFixture>(fixture) where TFixture : DatabaseFixture
{
    private static ColumnType T(string type) => ColumnType.Parse(type);

    /// <summary>Tables with identity, composite, self-referencing and cyclic keys, uniques, descending indexes, defaults, every type.</summary>
    protected static SchemaModel Sample(string p) => new(
    [
        new TableModel($"{p}customers", [new("id", T("int64"), false, Identity: true), new("email", T("string(200)"), false), new("name", T("text")),
            new("visits", T("int32"), false, Default: "0"), new("created_at", T("timestamp"), Default: "now()")])
        {
            PrimaryKey = new KeyModel($"{p}customers_pk", ["id"]),
            Uniques = [new KeyModel($"{p}customers_email_uq", ["email"])],
        },
        new TableModel($"{p}orders", [new("id", T("int64"), false, Identity: true), new("customer_id", T("int64"), false),
            new("total", T("decimal(12,2)"), false), new("note", T("string(100)"))])
        {
            PrimaryKey = new KeyModel($"{p}orders_pk", ["id"]),
            ForeignKeys = [new ForeignKeyModel($"{p}orders_customer_fk", ["customer_id"], $"{p}customers", ["id"], OnDelete: "CASCADE")],
            Indexes = [new IndexModel($"{p}orders_customer_total", [new("customer_id"), new("total", Descending: true)])],
        },
        new TableModel($"{p}order_items", [new("order_id", T("int64"), false), new("line", T("int32"), false), new("qty", T("int32"), false)])
        {
            PrimaryKey = new KeyModel($"{p}order_items_pk", ["order_id", "line"]),
            ForeignKeys = [new ForeignKeyModel($"{p}order_items_order_fk", ["order_id"], $"{p}orders", ["id"])],
            Checks = [new CheckModel($"{p}order_items_qty_check", "qty > 0 AND qty < 1000")],
            Indexes = [new IndexModel($"{p}order_items_qty_uq", [new("order_id"), new("qty")], Unique: true)],
        },
        new TableModel($"{p}employees", [new("id", T("int64"), false), new("manager_id", T("int64"))])
        {
            PrimaryKey = new KeyModel($"{p}employees_pk", ["id"]),
            ForeignKeys = [new ForeignKeyModel($"{p}employees_manager_fk", ["manager_id"], $"{p}employees", ["id"], OnDelete: "SET NULL")],
        },
        new TableModel($"{p}cycle_a", [new("id", T("int32"), false), new("b_id", T("int32"))])
        {
            PrimaryKey = new KeyModel($"{p}cycle_a_pk", ["id"]),
            ForeignKeys = [new ForeignKeyModel($"{p}cycle_a_b_fk", ["b_id"], $"{p}cycle_b", ["id"])],
        },
        new TableModel($"{p}cycle_b", [new("id", T("int32"), false), new("a_id", T("int32"))])
        {
            PrimaryKey = new KeyModel($"{p}cycle_b_pk", ["id"]),
            ForeignKeys = [new ForeignKeyModel($"{p}cycle_b_a_fk", ["a_id"], $"{p}cycle_a", ["id"])],
        },
        new TableModel($"{p}all_types", [.. new[]
        {
            "boolean", "int16", "int32", "int64", "decimal(38,10)", "float32", "float64", "string(50)", "text", "binary", "uuid",
            "date", "time", "timestamp", "timestamptz", "json",
        }.Select((type, i) => new ColumnModel($"c{i}", T(type)))]),
    ])
    {
        Views = [new ViewModel($"{p}big_orders", $"SELECT id, total FROM {p}orders WHERE total > 100")],
        Sequences = [new SequenceModel($"{p}invoice_numbers", 1000, 10)],
    };

    protected async Task CreateAsync(SchemaModel model)
    {
        if (!Db.Dialect.SupportsSequences) model = model with { Sequences = [] };
        foreach (var statement in SchemaScript.Create(model, Db.Dialect)) await Db.ExecuteAsync(statement, cancellationToken: Ct);
    }

    protected async Task<SchemaModel> ReadAsync(string prefix)
    {
        var all = await Db.Provider.ReadSchemaAsync(Db, Ct);
        return new SchemaModel(all.Tables.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            Views = [.. all.Views.Where(v => v.Name.StartsWith(prefix, StringComparison.Ordinal))],
            Sequences = [.. all.Sequences.Where(q => q.Name.StartsWith(prefix, StringComparison.Ordinal))],
        }.Canonical();
    }

    /// <summary>The same schema under another table prefix (tables, references, index and constraint names).</summary>
    protected static SchemaModel Rename(SchemaModel model, string from, string to)
    {
        string R(string? name) => name is null ? null! : name.StartsWith(from, StringComparison.Ordinal) ? to + name[from.Length..] : name;
        return new SchemaModel(model.Tables.Select(t => t with
        {
            Name = R(t.Name),
            PrimaryKey = t.PrimaryKey is { } pk ? pk with { Name = pk.Name is null ? null : R(pk.Name) } : null,
            Uniques = [.. t.Uniques.Select(u => u with { Name = u.Name is null ? null : R(u.Name) })],
            ForeignKeys = [.. t.ForeignKeys.Select(f => f with { Name = f.Name is null ? null : R(f.Name), ReferencedTable = R(f.ReferencedTable) })],
            Indexes = [.. t.Indexes.Select(i => i with { Name = R(i.Name) })],
        }).ToList())
        {
            Views = [.. model.Views.Select(v => v with { Name = R(v.Name), Sql = v.Sql.Replace(from, to, StringComparison.Ordinal) })],
            Sequences = [.. model.Sequences.Select(q => q with { Name = R(q.Name) })],
        }.Canonical();
    }

    [Fact]
    public async Task ReadSchemaAsync_write_back_and_read_again_gives_an_identical_model()
    {
        var first = $"s{Guid.NewGuid():N}"[..9] + "_";
        var second = $"s{Guid.NewGuid():N}"[..9] + "_";
        await CreateAsync(Sample(first));
        var read = await ReadAsync(first);
        Assert.Equal(7, read.Tables.Count);
        Assert.Equal([$"{first}big_orders"], read.Views.Select(v => v.Name));
        await CreateAsync(Rename(read, first, second));
        var again = Rename(await ReadAsync(second), second, first);
        Assert.Equal(read.ToJson(), again.ToJson());
    }

    [Fact]
    public async Task ReadSchemaAsync_finds_keys_foreign_keys_indexes_identity_and_types()
    {
        var p = $"s{Guid.NewGuid():N}"[..9] + "_";
        await CreateAsync(Sample(p));
        var read = await ReadAsync(p);
        var customers = read.Table($"{p}customers")!;
        Assert.True(customers.Columns[0].Identity);
        Assert.False(customers.Columns[0].Nullable);
        Assert.Equal("string(200)", customers.Columns[1].Type.ToString());
        Assert.Equal("now()", customers.Columns[4].Default);
        Assert.Equal(["email"], Assert.Single(customers.Uniques).Columns);
        if (Db.Dialect.SupportsSequences) Assert.Equal(new SequenceModel($"{p}invoice_numbers", 1000, 10), Assert.Single(read.Sequences));
        else Assert.Empty(read.Sequences);
        var orders = read.Table($"{p}orders")!;
        Assert.Equal("decimal(12,2)", orders.Columns[2].Type.ToString());
        var fk = Assert.Single(orders.ForeignKeys);
        Assert.Equal(($"{p}customers", "CASCADE"), (fk.ReferencedTable, fk.OnDelete.ToUpperInvariant()));
        var index = Assert.Single(orders.Indexes);
        Assert.Equal([false, true], index.Columns.Select(c => c.Descending));
        Assert.Equal(["order_id", "line"], read.Table($"{p}order_items")!.PrimaryKey!.Columns);
        // a unique index; MySQL has no difference between unique indexes and unique constraints
        var items = read.Table($"{p}order_items")!;
        Assert.True(items.Indexes.Any(i => i.Unique && i.Columns.Select(c => c.Name).SequenceEqual(["order_id", "qty"]))
                    || items.Uniques.Any(u => u.Columns.SequenceEqual(["order_id", "qty"])));
        Assert.Equal($"{p}employees", Assert.Single(read.Table($"{p}employees")!.ForeignKeys).ReferencedTable);
        Assert.Contains($"{p}orders", Assert.Single(read.Views).Sql);
        Assert.Equal(0L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {p}big_orders", cancellationToken: Ct));
        var check = Assert.Single(items.Checks);
        Assert.Contains("qty", check.Expression);
        Assert.Contains("1000", check.Expression);
        await Assert.ThrowsAsync<NexuSqlConstraintException>(() => Db.ExecuteAsync($"INSERT INTO {p}order_items (order_id, line, qty) VALUES (1, 1, 0)", cancellationToken: Ct));
        Assert.Equal($"{p}cycle_a", Assert.Single(read.Table($"{p}cycle_b")!.ForeignKeys).ReferencedTable);
        ExpectedTypes(read.Table($"{p}all_types")!.Columns.Select(c => c.Type.ToString()).ToList());
    }

    /// <summary>The portable types the engine gives back for the all_types table; an engine that merges types overrides this.</summary>
    protected virtual void ExpectedTypes(IReadOnlyList<string> types) => Assert.Equal(
        ["boolean", "int16", "int32", "int64", "decimal(38,10)", "float32", "float64", "string(50)", "text", "binary", "uuid",
         "date", "time", "timestamp", "timestamptz", "json"], types);

    private async Task ApplyAsync(SchemaPlan plan)
    {
        foreach (var statement in plan.Statements) await Db.ExecuteAsync(statement, cancellationToken: Ct);
    }

    [Fact]
    public async Task SchemaDiff_from_nothing_creates_everything_and_then_nothing_is_left()
    {
        var p = $"s{Guid.NewGuid():N}"[..9] + "_";
        var desired = Db.Dialect.SupportsSequences ? Sample(p) : Sample(p) with { Sequences = [] };
        var plan = SchemaDiff.Plan(await ReadAsync(p), desired, Db.Dialect);
        Assert.Empty(plan.Refused);
        Assert.Contains(plan.Changes, c => c.Description == $"create table {p}orders");
        await ApplyAsync(plan);
        var after = SchemaDiff.Plan(await ReadAsync(p), desired, Db.Dialect);
        Assert.True(after.IsEmpty, after.ToScript());
    }

    [Fact]
    public async Task SchemaDiff_evolves_a_schema_and_refuses_destruction_without_the_flag()
    {
        var p = $"s{Guid.NewGuid():N}"[..9] + "_";
        var v1 = Sample(p);
        await CreateAsync(v1);
        var customers = v1.Table($"{p}customers")!;
        var orders = v1.Table($"{p}orders")!;
        var v2 = new SchemaModel(
        [
            .. v1.Tables.Where(t => t.Name != customers.Name && t.Name != orders.Name && t.Name != $"{p}all_types"),
            customers with
            {
                Columns = [.. customers.Columns.Where(c => c.Name != "created_at"), new ColumnModel("phone", T("string(30)"))],
                Indexes = [new IndexModel($"{p}customers_visits", [new("visits")])],
            },
            orders with { Columns = [.. orders.Columns.Select(c => c.Name == "note" ? c with { Type = T("string(200)") } : c)] },
            new TableModel($"{p}reviews", [new("id", T("int64"), false, Identity: true), new("customer_id", T("int64"), false), new("stars", T("int16"), false)])
            {
                PrimaryKey = new KeyModel(null, ["id"]),
                ForeignKeys = [new ForeignKeyModel(null, ["customer_id"], $"{p}customers", ["id"])],
            },
        ]) { Sequences = [new SequenceModel($"{p}invoice_numbers", 1000, 5)] };

        var plan = SchemaDiff.Plan(await ReadAsync(p), v2, Db.Dialect);
        Assert.Contains(plan.Changes, c => c.Description.StartsWith($"add column {p}customers.phone", StringComparison.Ordinal));
        Assert.Contains(plan.Changes, c => c.Description == $"create table {p}reviews");
        Assert.Contains(plan.Changes, c => c.Description == $"create index {p}customers_visits on {p}customers");
        Assert.Contains(plan.Refused, c => c.Description.StartsWith($"drop column {p}customers.created_at (destructive", StringComparison.Ordinal));
        Assert.Contains(plan.Refused, c => c.Description.StartsWith($"drop table {p}all_types (destructive", StringComparison.Ordinal));
        var widen = $"change column {p}orders.note: string(100) → string(200)";
        if (Db.Engine == NexuSqlEngine.Sqlite) Assert.Contains(plan.Refused, c => c.Description.StartsWith(widen, StringComparison.Ordinal));
        else Assert.Contains(plan.Changes, c => c.Description == widen && !c.Destructive);
        Assert.DoesNotContain(plan.Changes, c => c.Destructive);
        if (Db.Dialect.SupportsSequences) Assert.Contains(plan.Changes, c => c.Description == $"change sequence {p}invoice_numbers: start 1000 step 10 → start 1000 step 5");
        else Assert.Contains(plan.Refused, c => c.Description.StartsWith($"create sequence {p}invoice_numbers (", StringComparison.Ordinal));

        await ApplyAsync(plan);
        var again = SchemaDiff.Plan(await ReadAsync(p), v2, Db.Dialect);
        Assert.Empty(again.Changes);
        Assert.Equal(plan.Refused.Select(r => r.Description), again.Refused.Select(r => r.Description));
        Assert.True(await Db.ExecuteScalarAsync<long>(Db.Dialect.TableExistsSql, new { name = $"{p}all_types" }, Ct) > 0, "nothing may be dropped without the flag");

        await ApplyAsync(SchemaDiff.Plan(await ReadAsync(p), v2, Db.Dialect, allowDrop: true));
        var final = SchemaDiff.Plan(await ReadAsync(p), v2, Db.Dialect, allowDrop: true);
        Assert.Empty(final.Changes);
        Assert.Equal(Db.Engine == NexuSqlEngine.Sqlite ? 2 : 0, final.Refused.Count);
        Assert.Equal(0L, await Db.ExecuteScalarAsync<long>(Db.Dialect.TableExistsSql, new { name = $"{p}all_types" }, Ct));
    }

    [Fact]
    public async Task DriftCheck_reports_changes_made_behind_the_migrations_back()
    {
        await using var isolated = await Db.Provider.CreateScratchDatabaseAsync(Db, Ct);
        var db = isolated.Database;
        var folder = Directory.CreateTempSubdirectory("nexusql-drift-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "V1__people.sql"), $"CREATE TABLE people (id {Fixture.TypeName(SpecType.Int32)} PRIMARY KEY, name {Fixture.TypeName(SpecType.Text)});");
            File.WriteAllText(Path.Combine(folder, "V2__index.sql"), "CREATE INDEX people_name ON people (id);");
            var options = new Migrations.MigrationOptions { Locations = [folder] };
            await Migrations.NexuSqlMigrationExtensions.MigrateAsync(db, options, Ct);
            Assert.True((await DriftCheck.CheckAsync(db, options, Ct)).IsEmpty);

            await db.ExecuteRawAsync($"ALTER TABLE people ADD COLUMN nickname {Fixture.TypeName(SpecType.Int32)}", Ct);
            await db.ExecuteRawAsync(Db.Dialect.DropIndexSql("people", "people_name"), Ct);
            await db.ExecuteRawAsync("CREATE VIEW people_view AS SELECT id FROM people", Ct);
            var drift = await DriftCheck.CheckAsync(db, options, Ct);
            var found = drift.Changes.Concat(drift.Refused).Select(c => c.Description).ToList();
            Assert.Contains(found, d => d.StartsWith("add column people.nickname", StringComparison.Ordinal));
            Assert.Contains("drop index people_name on people", found);
            Assert.Contains("create view people_view", found);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SchemaModel_json_round_trips_exactly()
    {
        var model = Sample("x_");
        var json = model.ToJson();
        Assert.Equal(json, SchemaModel.FromJson(json).ToJson());
        Assert.Contains("\"type\": \"decimal(12,2)\"", json);
        Assert.Contains("\"nullable\": false", json);
        Assert.Throws<FormatException>(() => SchemaModel.FromJson("{\"tables\":[{\"name\":\"t\",\"columns\":[{\"name\":\"c\",\"type\":\"varchar2\"}]}]}"));
    }
}
