namespace NexuSql.Specification;

/// <summary>The query API on a live engine: mapping, parameters, single-row helpers, streaming, cancellation.</summary>
public abstract class QuerySpec<TFixture>(TFixture fixture) : SpecBase<TFixture>(fixture) where TFixture : DatabaseFixture
{
    [Fact]
    public async Task QueryAsync_class_maps_snake_case_columns_to_properties()
    {
        var table = await CreatePeopleAsync();
        var people = await Db.QueryAsync<Person>($"SELECT id, first_name, age, is_active FROM {table} ORDER BY id", cancellationToken: Ct);
        Assert.Equal(["P1", "P2", "P3"], people.Select(p => p.FirstName));
        Assert.Equal([21, null, 23], people.Select(p => p.Age));
        Assert.Equal([true, false, true], people.Select(p => p.IsActive));
        Assert.True(people[0].Id > 0);
    }

    public sealed record JsonRow(int Id, System.Text.Json.JsonElement Doc, System.Text.Json.Nodes.JsonObject? Node, string Text);

    [Fact]
    public async Task Json_parameters_bind_without_a_cast_and_json_columns_read_as_json_types()
    {
        var table = Fixture.NewTable("docs");
        var json = Db.Engine switch { NexuSqlEngine.PostgreSql or NexuSqlEngine.CockroachDb => "jsonb", NexuSqlEngine.MySql => "JSON", _ => "TEXT" };
        await Db.ExecuteAsync($"CREATE TABLE {table} (id {T(SpecType.Int32)} PRIMARY KEY, doc {json} NOT NULL)", cancellationToken: Ct);
        var insert = $"INSERT INTO {table} (id, doc) VALUES (:id, :doc)";
        await Db.ExecuteAsync(insert, new { id = 1, doc = System.Text.Json.JsonDocument.Parse("""{"a": 1}""").RootElement }, Ct);
        await Db.ExecuteAsync(insert, new { id = 2, doc = System.Text.Json.Nodes.JsonNode.Parse("""{"b": [1, 2]}""") }, Ct);
        await Db.ExecuteAsync(insert, new { id = 3, doc = SqlJson.Of("""{"c": "x\"y"}""") }, Ct);
        using (var document = System.Text.Json.JsonDocument.Parse("""{"d": null}"""))
            await Db.ExecuteAsync(insert, new { id = 4, doc = document }, Ct);

        var rows = await Db.QueryAsync<JsonRow>($"SELECT id, doc, doc AS node, doc AS text FROM {table} ORDER BY id", cancellationToken: Ct);
        Assert.Equal(1, rows[0].Doc.GetProperty("a").GetInt32());
        Assert.Equal(2, rows[1].Node!["b"]![1]!.GetValue<int>());
        Assert.Equal("x\"y", rows[2].Doc.GetProperty("c").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rows[3].Doc.GetProperty("d").ValueKind);
        Assert.Contains("\"d\"", rows[3].Text, StringComparison.Ordinal);
        using var read = await Db.ExecuteScalarAsync<System.Text.Json.JsonDocument>($"SELECT doc FROM {table} WHERE id = 2", cancellationToken: Ct);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, read.RootElement.GetProperty("b").ValueKind);
        Assert.Null(await Db.ExecuteScalarAsync<System.Text.Json.Nodes.JsonNode?>("SELECT NULL", cancellationToken: Ct));
        // on PostgreSQL an untyped JSON parameter meets jsonb's own operators
        if (json == "jsonb")
            Assert.Equal(1L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE doc @> :filter", new { filter = SqlJson.Of("""{"a": 1}""") }, Ct));
    }

    [Fact]
    public async Task Query_sync_record_is_built_through_its_constructor()
    {
        var table = await CreatePeopleAsync();
        var people = Db.Query<PersonRecord>($"SELECT * FROM {table} WHERE is_active = :active ORDER BY id", new { active = true });
        Assert.Equal([new PersonRecord(people[0].Id, "P1", 21, true), new PersonRecord(people[1].Id, "P3", 23, true)], people);
    }

    [Fact]
    public async Task Query_scalars_and_untyped_rows()
    {
        var table = await CreatePeopleAsync();
        var names = await Db.QueryAsync<string>($"SELECT first_name FROM {table} ORDER BY id", cancellationToken: Ct);
        Assert.Equal(["P1", "P2", "P3"], names);
        var ages = Db.Query<int?>($"SELECT age FROM {table} ORDER BY id");
        Assert.Equal([21, null, 23], ages);
        var rows = Db.Query($"SELECT first_name, age FROM {table} ORDER BY id");
        Assert.Equal("P1", rows[0]["FIRST_NAME"]);
        Assert.Null(rows[1]["age"]);
        Assert.Equal(23, rows[2].Get<int>("age"));
        Assert.Equal(["first_name", "age"], rows[0].ColumnNames.Select(c => c.ToLowerInvariant()));
        Assert.Throws<KeyNotFoundException>(() => rows[0]["missing"]);
    }

    [Fact]
    public async Task QueryFirst_and_QuerySingle_follow_linq_semantics()
    {
        var table = await CreatePeopleAsync();
        var all = $"SELECT first_name FROM {table} ORDER BY id";
        var none = $"SELECT first_name FROM {table} WHERE id < 0";
        var one = $"SELECT first_name FROM {table} WHERE first_name = :n";
        Assert.Equal("P1", await Db.QueryFirstAsync<string>(all, cancellationToken: Ct));
        Assert.Equal("P1", Db.QueryFirst<string>(all));
        Assert.Null(await Db.QueryFirstOrDefaultAsync<string>(none, cancellationToken: Ct));
        Assert.Null(Db.QueryFirstOrDefault<string>(none));
        Assert.Equal("P2", await Db.QuerySingleAsync<string>(one, new { n = "P2" }, Ct));
        Assert.Equal("P2", Db.QuerySingle<string>(one, new { n = "P2" }));
        Assert.Null(await Db.QuerySingleOrDefaultAsync<string>(one, new { n = "nobody" }, Ct));
        Assert.Null(Db.QuerySingleOrDefault<string>(one, new { n = "nobody" }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Db.QueryFirstAsync<string>(none, cancellationToken: Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Db.QuerySingleAsync<string>(all, cancellationToken: Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Db.QuerySingleOrDefaultAsync<string>(all, cancellationToken: Ct));
        Assert.Throws<InvalidOperationException>(() => Db.QuerySingle<string>(none));
    }

    [Fact]
    public async Task Execute_counts_rows_and_expands_lists()
    {
        var table = await CreatePeopleAsync(5);
        var ids = await Db.QueryAsync<long>($"SELECT id FROM {table} ORDER BY id", cancellationToken: Ct);
        var changed = await Db.ExecuteAsync($"UPDATE {table} SET first_name = :name WHERE id IN (:ids)",
            new { name = "renamed", ids = new[] { ids[0], ids[2], ids[4] } }, Ct);
        Assert.Equal(3, changed);
        Assert.Equal(0, Db.Execute($"UPDATE {table} SET first_name = :name WHERE id IN (:ids)", new { name = "x", ids = Array.Empty<long>() }));
        Assert.Equal(3L, Db.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table} WHERE first_name = :n", new { n = "renamed" }));
        Assert.Equal(2, await Db.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {table} WHERE id NOT IN (:ids) AND first_name <> :n",
            new Dictionary<string, object?> { ["ids"] = new List<long> { ids[0], ids[2], ids[4] }, ["n"] = "renamed" }, Ct));
    }

    [Fact]
    public async Task An_empty_list_matches_no_row_with_IN_and_every_row_with_NOT_IN()
    {
        var table = await CreatePeopleAsync(4);
        await Db.ExecuteAsync($"UPDATE {table} SET age = NULL WHERE id = (SELECT MIN(id) FROM {table})", cancellationToken: Ct);
        foreach (var empty in new object[] { Array.Empty<long>(), new List<string>(), Array.Empty<DateTime>() })
        {
            Assert.Equal(0L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE id IN (:ids)", new { ids = empty }, Ct));
            Assert.Equal(4L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE id NOT IN ( :ids )", new { ids = empty }, Ct));
            // NULL is not in an empty set either (SQL's rule for NOT IN over an empty subquery)
            Assert.Equal(4L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE age not in (:ids)", new { ids = empty }, Ct));
        }
        string[] none = [];
        // text on the left, a NOT across a line break, parameters after the list, NOT around an IN, the sync path
        Assert.Equal(3L, Db.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table} WHERE first_name NOT\n  IN (:names) AND first_name <> :n", new { names = none, n = "P2" }));
        Assert.Equal(4L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE NOT (first_name IN (:names))", new { names = none }, Ct));
        Assert.Equal(4L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE first_name NOT /* none */ IN (:names)", new { names = none }, Ct));
        Assert.Equal(1L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE id IN (:ids) OR first_name = :n", new { ids = Array.Empty<long>(), n = "P2" }, Ct));
        // "delete every row except these", with nothing to keep, deletes every row
        Assert.Equal(4, await Db.ExecuteAsync($"DELETE FROM {table} WHERE id NOT IN (:keep)", new { keep = Array.Empty<long>() }, Ct));
    }

    [Fact]
    public async Task Execute_same_parameter_used_twice_binds_one_value()
    {
        var table = await CreatePeopleAsync();
        var count = await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE first_name = :n OR (first_name = :n AND age > 0)",
            new { n = "P3" }, Ct);
        Assert.Equal(1L, count);
    }

    [Fact]
    public async Task Query_missing_parameter_names_it_and_runs_nothing()
    {
        var table = await CreatePeopleAsync();
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            Db.ExecuteAsync($"DELETE FROM {table} WHERE first_name = :first_name", new { name = "P1" }, Ct));
        Assert.Contains(":first_name", e.Message);
        Assert.Equal(3L, await Db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}", cancellationToken: Ct));
    }

    [Fact]
    public async Task QueryStreamAsync_yields_every_row_of_a_large_result()
    {
        var table = Fixture.NewTable("big");
        await Db.ExecuteAsync($"CREATE TABLE {table} (n {T(SpecType.Int64)} NOT NULL, label {T(SpecType.Text)} NOT NULL)", cancellationToken: Ct);
        await Db.TransactionAsync(async tx =>
        {
            for (var i = 0; i < 2_000; i += 100)
            {
                var values = string.Join(", ", Enumerable.Range(i, 100).Select(k => $"({k}, 'row {k}')"));
                await tx.ExecuteAsync($"INSERT INTO {table} (n, label) VALUES {values}", cancellationToken: Ct);
            }
        }, cancellationToken: Ct);
        long sum = 0;
        var count = 0;
        await foreach (var row in Db.QueryStreamAsync($"SELECT n, label FROM {table}", cancellationToken: Ct))
        {
            sum += row.Get<long>("n");
            count++;
        }
        Assert.Equal(2_000, count);
        Assert.Equal(1999L * 2000 / 2, sum);
        Assert.Equal(count, Db.QueryStream<long>($"SELECT n FROM {table}").Count());
        var typed = 0;
        await foreach (var n in Db.QueryStreamAsync<long>($"SELECT n FROM {table} WHERE n < :limit", new { limit = 10 }, Ct)) typed += (int)n + 1;
        Assert.Equal(55, typed);
    }

    [Fact]
    public async Task QueryAsync_honours_a_cancelled_token()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Db.QueryAsync<int>("SELECT 1", cancellationToken: cts.Token));
        // the pool is still usable afterwards
        Assert.Equal(1, await Db.ExecuteScalarAsync<int>("SELECT 1", cancellationToken: Ct));
    }

    [Fact]
    public async Task Query_parameter_like_text_outside_placeholders_reaches_the_engine_unchanged()
    {
        foreach (var (sql, expected) in LiteralProbes())
        {
            var row = (await Db.QueryAsync(sql, new { v = "bound" }, Ct)).Single();
            Assert.True(expected == Convert.ToString(row[0]), $"{sql}: expected {expected}, got {row[0]}");
            Assert.Equal("bound", row[1]);
        }
    }

    /// <summary>
    /// Queries returning (literal text, :v) where the literal contains parameter-like text. Engines add their own
    /// syntax (dollar quotes, backslash escapes, # comments).
    /// </summary>
    protected virtual IEnumerable<(string Sql, string Expected)> LiteralProbes() =>
    [
        ("SELECT ':a' AS t, :v AS v", ":a"),
        ("SELECT 'it''s :a' AS t, :v AS v", "it's :a"),
        ("SELECT /* :a */ 'x' AS t, :v AS v", "x"),
        ("SELECT 'y' AS t, -- :a\n :v AS v", "y"),
        ("SELECT '/* :a' AS t, :v AS v /* ' :b */", "/* :a"),
        ("SELECT '12:30' AS t, :v AS v", "12:30"),
        ("SELECT 'user@''%'' :x' AS t, :v AS v", "user@'%' :x"),
    ];

    [Fact]
    public async Task InsertReturning_gives_back_the_generated_key_where_the_engine_can()
    {
        var table = await CreatePeopleAsync(0);
        var sql = () => Db.Dialect.InsertReturning(table, ["first_name", "is_active"], ["id"]);
        if (!Db.Dialect.Capabilities.Returning)
        {
            Assert.Throws<NotSupportedException>(sql);
            return;
        }
        var id = await Db.ExecuteScalarAsync<long>(sql(), new { first_name = "Zed", is_active = true }, Ct);
        Assert.True(id > 0);
        Assert.Equal("Zed", await Db.QuerySingleAsync<string>($"SELECT first_name FROM {table} WHERE id = :id", new { id }, Ct));
    }

    [Fact]
    public async Task Execute_injection_payloads_are_stored_as_data()
    {
        var table = Fixture.NewTable("payloads");
        await Db.ExecuteAsync($"CREATE TABLE {table} (id {T(SpecType.Int32)} PRIMARY KEY, body {T(SpecType.Text)} NULL)", cancellationToken: Ct);
        var payloads = new[] { "-1", $"x'); DROP TABLE {table}; --", "\nDROP TABLE x;", "1 OR 1=1", "\\'; --", new string('é', 1 << 20), "", null };
        for (var i = 0; i < payloads.Length; i++)
            await Db.ExecuteAsync($"INSERT INTO {table} (id, body) VALUES (:id, :body)", new { id = i, body = payloads[i] }, Ct);
        for (var i = 0; i < payloads.Length; i++)
            Assert.Equal(payloads[i], await Db.QuerySingleAsync<string?>($"SELECT body FROM {table} WHERE id = :id", new { id = i }, Ct));
        Assert.Equal(-5, await Db.ExecuteScalarAsync<int>("SELECT 0-:v", new { v = 5 }, Ct));
    }
}
