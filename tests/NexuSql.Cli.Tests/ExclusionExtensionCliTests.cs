namespace NexuSql.Cli.Tests;

/// <summary>
/// Break test of issue 11 (session 18), L8: an exclusion constraint whose operator classes come from an extension
/// (<c>btree_gist</c> for <c>room WITH =</c>) failed PostgreSQL → PostgreSQL after the rows were loaded, with a raw 42704
/// and the target left with its tables and the marker. The extension is now read into the schema with the constraint
/// that needs it and created before the tables; the constraint is enforced in the target (read with psql).
/// </summary>
public sealed class ExclusionExtensionCliTests() : ValueFidelityCliTestBase("excl-ext")
{
    [Fact]
    public async Task An_exclusion_constraint_needing_btree_gist_is_copied_and_restored_with_its_extension_and_enforced()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE EXTENSION btree_gist;
                CREATE TABLE r (id int PRIMARY KEY, during tsrange, room int, CONSTRAINT r_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));
                INSERT INTO r VALUES (1, '[2020-01-01,2020-01-02)', 1);
                """);
            Assert.Contains("\"name\": \"btree_gist\"", (await Ok("--url", source, "schema", "dump")).Stdout, StringComparison.Ordinal);
            var (copied, restored) = await MoveAsync(source, "postgresql");
            await Ok("--url", copied, "verify", "--against", source);
            foreach (var target in new[] { copied, restored })
            {
                Assert.Equal("btree_gist", await EngineClient.RunAsync(target, "SELECT extname FROM pg_extension WHERE extname = 'btree_gist'"));
                Assert.Equal("r_no_overlap|EXCLUDE USING gist (room WITH =, during WITH &&)",
                    await EngineClient.RunAsync(target, "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'x'"));
                await Assert.ThrowsAnyAsync<Exception>(() => EngineClient.RunAsync(target, "INSERT INTO r VALUES (2, '[2020-01-01 12:00,2020-01-03)', 1)"));
                await EngineClient.RunAsync(target, "INSERT INTO r VALUES (2, '[2020-01-01 12:00,2020-01-03)', 2)");
            }
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    /// <summary>
    /// Break test 23 F27: an extension only an index's operator class (pg_trgm's gin_trgm_ops) or a column default's
    /// function (uuid-ossp's uuid_generate_v4(), pgcrypto's gen_random_bytes()) needs was not created in the target:
    /// the copy failed with a raw 42704 after the rows, or 42883 at the table.
    /// </summary>
    [Fact]
    public async Task Extensions_an_index_or_a_default_needs_are_copied_and_restored_with_it()
    {
        try
        {
            var source = await Db.NewAsync("postgresql");
            await EngineClient.RunScriptAsync(source, """
                CREATE EXTENSION pg_trgm;
                CREATE EXTENSION "uuid-ossp";
                CREATE EXTENSION pgcrypto;
                CREATE TABLE d (id int PRIMARY KEY, t text);
                CREATE INDEX d_trgm ON d USING gin (t gin_trgm_ops);
                INSERT INTO d VALUES (1, 'hello');
                CREATE TABLE k (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), salt bytea DEFAULT gen_random_bytes(8));
                INSERT INTO k DEFAULT VALUES;
                """);
            const string Catalog = "SELECT string_agg(extname, ',' ORDER BY extname) || ' ' || (SELECT indexdef FROM pg_indexes WHERE indexname = 'd_trgm') FROM pg_extension";
            var (copied, restored) = await MoveAsync(source, "postgresql");
            await AssertSameAsync(Catalog, source, copied, restored);
            foreach (var target in new[] { copied, restored })
                Assert.Equal("2", await EngineClient.RunAsync(target, "INSERT INTO k DEFAULT VALUES; SELECT count(*) FROM k"));
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
