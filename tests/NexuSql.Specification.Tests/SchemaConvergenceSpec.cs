using NexuSql.Schema;

namespace NexuSql.Specification;

/// <summary>
/// Convergence (issue 12): a schema file applied twice makes the second apply a no-op, whatever the engine does to
/// defaults and checks on the way in; a real change of a check is still a difference.
/// </summary>
public abstract class SchemaConvergenceSpec<TFixture>(TFixture fixture) : SpecBase<TFixture>(fixture) where TFixture : DatabaseFixture
{
    private static ColumnType T(string type) => ColumnType.Parse(type);

    private static string Prefix() => $"c{Guid.NewGuid():N}"[..9] + "_";

    private async Task<SchemaModel> ReadAsync(string prefix)
    {
        var all = await Db.Provider.ReadSchemaAsync(Db, Ct);
        return new SchemaModel([.. all.Tables.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))]).Canonical();
    }

    private async Task ApplyAsync(SchemaPlan plan)
    {
        Assert.Empty(plan.Refused);
        foreach (var statement in plan.Statements) await Db.ExecuteAsync(statement, cancellationToken: Ct);
    }

    /// <summary>The issue's orders file: negative number defaults, a boolean default, an unnamed check on a negative number.</summary>
    private static SchemaModel Orders(string p) => new(
    [
        new TableModel($"{p}orders", [new("id", T("int64"), false), new("qty", T("int32"), false, Default: "-1"),
            new("paid", T("boolean"), false, Default: "false"), new("amount", T("decimal(10,2)"), false, Default: "-0.50")])
        {
            PrimaryKey = new KeyModel(null, ["id"]),
            Checks = [new CheckModel(null, "qty >= -1")],
        },
    ]);

    [Fact]
    public async Task SchemaApply_twice_of_defaults_and_an_unnamed_check_makes_the_second_a_no_op()
    {
        var p = Prefix();
        var file = Orders(p);
        await ApplyAsync(SchemaDiff.Plan(await ReadAsync(p), file, Db.Dialect));

        var again = SchemaDiff.Plan(await ReadAsync(p), file, Db.Dialect, allowDrop: true);
        Assert.True(again.IsEmpty && again.Refused.Count == 0, again.ToScript());
        var read = (await ReadAsync(p)).Tables.Single();
        Assert.Equal("-1", read.Columns.Single(c => c.Name == "qty").Default);
        Assert.Equal("false", read.Columns.Single(c => c.Name == "paid").Default);
        Assert.Equal(-0.5m, decimal.Parse(read.Columns.Single(c => c.Name == "amount").Default!, System.Globalization.CultureInfo.InvariantCulture));
        // the unnamed check got NexuSQL's stable name, not the engine's (MariaDB: CONSTRAINT_1)
        Assert.Equal(SchemaScript.CheckName(file.Tables[0], file.Tables[0].Checks[0]), Assert.Single(read.Checks).Name);

        // the boolean default works: a row without the column gets false
        await Db.ExecuteAsync($"INSERT INTO {Db.Dialect.QuoteIdentifier(p + "orders")} (id) VALUES (1)", cancellationToken: Ct);
        Assert.False(await Db.ExecuteScalarAsync<bool>($"SELECT paid FROM {Db.Dialect.QuoteIdentifier(p + "orders")}", cancellationToken: Ct));
        Assert.Equal(-1, await Db.ExecuteScalarAsync<int>($"SELECT qty FROM {Db.Dialect.QuoteIdentifier(p + "orders")}", cancellationToken: Ct));
    }

    [Fact]
    public async Task SchemaDiff_of_a_check_whose_expression_changed_plans_the_change()
    {
        var p = Prefix();
        TableModel Invoices(string values) => new($"{p}invoices", [new("id", T("int64"), false), new("status", T("string(10)"), false)])
        {
            PrimaryKey = new KeyModel(null, ["id"]),
            Checks = [new CheckModel($"{p}inv_status", $"status IN ({values})")],
        };
        var v1 = new SchemaModel([Invoices("'new','paid'")]);
        var v2 = new SchemaModel([Invoices("'new','paid','void'")]);
        await ApplyAsync(SchemaDiff.Plan(await ReadAsync(p), v1, Db.Dialect));
        Assert.True(SchemaDiff.Plan(await ReadAsync(p), v1, Db.Dialect).IsEmpty, "the engine's rewriting of IN is not a change");

        var plan = SchemaDiff.Plan(await ReadAsync(p), v2, Db.Dialect);
        var found = plan.Changes.Concat(plan.Refused).Select(c => c.Description).ToList();
        Assert.Contains(found, d => d.Contains($"check {p}inv_status", StringComparison.Ordinal));
        if (Db.Dialect.RebuildsTables) return; // SQLite: a table rebuild, covered by its own tests
        await ApplyAsync(plan);
        Assert.True(SchemaDiff.Plan(await ReadAsync(p), v2, Db.Dialect).IsEmpty);
        var q = Db.Dialect.QuoteIdentifier(p + "invoices");
        await Db.ExecuteAsync($"INSERT INTO {q} (id, status) VALUES (1, 'void')", cancellationToken: Ct);
    }

    [Fact]
    public async Task ReadSchemaAsync_of_an_explicit_null_default_reads_no_default()
    {
        var p = Prefix();
        var q = Db.Dialect.QuoteIdentifier(p + "notes");
        await Db.ExecuteAsync($"CREATE TABLE {q} (id INTEGER NOT NULL PRIMARY KEY, memo VARCHAR(20) DEFAULT NULL)", cancellationToken: Ct);
        var memo = (await ReadAsync(p)).Tables.Single().Columns.Single(c => c.Name == "memo");
        Assert.Null(memo.Default); // PostgreSQL keeps NULL::character varying, which other engines reject
    }

    [Fact]
    public async Task ReadSchemaAsync_keeps_char_n_and_fractional_second_digits_as_written()
    {
        var p = Prefix();
        var file = new SchemaModel(
        [
            new TableModel($"{p}stamps", [new("id", T("int64"), false), new("code", T("char(10)")), new("name", T("string(10)")),
                new("at", T("timestamp(3)")), new("at_tz", T("timestamptz(0)")), new("at_time", T("time(2)")), new("plain", T("timestamp"))])
            {
                PrimaryKey = new KeyModel(null, ["id"]),
            },
        ]);
        await ApplyAsync(SchemaDiff.Plan(await ReadAsync(p), file, Db.Dialect));
        var read = (await ReadAsync(p)).Tables.Single();
        Assert.Equal(file.Tables[0].Columns.Select(c => c.Type.ToString()), read.Columns.Select(c => c.Type.ToString()));
        Assert.True(SchemaDiff.Plan(await ReadAsync(p), file, Db.Dialect).IsEmpty);
    }

    [Fact]
    public async Task SchemaDiff_with_allow_drop_drops_views_that_read_other_views_first()
    {
        var p = Prefix();
        await Db.ExecuteAsync($"CREATE TABLE {p}m_base (id INTEGER NOT NULL PRIMARY KEY)", cancellationToken: Ct);
        await Db.ExecuteAsync($"CREATE VIEW {p}z_mid AS SELECT id FROM {p}m_base", cancellationToken: Ct);
        await Db.ExecuteAsync($"CREATE VIEW {p}a_top AS SELECT id FROM {p}z_mid", cancellationToken: Ct);
        var all = await Db.Provider.ReadSchemaAsync(Db, Ct);
        var current = new SchemaModel([.. all.Tables.Where(t => t.Name.StartsWith(p, StringComparison.Ordinal))])
        {
            Views = [.. all.Views.Where(v => v.Name.StartsWith(p, StringComparison.Ordinal))],
        };
        var plan = SchemaDiff.Plan(current, new SchemaModel([]), Db.Dialect, allowDrop: true);
        Assert.Equal([$"drop view {p}a_top", $"drop view {p}z_mid", $"drop table {p}m_base"], plan.Changes.Select(c => c.Description));
        await ApplyAsync(plan);
        Assert.Equal(0L, await Db.ExecuteScalarAsync<long>(Db.Dialect.TableExistsSql, new { name = $"{p}m_base" }, Ct));
    }

    [Fact]
    public async Task SchemaDiff_with_allow_drop_drops_a_parent_and_child_pair()
    {
        var p = Prefix();
        var pair = new SchemaModel(
        [
            new TableModel($"{p}parent", [new("id", T("int64"), false)]) { PrimaryKey = new KeyModel(null, ["id"]) },
            new TableModel($"{p}child", [new("id", T("int64"), false), new("parent_id", T("int64"))])
            {
                PrimaryKey = new KeyModel(null, ["id"]),
                ForeignKeys = [new ForeignKeyModel(null, ["parent_id"], $"{p}parent", ["id"])],
            },
        ]);
        await ApplyAsync(SchemaDiff.Plan(await ReadAsync(p), pair, Db.Dialect));
        await Db.ExecuteAsync($"INSERT INTO {p}parent (id) VALUES (1)", cancellationToken: Ct);
        await Db.ExecuteAsync($"INSERT INTO {p}child (id, parent_id) VALUES (1, 1)", cancellationToken: Ct);
        var plan = SchemaDiff.Plan(await ReadAsync(p), new SchemaModel([]), Db.Dialect, allowDrop: true);
        Assert.Empty(plan.Refused);
        await ApplyAsync(plan);
        Assert.Empty((await ReadAsync(p)).Tables);
    }

    [Fact]
    public void SchemaDiff_refuses_a_foreign_key_to_a_table_the_file_never_defines()
    {
        var file = new SchemaModel(
        [
            new TableModel("orders", [new("id", T("int64"), false), new("customer_id", T("int64"))])
            {
                ForeignKeys = [new ForeignKeyModel(null, ["customer_id"], "customers", ["id"])],
            },
        ]);
        var plan = SchemaDiff.Plan(new SchemaModel([]), file, Db.Dialect);
        Assert.Contains(plan.Refused, c => c.Description.Contains("orders(customer_id) → customers", StringComparison.Ordinal)
            && c.Description.Contains("customers is not defined", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Statements, s => s.Contains("REFERENCES", StringComparison.Ordinal) && !Db.Dialect.RebuildsTables);
    }
}
