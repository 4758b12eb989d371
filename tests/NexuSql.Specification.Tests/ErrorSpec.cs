namespace NexuSql.Specification;

/// <summary>Failures map to the same NexuSQL exception types on every engine, with the engine's code attached.</summary>
public abstract class ErrorSpec<TFixture>(TFixture fixture) : SpecBase<TFixture>(fixture) where TFixture : DatabaseFixture
{
    private const string Canary = "CanaryPassw0rd-7f3a";

    private async Task<(string Parent, string Child)> CreateConstrainedTablesAsync()
    {
        var parent = Fixture.NewTable("parent");
        var child = Fixture.NewTable("child");
        await Db.ExecuteAsync($"CREATE TABLE {parent} (id {T(SpecType.Int32)} PRIMARY KEY, code {T(SpecType.Int32)} NOT NULL UNIQUE, " +
                              $"qty {T(SpecType.Int32)} NOT NULL, CONSTRAINT {parent}_qty_check CHECK (qty >= 0))", cancellationToken: Ct);
        await Db.ExecuteAsync($"CREATE TABLE {child} (id {T(SpecType.Int32)} PRIMARY KEY, parent_id {T(SpecType.Int32)} NOT NULL, " +
                              $"CONSTRAINT {child}_fk FOREIGN KEY (parent_id) REFERENCES {parent} (id))", cancellationToken: Ct);
        await Db.ExecuteAsync($"INSERT INTO {parent} (id, code, qty) VALUES (1, 100, 5)", cancellationToken: Ct);
        return (parent, child);
    }

    private static async Task<NexuSqlConstraintException> AssertConstraint(ConstraintKind kind, Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<NexuSqlConstraintException>(action);
        Assert.Equal(kind, e.Kind);
        Assert.False(string.IsNullOrEmpty(e.EngineCode));
        Assert.False(e.IsTransient);
        Assert.NotNull(e.InnerException);
        return e;
    }

    [Fact]
    public async Task Execute_constraint_violations_have_the_same_kind_on_every_engine()
    {
        var (parent, child) = await CreateConstrainedTablesAsync();
        await AssertConstraint(ConstraintKind.Unique, () => Db.ExecuteAsync($"INSERT INTO {parent} (id, code, qty) VALUES (2, 100, 1)", cancellationToken: Ct));
        await AssertConstraint(ConstraintKind.Unique, () => Db.ExecuteAsync($"INSERT INTO {parent} (id, code, qty) VALUES (1, 101, 1)", cancellationToken: Ct));
        await AssertConstraint(ConstraintKind.NotNull, () => Db.ExecuteAsync($"INSERT INTO {parent} (id, code, qty) VALUES (3, :code, 1)", new { code = (int?)null }, Ct));
        await AssertConstraint(ConstraintKind.Check, () => Db.ExecuteAsync($"INSERT INTO {parent} (id, code, qty) VALUES (4, 104, -1)", cancellationToken: Ct));
        await AssertConstraint(ConstraintKind.ForeignKey, () => Db.ExecuteAsync($"INSERT INTO {child} (id, parent_id) VALUES (1, 999)", cancellationToken: Ct));
        await Db.ExecuteAsync($"INSERT INTO {child} (id, parent_id) VALUES (1, 1)", cancellationToken: Ct);
        await AssertConstraint(ConstraintKind.ForeignKey, () => Db.ExecuteAsync($"DELETE FROM {parent} WHERE id = 1", cancellationToken: Ct));
        Assert.Equal(1L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {parent}", cancellationToken: Ct));
    }

    [Fact]
    public async Task Execute_sync_and_in_transaction_translate_too()
    {
        var (parent, _) = await CreateConstrainedTablesAsync();
        var e = Assert.Throws<NexuSqlConstraintException>(() => Db.Execute($"INSERT INTO {parent} (id, code, qty) VALUES (9, 100, 1)"));
        Assert.Equal(ConstraintKind.Unique, e.Kind);
        await using var tx = await Db.BeginTransactionAsync(cancellationToken: Ct);
        var inTx = await Assert.ThrowsAsync<NexuSqlConstraintException>(() => tx.ExecuteAsync($"INSERT INTO {parent} (id, code, qty) VALUES (1, 5, 1)", cancellationToken: Ct));
        Assert.Equal(ConstraintKind.Unique, inTx.Kind);
    }

    [Fact]
    public async Task Undefined_tables_and_columns_have_their_own_kind_naming_the_object()
    {
        var missing = Fixture.NewTable("missing");
        var table = await Assert.ThrowsAsync<NexuSqlUndefinedObjectException>(() => Db.QueryAsync($"SELECT * FROM {missing}", cancellationToken: Ct));
        Assert.Contains(missing, table.ObjectName, StringComparison.OrdinalIgnoreCase);
        Assert.False(table.IsTransient);
        var (parent, _) = await CreateConstrainedTablesAsync();
        var column = await Assert.ThrowsAsync<NexuSqlUndefinedObjectException>(() => Db.QueryAsync($"SELECT no_such_column FROM {parent}", cancellationToken: Ct));
        Assert.Contains("no_such_column", column.ObjectName, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(column.EngineCode));
        // PostgreSQL 42883 and MariaDB 1305 put no quotes around a function's name
        var function = await Assert.ThrowsAsync<NexuSqlUndefinedObjectException>(() => Db.QueryAsync("SELECT no_such_function_x(1)", cancellationToken: Ct));
        Assert.Contains("no_such_function_x", function.ObjectName, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("(", function.ObjectName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_syntax_error_is_a_syntax_exception_with_the_engine_code()
    {
        var e = await Assert.ThrowsAsync<NexuSqlSyntaxException>(() => Db.QueryAsync("SELEC nonsense FROM", cancellationToken: Ct));
        Assert.Equal(Fixture.Engine, e.Engine);
        Assert.False(string.IsNullOrEmpty(e.EngineCode));
        Assert.False(e.IsTransient);
        Assert.Contains(Fixture.Engine.DisplayName(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_bad_credentials_fail_as_connection_error_without_the_password()
    {
        _ = Db; // skip/fail consistently with the rest of the suite when the server is missing
        await using var bad = NexuSqlDatabase.Open(Fixture.BadCredentialsUrl(Canary));
        Assert.DoesNotContain(Canary, bad.ToString());
        var e = await Assert.ThrowsAsync<NexuSqlConnectionException>(() => bad.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct));
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            Assert.DoesNotContain(Canary, x.Message);
            Assert.DoesNotContain(Canary, x.ToString());
        }
    }
}
