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
}
